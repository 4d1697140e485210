"""Metadata: ``metadata.csv`` drafted from the clean texts (``dangjian corpus init``).

- :mod:`~dangjian.metadata.places`: place names from cpca's gazetteer
- :mod:`~dangjian.metadata.guess`: the drafted metadata rows: title, date, level, region, with what was guessed
"""
