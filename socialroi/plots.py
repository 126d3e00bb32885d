"""Plots, drawn with matplotlib (``pip install socialroi[plot]``).

Each function draws into the ``Axes`` you pass (or a new figure's) and returns it; nothing is
shown or written to a file. In a notebook, end a cell with ``ax.figure`` to display it.

Examples
--------
>>> import socialroi as sr
>>> from socialroi import plots
>>> acts = [
...     sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=8_000, revenue=20_000)),
...     sr.Activity("x", "organic", sr.Measures.of("USD", salaries=3_000, revenue=1_600)),
... ]
>>> ax = plots.roi_by_channel(sr.report(acts, by="channel"))
>>> [round(float(bar.get_width()), 3) for bar in ax.patches]
[1.5, -0.467]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError, MissingDependencyError
from socialroi._goals.funnel import Funnel
from socialroi._goals.kpi import KPIResult
from socialroi._metrics.arrays import as_float_array
from socialroi._metrics.catalog import Unit, metric
from socialroi._reports.report import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["funnel_chart", "kpi_attainment", "paid_vs_organic", "roi_by_channel"]


def _axes(ax: Axes | None) -> Axes:
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - exercised only without matplotlib
        raise MissingDependencyError(
            "plots need matplotlib: pip install 'socialroi[plot]'"
        ) from None
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise InvalidTypeError(f"'ax' must be matplotlib Axes or None: {ax!r}")
        return ax
    return Figure(figsize=(6.4, 4.0), layout="constrained").add_subplot()


def _report(report: object) -> Report:
    if not isinstance(report, Report):
        raise InvalidTypeError(f"'report' must be a socialroi Report: {report!r}")
    return report


def _labels(report: Report, dims: Sequence[str]) -> list[str]:
    columns = [report.column(d) for d in dims]
    return [" / ".join(str(c[i]) for c in columns) for i in range(len(report))]


def _axis_label(name: str) -> str:
    m = metric(name)
    suffix = {Unit.FRACTION: " (fraction)", Unit.MULTIPLE: " (x)", Unit.MONEY: ""}[m.unit]
    return f"{m.title}{suffix}"


def roi_by_channel(
    report: Report,
    *,
    metric_name: str = "roi",
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of a metric (ROI by default) per report row, with interval whiskers
    where ``low`` and ``high`` (one value per row) are given. Undefined values get no bar
    and are labelled "n/a"."""
    report = _report(report)
    ax = _axes(ax)
    values = np.asarray(report.column(metric(metric_name).name), dtype=np.float64)
    labels = _labels(report, report.by) if report.by else ["total"]
    positions = np.arange(len(values))
    drawn = np.where(np.isnan(values), 0.0, values)
    xerr = None
    if (low is None) != (high is None):
        raise InvalidValueError("give both 'low' and 'high' interval bounds, or neither")
    if low is not None and high is not None:
        lo = as_float_array(low, argument="low", allow_negative=True)
        hi = as_float_array(high, argument="high", allow_negative=True)
        if lo.shape != values.shape or hi.shape != values.shape:
            raise InvalidValueError(
                f"'low' and 'high' need one value per row ({len(values)}): "
                f"got shapes {lo.shape} and {hi.shape}"
            )
        if np.any(lo > drawn) or np.any(hi < drawn):
            raise InvalidValueError("intervals must contain the value: low <= value <= high")
        xerr = np.vstack([drawn - lo, hi - drawn])
    ax.barh(positions, drawn, xerr=xerr, color="#4C72B0")
    for i, value in enumerate(values):
        if math.isnan(value):
            ax.annotate("n/a", (0, positions[i]), va="center")
    ax.set_yticks(positions, labels)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(_axis_label(metric_name))
    return ax


def paid_vs_organic(report: Report, *, metric_name: str = "roi", ax: Axes | None = None) -> Axes:
    """Paid and organic side by side for each value of the report's other dimensions
    (a report by ``("channel", "mode")`` gives paid and organic bars per channel)."""
    report = _report(report)
    if "mode" not in report.by:
        raise InvalidValueError(
            f"'report' must be rolled up by 'mode' (by=('channel', 'mode')): by={report.by}"
        )
    ax = _axes(ax)
    others = [d for d in report.by if d != "mode"]
    groups = _labels(report, others) if others else ["total"]
    modes = report.column("mode")
    values = np.asarray(report.column(metric(metric_name).name), dtype=np.float64)
    order = list(dict.fromkeys(groups))
    x = np.arange(len(order))
    width = 0.4
    for offset, mode, color in (
        (-width / 2, "paid", "#DD8452"),
        (width / 2, "organic", "#55A868"),
    ):
        heights = np.full(len(order), np.nan)
        for i, group in enumerate(groups):
            if modes[i] == mode:
                heights[order.index(group)] = values[i]
        ax.bar(x + offset, np.nan_to_num(heights), width, label=mode, color=color)
    ax.set_xticks(x, order)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(_axis_label(metric_name))
    ax.legend()
    return ax


def funnel_chart(funnel: Funnel, *, ax: Axes | None = None) -> Axes:
    """A horizontal funnel: one centred bar per stage, widest at the top, each labelled with
    its count and its conversion from the stage before."""
    if not isinstance(funnel, Funnel):
        raise InvalidValueError(f"'funnel' must be a socialroi Funnel: {funnel!r}")
    ax = _axes(ax)
    counts = np.asarray(funnel.counts, dtype=np.float64)
    positions = np.arange(len(counts))[::-1]
    ax.barh(positions, counts, left=-counts / 2, color="#4C72B0")
    conversions = (math.nan, *funnel.step_conversions)
    for y, count, conversion in zip(positions, counts, conversions, strict=True):
        note = f"{count:,.0f}" if math.isnan(conversion) else f"{count:,.0f} ({conversion:.1%})"
        ax.annotate(note, (0, y), ha="center", va="center", color="white")
    ax.set_yticks(positions, list(funnel.stages))
    ax.set_xticks([])
    return ax


def kpi_attainment(results: Sequence[KPIResult], *, ax: Axes | None = None) -> Axes:
    """Attainment of each KPI as a bar against the target line at 100%: green when met,
    red when not."""
    if isinstance(results, (str, bytes, KPIResult)) or not isinstance(results, Iterable):
        raise InvalidTypeError(f"'results' must be a sequence of KPIResult: {results!r}")
    items = list(results)
    if not items or not all(isinstance(r, KPIResult) for r in items):
        raise InvalidValueError("'results' must be a non-empty sequence of KPIResult")
    if any(not isinstance(r.attainment, float) for r in items):
        raise InvalidValueError("kpi_attainment plots results on one aggregate, not on a report")
    ax = _axes(ax)
    values = np.array([float(r.attainment) for r in items])
    colors = ["#55A868" if r.met else "#C44E52" for r in items]
    ax.bar(np.arange(len(items)), np.nan_to_num(values), color=colors)
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_xticks(np.arange(len(items)), [r.name for r in items])
    ax.set_ylabel("Attainment (1.0 = on target)")
    return ax
