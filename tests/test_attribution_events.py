"""Path tables from event logs: every engine gives the path table of a plain-Python
reference, written here from fractribution's definitions (google/fractribution,
py/README.md and py/templates/path_transforms.sql), on the public event log and on random
logs; bad logs raise the SocialROIError family naming the column."""

from __future__ import annotations

import datetime
import warnings
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialroi as sr
from socialroi import attribution as at

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "attribution_data.csv"
ENGINES = ["pandas", "polars", "polars-lazy", "pyarrow", "duckdb", "dask"]

Reference = tuple[dict[tuple[str, ...], list[float]], list[float]]


def native(frame: pd.DataFrame, engine: str) -> object:
    if engine == "pandas":
        return frame
    if engine in ("polars", "polars-lazy"):
        out = pl.from_pandas(frame)
        return out.lazy() if engine == "polars-lazy" else out
    if engine == "pyarrow":
        return pa.Table.from_pandas(frame, preserve_index=False)
    if engine == "duckdb":
        return duckdb.from_df(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return dd.from_pandas(frame, npartitions=3)  # type: ignore[no-untyped-call]


# --- the reference: fractribution's definitions, one journey at a time ----------------------


def _exposure(path: list[str]) -> list[str]:
    return [c for k, c in enumerate(path) if k == 0 or c != path[k - 1]]


def _first(path: list[str]) -> list[str]:
    seen: list[str] = []
    for c in path:
        if c not in seen:
            seen.append(c)
    return seen


def _frequency(path: list[str]) -> list[str]:
    return [f"{c}({path.count(c)})" for c in _first(path)]


def _transform(path: list[str], transform: str | tuple[str, Any]) -> list[str]:
    if transform == "exposure":
        return _exposure(path)
    if transform == "first":
        return _first(path)
    if transform == "frequency":
        return _frequency(path)
    if transform == "unique":
        return path
    assert isinstance(transform, tuple)
    name, p = transform
    if name == "trim_long_path":
        return path[-p:]
    if name == "remove_if_not_all":
        rest = [c for c in path if c != p]
        return rest if rest else path
    assert name == "remove_if_last_and_not_all"
    out = list(path)
    while out and out[-1] == p:
        out.pop()
    return out if out else path


def reference(
    rows: Sequence[tuple[Any, Any, str | None, int, float]],
    lookback_days: float | None = None,
    lookback_touches: int | None = None,
    transforms: Sequence[str | tuple[str, Any]] = (),
) -> Reference:
    """Paths -> [conversions, value, nulls], and [unattributed conversions, value]."""
    by_user: dict[Any, list[tuple[Any, int, str, float]]] = defaultdict(list)
    for user, time, channel, flag, value in rows:
        by_user[user].append((time, flag, channel or "", value))
    table: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    lost = [0.0, 0.0]
    for events in by_user.values():
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        journeys: list[tuple[list[tuple[Any, str]], int, float, Any]] = []
        touches: list[tuple[Any, str]] = []
        for time, flag, channel, value in events:
            if flag:
                journeys.append((touches, 1, value, time))
                touches = []
            else:
                touches.append((time, channel))
        if touches:
            journeys.append((touches, 0, 0.0, touches[-1][0]))
        for touched, converted, value, end in journeys:
            if lookback_days is not None:
                since = end - datetime.timedelta(days=lookback_days)
                touched = [t for t in touched if t[0] >= since]
            path = [c for _, c in touched]
            if lookback_touches is not None:
                path = path[-lookback_touches:]
            for transform in transforms:
                path = _transform(path, transform)
            if not path:
                lost[0] += converted
                lost[1] += value
                continue
            row = table[tuple(path)]
            row[0] += converted
            row[1] += value
            row[2] += 1 - converted
    return dict(table), lost


def assert_same(table: at.PathTable, expected: Reference) -> None:
    paths, lost = expected
    assert table.paths == tuple(sorted(paths))
    want = np.array([paths[p] for p in table.paths]).reshape(-1, 3)
    assert table.conversions.tolist() == want[:, 0].tolist()
    assert table.nulls.tolist() == want[:, 2].tolist()
    np.testing.assert_allclose(table.value, want[:, 1], rtol=1e-12, atol=1e-9)
    assert table.unattributed_conversions == lost[0]
    assert table.unattributed_value == pytest.approx(lost[1], rel=1e-12, abs=1e-9)


def rows_of(frame: pd.DataFrame) -> list[tuple[Any, Any, str | None, int, float]]:
    return [
        (u, t.to_pydatetime(), None if pd.isna(c) else c, int(f), float(v))
        for u, t, c, f, v in frame[["user", "time", "channel", "conversion", "value"]].itertuples(
            index=False
        )
    ]


def table_of(frame: pd.DataFrame, engine: str, **options: Any) -> at.PathTable:
    return at.path_table(native(frame, engine), value="value", **options)


# --- the public event log --------------------------------------------------------------------


@pytest.fixture(scope="module")
def event_log() -> pd.DataFrame:
    if not DATA.is_file():
        pytest.skip(f"the public event log {DATA} is absent here")
    frame = pd.read_csv(DATA)
    frame["time"] = pd.to_datetime(frame["time"], utc=True)
    return frame.rename(columns={"customer_id": "user", "conversion_value": "value"}).drop(
        columns="interaction"
    )


SETTINGS: list[dict[str, Any]] = [
    {},
    {"lookback_days": 7, "transforms": ["exposure"]},
    {"lookback_touches": 4, "transforms": ["first", ("remove_if_not_all", "Facebook")]},
    {"transforms": ["frequency", ("trim_long_path", 3)]},
    {"lookback_days": 14.5, "transforms": [("remove_if_last_and_not_all", "Paid Search")]},
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "options", SETTINGS, ids=lambda o: ",".join(map(str, o.values())) or "raw"
)
def test_event_log_matches_the_reference_on_every_engine(
    event_log: pd.DataFrame, engine: str, options: dict[str, Any]
) -> None:
    table = table_of(event_log, engine, **options)
    assert_same(table, reference(rows_of(event_log), **options))


def test_event_log_totals(event_log: pd.DataFrame) -> None:
    """SOURCES.md: 62,483 events of 7,896 customers; the log holds 1,838 conversions (the
    rows with ``conversion`` 1), every one credited or counted as unattributed."""
    table = table_of(event_log, "polars", lookback_days=7)
    assert len(event_log) == 62_483 and event_log["user"].nunique() == 7_896
    assert table.conversions.sum() + table.unattributed_conversions == 1_838
    assert table.value.sum() + table.unattributed_value == pytest.approx(
        event_log["value"].sum(), rel=1e-12
    )
    credit = at.markov(table)
    assert sum(credit.conversions.values()) == pytest.approx(table.conversions.sum())


# --- random logs -------------------------------------------------------------------------------

START = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
TRANSFORMS = st.sampled_from(
    [
        "unique",
        "exposure",
        "first",
        "frequency",
        ("trim_long_path", 2),
        ("remove_if_not_all", "a"),
        ("remove_if_last_and_not_all", "b"),
    ]
)


@st.composite
def event_logs(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 40))
    users = draw(
        st.lists(st.sampled_from(["A000100", "A000101", "B7", "zz"]), min_size=n, max_size=n)
    )
    hours = draw(st.lists(st.integers(0, 24 * 20), min_size=n, max_size=n, unique=True))
    flags = draw(st.lists(st.sampled_from([0, 0, 0, 1]), min_size=n, max_size=n))
    channels = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n))
    values = draw(st.lists(st.sampled_from([0.5, 2.0, 7.25]), min_size=n, max_size=n))
    return pd.DataFrame(
        {
            "user": users,
            "time": [START + datetime.timedelta(hours=h) for h in hours],
            "channel": [
                None if f and k % 2 else c
                for k, (c, f) in enumerate(zip(channels, flags, strict=True))
            ],
            "conversion": flags,
            "value": [v * f for v, f in zip(values, flags, strict=True)],
        }
    )


@settings(max_examples=40, deadline=None)
@given(
    log=event_logs(),
    days=st.none() | st.sampled_from([0, 1, 3.5, 30]),
    touches=st.none() | st.integers(1, 4),
    transforms=st.lists(TRANSFORMS, max_size=3),
    engine=st.sampled_from(["pandas", "polars-lazy", "duckdb"]),
)
def test_random_logs_match_the_reference(
    log: pd.DataFrame,
    days: float | None,
    touches: int | None,
    transforms: list[Any],
    engine: str,
) -> None:
    table = table_of(
        log, engine, lookback_days=days, lookback_touches=touches, transforms=transforms
    )
    assert_same(table, reference(rows_of(log), days, touches, transforms))


def test_integer_user_ids_and_boolean_flags() -> None:
    log = pd.DataFrame(
        {
            "u": [7, 7, 7, 9],
            "t": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-01"]),
            "ch": pd.Categorical(["x", "y", "y", "x"]),
            "won": [False, False, True, False],
        }
    )
    table = at.path_table(log, user="u", time="t", channel="ch", conversion="won")
    assert table.paths == (("x",), ("x", "y"))
    assert table.conversions.tolist() == [0.0, 1.0] and table.nulls.tolist() == [1.0, 0.0]
    assert table.value.tolist() == [0.0, 0.0] and len(table) == 2
    assert table.journeys.tolist() == [1.0, 1.0]


def test_a_table_feeds_every_model_and_refuses_extra_numbers() -> None:
    log = pd.DataFrame(
        {
            "user": ["A", "A", "B", "B", "B"],
            "time": pd.to_datetime(["2024-01-01", "2024-01-02"] * 2 + ["2024-01-03"]),
            "channel": ["x", None, "x", "y", None],
            "conversion": [0, 1, 0, 0, 1],
            "value": [0, 10.0, 0, 0, 30.0],
        }
    )
    table = at.path_table(log, value="value")
    for model in (at.first_touch, at.last_touch, at.linear, at.position_based, at.markov):
        credit: at.Attribution = model(table)
        assert sum(credit.value.values()) == pytest.approx(40.0)
    # a table has nulls (none here), so Shapley plays the rate game: x alone converts every
    # journey it reaches (rate 1) and y adds no rate, so x gets it all
    assert at.shapley(table).conversions == {"x": 2.0, "y": 0.0}
    with pytest.raises(sr.InvalidValueError, match=r"carries its own .*\['conversions'\]"):
        at.markov(table, [1, 1])


# --- bad logs ----------------------------------------------------------------------------------

GOOD = {
    "user": ["A", "A"],
    "time": pd.to_datetime(["2024-01-01", "2024-01-02"]),
    "channel": ["x", None],
    "conversion": [0, 1],
    "value": [0.0, 5.0],
}


@pytest.mark.parametrize(
    ("change", "options", "error", "match"),
    [
        (
            {"channel": ["", None]},
            {},
            sr.InvalidValueError,
            r"channel='channel': 1 event.*no chan",
        ),
        ({"channel": [None, None]}, {}, sr.InvalidValueError, r"channel='channel': 1 event"),
        ({"conversion": [0, 2]}, {}, sr.InvalidValueError, r"conversion='conversion': 1 event"),
        ({"value": [0.0, -1.0]}, {}, sr.InvalidValueError, r"value='value': 1 event.*negative"),
        ({"value": [0.0, np.nan]}, {}, sr.InvalidValueError, r"value='value': 1 event"),
        ({"user": ["A", None]}, {}, sr.InvalidValueError, r"user='user': 1 event"),
        ({"time": ["2024-01-01", "2024-01-02"]}, {}, sr.InvalidTypeError, r"time='time'.*parse"),
        ({"channel": [1, 2]}, {}, sr.InvalidTypeError, r"channel='channel' holds"),
        ({"conversion": [0.0, 1.0]}, {}, sr.InvalidTypeError, r"conversion='conversion' holds"),
        ({"value": ["0", "5"]}, {}, sr.InvalidTypeError, r"value='value' holds"),
        ({}, {"user": "who"}, sr.InvalidValueError, r"user='who' is not a column"),
        ({}, {"time": 3}, sr.InvalidTypeError, r"'time' must be a column name"),
        ({}, {"lookback_days": -1}, sr.InvalidValueError, r"'lookback_days' must be a finite"),
        ({}, {"lookback_days": 10**400}, sr.InvalidValueError, r"'lookback_days' must be a fin"),
        ({}, {"lookback_days": "7"}, sr.InvalidTypeError, r"'lookback_days' must be a number"),
        ({}, {"lookback_touches": 0}, sr.InvalidValueError, r"'lookback_touches' must be a who"),
        ({}, {"transforms": ["exposed"]}, sr.InvalidValueError, r"'transforms\[0\]' is not a"),
        ({}, {"transforms": 3}, sr.InvalidTypeError, r"'transforms' must be a list"),
        (
            {},
            {"transforms": ("remove_if_not_all", "")},
            sr.InvalidValueError,
            r"'transforms\[0\]' 'remove_if_not_all' needs a channel",
        ),
        (
            {},
            {"transforms": [("trim_long_path", 0)]},
            sr.InvalidValueError,
            r"'transforms\[0\]' must be a whole number",
        ),
    ],
)
def test_bad_logs_name_the_column(
    change: dict[str, Any], options: dict[str, Any], error: type[Exception], match: str
) -> None:
    frame = pd.DataFrame({**GOOD, **change})
    with pytest.raises(error, match=match):
        at.path_table(frame, **{"value": "value", **options})


def test_windows_beyond_any_journey_keep_every_touch() -> None:
    frame = pd.DataFrame(GOOD)
    everything = at.path_table(frame, value="value")
    for options in (
        {"lookback_touches": 10**400},
        {"transforms": [("trim_long_path", 10**400)]},
        {"lookback_days": 100_000},
    ):
        table = at.path_table(frame, value="value", **options)
        assert table.paths == everything.paths == (("x",),)


def test_no_rows_and_not_a_frame() -> None:
    with pytest.raises(sr.InvalidValueError, match="'events' has no rows"):
        at.path_table(pd.DataFrame(GOOD).iloc[:0], value="value")
    with pytest.raises(sr.InvalidTypeError, match="'events' must be a data frame"):
        at.path_table([1, 2])


def test_only_conversions_leaves_everything_unattributed() -> None:
    frame = pd.DataFrame({**GOOD, "conversion": [1, 1], "value": [2.0, 5.0]})
    for engine in ("pandas", "dask"):
        table = table_of(frame, engine)
        assert table.paths == () and table.unattributed_conversions == 2.0
        assert table.unattributed_value == 7.0


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[object]:
    """A distributed LocalCluster: two worker processes, one thread each."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, dashboard_address=None
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def test_path_table_dask_on_a_local_cluster(dask_cluster: object) -> None:
    """The Dask route (shuffle by user, pandas on each partition, Dask's group-by) on worker
    processes: the reference's table."""
    rng = np.random.default_rng(15)
    n = 600
    flags = (rng.random(n) < 0.15).astype(int)
    log = pd.DataFrame(
        {
            "user": [f"A{u:06d}" for u in rng.integers(0, 80, n)],
            "time": [START + datetime.timedelta(minutes=int(m)) for m in rng.permutation(n)],
            "channel": rng.choice(["Facebook", "Instagram", "Direct"], n),
            "conversion": flags,
            "value": flags * rng.integers(1, 20, n) / 2,
        }
    )
    options: dict[str, Any] = {"lookback_days": 0.2, "transforms": ["exposure"]}
    table = table_of(log, "dask", **options)
    assert_same(table, reference(rows_of(log), **options))


# --- paths as integer keys ---------------------------------------------------------------------


def test_a_channel_named_after_frequency_is_found_by_its_count() -> None:
    """After "frequency", a transform's channel names a label with its count, "a(2)"."""
    log = pd.DataFrame(
        {
            "user": ["u"] * 4 + ["v"] * 3,
            "time": [START + datetime.timedelta(hours=h) for h in (1, 2, 3, 4, 1, 2, 3)],
            "channel": ["a", "b", "a", None, "a", "b", None],
            "conversion": [0, 0, 0, 1, 0, 0, 1],
            "value": [0, 0, 0, 3.0, 0, 0, 5.0],
        }
    )
    cases: list[list[str | tuple[str, Any]]] = [
        ["frequency", ("remove_if_not_all", "a(2)")],
        ["frequency", ("remove_if_last_and_not_all", "b(1)")],
        ["frequency", ("remove_if_not_all", "a(0)")],  # no touch is seen 0 times
        ["frequency", ("remove_if_not_all", "a")],  # every "a" is "a(n)" now
        ["frequency", "frequency"],
    ]
    for transforms in cases:
        table = table_of(log, "polars-lazy", transforms=transforms)
        assert_same(table, reference(rows_of(log), transforms=transforms))
    table = table_of(log, "pandas", transforms=["frequency", ("remove_if_not_all", "a(2)")])
    assert table.paths == (("a(1)", "b(1)"), ("b(1)",))


def test_labels_and_their_codes() -> None:
    from socialroi.attribution._path_keys import Labels, Layout

    labels = Labels(("a", "b"), (3,))  # "frequency" with counts below 3
    assert labels.size == 6 and labels.label(4) == "b(1)" and labels.code("b(1)") == 4
    assert labels.code("b(2)") == 5 and labels.code("a(1)") == 1
    assert [labels.code(x) for x in ("b(3)", "b(0)", "c(1)", "b", "b(x)")] == [None] * 5
    twice = Labels(("a", "b"), (3, 2))
    assert twice.label(9) == "b(1)(1)" and twice.code("b(1)(1)") == 9
    assert Labels(("a", "b")).code("b") == 1 and Labels(("a",)).code("z") is None
    # 10 channels: digits of base 11, 17 to a key (11**17 < 2**62 < 11**18)
    layout = Layout.of(Labels(tuple("abcdefghij")))
    assert (layout.base, layout.width) == (11, 17)
    assert layout.columns(0) == 1 and layout.columns(17) == 1 and layout.columns(18) == 2
    assert Layout.of(Labels(())) == Layout(2, 62)
    with pytest.raises(sr.InvalidValueError, match="int64 key"):
        Layout.of(Labels(("a",), (2**40, 2**40)))


def test_long_journeys_need_more_key_columns() -> None:
    """A user of 60 touches over 12 channels: 4 key columns of 16 touches (13**16 < 2**62);
    a user of 200: more than the bound allows, so the engine measures the longest path."""
    names = [f"c{k:02d}" for k in range(12)]
    for n in (60, 200):
        log = pd.DataFrame(
            {
                "user": ["u"] * n + ["v", "v"],
                "time": [START + datetime.timedelta(minutes=m) for m in range(n)]
                + [START, START + datetime.timedelta(days=1)],
                "channel": [names[k * 7 % 12] for k in range(n)] + ["c00", None],
                "conversion": [0] * n + [0, 1],
                "value": [0.0] * n + [0.0, 2.0],
            }
        )
        for engine in ("duckdb", "polars-lazy"):
            for options in ({}, {"transforms": ["exposure"]}, {"lookback_touches": 30}):
                table = table_of(log, engine, **options)
                assert_same(table, reference(rows_of(log), **options))
        assert max(map(len, table_of(log, "pandas").paths)) == n


def test_transform_and_window_arguments_by_hand() -> None:
    from socialroi.attribution._paths import check_transforms

    assert check_transforms([("trim_long_path", 10**400)]) == (("trim_long_path", 2**62),)
    assert check_transforms(("remove_if_not_all", "D")) == (("remove_if_not_all", "D"),)
    frame = pd.DataFrame(GOOD | {"channel": ["x", None], "conversion": [0, 1]})
    two = pd.concat([frame.assign(channel=["y", None]), frame.iloc[:1]]).reset_index(drop=True)
    two["time"] = pd.to_datetime(["2024-01-01", "2024-01-03", "2023-12-31"])
    assert at.path_table(two, value="value").paths == (("x", "y"),)
    assert at.path_table(two, value="value", lookback_touches=1).paths == (("y",),)
    bad: Any
    for bad in (True, 0, 1.0):
        with pytest.raises(sr.InvalidValueError, match="'lookback_touches' must be a whole"):
            at.path_table(two, value="value", lookback_touches=bad)
    transform: Any
    for transform in (
        ("trim_long_path", 2, 3),  # three items
        ("exposed", "x"),  # not a transform's name
        (3, "x"),  # a name that is not a string
        ["remove_if_not_all", "x"],  # a list, not a (name, parameter) tuple
    ):
        with pytest.raises(sr.InvalidValueError, match=r"'transforms\[0\]' is not a path"):
            at.path_table(two, value="value", transforms=[transform])


def test_a_table_from_the_engine_keeps_its_codes_and_a_copy_does_not() -> None:
    import attrs

    from socialroi.attribution._paths import encoded

    table = at.path_table(pd.DataFrame(GOOD), value="value")
    codes = encoded(table)
    assert codes is not None and codes[0] == ("x",)
    assert codes[1].tolist() == [0] and codes[2].tolist() == [0, 1]
    assert encoded(attrs.evolve(table)) is None  # checked and encoded again by the models
    assert at.markov(attrs.evolve(table)).conversions == at.markov(table).conversions
