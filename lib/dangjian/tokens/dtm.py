"""Document-term matrices at any unit, by document, region or any metadata column.

The input is a table of text units (documents, sections, paragraphs or sentences: one row each,
a ``text`` column and metadata columns such as ``doc_id``, ``region``, ``level``); the output a
:class:`TermMatrix`: token counts per row and term, plus the number of units containing each term
(document frequency), the token total of each row and the row labels. Tokens come from
:class:`dangjian.tokens.tokenize.DomainTokenizer`, counted as scikit-learn's ``CountVectorizer`` counts
them with the tokenizer as analyzer (:mod:`dangjian.tokens.tokenized`, which can take them from the
run's cache when another report tokenized the same units); grouping sums the unit rows of a group,
so document frequencies within a group count units.

Example:
    >>> units = pd.DataFrame({"text": ["建强基层党组织", "基层党组织书记", "乡村振兴"],
    ...                       "region": ["甲", "甲", "乙"]})
    >>> matrix = build_dtm(units, group_col="region")
    >>> matrix.labels, matrix.terms.tolist()
    (['乙', '甲'], ['乡村振兴', '基层党组织', '基层党组织书记', '建强'])
    >>> matrix.counts.toarray().tolist(), matrix.tokens.tolist()
    ([[1, 0, 0, 0], [0, 1, 1, 1]], [1, 3])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.utils.validation import check_is_fitted

from dangjian.project.schema import describing_columns
from dangjian.reading.corpus import LEVELS
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.tokens.tokenized import tokenized

if TYPE_CHECKING:
    from dangjian.project.cache import Cache
    from dangjian.segmentation.pipeline import ProcessedCorpus

#: Units a table of text can be cut into.
UNITS = ("document", "section", "paragraph", "sentence")

#: Label given to units whose grouping value is missing or empty (e.g. a document without region).
MISSING_LABEL = "(unspecified)"


# --- unit tables from a processed corpus ------------------------------------------------------


def _document_metadata(processed: ProcessedCorpus) -> pd.DataFrame:
    """Document table columns that describe a document (not counts), one row per doc_id."""
    table = processed.document_table
    return table[describing_columns(table.columns)]


def _heading_runs_forward(ordered: pd.DataFrame) -> pd.Series:
    """Run number of each paragraph: a new run where the section path changes within a document;
    a run made only of headings (``kind == "heading"``) joins the run that follows it in the same
    document, since a heading belongs to the section it opens."""
    new_run = (ordered["section_path"] != ordered.groupby("doc_id")["section_path"].shift()) | (
        ordered["doc_id"] != ordered["doc_id"].shift()
    )
    run = new_run.cumsum().to_numpy().copy()
    if "kind" in ordered.columns:
        heading = (ordered["kind"] == "heading").to_numpy()
        docs = ordered["doc_id"].to_numpy()
        for i in range(len(run) - 2, -1, -1):
            same_doc = docs[i] == docs[i + 1]
            only_headings = heading[run == run[i]].all()
            if same_doc and run[i] != run[i + 1] and only_headings:
                run[run == run[i]] = run[i + 1]
    return pd.Series(run, index=ordered.index)


def sections_from_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Leaf sections: runs of paragraphs of a document sharing one ``section_path``, texts joined by newlines.

    Text before the first heading forms its own section (empty path), so the sections of a
    document cover all its paragraphs and never overlap. A heading paragraph whose path differs
    from the body below it (a two-line heading) is joined to the section it opens.

    Example:
        >>> paragraphs = pd.DataFrame({"doc_id": ["d"] * 4, "paragraph_id": [0, 1, 2, 3],
        ...     "start": [0, 4, 7, 14], "end": [3, 6, 13, 17], "kind": ["body", "heading", "heading", "body"],
        ...     "section_path": ["", "一、甲", "一、甲——乙", "一、甲——乙"],
        ...     "text": ["前言。", "一、甲", "一、甲——乙", "内容。"]})
        >>> sections_from_paragraphs(paragraphs)[["section_id", "section_path", "paragraphs"]].values.tolist()
        [[0, '', 1], [1, '一、甲——乙', 3]]
    """
    require_columns(paragraphs, ("doc_id", "paragraph_id", "section_path", "text"), "paragraphs")
    ordered = paragraphs.sort_values(["doc_id", "paragraph_id"], kind="stable").reset_index(drop=True)
    run = _heading_runs_forward(ordered)
    metadata = [c for c in ordered.columns
                if c not in {"paragraph_id", "start", "end", "text", "kind", "heading_level", "section_path"}]
    rows = []
    for _, block in ordered.groupby(run, sort=False):
        first, last = block.iloc[0], block.iloc[-1]
        row = {c: first[c] for c in metadata}
        row.update({
            "section_path": last["section_path"],
            "start": block["start"].min() if "start" in block else None,
            "end": block["end"].max() if "end" in block else None,
            "paragraphs": len(block),
            "text": "\n".join(block["text"]),
        })
        rows.append(row)
    sections = pd.DataFrame(rows)
    sections.insert(1, "section_id", sections.groupby("doc_id").cumcount())
    return sections.reset_index(drop=True)


def unit_table(processed: ProcessedCorpus, unit: str = "paragraph") -> pd.DataFrame:
    """Text units of a processed corpus with the document metadata (region, level, year, genre …).

    ``processed`` is a :class:`dangjian.segmentation.pipeline.ProcessedCorpus`; ``unit`` one of :data:`UNITS`.
    Every row has ``doc_id`` and ``text``; sections are :func:`sections_from_paragraphs`.

    Example:
        >>> from dangjian.segmentation.pipeline import process_corpus
        >>> units = unit_table(process_corpus("data/raw"), "document")   # doctest: +SKIP
        >>> units[["doc_id", "region"]].shape                            # doctest: +SKIP
        (5, 2)
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
    metadata = _document_metadata(processed)
    if unit == "document":
        texts = processed.clean_texts
        table = metadata.assign(text=[texts[d] for d in metadata["doc_id"]])
    else:
        table = processed.sentences if unit == "sentence" else processed.paragraphs
        table = table[[c for c in table.columns if c == "doc_id" or c not in metadata.columns]]
        table = table.merge(metadata, on="doc_id", how="left", validate="many_to_one")
        if unit == "section":
            table = sections_from_paragraphs(table)
    return table.reset_index(drop=True)


# --- the matrix -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermMatrix:
    """Token counts of rows (units or groups) × terms.

    Attributes:
        counts: sparse ``(rows, terms)`` int64 token counts.
        docfreq: sparse ``(rows, terms)`` number of units of the row containing the term.
        terms: the terms (column labels), sorted.
        rows: one row per matrix row: the grouping column (or the unit metadata), ``units``
            (units in the row), ``docs`` (documents in a group, when the units carry ``doc_id``)
            and ``tokens`` (all kept tokens of the row, including terms below
            the minimum count, so rates use the real size of each group).
        label_col: the column of ``rows`` that names the rows (the group column, or ``row``).
        weights: TF-IDF weights when built with ``weighting="tfidf"``, else None.
        doc_docfreq: sparse ``(rows, terms)`` number of documents of the group containing the
            term, when the rows are groups of units that carry ``doc_id``; else None.
    """

    counts: sparse.csr_matrix
    docfreq: sparse.csr_matrix
    terms: np.ndarray
    rows: pd.DataFrame
    label_col: str
    weights: sparse.csr_matrix | None = None
    doc_docfreq: sparse.csr_matrix | None = None

    @property
    def labels(self) -> list[str]:
        """Row labels as strings."""
        return [str(v) for v in self.rows[self.label_col]]

    @property
    def tokens(self) -> np.ndarray:
        """Token total of each row."""
        return self.rows["tokens"].to_numpy(dtype=np.int64)

    @property
    def shape(self) -> tuple[int, int]:
        return self.counts.shape

    def to_frame(self, values: str = "counts") -> pd.DataFrame:
        """Dense table rows × terms of ``counts``, ``docfreq`` or ``weights``.

        Example:
            >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴", "乡村振兴 第一书记"]}))
            >>> m.to_frame().values.tolist()
            [[1, 0], [1, 1]]
        """
        matrix = {"counts": self.counts, "docfreq": self.docfreq, "weights": self.weights}[values]
        if matrix is None:
            raise ValueError("this matrix has no TF-IDF weights: build it with weighting='tfidf'")
        frame = pd.DataFrame(matrix.toarray(), columns=pd.Index(self.terms, name="term"))
        frame.index = pd.Index(self.labels, name=self.label_col)
        return frame

    def total(self, label: str = "(all)") -> TermMatrix:
        """All rows summed into one (the whole corpus as a single group).

        Example:
            >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴", "乡村振兴"], "g": ["a", "b"]}), group_col="g")
            >>> m.total().counts.toarray().tolist(), m.total().tokens.tolist()
            ([[2]], [2])
        """
        rows = pd.DataFrame({self.label_col: [label], "units": [int(self.rows["units"].sum())],
                             "tokens": [int(self.tokens.sum())]})
        counts = sparse.csr_matrix(self.counts.sum(axis=0), dtype=np.int64)
        docfreq = sparse.csr_matrix(self.docfreq.sum(axis=0), dtype=np.int64)
        return replace(self, counts=counts, docfreq=docfreq, rows=rows, weights=None, doc_docfreq=None)

    def group(self, by: str, *, doc_col: str = "doc_id", missing_label: str = MISSING_LABEL) -> TermMatrix:
        """Rows summed by the values of column ``by`` of ``rows`` (a unit-level matrix grouped).

        Gives the same matrix as :func:`build_dtm` with ``group_col=by`` on the same units, without
        tokenizing again: counts, document frequencies (units containing a term), ``units`` and
        ``tokens`` are sums; ``docs`` counts the distinct ``doc_col`` values of each group when the
        rows carry them.

        Example:
            >>> units = pd.DataFrame({"text": ["乡村振兴", "乡村振兴 第一书记", "第一书记"],
            ...                       "doc_id": ["a", "a", "b"], "g": ["x", "x", "y"]})
            >>> grouped = build_dtm(units).group("g")
            >>> grouped.rows.values.tolist(), grouped.counts.toarray().tolist()
            ([['x', 2, 3, 1], ['y', 1, 1, 1]], [[2, 1], [0, 1]])
        """
        require_columns(self.rows, [by, "units", "tokens"], "term matrix rows")
        labels = group_labels(self.rows[by], missing_label).reset_index(drop=True)
        indicator, names = _group_matrix(labels)
        rows = pd.DataFrame({
            by: names,
            "units": indicator @ self.rows["units"].to_numpy(dtype=np.int64),
            "tokens": indicator @ self.tokens,
        })
        doc_docfreq = None
        if doc_col in self.rows.columns:
            docs = self.rows[doc_col].astype(str).reset_index(drop=True)
            rows["docs"], doc_docfreq = _documents_per_group(labels, docs, self.docfreq, names)
        return TermMatrix(
            counts=sparse.csr_matrix(indicator @ self.counts, dtype=np.int64),
            docfreq=sparse.csr_matrix(indicator @ self.docfreq, dtype=np.int64),
            terms=self.terms,
            rows=rows,
            label_col=by,
            weights=None if self.weights is None else
            sparse.csr_matrix(TfidfTransformer().fit_transform(indicator @ self.counts)),
            doc_docfreq=doc_docfreq,
        )

    def select_terms(self, mask: np.ndarray) -> TermMatrix:
        """Keep the terms where boolean ``mask`` is True (row token totals stay as they are).

        Example:
            >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴 乡村振兴 第一书记"]}))
            >>> kept = m.select_terms(m.counts.toarray()[0] >= 2)
            >>> kept.terms.tolist(), kept.tokens.tolist()
            (['乡村振兴'], [3])
        """
        mask = np.asarray(mask, dtype=bool)
        weights = None if self.weights is None else self.weights[:, mask]
        doc_docfreq = None if self.doc_docfreq is None else self.doc_docfreq[:, mask]
        return replace(self, counts=self.counts[:, mask], docfreq=self.docfreq[:, mask],
                       terms=self.terms[mask], weights=weights, doc_docfreq=doc_docfreq)


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise a clear error if ``frame`` is not a DataFrame or lacks any of ``columns``.

    Example:
        >>> require_columns(pd.DataFrame({"text": []}), ["text", "region"], "units table")
        Traceback (most recent call last):
        KeyError: "units table: missing column(s) ['region']; available: ['text']"
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what}: missing column(s) {missing}; available: {list(frame.columns)}")


def _label_text(value) -> str:
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return str(value)


def group_labels(values: pd.Series, missing_label: str = MISSING_LABEL) -> pd.Series:
    """Grouping values as strings, missing or empty ones replaced by ``missing_label``.

    Whole numbers stored as floats (a year column with a gap is read as float) are written
    without the decimal part, so 2024.0 is the group ``2024``.

    Example:
        >>> group_labels(pd.Series(["平凉市", "", None, 2024])).tolist()
        ['平凉市', '(unspecified)', '(unspecified)', '2024']
        >>> group_labels(pd.Series([2019.0, None])).tolist()
        ['2019', '(unspecified)']
    """
    labels = values.astype("object").where(values.notna(), "").map(_label_text).str.strip()
    return labels.where(labels != "", missing_label)


def ordered_group_names(names) -> list[str]:
    """Group names in order: administrative levels from the centre down when every name is a level
    (a group left unspecified last), anything else sorted.

    Example:
        >>> ordered_group_names(["village", "county", "national", "(unspecified)"]), ordered_group_names(["乙县", "甲市"])
        (['national', 'county', 'village', '(unspecified)'], ['乙县', '甲市'])
    """
    names = sorted(set(names))
    known = [name for name in names if name in LEVELS]
    if known and all(name in LEVELS or name.startswith("(") for name in names):
        return sorted(known, key=LEVELS.index) + [name for name in names if name not in LEVELS]
    return names


def _group_matrix(labels: pd.Series) -> tuple[sparse.csr_matrix, list[str]]:
    """Indicator matrix groups × units and the group names (:func:`ordered_group_names`)."""
    names = ordered_group_names(labels.unique())
    index = {name: i for i, name in enumerate(names)}
    rows = labels.map(index).to_numpy()
    indicator = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, np.arange(len(rows)))), shape=(len(names), len(rows))
    )
    return indicator, names


def _documents_per_group(labels: pd.Series, docs: pd.Series, unit_presence: sparse.spmatrix,
                         names: list[str]) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Documents of each group (``names`` order) and, per group and term, documents containing the term.

    ``unit_presence`` is units × terms, non-zero where the unit contains the term.
    """
    pairs = pd.DataFrame({"group": labels.to_numpy(), "doc": docs.to_numpy()})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
    pair_units = sparse.csr_matrix(
        (np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))), shape=(len(uniques), len(codes)))
    pair_presence = sparse.csr_matrix(pair_units @ sparse.csr_matrix(unit_presence, dtype=np.int64) > 0,
                                      dtype=np.int64)
    index = {name: i for i, name in enumerate(names)}
    pair_group = np.array([index[group] for group, _ in uniques], dtype=np.int64)
    group_pairs = sparse.csr_matrix(
        (np.ones(len(pair_group), dtype=np.int64), (pair_group, np.arange(len(pair_group)))),
        shape=(len(names), len(pair_group)))
    n_docs = np.asarray(group_pairs.sum(axis=1)).ravel().astype(np.int64)
    return n_docs, sparse.csr_matrix(group_pairs @ pair_presence, dtype=np.int64)


class TermMatrixBuilder(BaseEstimator):
    """Build :class:`TermMatrix` objects from unit tables; the vocabulary is learned in ``fit``.

    Parameters:
        tokenizer: the analyzer (default ``DomainTokenizer()`` with both stopword lists).
        group_col: metadata column to group units by (None: one row per unit).
        text_col: the column with the text.
        min_count: keep terms occurring at least this often in the fitted units (corpus-wide).
        weighting: ``"count"`` or ``"tfidf"`` (then ``weights`` holds TF-IDF of the rows, rows
            taken as documents, as ``TfidfVectorizer`` computes it).
        missing_label: label for units whose group value is missing.
        cache: a :class:`~dangjian.project.cache.Cache` for the units' tokens (None: tokenize every time).

    Example:
        >>> units = pd.DataFrame({"text": ["建强基层党组织", "乡村振兴", "乡村振兴"], "level": ["县", "县", "镇"]})
        >>> builder = TermMatrixBuilder(group_col="level", min_count=2).fit(units)
        >>> builder.vocabulary_.tolist()
        ['乡村振兴']
        >>> builder.transform(units).rows.values.tolist()
        [['县', 2, 3], ['镇', 1, 1]]
    """

    def __init__(
        self,
        tokenizer: DomainTokenizer | None = None,
        group_col: str | None = None,
        text_col: str = "text",
        min_count: int = 1,
        weighting: str = "count",
        missing_label: str = MISSING_LABEL,
        cache: Cache | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.group_col = group_col
        self.text_col = text_col
        self.min_count = min_count
        self.weighting = weighting
        self.missing_label = missing_label
        self.cache = cache

    def _validate(self, units: pd.DataFrame) -> None:
        if self.weighting not in ("count", "tfidf"):
            raise ValueError(f"weighting must be 'count' or 'tfidf', got {self.weighting!r}")
        if self.min_count < 1:
            raise ValueError(f"min_count must be at least 1, got {self.min_count}")
        columns = [self.text_col] + ([self.group_col] if self.group_col is not None else [])
        require_columns(units, columns, "units table")
        if not len(units):
            raise ValueError("units table: no rows to tokenize")
        bad = units[self.text_col].map(lambda v: not isinstance(v, str))
        if bad.any():
            raise TypeError(f"units table: column {self.text_col!r} holds non-text values at rows {list(units.index[bad][:5])}")

    def _count(self, units: pd.DataFrame) -> tuple[sparse.csr_matrix, np.ndarray]:
        """Unit × term counts over every token of ``units`` (full vocabulary, sorted)."""
        analyzer = self.tokenizer if self.tokenizer is not None else DomainTokenizer()
        tokens = tokenized(units[self.text_col], analyzer, self.cache)
        return tokens.counts(), tokens.vocabulary

    def fit(self, units: pd.DataFrame, y=None) -> TermMatrixBuilder:
        """Learn the vocabulary (terms with at least ``min_count`` tokens in ``units``).

        Example:
            >>> TermMatrixBuilder().fit(pd.DataFrame({"text": ["第一书记"]})).vocabulary_.tolist()
            ['第一书记']
        """
        self.fit_transform(units)
        return self

    def fit_transform(self, units: pd.DataFrame, y=None) -> TermMatrix:
        """Learn the vocabulary and return the matrix of ``units`` (tokenizing once).

        Example:
            >>> TermMatrixBuilder().fit_transform(pd.DataFrame({"text": ["第一书记"]})).shape
            (1, 1)
        """
        self._validate(units)
        counts, terms = self._count(units)
        totals = np.asarray(counts.sum(axis=0)).ravel()
        self.vocabulary_ = terms[totals >= self.min_count]
        return self._assemble(units, counts, terms)

    def transform(self, units: pd.DataFrame) -> TermMatrix:
        """The matrix of ``units`` over the fitted vocabulary (terms absent from ``units`` count 0).

        Example:
            >>> builder = TermMatrixBuilder().fit(pd.DataFrame({"text": ["第一书记 乡村振兴"]}))
            >>> builder.transform(pd.DataFrame({"text": ["第一书记"]})).counts.toarray().tolist()
            [[0, 1]]
        """
        check_is_fitted(self, "vocabulary_")
        self._validate(units)
        counts, terms = self._count(units)
        return self._assemble(units, counts, terms)

    def _assemble(self, units: pd.DataFrame, counts: sparse.csr_matrix, terms: np.ndarray) -> TermMatrix:
        tokens = np.asarray(counts.sum(axis=1)).ravel()
        position = {term: i for i, term in enumerate(terms)}
        columns = np.array([position.get(t, -1) for t in self.vocabulary_], dtype=np.int64)
        present = columns >= 0
        selector = sparse.csr_matrix(
            (np.ones(present.sum(), dtype=np.int64), (columns[present], np.flatnonzero(present))),
            shape=(len(terms), len(self.vocabulary_)),
        )
        unit_counts = sparse.csr_matrix(counts @ selector, dtype=np.int64)
        unit_docfreq = sparse.csr_matrix((unit_counts > 0).astype(np.int64))
        doc_docfreq = None
        if self.group_col is None:
            rows = units.drop(columns=[self.text_col]).reset_index(drop=True)
            rows = rows.drop(columns=[c for c in ("row", "units", "tokens") if c in rows.columns])
            rows.insert(0, "row", [str(i) for i in range(len(rows))])
            rows = rows.assign(units=1, tokens=tokens)
            label_col = "row"
            matrix_counts, matrix_docfreq = unit_counts, unit_docfreq
        else:
            labels = group_labels(units[self.group_col], self.missing_label).reset_index(drop=True)
            indicator, names = _group_matrix(labels)
            matrix_counts = sparse.csr_matrix(indicator @ unit_counts, dtype=np.int64)
            matrix_docfreq = sparse.csr_matrix(indicator @ unit_docfreq, dtype=np.int64)
            rows = pd.DataFrame({
                self.group_col: names,
                "units": np.asarray(indicator.sum(axis=1)).ravel(),
                "tokens": indicator @ tokens,
            })
            if "doc_id" in units.columns:
                docs = units["doc_id"].astype(str).reset_index(drop=True)
                rows["docs"], doc_docfreq = _documents_per_group(labels, docs, unit_docfreq, names)
            label_col = self.group_col
        weights = None
        if self.weighting == "tfidf":
            weights = sparse.csr_matrix(TfidfTransformer().fit_transform(matrix_counts))
        return TermMatrix(
            counts=matrix_counts,
            docfreq=matrix_docfreq,
            terms=np.asarray(self.vocabulary_, dtype=object),
            rows=rows.reset_index(drop=True),
            label_col=label_col,
            weights=weights,
            doc_docfreq=doc_docfreq,
        )


def build_dtm(
    units: pd.DataFrame,
    tokenizer: DomainTokenizer | None = None,
    *,
    group_col: str | None = None,
    text_col: str = "text",
    min_count: int = 1,
    weighting: str = "count",
    missing_label: str = MISSING_LABEL,
    cache: Cache | None = None,
) -> TermMatrix:
    """Term matrix of a unit table, one row per unit or per value of ``group_col``.

    Shorthand for ``TermMatrixBuilder(...).fit_transform(units)``.

    Example:
        >>> units = pd.DataFrame({"text": ["第一书记", "第一书记 乡村振兴"], "doc_id": ["a", "b"]})
        >>> build_dtm(units, group_col="doc_id", weighting="tfidf").to_frame("weights").round(2).values.tolist()
        [[0.0, 1.0], [0.81, 0.58]]
    """
    builder = TermMatrixBuilder(
        tokenizer=tokenizer, group_col=group_col, text_col=text_col, min_count=min_count,
        weighting=weighting, missing_label=missing_label, cache=cache,
    )
    return builder.fit_transform(units)
