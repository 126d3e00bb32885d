"""Field specs: which platform field becomes which socialroi column, and how it is read.

A platform source is data, not code: a :class:`Source` lists its :class:`Field` entries, one
per documented export header or API field, each with a :class:`Kind` that says how the
mapping engine (:mod:`socialroi.sources._read`) reads it. The docs' field tables
(``docs/sources.md``) are generated from these specs, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._values.kinds import _NamedEnum

#: The placeholder a field name uses for a currency written in the header
#: ("Amount spent ({currency})" matches "Amount spent (USD)").
CURRENCY_IN_HEADER = "{currency}"


class Kind(_NamedEnum):
    """How a platform field is read."""

    #: A label copied as it is (a campaign, an ad set, an ad, a placement).
    DIMENSION = "dimension"
    #: A day, parsed to a datetime at midnight.
    DATE = "date"
    #: A count of actions (numbers sent as text are cast).
    COUNT = "count"
    #: An amount of money in the row's currency.
    MONEY = "money"
    #: An amount in millionths of the row's currency (divided by 1,000,000).
    MICROS = "micros"
    #: A duration in minutes, written in seconds (times 60) as socialroi's durations are.
    MINUTES = "minutes"
    #: Unique people: the roll-up keeps it as bounds and never sums it.
    REACH = "reach"
    #: A rate in percent (1.5 means 1.5%): socialroi reads rates from the sums, so it is
    #: left out, or kept as a fraction (divided by 100) in ``reported_<header>`` with
    #: ``rates="keep"``.
    PERCENT = "percent"
    #: A rate as a fraction or a mean (cost per click, frequency): left out, or kept as it is
    #: in ``reported_<header>`` with ``rates="keep"``.
    RATE = "rate"
    #: The ISO 4217 code of the row's money.
    CURRENCY = "currency"
    #: The attribution window the row's conversions were counted under.
    WINDOW = "window"
    #: Known, and left out on purpose (the field's note says why).
    IGNORED = "ignored"


def _string(instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(f"{attribute.name!r} must be a string: {value!r}")


def _optional_string(instance: object, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(f"{attribute.name!r} must be a string or None: {value!r}")


def _kind(value: object) -> Kind:
    """A :class:`Kind`, or its name (``"count"``)."""
    return Kind(value)


def _fields(value: object) -> tuple[Field, ...]:
    if not isinstance(value, tuple) or not all(isinstance(f, Field) for f in value):
        raise InvalidTypeError(f"'fields' must be a tuple of socialroi.sources.Field: {value!r}")
    return value


def _unverified(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, tuple) or not all(isinstance(n, str) for n in value):
        raise InvalidTypeError(f"'unverified' must be a field name or a tuple of them: {value!r}")
    return value


def _pages(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, tuple) or not all(isinstance(n, str) and n for n in value):
        raise InvalidTypeError(f"'pages' must be a page's address or a tuple of them: {value!r}")
    return value


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, tuple) or not value or not all(isinstance(n, str) for n in value):
        raise InvalidTypeError(f"'names' must be a field name or a tuple of them: {value!r}")
    return value


@attrs.frozen(kw_only=True)
class Field:
    """One platform field: its names (export headers and API names), the socialroi column it
    becomes, how it is read, and, where it is required, the export setting that adds it.

    Names match case-insensitively, with runs of spaces as one; ``{currency}`` in a name
    matches an ISO 4217 code written in the header.

    Examples
    --------
    >>> from socialroi.sources import Field, Kind
    >>> spend = Field(names="Amount spent ({currency})", column="ad_spend", kind=Kind.MONEY)
    >>> spend.match("amount spent (EUR)"), spend.match("Amount spent")
    ('EUR', None)
    """

    names: tuple[str, ...] = attrs.field(converter=_names)
    column: str | None = attrs.field(validator=_optional_string)
    kind: Kind = attrs.field(converter=_kind)
    #: Where the field is required: the export setting or API parameter that adds it.
    required: str | None = attrs.field(default=None, validator=_optional_string)
    #: What the reader should know (why a field is left out, what a name means).
    note: str = attrs.field(default="", validator=_string)
    #: How this field writes dates, where it differs from its source's ``date_format``.
    date_format: str | None = attrs.field(default=None, validator=_optional_string)
    #: The names (of ``names``) no stored copy of the platform's pages confirmed: read as
    #: written, and marked "not verified" in docs/sources.md.
    unverified: tuple[str, ...] = attrs.field(default=(), converter=_unverified)
    _patterns: tuple[re.Pattern[str], ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.kind in (Kind.IGNORED, Kind.PERCENT, Kind.RATE) and not self.note:
            raise InvalidValueError(f"field {self.names[0]!r} is left out: say why in 'note'")
        if self.kind not in (Kind.IGNORED, Kind.PERCENT, Kind.RATE) and self.column is None:
            raise InvalidValueError(f"field {self.names[0]!r} must name its socialroi column")
        stray = [n for n in self.unverified if n not in self.names]
        if stray:
            raise InvalidValueError(
                f"field {self.names[0]!r}: 'unverified' names {stray}, which are not among "
                f"its names {list(self.names)}"
            )
        patterns = []
        for name in self.names:
            text = re.escape(key(name)).replace(re.escape(CURRENCY_IN_HEADER), "([a-z]{3})")
            patterns.append(re.compile(text + r"\Z"))
        object.__setattr__(self, "_patterns", tuple(patterns))

    @property
    def money(self) -> bool:
        """True for amounts of money (converted between currencies together)."""
        return self.kind in (Kind.MONEY, Kind.MICROS)

    def match(self, header: str) -> str | None:
        """``""`` where ``header`` is one of the field's names, the currency code where the
        name holds one, None where it is not this field."""
        if not isinstance(header, str):
            raise InvalidTypeError(f"'header' must be a column name (a string): {header!r}")
        for pattern in self._patterns:
            found = pattern.match(key(header))
            if found:
                return found.group(1).upper() if found.groups() else ""
        return None


def _mode(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value in ("paid", "organic")):
        return value
    raise InvalidValueError(f"'mode' must be 'paid', 'organic' or None: {value!r}")


def key(name: str) -> str:
    """A header as names are matched: lower case, runs of white space as one space."""
    return " ".join(name.split()).lower()


@attrs.frozen(kw_only=True)
class Source:
    """A platform's export or API: its fields, and what every row of it is.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.sources.SOURCES["meta"].mode
    'paid'
    """

    #: The name of the function that reads it (``sr.sources.<name>``).
    name: str = attrs.field(validator=_string)
    #: What it reads, for people ("Meta Ads Manager export (CSV)").
    title: str = attrs.field(validator=_string)
    #: The platform's page that documents the fields (cited in docs/sources.md).
    reference: str = attrs.field(validator=_string)
    fields: tuple[Field, ...] = attrs.field(converter=_fields)
    #: The channel of every row (None where a field decides it, as GA4's channel grouping).
    channel: str | None = attrs.field(validator=_optional_string)
    #: "paid" or "organic" for every row (None where a field decides it).
    mode: str | None = attrs.field(converter=_mode)
    #: The attribution window the platform counts conversions under by default, where the
    #: export does not say (None where it has no conversions).
    window: str | None = attrs.field(default=None, validator=_optional_string)
    #: How the export writes its dates (``strptime`` codes).
    date_format: str = attrs.field(default="%Y-%m-%d", validator=_string)
    #: Where the export can say its currency, for the error when it does not.
    currency_hint: str = attrs.field(default="", validator=_string)
    #: The pages every field name was checked against (the platform's own, or public copies
    #: of its field lists), cited in docs/sources.md; a name none of them holds is in its
    #: field's ``unverified``.
    pages: tuple[str, ...] = attrs.field(default=(), converter=_pages)

    def field(self, header: str) -> tuple[Field, str] | None:
        """The field a header is, with the currency its name holds (``""`` for none)."""
        for f in self.fields:
            found = f.match(header)
            if found is not None:
                return f, found
        return None


def unverified(fields: tuple[Field, ...], names: frozenset[str]) -> tuple[Field, ...]:
    """``fields`` with each name of ``names`` marked as not verified on its field; a name
    that is no field's is an error (a typo would otherwise hide a claim)."""
    left = set(names)
    marked = []
    for f in fields:
        mine = tuple(n for n in f.names if n in names)
        left -= set(mine)
        marked.append(attrs.evolve(f, unverified=mine) if mine else f)
    if left:
        raise InvalidValueError(f"'unverified' names no field has: {sorted(left)}")
    return tuple(marked)
