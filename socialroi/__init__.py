"""socialroi: measure the return on social-media marketing."""

from socialroi._catalog import METRICS, Direction, Metric, Unit, metric
from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    ShapeMismatchError,
    SocialROIError,
    UndefinedRatioError,
    UnknownNameError,
)
from socialroi._formulas import (
    conversion_rate,
    cost_per,
    cpa,
    cpc,
    cpm,
    ctr,
    engagement_rate,
    frequency,
    profit,
    roas,
    roi,
)
from socialroi._kinds import ActionKind, CostCategory, FunnelStage, Mode
from socialroi._measures import Measures
from socialroi._money import Money
from socialroi._reach import Reach
from socialroi._report import Activity, Report, Row, report

__version__ = "0.1.0"

__all__ = [
    "METRICS",
    "ActionKind",
    "Activity",
    "CostCategory",
    "CurrencyMismatchError",
    "Direction",
    "FunnelStage",
    "InvalidTypeError",
    "InvalidValueError",
    "Measures",
    "Metric",
    "MissingDependencyError",
    "Mode",
    "Money",
    "Reach",
    "Report",
    "Row",
    "ShapeMismatchError",
    "SocialROIError",
    "UndefinedRatioError",
    "Unit",
    "UnknownNameError",
    "__version__",
    "conversion_rate",
    "cost_per",
    "cpa",
    "cpc",
    "cpm",
    "ctr",
    "engagement_rate",
    "frequency",
    "metric",
    "profit",
    "report",
    "roas",
    "roi",
]
