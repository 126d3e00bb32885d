"""The vocabulary: funnel stages, modes, cost categories and action kinds.

Each action kind knows its funnel stage, whether it is a macro action (an outcome the
business wants) and its intent rank, after the source article's ordering: the more effort an
action takes, the more intent it shows (impressions and reach < likes and follows < comments
and shares < link clicks < downloads, trials, demos, leads, add-to-cart, checkouts <
purchases).
"""

from __future__ import annotations

import enum
from functools import total_ordering
from typing import Any

from socialroi._errors import InvalidTypeError, UnknownNameError


class _NamedEnumType(enum.EnumMeta):
    """Looks members up by name only: anything but a string or a member is a type error of
    ours, before the standard lookup compares it with every value (arrays would raise)."""

    def __call__(cls, value: object, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not cls._member_map_:  # the functional API, or a new subclass
            return super().__call__(value, *args, **kwargs)
        if not isinstance(value, (str, cls)):
            known = ", ".join(repr(m.value) for m in cls)  # type: ignore[var-annotated]
            raise InvalidTypeError(f"a {cls.__name__} is one of {known} (a string): {value!r}")
        return super().__call__(value)


class _NamedEnum(enum.Enum, metaclass=_NamedEnumType):
    """An enum whose repr is the eval-able ``Class.MEMBER`` and whose str is its value.

    Built from a name: exact, or case-insensitive with ``-`` or a space for ``_``
    (``ActionKind("Link Clicks")``); an unknown name is an :class:`UnknownNameError`."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            key = value.strip().lower().replace("-", "_").replace(" ", "_")
            for member in cls:
                if member.value == key:
                    return member
        known = ", ".join(repr(m.value) for m in cls)
        raise UnknownNameError(f"{value!r} is not a {cls.__name__}; known: {known}")

    # Members are singletons compared by identity: hash them by identity too, in C (Enum's
    # own __hash__ is Python code, and reports hash a mode per activity).
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return str(self.value)


@total_ordering
class FunnelStage(_NamedEnum):
    """The ordered stages of the buying journey: awareness < interest < evaluation < purchase."""

    AWARENESS = "awareness"
    INTEREST = "interest"
    EVALUATION = "evaluation"
    PURCHASE = "purchase"

    @property
    def rank(self) -> int:
        """Position in the funnel, 0 for awareness."""
        return list(FunnelStage).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FunnelStage):
            raise InvalidTypeError(f"can only compare FunnelStage with FunnelStage: {other!r}")
        return self.rank < other.rank


class Mode(_NamedEnum):
    """How the activity was bought: paid media or organic effort."""

    PAID = "paid"
    ORGANIC = "organic"


class CostCategory(_NamedEnum):
    """Where investment goes, after the B2B source article.

    Organic effort costs tooling, content creation and design, and the team's salaries;
    paid activity costs the same kinds plus ad spend, creative and copy, and other fees.
    """

    TOOLING = "tooling"
    CONTENT = "content"
    SALARIES = "salaries"
    AD_SPEND = "ad_spend"
    CREATIVE = "creative"
    FEES = "fees"
    OTHER = "other"


class ActionKind(_NamedEnum):
    """A customer action counted on social media, with its stage, intent rank and kind."""

    # micro actions
    IMPRESSIONS = "impressions"
    VIEWS = "views"
    VIDEO_VIEWS = "video_views"
    MENTIONS = "mentions"
    POSITIVE_MENTIONS = "positive_mentions"
    NEGATIVE_MENTIONS = "negative_mentions"
    COMPETITOR_MENTIONS = "competitor_mentions"
    COMPLETED_VIDEO_VIEWS = "completed_video_views"
    PROFILE_VISITS = "profile_visits"
    FOLLOWS = "follows"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    SAVES = "saves"
    LINK_CLICKS = "link_clicks"
    PAGE_VIEWS = "page_views"
    SESSIONS = "sessions"
    # macro actions
    MESSAGES = "messages"
    CALLS = "calls"
    INQUIRIES = "inquiries"
    DOWNLOADS = "downloads"
    REGISTRATIONS = "registrations"
    SIGN_UPS = "sign_ups"
    LEADS = "leads"
    QUALIFIED_LEADS = "qualified_leads"
    DEMO_REQUESTS = "demo_requests"
    TRIALS = "trials"
    OPPORTUNITIES = "opportunities"
    ADD_TO_CART = "add_to_cart"
    CHECKOUTS = "checkouts"
    CONVERSIONS = "conversions"
    APP_INSTALLS = "app_installs"
    PURCHASES = "purchases"
    SUBSCRIPTIONS = "subscriptions"
    NEW_CUSTOMERS = "new_customers"
    STORE_VISITS = "store_visits"

    @property
    def stage(self) -> FunnelStage:
        """The funnel stage this action signals."""
        return _PROFILE[self][0]

    @property
    def intent(self) -> int:
        """Intent rank, 0 (seen) to 5 (bought): more effort shows more intent."""
        return _PROFILE[self][1]

    @property
    def is_macro(self) -> bool:
        """True for outcomes the business wants (leads, trials, purchases...)."""
        return _PROFILE[self][2]


_A, _I, _E, _P = (
    FunnelStage.AWARENESS,
    FunnelStage.INTEREST,
    FunnelStage.EVALUATION,
    FunnelStage.PURCHASE,
)
_PROFILE: dict[ActionKind, tuple[FunnelStage, int, bool]] = {
    ActionKind.IMPRESSIONS: (_A, 0, False),
    ActionKind.VIEWS: (_A, 0, False),
    ActionKind.VIDEO_VIEWS: (_A, 0, False),
    # Listening: the brand's mentions (positive and negative ones among them) and its
    # competitors' mentions, so share of voice and net sentiment are ratios of sums.
    ActionKind.MENTIONS: (_A, 0, False),
    ActionKind.POSITIVE_MENTIONS: (_A, 0, False),
    ActionKind.NEGATIVE_MENTIONS: (_A, 0, False),
    ActionKind.COMPETITOR_MENTIONS: (_A, 0, False),
    ActionKind.COMPLETED_VIDEO_VIEWS: (_I, 1, False),
    ActionKind.PROFILE_VISITS: (_I, 1, False),
    ActionKind.FOLLOWS: (_I, 1, False),
    ActionKind.LIKES: (_I, 1, False),
    ActionKind.COMMENTS: (_I, 2, False),
    ActionKind.SHARES: (_I, 2, False),
    ActionKind.SAVES: (_I, 2, False),
    ActionKind.LINK_CLICKS: (_I, 3, False),
    ActionKind.PAGE_VIEWS: (_I, 3, False),
    ActionKind.SESSIONS: (_I, 3, False),
    ActionKind.MESSAGES: (_E, 4, True),
    ActionKind.CALLS: (_E, 4, True),
    ActionKind.INQUIRIES: (_E, 4, True),
    ActionKind.DOWNLOADS: (_E, 4, True),
    ActionKind.REGISTRATIONS: (_E, 4, True),
    ActionKind.SIGN_UPS: (_E, 4, True),
    ActionKind.LEADS: (_E, 4, True),
    ActionKind.QUALIFIED_LEADS: (_E, 4, True),
    ActionKind.DEMO_REQUESTS: (_E, 4, True),
    ActionKind.TRIALS: (_E, 4, True),
    ActionKind.OPPORTUNITIES: (_E, 4, True),
    ActionKind.ADD_TO_CART: (_P, 4, True),
    ActionKind.CHECKOUTS: (_P, 4, True),
    # The platforms' generic "results" (Meta) or "conversions" (Google Ads, TikTok, LinkedIn):
    # whatever the advertiser defined as the outcome; record the specific action instead
    # where the export says which it is.
    ActionKind.CONVERSIONS: (_P, 4, True),
    ActionKind.APP_INSTALLS: (_P, 5, True),
    ActionKind.PURCHASES: (_P, 5, True),
    ActionKind.SUBSCRIPTIONS: (_P, 5, True),
    ActionKind.NEW_CUSTOMERS: (_P, 5, True),
    ActionKind.STORE_VISITS: (_P, 5, True),
}

MICRO_ACTIONS: tuple[ActionKind, ...] = tuple(k for k in ActionKind if not k.is_macro)
MACRO_ACTIONS: tuple[ActionKind, ...] = tuple(k for k in ActionKind if k.is_macro)
