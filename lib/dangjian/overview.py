"""Corpus overview: the tables and figure of the corpus notebook.

Each function takes the corpus tables (:class:`dangjian.tables.CorpusTables`) or, the same
frames computed in memory, a :class:`dangjian.pipeline.ProcessedCorpus`.

Example:
    >>> from dangjian.tables import open_tables
    >>> processed = open_tables("data/raw", "data/processed/tables")  # doctest: +SKIP
    >>> corpus_table(processed)[["doc_id", "level", "clean_chars"]]    # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from dangjian.corpus import LEVELS
from dangjian.plotting import draw_annotated_heatmap

if TYPE_CHECKING:
    from dangjian.pipeline import ProcessedCorpus
    from dangjian.tables import CorpusTables

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
        >>> from dangjian.pipeline import process
        >>> from dangjian.corpus import Corpus, Document
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


def plot_length_and_structure(table: pd.DataFrame) -> Figure:
    """Two panels: clean length (characters) per document, and sentences and sections per document.

    ``table`` is :func:`corpus_table`'s output. Documents are labelled ``doc_id (level)``.
    """
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


def plot_cleaning_counts(counts: pd.DataFrame) -> Figure:
    """Heatmap of documents × cleaning steps (edits made), steps that changed nothing omitted."""
    counts = counts.loc[:, counts.sum() > 0]
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
