"""A path table: the distinct journeys' paths with their conversions, value and nulls, and
the path transforms (Google's fractribution) that shape paths before they are counted.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._metrics.arrays import Float64Array

#: Path transforms, by fractribution's names (google/fractribution, py/README.md,
#: ``path_transform``; py/templates/path_transforms.sql), applied in the order given. On the
#: path (D, A, B, B, C, D, C, C): "unique" keeps it; "exposure" collapses consecutive
#: repeats, (D, A, B, C, D, C); "first" keeps each channel's first touch, (D, A, B, C);
#: "frequency" does too and counts the touches, (D(2), A(1), B(2), C(3)).
#: ``("trim_long_path", n)`` keeps the last n touches; ``("remove_if_not_all", "D")``
#: drops every touch of channel D unless D is all the path holds;
#: ``("remove_if_last_and_not_all", "D")`` drops the trailing touches of D, unless D is all.
SIMPLE_TRANSFORMS = ("unique", "exposure", "first", "frequency")
PARAMETER_TRANSFORMS = ("trim_long_path", "remove_if_not_all", "remove_if_last_and_not_all")

Transform = tuple[str, object]


def check_touches(n: object, argument: str) -> int:
    """A number of touches: a positive integer."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or int(n) < 1:
        raise InvalidValueError(f"{argument!r} must be a whole number of touches >= 1: {n!r}")
    return int(n)


def check_transforms(transforms: object) -> tuple[Transform, ...]:
    """Each transform as ``(name, parameter)``, after checking names and parameters."""
    if isinstance(transforms, str) or (
        isinstance(transforms, tuple) and transforms[:1] in [(p,) for p in PARAMETER_TRANSFORMS]
    ):
        transforms = [transforms]  # one transform, given alone
    if not isinstance(transforms, Sequence):
        raise InvalidTypeError(
            f"'transforms' must be a list of path transforms such as ['exposure', "
            f"('remove_if_not_all', 'Direct')]: {transforms!r}"
        )
    out: list[Transform] = []
    for k, given in enumerate(transforms):
        if isinstance(given, str) and given in SIMPLE_TRANSFORMS:
            out.append((given, None))
            continue
        if (
            isinstance(given, tuple)
            and len(given) == 2
            and isinstance(given[0], str)
            and given[0] in PARAMETER_TRANSFORMS
        ):
            name, parameter = given
            if name == "trim_long_path":
                # beyond 2**62 touches (more than any journey holds) trimming keeps them all
                out.append((name, min(check_touches(parameter, f"transforms[{k}]"), 2**62)))
            elif isinstance(parameter, str) and parameter.strip():
                out.append((name, parameter))
            else:
                raise InvalidValueError(
                    f"'transforms[{k}]' {name!r} needs a channel name: {parameter!r}"
                )
            continue
        raise InvalidValueError(
            f"'transforms[{k}]' is not a path transform: {given!r}; use one of "
            f"{list(SIMPLE_TRANSFORMS)}, or ('trim_long_path', n), ('remove_if_not_all', "
            "channel), ('remove_if_last_and_not_all', channel)"
        )
    return tuple(out)


@attrs.frozen(eq=False)
class PathTable:
    """Distinct paths (channel names in touch order) with their journeys' conversions,
    conversion value and nulls (journeys that did not convert), sorted by path.

    Every model takes it in place of paths: ``attribution.markov(table)``. Converted
    journeys left with no touch (by the lookback window or the transforms) cannot be
    credited to a channel: they are counted in ``unattributed_conversions`` and
    ``unattributed_value``, never dropped silently."""

    paths: tuple[tuple[str, ...], ...]
    conversions: Float64Array
    value: Float64Array
    nulls: Float64Array
    unattributed_conversions: float = 0.0
    unattributed_value: float = 0.0

    @property
    def journeys(self) -> Float64Array:
        """Journeys per path: each converted once or not at all."""
        return np.asarray(self.conversions + self.nulls, dtype=np.float64)

    def __len__(self) -> int:
        return len(self.paths)

    @functools.cached_property
    def _codes(self) -> tuple[tuple[str, ...], np.ndarray, np.ndarray] | None:
        """The paths already encoded (channels, codes, offsets), when the table was built
        from codes (``path_table``); None otherwise, and on a copy (``attrs.evolve``), whose
        paths the models check and encode again."""
        return None


def encoded(table: PathTable) -> tuple[tuple[str, ...], np.ndarray, np.ndarray] | None:
    """The channels, codes and offsets the table was built from, if it was."""
    return table._codes


def from_codes(
    channels: tuple[str, ...],
    codes: np.ndarray,
    offsets: np.ndarray,
    paths: tuple[tuple[str, ...], ...],
    counts: tuple[Float64Array, Float64Array, Float64Array, float, float],
) -> PathTable:
    """A table whose paths are ``channels[codes[offsets[k]:offsets[k + 1]]]``, keeping the
    codes so that the models need not encode the paths again."""
    table = PathTable(paths, *counts)
    object.__setattr__(table, "_codes", (channels, codes, offsets))
    return table
