"""Open the HTML pages in headless Chromium as a reader would: figures load, Chinese is drawn in a real font.

A small notebook with a Chinese heading and a figure runs with `dangjian run` in a scratch project
(a few seconds, independent of `make run`); its page and `reports/index.html` are then opened with
Debian's Chromium (`make browser` installs it and a CJK font). A probe script appended to a copy of
each page writes, after the page has loaded, every image's natural size and the on-screen box of each
character of the first heading into the DOM, which `--dump-dom` returns; it also clicks the
"Show code" switch and records whether the code appears. A screenshot of the same
page at the same window size is then cut at those boxes: each Chinese character must leave ink, the
characters must differ from each other, and none may look like the box drawn for a character that no
font has (U+E000, private use). Screenshots are kept beside the pages for the record.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from PIL import Image, ImageChops, ImageStat

from scratch_projects import run

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
WINDOW = (1280, 1400)
HEADING = "基层党建报告：浏览器检查"
CAPTION = "各地区党组织数量（示例数字）"
MISSING_GLYPH = "\ue000"

PROBE = """
<div id="probe-missing" style="position:absolute; right:20px; top:%(top)dpx; font-size:48px; line-height:1">%(missing)s</div>
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.map.call(document.images, function (img) {
    var box = img.getBoundingClientRect();
    return {complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
            box: [box.left, box.top, box.width, box.height]};
  });
  function charBoxes(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var node = walker.nextNode(), boxes = [];
    for (var i = 0; node && i < node.data.length; i++) {
      var range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      var box = range.getBoundingClientRect();
      boxes.push({char: node.data[i], box: [box.left, box.top, box.width, box.height]});
    }
    return boxes;
  }
  var code = document.querySelector(".jp-CodeCell .jp-Cell-inputWrapper");
  var label = document.querySelector("label.dj-code-toggle");
  var toggle = {before: code ? getComputedStyle(code).display : null, after: null};
  if (code && label) {
    label.click();
    toggle.after = getComputedStyle(code).display;
    label.click();
  }
  var heading = document.querySelector("%(heading_selector)s");
  var result = {images: images, toggle: toggle,
                heading: heading ? charBoxes(heading) : [],
                missing: charBoxes(document.getElementById("probe-missing"))};
  var out = document.createElement("pre");
  out.id = "probe-result";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""

NOTEBOOK_CELLS = [
    ("markdown", f"# {HEADING}\n\n这一页检查图片和中文是否正常显示。"),
    ("parameters", 'figures_dir = "figures"\nregions = ["甘肃", "贵州", "黑龙江"]'),
    (
        "code",
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt\n"
        "from IPython.display import Image, display\n"
        "from dangjian.figures.plotting import save_figure, setup_cjk_font\n"
        "setup_cjk_font()\n"
        "fig, ax = plt.subplots(figsize=(5, 3))\n"
        "ax.bar(regions, [12, 7, 9], color='#b22222')\n"
        "ax.set_title('各地区党组织数量')\n"
        f"fig.set_label({CAPTION!r})\n"
        "paths = save_figure(fig, 'browser_regions', figures_dir)\n"
        "plt.close(fig)\n"
        "display(Image(filename=str(paths[0])))\n"
        "display(fig)",
    ),
    ("markdown", "## 说明\n\n图中数字为示例。"),
]


def chromium_or_fail() -> Path:
    if CHROMIUM.is_file():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium and fonts-noto-cjk)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    command = [
        str(chromium_or_fail()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def cjk_fonts() -> str:
    """What fontconfig (and so Chromium) offers for Chinese, for failure messages."""
    if shutil.which("fc-list") is None:
        return "(fc-list missing)"
    listing = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return listing.stdout.strip() or "(no font for Chinese)"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """`dangjian run` of the small notebook in a scratch project: reports/browser.html and index.html."""
    chromium_or_fail()
    root = tmp_path_factory.mktemp("browser")
    (root / "pyproject.toml").write_text("[project]\nname = 'scratch'\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    for kind, source in NOTEBOOK_CELLS:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            tags = {"tags": ["parameters"]} if kind == "parameters" else {}
            nb.cells.append(nbformat.v4.new_code_cell(source, metadata=tags))
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "browser.ipynb")
    (root / "parameters").mkdir()
    (root / "parameters" / "browser.yaml").write_text(
        "notebook: notebooks/browser.ipynb\ndescription: 浏览器检查用的小报告\n", encoding="utf-8"
    )
    code, out, err = run(root)
    assert code == 0, (out + err)[-3000:]
    return root


def open_page(page: Path, heading_selector: str, tmp_path: Path, name: str) -> tuple[dict, Image.Image]:
    """Load a probed copy of ``page``: the probe's findings and a screenshot (saved beside the page)."""
    probed = page.with_name(f"{page.stem}.probe.html")
    probe = PROBE % {"top": WINDOW[1] - 120, "missing": MISSING_GLYPH, "heading_selector": heading_selector}
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    url = probed.as_uri()
    dumped = chromium("--virtual-time-budget=10000", "--dump-dom", url, profile=tmp_path / f"{name}-dom")
    start = dumped.stdout.find('<pre id="probe-result">')
    assert start >= 0, f"the probe did not run in {page.name}: {dumped.stderr[-2000:]}"
    raw = dumped.stdout[start + len('<pre id="probe-result">') : dumped.stdout.index("</pre>", start)]
    findings = json.loads(html.unescape(raw))
    screenshot = page.with_name(f"{page.stem}.screenshot.png")
    shot = chromium(
        "--virtual-time-budget=10000", f"--screenshot={screenshot}", url, profile=tmp_path / f"{name}-shot"
    )
    assert screenshot.is_file(), f"no screenshot of {page.name}: {shot.stderr[-2000:]}"
    return findings, Image.open(screenshot).convert("L")


def crop(image: Image.Image, box: list[float]) -> Image.Image:
    left, top, width, height = box
    return image.crop((round(left), round(top), round(left + width), round(top + height)))


def ink(glyph: Image.Image) -> float:
    """Share of pixels clearly darker than the white page."""
    histogram = glyph.histogram()
    return sum(histogram[:128]) / max(1, glyph.width * glyph.height)


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference (0-255) of two glyph crops scaled to the same size."""
    size = (32, 32)
    return ImageStat.Stat(ImageChops.difference(a.resize(size), b.resize(size))).mean[0]


def assert_images_loaded(findings: dict, page: str) -> None:
    assert findings["images"], f"{page} shows no image"
    for image in findings["images"]:
        assert image["complete"] and image["width"] > 0 and image["height"] > 0, f"{page}: image did not load: {image}"


def assert_chinese_drawn(findings: dict, screenshot: Image.Image, expected: str, page: str) -> None:
    boxes = [item for item in findings["heading"] if "\u4e00" <= item["char"] <= "\u9fff"]
    assert "".join(item["char"] for item in findings["heading"]).startswith(expected), findings["heading"]
    assert len(boxes) >= 4
    glyphs = [crop(screenshot, item["box"]) for item in boxes]
    for item, glyph in zip(boxes, glyphs):
        assert item["box"][2] > 10 and item["box"][3] > 10, f"{page}: {item['char']} has no size: {item}"
        assert ink(glyph) > 0.03, f"{page}: {item['char']} left no ink; CJK fonts: {cjk_fonts()}"
    missing = [crop(screenshot, item["box"]) for item in findings["missing"]]
    for item, glyph in zip(boxes, glyphs):
        for box in missing:
            assert difference(glyph, box) > 20, f"{page}: {item['char']} looks like a missing glyph; CJK fonts: {cjk_fonts()}"
    distinct = {(a["char"], b["char"]): difference(ga, gb) for a, ga in zip(boxes, glyphs) for b, gb in zip(boxes, glyphs)
                if a["char"] < b["char"]}
    same = [pair for pair, value in distinct.items() if value < 20]
    assert not same, f"{page}: different characters drawn alike (tofu?): {same}; CJK fonts: {cjk_fonts()}"


def test_report_page_shows_its_figure_and_chinese(project, tmp_path):
    page = project / "reports" / "browser.html"
    findings, screenshot = open_page(page, "main h1", tmp_path, "report")
    assert_images_loaded(findings, page.name)
    figure = findings["images"][0]
    assert figure["width"] > 500  # the PNG at 200 dpi, not a placeholder
    drawn = crop(screenshot, figure["box"])
    assert ImageStat.Stat(drawn).stddev[0] > 10, "the figure area of the screenshot is blank"
    assert_chinese_drawn(findings, screenshot, HEADING, page.name)


def test_code_is_hidden_until_the_switch_is_clicked(project, tmp_path):
    page = project / "reports" / "browser.html"
    findings, _ = open_page(page, "main h1", tmp_path, "toggle")
    assert findings["toggle"]["before"] == "none"
    assert findings["toggle"]["after"] not in {None, "none"}


def test_index_shows_thumbnails_and_chinese_titles(project, tmp_path):
    page = project / "reports" / "index.html"
    findings, screenshot = open_page(page, "td a", tmp_path, "index")
    assert_images_loaded(findings, page.name)
    assert len(findings["images"]) == 1  # browser_regions (PNG and SVG are one figure)
    assert_chinese_drawn(findings, screenshot, HEADING, page.name)


def test_the_index_and_the_report_show_the_figure_s_caption(project, tmp_path):
    """The caption stored in the figure's files is drawn under its thumbnail in the index, in
    Chinese, not as the figure's file name; the report page prints it under the figure."""
    index = project / "reports" / "index.html"
    findings, screenshot = open_page(index, "figcaption .caption", tmp_path, "index-caption")
    assert_chinese_drawn(findings, screenshot, CAPTION, index.name)
    report = project / "reports" / "browser.html"
    findings, _ = open_page(report, "p.dj-caption", tmp_path, "report-caption")
    # below the first screen of the page: its text is checked, its glyphs were checked above
    assert "".join(item["char"] for item in findings["heading"]) == CAPTION


# Drill-down: the keywords, topics and indicators reports, rendered by `dangjian run`, opened in
# Chromium; every link of a table to its source sentences is followed. The indicators report is the
# session's demo run (conftest.py); keywords and topics run here, with fewer bootstrap replicates
# and seeds than the project's parameters (the same code).

DRILL_REPORTS = {
    "01_keywords_region": {"n_boot": 50},
    "02_topics_nmf": {"k": "4", "k_max": 5, "seeds": [0, 1], "n_boot": 50, "effect_draws": 5, "effect_sims": 10},
}

DRILL_PROBE = """
<script>
window.addEventListener("load", function () {
  var links = Array.prototype.slice.call(document.querySelectorAll("a.dj-drill"));
  var results = links.map(function (link) {
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    var target = document.getElementById(id);
    link.click();
    var reached = document.querySelector(":target");
    var marks = JSON.parse(link.getAttribute("data-marks"));
    return {text: link.textContent, id: id, marks: marks, found: !!target,
            isSource: !!target && target.classList.contains("dj-source"),
            reached: !!reached && reached === target,
            visible: !!target && Math.abs(target.getBoundingClientRect().top) < window.innerHeight,
            targetText: target ? target.textContent : null,
            highlighted: target ? Array.prototype.map.call(target.querySelectorAll("mark"), function (m) { return m.textContent; }) : []};
  });
  var out = document.createElement("pre");
  out.id = "drill-result";
  out.textContent = JSON.stringify({links: results, scripts: document.scripts.length});
  document.body.appendChild(out);
});
</script>
"""


@pytest.fixture(scope="module")
def drill_reports(tmp_path_factory, demo_run) -> dict[str, Path]:
    """The HTML pages of the keywords, topics and indicators reports on data/raw, by report name."""
    import yaml

    from scratch_projects import make_project

    chromium_or_fail()
    root = make_project(tmp_path_factory.mktemp("drill") / "project", list(DRILL_REPORTS))
    for name, changes in DRILL_REPORTS.items():
        path = root / "parameters" / f"{name}.yaml"
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec["parameters"].update(changes)
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    code, out, err = run(root, "--only", *DRILL_REPORTS)
    assert code == 0, (out + err)[-3000:]
    pages = {name: root / "reports" / f"{name}.html" for name in DRILL_REPORTS}
    return {**pages, "03_indicators": demo_run / "reports" / "03_indicators.html"}


def follow_links(page: Path, tmp_path: Path) -> dict:
    """Open a copy of ``page`` (in ``tmp_path``) with the drill-down probe; what each link reached."""
    probed = tmp_path / f"{page.stem}.drill.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", DRILL_PROBE + "</body>"), encoding="utf-8")
    dumped = chromium("--virtual-time-budget=10000", "--dump-dom", probed.as_uri(), profile=tmp_path / page.stem)
    start = dumped.stdout.find('<pre id="drill-result">')
    assert start >= 0, f"the probe did not run in {page.name}: {dumped.stderr[-2000:]}"
    raw = dumped.stdout[start + len('<pre id="drill-result">') : dumped.stdout.index("</pre>", start)]
    return json.loads(html.unescape(raw))


@pytest.mark.parametrize("report", [*DRILL_REPORTS, "03_indicators"])
def test_every_drill_down_link_reaches_a_source_sentence_holding_what_it_links(drill_reports, tmp_path, report):
    findings = follow_links(drill_reports[report], tmp_path)
    links = findings["links"]
    assert len(links) >= 5, f"{report}: only {len(links)} drill-down links"
    for link in links:
        where = f"{report}: link {link['text']!r} -> #{link['id']}"
        assert link["found"] and link["isSource"], f"{where}: no source sentence with that id"
        assert link["reached"] and link["visible"], f"{where}: clicking it does not bring the sentence into view"
        assert link["marks"], f"{where}: the link names nothing to find"
        assert any(mark in link["targetText"] for mark in link["marks"]), f"{where}: {link['targetText']!r} lacks {link['marks']}"
        highlighted = [text for text in link["highlighted"] if any(mark in text for mark in link["marks"])]
        assert highlighted, f"{where}: nothing it links is highlighted ({link['highlighted']})"
    if report.startswith("01_keywords"):  # a term's link is the term, found as written in its sentence
        for link in links:
            assert link["text"].isdigit() or link["marks"] == [link["text"]], link
    assert findings["scripts"] == 1, f"{report}: a script other than the probe is on the page"
