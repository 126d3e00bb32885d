"""KPIs, goals, funnels, presets, awareness measures and comparisons (issue 3)."""

from __future__ import annotations

import functools
import json
import math
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi._measures.measures import ADDITIVE_MEASURES

ADDITIVE = [m for m in ADDITIVE_MEASURES if not m.startswith("value_")]

finite = st.floats(-1e6, 1e6, allow_nan=False)
EMPTY = sr.Measures.empty("USD")
counts = st.integers(0, 10**9).map(float)


# -- KPIs ---------------------------------------------------------------------------------


def test_kpi_reference_lift_purchases_20_percent() -> None:
    """SMMExpert: "say your goal is to lift product sales by 20%", tracked by purchases."""
    kpi = sr.KPI(tracks="purchases", target=0.20, baseline=500)
    assert kpi.absolute_target == 600.0 and kpi.better is sr.Direction.HIGHER
    r = kpi.evaluate(sr.Measures.of("USD", purchases=630))
    assert (r.value, r.target, r.attainment, r.met, r.gap) == (630.0, 600.0, 1.05, True, 30.0)


def test_kpi_on_a_lower_is_better_metric() -> None:
    kpi = sr.KPI(tracks="cpa", target=50)
    assert kpi.better is sr.Direction.LOWER and kpi.funnel_stage is sr.FunnelStage.PURCHASE
    r = kpi.evaluate(sr.Measures.of("USD", ad_spend=4_000, purchases=100))
    assert (r.value, r.attainment, r.met, r.gap) == (40.0, 1.25, True, -10.0)
    cut = sr.KPI(tracks="cpa", target=-0.10, baseline=50)  # cut CPA by 10%
    assert cut.absolute_target == 45.0


def test_kpi_on_every_row_of_a_report() -> None:
    acts = [
        sr.Activity("a", "paid", sr.Measures.of("USD", ad_spend=100, revenue=300)),
        sr.Activity("b", "paid", sr.Measures.of("USD", ad_spend=100, revenue=150)),
        sr.Activity("c", "paid", sr.Measures.of("USD", impressions=5)),
    ]
    r = sr.KPI(tracks="roi", target=1.0).evaluate(sr.report(acts, by="channel"))
    np.testing.assert_allclose(r.value, [2.0, 0.5, math.nan])
    np.testing.assert_allclose(r.attainment, [2.0, 0.5, math.nan])
    assert r.met.tolist() == [True, False, False]  # type: ignore[union-attr]


def test_kpi_with_a_users_formula_and_on_a_row() -> None:
    def demos_per_lead(m: object) -> object:
        return sr.conversion_rate(m["demo_requests"], m["leads"])  # type: ignore[index]

    kpi = sr.KPI(tracks=demos_per_lead, target=0.25, direction="higher", stage="evaluation")  # type: ignore[arg-type]
    assert kpi.name == "demos_per_lead" and kpi.funnel_stage is sr.FunnelStage.EVALUATION
    row = sr.Row.of(sr.Measures.of("USD", leads=40, demo_requests=12))
    assert kpi.evaluate(row).value == 0.3


def test_pacing() -> None:
    kpi = sr.KPI(tracks="qualified_leads", target=100)
    pace = kpi.pace(sr.Measures.of("USD", qualified_leads=45), elapsed=0.5)
    assert pace.projected == 90.0 and not pace.on_track
    rate = sr.KPI(tracks="ctr", target=0.01).pace(
        sr.Measures.of("USD", impressions=1_000, link_clicks=12), elapsed=0.25
    )
    assert rate.projected == 0.012 and rate.on_track  # a rate does not scale with time


@settings(max_examples=50)
@given(finite, finite, st.floats(0.01, 1e6), st.sampled_from(["roi", "cpm"]))
def test_attainment_is_monotone_in_the_metrics_direction(
    a: float, b: float, target: float, name: str
) -> None:
    kpi = sr.KPI(tracks=name, target=target)
    low, high = sorted((abs(a), abs(b)))
    r_low, r_high = kpi.evaluate(_with(name, low)), kpi.evaluate(_with(name, high))
    if kpi.better is sr.Direction.HIGHER:
        assert r_low.attainment <= r_high.attainment
    elif low > 0:
        assert r_low.attainment >= r_high.attainment


def _with(name: str, value: float) -> sr.Measures:
    if name == "roi":  # ROI = value with investment 1,000: return = 1,000 (1 + value)
        return sr.Measures.of("USD", ad_spend=1_000, revenue=1_000 * (1 + value))
    return sr.Measures.of("USD", impressions=1_000, ad_spend=value)  # CPM = value


def test_goal_groups_kpis() -> None:
    goal = sr.Goal(
        "sales", [sr.KPI(tracks="revenue", target=10_000), sr.KPI(tracks="roi", target=0.5)]
    )
    results = goal.evaluate(sr.Measures.of("EUR", revenue=12_000, ad_spend=9_000))
    assert {k: v.met for k, v in results.items()} == {"revenue": True, "roi": False}


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.KPI(tracks="clicks", target=1), sr.UnknownNameError, "'tracks'"),
        (lambda: sr.KPI(tracks=3, target=1), sr.InvalidTypeError, "'tracks'"),  # type: ignore[arg-type]
        (lambda: sr.KPI(tracks=len, target=1), sr.InvalidValueError, "needs direction"),
        (lambda: sr.KPI(tracks="roi", target=math.nan), sr.InvalidValueError, "'target'"),
        (
            lambda: sr.KPI(tracks="roi", target=1, direction="neutral"),
            sr.InvalidValueError,
            "not neutral",
        ),
        (lambda: sr.KPI(tracks="roi", target=1, baseline=-1), sr.InvalidValueError, "'baseline'"),
        (
            lambda: sr.KPI(tracks="frequency", target=2).better,
            sr.InvalidValueError,
            "no better direction",
        ),
        (lambda: sr.KPI(tracks="roi", target=1).evaluate(3), sr.InvalidTypeError, "'source'"),  # type: ignore[arg-type]
        (
            lambda: sr.KPI(tracks="purchases", target=1).pace(EMPTY, elapsed=0),
            sr.InvalidValueError,
            "'elapsed'",
        ),
        (lambda: sr.Goal("g", [1]), sr.InvalidTypeError, "KPI objects"),
        (
            lambda: sr.Goal("g", [sr.KPI(tracks="roi", target=1)] * 2),
            sr.InvalidValueError,
            "unique",
        ),
    ],
)
def test_kpi_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


# -- funnels ------------------------------------------------------------------------------


def test_funnel_from_measures_and_cost_per_stage() -> None:
    m = sr.Measures.of(
        "USD", impressions=100_000, link_clicks=1_500, leads=60, purchases=12, ad_spend=3_000
    )
    fn = sr.Funnel.from_measures(m)
    assert fn.stages == ("awareness", "interest", "evaluation", "purchase")
    assert fn.step_conversions == (0.015, 0.04, 0.2)
    assert fn.drop_off == pytest.approx((0.985, 0.96, 0.8))
    assert fn.overall_conversion == 12 / 100_000
    assert fn.weakest_step == ("awareness", "interest")
    costs = fn.cost_per_stage(m.investment.amount)
    assert costs == {"awareness": 30.0, "interest": 2.0, "evaluation": 50.0, "purchase": 250.0}
    assert fn.to_records()[1] == {
        "stage": "interest",
        "count": 1_500.0,
        "conversion": 0.015,
        "drop_off": 0.985,
    }


def test_b2b_preset_funnel() -> None:
    m = sr.Measures.of(
        "USD",
        impressions=200_000,
        link_clicks=3_000,
        leads=120,
        qualified_leads=40,
        opportunities=16,
        purchases=8,
    )
    fn = sr.Funnel.from_measures(m, sr.BUSINESS_MODELS["b2b"].funnel)
    assert fn.stages[-3:] == ("qualified lead", "opportunity", "customer")
    assert fn.step_conversions[-1] == 0.5


@settings(max_examples=60)
@given(st.lists(st.integers(1, 10**6).map(float), min_size=2, max_size=7))
def test_step_conversions_multiply_to_the_overall(counts_: list[float]) -> None:
    fn = sr.Funnel(stages=[f"s{i}" for i in range(len(counts_))], counts=counts_, nested=False)
    assert math.prod(fn.step_conversions) == pytest.approx(fn.overall_conversion, rel=1e-9)


def test_undefined_steps_and_side_by_side() -> None:
    fn = sr.Funnel(stages=["a", "b", "c"], counts=[0, 0, 0])
    assert all(math.isnan(x) for x in fn.step_conversions) and fn.weakest_step is None
    rows = sr.side_by_side(
        {
            "paid": sr.Funnel(stages=["a", "b"], counts=[100, 5]),
            "organic": sr.Funnel(stages=["a", "b"], counts=[50, 5]),
        }
    )
    assert rows[1] == {
        "stage": "b",
        "paid_count": 5.0,
        "paid_conversion": 0.05,
        "organic_count": 5.0,
        "organic_conversion": 0.1,
    }


@settings(max_examples=60)
@given(st.sampled_from(list(sr.ActionKind)), st.sampled_from(list(sr.ActionKind)), counts)
def test_intent_score_rewards_higher_intent(
    a: sr.ActionKind, b: sr.ActionKind, base: float
) -> None:
    m = sr.Measures.of("USD", impressions=base)

    def one(kind: sr.ActionKind) -> sr.Measures:
        # A positive or negative mention is one of the mentions, whose intent weight is 0.
        counts: dict[str | sr.ActionKind, float] = {kind: 1}
        if "_mentions" in kind.value:
            counts["mentions"] = 1
        return sr.Measures("USD", actions=counts)

    gain_a = sr.intent_score(m + one(a)) - sr.intent_score(m)
    gain_b = sr.intent_score(m + one(b)) - sr.intent_score(m)
    if a.intent > b.intent:
        assert gain_a > gain_b
    assert gain_a == a.intent
    custom = sr.intent_score(m + one(a), weights={a: 10})
    assert custom == 10 + sr.intent_score(m, weights={a: 10})


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.Funnel(stages=["a"], counts=[1]), sr.InvalidValueError, "two or more"),
        (lambda: sr.Funnel(stages="ab", counts=[1, 2]), sr.InvalidTypeError, "'stages'"),
        (lambda: sr.Funnel(stages=["a", "a"], counts=[1, 2]), sr.InvalidValueError, "unique"),
        (lambda: sr.Funnel(stages=["a", "b"], counts=[1]), sr.InvalidValueError, "one count"),
        (
            lambda: sr.Funnel(stages=["a", "b"], counts=[1, -2]),
            sr.InvalidValueError,
            r"counts\[1\]",
        ),
        (lambda: sr.Funnel(stages=["a", "b"], counts=5), sr.InvalidTypeError, "'counts'"),
        (
            lambda: sr.Funnel(stages=["a", "b"], counts=[1, 2], kinds=["likes"]),
            sr.InvalidValueError,
            "'kinds'",
        ),
        (
            lambda: sr.Funnel(stages=["a", "b"], counts=[1, 2], kinds="x"),
            sr.InvalidTypeError,
            "'kinds'",
        ),
        (lambda: sr.Funnel.from_measures(3), sr.InvalidTypeError, "'measures'"),  # type: ignore[arg-type]
        (lambda: sr.side_by_side({}), sr.InvalidValueError, "empty"),
        (
            lambda: sr.side_by_side(
                {
                    "x": sr.Funnel(stages=["a", "b"], counts=[1, 1]),
                    "y": sr.Funnel(stages=["a", "c"], counts=[1, 1]),
                }
            ),
            sr.InvalidValueError,
            "same stages",
        ),
        (lambda: sr.intent_score(3), sr.InvalidTypeError, "'measures'"),  # type: ignore[arg-type]
        (lambda: sr.intent_score(EMPTY, {"likes": -1}), sr.InvalidValueError, "weights"),
    ],
)
def test_funnel_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


# -- presets ------------------------------------------------------------------------------

STEPS = [("awareness", "impressions"), ("signup", "registrations")]


def test_every_preset_covers_every_goal_with_known_names() -> None:
    assert set(sr.BUSINESS_MODELS) == {
        "online_dtc",
        "physical_store",
        "b2b",
        "saas",
        "high_consideration",
    }
    for model in sr.BUSINESS_MODELS.values():
        for goal in sr.GOALS:
            r = sr.recommended(model, goal)
            assert r.kpis and r.stages[0].stage == "awareness"
            assert r.model in r.to_text()
    # SMMExpert: for a physical store, reach and impressions are the better proxies.
    assert "reach" in sr.recommended("physical_store", "sales").kpis


def test_users_define_their_own_models() -> None:
    mine = sr.BusinessModel(
        name="marketplace",
        description="two-sided",
        funnel=[("awareness", "impressions"), ("signup", "registrations")],
        stages=[sr.StageGuide("signup", ["registrations"], "sellers join")],
        kpis={"leads": ("registrations",)},
    )
    assert sr.recommended(mine, "leads").kpis == ("registrations",)
    with pytest.raises(sr.InvalidValueError, match="no KPIs for 'sales'"):
        sr.recommended(mine, "sales")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.recommended("bank", "sales"), sr.UnknownNameError, "presets"),
        (lambda: sr.recommended("b2b", "fame"), sr.UnknownNameError, "goals are"),
        (lambda: sr.recommended(3, "sales"), sr.InvalidTypeError, "'model'"),  # type: ignore[arg-type]
        (lambda: sr.StageGuide("s", ["clicks"], "why"), sr.UnknownNameError, "'clicks'"),
        (lambda: sr.StageGuide("s", "roi", "why"), sr.InvalidTypeError, "'metrics'"),
        (
            lambda: sr.BusinessModel(name="m", description="", funnel=STEPS, stages=[1], kpis={}),
            sr.InvalidTypeError,
            "StageGuide",
        ),
        (
            lambda: sr.BusinessModel(name="m", description="", funnel=3, stages=[], kpis={}),
            sr.InvalidTypeError,
            "'funnel'",
        ),
        (
            lambda: sr.BusinessModel(
                name="m", description="", funnel=STEPS, stages=[], kpis={"fame": ("roi",)}
            ),
            sr.UnknownNameError,
            "goal",
        ),
    ],
)
def test_preset_bad_input(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


# -- awareness, sentiment, advocacy -------------------------------------------------------


def test_awareness_reference_values() -> None:
    # Sprout Social, "share of voice": your mentions / total mentions in the market.
    assert sr.share_of_voice(300, 1_200) == 0.25
    # Hootsuite, "amplification rate": shares / total followers.
    assert sr.amplification_rate(45, 9_000, per="follower") == 0.005
    # Avinash Kaushik, "applause rate": approvals per post.
    assert sr.applause_rate(240, 12, per="post") == 20.0
    assert sr.virality_rate(30, 20_000, per="impression") == 0.0015
    assert sr.earned_media_value(250_000, cpm=6.0) == 1_500.0
    assert sr.net_sentiment(60, 20, 120, over="all") == 0.2
    assert sr.net_sentiment(60, 20, 120, over="opinionated") == 0.5
    assert sr.retention_rate(200, 210, 30) == 0.9  # (E - N) / S
    assert sr.churn_rate(200, 210, 30) == pytest.approx(0.1)


@settings(max_examples=60)
@given(st.lists(counts, min_size=1, max_size=8).filter(lambda c: sum(c) > 0))
def test_shares_of_voice_over_all_brands_sum_to_one(mentions: list[float]) -> None:
    shares = sr.share_of_voice(mentions, sum(mentions))
    assert float(np.sum(shares)) == pytest.approx(1.0)


@settings(max_examples=60)
@given(counts, counts, counts)
def test_sentiment_bounds_and_retention_plus_churn(p: float, n: float, u: float) -> None:
    for over in ("all", "opinionated"):
        value = sr.net_sentiment(p, n, u, over=over)
        assert math.isnan(value) or -1 <= value <= 1
    start = p + 1
    stayed = min(n, start)
    assert sr.retention_rate(start, stayed + u, u) + sr.churn_rate(start, stayed + u, u) == (
        pytest.approx(1.0)
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sr.share_of_voice(5, 4), "cannot exceed"),
        (lambda: sr.amplification_rate(1, 2, per="day"), "'per'"),  # type: ignore[arg-type]
        (lambda: sr.applause_rate(1, 2, per=None), "'per'"),  # type: ignore[arg-type]
        (lambda: sr.virality_rate(1, 2, per="posts"), "'per'"),  # type: ignore[arg-type]
        (lambda: sr.net_sentiment(1, 2, over="some"), "'over'"),  # type: ignore[arg-type]
        (lambda: sr.retention_rate(10, 5, 8), "between 0 and 'start'"),
        (lambda: sr.churn_rate(10, 30, 5), "between 0 and 'start'"),
        (lambda: sr.earned_media_value(-1, cpm=5), "'organic_impressions'"),
    ],
)
def test_awareness_bad_input(call: object, message: str) -> None:
    with pytest.raises(sr.SocialROIError, match=message):
        call()  # type: ignore[operator]


# -- comparisons --------------------------------------------------------------------------


def test_comparison_reference_values() -> None:
    assert sr.growth(16_000, 10_000) == 0.6  # Oktopost: social traffic up 60% YoY
    assert sr.times(250, 50) == 5.0  # organic brought 5x the registrations of paid
    assert math.isnan(sr.growth(5, 0))
    c = sr.compare_to_benchmark(0.012, 0.008, metric_name="ctr")
    assert c.difference == pytest.approx(0.004) and c.ratio == pytest.approx(1.5)
    assert c.better is True
    assert sr.compare_to_benchmark(3, 3, direction="higher").better is None
    assert sr.compare_to_benchmark(3, 0, direction="lower").ratio != 1  # NaN: undefined
    assert sr.compare_to_benchmark(2, 3, metric_name="frequency").better is None


@settings(max_examples=60)
@given(finite, finite)
def test_benchmark_comparison_flips_with_direction(value: float, benchmark: float) -> None:
    higher = sr.compare_to_benchmark(value, benchmark, direction="higher").better
    lower = sr.compare_to_benchmark(value, benchmark, direction="lower").better
    if value == benchmark:
        assert higher is None and lower is None
    else:
        assert higher is (not lower)


def test_comparison_bad_input() -> None:
    with pytest.raises(sr.InvalidValueError, match="exactly one"):
        sr.compare_to_benchmark(1, 2)
    with pytest.raises(sr.UnknownNameError, match="'direction'"):
        sr.compare_to_benchmark(1, 2, direction="up")
    with pytest.raises(sr.InvalidValueError, match="'value' must be finite"):
        sr.compare_to_benchmark(math.inf, 2, direction="higher")


# -- issue 12: plain results, targets that cannot be missed, funnels that grow ----------------


def test_results_are_plain_python_values() -> None:
    m = sr.Measures.of("USD", impressions=1_000, link_clicks=12, purchases=45)
    pace = sr.KPI(tracks="ctr", target=0.01).pace(m, elapsed=0.25)
    assert pace.on_track is True and type(pace.projected) is float
    json.dumps(attrs.asdict(pace))
    counted = sr.KPI(tracks="purchases", target=100).pace(m, elapsed=np.float64(0.5))
    assert counted.on_track is False and type(counted.elapsed) is float
    result = sr.KPI(tracks="ctr", target=0.01).evaluate(m)
    assert result.met is True
    json.dumps(result.to_dict())
    bench = sr.compare_to_benchmark(np.float64(0.012), np.int64(1), metric_name="ctr")
    assert bench.better is False and type(bench.value) is float
    assert bench.direction is sr.Direction.HIGHER  # an enum; every other field is plain
    json.dumps(attrs.asdict(bench, filter=lambda a, _: a.name != "direction"))


def test_negative_targets_that_cannot_be_missed_are_errors() -> None:
    with pytest.raises(sr.InvalidValueError, match=r"'target' must be >= 0 for 'leads'.*: -5"):
        sr.KPI(tracks="leads", target=-5)
    with pytest.raises(sr.InvalidValueError, match="'target' must be >= 0 for 'cpa'"):
        sr.KPI(tracks="cpa", target=-1)
    with pytest.raises(sr.InvalidValueError, match="'target' must be >= -1 for 'roi'"):
        sr.KPI(tracks="roi", target=-1.5)
    with pytest.raises(sr.InvalidValueError, match="gives -250.0, below the lowest"):
        sr.KPI(tracks="purchases", target=-1.5, baseline=500)
    with pytest.raises(sr.InvalidValueError, match="'baseline' must be > 0"):
        sr.KPI(tracks="purchases", target=0.2, baseline=0)
    with pytest.raises(sr.InvalidValueError, match="infinite target"):
        sr.KPI(tracks="revenue", target=1e308, baseline=1e308)
    assert sr.KPI(tracks="roi", target=-1).absolute_target == -1.0
    assert sr.KPI(tracks="purchases", target=-1, baseline=10).absolute_target == 0.0


def test_attainment_is_undefined_where_the_target_is_not_positive() -> None:
    loss = sr.Measures.of("USD", ad_spend=1_000, revenue=900)  # ROI -0.1
    r = sr.KPI(tracks="roi", target=-0.2).evaluate(loss)
    assert r.value == pytest.approx(-0.1) and r.met is True and math.isnan(r.attainment)
    assert r.gap == pytest.approx(0.1)
    assert sr.KPI(tracks="roi", target=-0.05).evaluate(loss).met is False
    assert sr.KPI(tracks="roi", target=0).evaluate(loss, zero_division=0.0).attainment == 0.0
    with pytest.raises(sr.UndefinedRatioError, match=r"the target is <= 0 \(target -0.2"):
        sr.KPI(tracks="roi", target=-0.2).evaluate(loss, zero_division="raise")
    loss_kpi = sr.KPI(tracks="profit", target=-1_000)
    assert math.isnan(loss_kpi.evaluate(loss).attainment) and loss_kpi.evaluate(loss).met

    def net_cost(m: object) -> object:
        return m["ad_spend"] - m["revenue"]  # type: ignore[index]

    lower = sr.KPI(tracks=net_cost, target=50, direction="lower")  # type: ignore[arg-type]
    r = lower.evaluate(loss.__class__.of("USD", ad_spend=100, revenue=300))  # net cost -200
    assert r.met is True and math.isnan(r.attainment)
    with pytest.raises(sr.UndefinedRatioError, match="the value is <= 0"):
        lower.evaluate(sr.Measures.of("USD", ad_spend=100, revenue=300), zero_division="raise")
    rows = sr.KPI(tracks="roi", target=-0.5).evaluate(sr.report(_acts(), by="channel"))
    assert rows.met.tolist() == [True, True, False]  # type: ignore[union-attr]
    assert np.isnan(rows.attainment).all()


def _acts() -> list[sr.Activity]:
    return [
        sr.Activity("a", "paid", sr.Measures.of("USD", ad_spend=100, revenue=300)),
        sr.Activity("b", "paid", sr.Measures.of("USD", ad_spend=100, revenue=60)),
        sr.Activity("c", "paid", sr.Measures.of("USD", impressions=5)),
    ]


@settings(max_examples=40)
@given(st.dictionaries(st.sampled_from(ADDITIVE), counts, max_size=8))
def test_targets_below_what_a_metric_can_reach_are_errors(values: dict[str, float]) -> None:
    """A KPI rejects targets below the lowest value its metric can take: 0 for every catalog
    metric but ROI (-1, a total loss) and profit (no bound). The bounds are checked against the
    catalog itself, so a new signed metric makes this fail."""
    sentiment = values.get("positive_mentions", 0.0) + values.get("negative_mentions", 0.0)
    values["mentions"] = values.get("mentions", 0.0) + sentiment  # they are among mentions
    m = sr.Measures.of("USD", **values)  # type: ignore[arg-type]  # floats, not a vocabulary
    for name, entry in sr.METRICS.items():
        lowest = {"roi": -1.0, "profit": -math.inf, "net_sentiment": -1.0}.get(name, 0.0)
        value = entry.compute(m)
        assert math.isnan(value) or value >= lowest, name
        if lowest > -math.inf:
            with pytest.raises(sr.InvalidValueError, match=f"'target' must be >= {lowest:g}"):
                sr.KPI(tracks=name, target=lowest - 0.5, direction="higher")
            assert sr.KPI(tracks=name, target=lowest, direction="higher").target == lowest


def test_reach_is_not_read_off_its_lower_bound() -> None:
    kpi = sr.KPI(tracks="reach", target=1_000)
    unknown = kpi.evaluate(sr.Measures.of("USD", impressions=5_000))  # reach between 0 and 5,000
    assert math.isnan(unknown.value) and unknown.met is False
    known = sr.Measures("USD", actions={"impressions": 5_000}, reach=sr.Reach.exactly(2_000))
    assert kpi.evaluate(known).value == 2_000.0
    with pytest.raises(sr.InvalidValueError, match="reach counts unique people"):
        kpi.pace(known, elapsed=0.5)


def test_own_formulas_are_checked() -> None:
    m = sr.Measures.of("USD", leads=4)
    with pytest.raises(sr.InvalidTypeError, match="'tracks' .* must return numbers"):
        sr.KPI(tracks=lambda c: "x", target=1, direction="higher").evaluate(m)
    with pytest.raises(sr.InvalidValueError, match=r"'tracks' .*failed.*KeyError\('clickz'\)"):
        sr.KPI(tracks=lambda c: c["clickz"], target=1, direction="higher").evaluate(m)
    with pytest.raises(sr.InvalidValueError, match=r"must return one number: got shape \(2,\)"):
        sr.KPI(tracks=lambda c: [1, 2], target=1, direction="higher").evaluate(m)
    report = sr.report(_acts(), by="channel")
    everywhere = sr.KPI(tracks=lambda c: 7, target=1, direction="higher").evaluate(report)
    assert everywhere.value.tolist() == [7.0, 7.0, 7.0]  # type: ignore[union-attr]
    with pytest.raises(sr.InvalidValueError, match=r"or 3 numbers \(one per row\)"):
        sr.KPI(tracks=lambda c: [1, 2], target=1, direction="higher").evaluate(report)
    with pytest.raises(sr.InvalidValueError, match="no better direction"):
        sr.KPI(tracks="frequency", target=2)


def test_funnel_counts_that_grow_are_an_error_unless_not_nested() -> None:
    with pytest.raises(
        sr.InvalidValueError, match=r"grow from 'clicks' \(100.0\) to 'views' \(1000.0\)"
    ):
        sr.Funnel(stages=["impressions", "clicks", "views"], counts=[5_000, 100, 1_000])
    with pytest.raises(sr.InvalidValueError, match=r"from 'a' \(0.0\) to 'b' \(1.0\)"):
        sr.Funnel(stages=["a", "b"], counts=[0, 1])
    apart = sr.Funnel(
        stages=["impressions", "clicks", "views"], counts=[5_000, 100, 1_000], nested=False
    )
    assert apart.step_conversions == (0.02, 10.0) and apart.drop_off == (0.98, -9.0)
    assert apart.growing_steps == (("clicks", "views"),)
    text = apart.to_text()
    assert "1,000%*" in text and "-900%*" in text and "2%*" not in text
    assert text.endswith("* the count grows at this step: the stages are not nested")
    assert "not nested" in apart._repr_html_() and "1,000%*" in apart._repr_html_()
    nested = sr.Funnel(stages=["a", "b"], counts=[10, 10])
    assert nested.growing_steps == () and "*" not in nested.to_text() + nested._repr_html_()
    m = sr.Measures.of("USD", link_clicks=10, page_views=40)
    steps = [("clicks", "link_clicks"), ("views", "page_views")]
    with pytest.raises(sr.InvalidValueError, match="nested=False"):
        sr.Funnel.from_measures(m, steps)
    assert sr.Funnel.from_measures(m, steps, nested=False).step_conversions == (4.0,)
    assert sr.Funnel(stages=np.array(["a", "b"]), counts=np.array([4, 2])).counts == (4.0, 2.0)


def test_extreme_valid_counts_give_results_without_warnings() -> None:
    assert sr.net_sentiment(1e308, 1e308, 1e308, over="all") == 0.0
    assert sr.net_sentiment(1e308, 0, 1e308, over="all") == 0.5
    assert sr.net_sentiment(1e308, 0, 1e308, over="opinionated") == 1.0
    assert sr.net_sentiment([1e308, 5e-324], [0, 0], [1e308, 0], over="all").tolist() == [0.5, 1]  # type: ignore[union-attr]
    assert sr.share_of_voice(1e308, 1e308) == 1.0
    assert sr.amplification_rate(1e308, 1e-300, per="post") == math.inf
    assert sr.earned_media_value(1e308, cpm=1e308) == math.inf
    assert sr.churn_rate(1e308, 1e308, 0) == 0.0 and sr.retention_rate(1e308, 1e308, 0) == 1.0
    assert sr.growth(1e308, 1e-300) == math.inf
    assert sr.compare_to_benchmark(1e308, -1e308, direction="higher").difference == math.inf
    pace = sr.KPI(tracks="revenue", target=1).pace(
        sr.Measures.of("USD", revenue=1e308), elapsed=0.1
    )
    assert pace.projected == math.inf and pace.on_track is True


@settings(max_examples=60)
@given(counts, counts, counts, st.one_of(st.integers(-1000, 1000), st.none()))
def test_net_sentiment_is_scale_free(p: float, n: float, u: float, power: int | None) -> None:
    """Multiplying every count by a power of two changes nothing, exactly, even when the
    largest count lands just under the largest float (power None) and the sums overflow."""
    top = max(p, n, u)
    if power is None:
        power = 1024 - math.frexp(top)[1] if top else 0
    k = 2.0**power
    if top * k == math.inf:
        return
    for over in ("all", "opinionated"):
        want = sr.net_sentiment(p, n, u, over=over)
        got = sr.net_sentiment(p * k, n * k, u * k, over=over)
        assert got == want or (math.isnan(got) and math.isnan(want))


# -- pinned by mutation testing (issue 12): types, the zero-division policy, display ---------

SCALAR_AND_ARRAY_CALLS = [
    (sr.share_of_voice, (3, 12), {}),
    (sr.net_sentiment, (6, 2, 12), {"over": "all"}),
    (sr.net_sentiment, (6, 2), {"over": "opinionated"}),
    (sr.amplification_rate, (4, 90), {"per": "follower"}),
    (sr.applause_rate, (24, 12), {"per": "post"}),
    (sr.virality_rate, (3, 2_000), {"per": "impression"}),
    (sr.earned_media_value, (250_000,), {"cpm": 6}),
    (sr.retention_rate, (200, 210, 30), {}),
    (sr.churn_rate, (200, 210, 30), {}),
    (sr.growth, (12, 10), {}),
    (sr.times, (12, 10), {}),
]


@pytest.mark.parametrize(("call", "args", "kwargs"), SCALAR_AND_ARRAY_CALLS)
def test_numbers_give_floats_and_any_array_gives_arrays(
    call: Any, args: tuple[float, ...], kwargs: dict[str, object]
) -> None:
    """A Python number in gives a Python float out; one array-like argument (any of them)
    makes the result an array, equal to the scalar result."""
    scalar = call(*args, **kwargs)
    assert type(scalar) is float
    for i in range(len(args)):
        mixed: list[object] = [*args]
        mixed[i] = [args[i], args[i]]
        out = call(*mixed, **kwargs)
        assert isinstance(out, np.ndarray) and out.tolist() == [scalar, scalar]


@pytest.mark.parametrize(
    ("call", "denominator"),
    [
        (lambda z: sr.share_of_voice(0, 0, zero_division=z), "'total_mentions' is 0"),
        (lambda z: sr.net_sentiment(0, 0, 0, over="all", zero_division=z), "'mentions' is 0"),
        (lambda z: sr.net_sentiment(0, 0, 5, over="opinionated", zero_division=z), "'mentions'"),
        (lambda z: sr.amplification_rate(1, 0, per="post", zero_division=z), "'base' is 0"),
        (lambda z: sr.applause_rate(1, 0, per="post", zero_division=z), "'base' is 0"),
        (lambda z: sr.virality_rate(1, 0, per="post", zero_division=z), "'base' is 0"),
        (lambda z: sr.retention_rate(0, 0, 0, zero_division=z), "'start' is 0"),
        (lambda z: sr.churn_rate(0, 0, 0, zero_division=z), "'start' is 0"),
        (lambda z: sr.growth(5, 0, zero_division=z), "'previous' is 0"),
        (lambda z: sr.times(5, 0, zero_division=z), "'b' is 0"),
    ],
)
def test_zero_denominators_follow_the_policy(call: Any, denominator: str) -> None:
    assert math.isnan(call(math.nan)) and call(7.0) == 7.0
    with pytest.raises(sr.UndefinedRatioError, match=denominator):
        call("raise")


def test_attainment_edges() -> None:
    cpa = sr.KPI(tracks="cpa", target=50)
    assert cpa.evaluate(sr.Measures.of("USD", ad_spend=500, purchases=10)).met is True  # = 50
    free = cpa.evaluate(sr.Measures.of("USD", purchases=10))  # CPA 0: better than any target
    assert free.met is True and math.isnan(free.attainment)
    zero = sr.KPI(tracks="cpa", target=0).evaluate(sr.Measures.of("USD", ad_spend=5, purchases=1))
    assert zero.met is False and math.isnan(zero.attainment)  # 0 / 5 is no share of the way
    roi = sr.KPI(tracks="roi", target=0).evaluate(sr.Measures.of("USD", ad_spend=10, revenue=9))
    assert math.isnan(roi.attainment) and roi.met is False
    with pytest.raises(sr.UndefinedRatioError, match=r"1 place\(s\): the value is <= 0"):
        cpa.evaluate(sr.Measures.of("USD", purchases=10), zero_division="raise")
    with pytest.raises(sr.UndefinedRatioError, match="the target is <= 0 .target 0.0, lower"):
        sr.KPI(tracks="cpa", target=0).evaluate(
            sr.Measures.of("USD", ad_spend=5, purchases=1), zero_division="raise"
        )
    undefined_value = sr.KPI(tracks="cpa", target=50).evaluate(sr.Measures.of("USD", ad_spend=1))
    assert math.isnan(undefined_value.value) and math.isnan(undefined_value.attainment)
    assert undefined_value.met is False
    filled = sr.KPI(tracks="cpa", target=50).evaluate(
        sr.Measures.of("USD", ad_spend=1), zero_division=0.0
    )
    assert filled.value == 0.0 and filled.met is True  # evaluate passes the policy to value


def test_kpi_values_and_pacing_edges() -> None:
    m = sr.Measures.of("USD", impressions=1_000, link_clicks=12, leads=30)
    assert type(sr.KPI(tracks="leads", target=1).value(m)) is float
    assert sr.KPI(tracks="roi", target=1).value(m, zero_division=-1.0) == -1.0
    whole = sr.KPI(tracks="leads", target=30).pace(m, elapsed=1)
    assert (whole.value, whole.elapsed, whole.projected, whole.on_track) == (30.0, 1.0, 30.0, True)
    with pytest.raises(sr.InvalidValueError, match=r"'elapsed' must be a fraction .*: 1.5"):
        sr.KPI(tracks="leads", target=30).pace(m, elapsed=1.5)
    rows = sr.KPI(tracks="leads", target=30).pace(sr.report(_acts(), by="channel"), elapsed=0.5)
    assert rows.projected.tolist() == [0.0, 0.0, 0.0]  # type: ignore[union-attr]
    assert rows.on_track.tolist() == [False, False, False]  # type: ignore[union-attr]
    unnamed = sr.KPI(tracks=functools.partial(len), target=1, direction="higher")
    assert unnamed.name == "kpi"
    with pytest.raises(sr.InvalidValueError, match="'target' must be >= -1 for 'roi', a total"):
        sr.KPI(tracks="roi", target=-2)
    with pytest.raises(sr.InvalidValueError, match="'cpa', which cannot be negative: -1.0$"):
        sr.KPI(tracks="cpa", target=-1)


def test_result_records_keep_arrays_and_plain_values() -> None:
    r = sr.KPIResult("k", np.array([1, 2]), 2, np.array(0.5), np.array(True), np.int64(-1))
    assert r.value.dtype == np.float64 and r.value.tolist() == [1.0, 2.0]  # type: ignore[union-attr]
    assert type(r.attainment) is float and r.met is True and type(r.gap) is float
    assert r.to_dict() == {
        "name": "k",
        "value": r.value,
        "target": 2.0,
        "attainment": 0.5,
        "met": True,
        "gap": -1.0,
    }
    one = np.array([1.0])
    rows = sr.KPIResult("k", one, 1, one, np.array([True, False]), one)
    assert rows.met.tolist() == [True, False]  # type: ignore[union-attr]
    with pytest.raises(sr.InvalidTypeError, match=r"a number or an array: \[1.0\]"):
        sr.KPIResult("k", [1.0], 1, one, True, one)


def test_kpi_and_funnel_views() -> None:
    r = sr.KPI(tracks="roi", target=-0.5).evaluate(sr.Measures.of("USD", ad_spend=8, revenue=6))
    assert r._repr_html_() == (
        '<table class="socialroi"><caption>KPI</caption><thead><tr><th></th><th>roi</th>'
        '</tr></thead><tbody><tr><th>value</th><td style="text-align:right">-0.25</td></tr>'
        '<tr><th>target</th><td style="text-align:right">-0.5</td></tr>'
        '<tr><th>attainment</th><td style="text-align:right" title="undefined">n/a</td></tr>'
        '<tr><th>met</th><td style="text-align:right">yes</td></tr>'
        '<tr><th>gap</th><td style="text-align:right">0.25</td></tr></tbody></table>'
    )
    apart = sr.Funnel(stages=["a", "b"], counts=[10, 40], nested=False)
    assert apart.to_text() == (
        "stage  count  conversion  drop-off\n"
        "    a     10         n/a       n/a\n"
        "    b     40       400%*    -300%*\n"
        "* the count grows at this step: the stages are not nested"
    )
    assert apart._repr_html_() == (
        '<table class="socialroi"><caption>Funnel (* the count grows at this step: the stages '
        "are not nested)</caption><thead><tr><th>stage</th><th>count</th><th>conversion</th>"
        '<th>drop-off</th></tr></thead><tbody><tr><th>a</th><td style="text-align:right">10'
        '</td><td style="text-align:right" title="undefined">n/a</td><td style="text-align:'
        'right" title="undefined">n/a</td></tr><tr><th>b</th><td style="text-align:right">40'
        '</td><td style="text-align:right">400%*</td><td style="text-align:right">-300%*'
        "</td></tr></tbody></table>"
    )
    nested = sr.Funnel(stages=["a", "b"], counts=[40, 10])
    assert nested.to_text().splitlines()[-1] == "    b     10         25%       75%"
    assert "<caption>Funnel</caption>" in nested._repr_html_()
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    nested._repr_pretty_(Printer(), cycle=False)
    nested._repr_pretty_(Printer(), cycle=True)
    assert printed == [nested.to_text(), "Funnel(...)"]
    text = sr.recommended("saas", "sales").to_text()
    assert text == (
        "saas, goal sales: KPIs purchases, cpa, roi\n"
        "- awareness: reach, impressions, cpm (reach and impressions for organic posts, CPM "
        "for paid: how wide the net is cast)\n"
        "- interest: likes, shares, follows, link_clicks, ctr, cpc, engagement_rate (likes, "
        "shares, follows and link clicks for organic, CPC for paid: people want to know more; "
        "leaving the network to follow a link shows the most intent)\n"
        "- evaluation: downloads, trials, demo_requests, cost_per_trial (downloads (brochures, "
        "white papers), trials and demos are a step away from converting)\n"
        "- purchase: purchases, cpa, roi (paid subscriptions)"
    )


# -- issue 13: tests from mutation testing (goals, funnels, presets, awareness, compare) -------

WEBINARS = sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True)
MINE = sr.VOCABULARY.with_actions(WEBINARS, name="webinars").with_costs("influencer_fees")
#: 600 of ad spend and 400 of influencer fees (a cost of the vocabulary's own): 1,000 spent on
#: 20 webinar sign-ups, a cost per sign-up of 50.
WEBINAR_MEASURES = sr.Measures.of(
    "USD",
    vocabulary=MINE,
    link_clicks=400,
    webinar_signups=20,
    ad_spend=600,
    influencer_fees=400,
)


def test_investment_and_each_cost_category_are_lower_is_better() -> None:
    for name in ("investment", *sr.VOCABULARY.costs):
        assert sr.KPI(tracks=name, target=1).better is sr.Direction.LOWER, name
    for name in ("revenue", "return", "purchases", "impressions"):
        assert sr.KPI(tracks=name, target=1).better is sr.Direction.HIGHER, name
    own = sr.KPI(tracks="influencer_fees", target=1, vocabulary=MINE)
    assert own.better is sr.Direction.LOWER


def test_a_cost_rate_target_becomes_the_metrics_number_and_currency() -> None:
    # A CPM is paid per 1,000 impressions: 6 USD per 1,000 is a CPM target of 6.
    cpm = sr.KPI(tracks="cpm", target=sr.CostRate.cpm(6, "USD"))
    assert (cpm.target, cpm.currency, cpm.absolute_target) == (6.0, "USD", 6.0)
    # 0.004 per impression is 4 per 1,000; 30 per 10 link clicks is a CPC of 3.
    per_one = sr.KPI(tracks="cpm", target=sr.CostRate(sr.Money(0.004, "USD"), "impressions"))
    assert per_one.target == pytest.approx(4.0)
    per_ten = sr.KPI(tracks="cpc", target=sr.CostRate(sr.Money(30, "EUR"), "link_clicks", per=10))
    assert (per_ten.target, per_ten.currency) == (3.0, "EUR")
    given = sr.KPI(tracks="cpc", target=sr.CostRate.cpc(2, "GBP"), currency="GBP")
    assert (given.target, given.currency) == (2.0, "GBP")
    # A cost per an action of the vocabulary's own: 60 per sign-up against an actual 50.
    own = sr.KPI(
        tracks="cost_per_webinar_signup",
        target=sr.CostRate.per_action(60, "USD", "webinar_signups"),
        vocabulary=MINE,
    )
    assert (own.target, own.currency) == (60.0, "USD")
    r = own.evaluate(WEBINAR_MEASURES)
    assert (r.value, r.attainment, r.met, r.gap) == (50.0, 1.2, True, -10.0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: sr.KPI(tracks="cpm", target=sr.CostRate.cpc(1, "USD")),
            sr.InvalidValueError,
            r"^'target' 1.00 USD per link click is paid per 'link_clicks', and 'cpm' per "
            r"'impressions'$",
        ),
        (
            lambda: sr.KPI(tracks="leads", target=sr.CostRate.cpc(1, "USD")),
            sr.InvalidValueError,
            r"cost-rate metric .*, not for 'leads': 1.00 USD per link click$",
        ),
        (
            lambda: sr.KPI(tracks="ctr", target=sr.CostRate.cpc(1, "USD")),
            sr.InvalidValueError,
            r"not for 'ctr'",
        ),
        (
            lambda: sr.KPI(tracks=len, target=sr.CostRate.cpc(1, "USD"), direction="lower"),
            sr.InvalidValueError,
            r"a cost rate is a target for a cost-rate metric .*not for <built-in function len>",
        ),
        (
            lambda: sr.KPI(tracks="cpm", target=sr.CostRate.cpm(6, "USD"), currency="EUR"),
            sr.CurrencyMismatchError,
            r"^'target' is in USD and 'currency' is EUR$",
        ),
        (
            lambda: sr.KPI(tracks="cpm", target=6, currency="euro"),
            sr.UnknownNameError,
            r"'currency' must be an ISO 4217",
        ),
    ],
)
def test_cost_rate_targets_that_do_not_fit_are_named(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_kpi_in_a_currency_refuses_sources_in_another() -> None:
    kpi = sr.KPI(tracks="cpm", target=6, currency="EUR")
    assert kpi.currency == "EUR" and kpi.target == 6.0
    assert kpi.value(sr.Measures.of("EUR", impressions=1_000, ad_spend=5)) == 5.0
    with pytest.raises(
        sr.CurrencyMismatchError,
        match=r"^the KPI's target is in EUR and the source in USD; convert one first$",
    ):
        kpi.value(sr.Measures.of("USD", impressions=1_000, ad_spend=5))
    row = sr.Row.of(sr.Measures.of("GBP", impressions=1_000, ad_spend=5))
    with pytest.raises(sr.CurrencyMismatchError, match="the source in GBP"):
        kpi.evaluate(row)
    assert sr.KPI(tracks="cpm", target=6).value(row) == 5.0  # no currency: any source


def test_a_kpi_reads_metrics_and_measures_in_its_vocabulary() -> None:
    # Investment holds the vocabulary's own cost: 600 + 400, not the 600 of ad spend alone.
    assert sr.KPI(tracks="investment", target=1, vocabulary=MINE).value(WEBINAR_MEASURES) == 1e3
    spend = sr.KPI(tracks="cpc", target=1, vocabulary=MINE)
    assert spend.value(WEBINAR_MEASURES) == 2.5  # 1,000 over 400 link clicks
    rep = sr.report([sr.Activity("linkedin", "paid", WEBINAR_MEASURES)], by="channel")
    rows = sr.KPI(tracks="investment", target=1, vocabulary=MINE).value(rep)
    assert np.asarray(rows).tolist() == [1_000.0]
    mine = sr.KPI(tracks="cost_per_webinar_signup", target=60, vocabulary=MINE)
    with pytest.raises(
        sr.VocabularyMismatchError,
        match=r"^the KPI tracks 'cost_per_webinar_signup' of vocabulary 'webinars', which the "
        r"source's vocabulary 'socialroi' does not have$",
    ):
        mine.value(sr.Measures.of("USD", leads=1))


def test_kpi_results_on_report_rows_show_every_row() -> None:
    acts = [
        sr.Activity("a", "paid", sr.Measures.of("USD", ad_spend=100, revenue=300)),
        sr.Activity("b", "paid", sr.Measures.of("USD", ad_spend=100, revenue=150)),
    ]
    r = sr.KPI(tracks="roi", target=1).evaluate(sr.report(acts, by="channel"))
    cell = '<td style="text-align:right">'
    html = r._repr_html_()
    for label, shown in [
        ("value", "2, 0.5"),
        ("target", "1"),
        ("attainment", "2, 0.5"),
        ("met", "yes, no"),
        ("gap", "1, -0.5"),
    ]:
        assert f"<tr><th>{label}</th>{cell}{shown}</td></tr>" in html, label
    missed = sr.KPI(tracks="purchases", target=10).evaluate(sr.Measures.of("USD", purchases=4))
    assert f"<tr><th>met</th>{cell}no</td></tr>" in missed._repr_html_()
    assert f"<tr><th>attainment</th>{cell}0.4</td></tr>" in missed._repr_html_()


def test_attainment_with_zero_division_raise_where_it_is_defined() -> None:
    m = sr.Measures.of("USD", ad_spend=4_000, purchases=100)  # CPA 40
    r = sr.KPI(tracks="cpa", target=50).evaluate(m, zero_division="raise")
    assert (r.value, r.attainment, r.met) == (40.0, 1.25, True)
    acts = [
        sr.Activity("a", "paid", sr.Measures.of("USD", ad_spend=100, revenue=300)),
        sr.Activity("b", "paid", sr.Measures.of("USD", ad_spend=100, revenue=150)),
    ]
    rows = sr.KPI(tracks="roi", target=1).evaluate(
        sr.report(acts, by="channel"), zero_division="raise"
    )
    assert rows.attainment.tolist() == [2.0, 0.5]  # type: ignore[union-attr]
    # A target in (0, 1] with a value of 0, lower is better: it is the value that is <= 0.
    with pytest.raises(sr.UndefinedRatioError, match=r"the value is <= 0 \(target 0.5, lower"):
        sr.KPI(tracks="cpa", target=0.5).evaluate(
            sr.Measures.of("USD", purchases=10), zero_division="raise"
        )
    with pytest.raises(sr.UndefinedRatioError, match=r"the value is <= 0 \(target 1.0, lower"):
        sr.KPI(tracks="cpa", target=1).evaluate(
            sr.Measures.of("USD", purchases=10), zero_division="raise"
        )


def test_own_formulas_returning_ragged_lists_are_type_errors() -> None:
    m = sr.Measures.of("USD", leads=4)
    kpi = sr.KPI(tracks=lambda c: [[1], [1, 2]], target=1, direction="higher")
    with pytest.raises(sr.InvalidTypeError, match=r"must return numbers: \[\[1\], \[1, 2\]\]"):
        kpi.evaluate(m)
    word = sr.KPI(tracks=lambda c: "12", target=1, direction="higher")
    with pytest.raises(sr.InvalidTypeError, match="must return numbers: '12'"):
        word.evaluate(m)


def test_result_values_beyond_floats_are_named() -> None:
    with pytest.raises(sr.InvalidValueError, match=r"^a result's value is too large for a float"):
        sr.KPIResult("k", 10**400, 1, 1.0, True, 0.0)


def test_a_goal_keeps_its_name() -> None:
    goal = sr.Goal("leads", (sr.KPI(tracks="leads", target=1),))
    assert goal.name == "leads" and goal == sr.Goal("leads", [sr.KPI(tracks="leads", target=1)])


def test_an_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(
        sr.UnknownNameError,
        match=r"^unknown business model 'retail'; presets: online_dtc, physical_store, b2b, "
        r"saas, high_consideration, or pass your own BusinessModel$",
    ):
        sr.recommended("retail", "sales")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.Funnel(stages="ab", counts=[1, 1]), sr.InvalidTypeError, "sequence of stage"),
        (lambda: sr.Funnel(stages=["a", "b"], counts=5), sr.InvalidTypeError, "'counts' .* of n"),
        (
            lambda: sr.Funnel(stages=["a", "b"], counts=[2, 1], kinds="leads"),
            sr.InvalidTypeError,
            r"'kinds' must be a sequence of action names \(or None\)",
        ),
        (
            lambda: sr.Funnel(stages=["a", "b"], counts=[2, 1], kinds=["leads", 3]),
            sr.InvalidTypeError,
            r"^'kinds\[1\]' must be an action name or None: 3$",
        ),
        (
            lambda: sr.Funnel.from_measures(EMPTY, "ab"),  # type: ignore[arg-type]
            sr.InvalidTypeError,
            r"'steps' must be a sequence of \(stage, action kind\) pairs",
        ),
        (
            lambda: sr.Funnel.from_measures(EMPTY, [("a", "leads"), ("b", "clickz")]),
            sr.UnknownNameError,
            r"steps\[1\] kind",
        ),
        (lambda: sr.Funnel(stages=["a", 5], counts=[2, 1]), sr.InvalidValueError, "'stages'"),
        (lambda: sr.Funnel(stages=["a", ""], counts=[2, 1]), sr.InvalidValueError, "'stages'"),
    ],
)
def test_funnel_errors_say_what_each_argument_holds(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_a_funnel_from_measures_reads_their_vocabulary() -> None:
    funnel = sr.Funnel.from_measures(
        WEBINAR_MEASURES, [("click", "link_clicks"), ("webinar", "webinar_signups")]
    )
    assert funnel.counts == (400.0, 20.0) and funnel.kinds == ("link_clicks", "webinar_signups")
    assert funnel.vocabulary == MINE
    assert funnel.cost_per_stage(1_000) == {"click": 2.5, "webinar": 50.0}


def test_a_nested_funnels_text_has_no_note() -> None:
    text = sr.Funnel(stages=["a", "b"], counts=[40, 10]).to_text()
    assert text == (
        "stage  count  conversion  drop-off\n"
        "    a     40         n/a       n/a\n"
        "    b     10         25%       75%"
    )


def test_net_sentiment_rate_reference_values() -> None:
    # 60 positive and 20 negative among 200 mentions: (60 - 20) / 200 = 0.2.
    assert sr.net_sentiment_rate(60, 20, 200) == 0.2
    assert sr.net_sentiment_rate(20, 60, 200) == -0.2
    assert sr.net_sentiment_rate(0, 50, 60) == pytest.approx(-50 / 60)
    assert sr.net_sentiment_rate(60, 20, 200) == sr.net_sentiment(60, 20, 120, over="all")
    rows = sr.net_sentiment_rate(np.array([60.0, 0.0]), 20, [200, 40])
    assert isinstance(rows, np.ndarray) and rows.tolist() == [0.2, -0.5]
    arrays: list[tuple[Any, Any, Any]] = [
        (np.array([60.0]), 20, 200),
        (60, [20], 200),
        (60, 20, [200]),
    ]
    for scalar in arrays:
        assert isinstance(sr.net_sentiment_rate(*scalar), np.ndarray)
    assert type(sr.net_sentiment_rate(60, 20, 200)) is float
    assert sr.net_sentiment_rate(0, 0, 0, zero_division=-2.0) == -2.0
    assert math.isnan(sr.net_sentiment_rate(0, 0, 0))
    with pytest.raises(sr.UndefinedRatioError, match="^'mentions' is 0 in 1 place"):
        sr.net_sentiment_rate(0, 0, 0, zero_division="raise")


@pytest.mark.parametrize(
    ("args", "first"),
    [
        ((60, 20, 70), "positive_mentions=60.0, negative_mentions=20.0, mentions=70.0"),
        ((10, 60, 65), "positive_mentions=10.0, negative_mentions=60.0, mentions=65.0"),
        ((1, 0, 0), "positive_mentions=1.0, negative_mentions=0.0, mentions=0.0"),
        (([1, 7], [0, 2], [5, 8]), "positive_mentions=7.0, negative_mentions=2.0, mentions=8.0"),
    ],
)
def test_net_sentiment_rate_refuses_more_opinions_than_mentions(
    args: tuple[Any, Any, Any], first: str
) -> None:
    message = (
        r"^'positive_mentions' \+ 'negative_mentions' cannot exceed 'mentions' \(mentions "
        r"count all of them, neutral ones too\): 1 value\(s\) do, first " + first + "$"
    )
    with pytest.raises(sr.InvalidValueError, match=message):
        sr.net_sentiment_rate(*args)
    assert sr.net_sentiment_rate(10, 55, 65) == pytest.approx(-45 / 65)  # exactly all


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: sr.net_sentiment_rate(-1, 0, 1), sr.InvalidValueError, "^'positive_mentions'"),
        (lambda: sr.net_sentiment_rate(0, -1, 1), sr.InvalidValueError, "^'negative_mentions'"),
        (lambda: sr.net_sentiment_rate(0, 0, -1), sr.InvalidValueError, "^'mentions' must"),
        (
            lambda: sr.net_sentiment_rate([1, 2], [0, 0, 0], [5, 5]),
            sr.ShapeMismatchError,
            r"positive_mentions\(2,\), negative_mentions\(3,\), mentions\(2,\)$",
        ),
        (
            lambda: sr.share_of_voice([1, 2], [1, 2, 3]),
            sr.ShapeMismatchError,
            r"brand_mentions\(2,\), total_mentions\(3,\)$",
        ),
        (lambda: sr.share_of_voice(1, "x"), sr.InvalidTypeError, "^'total_mentions' must be"),
        (
            lambda: sr.share_of_voice([1, 5], [3, 4]),
            sr.InvalidValueError,
            r"1 value\(s\) do, first brand_mentions=5.0, total_mentions=4.0$",
        ),
        (
            lambda: sr.retention_rate([10, 10], [5, 9], [6, 1]),
            sr.InvalidValueError,
            r"1 value\(s\) do not, first start=10.0, end=5.0, new=6.0$",
        ),
        (lambda: sr.conversation_rate(-1, 2), sr.InvalidValueError, "^'comments' must be >= 0"),
        (lambda: sr.conversation_rate(1, -2), sr.InvalidValueError, "^'posts' must be >= 0"),
        (
            lambda: sr.conversation_rate(1, 0, zero_division="raise"),
            sr.UndefinedRatioError,
            "^'posts' is 0 in 1 place",
        ),
    ],
)
def test_awareness_errors_name_their_arguments(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()


def test_conversation_rate_and_the_neutral_default() -> None:
    # Avinash Kaushik: 36 comments on 12 posts, a conversation rate of 3.
    assert sr.conversation_rate(36, 12) == 3.0 and type(sr.conversation_rate(36, 12)) is float
    assert sr.conversation_rate([36, 0], 12).tolist() == [3.0, 0.0]  # type: ignore[union-attr]
    assert sr.conversation_rate(1, 0, zero_division=0.0) == 0.0
    assert math.isnan(sr.conversation_rate(1, 0))
    # No neutral mentions given: net sentiment over all is over the opinionated ones only.
    assert sr.net_sentiment(60, 20, over="all") == 0.5


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: sr.BenchmarkComparison(np.array([1.0, 2.0]), 1, "higher", 0, 1, True),
            sr.InvalidTypeError,
            r"^a benchmark comparison holds single numbers: array\(\[1., 2.\]\)$",
        ),
        (
            lambda: sr.BenchmarkComparison(1, 1, "higher", 0, 1, "yes"),
            sr.InvalidTypeError,
            "^'better' must be True, False or None: 'yes'$",
        ),
        (
            lambda: sr.BenchmarkComparison(1, 1, "sideways", 0, 1, None),
            sr.UnknownNameError,
            "^'direction' must be one of",
        ),
    ],
)
def test_benchmark_comparison_fields_are_checked(
    call: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call()
    kept = sr.BenchmarkComparison(1, 2, "lower", -1, 0.5, np.bool_(True))
    assert kept.better is True and kept.direction is sr.Direction.LOWER
