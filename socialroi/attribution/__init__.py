"""Attribution: from customer journeys to each channel's conversions, value and ROI.

Every model is deterministic and conserves credit: the channels' credited conversions sum to
the journeys' conversions, and their credited value to the journeys' value. The result turns
into activities, so "ROI of Instagram under a Markov model" is one call::

    sr.attribution.markov(paths, conversions, value=value, nulls=nulls).report(costs)

Journeys (``paths``) are sequences of channel names in touch order, strings joined by
``sep``, or columnar ``{"journey": ids, "channel": names}`` for large data. ``conversions``,
``value`` and ``nulls`` are per journey (a number applies to every journey): conversions and
conversion value credited, and journeys that did not convert.
"""

from socialroi.attribution._heuristics import (
    first_touch,
    last_touch,
    linear,
    position_based,
    time_decay,
)
from socialroi.attribution._markov import markov
from socialroi.attribution._result import Attribution
from socialroi.attribution._shapley import MAX_SHAPLEY_CHANNELS, shapley, shapley_values

__all__ = [
    "MAX_SHAPLEY_CHANNELS",
    "Attribution",
    "first_touch",
    "last_touch",
    "linear",
    "markov",
    "position_based",
    "shapley",
    "shapley_values",
    "time_decay",
]
