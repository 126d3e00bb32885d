"""Several sources' frames as one, in their engine, for one roll-up.

A measure one platform does not report (LinkedIn has no purchases, GA4 no ad spend) is none
of it on that platform's rows: the column is added as zeros to that frame only, so a missing
value inside a frame stays missing (and the roll-up names it). Labels a frame lacks
(``ad_set`` for GA4) are empty. The roll-up then checks what must be one across the rows:
the currency (convert first) and the attribution window.
"""

from __future__ import annotations

from typing import Any

from socialroi._errors import InvalidTypeError, InvalidValueError
from socialroi._values.vocabulary import VOCABULARY, Vocabulary, check_vocabulary
from socialroi.sources._read import narwhals, open_frame


def combine(*frames: object, vocabulary: Vocabulary = VOCABULARY) -> Any:
    """The rows of every frame in one frame of their kind (lazy where they are lazy).

    Examples
    --------
    >>> import pandas as pd
    >>> import socialroi as sr
    >>> ads = pd.DataFrame({"channel": ["meta"], "ad_spend": [10.0], "purchases": [2.0]})
    >>> visits = pd.DataFrame({"channel": ["Organic Search"], "sessions": [40.0]})
    >>> sr.sources.combine(ads, visits).fillna("-").values.tolist()
    [['meta', 10.0, 2.0, 0.0], ['Organic Search', 0.0, 0.0, 40.0]]
    """
    nw = narwhals()
    v = check_vocabulary(vocabulary)
    if not frames:
        raise InvalidValueError("'frames': combine needs at least one frame")
    opened = [open_frame(f) for f in frames]
    kinds = {(f.implementation, isinstance(f, nw.DataFrame)) for f in opened}
    if len(kinds) > 1:
        raise InvalidTypeError(
            "'frames' must be of one engine, all eager or all lazy: "
            f"{sorted(str(i) for i, _ in kinds)}; convert them to one first"
        )
    schemas = [f.collect_schema() for f in opened]
    measures = (*v.additive, "reach")
    present = [m for m in measures if any(m in s for s in schemas)]
    filled = [
        f.with_columns(*(nw.lit(0.0).alias(m) for m in present if m not in s))
        if any(m not in s for m in present)
        else f
        for f, s in zip(opened, schemas, strict=True)
    ]
    return nw.to_native(nw.concat(filled, how="diagonal"))
