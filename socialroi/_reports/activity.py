"""One slice of social activity: its measures keyed by channel, mode, campaign and the
caller's own dimensions."""

from collections.abc import Mapping

import attrs

from socialroi._errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownNameError,
)
from socialroi._measures.measures import (
    Measures,
)
from socialroi._reports.labels import Label, check_label
from socialroi._values.checks import parse_name
from socialroi._values.kinds import Mode

#: The dimensions every activity has; users add their own through ``dims``.
BUILTIN_DIMENSIONS: tuple[str, ...] = ("channel", "mode", "campaign")


def _label(value: object, argument: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{argument!r} must be a non-empty string: {value!r}")
    return value


def _channel(value: object) -> str:
    return _label(value, "channel")


def _id_label(value: object, argument: str) -> Label:
    """A string label, or an integer id (a numpy integer becomes an int; no boolean)."""
    if isinstance(value, str):
        return _label(value, argument)
    try:
        return check_label(value, argument=argument)
    except InvalidTypeError:
        raise InvalidValueError(
            f"{argument!r} must be a non-empty string or an integer id: {value!r}"
        ) from None


def _campaign(value: object) -> Label:
    return _id_label(value, "campaign")


def _mode(value: object) -> Mode:
    return parse_name(Mode, value, argument="mode")


def _dims(value: object) -> tuple[tuple[str, Label], ...]:
    if value is None:
        return ()
    if isinstance(value, tuple):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidValueError(f"'dims' must map dimension names to labels: {value!r}")
    out: list[tuple[str, Label]] = []
    for name, label in value.items():
        if not isinstance(name, str) or not name or name in BUILTIN_DIMENSIONS:
            raise InvalidValueError(
                f"'dims' names must be non-empty strings other than {BUILTIN_DIMENSIONS}: {name!r}"
            )
        if isinstance(label, str):
            out.append((name, label))
            continue
        try:
            out.append((name, check_label(label, argument=f"dims[{name!r}]")))
        except InvalidTypeError:
            raise InvalidValueError(
                f"'dims[{name!r}]' must be a string label or an integer id: {label!r}"
            ) from None
    return tuple(sorted(out))


def _measures(value: object) -> Measures:
    if not isinstance(value, Measures):
        raise InvalidTypeError(f"'measures' must be a socialroi.Measures: {value!r}")
    return value


@attrs.frozen
class Activity:
    """The measures of one slice of social activity, keyed by its dimensions.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=5_000),
    ...             campaign="q3", dims={"period": "2026-Q3"}).dimension("period")
    '2026-Q3'
    """

    channel: str = attrs.field(converter=_channel)
    mode: Mode = attrs.field(converter=_mode)
    measures: Measures = attrs.field(converter=_measures)
    #: A name, or an integer id as the platform gives it (``campaign=916``).
    campaign: Label = attrs.field(default="all", converter=_campaign, kw_only=True)
    #: Labels of the caller's own dimensions: strings, or integer ids.
    dims: tuple[tuple[str, Label], ...] = attrs.field(default=None, converter=_dims, kw_only=True)

    def dimension(self, name: str) -> Label:
        """The label of this activity on dimension ``name``."""
        if not isinstance(name, str):
            raise InvalidTypeError(f"'name' must be a dimension name (a string): {name!r}")
        if name == "channel":
            return self.channel
        if name == "mode":
            return self.mode.value
        if name == "campaign":
            return self.campaign
        for key, label in self.dims:
            if key == name:
                return label
        known = (*BUILTIN_DIMENSIONS, *(k for k, _ in self.dims))
        raise UnknownNameError(f"unknown dimension {name!r}; this activity has {known}")
