"""Columns that must say one thing across a roll-up: the currency and the attribution window.

Amounts in two currencies do not add, and neither do conversions counted under two
attribution windows (Meta's 7-day click or 1-day view against LinkedIn's 30-day click or
7-day view). Where the data carry a ``currency`` column (the sources write one), every row
must be in the roll-up's currency: convert first (:func:`socialroi.convert`). Where they carry
an ``attribution_window`` column, its rows must share one window, unless the roll-up groups by
it or the caller leaves it out on purpose (``ignore=["attribution_window"]``).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from socialroi._errors import CurrencyMismatchError, InvalidValueError

CURRENCY, WINDOW = "currency", "attribution_window"


def _values(data: object, column: str) -> list[str] | None:
    """The distinct non-missing labels of ``column``, or None where it is not in ``data``."""
    if isinstance(data, Mapping):
        if column not in data:
            return None
        labels = np.asarray(data[column], dtype=object)
        return sorted({str(v) for v in labels.tolist() if v is not None and v == v})
    try:
        import narwhals.stable.v2 as nw
    except ImportError:  # the roll-up names the package to install
        return None
    with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
        warnings.filterwarnings("ignore", message="Dask support is moving", category=FutureWarning)
        try:
            frame: Any = nw.from_native(data)
            present = column in frame.collect_schema()
        except (TypeError, ValueError):
            return None  # not a frame, or duplicate names: the roll-up names the problem
        if not present:
            return None
        found = frame.select(nw.col(column).cast(nw.String)).unique()
        if hasattr(found, "collect"):
            found = found.collect()
    return sorted({str(v) for v in found[column].to_list() if v is not None})


def check_uniform(
    data: object, dims: Sequence[str], currency: str, skip: Sequence[str]
) -> str | None:
    """Refuse a roll-up that would add amounts of two currencies, or conversions of two
    attribution windows (see the module docstring); the one window the rows were counted
    under, which the report carries (None where the data say none, or the roll-up groups by
    the window or leaves it out)."""
    codes = _values(data, CURRENCY)
    if codes and codes != [currency]:
        raise CurrencyMismatchError(
            f"column {CURRENCY!r} holds {', '.join(codes)} and the roll-up is in {currency}: "
            f"convert the amounts first, sr.convert(data, rates, to={currency!r})"
        )
    if WINDOW in dims or WINDOW in skip:
        return None
    windows = _values(data, WINDOW)
    if windows and len(windows) > 1:
        raise InvalidValueError(
            f"column {WINDOW!r} holds {len(windows)} attribution windows ({windows}), and "
            "conversions counted under different windows do not add up: group by "
            f"{WINDOW!r}, or pass ignore=[{WINDOW!r}] to add them on purpose"
        )
    return windows[0] if windows else None
