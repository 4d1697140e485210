"""Running: the corpus processed once into tables, the reports run on them and shared.

- :mod:`~dangjian.running.status`: each document's status and why
- :mod:`~dangjian.running.engine`: the per-document stages in parallel (local or Dask)
- :mod:`~dangjian.running.tables`: the process step, ``CorpusTables`` and the corpus report of a folder
- :mod:`~dangjian.running.exports`: exports for Excel, Stata and R with a codebook
- :mod:`~dangjian.running.overview`: corpus figures and tables of the corpus notebook
- :mod:`~dangjian.running.freshness`: what is up to date
- :mod:`~dangjian.running.runlock`: one run at a time
- :mod:`~dangjian.running.share`: HTML pages, the index and the methods table
- :mod:`~dangjian.running.runner`: papermill execution of every report of a run
"""
