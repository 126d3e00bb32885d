"""Customer journeys encoded for attribution: channel codes, touch offsets, weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import Float64Array, as_float_array

IntArray = np.ndarray


@attrs.frozen(eq=False)
class Journeys:
    """Touches of every journey, flattened: journey j's touches are
    ``codes[offsets[j]:offsets[j + 1]]`` (codes index ``channels``), in touch order."""

    channels: tuple[str, ...]
    codes: IntArray
    offsets: IntArray
    conversions: Float64Array
    value: Float64Array
    nulls: Float64Array

    @property
    def lengths(self) -> IntArray:
        return np.diff(self.offsets)

    @property
    def size(self) -> int:
        return len(self.offsets) - 1


def _per_journey(values: object, argument: str, size: int, default: float) -> Float64Array:
    if values is None:
        return np.full(size, default)
    array = as_float_array(values, argument=argument)
    if array.ndim == 0:
        return np.full(size, float(array))
    if array.shape != (size,):
        raise InvalidValueError(
            f"{argument!r} needs one value per journey ({size}): got shape {array.shape}"
        )
    return array


def encode(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    nulls: object = None,
    sep: str | None = None,
) -> Journeys:
    """Validate and encode journeys given as sequences of channel names, as strings joined by
    ``sep``, or columnar as ``{"journey": ids, "channel": names}`` (touches in order)."""
    if isinstance(paths, Mapping):
        if set(paths) != {"journey", "channel"}:
            raise InvalidValueError(
                "columnar 'paths' must be {'journey': journey ids, 'channel': channel names}, "
                f"with touches in order: got keys {sorted(map(str, paths))}"
            )
        ids = np.asarray(paths["journey"])
        names = np.asarray(paths["channel"]).astype(str)
        if ids.ndim != 1 or ids.shape != names.shape or ids.dtype.kind not in "iu":
            raise InvalidValueError("columnar 'paths' needs equal-length integer 'journey' ids")
        if ids.size and np.any(np.diff(ids) < 0):
            raise InvalidValueError("columnar 'paths' must be sorted by journey id")
        channels, codes = np.unique(names, return_inverse=True)
        _, starts = np.unique(ids, return_index=True)
        offsets = np.append(starts, ids.size).astype(np.intp)
        size = len(starts)
        labels = tuple(str(c) for c in channels)
    else:
        if isinstance(paths, (str, bytes)) or not isinstance(paths, Sequence):
            raise InvalidTypeError(
                f"'paths' must be a sequence of journeys (sequences of channel names): {paths!r}"
            )
        journeys: list[Sequence[str]] = []
        for j, path in enumerate(paths):
            if isinstance(path, str):
                if sep is None:
                    raise InvalidValueError(
                        f"journey {j} is a string {path!r}: pass sep= to split it into channels"
                    )
                path = [p.strip() for p in path.split(sep)]
            if isinstance(path, (bytes, Mapping)) or not isinstance(path, Sequence):
                raise InvalidTypeError(
                    f"journey {j} must be a sequence of channel names: {path!r}"
                )
            if not path:
                raise InvalidValueError(f"journey {j} is empty; every journey needs a touch")
            if not all(isinstance(c, str) and c for c in path):
                raise InvalidValueError(f"journey {j} must hold non-empty channel names: {path!r}")
            journeys.append([str(c) for c in path])
        size = len(journeys)
        labels = tuple(sorted({c for p in journeys for c in p}))
        index = {c: i for i, c in enumerate(labels)}
        codes = np.fromiter((index[c] for p in journeys for c in p), dtype=np.intp)
        offsets = np.zeros(size + 1, dtype=np.intp)
        np.cumsum([len(p) for p in journeys], out=offsets[1:])
    if size == 0:
        raise InvalidValueError("'paths' is empty: attribution needs at least one journey")
    conv = _per_journey(conversions, "conversions", size, 1.0)
    return Journeys(
        labels,
        np.asarray(codes, dtype=np.intp),
        offsets,
        conv,
        _per_journey(value, "value", size, 0.0),
        _per_journey(nulls, "nulls", size, 0.0),
    )
