"""Journeys from an event log, counted in the caller's engine: one row per event (user,
time, channel, conversion flag, conversion value) in any data frame narwhals supports; only
the path table (one row per distinct path) leaves the engine.

A journey is a user's touches up to and including a conversion; the next journey starts
after it, and the touches after a user's last conversion form a journey that did not
convert (a null). Windows, transforms and counts run as the engine's own window functions
and group-bys (lazily where the input is lazy): polars, DuckDB and pandas run them
directly; Dask shuffles the events by user and runs them on each partition with pandas,
then adds the partitions' path tables in its own group-by; a pyarrow table goes through
pandas.
"""

from __future__ import annotations

import datetime
import math
import numbers
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from socialroi._errors import InvalidTypeError, InvalidValueError, MissingDependencyError
from socialroi.attribution._paths import PathTable, Transform, check_touches, check_transforms

# private column names, out of the way of the caller's
_U, _T, _CH, _C, _V, _SEG, _TOUCH, _ONE = (
    "__sr_user",
    "__sr_time",
    "__sr_channel",
    "__sr_conversion",
    "__sr_value",
    "__sr_journey",
    "__sr_touch",
    "__sr_one",
)
_ORDER = [_T, _C, _CH]  # touches at a conversion's time come before it; ties by channel
_KEY = [_U, _SEG]
_PART = [_U, _SEG, _TOUCH]  # the touches of a journey (its conversion row stands apart)
_SEP = "\x1f"  # joins a path's channels into one key on the Dask route
_MAX_DAYS = 100_000  # about 274 years: within pandas' nanosecond timedeltas
_MAX_TOUCHES = 2**62  # more touches than any journey can hold: trimming there keeps all


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
    """The last ``n`` touches of each journey."""
    frame = frame.with_columns(
        __sr_pos=nw.col(_ONE).cum_sum().over(*_PART, order_by=_ORDER),
        __sr_len=nw.col(_ONE).sum().over(*_PART),
    )
    return _keep(frame, nw, nw.col("__sr_len") - nw.col("__sr_pos") < n, "__sr_pos", "__sr_len")


def _transform(nw: Any, frame: Any, name: str, parameter: object) -> Any:
    ch = nw.col(_CH)
    if name == "exposure":
        frame = frame.with_columns(__sr_prev=ch.shift(1).over(*_PART, order_by=_ORDER))
        prev = nw.col("__sr_prev")
        return _keep(frame, nw, prev.is_null() | (prev != ch), "__sr_prev")
    if name in ("first", "frequency"):
        frame = frame.with_columns(
            __sr_k=nw.col(_ONE).cum_sum().over(*_PART, _CH, order_by=_ORDER),
            __sr_n=nw.col(_ONE).sum().over(*_PART, _CH),
        )
        if name == "frequency":
            frame = frame.with_columns(
                nw.concat_str(
                    [ch, nw.lit("("), nw.col("__sr_n").cast(nw.String), nw.lit(")")]
                ).alias(_CH)
            )
        return _keep(frame, nw, nw.col("__sr_k") == 1, "__sr_k", "__sr_n")
    if name == "trim_long_path":
        return _trim(nw, frame, int(parameter))  # type: ignore[call-overload]
    if name == "remove_if_not_all":
        frame = frame.with_columns(__sr_other=(ch != parameter).cast(nw.Int64))
        frame = frame.with_columns(__sr_others=nw.col("__sr_other").sum().over(*_PART))
        keep = (ch != parameter) | (nw.col("__sr_others") == 0)
        return _keep(frame, nw, keep, "__sr_other", "__sr_others")
    if name == "remove_if_last_and_not_all":
        frame = frame.with_columns(__sr_pos=nw.col(_ONE).cum_sum().over(*_PART, order_by=_ORDER))
        frame = frame.with_columns(
            __sr_at=nw.when(ch != parameter).then(nw.col("__sr_pos")).otherwise(nw.lit(0))
        )
        frame = frame.with_columns(__sr_last=nw.col("__sr_at").max().over(*_PART))
        last = nw.col("__sr_last")
        keep = (last == 0) | (nw.col("__sr_pos") <= last)
        return _keep(frame, nw, keep, "__sr_pos", "__sr_at", "__sr_last")
    return frame  # "unique": the identity


def _journey_touches(
    nw: Any,
    frame: Any,
    lookback_days: float | None,
    lookback_touches: int | None,
    transforms: tuple[Transform, ...],
) -> Any:
    """Every event with its journey, windowed and transformed; touches carry their
    position (1 = first) and their journey's length."""
    frame = frame.with_columns(
        (nw.col(_C).cum_sum().over(_U, order_by=_ORDER) - nw.col(_C)).alias(_SEG),
        (1 - nw.col(_C)).alias(_TOUCH),
        nw.lit(1).alias(_ONE),
    )
    if lookback_days is not None:
        frame = frame.with_columns(__sr_end=nw.col(_T).max().over(*_KEY))
        since = nw.col("__sr_end") - datetime.timedelta(days=lookback_days)
        frame = _keep(frame, nw, nw.col(_T) >= since, "__sr_end")
    if lookback_touches is not None:
        frame = _trim(nw, frame, lookback_touches)
    for name, parameter in transforms:
        frame = _transform(nw, frame, name, parameter)
    return frame.with_columns(
        __sr_pos=nw.col(_ONE).cum_sum().over(*_PART, order_by=_ORDER),
        __sr_len=nw.col(_ONE).sum().over(*_PART),
    )


def _path_frame(nw: Any, touches: Any, longest: int) -> Any:
    """The path table in the engine: one column per position (``""`` past the end), with
    the conversions, value and nulls of the journeys on each path."""
    is_touch = nw.col(_TOUCH) == 1
    positions = [f"__sr_p{k}" for k in range(longest)]
    per_journey = touches.with_columns(
        *(
            nw.when(is_touch & (nw.col("__sr_pos") == k + 1))
            .then(nw.col(_CH))
            .otherwise(nw.lit(""))
            .alias(p)
            for k, p in enumerate(positions)
        ),
        nw.when(nw.col(_C) == 1).then(nw.col(_V)).otherwise(nw.lit(0.0)).alias(_V),
    )
    journeys = per_journey.group_by(*_KEY).agg(
        *(nw.col(p).max() for p in positions), nw.col(_C).sum(), nw.col(_V).sum()
    )
    journeys = journeys.with_columns(__sr_null=1 - nw.col(_C))
    return journeys.group_by(*positions).agg(
        nw.col(_C).sum(), nw.col(_V).sum(), nw.col("__sr_null").sum()
    )


def _rows(nw: Any, frame: Any, lookback_days: Any, lookback_touches: Any, transforms: Any) -> Any:
    """The collected path table of a frame on a backend with ordered windows."""
    touches = _journey_touches(nw, frame, lookback_days, lookback_touches, transforms)
    longest = _collect(touches.select(nw.col("__sr_len").max())).item()
    longest = 0 if longest is None else int(longest)
    if longest == 0:  # no touch left at all: every conversion is unattributed
        touches = touches.with_columns(__sr_pos=nw.lit(0))
    return _collect(_path_frame(nw, touches, longest))


def _on_pandas(
    nw: Any, pdf: Any, lookback_days: Any, lookback_touches: Any, transforms: Any
) -> Any:
    """One pandas partition's path table, each path joined into one string key."""
    import pandas as pd

    if len(pdf) == 0:
        return pd.DataFrame({"__sr_path": [], _C: [], _V: [], "__sr_null": []}).astype(
            {"__sr_path": object, _C: float, _V: float, "__sr_null": float}
        )
    table = _rows(nw, nw.from_native(pdf).lazy(), lookback_days, lookback_touches, transforms)
    columns = table.to_dict(as_series=False)
    positions = sorted((c for c in columns if c.startswith("__sr_p")), key=lambda c: int(c[6:]))
    keys = (
        [
            _SEP.join(p for p in path if p)
            for path in zip(*(columns[c] for c in positions), strict=True)
        ]
        if positions
        else [""] * len(columns[_C])
    )
    return pd.DataFrame(
        {"__sr_path": keys, _C: columns[_C], _V: columns[_V], "__sr_null": columns["__sr_null"]}
    )


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
    if implementation in (nw.Implementation.DASK, nw.Implementation.PYARROW):
        table = _by_partition(nw, selected, implementation, days, steps, steps_transforms)
    else:
        collected = _rows(nw, selected.lazy(), days, steps, steps_transforms)
        table = _from_columns(collected.to_dict(as_series=False))
    return table


def _by_partition(
    nw: Any, frame: Any, implementation: Any, days: Any, steps: Any, transforms: Any
) -> PathTable:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - Dask needs pandas
        raise MissingDependencyError(
            "path tables from pyarrow or Dask go through pandas: pip install pandas"
        ) from None
    native = nw.to_native(frame)
    if implementation is nw.Implementation.PYARROW:
        part = _on_pandas(nw, native.to_pandas(), days, steps, transforms)
    else:
        meta = pd.DataFrame(
            {"__sr_path": pd.Series(dtype=object), _C: 0.0, _V: 0.0, "__sr_null": 0.0}
        ).iloc[:0]
        shuffled = native.shuffle(on=_U)
        parts = shuffled.map_partitions(
            lambda p: _on_pandas(nw, p, days, steps, transforms), meta=meta
        )
        part = parts.groupby("__sr_path").sum().compute().reset_index()
    grouped = part.groupby("__sr_path", sort=False)[[_C, _V, "__sr_null"]].sum()
    keys = [str(k) for k in grouped.index]
    return _table(
        [tuple(k.split(_SEP)) if k else () for k in keys],
        grouped[_C].to_numpy(dtype=float),
        grouped[_V].to_numpy(dtype=float),
        grouped["__sr_null"].to_numpy(dtype=float),
    )


def _from_columns(columns: dict[str, list[Any]]) -> PathTable:
    positions = sorted((c for c in columns if c.startswith("__sr_p")), key=lambda c: int(c[6:]))
    size = len(columns[_C])
    paths: list[tuple[str, ...]] = (
        [
            tuple(str(p) for p in path if p)
            for path in zip(*(columns[c] for c in positions), strict=True)
        ]
        if positions
        else [()] * size
    )
    return _table(
        paths,
        np.asarray(columns[_C], dtype=float),
        np.asarray(columns[_V], dtype=float),
        np.asarray(columns["__sr_null"], dtype=float),
    )


def _table(
    paths: list[tuple[str, ...]], conv: np.ndarray, value: np.ndarray, nulls: np.ndarray
) -> PathTable:
    """Sorted by path, the empty path split off as unattributed."""
    order = sorted(range(len(paths)), key=lambda k: paths[k])
    empty = [k for k in order if not paths[k]]
    kept = [k for k in order if paths[k]]
    return PathTable(
        tuple(paths[k] for k in kept),
        conv[kept],
        value[kept],
        nulls[kept],
        float(conv[empty].sum()),
        float(value[empty].sum()),
    )
