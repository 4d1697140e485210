"""The index page of a run, ``reports/index.html``: every report, then every figure (an entry per
figure name grouping its PNG, SVG ... files) with a thumbnail and a caption saying what it shows and
which notebook with which parameter file made it.

Example:
    >>> print(figure_caption("topics_nmf_stability", ReportInfo("t", "notebooks/02_topics.ipynb")))
    topics nmf stability — made by notebook notebooks/02_topics.ipynb
"""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangjian.figures.captions import first_caption
from dangjian.project.io import write_text_atomic
from dangjian.project.layout import MANIFEST_NAME, RunLayout
from dangjian.project.params import ParameterError, load_report_spec
from dangjian.running.share.manifest import ReportInfo, _relative_to, load_manifest
from dangjian.running.share.pages import (
    CODE_FONT_STACK,
    FONT_STACK,
    _escape,
    _href,
    corpus_sentence,
    notebook_title,
    report_info,
)
from dangjian.running.share.snapshots import FIGURE_SUFFIXES, _is_figure, snapshot_files

_RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")

#: Width in pixels of the thumbnails embedded in the index.
THUMBNAIL_WIDTH = 360

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
    from dangjian.project.cache import TEXT, Cache

    cache = Cache(RunLayout(Path(project_root), run).cache)
    return cache.get_or_compute(
        "thumbnails", (path.read_bytes(), width), lambda: thumbnail_data_uri(path, width), ("running.share",), codec=TEXT
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
