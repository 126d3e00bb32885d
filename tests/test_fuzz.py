"""Fuzzing the whole public API (issue 12, "nothing silent").

Every public callable is found by introspection: the functions and classes in the ``__all__``
of ``socialroi``, ``socialroi.attribution``, ``socialroi.stats``, ``socialroi.plots`` and
``socialroi.sources``, and the public methods of those classes. Each has one valid call in
``EXAMPLES`` (a test fails the day a public callable is added without one). The fuzz then
replaces one argument at a time with junk and accepts only the ``SocialROIError`` family: no
other exception, and no warning (pytest turns warnings into errors). It is derandomised, so
CI sees the same inputs every run. ``socialroi.strategies`` is left out on purpose: its
functions build Hypothesis strategies and report bad arguments with Hypothesis's own
``InvalidArgument``.
"""

from __future__ import annotations

import enum
import functools
import inspect
import math
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution, plots, sources, stats

matplotlib.use("Agg")

PUBLIC = (sr, attribution, stats, plots, sources)

USD = "USD"
M = sr.Measures.of(
    USD, impressions=10_000, link_clicks=200, leads=20, purchases=5, ad_spend=400, revenue=900
)
ACTS = [
    sr.Activity("linkedin", "paid", M),
    sr.Activity("x", "organic", sr.Measures.of(USD, salaries=300, impressions=2_000, revenue=50)),
]
REP = sr.report(ACTS, by="channel")
ROW = REP.row("linkedin")
COMPARED = stats.compare_rows(REP, "x", "linkedin", metrics=["cpm", "ctr"])
KPI = sr.KPI(tracks="roi", target=0.5)
FUNNEL = sr.Funnel(stages=["seen", "clicked", "bought"], counts=[1_000, 100, 10])
PATHS = [["a", "b"], ["b"]]
ATTR = attribution.linear(PATHS, [1, 2])
EVENTS = pd.DataFrame(
    {
        "user": ["A000100", "A000100", "A000100", "B2"],
        "time": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-01"]),
        "channel": ["a", "b", None, "b"],
        "conversion": [0, 0, 1, 0],
        "value": [0.0, 0.0, 9.0, 0.0],
    }
)
INTERVALS = attribution.bootstrap(
    attribution.linear, PATHS, 1, rng=np.random.default_rng(0), draws=3
)


def _kpi_result() -> sr.KPIResult:
    return KPI.evaluate(M)


def _attr(module: Any, name: str) -> Callable[[], Callable[..., Any]]:
    return lambda: getattr(module, name)


def _fields(result: Any) -> dict[str, Any]:
    """A result's fields, to rebuild it with one of them replaced."""
    return attrs.asdict(result, recurse=False)


#: One valid call per public callable: the callable (built lazily) and its keyword arguments.
CAL = sr.Calendar(fiscal_year_start=4)
MONTHS = sr.report(
    [
        sr.Activity("meta", "paid", sr.Measures.of("USD", impressions=100, link_clicks=c),
                    dims={"period": d})
        for d, c in [("2026-04-01", 3), ("2026-05-01", 5)]
    ],
    by="period",
)  # fmt: skip
VIEW = sr.previous_period(MONTHS, period="month", calendar=CAL)

EXAMPLES: dict[str, tuple[Callable[[], Callable[..., Any]], dict[str, Any]]] = {
    # formulas and awareness
    **{
        name: (_attr(sr, name), {first: 10.0, second: 100.0})
        for name, first, second in [
            ("roi", "return_", "investment"),
            ("roas", "revenue", "spend"),
            ("profit", "return_", "investment"),
            ("cpm", "spend", "impressions"),
            ("cpc", "spend", "clicks"),
            ("cpa", "spend", "actions"),
            ("cost_per", "spend", "count"),
            ("ctr", "clicks", "impressions"),
            ("engagement_rate", "engagements", "base"),
            ("conversion_rate", "conversions", "base"),
            ("frequency", "impressions", "reach"),
            ("mean_duration", "seconds", "count"),
            ("share_of_voice", "brand_mentions", "total_mentions"),
            ("growth", "current", "previous"),
            ("times", "a", "b"),
        ]
    },
    **{
        name: (_attr(sr, name), {"shares": 3.0, "base": 100.0, "per": "post"})
        for name in ("amplification_rate", "virality_rate")
    },
    "applause_rate": (
        lambda: sr.applause_rate,
        {"approvals": 3.0, "base": 100.0, "per": "post"},
    ),
    "net_sentiment": (
        lambda: sr.net_sentiment,
        {"positive": 30.0, "negative": 10.0, "neutral": 60.0, "over": "all"},
    ),
    "net_sentiment_rate": (
        lambda: sr.net_sentiment_rate,
        {"positive_mentions": 30.0, "negative_mentions": 10.0, "mentions": 60.0},
    ),
    "conversation_rate": (lambda: sr.conversation_rate, {"comments": 30.0, "posts": 10.0}),
    "ltv_to_cac": (
        lambda: sr.ltv_to_cac,
        {"revenue_per_customer": 1_200.0, "cac": 200.0, "margin": 0.5},
    ),
    "cac_payback": (
        lambda: sr.cac_payback,
        {"cac": 600.0, "revenue_per_period": 100.0, "margin": 0.5},
    ),
    "earned_media_value": (lambda: sr.earned_media_value, {"organic_impressions": 5e4, "cpm": 8}),
    "retention_rate": (lambda: sr.retention_rate, {"start": 100.0, "end": 90.0, "new": 10.0}),
    "churn_rate": (lambda: sr.churn_rate, {"start": 100.0, "end": 90.0, "new": 10.0}),
    "compare_to_benchmark": (
        lambda: sr.compare_to_benchmark,
        {"value": 0.02, "benchmark": 0.01, "metric_name": "ctr"},
    ),
    # values and measures
    "Money": (lambda: sr.Money, {"amount": 5.0, "currency": USD}),
    "Money.convert": (lambda: sr.Money(5.0, USD).convert, {"rate": 0.9, "to": "EUR"}),
    "convert": (
        _attr(sr, "convert"),
        {
            "data": pd.DataFrame({"date": ["2026-03-01"], "currency": [USD], "ad_spend": [1.0]}),
            "rates": pd.DataFrame({"date": ["2026-03-01"], "currency": [USD], "rate": [0.9]}),
            "to": "EUR",
            "on": "date",
            "currency": "currency",
            "vocabulary": sr.VOCABULARY,
        },
    ),
    **{
        name: (
            _attr(sources, name),
            {
                "data": pd.DataFrame(columns),
                "currency": USD,
                "unknown": "raise",
                "rates": "drop",
                **({"window": "1-day click"} if name not in ("google_ads", "ga4") else {}),
            },
        )
        for name, columns in [
            ("meta", {"Reporting starts": ["2026-03-01"], "Campaign name": ["a"], "Reach": [1]}),
            (
                "meta_api",
                {
                    "date_start": ["2026-03-01"],
                    "campaign_name": ["a"],
                    "spend": ["1"],
                    "actions": [[{"action_type": "purchase", "value": "1"}]],
                },
            ),
            (
                "google_ads",
                {
                    "segments.date": ["2026-03-01"],
                    "campaign.name": ["a"],
                    "metrics.cost_micros": [10],
                },
            ),
            (
                "linkedin",
                {
                    "Start Date (in UTC)": ["2026-03-01"],
                    "Campaign Group Name": ["a"],
                    "Total Spent": [1.0],
                },
            ),
            (
                "tiktok",
                {
                    "stat_time_day": ["2026-03-01 00:00:00"],
                    "campaign_name": ["a"],
                    "spend": [1.0],
                    "ctr": [1.0],
                },
            ),
            (
                "x_ads",
                {"date": ["2026-03-01"], "campaign_name": ["a"], "billed_charge_local_micro": [1]},
            ),
        ]
    },
    "youtube": (
        _attr(sources, "youtube"),
        {
            "data": pd.DataFrame({"day": ["2026-03-01"], "views": [3]}),
            "currency": None,
            "unknown": "raise",
            "rates": "drop",
        },
    ),
    "ga4": (
        _attr(sources, "ga4"),
        {
            "data": pd.DataFrame(
                {
                    "date": ["20260301"],
                    "sessionSource": ["google"],
                    "sessionMedium": ["cpc"],
                    "sessions": [3],
                    "totalRevenue": [1.0],
                }
            ),
            "currency": USD,
            "unknown": "raise",
            "rates": "drop",
        },
    ),
    "read": (
        _attr(sources, "read"),
        {
            "data": pd.DataFrame({"Impressions": [1]}),
            "source": sources.Source(
                name="mine",
                title="mine",
                reference="-",
                channel="crm",
                mode="organic",
                fields=(sources.Field(names="Impressions", column="impressions", kind="count"),),
            ),
            "currency": None,
            "unknown": "drop",
            "rates": "keep",
            "window": None,
        },
    ),
    "combine": (
        lambda: functools.partial(sources.combine, pd.DataFrame({"channel": ["a"]})),
        {"vocabulary": sr.VOCABULARY},
    ),
    "Kind": (lambda: sources.Kind, {"value": "money"}),
    "Field": (
        lambda: sources.Field,
        {
            "names": "Spend",
            "column": "ad_spend",
            "kind": sources.Kind.MONEY,
            "required": None,
            "note": "",
            "date_format": None,
        },
    ),
    "Field.match": (
        lambda: sources.SOURCES["meta"].fields[0].match,
        {"header": "Reporting starts"},
    ),
    "Source": (
        lambda: sources.Source,
        {
            "name": "mine",
            "title": "mine",
            "reference": "-",
            "fields": (),
            "channel": "crm",
            "mode": "paid",
            "window": None,
            "date_format": "%Y-%m-%d",
            "currency_hint": "",
        },
    ),
    "Source.field": (lambda: sources.SOURCES["meta"].field, {"header": "Impressions"}),
    "Reach": (lambda: sr.Reach, {"low": 5.0, "high": 9.0}),
    "Reach.exactly": (lambda: sr.Reach.exactly, {"people": 5.0}),
    "Level": (
        lambda: sr.Level,
        {"spans": {"ig": sr.Level.at("2026-01-31", 9.0).spans[""]}},
    ),
    "Level.at": (lambda: sr.Level.at, {"on": "2026-01-31", "count": 9.0, "series": "ig"}),
    "Level.between": (
        lambda: sr.Level.between,
        {
            "opened": "2026-01-01",
            "opening": 5.0,
            "closed": "2026-01-31",
            "closing": 9.0,
            "series": "ig",
        },
    ),
    "CostRate": (
        lambda: sr.CostRate,
        {"money": sr.Money(5.0, USD), "action": "impressions", "per": 1_000.0},
    ),
    "CostRate.cpm": (lambda: sr.CostRate.cpm, {"amount": 5.0, "currency": USD}),
    "CostRate.cpc": (lambda: sr.CostRate.cpc, {"amount": 0.5, "currency": USD}),
    "CostRate.per_action": (
        lambda: sr.CostRate.per_action,
        {"amount": 25.0, "currency": USD, "action": "leads"},
    ),
    "CostRate.cost_of": (lambda: sr.CostRate.cpm(5.0, USD).cost_of, {"count": 1_000.0}),
    "CostRate.check_like": (
        lambda: sr.CostRate.cpm(5.0, USD).check_like,
        {"other": sr.CostRate.cpm(6.0, USD)},
    ),
    "ActionKind": (lambda: sr.ActionKind, {"value": "leads"}),
    "CostCategory": (lambda: sr.CostCategory, {"value": "ad_spend"}),
    "FunnelStage": (lambda: sr.FunnelStage, {"value": "awareness"}),
    "Mode": (lambda: sr.Mode, {"value": "paid"}),
    "Direction": (lambda: sr.Direction, {"value": "higher"}),
    "Unit": (lambda: sr.Unit, {"value": "money"}),
    "Measures": (
        lambda: sr.Measures,
        {
            "currency": USD,
            "actions": {"leads": 3},
            "costs": {"ad_spend": 5},
            "revenue": 9.0,
            "action_value": {"leads": 30},
            "reach": None,
            "return_recorded": True,
        },
    ),
    "Measures.empty": (lambda: sr.Measures.empty, {"currency": USD}),
    "Action": (
        lambda: sr.Action,
        {"name": "webinar_signups", "stage": "evaluation", "intent": 4, "macro": True},
    ),
    "Action.of": (lambda: sr.Action.of, {"kind": sr.ActionKind.LEADS}),
    "Vocabulary": (
        lambda: sr.Vocabulary,
        {"actions": sr.VOCABULARY.actions, "costs": ("ad_spend",), "name": "v"},
    ),
    "Vocabulary.with_actions": (lambda: sr.VOCABULARY.with_actions, {"name": "v"}),
    "Vocabulary.with_costs": (lambda: sr.VOCABULARY.with_costs, {"name": "v"}),
    "Vocabulary.action": (lambda: sr.VOCABULARY.action, {"name": "leads"}),
    "Vocabulary.duration": (lambda: sr.VOCABULARY.duration, {"name": "watch_time"}),
    "Vocabulary.with_durations": (lambda: sr.VOCABULARY.with_durations, {"name": "v"}),
    "Duration": (
        lambda: sr.Duration,
        {"name": "time_on_product_pages", "per": "page_views", "stage": "evaluation"},
    ),
    "Measures.duration": (lambda: M.duration, {"name": "time_on_page"}),
    "Measures.level": (lambda: M.level, {"name": "followers"}),
    "Vocabulary.level": (lambda: sr.VOCABULARY.level, {"name": "followers"}),
    "Vocabulary.with_levels": (lambda: sr.VOCABULARY.with_levels, {"name": "v"}),
    "Vocabulary.cost": (lambda: sr.VOCABULARY.cost, {"name": "ad_spend"}),
    "Vocabulary.macro_action": (
        lambda: sr.VOCABULARY.macro_action,
        {"name": "leads", "argument": "kind"},
    ),
    "catalog": (lambda: sr.catalog, {"vocabulary": sr.VOCABULARY}),
    "Measures.of": (lambda: sr.Measures.of, {"currency": USD, "leads": 3.0}),
    "Measures.valued_at": (lambda: M.valued_at, {"unit_values": {"leads": 50}}),
    "Measures.with_reach": (lambda: M.with_reach, {"reach": 5_000.0}),
    "Measures.count": (lambda: M.count, {"kind": "leads"}),
    "Measures.cost": (lambda: M.cost, {"category": "ad_spend"}),
    "Measures.value_of": (lambda: M.value_of, {"kind": "leads"}),
    "Measures.to_dict": (lambda: M.to_dict, {}),
    # metrics
    "metric": (lambda: sr.metric, {"name": "cpm"}),
    "Metric": (
        lambda: sr.Metric,
        {
            "name": "x",
            "title": "X",
            "formula": sr.cpm,
            "inputs": ("ad_spend", "impressions"),
            "denominator": "impressions",
            "stage": None,
            "direction": sr.Direction.LOWER,
            "unit": sr.Unit.MONEY,
            "source": "test",
        },
    ),
    "Metric.compute": (lambda: sr.metric("cpm").compute, {"measures": M, "zero_division": 0.0}),
    "Metric.supported_by": (lambda: sr.metric("cpm").supported_by, {"columns": M.to_dict()}),
    # reports
    "Activity": (
        lambda: sr.Activity,
        {"channel": "x", "mode": "paid", "measures": M, "campaign": "c", "dims": {"q": "1"}},
    ),
    "Activity.dimension": (lambda: ACTS[0].dimension, {"name": "channel"}),
    "report": (lambda: sr.report, {"activities": ACTS, "by": "channel", "zero_division": 0.0}),
    "rollup": (
        lambda: sr.rollup,
        {
            "data": {
                "channel": np.array(["a", "b"]),
                "ad_spend": [1.0, 2.0],
                "purchases": [1.0, 0.0],
            },
            "by": "channel",
            "currency": USD,
            "vocabulary": sr.VOCABULARY,
            "valued_at": {"purchases": 100.0},
        },
    ),
    "Report": (
        lambda: sr.Report,
        {"by": REP.by, "keys": REP.keys, "data": dict(REP.data), "currency": USD},
    ),
    "Report.row": (lambda: lambda label: REP.row(label), {"label": "linkedin"}),
    "Report.column": (lambda: REP.column, {"name": "roi"}),
    "Report.sort": (lambda: REP.sort, {"by": "roi", "descending": True}),
    "Report.filter": (lambda: REP.filter, {"predicate": [True, False]}),
    "Report.head": (lambda: REP.head, {"n": 1}),
    "Report.top_k": (lambda: REP.top_k, {"k": 1, "by": "roi"}),
    "Report.bottom_k": (lambda: REP.bottom_k, {"k": 1, "by": "cpm"}),
    "Report.to_records": (lambda: REP.to_records, {}),
    "Report.to_pandas": (lambda: REP.to_pandas, {}),
    "Report.to_polars": (lambda: REP.to_polars, {}),
    "Report.to_text": (lambda: REP.to_text, {"columns": ["channel", "roi"]}),
    "Report.to_html": (lambda: REP.to_html, {"columns": ["channel", "roi"], "precision": 4}),
    "Row": (lambda: sr.Row, {"key": (("channel", "x"),), "measures": M, "zero_division": 0.0}),
    "Row.of": (lambda: sr.Row.of, {"measures": M, "zero_division": 0.0}),
    "Row.metric": (lambda: ROW.metric, {"name": "cpc"}),
    "Row.metrics": (lambda: ROW.metrics, {}),
    "Row.cost_rate": (lambda: ROW.cost_rate, {"name": "cpc"}),
    "Row.to_dict": (lambda: ROW.to_dict, {}),
    "Row.to_text": (lambda: ROW.to_text, {"precision": 2}),
    # goals
    "KPI": (
        lambda: sr.KPI,
        {"tracks": "cpc", "target": 2.0, "direction": "lower", "baseline": None, "name": "k"},
    ),
    "KPI.value": (lambda: KPI.value, {"source": M, "zero_division": 0.0}),
    "KPI.evaluate": (lambda: KPI.evaluate, {"source": M, "zero_division": 0.0}),
    "KPI.pace": (lambda: KPI.pace, {"source": M, "elapsed": 0.5}),
    "Calendar": (lambda: sr.Calendar, {"week_start": "sunday", "fiscal_year_start": 4}),
    "Calendar.start": (lambda: CAL.start, {"day": "2026-03-04", "period": "week"}),
    "Calendar.shift": (lambda: CAL.shift, {"start": "2026-03-01", "period": "month", "n": 2}),
    "Calendar.elapsed": (lambda: CAL.elapsed, {"day": "2026-03-04", "period": "year"}),
    "Calendar.periods_per_year": (lambda: CAL.periods_per_year, {"period": "week"}),
    "PeriodView": (
        lambda: sr.PeriodView,
        {"name": "v", "current": MONTHS, "window": MONTHS, "defined": (True, True)},
    ),
    "PeriodView.column": (lambda: VIEW.column, {"name": "ctr"}),
    "PeriodView.change": (lambda: VIEW.change, {"name": "ctr"}),
    "PeriodView.relative_change": (lambda: VIEW.relative_change, {"name": "link_clicks"}),
    "PeriodView.to_text": (lambda: VIEW.to_text, {"columns": ["ctr"]}),
    "rolling": (
        lambda: sr.rolling,
        {
            "report": MONTHS,
            "n": 2,
            "period": "month",
            "calendar": CAL,
            "dimension": "period",
            "gaps": "raise",
        },
    ),
    "year_to_date": (
        lambda: sr.year_to_date,
        {
            "report": MONTHS,
            "period": "month",
            "calendar": CAL,
            "dimension": "period",
            "gaps": "empty",
        },
    ),
    "previous_period": (
        lambda: sr.previous_period,
        {
            "report": MONTHS,
            "period": "month",
            "calendar": CAL,
            "dimension": "period",
            "gaps": "raise",
            "lag": 1,
        },
    ),
    "same_period_last_year": (
        lambda: sr.same_period_last_year,
        {
            "report": MONTHS,
            "period": "month",
            "calendar": CAL,
            "dimension": "period",
            "gaps": "raise",
        },
    ),
    "regroup": (
        lambda: sr.regroup,
        {
            "report": MONTHS,
            "source": "month",
            "target": "quarter",
            "calendar": CAL,
            "dimension": "period",
        },
    ),
    "KPIResult": (
        lambda: sr.KPIResult,
        {"name": "k", "value": 1.0, "target": 2.0, "attainment": 0.5, "met": False, "gap": 1.0},
    ),
    "KPIResult.to_dict": (lambda: _kpi_result().to_dict, {}),
    "Pace": (
        lambda: sr.Pace,
        {
            "name": "k",
            "value": 1.0,
            "elapsed": 0.5,
            "projected": 2.0,
            "target": 2.0,
            "on_track": True,
        },
    ),
    "Goal": (lambda: sr.Goal, {"name": "g", "kpis": [KPI]}),
    "Goal.evaluate": (lambda: sr.Goal("g", [KPI]).evaluate, {"source": M}),
    "Funnel": (
        lambda: sr.Funnel,
        {"stages": ["a", "b"], "counts": [10, 5], "kinds": None},
    ),
    "Funnel.from_measures": (lambda: sr.Funnel.from_measures, {"measures": M}),
    "Funnel.cost_per_stage": (lambda: FUNNEL.cost_per_stage, {"investment": 100.0}),
    "Funnel.to_text": (lambda: FUNNEL.to_text, {}),
    "Funnel.to_html": (lambda: FUNNEL.to_html, {"precision": 2}),
    "Funnel.to_records": (lambda: FUNNEL.to_records, {}),
    "side_by_side": (lambda: sr.side_by_side, {"funnels": {"a": FUNNEL, "b": FUNNEL}}),
    "intent_score": (lambda: sr.intent_score, {"measures": M, "weights": {"leads": 3}}),
    "recommended": (lambda: sr.recommended, {"model": "b2b", "goal": "leads"}),
    "BusinessModel": (
        lambda: sr.BusinessModel,
        {
            "name": "m",
            "description": "d",
            "funnel": [("seen", "impressions"), ("bought", "purchases")],
            "stages": [sr.StageGuide("awareness", ["cpm"], "why")],
            "kpis": {"sales": ("roi",)},
        },
    ),
    "StageGuide": (lambda: sr.StageGuide, {"stage": "s", "metrics": ["cpm"], "why": "w"}),
    "Recommendation": (
        lambda: sr.Recommendation,
        {"model": "m", "goal": "g", "stages": (), "kpis": ("roi",)},
    ),
    "Recommendation.to_text": (lambda: sr.recommended("b2b", "leads").to_text, {}),
    "BenchmarkComparison": (
        lambda: sr.BenchmarkComparison,
        {
            "value": 2.0,
            "benchmark": 1.0,
            "direction": sr.Direction.HIGHER,
            "difference": 1.0,
            "ratio": 2.0,
            "better": True,
        },
    ),
    # attribution
    **{
        name: (_attr(attribution, name), {"paths": PATHS, "conversions": 1})
        for name in ("first_touch", "last_touch", "linear", "position_based", "shapley")
    },
    "markov": (
        lambda: attribution.markov,
        {"paths": PATHS, "conversions": [1, 1], "nulls": [1, 0], "order": 1},
    ),
    "time_decay": (
        lambda: attribution.time_decay,
        {"paths": PATHS, "conversions": 1, "times": [[2.0, 0.0], [0.0]], "half_life": 7.0},
    ),
    "shapley_values": (
        lambda: attribution.shapley_values,
        {"worth": {frozenset({"a"}): 1.0, frozenset({"a", "b"}): 3.0}},
    ),
    "Attribution": (
        lambda: attribution.Attribution,
        {"model": "m", "conversions": {"a": 1.0}, "value": {"a": 0.0}},
    ),
    "Attribution.activities": (
        lambda: ATTR.activities,
        {"costs": {"a": M, "b": M}, "action": "purchases", "mode": "paid"},
    ),
    "Attribution.report": (lambda: ATTR.report, {"costs": {"a": M, "b": M}, "by": "channel"}),
    "last_non_direct": (
        lambda: attribution.last_non_direct,
        {"paths": [["a", "Direct"], ["Direct"]], "conversions": 1, "direct": "Direct"},
    ),
    "leave_one_out": (
        lambda: attribution.leave_one_out,
        {"paths": PATHS, "conversions": [1, 1], "nulls": [1, 0]},
    ),
    "path_table": (
        lambda: attribution.path_table,
        {
            "events": EVENTS,
            "user": "user",
            "time": "time",
            "channel": "channel",
            "conversion": "conversion",
            "value": "value",
            "lookback_days": 30,
            "lookback_touches": 5,
            "transforms": ["exposure", ("remove_if_not_all", "b")],
        },
    ),
    "PathTable": (
        lambda: attribution.PathTable,
        {
            "paths": (("a",), ("a", "b")),
            "conversions": np.array([1.0, 0.0]),
            "value": np.array([5.0, 0.0]),
            "nulls": np.array([0.0, 1.0]),
        },
    ),
    "bootstrap": (
        lambda: attribution.bootstrap,
        {
            "model": attribution.markov,
            "paths": PATHS,
            "conversions": [1, 1],
            "nulls": [1, 0],
            "value": 10.0,
            "costs": {"a": M, "b": M},
            "rng": np.random.default_rng(0),
            "draws": 5,
            "level": 0.9,
        },
    ),
    "CreditIntervals": (lambda: attribution.CreditIntervals, _fields(INTERVALS)),
    # statistics
    "wilson_interval": (lambda: stats.wilson_interval, {"successes": 5, "trials": 100}),
    "jeffreys_interval": (lambda: stats.jeffreys_interval, {"successes": 5, "trials": 100}),
    "compare_rates": (  # arrays broadcast against numbers (tests/test_stats_inputs.py: numbers)
        lambda: stats.compare_rates,
        {"successes_a": [5, 0], "trials_a": [100, 10], "successes_b": 9, "trials_b": 100},
    ),
    "lift_test": (
        lambda: stats.lift_test,
        {
            "test_size": 1_000,
            "test_conversions": 50,
            "holdout_size": 1_000,
            "holdout_conversions": 30,
        },
    ),
    "required_sample_size": (
        lambda: stats.required_sample_size,
        {"baseline_rate": 0.05, "minimum_effect": 0.01},
    ),
    "minimum_detectable_effect": (
        lambda: stats.minimum_detectable_effect,
        {"baseline_rate": 0.05, "size_per_group": 10_000},
    ),
    "rate_intervals": (lambda: stats.rate_intervals, {"report": REP, "metric_name": "ctr"}),
    "return_interval": (
        lambda: stats.return_interval,
        {"values": [100.0, 0.0, 250.0, 40.0], "investment": 200.0},
    ),
    "Estimate": (
        lambda: stats.Estimate,
        {"value": 1.0, "low": 0.5, "high": 1.5, "confidence": 0.95},
    ),
    "Estimate.contains": (lambda: stats.Estimate(1.0, 0.5, 1.5, 0.95).contains, {"x": 1.0}),
    "Estimates": (
        lambda: stats.Estimates,
        {
            "value": np.array([1.0, 0.0]),
            "low": np.array([0.5, -1.0]),
            "high": np.array([1.5, 1.0]),
            "confidence": 0.95,
        },
    ),
    "Estimates.contains": (
        lambda: stats.Estimates(np.array([1.0]), np.array([0.5]), np.array([1.5]), 0.9).contains,
        {"x": 1.0},
    ),
    "RateComparison": (
        lambda: stats.RateComparison,
        {
            "rate_a": 0.05,
            "rate_b": 0.09,
            "difference": stats.Estimate(0.04, 0.0, 0.08, 0.95),
            "ratio": stats.Estimate(1.8, 1.0, 3.0, 0.95),
            "z": 1.0,
            "p_value": 0.3,
        },
    ),
    "RateComparisons": (
        lambda: stats.RateComparisons,
        _fields(stats.compare_rates([5, 0], [100, 10], 9, 100)),
    ),
    "LiftResult": (lambda: stats.LiftResult, _fields(stats.lift_test(1_000, 50, 1_000, 30))),
    "RateIntervals": (lambda: stats.RateIntervals, _fields(stats.rate_intervals(REP, "ctr"))),
    "compare_rows": (
        lambda: stats.compare_rows,
        {"report": REP, "a": "x", "b": "linkedin", "metrics": ["cpm", "ctr"], "confidence": 0.9},
    ),
    "compare_to_baseline": (
        lambda: stats.compare_to_baseline,
        {"report": REP, "baseline": "linkedin", "rows": ["x"], "metrics": "ctr"},
    ),
    "holm": (lambda: stats.holm, {"p_values": [0.01, 0.2]}),
    "MetricDifference": (lambda: stats.MetricDifference, _fields(COMPARED.differences[0])),
    "RowComparison": (lambda: stats.RowComparison, _fields(COMPARED)),
    "RowComparison.get": (lambda: COMPARED.get, {"metric": "ctr", "row": "x"}),
    "RowComparison.to_text": (lambda: COMPARED.to_text, {"precision": 2}),
    # plots
    "funnel_chart": (lambda: plots.funnel_chart, {"funnel": FUNNEL}),
    "kpi_attainment": (lambda: plots.kpi_attainment, {"results": [_kpi_result()]}),
    "paid_vs_organic": (
        lambda: plots.paid_vs_organic,
        {"report": sr.report(ACTS, by=("channel", "mode")), "metric_name": "cpm"},
    ),
    "roi_by_channel": (lambda: plots.roi_by_channel, {"report": REP, "metric_name": "roi"}),
}


def _public_callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public function, class and public method that takes an argument."""
    for module in PUBLIC:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue  # the errors themselves
            if inspect.isclass(obj):
                yield name, obj
                if issubclass(obj, enum.Enum):
                    continue
                for attr, raw in vars(obj).items():
                    if attr.startswith("_") or not (
                        inspect.isfunction(raw) or isinstance(raw, (classmethod, staticmethod))
                    ):
                        continue  # private, or a property (no argument to fuzz)
                    member = getattr(obj, attr)
                    if callable(member) and not inspect.isclass(member):
                        yield f"{name}.{attr}", member
            elif callable(obj):
                yield name, obj


def _parameters(target: Callable[..., Any]) -> list[str]:
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):  # pragma: no cover - every public callable has one
        return []
    return [
        p.name
        for p in signature.parameters.values()
        if p.name not in ("self", "cls") and p.kind is not p.VAR_POSITIONAL
    ]


def test_every_public_callable_has_an_example() -> None:
    missing = sorted(
        name
        for name, target in _public_callables()
        if name not in EXAMPLES and (_parameters(target) or inspect.isclass(target))
    )
    assert not missing, f"add a valid call to EXAMPLES in tests/test_fuzz.py for {missing}"
    found = {name for name, _ in _public_callables()}
    assert not set(EXAMPLES) - found, "EXAMPLES names no public callable"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples_are_valid_calls(name: str) -> None:
    """So that replacing one argument with junk tests that argument."""
    factory, kwargs = EXAMPLES[name]
    try:
        factory()(**kwargs)
    finally:
        plt.close("all")


class _Opaque:
    """An object of no type socialroi knows."""


JUNK = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            " ",
            "5",
            "abc",
            "USD",
            "nan",
            "raise",
            b"5",
            True,
            False,
            0,
            -1,
            -1.5,
            math.nan,
            math.inf,
            -math.inf,
            10**400,
            -(10**400),
            1e308,
            5e-324,
            1 + 1j,
            (),
            [],
            [[]],
            [None],
            [1, "a"],
            [math.nan],
            [[1, 2], [3]],
            {},
            {"a": 1},
            {1: "a"},
            {"leads": -1},
            frozenset(),
        ]
    ),
    st.builds(_Opaque),
    st.builds(lambda: np.array([np.nan, 1.0])),
    st.builds(lambda: np.array(["a", "b"])),
    st.builds(lambda: np.array([[1.0, 2.0]])),
    st.builds(lambda: np.array([], dtype=float)),
    st.builds(lambda: np.array([1e308, 1e308])),
    st.builds(lambda: pd.Series(["50", "60"])),
    st.builds(lambda: pd.DataFrame({"Clicks": [1, 2], "channel": ["a", None]})),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
)

FUZZED = sorted(name for name in EXAMPLES if EXAMPLES[name][1])


@pytest.mark.parametrize("name", FUZZED)
@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_junk_in_any_argument_raises_only_documented_errors(
    name: str, data: st.DataObject
) -> None:
    factory, kwargs = EXAMPLES[name]
    argument = data.draw(st.sampled_from(sorted(kwargs)), label="argument")
    junk = data.draw(JUNK, label="junk")
    call = dict(kwargs, **{argument: junk})
    try:
        factory()(**call)
    except sr.SocialROIError:
        pass
    finally:
        plt.close("all")


@settings(max_examples=60, derandomize=True, database=None)
@given(st.sampled_from(FUZZED), st.data())
def test_extreme_valid_numbers_give_results_without_warnings(
    name: str, data: st.DataObject
) -> None:
    """Huge but finite numbers in every numeric argument: a result or a documented error,
    never an overflow warning."""
    factory, kwargs = EXAMPLES[name]
    numeric = sorted(k for k, v in kwargs.items() if isinstance(v, (int, float)))
    if not numeric:
        return
    call = dict(kwargs)
    for key in numeric:
        call[key] = data.draw(st.sampled_from([1e308, 1.7e308, 1e-300, 2**63]), label=key)
    try:
        factory()(**call)
    except sr.SocialROIError:
        pass
    finally:
        plt.close("all")
