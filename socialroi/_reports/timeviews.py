"""Views over time of a report with a period dimension: rolling windows, year to date, and
change against the previous period or the same period last year.

Every view merges the measures of the rows in its window and reads metrics from the merged
sums: a rolling CTR is sum(clicks) / sum(impressions) over the window, never a mean of CTRs.
A window that reaches outside the report's periods is undefined (NaN), never a merge of
what happens to be there; a period missing inside the report's span is an error unless the
caller says those periods had no activity (``gaps="empty"``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._measures.measures import merge_all
from socialroi._metrics.arrays import Float64Array, divide
from socialroi._metrics.catalog import unit_of
from socialroi._reports.calendar import PERIODS, Calendar, as_day, check_calendar, check_period
from socialroi._reports.report import Report, Row, measures_to_data
from socialroi._values.format import format_value, html_table, text_table

_GAPS = ("raise", "empty")
_CALENDAR = Calendar()
#: The periods of a row's window, from the row's period and the report's first (a window
#: may stop at the first period before the report's: it is undefined either way).
Window = Callable[[dt.date, dt.date], list[dt.date]]


@attrs.frozen(repr=False, eq=False)
class PeriodView:
    """A report's rows, each beside the merge of its window.

    ``current`` is the report; ``window`` holds, per row, the merged measures of the row's
    window (its rolling periods, its year so far, or the period it is compared with), and
    ``defined`` says where that window lies wholly inside the report's periods. Read a
    column of the window with :meth:`column` (NaN where undefined), and compare the report
    with it with :meth:`change` and :meth:`relative_change`.
    """

    name: str
    current: Report
    window: Report
    defined: tuple[bool, ...]

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise InvalidTypeError(f"'name' must be a string: {self.name!r}")
        for argument in ("current", "window"):
            if not isinstance(getattr(self, argument), Report):
                raise InvalidTypeError(
                    f"{argument!r} must be a socialroi Report: {getattr(self, argument)!r}"
                )
        if not isinstance(self.defined, tuple):
            raise InvalidTypeError(f"'defined' must be a tuple of bools: {self.defined!r}")
        if self.window.keys != self.current.keys or self.window.by != self.current.by:
            raise InvalidValueError("a view's 'window' needs the rows of its 'current' report")
        if len(self.defined) != len(self.current) or not all(
            isinstance(d, bool) for d in self.defined
        ):
            raise InvalidValueError(
                f"'defined' needs one True or False per row ({len(self.current)}): "
                f"{self.defined!r}"
            )

    def __len__(self) -> int:
        return len(self.current)

    def column(self, name: str) -> Float64Array:
        """A dimension's labels, or a measure or metric of each row's window (float64),
        NaN where the window is undefined."""
        if not isinstance(name, str):
            raise InvalidTypeError(f"'name' must be a column name (a string): {name!r}")
        if name in self.current.by:
            return self.current.column(name)  # the labels (objects)
        values: Float64Array = np.array(self.window.column(name), dtype=np.float64)
        values[~np.array(self.defined, dtype=bool)] = math.nan
        return values

    def change(self, name: str) -> Float64Array:
        """The report's value minus the window's: the change against the period compared
        with (NaN where it is undefined)."""
        now: Float64Array = np.asarray(self.current.column(name), dtype=np.float64)
        return now - self.column(name)

    def relative_change(self, name: str) -> Float64Array:
        """The report's value over the window's, minus 1 (0.6 for +60% year over year);
        undefined where the window is, or where its value is 0."""
        now = np.asarray(self.current.column(name), dtype=np.float64)
        return divide(now, self.column(name), denominator_name=name, zero_division=math.nan) - 1.0

    def row(self, *labels: object) -> Row:
        """The window of the report row whose labels are ``labels``."""
        for i, key in enumerate(self.current.keys):
            if key == labels:
                if not self.defined[i]:
                    raise InvalidValueError(
                        f"the {self.name} of row {labels!r} is undefined: its window reaches "
                        "outside the report's periods"
                    )
                return list(self.window)[i]
        raise UnknownNameError(
            f"no row {labels!r} in this report (by {self.current.by}); "
            f"rows: {list(self.current.keys)}"
        )

    def _cells(self, columns: Sequence[str] | None) -> tuple[list[str], list[list[str]]]:
        if columns is None:
            columns = self.window.columns
        elif (
            isinstance(columns, str)
            or not isinstance(columns, Sequence)
            or not all(isinstance(c, str) for c in columns)
        ):
            raise InvalidTypeError(f"'columns' must be a sequence of column names: {columns!r}")
        names = [*self.current.by, *(c for c in columns if c not in self.current.by)]
        voc = self.current.vocabulary
        cols = [self.column(c) for c in names]
        rows = [
            [
                str(col[i]) if n in self.current.by else format_value(col[i], unit_of(n, voc))
                for n, col in zip(names, cols, strict=True)
            ]
            for i in range(len(self))
        ]
        return names, rows

    def to_text(self, columns: Sequence[str] | None = None) -> str:
        """A plain-text table of the windows (n/a where undefined), under the view's name:
        each row's labels, then the values of its window. Print it."""
        return f"{self.name} of each row:\n{text_table(*self._cells(columns))}"

    def _repr_html_(self) -> str:
        names, rows = self._cells(None)
        return html_table(names, rows, caption=f"{self.name} ({self.current.currency})")

    def __repr__(self) -> str:
        return f"PeriodView({self.name!r}, {len(self)} rows, by={self.current.by})"


def _check(
    report: object, period: object, calendar: object, dimension: object, gaps: object
) -> tuple[Report, str, Calendar, int]:
    if not isinstance(report, Report):
        raise InvalidTypeError(f"'report' must be a socialroi Report: {report!r}")
    period = check_period(period)
    calendar = check_calendar(calendar)
    if not isinstance(gaps, str) or gaps not in _GAPS:
        raise InvalidValueError(f"'gaps' must be one of {_GAPS}: {gaps!r}")
    if not isinstance(dimension, str) or dimension not in report.by:
        raise InvalidValueError(
            f"the report has no period dimension {dimension!r} (by {report.by}); roll up with "
            "period=(date column, period) or name the dimension with dimension="
        )
    return report, period, calendar, report.by.index(str(dimension))


def _starts(report: Report, at: int, period: str, calendar: Calendar) -> list[dt.date]:
    starts = []
    for key in report.keys:
        day = as_day(key[at], argument="period label")
        if calendar.start(day, period) != day:
            raise InvalidValueError(
                f"period label {key[at]!r} is not the first day of a {period} in {calendar!r}; "
                f"regroup the report first (sr.regroup(report, ..., {period!r}, calendar=...))"
            )
        starts.append(day)
    return starts


def _like(label: object, day: dt.date) -> object:
    """A period start in the kind of the report's labels (ISO strings, dates or datetimes)."""
    if isinstance(label, dt.datetime):
        return dt.datetime.combine(day, dt.time())
    if isinstance(label, dt.date):
        return day
    return day.isoformat()


def _merged(report: Report, keys: list[Any], groups: list[list[int]]) -> Report:
    rows = list(report)
    merged = [
        merge_all([rows[i].measures for i in group], report.currency, report.vocabulary)
        for group in groups
    ]
    paid = [
        min(math.fsum(float(rows[i].paid_return or 0.0) for i in group), m.return_.amount)
        for group, m in zip(groups, merged, strict=True)
    ]
    return Report(
        report.by,
        tuple(keys),
        measures_to_data(merged, paid, report.vocabulary),
        report.currency,
        zero_division=report.zero_division,
        vocabulary=report.vocabulary,
        levels=[m._levels for m in merged],
    )


def _view(
    name: str,
    report: Report,
    period: str,
    calendar: Calendar,
    at: int,
    gaps: str,
    window: Window,
) -> PeriodView:
    starts = _starts(report, at, period, calendar)
    first, last = min(starts), max(starts)
    span = [first]
    while span[-1] < last:
        span.append(calendar.shift(span[-1], period, 1))
    missing = sorted(set(span) - set(starts))
    if missing and gaps == "raise":
        shown = ", ".join(d.isoformat() for d in missing[:5])
        raise InvalidValueError(
            f"the report has no row for {len(missing)} {period}(s) inside its span: {shown}"
            f"{'...' if len(missing) > 5 else ''}; if nothing happened then, pass "
            "gaps='empty'; otherwise roll up the missing data"
        )
    index = {
        (key[:at] + key[at + 1 :], day): i
        for i, (key, day) in enumerate(zip(report.keys, starts, strict=True))
    }
    groups, defined = [], []
    for key, day in zip(report.keys, starts, strict=True):
        rest = key[:at] + key[at + 1 :]
        periods = window(day, first)
        defined.append(all(first <= p <= last for p in periods))
        groups.append([index[(rest, p)] for p in periods if (rest, p) in index])
    return PeriodView(name, report, _merged(report, list(report.keys), groups), tuple(defined))


def rolling(
    report: Report,
    n: int,
    *,
    period: str,
    calendar: Calendar = _CALENDAR,
    dimension: str = "period",
    gaps: str = "raise",
) -> PeriodView:
    """Each row beside the merge of its last ``n`` periods (itself and the ``n - 1`` before),
    for each value of the report's other dimensions. The first ``n - 1`` periods have no
    full window: undefined.

    Examples
    --------
    A 2-month rolling CTR is the window's clicks over its impressions (3,000 / 200,000), not
    the mean of the monthly CTRs (0.5% and 2.5%):

    >>> import socialroi as sr
    >>> def month(day, impressions, clicks):
    ...     m = sr.Measures.of("USD", impressions=impressions, link_clicks=clicks)
    ...     return sr.Activity("meta", "paid", m, dims={"period": day})
    >>> rep = sr.report([month("2026-01-01", 100_000, 500), month("2026-02-01", 100_000, 2_500),
    ...                  month("2026-03-01", 50_000, 1_000)], by="period")
    >>> view = sr.rolling(rep, 2, period="month")
    >>> view.column("ctr").tolist()
    [nan, 0.015, 0.02]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidValueError(f"'n' must be a whole number of periods >= 1: {n!r}")
    rep, period, calendar, at = _check(report, period, calendar, dimension, gaps)
    return _view(
        f"rolling {n} {period}s",
        rep,
        period,
        calendar,
        at,
        gaps,
        lambda day, first: _back(calendar, day, period, n, first),
    )


def _back(calendar: Calendar, day: dt.date, period: str, n: int, first: dt.date) -> list[dt.date]:
    """``day``'s period and the ``n - 1`` before it, stopping at one before ``first``."""
    periods = [day]
    while len(periods) < n and periods[-1] >= first:
        periods.append(calendar.shift(periods[-1], period, -1))
    return periods


def year_to_date(
    report: Report,
    *,
    period: str,
    calendar: Calendar = _CALENDAR,
    dimension: str = "period",
    gaps: str = "raise",
) -> PeriodView:
    """Each row beside the merge of its (fiscal) year so far: the periods from the year's
    first through the row's. Weeks count in the year their first day falls in. A year whose
    start the report does not reach is undefined.

    Examples
    --------
    >>> import socialroi as sr
    >>> acts = [sr.Activity("meta", "paid", sr.Measures.of("USD", ad_spend=s, purchases=p),
    ...                     dims={"period": d})
    ...         for d, s, p in [("2026-03-01", 100, 2), ("2026-04-01", 300, 3),
    ...                         ("2026-05-01", 200, 5)]]
    >>> ytd = sr.year_to_date(sr.report(acts, by="period"), period="month",
    ...                       calendar=sr.Calendar(fiscal_year_start=4))
    >>> ytd.column("ad_spend").tolist(), ytd.column("cpa").tolist()
    ([nan, 300.0, 500.0], [nan, 100.0, 62.5])
    """
    rep, period, calendar, at = _check(report, period, calendar, dimension, gaps)

    def window(day: dt.date, _: dt.date) -> list[dt.date]:
        year = calendar.start(day, "year")
        first = calendar.start(year, period)
        if first < year:  # a week that starts before the year counts in the year before
            first = calendar.shift(first, period, 1)
        periods = [first]
        while periods[-1] < day:
            periods.append(calendar.shift(periods[-1], period, 1))
        return periods

    return _view("year to date", rep, period, calendar, at, gaps, window)


def previous_period(
    report: Report,
    *,
    period: str,
    calendar: Calendar = _CALENDAR,
    dimension: str = "period",
    gaps: str = "raise",
    lag: int = 1,
) -> PeriodView:
    """Each row beside the period ``lag`` before it: :meth:`PeriodView.change` and
    :meth:`PeriodView.relative_change` give period-over-period change. The first period
    has nothing to compare with: undefined.

    >>> import socialroi as sr
    >>> acts = [sr.Activity("meta", "paid", sr.Measures.of("USD", leads=n),
    ...                     dims={"period": d})
    ...         for d, n in [("2026-01-05", 40), ("2026-01-12", 50)]]
    >>> wow = sr.previous_period(sr.report(acts, by="period"), period="week")
    >>> wow.relative_change("leads").tolist()
    [nan, 0.25]
    """
    if isinstance(lag, bool) or not isinstance(lag, int) or lag < 1:
        raise InvalidValueError(f"'lag' must be a whole number of periods >= 1: {lag!r}")
    rep, period, calendar, at = _check(report, period, calendar, dimension, gaps)
    name = f"previous {period}" if lag == 1 else f"{lag} {period}s before"
    return _view(
        name, rep, period, calendar, at, gaps, lambda d, _: [calendar.shift(d, period, -lag)]
    )


def same_period_last_year(
    report: Report,
    *,
    period: str,
    calendar: Calendar = _CALENDAR,
    dimension: str = "period",
    gaps: str = "raise",
) -> PeriodView:
    """Each row beside the same period a year before (12 months, 4 quarters, 52 weeks or 364
    days back, see :meth:`Calendar.periods_per_year`): year-over-year change.
    Undefined where the report does not reach back a year."""
    rep, period, calendar, at = _check(report, period, calendar, dimension, gaps)
    back = calendar.periods_per_year(period)
    return _view(
        f"same {period} last year",
        rep,
        period,
        calendar,
        at,
        gaps,
        lambda day, _: [calendar.shift(day, period, -back)],
    )


def regroup(
    report: Report,
    source: str,
    target: str,
    *,
    calendar: Calendar = _CALENDAR,
    dimension: str = "period",
) -> Report:
    """The report with its ``source`` periods (days, weeks...) merged into ``target``
    periods of the caller's calendar: weeks starting on the caller's day, fiscal quarters
    and years. Each merged row's metrics are read from its merged measures.

    >>> import socialroi as sr
    >>> acts = [sr.Activity("meta", "paid", sr.Measures.of("USD", leads=1), dims={"period": d})
    ...         for d in ["2026-03-01", "2026-03-02", "2026-03-08"]]   # a Sunday, Monday, Sunday
    >>> weeks = sr.regroup(sr.report(acts, by="period"), "day", "week",
    ...                    calendar=sr.Calendar(week_start="sunday"))
    >>> weeks.keys, weeks.column("leads").tolist()
    ((('2026-03-01',), ('2026-03-08',)), [2.0, 1.0])
    """
    rep, source, calendar, at = _check(report, source, calendar, dimension, "raise")
    target = check_period(target)
    if PERIODS.index(target) < PERIODS.index(source) or (source == "week" != target):
        raise InvalidValueError(
            f"{source}s do not merge into {target}s: regroup into a longer period that holds "
            "each of them whole (weeks merge only into weeks)"
        )
    starts = _starts(rep, at, source, calendar)
    keys: dict[tuple[object, ...], list[int]] = {}
    for i, (key, day) in enumerate(zip(rep.keys, starts, strict=True)):
        label = _like(key[at], calendar.start(day, target))
        keys.setdefault((*key[:at], label, *key[at + 1 :]), []).append(i)
    return _merged(rep, list(keys), list(keys.values()))
