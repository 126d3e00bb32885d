"""Plots render with the Agg backend and their artists carry the plotted values."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest

import socialroi as sr
from socialroi import plots

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
    assert ax.get_xlabel() == "Return on investment (fraction)"


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
    assert ax.get_ylabel() == "Cost per 1,000 impressions"


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
    assert [t.get_text() for t in ax.texts] == ["1,000", "100 (10.0%)", "5 (5.0%)"]
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
