"""Meta's action rule (sources/_meta_actions.py) case by case, with its messages in full:
the prefixes that name an event, which count wins (omni_ total, bare total, sum of parts),
values, left-out and unknown types, and the lists' own checks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import socialroi as sr
from socialroi.sources._meta_actions import (
    EVENTS,
    LEFT_OUT,
    classify,
    event,
    tally,
    value_measure,
)


@pytest.mark.parametrize(
    ("action_type", "expected"),
    [
        ("omni_purchase", ("purchase", 0)),
        (" OMNI_Purchase ", ("purchase", 0)),
        ("purchase", ("purchase", 1)),
        ("offsite_conversion.fb_pixel_purchase", ("purchase", 2)),
        ("app_custom_event.fb_mobile_purchase", ("purchase", 2)),
        ("onsite_conversion.lead_grouped", ("lead_grouped", 2)),
        ("onsite_web_purchase", ("purchase", 2)),
        ("onsite_web_app_purchase", ("purchase", 2)),
        ("onsite_app_purchase", ("purchase", 2)),
        ("web_in_store_purchase", ("purchase", 2)),
        ("web_app_in_store_purchase", ("purchase", 2)),
        ("offline_purchase", ("purchase", 2)),
        ("fb_pixel_lead", ("lead", 2)),
        ("fb_mobile_purchase", ("purchase", 2)),
        ("offsite_conversion.custom.42", ("custom.42", 2)),
        ("link_click", ("link_click", 1)),
    ],
)
def test_an_action_type_names_its_event_and_rank(action_type: str, expected: Any) -> None:
    assert event(action_type) == expected


def test_values_go_to_revenue_or_value_of_macro_actions() -> None:
    assert value_measure("purchases") == "revenue"
    assert value_measure("leads") == "value_leads"
    assert value_measure("link_clicks") is None  # a micro action has no value
    assert classify("omni_purchase", values=False, unknown="raise") == ("purchases", 0, False)
    assert classify("lead", values=True, unknown="raise") == ("value_leads", 1, False)
    assert classify("link_click", values=True, unknown="raise") == (None, 1, False)
    assert classify("video_view", values=False, unknown="raise") == ("video_views", 1, False)
    assert classify("custom_x", values=False, unknown="raise") == (None, 1, True)
    assert classify("custom_x", values=False, unknown="drop") == (None, 1, True)
    assert classify("Custom.X-1", values=False, unknown="keep") == ("meta_custom_x_1", 1, True)
    assert classify("custom", values=True, unknown="keep") == ("meta_value_custom", 1, True)
    assert set(EVENTS.values()) <= set(sr.VOCABULARY.action_names)
    for left in LEFT_OUT:
        assert classify(left, values=False, unknown="raise") == (None, 1, False)
    assert classify("omni_view_content", values=False, unknown="raise") == (None, 0, False)


def entries(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"action_type": t, "value": v} for t, v in pairs]


def test_which_count_wins() -> None:
    rows = [
        entries(
            ("purchase", "5"),
            ("omni_purchase", "6"),
            ("offsite_conversion.fb_pixel_purchase", "4"),
        ),
        entries(("offsite_conversion.fb_pixel_purchase", "4"), ("purchase", "5")),
        entries(("offsite_conversion.fb_pixel_purchase", "4"), ("onsite_web_purchase", "2")),
        entries(("onsite_web_purchase", "2"), ("omni_purchase", "3")),
        entries(
            ("offline_purchase", "1"), ("onsite_web_purchase", "2"), ("fb_pixel_purchase", "4")
        ),
        [],
        None,
        float("nan"),
    ]
    out = tally(rows, "actions", values=False, unknown="raise", given=())
    assert out == {"purchases": [6.0, 5.0, 6.0, 3.0, 7.0, 0.0, 0.0, 0.0]}
    assert tally(rows, "actions", values=False, unknown="raise", given=("purchases",)) == {}
    money = tally(rows[:2], "action_values", values=True, unknown="raise", given=())
    assert money == {"revenue": [6.0, 5.0]}


@pytest.mark.parametrize("twice", ["purchase", "omni_purchase"])
def test_a_total_twice_in_a_row_is_refused(twice: str) -> None:
    with pytest.raises(
        sr.InvalidValueError, match=rf"^column 'actions' holds '{twice}' twice in one row$"
    ):
        tally(
            [entries((twice, "1"), (twice, "2"))],
            "actions",
            values=False,
            unknown="raise",
            given=(),
        )


def test_unknown_types_are_named_kept_or_dropped() -> None:
    rows = [entries(("custom_b", "1"), ("custom_a", "2"), ("post_engagement", "9"))]
    with pytest.raises(
        sr.UnknownNameError,
        match=r"^column 'actions' holds action types socialroi does not map: \['custom_a', "
        r"'custom_b'\]; pass unknown='keep' to keep them as columns 'meta_<type>', or "
        r"unknown='drop' to leave them out on purpose$",
    ):
        tally(rows, "actions", values=False, unknown="raise", given=())
    kept = tally(rows, "actions", values=False, unknown="keep", given=())
    assert kept == {"meta_custom_a": [2.0], "meta_custom_b": [1.0]}
    assert tally(rows, "actions", values=False, unknown="drop", given=()) == {}


def test_the_lists_own_checks() -> None:
    with pytest.raises(
        sr.InvalidTypeError,
        match=r"^column 'actions' must hold lists of \{action_type, value\}, as the API returns "
        r"them: int$",
    ):
        tally([5], "actions", values=False, unknown="raise", given=())
    for item in ({"action_type": "purchase"}, {"value": "1"}, "purchase"):
        with pytest.raises(
            sr.InvalidTypeError,
            match=r"^column 'actions' must hold lists of \{action_type, value\}: ",
        ):
            tally([[item]], "actions", values=False, unknown="raise", given=())
    for bad in ("many", None):
        with pytest.raises(
            sr.InvalidValueError,
            match=rf"^column 'actions': action 'purchase' has a value that is not a number: "
            rf"{bad!r}$",
        ):
            tally(
                [[{"action_type": "purchase", "value": bad}]],
                "actions",
                values=False,
                unknown="raise",
                given=(),
            )
    arrays = [np.array(entries(("lead", "2"), ("fb_pixel_lead", "1")), dtype=object)]
    assert tally(arrays, "actions", values=False, unknown="raise", given=()) == {"leads": [2.0]}


def test_strangers_kept_from_both_lists_get_two_columns_on_eager_frames() -> None:
    rows = pd.DataFrame(
        [
            {
                "date_start": "2026-03-01",
                "campaign_name": "a",
                "account_currency": "USD",
                "spend": "1",
                "actions": entries(("custom_x", "2")),
                "action_values": entries(("custom_x", "30")),
            }
        ]
    )
    out = sr.sources.meta_api(rows, unknown="keep")
    assert out["meta_custom_x"].tolist() == [2.0]
    assert out["meta_value_custom_x"].tolist() == [30.0]
    plain = sr.sources.meta_api(rows.drop(columns=["actions", "action_values"]))
    assert "actions" not in plain and plain["ad_spend"].tolist() == [1.0]


def test_values_read_from_the_lists_are_money_and_counts_are_not() -> None:
    """Money needs its currency; counts do not (sources/_meta.py: the derived fields)."""
    row = {"date_start": "2026-03-01", "campaign_name": "a"}
    counts = pd.DataFrame([{**row, "actions": entries(("lead", "2"), ("custom_x", "1"))}])
    out = sr.sources.meta_api(counts, unknown="keep")
    assert "currency" not in out and out["leads"].tolist() == [2.0]
    for values in (entries(("purchase", "9")), entries(("lead", "9")), entries(("custom_x", "9"))):
        money = pd.DataFrame([{**row, "action_values": values}])
        with pytest.raises(sr.InvalidValueError, match=r"hold money and do not say its currency"):
            sr.sources.meta_api(money, unknown="keep")
    priced = sr.sources.meta_api(
        pd.DataFrame([{**row, "action_values": entries(("lead", "9"))}]), currency="USD"
    )
    assert priced["value_leads"].tolist() == [9.0] and priced["currency"].tolist() == ["USD"]


def test_a_field_the_export_has_wins_over_the_list() -> None:
    rows = pd.DataFrame(
        [
            {
                "date_start": "2026-03-01",
                "campaign_name": "a",
                "inline_link_clicks": "7",
                "actions": entries(("link_click", "99"), ("lead", "1")),
            }
        ]
    )
    out = sr.sources.meta_api(rows)
    assert out["link_clicks"].tolist() == [7.0] and out["leads"].tolist() == [1.0]
    assert out.columns.tolist().count("link_clicks") == 1


def test_the_eager_path_names_the_list_in_its_errors() -> None:
    row = {"date_start": "2026-03-01", "campaign_name": "a", "account_currency": "USD"}
    bad = pd.DataFrame([{**row, "action_values": [5]}])
    with pytest.raises(sr.InvalidTypeError, match=r"^column 'action_values' must hold lists"):
        sr.sources.meta_api(bad)
