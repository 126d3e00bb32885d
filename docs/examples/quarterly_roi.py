"""A B2B brand's quarter on social: organic LinkedIn and X, paid LinkedIn and Facebook.

Costs are recorded by category, qualified leads are valued at 800 each, and the quarter is
rolled up by channel and mode, by mode, and for the whole campaign. The library computes;
this script prints.

Run it with:  python docs/examples/quarterly_roi.py
"""

import socialroi as sr

LEAD_VALUE = {"qualified_leads": 800}  # what sales says a qualified lead is worth

quarter = [
    sr.Activity("linkedin", "organic", sr.Measures.of(
        "USD",
        salaries=4_000, tooling=600, content=1_400,
        impressions=80_000, reach=30_000, likes=1_600, comments=240, shares=180,
        follows=320, link_clicks=900, leads=30, qualified_leads=12, revenue=6_000,
    ).valued_at(LEAD_VALUE)),
    sr.Activity("x", "organic", sr.Measures.of(
        "USD",
        salaries=2_000, tooling=500, content=500,
        impressions=40_000, likes=500, comments=60, shares=90,
        link_clicks=300, leads=6, qualified_leads=2,
    ).valued_at(LEAD_VALUE)),
    sr.Activity("linkedin", "paid", sr.Measures.of(
        "USD",
        ad_spend=7_000, creative=1_000,
        impressions=150_000, reach=60_000, likes=900, comments=40, shares=35,
        link_clicks=1_200, leads=40, qualified_leads=15, demo_requests=10, revenue=8_000,
    ).valued_at(LEAD_VALUE)),
    sr.Activity("facebook", "paid", sr.Measures.of(
        "USD",
        ad_spend=2_500, creative=300, fees=200,
        impressions=90_000, reach=45_000, likes=700, comments=25, shares=20,
        link_clicks=700, leads=15, qualified_leads=5, revenue=3_800,
    ).valued_at(LEAD_VALUE)),
]

SUMMARY = ["investment", "revenue", "valued_actions", "return", "profit", "roi", "roas"]
RATES = ["cpm", "cpc", "ctr", "engagement_rate", "cost_per_lead", "cost_per_qualified_lead",
         "conversion_rate_leads", "frequency"]

by_channel_and_mode = sr.report(quarter, by=("channel", "mode"))
by_mode = sr.report(quarter, by="mode")
campaign = sr.report(quarter, by=())

print("Channel and mode")
print(by_channel_and_mode.to_text(["channel", "mode", *SUMMARY]))
print()
print(by_channel_and_mode.to_text(["channel", "mode", *RATES]))
print()
print("Paid against organic")
print(by_mode.to_text(["mode", *SUMMARY, "cpm", "cpc", "cost_per_qualified_lead"]))
print()
print("Campaign (ROAS reads paid return; MER, the blended ratio, all return over ad spend)")
print(campaign.to_text([*SUMMARY, "mer"]))
total = campaign.total
print(f"\nThe quarter: {total.investment} in, {total.return_} back, ROI {total.roi:.0%}.")
