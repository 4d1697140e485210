"""Topic prevalence modelled on document covariates (region, level, year, genre), as R's ``stm::estimateEffect`` does.

**Outcome.** Each document's topic proportions ``θ_dk``: the length-weighted mean of its modelled
units' proportions (as :func:`~dangjian.topics.summaries.topic_proportions` by document). The
document, not the paragraph, is the observation.

**Model.** For each topic ``k`` a linear regression (ordinary least squares) of ``θ_dk`` on the
covariates: a categorical covariate (region, level, genre) in treatment coding against a reference
level, its most frequent value (ties: first in sort order); a numeric one (year) as a linear term.
The estimate for a level is the difference in expected topic share between documents of that
level and of the reference level, the other covariates held fixed; for a numeric covariate it is
the change in expected share per unit (per year). The estimate is the regression on the point
proportions.

**Uncertainty: the method of composition** (Tanner 1996), as in ``stm``: repeat ``n_draws`` times

1. draw the document proportions: each document's units are resampled with replacement (as
   :class:`dangjian.keywords.inference.GroupBootstrap` does with the document as the group) and ``θ_d`` is
   recomputed from the resample, the draws of each document shifted so that their mean is its
   share (removing the small-sample bias of a length-weighted ratio); when the model is a
   :class:`~dangjian.topics.consensus.ConsensusTopicModel`, draw ``b`` takes the unit proportions of
   seed run ``b mod S`` (topics matched to the consensus), so the spread over seeds enters too;
2. fit the regression to the drawn proportions;
3. draw ``n_sims`` coefficient vectors from its sampling distribution: ``σ² ~ s² r / χ²_r`` and
   ``β ~ N(β̂, σ² (XᵀX)⁻¹)`` (``r`` the residual degrees of freedom), the posterior under a flat
   prior, whose margins are t distributions.

The interval is the percentile interval of the pooled ``n_draws × n_sims`` draws and the standard
error their standard deviation, as ``plot.estimateEffect`` and ``summary.estimateEffect`` compute
them. The two-sided p-value is twice the smaller tail of the same mixture at 0 (the t
distributions of the ``n_draws`` fits averaged, computed exactly rather than counted, so it is not
limited by the number of draws; with the shares taken as known it is the classical t-test's
p-value). The family of all estimates of the model (every level of every covariate for every
topic) is corrected by Holm's method (:func:`dangjian.keywords.inference.adjust_p_values`). ``stm`` draws ``θ`` from the variational
posterior of its logistic-normal model and keeps ``σ²`` at its estimate; the NMF and LDA fits here
have no such posterior, so the within-document resampling stands in for it, and drawing ``σ²``
widens the intervals as they should be when documents are few.

**Replication.** A level backed by one document (or compared with a reference backed by one) has no
replication: its estimate is one document's difference from the others. Such rows are marked
``replicated`` False and are never ``significant``, whatever their interval.

**Which covariates.** A covariate with one value in the modelled documents is left out. The others
are added in the order given while the design stays of full rank with at least ``min_residual_df``
residual degrees of freedom; a covariate that would break this (aliased with those already in, e.g.
a level that every region determines, or too many levels for the documents) is left out, and
``notes_`` says why. Documents without a value of a numeric covariate are left out of the model.

Example:
    >>> from dangjian.topics.models import TopicModel
    >>> units = pd.DataFrame({
    ...     "doc_id": [f"d{i}" for i in range(8) for _ in range(2)],
    ...     "region": ["甲"] * 8 + ["乙"] * 8,
    ...     "text": ["党员 培训 学习", "党员 培训 教育"] * 3 + ["乡村 振兴 产业", "党员 培训 学习"]
    ...             + ["乡村 振兴 产业", "乡村 产业 发展"] * 3 + ["党员 培训 学习", "乡村 振兴 产业"]})
    >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
    >>> effects = TopicEffects(covariates=["region"], n_draws=20, n_sims=20).fit(model)
    >>> effects.effects_[["covariate", "level", "reference", "topic", "n_docs"]].values.tolist()
    [['region', '甲', '乙', 1, 4], ['region', '甲', '乙', 2, 4]]
    >>> bool(effects.effects_.loc[0, "estimate"] > 0 > effects.effects_.loc[1, "estimate"])
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.base import BaseEstimator

from dangjian.keywords.inference import GroupBootstrap, adjust_p_values, family_description, percentile_interval
from dangjian.tokens.dtm import MISSING_LABEL, group_labels
from dangjian.topics.summaries import topic_columns

#: Document covariates modelled by default, in the order they enter the model.
DEFAULT_COVARIATES = ("region", "level", "year", "genre")
#: Covariates entered as numbers (linear terms); the others are categorical.
DEFAULT_CONTINUOUS = ("year",)
#: Residual degrees of freedom the design must keep.
DEFAULT_MIN_RESIDUAL_DF = 2
#: Name of the intercept column of a design.
INTERCEPT = "(intercept)"

EFFECT_COLUMNS = [
    "model", "covariate", "level", "reference", "topic", "label", "estimate", "ci_low", "ci_high", "std_error",
    "p_value", "p_adjusted", "n_docs", "n_docs_reference", "replicated", "significant",
]


@dataclass
class Design:
    """A design matrix and what each column means.

    ``terms`` has one row per column: ``covariate``, ``level``, ``reference`` and, for
    categorical levels, ``n_docs`` (documents at the level) and ``n_docs_reference``; for a
    numeric covariate ``level`` is ``per <covariate>`` and ``n_docs`` its documents.
    """

    matrix: np.ndarray
    terms: pd.DataFrame
    covariates: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def residual_df(self) -> int:
        """Documents minus parameters."""
        return self.matrix.shape[0] - self.matrix.shape[1]

    @property
    def formula(self) -> str:
        """The model as a formula, e.g. ``'θ ~ region + year'``."""
        return "θ ~ " + (" + ".join(self.covariates) if self.covariates else "1")


def document_table(units: pd.DataFrame, covariates: Sequence[str]) -> pd.DataFrame:
    """One row per document of a unit table (first row's values): ``doc_id`` and the ``covariates`` present.

    Example:
        >>> units = pd.DataFrame({"doc_id": ["b", "a", "b"], "year": [2020, 2021, 2020]})
        >>> document_table(units, ["year", "genre"]).values.tolist()
        [['a', 2021], ['b', 2020]]
    """
    columns = ["doc_id", *[c for c in covariates if c in units.columns]]
    return units[columns].drop_duplicates("doc_id").sort_values("doc_id", kind="stable").reset_index(drop=True)


def _categorical(
    values: pd.Series, missing_label: str, reference: str | None = None
) -> tuple[pd.Series, str, list[str]]:
    """Labels, the reference level (given, or the most frequent, ties by sort order) and the other levels, sorted."""
    labels = group_labels(values, missing_label)
    counts = labels.value_counts()
    levels = sorted(counts.index)
    if reference is not None and reference not in levels:
        raise ValueError(f"reference level {reference!r} of {values.name} does not occur; its levels are {levels}")
    if reference is None:
        reference = min(levels, key=lambda level: (-counts[level], levels.index(level)))
    return labels, reference, [level for level in levels if level != reference]


def _columns_for(
    documents: pd.DataFrame, covariate: str, continuous: bool, missing_label: str, reference: str | None = None
) -> tuple[np.ndarray, list[dict]]:
    """The design columns of one covariate: (matrix, terms rows)."""
    if continuous:
        values = pd.to_numeric(documents[covariate], errors="coerce").to_numpy(dtype=float)
        centred = values - values.mean()
        term = {"covariate": covariate, "level": f"per {covariate}", "reference": "",
                "n_docs": len(values), "n_docs_reference": np.nan}
        return centred[:, None], [term]
    labels, reference, others = _categorical(documents[covariate], missing_label, reference)
    matrix = np.zeros((len(labels), len(others)))
    for column, level in enumerate(others):
        matrix[:, column] = (labels == level).to_numpy(dtype=float)
    n_reference = int((labels == reference).sum())
    terms = [{"covariate": covariate, "level": level, "reference": reference,
              "n_docs": int((labels == level).sum()), "n_docs_reference": n_reference} for level in others]
    return matrix, terms


def design_matrix(
    documents: pd.DataFrame,
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    continuous: Sequence[str] = DEFAULT_CONTINUOUS,
    min_residual_df: int = DEFAULT_MIN_RESIDUAL_DF,
    missing_label: str = MISSING_LABEL,
    references: dict[str, str] | None = None,
) -> tuple[Design, pd.DataFrame]:
    """The design of the prevalence model for a document table, and the documents it uses.

    Covariates are added in order while the design keeps full rank and ``min_residual_df``
    residual degrees of freedom (see the module); ``Design.notes`` says what was left out and why.
    ``references`` sets the reference level of a categorical covariate (default: its most frequent).
    Documents without a value of a numeric covariate in ``covariates`` are left out first.

    Example:
        >>> docs = pd.DataFrame({"doc_id": list("abcdef"), "region": list("xxxyyy"), "level": list("ppp") + list("qqq"),
        ...                      "year": [2019, 2020, 2021, 2019, 2020, 2021]})
        >>> design, used = design_matrix(docs, ["region", "level", "year"])
        >>> design.formula, design.terms["level"].tolist()
        ('θ ~ region + year', ['', 'y', 'per year'])
        >>> print(design.notes[0])
        level is left out: with region in the model its effect cannot be told apart (the design would be singular).
    """
    notes: list[str] = []
    present = [c for c in covariates if c in documents.columns]
    for covariate in covariates:
        if covariate not in documents.columns:
            notes.append(f"{covariate} is left out: the documents have no such column.")
    used = documents.copy()
    for covariate in present:
        if covariate in continuous:
            numeric = pd.to_numeric(used[covariate], errors="coerce")
            missing = int(numeric.isna().sum())
            if missing:
                notes.append(f"{missing} of {len(used)} documents without a numeric {covariate} "
                             "are left out of the model.")
                used = used[numeric.notna()]
    used = used.reset_index(drop=True)
    n = len(used)
    matrix = np.ones((n, 1))
    terms: list[dict] = [
        {"covariate": INTERCEPT, "level": "", "reference": "", "n_docs": n, "n_docs_reference": np.nan}
    ]
    kept: list[str] = []
    for covariate in present:
        is_numeric = covariate in continuous
        values = used[covariate] if is_numeric else group_labels(used[covariate], missing_label)
        distinct = values.nunique() if n else 0
        if distinct < 2:
            notes.append(f"{covariate} is left out: all {n} modelled documents share one value.")
            continue
        columns, new_terms = _columns_for(used, covariate, is_numeric, missing_label, (references or {}).get(covariate))
        candidate = np.hstack([matrix, columns])
        if n - candidate.shape[1] < min_residual_df:
            notes.append(f"{covariate} is left out: its {columns.shape[1]} parameter(s) would leave "
                         f"{n - candidate.shape[1]} residual degrees of freedom from {n} documents "
                         f"(at least {min_residual_df} needed).")
            continue
        if np.linalg.matrix_rank(candidate) < candidate.shape[1]:
            with_what = ", ".join(kept) if kept else "the intercept"
            notes.append(f"{covariate} is left out: with {with_what} in the model its effect cannot be told apart "
                         f"(the design would be singular).")
            continue
        matrix = candidate
        terms += new_terms
        kept.append(covariate)
    return Design(matrix, pd.DataFrame(terms), kept, notes), used


def document_shares(units: pd.DataFrame, unit_topics: np.ndarray, doc_ids: Sequence[str]) -> np.ndarray:
    """``(n_docs, K)`` length-weighted topic shares of the documents ``doc_ids`` (rows sum to 1).

    Example:
        >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "chars": [1, 3, 2]})
        >>> document_shares(units, np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]), ["a", "b"]).tolist()
        [[0.25, 0.75], [0.5, 0.5]]
    """
    codes, names = pd.factorize(units["doc_id"].astype(str))
    order = np.argsort(codes, kind="stable")
    rows_of = dict(zip(names, np.split(order, np.cumsum(np.bincount(codes, minlength=len(names)))[:-1])))
    chars = units["chars"].to_numpy(dtype=float)
    theta = np.asarray(unit_topics, dtype=float)
    out = np.empty((len(doc_ids), theta.shape[1]))
    for row, doc in enumerate(doc_ids):
        mine = rows_of.get(str(doc))
        if mine is None:
            raise KeyError(f"document {doc!r} has no modelled units")
        out[row] = chars[mine] @ theta[mine] / chars[mine].sum()
    return out


def document_theta_draws(
    units: pd.DataFrame,
    unit_topics: Sequence[np.ndarray],
    doc_ids: Sequence[str],
    n_draws: int,
    seed: int = 0,
    centre: bool = True,
) -> np.ndarray:
    """``(n_draws, n_docs, K)`` document proportions, each document's units resampled with replacement.

    ``unit_topics`` holds one units × topics matrix per run; draw ``b`` uses run ``b mod len``.
    A unit counts by its length (``chars``), so a document's share is a ratio of sums, and the
    mean of its resamples drifts from the share itself by the ratio estimator's bias (of order
    1 / units, larger where long and short paragraphs differ in topic). With ``centre`` the draws
    of each document and run are shifted so that their mean is that run's share of the document:
    the draws keep their spread and the bias is removed. A document with one unit is the same
    in every draw (for that run).

    Example:
        >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "chars": [1, 1, 1]})
        >>> theta = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
        >>> raw = document_theta_draws(units, [theta], ["a", "b"], n_draws=200, seed=0, centre=False)
        >>> raw.shape, sorted(set(raw[:, 0, 0].tolist())), bool((raw[:, 1] == 0.5).all())
        ((200, 2, 2), [0.0, 0.5, 1.0], True)
        >>> centred = document_theta_draws(units, [theta], ["a", "b"], n_draws=200, seed=0)
        >>> round(float(centred[:, 0, 0].mean()), 6), round(float(centred[:, 0].sum(axis=1).max()), 6)
        (0.5, 1.0)
    """
    if n_draws < 1:
        raise ValueError(f"n_draws must be at least 1, got {n_draws}")
    frame = units[["doc_id"]].assign(doc_id=units["doc_id"].astype(str))
    boot = GroupBootstrap(n_boot=n_draws, seed=seed, min_docs=2).fit(frame, "doc_id")
    chars = units["chars"].to_numpy(dtype=float)
    runs = [np.asarray(matrix, dtype=float) for matrix in unit_topics]
    run_of_draw = np.arange(n_draws) % len(runs)
    position = {group: g for g, group in enumerate(boot.groups_)}
    draws = np.empty((n_draws, len(doc_ids), runs[0].shape[1]))
    for column, doc in enumerate(doc_ids):
        g = position[str(doc)]
        rows = boot.group_rows_[g]
        weights = boot.cluster_weights(g).astype(float)  # (n_draws, units of the document)
        lengths = weights @ chars[rows]
        for r, theta in enumerate(runs):
            mine = run_of_draw == r
            drawn = (weights[mine] * chars[rows]) @ theta[rows] / lengths[mine, None]
            if centre:
                share = chars[rows] @ theta[rows] / chars[rows].sum()
                drawn = drawn - drawn.mean(axis=0) + share
            draws[mine, column] = drawn
    return draws


def _ols(matrix: np.ndarray, response: np.ndarray, xtx_inv: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Coefficients (p × K) and residual variances (K) of OLS fits of each column of ``response``."""
    beta = xtx_inv @ matrix.T @ response
    residuals = response - matrix @ beta
    df = matrix.shape[0] - matrix.shape[1]
    return beta, (residuals**2).sum(axis=0) / df, df


def composition_draws(
    matrix: np.ndarray, theta_draws: np.ndarray, n_sims: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Coefficient draws by the method of composition (see the module), and the share of them below 0.

    Returns ``(draws, below)``: ``draws`` is ``(n_draws * n_sims, p, K)``; ``below`` (``p × K``) is
    the probability of a coefficient below 0 under the mixture of the draws' t distributions,
    ``mean_b T_r(-β̂_b / se_b)``, computed exactly rather than counted among the draws, so that a
    small p-value is not limited by the number of draws.

    Example:
        >>> x = np.column_stack([np.ones(6), [0, 0, 0, 1, 1, 1]])
        >>> theta = np.array([[0.2, 0.3, 0.25, 0.6, 0.7, 0.65]]).T[None]
        >>> draws, below = composition_draws(x, theta, n_sims=4000, rng=np.random.default_rng(0))
        >>> draws.shape, round(float(np.median(draws[:, 1, 0])), 2), bool(below[1, 0] < 0.001)
        ((4000, 2, 1), 0.4, True)
    """
    xtx_inv = np.linalg.inv(matrix.T @ matrix)
    chol = np.linalg.cholesky(xtx_inv)
    n_draws, _, k = theta_draws.shape
    p = matrix.shape[1]
    out = np.empty((n_draws, n_sims, p, k))
    below = np.zeros((p, k))
    for b in range(n_draws):
        beta, sigma2, df = _ols(matrix, theta_draws[b], xtx_inv)
        scale = sigma2[None, :] * df / rng.chisquare(df, size=(n_sims, k))  # (n_sims, K)
        normal = rng.standard_normal((n_sims, p, k))
        out[b] = beta[None] + np.einsum("ij,sjk->sik", chol, normal) * np.sqrt(scale)[:, None, :]
        se = np.sqrt(np.outer(np.diag(xtx_inv), sigma2))
        with np.errstate(divide="ignore", invalid="ignore"):
            exact = (beta < 0) + 0.5 * (beta == 0)  # no residual variance: the estimate is the value
            below += np.where(se > 0, stats.t.cdf(-beta / np.where(se > 0, se, 1.0), df), exact)
    return out.reshape(n_draws * n_sims, p, k), below / n_draws


class TopicEffects(BaseEstimator):
    """Regression of document topic proportions on document covariates with composition intervals.

    Parameters:
        covariates: document columns modelled, in the order they enter (see the module).
        continuous: those entered as numbers (linear terms).
        n_draws: draws of the document proportions (``stm``'s ``nsims``, 25 there).
        n_sims: coefficient draws per proportion draw.
        level: coverage of the intervals.
        alpha: level of the Holm-corrected test behind ``significant``.
        seed: seed of every random draw.
        uncertainty: ``"resample"`` (units resampled within documents, and seed runs if any) or
            ``"none"`` (the point proportions only; the intervals are then the regression's own).
        min_residual_df: residual degrees of freedom the design must keep.
        references: reference level of a categorical covariate (``{"region": "全国"}``); by default
            its most frequent level.

    Fitted attributes: ``documents_`` (the modelled documents, covariates and ``T1 … Tk``),
    ``design_`` (:class:`Design`), ``notes_`` (what was left out and why), ``effects_`` (one row
    per level and topic, columns :data:`EFFECT_COLUMNS`), ``family_`` (the family of the
    correction, in words).
    """

    def __init__(
        self,
        covariates: Sequence[str] = DEFAULT_COVARIATES,
        continuous: Sequence[str] = DEFAULT_CONTINUOUS,
        n_draws: int = 50,
        n_sims: int = 100,
        level: float = 0.95,
        alpha: float = 0.05,
        seed: int = 0,
        uncertainty: str = "resample",
        min_residual_df: int = DEFAULT_MIN_RESIDUAL_DF,
        references: dict[str, str] | None = None,
    ) -> None:
        self.references = references
        self.covariates = covariates
        self.continuous = continuous
        self.n_draws = n_draws
        self.n_sims = n_sims
        self.level = level
        self.alpha = alpha
        self.seed = seed
        self.uncertainty = uncertainty
        self.min_residual_df = min_residual_df

    def fit(self, model, y=None) -> TopicEffects:
        """Fit the prevalence model to a fitted topic model's units (their metadata columns are the covariates)."""
        if self.uncertainty not in ("resample", "none"):
            raise ValueError(f"unknown uncertainty {self.uncertainty!r}: use 'resample' or 'none'")
        units = model.units_
        shares = topic_columns(model.n_topics)
        documents = document_table(units, self.covariates)
        point = document_shares(units, model.unit_topics_, documents["doc_id"])
        documents = pd.concat([documents, pd.DataFrame(point, columns=shares)], axis=1)
        design, used = design_matrix(documents, self.covariates, self.continuous, self.min_residual_df,
                                     references=self.references)
        self.documents_, self.design_, self.notes_ = used, design, design.notes
        labels = model.labels()
        if len(design.covariates) == 0:
            self.effects_ = pd.DataFrame(columns=EFFECT_COLUMNS)
            self.family_ = "no covariate could be modelled"
            return self
        rng = np.random.default_rng(self.seed)
        x = design.matrix
        response = used[shares].to_numpy(dtype=float)
        estimate, _, _ = _ols(x, response, np.linalg.inv(x.T @ x))
        if self.uncertainty == "resample":
            runs = list(getattr(model, "run_unit_topics_", {}).values()) or [model.unit_topics_]
            theta = document_theta_draws(units, runs, used["doc_id"], self.n_draws, self.seed)
        else:
            theta = response[None]
        draws, below = composition_draws(x, theta, self.n_sims, rng)
        low, high = percentile_interval(draws, self.level, axis=0)
        error = draws.std(axis=0, ddof=1)
        p_value = np.minimum(1.0, 2 * np.minimum(below, 1 - below))
        terms = design.terms
        rows = []
        for j, term in terms.iterrows():
            if term["covariate"] == INTERCEPT:
                continue
            for k in range(model.n_topics):
                rows.append({
                    "model": design.formula, "covariate": term["covariate"], "level": term["level"],
                    "reference": term["reference"], "topic": k + 1, "label": labels[k],
                    "estimate": float(estimate[j, k]), "ci_low": float(low[j, k]), "ci_high": float(high[j, k]),
                    "std_error": float(error[j, k]), "p_value": float(p_value[j, k]),
                    "n_docs": int(term["n_docs"]), "n_docs_reference": term["n_docs_reference"],
                })
        table = pd.DataFrame(rows)
        table["p_adjusted"] = adjust_p_values(table["p_value"].to_numpy(), "holm")
        numeric = table["covariate"].isin(self.continuous)
        table["replicated"] = np.where(
            numeric, table["n_docs"] >= 3, (table["n_docs"] >= 2) & (table["n_docs_reference"].fillna(0) >= 2)
        )
        table["significant"] = table["replicated"] & (table["p_adjusted"] < self.alpha)
        n_levels = int((terms["covariate"] != INTERCEPT).sum())
        parts = [(n_levels, "covariate levels"), (model.n_topics, "topics")]
        self.family_ = family_description(len(table), "holm", parts=parts)
        self.effects_ = table[EFFECT_COLUMNS]
        return self
