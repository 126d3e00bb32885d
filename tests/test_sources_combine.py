"""sr.sources.combine: several sources' frames as one, in their engine; a measure a frame
lacks is zeros on its rows only, and nothing else is added."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest
from test_sources import collect

import socialroi as sr


def test_only_the_measures_some_frame_has_are_added_and_only_where_missing() -> None:
    ads = pd.DataFrame({"channel": ["meta"], "ad_spend": [10.0], "label": ["x"]})
    visits = pd.DataFrame({"channel": ["ga4"], "sessions": [4.0], "reach": [3.0]})
    both = pd.DataFrame({"channel": ["li"], "ad_spend": [5.0], "sessions": [2.0]})
    out = sr.sources.combine(ads, visits, both)
    assert sorted(out.columns) == ["ad_spend", "channel", "label", "reach", "sessions"]
    assert out["ad_spend"].tolist() == [10.0, 0.0, 5.0]
    assert out["sessions"].tolist() == [0.0, 4.0, 2.0]
    assert out["reach"].tolist() == [0.0, 3.0, 0.0]
    assert out["label"].fillna("-").tolist() == ["x", "-", "-"]  # a label is not a measure
    same = sr.sources.combine(ads, ads)
    assert same.columns.tolist() == ["channel", "ad_spend", "label"]  # nothing to add
    assert same["ad_spend"].tolist() == [10.0, 10.0]


def test_a_vocabulary_of_ones_own_says_what_is_a_measure() -> None:
    booked = sr.Action(name="demo_booked", stage="evaluation", intent=4, macro=True)
    v = sr.VOCABULARY.with_actions(booked, name="mine")
    a = pd.DataFrame({"channel": ["a"], "demo_booked": [1.0]})
    b = pd.DataFrame({"channel": ["b"], "leads": [2.0]})
    out = sr.sources.combine(a, b, vocabulary=v)
    assert out["demo_booked"].tolist() == [1.0, 0.0] and out["leads"].tolist() == [0.0, 2.0]
    plain = sr.sources.combine(a, b)
    assert plain["demo_booked"].isna().tolist() == [False, True]  # not a measure here


def test_frames_of_two_engines_or_of_eager_and_lazy_are_refused_naming_them() -> None:
    a = pd.DataFrame({"channel": ["a"], "leads": [1.0]})
    with pytest.raises(
        sr.InvalidTypeError,
        match=r"^'frames' must be of one engine, all eager or all lazy: \['pandas', 'polars'\];"
        r" convert them to one first$",
    ):
        sr.sources.combine(a, pl.from_pandas(a))
    with pytest.raises(sr.InvalidTypeError, match=r"\['polars', 'polars'\]"):
        sr.sources.combine(pl.from_pandas(a), pl.from_pandas(a).lazy())
    with pytest.raises(sr.InvalidValueError, match=r"^'frames': combine needs at least one"):
        sr.sources.combine()
    lazy = sr.sources.combine(pl.from_pandas(a).lazy(), pl.from_pandas(a).lazy())
    assert isinstance(lazy, pl.LazyFrame) and collect(lazy)["leads"] == [1.0, 1.0]
