"""Notebook views without IPython: call the methods, parse the markup, find the numbers."""

from __future__ import annotations

import math
from html.parser import HTMLParser

import socialroi as sr
from socialroi._values.format import format_value


class Cells(HTMLParser):
    """Collects the text of every th/td cell, and checks tags are balanced."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.open: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.open.append(tag)
        if tag in ("td", "th"):
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in ("td", "th"):
            self.cells[-1] += data


def parse(markup: str) -> list[str]:
    parser = Cells()
    parser.feed(markup)
    parser.close()
    assert parser.open == []
    return parser.cells


ACTS = [
    sr.Activity(
        "linkedin",
        "paid",
        sr.Measures.of("USD", ad_spend=8_000, revenue=20_000, impressions=100_000),
    ),
    sr.Activity("x <&>", "organic", sr.Measures.of("USD", impressions=4_000)),
]


def test_report_html_holds_labels_and_formatted_numbers() -> None:
    rep = sr.report(ACTS, by=("channel", "mode"))
    cells = parse(rep._repr_html_())
    assert cells[: len(rep.default_columns)] == list(rep.default_columns)
    assert {"linkedin", "paid", "x <&>", "8,000.00", "150%", "2.50x", "80.00"} <= set(cells)
    assert "n/a" in cells  # organic ROI is undefined: no investment
    assert "x &lt;&amp;&gt;" in rep._repr_html_()  # labels are escaped


def test_report_pretty_text_is_the_text_table() -> None:
    rep = sr.report(ACTS, by="channel")
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    rep._repr_pretty_(Printer(), cycle=False)
    rep._repr_pretty_(Printer(), cycle=True)
    assert printed == [rep.to_text(), "Report(...)"]


def test_row_and_measures_and_money_views() -> None:
    row = sr.report(ACTS, by="channel").row("linkedin")
    cells = parse(row._repr_html_())
    assert cells[:4] == ["", "USD", "channel", "linkedin"]
    assert "150%" in cells and "2.50x" in cells
    assert row.to_dict()["channel"] == "linkedin" and row.to_dict()["roi"] == 1.5
    assert eval(repr(row), {"Row": sr.Row, "Measures": sr.Measures, "nan": math.nan}) == row
    m = ACTS[0].measures.with_reach(sr.Reach(10, 20))
    assert {"impressions", "100,000", "reach", "10 to 20", "8,000.00"} <= set(
        parse(m._repr_html_())
    )
    assert parse(sr.Measures.of("USD", impressions=5, reach=5)._repr_html_())[-5] == "5"
    assert sr.Money(1234.5, "EUR")._repr_html_() == "<span>1,234.50 EUR</span>"


def test_format_value_by_unit() -> None:
    assert format_value(0.1234, "fraction") == "12.3%"
    assert format_value(2.25, "multiple") == "2.25x"
    assert format_value(1234.5, "money") == "1,234.50"
    assert format_value(1234.0, "count") == "1,234"
    assert format_value(2.5, "count") == "2.50"
    assert format_value(math.nan, "money") == "n/a"
    assert format_value("paid", "count") == "paid"


def test_funnel_and_kpi_views() -> None:
    funnel = sr.Funnel(stages=["clicks", "leads"], counts=[400, 20])
    assert parse(funnel._repr_html_())[4:] == [
        "clicks",
        "400",
        "n/a",
        "n/a",
        "leads",
        "20",
        "5%",
        "95%",
    ]
    result = sr.KPI(tracks="purchases", target=600).evaluate(sr.Measures.of("USD", purchases=570))
    cells = parse(result._repr_html_())
    assert {"purchases", "570", "600", "0.95", "no", "-30"} <= set(cells)
    assert result.to_dict()["met"] is False
    rows = sr.KPI(tracks="roi", target=1).evaluate(sr.report(ACTS, by="channel"))
    assert "yes, no" in parse(rows._repr_html_())


def test_pretty_text_for_funnels_and_rows() -> None:
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    funnel = sr.Funnel(stages=["clicks", "leads"], counts=[400, 20])
    funnel._repr_pretty_(Printer(), cycle=False)
    row = sr.report(ACTS, by="channel").row("linkedin")
    row._repr_pretty_(Printer(), cycle=False)
    row._repr_pretty_(Printer(), cycle=True)
    assert printed[0] == funnel.to_text() and "5%" in printed[0] and "95%" in printed[0]
    assert "150%" in printed[1] and printed[2] == "Row(...)"
