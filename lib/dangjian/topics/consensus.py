"""The consensus of a topic model refitted with several seeds, and the topics that do not recur.

One fit is one draw from the many solutions NMF or LDA can reach; a topic table from a single seed
may hold a topic that the next seed replaces by another. :class:`ConsensusTopicModel` fits the
model once per seed on all units and reports what the runs agree on:

1. **Reference run.** Every pair of runs is matched one-to-one (Hungarian algorithm,
   ``scipy.optimize.linear_sum_assignment``) on the cosine similarity of their topics' term
   distributions; the run with the largest mean matched similarity to the others (the medoid) is
   the reference. :mod:`~dangjian.topics.stability` matches on the Jaccard similarity of top-term
   sets, which is the stability score; here the full distributions are matched because they are
   what is averaged.
2. **Recurrence.** A reference topic *recurs* in another run when its matched partner there has a
   cosine similarity of at least ``min_similarity`` (0.5) and shares at least half of its top
   terms (Jaccard similarity of the top-``top_n`` sets at least ``min_jaccard``, 1/3: 5 of 10
   terms shared). On the five reports (NMF, K = 5, seeds 0–4, each from its own random start:
   :func:`~dangjian.topics.models.seeded_copy`), topics that come back score a cosine of 0.79 or
   more and share 5 to 10 of their top 10 terms; a topic replaced by another scores 0.15 to 0.34
   and shares at most one, and one cut differently scores 0.79 while sharing only 4; LDA's topics,
   dominated by the commonest words, keep cosines of 0.6 to 0.9 while their top-10 lists change,
   which is why the term condition is needed. A topic's ``recurrence`` is the
   share of runs (the reference included) in which it recurs; a topic with recurrence below
   ``min_recurrence`` (1.0: found by every seed) is marked ``*`` in its label and ``recurs`` is
   False.
3. **Consensus topics.** Each topic's term distribution and unit proportions are the means over
   the runs in which it recurs (unit rows renormalised to sum 1); topics are renumbered by their
   consensus prevalence (share of all characters), largest first.

``run_unit_topics_`` keeps each run's unit proportions with its topics put in consensus order (the
matched partner, recurring or not), so that any table can be recomputed per seed to show its
spread over seeds.

Example:
    >>> from dangjian.topics.models import TopicModel
    >>> texts = ["党员 教育 培训 学习"] * 4 + ["乡村 振兴 产业 发展"] * 3 + ["网格 治理 社区 服务"] * 2
    >>> template = TopicModel("nmf", k=3, min_df=1, min_unit_tokens=1, tokenizer=str.split)
    >>> consensus = ConsensusTopicModel(template, seeds=[0, 1, 2]).fit(texts)
    >>> consensus.labels(2), consensus.recurrence_.tolist()
    (['T1 党员·培训', 'T2 乡村·产业', 'T3 服务·治理'], [1.0, 1.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator

from dangjian.topics.models import TopicModel, TopicReadout, _normalise_rows, tokenize_units
from dangjian.topics.stability import jaccard_matrix, refit

#: Cosine similarity of term distributions above which a matched topic counts as the same topic.
DEFAULT_MIN_SIMILARITY = 0.5
#: Jaccard similarity of top-term sets a matched topic needs to count as the same topic (half of them shared).
DEFAULT_MIN_JACCARD = 1 / 3
#: Share of runs a topic must recur in not to be marked.
DEFAULT_MIN_RECURRENCE = 1.0
#: Mark appended to the number of a topic that does not recur in enough runs.
UNSTABLE_MARK = "*"


def cosine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of ``a`` (rows of the result) with every row of ``b``.

    Example:
        >>> cosine_matrix(np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([[2.0, 0.0]])).round(3).tolist()
        [[1.0], [0.707]]
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    norm_a = np.linalg.norm(a, axis=1, keepdims=True)
    norm_b = np.linalg.norm(b, axis=1, keepdims=True)
    return (a / np.where(norm_a > 0, norm_a, 1.0)) @ (b / np.where(norm_b > 0, norm_b, 1.0)).T


def match_topics(reference: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each topic (row) of ``reference``, its one-to-one partner in ``other`` and their cosine.

    The matching maximises the summed cosine similarity (Hungarian algorithm). Returns the partner
    index of each reference topic and the similarity of each pair.

    Example:
        >>> reference = np.array([[0.9, 0.1, 0.0], [0.0, 0.2, 0.8]])
        >>> partner, similarity = match_topics(reference, reference[::-1])
        >>> partner.tolist(), similarity.round(3).tolist()
        ([1, 0], [1.0, 1.0])
    """
    similarity = cosine_matrix(reference, other)
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    partner = np.empty(len(reference), dtype=int)
    partner[rows] = cols
    return partner, similarity[np.arange(len(reference)), partner]


def medoid_run(components: dict[int, np.ndarray]) -> tuple[int, pd.DataFrame]:
    """The run whose topics agree best with all others (largest mean matched cosine), and every pair's agreement.

    Ties go to the run listed first.

    Example:
        >>> a = np.array([[1.0, 0.0], [0.0, 1.0]])
        >>> b = np.array([[0.7, 0.3], [0.3, 0.7]])
        >>> medoid_run({0: b, 1: a, 2: a})[0]
        1
    """
    seeds = list(components)
    pairs = []
    for a, b in combinations(seeds, 2):
        _, similarity = match_topics(components[a], components[b])
        pairs.append({"seed_a": a, "seed_b": b, "similarity": float(similarity.mean())})
    table = pd.DataFrame(pairs, columns=["seed_a", "seed_b", "similarity"])
    involved = {seed: (table["seed_a"] == seed) | (table["seed_b"] == seed) for seed in seeds}
    mean = {seed: table.loc[involved[seed], "similarity"].mean() for seed in seeds}
    best = max(seeds, key=lambda seed: (mean[seed], -seeds.index(seed)))
    return best, table


def share_unit_tables(run: TopicModel, first: TopicModel) -> None:
    """Point ``run`` at the unit tables (``units_``, ``dropped_units_``) of ``first``, fitted on the same
    units, and at its unit-term counts (``counts_``) where they are equal, so that the runs of a
    consensus hold one copy of each.

    Example:
        >>> from dangjian.topics.models import seeded_copy
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> a, b = (seeded_copy(template, seed).fit(["党员 培训 学习", "乡村 振兴 产业"] * 2) for seed in (0, 1))
        >>> share_unit_tables(b, a)
        >>> b.units_ is a.units_, b.counts_ is a.counts_
        (True, True)
    """
    if run is first:
        return
    run.units_, run.dropped_units_ = first.units_, first.dropped_units_
    counts, reference = run.counts_, first.counts_
    if counts is reference:
        return
    if counts.shape == reference.shape and (counts != reference).nnz == 0:
        run.counts_ = reference


class ConsensusTopicModel(BaseEstimator, TopicReadout):
    """A topic model refitted once per seed, reduced to the topics the runs share (see the module).

    Parameters:
        model: unfitted :class:`~dangjian.topics.models.TopicModel` whose settings every run shares.
        seeds: one run per seed (at least two).
        min_similarity: cosine similarity a matched topic needs to count as the same topic.
        min_jaccard: Jaccard similarity of top-term sets it needs as well.
        min_recurrence: share of runs a topic must recur in not to be marked ``*``.

    Fitted attributes: ``runs_`` (seed → fitted model), ``reference_seed_``, ``matches_`` (one row
    per topic and run: ``topic``, ``seed``, ``run_topic``, ``cosine``, ``jaccard`` of top terms,
    ``recurs``), ``recurrence_``, ``recurs_``, ``units_``, ``dropped_units_``, ``vocabulary_``,
    ``components_``, ``unit_topics_``, ``topic_prevalence_``, ``topic_terms_`` and
    ``run_unit_topics_`` (seed → units × topics in consensus order).

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> texts = ["党员 教育 培训 学习"] * 4 + ["乡村 振兴 产业 发展"] * 3
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> consensus = ConsensusTopicModel(template, seeds=[0, 1]).fit(texts)
        >>> consensus.topic_table()[["topic", "recurrence", "recurs"]].values.tolist()
        [[1, 1.0, True], [2, 1.0, True]]
    """

    def __init__(
        self,
        model: TopicModel | None = None,
        seeds: Sequence[int] = (0, 1, 2, 3, 4),
        min_similarity: float = DEFAULT_MIN_SIMILARITY,
        min_recurrence: float = DEFAULT_MIN_RECURRENCE,
        min_jaccard: float = DEFAULT_MIN_JACCARD,
        n_jobs: int = 1,
    ) -> None:
        self.model = model
        self.n_jobs = n_jobs
        self.seeds = seeds
        self.min_similarity = min_similarity
        self.min_jaccard = min_jaccard
        self.min_recurrence = min_recurrence

    def fit(self, units, y=None) -> ConsensusTopicModel:
        """Fit the template once per seed on all ``units`` (in ``n_jobs`` processes) and build the consensus."""
        if len(set(self.seeds)) < 2:
            raise ValueError(f"a consensus needs at least two distinct seeds, got {list(self.seeds)}")
        model = self.model if self.model is not None else TopicModel()
        units = tokenize_units(units, model.tokenizer)
        return self.fit_runs(refit(model, units, list(self.seeds), n_jobs=self.n_jobs))

    def fit_runs(self, runs: dict[int, TopicModel]) -> ConsensusTopicModel:
        """Build the consensus from models already fitted on the same units (seed → model).

        The runs then share the first run's unit tables and unit-term counts
        (:func:`share_unit_tables`), held once instead of once per seed."""
        if len(runs) < 2:
            raise ValueError(f"a consensus needs at least two runs, got {len(runs)}")
        if not (0 <= self.min_similarity <= 1 and 0 <= self.min_jaccard <= 1 and 0 < self.min_recurrence <= 1):
            raise ValueError(
                f"min_similarity and min_jaccard must be in [0, 1] and min_recurrence in (0, 1], "
                f"got {self.min_similarity}, {self.min_jaccard} and {self.min_recurrence}"
            )
        first = next(iter(runs.values()))
        for seed, run in runs.items():
            same = (
                run.n_topics == first.n_topics
                and np.array_equal(run.vocabulary_, first.vocabulary_)
                and run.units_["unit_id"].tolist() == first.units_["unit_id"].tolist()
            )
            if not same:
                raise ValueError(
                    f"run with seed {seed} was not fitted on the same units, vocabulary and K as the first run"
                )
        for run in runs.values():
            share_unit_tables(run, first)
        self.runs_ = dict(runs)
        self.top_n = first.top_n
        self.units_ = first.units_
        self.dropped_units_ = first.dropped_units_
        self.vocabulary_ = first.vocabulary_
        self.reference_seed_, self.run_agreement_ = medoid_run({s: m.components_ for s, m in runs.items()})
        reference = runs[self.reference_seed_]
        k = reference.n_topics
        partners, similarities, jaccards = {}, {}, {}
        reference_terms = reference.top_terms()
        for seed, run in runs.items():
            partners[seed], similarities[seed] = match_topics(reference.components_, run.components_)
            run_terms = run.top_terms()
            jaccards[seed] = np.array([
                jaccard_matrix([reference_terms[t]], [run_terms[partners[seed][t]]])[0, 0] for t in range(k)
            ])
        recurs = np.array([
            [
                seed == self.reference_seed_
                or (similarities[seed][t] >= self.min_similarity and jaccards[seed][t] >= self.min_jaccard - 1e-12)
                for seed in runs
            ]
            for t in range(k)
        ])
        recurrence = recurs.mean(axis=1)
        components = np.zeros_like(reference.components_)
        unit_topics = np.zeros_like(reference.unit_topics_)
        for column, seed in enumerate(runs):
            members = recurs[:, column]
            components[members] += runs[seed].components_[partners[seed][members]]
            unit_topics[:, members] += runs[seed].unit_topics_[:, partners[seed][members]]
        components = _normalise_rows(components / recurs.sum(axis=1, keepdims=True))
        unit_topics = _normalise_rows(unit_topics / recurs.sum(axis=1))
        weights = self.units_["chars"].to_numpy(dtype=float)
        prevalence = weights @ unit_topics / weights.sum()
        order = np.lexsort((np.arange(k), -prevalence))
        self.components_ = components[order]
        self.unit_topics_ = unit_topics[:, order]
        self.topic_prevalence_ = prevalence[order]
        self.recurrence_ = recurrence[order]
        self.recurs_ = self.recurrence_ >= self.min_recurrence - 1e-12
        self.partners_ = {seed: partners[seed][order] for seed in runs}
        self.members_ = recurs[order]
        self.run_unit_topics_ = {seed: runs[seed].unit_topics_[:, self.partners_[seed]] for seed in runs}
        rows = []
        for topic, original in enumerate(order, start=1):
            for column, seed in enumerate(runs):
                rows.append({
                    "topic": topic, "seed": seed, "run_topic": int(partners[seed][original]) + 1,
                    "cosine": float(similarities[seed][original]), "jaccard": float(jaccards[seed][original]),
                    "recurs": bool(recurs[original, column]),
                })
        self.matches_ = pd.DataFrame(rows, columns=["topic", "seed", "run_topic", "cosine", "jaccard", "recurs"])
        self.topic_terms_ = self._topic_term_table(self.top_n)
        return self

    def transform(self, units) -> np.ndarray:
        """Consensus topic proportions of new units: each run's proportions of its matched topics, averaged
        over the runs in which the topic recurs (rows sum to 1).

        Example:
            >>> from dangjian.topics.models import TopicModel
            >>> texts = ["党员 教育 培训 学习"] * 4 + ["乡村 振兴 产业 发展"] * 3
            >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
            >>> ConsensusTopicModel(template, seeds=[0, 1]).fit(texts).transform(["乡村 产业"]).round(3).tolist()
            [[0.0, 1.0]]
        """
        total = None
        for column, (seed, run) in enumerate(self.runs_.items()):
            shares = run.transform(units)[:, self.partners_[seed]] * self.members_[:, column]
            total = shares if total is None else total + shares
        return _normalise_rows(total / self.members_.sum(axis=1))

    @property
    def n_runs(self) -> int:
        """Number of runs (seeds) behind the consensus."""
        return len(self.runs_)

    def labels(self, n_terms: int = 3) -> list[str]:
        """Labels as :meth:`TopicReadout.labels`, with ``*`` after the number of a topic that does not
        recur (e.g. ``'T4* 党员·培训·教育'``)."""
        labels = super().labels(n_terms)
        return [
            label if recurs else label.replace(" ", UNSTABLE_MARK + " ", 1)
            for label, recurs in zip(labels, self.recurs_)
        ]

    def topic_table(self) -> pd.DataFrame:
        """One row per consensus topic: ``topic``, ``label``, ``prevalence``, ``recurrence`` (share of
        runs it recurs in), ``runs_found`` (of ``runs``), ``mean_cosine`` to its partners and ``recurs``."""
        found = self.matches_.groupby("topic")["recurs"].sum()
        cosine = self.matches_.groupby("topic")["cosine"].mean()
        return pd.DataFrame({
            "topic": np.arange(1, self.n_topics + 1),
            "label": self.labels(),
            "prevalence": self.topic_prevalence_,
            "recurrence": self.recurrence_,
            "runs_found": found.to_numpy().astype(int),
            "runs": self.n_runs,
            "mean_cosine": cosine.to_numpy(),
            "recurs": self.recurs_,
        })
