"""Layer 5, goals: KPIs with targets and pacing, goals, funnels, business-model presets, and
comparisons with the past and with benchmarks. Implementation: use the names in ``socialroi``.
"""
