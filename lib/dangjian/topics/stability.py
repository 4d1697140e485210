"""Stability of topics across refits, the K sweep and the rule that picks the default K.

**Stability**: the model is refitted once per seed; two runs are compared by matching their
topics one-to-one so that the summed Jaccard similarity of their top-``top_n`` term sets is
largest (the Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``). The agreement of two
runs is the mean Jaccard of the matched pairs, and the stability of K is the mean agreement over
all pairs of runs (0 … 1; 1 = the same topics every time). Jaccard of top-10 sets is strict: two
topics sharing 7 of their 10 terms score 7/13 = 0.54.

**Subsample stability** (optional) follows Greene, O'Callaghan and Cunningham (2014, "How many
topics? Stability analysis for topic models"): each refit also sees only a random share of the
units (80 %), drawn with its seed, so it asks whether the topics survive a change of the corpus,
not only of the initialisation.

**K sweep**: for each K, the model fitted on all units with the first seed gives the mean NPMI,
UMass and exclusivity of its topics; the refits give the stability.

**Default K** (:func:`choose_k`), a one-standard-error rule (Breiman et al. 1984; Hastie,
Tibshirani and Friedman 2009, §7.10) on coherence among stable K: keep the K whose seed stability is
at least ``min_stability`` (0.6: matched topics share on average about three quarters of their top
terms); take the best of them by mean NPMI; choose the smallest K whose mean NPMI is within one
standard error of that best value (the standard error of the mean over the best K's topics). NPMI
is the criterion because among automatic coherence measures it agrees best with human judgements
(Röder et al. 2015); stability keeps out K values whose topics are an accident of one seed; the
standard-error margin stops the rule from chasing differences in the second decimal, which on a
small corpus are noise, and prefers fewer, broader topics unless more topics are clearly more
coherent. If no K is stable enough, the most stable K is taken and the choice says so.

Example:
    >>> matched_jaccard([["a", "b"], ["c", "d"]], [["c", "d"], ["a", "x"]])
    0.6666666666666666
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import clone

from dangjian.cache import Cache
from dangjian.topics.coherence import DEFAULT_WINDOW, CoherenceReference
from dangjian.topics.models import TopicModel, tokenize_units

#: Share of units each subsample-stability refit sees (Greene et al. 2014 use 80 %).
DEFAULT_SUBSAMPLE = 0.8
#: Minimum stability of a K eligible as the default.
DEFAULT_MIN_STABILITY = 0.6


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


def refit(
    model: TopicModel, units: pd.DataFrame, seeds: Sequence[int], subsample: float = 1.0
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
    return {seed: clone(model).set_params(seed=seed).fit(subsample_units(units, subsample, seed)) for seed in seeds}


def stability_of(runs: dict[int, TopicModel], top_n: int | None = None) -> StabilityResult:
    """Agreement of fitted runs: mean matched Jaccard of top terms over every pair of runs.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 5 + ["乡村 振兴 产业 发展"] * 5
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=3)
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
        >>> template = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=3)
        >>> topic_stability(template, tokenize_units(texts, str.split), seeds=[0, 1, 2]).stability
        1.0
    """
    if len(seeds) < 2:
        raise ValueError(f"stability needs at least two seeds, got {list(seeds)}")
    return stability_of(refit(model, units, seeds, subsample))


def k_sweep(
    model: TopicModel,
    units: pd.DataFrame,
    ks: Iterable[int] = range(3, 16),
    seeds: Sequence[int] = (0, 1, 2, 3, 4),
    subsample: float | None = None,
    window: int = DEFAULT_WINDOW,
    frex_weight: float = 0.5,
    cache: Cache | None = None,
) -> pd.DataFrame:
    """One row per K: mean NPMI, UMass, exclusivity (model on all units, first seed) and stability.

    With a :class:`~dangjian.cache.Cache` the sweep (the costliest step of the topic notebook) is
    computed once per distinct set of unit tokens, model settings, Ks, seeds and code.

    Columns: ``k, npmi`` (mean over topics), ``npmi_se`` (its standard error), ``npmi_min`` (worst
    topic), ``umass, exclusivity, stability`` and, with ``subsample``,
    ``subsample_stability``. ``model`` is an unfitted template whose other parameters (method,
    tokenizer, vocabulary limits) every fit shares.

    Example:
        >>> texts = ["党员 教育 培训 学习"] * 4 + ["乡村 振兴 产业 发展"] * 4 + ["网格 治理 社区 服务"] * 4
        >>> template = TopicModel("nmf", min_df=1, min_unit_tokens=1, tokenizer=str.split, top_n=3)
        >>> k_sweep(template, texts, ks=[2, 3], seeds=[0, 1])["k"].tolist()
        [2, 3]
    """
    units = tokenize_units(units, model.tokenizer)
    ks = sorted(set(int(k) for k in ks))
    if cache is not None:
        settings = {name: value for name, value in model.get_params().items() if name != "tokenizer"}
        parts = (units["tokens"].tolist(), settings, ks, list(seeds), subsample, window, frex_weight)
        return cache.get_or_compute(
            "topics_k_sweep",
            parts,
            lambda: k_sweep(model, units, ks, seeds, subsample, window, frex_weight),
            modules=("topics", "tokenize"),
        )
    if not ks:
        raise ValueError("the K sweep needs at least one K")
    if len(seeds) < 2:
        raise ValueError(f"the K sweep needs at least two seeds for stability, got {list(seeds)}")
    reference: CoherenceReference | None = None
    rows = []
    for k in ks:
        template = clone(model).set_params(k=k)
        runs = refit(template, units, seeds)
        fitted = runs[seeds[0]]
        if reference is None:
            reference = fitted.reference(window)
        quality = fitted.quality(reference, frex_weight)
        row = {
            "k": k,
            "npmi": float(quality["npmi"].mean()),
            "npmi_se": float(quality["npmi"].std(ddof=1) / np.sqrt(k)),
            "npmi_min": float(quality["npmi"].min()),
            "umass": float(quality["umass"].mean()),
            "exclusivity": float(quality["exclusivity"].mean()),
            "stability": stability_of(runs).stability,
        }
        if subsample is not None:
            row["subsample_stability"] = topic_stability(template, units, seeds, subsample).stability
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class KChoice:
    """The K picked from a sweep and why."""

    k: int
    rule: str
    reason: str


def choose_k(sweep: pd.DataFrame, min_stability: float = DEFAULT_MIN_STABILITY) -> KChoice:
    """Pick K: among K with stability ≥ ``min_stability``, the smallest whose mean NPMI is within
    one standard error (``npmi_se``) of the best mean NPMI.

    Example:
        >>> sweep = pd.DataFrame({"k": [3, 4, 5, 6], "npmi": [0.05, 0.13, 0.15, 0.16],
        ...                       "npmi_se": [0.02, 0.02, 0.02, 0.02], "stability": [0.9, 0.7, 0.8, 0.5]})
        >>> choose_k(sweep).k
        4
        >>> choose_k(sweep.assign(stability=[0.5, 0.4, 0.3, 0.2])).k
        3
    """
    rule = (
        f"smallest K whose mean NPMI is within one standard error of the best mean NPMI "
        f"among K with stability ≥ {min_stability:g}"
    )
    if sweep.empty:
        raise ValueError("the K sweep is empty")
    missing = [c for c in ("k", "npmi", "npmi_se", "stability") if c not in sweep.columns]
    if missing:
        raise KeyError(f"choose_k: the sweep table lacks {missing} (columns: {list(sweep.columns)})")
    table = sweep.sort_values("k").reset_index(drop=True)
    eligible = table[table["stability"] >= min_stability]
    if eligible.empty:
        best = table.loc[table["stability"].idxmax()]
        reason = (
            f"no K reached stability {min_stability:g}; K={int(best['k'])} is the most stable "
            f"(stability {best['stability']:.2f}, mean NPMI {best['npmi']:.3f})"
        )
        return KChoice(int(best["k"]), rule, reason)
    best = eligible.loc[eligible["npmi"].idxmax()]
    threshold = best["npmi"] - best["npmi_se"]
    chosen = eligible[eligible["npmi"] >= threshold].iloc[0]
    reason = (
        f"K={int(chosen['k'])}: mean NPMI {chosen['npmi']:.3f}, stability {chosen['stability']:.2f}; "
        f"best stable K={int(best['k'])} has mean NPMI {best['npmi']:.3f} ± {best['npmi_se']:.3f} (SE); "
        f"{len(eligible)} of {len(table)} K values reach stability {min_stability:g}"
    )
    return KChoice(int(chosen["k"]), rule, reason)


def resolve_k(k: str | int, sweep: pd.DataFrame | None = None, min_stability: float = DEFAULT_MIN_STABILITY) -> KChoice:
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
        return choose_k(sweep, min_stability)
    text = str(k).strip()
    if isinstance(k, bool) or not text.isdigit() or int(text) < 2:
        raise ValueError(f"k must be 'auto' or a whole number of topics of at least 2, got {k!r}")
    return KChoice(int(text), "set by the user", f"K={int(text)} set by the user")
