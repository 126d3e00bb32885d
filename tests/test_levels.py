"""Levels (followers, subscribers): read at dates, chained over periods, added over series."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rollup import assert_same, frames

import socialroi as sr
from socialroi import strategies as srst

L = sr.Level
JAN1, JAN31, FEB1, FEB28 = "2026-01-01", "2026-01-31", "2026-02-01", "2026-02-28"


def test_reference_values() -> None:
    """Hootsuite, 'Audience growth rate': net new followers / total followers; 'Engagement
    rate by followers': engagements / followers. Worked by hand: an Instagram profile from
    9,000 to 9,900 followers grows 10%; 99 engagements over 9,900 followers is 1%."""
    m = sr.Measures.of(
        "USD", likes=60, comments=30, shares=9, followers=L.between(JAN1, 9_000, JAN31, 9_900)
    )
    row = sr.Row.of(m)
    assert row.metric("followers_growth") == pytest.approx(0.1)
    assert row.metric("engagement_rate_by_followers") == pytest.approx(0.01)
    assert sr.growth(9_900, 9_000) == pytest.approx(0.1)
    assert sr.metric("followers_growth").inputs == ("followers_closing", "followers_opening")
    assert "subscribers_growth" in sr.METRICS


def test_periods_chain_and_accounts_add() -> None:
    jan = L.between(JAN1, 9_000, JAN31, 9_400, series="ig")
    feb = L.between(FEB1, 9_400, FEB28, 9_900, series="ig")
    page = L.between(JAN1, 4_000, FEB28, 4_100, series="fb")
    assert ((jan | feb).opening, (jan | feb).closing) == (9_000.0, 9_900.0)
    both = jan | feb | page
    assert (both.opening, both.closing, both.change) == (13_000.0, 14_000.0, 1_000.0)
    assert (both.opened, both.closed) == (dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert set(both.spans) == {"ig", "fb"}
    # A reading inside the span changes nothing; the same reading twice changes nothing.
    assert (jan | L.at("2026-01-15", 9_100, series="ig")) == jan
    assert jan | jan == jan
    # A fall is a negative change and growth.
    fall = sr.Measures.of("USD", followers=L.between(JAN1, 1_000, JAN31, 900))
    assert fall.level("followers").change == -100.0  # type: ignore[union-attr]
    assert sr.Row.of(fall).metric("followers_growth") == pytest.approx(-0.1)


@st.composite
def _history(draw: st.DrawFn) -> dict[tuple[str, dt.date], float]:
    """One level a day per series: readings of one history never disagree."""
    days = st.integers(0, 60).map(lambda d: dt.date(2026, 1, 1) + dt.timedelta(days=d))
    keys = draw(st.lists(st.tuples(st.sampled_from(["", "a", "b"]), days), min_size=1))
    return {key: float(draw(st.integers(0, 10**6))) for key in keys}


def _reading(history: dict[tuple[str, dt.date], float], key: tuple[str, dt.date]) -> sr.Level:
    return L.at(key[1], history[key], series=key[0])


@given(_history(), st.data())
def test_levels_form_a_commutative_idempotent_monoid(
    history: dict[tuple[str, dt.date], float], data: st.DataObject
) -> None:
    keys = st.sampled_from(sorted(history))
    a, b, c = (_reading(history, data.draw(keys)) for _ in range(3))
    assert (a | b) | c == a | (b | c)
    assert a | b == b | a and hash(a | b) == hash(b | a)
    assert a | a == a
    # Per series: the earliest and the latest reading of the history drawn.
    merged = a | b | c
    for series, span in merged.spans.items():
        drawn = [k for k in history if k[0] == series and _reading(history, k) in (a, b, c)]
        assert span.opened == min(day for _, day in drawn)
        assert span.closed == max(day for _, day in drawn)
        assert span.opening == history[(series, span.opened)]
        assert span.closing == history[(series, span.closed)]


@given(_history(), st.data())
def test_measures_with_levels_stay_a_monoid(
    history: dict[tuple[str, dt.date], float], data: st.DataObject
) -> None:
    keys = st.sampled_from(sorted(history))

    def draw() -> sr.Measures:
        base = data.draw(srst.measures(currency="USD"))
        return sr.Measures(
            "USD",
            actions=base.actions,
            costs=base.costs,
            levels={"followers": _reading(history, data.draw(keys))},
        )

    a, b, c = draw(), draw(), draw()
    empty = sr.Measures.empty("USD")
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a and hash(a + b) == hash(b + a)
    assert a + empty == a == empty + a
    assert sum([a, b, c], empty) == a + b + c
    from socialroi._measures.measures import merge_all

    assert merge_all([a, b, c], "USD") == a + b + c


@given(srst.levels())
def test_the_strategy_draws_valid_levels(level: sr.Level) -> None:
    assert level.opened <= level.closed
    assert level.opening >= 0 and level.closing >= 0
    assert eval(f"sr.{repr(level).replace(' | ', ' | sr.')}") == level


def test_disagreeing_readings_of_one_series_are_refused() -> None:
    with pytest.raises(sr.InvalidValueError, match="on 2026-01-31 disagree: 10.0 and 12.0"):
        L.at(JAN31, 10) | L.at(JAN31, 12)
    with pytest.raises(sr.InvalidValueError, match="on 2026-01-01 disagree"):
        L.between(JAN1, 10, JAN31, 12) | L.between(JAN1, 11, FEB1, 12)
    # Different series on one day add.
    assert (L.at(JAN31, 10, series="a") | L.at(JAN31, 12, series="b")).closing == 22.0


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: L.at(dt.datetime(2026, 1, 1, 9), 5), sr.InvalidTypeError, "not a datetime"),
        (lambda: L.at("31/01/2026", 5), sr.InvalidValueError, "'on' must be an ISO date"),
        (lambda: L.at(20260131, 5), sr.InvalidTypeError, "'on' must be a datetime.date"),
        (lambda: L.at(JAN1, -5), sr.InvalidValueError, "'count' must be >= 0"),
        (
            lambda: L.at(JAN1, 5, series=3),  # type: ignore[arg-type]
            sr.InvalidTypeError,
            "'series' must be a string",
        ),
        (lambda: L.between(JAN31, 5, JAN1, 6), sr.InvalidValueError, "must come before"),
        (lambda: L.between(JAN1, 5, JAN1, 6), sr.InvalidValueError, "must come before"),
        (lambda: L({}), sr.InvalidValueError, "at least one reading"),
        (lambda: L({"a": 5}), sr.InvalidTypeError, r"'spans\['a'\]' must be a Span"),
        (lambda: L([1]), sr.InvalidTypeError, "'spans' must map series"),
        (lambda: L.at(JAN1, 5) | 5, sr.InvalidTypeError, "combine a Level with a Level"),
        (
            lambda: sr.Measures.of("USD", followers=9_000),
            sr.InvalidTypeError,
            r"levels\['followers'\]. must be a socialroi.Level: 9000; a level is read at a date",
        ),
        (
            lambda: sr.Measures("USD", levels={"follows": L.at(JAN1, 5)}),
            sr.UnknownNameError,
            "'levels key': 'follows' is not a level",
        ),
        (
            lambda: sr.Measures("USD", levels=[L.at(JAN1, 5)]),
            sr.InvalidValueError,
            "'levels' must be a mapping",
        ),
        (
            lambda: sr.Measures("USD", levels={"followers": L.at(JAN1, 5), "Followers": None}),
            sr.InvalidValueError,
            "'levels' names 'followers' twice",
        ),
        (
            lambda: sr.KPI(name="f", tracks="followers_closing", target=10).pace(
                sr.Measures.of("USD", followers=L.at(JAN1, 5)), elapsed=0.5
            ),
            sr.InvalidValueError,
            "'followers_closing' is a level .* has no pace",
        ),
        (
            lambda: sr.VOCABULARY.with_levels("followers"),
            sr.InvalidValueError,
            "names 'followers' twice",
        ),
        (
            lambda: sr.VOCABULARY.with_levels("likes"),
            sr.InvalidValueError,
            "names 'likes' twice",
        ),
        (lambda: sr.VOCABULARY.with_levels("fans_opening", "fans"), sr.InvalidValueError, "twice"),
        (lambda: sr.VOCABULARY.level("folowers"), sr.UnknownNameError, "did you mean 'followers'"),
        (lambda: sr.Vocabulary((), (), levels="fans"), sr.InvalidTypeError, "sequence of level"),
    ],
)
def test_bad_levels_are_named(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_levels_in_measures_rows_and_reports() -> None:
    m = sr.Measures.of("USD", likes=5, impressions=9, followers=L.at(JAN31, 9_000, series="ig"))
    assert m.levels == {"followers": L.at(JAN31, 9_000, series="ig")}
    assert m.level("followers") == L.at(JAN31, 9_000, series="ig")
    assert m.level("subscribers") is None
    assert m.to_dict()["followers_opening"] == m.to_dict()["followers_closing"] == 9_000.0
    assert m.to_dict()["subscribers_closing"] == 0.0
    assert "levels={'followers': Level.at('2026-01-31', 9000.0, series='ig')}" in repr(m)
    assert m.with_reach(3).levels == m.levels  # evolving keeps the levels
    assert hash(m) != hash(sr.Measures.of("USD", likes=5))
    custom = sr.VOCABULARY.with_levels("members", name="club")
    club = sr.Measures.of("USD", vocabulary=custom, members=L.between(JAN1, 100, JAN31, 150))
    assert sr.Row.of(club).metric("members_growth") == pytest.approx(0.5)
    assert "members_growth" in sr.catalog(custom)
    assert custom.level_columns[-2:] == ("members_opening", "members_closing")


def _activities() -> list[sr.Activity]:
    def act(channel: str, level: sr.Level, likes: float) -> sr.Activity:
        return sr.Activity(
            channel, "organic", sr.Measures.of("USD", likes=likes, salaries=100, followers=level)
        )

    return [
        act("instagram", L.between(JAN1, 9_000, JAN31, 9_400, series="ig"), 100),
        act("instagram", L.between(FEB1, 9_400, FEB28, 9_900, series="ig"), 150),
        act("facebook", L.between(JAN1, 4_000, FEB28, 4_100, series="fb"), 50),
    ]


def test_a_report_reads_levels_per_row_and_in_its_total() -> None:
    rep = sr.report(_activities(), by="channel")
    assert rep.column("followers_opening").tolist() == [4_000.0, 9_000.0]
    assert rep.column("followers_closing").tolist() == [4_100.0, 9_900.0]
    assert rep.column("followers_growth").tolist() == pytest.approx([0.025, 0.1])
    assert "followers_opening" in rep.measures and "followers_growth" in rep.metrics
    total = rep.total.measures.level("followers")
    assert total is not None and (total.opening, total.closing) == (13_000.0, 14_000.0)
    assert rep.total.metric("followers_growth") == pytest.approx(1_000 / 13_000)
    # Rows keep their levels; a report without levels shows none.
    assert rep.row("facebook").measures.level("followers") == _activities()[2].measures.level(
        "followers"
    )
    plain = sr.report([sr.Activity("x", "paid", sr.Measures.of("USD", likes=1))], by="channel")
    assert plain.levels == () and "followers_opening" not in plain.measures


def test_reports_merge_their_levels() -> None:
    acts = _activities()
    whole = sr.report(acts, by="channel")
    parts = sr.report(acts[:1], by="channel") + sr.report(acts[1:], by="channel")
    assert parts == whole
    assert parts.levels == whole.levels
    with pytest.raises(sr.InvalidValueError, match="one mapping per row: 1 for 2 rows"):
        sr.Report(whole.by, whole.keys, whole.data, "USD", levels=whole.levels[:1])
    with pytest.raises(sr.UnknownNameError, match="'fans' is not a level"):
        sr.Report(whole.by, whole.keys, whole.data, "USD", levels=[{"fans": L.at(JAN1, 1)}] * 2)
    with pytest.raises(sr.InvalidTypeError, match="one mapping of level names"):
        sr.Report(whole.by, whole.keys, whole.data, "USD", levels=[{"followers": 1}] * 2)
    with pytest.raises(sr.InvalidTypeError, match="a sequence of one mapping per row"):
        sr.Report(whole.by, whole.keys, whole.data, "USD", levels={"followers": 1})


# -- roll-ups --------------------------------------------------------------------------------

ACCOUNTS = ("ig", "fb")


@st.composite
def _table(draw: st.DrawFn) -> dict[str, np.ndarray]:
    """Rows of channel, mode, account and date with likes, and followers on some rows: one
    level per account and day (a history), so readings never disagree."""
    n = draw(st.integers(1, 25))
    history = {
        (a, d): float(draw(st.integers(0, 10**6))) for a in ACCOUNTS for d in range(0, 60, 3)
    }
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["li", "x"]),
                st.sampled_from(["paid", "organic"]),
                st.sampled_from(ACCOUNTS),
                st.sampled_from(range(0, 60, 3)),
                st.integers(0, 1000),
                st.booleans(),
            ),
            min_size=n,
            max_size=n,
        )
    )
    start = np.datetime64("2026-01-01")
    return {
        "channel": np.array([r[0] for r in rows]),
        "mode": np.array([r[1] for r in rows]),
        "account": np.array([r[2] for r in rows]),
        "date": np.array([start + np.timedelta64(r[3], "D") for r in rows]),
        "likes": np.array([float(r[4]) for r in rows]),
        "followers": np.array([history[(r[2], r[3])] if r[5] else math.nan for r in rows]),
    }


def _by_objects(data: dict[str, np.ndarray], by: tuple[str, ...]) -> sr.Report:
    acts = []
    for i in range(len(data["likes"])):
        read = data["followers"][i]
        day = data["date"][i].astype("datetime64[D]").item()
        levels = (
            {} if math.isnan(read) else {"followers": L.at(day, read, series=data["account"][i])}
        )
        measures = sr.Measures("USD", actions={"likes": data["likes"][i]}, levels=levels)
        acts.append(sr.Activity(str(data["channel"][i]), str(data["mode"][i]), measures))
    return sr.report(acts, by=by)


def _same_levels(a: sr.Report, b: sr.Report) -> None:
    assert_same(a, b)
    assert [dict(x) for x in a.levels] == [dict(x) for x in b.levels]
    assert a.total.measures.levels == b.total.measures.levels


@settings(max_examples=10, deadline=None)
@given(_table(), st.sampled_from([(), ("channel",), ("channel", "mode")]))
def test_levels_roll_up_alike_on_every_engine(
    data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    expected = _by_objects(data, by)
    kwargs: dict[str, Any] = {"by": by, "currency": "USD", "read_on": "date", "series": "account"}
    _same_levels(sr.rollup(data, **kwargs), expected)
    for frame in frames(data).values():
        _same_levels(sr.rollup(frame, **kwargs), expected)


def test_without_series_a_group_is_one_series_and_periods_chain() -> None:
    import polars as pl

    data = {
        "channel": ["ig", "ig", "ig", "fb", "fb"],
        "date": [
            *(dt.date(2026, 1, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
            *(dt.date(2026, 1, 1), dt.date(2026, 2, 28)),
        ],
        "likes": [10, 20, 30, 5, 5],
        "followers": [1_000, 1_200, 1_500, None, 400],
    }
    frame = pl.DataFrame(data)
    monthly = sr.rollup(frame, by="channel", currency="USD", period=("date", "month"))
    assert monthly.keys == (
        ("fb", "2026-01-01"),
        ("fb", "2026-02-01"),
        ("ig", "2026-01-01"),
        ("ig", "2026-02-01"),
    )
    assert monthly.column("followers_opening").tolist() == [0.0, 400.0, 1_000.0, 1_500.0]
    assert monthly.column("followers_closing").tolist() == [0.0, 400.0, 1_200.0, 1_500.0]
    # The months of a channel chain in the total; the channels add.
    total = monthly.total.measures.level("followers")
    assert total is not None and (total.opening, total.closing) == (1_400.0, 1_900.0)
    assert set(total.spans) == {"ig", "fb"}
    # One row per channel, read on the date column; arrays agree.
    arrays = {k: np.array(v) for k, v in data.items()}
    arrays["followers"] = np.array([1_000, 1_200, 1_500, np.nan, 400])
    by_channel = sr.rollup(arrays, by="channel", currency="USD", read_on="date")
    assert by_channel.column("followers_growth").tolist() == pytest.approx([0.0, 0.5])
    assert by_channel.total.measures.levels == monthly.total.measures.levels
    # Levels alone roll up too.
    alone = sr.rollup(
        frame.select("channel", "date", "followers"), by="channel", currency="USD", read_on="date"
    )
    assert alone.column("followers_closing").tolist() == [400.0, 1_500.0]
    alone_arrays = {k: arrays[k] for k in ("channel", "date", "followers")}
    assert sr.rollup(alone_arrays, by="channel", currency="USD", read_on="date") == alone


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({}, sr.InvalidValueError, "'followers' holds a level .* pass read_on="),
        ({"read_on": "day"}, sr.UnknownNameError, r"not in the data: \['day'\]"),
        ({"read_on": "date", "series": "acct"}, sr.UnknownNameError, r"\['acct'\]"),
        ({"read_on": "date", "series": "date"}, sr.InvalidValueError, "both a series and"),
        ({"read_on": "likes"}, sr.InvalidTypeError, "must hold dates"),
        (
            {"read_on": "date", "by": ()},
            sr.InvalidValueError,
            "series '' is read twice on 2026-01-01 with different values",
        ),
    ],
)
@pytest.mark.parametrize("engine", ["numpy", "polars"])
def test_bad_level_roll_ups_are_named(
    kwargs: dict[str, Any], error: type[Exception], message: str, engine: str
) -> None:
    import polars as pl

    data: dict[str, Any] = {
        "channel": np.array(["ig", "fb"]),
        "account": np.array(["a", "b"]),
        "date": np.array(["2026-01-01", "2026-01-01"], dtype="datetime64[D]"),
        "likes": np.array([1.0, 2.0]),
        "followers": np.array([10.0, 12.0]),
    }
    source: Any = data if engine == "numpy" else pl.DataFrame(data)
    args = {"by": "channel", "currency": "USD", **kwargs}
    with pytest.raises(error, match=message):
        sr.rollup(source, **args)


@pytest.mark.parametrize("engine", ["numpy", "polars"])
def test_series_and_read_on_without_levels_are_refused(engine: str) -> None:
    import polars as pl

    data = {
        "channel": np.array(["ig"]),
        "date": np.array(["2026-01-01"], dtype="datetime64[D]"),
        "likes": np.array([1.0]),
    }
    source: Any = data if engine == "numpy" else pl.DataFrame(data)
    with pytest.raises(sr.InvalidValueError, match="the data have none"):
        sr.rollup(source, by="channel", currency="USD", read_on="date")


def test_bad_readings_in_a_roll_up_are_named() -> None:
    data: dict[str, Any] = {
        "k": np.array(["a", "a"]),
        "date": np.array(["2026-01-01", "2026-01-02"], dtype="datetime64[D]"),
        "followers": np.array([-1.0, 3.0]),
    }
    with pytest.raises(sr.InvalidValueError, match="reading -1.0 .* must be finite and >= 0"):
        sr.rollup(data, by="k", currency="USD", read_on="date")
    data["followers"] = np.array([1.0, 3.0])
    data["date"] = np.array(["2026-01-01", "x"], dtype=object)
    with pytest.raises(sr.InvalidTypeError, match="must hold dates"):
        sr.rollup(data, by="k", currency="USD", read_on="date")
    data["date"] = np.array(["2026-01-01", "NaT"], dtype="datetime64[D]")
    with pytest.raises(sr.InvalidValueError, match="missing dates"):
        sr.rollup(data, by="k", currency="USD", read_on="date")
    data["date"] = np.array(["2026-01-01", "2026-01-02"], dtype="datetime64[D]")
    data["followers"] = np.array(["1", "2"], dtype=object)
    with pytest.raises(sr.InvalidTypeError):
        sr.rollup(data, by="k", currency="USD", read_on="date")


def test_readings_at_two_times_of_one_day_must_agree() -> None:
    import polars as pl

    frame = pl.DataFrame(
        {
            "k": ["a", "a"],
            "at": [dt.datetime(2026, 1, 1, 9), dt.datetime(2026, 1, 1, 18)],
            "followers": [10, 11],
        }
    )
    with pytest.raises(sr.InvalidValueError, match="read twice on 2026-01-01"):
        sr.rollup(frame, by="k", currency="USD", read_on="at")
    same = frame.with_columns(pl.lit(10).alias("followers"))
    rep = sr.rollup(same, by="k", currency="USD", read_on="at")
    assert rep.column("followers_closing").tolist() == [10.0]


def test_level_arguments_and_conflicts_are_named_exactly() -> None:
    """From mutation testing: each argument of between() is named, both ends of a span name
    the disagreeing date and values, and unequal levels hash apart."""
    for bad, argument in [
        (("x", 1, JAN31, 2), "'opened' must be an ISO date"),
        ((JAN1, -1, JAN31, 2), "'opening' must be >= 0"),
        ((JAN1, 1, "x", 2), "'closed' must be an ISO date"),
        ((JAN1, 1, JAN31, -2), "'closing' must be >= 0"),
    ]:
        with pytest.raises(sr.SocialROIError, match=argument):
            L.between(*bad)
    with pytest.raises(
        sr.InvalidValueError, match=r"^two readings of one series on 2026-01-31 disagree: 2.0 and"
    ):
        L.between(JAN1, 1, JAN31, 2) | L.between("2025-12-01", 1, JAN31, 3)
    with pytest.raises(sr.InvalidValueError, match="^a Level needs at least one reading"):
        L({})
    with pytest.raises(sr.InvalidValueError, match=r"^series 'ig': the opening reading"):
        L.between(JAN31, 1, JAN1, 2, series="ig")
    assert hash(L.at(JAN1, 1)) == hash(L.at(JAN1, 1.0))
    assert hash(L.at(JAN1, 1)) != hash(L.at(JAN1, 2))
    assert repr(L.at(JAN1, 1)) == "Level.at('2026-01-01', 1.0)"
    assert repr(L.between(JAN1, 1, JAN31, 2, series="a")) == (
        "Level.between('2026-01-01', 1.0, '2026-01-31', 2.0, series='a')"
    )
    with pytest.raises(sr.InvalidTypeError, match="^'on' must be a date, not a datetime"):
        L.at(dt.datetime(2026, 1, 1), 1)
