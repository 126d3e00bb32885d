"""Is the difference real? Intervals, tests and lift, with numpy and scipy.special.

Rates here are binomial: ``successes`` out of ``trials`` (clicks out of impressions,
conversions out of visitors). Intervals and rate comparisons are vectorised like the core
formulas: plain numbers give floats, array-likes give arrays (a comparison of arrays is a
``RateComparisons``). Zero trials make a rate undefined, so its interval is ``(nan, nan)``
(and comparing it is an error); all or no successes are ordinary cases. scipy.special gives
the normal and beta quantiles, imported on first use.

Agreement: Wilson and Jeffreys intervals, the pooled two-proportion z-test and the
Newcombe (difference) and log-adjusted (ratio) intervals match statsmodels'
``proportion_confint``, ``proportions_ztest`` and ``confint_proportions_2indep`` to 1e-9
(see tests/test_stats.py).
"""

from socialroi.stats._comparisons import (
    Estimate,
    Estimates,
    RateComparison,
    RateComparisons,
    compare_rates,
)
from socialroi.stats._intervals import (
    RateIntervals,
    jeffreys_interval,
    rate_intervals,
    wilson_interval,
)
from socialroi.stats._lift import LiftResult, lift_test
from socialroi.stats._multiple import holm
from socialroi.stats._power import minimum_detectable_effect, required_sample_size
from socialroi.stats._returns import return_interval
from socialroi.stats._rows import (
    MetricDifference,
    RowComparison,
    compare_rows,
    compare_to_baseline,
)

__all__ = [
    "Estimate",
    "Estimates",
    "LiftResult",
    "MetricDifference",
    "RateComparison",
    "RateComparisons",
    "RateIntervals",
    "RowComparison",
    "compare_rates",
    "compare_rows",
    "compare_to_baseline",
    "holm",
    "jeffreys_interval",
    "lift_test",
    "minimum_detectable_effect",
    "rate_intervals",
    "required_sample_size",
    "return_interval",
    "wilson_interval",
]
