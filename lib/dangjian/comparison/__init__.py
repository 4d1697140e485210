"""Comparison: like with like across regions and levels, and back to the source sentences.

- :mod:`~dangjian.comparison.compare`: coverage, density and like-with-like indicator tables
- :mod:`~dangjian.comparison.drilldown`: links from a term, topic cell or number to its source sentences
"""
