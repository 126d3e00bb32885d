"""The error hierarchy: every error socialroi raises derives from :class:`SocialROIError`.

Each subclass also inherits the built-in error a caller would expect (``ValueError`` or
``TypeError``), so ``except ValueError`` keeps working, while ``except sr.SocialROIError``
catches everything the library raises on purpose.
"""

from __future__ import annotations

__all__ = [
    "CurrencyMismatchError",
    "InvalidTypeError",
    "InvalidValueError",
    "MissingDependencyError",
    "ShapeMismatchError",
    "SocialROIError",
    "UndefinedRatioError",
    "UnknownAttributeError",
    "UnknownNameError",
    "VocabularyMismatchError",
]


class SocialROIError(Exception):
    """Root of every error raised on purpose by socialroi."""


class InvalidValueError(SocialROIError, ValueError):
    """A value is out of its domain: negative, NaN, infinite, or otherwise impossible."""


class InvalidTypeError(SocialROIError, TypeError):
    """A value has a type the function cannot use (a string where a number belongs)."""


class UnknownNameError(SocialROIError, ValueError):
    """A name (action kind, cost category, metric, currency, dimension) is not known."""


class UnknownAttributeError(UnknownNameError, AttributeError):
    """An attribute read as a metric (``row.cpa``) names no metric of the row's vocabulary.

    It is also an ``AttributeError``, so ``hasattr``, ``getattr(row, name, default)``, copy
    and pickle see a missing attribute as Python expects.
    """


class CurrencyMismatchError(SocialROIError, ValueError):
    """Amounts in different currencies were combined; convert them first."""


class ShapeMismatchError(SocialROIError, ValueError):
    """Array arguments have shapes that do not broadcast together."""


class UndefinedRatioError(SocialROIError, ValueError):
    """A ratio has a zero denominator and the caller asked for ``zero_division="raise"``."""


class MissingDependencyError(SocialROIError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class VocabularyMismatchError(SocialROIError, ValueError):
    """Values built on two different vocabularies were combined; build both on one."""
