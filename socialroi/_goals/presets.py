"""Business-model presets: which metrics and KPIs matter at each funnel stage, and why.

Plain data after the two source articles (SMMExpert, "The art of social ROI"; Oktopost,
"How to measure social media ROI for B2B brands"): print them, read them, or define your own
``BusinessModel``.
"""

from __future__ import annotations

import types
from collections.abc import Mapping

import attrs

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._goals.funnel import steps_of
from socialroi._metrics.catalog import MEASURE_NAMES, METRICS

#: The source articles' goals.
GOALS: tuple[str, ...] = ("sales", "leads", "awareness", "retention")


def _text(value: object, argument: str, *, empty: bool = False) -> str:
    """``value`` checked to be a string (non-empty unless ``empty``)."""
    if not isinstance(value, str):
        raise InvalidTypeError(f"{argument!r} must be a string: {value!r}")
    if not value and not empty:
        raise InvalidValueError(f"{argument!r} must not be empty: {value!r}")
    return str(value)


def _stage_name(value: object) -> str:
    return _text(value, "stage")


def _why(value: object) -> str:
    return _text(value, "why", empty=True)


def _model_name(value: object) -> str:
    return _text(value, "name")


def _description(value: object) -> str:
    return _text(value, "description", empty=True)


def _model(value: object) -> str:
    return _text(value, "model")


def _goal(value: object) -> str:
    return _text(value, "goal")


def _known(value: object, argument: str) -> tuple[str, ...]:
    """A sequence of catalog metric or measure names."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidTypeError(f"{argument!r} must be a sequence of names: {value!r}")
    for name in value:
        if not isinstance(name, str):
            raise InvalidTypeError(f"{argument!r} must hold metric or measure names: {name!r}")
        if name not in METRICS and name not in MEASURE_NAMES:
            raise UnknownNameError(
                f"{argument!r}: {name!r} is neither a catalog metric nor a measure"
            )
    return tuple(str(name) for name in value)


def _metric_names(value: object) -> tuple[str, ...]:
    return _known(value, "metrics")


@attrs.frozen
class StageGuide:
    """What to watch at one funnel stage, and why."""

    stage: str = attrs.field(converter=_stage_name)
    metrics: tuple[str, ...] = attrs.field(converter=_metric_names)
    why: str = attrs.field(converter=_why)


def _kpis(value: object) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(f"'kpis' must map goals to KPI names: {value!r}")
    out = {}
    for goal, names in value.items():
        if not isinstance(goal, str):
            raise InvalidTypeError(f"'kpis' keys must be goal names: {goal!r}")
        if goal not in GOALS:
            raise UnknownNameError(f"'kpis': unknown goal {goal!r}; goals are {GOALS}")
        out[goal] = _known(names, f"kpis[{goal!r}]")
    return types.MappingProxyType(out)


def _kpi_names(value: object) -> tuple[str, ...]:
    return _known(value, "kpis")


def _steps(value: object) -> tuple[tuple[str, str], ...]:
    return steps_of(value, "funnel")


def _guides(value: object) -> tuple[StageGuide, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(g, StageGuide) for g in value):
        raise InvalidTypeError(f"'stages' must be StageGuide objects: {value!r}")
    return tuple(value)


@attrs.frozen(kw_only=True)
class BusinessModel:
    """A business model: its funnel steps, what matters at each stage, and KPIs per goal."""

    name: str = attrs.field(converter=_model_name)
    description: str = attrs.field(converter=_description)
    funnel: tuple[tuple[str, str], ...] = attrs.field(converter=_steps)
    stages: tuple[StageGuide, ...] = attrs.field(converter=_guides)
    kpis: Mapping[str, tuple[str, ...]] = attrs.field(converter=_kpis, eq=False)


@attrs.frozen
class Recommendation:
    """The metrics per stage and the KPIs that matter for a business model and a goal."""

    model: str = attrs.field(converter=_model)
    goal: str = attrs.field(converter=_goal)
    stages: tuple[StageGuide, ...] = attrs.field(converter=_guides)
    kpis: tuple[str, ...] = attrs.field(converter=_kpi_names)

    def to_text(self) -> str:
        """A readable summary; print it."""
        lines = [f"{self.model}, goal {self.goal}: KPIs {', '.join(self.kpis)}"]
        lines += [f"- {g.stage}: {', '.join(g.metrics)} ({g.why})" for g in self.stages]
        return "\n".join(lines)


_AWARE = StageGuide(
    "awareness",
    ("reach", "impressions", "cpm"),
    "reach and impressions for organic posts, CPM for paid: how wide the net is cast",
)
_INTEREST = StageGuide(
    "interest",
    ("likes", "shares", "follows", "link_clicks", "ctr", "cpc", "engagement_rate"),
    "likes, shares, follows and link clicks for organic, CPC for paid: people want to know "
    "more; leaving the network to follow a link shows the most intent",
)
_RETENTION = ("engagement_rate", "shares", "comments")

BUSINESS_MODELS: Mapping[str, BusinessModel] = types.MappingProxyType(
    {
        m.name: m
        for m in (
            BusinessModel(
                name="online_dtc",
                description="Online direct-to-consumer: the whole journey is trackable, so every "
                "metric can signal ROI.",
                funnel=(
                    ("awareness", "impressions"),
                    ("interest", "link_clicks"),
                    ("evaluation", "page_views"),
                    ("cart", "add_to_cart"),
                    ("checkout", "checkouts"),
                    ("purchase", "purchases"),
                ),
                stages=(
                    _AWARE,
                    _INTEREST,
                    StageGuide(
                        "evaluation",
                        ("page_views", "avg_time_on_page", "inquiries"),
                        "time on product pages (the mean per page view) and inquiries from "
                        "social pages",
                    ),
                    StageGuide(
                        "purchase",
                        ("add_to_cart", "checkouts", "purchases", "cpa", "roas"),
                        "carts and checkouts: the conversion the campaign exists for",
                    ),
                ),
                kpis={
                    "sales": ("purchases", "revenue", "roas", "cpa", "roi"),
                    "leads": ("registrations", "cost_per_registration"),
                    "awareness": ("reach", "impressions", "cpm"),
                    "retention": _RETENTION,
                },
            ),
            BusinessModel(
                name="physical_store",
                description="The sale happens offline, out of sight; reach and impressions are "
                "the better proxies, since awareness drives store traffic.",
                funnel=(
                    ("awareness", "impressions"),
                    ("interest", "link_clicks"),
                    ("visit", "store_visits"),
                ),
                stages=(
                    _AWARE,
                    _INTEREST,
                    StageGuide(
                        "purchase",
                        ("store_visits", "cost_per_store_visit"),
                        "store visits where they can be measured; site traffic means "
                        "little for a brand that does not sell online",
                    ),
                ),
                kpis={
                    "sales": ("store_visits", "impressions", "reach", "cpm", "roi"),
                    "leads": ("inquiries",),
                    "awareness": ("reach", "impressions", "cpm"),
                    "retention": _RETENTION,
                },
            ),
            BusinessModel(
                name="b2b",
                description="Long funnel: micro actions lead to downloads and demos, then "
                "qualified leads and opportunities, then sales.",
                funnel=(
                    ("awareness", "impressions"),
                    ("interest", "link_clicks"),
                    ("lead", "leads"),
                    ("qualified lead", "qualified_leads"),
                    ("opportunity", "opportunities"),
                    ("customer", "purchases"),
                ),
                stages=(
                    _AWARE,
                    _INTEREST,
                    StageGuide(
                        "evaluation",
                        (
                            "downloads",
                            "demo_requests",
                            "trials",
                            "qualified_leads",
                            "cost_per_qualified_lead",
                        ),
                        "demo requests, trials and qualified leads show evaluation",
                    ),
                    StageGuide(
                        "purchase",
                        ("opportunities", "purchases", "revenue", "roi"),
                        "opportunities for sales and the deals they close",
                    ),
                ),
                kpis={
                    "sales": ("revenue", "roi", "opportunities"),
                    "leads": ("qualified_leads", "cost_per_qualified_lead", "opportunities"),
                    "awareness": ("reach", "impressions", "engagement_rate"),
                    "retention": _RETENTION,
                },
            ),
            BusinessModel(
                name="saas",
                description="Software as a service: likes, page views and link clicks lead to "
                "downloads, trials and demos before a sale.",
                funnel=(
                    ("awareness", "impressions"),
                    ("interest", "link_clicks"),
                    ("trial", "trials"),
                    ("customer", "purchases"),
                ),
                stages=(
                    _AWARE,
                    _INTEREST,
                    StageGuide(
                        "evaluation",
                        ("downloads", "trials", "demo_requests", "cost_per_trial"),
                        "downloads (brochures, white papers), trials and demos are a step away "
                        "from converting",
                    ),
                    StageGuide("purchase", ("purchases", "cpa", "roi"), "paid subscriptions"),
                ),
                kpis={
                    "sales": ("purchases", "cpa", "roi"),
                    "leads": ("trials", "demo_requests", "cost_per_trial"),
                    "awareness": ("reach", "impressions", "cpm"),
                    "retention": _RETENTION,
                },
            ),
            BusinessModel(
                name="high_consideration",
                description="High-consideration retail such as a car dealer: brochure downloads, "
                "inquiries and test-drive requests come long before the sale.",
                funnel=(
                    ("awareness", "impressions"),
                    ("interest", "link_clicks"),
                    ("inquiry", "inquiries"),
                    ("visit", "store_visits"),
                    ("purchase", "purchases"),
                ),
                stages=(
                    _AWARE,
                    _INTEREST,
                    StageGuide(
                        "evaluation",
                        ("downloads", "inquiries", "demo_requests"),
                        "brochure downloads, inquiries and test-drive requests",
                    ),
                    StageGuide(
                        "purchase",
                        ("store_visits", "purchases", "roi"),
                        "dealership visits and sales",
                    ),
                ),
                kpis={
                    "sales": ("purchases", "revenue", "roi"),
                    "leads": ("inquiries", "cost_per_inquiry"),
                    "awareness": ("reach", "impressions", "cpm"),
                    "retention": _RETENTION,
                },
            ),
        )
    }
)


def recommended(model: str | BusinessModel, goal: str) -> Recommendation:
    """The metrics per stage and the KPIs that matter for ``model`` and ``goal``.

    Examples
    --------
    >>> import socialroi as sr
    >>> r = sr.recommended("b2b", "leads")
    >>> r.kpis
    ('qualified_leads', 'cost_per_qualified_lead', 'opportunities')
    >>> [g.stage for g in r.stages]
    ['awareness', 'interest', 'evaluation', 'purchase']
    """
    if isinstance(model, str):
        if model not in BUSINESS_MODELS:
            raise UnknownNameError(
                f"unknown business model {model!r}; presets: {', '.join(BUSINESS_MODELS)}, "
                "or pass your own BusinessModel"
            )
        model = BUSINESS_MODELS[model]
    if not isinstance(model, BusinessModel):
        raise InvalidTypeError(f"'model' must be a preset name or a BusinessModel: {model!r}")
    if not isinstance(goal, str):
        raise InvalidTypeError(f"'goal' must be a goal name, one of {GOALS}: {goal!r}")
    if goal not in GOALS:
        raise UnknownNameError(f"unknown goal {goal!r}; goals are {GOALS}")
    if goal not in model.kpis:
        raise InvalidValueError(f"business model {model.name!r} defines no KPIs for {goal!r}")
    return Recommendation(model.name, goal, model.stages, model.kpis[goal])
