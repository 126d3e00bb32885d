"""Return-based metrics (issue 12, "nothing silent").

- ROI, ROAS and profit need a return: where none was recorded (no revenue, no valued action)
  they are undefined (NaN), not -100%. A return recorded as 0 is a real -100%.
- ROAS never mixes organic return into a paid ratio: it is the return of paid activity over ad
  spend. The blended ratio, all return over ad spend, is its own metric, MER (marketing
  efficiency ratio, "blended ROAS").

Reference values: docs/examples/quarterly_roi.py. Paid return = LinkedIn paid 8,000 revenue +
15 qualified leads x 800 + Facebook 3,800 + 5 x 800 = 27,800 on 9,500 of ad spend: ROAS
27,800 / 9,500 = 2.926...; all return 45,000 / 9,500 = 4.736... is the MER.
"""

from __future__ import annotations

import math
import runpy
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst

ROOT = Path(__file__).resolve().parent.parent


def test_no_return_recorded_makes_return_metrics_undefined() -> None:
    row = sr.Row.of(sr.Measures.of("USD", ad_spend=1_000, impressions=10_000))
    assert math.isnan(row.roi) and math.isnan(row.roas) and math.isnan(row.metric("profit"))
    assert "roi" not in row.metrics() and "cpm" in row.metrics()
    with pytest.raises(sr.InvalidValueError, match="profit is undefined: no return"):
        row.profit  # noqa: B018


def test_a_return_recorded_as_zero_is_a_real_loss() -> None:
    for measures in (
        sr.Measures.of("USD", ad_spend=1_000, revenue=0),
        sr.Measures.of("USD", ad_spend=1_000, leads=0).valued_at({"leads": 50}),
        sr.Measures("USD", costs={"ad_spend": 1_000}, return_recorded=True),
    ):
        assert measures.return_recorded
        row = sr.Row.of(measures)
        assert row.roi == -1.0 and row.roas == 0.0 and row.profit == sr.Money(-1_000, "USD")


def test_return_recorded_follows_revenue_and_valued_actions() -> None:
    assert not sr.Measures.empty("USD").return_recorded
    assert sr.Measures("USD", revenue=5).return_recorded
    assert sr.Measures.of("USD", value_leads=5).return_recorded
    assert sr.Measures("USD", revenue=5, return_recorded=False).return_recorded  # revenue is one
    assert attrs.evolve(sr.Measures.of("USD", impressions=5), revenue=1).return_recorded
    with pytest.raises(sr.InvalidTypeError, match="'return_recorded' must be True or False"):
        sr.Measures("USD", return_recorded=1)


@given(srst.measures(currency="USD"), srst.measures(currency="USD"))
def test_return_recorded_merges_as_or(a: sr.Measures, b: sr.Measures) -> None:
    assert (a + b).return_recorded == (a.return_recorded or b.return_recorded)
    assert (a + sr.Measures.empty("USD")).return_recorded == a.return_recorded


def test_a_report_row_without_return_is_undefined_and_the_total_is_not() -> None:
    acts = [
        sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=100, revenue=300)),
        sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=100)),
    ]
    rep = sr.report(acts, by="channel")
    roi = rep.column("roi")
    assert roi[0] == 2.0 and math.isnan(roi[1])
    assert next(iter(rep)).roi == 2.0 and math.isnan(rep.row("x").roi)
    assert rep.total.roi == 0.5  # 300 back on 200: the total recorded a return
    nothing = sr.report([acts[1]], by="channel")
    assert "roi" not in nothing.metrics and "profit" not in nothing.metrics
    assert math.isnan(nothing.column("roi")[0]) and math.isnan(nothing.column("profit")[0])


def test_report_sums_keep_whether_a_return_was_recorded() -> None:
    paid = sr.report([sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=10))], by="mode")
    sold = sr.report(
        [sr.Activity("x", "paid", sr.Measures.of("USD", ad_spend=10, revenue=0))], by="mode"
    )
    assert math.isnan(paid.total.roi) and sold.total.roi == -1.0
    assert (paid + sold).total.roi == -1.0
    assert paid.row_measures[0].return_recorded is False
    assert sold.row_measures[0].return_recorded is True


def test_metric_compute_on_columns_needs_a_return_column() -> None:
    assert math.isnan(float(sr.metric("roi").compute({"ad_spend": [10.0]})[0]))  # type: ignore[index]
    assert sr.metric("roi").compute({"ad_spend": [10.0], "revenue": [0.0]}).tolist() == [-1.0]  # type: ignore[union-attr]


def _quarter() -> list[sr.Activity]:
    return runpy.run_path(str(ROOT / "docs" / "examples" / "quarterly_roi.py"))["quarter"]  # type: ignore[no-any-return]


def test_campaign_roas_is_paid_return_over_ad_spend(capsys: pytest.CaptureFixture[str]) -> None:
    quarter = _quarter()
    campaign = sr.report(quarter, by=()).total
    by_mode = sr.report(quarter, by="mode")
    assert campaign.roas == pytest.approx(27_800 / 9_500, rel=1e-12)
    assert campaign.roas == by_mode.row("paid").roas
    assert campaign.metric("mer") == pytest.approx(45_000 / 9_500, rel=1e-12)
    column = sr.report(quarter, by=()).column("roas")
    assert column.tolist() == [campaign.roas]
    by_channel = sr.report(quarter, by="channel")
    assert by_channel.row("linkedin").roas == pytest.approx(20_000 / 7_000, rel=1e-12)
    assert by_channel.row("linkedin").metric("mer") == pytest.approx(35_600 / 7_000, rel=1e-12)
    assert by_channel.row("x").roas != by_channel.row("x").roas  # organic only: no ad spend
    assert "mer" in sr.METRICS and sr.metric("mer").unit is sr.Unit.MULTIPLE


def test_paid_return_is_kept_through_merges_and_rows() -> None:
    quarter = _quarter()
    rep = sr.report(quarter[:2], by=()) + sr.report(quarter[2:], by=())
    assert rep.total.roas == pytest.approx(27_800 / 9_500, rel=1e-12)
    row = rep.row()
    assert row.paid_return == 27_800
    assert eval(repr(row), {n: getattr(sr, n) for n in sr.__all__} | {"nan": math.nan}) == row


def test_a_paid_row_alone_has_roas_equal_to_mer() -> None:
    m = sr.Measures.of("USD", ad_spend=2_000, revenue=9_000)
    assert sr.Row.of(m).roas == sr.Row.of(m).metric("mer") == 4.5


@given(st.floats(0, 1e6), st.floats(1, 1e6), st.floats(0, 1e6))
def test_roas_ignores_organic_return_and_mer_counts_it(
    paid: float, spend: float, organic: float
) -> None:
    acts = [
        sr.Activity("li", "paid", sr.Measures.of("USD", ad_spend=spend, revenue=paid)),
        sr.Activity("li", "organic", sr.Measures.of("USD", salaries=1, revenue=organic)),
    ]
    row = sr.report(acts, by="channel").row("li")
    assert row.roas == pytest.approx(paid / spend, rel=1e-9, abs=1e-12)
    assert row.metric("mer") == pytest.approx((paid + organic) / spend, rel=1e-9, abs=1e-12)


MODE_DATA = {
    "channel": ["li", "li", "x", "x"],
    "mode": ["paid", "Organic", "paid", "organic"],
    "ad_spend": [10.0, 0.0, 5.0, 0.0],
    "salaries": [0.0, 20.0, 0.0, 1.0],
    "revenue": [30.0, 50.0, 5.0, 0.0],
}


def _frames() -> dict[str, object]:
    import duckdb
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa  # type: ignore[import-untyped]

    frame = pd.DataFrame(MODE_DATA)
    return {
        "numpy": {k: np.array(v) for k, v in MODE_DATA.items()},
        "pandas": frame,
        "polars": pl.DataFrame(MODE_DATA),
        "polars-lazy": pl.DataFrame(MODE_DATA).lazy(),
        "pyarrow": pa.table(MODE_DATA),
        "duckdb": duckdb.sql("select * from frame"),
    }


@pytest.mark.parametrize(
    "engine", ["numpy", "pandas", "polars", "polars-lazy", "pyarrow", "duckdb"]
)
def test_rollups_split_return_by_a_mode_column_not_grouped_by(engine: str) -> None:
    rep = sr.rollup(_frames()[engine], by="channel", currency="USD")
    acts = [
        sr.Activity(c, m, sr.Measures.of("USD", ad_spend=a, salaries=s, revenue=r))
        for c, m, a, s, r in zip(*MODE_DATA.values(), strict=True)
    ]
    same = sr.report(acts, by="channel")
    assert rep.column("roas").tolist() == same.column("roas").tolist() == [3.0, 1.0]
    assert rep.column("mer").tolist() == same.column("mer").tolist() == [8.0, 1.0]
    assert rep.total.roas == same.total.roas == 35 / 15


@pytest.mark.parametrize("engine", ["numpy", "pandas", "polars"])
def test_a_mode_column_must_say_paid_or_organic(engine: str) -> None:
    data = dict(MODE_DATA, mode=["paid", "both", "paid", "organic"])
    import numpy as np
    import pandas as pd
    import polars as pl

    frame: object = {
        "numpy": {k: np.array(v) for k, v in data.items()},
        "pandas": pd.DataFrame(data),
        "polars": pl.DataFrame(data),
    }[engine]
    with pytest.raises(sr.InvalidValueError, match="column 'mode' must hold 'paid' or 'organic'"):
        sr.rollup(frame, by="channel", currency="USD")


#: Three return columns and a mode column in mixed case: paid return is every return of the
#: paid rows, x: 10 + 1 + 0.5, y: 20 + 2 + 0.25.
RETURNS = {
    "channel": ["x", "x", "y", "y"],
    "mode": ["paid", "organic", "Paid ", "ORGANIC"],
    "ad_spend": [1.0, 0.0, 2.0, 0.0],
    "revenue": [10.0, 100.0, 20.0, 200.0],
    "value_leads": [1.0, 1000.0, 2.0, 2000.0],
    "value_downloads": [0.5, 5000.0, 0.25, 7000.0],
}


@pytest.mark.parametrize(
    "engine", ["numpy", "pandas", "polars", "polars-lazy", "pyarrow", "duckdb"]
)
def test_paid_return_adds_every_return_column_of_the_paid_rows(engine: str) -> None:
    import duckdb
    import numpy as np
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    frame = pd.DataFrame(RETURNS)
    data: object = {
        "numpy": {k: np.array(v) for k, v in RETURNS.items()},
        "pandas": frame,
        "polars": pl.DataFrame(RETURNS),
        "polars-lazy": pl.DataFrame(RETURNS).lazy(),
        "pyarrow": pa.table(RETURNS),
        "duckdb": duckdb.from_df(frame),
    }[engine]
    rep = sr.rollup(data, by="channel", currency="USD")
    assert rep.data["paid_return"].tolist() == [11.5, 22.25]
    assert rep.column("roas").tolist() == [11.5, 22.25 / 2]


def test_a_frame_mode_column_counts_the_rows_that_are_neither() -> None:
    import polars as pl

    data = dict(MODE_DATA, mode=["paid", "both", "paid", "neither"])
    message = r"'paid' or 'organic' to split return for ROAS: 2 row\(s\) hold something else"
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.rollup(pl.DataFrame(data), by="channel", currency="USD")


def test_the_numpy_mode_message_shows_the_first_five_other_labels() -> None:
    import numpy as np

    modes = ["paid", " F", "e", "Organic", "d", "c", "b", "a", "a"]
    data = {
        "channel": np.array(["x"] * 9),
        "mode": np.array(modes),
        "revenue": np.ones(9),
    }
    message = r"'paid' or 'organic' to split return for ROAS: \['a', 'b', 'c', 'd', 'e'\]$"
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.rollup(data, by="channel", currency="USD")


@pytest.mark.parametrize("engine", ["numpy", "polars"])
def test_grouped_by_mode_any_label_is_a_group(engine: str) -> None:
    """Grouped by mode, return needs no split: labels other than paid and organic are groups
    like any other, and only organic rows' return is left out of paid return."""
    import numpy as np
    import polars as pl

    columns = {
        "mode": ["paid", "referral", "organic", "referral"],
        "ad_spend": [1.0, 1.0, 1.0, 1.0],
        "revenue": [2.0, 3.0, 4.0, 5.0],
    }
    data: object = (
        {k: np.array(v) for k, v in columns.items()}
        if engine == "numpy"
        else pl.DataFrame(columns)
    )
    rep = sr.rollup(data, by="mode", currency="USD")
    assert rep.keys == (("organic",), ("paid",), ("referral",))
    assert rep.data["paid_return"].tolist() == [0.0, 2.0, 8.0]
    assert rep.column("revenue").tolist() == [4.0, 2.0, 8.0]
