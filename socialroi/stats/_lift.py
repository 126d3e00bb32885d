"""Holdout lift: exposed against control, with an interval and a test."""

from __future__ import annotations

import math

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi.stats._comparisons import Estimate, RateComparison, _fields, _one
from socialroi.stats._inputs import _confidence, _scalar_count


def _comparison(value: object) -> RateComparison:
    if not isinstance(value, RateComparison):
        raise InvalidTypeError(f"a lift's 'comparison' must be a RateComparison: {value!r}")
    return value


def _maybe_estimate(value: object) -> Estimate | None:
    if value is not None and not isinstance(value, Estimate):
        raise InvalidTypeError(f"a lift's estimate must be an Estimate or None: {value!r}")
    return value


@attrs.frozen
class LiftResult:
    """What a campaign caused, measured against a holdout that did not see it.

    ``incremental_conversions`` = (rate_test - rate_holdout) x test size; ``relative_lift``
    = rate_test / rate_holdout - 1; ``incremental_value`` = incremental conversions x the
    average value per conversion (pooled over both groups: the campaign is assumed to change
    how many convert, not how much each conversion is worth; undefined, NaN, when neither
    group converted); ``incremental_roas`` = incremental value / cost; ``incremental_roi`` =
    (incremental value - cost) / cost. A campaign can hurt: every one of these can be
    negative, and incremental ROI can fall below -1, which plain ROI on a non-negative return
    never does. Intervals carry over from the rate difference (Newcombe) and ratio
    (log-adjusted) intervals by monotone maps.
    """

    comparison: RateComparison = attrs.field(converter=_comparison)
    incremental_conversions: Estimate = attrs.field(converter=_maybe_estimate)
    relative_lift: Estimate = attrs.field(converter=_maybe_estimate)
    incremental_value: Estimate | None = attrs.field(converter=_maybe_estimate)
    incremental_roas: Estimate | None = attrs.field(converter=_maybe_estimate)
    incremental_roi: Estimate | None = attrs.field(converter=_maybe_estimate)


def lift_test(
    test_size: float,
    test_conversions: float,
    holdout_size: float,
    holdout_conversions: float,
    *,
    test_value: float | None = None,
    holdout_value: float | None = None,
    cost: float | None = None,
    confidence: float = 0.95,
) -> LiftResult:
    """Incrementality from a test group exposed to a campaign and a holdout that was not.

    Sizes are people (users, households) for a user-level holdout; for a geo or time
    holdout given as totals, pass the populations (or sessions) of the test and control
    regions or periods as sizes, and their conversions and values as totals.
    ``test_value``/``holdout_value`` are the total conversion value of each group (0 where
    the group has no conversions); ``cost`` is what the campaign cost, for incremental ROAS
    and ROI.

    Examples
    --------
    >>> from socialroi import stats
    >>> r = stats.lift_test(100_000, 1_300, 100_000, 1_000,
    ...                     test_value=130_000, holdout_value=100_000, cost=10_000)
    >>> r.incremental_conversions.value, round(r.relative_lift.value, 2)
    (300.0, 0.3)
    >>> r.incremental_value.value, r.incremental_roas.value, r.incremental_roi.value
    (30000.0, 3.0, 2.0)
    """
    level = _confidence(confidence)
    given = {
        "test_conversions": test_conversions,
        "test_size": test_size,
        "holdout_conversions": holdout_conversions,
        "holdout_size": holdout_size,
    }
    counts = {name: _scalar_count(value, name) for name, value in given.items()}
    comparison = _one(_fields(counts, level), level)
    size = counts["test_size"]
    d = comparison.difference
    # test conversions less what the holdout's rate predicts for the test group
    expected = comparison.rate_b * size
    conversions = Estimate(
        counts["test_conversions"] - expected,
        d.low * size,
        d.high * size,
        level,
    )
    q = comparison.ratio
    lift = Estimate(q.value - 1.0, q.low - 1.0, q.high - 1.0, level)
    if (test_value is None) != (holdout_value is None):
        raise InvalidValueError("give both 'test_value' and 'holdout_value', or neither")
    value = roas = roi = None
    if test_value is not None and holdout_value is not None:
        per_conversion = _value_per_conversion(
            (test_value, test_conversions, "test"), (holdout_value, holdout_conversions, "holdout")
        )
        value = Estimate(
            conversions.value * per_conversion,
            conversions.low * per_conversion,
            conversions.high * per_conversion,
            level,
        )
        if cost is not None:
            spend = _scalar_count(cost, "cost")
            if spend == 0:
                raise InvalidValueError("'cost' must be > 0 for incremental ROAS and ROI: 0.0")
            roas = Estimate(value.value / spend, value.low / spend, value.high / spend, level)
            roi = Estimate(roas.value - 1.0, roas.low - 1.0, roas.high - 1.0, level)
    elif cost is not None:
        raise InvalidValueError("'cost' needs 'test_value' and 'holdout_value' to value the lift")
    return LiftResult(comparison, conversions, lift, value, roas, roi)


def _value_per_conversion(*groups: tuple[object, object, str]) -> float:
    """The pooled value per conversion; NaN (undefined) when no group converted."""
    amounts, counts = [], []
    for value, conversions, group in groups:
        amount = _scalar_count(value, f"{group}_value")
        count = _scalar_count(conversions, f"{group}_conversions")
        if count == 0 and amount > 0:
            raise InvalidValueError(
                f"'{group}_value' must be 0 when '{group}_conversions' is 0: {amount!r}; "
                "value comes from conversions"
            )
        amounts.append(amount)
        counts.append(count)
    scale = max(counts)
    if scale == 0:
        return math.nan
    if math.isfinite(sum(amounts)) and math.isfinite(sum(counts)):
        return sum(amounts) / sum(counts)
    # sums beyond floats: both in units of the larger count instead
    return sum(a / scale for a in amounts) / sum(c / scale for c in counts)
