"""Money: an amount with its ISO 4217 currency. Mixing currencies raises."""

from __future__ import annotations

import numbers

import attrs

from socialroi._errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from socialroi._values.checks import check_number
from socialroi._values.currency import check_currency
from socialroi._values.format import format_value


def _amount(value: object) -> float:
    return check_number(value, argument="amount", allow_negative=True)


def _currency(value: object) -> str:
    return check_currency(value)


@attrs.frozen(order=False)
class Money:
    """An amount of money in one currency.

    Amounts may be negative (a loss); they must be finite. Adding or comparing amounts in
    different currencies raises :class:`CurrencyMismatchError`; ``sum()`` works because
    ``0 + money`` is ``money``.

    Examples
    --------
    >>> import socialroi as sr
    >>> sum([sr.Money(20_000, "USD"), sr.Money(25_000, "USD")])
    Money(45000.0, 'USD')
    >>> sr.Money(45_000, "USD") - sr.Money(20_000, "USD")
    Money(25000.0, 'USD')
    >>> sr.Money(1, "USD") + sr.Money(1, "EUR")
    Traceback (most recent call last):
    ...
    socialroi._errors.CurrencyMismatchError: cannot combine USD with EUR; convert one first
    """

    amount: float = attrs.field(converter=_amount)
    currency: str = attrs.field(converter=_currency)

    def __repr__(self) -> str:
        return f"Money({self.amount!r}, {self.currency!r})"

    def __str__(self) -> str:
        return f"{format_value(self.amount, 'money')} {self.currency}"

    def _repr_html_(self) -> str:
        return f"<span>{self}</span>"

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} with {other.currency}; convert one first"
            )

    def __add__(self, other: object) -> Money:
        if isinstance(other, Money):
            self._same(other)
            return Money(self.amount + other.amount, self.currency)
        if isinstance(other, numbers.Real) and not isinstance(other, bool) and other == 0:
            return self  # lets sum() start from 0
        raise InvalidTypeError(f"can only add Money to Money (or 0, for sum()): {other!r}")

    __radd__ = __add__

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise InvalidTypeError(f"can only subtract Money from Money: {other!r}")
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: float) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, numbers.Real):
            raise InvalidTypeError(f"can only multiply Money by a real number: {factor!r}")
        return Money(
            self.amount * check_number(factor, argument="factor", allow_negative=True),
            self.currency,
        )

    __rmul__ = __mul__

    def convert(self, rate: float, to: str) -> Money:
        """The amount in the currency ``to``, at ``rate`` units of ``to`` per unit of its own
        currency (an explicit rate: socialroi fetches none).

        Examples
        --------
        >>> import socialroi as sr
        >>> sr.Money(100, "USD").convert(0.92, "EUR")
        Money(92.0, 'EUR')
        >>> sr.Money(100, "EUR").convert(1.1, "EUR")
        Traceback (most recent call last):
        ...
        socialroi._errors.InvalidValueError: 'rate' converts EUR to EUR, so it is 1, not 1.1
        """
        code = check_currency(to)
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
            raise InvalidTypeError(f"'rate' must be a number: {rate!r}")
        value = check_number(rate, argument="rate")
        if value == 0:
            raise InvalidValueError(f"'rate' must be > 0: {rate!r}")
        if code == self.currency and value != 1:
            raise InvalidValueError(f"'rate' converts {code} to {code}, so it is 1, not {rate!r}")
        return Money(self.amount * value, code)

    def __lt__(self, other: Money) -> bool:
        return self._compare(other) < 0

    def __le__(self, other: Money) -> bool:
        return self._compare(other) <= 0

    def __gt__(self, other: Money) -> bool:
        return self._compare(other) > 0

    def __ge__(self, other: Money) -> bool:
        return self._compare(other) >= 0

    def _compare(self, other: object) -> float:
        if not isinstance(other, Money):
            raise InvalidTypeError(f"can only compare Money with Money: {other!r}")
        self._same(other)
        return self.amount - other.amount
