"""Significant figures for rates and money (issue 17): a CTR of 0.0176% shows as such, in
``format_value``, report and funnel text, HTML, and Money."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kag import by_campaign

import socialroi as sr
from socialroi._values.format import format_value

# Hand-checked: 3 significant figures unless the unit's usual decimals show more; trailing
# zeros past those decimals dropped; thousands separated.
CASES = [
    (0.000176, "fraction", "0.0176%"),  # on main: "0.0%"
    (0.00017881336592357833, "fraction", "0.0179%"),
    (15.031, "fraction", "1,503%"),  # no integer digit rounded away
    (0.567, "fraction", "56.7%"),
    (0.0921, "fraction", "9.21%"),
    (0.024, "fraction", "2.4%"),
    (1.0, "fraction", "100%"),
    (0.0, "fraction", "0%"),
    (-0.2, "fraction", "-20%"),
    (0.99982, "fraction", "99.98%"),  # a drop-off that is not all: never "100%"
    (-0.99995, "fraction", "-99.995%"),
    (0.09996, "fraction", "10%"),  # rounding carries into a new digit
    (1e-14, "fraction", "1e-12%"),  # far out: scientific
    (55_662.15, "money", "55,662.15"),
    (0.456, "money", "0.456"),
    (0.5, "money", "0.50"),
    (0.000275, "money", "0.000275"),  # on main: "0.00"
    (-0.0, "money", "0.00"),
    (2.25, "multiple", "2.25x"),
    (16.031, "multiple", "16.03x"),
    (0.00123, "multiple", "0.00123x"),
    (12.5, "duration", "12.5 s"),
    (0.0123, "duration", "0.0123 s"),
    (1234.0, "count", "1,234"),
    (2.5, "count", "2.50"),
    (213_434_828.0, "count", "213,434,828"),
    (math.nan, "fraction", "n/a"),
    (math.inf, "money", "inf"),
]


@pytest.mark.parametrize(("value", "unit", "shown"), CASES)
def test_reference_values(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_the_precision_option() -> None:
    assert format_value(0.000176, "fraction", precision=1) == "0.02%"
    assert format_value(0.000176543, "fraction", precision=5) == "0.017654%"
    assert format_value(0.123456, "money", precision=5) == "0.12346"
    assert format_value(1.2345678, "multiple", precision=6) == "1.23457x"
    assert format_value(1234.5678, "money", precision=1) == "1,234.57"  # cents stay
    for bad in (0, 18, 2.5, True, "3"):
        with pytest.raises(sr.InvalidValueError, match="'precision'"):
            format_value(0.5, "fraction", precision=bad)  # type: ignore[arg-type]
    with pytest.raises(sr.UnknownNameError, match="unknown unit"):
        format_value(0.5, "percent")


def _number(text: str) -> float:
    return float(re.sub(r"[,%x s]", "", text))


@given(
    st.floats(min_value=1e-7, max_value=1e12),
    st.sampled_from(["fraction", "money", "multiple", "duration"]),
    st.integers(min_value=1, max_value=8),
    st.booleans(),
)
def test_shown_to_the_precision_asked(value: float, unit: str, digits: int, neg: bool) -> None:
    """Read back, the text is within half a unit of its last significant figure, and a
    value that is not 0 never shows as 0."""
    value = -value if neg else value
    shown = format_value(value, unit, precision=digits)
    scale = 100.0 if unit == "fraction" else 1.0
    back = _number(shown) / scale
    assert back != 0.0
    assert abs(back - value) <= 0.5 * 10.0 ** (1 - digits) * abs(value) * (1 + 1e-9)
    assert shown.startswith("-") == neg


def test_report_and_funnel_text_and_html_show_small_rates() -> None:
    rep = sr.report(
        [
            sr.Activity(
                "meta", "paid", sr.Measures.of("USD", impressions=1_000_000, link_clicks=176)
            )
        ],
        by="channel",
    )
    assert "0.0176%" in rep.to_text(["channel", "ctr"])  # on main: "0.0%"
    assert "0.02%" in rep.to_text(["channel", "ctr"], precision=1)
    assert '<td style="text-align:right">0.0176%</td>' in rep._repr_html_()
    assert rep.to_html(["channel", "ctr"], precision=2).count("0.018%") == 1
    assert "0.0176%" in rep.total.to_text() and "0.0176%" in rep.total._repr_html_()
    funnel = sr.Funnel(stages=["seen", "clicked"], counts=[1_000_000, 176])
    assert funnel.to_text().splitlines()[-1].split() == ["clicked", "176", "0.0176%", "99.98%"]
    assert "0.0176%" in funnel._repr_html_() and "0.018%" in funnel.to_html(precision=2)
    assert "0.018%" in funnel.to_text(precision=2)
    with pytest.raises(sr.InvalidValueError, match="'precision'"):
        rep.to_text(precision=0)
    with pytest.raises(sr.InvalidTypeError, match="'columns'"):
        rep.to_html("ctr")


def test_money_shows_its_significant_figures() -> None:
    assert str(sr.Money(0.000275, "USD")) == "0.000275 USD"  # on main: "0.00 USD"
    assert str(sr.Money(1234.5, "EUR")) == "1,234.50 EUR"


def test_the_facebook_export_shows_its_click_through_rates() -> None:
    rep = by_campaign()
    text = rep.to_text(["xyz_campaign_id", "ctr", "roi", "cpm"])
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:]}
    assert lines["1178"] == ["0.0176%", "56.7%", "0.272"]  # 36,068 / 204,823,716
    assert lines["916"] == ["0.0234%", "1,503%", "0.31"]
    funnel = sr.Funnel.from_measures(
        rep.total, [("seen", "impressions"), ("clicked", "link_clicks")]
    )
    assert "0.0179%" in funnel.to_text()  # 38,165 / 213,434,828


def test_kpi_results_show_numbers_through_the_same_formatter() -> None:
    result = sr.KPI(tracks="impressions", target=1_500_000).evaluate(
        sr.Measures.of("USD", impressions=1_234_567)
    )
    html = result._repr_html_()
    assert ">1,234,567<" in html and ">1,500,000<" in html  # on main: 1.235e+06
    assert ">0.823<" in html  # attainment 0.823044..., 4 significant figures as before


def test_text_tables_right_align_every_column_to_its_widest_cell() -> None:
    from socialroi._values.format import text_table

    assert text_table(["a", "bb"], [["1", "22"], ["333", "n/a"]]) == (
        "  a   bb\n"
        "  1   22\n"
        "333  n/a"
    )  # fmt: skip
    assert text_table(["x"], []) == "x"


def test_html_tables_escape_cells_and_mark_labels_and_undefined_values() -> None:
    from socialroi._values.format import html_table

    assert html_table(["k", "v"], [["x<", "1"], ["y", "n/a"]], caption="C&D", labels=1) == (
        '<table class="socialroi"><caption>C&amp;D</caption>'
        "<thead><tr><th>k</th><th>v</th></tr></thead><tbody>"
        '<tr><th>x&lt;</th><td style="text-align:right">1</td></tr>'
        '<tr><th>y</th><td style="text-align:right" title="undefined">n/a</td></tr>'
        "</tbody></table>"
    )
    assert html_table(["v"], [["2"]]) == (
        '<table class="socialroi"><thead><tr><th>v</th></tr></thead><tbody>'
        '<tr><td style="text-align:right">2</td></tr></tbody></table>'
    )


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (0.0009996, "number", "0.001"),  # rounds up into the next magnitude: one decimal less
        (0.009996, "fraction", "1%"),
        (0.00099996, "fraction", "0.1%"),
        (0.99996, "fraction", "99.996%"),  # never 100% short of it
        (-0.99996, "fraction", "-99.996%"),
        (0.999996, "fraction", "99.9996%"),
        (1e-9, "number", "0.000000001"),  # the fixed range includes 1e-9 ...
        (9.9996e-10, "number", "1e-09"),
        (1e15, "number", "1e+15"),  # ... and stops before 1e15
    ],
)
def test_edges_of_significant_figures(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_precision_runs_from_1_to_17_figures() -> None:
    assert format_value(0.5, "fraction", precision=1) == "50%"
    assert format_value(0.5, "fraction", precision=17) == "50%"
    for bad in (0, 18, True, 2.0):
        with pytest.raises(sr.InvalidValueError, match="'precision' must be"):
            format_value(0.5, "fraction", precision=bad)  # type: ignore[arg-type]
