"""Reach: unique people, which do not add up across posts, channels or periods."""

from __future__ import annotations

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._values.checks import check_number


def _low(value: object) -> float:
    return check_number(value, argument="reach.low")


def _high(value: object) -> float:
    return check_number(value, argument="reach.high")


@attrs.frozen
class Reach:
    """What can honestly be said about reach: it lies between ``low`` and ``high``.

    Reach counts unique people, so the reach of two audiences is not the sum of their reaches:
    the same person may be in both. What is certain is that the union reaches at least as
    many people as the larger part and at most as many as both parts together. Merging
    therefore keeps bounds, ``low = max(low_a, low_b)`` and ``high = high_a + high_b``, and
    never sums silently. Reach is exact (``low == high``) when one source measured it for the
    whole audience; take deduplicated reach from the platform at the level you report on and
    set it with :meth:`Measures.with_reach`.

    Examples
    --------
    >>> import socialroi as sr
    >>> sr.Reach.exactly(9_000) | sr.Reach.exactly(4_000)
    Reach(low=9000.0, high=13000.0)
    >>> (sr.Reach.exactly(9_000) | sr.Reach.exactly(4_000)).exact is None
    True
    """

    low: float = attrs.field(converter=_low)
    high: float = attrs.field(converter=_high)

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise InvalidValueError(
                f"'reach' bounds must satisfy low <= high: low={self.low!r}, high={self.high!r}"
            )

    @classmethod
    def exactly(cls, people: float) -> Reach:
        """Reach measured exactly (deduplicated by the platform)."""
        return cls(people, people)

    @property
    def exact(self) -> float | None:
        """The reach when it is known exactly, else None."""
        return self.low if self.low == self.high else None

    def __or__(self, other: Reach) -> Reach:
        """The bounds on the reach of the union of two audiences."""
        if not isinstance(other, Reach):
            raise InvalidTypeError(f"can only combine Reach with Reach: {other!r}")
        return Reach(max(self.low, other.low), self.high + other.high)
