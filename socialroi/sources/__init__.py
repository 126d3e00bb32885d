"""Platform exports in, socialroi's columns out: ``sr.sources.<platform>(frame)``.

Each function takes a frame as the platform exports it or its API returns it (pandas, polars,
pyarrow, DuckDB, Dask, PySpark, through narwhals) and returns a frame of the same kind with
socialroi's column names: ``channel``, ``mode``, ``campaign`` (and ``ad_set``, ``ad``),
``date``, ``currency``, ``attribution_window`` and the measures, ready for
:func:`socialroi.rollup` (after :func:`socialroi.convert` where currencies differ). It is
lazy where the input is lazy. ``docs/sources.md`` lists every field each source reads.
"""

from socialroi.sources._combine import combine
from socialroi.sources._fields import Field, Kind, Source
from socialroi.sources._ga4 import GA4, ga4
from socialroi.sources._google_ads import GOOGLE_ADS, google_ads
from socialroi.sources._linkedin import LINKEDIN, linkedin
from socialroi.sources._meta import ADS_MANAGER, MARKETING_API, meta, meta_api
from socialroi.sources._read import read
from socialroi.sources._tiktok import TIKTOK, tiktok
from socialroi.sources._x_ads import X_ADS, x_ads
from socialroi.sources._youtube import YOUTUBE, youtube

#: Every source, by the name of its function.
SOURCES = {
    s.name: s
    for s in (ADS_MANAGER, MARKETING_API, GOOGLE_ADS, LINKEDIN, TIKTOK, X_ADS, YOUTUBE, GA4)
}

__all__ = [
    "SOURCES",
    "Field",
    "Kind",
    "Source",
    "combine",
    "ga4",
    "google_ads",
    "linkedin",
    "meta",
    "meta_api",
    "read",
    "tiktok",
    "x_ads",
    "youtube",
]
