"""Keyword in context: every occurrence of a term in the corpus, with the words around it.

A keyness score or a topic's top words say that a term matters; the sentences say how it is used.
:func:`kwic` reads the sentences table of the process step (one row per sentence, with its
document, region, level and year) and gives one row per occurrence: the text to its left, the term,
the text to its right, and where it is (document, sentence, character offsets in the clean text).
Terms are matched as written, as substrings of the clean (simplified) text — Chinese has no spaces
between words, and a researcher looking for 党建 wants 党建引领 too.

Example:
    >>> sentences = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1], "start": [0, 12],
    ...                           "text": ["全市党建工作稳步推进。", "抓党建促发展，党建引领治理。"], "region": ["平凉市"] * 2})
    >>> table = kwic(sentences, "党建", window=3)
    >>> table[["sentence_id", "left", "term", "right", "start"]].values.tolist()
    [[0, '全市', '党建', '工作稳', 2], [1, '抓', '党建', '促发展', 13], [1, '发展，', '党建', '引领治', 19]]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

#: Columns of a keyword-in-context table, in order (the grouping columns of the sentences table
#: that are present follow ``doc_id``).
KWIC_COLUMNS = ("doc_id", "sentence_id", "left", "term", "right", "start", "end", "sentence")
#: Columns of the sentences table carried into the table when present.
CONTEXT_COLUMNS = ("region", "level", "year", "genre")


def kwic(
    sentences: pd.DataFrame,
    term: str,
    window: int = 15,
    *,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """Every occurrence of ``term`` in the ``text`` of ``sentences``, with ``window`` characters of
    context on each side (within the sentence), in corpus order.

    ``start``/``end`` are offsets in the document's clean text when the sentences carry their own
    ``start`` (as the process step's table does), else in the sentence. ``max_rows`` keeps the
    first occurrences only (None: all).

    Raises:
        ValueError: an empty term, or a window below zero.

    Example:
        >>> sentences = pd.DataFrame({"doc_id": ["a"], "sentence_id": [0], "text": ["党建和党建引领"]})
        >>> kwic(sentences, "党建", window=2)[["left", "term", "right", "start"]].values.tolist()
        [['', '党建', '和党', 0], ['建和', '党建', '引领', 3]]
        >>> len(kwic(sentences, "党建", max_rows=1))
        1
    """
    if not term or not term.strip():
        raise ValueError("kwic: the term is empty")
    if window < 0:
        raise ValueError(f"kwic: the window must be 0 or more characters, not {window}")
    context = [c for c in CONTEXT_COLUMNS if c in sentences.columns]
    columns = ["doc_id", *context, *KWIC_COLUMNS[1:]]
    texts = sentences["text"].astype(str)
    hits = sentences[texts.str.contains(term, regex=False)]
    pattern = re.compile(re.escape(term))
    rows = []
    for record in hits.to_dict("records"):
        text = record["text"]
        offset = int(record["start"]) if "start" in record and pd.notna(record["start"]) else 0
        for match in pattern.finditer(text):
            start, end = match.span()
            rows.append({
                "doc_id": record["doc_id"],
                **{c: record[c] for c in context},
                "sentence_id": record.get("sentence_id"),
                "left": text[max(0, start - window):start],
                "term": match.group(),
                "right": text[end:end + window],
                "start": offset + start,
                "end": offset + end,
                "sentence": text,
            })
            if max_rows is not None and len(rows) >= max_rows:
                return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame(rows, columns=columns)


def kwic_summary(table: pd.DataFrame, by: Sequence[str] = ("region",)) -> pd.DataFrame:
    """How many occurrences and documents stand behind each group of a :func:`kwic` table.

    Example:
        >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "region": ["x", "x", "y"], "term": ["党建"] * 3})
        >>> kwic_summary(t).to_dict("records")
        [{'region': 'x', 'occurrences': 2, 'n_docs': 1}, {'region': 'y', 'occurrences': 1, 'n_docs': 1}]
    """
    keys = [c for c in by if c in table.columns]
    if not keys:
        return pd.DataFrame({"occurrences": [len(table)], "n_docs": [table["doc_id"].nunique() if len(table) else 0]})
    grouped = table.groupby(keys, sort=True)
    return grouped.agg(occurrences=("term", "size"), n_docs=("doc_id", "nunique")).reset_index()


__all__ = ["CONTEXT_COLUMNS", "KWIC_COLUMNS", "kwic", "kwic_summary"]
