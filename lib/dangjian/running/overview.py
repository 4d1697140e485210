"""Corpus overview: the tables and figure of the corpus notebook.

Each function takes the corpus tables (:class:`dangjian.running.tables.CorpusTables`) or, the same
frames computed in memory, a :class:`dangjian.segmentation.pipeline.ProcessedCorpus`.

Example:
    >>> from dangjian.running.tables import open_tables
    >>> processed = open_tables("data/raw", "data/processed/tables")  # doctest: +SKIP
    >>> corpus_table(processed)[["doc_id", "level", "clean_chars"]]    # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from dangjian.figures.plotting import draw_annotated_heatmap
from dangjian.reading.corpus import LEVELS

if TYPE_CHECKING:
    from dangjian.running.tables import CorpusTables
    from dangjian.segmentation.pipeline import ProcessedCorpus

#: Order of administrative levels, from the centre down (the levels metadata.csv allows).
LEVEL_ORDER = LEVELS

CORPUS_COLUMNS = (
    "doc_id", "region", "province", "level", "year", "genre", "script", "encoding",
    "raw_chars", "clean_chars", "sections", "paragraphs", "sentences", "date", "author",
)


def corpus_table(processed: CorpusTables | ProcessedCorpus) -> pd.DataFrame:
    """One row per document: where it is from, what it is, how long, how structured.

    Rows are sorted by level (centre first) then doc_id so the table reads top-down.
    """
    table = processed.document_table
    columns = [c for c in CORPUS_COLUMNS if c in table.columns]
    table = table[columns].copy()
    table["level_rank"] = table["level"].map({level: i for i, level in enumerate(LEVEL_ORDER)}).fillna(len(LEVEL_ORDER))
    return table.sort_values(["level_rank", "doc_id"]).drop(columns="level_rank").reset_index(drop=True)


def cleaning_counts(processed: CorpusTables | ProcessedCorpus) -> pd.DataFrame:
    """Documents × cleaning steps: how many edits each step made (0 where none).

    Example:
        >>> from dangjian.segmentation.pipeline import process
        >>> from dangjian.reading.corpus import Corpus, Document
        >>> from pathlib import Path
        >>> doc = Document("d", Path("d.txt"), "黨(dǎng)員", "utf-8")
        >>> cleaning_counts(process(Corpus(None, [doc])))["remove_pinyin_readings"].tolist()
        [1]
    """
    records = processed.cleaning_table
    steps = list(dict.fromkeys(records["step"]))
    table = records.pivot_table(index="doc_id", columns="step", values="edits", aggfunc="sum", fill_value=0)
    return table[steps].astype(int)


def cleaning_examples(processed: CorpusTables | ProcessedCorpus, per_step: int = 2) -> pd.DataFrame:
    """Before → after excerpts of what each step changed, per document (steps that changed something)."""
    records = processed.cleaning_table
    rows = []
    for record in records[records["edits"] > 0].itertuples():
        examples = [e for e in str(record.examples).split(" | ") if e][:per_step]
        for example in examples:
            rows.append({"doc_id": record.doc_id, "step": record.step, "edits": record.edits, "example": example})
    return pd.DataFrame(rows, columns=["doc_id", "step", "edits", "example"])


def removed_text(processed: CorpusTables | ProcessedCorpus) -> pd.DataFrame:
    """Every piece of text a ``remove`` step took out, so nothing is deleted silently."""
    records = processed.cleaning_table
    rows = [
        {"doc_id": record.doc_id, "step": record.step, "removed": piece}
        for record in records[(records["kind"] == "remove") & (records["removed"] != "")].itertuples()
        for piece in str(record.removed).split(" | ")
    ]
    return pd.DataFrame(rows, columns=["doc_id", "step", "removed"])


#: Above this many documents the overview figures show distributions instead of one row per
#: document (a row per document stays readable, and quick to draw, up to about this many).
MAX_DOCUMENT_ROWS = 40
#: Bins of edit counts in the cleaning figure of a large corpus (lower bounds; the last is open).
EDIT_BINS = (0, 1, 10, 100, 1000)


def per_document(table: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> bool:
    """Whether a figure of ``table`` (one row per document) draws one row per document.

    Example:
        >>> per_document(pd.DataFrame({"x": range(5)})), per_document(pd.DataFrame({"x": range(50)}))
        (True, False)
    """
    return len(table) <= max_rows


def edit_bin_labels(bins: tuple[int, ...] = EDIT_BINS) -> list[str]:
    """Labels of the edit-count bins.

    Example:
        >>> edit_bin_labels((0, 1, 10))
        ['0', '1–9', '10+']
    """
    labels = []
    for low, high in zip(bins, [*bins[1:], None]):
        labels.append(f"{low}+" if high is None else str(low) if high == low + 1 else f"{low}–{high - 1}")
    return labels


def documents_per_edit_bin(counts: pd.DataFrame, bins: tuple[int, ...] = EDIT_BINS) -> pd.DataFrame:
    """Cleaning steps × bins of edits: how many documents each step changed that many times.

    Example:
        >>> counts = pd.DataFrame({"remove_pinyin_readings": [0, 3, 12]}, index=["a", "b", "c"])
        >>> documents_per_edit_bin(counts, (0, 1, 10)).loc["remove_pinyin_readings"].tolist()
        [1, 1, 1]
    """
    labels = edit_bin_labels(bins)
    edges = [*bins, float("inf")]
    table = {
        step: pd.cut(counts[step], edges, right=False, labels=labels).value_counts().reindex(labels, fill_value=0)
        for step in counts.columns
    }
    return pd.DataFrame(table).T.astype(int)


def cleaning_caption(counts: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> str:
    """The caption of :func:`plot_cleaning_counts`'s figure for ``counts``.

    Example:
        >>> cleaning_caption(pd.DataFrame({"s": range(3)}))
        'Number of edits each cleaning step made in each of the 3 documents (steps that changed nothing left out).'
    """
    if per_document(counts, max_rows):
        return f"Number of edits each cleaning step made in each of the {len(counts)} documents (steps that changed nothing left out)."
    return f"Number of the {len(counts)} documents in which each cleaning step made 0, 1–9, 10–99 … edits (steps that changed nothing left out)."


def structure_caption(table: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> str:
    """The caption of :func:`plot_length_and_structure`'s figure for ``table``.

    Example:
        >>> structure_caption(pd.DataFrame({"x": range(60)}))
        'Distribution of the 60 documents by length in clean characters, and by numbers of sentences and sections.'
    """
    if per_document(table, max_rows):
        return f"Length of each of the {len(table)} documents in clean characters, and its numbers of sentences and sections."
    return f"Distribution of the {len(table)} documents by length in clean characters, and by numbers of sentences and sections."


def plot_length_and_structure(table: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> Figure:
    """Two panels: clean length (characters) per document, and sentences and sections per document.

    ``table`` is :func:`corpus_table`'s output. Documents are labelled ``doc_id (level)``. Above
    ``max_rows`` documents the panels are histograms (documents per bin, logarithmic bins).

    Example:
        >>> from dangjian.figures.plotting import setup_cjk_font
        >>> _ = setup_cjk_font()
        >>> table = pd.DataFrame({"doc_id": [f"d{i}" for i in range(60)], "level": "county",
        ...                       "clean_chars": range(100, 160), "sentences": 5, "sections": 2})
        >>> [ax.get_ylabel() for ax in plot_length_and_structure(table).axes]
        ['文档数 (documents)', '文档数 (documents)']
    """
    if not per_document(table, max_rows):
        return _plot_length_and_structure_distribution(table)
    labels = [f"{row.doc_id}\n({row.level or '?'})" for row in table.itertuples()]
    fig = Figure(figsize=(10, 4.2))
    left, right = fig.subplots(1, 2)
    left.barh(labels, table["clean_chars"], color="#b22222")
    left.set_xlabel("清洗后字符数 (clean characters)")
    left.set_ylabel("文档 (document, level)")
    left.set_title("文档长度 Document length")
    left.invert_yaxis()
    positions = range(len(table))
    right.barh([p - 0.2 for p in positions], table["sentences"], height=0.4, label="句子 sentences", color="#4a6fa5")
    right.barh([p + 0.2 for p in positions], table["sections"], height=0.4, label="章节 sections", color="#e0a030")
    right.set_yticks(list(positions), labels)
    right.invert_yaxis()
    right.set_xlabel("数量 (count)")
    right.set_title("结构 Structure")
    right.legend(loc="lower right")
    fig.tight_layout()
    return fig


def _log_bins(values: pd.Series, bins: int = 20):
    """Logarithmically spaced bin edges covering ``values`` (all at least 1)."""
    import numpy as np

    low, high = max(1.0, float(values.min())), max(2.0, float(values.max()) + 1)
    return np.geomspace(low, high, bins + 1)


def _plot_length_and_structure_distribution(table: pd.DataFrame) -> Figure:
    """:func:`plot_length_and_structure` for a large corpus: histograms over the documents."""
    fig = Figure(figsize=(10, 4.2))
    left, right = fig.subplots(1, 2)
    lengths = table["clean_chars"].clip(lower=1)
    left.hist(lengths, bins=_log_bins(lengths), color="#b22222")
    left.set_xscale("log")
    left.set_xlabel("清洗后字符数 (clean characters, log scale)")
    left.set_ylabel("文档数 (documents)")
    left.set_title(f"文档长度 Document length (n = {len(table)})")
    units = pd.concat([table["sentences"], table["sections"]]).clip(lower=1)
    edges = _log_bins(units)
    right.hist([table["sentences"].clip(lower=1), table["sections"].clip(lower=1)], bins=edges,
               label=["句子 sentences", "章节 sections"], color=["#4a6fa5", "#e0a030"])
    right.set_xscale("log")
    right.set_xlabel("每篇数量 (count per document, log scale)")
    right.set_ylabel("文档数 (documents)")
    right.set_title("结构 Structure")
    right.legend(loc="upper right")
    fig.tight_layout()
    return fig


def plot_cleaning_counts(counts: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> Figure:
    """Heatmap of documents × cleaning steps (edits made), steps that changed nothing omitted.

    Above ``max_rows`` documents, the rows are bins of edit counts and each cell the number of
    documents in the bin (:func:`documents_per_edit_bin`), so the figure keeps its size.

    Example:
        >>> counts = pd.DataFrame({"remove_pinyin_readings": range(60), "mark_lost_characters": 0})
        >>> plot_cleaning_counts(counts).axes[0].get_ylabel()
        '修改次数 (edits in a document)'
    """
    counts = counts.loc[:, counts.sum() > 0]
    if not per_document(counts, max_rows):
        return _plot_cleaning_distribution(counts)
    fig = Figure(figsize=(1.1 * len(counts.columns) + 3, 0.6 * len(counts) + 2))
    ax = fig.subplots()
    image = draw_annotated_heatmap(ax, counts)
    ax.set_xticks(range(len(counts.columns)), [c.replace("_", "\n", 1) for c in counts.columns], fontsize=8)
    ax.set_yticks(range(len(counts)), counts.index)
    ax.set_xlabel("清洗步骤 (cleaning step)")
    ax.set_ylabel("文档 (document)")
    ax.set_title("清洗记录：每步修改次数 Edits per cleaning step")
    fig.colorbar(image, ax=ax, label="edits")
    fig.tight_layout()
    return fig


def _plot_cleaning_distribution(counts: pd.DataFrame) -> Figure:
    """:func:`plot_cleaning_counts` for a large corpus: documents per bin of edits, per step."""
    table = documents_per_edit_bin(counts).T
    fig = Figure(figsize=(1.1 * len(table.columns) + 3, 0.6 * len(table) + 2.5))
    ax = fig.subplots()
    image = draw_annotated_heatmap(ax, table, cmap="Blues")
    ax.set_xticks(range(len(table.columns)), [c.replace("_", "\n", 1) for c in table.columns], fontsize=8)
    ax.set_yticks(range(len(table)), table.index)
    ax.set_xlabel("清洗步骤 (cleaning step)")
    ax.set_ylabel("修改次数 (edits in a document)")
    ax.set_title(f"清洗记录：各步修改次数的文档分布 Documents by edits per step (n = {len(counts)})")
    fig.colorbar(image, ax=ax, label="documents")
    fig.tight_layout()
    return fig
