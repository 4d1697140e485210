"""Indicator figures on the five documents: dot plots of like with like, coverage normalised per row."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from dangjian.comparison import compare  # noqa: E402
from dangjian.figures.captions import read_caption  # noqa: E402
from dangjian.figures.indicators import comparison_panels, plot_comparison, plot_coverage  # noqa: E402
from dangjian.figures.plotting import save_figure, setup_cjk_font  # noqa: E402
from dangjian.indicators import extract, load_taxonomy  # noqa: E402
from dangjian.segmentation.pipeline import process_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(raw_dir):
    setup_cjk_font()
    processed = process_corpus(raw_dir)
    return extract(processed), processed.document_table


@pytest.fixture(scope="module")
def rows(corpus):
    return compare.comparable(*corpus)


def drawn(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def markers(ax) -> np.ndarray:
    """The (x, y) of every dot of a panel."""
    offsets = [collection.get_offsets() for collection in ax.collections if len(collection.get_offsets())]
    return np.vstack(offsets) if offsets else np.empty((0, 2))


def test_dot_plot_has_one_dot_per_value_and_no_bars(rows):
    fig = plot_comparison(rows, "amount")
    panels = comparison_panels(rows, "amount")
    assert len(panels) >= 8 and len(fig.axes) == len(panels)
    for ax, ((core_id, unit_class), group) in zip(fig.axes, panels, strict=True):
        assert not ax.patches and not ax.containers, "a bar is drawn"
        dots = markers(ax)
        assert len(dots) == len(group)
        assert sorted(dots[:, 0]) == sorted(group["value_norm"].astype(float))
        assert (group["kind"] == "amount").all() and group["unit_class"].nunique() == 1
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert len(ticks) == group["region"].nunique() >= 2
        for tick in ticks:  # every row says how many documents and values it rests on
            region = tick.split("\n")[0]
            block = group[group["region_label"].str.replace("\n", " ").str.startswith(region.replace("\n", " "))]
            assert f"d={block['doc_id'].nunique()}, n={len(block)}" in tick


def test_each_panel_has_its_own_scale_logarithmic_only_for_a_wide_span(rows):
    fig = plot_comparison(rows, "amount")
    scales = {}
    for ax, (key, group) in zip(fig.axes, comparison_panels(rows, "amount"), strict=True):
        values = group["value_norm"].astype(float)
        wide = values.min() > 0 and values.max() / values.min() > 100
        assert ax.get_xscale() == ("log" if wide else "linear"), key
        assert "log scale" in ax.get_xlabel() if wide else "log" not in ax.get_xlabel()
        low, high = ax.get_xlim()
        assert low <= values.min() and values.max() <= high
        scales[key] = (ax.get_xscale(), high)
    assert {"log", "linear"} == {scale for scale, _ in scales.values()}
    assert len({high for _, high in scales.values()}) > 1  # not one shared axis


def test_a_national_target_is_never_drawn_beside_counts(rows):
    target = rows[rows["kind"] == "target"]
    assert not target.empty and set(target["level"]) == {"national"}
    planted = target.iloc[[0]].assign(region="乙省", region_label="乙省 (province)", level="province", level_rank=1, doc_id="other")
    with_target = pd.concat([rows, planted], ignore_index=True)
    key = (planted["core_id"].iloc[0], planted["unit_class"].iloc[0])
    amounts = dict(comparison_panels(with_target, "amount"))
    if key in amounts:
        assert not (amounts[key]["kind"] == "target").any()
    fig = plot_comparison(with_target, "amount")
    national = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() if "national" in t.get_text()]
    assert not national
    targets = plot_comparison(with_target, "target")
    assert len(targets.axes) == 1 and sorted(markers(targets.axes[0])[:, 0]) == sorted(
        with_target[(with_target["kind"] == "target") & (with_target["core_id"] == key[0])
                    & (with_target["unit_class"] == key[1])]["value_norm"].astype(float))


def test_titles_are_whole_wrapped_and_do_not_run_into_other_panels(rows):
    fig = plot_comparison(rows, "amount")
    renderer = drawn(fig)
    width = fig.get_figwidth() * fig.dpi
    suptitle = fig._suptitle.get_window_extent(renderer)
    assert 0 <= suptitle.x0 and suptitle.x1 <= width
    boxes = [ax.get_window_extent(renderer) for ax in fig.axes]
    for ax, ((core_id, _), group) in zip(fig.axes, comparison_panels(rows, "amount"), strict=True):
        title = ax.get_title()
        assert group["core_en"].iloc[0].replace(" ", "") in title.replace("\n", "").replace(" ", "")  # not cut
        extent = ax.title.get_window_extent(renderer)
        for other in boxes:
            assert not extent.overlaps(other), f"title of {core_id} runs into a panel"


def test_coverage_is_normalised_per_row_with_unmapped_apart(corpus, tmp_path):
    table, documents = corpus
    categories = load_taxonomy().categories
    coverage = compare.coverage(table, documents, categories=list(categories))
    fig = plot_coverage(coverage)
    main, side = fig.axes[0], fig.axes[1]
    shares = main.images[0].get_array()
    assert shares.shape == (len(coverage), len(coverage.columns) - 1)
    assert np.allclose(np.nansum(shares, axis=1), 100)
    unmapped = coverage[compare.UNMAPPED] / coverage.sum(axis=1) * 100
    assert np.allclose(side.images[0].get_array().ravel(), unmapped)
    assert unmapped.max() > np.nanmax(shares) / 2  # the remainder is large, yet does not set the scale
    assert main.images[0].norm.vmax == pytest.approx(np.nanmax(shares))
    assert side.images[0].norm.vmax == 100
    texts = [t.get_text() for t in side.texts]
    assert texts == [f"{v:.0f}%" for v in unmapped]
    png, svg = save_figure(fig, "coverage", tmp_path)
    assert "unmapped" in read_caption(png) and read_caption(png) == read_caption(svg)


def test_a_region_of_many_values_shows_its_median_not_a_label_per_value(rows):
    """A corpus of many documents gives a region dozens of values of one indicator: writing each beside
    its dot hides the dots and took minutes to lay out. Above MAX_LABELLED_VALUES a row shows its
    median as a bar; rows of few values keep their labels. The seeds' rows are repeated to make one."""
    from dangjian.figures.indicators import MAX_LABELLED_VALUES

    (key, group), *_ = comparison_panels(rows, "amount")
    region = group["region_label"].iloc[0]
    block = group[group["region_label"] == region]
    many = pd.concat([group] + [block.assign(doc_id=block["doc_id"] + f"-{i}") for i in range(MAX_LABELLED_VALUES + 1)], ignore_index=True)
    fig = plot_comparison(many, "amount")
    ax = fig.axes[0]
    crowded = len(many[many["region_label"] == region])
    others = len(many) - crowded
    assert crowded > MAX_LABELLED_VALUES
    assert len(markers(ax)) == len(many)  # every value still a dot
    assert len(ax.texts) == others  # labels only on the rows of few values
    bars = [line for line in ax.lines if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]]
    assert len(bars) == 1 and bars[0].get_xdata()[0] == np.median(many[many["region_label"] == region]["value_norm"].astype(float))
    assert "median" in fig.get_label()


def test_the_density_of_a_large_corpus_has_a_row_per_region_and_a_dot_per_document(corpus):
    """Up to forty documents a bar pair per document; above, a row per region with a dot per document."""
    from dangjian.figures.indicators import plot_density

    indicators, documents = corpus
    table = compare.density(indicators, documents)
    assert len(plot_density(table).axes[0].patches) == 2 * len(table)
    copies = pd.concat([table.assign(doc_id=table["doc_id"] + f"-{i}") for i in range(10)], ignore_index=True)
    fig = plot_density(copies)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == copies["region"].nunique()
    assert len(markers(ax)) == 2 * len(copies.dropna(subset=["per_1000_chars"]))
    assert not ax.patches and f"of the {len(copies)}" in fig.get_label()


def test_a_comparison_of_many_regions_and_indicators_keeps_its_size(rows):
    """Grouped by a column of many values (years × levels, or hundreds of counties), a panel would get
    a row per value and the figure tens of thousands of pixels: the rows resting on the most
    documents are drawn (the title says how many of how many), and at most MAX_PANELS panels."""
    from dangjian.figures.indicators import MAX_PANEL_ROWS, MAX_PANELS

    (_, group), *_ = comparison_panels(rows, "amount")
    wide = pd.concat(
        [group.assign(region=f"区{i}", region_label=f"区{i} (county)", doc_id=group["doc_id"] + f"-{i}") for i in range(30)]
        + [group.assign(region="多文档区", region_label="多文档区 (county)", doc_id=group["doc_id"] + f"-m{i}") for i in range(3)],
        ignore_index=True,
    )
    ax = plot_comparison(wide, "amount").axes[0]
    ticks = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert len(ticks) == MAX_PANEL_ROWS and "多文档区 (county)" in ticks  # the row of most documents is kept
    assert f"{MAX_PANEL_ROWS} of 31 rows" in ax.get_title()
    many = pd.concat([wide.assign(core_id=f"c{i}") for i in range(MAX_PANELS + 5)], ignore_index=True)
    fig = plot_comparison(many, "amount")
    assert len(fig.axes) == MAX_PANELS and f"{MAX_PANELS} of the {MAX_PANELS + 5} core indicators" in fig.get_label()
    assert fig.get_figheight() < 0.55 * MAX_PANEL_ROWS * MAX_PANELS  # bounded, whatever the corpus


def test_a_panel_of_thousands_of_dots_is_an_image_in_the_svg_with_the_same_bytes_every_time(rows, tmp_path):
    """The seeds' rows repeated as if a corpus gave thousands of values of one indicator: every value
    is still a dot, the dense panel is embedded in the SVG as an image (not one element per dot), and
    two saves give the same bytes."""
    from dangjian.figures.indicators import MAX_VECTOR_DOTS

    (key, group), *_ = comparison_panels(rows, "amount")
    copies = MAX_VECTOR_DOTS // len(group) + 1
    many = pd.concat([group.assign(doc_id=group["doc_id"] + f"-{i}") for i in range(copies)], ignore_index=True)
    saved = []
    for name in ("first", "second"):
        fig = plot_comparison(many, "amount")
        ax = fig.axes[0]
        assert len(markers(ax)) == len(many) > MAX_VECTOR_DOTS
        assert all(collection.get_rasterized() for collection in ax.collections)
        assert all(len(np.unique(collection.get_facecolors(), axis=0)) == 1 for collection in ax.collections)
        saved.append([path.read_bytes() for path in save_figure(fig, name, tmp_path)])
    assert saved[0] == saved[1]
    svg = saved[0][1].decode()
    assert "<image" in svg and svg.count("<use ") < len(many)
