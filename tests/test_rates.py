"""Cost rates as typed values: money per a number of an action, read from rows, used as KPI
targets, benchmarks and the CPM of earned media value; never mixed across currencies or
actions."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst

ROW = sr.Row.of(sr.Measures.of("USD", impressions=40_000, link_clicks=400, leads=8, ad_spend=200))


def test_a_row_gives_its_cost_rates() -> None:
    # 200 spent on 40,000 impressions: a CPM of 5 (Meta: cost per 1,000 impressions).
    cpm = ROW.cost_rate("cpm")
    assert cpm == sr.CostRate(sr.Money(5, "USD"), "impressions", per=1_000)
    assert cpm.amount == 5.0 and cpm.currency == "USD" and cpm.per == 1_000.0
    assert str(cpm) == "5.00 USD per 1,000 impressions"
    assert ROW.cost_rate("cpc") == sr.CostRate.cpc(0.5, "USD")
    assert ROW.cost_rate("cost_per_lead") == sr.CostRate.per_action(25, "USD", "leads")
    assert repr(ROW.cost_rate("cpc")) == "CostRate(Money(0.5, 'USD'), 'link_clicks')"
    with pytest.raises(sr.InvalidValueError, match="'roi' is not a cost rate"):
        ROW.cost_rate("roi")
    with pytest.raises(sr.InvalidValueError, match="'cpa' is undefined on this row: no 'purch"):
        ROW.cost_rate("cpa")


def test_rates_show_what_they_are_paid_per() -> None:
    assert str(sr.CostRate.cpc(0.5, "USD")) == "0.50 USD per link click"
    assert str(sr.CostRate.per_action(25, "USD", "inquiries")) == "25.00 USD per inquiry"
    assert str(sr.CostRate(sr.Money(3, "USD"), "leads", per=2)) == "3.00 USD per 2 leads"
    assert (
        str(sr.CostRate(sr.Money(3, "USD"), "link_clicks", per=2)) == "3.00 USD per 2 link clicks"
    )
    assert repr(sr.CostRate.cpm(5, "USD")) == (
        "CostRate(Money(5.0, 'USD'), 'impressions', per=1000.0)"
    )
    assert (
        sr.CostRate.cpm(5, "USD").action == "impressions" and sr.CostRate.cpm(5, "USD").per == 1000
    )
    assert sr.CostRate.cpc(5, "USD").action == "link_clicks" and sr.CostRate.cpc(5, "USD").per == 1


def test_rates_compare_only_when_alike() -> None:
    cheap, dear = sr.CostRate.cpm(4, "EUR"), sr.CostRate.cpm(6, "EUR")
    same = sr.CostRate.cpm(4, "EUR")
    assert not cheap < same and cheap <= same and not cheap > same and cheap >= same
    assert cheap < dear and cheap <= dear and dear > cheap and dear >= cheap
    assert not cheap > dear and not dear <= cheap
    per_one = sr.CostRate(sr.Money(0.005, "EUR"), "impressions")  # the same as a CPM of 5
    assert per_one < dear and per_one > cheap
    with pytest.raises(sr.CurrencyMismatchError, match="in EUR with one in USD"):
        _ = cheap < sr.CostRate.cpm(4, "USD")
    with pytest.raises(sr.InvalidValueError, match="cost per 'impressions' with a cost per 'l"):
        _ = cheap < sr.CostRate.cpc(4, "EUR")
    with pytest.raises(sr.InvalidTypeError, match="can only compare a CostRate"):
        _ = cheap < 4


@given(st.floats(0, 1e6), st.floats(0, 1e9))
def test_cost_of_is_the_rate_times_the_count(amount: float, count: float) -> None:
    rate = sr.CostRate.cpm(amount, "USD")
    assert rate.cost_of(count).amount == pytest.approx(amount * count / 1_000, rel=1e-12)
    assert rate.cost_of(count).currency == "USD"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.CostRate(5, "impressions"), sr.InvalidTypeError, "'money' must be a soc"),
        (lambda: sr.CostRate(sr.Money(-1, "USD"), "leads"), sr.InvalidValueError, ">= 0"),
        (
            lambda: sr.CostRate(sr.Money(1, "USD"), "leads", per=0),
            sr.InvalidValueError,
            "'per' must be > 0",
        ),
        (
            lambda: sr.CostRate(sr.Money(1, "USD"), "leads", per=-2),
            sr.InvalidValueError,
            "'per' must be >= 0",
        ),
        (lambda: sr.CostRate(sr.Money(1, "USD"), ""), sr.InvalidValueError, "'action' must"),
        (lambda: sr.CostRate(sr.Money(1, "USD"), 3), sr.InvalidTypeError, "'action' must"),
        (
            lambda: sr.CostRate.cpm(1e300, "USD").cost_of(1e300),
            sr.InvalidValueError,
            "costs more than a float holds",
        ),
        (lambda: sr.CostRate.cpm(1, "USD").cost_of(-1), sr.InvalidValueError, "'count'"),
    ],
)
def test_bad_rates_are_named(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_rate_is_a_kpi_target_in_its_currency() -> None:
    kpi = sr.KPI(tracks="cpm", target=sr.CostRate.cpm(6, "USD"))
    assert kpi.target == 6.0 and kpi.currency == "USD"
    assert kpi.evaluate(ROW).met is True  # a CPM of 5 against at most 6
    per_impression = sr.KPI(
        tracks="cpm", target=sr.CostRate(sr.Money(0.004, "USD"), "impressions")
    )
    assert per_impression.target == 4.0 and per_impression.evaluate(ROW).met is False
    with pytest.raises(sr.CurrencyMismatchError, match="target is in USD and the source in EUR"):
        kpi.evaluate(sr.Measures.of("EUR", impressions=10, ad_spend=1))
    with pytest.raises(sr.InvalidValueError, match="paid per 'link_clicks', and 'cpm' per 'imp"):
        sr.KPI(tracks="cpm", target=sr.CostRate.cpc(1, "USD"))
    with pytest.raises(sr.InvalidValueError, match="not for 'ctr'"):
        sr.KPI(tracks="ctr", target=sr.CostRate.cpc(1, "USD"))
    with pytest.raises(sr.CurrencyMismatchError, match="'target' is in USD and 'currency' is EUR"):
        sr.KPI(tracks="cpm", target=sr.CostRate.cpm(6, "USD"), currency="EUR")
    rep = sr.report([sr.Activity("x", "paid", ROW.measures)], by="channel")
    assert kpi.evaluate(rep).met.tolist() == [True]  # type: ignore[union-attr]
    assert sr.KPI(tracks="cpm", target=6).currency is None  # a bare number: any currency


def test_a_rate_is_a_benchmark_and_an_emv_cpm() -> None:
    ours, industry = ROW.cost_rate("cpm"), sr.CostRate.cpm(6.5, "USD")
    result = sr.compare_to_benchmark(ours, industry, metric_name="cpm")
    assert result.better is True and result.difference == -1.5
    with pytest.raises(sr.CurrencyMismatchError):
        sr.compare_to_benchmark(ours, sr.CostRate.cpm(6.5, "EUR"), metric_name="cpm")
    with pytest.raises(sr.InvalidTypeError, match="a cost rate compares with a cost rate"):
        sr.compare_to_benchmark(ours, 6.5, metric_name="cpm")
    # Earned media value: 250,000 organic impressions at the paid CPM of 5: 1,250.
    assert sr.earned_media_value(250_000, cpm=ours) == 1_250.0 == ours.cost_of(250_000).amount
    with pytest.raises(sr.InvalidValueError, match="cost per impressions, not per 'link_cl"):
        sr.earned_media_value(250_000, cpm=sr.CostRate.cpc(1, "USD"))
    assert not math.isnan(sr.earned_media_value([1_000, 2_000], cpm=ours)[1])  # type: ignore[index]


@given(srst.cost_rates(currency="EUR"), srst.cost_rates(currency="EUR"))
def test_rates_of_one_kind_are_totally_ordered(a: sr.CostRate, b: sr.CostRate) -> None:
    if a.action != b.action:
        with pytest.raises(sr.InvalidValueError):
            _ = a < b
        return
    assert (a < b) + (a > b) + (a <= b and a >= b) == 1  # exactly one of <, >, equal cost
    assert (a <= b) == (not a > b)
