"""The caller's calendar: which day a week starts on, which month a fiscal year starts in, and
the arithmetic of periods (the start of the period holding a day, the period n before it, how
much of a period has passed).

A period is named by its first day. Roll-ups bucket weeks as ISO weeks (Monday) and years as
calendar years; a :class:`Calendar` regroups a report into the caller's weeks and fiscal
years (:func:`socialroi.regroup`) and drives the time views (:mod:`timeviews`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError

#: The periods a calendar knows, shortest first.
PERIODS = ("day", "week", "month", "quarter", "year")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _week_start(value: object) -> str:
    if isinstance(value, str) and value.lower() in WEEKDAYS:
        return value.lower()
    raise InvalidValueError(
        f"'week_start' must be a day of the week, one of {WEEKDAYS}: {value!r}"
    )


def _fiscal_year_start(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise InvalidValueError(
            f"'fiscal_year_start' must be the month the fiscal year starts in, 1 to 12 "
            f"(4 for April): {value!r}"
        )
    return value


def check_period(value: object) -> str:
    """A period name, checked."""
    if not isinstance(value, str) or value not in PERIODS:
        raise InvalidValueError(f"'period' must be one of {PERIODS}: {value!r}")
    return str(value)


def as_day(value: object, *, argument: str) -> dt.date:
    """A date, a datetime (its day) or an ISO date string (``"2026-03-01"``) as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InvalidValueError(
        f"{argument!r} must be a date or an ISO date (YYYY-MM-DD), the first day of a period: "
        f"{value!r}"
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s (``day`` is a month start)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@attrs.frozen(kw_only=True)
class Calendar:
    """Where weeks and fiscal years start.

    Parameters
    ----------
    week_start
        The first day of a week, ``"monday"`` (ISO 8601, as roll-ups bucket weeks) to
        ``"sunday"``.
    fiscal_year_start
        The month (1 to 12) a fiscal year starts in: quarters and years follow it, and so
        do year-to-date views. 1 (January) gives calendar years.

    Examples
    --------
    >>> import datetime as dt
    >>> import socialroi as sr
    >>> cal = sr.Calendar(week_start="sunday", fiscal_year_start=4)
    >>> cal.start(dt.date(2026, 3, 4), "week"), cal.start(dt.date(2026, 3, 4), "year")
    (datetime.date(2026, 3, 1), datetime.date(2025, 4, 1))
    >>> cal.start(dt.date(2026, 5, 20), "quarter")
    datetime.date(2026, 4, 1)
    >>> round(cal.elapsed(dt.date(2026, 4, 15), "month"), 4)   # 15 of April's 30 days
    0.5
    """

    week_start: str = attrs.field(default="monday", converter=_week_start)
    fiscal_year_start: int = attrs.field(default=1, converter=_fiscal_year_start)

    def start(self, day: object, period: str) -> dt.date:
        """The first day of the ``period`` holding ``day``."""
        day = as_day(day, argument="day")
        period = check_period(period)
        if period == "day":
            return day
        if period == "week":
            first = WEEKDAYS.index(self.week_start)
            return day - dt.timedelta(days=(day.weekday() - first) % 7)
        month = day.replace(day=1)
        if period == "month":
            return month
        size = 3 if period == "quarter" else 12
        into = (day.month - self.fiscal_year_start) % size
        return _add_months(month, -into)

    def shift(self, start: object, period: str, n: int) -> dt.date:
        """The first day of the period ``n`` periods after the one starting on ``start``
        (``n`` < 0: before it)."""
        day = self.start(start, period)
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidTypeError(f"'n' must be a whole number of periods: {n!r}")
        try:
            if period == "day":
                return day + dt.timedelta(days=n)
            if period == "week":
                return day + dt.timedelta(weeks=n)
            return _add_months(day, n * {"month": 1, "quarter": 3, "year": 12}[period])
        except (OverflowError, ValueError):
            raise InvalidValueError(
                f"{n!r} {period}s from {day} is beyond the dates Python holds (years 1 to 9999)"
            ) from None

    def periods_per_year(self, period: str) -> int:
        """How many periods back "the same period last year" is: 12 months, 4 quarters,
        1 year, 52 weeks (the same weekday, as retail calendars compare) or 364 days."""
        return {"day": 364, "week": 52, "month": 12, "quarter": 4, "year": 1}[check_period(period)]

    def elapsed(self, day: object, period: str) -> float:
        """The share of the ``period`` holding ``day`` that has passed at the end of ``day``:
        in (0, 1], the input :meth:`KPI.pace` takes as ``elapsed``."""
        day = as_day(day, argument="day")
        first = self.start(day, check_period(period))
        length = (self.shift(first, period, 1) - first).days
        return ((day - first).days + 1) / length


def check_calendar(value: object) -> Calendar:
    if not isinstance(value, Calendar):
        raise InvalidTypeError(f"'calendar' must be a socialroi Calendar: {value!r}")
    return value
