"""Keyword analyses: frequencies, TF-IDF, keyness, slogans (提法) and co-occurrence.

All functions take a :class:`dangjian.tokens.dtm.TermMatrix` (rows = groups such as regions, or units)
or a unit table, and return tidy pandas tables sorted so that the same input gives the same rows
in the same order.

* :func:`frequency_table` — quanteda's ``textstat_frequency``: frequency, rank, document frequency
  per group, plus rates per 10,000 tokens.
* :func:`tfidf_top_terms` — the highest TF-IDF terms of each group (groups taken as documents).
* :func:`keyness` — each group against the rest: raw counts, signed log-likelihood G², its
  p-value corrected over the whole family of tests (all groups × terms), log ratio and the
  conservative log ratio LRC of R's ``corpora::keyness``, with the documents and units behind
  each group; no test is called significant for a group backed by one document.
* :func:`keyness_with_intervals` — the same with bootstrap intervals of G² and the log ratio,
  resampling documents where a group has several and paragraphs otherwise.
* :func:`find_slogans`, :func:`slogan_counts` — quoted phrases and numbered formulas
  (三会一课, 四个意识, 一村一策 …) found by pattern, not from a list.
* :func:`cooccurrence_pmi` — pointwise mutual information of top terms co-occurring in a unit
  or in a sliding window.

Example:
    >>> import pandas as pd
    >>> from dangjian.tokens.dtm import build_dtm
    >>> units = pd.DataFrame({"text": ["乡村振兴 乡村振兴 第一书记", "网格化管理 第一书记"], "region": ["甲", "乙"]})
    >>> matrix = build_dtm(units, group_col="region")
    >>> frequency_table(matrix)[["group", "term", "frequency", "rank"]].values.tolist()
    [['乙', '第一书记', 1, 1], ['乙', '网格化管理', 1, 1], ['甲', '乡村振兴', 2, 1], ['甲', '第一书记', 1, 2]]
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, stats
from sklearn.feature_extraction.text import TfidfTransformer

from dangjian.keywords.inference import (
    MIN_DOCS_TO_RESAMPLE,
    GroupBootstrap,
    adjust_p_values,
    family_description,
    percentile_interval,
)
from dangjian.project.cache import FRAME, Cache
from dangjian.segmentation import formulas
from dangjian.tokens.dtm import TermMatrix, group_labels, require_columns
from dangjian.tokens.tokenize import TOKEN_MODULES, DomainTokenizer
from dangjian.tokens.tokenized import texts_digest

#: Tokens per which rates are given.
RATE_BASE = 10_000


# --- frequencies ---------------------------------------------------------------------------------


def frequency_table(matrix: TermMatrix, *, min_count: int = 1, top_n: int | None = None) -> pd.DataFrame:
    """Term frequencies per row of ``matrix``, as quanteda's ``textstat_frequency(groups=)`` gives them.

    Columns: ``group``, ``rank`` (1 = most frequent; ties share the lowest rank), ``term``,
    ``frequency``, ``docfreq`` (units of the group containing the term), ``rate_per_10k``
    (frequency per 10,000 tokens of the group) and ``group_tokens``. Terms below ``min_count``
    in a group are left out; ``top_n`` keeps the best ranks of each group (ties at the cut kept).

    Example:
        >>> import pandas as pd
        >>> from dangjian.tokens.dtm import build_dtm
        >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴 第一书记", "乡村振兴"], "g": ["a", "a"]}), group_col="g")
        >>> frequency_table(m)[["term", "frequency", "docfreq", "rate_per_10k"]].values.tolist()
        [['乡村振兴', 2, 2, 6666.666666666666], ['第一书记', 1, 1, 3333.333333333333]]
    """
    counts = sparse.coo_matrix(matrix.counts)
    docfreq = matrix.docfreq.tocsr()
    table = pd.DataFrame({
        "row": counts.row,
        "term": matrix.terms[counts.col],
        "frequency": counts.data.astype(np.int64),
        "docfreq": np.asarray(docfreq[counts.row, counts.col]).ravel().astype(np.int64),
    })
    labels = np.array(matrix.labels, dtype=object)
    tokens = matrix.tokens
    table["group"] = labels[table["row"]]
    table["group_tokens"] = tokens[table["row"]]
    table = table[table["frequency"] >= min_count]
    table["rate_per_10k"] = table["frequency"] / table["group_tokens"] * RATE_BASE
    table["rank"] = table.groupby("row")["frequency"].rank(method="min", ascending=False).astype(np.int64)
    if top_n is not None:
        table = table[table["rank"] <= top_n]
    table = table.sort_values(["row", "rank", "term"], kind="stable")
    columns = ["group", "rank", "term", "frequency", "docfreq", "rate_per_10k", "group_tokens"]
    return table[columns].reset_index(drop=True)


def frequency_matrix(matrix: TermMatrix, terms: Sequence[str], *, values: str = "rate_per_10k") -> pd.DataFrame:
    """Terms × groups table of ``"frequency"`` or ``"rate_per_10k"`` for the given terms (for heatmaps).

    Example:
        >>> import pandas as pd
        >>> from dangjian.tokens.dtm import build_dtm
        >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴 第一书记", "乡村振兴"], "g": ["a", "b"]}), group_col="g")
        >>> frequency_matrix(m, ["乡村振兴"], values="frequency").values.tolist()
        [[1, 1]]
    """
    if values not in ("frequency", "rate_per_10k"):
        raise ValueError(f"values must be 'frequency' or 'rate_per_10k', got {values!r}")
    index = {term: i for i, term in enumerate(matrix.terms)}
    unknown = [t for t in terms if t not in index]
    if unknown:
        raise KeyError(f"terms not in the matrix: {unknown}")
    columns = [index[t] for t in terms]
    data = matrix.counts[:, columns].toarray().T
    if values == "rate_per_10k":
        data = data / np.maximum(matrix.tokens, 1) * RATE_BASE
    return pd.DataFrame(data, index=pd.Index(list(terms), name="term"),
                        columns=pd.Index(matrix.labels, name=matrix.label_col))


def top_terms(table: pd.DataFrame, top_n: int = 20, *, score: str = "frequency") -> list[str]:
    """The union of each group's ``top_n`` terms by ``score`` in a long table, ordered by total score.

    Example:
        >>> t = pd.DataFrame({"group": ["a", "a", "b"], "term": ["x", "y", "z"], "frequency": [3, 1, 2]})
        >>> top_terms(t, 1)
        ['x', 'z']
    """
    best = (table.sort_values(["group", score, "term"], ascending=[True, False, True], kind="stable")
            .groupby("group").head(top_n))
    totals = table[table["term"].isin(best["term"])].groupby("term")[score].sum()
    return sorted(totals.index, key=lambda term: (-totals[term], term))


def tfidf_top_terms(matrix: TermMatrix, top_n: int = 20, *, sublinear_tf: bool = False) -> pd.DataFrame:
    """The ``top_n`` terms of each row by TF-IDF, rows (e.g. regions) taken as the documents.

    TF-IDF is scikit-learn's (smoothed idf, l2-normalised rows). Its idf, ln((1 + n) / (1 + df))
    + 1, is never below 1, so a term every group uses is not removed: it keeps its frequency as
    weight and ranks high when it is frequent. Columns: ``group``, ``rank``, ``term``, ``tfidf``,
    ``frequency``, ``groups_using`` (rows of the matrix where the term occurs) and
    ``in_every_group``.

    Example:
        >>> import pandas as pd
        >>> from dangjian.tokens.dtm import build_dtm
        >>> m = build_dtm(pd.DataFrame({"text": ["乡村振兴 第一书记", "乡村振兴 网格化管理"], "g": ["a", "b"]}),
        ...               group_col="g")
        >>> tfidf_top_terms(m, 2)[["group", "term", "in_every_group"]].values.tolist()
        [['a', '第一书记', False], ['a', '乡村振兴', True], ['b', '网格化管理', False], ['b', '乡村振兴', True]]
    """
    weights = sparse.coo_matrix(TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(matrix.counts))
    counts = matrix.counts.tocsr()
    table = pd.DataFrame({
        "row": weights.row,
        "term": matrix.terms[weights.col],
        "tfidf": weights.data,
        "frequency": np.asarray(counts[weights.row, weights.col]).ravel().astype(np.int64),
    })
    table["group"] = np.array(matrix.labels, dtype=object)[table["row"]]
    table = table.sort_values(["row", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    table = table.groupby("row").head(top_n)
    table["rank"] = table.groupby("row").cumcount() + 1
    using = np.asarray((matrix.counts > 0).sum(axis=0)).ravel().astype(np.int64)
    table["groups_using"] = using[weights.col[table.index]]
    table["in_every_group"] = table["groups_using"] == matrix.shape[0]
    columns = ["group", "rank", "term", "tfidf", "frequency", "groups_using", "in_every_group"]
    return table[columns].reset_index(drop=True)


# --- keyness ---------------------------------------------------------------------------------------


def _as_float(*arrays) -> list[np.ndarray]:
    return [np.asarray(a, dtype=np.float64) for a in arrays]


def _g2_term(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        term = observed * np.log(observed / expected)
    return np.where(observed > 0, term, 0.0)


def log_likelihood_g2(f1, f2, n1, n2) -> np.ndarray:
    """Signed log-likelihood G² of frequency ``f1`` in ``n1`` tokens against ``f2`` in ``n2``.

    G² = 2 Σ O ln(O/E) over the 2×2 table (term / other tokens × target / reference); the sign
    is + when the term is relatively more frequent in the target. Same as ``corpora::keyness(
    measure="G2")``.

    Example:
        >>> round(float(log_likelihood_g2(10, 10, 100, 1000)), 4)
        22.9078
    """
    f1, f2, n1, n2 = _as_float(f1, f2, n1, n2)
    total = n1 + n2
    row = f1 + f2
    e11, e12 = row * n1 / total, row * n2 / total
    g2 = 2 * (_g2_term(f1, e11) + _g2_term(f2, e12) + _g2_term(n1 - f1, n1 - e11) + _g2_term(n2 - f2, n2 - e12))
    return np.sign(f1 - e11) * g2


def g2_p_value(g2) -> np.ndarray:
    """p-value of a (signed) G² statistic: chi-square with one degree of freedom on |G²|.

    Example:
        >>> round(float(g2_p_value(3.841458820694124)), 6)
        0.05
    """
    return stats.chi2.sf(np.abs(np.asarray(g2, dtype=np.float64)), df=1)


def log_ratio(f1, f2, n1, n2) -> np.ndarray:
    """Binary log of the ratio of relative frequencies, with 0.5 added to each count (Walter 1975).

    Example:
        >>> round(float(log_ratio(10, 10, 100, 1000)), 4)
        3.3155
    """
    f1, f2, n1, n2 = _as_float(f1, f2, n1, n2)
    return np.log2((f1 + 0.5) / (n1 + 0.5)) - np.log2((f2 + 0.5) / (n2 + 0.5))


def clopper_pearson(k, n, alpha) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper exact (Clopper-Pearson) bounds for a binomial proportion ``k/n``,
    each one-sided at level ``alpha`` (so ``[lower, upper]`` has coverage ``1 - 2 alpha``).

    Example:
        >>> [round(float(x), 4) for x in clopper_pearson(5, 10, 0.025)]
        [0.1871, 0.8129]
    """
    k, n = _as_float(k, n)
    with np.errstate(invalid="ignore"):
        lower = np.where(k > 0, stats.beta.ppf(alpha, np.maximum(k, 1e-300), n - k + 1), 0.0)
        upper = np.where(n - k > 0, stats.beta.isf(alpha, k + 1, np.maximum(n - k, 1e-300)), 1.0)
    return lower, upper


def conservative_log_ratio(f1, f2, n1, n2, *, conf_level: float = 0.95, family_size: int = 1) -> np.ndarray:
    """LRC: the confidence bound of the log ratio nearest to zero, 0 if the interval contains 0.

    As in R's ``corpora::keyness(measure="LRC")``: an exact conditional test (Clopper-Pearson
    interval for ``f1 / (f1 + f2)``, two-sided at ``conf_level`` with Bonferroni correction for
    ``family_size`` tests), converted to a bound on log2 of the ratio of relative frequencies:
    the lower bound (clamped at 0) where the target's relative frequency is higher, the upper
    bound (clamped at 0) where it is lower.

    Example:
        >>> round(float(conservative_log_ratio(10, 10, 100, 1000)), 4)
        1.9013
        >>> float(conservative_log_ratio(1, 2, 100, 1000))
        0.0
    """
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be between 0 and 1, got {conf_level}")
    if family_size < 1:
        raise ValueError(f"family_size must be at least 1, got {family_size}")
    f1, f2, n1, n2 = _as_float(f1, f2, n1, n2)
    if np.any(f1 + f2 < 1):
        raise ValueError("conservative_log_ratio: f1 + f2 must be at least 1 for every term")
    alpha = (1 - conf_level) / 2 / family_size
    lower, upper = clopper_pearson(f1, f1 + f2, alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        lr_lower = np.log2((n2 / n1) * lower / (1 - lower))
        lr_upper = np.log2((n2 / n1) * upper / (1 - upper))
    higher = f1 / n1 >= f2 / n2
    return np.where(higher, np.maximum(lr_lower, 0.0), np.minimum(lr_upper, 0.0))


#: Columns of a keyness table describing the group behind each row.
GROUP_SIZE_COLUMNS = ["n_docs", "n_units", "single_document"]


def _group_sizes(matrix: TermMatrix) -> pd.DataFrame:
    """``n_docs`` (NA when the rows do not know their documents), ``n_units``, ``single_document``."""
    rows = matrix.rows
    docs = rows["docs"] if "docs" in rows.columns else pd.Series([pd.NA] * len(rows))
    sizes = pd.DataFrame({
        "group": matrix.labels,
        "n_docs": pd.array(docs.tolist(), dtype="Int64"),
        "n_units": rows["units"].to_numpy(dtype=np.int64),
    })
    sizes["single_document"] = (sizes["n_docs"] == 1).fillna(False).astype(bool)
    return sizes


def keyness(
    matrix: TermMatrix,
    *,
    min_count: int = 5,
    conf_level: float = 0.95,
    p_adjust: bool = True,
    p_adjust_method: str = "holm",
    alpha: float = 0.05,
    targets: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keyness of every term for each row (group) of ``matrix`` against all other rows together.

    Terms occurring fewer than ``min_count`` times in the whole matrix are not tested. The family
    of tests is every target group × every tested term: ``p_adjusted`` corrects the G² p-values
    over that whole family (``p_adjust_method``: ``"holm"`` or ``"bh"``, see
    :func:`dangjian.keywords.inference.adjust_p_values`), and LRC is Bonferroni-adjusted for the same
    number of tests. ``significant`` asks for replication as well as ``p_adjusted < alpha``: the
    group has at least two documents and, for a term it over-uses, at least two of them contain
    the term; for a term it under-uses, at least two documents of the rest contain it. A group
    backed by a single document has no replication, so none of its tests is called significant;
    neither is a term that one document of a larger group brings alone, nor a term the group
    "under-uses" only because one other document uses it. (For a matrix that does not know its
    documents — no ``doc_id`` in the units — the corrected test is taken as it is.)

    Columns: ``group``, ``n_docs``, ``n_units``, ``single_document``, ``term``,
    ``docs_with_term`` (documents of the group containing the term), ``docs_with_term_reference``
    (documents of the rest containing it), ``f_target``,
    ``f_reference`` (raw counts), ``n_target``, ``n_reference`` (token totals),
    ``rate_target``, ``rate_reference`` (per 10,000 tokens), ``g2`` (signed log-likelihood),
    ``p_value``, ``p_adjusted``, ``log_ratio``, ``lrc`` (conservative log ratio),
    ``significant``, ``n_terms_tested``, ``n_tests`` (size of the family) and ``correction``
    (the family and its correction, in words). Rows are sorted by group, then G² from most
    positive to most negative, then term. With ``p_adjust=False`` nothing is corrected.

    Example:
        >>> import pandas as pd
        >>> from dangjian.tokens.dtm import build_dtm
        >>> units = pd.DataFrame({"text": ["乡村振兴 " * 8 + "第一书记", "第一书记 " * 8 + "乡村振兴"],
        ...                       "g": ["a", "b"], "doc_id": ["d1", "d2"]})
        >>> k = keyness(build_dtm(units, group_col="g"), min_count=1)
        >>> k[k.group == "a"][["term", "f_target", "f_reference", "g2", "n_docs"]].round(3).values.tolist()
        [['乡村振兴', 8, 1, 12.395, 1], ['第一书记', 1, 8, -12.395, 1]]
        >>> bool(k.significant.any()), k.correction[0]
        (False, 'Holm correction over all 4 tests (2 groups × 2 terms)')
    """
    if matrix.shape[0] < 2:
        raise ValueError(f"keyness needs at least two groups; the matrix has {matrix.shape[0]} row(s)")
    if p_adjust_method not in ("holm", "bh", "bonferroni"):
        raise ValueError(f"p_adjust_method must be 'holm', 'bh' or 'bonferroni', got {p_adjust_method!r}")
    labels = matrix.labels
    chosen = labels if targets is None else list(targets)
    unknown = [t for t in chosen if t not in labels]
    if unknown:
        raise KeyError(f"keyness: unknown target group(s) {unknown}; groups are {labels}")
    # sparse until one group's row is taken: a matrix by document never becomes dense
    counts = sparse.csr_matrix(matrix.counts, dtype=np.int64)
    totals = np.asarray(counts.sum(axis=0)).ravel().astype(np.int64)
    tested = totals >= min_count
    counts, totals, terms = counts[:, tested], totals[tested], matrix.terms[tested]
    tokens = matrix.tokens
    n_terms = int(tested.sum())
    n_tests = len(chosen) * n_terms
    family = max(n_tests, 1) if p_adjust else 1
    sizes = _group_sizes(matrix).set_index("group")
    frames = []
    for label in chosen:
        i = labels.index(label)
        f1 = counts[i].toarray().ravel()
        f2 = totals - f1
        n1 = int(tokens[i])
        n2 = int(tokens.sum() - n1)
        if n1 == 0 or n2 == 0:
            raise ValueError(f"keyness: group {label!r} or the rest of the corpus has no tokens")
        g2 = log_likelihood_g2(f1, f2, n1, n2)
        frames.append(pd.DataFrame({
            "group": label,
            "term": terms,
            "f_target": f1,
            "f_reference": f2,
            "n_target": n1,
            "n_reference": n2,
            "rate_target": f1 / n1 * RATE_BASE,
            "rate_reference": f2 / n2 * RATE_BASE,
            "g2": g2,
            "p_value": g2_p_value(g2),
            "log_ratio": log_ratio(f1, f2, n1, n2),
            "lrc": conservative_log_ratio(f1, f2, n1, n2, conf_level=conf_level, family_size=family),
        }))
    table = pd.concat(frames, ignore_index=True)
    method = p_adjust_method if p_adjust else "none"
    table.insert(table.columns.get_loc("log_ratio"), "p_adjusted", adjust_p_values(table["p_value"], method))
    table = table.join(sizes, on="group")
    replicated = (table["n_docs"] >= 2).fillna(True).astype(bool)
    if matrix.doc_docfreq is not None:
        doc_docfreq = sparse.csr_matrix(matrix.doc_docfreq)[:, tested]
        in_group = np.concatenate([doc_docfreq[labels.index(label)].toarray().ravel() for label in chosen])
        in_all = np.tile(np.asarray(doc_docfreq.sum(axis=0)).ravel(), len(chosen))
        table["docs_with_term"] = in_group
        table["docs_with_term_reference"] = in_all - in_group
        over = table["g2"] >= 0
        replicated &= np.where(over, table["docs_with_term"] >= 2, table["docs_with_term_reference"] >= 2)
    else:
        table["docs_with_term"] = pd.array([pd.NA] * len(table), dtype="Int64")
        table["docs_with_term_reference"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table["significant"] = (table["p_adjusted"] < alpha) & replicated
    table["n_terms_tested"] = n_terms
    table["n_tests"] = n_tests
    table["correction"] = family_description(n_tests, method, parts=[(len(chosen), "groups"), (n_terms, "terms")])
    table["order"] = table["group"].map({g: chosen.index(g) for g in chosen})
    table = table.sort_values(["order", "g2", "term"], ascending=[True, False, True], kind="stable")
    columns = ["group", *GROUP_SIZE_COLUMNS, "term", "docs_with_term", "docs_with_term_reference", "f_target",
               "f_reference", "n_target", "n_reference", "rate_target", "rate_reference", "g2", "p_value", "p_adjusted", "log_ratio", "lrc", "significant",
               "n_terms_tested", "n_tests", "correction"]
    return table[columns].reset_index(drop=True)


#: Bytes of replicate arrays held at once by :func:`keyness_with_intervals`.
_BOOTSTRAP_MEMORY = 64 * 2**20


def keyness_with_intervals(
    units: TermMatrix,
    group_col: str,
    *,
    doc_col: str = "doc_id",
    unit: str = "paragraph",
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    min_docs: int = MIN_DOCS_TO_RESAMPLE,
    **options,
) -> pd.DataFrame:
    """:func:`keyness` by ``group_col`` with bootstrap intervals of G² and the log ratio.

    ``units`` is a unit-level matrix (``build_dtm(units)``, one row per paragraph, say, with
    its metadata in ``rows``). Each replicate resamples every group on its own
    (:class:`dangjian.keywords.inference.GroupBootstrap`): a group's documents when it has at least
    ``min_docs``, its units (paragraphs) otherwise; target and reference counts and sizes are then
    recomputed and G² and the log ratio taken again. The percentile intervals are
    ``g2_ci_low``/``g2_ci_high`` and ``log_ratio_ci_low``/``log_ratio_ci_high``; ``ci_low`` and
    ``ci_high`` repeat the log ratio's (the estimate the figures plot); ``n_boot`` and ``ci_level``
    record the replicates and coverage. ``resampled`` says what was
    resampled for the target group (``"documents"``, ``"paragraphs"``, or ``"none"`` when a group is
    one document that is also the unit: its bounds are then NaN). ``options`` go to
    :func:`keyness` (``min_count``, ``p_adjust_method``, ``alpha``, ``targets`` …).

    Example:
        >>> import pandas as pd
        >>> from dangjian.tokens.dtm import build_dtm
        >>> units = pd.DataFrame({"text": ["乡村振兴 乡村振兴", "乡村振兴 第一书记", "第一书记", "第一书记 乡村振兴"],
        ...                       "doc_id": ["a", "a", "b", "b"], "g": ["x", "x", "y", "y"]})
        >>> k = keyness_with_intervals(build_dtm(units), "g", n_boot=200, min_count=1)
        >>> k[k.group == "x"][["term", "n_docs", "n_units", "resampled"]].values.tolist()
        [['乡村振兴', 1, 2, 'paragraphs'], ['第一书记', 1, 2, 'paragraphs']]
        >>> row = k.iloc[0]
        >>> bool(row.log_ratio_ci_low <= row.log_ratio <= row.log_ratio_ci_high), bool(row.ci_low == row.log_ratio_ci_low)
        (True, True)
    """
    if group_col not in units.rows.columns:
        raise KeyError(f"keyness_with_intervals: the unit matrix has no column {group_col!r}; "
                       f"build it with build_dtm(units) on a table that has it")
    grouped = units.group(group_col, doc_col=doc_col)
    table = keyness(grouped, **options)
    boot = GroupBootstrap(n_boot=n_boot, seed=seed, level=level, min_docs=min_docs, unit=unit)
    boot.fit(units.rows, group_col, doc_col=doc_col)
    position = {term: j for j, term in enumerate(units.terms)}
    tested = list(dict.fromkeys(table["term"]))
    columns = np.array([position[t] for t in tested], dtype=np.int64)
    counts = units.counts.tocsc()[:, columns].tocsr()
    targets = list(dict.fromkeys(table["group"]))
    n_groups = len(boot.groups_)
    tokens = np.stack([boot.replicate_sums(g, units.tokens.astype(np.float64)) for g in range(n_groups)])
    all_tokens = tokens.sum(axis=0)
    chunk = max(1, _BOOTSTRAP_MEMORY // (8 * n_boot * (n_groups + 4)))
    bounds = {name: np.full((len(targets), len(tested)), np.nan)
              for name in ("g2_ci_low", "g2_ci_high", "log_ratio_ci_low", "log_ratio_ci_high")}
    for start in range(0, len(tested), chunk):
        part = slice(start, min(start + chunk, len(tested)))
        block = counts[:, part]
        sums = [boot.replicate_sums(g, block) for g in range(n_groups)]
        total = np.sum(sums, axis=0)
        for t, label in enumerate(targets):
            g = boot.groups_.index(label)
            if boot.resampled(g) == "none":
                continue
            f1, n1 = sums[g], tokens[g][:, None]
            f2, n2 = total - f1, (all_tokens - tokens[g])[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):
                g2 = log_likelihood_g2(f1, f2, n1, n2)
            lr = log_ratio(f1, f2, n1, n2)
            bounds["g2_ci_low"][t, part], bounds["g2_ci_high"][t, part] = percentile_interval(g2, level)
            bounds["log_ratio_ci_low"][t, part], bounds["log_ratio_ci_high"][t, part] = percentile_interval(lr, level)
    row = table["group"].map({label: t for t, label in enumerate(targets)}).to_numpy()
    col = table["term"].map({term: j for j, term in enumerate(tested)}).to_numpy()
    resampled = dict(zip(boot.sizes_["group"], boot.sizes_["resampled"], strict=True))
    at = table.columns.get_loc("single_document") + 1
    table.insert(at, "resampled", table["group"].map(resampled))
    table.insert(table.columns.get_loc("g2") + 1, "g2_ci_low", bounds["g2_ci_low"][row, col])
    table.insert(table.columns.get_loc("g2_ci_low") + 1, "g2_ci_high", bounds["g2_ci_high"][row, col])
    after = table.columns.get_loc("log_ratio") + 1
    table.insert(after, "log_ratio_ci_low", bounds["log_ratio_ci_low"][row, col])
    table.insert(after + 1, "log_ratio_ci_high", bounds["log_ratio_ci_high"][row, col])
    table["ci_low"] = table["log_ratio_ci_low"]
    table["ci_high"] = table["log_ratio_ci_high"]
    table["n_boot"] = n_boot
    table["ci_level"] = level
    return table


# --- slogans and formulations (提法) -----------------------------------------------------------------

#: The kinds of numbered formula (:mod:`dangjian.segmentation.formulas`) counted as slogans: found by pattern.
SLOGAN_FORMULAS = (formulas.ALTERNATING, formulas.CLASSIFIED)
#: Quoted phrases: “…” 「…」 『…』 of up to 12 characters.
_QUOTED = re.compile(r"“([^“”\n]{1,12})”|「([^「」\n]{1,12})」|『([^『』\n]{1,12})』")
_SENTENCE_PUNCTUATION = re.compile(r"[，。；：！？,.;:!?]")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Slogan:
    """A slogan or formulation found in a text: ``kind`` is ``"numbered"`` or ``"quoted"``."""

    phrase: str
    kind: str
    start: int
    end: int
    quoted: bool


def _is_slogan_quote(content: str) -> bool:
    """Short, mostly Chinese, without sentence punctuation: a slogan rather than a quoted sentence."""
    if _SENTENCE_PUNCTUATION.search(content):
        return False
    cjk = len(_CJK.findall(content))
    return cjk >= 2 and cjk / len(content) >= 0.6


def find_slogans(text: str) -> list[Slogan]:
    """Quoted phrases and numbered formulas in ``text``, in text order.

    *Numbered* formulas are those :mod:`dangjian.segmentation.formulas` finds by pattern, not from a list
    (:data:`SLOGAN_FORMULAS`): alternating numeral phrases (一村一策, 三会一课, 一岗双责, 两企三新),
    a numeral with a formula classifier (大, 张, 单, 化, 抓, 下 …) and a two-character head (六大攻坚,
    三张清单, 五单闭环), the same with 个/项/星 when the head ends the phrase (四个意识, 两个维护 —
    but not 两个村党组织), and any quoted phrase made of a numeral and a few characters
    (“四抓”, “五统一”, “两新”: :func:`dangjian.segmentation.formulas.quoted_formula`). Dates, ordinals and measures (十九届,
    二中全会, 五个方面) are excluded. *Quoted* phrases are other quotations of at most 12
    characters, mostly Chinese and without sentence punctuation (“强基固本”, “书记项目”).
    A numbered formula inside quotation marks is reported once, as numbered with ``quoted=True``.

    Example:
        >>> [(s.phrase, s.kind, s.quoted) for s in find_slogans("落实“三会一课”和一村一策，增强四个意识，实施“强基固本”工程。")]
        [('三会一课', 'numbered', True), ('一村一策', 'numbered', False), ('四个意识', 'numbered', False), ('强基固本', 'quoted', True)]
    """
    found: dict[tuple[int, int], Slogan] = {}
    for formula in formulas.find_formulas(text, SLOGAN_FORMULAS):
        found[(formula.start, formula.end)] = Slogan(formula.phrase, "numbered", formula.start, formula.end, formula.quoted)
    for match in _QUOTED.finditer(text):
        content = next(g for g in match.groups() if g is not None)
        start, end = match.start() + 1, match.end() - 1
        if (start, end) in found or not _is_slogan_quote(content):
            continue
        kind = "numbered" if formulas.quoted_formula(text, start, end) else "quoted"
        if kind == "numbered":  # the whole quotation is the formula: drop pieces found inside it
            for key in [k for k in found if start <= k[0] and k[1] <= end]:
                del found[key]
        found[(start, end)] = Slogan(content, kind, start, end, True)
    return [found[key] for key in sorted(found)]


def slogan_counts(
    units: pd.DataFrame,
    group_cols: Sequence[str] = ("doc_id",),
    *,
    text_col: str = "text",
    kinds: Iterable[str] = ("numbered", "quoted"),
    missing_label: str | None = None,
) -> pd.DataFrame:
    """Count slogans per group: columns ``group_cols…``, ``phrase``, ``kind``, ``count``, ``quoted``
    (how many of the occurrences were in quotation marks).

    Sorted by the group columns, then count (highest first), then phrase.

    Example:
        >>> units = pd.DataFrame({"text": ["落实三会一课。", "“三会一课”制度，一村一策。"], "doc_id": ["a", "a"]})
        >>> slogan_counts(units).values.tolist()
        [['a', '三会一课', 'numbered', 2, 1], ['a', '一村一策', 'numbered', 1, 0]]
    """
    group_cols = list(group_cols)
    require_columns(units, [text_col, *group_cols], "units table")
    kinds = set(kinds)
    groups = pd.DataFrame({c: group_labels(units[c], missing_label) if missing_label else units[c]
                           for c in group_cols})
    tally: Counter = Counter()
    quoted: Counter = Counter()
    for key, text in zip(groups.itertuples(index=False, name=None), units[text_col], strict=True):
        for slogan in find_slogans(text):
            if slogan.kind in kinds:
                tally[(*key, slogan.phrase, slogan.kind)] += 1
                quoted[(*key, slogan.phrase, slogan.kind)] += int(slogan.quoted)
    rows = [(*key, count, quoted[key]) for key, count in tally.items()]
    table = pd.DataFrame(rows, columns=[*group_cols, "phrase", "kind", "count", "quoted"])
    return _slogan_order(table.astype({"count": np.int64, "quoted": np.int64}), group_cols)


def _slogan_order(table: pd.DataFrame, group_cols: Sequence[str]) -> pd.DataFrame:
    """Slogan counts sorted by the group columns, then count (highest first), phrase and kind."""
    table = table.assign(_neg=-table["count"])
    table = table.sort_values([*group_cols, "_neg", "phrase", "kind"], kind="stable").drop(columns="_neg")
    return table.reset_index(drop=True)


def grouped_slogan_counts(
    units: pd.DataFrame,
    group_col: str,
    *,
    cache: Cache | None = None,
    text_col: str = "text",
    missing_label: str | None = None,
) -> pd.DataFrame:
    """``slogan_counts(units, [group_col, "doc_id"], …)``, made from the counts per document.

    The counts per document do not depend on the grouping, so the reports that group the same
    units by region, level and year find the slogans once (with a ``cache``; at 100 MB about 12 s
    each time) and only attach each document's group. When ``group_col`` is not a property of the
    document (two values within one document), the counts are made directly.

    Example:
        >>> units = pd.DataFrame({"text": ["落实三会一课。", "一村一策。", "三会一课"], "doc_id": ["a", "b", "c"],
        ...                       "region": ["甲", "乙", "甲"]})
        >>> grouped_slogan_counts(units, "region").values.tolist()
        [['乙', 'b', '一村一策', 'numbered', 1, 0], ['甲', 'a', '三会一课', 'numbered', 1, 0], ['甲', 'c', '三会一课', 'numbered', 1, 0]]
    """
    require_columns(units, [text_col, group_col, "doc_id"], "units table")
    groups = units[["doc_id", group_col]].drop_duplicates("doc_id")
    per_document = len(groups) == len(units[["doc_id", group_col]].astype(str).drop_duplicates())
    if not per_document:
        return slogan_counts(units, [group_col, "doc_id"], text_col=text_col, missing_label=missing_label)

    def compute() -> pd.DataFrame:
        return slogan_counts(units, ["doc_id"], text_col=text_col)

    if cache is None:
        counts = compute()
    else:
        key = [len(units), texts_digest(itertools.chain(units["doc_id"].astype(str), units[text_col]))]
        counts = cache.get_or_compute("keywords_slogans", key, compute,
                                      modules=("keywords.measures", "segmentation.formulas"), codec=FRAME)
    labels = group_labels(groups[group_col], missing_label) if missing_label else groups[group_col]
    label_of = dict(zip(groups["doc_id"], labels))
    table = counts.copy()
    table.insert(0, group_col, [label_of[doc] for doc in table["doc_id"]])
    return _slogan_order(table, [group_col, "doc_id"])


def slogan_matrix(counts: pd.DataFrame, group_col: str, *, kind: str | None = None,
                  top_n: int | None = None) -> pd.DataFrame:
    """Phrases × groups table from :func:`slogan_counts`, with ``total`` and ``groups`` (groups using it).

    Rows are sorted by number of groups, then total, then phrase; ``kind`` filters (numbered/quoted).

    Example:
        >>> c = pd.DataFrame({"region": ["甲", "乙", "乙"], "phrase": ["三会一课"] * 2 + ["一村一策"],
        ...                   "kind": ["numbered"] * 3, "count": [2, 1, 1], "quoted": [0, 0, 0]})
        >>> slogan_matrix(c, "region").reset_index().values.tolist()
        [['三会一课', 1, 2, 3, 2], ['一村一策', 1, 0, 1, 1]]
    """
    require_columns(counts, [group_col, "phrase", "kind", "count"], "slogan counts")
    if kind is not None:
        counts = counts[counts["kind"] == kind]
    wide = counts.pivot_table(index="phrase", columns=group_col, values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=sorted(wide.columns, key=str))
    wide.columns.name = group_col
    wide["total"] = wide.sum(axis=1)
    wide["groups"] = (wide.drop(columns="total") > 0).sum(axis=1)
    order = sorted(wide.index, key=lambda p: (-wide.at[p, "groups"], -wide.at[p, "total"], p))
    wide = wide.loc[order]
    return wide.head(top_n) if top_n is not None else wide


# --- co-occurrence -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EncodedUnits:
    """Token lists held as integer ids: ``ids`` (every token, unit after unit), ``lengths`` (tokens per
    unit) and ``terms`` (the term of each id, in order of first occurrence).

    A few bytes per token instead of a Python list of strings per unit.

    Example:
        >>> encoded = EncodedUnits.encode(iter([["党建", "组织"], [], ["组织"]]))
        >>> encoded.ids.tolist(), encoded.lengths.tolist(), encoded.terms, encoded.frequencies().tolist()
        ([0, 1, 1], [2, 0, 1], ['党建', '组织'], [1, 2])
    """

    ids: np.ndarray
    lengths: np.ndarray
    terms: list[str]

    @classmethod
    def encode(cls, token_lists: Iterable[Sequence[str]]) -> EncodedUnits:
        """Encode the units of ``token_lists`` (any iterable, consumed once)."""
        index: dict[str, int] = {}
        ids = array("q")
        lengths = array("q")
        for tokens in token_lists:
            ids.extend(index.setdefault(token, len(index)) for token in tokens)
            lengths.append(len(tokens))
        return cls(np.frombuffer(ids, dtype=np.int64) if ids else np.zeros(0, dtype=np.int64),
                   np.frombuffer(lengths, dtype=np.int64) if lengths else np.zeros(0, dtype=np.int64),
                   list(index))

    def frequencies(self) -> np.ndarray:
        """Occurrences of each term (by id)."""
        return np.bincount(self.ids, minlength=len(self.terms)).astype(np.int64)


def _presence(units: EncodedUnits, index: dict[str, int], window: int | None) -> tuple[sparse.csr_matrix, int]:
    """Boolean terms × contexts matrix (a context is a unit, or a sliding window) and the number of contexts.

    With ``window=k`` the contexts of a unit of n tokens are its n - k windows of k + 1
    consecutive tokens (one window when n <= k + 1; none for an empty unit).
    """
    n_terms = len(index)
    lengths = units.lengths
    if window is None:
        n_contexts = np.ones(len(lengths), dtype=np.int64)
    else:
        n_contexts = np.where(lengths > 0, np.maximum(lengths - window, 1), 0)
    offsets = np.cumsum(n_contexts) - n_contexts
    total = int(n_contexts.sum())
    term_of = np.full(len(units.terms), -1, dtype=np.int64)
    ids_of = {term: i for i, term in enumerate(units.terms)}
    for term, i in index.items():
        if term in ids_of:
            term_of[ids_of[term]] = i
    unit_of = np.repeat(np.arange(len(lengths)), lengths)
    position = np.arange(len(units.ids)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows_arr = term_of[units.ids]
    keep = rows_arr >= 0
    rows_arr, unit_of, position = rows_arr[keep], unit_of[keep], position[keep]
    if not len(rows_arr):
        return sparse.csr_matrix((n_terms, total), dtype=np.int64), total
    if window is None:
        first = last = np.zeros(len(rows_arr), dtype=np.int64)
    else:  # windows [s, s + window] holding this position
        first = np.maximum(0, position - window)
        last = np.minimum(position, n_contexts[unit_of] - 1)
    starts_arr = offsets[unit_of] + first
    ends_arr = offsets[unit_of] + last + 1
    # each occurrence covers a run of contexts [start, end): expand the runs, then keep presence only
    lengths_run = ends_arr - starts_arr
    run_start = np.repeat(starts_arr - np.cumsum(lengths_run) + lengths_run, lengths_run)
    columns = run_start + np.arange(int(lengths_run.sum()))
    presence = sparse.csr_matrix((np.ones(len(columns), dtype=np.int64), (np.repeat(rows_arr, lengths_run), columns)),
                                 shape=(n_terms, total))
    presence.sum_duplicates()
    presence.data[:] = 1
    return presence, total


def cooccurrence_pmi(
    token_lists: Iterable[Sequence[str]],
    *,
    terms: Sequence[str] | None = None,
    top_n: int = 30,
    window: int | None = None,
    min_cooccurrence: int = 2,
) -> pd.DataFrame:
    """Pointwise mutual information of pairs of terms co-occurring in the same unit or sliding window.

    ``token_lists`` are the tokens of each unit (e.g. each sentence), any iterable: it is read
    once and held as integer ids (:class:`EncodedUnits`), so a generator keeps only one unit's
    tokens as Python strings at a time. Only pairs of ``terms``
    (default: the ``top_n`` most frequent tokens) are scored. Counts are counts of *contexts*: with
    ``window=None`` a context is a unit; with ``window=k`` it is a window of k + 1 consecutive
    tokens sliding one token at a time inside a unit (a boolean sliding window, as Palmetto's; a
    unit of at most k + 1 tokens is one window), so two terms share a window when they are at most
    k positions apart. With N contexts, n_a and n_b the contexts containing each term and n_ab
    those containing both, PMI = log2(n_ab · N / (n_a · n_b)) and NPMI = PMI / -log2(n_ab / N)
    (1 when the two terms are in every context). Since n_ab is at most n_a and n_b, NPMI lies in
    (-1, 1] without any clamping. Columns: ``term_a`` < ``term_b``, ``cooccurrences`` (n_ab),
    ``freq_a``, ``freq_b`` (n_a, n_b), ``contexts`` (N), ``pmi``, ``npmi``; sorted by PMI, then
    co-occurrences (highest first), then terms.

    Example:
        >>> units = [["基层党组织", "组织力"], ["基层党组织", "组织力"], ["乡村振兴", "产业振兴"], ["乡村振兴"]]
        >>> cooccurrence_pmi(units, top_n=4)[["term_a", "term_b", "cooccurrences", "pmi"]].values.tolist()
        [['基层党组织', '组织力', 2, 1.0]]
        >>> windowed = cooccurrence_pmi([["甲方", "乙方", "丙方", "乙方"]], window=1, min_cooccurrence=1)
        >>> windowed[["term_a", "term_b", "cooccurrences", "freq_a", "freq_b", "contexts"]].values.tolist()
        [['丙方', '乙方', 2, 2, 3, 3], ['乙方', '甲方', 1, 3, 1, 3]]
    """
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1 (or None for same-unit co-occurrence), got {window}")
    encoded = EncodedUnits.encode(token_lists)
    if terms is None:
        counts = encoded.frequencies()
        terms = [t for t, _ in sorted(zip(encoded.terms, counts.tolist()), key=lambda item: (-item[1], item[0]))[:top_n]]
    chosen = sorted(set(terms))
    index = {term: i for i, term in enumerate(chosen)}
    presence, total = _presence(encoded, index, window)
    freq = np.asarray(presence.sum(axis=1)).ravel()
    joint = sparse.triu(presence @ presence.T, k=1).tocoo()
    rows = []
    for a, b, n_ab in zip(joint.row, joint.col, joint.data, strict=True):
        if n_ab < min_cooccurrence or n_ab == 0:
            continue
        n_ab = int(n_ab)
        pmi = math.log2(n_ab * total / (freq[a] * freq[b]))
        npmi = pmi / -math.log2(n_ab / total) if n_ab < total else 1.0
        rows.append((chosen[a], chosen[b], n_ab, int(freq[a]), int(freq[b]), total, pmi, npmi))
    table = pd.DataFrame(rows, columns=["term_a", "term_b", "cooccurrences", "freq_a", "freq_b", "contexts",
                                        "pmi", "npmi"])
    table = table.sort_values(["pmi", "cooccurrences", "term_a", "term_b"],
                              ascending=[False, False, True, True], kind="stable")
    return table.reset_index(drop=True)


def cached_cooccurrence_pmi(
    texts: Callable[[], Iterable[str]],
    tokenizer: DomainTokenizer,
    texts_key: str,
    cache: Cache | None = None,
    **options,
) -> pd.DataFrame:
    """:func:`cooccurrence_pmi` of ``tokenizer``'s tokens of ``texts()``, computed once per
    ``texts_key`` (what identifies the texts, such as the digest of the sentence table), tokenizer
    (:meth:`~dangjian.tokens.tokenize.DomainTokenizer.key`), ``options`` and code: the reports that
    group the same corpus by region, level and year share one computation (at 100 MB, 600,000
    sentences tokenized and counted in about 20 s).

    Example:
        >>> import tempfile
        >>> cache, texts = Cache(tempfile.mkdtemp()), lambda: ["基层党组织和组织力", "基层党组织提升组织力", "乡村振兴"]
        >>> first = cached_cooccurrence_pmi(texts, DomainTokenizer(), "three", cache, min_cooccurrence=2)
        >>> again = cached_cooccurrence_pmi(texts, DomainTokenizer(), "three", cache, min_cooccurrence=2)
        >>> first[["term_a", "term_b", "cooccurrences"]].values.tolist(), again.equals(first), cache.hits
        ([['基层党组织', '组织力', 2]], True, 1)
    """
    def compute() -> pd.DataFrame:
        return cooccurrence_pmi((tokenizer.tokenize(text) for text in texts()), **options)

    if cache is None:
        return compute()
    return cache.get_or_compute("keywords_cooccurrence", [texts_key, tokenizer.key(), options], compute,
                                modules=("keywords.measures", *TOKEN_MODULES), codec=FRAME)
