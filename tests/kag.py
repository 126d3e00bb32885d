"""The public Facebook ad export (../shared/data/KAG_conversion_data.csv), read as
docs/cookbook/facebook-export.md reads it; tests that use it skip where it is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import socialroi as sr

KAG = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "KAG_conversion_data.csv"
COLUMNS = {
    "Impressions": "impressions",
    "Clicks": "link_clicks",
    "Spent": "ad_spend",
    "Total_Conversion": "inquiries",
    "Approved_Conversion": "purchases",
}
IDS = ["ad_id", "fb_campaign_id", "interest"]


def export() -> Any:
    """The export as a pandas frame (the test is skipped where the file is absent)."""
    if not KAG.is_file():
        pytest.skip(f"the Facebook export {KAG} is absent here")
    pd = pytest.importorskip("pandas")
    return pd.read_csv(KAG)


def by_campaign() -> sr.Report:
    """The export rolled up by campaign, each approved conversion worth 100."""
    return sr.rollup(
        export(),
        by="xyz_campaign_id",
        currency="USD",
        measures=COLUMNS,
        ignore=IDS,
        valued_at={"purchases": 100},
    )
