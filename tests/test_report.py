"""Roll-ups: activities grouped by dimensions, measures merged, metrics read from the sums."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst

acts = st.lists(srst.activities(currency="USD"), min_size=1, max_size=8)
BYS = [(), ("channel",), ("mode",), ("campaign",), ("channel", "mode"), ("mode", "campaign")]


def merged(items: list[sr.Activity]) -> sr.Measures:
    return sum((a.measures for a in items), sr.Measures.empty("USD"))


@settings(max_examples=50)
@given(acts, st.sampled_from(BYS))
def test_every_view_has_the_same_total(items: list[sr.Activity], by: tuple[str, ...]) -> None:
    rep = sr.report(items, by=by)
    assert rep.total.measures == merged(items)
    assert sum((r.measures for r in rep), sr.Measures.empty("USD")) == merged(items)


@settings(max_examples=50)
@given(acts, st.sampled_from(BYS), st.randoms())
def test_any_order_or_chunking_gives_the_same_report(
    items: list[sr.Activity], by: tuple[str, ...], rnd: object
) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert sr.report(shuffled, by=by) == sr.report(items, by=by)


@settings(max_examples=50)
@given(acts)
def test_paid_plus_organic_is_the_total(items: list[sr.Activity]) -> None:
    rep = sr.report(items, by="mode")
    by_mode = {key[0]: row.measures for key, row in zip(rep.keys, rep, strict=True)}
    empty = sr.Measures.empty("USD")
    assert by_mode.get("paid", empty) + by_mode.get("organic", empty) == merged(items)


@settings(max_examples=50)
@given(acts, st.sampled_from(BYS))
def test_rows_merge_exactly_their_activities(
    items: list[sr.Activity], by: tuple[str, ...]
) -> None:
    rep = sr.report(items, by=by)
    for key, row in zip(rep.keys, rep, strict=True):
        mine = [a for a in items if tuple(a.dimension(d) for d in by) == key]
        assert row.measures == merged(mine)
        assert dict(row.key) == dict(zip(by, key, strict=True))


invested = (
    srst.measures(currency="USD")
    .filter(lambda m: m.investment.amount > 0)
    .map(lambda m: attrs.evolve(m, return_recorded=True))  # every channel's ROI is defined
)


@settings(max_examples=50)
@given(st.lists(srst.activities(currency="USD", measures=invested), min_size=1, max_size=8))
def test_campaign_roi_is_the_investment_weighted_mean_of_channel_rois(
    items: list[sr.Activity],
) -> None:
    by_channel = sr.report(items, by="channel")
    weights = by_channel.column("investment")
    expected = np.average(by_channel.column("roi"), weights=weights)
    assert by_channel.total.roi == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_campaign_roi_is_not_the_mean_of_channel_rois() -> None:
    items = [
        sr.Activity("a", "paid", sr.Measures.of("USD", ad_spend=1_000, revenue=3_000)),
        sr.Activity("b", "paid", sr.Measures.of("USD", ad_spend=9_000, revenue=9_000)),
    ]
    rep = sr.report(items, by="channel")
    assert rep.column("roi").tolist() == [2.0, 0.0]
    assert rep.total.roi == 0.2  # 12,000 back on 10,000, not (2.0 + 0.0) / 2


def test_columns_records_and_text() -> None:
    items = [
        sr.Activity(
            "linkedin",
            "paid",
            sr.Measures.of(
                "EUR",
                ad_spend=500,
                impressions=100_000,
                link_clicks=400,
                reach=40_000,
                leads=8,
                revenue=900,
            ),
        ),
        sr.Activity(
            "linkedin",
            "organic",
            sr.Measures.of("EUR", salaries=1_000, impressions=50_000, link_clicks=100),
        ),
    ]
    rep = sr.report(items, by=("channel", "mode"))
    assert len(rep) == 2 and rep.keys == (("linkedin", "organic"), ("linkedin", "paid"))
    assert rep.currency == "EUR"
    assert rep.measures[:4] == ("investment", "salaries", "ad_spend", "revenue")
    assert "reach_low" in rep.measures
    assert {"roi", "roas", "cpm", "cpc", "ctr", "cost_per_lead", "frequency"} <= set(rep.metrics)
    assert "cpa" not in rep.metrics  # no purchases recorded anywhere
    assert rep.columns[:2] == ("channel", "mode")
    np.testing.assert_allclose(rep.column("cpm"), [20.0, 5.0])
    assert rep.column("mode").tolist() == ["organic", "paid"]
    assert rep.column("engagements").tolist() == [100.0, 400.0]  # a derived measure
    freq = rep.column("frequency")
    assert math.isnan(freq[0]) and freq[1] == 2.5  # organic reach was not measured
    records = rep.to_records()
    assert records[1]["channel"] == "linkedin" and records[1]["roi"] == pytest.approx(0.8)
    assert list(records[0]) == list(rep.columns)
    text = rep.to_text(["channel", "mode", "investment", "roi", "roas", "ctr", "leads"])
    lines = text.splitlines()
    assert len(lines) == 3
    # organic recorded no return: ROI and ROAS undefined, not -100%
    assert "1,000.00" in lines[1] and lines[1].count("n/a") == 2 and "-100%" not in lines[1]
    assert "80%" in lines[2] and "1.80x" in lines[2] and "0.4%" in lines[2]
    assert rep.to_text().count("\n") == 2
    row = rep.row("linkedin", "paid")
    assert row.roi == pytest.approx(0.8) and row.roas == pytest.approx(1.8)
    assert row.investment == sr.Money(500, "EUR") and row.return_ == sr.Money(900, "EUR")
    assert set(row.metrics()) == {
        "roi",
        "roas",
        "mer",
        "profit",
        "cpm",
        "cpc",
        "cost_per_engagement",
        "ctr",
        "engagement_rate",
        "frequency",
        "cost_per_lead",
        "conversion_rate_leads",
        "conversion_rate",
    } - {"conversion_rate"}


def test_zero_division_reaches_every_metric_column() -> None:
    items = [sr.Activity("x", "organic", sr.Measures.of("USD", impressions=10, revenue=0))]
    assert sr.report(items, by=()).column("roi").tolist() == [pytest.approx(math.nan, nan_ok=True)]
    rep = sr.report(items, by=(), zero_division=0.0)
    assert rep.column("roi").tolist() == [0.0] and rep.column("cpc").tolist() == [0.0]
    assert rep.total.roi == 0.0


def test_user_dimensions() -> None:
    items = [
        sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=1), dims={"period": "Q1"}),
        sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=2), dims={"period": "Q2"}),
        sr.Activity("y", "paid", sr.Measures.of("USD", ad_spend=4), dims={"period": "Q2"}),
    ]
    rep = sr.report(items, by="period")
    assert rep.keys == (("Q1",), ("Q2",))
    assert rep.column("investment").tolist() == [1.0, 6.0]
    with pytest.raises(sr.UnknownNameError, match="unknown dimension 'region'"):
        sr.report(items, by="region")


EMPTY = sr.Measures.empty("USD")
GOOD = [sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=1))]
EUR = [sr.Activity("y", "paid", sr.Measures.of("EUR", ad_spend=1))]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.report([], by=()), sr.InvalidValueError, "'activities' is empty"),
        (lambda: sr.report([1], by=()), sr.InvalidTypeError, "Activity items"),  # type: ignore[list-item]
        (lambda: sr.report(GOOD, by=("mode", "mode")), sr.InvalidValueError, "twice"),
        (lambda: sr.report(GOOD + EUR, by=()), sr.CurrencyMismatchError, "convert"),
        (
            lambda: sr.report(GOOD, by="mode", zero_division="x"),  # type: ignore[arg-type]
            sr.InvalidValueError,
            "zero_division",
        ),
        (lambda: sr.report(GOOD, by="mode").row("tv"), sr.UnknownNameError, "no row"),
        (
            lambda: sr.report(GOOD, by="mode").column("clicks"),
            sr.UnknownNameError,
            "unknown column .clicks.; did you mean",
        ),
        (lambda: sr.Activity("", "paid", EMPTY), sr.InvalidValueError, "'channel'"),
        (lambda: sr.Activity("x", "bought", EMPTY), sr.UnknownNameError, "'mode'"),
        (lambda: sr.Activity("x", "paid", {}), sr.InvalidTypeError, "'measures'"),
        (
            lambda: sr.Activity("x", "paid", EMPTY, campaign=True),
            sr.InvalidValueError,
            "'campaign'",
        ),
        (
            lambda: sr.Activity("x", "paid", EMPTY, dims={"mode": "a"}),
            sr.InvalidValueError,
            "'dims' names",
        ),
        (
            lambda: sr.Activity("x", "paid", EMPTY, dims={"p": 1.5}),
            sr.InvalidValueError,
            r"'dims\['p'\]'",
        ),
        (
            lambda: sr.Activity("x", "paid", EMPTY, dims=[1]),
            sr.InvalidValueError,
            "'dims' must map",
        ),
        (lambda: sr.Row.of(3), sr.InvalidTypeError, "'measures'"),  # type: ignore[arg-type]
        (lambda: sr.Row.of(EMPTY).metric("cmp"), sr.UnknownNameError, "did you mean"),
    ],
)
def test_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 1e6),
            st.floats(0, 1e3),
            st.floats(0, 1e3),
            st.one_of(st.none(), st.floats(0, 1)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_total_read_from_columns_is_the_merge_of_the_rows(
    rows: list[tuple[float, float, float, float | None]],
) -> None:
    """Inexact floats (so the order of additions shows): the total read from the columns is
    exactly the rows merged one at a time, reach bounds and recorded return included."""
    from socialroi._measures.measures import merge_all

    items = [
        sr.Activity(
            f"ch{i % 4}", "paid" if i % 3 else "organic",
            sr.Measures(
                "USD", actions={"impressions": imp}, costs={"ad_spend": spend}, revenue=rev,
                reach=None if share is None else sr.Reach.exactly(share * imp),
            ),
        )
        for i, (imp, spend, rev, share) in enumerate(rows)
    ]  # fmt: skip
    rep = sr.report(items, by=("channel", "mode"))
    assert rep.total.measures == merge_all(rep.row_measures, "USD", rep.vocabulary)
    assert rep.total.measures.reach == merge_all(rep.row_measures, "USD", rep.vocabulary).reach


def test_a_total_beyond_float64_is_named_as_the_merge_names_it() -> None:
    rep = sr.rollup(
        {"channel": np.array(["a", "b"]), "impressions": [1e308, 1e308]},
        by="channel",
        currency="USD",
    )
    with pytest.raises(sr.InvalidValueError, match="impressions"):
        rep.total  # noqa: B018


def test_a_total_of_levels_merges_them_by_their_rule() -> None:
    jan, feb = "2026-01-31", "2026-02-28"
    items = [
        sr.Activity("a", "organic", sr.Measures.of("USD", followers=sr.Level.at(jan, 100))),
        sr.Activity("b", "organic", sr.Measures.of("USD", followers=sr.Level.at(feb, 150))),
    ]
    rep = sr.report(items, by="channel")
    from socialroi._measures.measures import merge_all

    assert rep.total.measures == merge_all(rep.row_measures, "USD", rep.vocabulary)
    assert rep.total.measures.level("followers") == sr.Level.at(jan, 100) | sr.Level.at(feb, 150)
