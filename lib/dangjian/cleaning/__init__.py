"""Cleaning: a raw text into clean simplified Chinese, every change recorded.

- :mod:`~dangjian.cleaning.edits`: edits and the one mechanism that applies them with an offset map
- :mod:`~dangjian.cleaning.clean`: the cleaning steps, each a pure function that finds edits
"""
