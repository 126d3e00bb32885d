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
>>> ax.xaxis.get_major_formatter()(1.5, 0)   # ROI axes read in percent
'150%'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from socialroi._errors import InvalidTypeError, InvalidValueError, MissingDependencyError
from socialroi._goals.funnel import Funnel
from socialroi._goals.kpi import KPIResult
from socialroi._metrics.arrays import as_float_array
from socialroi._metrics.catalog import Unit, metric
from socialroi._reports.report import Report
from socialroi._values.format import format_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

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


def _axis_label(name: str, currency: str) -> str:
    m = metric(name)
    suffix = {
        Unit.FRACTION: " (%)",
        Unit.MULTIPLE: " (x)",
        Unit.MONEY: f" ({currency})",
        Unit.DURATION: " (s)",
    }[m.unit]
    return f"{m.title}{suffix}"


def _percent() -> Any:
    """matplotlib's PercentFormatter on fractions, with thousands separators: an ROI of 15
    reads 1,500%."""
    from matplotlib import ticker

    class Percent(ticker.PercentFormatter):
        def format_pct(self, x: float, display_range: float) -> str:
            shown = str(super().format_pct(x, display_range))
            number = shown.removesuffix(self.symbol)
            decimals = len(number.partition(".")[2])
            return f"{float(number):,.{decimals}f}{self.symbol}"

    return Percent(xmax=1.0)


def _format_axis(axis: Axis, name: str) -> None:
    """Ticks in the metric's unit: fractions (rates, ROI) in percent, so an ROI of 15 reads
    1,500%; money with thousands separators and cents (the currency is in the axis label);
    multiples with an "x"."""
    from matplotlib import ticker

    unit = metric(name).unit
    if unit is Unit.FRACTION:
        axis.set_major_formatter(_percent())
    elif unit is Unit.MONEY:
        axis.set_major_formatter(ticker.StrMethodFormatter("{x:,.2f}"))
    elif unit is Unit.MULTIPLE:
        axis.set_major_formatter(ticker.StrMethodFormatter("{x:,g}x"))
    else:
        axis.set_major_formatter(ticker.StrMethodFormatter("{x:,g}"))


def _rate_interval(
    report: Report, name: str, confidence: float, drawn: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson interval of a rate per row; a row without trials has none (NaN), so its
    whisker has no length (and its bar reads n/a)."""
    from socialroi.stats import rate_intervals

    ci = rate_intervals(report, name, confidence=confidence)
    return np.where(np.isnan(ci.low), drawn, ci.low), np.where(np.isnan(ci.high), drawn, ci.high)


def roi_by_channel(
    report: Report,
    *,
    metric_name: str = "roi",
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    confidence: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of a metric (ROI by default) per report row, with interval whiskers
    where ``low`` and ``high`` (one value per row) are given, or, for a count-over-count
    rate (CTR, conversion rates), where ``confidence`` is given: the Wilson interval of
    :func:`socialroi.stats.rate_intervals` at that level. Undefined values get no bar and
    are labelled "n/a". The axis reads in the metric's unit: rates and ROI in percent,
    costs in the report's currency.

    Examples
    --------
    >>> import socialroi as sr
    >>> from socialroi import plots
    >>> acts = [sr.Activity("a", "paid", sr.Measures.of("USD", impressions=1_000,
    ...                                                 link_clicks=30)),
    ...         sr.Activity("b", "paid", sr.Measures.of("USD", impressions=500,
    ...                                                 link_clicks=5))]
    >>> ax = plots.roi_by_channel(sr.report(acts, by="channel"), metric_name="ctr",
    ...                           confidence=0.95)
    >>> ax.get_xlabel()
    'Link click-through rate (%)'
    """
    report = _report(report)
    ax = _axes(ax)
    name = metric(metric_name).name
    values = np.asarray(report.column(name), dtype=np.float64)
    labels = _labels(report, report.by) if report.by else ["total"]
    positions = np.arange(len(values))
    drawn = np.where(np.isnan(values), 0.0, values)
    xerr = None
    if (low is None) != (high is None):
        raise InvalidValueError("give both 'low' and 'high' interval bounds, or neither")
    if confidence is not None:
        if low is not None:
            raise InvalidValueError(
                "give the interval as 'low' and 'high', or as 'confidence', not both"
            )
        low, high = _rate_interval(report, name, confidence, drawn)
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
    ax.set_xlabel(_axis_label(name, report.currency))
    _format_axis(ax.xaxis, name)
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
    name = metric(metric_name).name
    values = np.asarray(report.column(name), dtype=np.float64)
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
    ax.set_ylabel(_axis_label(name, report.currency))
    _format_axis(ax.yaxis, name)
    ax.legend()
    return ax


#: A bar narrower than this share of the widest holds no label: it goes beside the bar.
_LABEL_INSIDE = 0.3
#: On a log axis, the share of the axis (in decades) a bar must cover to hold its label.
_LABEL_INSIDE_LOG = 0.6


def _compact(value: float, _: object = None) -> str:
    """A count on a log axis: 1, 10, 100, 1k, 10k, 1M, 1B."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:,.10g}{suffix}"
    return f"{value:,.10g}"


def _funnel_note(count: float, conversion: float) -> str:
    shown = format_value(count, "count")
    if math.isnan(conversion):
        return shown
    return f"{shown} ({format_value(conversion, 'fraction')})"


def funnel_chart(funnel: Funnel, *, log: bool = False, ax: Axes | None = None) -> Axes:
    """A horizontal funnel: one bar per stage, widest at the top, each labelled with its
    count and its conversion from the stage before.

    On a linear axis the bars are centred; a label sits in its bar (white) where the bar is
    wide enough, and beside it (dark) where it is not. At platform scale (213 million
    impressions against a few hundred conversions) the late stages are invisible on a
    linear axis: ``log=True`` draws the counts on a logarithmic axis from the left (ticks read
    1k, 1M, 1B), each label in its bar where the bar covers most of the axis, beside it
    where not. A stage with a count of 0 has no bar on a log axis; its label still says 0.

    Examples
    --------
    >>> import socialroi as sr
    >>> from socialroi import plots
    >>> funnel = sr.Funnel(stages=["awareness", "interest", "purchase"],
    ...                    counts=[213_000_000, 38_000, 1_000])
    >>> ax = plots.funnel_chart(funnel, log=True)
    >>> ax.get_xscale(), [t.get_color() for t in ax.texts][-1]
    ('log', 'black')
    """
    if not isinstance(funnel, Funnel):
        raise InvalidValueError(f"'funnel' must be a socialroi Funnel: {funnel!r}")
    if not isinstance(log, bool):
        raise InvalidTypeError(f"'log' must be True or False: {log!r}")
    ax = _axes(ax)
    counts = np.asarray(funnel.counts, dtype=np.float64)
    positions = np.arange(len(counts))[::-1]
    widest = float(counts.max()) if counts.size else 0.0
    conversions = (math.nan, *funnel.step_conversions)
    notes = [_funnel_note(c, r) for c, r in zip(counts, conversions, strict=True)]
    if log:
        from matplotlib import ticker

        ax.set_xscale("log")
        ax.barh(positions, counts, color="#4C72B0")
        positive = counts[counts > 0]
        low = max(float(positive.min()) / 10.0 if positive.size else 1.0, 0.5)
        high = max(widest, 1.0) * 3.0
        ax.set_xlim(low, high)
        ax.xaxis.set_major_locator(ticker.LogLocator(base=10.0))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(_compact))
        span = math.log(high / low)
        for y, count, note in zip(positions, counts, notes, strict=True):
            if count > 0 and math.log(count / low) >= _LABEL_INSIDE_LOG * span:
                ax.annotate(note, (count / 1.15, y), ha="right", va="center", color="white")
            else:
                at = count * 1.15 if count > 0 else low
                ax.annotate(note, (at, y), ha="left", va="center", color="black")
    else:
        ax.barh(positions, counts, left=-counts / 2, color="#4C72B0")
        for y, count, note in zip(positions, counts, notes, strict=True):
            if widest > 0 and count >= _LABEL_INSIDE * widest:
                ax.annotate(note, (0, y), ha="center", va="center", color="white")
            else:
                beside = count / 2 + 0.02 * widest
                ax.annotate(note, (beside, y), ha="left", va="center", color="black")
        ax.set_xticks([])
    ax.set_yticks(positions, list(funnel.stages))
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
    ax.set_ylabel("Attainment (100% = on target)")
    ax.yaxis.set_major_formatter(_percent())
    return ax
