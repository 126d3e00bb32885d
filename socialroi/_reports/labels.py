"""Row labels keep their type: strings, or integers where the data has integer ids.

A campaign id read from an export as an integer stays an integer, so rows sort numerically
(916 < 936 < 1178, not '1178' < '916'). Booleans are not labels (True == 1 would merge a flag
with an id); a dimension may mix integers and strings, and then integers sort first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Union

import numpy as np

from socialroi._errors import InvalidTypeError

Label = Union[str, int]  # noqa: UP007 (a runtime alias, Python 3.10)
Key = tuple[Label, ...]


def check_label(value: object, *, argument: str) -> Label:
    """A label: a string, or an integer (a numpy integer becomes a Python int)."""
    if isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(
            f"{argument!r} must be a string or an integer label, not a boolean: {value!r}"
        )
    if isinstance(value, np.integer):
        return int(value)
    if not isinstance(value, (str, int)):
        raise InvalidTypeError(f"{argument!r} must be a string or an integer label: {value!r}")
    return value


def key_order(key: Sequence[Label]) -> tuple[tuple[int, Label], ...]:
    """A key's place in the natural order: label by label, integers as numbers (before
    strings where a dimension has both), strings as text."""
    return tuple((0, label) if isinstance(label, int) else (1, label) for label in key)


def sorted_keys(keys: Iterable[Key]) -> list[Key]:
    """Keys in their natural order (see :func:`key_order`)."""
    return sorted(keys, key=key_order)


def matches(key: Sequence[Label], labels: Sequence[object]) -> bool:
    """Whether ``labels`` name ``key``: label by label equal, an integer label also named by
    its digits (``"916"`` names 916), so text typed from a printed table still finds it."""
    return len(key) == len(labels) and all(
        k == want or (isinstance(k, int) and isinstance(want, str) and str(k) == want.strip())
        for k, want in zip(key, labels, strict=True)
    )
