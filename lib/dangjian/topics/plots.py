"""Figures of the topic analyses: the K sweep, topic terms, and topic shares by group.

Every function returns a matplotlib ``Figure``; save it with :func:`dangjian.plotting.save_figure`
after :func:`dangjian.plotting.setup_cjk_font` so that Chinese labels render.

Example:
    >>> import pandas as pd
    >>> from dangjian.plotting import setup_cjk_font
    >>> _ = setup_cjk_font()
    >>> sweep = pd.DataFrame({"k": [3, 4], "npmi": [0.1, 0.2], "umass": [-2.0, -1.8],
    ...                       "exclusivity": [0.9, 0.95], "stability": [0.8, 0.7]})
    >>> len(plot_k_sweep(sweep, chosen_k=4).axes)
    4
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dangjian.topics.summaries import topic_columns

#: Colours shared with the keyword figures: party red, slate blue, amber.
RED, BLUE, AMBER = "#b22222", "#4a6fa5", "#e0a030"

_SWEEP_PANELS = (
    ("npmi", "NPMI 一致性 (coherence, window 10)"),
    ("umass", "UMass 一致性 (coherence, units)"),
    ("exclusivity", "FREX 排他性 (exclusivity)"),
    ("stability", "稳定性 (stability, matched Jaccard)"),
)


def plot_k_sweep(sweep: pd.DataFrame, chosen_k: int | None = None, min_stability: float | None = 0.6) -> Figure:
    """Four panels against K: mean NPMI (± SE, and the worst topic), mean UMass, exclusivity, and
    stability (refits with other seeds; on 80 % subsamples too if the sweep has them).

    The chosen K is marked by a vertical line, the stability threshold by a dashed one.
    """
    missing = [column for column, _ in _SWEEP_PANELS if column not in sweep.columns]
    if missing or "k" not in sweep.columns:
        raise KeyError(f"plot_k_sweep: the sweep table lacks {missing or ['k']} (columns: {list(sweep.columns)})")
    sweep = sweep.sort_values("k")
    fig = Figure(figsize=(10, 6.4))
    axes = fig.subplots(2, 2, sharex=True).ravel()
    for ax, (column, title) in zip(axes, _SWEEP_PANELS):
        if column == "npmi" and "npmi_se" in sweep.columns:
            ax.errorbar(sweep["k"], sweep[column], yerr=sweep["npmi_se"], marker="o", color=RED, capsize=3,
                        label="均值 ± 标准误 mean ± SE")
        else:
            ax.plot(sweep["k"], sweep[column], marker="o", color=RED, label="种子重拟合 seed refits, all units")
        if column == "npmi" and "npmi_min" in sweep.columns:
            ax.plot(sweep["k"], sweep["npmi_min"], marker=".", linestyle=":", color=BLUE, label="最差主题 worst topic")
            ax.legend(fontsize=8)
        if column == "stability":
            if "subsample_stability" in sweep.columns:
                ax.plot(sweep["k"], sweep["subsample_stability"], marker="s", color=BLUE,
                        label="80% 子样本 subsamples")
            if min_stability is not None:
                ax.axhline(min_stability, color="grey", linestyle="--", linewidth=1, label=f"阈值 threshold {min_stability:g}")
            ax.set_ylim(0, 1.05)
            ax.legend(fontsize=8)
        if chosen_k is not None:
            ax.axvline(chosen_k, color=AMBER, linewidth=2, alpha=0.7)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[2:]:
        ax.set_xlabel("主题数 K (number of topics)")
        ax.set_xticks(sweep["k"].tolist())
    fig.suptitle("主题数选择 Choosing K" + (f" (K = {chosen_k})" if chosen_k is not None else ""))
    fig.tight_layout()
    return fig


def plot_topic_terms(topic_terms: pd.DataFrame, labels: list[str] | None = None, ncols: int = 4) -> Figure:
    """One horizontal bar chart per topic: its top terms and their weight in the topic.

    ``topic_terms`` is ``TopicModel.topic_terms_`` (topic, rank, term, weight).

    Example:
        >>> terms = pd.DataFrame({"topic": [1, 1, 2, 2], "rank": [1, 2, 1, 2], "term": ["党员", "培训", "乡村", "产业"],
        ...                       "weight": [0.3, 0.2, 0.4, 0.1]})
        >>> len(plot_topic_terms(terms).axes)
        2
    """
    topics = sorted(topic_terms["topic"].unique())
    if not topics:
        raise ValueError("plot_topic_terms: no topics")
    ncols = max(1, min(ncols, len(topics)))
    nrows = math.ceil(len(topics) / ncols)
    n_terms = int(topic_terms.groupby("topic").size().max())
    fig = Figure(figsize=(3.1 * ncols, 0.28 * n_terms * nrows + 1.2 * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols)).ravel()
    for ax, topic in zip(axes, topics):
        rows = topic_terms[topic_terms["topic"] == topic].sort_values("rank")
        ax.barh(rows["term"], rows["weight"], color=RED)
        ax.invert_yaxis()
        ax.set_title(labels[topic - 1] if labels else f"T{topic}", fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes[len(topics):]:
        ax.set_visible(False)
    fig.supxlabel("主题内词权重 (term weight in topic)", fontsize=9)
    fig.suptitle("各主题高权重词 Top terms per topic")
    fig.tight_layout()
    return fig


def plot_topic_heatmap(proportions: pd.DataFrame, by: str, labels: list[str] | None = None) -> Figure:
    """Heatmap of groups (rows) × topics (columns), cells the length-weighted topic share in percent.

    ``proportions`` is :func:`dangjian.topics.summaries.topic_proportions` grouped by ``by``.

    Example:
        >>> shares = pd.DataFrame({"region": ["甲", "乙"], "units": [2, 1], "chars": [30, 10],
        ...                        "T1": [0.7, 0.2], "T2": [0.3, 0.8]})
        >>> len(plot_topic_heatmap(shares, "region").axes)
        2
    """
    n_topics = sum(1 for column in proportions.columns if str(column).startswith("T") and str(column)[1:].isdigit())
    shares = proportions[topic_columns(n_topics)].to_numpy(dtype=float) * 100
    rows = [f"{value} ({units})" for value, units in zip(proportions[by], proportions["units"])]
    columns = [label.replace(" ", "\n", 1).replace("·", "\n") for label in labels] if labels else topic_columns(n_topics)
    fig = Figure(figsize=(1.0 * n_topics + 3.4, 0.55 * len(rows) + 2.6))
    ax = fig.subplots()
    image = ax.imshow(shares, cmap="Reds", aspect="auto", vmin=0, vmax=max(shares.max(), 1e-9))
    ax.set_xticks(range(n_topics), columns, fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    threshold = shares.max() * 0.6
    for i in range(shares.shape[0]):
        for j in range(shares.shape[1]):
            ax.text(j, i, f"{shares[i, j]:.0f}", ha="center", va="center", fontsize=8,
                    color="white" if shares[i, j] > threshold else "black")
    ax.set_xlabel("主题 (topic)")
    ax.set_ylabel(f"{by} (单元数 units)")
    ax.set_title(f"主题占比（按字符加权，%）Topic share by {by}, weighted by length")
    fig.colorbar(image, ax=ax, label="%")
    fig.tight_layout()
    return fig
