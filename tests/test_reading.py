"""One way to read any metric: ``row.cpa``, ``row["cpa"]``, ``report["cpa"]``, and funnels
from a row (issue 17)."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from hypothesis import given, settings

import socialroi as sr
from socialroi import strategies as srst

M = sr.Measures.of(
    "USD", impressions=40_000, link_clicks=200, purchases=8, inquiries=20, ad_spend=400
)
ROW = sr.Row.of(M)
REPORT = sr.report(
    [
        sr.Activity("meta", "paid", M),
        sr.Activity("x", "paid", sr.Measures.of("USD", impressions=1_000, ad_spend=10)),
    ],
    by="channel",
)


def test_every_catalog_metric_reads_as_an_attribute_and_by_name() -> None:
    for name in sr.catalog(ROW.measures.vocabulary):
        expected = ROW.metric(name)
        if name != "profit":  # the property gives profit as Money (an error when undefined)
            assert getattr(ROW, name) == pytest.approx(expected, nan_ok=True)
        assert ROW[name] == pytest.approx(expected, nan_ok=True)
    assert ROW.cpa == 50.0 and ROW.ctr == 0.005 and ROW.cost_per_inquiry == 20.0


def test_report_total_reads_any_metric_as_an_attribute() -> None:
    # on main this was an AttributeError: only roi and roas were properties
    assert REPORT.total.cpa == 400 / 8 + 10 / 8
    assert REPORT.total.cpm == pytest.approx(410 / 41)


def test_metrics_of_a_vocabulary_of_ones_own_read_as_attributes() -> None:
    mine = sr.VOCABULARY.with_actions(
        sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True)
    )
    row = sr.Row.of(sr.Measures.of("USD", webinar_signups=4, ad_spend=100, vocabulary=mine))
    assert row.cost_per_webinar_signup == 25.0
    assert "cost_per_webinar_signup" in dir(row)
    assert not hasattr(ROW, "cost_per_webinar_signup")  # not in the default vocabulary


def test_measures_read_by_name() -> None:
    assert ROW["impressions"] == 40_000.0
    assert ROW["investment"] == 400.0
    assert ROW["return"] == 0.0


def test_an_unknown_attribute_is_an_attribute_error_naming_close_matches() -> None:
    with pytest.raises(sr.UnknownAttributeError, match=r"did you mean 'cpa'") as info:
        _ = ROW.cpaa
    assert isinstance(info.value, AttributeError)
    assert isinstance(info.value, sr.UnknownNameError)
    assert not hasattr(ROW, "cpaa")
    assert getattr(ROW, "nothing_like_it", "default") == "default"
    with pytest.raises(AttributeError) as plain:
        _ = ROW.__array_interface__  # dunders are never metrics
    assert not isinstance(plain.value, sr.SocialROIError)


def test_an_unknown_name_by_item_names_close_matches() -> None:
    with pytest.raises(sr.UnknownNameError, match=r"neither a metric nor a measure.*'ctr'"):
        ROW["ctrr"]
    with pytest.raises(sr.InvalidTypeError, match="by a metric or measure name"):
        ROW[0]  # type: ignore[index]


def test_copy_and_pickle_still_work() -> None:
    assert copy.copy(ROW) == ROW
    assert copy.deepcopy(ROW) == ROW
    assert pickle.loads(pickle.dumps(ROW)) == ROW
    assert pickle.loads(pickle.dumps(REPORT.total)).cpa == REPORT.total.cpa


@settings(max_examples=30)
@given(srst.measures(currency="USD"))
def test_attribute_and_metric_agree(measures: sr.Measures) -> None:
    row = sr.Row.of(measures)
    for name in ("cpa", "ctr", "cpm", "roi", "conversion_rate"):
        assert getattr(row, name) == pytest.approx(row.metric(name), nan_ok=True)


def test_report_items_read_any_column() -> None:
    np.testing.assert_array_equal(REPORT["cpa"], REPORT.column("cpa"))
    assert REPORT["impressions"].tolist() == [40_000.0, 1_000.0]
    assert REPORT["channel"].tolist() == ["meta", "x"]


def test_an_unknown_column_lists_measures_and_metrics() -> None:
    # on main: "unknown measure 'cost_per_inquiri'; known: <measures only>"
    with pytest.raises(sr.UnknownNameError) as info:
        REPORT.column("cost_per_inquiri")
    message = str(info.value)
    assert "did you mean 'cost_per_inquiry'" in message
    assert "measures and the metrics" in message and "cpa" in message
    with pytest.raises(sr.UnknownNameError, match="unknown column 'zzz'"):
        REPORT["zzz"]


def test_a_funnel_reads_a_row_as_kpis_do() -> None:
    steps = [("seen", "impressions"), ("clicked", "link_clicks"), ("bought", "purchases")]
    from_row = sr.Funnel.from_measures(REPORT.total, steps)
    assert from_row == sr.Funnel.from_measures(REPORT.total.measures, steps)
    assert from_row.counts == (41_000.0, 200.0, 8.0)
    with pytest.raises(sr.InvalidTypeError, match="Measures or a report's Row"):
        sr.Funnel.from_measures(REPORT, steps)  # type: ignore[arg-type]
