"""Layer 2, measures: the additive aggregate (a commutative monoid) of actions, costs, revenue
and valued actions, with reach carried as bounds. Implementation: use ``socialroi.Measures``.
"""
