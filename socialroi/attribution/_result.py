"""An attribution result: credited conversions and value per channel, and the channel
report that follows from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, UnknownNameError
from socialroi._measures.measures import Measures
from socialroi._metrics.arrays import Float64Array
from socialroi._reports.activity import Activity
from socialroi._reports.report import Report, report
from socialroi._values.checks import parse_name
from socialroi._values.kinds import ActionKind
from socialroi.attribution._journeys import Journeys


@attrs.frozen
class Attribution:
    """Credited conversions and value per channel under one model."""

    model: str
    conversions: Mapping[str, float]
    value: Mapping[str, float]
    removal_effects: Mapping[str, float] | None = None

    def activities(
        self,
        costs: Mapping[str, Measures | Activity],
        *,
        action: str | ActionKind = ActionKind.PURCHASES,
        mode: str = "paid",
    ) -> list[Activity]:
        """One activity per channel: its costs (and other measures) plus the credited
        conversions, counted as ``action``, and the credited value, as revenue.

        ``costs`` maps every credited channel to its ``Measures`` (mode ``mode``) or to an
        ``Activity`` (whose channel, mode and campaign are kept)."""
        kind = parse_name(ActionKind, action, argument="action")
        if not isinstance(costs, Mapping):
            raise InvalidTypeError(f"'costs' must map channels to Measures or Activity: {costs!r}")
        missing = [c for c in self.conversions if c not in costs]
        if missing:
            raise UnknownNameError(f"'costs' lacks the credited channel(s) {missing}")
        out = []
        for channel, given in costs.items():
            if not isinstance(given, (Activity, Measures)):
                raise InvalidTypeError(
                    f"'costs[{channel!r}]' must be Measures or an Activity: {given!r}"
                )
            credited = Measures(
                given.measures.currency if isinstance(given, Activity) else given.currency,
                actions={kind: self.conversions.get(channel, 0.0)},
                revenue=self.value.get(channel, 0.0),
            )
            if isinstance(given, Activity):
                out.append(attrs.evolve(given, measures=given.measures + credited))
            else:
                out.append(Activity(channel, mode, given + credited))
        return out

    def report(
        self,
        costs: Mapping[str, Measures | Activity],
        *,
        by: str | Sequence[str] = "channel",
        action: str | ActionKind = ActionKind.PURCHASES,
        mode: str = "paid",
    ) -> Report:
        """The channel report (ROI, ROAS, CPA...) with this model's credit as the return."""
        return report(self.activities(costs, action=action, mode=mode), by=by)


def _result(
    model: str,
    journeys: Journeys,
    conversions: Float64Array,
    value: Float64Array,
    removal: Float64Array | None = None,
) -> Attribution:
    names = journeys.channels
    return Attribution(
        model,
        {c: float(x) for c, x in zip(names, conversions, strict=True)},
        {c: float(x) for c, x in zip(names, value, strict=True)},
        None if removal is None else {c: float(x) for c, x in zip(names, removal, strict=True)},
    )


def _by_touch_weights(model: str, j: Journeys, weights: Float64Array) -> Attribution:
    """Credit each touch its journey's conversions and value times its weight (weights sum
    to 1 within each journey)."""
    journey = np.repeat(np.arange(j.size), j.lengths)
    n = len(j.channels)
    conv = _float(np.bincount(j.codes, weights=weights * j.conversions[journey], minlength=n))
    val = _float(np.bincount(j.codes, weights=weights * j.value[journey], minlength=n))
    return _result(model, j, conv, val)


def _float(array: object) -> Float64Array:
    return np.asarray(array, dtype=np.float64)
