"""Layer 3, metrics: array checks and the zero-division policy, one vectorised formula per
metric, the metric catalog (formula, inputs, stage, direction, unit, source) and the awareness,
sentiment and advocacy formulas. Implementation: use the names in ``socialroi``.
"""
