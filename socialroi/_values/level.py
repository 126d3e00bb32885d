"""Levels: a stock read at dates (followers, subscribers), which is not a sum of actions.

Followers at the end of March are not the followers of January plus those of February: a
level does not add across periods. Across accounts it does: two pages with 9,000 and 4,000
followers have 13,000 between them. A :class:`Level` therefore keeps, for each series it was
read on (an account, a page, a channel), the earliest and the latest reading. Merging keeps,
per series, the earlier opening and the later closing (periods chain), and adds the series
(accounts add). Two readings of one series on one date must agree: a series has one level a
day, and a disagreement is an error, never a silent choice.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._values.checks import check_number


def check_date(value: object, *, argument: str) -> dt.date:
    """A calendar date: a ``datetime.date`` or an ISO string ``"2026-03-31"``."""
    if isinstance(value, dt.datetime):
        raise InvalidTypeError(
            f"{argument!r} must be a date, not a datetime: {value!r}; a level is read once a "
            "day, so pass value.date()"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidValueError(
                f"{argument!r} must be an ISO date such as '2026-03-31': {value!r}"
            ) from None
    raise InvalidTypeError(f"{argument!r} must be a datetime.date or an ISO string: {value!r}")


def _series(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(f"'series' must be a string (an account or page): {value!r}")
    return value


@attrs.frozen
class Span:
    """The earliest and the latest reading of one series."""

    opened: dt.date
    opening: float
    closed: dt.date
    closing: float

    def __or__(self, other: Span) -> Span:
        return Span(
            *_earlier(self.opened, self.opening, other.opened, other.opening),
            *_later(self.closed, self.closing, other.closed, other.closing),
        )


def _conflict(on: dt.date, a: float, b: float) -> None:
    raise InvalidValueError(
        f"two readings of one series on {on.isoformat()} disagree: {a!r} and {b!r}; a series "
        "has one level a day: give each account its own series= or drop the duplicate"
    )


def _earlier(a_on: dt.date, a: float, b_on: dt.date, b: float) -> tuple[dt.date, float]:
    if a_on == b_on and a != b:
        _conflict(a_on, a, b)
    return (a_on, a) if a_on <= b_on else (b_on, b)


def _later(a_on: dt.date, a: float, b_on: dt.date, b: float) -> tuple[dt.date, float]:
    if a_on == b_on and a != b:
        _conflict(a_on, a, b)
    return (a_on, a) if a_on >= b_on else (b_on, b)


def _spans(value: object) -> dict[str, Span]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(f"'spans' must map series names to spans: {value!r}")
    out: dict[str, Span] = {}
    for series, span in value.items():
        if not isinstance(span, Span):
            raise InvalidTypeError(f"'spans[{series!r}]' must be a Span: {span!r}")
        out[_series(series)] = span
    return out


@attrs.frozen(repr=False, hash=False)
class Level:
    """A level (followers, subscribers) read at dates, per series.

    Build one with :meth:`at` (one reading) or :meth:`between` (an opening and a closing
    reading); merge with ``|`` (what ``Measures`` do). ``opening`` and ``closing`` add the
    series' earliest and latest readings; ``change`` is their difference.

    Examples
    --------
    >>> import socialroi as sr
    >>> jan = sr.Level.between("2026-01-01", 9_000, "2026-01-31", 9_400, series="instagram")
    >>> feb = sr.Level.between("2026-02-01", 9_400, "2026-02-28", 9_900, series="instagram")
    >>> (jan | feb).opening, (jan | feb).closing        # periods chain
    (9000.0, 9900.0)
    >>> page = sr.Level.between("2026-01-01", 4_000, "2026-02-28", 4_100, series="facebook")
    >>> both = jan | feb | page                         # accounts add
    >>> both.opening, both.closing, both.change
    (13000.0, 14000.0, 1000.0)
    """

    spans: Mapping[str, Span] = attrs.field(converter=_spans)

    def __attrs_post_init__(self) -> None:
        if not self.spans:
            raise InvalidValueError("a Level needs at least one reading; leave it out instead")
        for series, s in self.spans.items():
            if s.opened > s.closed or (s.opened == s.closed and s.opening != s.closing):
                raise InvalidValueError(
                    f"series {series!r}: the opening reading ({s.opened.isoformat()}, "
                    f"{s.opening!r}) must come before the closing one ({s.closed.isoformat()}, "
                    f"{s.closing!r})"
                )

    @classmethod
    def at(cls, on: object, count: float, *, series: str = "") -> Level:
        """One reading: ``count`` on the date ``on``."""
        day = check_date(on, argument="on")
        n = check_number(count, argument="count")
        return cls({_series(series): Span(day, n, day, n)})

    @classmethod
    def between(
        cls, opened: object, opening: float, closed: object, closing: float, *, series: str = ""
    ) -> Level:
        """Two readings of one series: ``opening`` on ``opened``, ``closing`` on ``closed``."""
        return cls(
            {
                _series(series): Span(
                    check_date(opened, argument="opened"),
                    check_number(opening, argument="opening"),
                    check_date(closed, argument="closed"),
                    check_number(closing, argument="closing"),
                )
            }
        )

    def __or__(self, other: object) -> Level:
        """The level of both: per series the earlier opening and the later closing."""
        if not isinstance(other, Level):
            raise InvalidTypeError(f"can only combine a Level with a Level: {other!r}")
        spans = dict(self.spans)
        for series, span in other.spans.items():
            mine = spans.get(series)
            spans[series] = span if mine is None else mine | span
        return Level(spans)

    @property
    def opening(self) -> float:
        """The earliest reading of every series, added."""
        return math.fsum(s.opening for s in self.spans.values())

    @property
    def closing(self) -> float:
        """The latest reading of every series, added."""
        return math.fsum(s.closing for s in self.spans.values())

    @property
    def change(self) -> float:
        """closing - opening (net new followers; negative when they fell)."""
        return self.closing - self.opening

    @property
    def opened(self) -> dt.date:
        """The date of the earliest reading."""
        return min(s.opened for s in self.spans.values())

    @property
    def closed(self) -> dt.date:
        """The date of the latest reading."""
        return max(s.closed for s in self.spans.values())

    def __hash__(self) -> int:
        return hash(frozenset(self.spans.items()))

    def __repr__(self) -> str:
        parts = []
        for series, s in self.spans.items():
            named = f", series={series!r}" if series else ""
            if s.opened == s.closed:
                parts.append(f"Level.at({s.opened.isoformat()!r}, {s.opening!r}{named})")
            else:
                parts.append(
                    f"Level.between({s.opened.isoformat()!r}, {s.opening!r}, "
                    f"{s.closed.isoformat()!r}, {s.closing!r}{named})"
                )
        return " | ".join(parts)
