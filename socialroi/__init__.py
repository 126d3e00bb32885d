"""socialroi: measure the return on social-media marketing."""

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
from socialroi._reports.report import Report, Row, report
from socialroi._reports.rollup import rollup
from socialroi._values.kinds import ActionKind, CostCategory, FunnelStage, Mode
from socialroi._values.level import Level
from socialroi._values.money import Money
from socialroi._values.rates import CostRate
from socialroi._values.reach import Reach
from socialroi._values.vocabulary import VOCABULARY, Action, Duration, Vocabulary

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
    "profit",
    "recommended",
    "report",
    "retention_rate",
    "roas",
    "roi",
    "rollup",
    "share_of_voice",
    "side_by_side",
    "times",
    "virality_rate",
]
