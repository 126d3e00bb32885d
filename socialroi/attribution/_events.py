"""Journeys from an event log, counted in the caller's engine: one row per event (user,
time, channel, conversion flag, conversion value) in any data frame narwhals supports; only
the path table (one row per distinct path) leaves the engine.

A journey is a user's touches up to and including a conversion; the next journey starts
after it, and the touches after a user's last conversion form a journey that did not
convert (a null). Windows, transforms and counts run as the engine's own window functions
and group-bys (lazily where the input is lazy): polars, DuckDB, Spark and pandas run them
directly; Dask shuffles the events by user and runs them on each partition with pandas,
then adds the partitions' path tables in its own group-by; a pyarrow table goes through
pandas. Channels travel as integer codes, and each journey's path as a few int64 key
columns (``_path_keys``): the engine groups journeys and paths by numbers, and numpy
unpacks the small table.
"""

from __future__ import annotations

import datetime
import math
import numbers
import warnings
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi.attribution._path_keys import Labels, Layout, table_from_keys
from socialroi.attribution._paths import PathTable, Transform, check_touches, check_transforms

# private column names, out of the way of the caller's
_U, _T, _CH, _K, _C, _V, _SEG, _TOUCH = (
    "__sr_user",
    "__sr_time",
    "__sr_channel",
    "__sr_code",  # the channel label's code (Labels); -1 on conversion rows
    "__sr_conversion",
    "__sr_value",
    "__sr_journey",
    "__sr_touch",
)
# touches at a conversion's time come before it; ties by channel name (codes follow the
# sorted names), so every engine orders them alike
_ORDER = [_T, _C, _K]
_KEY = [_U, _SEG]  # a journey
_MAX_DAYS = 100_000  # about 274 years: within pandas' nanosecond timedeltas
# key columns a bound on the path length may ask for; beyond, the engine measures the
# longest path first (one more pass)
_MAX_KEY_COLUMNS = 4


def _narwhals() -> Any:
    import narwhals.stable.v2 as nw

    return nw


def _open(nw: Any, events: object) -> Any:
    try:
        with warnings.catch_warnings():  # narwhals announces Dask moving to a plugin
            warnings.filterwarnings(
                "ignore", message="Dask support is moving", category=FutureWarning
            )
            return nw.from_native(events)
    except TypeError:
        raise InvalidTypeError(
            "'events' must be a data frame (pandas, polars, pyarrow, DuckDB, Dask...) with one "
            f"row per event: {type(events).__name__}"
        ) from None


def _column(schema: Any, argument: str, name: object) -> str:
    if not isinstance(name, str):
        raise InvalidTypeError(f"{argument!r} must be a column name (a string): {name!r}")
    if name not in schema:
        raise InvalidValueError(
            f"{argument}={name!r} is not a column of 'events': columns are {list(schema)}"
        )
    return name


def _check_types(nw: Any, schema: Any, names: dict[str, str | None]) -> None:
    time = schema[names["time"]]
    if not (time == nw.Date or isinstance(time, nw.Datetime)):
        raise InvalidTypeError(
            f"time={names['time']!r} holds {time}, not dates or datetimes: parse it first "
            "(pandas.to_datetime, polars' str.to_datetime, a SQL CAST)"
        )
    channel = schema[names["channel"]]
    if not (channel == nw.String or channel == nw.Categorical or isinstance(channel, nw.Enum)):
        raise InvalidTypeError(
            f"channel={names['channel']!r} holds {channel}, not channel names (strings)"
        )
    flag = schema[names["conversion"]]
    if not (flag.is_integer() or flag == nw.Boolean):
        raise InvalidTypeError(
            f"conversion={names['conversion']!r} holds {flag}: it must flag conversions with "
            "1 or True (0 or False on touches)"
        )
    if names["value"] is not None and not schema[names["value"]].is_numeric():
        raise InvalidTypeError(
            f"value={names['value']!r} holds {schema[names['value']]}, not numbers"
        )


def _select(nw: Any, frame: Any, names: dict[str, str | None]) -> Any:
    flag = nw.col(names["conversion"]).cast(nw.Int64)
    value = nw.lit(0.0) if names["value"] is None else nw.col(names["value"]).cast(nw.Float64)
    return frame.select(
        nw.col(names["user"]).alias(_U),
        nw.col(names["time"]).alias(_T),
        nw.col(names["channel"]).cast(nw.String).alias(_CH),
        flag.alias(_C),
        value.alias(_V),
    )


def _collect(frame: Any) -> Any:
    return frame.collect() if hasattr(frame, "collect") else frame


def _check_values(nw: Any, frame: Any, names: dict[str, str | None]) -> None:
    """One pass over the events counts every kind of bad row; only the counts come back."""
    touch = nw.col(_C) == 0
    count = [
        ("user", nw.col(_U).is_null(), "an empty user id; drop or fill those rows"),
        ("time", nw.col(_T).is_null(), "no time; drop or fill those rows"),
        (
            "conversion",
            nw.col(_C).is_null() | ((nw.col(_C) != 0) & (nw.col(_C) != 1)),
            "neither 0 nor 1 (nor a boolean)",
        ),
        (
            "channel",
            touch & (nw.col(_CH).is_null() | (nw.col(_CH).str.strip_chars() == "")),
            "a touch with no channel name (null or empty); name it or drop the touch",
        ),
    ]
    if names["value"] is not None:
        v = nw.col(_V)
        count.append(
            (
                "value",
                (nw.col(_C) == 1) & (v.is_null() | v.is_nan() | (v < 0) | ~v.is_finite()),
                "a conversion whose value is missing, NaN, negative or infinite",
            )
        )
    checks = [e.fill_null(True).cast(nw.Int64).sum().alias(a) for a, e, _ in count]
    result = _collect(frame.select(nw.len().alias("__rows"), *checks)).to_dict(as_series=False)
    if int(result["__rows"][0]) == 0:
        raise InvalidValueError("'events' has no rows: attribution needs at least one event")
    for argument, _, what in count:
        bad = int(result[argument][0] or 0)
        if bad:
            raise InvalidValueError(
                f"{argument}={names[argument]!r}: {bad:,} event(s) with {what}"
            )


def _keep(frame: Any, nw: Any, keep: Any, *helpers: str) -> Any:
    """Touches where ``keep`` holds (conversion rows always stay), without the helpers."""
    frame = frame.with_columns(__sr_keep=(nw.col(_TOUCH) == 0) | keep)
    return frame.filter(nw.col("__sr_keep")).drop("__sr_keep", *helpers)


def _trim(nw: Any, frame: Any, n: int) -> Any:
    """The last ``n`` touches of each journey. A journey's conversion row comes after its
    touches in time order, and counts no touch, so windows over the journey see its touches
    at positions 1, 2, ..."""
    frame = frame.with_columns(
        __sr_pos=nw.col(_TOUCH).cum_sum().over(*_KEY, order_by=_ORDER),
        __sr_len=nw.col(_TOUCH).sum().over(*_KEY),
    )
    return _keep(frame, nw, nw.col("__sr_len") - nw.col("__sr_pos") < n, "__sr_pos", "__sr_len")


@attrs.frozen
class _Plan:
    """What runs in the engine, settled in Python first: the labels' codes after the
    transforms (each channel parameter as its code, None where no touch carries it), and
    the most touches a path can hold."""

    labels: Labels
    transforms: tuple[Transform, ...]
    positions: int


def _plan(
    names: list[str], most: int, steps: int | None, transforms: tuple[Transform, ...]
) -> _Plan:
    labels = Labels(tuple(names))
    positions = most if steps is None else min(most, steps)
    planned: list[Transform] = []
    for name, parameter in transforms:
        if name in ("first", "frequency"):
            if name == "frequency":
                planned.append((name, positions + 1))
                labels = Labels(labels.names, (*labels.steps, positions + 1))
            else:
                planned.append((name, None))
            positions = min(positions, len(labels.names))
        elif name == "trim_long_path":
            planned.append((name, parameter))
            positions = min(positions, int(parameter))  # type: ignore[call-overload]
        elif name in ("remove_if_not_all", "remove_if_last_and_not_all"):
            planned.append((name, labels.code(str(parameter))))
        else:
            planned.append((name, parameter))
    return _Plan(labels, tuple(planned), positions)


def _transform(nw: Any, frame: Any, name: str, parameter: Any) -> Any:
    code, touch = nw.col(_K), nw.col(_TOUCH) == 1
    if name == "exposure":
        # the user's previous event: a touch of the journey, or the conversion that ended
        # the one before (code -1, never a touch's); one key partitions faster than two
        frame = frame.with_columns(__sr_prev=code.shift(1).over(_U, order_by=_ORDER))
        prev = nw.col("__sr_prev")
        return _keep(frame, nw, prev.is_null() | (prev != code), "__sr_prev")
    if name in ("first", "frequency"):
        frame = frame.with_columns(
            __sr_k=nw.col(_TOUCH).cum_sum().over(*_KEY, _K, order_by=_ORDER),
            __sr_n=nw.col(_TOUCH).sum().over(*_KEY, _K),
        )
        if name == "frequency":  # label "x(n)": code * per + n, per above any n
            count = code * parameter + nw.col("__sr_n")
            frame = frame.with_columns(nw.when(touch).then(count).otherwise(code).alias(_K))
        return _keep(frame, nw, nw.col("__sr_k") == 1, "__sr_k", "__sr_n")
    if name == "trim_long_path":
        return _trim(nw, frame, parameter)
    if parameter is None:  # a channel no touch carries: nothing to remove
        return frame
    if name == "remove_if_not_all":
        frame = frame.with_columns(__sr_other=(touch & (code != parameter)).cast(nw.Int64))
        frame = frame.with_columns(__sr_others=nw.col("__sr_other").sum().over(*_KEY))
        keep = (code != parameter) | (nw.col("__sr_others") == 0)
        return _keep(frame, nw, keep, "__sr_other", "__sr_others")
    if name == "remove_if_last_and_not_all":
        frame = frame.with_columns(__sr_pos=nw.col(_TOUCH).cum_sum().over(*_KEY, order_by=_ORDER))
        frame = frame.with_columns(
            __sr_at=nw.when(touch & (code != parameter))
            .then(nw.col("__sr_pos"))
            .otherwise(nw.lit(0))
        )
        frame = frame.with_columns(__sr_last=nw.col("__sr_at").max().over(*_KEY))
        last = nw.col("__sr_last")
        keep = (last == 0) | (nw.col("__sr_pos") <= last)
        return _keep(frame, nw, keep, "__sr_pos", "__sr_at", "__sr_last")
    return frame  # "unique": the identity


def _journey_touches(
    nw: Any, frame: Any, plan: _Plan, lookback_days: float | None, lookback_touches: int | None
) -> Any:
    """Every event with its journey and its label's code, windowed and transformed; touches
    carry their position (1 = first)."""
    names = list(plan.labels.names)
    code = (
        nw.col(_CH).replace_strict(
            names, list(range(len(names))), default=nw.lit(-1), return_dtype=nw.Int64
        )
        if names
        else nw.lit(-1)
    )
    frame = frame.with_columns(
        nw.when(nw.col(_C) == 0).then(code).otherwise(nw.lit(-1)).cast(nw.Int64).alias(_K),
        (1 - nw.col(_C)).alias(_TOUCH),
    ).drop(_CH)
    frame = frame.with_columns(
        (nw.col(_C).cum_sum().over(_U, order_by=_ORDER) - nw.col(_C)).alias(_SEG)
    )
    if lookback_days is not None:
        frame = frame.with_columns(__sr_end=nw.col(_T).max().over(*_KEY))
        since = nw.col("__sr_end") - datetime.timedelta(days=lookback_days)
        frame = _keep(frame, nw, nw.col(_T) >= since, "__sr_end")
    if lookback_touches is not None:
        frame = _trim(nw, frame, lookback_touches)
    for name, parameter in plan.transforms:
        frame = _transform(nw, frame, name, parameter)
    return frame.with_columns(__sr_pos=nw.col(_TOUCH).cum_sum().over(*_KEY, order_by=_ORDER))


def _rows(
    nw: Any,
    frame: Any,
    plan: _Plan,
    lookback_days: float | None,
    lookback_touches: int | None,
    columns: int | None = None,
) -> Any:
    """The path table in the engine, collected: the paths' key columns ``__sr_k0``... (as
    many as ``columns``, or as the longest path needs), with the conversions, value and
    nulls of the journeys on each path."""
    touches = _journey_touches(nw, frame, plan, lookback_days, lookback_touches)
    layout = Layout.of(plan.labels)
    needed = layout.columns(plan.positions)
    if needed > _MAX_KEY_COLUMNS:  # a loose bound (a user of many journeys): measure
        longest = _collect(touches.select(nw.col("__sr_pos").max())).item()
        needed = layout.columns(0 if longest is None else int(longest))
    keys = [f"__sr_k{j}" for j in range(needed)]
    pos, width = nw.col("__sr_pos"), layout.width
    power = (
        ((pos - 1) % width).replace_strict(
            list(range(width)),
            [layout.base**o for o in range(width)],
            default=nw.lit(0),
            return_dtype=nw.Int64,
        )
        if width > 1
        else nw.lit(1)
    )
    term = (nw.col(_K) + 1) * power
    touch = nw.col(_TOUCH) == 1
    per_journey = touches.with_columns(
        *(
            nw.when(touch & (pos > j * width) & (pos <= (j + 1) * width))
            .then(term)
            .otherwise(nw.lit(0))
            .cast(nw.Int64)
            .alias(k)
            for j, k in enumerate(keys)
        ),
        nw.when(nw.col(_C) == 1).then(nw.col(_V)).otherwise(nw.lit(0.0)).alias(_V),
    )
    journeys = per_journey.group_by(*_KEY).agg(
        *(nw.col(k).sum() for k in keys), nw.col(_C).sum(), nw.col(_V).sum()
    )
    journeys = journeys.with_columns(__sr_null=1 - nw.col(_C))
    table = journeys.group_by(*keys).agg(
        nw.col(_C).sum(), nw.col(_V).sum(), nw.col("__sr_null").sum()
    )
    if columns is not None and columns > needed:  # the same columns on every partition
        table = table.with_columns(
            *(nw.lit(0).cast(nw.Int64).alias(f"__sr_k{j}") for j in range(needed, columns))
        )
    return _collect(table)


def _lookback_days(days: object) -> float | None:
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, numbers.Real):
        raise InvalidTypeError(f"'lookback_days' must be a number of days or None: {days!r}")
    try:
        number = float(days)
    except OverflowError:  # an integer beyond the float range
        number = math.inf
    if not (math.isfinite(number) and 0 <= number <= _MAX_DAYS):
        raise InvalidValueError(
            f"'lookback_days' must be a finite number from 0 to {_MAX_DAYS:,}: {days!r}; "
            "pass None to keep every touch"
        )
    return number


def path_table(
    events: object,
    *,
    user: str = "user",
    time: str = "time",
    channel: str = "channel",
    conversion: str = "conversion",
    value: str | None = None,
    lookback_days: float | None = None,
    lookback_touches: int | None = None,
    transforms: Sequence[str | tuple[str, object]] = (),
) -> PathTable:
    """Journeys from an event log, counted in its engine into a path table.

    ``events`` has one row per event: a touch (``conversion`` 0 or False) of a ``channel``,
    or a conversion (1 or True) worth ``value`` (read on conversion rows only; the channel
    of a conversion row is not read), by ``user`` (ids of any type) at ``time`` (dates or
    datetimes). Each user's events in time order form journeys: touches up to a conversion,
    then the next journey; touches after the last conversion form a journey that did not
    convert. At equal times touches come before a conversion, and ties between touches are
    ordered by channel name, so every engine gives the same paths.

    ``lookback_days`` keeps the touches at most that many days before the journey's end
    (its conversion, or its last touch); ``lookback_touches`` keeps the last touches
    (fractribution's ``path_lookback_days`` and ``path_lookback_steps``); then
    ``transforms`` apply in order: ``"unique"``, ``"exposure"``, ``"first"``,
    ``"frequency"``, ``("trim_long_path", n)``, ``("remove_if_not_all", channel)``,
    ``("remove_if_last_and_not_all", channel)`` (see ``attribution._paths``).

    >>> import pandas as pd
    >>> from socialroi import attribution
    >>> events = pd.DataFrame({
    ...     "user": ["A1", "A1", "A1", "A1", "B2"],
    ...     "time": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04",
    ...                             "2024-05-01"]),
    ...     "channel": ["Direct", "Search", None, "Direct", "Direct"],
    ...     "conversion": [0, 0, 1, 0, 0], "value": [0, 0, 30.0, 0, 0]})
    >>> table = attribution.path_table(events, value="value",
    ...                                transforms=[("remove_if_not_all", "Direct")])
    >>> table.paths, table.conversions.tolist(), table.nulls.tolist()
    ((('Direct',), ('Search',)), [0.0, 1.0], [2.0, 0.0])
    >>> attribution.last_touch(table).value
    {'Direct': 0.0, 'Search': 30.0}
    """
    nw = _narwhals()
    frame = _open(nw, events)
    schema = frame.collect_schema()
    names: dict[str, str | None] = {
        "user": _column(schema, "user", user),
        "time": _column(schema, "time", time),
        "channel": _column(schema, "channel", channel),
        "conversion": _column(schema, "conversion", conversion),
        "value": None if value is None else _column(schema, "value", value),
    }
    days = _lookback_days(lookback_days)
    steps = (
        None if lookback_touches is None else check_touches(lookback_touches, "lookback_touches")
    )
    steps_transforms = check_transforms(transforms)
    _check_types(nw, schema, names)
    selected = _select(nw, frame, names)
    _check_values(nw, selected, names)
    implementation = frame.implementation
    if implementation is nw.Implementation.PYARROW:  # ordered windows: through pandas
        selected = nw.from_native(nw.to_native(selected).to_pandas())
    touches = selected.filter(nw.col(_C) == 0)
    labels = sorted(str(c) for c in _collect(touches.select(_CH).unique())[_CH].to_list())
    most = 0  # the most touches of one user: a bound on the path length
    if labels:
        counts = touches.group_by(_U).agg(nw.len().alias("__sr_n"))
        most = int(_collect(counts.select(nw.col("__sr_n").max())).item())
    plan = _plan(labels, most, steps, steps_transforms)
    if implementation is nw.Implementation.DASK:
        columns = _by_partition(nw, selected, plan, days, steps)
    else:
        rows = _rows(nw, selected.lazy(), plan, days, steps)
        columns = {c: rows[c].to_numpy() for c in rows.columns}
    keys = sorted((c for c in columns if c.startswith("__sr_k")), key=lambda c: int(c[6:]))
    return table_from_keys(
        [np.asarray(columns[k], dtype=np.int64) for k in keys],
        np.asarray(columns[_C], dtype=np.float64),
        np.asarray(columns[_V], dtype=np.float64),
        np.asarray(columns["__sr_null"], dtype=np.float64),
        Layout.of(plan.labels),
        plan.labels,
    )


def _by_partition(
    nw: Any, frame: Any, plan: _Plan, days: float | None, steps: int | None
) -> dict[str, Any]:
    """Dask: the events shuffled by user, each partition's path table counted by pandas
    (the same key columns on every partition), then added up in Dask's group-by."""
    import pandas as pd

    layout = Layout.of(plan.labels)
    columns = layout.columns(plan.positions)
    keys = [f"__sr_k{j}" for j in range(columns)]
    meta = pd.DataFrame(
        {**{k: pd.Series(dtype="int64") for k in keys}, _C: 0.0, _V: 0.0, "__sr_null": 0.0}
    ).iloc[:0]

    def part(pdf: Any) -> Any:
        if len(pdf) == 0:
            return meta
        rows = _rows(nw, nw.from_native(pdf).lazy(), plan, days, steps, columns)
        out = nw.to_native(rows)
        return out.astype(dict.fromkeys(keys, "int64")).astype(
            {_C: "float64", _V: "float64", "__sr_null": "float64"}
        )[list(meta.columns)]

    shuffled = nw.to_native(frame).shuffle(on=_U)
    parts = shuffled.map_partitions(part, meta=meta)
    summed = parts.groupby(keys).sum().compute().reset_index()
    return {c: summed[c].to_numpy() for c in summed.columns}
