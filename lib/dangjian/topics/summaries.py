"""Reading a fitted topic model: topic proportions by group, representative units, tidy tables.

**Proportions** weight each unit by its length in characters: the share of topic k in a group
(document, region, level …) is ``Σ_u chars_u · θ_uk / Σ_u chars_u`` over the group's modelled
units, so a long paragraph counts for more than a one-line one and each group's shares sum to 1.

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

from dangjian.dtm import MISSING_LABEL, group_labels


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
