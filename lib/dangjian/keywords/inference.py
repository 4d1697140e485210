"""Inference for comparisons between groups of documents: sizes, resampling, corrections, caveats.

The unit of inference is the document. A comparison of regions, levels or years is only as
strong as the number of documents behind each group, and the tokens or paragraphs of one
document are not independent observations. This module is the one home for what every
comparative table needs:

* :func:`group_sizes` — documents (``n_docs``) and units such as paragraphs (``n_units``) behind
  each group, and whether a group rests on a single document; :func:`size_labels` writes them
  into the group labels of figures (``甲 (d=1, u=12)``).
* :func:`resampling_unit` — what a group's bootstrap resamples: its documents when it has at
  least :data:`MIN_DOCS_TO_RESAMPLE` of them, its smaller units (paragraphs …) otherwise.
* :class:`GroupBootstrap` — a stratified (per group) cluster bootstrap with a seed: replicate
  sums of any unit-level values (:meth:`GroupBootstrap.replicate_sums`), and bootstrap intervals
  of group means (:meth:`GroupBootstrap.group_means`).
* :func:`percentile_interval` — percentile bootstrap interval.
* :func:`adjust_p_values`, :func:`family_description` — Holm and Benjamini–Hochberg corrections
  over a named family of tests.
* :func:`cramers_v`, :func:`separable` — how strongly, and whether separably, another column
  (genre, year) varies with the groups.
* :func:`caveats` — plain sentences, computed from the document table and the grouping column,
  stating what limits a comparison: one group only, few documents per group, groups backed by a
  single document, groups confounded with genre or year.

Example:
    >>> import pandas as pd
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d", "e"],
    ...                       "region": ["甲", "甲", "乙", "乙", "乙", "乙"]})
    >>> group_sizes(units, "region").values.tolist()
    [['乙', 4, 4, False, 'documents'], ['甲', 1, 2, True, 'paragraphs']]
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from dangjian.tokens.dtm import MISSING_LABEL, group_labels, require_columns

#: A group is resampled by documents when it has at least this many; with two documents a
#: document bootstrap has only three distinct resamples, so smaller units are resampled instead.
MIN_DOCS_TO_RESAMPLE = 3

#: Default number of bootstrap replicates.
N_BOOT = 1000

#: Multiple-testing corrections :func:`adjust_p_values` knows, with their names for captions.
P_ADJUST_METHODS = {
    "holm": "Holm",
    "bh": "Benjamini–Hochberg",
    "bonferroni": "Bonferroni",
    "none": "no correction",
}

_PLURALS = {"document": "documents", "section": "sections", "paragraph": "paragraphs",
            "sentence": "sentences", "unit": "units"}


def plural_unit(unit: str) -> str:
    """The plural of a unit name, as tables and captions write it.

    Example:
        >>> plural_unit("paragraph"), plural_unit("sentence")
        ('paragraphs', 'sentences')
    """
    return _PLURALS.get(unit, f"{unit}s")


# --- groups and their sizes -------------------------------------------------------------------


def resampling_unit(n_docs: int, n_units: int | None = None, *, unit: str = "paragraph",
                    min_docs: int = MIN_DOCS_TO_RESAMPLE) -> str:
    """What the bootstrap of a group with ``n_docs`` documents and ``n_units`` units resamples.

    ``"documents"`` when the group has at least ``min_docs`` documents; otherwise its smaller
    units (``"paragraphs"`` for ``unit="paragraph"``) when there are at least two; otherwise
    ``"documents"`` when it has two documents; ``"none"`` when there is nothing to resample (one
    document that is also the unit, or one unit).

    Example:
        >>> resampling_unit(5, 40), resampling_unit(1, 12), resampling_unit(2, 2, unit="document")
        ('documents', 'paragraphs', 'documents')
        >>> resampling_unit(1, 1, unit="document")
        'none'
    """
    n_units = n_docs if n_units is None else n_units
    if n_docs >= min_docs:
        return "documents"
    if unit != "document" and n_units >= 2:
        return plural_unit(unit)
    if n_docs >= 2:
        return "documents"
    return "none"


def group_sizes(units: pd.DataFrame, group_col: str, *, doc_col: str = "doc_id", unit: str = "paragraph",
                min_docs: int = MIN_DOCS_TO_RESAMPLE, missing_label: str = MISSING_LABEL) -> pd.DataFrame:
    """Documents and units behind each group of a unit table.

    ``units`` has one row per unit (document, paragraph, sentence …) with the document id in
    ``doc_id``; the groups are the values of ``group_col`` as strings (missing values form
    ``missing_label``, as in :func:`dangjian.tokens.dtm.group_labels`), sorted. Columns: ``group``,
    ``n_docs``, ``n_units``, ``single_document`` (the group rests on one document) and
    ``resampled`` (:func:`resampling_unit`).

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": [2020, 2020, None]})
        >>> group_sizes(docs, "year", unit="document").values.tolist()
        [['(unspecified)', 1, 1, True, 'none'], ['2020', 2, 2, False, 'documents']]
    """
    require_columns(units, [group_col, doc_col], "units table")
    labels = group_labels(units[group_col], missing_label)
    frame = pd.DataFrame({"group": labels.to_numpy(), "doc": units[doc_col].astype(str).to_numpy()})
    sizes = frame.groupby("group", sort=True).agg(n_docs=("doc", "nunique"), n_units=("doc", "size"))
    sizes = sizes.reset_index().astype({"n_docs": np.int64, "n_units": np.int64})
    sizes["single_document"] = sizes["n_docs"] == 1
    sizes["resampled"] = [resampling_unit(d, u, unit=unit, min_docs=min_docs)
                          for d, u in zip(sizes["n_docs"], sizes["n_units"], strict=True)]
    return sizes


def size_labels(sizes: pd.DataFrame, *, unit: str = "paragraph") -> dict[str, str]:
    """Each group's label with the documents (``d``) and units (``u``) behind it, for figures.

    ``sizes`` is :func:`group_sizes`; with ``unit="document"`` the units are the documents and
    only ``d`` is written. The same ``name (d=…, u=…)`` form as the topic-share figures.

    Example:
        >>> sizes = group_sizes(pd.DataFrame({"doc_id": ["a", "a", "b"], "g": ["x", "x", "y"]}), "g")
        >>> size_labels(sizes)
        {'x': 'x (d=1, u=2)', 'y': 'y (d=1, u=1)'}
        >>> size_labels(group_sizes(pd.DataFrame({"doc_id": ["a", "b"], "g": ["x", "x"]}), "g", unit="document"), unit="document")
        {'x': 'x (d=2)'}
    """
    require_columns(sizes, ["group", "n_docs", "n_units"], "group sizes")
    return {str(group): size_label(group, n_docs, None if unit == "document" else n_units)
            for group, n_docs, n_units in zip(sizes["group"], sizes["n_docs"], sizes["n_units"], strict=True)}


def size_label(group, n_docs: int, n_units: int | None = None) -> str:
    """One group's label with its documents (``d``) and, when given, its units (``u``).

    Example:
        >>> size_label("平凉市", 1, 48), size_label(2024, 2)
        ('平凉市 (d=1, u=48)', '2024 (d=2)')
    """
    counts = f"d={int(n_docs)}" if n_units is None else f"d={int(n_docs)}, u={int(n_units)}"
    return f"{group} ({counts})"


# --- bootstrap ----------------------------------------------------------------------------------


def percentile_interval(samples, level: float = 0.95, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval: the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles.

    Quantiles are numpy's default (linear interpolation); NaN replicates are ignored, and a
    column of NaN gives NaN bounds.

    Example:
        >>> low, high = percentile_interval(np.arange(101.0), level=0.9)
        >>> round(float(low), 6), round(float(high), 6)
        (5.0, 95.0)
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level}")
    samples = np.moveaxis(np.asarray(samples, dtype=np.float64), axis, 0)
    quantiles = [(1 - level) / 2 * 100, (1 + level) / 2 * 100]
    low, high = np.percentile(samples, quantiles, axis=0)
    gaps = np.isnan(samples).any(axis=0)
    if np.any(gaps):  # only columns with NaN replicates take numpy's slow NaN-aware route
        with warnings.catch_warnings():  # an all-NaN column legitimately gives NaN bounds
            warnings.simplefilter("ignore", RuntimeWarning)
            low_gap, high_gap = np.nanpercentile(samples[:, gaps], quantiles, axis=0)
        low, high = np.array(low, copy=True), np.array(high, copy=True)
        low[gaps], high[gaps] = low_gap, high_gap
    return low, high


class GroupBootstrap:
    """Stratified cluster bootstrap of a unit table: each group resampled on its own, with a seed.

    Within each group the clusters drawn with replacement are the group's documents when it
    has at least ``min_docs`` of them, and its units (paragraphs …) otherwise (see
    :func:`resampling_unit`); a replicate keeps each group's number of clusters. Draws depend on
    ``seed`` and the group's position among the sorted groups only, so the same table and seed
    give the same replicates in any order of calls.

    Parameters:
        n_boot: number of replicates.
        seed: seed of the random generator.
        level: coverage of the percentile intervals.
        min_docs: documents a group needs to be resampled by document.
        unit: what one row of the table is (``"paragraph"``, ``"document"`` …), for labels.

    Attributes after ``fit``: ``sizes_`` (:func:`group_sizes`), ``groups_`` (sorted labels),
    ``unit_group_`` (group index of each row), ``group_rows_`` (the rows of each group, in table
    order) and ``unit_cluster_`` (cluster index of each row within its group).

    Example:
        >>> units = pd.DataFrame({"doc_id": ["a", "b", "c", "d", "d"], "g": ["x", "x", "x", "y", "y"],
        ...                       "value": [1.0, 2.0, 3.0, 10.0, 20.0]})
        >>> boot = GroupBootstrap(n_boot=200, seed=1).fit(units, "g")
        >>> boot.sizes_[["group", "n_docs", "n_units", "resampled"]].values.tolist()
        [['x', 3, 3, 'documents'], ['y', 1, 2, 'paragraphs']]
        >>> means = boot.group_means(units[["value"]])
        >>> means[["group", "estimate"]].values.tolist()
        [['x', 2.0], ['y', 15.0]]
        >>> bool((means.ci_low <= means.estimate).all() and (means.estimate <= means.ci_high).all())
        True
    """

    def __init__(self, n_boot: int = N_BOOT, seed: int = 0, level: float = 0.95,
                 min_docs: int = MIN_DOCS_TO_RESAMPLE, unit: str = "paragraph") -> None:
        self.n_boot = n_boot
        self.seed = seed
        self.level = level
        self.min_docs = min_docs
        self.unit = unit

    def fit(self, units: pd.DataFrame, group_col: str, *, doc_col: str = "doc_id",
            missing_label: str = MISSING_LABEL) -> GroupBootstrap:
        """Learn the groups, their sizes and the clusters each group resamples.

        Example:
            >>> GroupBootstrap().fit(pd.DataFrame({"doc_id": ["a"], "g": ["x"]}), "g").groups_
            ['x']
        """
        if self.n_boot < 1:
            raise ValueError(f"n_boot must be at least 1, got {self.n_boot}")
        if not 0 < self.level < 1:
            raise ValueError(f"level must be between 0 and 1, got {self.level}")
        self.sizes_ = group_sizes(units, group_col, doc_col=doc_col, unit=self.unit,
                                  min_docs=self.min_docs, missing_label=missing_label)
        self.groups_ = self.sizes_["group"].tolist()
        labels = group_labels(units[group_col], missing_label).to_numpy()
        index = {g: i for i, g in enumerate(self.groups_)}
        self.unit_group_ = np.array([index[g] for g in labels], dtype=np.int64)
        order = np.argsort(self.unit_group_, kind="stable")
        self.group_rows_ = np.split(order, np.cumsum(np.bincount(self.unit_group_, minlength=len(self.groups_)))[:-1])
        docs = units[doc_col].astype(str).to_numpy()
        cluster = np.zeros(len(units), dtype=np.int64)
        self.n_clusters_ = []
        for g, resampled in enumerate(self.sizes_["resampled"]):
            rows = self.group_rows_[g]
            if resampled == "documents":
                _, codes = np.unique(docs[rows], return_inverse=True)
            else:  # smaller units, or nothing: every row its own cluster
                codes = np.arange(len(rows))
            cluster[rows] = codes
            self.n_clusters_.append(int(codes.max()) + 1 if len(codes) else 0)
        self.unit_cluster_ = cluster
        self.n_units_ = len(units)
        return self

    def _check(self) -> None:
        if not hasattr(self, "sizes_"):
            raise RuntimeError("GroupBootstrap: call fit(units, group_col) first")

    def _group_index(self, group: str | int) -> int:
        if isinstance(group, str):
            if group not in self.groups_:
                raise KeyError(f"unknown group {group!r}; groups are {self.groups_}")
            return self.groups_.index(group)
        return int(group)

    def resampled(self, group: str | int) -> str:
        """What the replicates of ``group`` resample (``"documents"``, ``"paragraphs"``, ``"none"``)."""
        self._check()
        return str(self.sizes_["resampled"].iloc[self._group_index(group)])

    def cluster_weights(self, group: str | int) -> np.ndarray:
        """``(n_boot, n_clusters)`` multiplicities of the group's clusters in each replicate.

        Each row sums to the number of clusters (a draw with replacement of that many). For a
        group with nothing to resample every replicate is the group itself (all ones).

        Example:
            >>> units = pd.DataFrame({"doc_id": ["a", "b", "c"], "g": ["x"] * 3})
            >>> w = GroupBootstrap(n_boot=4, seed=0).fit(units, "g").cluster_weights("x")
            >>> w.shape, w.sum(axis=1).tolist()
            ((4, 3), [3, 3, 3, 3])
        """
        self._check()
        g = self._group_index(group)
        k = self.n_clusters_[g]
        if self.resampled(g) == "none" or k == 0:
            return np.ones((self.n_boot, k), dtype=np.int64)
        rng = np.random.default_rng(np.random.SeedSequence([int(self.seed), g]))
        # k clusters drawn with replacement in each replicate, counted: a multinomial(k, uniform)
        # draw, made from uniform integers (numpy's multinomial costs about 1 ms per group)
        drawn = rng.integers(0, k, size=(self.n_boot, k)) + (np.arange(self.n_boot) * k)[:, None]
        return np.bincount(drawn.ravel(), minlength=self.n_boot * k).reshape(self.n_boot, k).astype(np.int64)

    def replicate_sums(self, group: str | int, values) -> np.ndarray:
        """``(n_boot, p)`` sums of ``values`` over the group's units in each replicate.

        ``values`` is ``(n_units, p)`` (dense or scipy sparse) or ``(n_units,)``, one row per
        row of the fitted table, e.g. token counts of each unit. A 1-d input gives ``(n_boot,)``.

        Example:
            >>> units = pd.DataFrame({"doc_id": ["a", "b", "c"], "g": ["x"] * 3})
            >>> boot = GroupBootstrap(n_boot=3, seed=0).fit(units, "g")
            >>> sums = boot.replicate_sums("x", np.array([1.0, 10.0, 100.0]))
            >>> w = boot.cluster_weights("x")
            >>> bool(np.allclose(sums, w @ np.array([1.0, 10.0, 100.0])))
            True
        """
        self._check()
        g = self._group_index(group)
        flat = not sparse.issparse(values) and np.ndim(values) == 1
        if flat:
            values = np.asarray(values, dtype=np.float64)[:, None]
        if values.shape[0] != self.n_units_:
            raise ValueError(f"values have {values.shape[0]} rows; the fitted table has {self.n_units_}")
        rows = self.group_rows_[g]
        block = values[rows] if not sparse.issparse(values) else sparse.csr_matrix(values)[rows]
        sums = self._replicate_sums(g, block, self.cluster_weights(g).astype(np.float64))
        return sums[:, 0] if flat else sums

    def _replicate_sums(self, g: int, block, weights: np.ndarray) -> np.ndarray:
        """:meth:`replicate_sums` of ``block`` (the group's rows of the values) with the replicates' ``weights``."""
        rows = self.group_rows_[g]
        indicator = sparse.csr_matrix(
            (np.ones(len(rows)), (self.unit_cluster_[rows], np.arange(len(rows)))), shape=(self.n_clusters_[g], len(rows)))
        per_cluster = indicator @ block
        if sparse.issparse(per_cluster):
            sums = np.asarray((per_cluster.T @ weights.T).T)
        else:
            sums = weights @ np.asarray(per_cluster, dtype=np.float64)
        return sums

    def group_means(self, values: pd.DataFrame, weights=None) -> pd.DataFrame:
        """Mean of each column of ``values`` per group with its bootstrap interval.

        ``values`` has one row per row of the fitted table (e.g. topic proportions of each
        paragraph); ``weights`` (optional, e.g. tokens per paragraph) makes the means weighted.
        Columns: ``group``, ``column``, ``estimate``, ``ci_low``, ``ci_high``, ``n_docs``,
        ``n_units``, ``single_document``, ``resampled``. Groups with nothing to resample get NaN
        bounds.

        Example:
            >>> units = pd.DataFrame({"doc_id": ["a", "a"], "g": ["x", "x"], "share": [0.2, 0.6]})
            >>> boot = GroupBootstrap(n_boot=50, seed=0).fit(units, "g")
            >>> boot.group_means(units[["share"]], weights=[1, 3])[["group", "column", "estimate"]].round(6).values.tolist()
            [['x', 'share', 0.5]]
        """
        self._check()
        frame = pd.DataFrame(values)
        data = frame.to_numpy(dtype=np.float64)
        w = np.ones(len(frame)) if weights is None else np.asarray(weights, dtype=np.float64)
        if len(w) != len(frame):
            raise ValueError(f"weights have {len(w)} values; values have {len(frame)} rows")
        weighted = data * w[:, None]
        sizes = self.sizes_[["n_docs", "n_units", "single_document", "resampled"]].to_dict("records")
        rows = []
        for g, group in enumerate(self.groups_):
            mine = self.group_rows_[g]
            total = w[mine].sum()
            estimate = (data[mine] * w[mine, None]).sum(axis=0) / total if total > 0 else np.full(data.shape[1], np.nan)
            size = sizes[g]
            if size["resampled"] == "none":
                low = high = np.full(data.shape[1], np.nan)
            else:
                draws = self.cluster_weights(g).astype(np.float64)  # the same replicates for numerator and denominator
                with np.errstate(invalid="ignore", divide="ignore"):
                    samples = self._replicate_sums(g, weighted[mine], draws) / self._replicate_sums(g, w[mine, None], draws)
                low, high = percentile_interval(samples, self.level)
            for j, column in enumerate(frame.columns):
                rows.append((group, column, estimate[j], low[j], high[j], int(size["n_docs"]),
                             int(size["n_units"]), bool(size["single_document"]), size["resampled"]))
        return pd.DataFrame(rows, columns=["group", "column", "estimate", "ci_low", "ci_high", "n_docs",
                                           "n_units", "single_document", "resampled"])


# --- multiple testing ------------------------------------------------------------------------------


def adjust_p_values(p_values, method: str = "holm") -> np.ndarray:
    """p-values adjusted for multiple testing over the whole family given, as R's ``p.adjust``.

    ``method``: ``"holm"`` (family-wise error), ``"bh"`` (Benjamini–Hochberg false discovery
    rate), ``"bonferroni"`` or ``"none"``. NaN p-values are left NaN and not counted in the family.

    Example:
        >>> p = [0.01, 0.04, 0.03, 0.005]
        >>> adjust_p_values(p, "holm").round(4).tolist()
        [0.03, 0.06, 0.06, 0.02]
        >>> adjust_p_values(p, "bh").round(4).tolist()
        [0.02, 0.04, 0.04, 0.02]
    """
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"unknown correction {method!r}: use one of {', '.join(P_ADJUST_METHODS)}")
    p = np.asarray(p_values, dtype=np.float64)
    shape = p.shape
    p = p.ravel()
    result = np.full(p.shape, np.nan)
    valid = np.flatnonzero(~np.isnan(p))
    m = len(valid)
    if m == 0 or method == "none":
        result[valid] = p[valid]
        return result.reshape(shape)
    values = p[valid]
    if method == "bonferroni":
        adjusted = np.minimum(values * m, 1.0)
    elif method == "holm":
        order = np.argsort(values, kind="stable")
        scaled = values[order] * (m - np.arange(m))
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    else:  # bh
        order = np.argsort(values, kind="stable")[::-1]
        scaled = values[order] * m / (m - np.arange(m))
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(np.minimum.accumulate(scaled), 1.0)
    result[valid] = adjusted
    return result.reshape(shape)


def family_description(n_tests: int, method: str = "holm", *, parts: Sequence[tuple[int, str]] = ()) -> str:
    """Name of a family of tests for a caption: its size, how it is made up, and the correction.

    ``parts`` gives the factors of the family, e.g. ``[(5, "groups"), (185, "terms")]``.

    Example:
        >>> family_description(925, "holm", parts=[(5, "groups"), (185, "terms")])
        'Holm correction over all 925 tests (5 groups × 185 terms)'
    """
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"unknown correction {method!r}: use one of {', '.join(P_ADJUST_METHODS)}")
    made_of = " × ".join(f"{n} {what}" for n, what in parts)
    made_of = f" ({made_of})" if made_of else ""
    if method == "none":
        return f"no correction for multiple testing ({n_tests} tests)"
    return f"{P_ADJUST_METHODS[method]} correction over all {n_tests} tests{made_of}"


# --- caveats ----------------------------------------------------------------------------------------


def _join(items: Sequence[str], limit: int = 8) -> str:
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return ", ".join(items)


def _composition(groups: pd.Series, other: pd.Series) -> str:
    """``group: value n, value n; group: …`` — the values of ``other`` in each group, with counts."""
    parts = []
    for group, values in other.groupby(groups, sort=True):
        counts = values.value_counts().sort_index()
        parts.append(f"{group}: " + ", ".join(f"{value} {n}" for value, n in counts.items()))
    if len(parts) > 6:
        return "; ".join(parts[:6]) + f"; and {len(parts) - 6} more groups"
    return "; ".join(parts)


#: Bias-corrected Cramér's V from which a column is said to vary with the groups.
ASSOCIATION_V = 0.2


def cramers_v(rows: pd.Series, columns: pd.Series, *, corrected: bool = True) -> float:
    """Cramér's V of two categorical series; ``corrected`` applies Bergsma's (2013) bias correction.

    The correction subtracts what independent variables give on average, so that chance
    associations in a small table come out near 0. Returns NaN when either variable has one value.

    Example:
        >>> a = pd.Series(list("xxxxyyyy"))
        >>> round(cramers_v(a, pd.Series(list("ppppqqqq")), corrected=False), 3)
        1.0
        >>> round(cramers_v(a, pd.Series(list("pqpqpqpq"))), 3)
        0.0
    """
    table = pd.crosstab(rows.to_numpy(), columns.to_numpy()).to_numpy(dtype=np.float64)
    r, k = table.shape
    n = table.sum()
    if r < 2 or k < 2 or n < 2:
        return float("nan")
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    phi2 = float(((table - expected) ** 2 / expected).sum() / n)
    if not corrected:
        return float(np.sqrt(phi2 / min(r - 1, k - 1)))
    phi2 = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    r_c = r - (r - 1) ** 2 / (n - 1)
    k_c = k - (k - 1) ** 2 / (n - 1)
    denominator = min(r_c - 1, k_c - 1)
    return float(np.sqrt(phi2 / denominator)) if denominator > 0 else float("nan")


def separable(groups: pd.Series, other: pd.Series) -> bool:
    """Whether group differences can be told apart from differences of ``other`` in a linear model.

    True when the indicator columns of the groups and of ``other`` (one dropped) are linearly
    independent over the documents, i.e. both sets of effects are estimable together.

    Example:
        >>> separable(pd.Series(list("aabb")), pd.Series(list("xyxy"))), separable(pd.Series(list("ab")), pd.Series(list("xy")))
        (True, False)
    """
    design = np.hstack([pd.get_dummies(groups.to_numpy()).to_numpy(dtype=np.float64),
                        pd.get_dummies(other.to_numpy(), drop_first=True).to_numpy(dtype=np.float64)])
    return bool(np.linalg.matrix_rank(design) == design.shape[1])


def _confounding(groups: pd.Series, other: pd.Series, group_col: str, column: str) -> str | None:
    """A sentence when ``column`` cannot be separated from the groups or varies with them (else None)."""
    if other.nunique() < 2 or groups.nunique() < 2:
        return None
    values_per_group = other.groupby(groups).nunique()
    if (values_per_group == 1).all():
        mapping = other.groupby(groups).first()
        pairs = [f"{g}: {mapping[g]}" for g in mapping.index]
        pairs = "; ".join(pairs[:8]) + (f"; and {len(pairs) - 8} more groups" if len(pairs) > 8 else "")
        if (groups.groupby(other).nunique() == 1).all():
            return (f"Every {group_col} group has its own {column} ({pairs}): a difference between "
                    f"{group_col} groups cannot be told apart from a difference of {column}.")
        return (f"All documents of each {group_col} group share one {column} ({pairs}): differences between "
                f"{group_col} groups may be differences of {column}.")
    if not separable(groups, other):
        return (f"{group_col} and {column} are not crossed in these documents ({_composition(groups, other)}): "
                f"differences between {group_col} groups cannot be separated from differences of {column}.")
    v = cramers_v(groups, other)
    if v >= ASSOCIATION_V:
        return (f"{column} varies with {group_col} (bias-corrected Cramér's V = {v:.2f}; "
                f"{_composition(groups, other)}): differences between {group_col} groups may partly be "
                f"differences of {column}.")
    return None


def caveats(documents: pd.DataFrame, group_col: str, *, doc_col: str = "doc_id",
            confounders: Sequence[str] = ("genre", "year"), min_docs: int = MIN_DOCS_TO_RESAMPLE,
            unit: str = "paragraph", missing_label: str = MISSING_LABEL) -> list[str]:
    """Plain sentences stating what limits a comparison by ``group_col`` on this corpus.

    ``documents`` is the document table (one row per document; a unit table is reduced to its
    documents). The sentences cover: a grouping with one group only (nothing to compare, the
    comparisons are skipped); documents without a value; the number of documents per group;
    groups backed by a single document; groups with fewer than ``min_docs`` documents; and each
    column of ``confounders`` (other than ``group_col``) that is confounded with the groups: each
    group of one value, groups and values not crossed (:func:`separable` is False), or an
    association of bias-corrected Cramér's V at least :data:`ASSOCIATION_V` (:func:`cramers_v`).
    ``unit`` names what the intervals of small groups resample. An empty list means none applies.

    Example:
        >>> docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["甲", "乙", "乙", "乙"],
        ...                      "genre": ["speech", "summary", "summary", "summary"]})
        >>> for sentence in caveats(docs, "region"):
        ...     print(sentence)
        The comparison by region rests on 4 documents in 2 groups (1 to 3 documents per group).
        1 of 2 groups are backed by a single document (甲): a difference between such a group and the rest is a difference between one document and the others; its intervals resample paragraphs inside that document, and no test that needs replication is reported as significant for it.
        Every region group has its own genre (乙: summary; 甲: speech): a difference between region groups cannot be told apart from a difference of genre.
    """
    require_columns(documents, [doc_col, group_col], "document table")
    docs = documents.drop_duplicates(subset=[doc_col]).reset_index(drop=True)
    groups = group_labels(docs[group_col], missing_label)
    sizes = groups.value_counts().sort_index()
    sentences: list[str] = []
    n_docs = len(docs)
    units = plural_unit(unit)
    if len(sizes) < 2:
        only = sizes.index[0] if len(sizes) else "(none)"
        sentences.append(f"All {n_docs} documents fall in one {group_col} group ({only}): there is nothing to "
                         f"compare, so the comparisons by {group_col} are skipped.")
        return sentences
    missing = int((groups == missing_label).sum())
    if missing:
        sentences.append(f"{missing} of {n_docs} documents have no {group_col} and are grouped as {missing_label!r}.")
    if sizes.min() == sizes.max():
        per_group = f"{int(sizes.min())} {'document' if sizes.min() == 1 else 'documents'} per group"
    else:
        per_group = f"{int(sizes.min())} to {int(sizes.max())} documents per group"
    sentences.append(f"The comparison by {group_col} rests on {n_docs} documents in {len(sizes)} groups ({per_group}).")
    single = sizes[sizes == 1].index.tolist()
    inside = ("it has no interval, the document being the unit" if unit == "document"
              else f"its intervals resample {units} inside that document")
    if single:
        sentences.append(f"{len(single)} of {len(sizes)} groups are backed by a single document ({_join(single)}): "
                         "a difference between such a group and the rest is a difference between one document "
                         f"and the others; {inside}, and no test that needs replication is reported as significant "
                         "for it.")
    few = sizes[(sizes > 1) & (sizes < min_docs)]
    if len(few):
        counts = ", ".join(f"{g}: {int(n)}" for g, n in few.items())
        if unit == "document":
            how = ("their intervals resample these few documents and are rough (a bootstrap of two documents "
                   "has three distinct resamples)")
        else:
            how = (f"too few to resample documents, so their intervals resample {units} and measure variation "
                   "inside those documents rather than between documents of the group")
        sentences.append(f"{len(few)} of {len(sizes)} groups have fewer than {min_docs} documents ({counts}): {how}.")
    for column in confounders:
        if column == group_col or column not in docs.columns:
            continue
        other = group_labels(docs[column], missing_label)
        sentence = _confounding(groups, other, group_col, column)
        if sentence:
            sentences.append(sentence)
    return [sentence[:1].upper() + sentence[1:] for sentence in sentences]
