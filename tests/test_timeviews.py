"""Time views: rolling windows, year to date, period over period, year over year, regrouping
into the caller's weeks and fiscal years, and pacing a KPI in the current period.

Reference values are worked out by hand in the comments; metrics are ratios of the window's
sums (DESIGN.md: "a metric is never stored and never averaged").
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies

MONTHS = [f"2026-{m:02d}-01" for m in range(1, 13)]


def act(period: object, channel: str = "meta", **measures: Any) -> sr.Activity:
    return sr.Activity(
        channel, "paid", sr.Measures.of("USD", **measures), dims={"period": str(period)}
    )


def monthly(rows: list[tuple[str, float, float]]) -> sr.Report:
    return sr.report(
        [act(d, impressions=i, link_clicks=c) for d, i, c in rows if i or c], by="period"
    )


REP = monthly(
    [("2026-01-01", 100_000, 500), ("2026-02-01", 100_000, 2_500), ("2026-03-01", 50_000, 1_000)]
)


def test_rolling_ctr_is_a_ratio_of_sums() -> None:
    view = sr.rolling(REP, 2, period="month")
    # Feb: (500 + 2,500) / 200,000 = 1.5%, not the mean of 0.5% and 2.5% (also 1.5%, so look
    # at March): (2,500 + 1,000) / 150,000 = 2.333%, the mean of CTRs would be 2.25%
    np.testing.assert_allclose(view.column("ctr"), [math.nan, 0.015, 3_500 / 150_000])
    assert view.column("link_clicks")[2] == 3_500
    assert view.defined == (False, True, True)
    assert view.column("period").tolist() == ["2026-01-01", "2026-02-01", "2026-03-01"]
    assert view.row("2026-03-01").measures.count("impressions") == 150_000
    with pytest.raises(sr.InvalidValueError, match=r"rolling 2 months of row \('2026-01-01',\)"):
        view.row("2026-01-01")
    with pytest.raises(sr.UnknownNameError, match="no row"):
        view.row("2026-04-01")


def test_previous_period_change() -> None:
    view = sr.previous_period(REP, period="month")
    # clicks: Feb 2,500 against Jan 500 (+2,000, +400%); Mar 1,000 against 2,500 (-60%)
    np.testing.assert_allclose(view.change("link_clicks"), [math.nan, 2_000, -1_500])
    np.testing.assert_allclose(view.relative_change("link_clicks"), [math.nan, 4.0, -0.6])
    # CTR: 2.5% against 0.5% is 5 times, +400%
    np.testing.assert_allclose(view.relative_change("ctr"), [math.nan, 4.0, -0.2])
    two = sr.previous_period(REP, period="month", lag=2)
    assert two.name == "2 months before"
    np.testing.assert_allclose(two.column("link_clicks"), [math.nan, math.nan, 500])


def test_same_period_last_year() -> None:
    # DESIGN.md: "social traffic up 60% year over year"
    acts = [act("2025-01-01", link_clicks=1_000), act("2026-01-01", link_clicks=1_600)]
    acts += [act(f"2025-{m:02d}-01", link_clicks=1) for m in range(2, 13)]
    view = sr.same_period_last_year(sr.report(acts, by="period"), period="month")
    assert view.name == "same month last year"
    assert view.relative_change("link_clicks")[-1] == pytest.approx(0.6)
    assert np.isnan(view.relative_change("link_clicks")[:-1]).all()  # 2025 has no 2024
    weeks = [act("2025-01-06", leads=10), act("2026-01-05", leads=15)]  # Mondays, 52 weeks apart
    weeks += [act(dt.date(2025, 1, 6) + dt.timedelta(weeks=k), leads=1) for k in range(1, 52)]
    wow = sr.same_period_last_year(sr.report(weeks, by="period"), period="week")
    assert wow.relative_change("leads")[-1] == pytest.approx(0.5)


def test_year_to_date_follows_the_fiscal_year() -> None:
    acts = [
        act("2026-03-01", ad_spend=100, purchases=2),
        act("2026-04-01", ad_spend=300, purchases=3),
        act("2026-05-01", ad_spend=200, purchases=5),
    ]
    rep = sr.report(acts, by="period")
    fiscal = sr.year_to_date(rep, period="month", calendar=sr.Calendar(fiscal_year_start=4))
    # April starts the year: Apr 300 / 3 = 100; Apr-May 500 / 8 = 62.5; March is in a fiscal
    # year whose start (April 2025) the report does not reach
    np.testing.assert_allclose(fiscal.column("cpa"), [math.nan, 100, 62.5])
    calendar = sr.year_to_date(rep, period="month")  # January: no report reaches it
    assert calendar.defined == (False, False, False)
    assert "n/a" in calendar.to_text(["ad_spend", "cpa"])


def test_year_to_date_of_weeks_starts_with_the_first_week_in_the_year() -> None:
    # Mondays: 2025-12-29 starts in 2025, so 2026's first week is 2026-01-05
    acts = [act(dt.date(2025, 12, 29) + dt.timedelta(weeks=k), leads=k + 1) for k in range(4)]
    ytd = sr.year_to_date(sr.report(acts, by="period"), period="week")
    assert ytd.defined == (False, True, True, True)
    np.testing.assert_allclose(ytd.column("leads"), [math.nan, 2, 2 + 3, 2 + 3 + 4])


def test_views_keep_other_dimensions_apart() -> None:
    acts = [
        act("2026-01-01", "meta", link_clicks=10, impressions=1_000),
        act("2026-02-01", "meta", link_clicks=30, impressions=1_000),
        act("2026-02-01", "tiktok", link_clicks=5, impressions=100),
    ]
    rep = sr.report(acts, by=("channel", "period"))
    view = sr.rolling(rep, 2, period="month")
    assert rep.keys == (("meta", "2026-01-01"), ("meta", "2026-02-01"), ("tiktok", "2026-02-01"))
    # meta Feb: 40 / 2,000; tiktok Feb: its window holds no January row (no activity): 5 / 100
    np.testing.assert_allclose(view.column("ctr"), [math.nan, 0.02, 0.05])
    text = view.to_text(["link_clicks", "ctr"])
    assert text.splitlines()[0] == "rolling 2 months of each row:"
    assert text.splitlines()[1].split() == ["channel", "period", "link_clicks", "ctr"]
    assert "<table" in view._repr_html_() and "rolling 2 months" in view._repr_html_()
    assert repr(view) == "PeriodView('rolling 2 months', 3 rows, by=('channel', 'period'))"
    assert len(view.to_text().splitlines()) == 5


def test_a_missing_period_is_an_error_or_said_to_be_empty() -> None:
    rep = monthly([("2026-01-01", 1_000, 10), ("2026-03-01", 1_000, 30)])
    with pytest.raises(sr.InvalidValueError, match=r"no row for 1 month\(s\).*2026-02-01.*gaps="):
        sr.rolling(rep, 2, period="month")
    view = sr.rolling(rep, 2, period="month", gaps="empty")
    np.testing.assert_allclose(view.column("link_clicks"), [math.nan, 30])  # Feb had nothing
    many = monthly([(MONTHS[0], 1, 1), (MONTHS[11], 1, 1)])
    with pytest.raises(sr.InvalidValueError, match=r"10 month\(s\).*\.\.\."):
        sr.previous_period(many, period="month")


def test_regroup_into_the_callers_weeks_and_fiscal_years() -> None:
    days = [act(dt.date(2026, 3, 1) + dt.timedelta(days=k), leads=1) for k in range(10)]
    rep = sr.report(days, by="period")  # 2026-03-01 is a Sunday
    sunday = sr.regroup(rep, "day", "week", calendar=sr.Calendar(week_start="sunday"))
    assert sunday.keys == (("2026-03-01",), ("2026-03-08",))
    assert sunday.column("leads").tolist() == [7.0, 3.0]
    monday = sr.regroup(rep, "day", "week")
    assert monday.keys == (("2026-02-23",), ("2026-03-02",), ("2026-03-09",))
    assert monday.column("leads").tolist() == [1.0, 7.0, 2.0]
    months = sr.report([act(m, purchases=1) for m in MONTHS], by="period")
    fiscal = sr.regroup(months, "month", "year", calendar=sr.Calendar(fiscal_year_start=7))
    assert fiscal.keys == (("2025-07-01",), ("2026-07-01",))
    assert fiscal.column("purchases").tolist() == [6.0, 6.0]
    quarters = sr.regroup(months, "month", "quarter", calendar=sr.Calendar(fiscal_year_start=2))
    assert quarters.keys[0] == ("2025-11-01",) and quarters.column("purchases")[0] == 1
    with pytest.raises(sr.InvalidValueError, match="weeks merge only into weeks"):
        sr.regroup(sunday, "week", "month", calendar=sr.Calendar(week_start="sunday"))
    with pytest.raises(sr.InvalidValueError, match="do not merge into days"):
        sr.regroup(months, "month", "day")
    with pytest.raises(sr.InvalidValueError, match="not the first day of a week"):
        sr.regroup(sunday, "week", "week")  # Sunday weeks are not Monday weeks


def test_period_labels_keep_their_kind() -> None:
    # main's report keys are strings; dates and datetimes are ready for typed keys
    from socialroi._reports.timeviews import _like

    day = dt.date(2026, 3, 1)
    assert _like(dt.datetime(2026, 3, 4, 12), day) == dt.datetime(2026, 3, 1)
    assert _like(dt.date(2026, 3, 4), day) == day and _like("2026-03-04", day) == "2026-03-01"


NOT_A_REPORT: Any = [1]
NOT_A_CAL: Any = 1


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.rolling(REP, 0, period="month"), sr.InvalidValueError, "'n'"),
        (lambda: sr.rolling(REP, True, period="month"), sr.InvalidValueError, "'n'"),
        (lambda: sr.rolling(NOT_A_REPORT, 2, period="month"), sr.InvalidTypeError, "'report'"),
        (lambda: sr.rolling(REP, 2, period="fortnight"), sr.InvalidValueError, "'period'"),
        (lambda: sr.rolling(REP, 2, period="month", gaps="skip"), sr.InvalidValueError, "gaps"),
        (lambda: sr.rolling(REP, 2, period="week"), sr.InvalidValueError, "first day of a week"),
        (
            lambda: sr.rolling(
                sr.report([act(MONTHS[0], leads=1)], by="channel"), 2, period="day"
            ),
            sr.InvalidValueError,
            "no period dimension 'period'",
        ),
        (
            lambda: sr.rolling(REP, 2, period="month", calendar=NOT_A_CAL),
            sr.InvalidTypeError,
            "calendar",
        ),
        (lambda: sr.previous_period(REP, period="month", lag=0), sr.InvalidValueError, "'lag'"),
        (lambda: sr.Calendar(week_start="sun"), sr.InvalidValueError, "'week_start'"),
        (lambda: sr.Calendar(fiscal_year_start=13), sr.InvalidValueError, "'fiscal_year_start'"),
        (lambda: sr.Calendar(fiscal_year_start=True), sr.InvalidValueError, "1 to 12"),
        (lambda: sr.Calendar().start("March", "month"), sr.InvalidValueError, "ISO date"),
        (lambda: sr.Calendar().start(3, "month"), sr.InvalidValueError, "'day'"),
        (
            lambda: sr.Calendar().shift("2026-01-01", "day", NOT_A_CAL / 2),
            sr.InvalidTypeError,
            "'n'",
        ),
        (lambda: sr.Calendar().shift("9999-12-01", "month", 1), sr.InvalidValueError, "9999"),
        (lambda: sr.Calendar().shift("0001-01-01", "day", -1), sr.InvalidValueError, "beyond"),
        (lambda: sr.PeriodView(NOT_A_CAL, REP, REP, (True,) * 3), sr.InvalidTypeError, "'name'"),
        (lambda: sr.PeriodView("v", REP, NOT_A_CAL, (True,) * 3), sr.InvalidTypeError, "'window'"),
        (lambda: sr.PeriodView("v", REP, REP, NOT_A_REPORT * 3), sr.InvalidTypeError, "'defined'"),
        (lambda: sr.PeriodView("v", REP, REP, (True,)), sr.InvalidValueError, "one True"),
        (lambda: sr.PeriodView("v", REP, REP, (NOT_A_CAL,) * 3), sr.InvalidValueError, "one True"),
        (
            lambda: sr.PeriodView(
                "v", REP, sr.report([act("2026-01-01", leads=1)], by="period"), (True,)
            ),
            sr.InvalidValueError,
            "rows of its 'current'",
        ),
        (
            lambda: sr.rolling(REP, 2, period="month").to_text("ctr"),
            sr.InvalidTypeError,
            "columns",
        ),
        (
            lambda: sr.rolling(REP, 2, period="month").column(NOT_A_CAL),
            sr.InvalidTypeError,
            "'name'",
        ),
    ],
)
def test_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


def test_bad_period_labels() -> None:
    rep = sr.report([act("Q1", leads=1)], by="period")
    with pytest.raises(sr.InvalidValueError, match="'period label'.*'Q1'"):
        sr.year_to_date(rep, period="quarter")


def test_calendar_reference_values() -> None:
    cal = sr.Calendar(week_start="wednesday", fiscal_year_start=10)
    assert cal.week_start == "wednesday"
    assert cal.start(dt.date(2026, 3, 3), "week") == dt.date(2026, 2, 25)  # a Tuesday
    assert cal.start(dt.datetime(2026, 3, 4, 9), "week") == dt.date(2026, 3, 4)
    assert cal.start("2026-09-30", "year") == dt.date(2025, 10, 1)
    assert cal.start("2026-10-01", "quarter") == dt.date(2026, 10, 1)
    assert cal.start("2026-09-30", "quarter") == dt.date(2026, 7, 1)
    assert cal.start("2026-09-30", "day") == dt.date(2026, 9, 30)
    assert cal.shift(dt.date(2026, 11, 15), "quarter", 1) == dt.date(2027, 1, 1)  # Oct, Jan
    assert cal.shift(dt.date(2026, 1, 1), "month", -1) == dt.date(2025, 12, 1)
    # February 2028 has 29 days; a Wednesday week; 2026-01-01 is day 93 of a fiscal year
    # from October (Oct 31 + Nov 30 + Dec 31 + 1) of 365
    assert cal.elapsed("2028-02-29", "month") == 1.0
    assert cal.elapsed("2026-03-06", "week") == 3 / 7
    assert cal.elapsed("2026-01-01", "year") == 93 / 365
    assert cal.elapsed("2026-01-01", "day") == 1.0


def test_pace_within_the_current_period() -> None:
    # March 2026, data through the 10th: 10 of 31 days; 300 purchases so far -> 930
    kpi = sr.KPI(tracks="purchases", target=900)
    pace = kpi.pace(sr.Measures.of("USD", purchases=300), on=dt.date(2026, 3, 10), period="month")
    assert pace.elapsed == 10 / 31 and pace.projected == pytest.approx(930) and pace.on_track
    # the year's target paced on the year-to-date view (fiscal year from April)
    acts = [act("2026-04-01", purchases=300), act("2026-05-01", purchases=100)]
    ytd = sr.year_to_date(
        sr.report(acts, by="period"), period="month", calendar=sr.Calendar(fiscal_year_start=4)
    )
    year = sr.KPI(tracks="purchases", target=2_000).pace(
        ytd.row("2026-05-01"),
        on="2026-05-31",
        period="year",
        calendar=sr.Calendar(fiscal_year_start=4),
    )
    # 61 of 365 days: 400 x 365 / 61 = 2,393.4
    assert year.value == 400 and year.projected == pytest.approx(400 * 365 / 61)
    assert year.on_track
    with pytest.raises(sr.InvalidValueError, match="'elapsed'.*'on'"):
        kpi.pace(sr.Measures.of("USD", purchases=1))
    with pytest.raises(sr.InvalidValueError, match="not both"):
        kpi.pace(sr.Measures.of("USD", purchases=1), elapsed=0.5, period="month")
    with pytest.raises(sr.InvalidTypeError, match="'calendar'"):
        kpi.pace(sr.Measures.of("USD"), on="2026-01-01", period="month", calendar="april")  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------

month_measures = st.lists(
    strategies.measures(currency="USD", reach=False), min_size=1, max_size=12
)


def _monthly(parts: list[sr.Measures]) -> sr.Report:
    acts = [
        sr.Activity("meta", "paid", m, dims={"period": MONTHS[i]}) for i, m in enumerate(parts)
    ]
    return sr.report(acts, by="period")


@given(month_measures)
def test_a_rolling_window_of_one_is_the_report(parts: list[sr.Measures]) -> None:
    rep = _monthly(parts)
    view = sr.rolling(rep, 1, period="month")
    assert view.window == rep and all(view.defined)
    for name in rep.metrics:
        np.testing.assert_array_equal(view.column(name), rep.column(name))


@given(month_measures, st.integers(1, 12))
def test_year_to_date_at_the_years_last_period_is_the_years_total(
    parts: list[sr.Measures], fiscal: int
) -> None:
    # the months of one fiscal year, from its first
    calendar = sr.Calendar(fiscal_year_start=fiscal)
    starts = [calendar.shift(dt.date(2026, fiscal, 1), "month", k) for k in range(len(parts))]
    acts = [
        sr.Activity("meta", "paid", m, dims={"period": d.isoformat()})
        for d, m in zip(starts, parts, strict=True)
    ]
    rep = sr.report(acts, by="period")
    ytd = sr.year_to_date(rep, period="month", calendar=calendar)
    assert all(ytd.defined)
    last = ytd.row(rep.keys[-1][0])
    assert last.measures == rep.total.measures
    year = sr.regroup(rep, "month", "year", calendar=calendar)
    assert len(year) == 1 and next(iter(year)).measures == last.measures


@given(month_measures, st.integers(1, 4))
def test_rolling_windows_merge_the_rows_before(parts: list[sr.Measures], n: int) -> None:
    rep = _monthly(parts)
    view = sr.rolling(rep, n, period="month")
    rows = list(rep)
    for i in range(len(rep)):
        assert view.defined[i] == (i >= n - 1)
        expected = sum((r.measures for r in rows[max(0, i - n + 1) : i + 1]), start=0)
        assert list(view.window)[i].measures == expected
    previous = sr.previous_period(rep, period="month")
    for i in range(1, len(rep)):
        assert list(previous.window)[i].measures == rows[i - 1].measures
