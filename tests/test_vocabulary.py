"""An open vocabulary: the new built-in actions and their metrics (reference values with
sources), actions and costs of the caller's own through every layer, and vocabularies that
never mix silently."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rollup import assert_same, frames

import socialroi as sr
from socialroi import strategies as srst

WEBINARS = sr.Action(name="webinar_signups", stage="evaluation", intent=4, macro=True)
MINE = sr.VOCABULARY.with_actions(
    WEBINARS,
    sr.Action(name="story_replies", stage="interest", intent=2, macro=False),
    name="webinars",
).with_costs("influencer_fees")


# -- the new built-in actions and metrics: reference values ---------------------------------


def test_video_rates() -> None:
    # Google Ads Help, "View rate": views / impressions; 150 views of 1,000 impressions: 15%.
    m = sr.Measures.of("USD", impressions=1_000, video_views=150, completed_video_views=60)
    assert sr.metric("view_rate").compute(m) == 0.15
    assert sr.metric("video_completion_rate").compute(m) == 0.4  # 60 of 150 played through
    assert sr.metric("cost_per_video_view").compute(m + sr.Measures.of("USD", ad_spend=30)) == 0.2


def test_share_of_voice_and_net_sentiment_roll_up() -> None:
    # sr.share_of_voice(300, 1_200) == 0.25 (Sprout Social's definition): the same from sums.
    week1 = sr.Measures.of(
        "USD", mentions=100, positive_mentions=30, negative_mentions=10, competitor_mentions=300
    )
    week2 = sr.Measures.of(
        "USD", mentions=200, positive_mentions=30, negative_mentions=10, competitor_mentions=600
    )
    both = week1 + week2
    assert sr.metric("share_of_voice").compute(both) == 0.25 == sr.share_of_voice(300, 1_200)
    # (60 - 20) / 300: net sentiment over all mentions, as sr.net_sentiment(over="all").
    net = sr.metric("net_sentiment").compute(both)
    assert net == pytest.approx(40 / 300, rel=1e-15)
    assert net == pytest.approx(sr.net_sentiment(60, 20, 220, over="all"), rel=1e-15)
    assert sr.net_sentiment_rate(60, 20, 200) == 0.2
    with pytest.raises(sr.InvalidValueError, match="cannot add up to more than 'mentions'"):
        sr.Measures.of("USD", mentions=10, positive_mentions=8, negative_mentions=3)
    with pytest.raises(sr.InvalidValueError, match="'positive_mentions' \\+ 'negative_mentions'"):
        sr.net_sentiment_rate([8, 1], [3, 1], [10, 10])
    assert math.isnan(sr.net_sentiment_rate(0, 0, 0))


def test_customer_acquisition_cost_counts_every_cost() -> None:
    # The source article's quarter: 20,000 of investment (ad spend, creative, salaries, tools)
    # for 25 new customers: a CAC of 800, not the 440 of ad spend alone.
    m = sr.Measures.of(
        "USD", ad_spend=11_000, creative=2_000, salaries=6_000, tooling=1_000, new_customers=25
    )
    assert sr.metric("cac").compute(m) == 800.0
    assert "cost_per_new_customer" not in sr.METRICS  # one name for one formula


def test_unit_economics() -> None:
    # HubSpot, "LTV:CAC": a lifetime revenue of 1,200 at a 50% margin is an LTV of 600;
    # against a CAC of 200 that is 3:1. CAC payback: 600 / (100 a month x 50%) = 12 months.
    assert sr.ltv_to_cac(1_200, 200, margin=0.5) == 3.0
    assert sr.cac_payback(600, 100, margin=0.5) == 12.0
    assert np.allclose(sr.ltv_to_cac([1_200, 600], 200, margin=[0.5, 1.0]), [3.0, 3.0])
    assert math.isnan(sr.cac_payback(600, 0, margin=0.5))
    assert sr.cac_payback(600, 0, margin=0.5, zero_division=0.0) == 0.0
    with pytest.raises(sr.InvalidValueError, match="'margin' is a fraction of revenue"):
        sr.ltv_to_cac(1_200, 200, margin=70)
    with pytest.raises(sr.InvalidValueError, match="'cac' must be >= 0"):
        sr.ltv_to_cac(1_200, -1, margin=0.5)
    with pytest.raises(sr.UndefinedRatioError, match="'revenue_per_period \\* margin' is 0"):
        sr.cac_payback(600, 100, margin=0.0, zero_division="raise")


def test_unit_economics_pin_their_types_bounds_and_names() -> None:
    assert type(sr.ltv_to_cac(1_200, 200, margin=0.5)) is float
    assert type(sr.cac_payback(600, 100, margin=0.5)) is float
    assert isinstance(sr.ltv_to_cac(1_200, 200, margin=[0.5]), np.ndarray)
    assert isinstance(sr.cac_payback(600, 100, margin=[0.5]), np.ndarray)
    assert isinstance(sr.cac_payback([600], 100, margin=0.5), np.ndarray)
    assert isinstance(sr.cac_payback(600, [100], margin=0.5), np.ndarray)
    assert isinstance(sr.ltv_to_cac([1_200], 200, margin=0.5), np.ndarray)
    assert isinstance(sr.ltv_to_cac(1_200, [200], margin=0.5), np.ndarray)
    assert sr.ltv_to_cac(100, 100, margin=1.0) == 1.0  # a margin of 100% is allowed
    with pytest.raises(
        sr.InvalidValueError, match="fraction of revenue, from 0 to 1 \\(0.7 for 70%\\): 1.5$"
    ):
        sr.ltv_to_cac(100, 100, margin=[0.5, 1.5])
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: sr.ltv_to_cac(-1, 1, margin=0.5), "revenue_per_customer"),
        (lambda: sr.ltv_to_cac(1, 1, margin=-0.5), "margin"),
        (lambda: sr.cac_payback(-1, 1, margin=0.5), "cac"),
        (lambda: sr.cac_payback(1, -1, margin=0.5), "revenue_per_period"),
        (lambda: sr.cac_payback(1, 1, margin=-0.5), "margin"),
    ]
    for call, name in calls:
        with pytest.raises(sr.InvalidValueError, match=f"^'{name}' must be >= 0"):
            call()
    with pytest.raises(
        sr.ShapeMismatchError, match="revenue_per_customer\\(2,\\), margin\\(\\), cac\\(3,\\)"
    ):
        sr.ltv_to_cac([1, 2], [1, 2, 3], margin=0.5)
    with pytest.raises(
        sr.ShapeMismatchError, match="cac\\(2,\\), revenue_per_period\\(3,\\), margin\\(\\)"
    ):
        sr.cac_payback([1, 2], [1, 2, 3], margin=0.5)
    with pytest.raises(sr.UndefinedRatioError, match="^'cac' is 0 in 1 place"):
        sr.ltv_to_cac(1, 0, margin=0.5, zero_division="raise")
    assert sr.ltv_to_cac(1, 0, margin=0.5, zero_division=0.0) == 0.0


def test_conversation_rate() -> None:
    # Kaushik, "Conversation, Amplification, Applause": comments per post; 36 on 12 posts.
    assert sr.conversation_rate(36, 12) == 3.0
    assert np.isnan(sr.conversation_rate(3, 0))


def test_new_actions_have_their_profiles() -> None:
    profile = {
        a.name: (a.stage.value, a.intent, a.macro, a.revenue) for a in sr.VOCABULARY.actions
    }
    assert profile["conversions"] == ("purchase", 4, True, True)
    assert profile["new_customers"] == ("purchase", 5, True, False)
    assert profile["app_installs"][:3] == ("purchase", 5, True)
    assert profile["video_views"] == ("awareness", 0, False, False)
    assert profile["sessions"] == ("interest", 3, False, False)
    assert profile["messages"][2] and profile["calls"][2] and profile["sign_ups"][2]
    assert profile["subscriptions"] == ("purchase", 5, True, True)
    assert {"mentions", "positive_mentions", "negative_mentions"} <= set(profile)
    assert len(sr.VOCABULARY.actions) == len(sr.ActionKind) == 36


def test_value_per_conversion_when_the_export_has_counts_only() -> None:
    # The Facebook export has approved conversions and no revenue: each is worth 100.
    m = sr.Measures.of("USD", ad_spend=500, purchases=12).valued_at({"purchases": 100})
    assert m.return_ == sr.Money(1_200, "USD") and sr.Row.of(m).roas == 2.4
    with pytest.raises(sr.InvalidValueError, match="counts the same money twice"):
        sr.Measures.of("USD", purchases=12, revenue=900).valued_at({"purchases": 100})


# -- a vocabulary of the caller's own -------------------------------------------------------


def test_deriving_leaves_the_default_alone() -> None:
    assert "webinar_signups" in MINE.action_names and "influencer_fees" in MINE.costs
    assert "webinar_signups" not in sr.VOCABULARY.action_names
    assert MINE.action("Webinar Signups") is WEBINARS
    assert MINE.value_names[-1] == "value_webinar_signups"
    assert repr(MINE) == "<Vocabulary 'webinars': 38 actions, 8 costs, 2 durations, 2 levels>"
    again = sr.VOCABULARY.with_actions(
        WEBINARS,
        sr.Action(name="story_replies", stage="interest", intent=2, macro=False),
        name="webinars",
    ).with_costs("influencer_fees")
    assert again == MINE and hash(again) == hash(MINE)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: sr.VOCABULARY.with_actions(sr.Action.of("leads")),
            sr.InvalidValueError,
            "names 'leads' twice",
        ),
        (
            lambda: sr.VOCABULARY.with_costs("ad_spend"),
            sr.InvalidValueError,
            "names a cost category twice",
        ),
        (lambda: sr.VOCABULARY.with_costs("leads"), sr.InvalidValueError, "names 'leads' twice"),
        (
            lambda: sr.Action(name="revenue", stage="purchase", intent=5, macro=True),
            sr.InvalidValueError,
            "'name' cannot be 'revenue'",
        ),
        (
            lambda: sr.Action(name="value_x", stage="purchase", intent=5, macro=True),
            sr.InvalidValueError,
            "'name' cannot be 'value_x'",
        ),
        (
            lambda: sr.Action(name="9lives", stage="purchase", intent=5, macro=True),
            sr.InvalidValueError,
            "'name' must be a snake_case name",
        ),
        (
            lambda: sr.Action(name="x", stage="purchase", intent=6, macro=True),
            sr.InvalidValueError,
            "'intent' must be an integer rank from 0",
        ),
        (
            lambda: sr.Action(name="x", stage="purchase", intent=True, macro=True),
            sr.InvalidValueError,
            "'intent'",
        ),
        (
            lambda: sr.Action(name="x", stage="later", intent=1, macro=True),
            sr.UnknownNameError,
            "'stage'",
        ),
        (
            lambda: sr.Action(name="x", stage="purchase", intent=1, macro=1),
            sr.InvalidTypeError,
            "'macro' must be True or False",
        ),
        (
            lambda: sr.Action(name="x", stage="purchase", intent=1, macro=True, revenue=None),
            sr.InvalidTypeError,
            "'revenue' must be True or False",
        ),
        (lambda: sr.Vocabulary("leads", ()), sr.InvalidTypeError, "'actions' must be a sequence"),
        (lambda: sr.Vocabulary([1], ()), sr.InvalidTypeError, "'actions' must hold"),
        (lambda: sr.Vocabulary((), "ad_spend"), sr.InvalidTypeError, "'costs' must be a seq"),
        (lambda: sr.Vocabulary((), (), name=" "), sr.InvalidValueError, "'name' must be a non"),
        (
            lambda: MINE.action("webinar"),
            sr.UnknownNameError,
            "'name': 'webinar' is not an action of vocabulary 'webinars'; did you mean",
        ),
        (
            lambda: MINE.cost("influencer"),
            sr.UnknownNameError,
            "'category': 'influencer' is not a cost category of vocabulary 'webinars'",
        ),
        (
            lambda: MINE.macro_action("story_replies", argument="x"),
            sr.InvalidValueError,
            "'x': 'story_replies' is a micro action",
        ),
        (lambda: MINE.action(3), sr.InvalidTypeError, "'name' must be a name"),
        (
            lambda: sr.Measures("USD", vocabulary="mine"),
            sr.InvalidTypeError,
            "'vocabulary' must be a socialroi.Vocabulary",
        ),
        (lambda: sr.catalog("mine"), sr.InvalidTypeError, "'vocabulary' must be"),  # type: ignore[arg-type]
    ],
)
def test_bad_definitions_are_named(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_two_metrics_of_one_name_are_refused() -> None:
    clash = sr.VOCABULARY.with_actions(
        sr.Action(name="video_view", stage="awareness", intent=0, macro=False), name="clash"
    )
    with pytest.raises(sr.InvalidValueError, match="two metrics the name 'cost_per_video_view'"):
        sr.catalog(clash)


def test_custom_actions_get_their_metrics_everywhere() -> None:
    metrics = sr.catalog(MINE)
    assert metrics["cost_per_webinar_signup"].stage is sr.FunnelStage.EVALUATION
    assert "conversion_rate_webinar_signups" in metrics
    assert "cost_per_story_reply" in metrics and "conversion_rate_story_replies" not in metrics
    assert "cost_per_webinar_signup" not in sr.METRICS
    m = sr.Measures.of(
        "USD",
        vocabulary=MINE,
        link_clicks=400,
        webinar_signups=20,
        story_replies=50,
        ad_spend=600,
        influencer_fees=400,
    )
    assert m.investment == sr.Money(1_000, "USD")  # a cost of your own is investment
    row = sr.Row.of(m)
    assert row.metric("cost_per_webinar_signup") == 50.0
    assert row.metric("conversion_rate_webinar_signups") == 0.05
    assert "cost_per_webinar_signup" in row.metrics()
    rep = sr.report([sr.Activity("linkedin", "paid", m)], by="channel")
    assert rep.column("cost_per_webinar_signup").tolist() == [50.0]
    assert "influencer_fees" in rep.measures and "webinar_signups" in rep.measures
    assert "cost_per_webinar_signup" in rep.to_text()
    assert "1,000.00" in rep.to_text(["channel", "investment"])  # money shown as money
    # KPIs, funnels and intent read the vocabulary of what they are given.
    kpi = sr.KPI(tracks="cost_per_webinar_signup", target=60, vocabulary=MINE)
    assert kpi.better is sr.Direction.LOWER and kpi.evaluate(m).met is True
    assert np.asarray(kpi.evaluate(rep).value).tolist() == [50.0]
    with pytest.raises(sr.UnknownNameError, match="takes vocabulary="):
        sr.KPI(tracks="cost_per_webinar_signup", target=60)
    assert sr.KPI(tracks="influencer_fees", target=1, vocabulary=MINE).better is sr.Direction.LOWER
    with pytest.raises(sr.VocabularyMismatchError, match="'webinars'"):
        kpi.evaluate(sr.Measures.of("USD", leads=1))
    funnel = sr.Funnel.from_measures(m, [("click", "link_clicks"), ("webinar", "webinar_signups")])
    assert funnel.counts == (400.0, 20.0) and funnel.kinds == ("link_clicks", "webinar_signups")
    assert sr.intent_score(m) == 400 * 3 + 20 * 4 + 50 * 2
    valued = m.valued_at({"webinar_signups": 30})
    assert valued.return_ == sr.Money(600, "USD") and sr.Row.of(valued).roi == -0.4


def test_vocabularies_do_not_mix() -> None:
    mine = sr.Measures.of("USD", vocabulary=MINE, webinar_signups=2)
    with pytest.raises(sr.VocabularyMismatchError, match="'webinars' with measures on"):
        _ = mine + sr.Measures.of("USD", leads=1)
    with pytest.raises(sr.UnknownNameError, match="sr.VOCABULARY.with_actions"):
        sr.Measures.of("USD", webinar_signups=2)
    acts = [
        sr.Activity("x", "paid", mine),
        sr.Activity("y", "paid", sr.Measures.of("USD", leads=1)),
    ]
    with pytest.raises(sr.VocabularyMismatchError):
        sr.report(acts, by="channel")
    one = sr.report(acts[:1], by="channel")
    other = sr.report(acts[1:], by="channel")
    with pytest.raises(sr.VocabularyMismatchError, match="roll both up with one vocabulary"):
        _ = one + other
    assert "vocabulary=<Vocabulary 'webinars'" in repr(mine)


def test_a_vocabulary_from_scratch_offers_only_what_it_can_compute() -> None:
    tiny = sr.Vocabulary((sr.Action.of("leads"), WEBINARS), ("salaries",), name="tiny")
    metrics = sr.catalog(tiny)
    assert "cpm" not in metrics and "ctr" not in metrics  # no impressions, no link clicks
    assert {"roi", "profit", "cost_per_lead", "cost_per_webinar_signup"} <= set(metrics)
    m = sr.Measures.of("EUR", vocabulary=tiny, leads=4, salaries=200, revenue=500)
    assert sr.Row.of(m).metric("cost_per_lead") == 50.0 and sr.Row.of(m).roi == 1.5
    assert m.reach_bounds == sr.Reach(0.0, 0.0)


@settings(max_examples=25)
@given(data=st.data())
def test_measures_on_any_vocabulary_form_a_monoid(data: st.DataObject) -> None:
    vocabulary = data.draw(srst.vocabularies())
    draw = srst.measures(currency="USD", vocabulary=vocabulary)
    a, b, c = data.draw(draw), data.draw(draw), data.draw(draw)
    empty = sr.Measures.empty("USD", vocabulary=vocabulary)
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a and hash(a + b) == hash(b + a)
    assert a + empty == a == empty + a
    assert sum([a, b, c], empty) == a + b + c


def _custom_table(draw: st.DrawFn) -> dict[str, np.ndarray]:
    n = draw(st.integers(1, 30))
    column = st.lists(st.integers(0, 10**6), min_size=n, max_size=n)
    data: dict[str, np.ndarray] = {
        "channel": np.array(draw(st.lists(st.sampled_from(["li", "x"]), min_size=n, max_size=n))),
        "mode": np.array(
            draw(st.lists(st.sampled_from(["paid", "organic"]), min_size=n, max_size=n))
        ),
    }
    for name in ("link_clicks", "webinar_signups", "story_replies", "influencer_fees", "revenue"):
        data[name] = np.array(draw(column), dtype=np.float64)
    data["value_webinar_signups"] = data["webinar_signups"] * 25.0
    return data


@settings(max_examples=10)
@given(st.composite(_custom_table)(), st.sampled_from([(), ("channel",), ("channel", "mode")]))
def test_custom_actions_roll_up_alike_on_every_engine(
    data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    measures = [k for k in data if k not in ("channel", "mode")]
    acts = [
        sr.Activity(
            str(data["channel"][i]),
            str(data["mode"][i]),
            sr.Measures.of("USD", vocabulary=MINE, **{k: float(data[k][i]) for k in measures}),
        )
        for i in range(len(data["channel"]))
    ]
    expected = sr.report(acts, by=by)
    if data["webinar_signups"].any() and data["influencer_fees"].any():
        assert "cost_per_webinar_signup" in expected.metrics
    assert_same(sr.rollup(data, by=by, currency="USD", vocabulary=MINE), expected)
    for frame in frames(data).values():
        assert_same(sr.rollup(frame, by=by, currency="USD", vocabulary=MINE), expected)


def test_rollup_without_the_vocabulary_names_the_column() -> None:
    data = {"channel": np.array(["a"]), "webinar_signups": [3.0], "ad_spend": [1.0]}
    with pytest.raises(sr.UnknownNameError, match="'webinar_signups'"):
        sr.rollup(data, by="channel", currency="USD")
    rep = sr.rollup(data, by="channel", currency="USD", vocabulary=MINE)
    assert rep.column("cost_per_webinar_signup").tolist() == [1 / 3]
    with pytest.raises(sr.InvalidTypeError, match="'vocabulary' must be"):
        sr.rollup(data, by="channel", currency="USD", vocabulary="mine")  # type: ignore[arg-type]


def test_presets_say_what_the_source_article_says() -> None:
    # Seed 000 (SMMExpert): DTC evaluation is time on product pages; B2B evaluation is demo
    # requests, trials and qualified leads; SaaS goes through downloads, trials and demos; a
    # physical store's proxies are impressions and reach.
    dtc = {g.stage: g.metrics for g in sr.BUSINESS_MODELS["online_dtc"].stages}
    assert "avg_time_on_page" in dtc["evaluation"]
    b2b = {g.stage: g.metrics for g in sr.BUSINESS_MODELS["b2b"].stages}
    assert {"demo_requests", "trials", "qualified_leads"} <= set(b2b["evaluation"])
    saas = {g.stage: g.metrics for g in sr.BUSINESS_MODELS["saas"].stages}
    assert {"downloads", "trials", "demo_requests"} <= set(saas["evaluation"])
    store = sr.BUSINESS_MODELS["physical_store"].kpis["sales"]
    assert {"impressions", "reach"} <= set(store)


def test_durations_add_and_read_as_means() -> None:
    # 90 minutes on product pages over 120 page views: 45 seconds per page view (GA4's
    # average engagement time is total engagement time over the count).
    a = sr.Measures.of("USD", page_views=100, time_on_page=3_000)
    b = sr.Measures.of("USD", page_views=20, time_on_page=2_400)
    both = a + b
    assert both.duration("time_on_page") == 5_400.0
    assert sr.metric("avg_time_on_page").compute(both) == 45.0  # a ratio of sums
    assert sr.metric("avg_time_on_page").unit is sr.Unit.DURATION
    assert sr.mean_duration(5_400, 120) == 45.0
    no_time = sr.Row.of(sr.Measures.of("USD", page_views=10)).metrics()
    assert "avg_time_on_page" not in no_time  # never a mean of 0 s where none was recorded
    rep = sr.report([sr.Activity("x", "organic", both)], by="channel")
    assert "time_on_page" in rep.measures and "45.0 s" in rep.to_text()
    assert rep.row_measures[0] == both
    assert "durations={'time_on_page': 5400.0}" in repr(both)
    mine = sr.VOCABULARY.with_durations(
        sr.Duration(name="time_on_product_pages", per="page_views", stage="evaluation")
    )
    m = sr.Measures.of("USD", vocabulary=mine, page_views=4, time_on_product_pages=100)
    assert sr.Row.of(m).metric("avg_time_on_product_pages") == 25.0
    roll = sr.rollup(
        {"k": np.array(["a", "a"]), "page_views": [1, 3], "time_on_product_pages": [10, 90]},
        by="k",
        currency="USD",
        vocabulary=mine,
    )
    assert roll.column("avg_time_on_product_pages").tolist() == [25.0]
    with pytest.raises(sr.UnknownNameError, match="spent per 'page_view'"):
        sr.VOCABULARY.with_durations(sr.Duration(name="t", per="page_view", stage="interest"))
    with pytest.raises(sr.UnknownNameError, match="'durations key': 'nope' is not a duration"):
        sr.Measures("USD", durations={"nope": 3})
    with pytest.raises(sr.InvalidValueError, match="durations\\['time_on_page'\\]. must be >= 0"):
        sr.Measures("USD", durations={"time_on_page": -3})


@settings(max_examples=8)
@given(st.composite(_custom_table)(), st.sampled_from([(), ("channel",), ("channel", "mode")]))
def test_a_value_per_action_rolls_up_alike_on_every_engine(
    data: dict[str, np.ndarray], by: tuple[str, ...]
) -> None:
    """valued_at= in a roll-up gives what valued_at() gives on each activity: paid and
    organic rows keep their own value, so ROAS still reads paid return only."""
    counts = {k: data[k] for k in ("channel", "mode", "link_clicks", "webinar_signups")}
    counts["ad_spend"] = data["influencer_fees"]
    acts = [
        sr.Activity(
            str(data["channel"][i]),
            str(data["mode"][i]),
            sr.Measures.of(
                "USD",
                vocabulary=MINE,
                link_clicks=float(data["link_clicks"][i]),
                webinar_signups=float(data["webinar_signups"][i]),
                ad_spend=float(data["influencer_fees"][i]),
            ).valued_at({"webinar_signups": 25}),
        )
        for i in range(len(data["channel"]))
    ]
    expected = sr.report(acts, by=by)
    units = {"webinar_signups": 25}
    got = sr.rollup(counts, by=by, currency="USD", vocabulary=MINE, valued_at=units)
    assert_same(got, expected)
    for frame in frames(counts).values():
        assert_same(
            sr.rollup(frame, by=by, currency="USD", vocabulary=MINE, valued_at=units), expected
        )


def test_valued_at_in_a_rollup_never_counts_money_twice() -> None:
    data = {"k": np.array(["a", "b"]), "purchases": [3.0, 1.0], "ad_spend": [100.0, 50.0]}
    rep = sr.rollup(data, by="k", currency="USD", valued_at={"purchases": 100})
    assert rep.column("return").tolist() == [300.0, 100.0]
    assert rep.column("roas").tolist() == [3.0, 2.0]
    with pytest.raises(sr.InvalidValueError, match="counts the same money twice"):
        sr.rollup(
            {**data, "revenue": [1.0, 1.0]}, by="k", currency="USD", valued_at={"purchases": 100}
        )
    with pytest.raises(sr.InvalidValueError, match="hold its value column 'value_purchases'"):
        sr.rollup(
            {**data, "value_purchases": [1.0, 1.0]},
            by="k",
            currency="USD",
            valued_at={"purchases": 100},
        )
    with pytest.raises(sr.UnknownNameError, match="values 'leads', which no column holds"):
        sr.rollup(data, by="k", currency="USD", valued_at={"leads": 100})
    with pytest.raises(sr.InvalidValueError, match="'valued_at key': 'impressions' is a micro"):
        sr.rollup(data, by="k", currency="USD", valued_at={"impressions": 1})
    with pytest.raises(sr.InvalidValueError, match="valued_at\\['purchases'\\]. must be >= 0"):
        sr.rollup(data, by="k", currency="USD", valued_at={"purchases": -1})
    with pytest.raises(sr.InvalidTypeError, match="'valued_at' must map macro actions"):
        sr.rollup(data, by="k", currency="USD", valued_at=[("purchases", 1)])  # type: ignore[arg-type]


# -- tests that pin the details (mutation testing) ------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: sr.Action(name=3, stage="interest", intent=1, macro=False),
            sr.InvalidTypeError,
            "^'name' must be a name",
        ),
        (
            lambda: sr.Duration(name="t", per=3, stage="interest"),
            sr.InvalidTypeError,
            "^'per' must be a name",
        ),
        (lambda: sr.Action.of(3), sr.InvalidTypeError, "^'kind' must be"),  # type: ignore[arg-type]
        (lambda: sr.VOCABULARY.with_costs(3), sr.InvalidTypeError, "^'costs' must be a name"),  # type: ignore[arg-type]
        (lambda: sr.VOCABULARY.with_costs("9x"), sr.InvalidValueError, "^'costs' must be a sn"),
        (lambda: sr.VOCABULARY.duration(3), sr.InvalidTypeError, "^'name' must be a name"),
        (
            lambda: sr.VOCABULARY.duration("watch"),
            sr.UnknownNameError,
            "^'name': 'watch' is not a duration of vocabulary 'socialroi'; did you mean "
            "'watch_time'\\?$",
        ),
        (
            lambda: sr.VOCABULARY.duration("zzz"),
            sr.UnknownNameError,
            "^'name': 'zzz' is not a duration of vocabulary 'socialroi'$",
        ),
        (
            lambda: sr.Vocabulary((), (), durations="watch_time"),
            sr.InvalidTypeError,
            "^'durations' must be a sequence of socialroi.Duration",
        ),
        (lambda: sr.Vocabulary((), (), durations=3), sr.InvalidTypeError, "^'durations' must be"),
        (
            lambda: sr.Vocabulary((), (), durations=[1]),
            sr.InvalidTypeError,
            "^'durations' must hold socialroi.Duration items: 1$",
        ),
        (lambda: sr.Vocabulary((), 3), sr.InvalidTypeError, "^'costs' must be a sequence"),
        (lambda: sr.Vocabulary(3, ()), sr.InvalidTypeError, "^'actions' must be a sequence"),
        (
            lambda: sr.Measures.of("USD").count("lik"),
            sr.UnknownNameError,
            "did you mean 'likes', 'links_clicks'|did you mean 'likes'",
        ),
    ],
)
def test_messages_name_their_argument(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_close_matches_are_three_at_most_and_listed_plainly() -> None:
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.VOCABULARY.action("s_mentions")  # five names are close: the three closest shown
    assert str(caught.value).endswith("did you mean 'mentions', 'positive_mentions', 'sessions'?")


def test_singulars_and_revenue_flags() -> None:
    assert sr.Action.of("inquiries").singular == "inquiry"
    assert sr.Action.of("opportunities").singular == "opportunity"
    assert sr.Action.of("add_to_cart").singular == "add_to_cart"
    assert sr.Action(name="press", stage="awareness", intent=0, macro=False).singular == "press"
    assert sr.Action(name="replay", stage="interest", intent=1, macro=False).singular == "replay"
    assert {"cost_per_inquiry", "cost_per_opportunity", "cost_per_sign_up"} <= set(sr.METRICS)
    revenue = {a.name for a in sr.VOCABULARY.actions if a.revenue}
    assert revenue == {"conversions", "purchases", "subscriptions"}
    assert sr.Action.of(sr.ActionKind.LEADS) == sr.Action.of("Leads")
    assert sr.Action.of("purchases").revenue is True and sr.Action.of("leads").revenue is False
    assert sr.Duration(name="t", per="Page Views", stage="interest").per == "page_views"


def test_derived_vocabularies_keep_or_take_a_name() -> None:
    assert sr.VOCABULARY.with_costs("x_fees").name == "socialroi"
    assert sr.VOCABULARY.with_costs("x_fees", name="mine").name == "mine"
    assert sr.VOCABULARY.with_durations(name="timed").name == "timed"
    assert sr.VOCABULARY.with_durations().name == "socialroi"
    assert sr.VOCABULARY.with_actions(name="acts").name == "acts"


def test_measures_hash_read_and_show_exactly() -> None:
    a = sr.Measures.of("USD", leads=2, ad_spend=3)
    b = sr.Measures.of("USD", leads=2, ad_spend=4)
    assert hash(a) == hash(sr.Measures.of("USD", ad_spend=3, leads=2)) and hash(a) != hash(b)
    assert hash(a + b) == hash(b + a) and len({a, b, a + b, b + a}) == 3
    empty = sr.Measures.of("USD")
    assert empty.duration("time_on_page") == 0.0 and isinstance(
        empty.duration("watch_time"), float
    )
    assert repr(sr.Measures.of("USD", impressions=10, reach=5)) == (
        "Measures('USD', actions={'impressions': 10.0}, reach=5.0)"
    )
    bounded = sr.Measures("USD", actions={"impressions": 10}, reach=sr.Reach(4, 9))
    assert repr(bounded).endswith("reach=Reach(low=4.0, high=9.0))")
    assert repr(sr.Measures.of("USD", revenue=0)) == "Measures('USD', return_recorded=True)"
    assert repr(sr.Measures.of("USD", revenue=5)) == "Measures('USD', revenue=5.0)"
    fees = sr.Measures.of("USD", vocabulary=MINE, influencer_fees=400)
    assert '<td style="text-align:right">400.00</td>' in fees._repr_html_()


def test_sums_beyond_float64_are_errors_in_every_merge() -> None:
    big = sr.Measures.of("USD", revenue=1e308, leads=1e308)
    with pytest.raises(sr.InvalidValueError, match="merging gives 'revenue' = inf"):
        _ = big + big
    with pytest.raises(sr.InvalidValueError, match="merging gives 'leads' = inf"):
        _ = big + sr.Measures.of("USD", leads=1e308)
    acts = [sr.Activity("x", "paid", big), sr.Activity("x", "paid", big)]
    with pytest.raises(sr.InvalidValueError, match="merging gives '(leads|revenue)' = inf"):
        sr.report(acts, by="channel")
    with pytest.raises(sr.InvalidValueError, match="merging gives 'revenue' = inf"):
        sr.report([sr.Activity("x", "paid", sr.Measures.of("USD", revenue=1e308))] * 2, by=())


def test_derived_measures_of_a_vocabulary() -> None:
    from socialroi._measures.measures import derived_measures

    derived = derived_measures(MINE)
    assert derived["investment"] == MINE.costs and "influencer_fees" in derived["investment"]
    assert derived["valued_actions"] == MINE.value_names
    assert derived["return"] == ("revenue", *MINE.value_names)
    assert derived["engagements"] == (
        "likes",
        "comments",
        "shares",
        "saves",
        "follows",
        "link_clicks",
    )
    assert derived["category_mentions"] == ("mentions", "competitor_mentions")
    tiny = sr.Vocabulary((sr.Action.of("likes"), sr.Action.of("mentions")), (), name="tiny")
    assert derived_measures(tiny)["engagements"] == ("likes",)
    assert derived_measures(tiny)["category_mentions"] == ("mentions",)
    assert set(derived) == {
        "investment",
        "valued_actions",
        "return",
        "engagements",
        "category_mentions",
    }


def test_unknown_flat_measures_get_close_matches() -> None:
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.Measures.of("USD", revenu=1)
    assert str(caught.value).startswith("unknown measure 'revenu'; did you mean 'revenue'?: use")
    assert str(caught.value).endswith("(sr.VOCABULARY.with_actions() adds your own)")
    with pytest.raises(sr.UnknownNameError, match="^unknown measure 'rech'; did you mean 'reach'"):
        sr.Measures.of("USD", rech=1)
    with pytest.raises(sr.UnknownNameError, match="^unknown measure 'zzz': use an action"):
        sr.Measures.of("USD", zzz=1)
    with pytest.raises(sr.UnknownNameError) as caught:
        sr.Measures.of("USD", s_mentions=1)  # five names are close: the three closest shown
    assert "did you mean 'mentions', 'positive_mentions', 'sessions'?:" in str(caught.value)
    assert sr.Measures.of("USD", value_leads=5).return_recorded is True
    assert sr.Measures.of("USD", leads=5).return_recorded is False


def test_merged_reach_bounds_in_reports() -> None:
    seen = sr.Measures("USD", actions={"impressions": 100}, reach=sr.Reach(0, 40))
    unseen = sr.Measures.of("USD", impressions=30)  # reach not measured: 0 to 30
    exact = sr.Measures("USD", actions={"impressions": 50}, reach=sr.Reach.exactly(20))
    acts = [sr.Activity("x", "paid", m) for m in (seen, unseen, exact)]
    total = sr.report(acts, by="channel").row("x").measures
    assert total.reach == sr.Reach(20, 90) == (seen + unseen + exact).reach
    none = sr.report([sr.Activity("x", "paid", unseen)] * 2, by=()).total.measures
    assert none.reach is None and none.reach_bounds == sr.Reach(0, 60)
    zero = sr.Measures("USD", reach=sr.Reach.exactly(0))
    assert sr.report([sr.Activity("x", "paid", zero)] * 2, by=()).total.measures.reach == (
        sr.Reach(0, 0)
    )
    from socialroi._measures.measures import merge_all

    with pytest.raises(sr.InvalidTypeError, match="can only merge Measures with Measures: 3"):
        merge_all([seen, 3], "USD")  # type: ignore[list-item]
    with pytest.raises(sr.CurrencyMismatchError, match="in USD with measures in EUR"):
        merge_all([seen, sr.Measures.of("EUR", leads=1)], "USD")


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: sr.Measures("USD", actions={3: 1}),
            sr.InvalidTypeError,
            "^'actions key' must be a name",
        ),
        (
            lambda: sr.Measures("USD", action_value=[1]),
            sr.InvalidValueError,
            "^'action_value' must be a mapping",
        ),
        (
            lambda: sr.Measures("USD", action_value={"likes": 1}),
            sr.InvalidValueError,
            "^'action_value key': 'likes' is a micro action",
        ),
        (
            lambda: sr.Measures("USD", action_value={"nope": 1}),
            sr.UnknownNameError,
            "^'action_value key': 'nope' is not an action",
        ),
        (
            lambda: sr.Measures("USD", reach=1),
            sr.InvalidValueError,
            "'reach' cannot exceed impressions: reach=1.0, impressions=0.0",
        ),
        (
            lambda: sr.Measures.of("USD", positive_mentions=1),
            sr.InvalidValueError,
            "cannot add up to more than 'mentions' \\(0.0\\)",
        ),
        (lambda: sr.VOCABULARY.cost(3), sr.InvalidTypeError, "^'category' must be a name"),
    ],
)
def test_measures_refuse_and_name(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_equal_vocabularies_mix_and_show_their_units() -> None:
    twin = sr.VOCABULARY.with_actions(
        WEBINARS,
        sr.Action(name="story_replies", stage="interest", intent=2, macro=False),
        name="webinars",
    ).with_costs("influencer_fees")
    assert twin == MINE and twin is not MINE
    a = sr.Measures.of("USD", vocabulary=MINE, webinar_signups=2)
    b = sr.Measures.of("USD", vocabulary=twin, webinar_signups=3)
    assert (a + b).count("webinar_signups") == 5.0
    fees = sr.Measures.of("USD", vocabulary=MINE, influencer_fees=400)._repr_html_()
    assert '<th>influencer_fees</th><td style="text-align:right">400.00</td>' in fees


def test_mean_duration_types_and_names() -> None:
    assert type(sr.mean_duration(90, 2)) is float and sr.mean_duration(90, 2) == 45.0
    assert isinstance(sr.mean_duration([90], 2), np.ndarray)
    assert sr.mean_duration(90, 0, zero_division=0.0) == 0.0
    with pytest.raises(sr.InvalidValueError, match="^'seconds' must be >= 0"):
        sr.mean_duration(-1, 2)
    with pytest.raises(sr.InvalidValueError, match="^'count' must be >= 0"):
        sr.mean_duration(1, -2)
    with pytest.raises(sr.UndefinedRatioError, match="^'count' is 0"):
        sr.mean_duration(1, 0, zero_division="raise")


def test_values_beyond_float64_are_named_on_every_path() -> None:
    import pandas as pd

    for data in (
        {"k": np.array(["a"]), "purchases": [1e300]},
        pd.DataFrame({"k": ["a"], "purchases": [1e300]}),
    ):
        with pytest.raises(
            sr.InvalidValueError, match="'valued_at' values 'purchases' at 1e\\+20 each"
        ):
            sr.rollup(data, by="k", currency="USD", valued_at={"purchases": 1e20})
