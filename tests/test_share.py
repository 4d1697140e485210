"""HTML pages of executed notebooks, the index of reports and figures, the manifest and the methods table.

Pages are rendered by the real nbconvert from notebooks built here (with real PNG, SVG, attachment
and HTML outputs), and once from the real corpus notebook executed by `dangjian run` on a copy of
the corpus with a document that contains a script tag.
"""

from __future__ import annotations

import base64
import html.parser
import io
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from dangjian.cli.share import main as share_command
from dangjian.project.io import write_bytes_atomic
from dangjian.project.params import ReportSpec
from dangjian.running import share
from scratch_projects import make_project, run

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def png_bytes(width: int = 40, height: int = 20, color: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


class Elements(html.parser.HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(page)
    return parser.tags


def links(page: str) -> list[str]:
    return [attrs[name] or "" for _, attrs in elements(page) for name in ("src", "href") if name in attrs]


@pytest.fixture
def executed_notebook(tmp_path):
    """A notebook as papermill leaves it: Chinese heading, code, PNG, SVG, HTML table, attachment, local image."""
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "local.png").write_bytes(png_bytes(color="blue"))
    png = base64.b64encode(png_bytes()).decode("ascii")
    attachment = base64.b64encode(png_bytes(color="green")).decode("ascii")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10"/></svg>'
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 基层党建：报告\n\nMethods text."),
        nbformat.v4.new_code_cell("figures_dir = 'figures'", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "show_figure('党员')",
            outputs=[
                nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
                nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": "<SVG>"}),
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": "<table><tr><td>甘肃</td></tr></table>", "text/plain": "甘肃"},
                ),
            ],
            execution_count=3,
        ),
        nbformat.v4.new_markdown_cell(
            "![attached](attachment:dot.png) and ![local](figures/local.png)",
            attachments={"dot.png": {"image/png": attachment}},
        ),
        nbformat.v4.new_code_cell("unused_variable = 1", execution_count=4),
    ]
    return {"nb": nb, "root": tmp_path, "png": png, "attachment": attachment, "svg": svg}


INFO = share.ReportInfo(
    "demo",
    "notebooks/demo.ipynb",
    "parameters/demo.yaml",
    description="演示 & <b>demo</b>",
    parameters={"region": "甘肃", "top_n": 20},
)


def test_page_is_self_contained_with_images_embedded(executed_notebook):
    page = share.report_html(executed_notebook["nb"], INFO, resources_path=executed_notebook["root"])
    assert f"data:image/png;base64,{executed_notebook['png']}" in page  # PNG output
    assert f"data:image/png;base64,{executed_notebook['attachment']}" in page  # Markdown attachment
    local = base64.b64encode((executed_notebook["root"] / "figures" / "local.png").read_bytes()).decode("ascii")
    assert f"data:image/png;base64,{local}" in page  # local image referenced from Markdown
    svg = base64.b64encode(executed_notebook["svg"].encode()).decode("ascii")
    assert f"data:image/svg+xml;base64,{svg}" in page  # SVG output
    assert "<table><tr><td>甘肃</td></tr></table>" in page
    # nothing is fetched: no scripts at all, no stylesheet or image from elsewhere
    assert not [tag for tag, _ in elements(page) if tag in {"script", "link", "iframe"}]
    outside = [link for link in links(page) if not link.startswith(("data:", "#"))]
    assert sorted(outside) == ["demo.ipynb", "index.html"]


def test_code_is_hidden_behind_a_switch_by_default(executed_notebook):
    page = share.report_html(executed_notebook["nb"], INFO)
    toggle = [attrs for tag, attrs in elements(page) if tag == "input" and attrs.get("id") == "dj-show-code"]
    assert toggle and "checked" not in toggle[0]
    assert '<label class="dj-code-toggle" for="dj-show-code">' in page
    assert ".dj-toggle-input:not(:checked) ~ main .jp-CodeCell .jp-Cell-inputWrapper { display: none; }" in page
    assert "unused_variable" in page and "show_figure" in page  # still there, to be shown


def test_no_code_leaves_code_out(executed_notebook):
    page = share.report_html(executed_notebook["nb"], INFO, no_code=True)
    assert "unused_variable" not in page and "show_figure" not in page
    assert "dj-show-code" not in page.split("<main>", 1)[1]
    assert f"data:image/png;base64,{executed_notebook['png']}" in page  # outputs stay
    assert "基层党建：报告" in page


def test_page_header_names_notebook_and_parameters_escaped(executed_notebook):
    page = share.report_html(executed_notebook["nb"], INFO)
    assert "<code>notebooks/demo.ipynb</code>" in page and "<code>parameters/demo.yaml</code>" in page
    assert "演示 &amp; &lt;b&gt;demo&lt;/b&gt;" in page and "<b>demo</b>" not in page
    assert "<code>\"甘肃\"</code>" in page and "<code>20</code>" in page
    assert "<title>基层党建：报告 — demo</title>" in page


def test_page_is_deterministic(executed_notebook):
    first = share.report_html(executed_notebook["nb"], INFO, resources_path=executed_notebook["root"])
    second = share.report_html(executed_notebook["nb"], INFO, resources_path=executed_notebook["root"])
    assert first == second


def test_render_report_writes_the_page_atomically(executed_notebook, tmp_path):
    source = tmp_path / "demo.ipynb"
    nbformat.write(executed_notebook["nb"], source)
    target = tmp_path / "out" / "demo.html"
    assert share.render_report(source, target, INFO) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["demo.html"]  # no temporary file left


def test_notebook_title_is_the_first_markdown_heading():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("No heading here"), nbformat.v4.new_markdown_cell("## 二、概况 ##")]
    assert share.notebook_title(nb) == "二、概况"
    assert share.notebook_title(nbformat.v4.new_notebook()) is None


# ----------------------------------------------------------------- figures, manifest, index


def test_rewritten_figures_count_as_written_even_with_the_same_bytes(tmp_path):
    figures = tmp_path / "figures"
    write_bytes_atomic(figures / "kept.png", png_bytes())
    write_bytes_atomic(figures / "redone.png", png_bytes())
    before = share.snapshot_files([figures])
    write_bytes_atomic(figures / "redone.png", png_bytes())  # same bytes, new file
    write_bytes_atomic(figures / "new.svg", b"<svg/>")
    (figures / "notes.txt").write_text("not a figure", encoding="utf-8")
    written = share.written_files(before, share.snapshot_files([figures]))
    assert [p.name for p in written] == ["new.svg", "redone.png"]


def test_figure_folders_follow_the_parameter_or_the_notebook_default(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("figures_dir = 'out/figs'  # role: figures", metadata={"tags": ["parameters"]})]
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "n.ipynb")
    default = ReportSpec("a", tmp_path / "a.yaml", Path("notebooks/n.ipynb"))
    given = ReportSpec("b", tmp_path / "b.yaml", Path("notebooks/n.ipynb"), {"figures_dir": "elsewhere"})
    assert share.figure_folders(default, tmp_path) == [tmp_path / "figures", tmp_path / "out" / "figs"]
    assert share.figure_folders(given, tmp_path) == [tmp_path / "figures", tmp_path / "elsewhere"]


def test_a_figures_dir_without_the_figures_role_is_not_a_figure_folder(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("figures_dir = 'out/figs'\nplots = 'charts'  # role: figures",
                                          metadata={"tags": ["parameters"]})]
    nbformat.write(nb, tmp_path / "n.ipynb")
    spec = ReportSpec("a", tmp_path / "a.yaml", Path("n.ipynb"), {"figures_dir": "elsewhere"})
    assert share.figure_folders(spec, tmp_path) == [tmp_path / "figures", tmp_path / "charts"]


def make_figures(root: Path) -> None:
    for name in ("corpus_length", "keywords_level_heatmap", "hand_made"):
        write_bytes_atomic(root / "figures" / f"{name}.png", png_bytes(800, 400))
    write_bytes_atomic(root / "figures" / "corpus_length.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    share.update_manifest(
        root,
        share.ReportInfo(
            "00_corpus",
            "notebooks/00_corpus.ipynb",
            "parameters/00_corpus.yaml",
            description=f"Corpus {SCRIPT}",
            title=f"语料 {SCRIPT}",
            figures=("figures/corpus_length.png", "figures/corpus_length.svg"),
            figure_prefix="corpus",
        ),
    )
    share.update_manifest(
        root,
        share.ReportInfo(
            "01_keywords_level",
            "notebooks/01_keywords.ipynb",
            "parameters/01_keywords_level.yaml",
            figures=("figures/keywords_level_heatmap.png",),
            figure_prefix="keywords_level",
        ),
    )
    (root / "reports" / "00_corpus.ipynb").write_text("{}", encoding="utf-8")
    (root / "reports" / "00_corpus.html").write_text("<html></html>", encoding="utf-8")
    (root / "reports" / "01_keywords_level.ipynb").write_text("{}", encoding="utf-8")


def test_index_lists_reports_and_every_figure_with_captions(tmp_path):
    make_figures(tmp_path)
    page = share.index_html(tmp_path)
    assert '<a href="00_corpus.html">' in page and '<a href="00_corpus.ipynb">.ipynb</a>' in page
    assert '<a href="01_keywords_level.ipynb">.ipynb</a>' in page
    assert "<code>parameters/01_keywords_level.yaml</code>" in page
    assert "heatmap</span><br>made by notebook notebooks/01_keywords.ipynb with parameters parameters/01_keywords_level.yaml" in page
    assert "length</span><br>made by notebook notebooks/00_corpus.ipynb with parameters parameters/00_corpus.yaml" in page
    assert "hand made</span><br>not recorded in reports/manifest.json" in page
    assert '<a href="../figures/corpus_length.svg">SVG</a>' in page
    thumbnails = [attrs["src"] for tag, attrs in elements(page) if tag == "img"]
    assert len(thumbnails) == 3
    for uri in thumbnails:
        data = base64.b64decode(uri.split(",", 1)[1])
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (share.THUMBNAIL_WIDTH, share.THUMBNAIL_WIDTH // 2)


def test_index_and_methods_table_show_the_caption_saved_with_a_figure(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from dangjian.figures.plotting import save_figure, setup_cjk_font

    make_figures(tmp_path)
    setup_cjk_font()
    fig = Figure(figsize=(3, 2))
    fig.subplots().plot([1, 2], [3, 1])
    caption = "Share of each region's quantities by core category <unmapped apart> & 各地区"
    save_figure(fig, "indicators_coverage", tmp_path / "figures", caption=caption)
    page = share.index_html(tmp_path)
    escaped = "Share of each region&#x27;s quantities by core category &lt;unmapped apart&gt; &amp; 各地区"
    captions = [attrs["alt"] for tag, attrs in elements(page) if tag == "img"]
    assert any(alt.startswith(caption + " — ") for alt in captions)
    assert f'<span class="name">indicators_coverage</span>: <span class="caption">{escaped}</span><br>' in page
    assert "indicators coverage" not in page  # the file name is not the caption any more
    assert "hand made</span><br>" in page  # a figure without a stored caption keeps its name
    assert caption.replace("|", "\\|") in share.methods_table(tmp_path)


def test_report_prints_a_figure_caption_under_the_figure():
    nb = nbformat.v4.new_notebook()
    figure = nbformat.v4.new_output(
        "display_data",
        data={"image/png": base64.b64encode(png_bytes()).decode(), "text/plain": "<Figure>"},
        metadata={"image/png": {"caption": f"Shares by region {SCRIPT}"}},
    )
    plain = nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(png_bytes()).decode()})
    nb.cells = [nbformat.v4.new_code_cell("fig", outputs=[figure]), nbformat.v4.new_code_cell("other", outputs=[plain])]
    page = share.report_html(nb, share.ReportInfo("demo", "notebooks/demo.ipynb"))
    image = page.index("data:image/png;base64,")
    caption = page.index(f'<p class="dj-caption">Shares by region {ESCAPED_SCRIPT}</p>')
    assert image < caption and page.count('class="dj-caption"') == 1
    assert SCRIPT not in page


def test_index_escapes_every_text(tmp_path):
    make_figures(tmp_path)
    page = share.index_html(tmp_path)
    assert SCRIPT not in page
    assert f"语料 {ESCAPED_SCRIPT}" in page and f"Corpus {ESCAPED_SCRIPT}" in page
    assert not [tag for tag, _ in elements(page) if tag == "script"]


def test_index_and_manifest_are_deterministic(tmp_path):
    make_figures(tmp_path)
    manifest = share.manifest_path(tmp_path).read_bytes()
    first = share.write_index(tmp_path).read_bytes()
    share.update_manifest(tmp_path, share.load_manifest(tmp_path)["01_keywords_level"])
    assert share.manifest_path(tmp_path).read_bytes() == manifest
    assert share.write_index(tmp_path).read_bytes() == first


def test_a_figure_belongs_to_the_report_that_wrote_it_last(tmp_path):
    make_figures(tmp_path)
    share.update_manifest(
        tmp_path, share.ReportInfo("other", "notebooks/x.ipynb", figures=("figures/keywords_level_heatmap.png",))
    )
    manifest = share.load_manifest(tmp_path)
    assert manifest["01_keywords_level"].figures == ()
    assert manifest["other"].figures == ("figures/keywords_level_heatmap.png",)


def test_broken_manifest_is_a_clear_error(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"manifest\.json: not a readable report manifest"):
        share.load_manifest(tmp_path)


def test_methods_table_links_each_figure_to_notebook_and_parameters(tmp_path):
    make_figures(tmp_path)
    table = share.methods_table(tmp_path).splitlines()
    assert table[0] == "| Figure | Files | Notebook | Parameter file | What it shows |"
    assert len(table) == 2 + 3
    assert (
        "| `corpus_length` | [PNG](figures/corpus_length.png), [SVG](figures/corpus_length.svg) | "
        "[`notebooks/00_corpus.ipynb`](notebooks/00_corpus.ipynb) | "
        "[`parameters/00_corpus.yaml`](parameters/00_corpus.yaml) | length |"
    ) in table
    assert "| `hand_made` | [PNG](figures/hand_made.png) | not recorded | — | hand made |" in table


def test_share_command_rerenders_and_writes_the_methods_table(tmp_path, executed_notebook, capsys):
    make_figures(tmp_path)
    nbformat.write(executed_notebook["nb"], tmp_path / "reports" / "00_corpus.ipynb")
    nbformat.write(executed_notebook["nb"], tmp_path / "reports" / "01_keywords_level.ipynb")
    methods = tmp_path / "methods.md"
    assert share_command(["--root", str(tmp_path), "--no-code", "--methods-table", str(methods)]) == 0
    page = (tmp_path / "reports" / "01_keywords_level.html").read_text(encoding="utf-8")
    assert "基层党建：报告" in page and "unused_variable" not in page
    assert methods.read_text(encoding="utf-8") == share.methods_table(tmp_path) + "\n"
    assert share.load_manifest(tmp_path)["00_corpus"].code == "removed"


# ----------------------------------------------------------------- the real corpus notebook


@pytest.fixture(scope="module")
def corpus_with_script_tag(tmp_path_factory):
    """`dangjian run --no-code` of the real 00_corpus on data/raw plus a document with a script tag."""
    root = make_project(tmp_path_factory.mktemp("escape"), ["00_corpus"])
    raw = root / "data" / "raw"
    (raw / "script-village.txt").write_text(
        f"关于加强村级党组织建设的报告\n一、{SCRIPT}加强组织建设\n"
        f"今年以来，全村共发展党员3名，{SCRIPT}整顿软弱涣散党组织2个。\n二、强化服务功能\n党员服务群众12次。\n",
        encoding="utf-8",
    )
    with open(raw / "metadata.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("script-village,script-village.txt,测试,某村,,,,,township,2024,stated,work summary,,hans,\n")
    code, out, err = run(root, "--no-code")
    return {"root": root, "code": code, "log": out + err}


def test_script_tag_in_a_document_renders_as_text(corpus_with_script_tag):
    root = corpus_with_script_tag["root"]
    assert corpus_with_script_tag["code"] == 0, corpus_with_script_tag["log"][-3000:]
    clean = (root / "data" / "processed" / "corpus" / "clean" / "script-village.txt").read_text(encoding="utf-8")
    assert SCRIPT in clean  # the text really reaches the notebook's tables
    page = (root / "reports" / "00_corpus.html").read_text(encoding="utf-8")
    assert SCRIPT not in page
    assert f"一、{ESCAPED_SCRIPT}加强组织建设" in page
    assert not [tag for tag, _ in elements(page) if tag == "script"]
    assert "process_corpus(" not in page  # --no-code


def test_run_records_figures_and_builds_the_index(corpus_with_script_tag):
    root = corpus_with_script_tag["root"]
    manifest = share.load_manifest(root)["00_corpus"]
    assert manifest.figures == (
        "figures/corpus_cleaning_steps.png",
        "figures/corpus_cleaning_steps.svg",
        "figures/corpus_length_structure.png",
        "figures/corpus_length_structure.svg",
    )
    assert manifest.title == "The corpus: sources, cleaning and structure"
    assert manifest.parameter_file == "parameters/00_corpus.yaml" and manifest.code == "removed"
    index = (root / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<a href="00_corpus.html">The corpus: sources, cleaning and structure</a>' in index
    assert ("corpus_cleaning_steps</span>: <span class=\"caption\">Number of edits each cleaning step made in each of the 6 documents"
            in index)  # the caption the notebook saved with the figure, not its file name
    assert ("(steps that changed nothing left out).</span><br>made by notebook notebooks/00_corpus.ipynb "
            "with parameters parameters/00_corpus.yaml") in index
    assert "reports/index.html" in corpus_with_script_tag["log"]


def tiny_project(root: Path) -> Path:
    """A project with one notebook (a Chinese heading, a parameters cell) and its parameter file."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 页面"), nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "page.ipynb")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "parameters").mkdir()
    (root / "parameters" / "page.yaml").write_text("notebook: notebooks/page.ipynb\n", encoding="utf-8")
    (root / "reports").mkdir()
    return root


def test_failed_rendering_keeps_the_report_and_fails_the_run(tmp_path):
    """A report whose page cannot be made is a failure; its executed notebook is still there."""
    root = tiny_project(tmp_path)
    (root / "reports" / "page.html").mkdir()  # a folder where the page should go
    code, out, _ = run(root)
    assert code == 1
    assert "FAILED page: notebooks/page.ipynb ran, but its HTML page could not be made" in out
    assert (root / "reports" / "page.ipynb").is_file()


def test_broken_manifest_fails_the_run_with_a_clear_message(tmp_path):
    root = tiny_project(tmp_path)
    (root / "reports" / "manifest.json").write_text("{not json", encoding="utf-8")
    code, out, _ = run(root)
    assert code == 1
    assert "not a readable report manifest" in out and "delete it and run `dangjian run` again" in out
    assert "FAILED reports/index.html could not be made" in out
    assert (root / "reports" / "page.ipynb").is_file()
