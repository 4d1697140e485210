"""Keywords: which words stand out, and how sure that is.

- :mod:`~dangjian.keywords.inference`: group sizes, resampling intervals, corrected tests, caveats
- :mod:`~dangjian.keywords.measures`: frequencies, TF-IDF, keyness (G², log ratio, LRC), slogans (提法), PMI
"""
