"""Money, currencies, the vocabulary of action kinds, stages, modes and cost categories."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst


def test_money_adds_and_sums_in_one_currency() -> None:
    assert sr.Money(1, "EUR") + sr.Money(2.5, "EUR") == sr.Money(3.5, "EUR")
    assert sum([sr.Money(1, "EUR"), sr.Money(2, "EUR")]) == sr.Money(3, "EUR")
    assert sr.Money(5, "EUR") - sr.Money(7, "EUR") == sr.Money(-2, "EUR")
    assert -sr.Money(5, "EUR") == sr.Money(-5, "EUR")
    assert 2 * sr.Money(5, "EUR") == sr.Money(10, "EUR") == sr.Money(5, "EUR") * 2
    assert sr.Money(1, "EUR") < sr.Money(2, "EUR") <= sr.Money(2, "EUR")
    assert sr.Money(3, "EUR") > sr.Money(2, "EUR") >= sr.Money(2, "EUR")
    assert str(sr.Money(1234.5, "USD")) == "1,234.50 USD"
    assert eval(repr(sr.Money(1.5, "JPY")), {"Money": sr.Money}) == sr.Money(1.5, "JPY")


@pytest.mark.parametrize(
    "combine",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_raises(combine: object) -> None:
    with pytest.raises(sr.CurrencyMismatchError, match="cannot combine USD with EUR"):
        combine(sr.Money(1, "USD"), sr.Money(1, "EUR"))  # type: ignore[operator]


def test_money_rejects_bad_input() -> None:
    with pytest.raises(sr.UnknownNameError, match=r"'usd'.*did you mean 'USD'"):
        sr.Money(1, "usd")
    with pytest.raises(sr.UnknownNameError, match="ISO 4217"):
        sr.Money(1, "ABC")
    with pytest.raises(sr.InvalidTypeError, match="currency"):
        sr.Money(1, 840)
    with pytest.raises(sr.InvalidValueError, match="'amount' must be finite"):
        sr.Money(math.nan, "USD")
    with pytest.raises(sr.InvalidTypeError, match="'amount'"):
        sr.Money("12", "USD")
    with pytest.raises(sr.InvalidValueError, match="'amount' must be finite"):
        sr.Money(1e308, "USD") * 10
    with pytest.raises(sr.InvalidTypeError, match="compare Money"):
        _ = sr.Money(1, "USD") < 3  # type: ignore[operator]
    with pytest.raises(sr.InvalidTypeError, match="add Money"):
        sr.Money(1, "USD") + 3
    with pytest.raises(sr.InvalidTypeError, match="add Money"):
        3 + sr.Money(1, "USD")
    with pytest.raises(sr.InvalidTypeError, match="subtract Money"):
        sr.Money(1, "USD") - 3  # type: ignore[operator]
    with pytest.raises(sr.InvalidTypeError, match="multiply Money"):
        sr.Money(1, "USD") * "3"  # type: ignore[operator]


@given(st.lists(srst.money(currency="GBP"), max_size=10))
def test_sum_of_money_is_the_sum_of_amounts(amounts: list[sr.Money]) -> None:
    total = sum(amounts, sr.Money(0, "GBP"))
    assert total.amount == sum(m.amount for m in amounts)


def test_funnel_stages_are_ordered() -> None:
    a, i, e, p = sr.FunnelStage
    assert a < i < e < p
    assert sorted([p, a, e, i]) == [a, i, e, p]
    assert [s.rank for s in sr.FunnelStage] == [0, 1, 2, 3]
    with pytest.raises(sr.InvalidTypeError, match="compare FunnelStage"):
        _ = sr.FunnelStage.AWARENESS < 1


def test_action_kinds_follow_the_article_intent_ordering() -> None:
    """SMMExpert: impressions and reach < likes and follows < comments and shares < link
    clicks < downloads, trials, demos, leads, add-to-cart, checkout < purchase."""
    k = sr.ActionKind
    order = [
        [k.IMPRESSIONS],
        [k.LIKES, k.FOLLOWS],
        [k.COMMENTS, k.SHARES],
        [k.LINK_CLICKS],
        [k.DOWNLOADS, k.TRIALS, k.DEMO_REQUESTS, k.LEADS, k.ADD_TO_CART, k.CHECKOUTS],
        [k.PURCHASES],
    ]
    for lower, higher in itertools.pairwise(order):
        assert max(x.intent for x in lower) < min(x.intent for x in higher)


def test_action_kinds_know_their_stage_and_kind() -> None:
    k, s = sr.ActionKind, sr.FunnelStage
    assert k.IMPRESSIONS.stage is s.AWARENESS and not k.IMPRESSIONS.is_macro
    assert k.LINK_CLICKS.stage is s.INTEREST
    assert k.DEMO_REQUESTS.stage is s.EVALUATION and k.DEMO_REQUESTS.is_macro
    assert k.QUALIFIED_LEADS.stage is s.EVALUATION
    assert k.ADD_TO_CART.stage is s.PURCHASE and k.STORE_VISITS.stage is s.PURCHASE
    for kind in k:  # macro actions show more intent than any micro action
        assert kind.is_macro == (kind.intent >= 4)


def test_enum_reprs_are_eval_able() -> None:
    assert repr(sr.ActionKind.LEADS) == "ActionKind.LEADS"
    assert eval(repr(sr.Mode.PAID), {"Mode": sr.Mode}) is sr.Mode.PAID
    assert str(sr.CostCategory.AD_SPEND) == "ad_spend"


def test_names_parse_leniently_and_fail_clearly() -> None:
    m = sr.Measures.of("USD", link_clicks=3)
    assert m.count("Link Clicks") == m.count("link-clicks") == m.count(sr.ActionKind.LINK_CLICKS)
    with pytest.raises(sr.UnknownNameError, match="'kind': 'clicks' is not an action"):
        m.count("clicks")
    with pytest.raises(sr.InvalidTypeError, match="'kind'"):
        m.count(3)  # type: ignore[arg-type]
