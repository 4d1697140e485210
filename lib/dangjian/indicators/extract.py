"""Extraction: every quantitative mention of a corpus as one tidy row, traceable to the raw file.

For each sentence: find the candidates of the grammar, read each (:func:`read_candidate`),
apply the context rules (:func:`exclude`), label what each remaining quantity counts
(:func:`label_subjects`, with what the previous sentence of the paragraph counted for a sentence
that refers back to it, and the group a heading or a topic of the paragraph names), tell its kind (:func:`quantity_kind`: amount, share, change, target) and
map it to a canonical indicator and its core indicator, with a confidence (:meth:`Taxonomy.assign`;
unsure mappings are left empty). Offsets are
given in the clean text (``start``, ``end``) and, through the cleaning offset map, in the raw
file (``raw_start``, ``raw_end``: ``raw_text[raw_start:raw_end]`` is what the file says, pinyin
and traditional characters included).

Example:
    >>> [(q.surface, q.value_norm, q.unit_class, q.approx) for q in quantities("培训171期2.1万人（次），发展党员600余人")]
    [('171期', Decimal('171'), 'count', 'exact'), ('2.1万人（次）', Decimal('21000.0'), 'person_time', 'exact'), ('600余人', Decimal('600'), 'person', 'over')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from dangjian.clean import CleanResult
from dangjian.indicators.exclusions import SentenceContext, exclude
from dangjian.indicators.grammar import find_candidates, read_candidate
from dangjian.indicators.kinds import quantity_kind
from dangjian.indicators.layouts import statistics_cell
from dangjian.indicators.results import NotAQuantity, Quantity, Reason, plain_decimal
from dangjian.indicators.subjects import heading_frame, label_subjects, topic_frame
from dangjian.indicators.taxonomy import Taxonomy, load_taxonomy
from dangjian.indicators.thresholds import threshold_flags
from dangjian.pipeline import ProcessedCorpus, ProcessedDocument

#: Columns of the indicator table, in order.
COLUMNS = (
    "doc_id", "sentence_id", "start", "end", "raw_start", "raw_end", "surface", "raw_surface",
    "value", "multiplier", "value_norm", "unit", "unit_class", "approx", "value_high", "qualifier", "threshold", "subject",
    "kind", "core_id", "confidence", "indicator", "indicator_zh", "indicator_en", "category", "sentence",
)
_DTYPES = {
    "sentence_id": "int64", "start": "int64", "end": "int64", "raw_start": "int64", "raw_end": "int64",
    "value": "float64", "multiplier": "int64", "value_norm": "float64", "value_high": "float64", "threshold": "bool",
    "confidence": "float64",
}
#: Columns of the table of numbers that were read and not reported.
EXCLUDED_COLUMNS = ("doc_id", "sentence_id", "start", "end", "raw_start", "raw_end", "surface", "raw_surface", "reason", "detail", "sentence")
_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n]")
#: Unit classes whose unit introduces the noun after it (3个村, 148名干部, 2次印发).
CLASSIFIER_CLASSES = ("count", "person", "person_time", "times")


def read_text(text: str) -> list[Quantity | NotAQuantity]:
    """Every number of ``text`` with its verdict: a :class:`Quantity` or a :class:`NotAQuantity`.

    Example:
        >>> [(r.surface, bool(r)) for r in read_text("2023年全镇21个村，落实“三会一课”")]
        [('2023年', False), ('21个', True)]
        >>> [(r.surface, bool(r)) for r in read_text("正式党员120，预备党员15，5221模式")]
        [('120', True), ('15', True), ('5221', False)]
    """
    results: list[Quantity | NotAQuantity] = []
    context: SentenceContext | None = None
    for candidate in find_candidates(text):
        verdict = read_candidate(candidate)
        if isinstance(verdict, NotAQuantity) and verdict.reason is Reason.NO_UNIT:
            verdict = statistics_cell(candidate) or verdict  # 正式党员120，党总支：2
        if isinstance(verdict, Quantity):
            context = context or SentenceContext.of(text)
            excluded = exclude(candidate, context)
            if excluded is not None:
                verdict = excluded
        results.append(verdict)
    return results


def quantities(text: str) -> list[Quantity]:
    """The quantities of ``text`` (numbers that are indicators), in order.

    Example:
        >>> [q.surface for q in quantities("2024年选派第一书记2246名、“1 1”帮带")]
        ['2246名']
    """
    return [r for r in read_text(text) if isinstance(r, Quantity)]


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding ``[start, end)`` (between ，；。 …).

    Example:
        >>> clause_around("一是抓培训，共培训600人。", 9, 13)
        '共培训600人'
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[breaks[-1] if breaks else 0 : after.start() if after else len(text)]


def _resolve_taxonomy(taxonomy: Taxonomy | str | Path | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy or None)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else np.nan


def _documents(source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument]) -> list[ProcessedDocument]:
    if isinstance(source, ProcessedDocument):
        return [source]
    return list(source)


def _sentences(document: ProcessedDocument) -> Iterable[tuple[int, int, str, int]]:
    """``(sentence_id, start, text, paragraph_id)`` of each sentence of a document."""
    sentences = document.segmentation.sentences
    paragraphs = sentences["paragraph_id"].tolist() if "paragraph_id" in sentences else [0] * len(sentences)
    return zip(sentences["sentence_id"].tolist(), sentences["start"].tolist(), sentences["text"].tolist(), paragraphs)


def _quantity_rows(document: ProcessedDocument, taxonomy: Taxonomy) -> list[dict]:
    """One row per quantity of a document (raw spans added)."""
    rows: list[dict] = []
    carry, frame, paragraph = "", "", None  # within a paragraph: the last subject, the group a heading names
    for sentence_id, sentence_start, text, paragraph_id in _sentences(document):
        if paragraph_id != paragraph:
            carry, frame, paragraph = "", "", paragraph_id
        found = quantities(text)
        if not found:
            frame = heading_frame(text) or frame
            continue
        frame = topic_frame(text) or frame  # 从党员的职业看，…: the topic of this sentence and the next
        thresholds = threshold_flags(text, found)
        subjects = label_subjects(
            text, [q.outer for q in found], thresholds, [q.unit_class in CLASSIFIER_CLASSES for q in found], carry=carry, frame=frame
        )
        counted = [s for s, threshold in zip(subjects, thresholds) if s and not threshold]
        carry = counted[-1] if counted else ""
        for quantity, subject, threshold in zip(found, subjects, thresholds):
            clause = clause_around(text, quantity.start, quantity.end)
            kind = quantity_kind(text, quantity.outer[0], quantity.unit_class, quantity.surface)
            mapping = taxonomy.assign(subject, clause, text, quantity.unit_class, kind) if not threshold else None
            indicator = mapping.indicator if mapping else None
            rows.append(
                {
                    "doc_id": document.doc_id,
                    "sentence_id": sentence_id,
                    "start": sentence_start + quantity.start,
                    "end": sentence_start + quantity.end,
                    "surface": quantity.surface,
                    "value": _number(quantity.value),
                    "multiplier": quantity.multiplier,
                    "value_norm": _number(quantity.value_norm),
                    "unit": quantity.unit,
                    "unit_class": quantity.unit_class,
                    "approx": quantity.approx,
                    "value_high": _number(quantity.value_high),
                    "qualifier": quantity.qualifier,
                    "threshold": threshold,
                    "subject": subject,
                    "kind": kind,
                    "core_id": indicator.core if indicator else "",
                    "confidence": mapping.confidence if mapping else 0.0,
                    "indicator": indicator.id if indicator else "",
                    "indicator_zh": indicator.zh if indicator else "",
                    "indicator_en": indicator.en if indicator else "",
                    "category": indicator.category if indicator else "",
                    "sentence": text,
                }
            )
    _add_raw_spans(rows, document.cleaned)
    return rows


def _excluded_rows(document: ProcessedDocument) -> list[dict]:
    """One row per number of a document that is not reported, with the reason (raw spans added)."""
    rows: list[dict] = []
    for sentence_id, sentence_start, text, _ in _sentences(document):
        for verdict in read_text(text):
            if isinstance(verdict, NotAQuantity):
                rows.append(
                    {
                        "doc_id": document.doc_id,
                        "sentence_id": sentence_id,
                        "start": sentence_start + verdict.start,
                        "end": sentence_start + verdict.end,
                        "surface": verdict.surface,
                        "reason": verdict.reason.value,
                        "detail": verdict.detail,
                        "sentence": text,
                    }
                )
    _add_raw_spans(rows, document.cleaned)
    return rows


def _add_raw_spans(rows: list[dict], cleaned: CleanResult) -> None:
    if not rows:
        return
    raw_starts, raw_ends = cleaned.offset_map.to_raw_spans([r["start"] for r in rows], [r["end"] for r in rows])
    for row, raw_start, raw_end in zip(rows, raw_starts.tolist(), raw_ends.tolist()):
        row["raw_start"], row["raw_end"] = raw_start, raw_end
        row["raw_surface"] = cleaned.raw_text[raw_start:raw_end]


def extract(
    source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument],
    taxonomy: Taxonomy | str | Path | None = None,
) -> pd.DataFrame:
    """The indicator table of processed documents: one row per quantitative mention.

    ``taxonomy`` is a :class:`Taxonomy`, the path of a taxonomy YAML file, or None / "" for the
    shipped one. Rows are in document order, then by position.

    Example:
        >>> from dangjian.pipeline import process_corpus
        >>> table = extract(process_corpus("data/raw"))            # doctest: +SKIP
        >>> table.loc[0, ["surface", "value_norm", "unit_class"]]  # doctest: +SKIP
    """
    resolved = _resolve_taxonomy(taxonomy)
    rows = [row for document in _documents(source) for row in _quantity_rows(document, resolved)]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    return table.astype(_DTYPES)


def excluded_numbers(source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument]) -> pd.DataFrame:
    """The numbers that were read and not reported, with the reason (for auditing the rules).

    Example:
        >>> from dangjian.pipeline import process_corpus
        >>> excluded_numbers(process_corpus("data/raw"))["reason"].value_counts()  # doctest: +SKIP
    """
    rows = [row for document in _documents(source) for row in _excluded_rows(document)]
    return pd.DataFrame(rows, columns=list(EXCLUDED_COLUMNS))


def for_export(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``value``, ``value_norm`` and ``value_high`` as plain decimal text (no
    exponent, no trailing zeros, empty when missing), as written to CSV and Excel.

    Example:
        >>> for_export(pd.DataFrame({"value": [1.64], "value_norm": [164000000.0], "value_high": [np.nan]})).iloc[0].tolist()
        ['1.64', '164000000', '']
    """
    exported = table.copy()
    for column in ("value", "value_norm", "value_high"):
        if column in exported:
            exported[column] = [plain_decimal(None if pd.isna(v) else Decimal(repr(float(v)))) for v in exported[column]]
    return exported
