"""An attribution result: credited conversions and value per channel, and the channel
report that follows from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._measures.measures import Measures
from socialroi._metrics.arrays import Float64Array
from socialroi._reports.activity import Activity
from socialroi._reports.report import Report, report
from socialroi._values.checks import parse_name
from socialroi._values.kinds import ActionKind, Mode
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
        ``Activity`` of that channel (whose mode and campaign are kept). A channel in
        ``costs`` that no journey touched gets no credit: its return is 0."""
        kind = parse_name(ActionKind, action, argument="action")
        default_mode = parse_name(Mode, mode, argument="mode")
        if not isinstance(costs, Mapping):
            raise InvalidTypeError(f"'costs' must map channels to Measures or Activity: {costs!r}")
        for channel, given in costs.items():
            if not isinstance(channel, str):
                raise InvalidTypeError(
                    f"'costs' keys must be channel names (strings): {channel!r}"
                )
            if not channel.strip():
                raise InvalidValueError(f"'costs' has an empty channel name as a key: {channel!r}")
            if not isinstance(given, (Activity, Measures)):
                raise InvalidTypeError(
                    f"'costs[{channel!r}]' must be Measures or an Activity: {given!r}"
                )
            if isinstance(given, Activity) and given.channel != channel:
                raise InvalidValueError(
                    f"'costs[{channel!r}]' is an Activity of channel {given.channel!r}: key each "
                    "Activity by its own channel"
                )
        missing = [c for c in self.conversions if c not in costs]
        if missing:
            raise UnknownNameError(f"'costs' lacks the credited channel(s) {missing}")
        out = []
        for channel, given in costs.items():
            credited = Measures(
                given.measures.currency if isinstance(given, Activity) else given.currency,
                actions={kind: self.conversions.get(channel, 0.0)},
                revenue=self.value.get(channel, 0.0),
            )
            if isinstance(given, Activity):
                out.append(attrs.evolve(given, measures=given.measures + credited))
            else:
                out.append(Activity(channel, default_mode, given + credited))
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
    journey = j.journey
    n = len(j.channels)
    conv = _float(np.bincount(j.codes, weights=weights * j.conversions[journey], minlength=n))
    val = _float(np.bincount(j.codes, weights=weights * j.value[journey], minlength=n))
    return _result(model, j, conv, val)


def _float(array: object) -> Float64Array:
    return np.asarray(array, dtype=np.float64)
