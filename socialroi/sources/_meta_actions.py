"""Meta's ``actions`` and ``action_values`` lists, turned into measure columns by one rule.

The Marketing API returns conversions as lists of ``{action_type, value}`` (Ads Action Stats,
https://developers.facebook.com/docs/marketing-api/reference/ads-action-stats/). One event
comes under several action types: ``omni_purchase`` (every source of the event, deduplicated),
``purchase`` (the total), and its parts by source: ``offsite_conversion.fb_pixel_purchase``
(the website's pixel), ``app_custom_event.fb_mobile_purchase`` (the app),
``onsite_web_purchase``, ``onsite_conversion.purchase``... Adding them all would count one
purchase several times, and matching one exact name misses accounts that report another.

The rule, per row and per event:

1. An action type names its event: the ``omni_`` prefix, a source before a dot
   (``offsite_conversion.``), a source prefix (``onsite_web_``, ``web_in_store_``...) and the
   pixel or SDK prefix (``fb_pixel_``, ``fb_mobile_``) are taken off. What is left is looked
   up in :data:`EVENTS` (``purchase`` -> ``purchases``).
2. ``omni_<event>`` is the total when the row has it; else the bare ``<event>``; else the sum
   of the row's parts (sources that do not overlap).
3. A field the export has for the same measure (``inline_link_clicks``) wins over the list.
4. Action types of :data:`LEFT_OUT` (aggregates of other actions) are left out on purpose;
   any other type follows the ``unknown=`` policy: named (``"raise"``), kept as a column
   ``meta_<type>`` (``"keep"``; its values ``meta_value_<type>``), or left out (``"drop"``).

Values (``action_values``) follow the same rule: a purchase's value is revenue, another macro
action's is ``value_<action>``. Each entry's ``value`` is read: the count under the ad set's
attribution setting, which the row carries in ``attribution_window``. The per-window keys a
request with ``action_attribution_windows`` adds (``1d_click``, ``7d_click``, ``1d_view``) are
not added to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from socialroi._errors import InvalidTypeError, InvalidValueError, UnknownNameError
from socialroi._values.vocabulary import VOCABULARY

#: Meta's event names (after the rule's prefixes are taken off) and the measure each counts.
EVENTS: Mapping[str, str] = {
    "purchase": "purchases",
    "lead": "leads",
    "lead_grouped": "leads",
    "link_click": "link_clicks",
    "landing_page_view": "page_views",
    "add_to_cart": "add_to_cart",
    "initiate_checkout": "checkouts",
    "initiated_checkout": "checkouts",
    "complete_registration": "registrations",
    "video_view": "video_views",
    "post_reaction": "likes",
    "comment": "comments",
    "post": "shares",
    "like": "follows",
    "post_save": "saves",
    "mobile_app_install": "app_installs",
    "app_install": "app_installs",
    "subscribe": "subscriptions",
    "start_trial": "trials",
    "contact": "inquiries",
    "schedule": "demo_requests",
}
#: Action types that add other actions up (engagement) or count no socialroi action.
LEFT_OUT = frozenset(
    {
        "post_engagement",
        "page_engagement",
        "view_content",
        "search",
        "photo_view",
        "add_to_wishlist",
        "add_payment_info",
    }
)
_PART_PREFIXES = (
    "onsite_web_app_",
    "onsite_web_",
    "onsite_app_",
    "web_app_in_store_",
    "web_in_store_",
    "offline_",
)
_SDK_PREFIXES = ("fb_pixel_", "fb_mobile_")


def event(action_type: str) -> tuple[str, int]:
    """The event an action type counts, and its rank: 0 for ``omni_`` (the deduplicated
    total), 1 for the bare event (the total), 2 for a part (one source of it).

    Examples
    --------
    >>> event("offsite_conversion.fb_pixel_purchase"), event("omni_purchase")
    (('purchase', 2), ('purchase', 0))
    """
    name = action_type.strip().lower()
    if name.startswith("omni_"):
        return name.removeprefix("omni_"), 0
    rank = 1
    if "." in name:
        name, rank = name.split(".", 1)[1], 2
    for prefix in _PART_PREFIXES:
        if name.startswith(prefix):
            name, rank = name.removeprefix(prefix), 2
    for prefix in _SDK_PREFIXES:
        if name.startswith(prefix):
            name, rank = name.removeprefix(prefix), 2
    return name, rank


def value_measure(measure: str) -> str | None:
    """Where the money of an action's value goes: revenue for purchases, ``value_<action>``
    for another macro action, None for a micro action (it has no value)."""
    if measure == "purchases":
        return "revenue"
    action = VOCABULARY.action(measure)
    return f"value_{measure}" if action.macro else None


def _entries(row: object, column: str) -> Iterable[tuple[str, float]]:
    if row is None or (isinstance(row, float) and row != row):  # no list: no actions
        return
    if not isinstance(row, Sequence) and not hasattr(row, "tolist"):
        raise InvalidTypeError(
            f"column {column!r} must hold lists of {{action_type, value}}, as the API returns "
            f"them: {type(row).__name__}"
        )
    items: Iterable[object] = row  # type: ignore[assignment]  # a list or a numpy array
    for item in items:
        if not isinstance(item, Mapping) or "action_type" not in item or "value" not in item:
            raise InvalidTypeError(
                f"column {column!r} must hold lists of {{action_type, value}}: {item!r}"
            )
        try:
            value = float(item["value"])
        except (TypeError, ValueError):
            raise InvalidValueError(
                f"column {column!r}: action {item['action_type']!r} has a value that is not a "
                f"number: {item['value']!r}"
            ) from None
        yield str(item["action_type"]), value


def classify(action_type: str, *, values: bool, unknown: str) -> tuple[str | None, int, bool]:
    """The measure column an action type's entries go to (None: left out), its rank (see
    :func:`event`), and whether the type is one socialroi does not map (a stranger, which
    ``unknown="keep"`` keeps as ``meta_<type>``, its values as ``meta_value_<type>``).

    >>> classify("offsite_conversion.fb_pixel_purchase", values=True, unknown="raise")
    ('revenue', 2, False)
    >>> classify("post_engagement", values=False, unknown="raise")
    (None, 1, False)
    """
    name, rank = event(action_type)
    measure = EVENTS.get(name)
    target = measure if measure is None or not values else value_measure(measure)
    if target is not None:
        return target, rank, False
    if name in LEFT_OUT or action_type in LEFT_OUT or measure is not None:
        return None, rank, False
    if unknown == "keep":
        prefix = "meta_value_" if values else "meta_"
        return prefix + re.sub(r"\W+", "_", action_type.lower()), 1, True
    return None, rank, True


def strangers_error(column: str, strangers: Iterable[str]) -> UnknownNameError:
    return UnknownNameError(
        f"column {column!r} holds action types socialroi does not map: "
        f"{sorted(strangers)}; pass unknown='keep' to keep them as columns "
        "'meta_<type>', or unknown='drop' to leave them out on purpose"
    )


def tally(
    rows: Sequence[object], column: str, *, values: bool, unknown: str, given: Iterable[str]
) -> dict[str, list[float]]:
    """Measure columns from a column of action lists, by the rule of the module docstring."""
    taken = set(given)
    per_row: list[dict[str, tuple[int, float]]] = []
    strangers: set[str] = set()
    for row in rows:
        best: dict[str, tuple[int, float]] = {}
        for action_type, value in _entries(row, column):
            target, rank, stranger = classify(action_type, values=values, unknown=unknown)
            if stranger:
                strangers.add(action_type)
            if target is None or target in taken:
                continue
            held = best.get(target)
            if held is None or rank < held[0]:
                best[target] = (rank, value)
            elif rank == held[0] == 2:
                best[target] = (2, held[1] + value)
            elif rank == held[0]:
                raise InvalidValueError(
                    f"column {column!r} holds {action_type!r} twice in one row"
                )
        per_row.append(best)
    if strangers and unknown == "raise":
        raise strangers_error(column, strangers)
    names = sorted({m for best in per_row for m in best})
    return {m: [best[m][1] if m in best else 0.0 for best in per_row] for m in names}


def expand(nw: Any, frame: Any, unknown: str, given: Iterable[str]) -> tuple[Any, list[str]]:
    """The (eager) frame with its action lists replaced by measure columns, and those
    columns' names, read in Python (API pages are small; a lazy frame's lists are read in
    its engine: :mod:`socialroi.sources._meta_actions_engine`)."""
    schema = frame.collect_schema()
    lists = [c for c in ("actions", "action_values") if c in schema]
    if not lists:
        return frame, []
    columns: dict[str, list[float]] = {}
    taken = set(given)
    for name in lists:
        found = tally(
            frame.get_column(name).to_list(),
            name,
            values=name == "action_values",
            unknown=unknown,
            given=taken,
        )
        columns.update(found)
    backend = frame.implementation
    added = [
        nw.new_series(f"__{m}", values, nw.Float64, backend=backend)
        for m, values in columns.items()
    ]
    frame = frame.drop(*lists)
    if added:
        frame = frame.with_columns(*added)
    return frame, [f"__{m}" for m in columns]
