"""socialroi: measure the return on social-media marketing.

Importing socialroi loads only its errors: each public name loads its module on first use
(PEP 562), so ``import socialroi`` stays cheap and a formula does not load the report layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    ShapeMismatchError,
    SocialROIError,
    UndefinedRatioError,
    UnknownAttributeError,
    UnknownNameError,
    VocabularyMismatchError,
)

if TYPE_CHECKING:  # the same names, for type checkers and editors
    from socialroi import sources
    from socialroi._goals.compare import BenchmarkComparison, compare_to_benchmark, times
    from socialroi._goals.funnel import DEFAULT_INTENT_WEIGHTS, Funnel, intent_score, side_by_side
    from socialroi._goals.kpi import KPI, Goal, KPIResult, Pace
    from socialroi._goals.presets import (
        BUSINESS_MODELS,
        GOALS,
        BusinessModel,
        Recommendation,
        StageGuide,
        recommended,
    )
    from socialroi._measures.measures import Measures
    from socialroi._metrics.awareness import (
        amplification_rate,
        applause_rate,
        churn_rate,
        conversation_rate,
        earned_media_value,
        net_sentiment,
        net_sentiment_rate,
        retention_rate,
        share_of_voice,
        virality_rate,
    )
    from socialroi._metrics.catalog import METRICS, Direction, Metric, Unit, catalog, metric
    from socialroi._metrics.formulas import (
        conversion_rate,
        cost_per,
        cpa,
        cpc,
        cpm,
        ctr,
        engagement_rate,
        frequency,
        growth,
        mean_duration,
        profit,
        roas,
        roi,
    )
    from socialroi._metrics.unit_economics import cac_payback, ltv_to_cac
    from socialroi._reports.activity import Activity
    from socialroi._reports.calendar import Calendar
    from socialroi._reports.exchange import convert
    from socialroi._reports.report import Report, Row, report
    from socialroi._reports.rollup import rollup
    from socialroi._reports.timeviews import (
        PeriodView,
        previous_period,
        regroup,
        rolling,
        same_period_last_year,
        year_to_date,
    )
    from socialroi._values.kinds import ActionKind, CostCategory, FunnelStage, Mode
    from socialroi._values.level import Level
    from socialroi._values.money import Money
    from socialroi._values.rates import CostRate
    from socialroi._values.reach import Reach
    from socialroi._values.vocabulary import VOCABULARY, Action, Duration, Vocabulary

#: Where each public name lives, loaded on first use.
_LAZY = {
    "sources": "socialroi",  # a public package: socialroi.sources
    "BenchmarkComparison": "socialroi._goals.compare",
    "compare_to_benchmark": "socialroi._goals.compare",
    "times": "socialroi._goals.compare",
    "DEFAULT_INTENT_WEIGHTS": "socialroi._goals.funnel",
    "Funnel": "socialroi._goals.funnel",
    "intent_score": "socialroi._goals.funnel",
    "side_by_side": "socialroi._goals.funnel",
    "KPI": "socialroi._goals.kpi",
    "Goal": "socialroi._goals.kpi",
    "KPIResult": "socialroi._goals.kpi",
    "Pace": "socialroi._goals.kpi",
    "BUSINESS_MODELS": "socialroi._goals.presets",
    "GOALS": "socialroi._goals.presets",
    "BusinessModel": "socialroi._goals.presets",
    "Recommendation": "socialroi._goals.presets",
    "StageGuide": "socialroi._goals.presets",
    "recommended": "socialroi._goals.presets",
    "Measures": "socialroi._measures.measures",
    "amplification_rate": "socialroi._metrics.awareness",
    "applause_rate": "socialroi._metrics.awareness",
    "churn_rate": "socialroi._metrics.awareness",
    "conversation_rate": "socialroi._metrics.awareness",
    "earned_media_value": "socialroi._metrics.awareness",
    "net_sentiment": "socialroi._metrics.awareness",
    "net_sentiment_rate": "socialroi._metrics.awareness",
    "retention_rate": "socialroi._metrics.awareness",
    "share_of_voice": "socialroi._metrics.awareness",
    "virality_rate": "socialroi._metrics.awareness",
    "METRICS": "socialroi._metrics.catalog",
    "Direction": "socialroi._metrics.catalog",
    "Metric": "socialroi._metrics.catalog",
    "Unit": "socialroi._metrics.catalog",
    "catalog": "socialroi._metrics.catalog",
    "metric": "socialroi._metrics.catalog",
    "conversion_rate": "socialroi._metrics.formulas",
    "cost_per": "socialroi._metrics.formulas",
    "cpa": "socialroi._metrics.formulas",
    "cpc": "socialroi._metrics.formulas",
    "cpm": "socialroi._metrics.formulas",
    "ctr": "socialroi._metrics.formulas",
    "engagement_rate": "socialroi._metrics.formulas",
    "frequency": "socialroi._metrics.formulas",
    "growth": "socialroi._metrics.formulas",
    "mean_duration": "socialroi._metrics.formulas",
    "profit": "socialroi._metrics.formulas",
    "roas": "socialroi._metrics.formulas",
    "roi": "socialroi._metrics.formulas",
    "cac_payback": "socialroi._metrics.unit_economics",
    "ltv_to_cac": "socialroi._metrics.unit_economics",
    "Activity": "socialroi._reports.activity",
    "Report": "socialroi._reports.report",
    "Row": "socialroi._reports.report",
    "report": "socialroi._reports.report",
    "rollup": "socialroi._reports.rollup",
    "Calendar": "socialroi._reports.calendar",
    "convert": "socialroi._reports.exchange",
    "PeriodView": "socialroi._reports.timeviews",
    "previous_period": "socialroi._reports.timeviews",
    "regroup": "socialroi._reports.timeviews",
    "rolling": "socialroi._reports.timeviews",
    "same_period_last_year": "socialroi._reports.timeviews",
    "year_to_date": "socialroi._reports.timeviews",
    "ActionKind": "socialroi._values.kinds",
    "CostCategory": "socialroi._values.kinds",
    "FunnelStage": "socialroi._values.kinds",
    "Mode": "socialroi._values.kinds",
    "Level": "socialroi._values.level",
    "Money": "socialroi._values.money",
    "CostRate": "socialroi._values.rates",
    "Reach": "socialroi._values.reach",
    "VOCABULARY": "socialroi._values.vocabulary",
    "Action": "socialroi._values.vocabulary",
    "Duration": "socialroi._values.vocabulary",
    "Vocabulary": "socialroi._values.vocabulary",
}

__version__ = "0.1.0"

__all__ = [
    "BUSINESS_MODELS",
    "DEFAULT_INTENT_WEIGHTS",
    "GOALS",
    "KPI",
    "METRICS",
    "VOCABULARY",
    "Action",
    "ActionKind",
    "Activity",
    "BenchmarkComparison",
    "BusinessModel",
    "Calendar",
    "CostCategory",
    "CostRate",
    "CurrencyMismatchError",
    "Direction",
    "Duration",
    "Funnel",
    "FunnelStage",
    "Goal",
    "InvalidTypeError",
    "InvalidValueError",
    "KPIResult",
    "Level",
    "Measures",
    "Metric",
    "MissingDependencyError",
    "Mode",
    "Money",
    "Pace",
    "PeriodView",
    "Reach",
    "Recommendation",
    "Report",
    "Row",
    "ShapeMismatchError",
    "SocialROIError",
    "StageGuide",
    "UndefinedRatioError",
    "Unit",
    "UnknownAttributeError",
    "UnknownNameError",
    "Vocabulary",
    "VocabularyMismatchError",
    "__version__",
    "amplification_rate",
    "applause_rate",
    "cac_payback",
    "catalog",
    "churn_rate",
    "compare_to_benchmark",
    "conversation_rate",
    "conversion_rate",
    "convert",
    "cost_per",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "earned_media_value",
    "engagement_rate",
    "frequency",
    "growth",
    "intent_score",
    "ltv_to_cac",
    "mean_duration",
    "metric",
    "net_sentiment",
    "net_sentiment_rate",
    "previous_period",
    "profit",
    "recommended",
    "regroup",
    "report",
    "retention_rate",
    "roas",
    "roi",
    "rolling",
    "rollup",
    "same_period_last_year",
    "share_of_voice",
    "side_by_side",
    "sources",
    "times",
    "virality_rate",
    "year_to_date",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'socialroi' has no attribute {name!r}")
    if module == __name__:  # a public package of socialroi's own
        value: Any = importlib.import_module(f"{__name__}.{name}")
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once: later reads are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
