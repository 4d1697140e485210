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
from matplotlib.text import Text  # noqa: E402

from dangjian.dtm import build_dtm, unit_table  # noqa: E402
from dangjian.keywords import frequency_matrix, frequency_table, keyness, top_terms  # noqa: E402
from dangjian.pipeline import process_corpus  # noqa: E402
from dangjian.plotting import save_figure, save_image, setup_cjk_font  # noqa: E402
from dangjian.plotting_keywords import (  # noqa: E402
    cloud_frequencies,
    figure_name,
    plot_keyness,
    plot_term_heatmap,
    plot_top_terms,
    word_cloud,
)

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


def test_keyness_figure_marks_each_term_with_its_counts(matrix, font_path):
    table = keyness(matrix, min_count=5)
    fig = plot_keyness(table, "全国", top_n=5)
    shown = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    block = table[(table.group == "全国") & (table.p_value < 0.05)]
    assert shown[:5] == block.sort_values(["g2", "term"], ascending=[False, True]).term.head(5).tolist()
    annotations = {t.get_text() for t in fig.axes[0].texts}
    first = block.set_index("term").loc[shown[0]]
    assert f"{first.f_target}/{first.f_reference}" in annotations
    assert_drawn_with_cjk_font(fig, font_path)
    with pytest.raises(KeyError, match="no group"):
        plot_keyness(table, "上海市")


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
