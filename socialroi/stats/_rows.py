"""Rows of a report compared metric by metric: differences, ratios, and for rates the
two-proportion z-test, Holm-corrected when several rows are compared with one baseline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError, SocialROIError
from socialroi._metrics.catalog import Metric, Unit, catalog, count_measures, unit_of
from socialroi._reports.labels import Key, Label, check_label
from socialroi._reports.report import Report, Row
from socialroi._values.format import (
    DEFAULT_PRECISION,
    check_precision,
    format_value,
    html_table,
    text_table,
)
from socialroi.stats._comparisons import compare_rates
from socialroi.stats._inputs import _confidence, _real
from socialroi.stats._multiple import holm

RowLabels = Label | tuple[Label, ...]


def _verdict(value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidTypeError(f"'tested' must be True or False: {value!r}")
    return bool(value)


@attrs.frozen
class MetricDifference:
    """One metric of one row against the baseline row.

    ``difference`` is value - baseline and ``ratio`` value / baseline (NaN where the
    baseline is 0 or either value is undefined). For a rate of counts (CTR, conversion
    rates) ``p_value`` is the pooled two-proportion z-test's (two-sided,
    :func:`~socialroi.stats.compare_rates`) and ``p_adjusted`` its Holm correction over
    the rows compared on this metric; both are NaN where no test applies (``tested`` is
    False): a metric that is not a rate of counts (ROI, CPA), or a row without trials.
    """

    row: Key
    metric: str
    value: float = attrs.field(converter=_real)
    baseline: float = attrs.field(converter=_real)
    difference: float = attrs.field(converter=_real)
    ratio: float = attrs.field(converter=_real)
    p_value: float = attrs.field(converter=_real)
    p_adjusted: float = attrs.field(converter=_real)
    tested: bool = attrs.field(converter=_verdict)
    confidence: float = attrs.field(converter=_real)

    @property
    def significant(self) -> bool:
        """Whether the Holm-adjusted p-value is below 1 - confidence (False untested)."""
        return self.tested and self.p_adjusted < 1.0 - self.confidence


@attrs.frozen
class RowComparison:
    """Rows of a report against a baseline row, every metric: see :func:`compare_rows`."""

    by: tuple[str, ...]
    baseline: Key
    differences: tuple[MetricDifference, ...]
    confidence: float = attrs.field(converter=_real)
    #: How each metric is shown (the catalog's unit names).
    units: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def get(self, metric: str, row: RowLabels | None = None) -> MetricDifference:
        """The difference on ``metric`` of ``row`` (the only row compared, unless given)."""
        if not isinstance(metric, str):
            raise InvalidTypeError(f"'metric' must be a metric name: {metric!r}")
        want = None if row is None else _labels(row)
        for label in want or ():
            check_label(label, argument="row")
        found = [
            d
            for d in self.differences
            if d.metric == metric and (want is None or _same(d.row, want))
        ]
        if len(found) != 1:
            rows = sorted({d.row for d in self.differences}, key=str)
            metrics = list(dict.fromkeys(d.metric for d in self.differences))
            raise InvalidValueError(
                f"no single difference for metric {metric!r} and row {row!r}: rows compared "
                f"{rows}, metrics {metrics}"
            )
        return found[0]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per (row, metric): the row's labels, then the fields of each difference."""
        return [
            {
                **dict(zip(self.by, d.row, strict=True)),
                "metric": d.metric,
                "value": d.value,
                "baseline": d.baseline,
                "difference": d.difference,
                "ratio": d.ratio,
                "p_value": d.p_value,
                "p_adjusted": d.p_adjusted,
                "significant": d.significant,
            }
            for d in self.differences
        ]

    def _cells(self, precision: int) -> tuple[list[str], list[list[str]]]:
        digits = check_precision(precision)
        headers = [
            *self.by,
            "metric",
            "value",
            "baseline",
            "difference",
            "ratio",
            "p",
            "p (Holm)",
            "significant",
        ]
        rows = []
        for d in self.differences:
            unit = self.units.get(d.metric, "number")
            tested = {True: "yes" if d.significant else "no", False: ""}[d.tested]
            rows.append(
                [
                    *(str(label) for label in d.row),
                    d.metric,
                    *(
                        format_value(x, unit, precision=digits)
                        for x in (d.value, d.baseline, d.difference)
                    ),
                    format_value(d.ratio, "multiple", precision=digits),
                    *(
                        format_value(p, "number", precision=digits) if d.tested else ""
                        for p in (d.p_value, d.p_adjusted)
                    ),
                    tested,
                ]
            )
        return headers, rows

    def to_text(self, *, precision: int = DEFAULT_PRECISION) -> str:
        """A plain-text table, a line per (row, metric); print it."""
        headers, rows = self._cells(precision)
        return text_table(headers, rows)

    def _repr_html_(self) -> str:
        headers, rows = self._cells(DEFAULT_PRECISION)
        base = ", ".join(f"{d}={label}" for d, label in zip(self.by, self.baseline, strict=True))
        caption = f"Rows against {base or 'the total'}"
        return html_table(headers, rows, caption=caption, labels=len(self.by) + 1)


def _labels(value: object) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def _same(key: Key, labels: tuple[Any, ...]) -> bool:
    return key == labels or tuple(map(str, key)) == tuple(map(str, labels))


def _row(report: Report, labels: object, argument: str) -> Row:
    try:
        return report.row(*_labels(labels))
    except SocialROIError as error:  # the report's message, naming this argument
        raise type(error)(f"{argument!r}: {error}") from None


def is_rate_of_counts(m: Metric, report: Report) -> bool:
    """Whether a metric is a count over a count (clicks over impressions), which a
    binomial test can compare."""
    counts = count_measures(report.vocabulary)
    return m.unit is Unit.FRACTION and len(m.inputs) == 2 and set(m.inputs) <= counts


def _metrics(report: Report, value: object) -> tuple[str, ...]:
    if value is None:  # the metrics the report shows by default: no duplicate columns
        return tuple(n for n in report.default_columns if n in catalog(report.vocabulary))
    names = (value,) if isinstance(value, str) else value
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise InvalidTypeError(f"'metrics' must be metric names: {value!r}")
    known = catalog(report.vocabulary)
    for name in names:
        if name not in known:
            report.column(name)  # raises, naming close matches
            raise InvalidValueError(f"'metrics': {name!r} is a measure, not a metric")
    return tuple(names)


def _p_value(m: Metric, row: Row, base: Row, confidence: float) -> float:
    """The z-test's p-value for a rate of counts, NaN where it does not apply."""
    sa, na = (row[name] for name in m.inputs)
    sb, nb = (base[name] for name in m.inputs)
    if na <= 0 or nb <= 0 or sa > na or sb > nb:
        return math.nan
    return compare_rates(sa, na, sb, nb, confidence=confidence).p_value


def compare_to_baseline(
    report: Report,
    baseline: RowLabels,
    *,
    rows: Sequence[RowLabels] | None = None,
    metrics: str | Sequence[str] | None = None,
    confidence: float = 0.95,
) -> RowComparison:
    """Every row (or ``rows``) of a report against one baseline row, on the metrics of its
    :attr:`~socialroi.Report.default_columns` (every metric the data support, less those
    equal to another; or ``metrics``).

    For each metric: the row's value, the baseline's, their difference and ratio; for a
    rate of counts, the z-test's p-value, Holm-corrected over the rows compared (one family
    per metric: "which rows differ from the baseline on CTR?"), so comparing many rows does
    not find differences by chance. A row is named by its label (its labels as a tuple on
    several dimensions).

    Examples
    --------
    >>> import socialroi as sr
    >>> from socialroi import stats
    >>> acts = [sr.Activity(c, "paid", sr.Measures.of("USD", impressions=10_000,
    ...                                               link_clicks=k, ad_spend=100))
    ...         for c, k in (("a", 100), ("b", 160), ("c", 104))]
    >>> vs_a = stats.compare_to_baseline(sr.report(acts, by="channel"), "a", metrics="ctr")
    >>> [(d.row, round(d.ratio, 2), d.significant) for d in vs_a.differences]
    [(('b',), 1.6, True), (('c',), 1.04, False)]
    """
    if not isinstance(report, Report):
        raise InvalidTypeError(f"'report' must be a socialroi Report: {report!r}")
    level = _confidence(confidence)
    base = _row(report, baseline, "baseline")
    base_key = tuple(label for _, label in base.key)
    if rows is None:
        chosen = [r for r in report if tuple(label for _, label in r.key) != base_key]
    else:
        if isinstance(rows, (str, tuple)) or not isinstance(rows, Sequence):
            raise InvalidTypeError(f"'rows' must be a list of row labels: {rows!r}")
        chosen = [_row(report, labels, "rows") for labels in rows]
    names = _metrics(report, metrics)
    known = catalog(report.vocabulary)
    by_metric: list[list[MetricDifference]] = []
    for name in names:
        m = known[name]
        rate = is_rate_of_counts(m, report)
        b = base.metric(name)
        values = [r.metric(name) for r in chosen]
        p = [_p_value(m, r, base, level) if rate else math.nan for r in chosen]
        adjusted = holm(p).tolist() if p else []
        defined = b != 0 and math.isfinite(b)
        by_metric.append(
            [
                MetricDifference(
                    tuple(label for _, label in r.key),
                    name,
                    v,
                    b,
                    v - b,
                    v / b if defined else math.nan,
                    pv,
                    pa,
                    not math.isnan(pv),
                    level,
                )
                for r, v, pv, pa in zip(chosen, values, p, adjusted, strict=True)
            ]
        )
    out = [found[i] for i in range(len(chosen)) for found in by_metric]  # row by row
    return RowComparison(
        report.by,
        base_key,
        tuple(out),
        level,
        units={n: unit_of(n, report.vocabulary) for n in names},
    )


def compare_rows(
    report: Report,
    a: RowLabels,
    b: RowLabels,
    *,
    metrics: str | Sequence[str] | None = None,
    confidence: float = 0.95,
) -> RowComparison:
    """Row ``a`` against row ``b`` of a report, on the metrics of its default columns (or
    ``metrics``): differences a - b, ratios a / b, and for rates of counts the z-test (one
    test per metric, so Holm leaves it as it is). See :func:`compare_to_baseline` to compare
    many rows with one baseline, corrected.

    >>> import socialroi as sr
    >>> from socialroi import stats
    >>> acts = [sr.Activity(c, "paid", sr.Measures.of("USD", impressions=10_000,
    ...                                               link_clicks=k, ad_spend=100))
    ...         for c, k in (("a", 100), ("b", 160))]
    >>> diff = stats.compare_rows(sr.report(acts, by="channel"), "b", "a")
    >>> ctr = diff.get("ctr")
    >>> round(ctr.difference, 4), ctr.ratio, ctr.significant
    (0.006, 1.6, True)
    >>> cpc = diff.get("cpc")
    >>> round(cpc.difference, 3), cpc.ratio, cpc.tested   # not a rate: no test
    (-0.375, 0.625, False)
    """
    return compare_to_baseline(report, b, rows=[a], metrics=metrics, confidence=confidence)
