"""Plots render with the Agg backend and their artists carry the plotted values."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest

import socialroi as sr
from socialroi import plots, stats
from socialroi._values.format import format_value

matplotlib.use("Agg")

ACTS = [
    sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=8_000, revenue=20_000)),
    sr.Activity("linkedin", "organic", sr.Measures.of("USD", salaries=6_000, revenue=15_600)),
    sr.Activity("x", "organic", sr.Measures.of("USD", salaries=3_000, revenue=1_600)),
    sr.Activity("tiktok", "organic", sr.Measures.of("USD", impressions=5_000)),
]


def render(ax: object) -> None:
    ax.figure.savefig(io.BytesIO(), format="png")  # type: ignore[attr-defined]


def test_roi_by_channel_bars_carry_the_rois() -> None:
    rep = sr.report(ACTS, by="channel")
    ax = plots.roi_by_channel(rep)
    render(ax)
    widths = [bar.get_width() for bar in ax.patches]  # type: ignore[attr-defined]
    np.testing.assert_allclose(widths, np.nan_to_num(rep.column("roi")))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["linkedin", "tiktok", "x"]
    assert [t.get_text() for t in ax.texts] == ["n/a"]  # tiktok has no investment
    assert ax.get_xlabel() == "Return on investment (%)"


def test_intervals_become_whiskers() -> None:
    rep = sr.report(ACTS[:3], by="channel")
    roi = rep.column("roi")
    ax = plots.roi_by_channel(rep, low=roi - 0.1, high=roi + 0.2)
    render(ax)
    segments = ax.collections[0].get_segments()  # type: ignore[attr-defined]
    np.testing.assert_allclose([s[0][0] for s in segments], roi - 0.1)
    np.testing.assert_allclose([s[1][0] for s in segments], roi + 0.2)


def test_an_axes_passed_in_is_used() -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    assert plots.roi_by_channel(sr.report(ACTS, by=()), metric_name="roas", ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["total"]


def test_paid_vs_organic_groups_by_channel() -> None:
    rep = sr.report(ACTS, by=("channel", "mode"))
    ax = plots.paid_vs_organic(rep)
    render(ax)
    paid, organic = ax.containers
    assert [t.get_text() for t in ax.get_xticklabels()] == ["linkedin", "tiktok", "x"]
    np.testing.assert_allclose([b.get_height() for b in paid], [1.5, 0, 0])
    np.testing.assert_allclose([b.get_height() for b in organic], [1.6, 0, -1.4 / 3])
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["paid", "organic"]


def test_paid_vs_organic_for_the_whole_campaign() -> None:
    ax = plots.paid_vs_organic(sr.report(ACTS, by="mode"), metric_name="cpm")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["total"]
    assert ax.get_ylabel() == "Cost per 1,000 impressions (USD)"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plots.paid_vs_organic(sr.report(ACTS, by="channel")), "by 'mode'"),
        (lambda: plots.roi_by_channel(sr.report(ACTS, by=()), metric_name="rio"), "did you"),
        (lambda: plots.roi_by_channel(sr.report(ACTS, by=()), low=[0]), "both"),
        (
            lambda: plots.roi_by_channel(sr.report(ACTS, by=()), low=[0, 1], high=[1, 2]),
            "one value per row",
        ),
        (
            lambda: plots.roi_by_channel(sr.report(ACTS[:1], by=()), low=[2], high=[3]),
            "contain the value",
        ),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(sr.SocialROIError, match=message):
        call()  # type: ignore[operator]


def test_funnel_chart_carries_the_counts() -> None:
    funnel = sr.Funnel(stages=["awareness", "interest", "purchase"], counts=[1_000, 100, 5])
    ax = plots.funnel_chart(funnel)
    render(ax)
    widths = [bar.get_width() for bar in ax.patches]  # type: ignore[attr-defined]
    assert widths == [1_000, 100, 5]
    assert [t.get_text() for t in ax.texts] == [
        "1,000",
        f"100 ({format_value(0.1, 'fraction')})",
        f"5 ({format_value(0.05, 'fraction')})",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["awareness", "interest", "purchase"]
    assert [t.get_position()[1] for t in ax.get_yticklabels()] == [2, 1, 0]  # widest on top


def test_kpi_attainment_bars_and_colours() -> None:
    m = sr.Measures.of("USD", purchases=570, ad_spend=4_000)
    results = [
        sr.KPI(tracks="purchases", target=600).evaluate(m),
        sr.KPI(tracks="cpa", target=10).evaluate(m),
    ]
    ax = plots.kpi_attainment(results)
    render(ax)
    heights = [bar.get_height() for bar in ax.patches]  # type: ignore[attr-defined]
    np.testing.assert_allclose(heights, [0.95, 10 / (4_000 / 570)])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["purchases", "cpa"]


def test_more_bad_plot_input() -> None:
    with pytest.raises(sr.InvalidValueError, match="Funnel"):
        plots.funnel_chart([1, 2])  # type: ignore[arg-type]
    with pytest.raises(sr.InvalidValueError, match="non-empty"):
        plots.kpi_attainment([])
    on_report = sr.KPI(tracks="roi", target=1).evaluate(sr.report(ACTS, by="channel"))
    with pytest.raises(sr.InvalidValueError, match="one aggregate"):
        plots.kpi_attainment([on_report])


# The Facebook ad export (shared/data/KAG_conversion_data.csv, summed over its 1,143 rows):
# impressions, clicks, conversions and approved conversions.
KAG = sr.Funnel(
    stages=["impressions", "clicks", "conversions", "approved"],
    counts=[213_434_828, 38_165, 3_264, 1_079],
)


def test_funnel_at_platform_scale_on_a_log_axis() -> None:
    ax = plots.funnel_chart(KAG, log=True)
    render(ax)
    assert ax.get_xscale() == "log"
    widths = [bar.get_width() for bar in ax.patches]  # type: ignore[attr-defined]
    assert widths == [213_434_828, 38_165, 3_264, 1_079]
    assert [bar.get_x() for bar in ax.patches] == [0, 0, 0, 0]  # type: ignore[attr-defined]
    # the widest bar holds its label (white, ending inside the bar); the others have theirs
    # beside their end, dark on the white background, inside the axes
    first, *rest = ax.texts
    assert first.get_color() == "white" and first.get_horizontalalignment() == "right"
    assert first.xy[0] < widths[0]  # type: ignore[attr-defined]
    for text, width in zip(rest, widths[1:], strict=True):
        assert text.get_color() == "black" and text.get_horizontalalignment() == "left"
        assert width < text.xy[0] < ax.get_xlim()[1]  # type: ignore[attr-defined]
    assert first.get_text() == "213,434,828"
    assert ax.texts[3].get_text() == f"1,079 ({format_value(1_079 / 3_264, 'fraction')})"
    assert ax.get_xlim() == (107.9, 213_434_828 * 3)
    tick = ax.xaxis.get_major_formatter()
    assert [tick(x, 0) for x in (1, 100, 1e3, 1e6, 1e9, 2.5e4)] == [
        "1", "100", "1k", "1M", "1B", "25k",
    ]  # fmt: skip
    low, high = ax.get_xlim()
    labels = [t.get_text() for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
    assert labels == ["1k", "10k", "100k", "1M", "10M", "100M"]  # one tick a decade


def test_small_bars_on_a_linear_funnel_have_their_label_beside_them() -> None:
    ax = plots.funnel_chart(KAG)
    render(ax)
    assert ax.get_xscale() == "linear"
    top, *rest = ax.texts
    assert top.get_color() == "white" and top.get_horizontalalignment() == "center"
    for text, count in zip(rest, KAG.counts[1:], strict=True):
        assert text.get_color() == "black" and text.get_horizontalalignment() == "left"
        assert text.xy[0] > count / 2  # type: ignore[attr-defined]  # right of the bar's end


def test_a_zero_stage_on_a_log_funnel_is_labelled() -> None:
    funnel = sr.Funnel(stages=["awareness", "purchase"], counts=[1_000, 0])
    ax = plots.funnel_chart(funnel, log=True)
    render(ax)
    assert [t.get_text() for t in ax.texts] == ["1,000", f"0 ({format_value(0.0, 'fraction')})"]
    assert ax.texts[1].xy[0] >= ax.get_xlim()[0]  # type: ignore[attr-defined]
    empty = sr.Funnel(stages=["awareness", "purchase"], counts=[0, 0])
    ax = plots.funnel_chart(empty)
    assert [t.get_color() for t in ax.texts] == ["black", "black"]
    with pytest.raises(sr.InvalidTypeError, match="'log'"):
        plots.funnel_chart(funnel, log="yes")  # type: ignore[arg-type]


def test_rates_and_roi_axes_read_in_percent() -> None:
    from matplotlib import ticker

    ax = plots.roi_by_channel(sr.report(ACTS, by="channel"))
    tick = ax.xaxis.get_major_formatter()
    assert isinstance(tick, ticker.PercentFormatter)
    assert tick(15, 0) == "1,500%" and tick(1.25, 0) == "125%"
    rep = sr.report(ACTS, by=("channel", "mode"))
    bar = plots.paid_vs_organic(rep).yaxis.get_major_formatter()
    assert isinstance(bar, ticker.PercentFormatter)
    render(ax)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels and all(t.endswith("%") for t in labels)


def test_cost_axes_carry_the_currency() -> None:
    from matplotlib import ticker

    acts = [
        sr.Activity("a", "paid", sr.Measures.of("EUR", impressions=40_000, ad_spend=200)),
        sr.Activity("b", "paid", sr.Measures.of("EUR", impressions=10_000, ad_spend=1_200)),
    ]
    ax = plots.roi_by_channel(sr.report(acts, by="channel"), metric_name="cpm")
    assert ax.get_xlabel() == "Cost per 1,000 impressions (EUR)"
    tick = ax.xaxis.get_major_formatter()
    assert isinstance(tick, ticker.StrMethodFormatter) and tick(1234.5, 0) == "1,234.50"
    roas = plots.roi_by_channel(
        sr.report(ACTS[:1], by="channel"), metric_name="roas"
    ).xaxis.get_major_formatter()
    assert roas(2.5, 0) == "2.5x"


def test_rate_intervals_become_whiskers() -> None:
    acts = [
        sr.Activity("a", "paid", sr.Measures.of("USD", impressions=1_000, link_clicks=30)),
        sr.Activity("b", "paid", sr.Measures.of("USD", impressions=500, link_clicks=5)),
        sr.Activity("c", "paid", sr.Measures.of("USD", ad_spend=10)),
    ]
    rep = sr.report(acts, by="channel")
    ax = plots.roi_by_channel(rep, metric_name="ctr", confidence=0.9)
    render(ax)
    ci = stats.rate_intervals(rep, "ctr", confidence=0.9)
    segments = ax.collections[0].get_segments()  # type: ignore[attr-defined]
    np.testing.assert_allclose([s[0][0] for s in segments][:2], ci.low[:2])
    np.testing.assert_allclose([s[1][0] for s in segments][:2], ci.high[:2])
    assert segments[2][0][0] == segments[2][1][0] == 0  # no trials: no whisker
    assert [t.get_text() for t in ax.texts] == ["n/a"]
    with pytest.raises(sr.InvalidValueError, match="not both"):
        plots.roi_by_channel(rep, metric_name="ctr", confidence=0.9, low=[0] * 3, high=[1] * 3)
    with pytest.raises(sr.InvalidValueError, match="count-over-count"):
        plots.roi_by_channel(rep, confidence=0.9)


def test_kpi_attainment_reads_in_percent() -> None:
    from matplotlib import ticker

    results = [
        sr.KPI(tracks="purchases", target=600).evaluate(sr.Measures.of("USD", purchases=570))
    ]
    ax = plots.kpi_attainment(results)
    assert isinstance(ax.yaxis.get_major_formatter(), ticker.PercentFormatter)
    assert ax.get_ylabel() == "Attainment (100% = on target)"


def test_durations_read_in_seconds() -> None:
    from matplotlib import ticker

    acts = [
        sr.Activity("site", "organic", sr.Measures.of("USD", time_on_page=900, page_views=20)),
        sr.Activity("blog", "organic", sr.Measures.of("USD", time_on_page=1_500, page_views=10)),
    ]
    ax = plots.roi_by_channel(sr.report(acts, by="channel"), metric_name="avg_time_on_page")
    render(ax)
    assert ax.get_xlabel() == "Average time on page per page view (s)"
    widths = [bar.get_width() for bar in ax.patches]  # type: ignore[attr-defined]
    assert widths == [150.0, 45.0]  # blog 1,500 s / 10 views, site 900 s / 20 views
    tick = ax.xaxis.get_major_formatter()
    assert isinstance(tick, ticker.StrMethodFormatter) and tick(1500, 0) == "1,500"
