"""Attribution: from customer journeys to each channel's conversions, value and ROI.

Every model is deterministic and conserves credit: the channels' credited conversions sum to
the journeys' conversions, and their credited value to the journeys' value. The result turns
into activities, so "ROI of Instagram under a Markov model" is one call::

    sr.attribution.markov(paths, conversions, value=value, nulls=nulls).report(costs)

Journeys (``paths``) are sequences of channel names in touch order, strings joined by
``sep``, pandas or polars Series and numpy arrays of them, columnar
``{"journey": ids, "channel": names}`` for large data, or a ``PathTable`` built from an
event log by ``path_table`` in the log's own engine. ``conversions``, ``value`` and
``nulls`` are per journey (a number applies to every journey; a ``PathTable`` carries its
own): conversions and conversion value credited, and journeys that did not convert.
``bootstrap`` gives intervals of any model's credit and of channel ROI.

Bad input raises a ``SocialROIError`` naming the argument: a journey that is not a sequence
of non-empty channel names, a ``sep`` that is not a non-empty string, numbers that are
negative, NaN, infinite, strings or booleans, or one per journey of the wrong length. Each of
``conversions``, ``value`` and ``nulls`` must also add up to a finite float (at most about
1.8e308), so that the credit, which adds up to them, is finite: beyond that the models raise
``InvalidValueError`` instead of returning infinite credit; rescale (count in thousands).
Within that range every model gives finite credit, without warnings.
"""

from socialroi.attribution._bootstrap import CreditIntervals, bootstrap
from socialroi.attribution._events import path_table
from socialroi.attribution._heuristics import (
    first_touch,
    last_non_direct,
    last_touch,
    linear,
    position_based,
    time_decay,
)
from socialroi.attribution._leave_one_out import leave_one_out
from socialroi.attribution._markov import DENSE_STATES, MAX_MARKOV_BYTES, markov
from socialroi.attribution._paths import PathTable
from socialroi.attribution._result import Attribution
from socialroi.attribution._shapley import MAX_SHAPLEY_CHANNELS, shapley, shapley_values

__all__ = [
    "DENSE_STATES",
    "MAX_MARKOV_BYTES",
    "MAX_SHAPLEY_CHANNELS",
    "Attribution",
    "CreditIntervals",
    "PathTable",
    "bootstrap",
    "first_touch",
    "last_non_direct",
    "last_touch",
    "leave_one_out",
    "linear",
    "markov",
    "path_table",
    "position_based",
    "shapley",
    "shapley_values",
    "time_decay",
]
