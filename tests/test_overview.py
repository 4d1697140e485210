"""The corpus overview's figures stay readable and quick to draw whatever the number of documents.

Up to :data:`dangjian.running.overview.MAX_DOCUMENT_ROWS` documents the figures draw one row per document;
above it, distributions (documents per band of edits, histograms of length and structure), so that
a corpus of thousands of documents gives a figure of the same size as one of fifty. Measured on
the five documents of ``data/raw/`` and on a generated corpus of sixty documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dangjian.figures.plotting import setup_cjk_font
from dangjian.running import overview
from dangjian.running.tables import process_tables, CorpusTables

from builders import load_benchmark

make_corpus = load_benchmark("make_corpus")
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> CorpusTables:
    out = tmp_path_factory.mktemp("seeds") / "tables"
    process_tables(RAW, out)
    return CorpusTables(out)


@pytest.fixture(scope="module")
def sixty(tmp_path_factory) -> CorpusTables:
    folder = tmp_path_factory.mktemp("sixty") / "corpus"
    make_corpus.make_corpus(folder, n_docs=60, seed=3)
    out = folder.parent / "tables"
    process_tables(folder, out)
    return CorpusTables(out)


@pytest.fixture(autouse=True)
def cjk_font():
    """The figures carry Chinese labels: drawn with the project's CJK font, as the notebooks draw them."""
    setup_cjk_font()


def test_a_small_corpus_has_one_row_per_document(seeds):
    counts = overview.cleaning_counts(seeds)
    fig = overview.plot_cleaning_counts(counts)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == list(counts.index)
    table = overview.corpus_table(seeds)
    assert len(overview.plot_length_and_structure(table).axes[0].patches) == len(table) == 5
    assert "each of the 5 documents" in overview.cleaning_caption(counts)


def test_a_large_corpus_shows_distributions_of_the_same_size(seeds, sixty):
    counts = overview.cleaning_counts(sixty)
    assert len(counts) == 60
    binned = overview.documents_per_edit_bin(counts)
    assert (binned.sum(axis=1) == 60).all()  # every document in exactly one band of each step
    assert binned.loc["normalize_punctuation"].iloc[1:].sum() == (counts["normalize_punctuation"] > 0).sum()
    fig = overview.plot_cleaning_counts(counts)
    small = overview.plot_cleaning_counts(overview.cleaning_counts(seeds))
    assert fig.get_size_inches()[1] < small.get_size_inches()[1] + 2  # not 0.6 inch per document
    assert fig.axes[0].get_ylabel() == "修改次数 (edits in a document)"
    table = overview.corpus_table(sixty)
    histograms = overview.plot_length_and_structure(table)
    assert sum(p.get_height() for p in histograms.axes[0].patches) == 60
    assert "the 60 documents" in overview.structure_caption(table)
