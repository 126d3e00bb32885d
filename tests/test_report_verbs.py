"""Report verbs (issue 17): select, sort, filter, head, top_k, bottom_k, and the default
table's columns."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kag import by_campaign

import socialroi as sr
from socialroi import strategies as srst

ACTS = [
    sr.Activity(c, "paid", sr.Measures.of("USD", ad_spend=s, revenue=r, impressions=i))
    for c, s, r, i in (
        ("a", 100, 300, 10_000),
        ("b", 200, 250, 50_000),
        ("c", 50, 0, 1_000),
        ("d", 0, 0, 500),  # no investment: ROI undefined
    )
]
REP = sr.report(ACTS, by="channel")


def labels(rep: sr.Report) -> list[object]:
    return [key[0] for key in rep.keys]


def test_sort_by_a_metric_a_measure_or_a_dimension() -> None:
    assert labels(REP.sort("roi")) == ["c", "b", "a", "d"]  # undefined last
    assert labels(REP.sort("roi", descending=True)) == ["a", "b", "c", "d"]  # still last
    assert labels(REP.sort("impressions", descending=True)) == ["b", "a", "c", "d"]
    assert labels(REP.sort("channel", descending=True)) == ["d", "c", "b", "a"]
    assert REP.sort("roi").column("roi")[:3].tolist() == [-1.0, 0.25, 2.0]
    assert REP.sort("roi").total == REP.total  # the same rows, the same total


def test_sort_by_several_columns_breaks_ties_in_order() -> None:
    acts = [
        sr.Activity(ch, m, sr.Measures.of("USD", ad_spend=s))
        for ch, m, s in (("x", "paid", 5), ("y", "paid", 5), ("y", "organic", 9))
    ]
    rep = sr.report(acts, by=("channel", "mode"))
    order = rep.sort(["investment", "channel"], descending=[False, True]).keys
    assert order == (("y", "paid"), ("x", "paid"), ("y", "organic"))
    with pytest.raises(sr.InvalidTypeError, match="'descending'"):
        rep.sort(["investment", "channel"], descending=[True])
    with pytest.raises(sr.InvalidTypeError, match="'by' must be a column name"):
        rep.sort([])
    with pytest.raises(sr.UnknownNameError, match="did you mean 'roi'"):
        rep.sort("roii")


def test_sort_orders_integer_ids_as_numbers() -> None:
    rep = by_campaign()
    assert labels(rep.sort("xyz_campaign_id", descending=True)) == [1178, 936, 916]
    assert labels(rep.sort("roi", descending=True)) == [916, 936, 1178]


def test_filter_by_a_predicate_or_a_mask_and_the_total_is_of_the_kept_rows() -> None:
    kept = REP.filter(lambda row: row.roi > 0)  # NaN > 0 is False: d is left out
    assert labels(kept) == ["a", "b"]
    assert kept == REP.filter(REP["roi"] > 0)
    assert kept.total.investment == sr.Money(300, "USD")
    assert kept.total.roi == (550 - 300) / 300  # read from the kept rows' sums
    assert REP.total.roi != kept.total.roi
    none = REP.filter(lambda row: False)
    assert len(none) == 0 and math.isnan(none.total.roi)
    assert none.to_text().splitlines() == [none.to_text()]  # the header alone
    with pytest.raises(sr.InvalidTypeError, match="must return True or False"):
        REP.filter(lambda row: row.roi)  # type: ignore[arg-type, return-value]
    with pytest.raises(sr.InvalidValueError, match="one bool per row"):
        REP.filter([True, False])
    with pytest.raises(sr.InvalidValueError, match="one bool per row"):
        REP.filter(np.array([1, 0, 1, 0]))
    with pytest.raises(sr.InvalidTypeError, match="'predicate'"):
        REP.filter("roi > 0")  # type: ignore[arg-type]


def test_head_top_k_and_bottom_k() -> None:
    assert labels(REP.head(2)) == ["a", "b"]
    assert len(REP.head()) == 4 and len(REP.head(0)) == 0 and len(REP.head(10)) == 4
    assert labels(REP.top_k(2, by="roi")) == ["a", "b"]
    assert labels(REP.top_k(9, by="roi")) == ["a", "b", "c", "d"]  # undefined never first
    assert labels(REP.bottom_k(1, by="cpm")) == ["d"]  # no spend: a CPM of 0
    assert labels(REP.bottom_k(2, by="investment")) == ["d", "c"]
    for bad in (-1, 1.5, True):
        with pytest.raises(sr.InvalidValueError, match="number of rows"):
            REP.head(bad)  # type: ignore[arg-type]
        with pytest.raises(sr.InvalidValueError, match="'k'"):
            REP.top_k(bad, by="roi")  # type: ignore[arg-type]


def test_select_chooses_the_columns_of_tables_and_exports() -> None:
    chosen = REP.select("channel", "roi", "impressions")
    assert chosen.columns == ("channel", "roi", "impressions")
    assert chosen.to_text().splitlines()[0].split() == ["channel", "roi", "impressions"]
    assert list(chosen.to_pandas().columns) == ["channel", "roi", "impressions"]
    assert list(chosen.to_records()[0]) == ["channel", "roi", "impressions"]
    assert chosen.total == REP.total and chosen.metrics == REP.metrics
    assert REP.select(["channel", "roi"]).columns == ("channel", "roi")
    assert chosen.sort("roi").columns == chosen.columns  # verbs keep the selection
    assert chosen != REP and chosen == REP.select("channel", "roi", "impressions")
    assert (chosen + REP).columns == chosen.columns
    with pytest.raises(sr.UnknownNameError, match="unknown column 'roii'"):
        REP.select("roii")
    with pytest.raises(sr.InvalidValueError, match="distinct"):
        REP.select("roi", "roi")
    with pytest.raises(sr.InvalidValueError, match="one or more"):
        REP.select()


@settings(max_examples=40)
@given(
    st.lists(srst.activities(currency="USD"), min_size=1, max_size=8),
    st.sampled_from(["roi", "cpm", "investment", "impressions", "channel"]),
    st.booleans(),
)
def test_verbs_keep_rows_and_their_measures(acts: list[sr.Activity], by: str, down: bool) -> None:
    rep = sr.report(acts, by="channel")
    ordered = rep.sort(by, descending=down)
    assert sorted(ordered.keys) == sorted(rep.keys)
    assert ordered.total.measures == rep.total.measures  # merging is commutative
    rows = {r.key: r.measures for r in rep}
    assert all(rows[r.key] == r.measures for r in ordered)
    values = [v for v in ordered.column(by).tolist() if not (isinstance(v, float) and v != v)]
    assert values == sorted(values, reverse=down)  # defined values in order, NaN after
    half = rep.filter(lambda row: row.investment.amount > 100)
    assert all(r.investment.amount > 100 for r in half)
    assert len(half) == sum(1 for r in rep if r.investment.amount > 100)


def test_the_default_table_leaves_out_duplicate_columns() -> None:
    rep = by_campaign()
    assert len(rep.columns) > 20  # every column is still exported
    assert rep.default_columns == (
        "xyz_campaign_id",
        "investment",
        "return",
        "roi",
        "roas",
        "cpm",
        "cpc",
        "cpa",
        "ctr",
        "conversion_rate",
        "cost_per_inquiry",
        "conversion_rate_inquiries",
    )  # mer = roas, cost_per_engagement = cpc, engagement_rate = ctr on this export
    header = rep.to_text().splitlines()[0].split()
    assert header == list(rep.default_columns)  # on main: 21 columns, duplicates included
    assert "<th>mer</th>" not in rep._repr_html_()
    assert rep.select("xyz_campaign_id", "mer").to_text().splitlines()[0].split()[1] == "mer"


def test_default_columns_keep_a_metric_equal_to_one_of_another_unit() -> None:
    # ROI 100% and a ROAS of 2x differ; CPC 1.00 equals cost per engagement 1.00
    rep = sr.report(
        [
            sr.Activity(
                "a",
                "paid",
                sr.Measures.of(
                    "USD", ad_spend=100, revenue=200, link_clicks=100, impressions=1_000
                ),
            )
        ],
        by="channel",
    )
    shown = rep.default_columns
    assert "cpc" in shown and "cost_per_engagement" not in shown and "profit" not in shown
    assert "roas" in shown and "mer" not in shown and "roi" in shown
