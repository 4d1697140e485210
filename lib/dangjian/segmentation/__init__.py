"""Segmentation: clean texts into sections, paragraphs and sentences.

- :mod:`~dangjian.segmentation.segment`: headings, sections, paragraphs, sentences with offsets and section paths
- :mod:`~dangjian.segmentation.formulas`: the one recogniser of numbered political formulas, by kind
- :mod:`~dangjian.segmentation.pipeline`: the per-document pipeline in memory (read, clean, segment)
"""
