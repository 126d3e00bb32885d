"""Customer journeys encoded for attribution: channel codes, touch offsets, weights.

Every model validates its input here, so bad journeys, separators or per-journey numbers
raise the same ``SocialROIError`` with the same message whatever the model.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError, ShapeMismatchError
from socialroi._metrics.arrays import Float64Array, as_float_array
from socialroi._values.checks import check_number
from socialroi.attribution._paths import PathTable, encoded

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

    @property
    def journey(self) -> IntArray:
        """The journey of every touch."""
        return np.repeat(np.arange(self.size), self.lengths)


def scaled_counts(j: Journeys) -> tuple[Float64Array, Float64Array]:
    """Conversions and nulls divided by one power of two that puts both totals below 1.

    Models that use only their ratios (transition probabilities, conversion rates, shares)
    get the same numbers (bit for bit, unless values more than 2**1074 times smaller than the
    total underflow), while no sum of them can overflow."""
    exponent = max(math.frexp(float(j.conversions.sum()))[1], math.frexp(float(j.nulls.sum()))[1])
    return np.ldexp(j.conversions, -exponent), np.ldexp(j.nulls, -exponent)


def check_sep(sep: object) -> str | None:
    """``sep`` as given, after checking it is None or a non-empty string."""
    if sep is None:
        return None
    if not isinstance(sep, str):
        raise InvalidTypeError(f"'sep' must be a string such as '>', or None: {sep!r}")
    if not sep:
        raise InvalidValueError("'sep' must not be empty: ''; pass the separator, e.g. sep='>'")
    return sep


_MISSING = ", a missing channel name: name the channel (e.g. 'unknown') or drop the touch"


def _is_missing(x: object) -> bool:
    """None, or a float NaN (pandas' and numpy's missing value)."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def _sequence(paths: object) -> object:
    """Journeys from a numpy array (1-D of journeys, or 2-D: one row per journey) or a
    pandas or polars Series, as a list; anything else as given."""
    if isinstance(paths, np.ndarray):
        return [row.tolist() for row in paths] if paths.ndim == 2 else paths.tolist()
    for method in ("tolist", "to_list"):  # pandas, polars Series
        if not isinstance(paths, Mapping) and callable(getattr(paths, method, None)):
            out = getattr(paths, method)()
            if isinstance(out, list):
                return out
    return paths


def _path(path: object, j: int, sep: str | None) -> list[str]:
    """One journey as a list of channel names, or an error naming ``paths[j]``."""
    if isinstance(path, str):
        if sep is None:
            raise InvalidValueError(
                f"'paths[{j}]' is a string {path!r}: pass sep= to split it into channels"
            )
        path = [p.strip() for p in path.split(sep)]
    if isinstance(path, np.ndarray) and path.ndim == 1:
        path = path.tolist()
    if isinstance(path, (bytes, Mapping)) or not isinstance(path, Sequence):
        missing = " (a missing journey: drop it)" if _is_missing(path) else ""
        raise InvalidTypeError(
            f"'paths[{j}]' must be a sequence of channel names (or a string with sep=): "
            f"{path!r}{missing}"
        )
    if not path:
        raise InvalidValueError(f"'paths[{j}]' is empty: every journey needs at least one touch")
    for k, channel in enumerate(path):
        if not isinstance(channel, str):
            raise InvalidTypeError(
                f"'paths[{j}]' must hold channel names (strings): item {k} is {channel!r}"
                + _MISSING * _is_missing(channel)
            )
        if not channel.strip():
            raise InvalidValueError(
                f"'paths[{j}]' holds an empty channel name at item {k}: {path!r}; name it or "
                "drop the touch"
            )
    return [str(c) for c in path]


def _columnar(paths: Mapping[object, object]) -> tuple[tuple[str, ...], IntArray, IntArray]:
    """Channels, codes and offsets from ``{"journey": ids, "channel": names}``."""
    if set(paths) != {"journey", "channel"}:
        raise InvalidValueError(
            "columnar 'paths' must be {'journey': journey ids, 'channel': channel names}, "
            f"with touches in order: got keys {sorted(map(str, paths))}"
        )
    try:
        ids = np.asarray(paths["journey"])
        names = np.asarray(paths["channel"])
    except (TypeError, ValueError):
        raise InvalidTypeError(
            "columnar 'paths' needs flat arrays of journey ids and channel names"
        ) from None
    if not np.issubdtype(ids.dtype, np.integer):
        raise InvalidTypeError(
            f"columnar 'paths[\"journey\"]' must hold integer journey ids: got {ids.dtype}"
        )
    if ids.ndim != 1 or ids.shape != names.shape:
        raise ShapeMismatchError(
            "columnar 'paths' needs one journey id per channel name, both flat: got shapes "
            f"{ids.shape} and {names.shape}"
        )
    if names.dtype.kind == "O":
        bad = [k for k, x in enumerate(names) if not isinstance(x, str)]
        if bad:
            raise InvalidTypeError(
                f"columnar 'paths[\"channel\"]' must hold channel names (strings): item {bad[0]} "
                f"is {names[bad[0]]!r}" + _MISSING * _is_missing(names[bad[0]])
            )
        names = names.astype(str)
    if names.dtype.kind != "U":
        raise InvalidTypeError(
            f"columnar 'paths[\"channel\"]' must hold channel names (strings): got {names.dtype}"
        )
    if np.any(ids[1:] < ids[:-1]):
        raise InvalidValueError(
            "columnar 'paths' must be sorted by journey id, touches in order within a journey"
        )
    channels = np.unique(names)  # the distinct names (hashed), then each touch's code:
    codes = np.searchsorted(channels, names)  # faster than sorting every touch's name
    if any(not c.strip() for c in channels):
        raise InvalidValueError(
            "columnar 'paths[\"channel\"]' holds an empty channel name; name it or drop the "
            "touches"
        )
    starts = np.flatnonzero(np.concatenate([[ids.size > 0], ids[1:] != ids[:-1]]))  # sorted
    offsets = np.append(starts, ids.size).astype(np.intp)
    return tuple(str(c) for c in channels), codes, offsets


def _numbers(values: object, argument: str) -> Float64Array:
    """``values`` as a float64 array of finite, non-negative numbers. Strings, booleans and
    None are never numbers, even inside object arrays; an integer too large for a float is
    not finite."""
    if isinstance(values, numbers.Number) and not isinstance(values, bool):
        return np.asarray(check_number(values, argument=argument))
    try:
        array = np.asarray(values)
    except (TypeError, ValueError):  # ragged nesting
        raise InvalidTypeError(
            f"{argument!r} must be a number or an array of numbers: {values!r}"
        ) from None
    if array.dtype.kind != "O":
        return as_float_array(values, argument=argument)
    checked = []
    for k, x in enumerate(array.flat):
        if isinstance(x, bool) or not isinstance(x, numbers.Real):
            raise InvalidTypeError(
                f"{argument!r} must hold numbers: item {k} is {x!r}; convert strings and drop "
                "or impute missing values first"
            )
        checked.append(check_number(x, argument=f"{argument}[{k}]", allow_negative=True))
    return as_float_array(np.array(checked).reshape(array.shape), argument=argument)


def _per_journey(values: object, argument: str, size: int, default: float | None) -> Float64Array:
    """One finite, non-negative number per journey, whose total is a finite float too.
    ``None`` gives ``default``, or an error when there is no default."""
    if values is None:
        if default is None:
            raise InvalidTypeError(
                f"{argument!r} is required: one number per journey, or one number for all"
            )
        return np.full(size, default)
    array = _numbers(values, argument)
    if array.ndim == 0:
        array = np.full(size, float(array))
    if array.shape != (size,):
        raise ShapeMismatchError(
            f"{argument!r} needs one value per journey ({size}), or one number for all: got "
            f"shape {array.shape}"
        )
    with np.errstate(over="ignore"):
        total = float(array.sum())
    if not math.isfinite(total):
        raise InvalidValueError(
            f"{argument!r} add up to more than the largest float (about 1.8e308): rescale "
            "them, e.g. count in thousands"
        )
    return array


def encode(
    paths: object,
    conversions: object,
    *,
    value: object = None,
    nulls: object = None,
    sep: object = None,
) -> Journeys:
    """Validate and encode journeys given as sequences of channel names, as strings joined by
    ``sep``, or columnar as ``{"journey": ids, "channel": names}`` (touches in order), or
    a ``PathTable`` (which carries its own conversions, value and nulls)."""
    separator = check_sep(sep)
    if isinstance(paths, PathTable):
        given = [
            a
            for a, x in (("conversions", conversions), ("value", value), ("nulls", nulls))
            if x is not None
        ]
        if given:
            raise InvalidValueError(
                f"a PathTable carries its own conversions, value and nulls: drop {given}"
            )
        table = paths
        paths, conversions, value, nulls = table.paths, table.conversions, table.value, table.nulls
        codes_given = encoded(table)
    else:
        codes_given = None
    paths = _sequence(paths)
    if codes_given is not None:  # built from codes (path_table): checked already
        labels, codes, offsets = codes_given
    elif isinstance(paths, Journeys):  # already encoded (bootstrap draws): new numbers only
        labels, codes, offsets = paths.channels, paths.codes, paths.offsets
    elif isinstance(paths, Mapping):
        labels, codes, offsets = _columnar(paths)
    else:
        if isinstance(paths, (str, bytes)) or not isinstance(paths, Sequence):
            raise InvalidTypeError(
                f"'paths' must be a sequence of journeys (sequences of channel names): {paths!r}"
            )
        journeys = [_path(path, j, separator) for j, path in enumerate(paths)]
        labels = tuple(sorted({c for p in journeys for c in p}))
        index = {c: i for i, c in enumerate(labels)}
        codes = np.fromiter((index[c] for p in journeys for c in p), dtype=np.intp)
        offsets = np.zeros(len(journeys) + 1, dtype=np.intp)
        np.cumsum([len(p) for p in journeys], out=offsets[1:])
    size = len(offsets) - 1
    if size == 0:
        raise InvalidValueError("'paths' is empty: attribution needs at least one journey")
    return Journeys(
        labels,
        codes,
        offsets,
        _per_journey(conversions, "conversions", size, None),
        _per_journey(value, "value", size, 0.0),
        _per_journey(nulls, "nulls", size, 0.0),
    )
