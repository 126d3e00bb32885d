"""Layer 1, values: one number or name at a time, checked.

Money with an ISO 4217 currency, the currency list, action kinds, funnel stages, modes and cost
categories, reach bounds, the argument checks every layer uses, and the formatting of one value
by its unit (text and HTML tables of cells). Depends only on ``socialroi._errors``.
Implementation: import the public names from ``socialroi``.
"""
