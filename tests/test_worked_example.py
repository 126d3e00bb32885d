"""The worked example of the source article (Oktopost, 'How to measure social media ROI for
B2B brands', shared/seeds): a quarterly social spend of 20,000 whose social leads close for
45,000 gives ROI = (45,000 - 20,000) / 20,000 = 1.25, i.e. 125%."""

from __future__ import annotations

import socialroi as sr


def test_formulas_reproduce_the_article() -> None:
    assert sr.roi(45_000, 20_000) == 1.25
    assert sr.roas(45_000, 20_000) == 2.25
    assert sr.profit(45_000, 20_000) == 25_000.0


def test_measures_reproduce_the_article() -> None:
    quarter = sr.Measures.of("USD", ad_spend=20_000, revenue=45_000)
    row = sr.Row.of(quarter)
    assert row.roi == 1.25
    assert row.roas == 2.25
    assert row.profit == sr.Money(25_000, "USD")


def test_report_reproduces_the_article_from_channels() -> None:
    """Split over channels and modes, the campaign still gives 125%: ratio of sums."""
    acts = [
        sr.Activity("linkedin", "organic", sr.Measures.of("USD", salaries=5_000, revenue=9_000)),
        sr.Activity("x", "organic", sr.Measures.of("USD", tooling=1_000, revenue=1_000)),
        sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=10_000, revenue=30_000)),
        sr.Activity("facebook", "paid", sr.Measures.of("USD", ad_spend=4_000, revenue=5_000)),
    ]
    total = sr.report(acts, by=()).total
    assert total.investment == sr.Money(20_000, "USD")
    assert total.return_ == sr.Money(45_000, "USD")
    assert total.roi == 1.25
    assert total.profit == sr.Money(25_000, "USD")
