"""Meta's action lists read in a lazy frame's engine (polars lazy, DuckDB, PySpark), by the
rule of :mod:`socialroi.sources._meta_actions`.

The lists are exploded to one row per ``{action_type, value}`` entry, each entry tagged
with its measure and rank (the rule runs in Python on the distinct action types, a small
query), and summed back per input row by rank; a measure is its row's ``omni_`` total, else
its bare total, else the sum of its parts, as on an eager frame. Rows are told apart by a
row index over every column that can be ordered: rows that tie on all of them are alike in
everything a roll-up reads, so which of them gets which actions cannot change a total.
Engines that cannot explode a list in the engine (Dask) are told to collect first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._reports.text import check_text
from socialroi.sources._meta_actions import classify, strangers_error
from socialroi.sources._read import number_text

_ROW, _TYPE, _VALUE = "__row", "__type", "__value"
RANKS = (0, 1, 2)


def _collect(frame: Any) -> dict[str, list[Any]]:
    done = frame.collect() if hasattr(frame, "collect") else frame
    return dict(done.to_dict(as_series=False))


def _readable(nw: Any, frame: Any, lists: Sequence[str]) -> list[str]:
    """The lists to read: of structs {action_type, value} (or, on Spark, maps), leaving out
    a list column with no entry at all (its type is then unknown); any other is refused."""
    schema = frame.collect_schema()
    out = []
    for name in lists:
        dtype = schema[name]
        inner = getattr(dtype, "inner", None)
        fields = {f.name for f in getattr(inner, "fields", ())}
        if isinstance(inner, nw.Struct) and {"action_type", "value"} <= fields:
            out.append(name)
            continue
        if isinstance(dtype, nw.List) and not isinstance(inner, nw.Struct):
            if frame.implementation.is_spark_like():  # maps of the entries' keys
                out.append(name)
                continue
            most = _collect(frame.select(nw.col(name).list.len().max().alias("n")))["n"][0]
            if not most:
                continue
        raise InvalidTypeError(
            f"column {name!r} holds lists of actions, which {frame.implementation} "
            f"cannot read in the engine as {dtype}: collect the frame first (.compute(), "
            ".collect(), .df()), or give the column the type of the API's lists "
            "(a list of structs {action_type, value}); API responses are small"
        )
    return out


def expand_lazy(
    nw: Any, frame: Any, unknown: str, given: Iterable[str], title: str
) -> tuple[Any, list[str]]:
    """``frame`` (lazy) with its action lists replaced by measure columns ``__<measure>``,
    and those columns' names."""
    schema = frame.collect_schema()
    lists = [c for c in ("actions", "action_values") if c in schema]
    if not lists:
        return frame, []
    read = _readable(nw, frame, lists)
    keys = [c for c, d in schema.items() if c not in lists and _orderable(nw, d)]
    if not keys:
        raise InvalidValueError(
            f"the {title} data hold only action lists ({lists}): request the fields "
            "date_start and campaign_name (level=campaign) with them"
        )
    indexed = frame.with_row_index(_ROW, order_by=keys)
    taken = set(given)
    added: list[str] = []
    frame = indexed.drop(*lists)
    for name in read:
        entries = (
            indexed.select(_ROW, name)
            .explode(name)
            .select(
                _ROW,
                nw.col(name).struct.field("action_type").cast(nw.String).alias(_TYPE),
                nw.col(name).struct.field("value").alias(_VALUE),
            )
            .filter(~nw.col(_TYPE).is_null())
        )
        found = _collect(entries.select(_TYPE).unique())[_TYPE]
        tags = _tags(found, name, values=name == "action_values", unknown=unknown, taken=taken)
        if not tags:
            continue
        if entries.collect_schema()[_VALUE] == nw.String:
            checks = [(name, _VALUE, number_text(nw, _VALUE), "numbers")]
            check_text(nw, entries, checks, f"the {title} data")
            value = number_text(nw, _VALUE).cast(nw.Float64)
        else:
            value = nw.col(_VALUE).cast(nw.Float64)
        columns = {target: target for target in sorted({t for t, _ in tags.values()})}
        added += columns
        per_row = _per_row(nw, entries, tags, columns, value, name)
        frame = frame.join(per_row, on=_ROW, how="left").with_columns(
            *(nw.col(f"__{c}").fill_null(0.0) for c in columns.values())
        )
    return frame.drop(_ROW), [f"__{m}" for m in added]


def _orderable(nw: Any, dtype: Any) -> bool:
    return not isinstance(dtype, (nw.List, nw.Struct, nw.Array, nw.Object, nw.Unknown))


def _tags(
    types: Iterable[str | None], column: str, *, values: bool, unknown: str, taken: set[str]
) -> dict[str, tuple[str, int]]:
    """Each action type's measure and rank (the types left out are not in it)."""
    tags: dict[str, tuple[str, int]] = {}
    strangers = set()
    for action_type in types:
        if action_type is None:  # pragma: no cover - filtered out in the engine
            continue
        target, rank, stranger = classify(action_type, values=values, unknown=unknown)
        if stranger:
            strangers.add(action_type)
        if target is not None and target not in taken:
            tags[action_type] = (target, rank)
    if strangers and unknown == "raise":
        raise strangers_error(column, strangers)
    return tags


def _per_row(
    nw: Any,
    entries: Any,
    tags: dict[str, tuple[str, int]],
    columns: dict[str, str],
    value: Any,
    list_name: str,
) -> Any:
    """One row per input row with entries: ``__<column>`` of each target, by the rule."""
    kind = nw.col(_TYPE)
    parts, names = [], []
    for i, target in enumerate(columns):
        for rank in RANKS:
            types = [t for t, (m, r) in tags.items() if m == target and r == rank]
            hit = kind.is_in(types) if types else nw.lit(False)
            parts.append(nw.when(hit).then(value).otherwise(0.0).alias(f"__s{i}_{rank}"))
            parts.append(hit.cast(nw.Int64).alias(f"__n{i}_{rank}"))
            names += [f"__s{i}_{rank}", f"__n{i}_{rank}"]
    sums = (
        entries.filter(kind.is_in(list(tags)))
        .with_columns(*parts)
        .group_by(_ROW)
        .agg(*(nw.col(n).sum() for n in names))
    )
    totals = [f"__n{i}_{r}" for i in range(len(columns)) for r in (0, 1)]
    twice = _collect(sums.select(nw.max_horizontal(*totals).max().alias("n")))["n"][0]
    if (twice or 0) > 1:
        raise InvalidValueError(f"column {list_name!r} holds an action type twice in one row")
    best = []
    for i, column in enumerate(columns.values()):
        s0, s1, s2 = (nw.col(f"__s{i}_{r}") for r in RANKS)
        n0, n1 = nw.col(f"__n{i}_0"), nw.col(f"__n{i}_1")
        rule = nw.when(n0 > 0).then(s0).otherwise(nw.when(n1 > 0).then(s1).otherwise(s2))
        best.append(rule.alias(f"__{column}"))
    return sums.select(_ROW, *best)
