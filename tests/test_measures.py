"""The aggregate of measures: construction, the monoid laws, reach bounds, valuation."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialroi as sr
from socialroi import strategies as srst

usd = srst.measures(currency="USD")


@given(usd, usd, usd)
def test_merge_is_associative(a: sr.Measures, b: sr.Measures, c: sr.Measures) -> None:
    assert (a + b) + c == a + (b + c)


@given(usd, usd)
def test_merge_is_commutative(a: sr.Measures, b: sr.Measures) -> None:
    assert a + b == b + a


@given(usd)
def test_empty_is_the_identity(a: sr.Measures) -> None:
    empty = sr.Measures.empty("USD")
    assert empty + a == a == a + empty
    assert sum([a]) == a  # sum() starts from 0


@given(st.lists(usd, max_size=8), st.randoms())
def test_any_split_and_order_gives_the_same_total(parts: list[sr.Measures], rnd: object) -> None:
    total = sum(parts, sr.Measures.empty("USD"))
    shuffled = list(parts)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    halves = sum(shuffled[: len(parts) // 2], sr.Measures.empty("USD")) + sum(
        shuffled[len(parts) // 2 :], sr.Measures.empty("USD")
    )
    assert halves == total


@given(usd, usd)
def test_merge_adds_every_measure(a: sr.Measures, b: sr.Measures) -> None:
    merged, da, db = (a + b).to_dict(), a.to_dict(), b.to_dict()
    for name in da:
        if name == "reach_low":
            assert merged[name] == max(da[name], db[name])
        else:  # every additive measure, and the upper bound of reach
            assert merged[name] == da[name] + db[name]
    assert (a + b).investment == a.investment + b.investment
    assert (a + b).return_ == a.return_ + b.return_


def test_construction_and_reading() -> None:
    m = sr.Measures(
        "EUR",
        actions={"impressions": 10_000, "link_clicks": 120, "leads": 0},
        costs={sr.CostCategory.AD_SPEND: 300, "salaries": 700},
        revenue=2_000,
        action_value={"leads": 400},
        reach=4_000,
    )
    assert m.actions == {"impressions": 10_000.0, "link_clicks": 120.0}
    assert list(m.costs.items()) == [("salaries", 700.0), ("ad_spend", 300.0)]  # vocabulary's
    assert m.action_value == {"leads": 400.0}
    assert m.cost("ad_spend") == 300.0 and m.cost("fees") == 0.0
    assert m.value_of("leads") == 400.0
    assert m.investment == sr.Money(1_000, "EUR")
    assert m.valued_actions == sr.Money(400, "EUR")
    assert m.return_ == sr.Money(2_400, "EUR")
    assert m.reach == sr.Reach.exactly(4_000)
    assert m.to_dict()["reach_low"] == m.to_dict()["reach_high"] == 4_000.0


def test_repr_is_eval_able() -> None:
    m = sr.Measures.of("EUR", impressions=5, ad_spend=4, revenue=9, value_leads=8, reach=2)
    namespace = {"Measures": sr.Measures, "Reach": sr.Reach}
    assert eval(repr(m), namespace) == m
    bounded = m.with_reach(sr.Reach(1, 5))
    assert eval(repr(bounded), namespace) == bounded
    assert repr(sr.Measures.empty("USD")) == "Measures('USD')"


def test_evolve_keeps_invariants() -> None:
    m = sr.Measures.of("USD", impressions=100, reach=50)
    assert attrs.evolve(m, revenue=5).revenue == 5.0
    with pytest.raises(sr.InvalidValueError, match="'revenue' must be >= 0"):
        attrs.evolve(m, revenue=-5)
    with pytest.raises(sr.InvalidValueError, match="cannot exceed impressions"):
        attrs.evolve(m, actions={"impressions": 10})


def test_reach_does_not_add() -> None:
    """Two audiences of 9,000 and 4,000 people reach between 9,000 and 13,000 people."""
    a = sr.Measures.of("USD", impressions=20_000, reach=9_000)
    b = sr.Measures.of("USD", impressions=6_000, reach=4_000)
    merged = a + b
    assert merged.reach == sr.Reach(9_000, 13_000)
    assert merged.reach is not None and merged.reach.exact is None
    assert math.isnan(sr.Row.of(merged).metric("frequency"))  # undefined without exact reach
    exact = merged.with_reach(11_000)  # deduplicated by the platform at this level
    assert sr.Row.of(exact).metric("frequency") == pytest.approx(26_000 / 11_000)


def test_unmeasured_reach_is_bounded_by_impressions() -> None:
    a = sr.Measures.of("USD", impressions=500)
    assert a.reach is None and a.reach_bounds == sr.Reach(0, 500)
    b = sr.Measures.of("USD", impressions=300, reach=200)
    assert (a + b).reach == sr.Reach(200, 500 + 200)
    assert (a + a).reach is None


def test_reach_bounds_are_checked() -> None:
    with pytest.raises(sr.InvalidValueError, match="low <= high"):
        sr.Reach(5, 4)
    with pytest.raises(sr.InvalidValueError, match="'reach.low' must be >= 0"):
        sr.Reach(-1, 4)
    with pytest.raises(sr.InvalidValueError, match="cannot exceed impressions"):
        sr.Measures.of("USD", reach=10)
    assert sr.Reach.exactly(3) | sr.Reach.exactly(4) == sr.Reach(4, 7)
    with pytest.raises(sr.InvalidTypeError, match="combine Reach"):
        _ = sr.Reach.exactly(3) | 4  # type: ignore[operator]


def test_valued_at_values_macro_actions() -> None:
    m = sr.Measures.of("USD", leads=40, qualified_leads=10, value_trials=50)
    valued = m.valued_at({"qualified_leads": 800, "leads": 0})
    assert valued.value_of("qualified_leads") == 8_000.0
    assert valued.value_of("leads") == 0.0
    assert valued.value_of("trials") == 50.0  # not named: kept
    assert valued.return_ == sr.Money(8_050, "USD")


def test_valuing_micro_actions_or_revenue_twice_is_refused() -> None:
    m = sr.Measures.of("USD", purchases=3, likes=4)
    assert m.valued_at({"purchases": 100}).return_ == sr.Money(300, "USD")  # no revenue: ok
    for kind in ("purchases", "subscriptions", "conversions"):  # their money is revenue
        with_revenue = sr.Measures("USD", actions={kind: 3}, revenue=50)
        with pytest.raises(sr.InvalidValueError, match=f"values '{kind}', whose money is the"):
            with_revenue.valued_at({kind: 100})
    assert sr.Measures.of("USD", revenue=50, leads=2).valued_at({"leads": 10}).return_.amount == 70
    with pytest.raises(sr.InvalidValueError, match="'likes' is a micro action"):
        m.valued_at({"likes": 1})
    with pytest.raises(sr.InvalidValueError, match="unit_values"):
        m.valued_at([("leads", 3)])  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidValueError, match=r"unit_values\['leads'\]"):
        m.valued_at({"leads": -3})


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"actions": {"impressions": -1}}, sr.InvalidValueError, r"actions\['impressions'\]"),
        ({"actions": {"impressions": math.nan}}, sr.InvalidValueError, "must be finite"),
        ({"actions": {"impressions": math.inf}}, sr.InvalidValueError, "must be finite"),
        (
            {"actions": {"clicks": 1}},
            sr.UnknownNameError,
            "'actions key': 'clicks' is not an action of vocabulary 'socialroi'; did you mean",
        ),
        ({"actions": {"link_clicks": 1, "Link Clicks": 2}}, sr.InvalidValueError, "twice"),
        ({"actions": [1, 2]}, sr.InvalidValueError, "must be a mapping"),
        ({"costs": {"ad_spend": -5}}, sr.InvalidValueError, r"costs\['ad_spend'\]"),
        ({"costs": {"media": 5}}, sr.UnknownNameError, "'costs key'"),
        ({"revenue": -1}, sr.InvalidValueError, "'revenue' must be >= 0"),
        ({"revenue": "10"}, sr.InvalidTypeError, "'revenue'"),
        ({"reach": -3}, sr.InvalidValueError, "'reach' must be >= 0"),
    ],
)
def test_bad_measures_are_rejected(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        sr.Measures("USD", **kwargs)


def test_currencies_are_checked_and_never_mixed() -> None:
    with pytest.raises(sr.UnknownNameError, match="ISO 4217"):
        sr.Measures("US$")
    with pytest.raises(sr.CurrencyMismatchError, match="USD with measures in EUR"):
        sr.Measures.empty("USD") + sr.Measures.empty("EUR")
    with pytest.raises(sr.InvalidTypeError, match="merge Measures"):
        sr.Measures.empty("USD") + 1


def test_of_rejects_unknown_measures() -> None:
    with pytest.raises(sr.UnknownNameError, match="unknown measure 'clicks'"):
        sr.Measures.of("USD", clicks=3)


def test_the_notebook_table_shows_every_recorded_measure_by_unit() -> None:
    m = sr.Measures.of(
        "USD", impressions=1_500, link_clicks=3, ad_spend=1_000, revenue=2_000, reach=700
    ) + sr.Measures.of("USD", impressions=10, reach=5)
    cells = "".join(
        f'<tr><th>{name}</th><td style="text-align:right">{shown}</td></tr>'
        for name, shown in [
            ("impressions", "1,510"),
            ("link_clicks", "3"),
            ("ad_spend", "1,000.00"),
            ("revenue", "2,000.00"),
            ("reach", "700 to 705"),
            ("investment", "1,000.00"),
            ("return", "2,000.00"),
        ]
    )
    assert m._repr_html_() == (
        '<table class="socialroi"><caption>Measures</caption><thead><tr><th>measure</th>'
        f"<th>USD</th></tr></thead><tbody>{cells}</tbody></table>"
    )
    exact = sr.Measures.of("EUR", impressions=10, reach=10)._repr_html_()
    assert '<th>reach</th><td style="text-align:right">10</td>' in exact


def test_readers_name_their_argument() -> None:
    m = sr.Measures.of("USD", leads=2)
    with pytest.raises(sr.UnknownNameError, match="^'kind': 'nope' is not an action of"):
        m.count("nope")
    with pytest.raises(sr.UnknownNameError, match="^'kind': 'nope' is not an action of"):
        m.value_of("nope")
    with pytest.raises(sr.UnknownNameError, match="^'category': 'nope' is not a cost category"):
        m.cost("nope")
    with pytest.raises(sr.UnknownNameError, match="^'unit_values key': 'nope' is not an action"):
        m.valued_at({"nope": 1})


def test_measure_units_are_money_or_count() -> None:
    from socialroi._measures.measures import measure_unit

    assert measure_unit("ad_spend") == measure_unit("value_leads") == "money"
    assert measure_unit("paid_return") == measure_unit("return") == "money"
    assert measure_unit("leads") == "count"
