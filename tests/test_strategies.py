"""The Hypothesis strategies we ship: registered for st.from_type, options take values or
strategies, and what they draw is valid."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst

PUBLIC_TYPES = [
    sr.Money,
    sr.Reach,
    sr.Measures,
    sr.Activity,
    sr.Row,
    sr.Report,
    sr.Metric,
    sr.KPI,
    sr.Funnel,
    sr.Action,
    sr.Vocabulary,
    sr.CostRate,
]


@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
@settings(max_examples=20)
@given(data=st.data())
def test_from_type_works_for_every_public_value_type(cls: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(cls)), cls)


@given(srst.money(currency=st.sampled_from(["EUR", "JPY"]), max_value=10, allow_negative=True))
def test_money_options(m: sr.Money) -> None:
    assert m.currency in {"EUR", "JPY"} and -10 <= m.amount <= 10
    assert m.amount == int(m.amount)  # exact by default


@given(srst.money(currency="USD", exact=False, max_value=st.just(1.5)))
def test_money_inexact(m: sr.Money) -> None:
    assert m.currency == "USD" and 0 <= m.amount <= 1.5


@given(srst.measures(currency="CHF", reach=True, max_value=1000))
def test_measures_options(m: sr.Measures) -> None:
    assert m.currency == "CHF" and m.reach is not None
    assert m.reach.low <= m.count("impressions")
    assert all(v <= 1000 for v in m.to_dict().values())


@given(srst.measures(currency="CHF", reach=st.just(False), exact=False))
def test_measures_without_reach(m: sr.Measures) -> None:
    assert m.reach is None


@given(srst.reaches(max_value=50, exact=False))
def test_reaches(r: sr.Reach) -> None:
    assert 0 <= r.low <= r.high <= 50


@given(
    srst.activities(
        channel="tiktok", mode="paid", campaign=st.just("c"), measures=sr.Measures.empty("USD")
    )
)
def test_activity_options(a: sr.Activity) -> None:
    assert (a.channel, a.mode, a.campaign) == ("tiktok", sr.Mode.PAID, "c")


@settings(max_examples=20)
@given(srst.reports(by=("mode",), currency="EUR", max_activities=3))
def test_reports(r: sr.Report) -> None:
    assert r.by == ("mode",) and r.currency == "EUR" and 1 <= len(r) <= 2


@given(srst.rows(currency="EUR"), srst.metrics(), srst.currencies(), srst.channels())
def test_rows_metrics_currencies_channels(
    r: sr.Row, m: sr.Metric, code: str, channel: str
) -> None:
    assert r.measures.currency == "EUR" and m.name in sr.METRICS
    assert sr.Money(0, code).currency == code
    assert sr.Activity(channel, "organic", sr.Measures.empty("USD")).channel == channel


def test_the_entry_point_registers_strategies_without_importing_them() -> None:
    """A user's test imports only hypothesis and socialroi; st.from_type still works."""
    code = (
        "import sys; from hypothesis import strategies as st; import socialroi as sr\n"
        "assert 'socialroi.strategies' not in sys.modules\n"
        "m = st.from_type(sr.Measures).example()\n"
        "assert isinstance(m, sr.Measures)\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_huge_integers_are_rejected_as_not_finite() -> None:
    with pytest.raises(sr.InvalidValueError, match="'revenue' must be finite"):
        sr.Measures("USD", revenue=10**400)


@given(srst.kpis(tracks="roi", target=st.just(0.5)), srst.funnels(stages=3, exact=False))
def test_kpis_and_funnels(kpi: sr.KPI, funnel: sr.Funnel) -> None:
    assert kpi.tracks == "roi" and kpi.target == 0.5
    assert len(funnel.stages) == 3
    assert isinstance(kpi.evaluate(sr.Measures.of("USD", ad_spend=1)).met, bool)
