"""Share the results: executed notebooks as self-contained HTML pages, an index, a methods table.

``dangjian run`` calls :func:`publish_report` after each notebook that ran without error and
:func:`write_index` at the end:

- ``reports/<name>.html`` is the executed notebook ``reports/<name>.ipynb`` rendered with nbconvert's
  ``lab`` template. The page needs nothing but itself: figures are embedded (PNG as ``data:`` URIs,
  SVG inline, Markdown attachments and local Markdown images as ``data:`` URIs), the styles are
  inline, and the scripts nbconvert would load from the network (require.js, MathJax, Mermaid) are
  left out. Code cells are **hidden by default**; the "Show code" switch at the top of the page (a
  checkbox and CSS, so it works with JavaScript disabled) brings them back. ``dangjian run --no-code``
  leaves the code out of the page altogether. Chinese is drawn with the reader's system font
  (Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei … in that order); pages embed
  no font files.
- ``reports/manifest.json`` records, for each report, its notebook, parameter file, description,
  parameters, title (the notebook's first Markdown heading), the run and corpus it was made from
  with the number of documents analysed, and the figure files it wrote (files of its figures folder
  that were new or replaced while it ran).
- ``reports/index.html`` lists every report and every figure in ``figures/`` with a thumbnail and a
  caption saying what it shows (the caption stored in the figure's files, :mod:`dangjian.figures.captions`;
  else its name) and which notebook made it with which parameter file.

Every run has its own pages, manifest and index (``runs/<name>/reports/`` for a named run; see
:mod:`dangjian.project.layout`); the functions here take the run's name as ``run`` (None: the project's run).
The corpus and the number of documents a page or the index states come from the corpus at hand
(``dangjian run`` counts them before the reports run), never from the parameter files.
- :func:`methods_table` turns the manifest into a Markdown table for the README's methods section.

All text that comes from documents, parameter files or notebooks is HTML-escaped; table outputs
of the notebooks are escaped by pandas when they are displayed. Nothing here adds a date, so the
index and the manifest are the same bytes for the same reports and figures.

Modules, one job each, each importing only those before it: :mod:`~dangjian.running.share.snapshots`
(which figures a run wrote: ``figure_folders``, ``snapshot_files``, ``written_files``),
:mod:`~dangjian.running.share.manifest` (``ReportInfo`` and ``reports/manifest.json``),
:mod:`~dangjian.running.share.pages` (the HTML page of a report: nbconvert template, banner,
``publish_report``), :mod:`~dangjian.running.share.index` (``reports/index.html``: figure entries, captions,
thumbnails), :mod:`~dangjian.running.share.methods` (the methods table) and :mod:`~dangjian.running.share.republish`
(``republish``: every page and the index made again). The command line ``python -m dangjian.running.share``
is :mod:`dangjian.cli.share` (run through :mod:`dangjian.running.share.__main__`: the command line imports this package, not the
other way round).

Example:
    >>> info = ReportInfo("00_corpus", "notebooks/00_corpus.ipynb", "parameters/00_corpus.yaml",
    ...                   figures=("figures/corpus_length_structure.png",), figure_prefix="corpus")
    >>> print(figure_caption("corpus_length_structure", info))
    length structure — made by notebook notebooks/00_corpus.ipynb with parameters parameters/00_corpus.yaml
"""

from dangjian.running.share.index import (
    THUMBNAIL_WIDTH,
    FigureEntry,
    cached_thumbnail_data_uri,
    corpora_sentence,
    figure_caption,
    figure_entries,
    figure_provenance,
    figure_subject,
    index_html,
    thumbnail_data_uri,
    write_index,
)
from dangjian.running.share.manifest import ReportInfo, load_manifest, manifest_path, remove_from_manifest, update_manifest
from dangjian.running.share.methods import methods_table
from dangjian.running.share.pages import (
    CODE_FONT_STACK,
    FONT_STACK,
    corpus_sentence,
    html_path,
    notebook_title,
    publish_report,
    render_report,
    report_corpus,
    report_html,
    report_info,
)
from dangjian.running.share.republish import republish
from dangjian.running.share.snapshots import FIGURE_SUFFIXES, Snapshot, figure_folders, snapshot_files, written_files

__all__ = [
    "CODE_FONT_STACK", "FIGURE_SUFFIXES", "FONT_STACK", "THUMBNAIL_WIDTH", "FigureEntry", "ReportInfo", "Snapshot",
    "cached_thumbnail_data_uri", "corpora_sentence", "corpus_sentence", "figure_caption", "figure_entries",
    "figure_folders", "figure_provenance", "figure_subject", "html_path", "index_html", "load_manifest",
    "manifest_path", "methods_table", "notebook_title", "publish_report", "remove_from_manifest", "render_report",
    "report_corpus", "report_html", "report_info", "republish", "snapshot_files", "thumbnail_data_uri",
    "update_manifest", "write_index", "written_files",
]
