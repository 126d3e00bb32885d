"""Cost rates: money per a number of an action (CPM, CPC, cost per lead), typed.

A report column of CPMs stays a fast float64 array; a single row's CPM, a KPI's target or a
benchmark is a :class:`CostRate`, which keeps its currency and what it is paid per, so that
comparing or mixing rates in two currencies, or over two actions, raises instead of giving
a wrong number.
"""

from __future__ import annotations

import math

import attrs

from socialroi._errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from socialroi._values.checks import check_number
from socialroi._values.money import Money
from socialroi._values.vocabulary import normalise, singular


def _money(value: object) -> Money:
    if not isinstance(value, Money):
        raise InvalidTypeError(f"'money' must be a socialroi.Money: {value!r}")
    if value.amount < 0:
        raise InvalidValueError(f"'money' of a cost rate must be >= 0: {value!r}")
    return value


def _per(value: object) -> float:
    per = check_number(value, argument="per")
    if per == 0:
        raise InvalidValueError("'per' must be > 0 (a rate per no action means nothing): 0")
    return per


def _action(value: object) -> str:
    name = normalise(value, argument="action")
    if not name:
        raise InvalidValueError(f"'action' must name the action paid for: {value!r}")
    return name


@attrs.frozen(order=False)
class CostRate:
    """Money per ``per`` of an ``action``: a CPM is money per 1,000 impressions, a CPC per
    link click, a cost per lead per lead.

    Examples
    --------
    >>> import socialroi as sr
    >>> cpm = sr.CostRate.cpm(6.5, "EUR")
    >>> str(cpm), cpm.cost_of(250_000)
    ('6.50 EUR per 1,000 impressions', Money(1625.0, 'EUR'))
    >>> sr.CostRate.cpm(6.5, "EUR") < sr.CostRate.cpm(7, "EUR")
    True
    >>> sr.CostRate.cpm(6.5, "EUR") < sr.CostRate.cpm(7, "USD")
    Traceback (most recent call last):
    ...
    socialroi._errors.CurrencyMismatchError: cannot compare a cost rate in EUR with one in \
USD; convert one first
    """

    money: Money = attrs.field(converter=_money)
    action: str = attrs.field(converter=_action)
    per: float = attrs.field(default=1.0, converter=_per, kw_only=True)

    @classmethod
    def cpm(cls, amount: float, currency: str) -> CostRate:
        """Money per 1,000 impressions."""
        return cls(Money(amount, currency), "impressions", per=1_000)

    @classmethod
    def cpc(cls, amount: float, currency: str) -> CostRate:
        """Money per link click."""
        return cls(Money(amount, currency), "link_clicks")

    @classmethod
    def per_action(cls, amount: float, currency: str, action: str) -> CostRate:
        """Money per one ``action`` (a lead, a trial, a purchase)."""
        return cls(Money(amount, currency), action)

    @property
    def amount(self) -> float:
        """The money, as a number."""
        return self.money.amount

    @property
    def currency(self) -> str:
        """The ISO 4217 currency of the money."""
        return self.money.currency

    def cost_of(self, count: float) -> Money:
        """What ``count`` actions cost at this rate (the earned media value of organic
        impressions, at a CPM)."""
        n = check_number(count, argument="count")
        with_inf = self.money.amount * (n / self.per)
        if not math.isfinite(with_inf):
            raise InvalidValueError(f"'count' {count!r} at {self} costs more than a float holds")
        return Money(with_inf, self.currency)

    def check_like(self, other: CostRate) -> None:
        """Raise unless ``other`` is a rate in the same currency, for the same action."""
        if not isinstance(other, CostRate):
            raise InvalidTypeError(f"can only compare a CostRate with a CostRate: {other!r}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot compare a cost rate in {self.currency} with one in {other.currency}; "
                "convert one first"
            )
        if other.action != self.action:
            raise InvalidValueError(
                f"cannot compare a cost per {self.action!r} with a cost per {other.action!r}"
            )

    def _unit(self, other: object) -> tuple[float, float]:
        self.check_like(other)  # type: ignore[arg-type]
        assert isinstance(other, CostRate)
        return self.amount / self.per, other.amount / other.per

    def __lt__(self, other: object) -> bool:
        a, b = self._unit(other)
        return a < b

    def __le__(self, other: object) -> bool:
        a, b = self._unit(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        a, b = self._unit(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        a, b = self._unit(other)
        return a >= b

    def __str__(self) -> str:
        if self.per == 1:
            return f"{self.money} per {singular(self.action).replace('_', ' ')}"
        return f"{self.money} per {self.per:,.0f} {self.action.replace('_', ' ')}"

    def __repr__(self) -> str:
        per = f", per={self.per!r}" if self.per != 1 else ""
        return f"CostRate({self.money!r}, {self.action!r}{per})"
