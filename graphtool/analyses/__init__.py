"""Analyses: pure functions on a dataset and its graphs, returning plain data.

No printing and no I/O here; anything random takes a ``seed``.
"""
