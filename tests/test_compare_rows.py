"""Rows compared (issue 17): differences and ratios of every metric, the z-test on rates,
Holm's correction when many rows meet one baseline (checked against statsmodels)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from kag import by_campaign

import socialroi as sr
from socialroi import stats

multipletests = pytest.importorskip("statsmodels.stats.multitest").multipletests


def _report() -> sr.Report:
    rows = (("a", 100, 100), ("b", 160, 100), ("c", 104, 0), ("d", 0, 50))
    return sr.report(
        [
            sr.Activity(
                ch,
                "paid",
                sr.Measures.of("USD", impressions=10_000, link_clicks=k, ad_spend=s),
            )
            for ch, k, s in rows
        ],
        by="channel",
    )


REP = _report()


def test_two_rows_every_metric() -> None:
    diff = stats.compare_rows(REP, "b", "a")
    assert diff.baseline == ("a",) and diff.by == ("channel",)
    assert {d.metric for d in diff.differences} == {"cpm", "cpc", "ctr"}
    ctr = diff.get("ctr")
    assert (ctr.value, ctr.baseline) == (0.016, 0.01)
    assert ctr.difference == pytest.approx(0.006) and ctr.ratio == pytest.approx(1.6)
    reference = stats.compare_rates(160, 10_000, 100, 10_000)
    assert ctr.p_value == reference.p_value and ctr.p_adjusted == reference.p_value
    assert ctr.tested and ctr.significant
    cpc = diff.get("cpc", "b")
    assert (cpc.value, cpc.baseline, cpc.ratio) == (0.625, 1.0, 0.625)
    assert not cpc.tested and math.isnan(cpc.p_value) and not cpc.significant


def test_every_row_against_a_baseline_is_holm_corrected_per_metric() -> None:
    vs_a = stats.compare_to_baseline(REP, "a", metrics=["ctr", "cpc"])
    assert [d.row for d in vs_a.differences] == [("b",), ("b",), ("c",), ("c",), ("d",), ("d",)]
    ctr = [vs_a.get("ctr", r) for r in ("b", "c", "d")]
    raw = [stats.compare_rates(k, 10_000, 100, 10_000).p_value for k in (160, 104, 0)]
    assert [d.p_value for d in ctr] == raw
    expected = multipletests(raw, method="holm")[1]  # statsmodels, the reference
    np.testing.assert_allclose([d.p_adjusted for d in ctr], expected, rtol=1e-12)
    assert [d.significant for d in ctr] == [True, False, True]
    cpc_c = vs_a.get("cpc", "c")
    assert cpc_c.ratio == 0.0 and cpc_c.difference == -1.0  # no spend: a CPC of 0
    cpc_d = vs_a.get("cpc", "d")  # no click: its CPC is undefined, and so are the others
    assert math.isnan(cpc_d.value) and math.isnan(cpc_d.difference)
    assert math.isnan(cpc_d.ratio)
    some = stats.compare_to_baseline(REP, "a", rows=["b"], metrics="ctr")
    assert some.get("ctr").p_adjusted == raw[0]  # one test: Holm leaves it


def test_a_zero_baseline_gives_an_undefined_ratio() -> None:
    vs_d = stats.compare_to_baseline(REP, "d", metrics=["ctr", "cpm"])
    assert math.isnan(vs_d.get("ctr", "a").ratio)  # 0 clicks on d
    assert vs_d.get("ctr", "a").tested  # 100 / 10,000 against 0 / 10,000 is a test
    assert vs_d.get("ctr", "a").difference == 0.01
    vs_c = stats.compare_to_baseline(REP, "c", metrics="cpm")
    assert math.isnan(vs_c.get("cpm", "a").ratio)  # c spent nothing: a CPM of 0
    assert vs_c.get("cpm", "a").difference == 10.0


def test_the_table_and_records() -> None:
    diff = stats.compare_rows(REP, "b", "a")
    lines = diff.to_text().splitlines()
    assert lines[0].split() == [
        "channel",
        "metric",
        "value",
        "baseline",
        "difference",
        "ratio",
        "p",
        "p",
        "(Holm)",
        "significant",
    ]
    ctr_line = next(line for line in lines if " ctr " in line).split()
    assert ctr_line[:6] == ["b", "ctr", "1.6%", "1%", "0.6%", "1.60x"]
    assert ctr_line[-1] == "yes"
    assert next(line for line in lines if " cpc " in line).split()[-1] == "0.625x"
    record = diff.to_records()[0]
    assert record["channel"] == "b" and set(record) >= {"metric", "p_adjusted", "significant"}
    assert "Rows against channel=a" in diff._repr_html_()
    assert "1.60x" in diff.to_text(precision=3) and "1.6x" not in diff.to_text()


def test_bad_input_names_the_argument() -> None:
    with pytest.raises(sr.UnknownNameError, match="'baseline': no row"):
        stats.compare_rows(REP, "b", "zz")
    with pytest.raises(sr.UnknownNameError, match="'rows': no row"):
        stats.compare_to_baseline(REP, "a", rows=["zz"])
    with pytest.raises(sr.InvalidTypeError, match="'rows' must be a list"):
        stats.compare_to_baseline(REP, "a", rows="b")
    with pytest.raises(sr.UnknownNameError, match="did you mean 'ctr'"):
        stats.compare_rows(REP, "b", "a", metrics=["ctrr"])
    with pytest.raises(sr.InvalidValueError, match="a measure, not a metric"):
        stats.compare_rows(REP, "b", "a", metrics=["impressions"])
    with pytest.raises(sr.InvalidTypeError, match="'metrics'"):
        stats.compare_rows(REP, "b", "a", metrics=[1])  # type: ignore[list-item]
    with pytest.raises(sr.InvalidTypeError, match="'report'"):
        stats.compare_rows([], "b", "a")  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidValueError, match="'confidence'"):
        stats.compare_rows(REP, "b", "a", confidence=1.5)
    with pytest.raises(sr.InvalidValueError, match="no single difference"):
        stats.compare_to_baseline(REP, "a").get("ctr")  # three rows: name one


def test_the_facebook_campaigns_against_the_largest() -> None:
    rep = by_campaign()
    vs = stats.compare_to_baseline(rep, 1178)
    rows = [d.row for d in vs.differences]
    assert rows == [(916,)] * (len(rows) // 2) + [(936,)] * (len(rows) // 2)  # row by row
    assert {d.metric for d in vs.differences} == set(rep.default_columns[3:])
    ctr_916, ctr_936 = vs.get("ctr", 916), vs.get("ctr", 936)
    raw = [
        stats.compare_rates(113, 482_925, 36_068, 204_823_716).p_value,
        stats.compare_rates(1_984, 8_128_187, 36_068, 204_823_716).p_value,
    ]
    assert [ctr_916.p_value, ctr_936.p_value] == raw
    np.testing.assert_allclose(
        [ctr_916.p_adjusted, ctr_936.p_adjusted], multipletests(raw, method="holm")[1]
    )
    assert ctr_916.significant and ctr_936.significant
    # 916 against 936: a CTR of 0.0234% against 0.0244% is no real difference
    pair = stats.compare_rows(rep, 916, "936")
    assert not pair.get("ctr").significant and pair.get("conversion_rate").significant


@given(st.lists(st.floats(0, 1), min_size=0, max_size=30))
def test_holm_matches_statsmodels(p: list[float]) -> None:
    ours = stats.holm(p)
    if p:
        np.testing.assert_allclose(ours, multipletests(p, method="holm")[1], rtol=1e-12)
    assert ours.shape == (len(p),)


def test_holm_leaves_untested_values_out() -> None:
    got = stats.holm([0.01, math.nan, 0.04])
    assert got[0] == 0.02 and math.isnan(got[1]) and got[2] == 0.04
    for bad in ([1.5], [-0.1], [[0.1]], ["0.5"], [math.inf]):
        with pytest.raises(sr.SocialROIError, match="'p_values'"):
            stats.holm(bad)
