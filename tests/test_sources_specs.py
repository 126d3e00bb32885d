"""The sources' field specs: every field name cites the pages it was checked against, names
no stored page confirmed are marked "not verified" (in the spec and on docs/sources.md), and
the names the check corrected are read."""

from __future__ import annotations

import runpy
from pathlib import Path

import pandas as pd
import pytest

import socialroi as sr
from socialroi.sources import Field, Kind, Source
from socialroi.sources._fields import unverified

ROOT = Path(__file__).resolve().parent.parent


def test_every_source_cites_the_pages_its_names_were_checked_against() -> None:
    for source in sr.sources.SOURCES.values():
        assert source.pages, source.name
        assert all(p.startswith("https://") for p in source.pages), source.name


def test_unverified_names_are_marked_on_their_field_and_on_the_page() -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    meta = sr.sources.SOURCES["meta"]
    (starts,) = (f for f in meta.fields if "Reporting starts" in f.names)
    assert starts.unverified == ("Reporting starts",)
    assert "`Reporting starts` (not verified)" in page
    (spend,) = (f for f in meta.fields if f.column == "ad_spend")
    assert spend.unverified == ()  # "Amount spent" is on the stored column pages
    assert "`Amount spent ({currency})` |" in page
    api = sr.sources.SOURCES["meta_api"]
    assert not any(f.unverified for f in api.fields)  # the SDK lists every field it reads
    for source in sr.sources.SOURCES.values():
        for page_address in source.pages:
            assert f"<{page_address}>" in page
        for f in source.fields:
            for name in f.unverified:
                assert f"`{name.replace('|', chr(92) + '|')}` (not verified)" in page


def test_unverified_must_name_the_fields_own_names() -> None:
    f = Field(names=("a", "b"), column="x", kind=Kind.COUNT, unverified="b")
    assert f.unverified == ("b",)
    with pytest.raises(
        sr.InvalidValueError,
        match=r"^field 'a': 'unverified' names \['c'\], which are not among its names "
        r"\['a', 'b'\]$",
    ):
        Field(names=("a", "b"), column="x", kind=Kind.COUNT, unverified=("c",))
    with pytest.raises(sr.InvalidTypeError, match=r"'unverified' must be a field name"):
        Field(names="a", column="x", kind=Kind.COUNT, unverified=("a", 1))
    marked = unverified((f, Field(names="c", column="y", kind=Kind.COUNT)), frozenset({"a", "c"}))
    assert [m.unverified for m in marked] == [("a",), ("c",)]
    assert marked[0].names == ("a", "b") and marked[0].column == "x"
    with pytest.raises(sr.InvalidValueError, match=r"^'unverified' names no field has: \['z'\]$"):
        unverified((f,), frozenset({"a", "z"}))
    assert unverified((f,), frozenset())[0].unverified == ("b",)  # its own marks are kept


def test_pages_must_be_addresses() -> None:
    kw = {"name": "s", "title": "t", "reference": "r", "fields": (), "channel": "c"}
    assert Source(**kw, mode="paid", pages="https://a").pages == ("https://a",)  # type: ignore[arg-type]
    assert Source(**kw, mode="paid").pages == ()  # type: ignore[arg-type]
    for bad in (("",), ("https://a", 3), 3):
        with pytest.raises(sr.InvalidTypeError, match=r"'pages' must be a page's address"):
            Source(**kw, mode="paid", pages=bad)  # type: ignore[arg-type]


def test_the_page_notes_unverified_names_only() -> None:
    namespace = runpy.run_path(str(ROOT / "docs" / "gen_sources.py"))
    table = namespace["source_table"](
        Source(
            name="s",
            title="t",
            reference="https://r",
            channel="c",
            mode="paid",
            fields=(Field(names=("a", "b"), column="x", kind=Kind.COUNT, unverified="b"),),
        )
    )
    assert "| `a`, `b` (not verified) | `x` |" in table
    assert "Field names checked against: none" in table


def test_youtube_engaged_views_are_not_a_second_video_views_column() -> None:
    """https://developers.google.com/youtube/analytics/metrics: engagedViews are views past the
    first seconds, another count of the same views."""
    rows = pd.DataFrame({"day": ["2026-03-01"], "views": [100], "engagedViews": [60]})
    out = sr.sources.youtube(rows)
    assert out["video_views"].tolist() == [100.0] and "engagedViews" not in out


def test_tiktok_reads_the_ads_manager_names_of_its_metrics() -> None:
    """https://ads.tiktok.com/marketing_api/docs?id=1759239462689793: complete_payment is
    "Payments completed (website)", conversion_rate "Conversion rate (CVR, clicks)"."""
    export = pd.DataFrame(
        {
            "By Day": ["2026-03-01"],
            "Campaign name": ["Launch"],
            "Cost": [40.0],
            "Payments completed (website)": [3],
            "Conversion rate (CVR, clicks)": [2.5],
        }
    )
    out = sr.sources.tiktok(export, currency="GBP", rates="keep")
    assert out["purchases"].tolist() == [3.0]
    assert out["reported_conversion_rate_cvr_clicks"].tolist() == [0.025]
    renamed = export.rename(columns={"Payments completed (website)": "Complete payment"})
    with pytest.raises(sr.UnknownNameError, match=r"Complete payment"):
        sr.sources.tiktok(renamed, currency="GBP")


def test_ga4_email_comes_before_referral_and_affiliates_may_be_plural() -> None:
    """The current table's order (colemanmarketing.co.uk copy of Google's page): Email,
    Affiliates, Referral."""
    rows = pd.DataFrame(
        {
            "date": ["20260301"] * 3,
            "sessionSource": ["email", "partner", "news"],
            "sessionMedium": ["referral", "affiliates", "referral"],
            "sessions": [1, 2, 3],
        }
    )
    assert sr.sources.ga4(rows)["channel"].tolist() == ["Email", "Affiliates", "Referral"]


# -- the specs' own checks (built inside the tests, so mutation testing reaches them) --------


def spec(**changes: object) -> Source:
    kw: dict[str, object] = {
        "name": "s",
        "title": "t",
        "reference": "r",
        "fields": (Field(names="A", column="a", kind="count"),),
        "channel": "c",
        "mode": "paid",
    }
    kw.update(changes)
    return Source(**kw)  # type: ignore[arg-type]


def test_a_field_names_its_kind_and_column_and_says_why_it_is_left_out() -> None:
    f = Field(names="Leads", column="leads", kind="count")
    assert f.kind is Kind.COUNT and f.names == ("Leads",) and not f.money
    assert Field(names="x", column="y", kind=Kind.MICROS).money
    assert Field(names="x", column="y", kind="money").money
    for kind in (Kind.IGNORED, Kind.PERCENT, Kind.RATE):
        with pytest.raises(sr.InvalidValueError, match=r"^field 'B' is left out: say why"):
            Field(names=("B", "C"), column=None, kind=kind)
        assert Field(names="B", column=None, kind=kind, note="why").column is None
    for kind in (Kind.COUNT, Kind.DIMENSION, Kind.DATE):
        with pytest.raises(sr.InvalidValueError, match=r"^field 'B' must name its socialroi"):
            Field(names=("B", "C"), column=None, kind=kind)
    with pytest.raises(sr.UnknownNameError, match=r"'sum' is not a Kind; known: 'dimension'"):
        Field(names="B", column="b", kind="sum")


def test_a_fields_names_and_texts_are_checked() -> None:
    for bad in ((), ("a", 1), 3, ["a"]):
        with pytest.raises(
            sr.InvalidTypeError, match=r"^'names' must be a field name or a tuple of them: "
        ):
            Field(names=bad, column="a", kind="count")
    with pytest.raises(sr.InvalidTypeError, match=r"^'note' must be a string: 3"):
        Field(names="a", column="a", kind="count", note=3)  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidTypeError, match=r"^'column' must be a string or None: 3"):
        Field(names="a", column=3, kind="count")  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidTypeError, match=r"^'header' must be a column name"):
        Field(names="a", column="a", kind="count").match(3)  # type: ignore[arg-type]


def test_names_match_whole_headers_case_and_spaces_aside() -> None:
    spend = Field(names=("Amount spent ({currency})", "Cost"), column="x", kind="money")
    assert spend.match("AMOUNT  spent (usd)") == "USD"
    assert spend.match("Amount spent (EUR) ") == "EUR"
    assert spend.match("Amount spent (EURO)") is None
    assert spend.match("Amount spent (EU)") is None
    assert spend.match("Total amount spent (EUR)") is None
    assert spend.match("Amount spent") is None
    assert spend.match("cost") == "" and spend.match("Cost per click") is None
    dotted = Field(names="metrics.cost_micros", column="x", kind="micros")
    assert (
        dotted.match("metrics.cost_micros") == "" and dotted.match("metricsXcost_micros") is None
    )


def test_a_source_checks_its_fields_mode_and_texts() -> None:
    s = spec()
    assert s.field("a") == (s.fields[0], "") and s.field("b") is None
    assert spec(mode="organic").mode == "organic" and spec(mode=None).mode is None
    for bad in ("Paid", "both", 1):
        with pytest.raises(
            sr.InvalidValueError, match=rf"^'mode' must be 'paid', 'organic' or None: {bad!r}"
        ):
            spec(mode=bad)
    for fields in ([Field(names="A", column="a", kind="count")], ("A",), "A"):
        with pytest.raises(
            sr.InvalidTypeError, match=r"^'fields' must be a tuple of socialroi.sources.Field"
        ):
            spec(fields=fields)
    assert spec(fields=()).fields == ()
    with pytest.raises(sr.InvalidTypeError, match=r"^'title' must be a string: None"):
        spec(title=None)
    with pytest.raises(sr.InvalidTypeError, match=r"^'channel' must be a string or None: 1"):
        spec(channel=1)
