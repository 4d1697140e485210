"""The HTML page of each report: the executed notebook rendered with nbconvert's ``lab`` template
(nothing loaded from the network, code hidden behind a "Show code" switch or left out), the bar at
the top of the page (links, run, corpus, notebook, parameters), and :func:`publish_report`, which
records a finished report in the manifest and writes its page.

Example:
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.cells = [nbformat.v4.new_markdown_cell("# 报告")]
    >>> page = report_html(nb, ReportInfo("demo", "notebooks/demo.ipynb"))
    >>> "<title>报告 — demo</title>" in page
    True
"""

from __future__ import annotations

import html
import json
import os
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from dangjian.project.io import write_text_atomic
from dangjian.project.layout import INDEX_NAME, RunLayout
from dangjian.project.params import ReportSpec, role_value
from dangjian.running.share.manifest import ReportInfo, _relative_to, load_manifest, update_manifest
from dangjian.running.share.snapshots import Snapshot, figure_folders, snapshot_files, written_files

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
    """The corpus folder a report reads (its parameter of role ``corpus``), as shown: relative to the
    project root when inside it.

    Example:
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "data/raw"  # role: corpus', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> report_corpus(ReportSpec("a", Path("a.yaml"), Path("n.ipynb"), {"corpus_dir": str(root / "mine")}), root)
        'mine'
    """
    value = role_value(spec, project_root, "corpus")
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
        >>> import nbformat, tempfile
        >>> root = Path(tempfile.mkdtemp())
        >>> nb = nbformat.v4.new_notebook()
        >>> nb.cells = [nbformat.v4.new_code_cell('figure_prefix = "kw"  # role: figure_prefix', metadata={"tags": ["parameters"]})]
        >>> nbformat.write(nb, root / "n.ipynb")
        >>> spec = ReportSpec("kw", root / "parameters" / "kw.yaml", Path("n.ipynb"), {"figure_prefix": "keywords"}, "Keywords by level")
        >>> info = report_info(spec, root, figures=[root / "figures" / "keywords_top.png"])
        >>> info.parameter_file, info.figures, info.figure_prefix
        ('parameters/kw.yaml', ('figures/keywords_top.png',), 'keywords')
    """
    prefix = role_value(spec, project_root, "figure_prefix")
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
