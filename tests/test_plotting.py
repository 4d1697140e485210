"""Figures: a freely licensed CJK font, no missing glyphs, byte-identical PNG/SVG output."""

from __future__ import annotations

import base64
import io
import re
import shutil
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from fontTools import subset  # noqa: E402
from fontTools.ttLib import TTCollection, TTFont  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from PIL import Image  # noqa: E402

from dangjian.figures.captions import read_caption  # noqa: E402
from dangjian.figures.plotting import (  # noqa: E402
    PREFERRED_FAMILIES,
    bundled_font_path,
    draw_annotated_heatmap,
    find_system_cjk_font,
    save_figure,
    save_image,
    setup_cjk_font,
    wrap_label,
)

TITLE = "基层党建工作成效（2020—2024年）"
LABELS = ["党支部", "党员教育", "组织生活", "−1"]


def family_names(font: TTFont) -> set[str]:
    return {record.toUnicode() for record in font["name"].names if record.nameID in (1, 16)}


def chinese_figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(LABELS, [3, 5, 2, -1])
    ax.set_title(TITLE)
    ax.set_xlabel("指标")
    ax.set_ylabel("次数")
    return fig


def missing_glyph_warnings(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_font_is_a_freely_licensed_cjk_font_with_chinese_glyphs():
    path = setup_cjk_font()
    font = TTFont(str(path), lazy=True)
    families = family_names(font)
    assert "Noto Sans CJK SC" in families
    assert not any("simhei" in name.lower() for name in families)
    assert "simhei" not in path.name.lower()
    cmap = font.getBestCmap()
    for char in "党建基层组织生活":
        assert ord(char) in cmap, char
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert font_manager.findfont("Noto Sans CJK SC", fallback_to_default=False) == str(path)


def test_setup_is_idempotent_and_reapplies_settings():
    path = setup_cjk_font()
    entries = sum(entry.fname == str(path) for entry in font_manager.fontManager.ttflist)
    matplotlib.rcdefaults()
    assert matplotlib.rcParams["font.sans-serif"][0] != "Noto Sans CJK SC"
    assert setup_cjk_font() == path
    assert sum(entry.fname == str(path) for entry in font_manager.fontManager.ttflist) == entries
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.sans-serif"].count("Noto Sans CJK SC") == 1


def test_chinese_text_renders_without_missing_glyphs():
    setup_cjk_font()
    fig = chinese_figure()
    try:
        assert missing_glyph_warnings(fig) == []
        # the check itself works: with matplotlib's default Latin font the same figure lacks glyphs
        with matplotlib.rc_context({"font.family": ["DejaVu Sans"], "font.sans-serif": ["DejaVu Sans"]}):
            fig_latin = chinese_figure()
            assert missing_glyph_warnings(fig_latin)
            plt.close(fig_latin)
    finally:
        plt.close(fig)


def test_save_figure_is_byte_identical_across_runs(tmp_path):
    setup_cjk_font()
    first = save_figure(chinese_figure(), "bars", figures_dir=tmp_path / "a")
    second = save_figure(chinese_figure(), "bars", figures_dir=tmp_path / "b")
    plt.close("all")
    assert [p.name for p in first] == ["bars.png", "bars.svg"]
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes(), one.name
    png = first[0].read_bytes()
    assert png.startswith(b"\x89PNG") and b"matplotlib version" not in png
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    # nothing but the two outputs is left in the folder (no temporary files)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["bars.png", "bars.svg"]


def test_svg_stores_chinese_as_glyph_outlines(tmp_path):
    setup_cjk_font()
    fig = chinese_figure()
    _, svg_path = save_figure(fig, "glyphs", figures_dir=tmp_path)
    plt.close(fig)
    svg = svg_path.read_text(encoding="utf-8")
    glyph_defs = set(re.findall(r'<path id="(NotoSansCJKsc-Regular-[0-9a-f]+)"', svg))
    distinct_cjk = {ch for ch in TITLE + "".join(LABELS) + "指标次数" if "\u4e00" <= ch <= "\u9fff"}
    assert len(glyph_defs) >= len(distinct_cjk)
    assert all(f'xlink:href="#{glyph}"' in svg for glyph in glyph_defs)
    assert "<text" not in svg


def test_png_shows_the_title_in_ink(tmp_path):
    setup_cjk_font()
    fig, ax = plt.subplots(figsize=(3, 1))
    ax.axis("off")
    ax.text(0.5, 0.5, "党建", ha="center", va="center", fontsize=30)
    png_path, _ = save_figure(fig, "ink", figures_dir=tmp_path, tight=False)
    plt.close(fig)
    pixels = np.asarray(Image.open(png_path).convert("L"))
    assert (pixels < 128).sum() > 500  # two filled CJK glyphs, not empty boxes or nothing


def test_save_figure_rejects_names_with_suffix(tmp_path):
    fig = plt.figure()
    with pytest.raises(ValueError, match="without suffix"):
        save_figure(fig, "bars.png", figures_dir=tmp_path)
    plt.close(fig)


def test_word_cloud_with_the_cjk_font_is_deterministic(tmp_path):
    from wordcloud import WordCloud

    font_path = setup_cjk_font()
    frequencies = {"党建": 30, "基层组织": 20, "党员": 15, "组织生活": 10, "学习教育": 8}

    def cloud():
        return WordCloud(font_path=str(font_path), width=240, height=120, random_state=7,
                         background_color="white").generate_from_frequencies(frequencies)

    one = save_image(cloud(), "cloud", tmp_path / "a")
    two = save_image(cloud().to_image(), "cloud", tmp_path / "b")
    assert one.read_bytes() == two.read_bytes()
    pixels = np.asarray(Image.open(one).convert("L"))
    assert pixels.shape == (120, 240)
    assert (pixels < 200).sum() > 200  # words were drawn


def test_save_image_rejects_non_images(tmp_path):
    with pytest.raises(TypeError, match="PIL image"):
        save_image([[0, 1]], "x", tmp_path)


# ----------------------------------------------------------------- captions, heat maps, titles


def test_caption_is_stored_in_png_and_svg_and_read_back(tmp_path):
    setup_cjk_font()
    fig = chinese_figure()
    fig.set_label("Counts of four party-building activities.")
    png, svg = save_figure(fig, "bars", tmp_path)
    assert read_caption(png) == read_caption(svg) == "Counts of four party-building activities."
    chinese = "各地区的数量表述 <by region> & level"
    png, svg = save_figure(fig, "bars", tmp_path, caption=chinese)  # an explicit caption wins
    assert read_caption(png) == read_caption(svg) == chinese
    assert Image.open(png).text["Description"] == chinese
    again = save_figure(fig, "bars", tmp_path / "again", caption=chinese)
    assert [p.read_bytes() for p in again] == [png.read_bytes(), svg.read_bytes()]
    plt.close(fig)
    unlabelled = plt.figure()
    assert [read_caption(p) for p in save_figure(unlabelled, "plain", tmp_path)] == [None, None]
    plt.close(unlabelled)


def test_save_image_stores_its_caption(tmp_path):
    image = Image.new("RGB", (8, 8), "white")
    path = save_image(image, "cloud", tmp_path, caption="词云 Word cloud of the corpus.")
    assert read_caption(path) == "词云 Word cloud of the corpus."
    assert read_caption(save_image(image, "bare", tmp_path)) is None


def test_a_figure_with_a_layout_engine_saves_identically_every_time(tmp_path):
    setup_cjk_font()
    from matplotlib.figure import Figure

    def figure():
        fig = Figure(figsize=(4, 3), layout="constrained")
        ax = fig.subplots()
        ax.scatter([1, 10, 100], [0, 1, 2])
        ax.set_yticks([0, 1, 2], ["平凉市 (prefecture)", "乙县", "丙镇 (township)"])
        fig.colorbar(ax.imshow([[0, 1]]), ax=ax)
        fig.suptitle(TITLE)
        return fig

    fig = figure()
    digests = [[p.read_bytes() for p in save_figure(fig, "f", tmp_path / str(i))] for i in range(3)]
    fresh = [p.read_bytes() for p in save_figure(figure(), "f", tmp_path / "fresh")]
    assert digests[0] == digests[1] == digests[2] == fresh


def test_heatmap_labels_are_white_on_dark_cells_and_black_on_light_ones():
    from matplotlib.figure import Figure

    values = np.array([[0.0, 10.0, 50.0], [90.0, 100.0, np.nan]])
    for cmap in ("Reds", "Greys", "viridis"):  # viridis is dark at the LOW end
        ax = Figure().subplots()
        image = draw_annotated_heatmap(ax, values, cmap)
        texts = {t.get_text(): t.get_color() for t in ax.texts}
        assert "" not in texts and len(texts) == 5  # NaN is left blank
        for text in ax.texts:
            j, i = text.get_position()
            r, g, b, _ = image.cmap(image.norm(values[int(i), int(j)]))
            dark = 0.2126 * r ** 2.2 + 0.7152 * g ** 2.2 + 0.0722 * b ** 2.2 < 0.18
            assert text.get_color() == ("white" if dark else "black"), (cmap, text.get_text())
        if cmap == "viridis":
            assert texts["0"] == "white" and texts["100"] == "black"
        else:
            assert texts["0"] == "black" and texts["100"] == "white"


def test_heatmap_formats_cells_and_keeps_a_fixed_scale():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    image = draw_annotated_heatmap(ax, np.array([[12.345, 3.0]]), fmt="{:.0f}%", vmin=0, vmax=100)
    assert [t.get_text() for t in ax.texts] == ["12%", "3%"]
    assert image.norm.vmin == 0 and image.norm.vmax == 100
    assert [t.get_color() for t in ax.texts] == ["black", "black"]  # light cells of a 0-100 scale


def test_wrap_label_keeps_lines_short_and_words_whole():
    title = "两个及以上地区报告的核心指标：数量（每点一个数值，颜色 = 行政层级）Core indicators reported by two or more regions"
    lines = wrap_label(title, 30).split("\n")
    assert len(lines) > 2
    widths = [sum(2 if "\u3000" <= c <= "\uffef" or "\u4e00" <= c <= "\u9fff" else 1 for c in line) for line in lines]
    assert max(widths) <= 30
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(any(word in line for line in lines) for word in re.findall(r"[A-Za-z]+", title))  # words whole
    assert not any(line.startswith(("，", "）")) for line in lines)


# ----------------------------------------------------------------- system font fallback


def renamed_subset(source: Path, family: str) -> TTFont:
    """A few glyphs of Noto Sans CJK SC under another family name (small, quick to save)."""
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = TTFont(str(source), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="党建基层组织ABC")
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
    return font


@pytest.fixture(scope="module")
def collection_dir(tmp_path_factory) -> Path:
    """A font folder holding a .ttc whose first face is Japanese and second simplified Chinese."""
    folder = tmp_path_factory.mktemp("fonts")
    source = bundled_font_path()
    collection = TTCollection()
    collection.fonts = [renamed_subset(source, "Noto Sans CJK JP"), renamed_subset(source, "Noto Sans CJK SC")]
    collection.save(str(folder / "NotoSansCJK-Regular.ttc"))
    return folder


def test_system_search_picks_the_simplified_chinese_face_of_a_collection(collection_dir):
    found = find_system_cjk_font([collection_dir])
    assert found is not None
    assert found.path == collection_dir / "NotoSansCJK-Regular.ttc"
    assert found.family == "Noto Sans CJK SC"
    assert found.index == 1
    face = TTCollection(str(found.path)).fonts[found.index]
    assert "Noto Sans CJK SC" in family_names(face)


def test_system_search_never_picks_simhei():
    folder = bundled_font_path().parent
    assert (folder / "SimHei.ttf").exists()  # the package ships it; it must be skipped
    found = find_system_cjk_font([folder])
    assert found is not None
    assert found.family == "Noto Sans CJK SC"
    assert found.path.name == "NotoSansCJKsc-Regular.otf"


def test_system_search_ignores_fonts_without_chinese(tmp_path):
    dejavu = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    shutil.copy(dejavu, tmp_path / "wqy-zenhei.ttf")  # misleading name, Latin-only font
    assert find_system_cjk_font([tmp_path]) is None
    assert find_system_cjk_font([tmp_path / "missing"]) is None
    assert "WenQuanYi Zen Hei" in PREFERRED_FAMILIES


def test_a_figure_shown_under_ipython_carries_its_caption(tmp_path):
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    shell = InteractiveShell.instance()
    try:
        setup_cjk_font()
        fig = Figure(figsize=(2, 2))
        fig.subplots().plot([1, 2], [2, 1])
        data, metadata = shell.display_formatter.format(fig)
        assert "image/png" in data and "image/png" not in metadata  # no caption, no metadata
        save_figure(fig, "shown", figures_dir=tmp_path, caption="两条线 Two lines.")
        data, metadata = shell.display_formatter.format(fig)
        assert metadata["image/png"] == {"caption": "两条线 Two lines."}
        assert Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).size[0] > 50
    finally:
        InteractiveShell.clear_instance()


def test_svg_clip_ids_do_not_depend_on_the_last_digits_of_the_layout(tmp_path):
    """Two figures whose axes differ far below what the SVG prints are written with the same bytes."""
    setup_cjk_font()
    paths = []
    for shift in (0.0, 1e-15):
        fig = plt.figure(figsize=(4, 3))
        ax = fig.add_axes((0.13 + shift, 0.11, 0.8, 0.8))
        ax.fill_between([0, 1], [0, 0], [1, 1])  # fills the axes: a clip path, no coordinate near a rounding edge
        ax.set_axis_off()
        paths.append(save_figure(fig, "shifted", figures_dir=tmp_path / str(shift), tight=False)[1])
        plt.close(fig)
    first, second = (path.read_text(encoding="utf-8") for path in paths)
    assert 'clip-path="url(#clip1)"' in first and not re.search(r"#p[0-9a-f]{10}\)", first)
    assert first == second


def test_a_saved_figure_is_shown_with_its_saved_area_until_it_changes(tmp_path):
    from matplotlib.figure import Figure

    from dangjian.figures.plotting import png_with_caption

    setup_cjk_font()

    def shown_size(fig):
        return Image.open(io.BytesIO(base64.b64decode(png_with_caption(fig)))).size

    fig = Figure(figsize=(3, 2), layout="constrained")
    ax = fig.subplots()
    ax.barh(["党支部", "党员教育"], [3, 5])
    png, svg = save_figure(fig, "bars", figures_dir=tmp_path)
    saved = Image.open(png).size
    shown = shown_size(fig)
    # the same area at the figure's own resolution (100 dpi against the files' 200)
    assert abs(shown[0] * 2 - saved[0]) <= 2 and abs(shown[1] * 2 - saved[1]) <= 2
    width_pt = float(re.search(r'<svg[^>]* width="([0-9.]+)pt"', svg.read_text(encoding="utf-8")).group(1))
    assert abs(width_pt * 200 / 72 - saved[0]) <= 2  # the PNG and the SVG show one area
    ax.set_xlabel("一个在保存之后才加上的很长很长很长很长很长的横轴标签 (added after saving)")
    assert shown_size(fig)[0] > shown[0] + 20  # a change after saving is measured again, not cut off
