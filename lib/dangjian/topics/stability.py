"""Stability of topics across refits, the K sweep and the rule that picks the default K.

**Stability**: the model is refitted once per seed, each refit from its own start (NMF from random
factors drawn with the seed, :func:`~dangjian.topics.models.seeded_copy`; NNDSVDa, NMF's start for
a single fit, is the same for every seed up to rounding); two runs are compared by matching their
topics one-to-one so that the summed Jaccard similarity of their top-``top_n`` term sets is largest
(the Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``). The agreement of two runs is
the mean Jaccard of the matched pairs, and the stability of K is the mean agreement over all pairs
of runs (0 … 1; 1 = the same topics every time). Jaccard of top-10 sets is strict: two topics
sharing 7 of their 10 terms score 7/13 = 0.54.

**Subsample stability** follows Greene, O'Callaghan and Cunningham (2014, "How many topics?
Stability analysis for topic models"): each refit also sees only a random share of the units
(80 %), drawn with its seed, so it asks whether the topics survive a change of the corpus, not only
of the initialisation.

**K sweep**: for each K, the model is fitted on all units once per seed; every fit's mean NPMI
(C_NPMI, the Palmetto/gensim convention of :mod:`~dangjian.topics.coherence`), UMass and
exclusivity are averaged over the seeds and their standard deviation over the seeds is reported
beside them; the refits give the seed stability, the subsample refits the subsample stability.
For large corpora the sweep can be run on a random sample of units (:func:`sample_units`); its
fits are independent of one another, so they can run in ``n_jobs`` processes (each fit is
determined by its seed, and the table is the same whatever the number of processes).

**Default K** (:func:`choose_k`), a one-standard-error rule (Breiman et al. 1984; Hastie,
Tibshirani and Friedman 2009, §7.10) on coherence among stable K: keep the K whose seed stability is
at least ``min_stability`` (0.6: matched topics share on average about three quarters of their top
terms) and whose subsample stability is at least ``min_subsample_stability`` (0.5: about two
thirds); take the best of them by mean NPMI; choose the smallest K whose mean NPMI is within one
standard error of that best value (the standard error of the mean over the topics). NPMI
is the criterion because among automatic coherence measures it agrees best with human judgements
(Röder et al. 2015); stability keeps out K values whose topics are an accident of one seed or of
which units happen to be in the corpus; the standard-error margin stops the rule from chasing
differences in the second decimal, which on a small corpus are noise, and prefers fewer, broader
topics unless more topics are clearly more coherent. If no K passes the subsample threshold, the
rule falls back to seed stability alone and says so; if no K passes the seed threshold either, the
most stable K is taken and the choice says so.

Example:
    >>> matched_jaccard([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "x"]])
    0.6666666666666666
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from dangjian.project.cache import FRAME, Cache
from dangjian.topics.coherence import DEFAULT_WINDOW, CoherenceReference
from dangjian.topics.models import CountedUnits, TopicModel, seeded_copy, tokenize_units

#: Share of units each subsample-stability refit sees (Greene et al. 2014 use 80 %).
DEFAULT_SUBSAMPLE = 0.8
#: Fewest units on which the K sweep's fits are spread over processes (below, starting them costs more than it saves).
PARALLEL_MIN_UNITS = 500
#: Minimum seed stability of a K eligible as the default.
DEFAULT_MIN_STABILITY = 0.6
#: Minimum subsample stability of a K eligible as the default (matched topics share two thirds of their top terms).
DEFAULT_MIN_SUBSAMPLE_STABILITY = 0.5


def jaccard_matrix(topics_a: Sequence[Iterable[str]], topics_b: Sequence[Iterable[str]]) -> np.ndarray:
    """Jaccard similarity of every topic of ``topics_a`` (rows) with every topic of ``topics_b``.

    Example:
        >>> jaccard_matrix([["a", "b"]], [["a", "b"], ["b", "c"]]).round(3).tolist()
        [[1.0, 0.333]]
    """
    sets_a = [set(t) for t in topics_a]
    sets_b = [set(t) for t in topics_b]
    return np.array([[len(a & b) / len(a | b) if a | b else 1.0 for b in sets_b] for a in sets_a])


def matched_jaccard(topics_a: Sequence[Iterable[str]], topics_b: Sequence[Iterable[str]]) -> float:
    """Mean Jaccard of the best one-to-one matching of two sets of topics (Hungarian algorithm).

    Example:
        >>> matched_jaccard([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "b"]])
        1.0
    """
    similarity = jaccard_matrix(topics_a, topics_b)
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    return float(similarity[rows, cols].mean())


def subsample_units(units: pd.DataFrame, fraction: float, seed: int) -> pd.DataFrame:
    """A random share of the units (drawn with ``seed``), in their original order.

    Example:
        >>> frame = pd.DataFrame({"text": list("abcdefghij")})
        >>> len(subsample_units(frame, 0.8, seed=0)), len(subsample_units(frame, 1.0, seed=0))
        (8, 10)
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"the subsample fraction must be in (0, 1], got {fraction}")
    if fraction == 1:
        return units
    size = max(1, int(round(fraction * len(units))))
    chosen = np.sort(np.random.default_rng(seed).choice(len(units), size, replace=False))
    return units.iloc[chosen].reset_index(drop=True)


@dataclass
class StabilityResult:
    """Stability of one model configuration: the mean agreement, every pair of runs, each run's top terms."""

    k: int
    stability: float
    pairs: pd.DataFrame
    top_terms: dict[int, list[list[str]]]


def _sample_key(seed: int, subsample: float) -> tuple[float, int | None]:
    """The units a fit is made on: all of them (whatever the seed) or the ``subsample`` drawn with ``seed``."""
    return (subsample, None if subsample == 1 else seed)


def count_samples(
    model: TopicModel, units: pd.DataFrame, runs: Sequence[tuple[int, int, float]]
) -> dict[tuple[float, int | None], CountedUnits]:
    """The units of each distinct sample of ``runs`` (``(k, seed, subsample)``), counted once
    (:meth:`~dangjian.topics.models.TopicModel.count_units`): every fit on all units shares one count, and
    each seed's subsample one, whatever K.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> counted = count_samples(template, tokenize_units(texts, str.split), [(2, 0, 1.0), (3, 1, 1.0), (2, 1, 0.8)])
        >>> {key: len(value.table) for key, value in counted.items()}
        {(1.0, None): 10, (0.8, 1): 8}
    """
    counted: dict[tuple[float, int | None], CountedUnits] = {}
    for _, seed, share in runs:
        key = _sample_key(seed, share)
        if key not in counted:
            counted[key] = model.count_units(subsample_units(units, share, seed))
    return counted


#: The counted samples of a worker process of :func:`iter_fits`, set once when the worker starts.
_WORKER_SAMPLES: dict[tuple[float, int | None], CountedUnits] | None = None


def _set_worker_samples(samples: dict[tuple[float, int | None], CountedUnits]) -> None:
    global _WORKER_SAMPLES
    _WORKER_SAMPLES = samples


def _fit_counted(model: TopicModel, samples, k: int, seed: int, subsample: float) -> TopicModel:
    return seeded_copy(model, seed, k=k).fit_counted(samples[_sample_key(seed, subsample)])


def _fit_detached(model: TopicModel, k: int, seed: int, subsample: float) -> TopicModel:
    """A fit on the worker's counted sample, returned without the sample's tables, counts and vocabulary
    (:func:`_reattach` restores them from this process's), so that they cross between processes once
    per worker, not once per fit."""
    fitted = _fit_counted(model, _WORKER_SAMPLES, k, seed, subsample)
    fitted.units_ = fitted.dropped_units_ = fitted.counts_ = fitted.vectorizer_ = fitted.vocabulary_ = None
    fitted.unit_positions_ = fitted.dropped_positions_ = None
    return fitted


def _reattach(fitted: TopicModel, counted: CountedUnits) -> TopicModel:
    """The tables, counts and vocabulary of a model fitted by :func:`_fit_detached`, from this process's count."""
    fitted.units_, fitted.dropped_units_ = counted.table, counted.dropped
    fitted.unit_positions_, fitted.dropped_positions_ = counted.positions, counted.dropped_positions
    fitted.counts_, fitted.vectorizer_, fitted.vocabulary_ = counted.counts, counted.vectorizer, counted.vocabulary
    return fitted


def fit_many(
    model: TopicModel, units: pd.DataFrame, runs: Sequence[tuple[int, int, float]], n_jobs: int = 1
) -> list[TopicModel]:
    """``model`` fitted once per ``(k, seed, subsample)`` of ``runs``, in ``n_jobs`` processes, in order.

    Fewer than :data:`PARALLEL_MIN_UNITS` units are fitted in this process. Every fit is determined by its seed, so the fitted models do not depend on ``n_jobs``.
    Each distinct sample of units is counted once (:func:`count_samples`), and the fits on one sample hold the same tables and counts.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> [(m.n_topics, len(m.units_)) for m in fit_many(template, tokenize_units(texts, str.split), [(2, 0, 1.0), (3, 1, 0.8)])]
        [(2, 10), (3, 8)]
    """
    return list(iter_fits(model, units, runs, n_jobs))


def iter_fits(
    model: TopicModel, units: pd.DataFrame, runs: Sequence[tuple[int, int, float]], n_jobs: int = 1
) -> Iterator[TopicModel]:
    """:func:`fit_many` one model at a time, in the order of ``runs``: all fits are queued in one pool of
    ``n_jobs`` processes at once, and each is handed over (and can be scored and dropped) as soon as it and
    those before it are done. The samples are counted in this process before the pool starts, and the
    processes share them (forked processes inherit them; spawned ones receive them once each, from the
    pool's initializer).

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> [m.n_topics for m in iter_fits(template, tokenize_units(texts, str.split), [(2, 0, 1.0), (3, 0, 1.0)])]
        [2, 3]
    """
    units = tokenize_units(units, model.tokenizer)
    samples = count_samples(model, units, runs)
    if n_jobs == 1 or len(runs) < 2 or len(units) < PARALLEL_MIN_UNITS:
        for k, seed, share in runs:
            yield _fit_counted(model, samples, k, seed, share)
        return
    workers = min(len(runs), n_jobs if n_jobs > 0 else os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers, initializer=_set_worker_samples, initargs=(samples,)) as pool:
        pending = deque((pool.submit(_fit_detached, model, k, seed, share), seed, share) for k, seed, share in runs)
        try:
            while pending:
                future, seed, share = pending.popleft()
                yield _reattach(future.result(), samples[_sample_key(seed, share)])
        finally:
            for future, _, _ in pending:
                future.cancel()


def refit(
    model: TopicModel, units: pd.DataFrame, seeds: Sequence[int], subsample: float = 1.0, n_jobs: int = 1
) -> dict[int, TopicModel]:
    """``model`` (unfitted template) fitted once per seed, on a ``subsample`` of the units drawn with that seed.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> [len(m.units_) for m in refit(template, tokenize_units(texts, str.split), [0, 1], 0.8).values()]
        [8, 8]
    """
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"the seeds repeat: {list(seeds)}")
    units = tokenize_units(units, model.tokenizer)
    fitted = fit_many(model, units, [(model.k, seed, subsample) for seed in seeds], n_jobs)
    return dict(zip(seeds, fitted, strict=True))


def stability_of(runs: dict[int, TopicModel], top_n: int | None = None) -> StabilityResult:
    """Agreement of fitted runs: mean matched Jaccard of top terms over every pair of runs.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=4)
        >>> result = stability_of(refit(template, tokenize_units(texts, str.split), [0, 1, 2]))
        >>> result.stability, len(result.pairs)
        (1.0, 3)
    """
    if len(runs) < 2:
        raise ValueError(f"stability needs at least two runs, got {len(runs)}")
    terms = {seed: fitted.top_terms(top_n) for seed, fitted in runs.items()}
    pairs = pd.DataFrame(
        [{"seed_a": a, "seed_b": b, "agreement": matched_jaccard(terms[a], terms[b])} for a, b in combinations(terms, 2)]
    )
    k = next(iter(runs.values())).n_topics
    return StabilityResult(k, float(pairs["agreement"].mean()), pairs, terms)


def topic_stability(
    model: TopicModel,
    units: pd.DataFrame,
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    subsample: float = 1.0,
) -> StabilityResult:
    """Refit ``model`` (unfitted template) once per seed and measure how well the topics agree.

    With ``subsample`` < 1 each refit sees that share of the units, drawn with its seed.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=4)
        >>> topic_stability(template, tokenize_units(texts, str.split), seeds=[0, 1, 2]).stability
        1.0
    """
    if len(seeds) < 2:
        raise ValueError(f"stability needs at least two seeds, got {list(seeds)}")
    return stability_of(refit(model, units, seeds, subsample))


def _seed_summary(values: Sequence[float]) -> tuple[float, float]:
    """Mean and standard deviation (ddof 1; 0 for one value) of one score over seeds."""
    values = np.asarray(values, dtype=float)
    return float(values.mean()), float(values.std(ddof=1)) if len(values) > 1 else 0.0


def sample_units(units: pd.DataFrame, max_units: int | None, seed: int = 0) -> pd.DataFrame:
    """At most ``max_units`` units drawn at random without replacement (with ``seed``), in their order.

    ``None`` or a number at least the table's length returns the table unchanged.

    Example:
        >>> frame = pd.DataFrame({"text": list("abcdefghij")})
        >>> len(sample_units(frame, 4)), len(sample_units(frame, None)), len(sample_units(frame, 50))
        (4, 10, 10)
    """
    if max_units is None or max_units >= len(units):
        return units
    if max_units < 2:
        raise ValueError(f"the K sweep needs a sample of at least 2 units, got {max_units}")
    return subsample_units(units, max_units / len(units), seed)


def k_sweep(
    model: TopicModel,
    units: pd.DataFrame,
    ks: Iterable[int] = range(3, 16),
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    subsample: float | None = DEFAULT_SUBSAMPLE,
    window: int = DEFAULT_WINDOW,
    frex_weight: float = 0.5,
    cache: Cache | None = None,
    n_jobs: int = 1,
) -> pd.DataFrame:
    """One row per K: coherence and exclusivity over the seeds' fits, seed stability and subsample stability.

    With a :class:`~dangjian.project.cache.Cache` the sweep (the costliest step of the topic notebook) is
    computed once per distinct set of unit tokens, model settings, Ks, seeds and code. Its fits run
    in ``n_jobs`` processes (:func:`iter_fits`); the table does not depend on ``n_jobs``.

    For each K the model is fitted once per seed on all units; each fit is scored on the units
    themselves, and a score is reported as its mean over the seeds with its standard deviation over
    the seeds (``*_seed_sd``). Columns: ``k``; ``npmi`` (mean topic C_NPMI, Palmetto/gensim
    convention), ``npmi_se`` (standard error of the mean over topics, averaged over seeds),
    ``npmi_seed_sd``, ``npmi_min`` (worst topic, averaged over seeds), ``npmi_bouma`` (mean NPMI with
    Bouma's -1 for pairs never together, for comparison), ``umass``, ``umass_seed_sd``,
    ``exclusivity``, ``exclusivity_seed_sd``; ``stability`` (mean matched Jaccard over pairs of
    seeds) and ``stability_sd`` (its standard deviation over pairs); with ``subsample``,
    ``subsample_stability`` and ``subsample_stability_sd`` (each seed refitted on that share of the
    units). ``model`` is an unfitted template whose other parameters (method, tokenizer,
    vocabulary limits) every fit shares.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 4 + ["乡村 振兴 产业 发展"] * 4 + ["网格 治理 社区 服务"] * 4
        >>> template = TopicModel("nmf", min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=3)
        >>> sweep = k_sweep(template, texts, ks=[2, 3], seeds=[0, 1])
        >>> sweep["k"].tolist(), "subsample_stability" in sweep
        ([2, 3], True)
    """
    units = tokenize_units(units, model.tokenizer)
    ks = sorted(set(int(k) for k in ks))
    if cache is not None:
        settings = {name: value for name, value in model.get_params().items() if name != "tokenizer"}
        parts = (units["tokens"].tolist(), settings, ks, list(seeds), subsample, window, frex_weight)
        return cache.get_or_compute(
            "topics_k_sweep",
            parts,
            lambda: k_sweep(model, units, ks, seeds, subsample, window, frex_weight, n_jobs=n_jobs),
            modules=("topics", "tokens.tokenize"),
            codec=FRAME,
        )
    if not ks:
        raise ValueError("the K sweep needs at least one K")
    if len(seeds) < 2:
        raise ValueError(f"the K sweep needs at least two seeds for stability, got {list(seeds)}")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"the seeds repeat: {list(seeds)}")
    shares = [1.0] if subsample is None or subsample == 1 else [1.0, subsample]
    reference: CoherenceReference | None = None
    rows = []
    plans = {k: [(k, seed, share) for share in shares for seed in seeds] for k in ks}
    with contextlib.closing(iter_fits(model, units, [run for plan in plans.values() for run in plan], n_jobs)) as fits:
        for k, plan in plans.items():
            fitted = {(seed, share): next(fits) for _, seed, share in plan}
            runs = {seed: fitted[(seed, 1.0)] for seed in seeds}
            if reference is None:
                reference = runs[seeds[0]].reference(window)
                bouma = runs[seeds[0]].reference(window, npmi="bouma")
            scores = [fitted.quality(reference, frex_weight) for fitted in runs.values()]
            npmi, npmi_sd = _seed_summary([q["npmi"].mean() for q in scores])
            umass, umass_sd = _seed_summary([q["umass"].mean() for q in scores])
            exclusivity, exclusivity_sd = _seed_summary([q["exclusivity"].mean() for q in scores])
            stability = stability_of(runs)
            row = {
                "k": k,
                "npmi": npmi,
                "npmi_se": float(np.mean([q["npmi"].std(ddof=1) / np.sqrt(k) for q in scores])),
                "npmi_seed_sd": npmi_sd,
                "npmi_min": float(np.mean([q["npmi"].min() for q in scores])),
                "npmi_bouma": float(np.mean([bouma.npmi(fitted.top_terms()).mean() for fitted in runs.values()])),
                "umass": umass,
                "umass_seed_sd": umass_sd,
                "exclusivity": exclusivity,
                "exclusivity_seed_sd": exclusivity_sd,
                "stability": stability.stability,
                "stability_sd": _seed_summary(stability.pairs["agreement"])[1],
            }
            if subsample is not None:
                sub = stability_of({seed: fitted[(seed, shares[-1])] for seed in seeds})
                row["subsample_stability"] = sub.stability
                row["subsample_stability_sd"] = _seed_summary(sub.pairs["agreement"])[1]
            rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class KChoice:
    """The K picked from a sweep and why."""

    k: int
    rule: str
    reason: str


def _one_se_choice(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The chosen row (smallest K within one SE of the best mean NPMI) and the best row of ``table``."""
    best = table.loc[table["npmi"].idxmax()]
    chosen = table[table["npmi"] >= best["npmi"] - best["npmi_se"]].iloc[0]
    return chosen, best


def choose_k(
    sweep: pd.DataFrame,
    min_stability: float = DEFAULT_MIN_STABILITY,
    min_subsample_stability: float | None = DEFAULT_MIN_SUBSAMPLE_STABILITY,
) -> KChoice:
    """Pick K: among K with seed stability ≥ ``min_stability`` and (if the sweep has it) subsample
    stability ≥ ``min_subsample_stability``, the smallest whose mean NPMI is within one standard
    error (``npmi_se``) of the best mean NPMI.

    If no K passes both thresholds, the rule falls back to seed stability alone and the reason
    says so; if none passes that either, the most stable K is taken.

    Example:
        >>> sweep = pd.DataFrame({"k": [3, 4, 5, 6], "npmi": [0.05, 0.13, 0.15, 0.16],
        ...                       "npmi_se": [0.02, 0.02, 0.02, 0.02], "stability": [0.9, 0.7, 0.8, 0.5]})
        >>> choose_k(sweep).k
        4
        >>> choose_k(sweep.assign(subsample_stability=[0.6, 0.3, 0.55, 0.5])).k
        5
        >>> choose_k(sweep.assign(stability=[0.5, 0.4, 0.3, 0.2])).k
        3
    """
    if sweep.empty:
        raise ValueError("the K sweep is empty")
    missing = [c for c in ("k", "npmi", "npmi_se", "stability") if c not in sweep.columns]
    if missing:
        raise KeyError(f"choose_k: the sweep table lacks {missing} (columns: {list(sweep.columns)})")
    table = sweep.sort_values("k").reset_index(drop=True)
    use_subsample = min_subsample_stability is not None and "subsample_stability" in table.columns
    thresholds = f"seed stability ≥ {min_stability:g}"
    if use_subsample:
        thresholds += f" and subsample stability ≥ {min_subsample_stability:g}"
    rule = f"smallest K whose mean NPMI is within one standard error of the best mean NPMI among K with {thresholds}"
    seed_stable = table[table["stability"] >= min_stability]
    eligible = seed_stable
    if use_subsample:
        eligible = seed_stable[seed_stable["subsample_stability"] >= min_subsample_stability]
    note = ""
    if eligible.empty and not seed_stable.empty:
        top = table.loc[table["subsample_stability"].idxmax()]
        note = (
            f"; no K reached subsample stability {min_subsample_stability:g} (highest "
            f"{top['subsample_stability']:.2f}, at K={int(top['k'])}), so the rule fell back to seed stability "
            f"alone: the topics change when a fifth of the units is left out, whatever K"
        )
        eligible = seed_stable
    if eligible.empty:
        best = table.loc[table["stability"].idxmax()]
        reason = (
            f"no K reached seed stability {min_stability:g}; K={int(best['k'])} is the most stable "
            f"(stability {best['stability']:.2f}, mean NPMI {best['npmi']:.3f})"
        )
        return KChoice(int(best["k"]), rule, reason)
    chosen, best = _one_se_choice(eligible)
    sub = f", subsample stability {chosen['subsample_stability']:.2f}" if "subsample_stability" in table.columns else ""
    reason = (
        f"K={int(chosen['k'])}: mean NPMI {chosen['npmi']:.3f}, seed stability {chosen['stability']:.2f}{sub}; "
        f"best eligible K={int(best['k'])} has mean NPMI {best['npmi']:.3f} ± {best['npmi_se']:.3f} (SE); "
        f"{len(eligible)} of {len(table)} K values are eligible{note}"
    )
    return KChoice(int(chosen["k"]), rule, reason)


def resolve_k(
    k: str | int,
    sweep: pd.DataFrame | None = None,
    min_stability: float = DEFAULT_MIN_STABILITY,
    min_subsample_stability: float | None = DEFAULT_MIN_SUBSAMPLE_STABILITY,
) -> KChoice:
    """The number of topics from a parameter: ``"auto"`` applies :func:`choose_k` to ``sweep``;
    an integer or a numeric string (``"8"``) is taken as given.

    Example:
        >>> resolve_k("8").k, resolve_k(5).k
        (8, 5)
        >>> resolve_k("many")
        Traceback (most recent call last):
        ...
        ValueError: k must be 'auto' or a whole number of topics of at least 2, got 'many'
    """
    if isinstance(k, str) and k.strip().lower() == "auto":
        if sweep is None:
            raise ValueError("k='auto' needs a K sweep to choose from")
        return choose_k(sweep, min_stability, min_subsample_stability)
    text = str(k).strip()
    if isinstance(k, bool) or not text.isdigit() or int(text) < 2:
        raise ValueError(f"k must be 'auto' or a whole number of topics of at least 2, got {k!r}")
    return KChoice(int(text), "set by the user", f"K={int(text)} set by the user")
