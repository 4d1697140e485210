"""Figures: drawn with the CJK font, each with its caption stored in the file.

- :mod:`~dangjian.figures.captions`: captions stored in each PNG and SVG
- :mod:`~dangjian.figures.plotting`: the CJK font, saving, the annotated heat-map helper
- :mod:`~dangjian.figures.keywords`: keyword figures
- :mod:`~dangjian.figures.topics`: topic figures
- :mod:`~dangjian.figures.indicators`: indicator figures
"""
