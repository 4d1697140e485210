"""Keyword figures on the five documents: created, saved, drawn with a CJK font that has every glyph."""

from __future__ import annotations

import io
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from dangjian.figures.captions import read_caption  # noqa: E402
from dangjian.figures.keywords import (  # noqa: E402
    cloud_frequencies,
    figure_name,
    plot_keyness,
    plot_term_heatmap,
    plot_top_terms,
    plot_word_clouds,
    word_cloud,
)
from dangjian.figures.plotting import luminance, save_figure, save_image, setup_cjk_font  # noqa: E402
from dangjian.keywords.measures import (  # noqa: E402
    frequency_matrix,
    frequency_table,
    keyness,
    keyness_with_intervals,
    top_terms,
)
from dangjian.segmentation.pipeline import process_corpus  # noqa: E402
from dangjian.tokens.dtm import build_dtm, unit_table  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def font_path():
    return setup_cjk_font()


@pytest.fixture(scope="module")
def matrix(raw_dir):
    return build_dtm(unit_table(process_corpus(raw_dir), "paragraph"), group_col="region")


def chinese_texts(fig) -> list[Text]:
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if HAN.search(t.get_text())]


def assert_drawn_with_cjk_font(fig, font_path) -> None:
    texts = chinese_texts(fig)
    assert texts, "the figure shows no Chinese text"
    cmap = TTFont(str(font_path), lazy=True).getBestCmap()
    for text in texts:
        used = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert used == str(font_path), f"{text.get_text()!r} drawn with {used}"
        missing = [ch for ch in text.get_text() if HAN.match(ch) and ord(ch) not in cmap]
        assert not missing, f"glyphs missing for {missing}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_top_terms_and_heatmap_figures(matrix, font_path, tmp_path):
    frequencies = frequency_table(matrix)
    fig = plot_top_terms(frequency_table(matrix, top_n=10), top_n=10)
    assert len(fig.axes) == len(matrix.labels)
    assert_drawn_with_cjk_font(fig, font_path)
    assert [p.name for p in save_figure(fig, "top", tmp_path)] == ["top.png", "top.svg"]

    terms = top_terms(frequencies, 5)
    heat = plot_term_heatmap(frequency_matrix(matrix, terms))
    labels = [t.get_text() for t in heat.axes[0].get_yticklabels()]
    assert labels == terms
    assert_drawn_with_cjk_font(heat, font_path)


@pytest.fixture(scope="module")
def unit_matrix(raw_dir):
    return build_dtm(unit_table(process_corpus(raw_dir), "paragraph"))


def test_keyness_figure_selects_by_the_corrected_test_and_marks_counts(matrix, font_path):
    table = keyness(matrix, min_count=5)
    fig = plot_keyness(table, "全国", top_n=5, measure="g2")
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    block = table[(table.group == "全国") & (table.p_adjusted < 0.05)]
    assert len(block) < (table[table.group == "全国"].p_value < 0.05).sum()  # the correction bites
    positive = block[block.g2 > 0].sort_values(["g2", "term"], ascending=[False, True]).term.head(5).tolist()
    assert shown[:len(positive)] == positive
    annotations = {t.get_text() for t in fig.axes[0].texts}
    first = block.set_index("term").loc[shown[0]]
    assert f"{first.f_target}/{first.f_reference}" in annotations
    assert table.correction.iloc[0] in fig.axes[0].get_xlabel()
    assert_drawn_with_cjk_font(fig, font_path)
    with pytest.raises(KeyError, match="no group"):
        plot_keyness(table, "上海市")


def test_keyness_figure_of_a_single_document_group_has_intervals_and_no_solid_bar(unit_matrix, font_path):
    table = keyness_with_intervals(unit_matrix, "region", n_boot=200, min_count=5)
    fig = plot_keyness(table, "全国", top_n=5)
    ax = fig.axes[0]
    block = table[(table.group == "全国") & (table.p_adjusted < 0.05)]
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert set(shown) == set(block.term) and len(shown) == len(ax.patches)
    assert all(bar.get_alpha() == pytest.approx(0.35) for bar in ax.patches)  # nothing called significant
    n_docs, n_units = block.n_docs.iloc[0], block.n_units.iloc[0]
    assert f"{n_docs} document ({n_docs} 篇), {n_units} paragraphs — single document" in ax.get_title()
    whiskers = [c for c in ax.collections if c.get_segments()]
    assert sum(len(c.get_segments()) for c in whiskers) == len(shown)
    row = block.set_index("term").loc[shown[0]]
    segment = next(seg for c in whiskers for seg in c.get_segments() if seg[0][1] == 0)
    assert sorted([segment[0][0], segment[1][0]]) == pytest.approx([row.ci_low, row.ci_high])
    assert "resampling paragraphs" in ax.get_xlabel()
    assert_drawn_with_cjk_font(fig, font_path)


def test_keyness_figure_of_a_replicated_group_draws_significant_terms_solid(unit_matrix):
    table = keyness_with_intervals(unit_matrix, "level", n_boot=200, min_count=5)
    county = table[(table.group == "county") & (table.p_adjusted < 0.05)].sort_values(
        ["log_ratio", "term"], ascending=[False, True])
    assert county.significant.any() and (county.n_docs == 2).all()
    fig = plot_keyness(table, "county", top_n=15)
    solid = {t.get_text(): bar.get_alpha() is None
             for t, bar in zip(fig.axes[0].get_yticklabels(), fig.axes[0].patches, strict=True)}
    assert solid == dict(zip(county.term, county.significant, strict=True))
    assert "2 documents (2 篇)" in fig.axes[0].get_title()


def test_keyness_caption_states_the_rule_of_solid_bars_for_the_directions_drawn(unit_matrix, font_path):
    """Over-used terms need two documents of the group, under-used ones two documents of the rest."""
    table = keyness_with_intervals(unit_matrix, "year", n_boot=200, min_count=5)
    drawn = {}
    for group in table.group.unique():
        fig = plot_keyness(table, group, top_n=15)
        ax = fig.axes[0]
        block = table[table.group == group].set_index("term")
        for tick, bar in zip(ax.get_yticklabels(), ax.patches, strict=True):
            row = block.loc[tick.get_text()]
            side = row.docs_with_term if row.log_ratio > 0 else row.docs_with_term_reference
            rule = row.p_adjusted < 0.05 and row.n_docs >= 2 and side >= 2
            assert (bar.get_alpha() is None) == rule, tick.get_text()
        widths = [bar.get_width() for bar in ax.patches]
        drawn[group] = (any(w > 0 for w in widths), any(w < 0 for w in widths), fig)
    both = [fig for over, under, fig in drawn.values() if over and under]
    red_only = [fig for over, under, fig in drawn.values() if over and not under]
    assert both and red_only
    caption = both[0].axes[0].get_xlabel()
    assert "solid red: significant, used in ≥ 2 documents of the group" in caption
    assert "solid blue: significant, a group of ≥ 2 documents, used in ≥ 2 documents of the rest" in caption
    assert "(red) and less (blue)" in both[0].get_label()
    assert "blue" not in red_only[0].axes[0].get_xlabel() and "blue" not in red_only[0].get_label()
    assert_drawn_with_cjk_font(both[0], font_path)


def test_word_cloud_uses_project_counts_and_cjk_font(matrix, font_path, tmp_path):
    frequencies = cloud_frequencies(frequency_table(matrix))
    assert frequencies == dict(sorted(frequencies.items(), key=lambda kv: (-kv[1], kv[0])))
    cloud = word_cloud(frequencies, font_path, width=400, height=300)
    assert cloud.font_path == str(font_path)
    drawn = {word for (word, _), *_ in cloud.layout_}
    assert drawn <= set(frequencies) and next(iter(frequencies)) in drawn  # whole terms, not characters
    assert any(len(word) >= 4 for word in drawn)
    pixels = np.asarray(cloud.to_image())
    assert (pixels < 200).any()  # something is drawn on the white background
    path = save_image(cloud, f"cloud_{figure_name('(unnamed district)')}", tmp_path)
    assert path.name == "cloud_unnamed_district.png" and path.stat().st_size > 0
    again = word_cloud(frequencies, font_path, width=400, height=300)
    assert np.array_equal(np.asarray(again.to_image()), pixels)  # fixed seed: same image


def test_term_heatmap_labels_take_the_colour_that_contrasts_with_their_cell(matrix, tmp_path):
    rates = frequency_matrix(matrix, top_terms(frequency_table(matrix), 8))
    fig = plot_term_heatmap(rates)
    ax = fig.axes[0]
    image = ax.images[0]
    colours = {}
    for text in ax.texts:
        j, i = (round(v) for v in text.get_position())
        colours[(i, j)] = (text.get_color(), luminance(image.cmap(image.norm(rates.iat[i, j]))))
    assert len(colours) == rates.size
    darkest = max(colours, key=lambda cell: rates.iat[cell])
    lightest = min(colours, key=lambda cell: rates.iat[cell])
    assert colours[darkest][0] == "white" and colours[lightest][0] == "black"
    assert all((colour == "white") == (lum < 0.179) for colour, lum in colours.values())
    png, svg = save_figure(fig, "heat", tmp_path)
    assert read_caption(png) == read_caption(svg) and f"{len(rates)} terms (rows)" in read_caption(png)


def test_word_clouds_are_laid_out_in_a_grid_of_separate_titled_panels(matrix, font_path, tmp_path):
    frequencies = frequency_table(matrix)
    clouds = {"全部 corpus": word_cloud(cloud_frequencies(frequencies), font_path, width=600, height=400)}
    clouds.update({group: word_cloud(cloud_frequencies(frequencies, group), font_path, width=600, height=400)
                   for group in matrix.labels})
    fig = plot_word_clouds(clouds, ncols=3)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    assert [ax.get_title() for ax in fig.axes] == list(clouds)
    assert all(ax.title.get_fontsize() >= 12 for ax in fig.axes)  # readable panel titles
    boxes = [ax.get_window_extent(renderer) for ax in fig.axes]
    gap = 0.1 * fig.dpi  # at least a tenth of an inch between two clouds
    for a, box in enumerate(boxes):
        for other in boxes[a + 1:]:
            apart_x = box.x1 + gap <= other.x0 or other.x1 + gap <= box.x0
            apart_y = box.y1 + gap <= other.y0 or other.y1 + gap <= box.y0
            assert apart_x or apart_y, "two clouds touch"
    titles = [ax.title.get_window_extent(renderer) for ax in fig.axes]
    for title, box in zip(titles, boxes, strict=True):
        assert title.y0 >= box.y1 - 1  # the title sits above its own cloud, not on it
    assert_drawn_with_cjk_font(fig, font_path)
    png, svg = save_figure(fig, "clouds", tmp_path)
    again = save_figure(plot_word_clouds(clouds, ncols=3), "clouds", tmp_path / "again")
    assert [p.read_bytes() for p in again] == [png.read_bytes(), svg.read_bytes()]
    assert "Word clouds" in read_caption(png)


def test_word_cloud_words_are_never_drawn_below_a_legible_size(matrix, font_path):
    cloud = word_cloud(cloud_frequencies(frequency_table(matrix)), font_path, width=800, height=500)
    sizes = [size for _, size, *_ in cloud.layout_]
    assert min(sizes) >= 800 // 50
    assert len(sizes) >= 30  # still a cloud, not a handful of words
