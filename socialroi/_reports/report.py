"""Activities keyed by dimensions, rolled up into reports by merging measures.

A roll-up groups activities by the dimensions asked for and merges their measures; metrics
are then read from the merged sums. A campaign's ROI is therefore its total return over its
total investment, never an average of channel ROIs.
"""

from __future__ import annotations

import difflib
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    MissingDependencyError,
    UnknownAttributeError,
    UnknownNameError,
    VocabularyMismatchError,
)
from socialroi._measures.measures import Accumulator, Measures, merge_all, merged_levels
from socialroi._metrics.arrays import (
    Float64Array,
    ZeroDivision,
    as_float_array,
    check_zero_division,
)
from socialroi._metrics.catalog import (
    catalog,
    measure_column,
    measure_names,
    measure_source,
    metric,
    rate_of,
    return_sources,
    unit_of,
)
from socialroi._reports.activity import BUILTIN_DIMENSIONS, Activity, _measures
from socialroi._reports.keys import KeyColumns
from socialroi._reports.labels import Key, Label, check_label, matches, sorted_keys
from socialroi._reports.tables import table_html, table_text
from socialroi._reports.verbs import count, kept, sort_order
from socialroi._values.checks import check_number
from socialroi._values.currency import check_currency
from socialroi._values.format import (
    DEFAULT_PRECISION,
    check_precision,
    format_value,
    html_table,
    text_table,
)
from socialroi._values.kinds import Mode
from socialroi._values.level import Level
from socialroi._values.money import Money
from socialroi._values.rates import CostRate
from socialroi._values.reach import Reach
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary


def _paid_return(value: object) -> float | None:
    return None if value is None else check_number(value, argument="paid_return")


def _nan_equal_key(value: ZeroDivision) -> object:
    """Compare the zero_division policy so that NaN equals NaN."""
    return "nan" if isinstance(value, float) and math.isnan(value) else value


#: Row's own fields: attribute lookups for them never read the catalog.
_ROW_FIELDS = frozenset(("key", "measures", "zero_division", "paid_return"))


@attrs.frozen(repr=False)
class Row:
    """One row of a report: its key and its merged measures, with metrics read on demand.

    Examples
    --------
    >>> import socialroi as sr
    >>> row = sr.Row.of(sr.Measures.of("USD", ad_spend=20_000, revenue=45_000))
    >>> row.roi, row.roas, row.profit
    (1.25, 2.25, Money(25000.0, 'USD'))
    >>> sr.Row.of(sr.Measures.empty("USD")).roi   # no investment: undefined
    nan
    """

    #: The row's (dimension, label) pairs; labels are strings or integer ids.
    key: tuple[tuple[str, Label], ...]
    measures: Measures
    zero_division: ZeroDivision = attrs.field(
        default=math.nan, converter=check_zero_division, kw_only=True, eq=_nan_equal_key
    )
    #: The part of the return recorded on paid activity, which ROAS reads (MER reads all the
    #: return). A report fills it from its activities' modes; None: all of it is paid.
    paid_return: float | None = attrs.field(default=None, converter=_paid_return, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.paid_return is not None and self.paid_return > self.measures.return_.amount:
            raise InvalidValueError(
                f"'paid_return' cannot exceed the row's return: {self.paid_return!r} > "
                f"{self.measures.return_.amount!r}"
            )

    @classmethod
    def of(cls, measures: Measures, *, zero_division: ZeroDivision = math.nan) -> Row:
        """A row without a key, to read metrics off any aggregate."""
        return cls((), _measures(measures), zero_division=zero_division)

    def _source(self) -> dict[str, float]:
        source = measure_source(self.measures)
        if self.paid_return is not None:
            source["paid_return"] = self.paid_return
        return source

    def metric(self, name: str) -> float:
        """The value of the metric ``name`` on this row's measures."""
        v = self.measures.vocabulary
        value = metric(name, vocabulary=v).compute(
            self._source(), zero_division=self.zero_division, vocabulary=v
        )
        return float(value)

    def __getattr__(self, name: str) -> float:
        """Any catalog metric of the row's vocabulary as an attribute: ``row.cpa`` is
        ``row.metric("cpa")``. Python calls this only when the ordinary lookup fails."""
        # Private names, dunders and the fields themselves (unset while copy or pickle
        # rebuilds a row) are never metrics: a plain AttributeError, with no recursion.
        if name.startswith("_") or name in _ROW_FIELDS:
            raise AttributeError(name)
        v = self.measures.vocabulary
        if name in catalog(v):
            return self.metric(name)
        names = [*catalog(v), *measure_names(v)]
        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise UnknownAttributeError(
            f"Row has no attribute {name!r}: it is not a metric of vocabulary {v.name!r}{hint} "
            "(metrics read as attributes, row.cpa; measures and metrics by name, "
            "row['impressions'])"
        )

    def __dir__(self) -> list[str]:
        """The row's own names and every metric of its vocabulary (tab completion)."""
        return sorted({*super().__dir__(), *catalog(self.measures.vocabulary)})

    def __getitem__(self, name: str) -> float:
        """A metric or a measure of the row by name: ``row["cpa"]``, ``row["impressions"]``.

        >>> import socialroi as sr
        >>> row = sr.Row.of(sr.Measures.of("USD", impressions=40_000, ad_spend=200))
        >>> row["cpm"], row.cpm, row["impressions"], row["investment"]
        (5.0, 5.0, 40000.0, 200.0)
        """
        if not isinstance(name, str):
            raise InvalidTypeError(f"a row is read by a metric or measure name: {name!r}")
        v = self.measures.vocabulary
        if name in catalog(v):
            return self.metric(name)
        if name in measure_names(v):
            return float(measure_column(self._source(), name, v))
        close = difflib.get_close_matches(name, [*catalog(v), *measure_names(v)], n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise UnknownNameError(
            f"{name!r} is neither a metric nor a measure of vocabulary {v.name!r}{hint}"
        )

    def metrics(self) -> dict[str, float]:
        """Every metric the row's data support, by name."""
        columns = self._source()
        v = self.measures.vocabulary
        return {
            name: self.metric(name)
            for name, m in catalog(v).items()
            if m.supported_by(columns, vocabulary=v)
        }

    def to_dict(self) -> dict[str, str | int | float]:
        """The row's labels, measures and supported metrics as one flat dict."""
        out: dict[str, str | int | float] = dict(self.key)
        out.update(self.measures.to_dict())
        out.update(self.metrics())
        return out

    def _cells(self, precision: int) -> list[list[str]]:
        rows = [[name, str(label)] for name, label in self.key]
        voc = self.measures.vocabulary
        rows += [
            [name, format_value(v, unit_of(name, voc), precision=precision)]
            for name, v in self.metrics().items()
        ]
        return rows

    def to_text(self, *, precision: int = DEFAULT_PRECISION) -> str:
        """The row's labels and supported metrics, one a line (formatted as
        :meth:`Report.to_text`); print it."""
        digits = check_precision(precision)
        return text_table(["", self.measures.currency], self._cells(digits))

    def _repr_html_(self) -> str:
        rows = self._cells(DEFAULT_PRECISION)
        return html_table(["", self.measures.currency], rows, caption="Row", labels=1)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("Row(...)" if cycle else self.to_text())

    def __repr__(self) -> str:
        zero = self.zero_division
        shown = "nan" if isinstance(zero, float) and math.isnan(zero) else repr(zero)
        paid = "" if self.paid_return is None else f", paid_return={self.paid_return!r}"
        return f"Row(key={self.key!r}, measures={self.measures!r}, zero_division={shown}{paid})"

    def cost_rate(self, name: str) -> CostRate:
        """A cost-rate metric of the row (``"cpm"``, ``"cpc"``, ``"cost_per_lead"``) as a
        :class:`CostRate`: money in the row's currency, per what it is paid per.

        >>> import socialroi as sr
        >>> sr.Row.of(sr.Measures.of("USD", impressions=40_000, ad_spend=200)).cost_rate("cpm")
        CostRate(Money(5.0, 'USD'), 'impressions', per=1000.0)
        """
        v = self.measures.vocabulary
        entry = metric(name, vocabulary=v)
        paid_per = rate_of(entry)
        if paid_per is None:
            raise InvalidValueError(
                f"{name!r} is not a cost rate (investment per an action); cost rates are "
                "cpm, cpc, cpa, cpv, cac and the cost_per_<action> metrics"
            )
        value = self.metric(name)
        if not math.isfinite(value):
            raise InvalidValueError(
                f"{name!r} is undefined on this row: no {paid_per[0]!r} to divide by "
                f"({value!r}); a cost rate needs some of what it is paid per"
            )
        return CostRate(Money(value, self.measures.currency), paid_per[0], per=paid_per[1])

    @property
    def roi(self) -> float:
        """(return - investment) / investment."""
        return self.metric("roi")

    @property
    def roas(self) -> float:
        """return / ad spend."""
        return self.metric("roas")

    @property
    def profit(self) -> Money:
        """return - investment; an error where no return was recorded (it is undefined)."""
        if not self.measures.return_recorded:
            raise InvalidValueError(
                "profit is undefined: no return was recorded (no revenue, no valued action); "
                "record revenue, value actions with valued_at(), or pass return_recorded=True "
                "to Measures for a return of 0"
            )
        return Money(self.metric("profit"), self.measures.currency)

    @property
    def investment(self) -> Money:
        """Total investment."""
        return self.measures.investment

    @property
    def return_(self) -> Money:
        """Total return: revenue plus valued actions."""
        return self.measures.return_


def data_columns(vocabulary: Vocabulary = VOCABULARY) -> tuple[str, ...]:
    """The columns a report keeps per row: every additive measure of the vocabulary, the
    reach bounds, whether reach was measured (1.0) or is only bounded by impressions (0.0),
    whether a return was recorded (1.0) or not (0.0), and the part of the return recorded on
    paid activity."""
    return (
        *vocabulary.additive,
        "reach_low",
        "reach_high",
        "reach_measured",
        "return_recorded",
        "paid_return",
    )


#: Flags that merge by "or" (the maximum), not by adding.
_FLAG_COLUMNS = frozenset(("reach_low", "reach_measured", "return_recorded"))


def measures_to_data(
    measures: Sequence[Measures],
    paid_return: Sequence[float] | None = None,
    vocabulary: Vocabulary = VOCABULARY,
) -> dict[str, Float64Array]:
    """Rows of measures as report columns."""
    dicts = [m.to_dict() for m in measures]
    names = (*vocabulary.additive, "reach_low", "reach_high")
    data = {k: np.array([d[k] for d in dicts], dtype=np.float64) for k in names}
    data["reach_measured"] = np.array([m.reach is not None for m in measures], dtype=np.float64)
    data["return_recorded"] = np.array([m.return_recorded for m in measures], dtype=np.float64)
    paid = [m.return_.amount for m in measures] if paid_return is None else paid_return
    data["paid_return"] = np.array(paid, dtype=np.float64)
    return data


class CheckedColumns(dict[str, Float64Array]):
    """Report columns a roll-up computed from checked measures (float64, one-dimensional,
    finite, >= 0, found finite once summed): a report takes them as they are."""


def _arrays(data: object) -> dict[str, Float64Array]:
    """Checked report columns: one-dimensional, finite, >= 0 (names are checked against the
    report's vocabulary once it is known)."""
    if isinstance(data, CheckedColumns):
        return data
    if not isinstance(data, Mapping):
        raise InvalidTypeError(f"'data' must map report column names to arrays: {data!r}")
    out: dict[str, Float64Array] = {}
    for name, values in data.items():
        if not isinstance(name, str):
            raise UnknownNameError(f"'data' has a column {name!r} that is not a report column")
        array = as_float_array(values, argument=f"data[{name!r}]")
        if array.ndim != 1:
            raise InvalidValueError(f"'data[{name!r}]' must be one-dimensional: {array.shape}")
        out[name] = array
    return out


def _with_defaults(data: dict[str, Float64Array], vocabulary: Vocabulary) -> None:
    """Add the columns a roll-up may leave out: a return is recorded where a revenue or
    valued-action column is present, and all of the return is paid."""
    known = set(data_columns(vocabulary))
    for name in data:
        if name not in known:
            raise UnknownNameError(
                f"'data' has a column {name!r} that is not a report column of vocabulary "
                f"{vocabulary.name!r}"
            )
    size = len(next(iter(data.values()), ()))
    sources = return_sources(vocabulary)
    if "return_recorded" not in data:
        present = any(c in data for c in sources)
        data["return_recorded"] = np.full(size, float(present))
    if "paid_return" not in data:
        parts = [data[c] for c in sources[:-1] if c in data]
        data["paid_return"] = np.sum(parts, axis=0) if parts else np.zeros(size)


def sums_of(column: Float64Array) -> float:
    """The sum of a column added one value at a time, in order (as a merge adds)."""
    if not len(column):
        return 0.0
    with np.errstate(over="ignore"):  # beyond float64 is inf: the caller names it
        return float(np.cumsum(column)[-1])


def _by(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'by' must be a sequence of dimension names: {value!r}")
    if not all(isinstance(d, str) and d for d in value) or len(set(value)) != len(value):
        raise InvalidValueError(f"'by' must name distinct dimensions (strings): {value!r}")
    return tuple(value)


def _keys(value: object) -> Sequence[Key]:
    if isinstance(value, KeyColumns):  # a roll-up's distinct groups, as columns
        return value
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'keys' must be a sequence of label tuples: {value!r}")
    keys = []
    for key in value:
        if not isinstance(key, tuple):
            raise InvalidTypeError(f"'keys' must hold tuples of labels: {key!r}")
        try:
            keys.append(tuple(check_label(label, argument="keys") for label in key))
        except InvalidTypeError:
            raise InvalidTypeError(
                f"'keys' must hold tuples of string or integer labels: {key!r}"
            ) from None
    return tuple(keys)


def _window(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InvalidTypeError(f"'attribution_window' must be a string or None: {value!r}")


def _shown(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    names = _column_names(value)
    assert names is not None
    if not names or len(set(names)) != len(names):
        raise InvalidValueError(f"'columns' must name one or more distinct columns: {value!r}")
    return tuple(names)


def _row_levels(value: object) -> tuple[Mapping[str, Level], ...]:
    """Each row's levels (names checked against the vocabulary once it is known)."""
    if value is None:
        return ()
    if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence):
        raise InvalidTypeError(f"'levels' must be a sequence of one mapping per row: {value!r}")
    rows = tuple(value)
    for levels in rows:
        if not isinstance(levels, Mapping) or not all(
            isinstance(level, Level) for level in levels.values()
        ):
            raise InvalidTypeError(
                f"'levels' must hold one mapping of level names to socialroi.Level per row: "
                f"{levels!r}"
            )
    return rows


@attrs.frozen(eq=False)
class Report:
    """Rows of merged measures keyed by dimensions, with metric columns read from them.

    Build one with :func:`report` (from activities) or :func:`rollup` (from columns or a data
    frame). The report is columnar: one float64 array per measure, one label per row and
    dimension. ``column(name)`` gives a dimension, a measure or a metric as an array;
    ``to_records()`` gives one dict per row; ``total`` is the merge of every row; ``a + b``
    merges two reports of the same dimensions (partial roll-ups of chunks combine into the
    roll-up of the whole).
    """

    by: tuple[str, ...] = attrs.field(converter=_by)
    #: One key per row: a label per dimension, a string or an integer id.
    keys: Sequence[Key] = attrs.field(converter=_keys)
    data: Mapping[str, Float64Array] = attrs.field(converter=_arrays)
    currency: str = attrs.field(converter=check_currency)
    zero_division: ZeroDivision = attrs.field(
        default=math.nan, converter=check_zero_division, kw_only=True
    )
    vocabulary: Vocabulary = attrs.field(
        default=VOCABULARY, converter=check_vocabulary, kw_only=True
    )
    #: Each row's levels (followers...) by name, with their readings per series; empty when
    #: no level was read. Levels are not columns of sums: they merge by their own rule.
    levels: tuple[Mapping[str, Level], ...] = attrs.field(
        default=None, converter=_row_levels, kw_only=True
    )
    #: The columns :meth:`select` chose, in order (None: all of them); tables and exports
    #: show these.
    shown: tuple[str, ...] | None = attrs.field(default=None, converter=_shown, kw_only=True)
    #: The attribution window every row's conversions were counted under, where the data
    #: said one (a roll-up of the sources' frames); None where they did not say.
    attribution_window: str | None = attrs.field(default=None, converter=_window, kw_only=True)

    def __attrs_post_init__(self) -> None:
        assert isinstance(self.data, dict)  # the converter's own copy
        if self.levels and len(self.levels) != len(self.keys):
            raise InvalidValueError(
                f"'levels' needs one mapping per row: {len(self.levels)} for {len(self.keys)} rows"
            )
        for levels in self.levels:
            for name in levels:
                self.vocabulary.level(name, argument="levels key")
        if not any(self.levels):
            object.__setattr__(self, "levels", ())
        _with_defaults(self.data, self.vocabulary)
        columns = data_columns(self.vocabulary)
        missing = [c for c in columns if c not in self.data]
        if missing:
            raise InvalidValueError(f"report data lacks columns {missing}")
        if any(len(self.data[c]) != len(self.keys) for c in columns):
            raise InvalidValueError("report data needs one value per row in every column")
        if isinstance(self.keys, KeyColumns):  # one label column per dimension, distinct
            return
        if any(len(key) != len(self.by) for key in self.keys):
            raise InvalidValueError(f"every key needs one label per dimension of {self.by}")
        if len(set(self.keys)) != len(self.keys):
            raise InvalidValueError("report keys must be distinct: merge rows with equal keys")
        for name in self.shown or ():
            self.column(name)  # an unknown name raises, naming close matches

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return (
            (self.by, self.keys, self.currency) == (other.by, other.keys, other.currency)
            and self.attribution_window == other.attribution_window
            and _nan_equal_key(self.zero_division) == _nan_equal_key(other.zero_division)
            and self.vocabulary == other.vocabulary
            and self.levels == other.levels
            and self.shown == other.shown
            and all(np.array_equal(self.data[c], other.data[c]) for c in self._columns)
        )

    __hash__ = None  # type: ignore[assignment]  # holds arrays

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def row_measures(self) -> tuple[Measures, ...]:
        """Each row's merged measures."""
        return tuple(self._row(i) for i in range(len(self)))

    @property
    def _columns(self) -> tuple[str, ...]:
        return data_columns(self.vocabulary)

    def _row(self, i: int) -> Measures:
        v = self.vocabulary
        d = {name: float(self.data[name][i]) for name in self._columns}
        reach = Reach(d["reach_low"], d["reach_high"]) if d["reach_measured"] else None
        return Measures(
            self.currency,
            actions={k: d[k] for k in v.action_names if d[k]},
            costs={k: d[k] for k in v.costs if d[k]},
            revenue=d["revenue"],
            action_value={k.removeprefix("value_"): d[k] for k in v.value_names if d[k]},
            reach=reach,
            durations={k: d[k] for k in v.duration_names if d[k]},
            levels=self.levels[i] if self.levels else None,
            return_recorded=bool(d["return_recorded"]),
            vocabulary=v,
        )

    def __iter__(self) -> Iterator[Row]:
        for i, key in enumerate(self.keys):
            measures = self._row(i)
            yield Row(
                tuple(zip(self.by, key, strict=True)),
                measures,
                zero_division=self.zero_division,
                paid_return=min(float(self.data["paid_return"][i]), measures.return_.amount),
            )

    @property
    def total(self) -> Row:
        """The merge of every row: the campaign total."""
        merged = self._merged_columns()
        if merged is None:  # a sum beyond float64: the merge of the rows names it
            merged = merge_all(self.row_measures, self.currency, self.vocabulary)
        paid = min(float(self.data["paid_return"].sum()), merged.return_.amount)
        return Row((), merged, zero_division=self.zero_division, paid_return=paid)

    def _merged_columns(self) -> Measures | None:
        """The merge of every row, read from the columns: each sum added row by row in
        order (``np.cumsum`` is sequential), so it is exactly the sum of merging the rows one
        at a time, without building a Measures per row. None where a sum overflows."""
        v, d = self.vocabulary, self.data

        def sums(names: Iterable[str]) -> dict[str, float] | None:
            out = {}
            for name in names:
                total = sums_of(d[name])
                if total == math.inf:
                    return None
                if total:
                    out[name] = total
            return out

        actions, costs = sums(v.action_names), sums(v.costs)
        values, durations = sums(v.value_names), sums(v.duration_names)
        revenue = sums(["revenue"])
        measured = d["reach_measured"] != 0
        both = np.where(measured, d["reach_high"], d["impressions"])
        high = sums_of(both)
        if (
            actions is None
            or costs is None
            or values is None
            or durations is None
            or revenue is None
            or high == math.inf
        ):
            return None
        levels: dict[str, Level] = {}
        for row in self.levels:
            if row:
                levels = merged_levels(levels, dict(row))
        reach = Reach(float(d["reach_low"][measured].max()), high) if measured.any() else None
        return Measures._trusted(
            self.currency,
            v,
            actions,
            costs,
            revenue.get("revenue", 0.0),
            {k.removeprefix("value_"): t for k, t in values.items()},
            reach,
            durations,
            {n: levels[n] for n in v.levels if n in levels},
            bool(d["return_recorded"].any()),
        )

    def row(self, *labels: Label) -> Row:
        """The row whose labels on ``by`` are ``labels``, in order. An integer id may also
        be named by its digits: ``row(916)`` and ``row("916")`` are the same row."""
        for label in labels:
            check_label(label, argument="labels")
        for row, key in zip(self, self.keys, strict=True):
            if key == labels:
                return row
        for row, key in zip(self, self.keys, strict=True):
            if matches(key, labels):
                return row
        raise UnknownNameError(
            f"no row {labels!r} in this report (by {self.by}); rows: {list(self.keys)}"
        )

    def __add__(self, other: object) -> Report:
        """Merge two reports rolled up by the same dimensions, row by row."""
        if not isinstance(other, Report):
            raise InvalidTypeError(f"can only merge a Report with a Report: {other!r}")
        if other.by != self.by:
            raise InvalidValueError(f"reports by {self.by} and by {other.by} do not merge")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot merge reports in {self.currency} and {other.currency}; convert first"
            )
        windows = (self.attribution_window, other.attribution_window)
        if None not in windows and windows[0] != windows[1]:
            raise InvalidValueError(
                f"cannot merge reports of conversions counted under the attribution windows "
                f"{windows[0]!r} and {windows[1]!r}: they do not add up; roll both up by "
                "'attribution_window' to compare them"
            )
        if other.vocabulary != self.vocabulary:
            raise VocabularyMismatchError(
                f"cannot merge reports on vocabularies {self.vocabulary.name!r} and "
                f"{other.vocabulary.name!r}; roll both up with one vocabulary"
            )
        keys = tuple(sorted_keys(set(self.keys) | set(other.keys)))
        index = {k: i for i, k in enumerate(keys)}
        data = {c: np.zeros(len(keys)) for c in self._columns}
        levels: list[dict[str, Level]] = [{} for _ in keys]
        for part in (self, other):
            at = np.array([index[k] for k in part.keys], dtype=np.intp)
            for c in self._columns:
                if c in _FLAG_COLUMNS:
                    data[c][at] = np.maximum(data[c][at], part.data[c])
                else:
                    data[c][at] += part.data[c]
            for i, read in zip(at.tolist(), part.levels, strict=False):
                levels[i] = merged_levels(levels[i], dict(read))
        return Report(
            self.by,
            keys,
            data,
            self.currency,
            zero_division=self.zero_division,
            vocabulary=self.vocabulary,
            levels=levels,
            shown=self.shown,
            attribution_window=self.attribution_window or other.attribution_window,
        )

    def _take(self, rows: Sequence[int], shown: tuple[str, ...] | None) -> Report:
        at = np.asarray(rows, dtype=np.intp)
        return Report(
            self.by,
            tuple(self.keys[i] for i in rows),
            {c: self.data[c][at] for c in self._columns},
            self.currency,
            zero_division=self.zero_division,
            vocabulary=self.vocabulary,
            levels=[self.levels[i] for i in rows] if self.levels else None,
            shown=shown,
            attribution_window=self.attribution_window,
        )

    def select(self, *columns: str | Sequence[str]) -> Report:
        """The report showing only ``columns`` (dimensions, measures or metrics), in that
        order, in tables and exports; every row and measure is kept, so metrics, the total
        and the other verbs still read everything.

        >>> import socialroi as sr
        >>> acts = [sr.Activity(c, "paid", sr.Measures.of("USD", ad_spend=s, revenue=r))
        ...         for c, s, r in (("a", 100, 300), ("b", 200, 250), ("c", 50, 0))]
        >>> rep = sr.report(acts, by="channel").select("channel", "roi")
        >>> rep.columns
        ('channel', 'roi')
        >>> print(rep.sort("roi", descending=True).to_text())
        channel   roi
              a  200%
              b   25%
              c  -100%
        """
        if len(columns) == 1 and not isinstance(columns[0], str):
            columns = tuple(columns[0])  # select(["a", "b"]), as polars allows
        return self._take(range(len(self)), _shown(columns))

    def sort(
        self, by: str | Sequence[str], *, descending: bool | Sequence[bool] = False
    ) -> Report:
        """The rows sorted by the columns ``by`` (any dimension, measure or metric; the
        first decides, the next break ties), ascending unless ``descending`` (one flag, or
        one per column). Undefined values (NaN) come last either way; ties keep their order.
        """
        return self._take(sort_order(self, by, descending), self.shown)

    def filter(self, predicate: Callable[[Row], bool] | Sequence[bool] | np.ndarray) -> Report:
        """The rows where ``predicate`` holds: a function of a :class:`Row` returning a bool
        (``lambda row: row.roi > 1``) or one bool per row (``report["roi"] > 1``).

        The result is a report like any other: its :attr:`total` is the merge of the rows
        it kept (not the total of the report it came from), so every metric of the total is
        read from the kept rows' sums. No row kept gives an empty report."""
        return self._take(kept(self, predicate), self.shown)

    def head(self, n: int = 5) -> Report:
        """The first ``n`` rows (all of them where there are fewer)."""
        return self._take(range(min(count(n, "n"), len(self))), self.shown)

    def top_k(self, k: int, *, by: str | Sequence[str]) -> Report:
        """The ``k`` rows with the largest values of ``by``, largest first (as polars'
        ``top_k``); undefined values never rank. For the rows a lower value favours (the
        cheapest CPA), use :meth:`bottom_k`."""
        return self.sort(by, descending=True).head(count(k, "k"))

    def bottom_k(self, k: int, *, by: str | Sequence[str]) -> Report:
        """The ``k`` rows with the smallest values of ``by``, smallest first."""
        return self.sort(by).head(count(k, "k"))

    def _measure_columns(self) -> dict[str, Float64Array]:
        columns = {c: self.data[c] for c in self._columns if c != "reach_measured"}
        for name in self.vocabulary.levels:
            read = [levels.get(name) for levels in self.levels] or [None] * len(self)
            for end in ("opening", "closing"):
                columns[f"{name}_{end}"] = np.array(
                    [0.0 if r is None else getattr(r, end) for r in read], dtype=np.float64
                )
        return columns

    @property
    def metrics(self) -> tuple[str, ...]:
        """The metrics the data support (see :meth:`Metric.supported_by`), in catalog order."""
        columns = self._measure_columns()
        v = self.vocabulary
        return tuple(
            name for name, m in catalog(v).items() if m.supported_by(columns, vocabulary=v)
        )

    @property
    def measures(self) -> tuple[str, ...]:
        """The measure columns shown: money first, then recorded counts and reach bounds."""
        columns = self._measure_columns()
        v = self.vocabulary
        shown = ["investment"]
        shown += [c for c in v.costs if columns[c].any()]
        shown += ["revenue"]
        if any(columns[n].any() for n in v.value_names):
            shown += ["valued_actions"]
        shown += ["return"]
        shown += [a for a in v.action_names if columns[a].any()]
        shown += [t for t in v.duration_names if columns[t].any()]
        shown += [
            f"{name}_{end}"
            for name in v.levels
            if any(name in levels for levels in self.levels)
            for end in ("opening", "closing")
        ]
        if self.data["reach_measured"].any():
            shown += ["reach_low", "reach_high"]
        return tuple(shown)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of :meth:`to_records` and the data-frame exports: the columns
        :meth:`select` chose, else dimensions, measures, then the metrics the data support."""
        if self.shown is not None:
            return self.shown
        return (*self.by, *self.measures, *self.metrics)

    @property
    def default_columns(self) -> tuple[str, ...]:
        """The columns :meth:`to_text` and the notebook show unless told (:meth:`select`
        chooses others): the dimensions, investment, return, then every metric the data
        support, leaving out a metric whose column equals one shown before it (MER where all
        return is paid, as ROAS; cost per engagement where link clicks are the only
        engagements, as CPC; profit, which is return - investment). Every column is still
        in :attr:`columns` and the exports."""
        shown = [*self.by, "investment", "return"]
        seen: list[tuple[str, np.ndarray]] = []
        for name in self.metrics:
            if name == "profit":
                continue
            unit, values = unit_of(name, self.vocabulary), self.column(name)
            if any(u == unit and np.array_equal(values, v, equal_nan=True) for u, v in seen):
                continue
            seen.append((unit, values))
            shown.append(name)
        return tuple(shown)

    def column(self, name: str) -> np.ndarray:
        """A dimension (strings), a measure or a metric (float64) as an array, row order."""
        if not isinstance(name, str):
            raise InvalidTypeError(f"'name' must be a column name (a string): {name!r}")
        if name in self.by:
            i = self.by.index(name)
            if isinstance(self.keys, KeyColumns):
                # a roll-up's dimension holds labels of one type: ids when its first is one
                column = self.keys.column(i)
                first = column[0] if column.size else None
                if isinstance(first, int) and not isinstance(first, bool):
                    try:
                        return column.astype(np.int64)
                    except OverflowError:  # ids beyond int64 stay Python ints
                        return column
                return column
            labels = [key[i] for key in self.keys]
            if labels and all(isinstance(label, int) for label in labels):  # integer ids
                return np.array(labels, dtype=np.int64 if _fits_int64(labels) else object)
            return np.array(labels, dtype=object)
        columns = self._measure_columns()
        if name in columns:
            return columns[name]
        metrics = catalog(self.vocabulary)
        if name in metrics:
            return np.asarray(
                metrics[name].compute(
                    columns, zero_division=self.zero_division, vocabulary=self.vocabulary
                ),
                dtype=np.float64,
            )
        if name in measure_names(self.vocabulary):
            return measure_column(columns, name, self.vocabulary)
        known = [*self.by, *columns, *measure_names(self.vocabulary), *metrics]
        close = difflib.get_close_matches(name, dict.fromkeys(known), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise UnknownNameError(
            f"unknown column {name!r}{hint}. A report's columns are its dimensions "
            f"{self.by}, the measures and the metrics of vocabulary "
            f"{self.vocabulary.name!r}; shown here: {', '.join(self.columns)}"
        )

    def __getitem__(self, name: str) -> np.ndarray:
        """``report["cpa"]`` is ``report.column("cpa")``: a dimension, measure or metric."""
        return self.column(name)

    def to_records(self) -> list[dict[str, str | int | float]]:
        """One dict per row: dimension labels (strings or integer ids), then measures and
        supported metrics."""
        cols = {name: self.column(name) for name in self.columns if name not in self.by}
        out: list[dict[str, str | int | float]] = []
        for i, key in enumerate(self.keys):
            record: dict[str, str | int | float] = dict(zip(self.by, key, strict=True))
            record.update({name: float(c[i]) for name, c in cols.items()})
            out.append(record)
        return out

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is in the test extra
            raise MissingDependencyError("to_pandas needs pandas: pip install pandas") from None
        return pd.DataFrame({name: self.column(name) for name in self.columns})

    def to_polars(self) -> Any:
        """The records as a polars DataFrame (needs polars)."""
        try:
            import polars as pl
        except ImportError:  # pragma: no cover - polars is in the test extra
            raise MissingDependencyError("to_polars needs polars: pip install polars") from None
        return pl.DataFrame(
            {n: self.column(n).tolist() if n in self.by else self.column(n) for n in self.columns}
        )

    def _shown_names(self, columns: object) -> Sequence[str]:
        names = _column_names(columns)
        if names is not None:
            return names
        return self.shown if self.shown is not None else self.default_columns

    def to_text(
        self, columns: Sequence[str] | None = None, *, precision: int = DEFAULT_PRECISION
    ) -> str:
        """A plain-text table of ``columns`` (unless given, those :meth:`select` chose, else
        :attr:`default_columns`); print it (the library never prints).

        Numbers show ``precision`` significant figures (3 by default) and never fewer than
        their unit's usual decimals: money in cents, fractions as percentages (a CTR of
        0.000176 as ``0.0176%``), multiples with an "x"; undefined values as "n/a"."""
        names = self._shown_names(columns)
        return table_text(self, names, precision=check_precision(precision))

    def to_html(
        self, columns: Sequence[str] | None = None, *, precision: int = DEFAULT_PRECISION
    ) -> str:
        """The notebook's HTML table, formatted as :meth:`to_text`."""
        caption = f"Report by {', '.join(self.by)}" if self.by else "Report"
        return table_html(
            self,
            caption=f"{caption} ({self.currency})",
            names=self._shown_names(columns),
            precision=check_precision(precision),
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("Report(...)" if cycle else self.to_text())


def _column_names(columns: object) -> Sequence[str] | None:
    if columns is not None and (
        isinstance(columns, str)
        or not isinstance(columns, Sequence)
        or not all(isinstance(c, str) for c in columns)
    ):
        raise InvalidTypeError(f"'columns' must be a sequence of column names: {columns!r}")
    return columns


def _key_of(dims: tuple[str, ...]) -> Callable[[Activity], tuple[object, ...]]:
    """The key of an activity on ``dims``: built-in dimensions read as attributes in one
    call (the mode as its member, named in :func:`_labels`), others by name."""
    if all(d in BUILTIN_DIMENSIONS for d in dims):
        if len(dims) == 1:
            get = operator.attrgetter(dims[0])
            return lambda item: (get(item),)
        return operator.attrgetter(*dims) if dims else lambda item: ()
    return lambda item: tuple(item.dimension(d) for d in dims)


def _labels(key: tuple[object, ...]) -> Key:
    return tuple(k.value if isinstance(k, Mode) else k for k in key)  # type: ignore[misc]


def _fits_int64(labels: Sequence[Label]) -> bool:
    return all(-(2**63) <= int(label) < 2**63 for label in labels)


def report(
    activities: Iterable[Activity],
    *,
    by: str | Sequence[str] = ("channel", "mode"),
    zero_division: ZeroDivision = math.nan,
) -> Report:
    """Roll activities up by the dimensions ``by``: merge measures, then read metrics.

    ``by=()`` gives a single row, the whole campaign. Rows are sorted by their labels, in
    their natural order: integer ids as numbers, strings as text.

    Examples
    --------
    >>> import socialroi as sr
    >>> acts = [
    ...     sr.Activity("linkedin", "paid", sr.Measures.of("USD", ad_spend=8_000, revenue=30_000)),
    ...     sr.Activity("x", "organic", sr.Measures.of("USD", salaries=12_000, revenue=15_000)),
    ... ]
    >>> campaign = sr.report(acts, by=())
    >>> campaign.total.roi
    1.25
    >>> sr.report(acts, by="channel").column("roi").tolist()
    [2.75, 0.25]
    """
    dims = (by,) if isinstance(by, str) else by
    if not isinstance(dims, Sequence) or not all(isinstance(d, str) for d in dims):
        raise InvalidTypeError(f"'by' must be a dimension name or a sequence of names: {by!r}")
    dims = tuple(dims)
    if isinstance(activities, (str, bytes, Activity)) or not isinstance(activities, Iterable):
        raise InvalidTypeError(f"'activities' must be an iterable of Activity: {activities!r}")
    items = list(activities)
    if not items:
        raise InvalidValueError("'activities' is empty; a report needs at least one activity")
    for item in items:
        if not isinstance(item, Activity):
            raise InvalidTypeError(f"'activities' must hold socialroi.Activity items: {item!r}")
    if len(set(dims)) != len(dims):
        raise InvalidValueError(f"'by' names a dimension twice: {dims!r}")
    currency = items[0].measures.currency
    vocabulary = items[0].measures.vocabulary
    key_of = _key_of(dims)
    groups: dict[tuple[object, ...], Accumulator] = {}
    paid: dict[tuple[object, ...], float] = {}
    paid_mode = Mode.PAID
    for item in items:
        key = key_of(item)
        sums = groups.get(key)
        if sums is None:
            sums = groups[key] = Accumulator(currency, vocabulary)
        part = item.measures
        sums.add(part)
        if item.mode is paid_mode:  # ROAS reads paid return only
            value = part._action_value
            amount = part.revenue + (math.fsum(value.values()) if value else 0.0)
            paid[key] = paid.get(key, 0.0) + amount
    labelled = {_labels(key): key for key in groups}
    keys = tuple(sorted_keys(labelled))
    merged = [groups[labelled[k]].measures() for k in keys]
    data = measures_to_data(
        merged,
        [
            min(paid.get(labelled[k], 0.0), m.return_.amount)
            for k, m in zip(keys, merged, strict=True)
        ],
        vocabulary,
    )
    return Report(
        dims,
        keys,
        data,
        currency,
        zero_division=zero_division,
        vocabulary=vocabulary,
        levels=[m._levels for m in merged],
    )
