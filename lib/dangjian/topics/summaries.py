"""Reading a fitted topic model: topic proportions by group, representative units, tidy tables.

**Proportions** weight each unit by its length in characters: the share of topic k in a group
(document, region, level …) is ``Σ_u chars_u · θ_uk / Σ_u chars_u`` over the group's modelled
units, so a long paragraph counts for more than a one-line one and each group's shares sum to 1.

**Intervals** (:func:`topic_share_intervals`): the same shares in long form, one row per group
and topic, with a percentile bootstrap interval (:class:`dangjian.keywords.inference.GroupBootstrap`): a
group with at least three documents is resampled by document, a smaller group (a single document
above all) by its units within the document, so the interval of a one-document group measures how
the share varies over that document's paragraphs, not over documents. Each row carries the
documents and units behind it (``n_docs``, ``n_units``) and what was resampled; for a model refitted
with several seeds (:class:`~dangjian.topics.consensus.ConsensusTopicModel`) also the lowest and
highest share the seeds' runs give (``seed_min``, ``seed_max``).

**Representative units** of a topic are the units with the largest share of that topic (ties by
position in the corpus): the passages a reader checks a label against.

Example:
    >>> from dangjian.topics.models import TopicModel
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["党员 培训 学习", "党员 培训", "乡村 振兴 产业"]})
    >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
    >>> topic_proportions(model, "doc_id")[["doc_id", "T1", "T2"]].round(2).values.tolist()
    [['a', 1.0, 0.0], ['b', 0.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dangjian.keywords.inference import MIN_DOCS_TO_RESAMPLE, N_BOOT, GroupBootstrap
from dangjian.tokens.dtm import MISSING_LABEL, group_labels


def topic_columns(n_topics: int) -> list[str]:
    """Column names of topic shares: ``T1`` … ``Tk``.

    Example:
        >>> topic_columns(3)
        ['T1', 'T2', 'T3']
    """
    return [f"T{i}" for i in range(1, n_topics + 1)]


def unit_topic_table(model, columns: Sequence[str] = ("unit_id", "doc_id", "region", "level", "chars")) -> pd.DataFrame:
    """One row per modelled unit: identifying columns, the dominant topic and every topic share.

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> model = model.fit(["党员 培训", "党员 培训 学习", "乡村 振兴"])
        >>> unit_topic_table(model)[["unit_id", "topic"]].values.tolist()
        [['u0', 1], ['u1', 1], ['u2', 2]]
    """
    units = model.units_
    table = units[[c for c in columns if c in units.columns]].copy()
    table["topic"] = np.argmax(model.unit_topics_, axis=1) + 1
    shares = pd.DataFrame(model.unit_topics_, columns=topic_columns(model.n_topics))
    return pd.concat([table.reset_index(drop=True), shares], axis=1)


def topic_proportions(model, by: str | Sequence[str] = "doc_id", missing_label: str = MISSING_LABEL) -> pd.DataFrame:
    """Length-weighted topic shares per group of units; each row's ``T1 … Tk`` sum to 1.

    Columns: the grouping column(s), ``units``, ``chars`` and one share per topic. Empty or missing
    group values are labelled ``missing_label``; groups are sorted.

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> units = pd.DataFrame({"region": ["甲", ""], "text": ["党员 培训", "乡村 振兴"]})
        >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
        >>> topic_proportions(model, "region")[["region", "units"]].values.tolist()
        [['(unspecified)', 1], ['甲', 1]]
    """
    by = [by] if isinstance(by, str) else list(by)
    units = model.units_
    missing = [column for column in by if column not in units.columns]
    if missing:
        raise KeyError(f"cannot group topic proportions by {missing}: the units have columns {list(units.columns)}")
    shares = topic_columns(model.n_topics)
    weights = units["chars"].to_numpy(dtype=float)
    frame = pd.DataFrame(model.unit_topics_ * weights[:, None], columns=shares)
    for column in by:
        frame[column] = group_labels(units[column], missing_label).to_numpy()
    frame["units"] = 1
    frame["chars"] = units["chars"].to_numpy()
    grouped = frame.groupby(by, sort=True)[["units", "chars", *shares]].sum()
    grouped[shares] = grouped[shares].div(grouped["chars"].astype(float), axis=0)
    return grouped.reset_index()[[*by, "units", "chars", *shares]]


#: Columns of :func:`topic_share_intervals` after the grouping column.
SHARE_COLUMNS = ["topic", "label", "share", "ci_low", "ci_high", "seed_min", "seed_max", "n_docs", "n_units",
                 "single_document", "resampled"]


def _weighted_group_shares(codes: np.ndarray, n_groups: int, weights: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """(groups × topics) length-weighted mean shares; ``codes`` gives each unit's group index."""
    totals = np.zeros((n_groups, shares.shape[1]))
    np.add.at(totals, codes, shares * weights[:, None])
    mass = np.bincount(codes, weights=weights, minlength=n_groups)
    return totals / mass[:, None]


def topic_share_intervals(
    model,
    by: str = "doc_id",
    *,
    n_boot: int = N_BOOT,
    level: float = 0.95,
    seed: int = 0,
    unit: str = "paragraph",
    min_docs: int = MIN_DOCS_TO_RESAMPLE,
    missing_label: str = MISSING_LABEL,
) -> pd.DataFrame:
    """Length-weighted topic shares per group, one row per group and topic, with bootstrap intervals.

    Columns: ``by``, then :data:`SHARE_COLUMNS`: ``topic``, ``label``, ``share`` (as in
    :func:`topic_proportions`), ``ci_low``, ``ci_high`` (percentile interval at ``level``),
    ``seed_min``, ``seed_max`` (the share in the least and most favourable seed run; equal to
    ``share`` for a single fit), ``n_docs``, ``n_units``, ``single_document`` and ``resampled``
    (``documents``, the unit kind in the plural, or ``none``: one unit, no interval).

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> units = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"], "region": ["甲", "甲", "乙", "乙", "乙"],
        ...                       "text": ["党员 培训", "乡村 振兴", "党员 培训", "党员 学习", "乡村 产业"]})
        >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split).fit(units)
        >>> table = topic_share_intervals(model, "region", n_boot=200)
        >>> table[["region", "topic", "n_docs", "n_units", "resampled"]].values.tolist()
        [['乙', 1, 3, 3, 'documents'], ['乙', 2, 3, 3, 'documents'], ['甲', 1, 1, 2, 'paragraphs'], ['甲', 2, 1, 2, 'paragraphs']]
        >>> bool(((table.ci_low <= table.share) & (table.share <= table.ci_high)).all())
        True
    """
    units = model.units_
    if by not in units.columns:
        raise KeyError(f"cannot group topic shares by {by!r}: the units have columns {list(units.columns)}")
    columns = topic_columns(model.n_topics)
    weights = units["chars"].to_numpy(dtype=float)
    boot = GroupBootstrap(n_boot=n_boot, seed=seed, level=level, min_docs=min_docs, unit=unit)
    boot.fit(units, by, missing_label=missing_label)
    table = boot.group_means(pd.DataFrame(model.unit_topics_, columns=columns), weights=weights)
    table = table.rename(columns={"group": by, "estimate": "share"})
    table["topic"] = table["column"].str[1:].astype(int)
    labels = model.labels()
    table["label"] = [labels[t - 1] for t in table["topic"]]
    runs = list(getattr(model, "run_unit_topics_", {}).values()) or [model.unit_topics_]
    per_seed = np.stack([_weighted_group_shares(boot.unit_group_, len(boot.groups_), weights, run) for run in runs])
    table["seed_min"] = per_seed.min(axis=0).ravel()
    table["seed_max"] = per_seed.max(axis=0).ravel()
    return table[[by, *SHARE_COLUMNS]].reset_index(drop=True)


def _shorten(text: str, max_chars: int | None) -> str:
    return text if max_chars is None or len(text) <= max_chars else text[: max_chars - 1] + "…"


def representative_units(
    model, n: int = 3, columns: Sequence[str] = ("unit_id", "doc_id", "region"), max_chars: int | None = None
) -> pd.DataFrame:
    """The ``n`` units with the largest share of each topic, with their text.

    Columns: ``topic``, ``label``, ``rank``, the identifying ``columns``, ``share`` and ``text``
    (cut to ``max_chars`` characters and ``…`` if given, for display).

    Example:
        >>> from dangjian.topics.models import TopicModel
        >>> model = TopicModel("nmf", k=2, min_df=1, min_unit_tokens=1, tokenizer=str.split)
        >>> model = model.fit(["党员 培训", "党员 培训 学习", "乡村 振兴"])
        >>> representative_units(model, n=1)[["topic", "text"]].values.tolist()
        [[1, '党员 培训'], [2, '乡村 振兴']]
    """
    units = model.units_
    keep = [c for c in columns if c in units.columns]
    labels = model.labels()
    rows = []
    for topic in range(model.n_topics):
        share = model.unit_topics_[:, topic]
        order = np.lexsort((np.arange(len(share)), -share))[:n]
        for rank, index in enumerate(order, start=1):
            unit = units.iloc[index]
            rows.append({
                "topic": topic + 1, "label": labels[topic], "rank": rank,
                **{c: unit[c] for c in keep}, "share": float(share[index]), "text": _shorten(unit["text"], max_chars),
            })
    return pd.DataFrame(rows, columns=["topic", "label", "rank", *keep, "share", "text"])
