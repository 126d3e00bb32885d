"""Layer 4, reports: activities keyed by dimensions, reports and rows (metrics read from merged
sums), the roll-up over numpy columns and narwhals data frames, the factoriser of string keys,
and calendar periods. Implementation: use ``sr.Activity``, ``sr.report``, ``sr.rollup``.
"""
