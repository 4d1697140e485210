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
  caption saying what it shows (the caption stored in the figure's files, :mod:`dangjian.captions`;
  else its name) and which notebook made it with which parameter file.

Every run has its own pages, manifest and index (``runs/<name>/reports/`` for a named run; see
:mod:`dangjian.layout`); the functions here take the run's name as ``run`` (None: the project's run).
The corpus and the number of documents a page or the index states come from the corpus at hand
(``dangjian run`` counts them before the reports run), never from the parameter files.
- :func:`methods_table` turns the manifest into a Markdown table for the README's methods section.

All text that comes from documents, parameter files or notebooks is HTML-escaped; table outputs
of the notebooks are escaped by pandas when they are displayed. Nothing here adds a date, so the
index and the manifest are the same bytes for the same reports and figures.

Example:
    >>> info = ReportInfo("00_corpus", "notebooks/00_corpus.ipynb", "parameters/00_corpus.yaml",
    ...                   figures=("figures/corpus_length_structure.png",), figure_prefix="corpus")
    >>> print(figure_caption("corpus_length_structure", info))
    length structure — made by notebook notebooks/00_corpus.ipynb with parameters parameters/00_corpus.yaml
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import os
import re
import sys
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dangjian.captions import first_caption
from dangjian.io import write_text_atomic
from dangjian.layout import INDEX_NAME, MANIFEST_NAME, RunLayout
from dangjian.params import ParameterError, ReportSpec, load_report_spec, parameter_value

#: Files of a figures folder that count as figures (what dangjian.plotting writes, plus JPEG).
FIGURE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")
_RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")

#: Width in pixels of the thumbnails embedded in the index.
THUMBNAIL_WIDTH = 360

#: Latin text first, then freely licensed and system CJK fonts (simplified forms), then anything.
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, "Noto Sans CJK SC", "Noto Sans SC", '
    '"Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif'
)
CODE_FONT_STACK = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace'

_TEMPLATE_NAME = "dangjian_report.html.j2"

# The lab template minus everything loaded from the network, plus the page bar of _banner_html.
_REPORT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
{{ resources.dangjian.css }}
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.dangjian.banner }}
<main>
{%- endblock body_header -%}
{%- block data_png scoped -%}
{{ super() }}
{%- set caption = output | get_metadata('caption', 'image/png') -%}
{%- if caption %}
<p class="dj-caption">{{ caption | escape_html }}</p>
{%- endif %}
{%- endblock data_png -%}
"""

_PAGE_CSS = f"""
:root {{
  --jp-content-font-family: {FONT_STACK};
  --jp-ui-font-family: {FONT_STACK};
  --jp-code-font-family: {CODE_FONT_STACK};
}}
body {{ font-family: {FONT_STACK}; }}
.dj-bar {{
  display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: baseline;
  padding: 0.6em 1.2em; margin-bottom: 0.8em; border-bottom: 1px solid #ccc; background: #f7f7f7;
  font-family: {FONT_STACK}; font-size: 14px;
}}
.dj-bar code {{ font-family: {CODE_FONT_STACK}; }}
.dj-bar details {{ flex-basis: 100%; }}
.dj-bar table {{ border-collapse: collapse; margin-top: 0.3em; }}
.dj-bar td, .dj-bar th {{ padding: 0.1em 0.8em 0.1em 0; text-align: left; vertical-align: top; }}
.dj-toggle-input {{ position: absolute; opacity: 0; width: 1px; height: 1px; }}
.dj-code-toggle {{
  cursor: pointer; border: 1px solid #888; border-radius: 4px; padding: 0.1em 0.6em; background: #fff;
}}
.dj-toggle-input:focus-visible + .dj-bar .dj-code-toggle {{ outline: 2px solid #1a73e8; }}
.dj-toggle-input:checked + .dj-bar .dj-show-label,
.dj-toggle-input:not(:checked) + .dj-bar .dj-hide-label {{ display: none; }}
.dj-toggle-input:not(:checked) ~ main .jp-CodeCell .jp-Cell-inputWrapper {{ display: none; }}
.dj-toggle-input:not(:checked) ~ main .jp-CodeCell .jp-OutputPrompt {{ visibility: hidden; }}
.dj-toggle-input:not(:checked) ~ main .jp-CodeCell.jp-mod-noOutputs {{ display: none; }}
@media print {{ .dj-code-toggle {{ display: none; }} }}
"""

_INDEX_CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }}
code {{ font-family: {CODE_FONT_STACK}; font-size: 0.92em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.4em 0.6em; text-align: left; vertical-align: top; }}
.figures {{ display: grid; grid-template-columns: repeat(auto-fill, minmax({THUMBNAIL_WIDTH}px, 1fr)); gap: 1.2em; }}
figure {{ margin: 0; padding: 0.6em; border: 1px solid #ddd; border-radius: 4px; }}
figure img {{ max-width: 100%; height: auto; display: block; margin: 0 auto 0.4em; }}
figcaption {{ font-size: 0.9em; }}
figcaption .name {{ font-weight: bold; }}
"""


# --------------------------------------------------------------------------- report information


@dataclass(frozen=True)
class ReportInfo:
    """What the manifest records about one report; paths are relative to the project root.

    Example:
        >>> info = ReportInfo("a", "notebooks/a.ipynb", "parameters/a.yaml", title="标题")
        >>> ReportInfo.from_json(info.to_json()) == info
        True
    """

    name: str
    notebook: str
    parameter_file: str | None = None
    description: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    title: str | None = None
    figures: tuple[str, ...] = ()
    figure_prefix: str | None = None
    code: str = "hidden"
    #: The run (None: the project's run), the corpus folder read (as shown) and the number of
    #: documents analysed in it (None: not counted).
    run: str | None = None
    corpus: str | None = None
    documents: int | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (figures as a sorted list).

        Example:
            >>> ReportInfo("a", "n.ipynb", figures=("b.png", "a.png")).to_json()["figures"]
            ['a.png', 'b.png']
        """
        data = asdict(self)
        data["parameters"] = dict(self.parameters)
        data["figures"] = sorted(self.figures)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReportInfo:
        """Rebuild from :meth:`to_json` output; unknown keys are ignored.

        Example:
            >>> ReportInfo.from_json({"name": "a", "notebook": "n.ipynb", "extra": 1}).name
            'a'
        """
        known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        known["figures"] = tuple(known.get("figures") or ())
        known["parameters"] = dict(known.get("parameters") or {})
        return cls(**known)


def _relative_to(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """``path`` relative to ``root`` in POSIX form, or absolute if it lies outside ``root``."""
    absolute = Path(os.path.abspath(Path(root) / path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def notebook_title(notebook: Mapping[str, Any]) -> str | None:
    """Text of the first Markdown heading (``# ...`` line) of a notebook, or None.

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell("# not a heading"),
        ...             nbformat.v4.new_markdown_cell("Intro\\n\\n## 基层党建 概览")]
        >>> notebook_title(nb)
        '基层党建 概览'
    """
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            match = _HEADING.match(line)
            if match:
                return match.group(2).strip()
    return None


# --------------------------------------------------------------------------- which figures a run wrote

Snapshot = dict[Path, tuple[int, int, int]]


def figure_folders(spec: ReportSpec, project_root: str | os.PathLike[str]) -> list[Path]:
    """The folders a report may write figures to: its run's ``figures/`` and its ``figures_dir`` parameter.

    The parameter's value comes from the parameter file, else from the notebook's default.

    Example:
        >>> spec = ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"figures_dir": "out/figs"})
        >>> [p.as_posix() for p in figure_folders(spec, "/proj")]
        ['/proj/figures', '/proj/out/figs']
    """
    root = Path(os.path.abspath(project_root))
    value = parameter_value(spec, root, "figures_dir")
    folders = [Path(os.path.abspath(spec.layout(root).figures))]
    if isinstance(value, str) and value:
        folders.append(Path(os.path.abspath(root / value)))
    return list(dict.fromkeys(folders))


def _is_figure(path: Path) -> bool:
    return path.suffix.lower() in FIGURE_SUFFIXES and not path.name.startswith(".") and path.is_file()


def snapshot_files(
    folders: Iterable[str | os.PathLike[str]], keep: Callable[[Path], bool] | None = None
) -> Snapshot:
    """Identity of every figure file (or every file ``keep`` accepts) under ``folders``:
    path -> (inode, mtime in ns, size).

    A file rewritten by :mod:`dangjian.io` gets a new inode and mtime even with the same bytes.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.png").write_bytes(b"x"); _ = (folder / "notes.txt").write_text("-")
        >>> [p.name for p in snapshot_files([folder])]
        ['a.png']
    """
    found: Snapshot = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if (keep or _is_figure)(path):
                stat = path.stat()
                found[Path(os.path.abspath(path))] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    return found


def written_files(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files present in ``after`` that were new or replaced since ``before``, sorted.

    Example:
        >>> written_files({Path("/f/a.png"): (1, 1, 1)}, {Path("/f/a.png"): (1, 1, 1), Path("/f/b.png"): (2, 2, 2)})
        [PosixPath('/f/b.png')]
    """
    return sorted(path for path, stamp in after.items() if before.get(path) != stamp)


# --------------------------------------------------------------------------- manifest


def manifest_path(project_root: str | os.PathLike[str], run: str | None = None) -> Path:
    """``reports/manifest.json`` of a run.

    Example:
        >>> manifest_path("/proj").as_posix(), manifest_path("/proj", "mine").as_posix()
        ('/proj/reports/manifest.json', '/proj/runs/mine/reports/manifest.json')
    """
    return RunLayout(Path(project_root), run).manifest


def load_manifest(project_root: str | os.PathLike[str], run: str | None = None) -> dict[str, ReportInfo]:
    """Read ``reports/manifest.json``: report name -> ReportInfo (empty if there is none yet).

    A manifest that is not valid JSON raises ValueError naming the file.

    Example:
        >>> import tempfile
        >>> load_manifest(tempfile.mkdtemp())
        {}
    """
    path = manifest_path(project_root, run)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: ReportInfo.from_json(entry) for name, entry in sorted(data["reports"].items())}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(
            f"{path}: not a readable report manifest ({exc}); delete it and run `dangjian run` again"
        ) from None


def update_manifest(project_root: str | os.PathLike[str], info: ReportInfo) -> Path:
    """Store ``info`` in the manifest, replacing the report's entry; return the manifest's path.

    A figure belongs to the report that wrote it last: it is removed from other reports' lists.

    Example:
        >>> import tempfile
        >>> root = tempfile.mkdtemp()
        >>> _ = update_manifest(root, ReportInfo("a", "n.ipynb", figures=("figures/x.png",)))
        >>> _ = update_manifest(root, ReportInfo("b", "m.ipynb", figures=("figures/x.png",)))
        >>> {name: info.figures for name, info in load_manifest(root).items()}
        {'a': (), 'b': ('figures/x.png',)}
    """
    reports = load_manifest(project_root, info.run)
    claimed = set(info.figures)
    for name, other in list(reports.items()):
        if name != info.name and claimed & set(other.figures):
            kept = tuple(f for f in other.figures if f not in claimed)
            reports[name] = ReportInfo(**{**asdict(other), "figures": kept})
    reports[info.name] = info
    data = {"reports": {name: reports[name].to_json() for name in sorted(reports)}}
    target = manifest_path(project_root, info.run)
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return target


def remove_from_manifest(project_root: str | os.PathLike[str], name: str, run: str | None = None) -> None:
    """Drop report ``name`` from a run's manifest (a report the run no longer makes).

    Example:
        >>> import tempfile
        >>> root = tempfile.mkdtemp()
        >>> _ = update_manifest(root, ReportInfo("a", "n.ipynb")); _ = update_manifest(root, ReportInfo("b", "n.ipynb"))
        >>> remove_from_manifest(root, "a"); list(load_manifest(root))
        ['b']
    """
    reports = load_manifest(project_root, run)
    if reports.pop(name, None) is None:
        return
    data = {"reports": {key: reports[key].to_json() for key in sorted(reports)}}
    write_text_atomic(manifest_path(project_root, run), json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


# --------------------------------------------------------------------------- report pages


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _href(target: str | os.PathLike[str], start: str | os.PathLike[str]) -> str:
    """A URL-quoted, HTML-escaped relative link from folder ``start`` to ``target``."""
    relative = Path(os.path.relpath(os.path.abspath(target), os.path.abspath(start))).as_posix()
    return _escape(urllib.parse.quote(relative, safe="/"))


def _parameter_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _banner_html(info: ReportInfo, *, code_included: bool) -> str:
    """The bar at the top of a report page: links, provenance, parameters and the code switch."""
    parts = [f'<a href="{INDEX_NAME}">All reports</a>']
    if info.run:
        parts.append(f"<span>run <strong>{_escape(info.run)}</strong></span>")
    parts.append(f"<span>report <strong>{_escape(info.name)}</strong></span>")
    if info.corpus:
        parts.append(f'<span class="dj-corpus">{_escape(corpus_sentence(info.corpus, info.documents))}</span>')
    parts.append(f"<span>notebook <code>{_escape(info.notebook)}</code></span>")
    if info.parameter_file:
        parts.append(f"<span>parameters <code>{_escape(info.parameter_file)}</code></span>")
    parts.append(f'<a href="{_escape(urllib.parse.quote(info.name + ".ipynb"))}">executed notebook (.ipynb)</a>')
    if code_included:
        parts.append(
            '<label class="dj-code-toggle" for="dj-show-code">'
            '<span class="dj-show-label">Show code</span><span class="dj-hide-label">Hide code</span></label>'
        )
    else:
        parts.append("<span>(code left out of this page)</span>")
    if info.parameters:
        rows = "".join(
            f"<tr><th><code>{_escape(key)}</code></th><td><code>{_escape(_parameter_value(value))}</code></td></tr>"
            for key, value in sorted(info.parameters.items())
        )
        parts.append(f"<details><summary>Parameters</summary><table>{rows}</table></details>")
    if info.description:
        parts.append(f'<span class="dj-description">{_escape(info.description)}</span>')
    bar = '<header class="dj-bar">' + "\n".join(parts) + "</header>"
    toggle = '<input type="checkbox" id="dj-show-code" class="dj-toggle-input">' if code_included else ""
    return toggle + bar


def report_html(
    notebook: Mapping[str, Any],
    info: ReportInfo,
    *,
    no_code: bool = False,
    resources_path: str | os.PathLike[str] | None = None,
) -> str:
    """Render an executed notebook (an nbformat node) to a self-contained HTML page.

    ``no_code`` removes input cells from the page; otherwise they are there but hidden until the
    reader flips the "Show code" switch. ``resources_path`` is the folder that relative image paths
    in Markdown cells are read from (the project root, like the notebooks' working directory).

    Example:
        >>> import nbformat
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_markdown_cell("# 报告"), nbformat.v4.new_code_cell("x = '<b>'")]
        >>> page = report_html(nb, ReportInfo("demo", "notebooks/demo.ipynb"))
        >>> "Show code" in page, "&lt;b&gt;" in page, "<b>" in page, "<script" in page
        (True, True, False, False)
    """
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        template_file=_TEMPLATE_NAME,
        extra_loaders=[jinja2.DictLoader({_TEMPLATE_NAME: _REPORT_TEMPLATE})],
        embed_images=True,
        exclude_input=no_code,
        exclude_input_prompt=no_code,
    )
    exporter.log.setLevel("ERROR")  # nbconvert warns about figures without alt text
    # via JSON, so a notebook read as plain JSON (sources as lists of lines) works too
    node = nbformat.reads(json.dumps(notebook), as_version=4)
    heading = info.title or notebook_title(notebook)
    title = f"{heading} — {info.name}" if heading else info.name
    resources = {
        "metadata": {"name": title, "path": str(resources_path or os.getcwd())},
        "dangjian": {"css": _PAGE_CSS, "banner": _banner_html(info, code_included=not no_code)},
    }
    body, _ = exporter.from_notebook_node(node, resources=resources)
    return body


def render_report(
    executed: str | os.PathLike[str],
    target: str | os.PathLike[str],
    info: ReportInfo,
    *,
    no_code: bool = False,
    resources_path: str | os.PathLike[str] | None = None,
) -> Path:
    """Render the executed notebook file ``executed`` to ``target`` (written atomically).

    Example:
        >>> # render_report("reports/00_corpus.ipynb", "reports/00_corpus.html", info)
    """
    import nbformat

    node = nbformat.read(str(executed), as_version=4)
    page = report_html(node, info, no_code=no_code, resources_path=resources_path)
    write_text_atomic(target, page)
    return Path(target)


def corpus_sentence(corpus: str, documents: int | None) -> str:
    """What a page says about its corpus, from the corpus at hand.

    Example:
        >>> corpus_sentence("data/raw", 5), corpus_sentence("mine", 1), corpus_sentence("mine", None)
        ('corpus data/raw: 5 documents analysed', 'corpus mine: 1 document analysed', 'corpus mine')
    """
    if documents is None:
        return f"corpus {corpus}"
    return f"corpus {corpus}: {documents} document{'' if documents == 1 else 's'} analysed"


def report_corpus(spec: ReportSpec, project_root: str | os.PathLike[str]) -> str | None:
    """The corpus folder a report reads (its ``corpus_dir``), as shown: relative to the project root
    when inside it.

    Example:
        >>> report_corpus(ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"corpus_dir": "/proj/data/raw"}), "/proj")
        'data/raw'
    """
    value = parameter_value(spec, project_root, "corpus_dir")
    if not (isinstance(value, str) and value):
        return None
    return spec.layout(project_root).shown(value)


def report_info(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    notebook: Mapping[str, Any] | None = None,
    figures: Iterable[str | os.PathLike[str]] = (),
    *,
    no_code: bool = False,
    documents: int | None = None,
) -> ReportInfo:
    """Describe a report for the manifest and the pages, from its spec and executed notebook.

    Example:
        >>> spec = ReportSpec("kw", Path("/proj/parameters/kw.yaml"), Path("notebooks/01_keywords.ipynb"),
        ...                   {"figure_prefix": "keywords"}, "Keywords by level")
        >>> info = report_info(spec, "/proj", figures=["/proj/figures/keywords_top.png"])
        >>> info.parameter_file, info.figures, info.figure_prefix
        ('parameters/kw.yaml', ('figures/keywords_top.png',), 'keywords')
    """
    prefix = parameter_value(spec, project_root, "figure_prefix")
    return ReportInfo(
        name=spec.name,
        notebook=spec.notebook.as_posix(),
        parameter_file=_relative_to(spec.source, project_root),
        description=spec.description,
        parameters=dict(spec.parameters),
        title=notebook_title(notebook) if notebook is not None else None,
        figures=tuple(sorted(_relative_to(path, project_root) for path in figures)),
        figure_prefix=prefix if isinstance(prefix, str) and prefix else None,
        code="removed" if no_code else "hidden",
        run=spec.run,
        corpus=report_corpus(spec, project_root),
        documents=documents,
    )


def html_path(spec_name: str, project_root: str | os.PathLike[str], run: str | None = None) -> Path:
    """Where a report's page goes: ``reports/<name>.html`` of its run.

    Example:
        >>> html_path("00_corpus", "/proj").as_posix(), html_path("00_corpus", "/proj", "mine").as_posix()
        ('/proj/reports/00_corpus.html', '/proj/runs/mine/reports/00_corpus.html')
    """
    return RunLayout(Path(project_root), run).page(spec_name)


def publish_report(
    spec: ReportSpec,
    project_root: str | os.PathLike[str],
    before: Snapshot | None,
    *,
    no_code: bool = False,
    documents: int | None = None,
) -> Path:
    """After a successful run: record the figures the report wrote and render its HTML page.

    ``before`` is :func:`snapshot_files` of :func:`figure_folders` taken just before the run; with
    None the figures already in the manifest are kept. ``documents`` is the number of documents of
    the corpus analysed (stated on the page). Returns the page's path.

    Example:
        >>> # before = snapshot_files(figure_folders(spec, root)); execute ...; publish_report(spec, root, before)
    """
    import nbformat

    root = Path(project_root)
    executed = spec.output_path(root)
    notebook = nbformat.read(str(executed), as_version=4)
    if before is None:
        known = load_manifest(root, spec.run).get(spec.name)
        figures: list[str | Path] = [root / f for f in known.figures] if known else []
    else:
        figures = list(written_files(before, snapshot_files(figure_folders(spec, root))))
    info = report_info(spec, root, notebook, figures, no_code=no_code, documents=documents)
    target = html_path(spec.name, root, spec.run)
    write_text_atomic(target, report_html(notebook, info, no_code=no_code, resources_path=root))
    update_manifest(root, info)
    return target


# --------------------------------------------------------------------------- figures and the index


@dataclass(frozen=True)
class FigureEntry:
    """One figure: its name (file stem), its files (PNG, SVG ...) and the report that made it."""

    name: str
    files: tuple[Path, ...]
    report: ReportInfo | None

    @property
    def preview(self) -> Path:
        """The file to show: PNG/JPEG if there is one, else the first file.

        Example:
            >>> FigureEntry("a", (Path("a.png"), Path("a.svg")), None).preview.name
            'a.png'
        """
        raster = [f for f in self.files if f.suffix.lower() in _RASTER_SUFFIXES]
        return (raster or list(self.files))[0]

    @property
    def description(self) -> str:
        """What the figure shows: the caption stored in its files, else its subject read from its name.

        Example:
            >>> FigureEntry("kw_heatmap", (Path("/nowhere/kw_heatmap.png"),), None).description
            'kw heatmap'
        """
        return first_caption(self.files) or figure_subject(self.name, self.report)


def figure_subject(name: str, report: ReportInfo | None) -> str:
    """What a figure shows, read from its name: the report's ``figure_prefix`` dropped, ``_`` as spaces.

    Example:
        >>> figure_subject("keywords_level_keyness_county", ReportInfo("kw", "n.ipynb", figure_prefix="keywords_level"))
        'keyness county'
    """
    words = Path(name).name
    if report is not None and report.figure_prefix and words.startswith(report.figure_prefix + "_"):
        words = words[len(report.figure_prefix) + 1 :]
    return words.replace("_", " ").strip() or name


def figure_provenance(report: ReportInfo | None) -> str:
    """Which notebook with which parameter file made a figure.

    Example:
        >>> figure_provenance(ReportInfo("a", "notebooks/a.ipynb", "parameters/a.yaml"))
        'made by notebook notebooks/a.ipynb with parameters parameters/a.yaml'
    """
    if report is None:
        return f"not recorded in reports/{MANIFEST_NAME} (made before it existed, or by hand)"
    made_by = f"made by notebook {report.notebook}"
    if report.parameter_file:
        made_by += f" with parameters {report.parameter_file}"
    return made_by


def figure_caption(name: str, report: ReportInfo | None) -> str:
    """Caption of figure ``name``: what it shows, and which notebook and parameters made it.

    Example:
        >>> print(figure_caption("topics_nmf_stability", None))
        topics nmf stability — not recorded in reports/manifest.json (made before it existed, or by hand)
    """
    return f"{figure_subject(name, report)} — {figure_provenance(report)}"


def figure_entries(
    project_root: str | os.PathLike[str], manifest: Mapping[str, ReportInfo] | None = None, run: str | None = None
) -> list[FigureEntry]:
    """Every figure in the run's ``figures/`` and every figure file the manifest records, grouped by stem.

    Sorted by folder then name; missing files are left out.

    Example:
        >>> import tempfile
        >>> root = Path(tempfile.mkdtemp()); (root / "figures").mkdir()
        >>> _ = (root / "figures" / "a.svg").write_text("<svg/>"); _ = (root / "figures" / "a.png").write_bytes(b"")
        >>> [(e.name, [f.suffix for f in e.files]) for e in figure_entries(root, {})]
        [('a', ['.png', '.svg'])]
    """
    root = Path(os.path.abspath(project_root))
    figures_dir = Path(os.path.abspath(RunLayout(root, run).figures))
    manifest = load_manifest(root, run) if manifest is None else manifest
    owner: dict[Path, ReportInfo] = {}
    for info in manifest.values():
        for figure in info.figures:
            owner[Path(os.path.abspath(root / figure))] = info
    files = set(snapshot_files([figures_dir])) | {path for path in owner if _is_figure(path)}
    groups: dict[tuple[Path, str], list[Path]] = {}
    for path in files:
        groups.setdefault((path.parent, path.stem), []).append(path)
    entries = []
    for (folder, stem), paths in sorted(groups.items()):
        paths.sort(key=lambda p: (FIGURE_SUFFIXES.index(p.suffix.lower()), p.name))
        report = next((owner[p] for p in paths if p in owner), None)
        in_figures = (folder / stem).is_relative_to(figures_dir)
        name = _relative_to(folder / stem, figures_dir) if in_figures else stem
        entries.append(FigureEntry(name, tuple(paths), report))
    return entries


def cached_thumbnail_data_uri(
    path: Path, project_root: Path, width: int = THUMBNAIL_WIDTH, run: str | None = None
) -> str:
    """:func:`thumbnail_data_uri`, kept in the run's cache by the image's content."""
    from dangjian.cache import TEXT, Cache

    cache = Cache(RunLayout(Path(project_root), run).cache)
    return cache.get_or_compute(
        "thumbnails", (path.read_bytes(), width), lambda: thumbnail_data_uri(path, width), ("share",), codec=TEXT
    )


def thumbnail_data_uri(path: str | os.PathLike[str], width: int = THUMBNAIL_WIDTH) -> str:
    """A ``data:image/png`` URI of the image at ``path`` scaled down to ``width`` pixels.

    Transparent areas become white and the colours are reduced to a 256-colour palette (without
    dithering), which keeps an index of dozens of figures small. Deterministic: the same image gives
    the same URI.

    Example:
        >>> from PIL import Image
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "a.png"
        >>> Image.new("RGB", (800, 400), "white").save(path)
        >>> thumbnail_data_uri(path, 100).startswith("data:image/png;base64,")
        True
    """
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        if image.width > width:
            height = max(1, round(image.height * width / image.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        rgba = image.convert("RGBA")
    flat = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    palette = flat.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=False)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _existing_reports(
    project_root: Path, manifest: Mapping[str, ReportInfo], run: str | None = None
) -> list[ReportInfo]:
    """Reports with an executed notebook in the run's reports/: manifest entries, else read from parameters/."""
    reports_dir = RunLayout(project_root, run).reports
    names = sorted(
        p.name[: -len(".ipynb")]
        for p in reports_dir.glob("*.ipynb")
        if not p.name.endswith(".failed.ipynb") and not p.name.startswith(".")
    )
    infos = []
    for name in names:
        if name in manifest:
            infos.append(manifest[name])
            continue
        notebook = _read_notebook_or_none(reports_dir / f"{name}.ipynb")
        param_file = project_root / "parameters" / f"{name}.yaml"
        try:
            spec = load_report_spec(param_file, project_root)
            infos.append(report_info(spec, project_root, notebook))
        except ParameterError:
            infos.append(ReportInfo(name, "(unknown)", title=notebook_title(notebook) if notebook else None))
    return infos


def _read_notebook_or_none(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def corpora_sentence(reports: Iterable[ReportInfo]) -> str | None:
    """What the index says about the corpora its reports analysed, from the manifest.

    Example:
        >>> corpora_sentence([ReportInfo("a", "n", corpus="mine", documents=8), ReportInfo("b", "n", corpus="mine", documents=8)])
        'All reports analyse corpus mine: 8 documents analysed.'
        >>> corpora_sentence([ReportInfo("a", "n")]) is None
        True
    """
    found: dict[str, int | None] = {}
    for info in reports:
        if info.corpus:
            found.setdefault(info.corpus, info.documents)
    if not found:
        return None
    if len(found) == 1:
        corpus, documents = next(iter(found.items()))
        return f"All reports analyse {corpus_sentence(corpus, documents)}."
    return "Corpora: " + "; ".join(corpus_sentence(c, d) for c, d in found.items()) + "."


def index_html(project_root: str | os.PathLike[str], run: str | None = None) -> str:
    """The HTML of ``reports/index.html``: the reports, then the figures with thumbnails and captions.

    Example:
        >>> import tempfile
        >>> page = index_html(tempfile.mkdtemp())
        >>> "No reports yet" in page and "No figures yet" in page
        True
    """
    root = Path(os.path.abspath(project_root))
    reports_dir = RunLayout(root, run).reports
    manifest = load_manifest(root, run)
    reports = _existing_reports(root, manifest, run)
    heading = "Reports and figures" if run is None else f"Reports and figures of run {run}"
    about = corpora_sentence(reports)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>dangjian: {_escape(heading[0].lower() + heading[1:])}</title>",
        f'<style type="text/css">{_INDEX_CSS}</style>',
        "</head>",
        "<body>",
        f"<h1>{_escape(heading)}</h1>",
        *([f'<p class="dj-corpus">{_escape(about)}</p>'] if about else []),
        "<p>Each report is a notebook executed by <code>dangjian run</code> with one parameter file. "
        "The HTML pages are self-contained (code hidden; use the switch at the top of a page to show it).</p>",
        "<h2>Reports</h2>",
    ]
    if reports:
        lines.append(
            "<table><thead><tr><th>Report</th><th>Description</th><th>Notebook</th>"
            "<th>Parameter file</th><th>Files</th></tr></thead><tbody>"
        )
        for info in reports:
            page = reports_dir / f"{info.name}.html"
            executed = reports_dir / f"{info.name}.ipynb"
            title = _escape(info.title or info.name)
            heading = f'<a href="{_href(page, reports_dir)}">{title}</a>' if page.is_file() else title
            files = []
            if page.is_file():
                files.append(f'<a href="{_href(page, reports_dir)}">HTML</a>')
            files.append(f'<a href="{_href(executed, reports_dir)}">.ipynb</a>')
            lines.append(
                f"<tr><td>{heading}<br><code>{_escape(info.name)}</code></td>"
                f"<td>{_escape(info.description or '')}</td>"
                f"<td><code>{_escape(info.notebook)}</code></td>"
                f"<td><code>{_escape(info.parameter_file or '')}</code></td>"
                f"<td>{' · '.join(files)}</td></tr>"
            )
        lines.append("</tbody></table>")
    else:
        lines.append("<p>No reports yet: run <code>dangjian run</code>.</p>")
    lines.append("<h2>Figures</h2>")
    entries = figure_entries(root, manifest, run)
    if entries:
        lines.append('<div class="figures">')
        for entry in entries:
            description = entry.description
            caption = f"{description} — {figure_provenance(entry.report)}"
            preview = entry.preview
            raster = preview.suffix.lower() in _RASTER_SUFFIXES
            source = cached_thumbnail_data_uri(preview, root, run=run) if raster else _href(preview, reports_dir)
            links = " · ".join(
                f'<a href="{_href(path, reports_dir)}">{_escape(path.suffix.lstrip(".").upper())}</a>'
                for path in entry.files
            )
            report_link = ""
            if entry.report is not None and (reports_dir / f"{entry.report.name}.html").is_file():
                report_link = (
                    f' · report <a href="{_href(reports_dir / (entry.report.name + ".html"), reports_dir)}">'
                    f"{_escape(entry.report.name)}</a>"
                )
            lines.append(
                f'<figure id="figure-{_escape(entry.name)}">'
                f'<a href="{_href(preview, reports_dir)}"><img src="{source}" alt="{_escape(caption)}"></a>'
                f'<figcaption><span class="name">{_escape(entry.name)}</span>: '
                f'<span class="caption">{_escape(description)}</span>'
                f"<br>{_escape(figure_provenance(entry.report))}"
                f"<br>{links}{report_link}</figcaption></figure>"
            )
        lines.append("</div>")
    else:
        lines.append("<p>No figures yet.</p>")
    lines += ["</body>", "</html>", ""]
    return "\n".join(lines)


def write_index(project_root: str | os.PathLike[str], run: str | None = None) -> Path:
    """Write ``reports/index.html`` of a run atomically and return its path.

    Example:
        >>> import tempfile
        >>> write_index(tempfile.mkdtemp()).name
        'index.html'
    """
    target = RunLayout(Path(project_root), run).index
    write_text_atomic(target, index_html(project_root, run))
    return target


# --------------------------------------------------------------------------- methods table


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_link(path: str) -> str:
    return f"[`{_markdown_cell(path)}`]({urllib.parse.quote(path, safe='/')})"


def methods_table(project_root: str | os.PathLike[str]) -> str:
    """A Markdown table linking every figure to the notebook and parameter file that made it.

    Links are relative to the project root (where README.md is).

    Example:
        >>> import tempfile
        >>> print(methods_table(tempfile.mkdtemp()))
        | Figure | Files | Notebook | Parameter file | What it shows |
        |---|---|---|---|---|
    """
    root = Path(os.path.abspath(project_root))
    rows = [
        "| Figure | Files | Notebook | Parameter file | What it shows |",
        "|---|---|---|---|---|",
    ]
    for entry in figure_entries(root):
        files = ", ".join(
            f"[{path.suffix.lstrip('.').upper()}]({urllib.parse.quote(_relative_to(path, root), safe='/')})"
            for path in entry.files
        )
        report = entry.report
        notebook = _markdown_link(report.notebook) if report else "not recorded"
        parameters = _markdown_link(report.parameter_file) if report and report.parameter_file else "—"
        what = entry.description
        name = _markdown_cell(entry.name)
        rows.append(f"| `{name}` | {files} | {notebook} | {parameters} | {_markdown_cell(what)} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------- command line


def republish(project_root: str | os.PathLike[str], *, no_code: bool = False, run: str | None = None) -> list[Path]:
    """Render every executed report of a run again and rebuild its index; return the pages.

    Figures recorded in the manifest are kept. Useful after changing how pages look.

    Example:
        >>> import tempfile
        >>> [p.name for p in republish(tempfile.mkdtemp())]
        ['index.html']
    """
    root = Path(os.path.abspath(project_root))
    pages = []
    manifest = load_manifest(root, run)
    for info in _existing_reports(root, manifest, run):
        executed = RunLayout(root, run).report(info.name)
        notebook = json.loads(executed.read_text(encoding="utf-8"))
        page = html_path(info.name, root, run)
        refreshed = ReportInfo(**{**asdict(info), "code": "removed" if no_code else "hidden"})
        write_text_atomic(page, report_html(notebook, refreshed, no_code=no_code, resources_path=root))
        if info.name in manifest:
            update_manifest(root, refreshed)
        pages.append(page)
    pages.append(write_index(root, run))
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dangjian.share``: re-render the pages and the index; optionally write the methods table.

    Example:
        >>> # python -m dangjian.share --methods-table methods.md
    """
    parser = argparse.ArgumentParser(
        prog="python -m dangjian.share",
        description="Render reports/*.ipynb (of the project's run, or of runs/NAME/) to HTML again, rebuild "
        "the index, "
        "and optionally write the figure -> notebook/parameters table as Markdown.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    parser.add_argument("--no-code", action="store_true", help="leave code cells out of the pages")
    parser.add_argument(
        "--name", default=None, metavar="NAME", help="the pages of the named run runs/NAME/ (default: the project's run)"
    )
    parser.add_argument("--methods-table", type=Path, metavar="FILE", help="write the methods table (Markdown) here")
    args = parser.parse_args(argv)
    try:
        pages = republish(args.root, no_code=args.no_code, run=args.name)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for page in pages:
        print(page)
    if args.methods_table is not None:
        write_text_atomic(args.methods_table, methods_table(args.root) + "\n")
        print(args.methods_table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
