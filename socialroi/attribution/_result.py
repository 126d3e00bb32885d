"""An attribution result: credited conversions and value per channel, and the channel
report that follows from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

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
        mode: str | Mode = Mode.PAID,
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
        mode: str | Mode = Mode.PAID,
    ) -> Report:
        """The channel report (ROI, ROAS, CPA...) with this model's credit as the return."""
        return report(self.activities(costs, action=action, mode=mode), by=by)


def _per_channel(names: tuple[str, ...], values: npt.NDArray[Any]) -> dict[str, float]:
    return dict(zip(names, values.tolist(), strict=True))


def _result(
    model: str,
    journeys: Journeys,
    conversions: npt.NDArray[Any],
    value: npt.NDArray[Any],
    removal: npt.NDArray[Any] | None = None,
) -> Attribution:
    names = journeys.channels
    return Attribution(
        model,
        _per_channel(names, conversions),
        _per_channel(names, value),
        None if removal is None else _per_channel(names, removal),
    )


def _by_touch_weights(model: str, j: Journeys, weights: Float64Array) -> Attribution:
    """Credit each touch its journey's conversions and value times its weight (weights sum
    to 1 within each journey). Every channel has touches, so the sums have one entry per
    channel."""
    journey = j.journey
    conv = np.bincount(j.codes, weights=weights * j.conversions[journey])
    val = np.bincount(j.codes, weights=weights * j.value[journey])
    return _result(model, j, conv, val)


def _float(array: object) -> Float64Array:
    return np.asarray(array, dtype=np.float64)
