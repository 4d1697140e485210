"""Figures of the topic analyses: the K sweep, topic terms, topic shares by group and over time
with their intervals, and the estimated effects of document covariates on topic prevalence.

Every function returns a matplotlib ``Figure`` whose label is its caption; save it with
:func:`dangjian.figures.plotting.save_figure` after :func:`dangjian.figures.plotting.setup_cjk_font` so that
Chinese labels render.

Example:
    >>> import pandas as pd
    >>> from dangjian.figures.plotting import setup_cjk_font
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

from dangjian.figures.plotting import draw_annotated_heatmap
from dangjian.keywords.inference import size_label
from dangjian.topics.summaries import topic_columns

#: Colours shared with the keyword figures: party red, slate blue, amber.
RED, BLUE, AMBER = "#b22222", "#4a6fa5", "#e0a030"

_SWEEP_PANELS = (
    ("npmi", "NPMI 一致性 (C_NPMI, window 10)"),
    ("umass", "UMass 一致性 (coherence, units)"),
    ("exclusivity", "FREX 排他性 (exclusivity)"),
    ("stability", "稳定性 (stability, matched Jaccard)"),
)


def _band(ax, x, mean, sd, color, label) -> None:
    """A line with markers and a shaded band of ± ``sd`` around it."""
    ax.plot(x, mean, marker="o", color=color, label=label)
    ax.fill_between(x, mean - sd, mean + sd, color=color, alpha=0.18, linewidth=0)


def plot_k_sweep(
    sweep: pd.DataFrame,
    chosen_k: int | None = None,
    min_stability: float | None = 0.6,
    min_subsample_stability: float | None = None,
) -> Figure:
    """Four panels against K: mean NPMI, UMass, exclusivity and stability.

    Coherence and exclusivity are means over the seeds' fits, shaded ± their standard deviation
    over seeds where the sweep has it (``*_seed_sd``); the NPMI panel adds the standard error over
    topics (error bars), the worst topic and, if present, NPMI under Bouma's -1 convention. The
    stability panel shows seed stability and, if present, subsample stability, each ± its standard
    deviation over pairs of runs, with the thresholds as dashed lines. The chosen K is marked by a
    vertical line.
    """
    missing = [column for column, _ in _SWEEP_PANELS if column not in sweep.columns]
    if missing or "k" not in sweep.columns:
        raise KeyError(f"plot_k_sweep: the sweep table lacks {missing or ['k']} (columns: {list(sweep.columns)})")
    sweep = sweep.sort_values("k")
    k = sweep["k"].to_numpy()
    fig = Figure(figsize=(10, 6.6))
    axes = fig.subplots(2, 2, sharex=True).ravel()
    for ax, (column, title) in zip(axes, _SWEEP_PANELS):
        mean = sweep[column].to_numpy(dtype=float)
        if column == "stability":
            sd = sweep["stability_sd"].to_numpy(dtype=float) if "stability_sd" in sweep else np.zeros_like(mean)
            _band(ax, k, mean, sd, RED, "种子重拟合 seed refits")
            if "subsample_stability" in sweep.columns:
                sub = sweep["subsample_stability"].to_numpy(dtype=float)
                sub_sd = (sweep["subsample_stability_sd"].to_numpy(dtype=float)
                          if "subsample_stability_sd" in sweep else np.zeros_like(sub))
                _band(ax, k, sub, sub_sd, BLUE, "80% 子样本 subsamples")
            if min_stability is not None:
                ax.axhline(min_stability, color=RED, linestyle="--", linewidth=1, alpha=0.6,
                           label=f"种子阈值 seed threshold {min_stability:g}")
            if min_subsample_stability is not None and "subsample_stability" in sweep.columns:
                ax.axhline(min_subsample_stability, color=BLUE, linestyle="--", linewidth=1, alpha=0.6,
                           label=f"子样本阈值 subsample threshold {min_subsample_stability:g}")
            ax.set_ylim(0, 1.05)
            ax.set_ylabel("均值 mean ± SD")
        else:
            sd_column = f"{column}_seed_sd"
            sd = sweep[sd_column].to_numpy(dtype=float) if sd_column in sweep else np.zeros_like(mean)
            _band(ax, k, mean, sd, RED, "种子均值 ± SD mean over seeds ± SD")
            if column == "npmi" and "npmi_se" in sweep.columns:
                ax.errorbar(k, mean, yerr=sweep["npmi_se"], fmt="none", ecolor=RED, capsize=3,
                            label="主题标准误 SE over topics")
            if column == "npmi" and "npmi_min" in sweep.columns:
                ax.plot(k, sweep["npmi_min"], marker=".", linestyle=":", color=BLUE, label="最差主题 worst topic")
            if column == "npmi" and "npmi_bouma" in sweep.columns:
                ax.plot(k, sweep["npmi_bouma"], marker="x", linestyle="--", color="grey",
                        label="Bouma 约定 (−1 if never together)")
            ax.set_ylabel({"npmi": "NPMI", "umass": "UMass", "exclusivity": "FREX"}[column])
        ax.legend(fontsize=7)
        if chosen_k is not None:
            ax.axvline(chosen_k, color=AMBER, linewidth=2, alpha=0.7)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[2:]:
        ax.set_xlabel("主题数 K (number of topics)")
        ax.set_xticks(k.tolist())
    fig.suptitle("主题数选择 Choosing K" + (f" (K = {chosen_k})" if chosen_k is not None else ""))
    fig.tight_layout()
    fig.set_label("Coherence (NPMI, UMass), exclusivity and stability of the topic models for each number of topics K"
                  + (f", with the chosen K = {chosen_k} marked." if chosen_k is not None else "."))
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
    fig.set_label(f"The {n_terms} terms of highest weight in each of the {len(topics)} topics, one panel per topic.")
    return fig


def plot_topic_heatmap(proportions: pd.DataFrame, by: str, labels: list[str] | None = None) -> Figure:
    """Heatmap of groups (rows) × topics (columns), cells the length-weighted topic share in percent.

    ``proportions`` is :func:`dangjian.topics.summaries.topic_proportions` grouped by ``by``.

    Example:
        >>> from dangjian.figures.plotting import setup_cjk_font
        >>> _ = setup_cjk_font()
        >>> shares = pd.DataFrame({"region": ["甲", "乙"], "units": [2, 1], "chars": [30, 10],
        ...                        "T1": [0.7, 0.2], "T2": [0.3, 0.8]})
        >>> fig = plot_topic_heatmap(shares, "region")
        >>> len(fig.axes), [(t.get_text(), t.get_color()) for t in fig.axes[0].texts]
        (2, [('70', 'white'), ('30', 'black'), ('20', 'black'), ('80', 'white')])
    """
    n_topics = sum(1 for column in proportions.columns if str(column).startswith("T") and str(column)[1:].isdigit())
    shares = proportions[topic_columns(n_topics)].to_numpy(dtype=float) * 100
    rows = [f"{value} ({units})" for value, units in zip(proportions[by], proportions["units"])]
    columns = [label.replace(" ", "\n", 1).replace("·", "\n") for label in labels] if labels else topic_columns(n_topics)
    fig = Figure(figsize=(1.0 * n_topics + 3.4, 0.55 * len(rows) + 2.6))
    ax = fig.subplots()
    image = draw_annotated_heatmap(ax, shares, "Reds", 8, fmt="{:.0f}", vmin=0, vmax=max(shares.max(), 1e-9))
    ax.set_xticks(range(n_topics), columns, fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xlabel("主题 (topic)")
    ax.set_ylabel(f"{by} (单元数 units)")
    ax.set_title(f"主题占比（按字符加权，%）Topic share by {by}, weighted by length")
    fig.colorbar(image, ax=ax, label="%")
    fig.tight_layout()
    fig.set_label(f"Share of each topic in the text of each {by} (percent, weighted by length).")
    return fig


def _grid(n: int, ncols: int) -> tuple[int, int]:
    ncols = max(1, min(ncols, n))
    return math.ceil(n / ncols), ncols


def _group_tick(row: pd.Series, by: str) -> str:
    """A group's tick label with the documents and units behind it."""
    return size_label(row[by], row["n_docs"], row["n_units"])


def plot_share_intervals(intervals: pd.DataFrame, by: str, ncols: int = 3, unit: str = "paragraph") -> Figure:
    """One panel per topic: each group's share (dot) with its bootstrap interval (line) and the range
    over seeds (thick pale bar); a group backed by one document is drawn hollow and grey.

    ``intervals`` is :func:`dangjian.topics.summaries.topic_share_intervals` grouped by ``by``. Tick
    labels give the documents (d) and units (u) behind each group.

    Example:
        >>> from dangjian.figures.plotting import setup_cjk_font
        >>> _ = setup_cjk_font()
        >>> table = pd.DataFrame({"region": ["甲", "乙"] * 2, "topic": [1, 1, 2, 2], "label": ["T1 a"] * 2 + ["T2 b"] * 2,
        ...                       "share": [0.6, 0.3, 0.4, 0.7], "ci_low": [0.4, 0.2, 0.3, 0.5],
        ...                       "ci_high": [0.8, 0.5, 0.6, 0.8], "seed_min": [0.55, 0.3, 0.4, 0.65],
        ...                       "seed_max": [0.6, 0.35, 0.45, 0.7], "n_docs": [1, 4] * 2, "n_units": [6, 30] * 2,
        ...                       "single_document": [True, False] * 2})
        >>> len(plot_share_intervals(table, "region").axes)
        2
    """
    topics = sorted(intervals["topic"].unique())
    if not topics:
        raise ValueError("plot_share_intervals: no topics")
    groups = intervals.drop_duplicates(by)[[by, "n_docs", "n_units"]].reset_index(drop=True)
    ticks = [_group_tick(row, by) for _, row in groups.iterrows()]
    position = {value: i for i, value in enumerate(groups[by])}
    nrows, ncols = _grid(len(topics), ncols)
    fig = Figure(figsize=(3.6 * ncols, (0.32 * len(groups) + 1.3) * nrows + 0.8))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True)).ravel()
    for ax, topic in zip(axes, topics):
        rows = intervals[intervals["topic"] == topic]
        y = rows[by].map(position).to_numpy()
        ax.hlines(y, rows["seed_min"], rows["seed_max"], color=AMBER, linewidth=6, alpha=0.5)
        ax.hlines(y, rows["ci_low"], rows["ci_high"], color=BLUE, linewidth=1.2)
        single = rows["single_document"].to_numpy(dtype=bool)
        ax.scatter(rows["share"][~single], y[~single], color=RED, zorder=3, s=18)
        ax.scatter(rows["share"][single], y[single], facecolors="white", edgecolors="grey", zorder=3, s=18)
        _style_panel(ax, rows["label"].iloc[0])
        ax.set_xlim(0, max(1e-9, float(intervals[["ci_high", "seed_max", "share"]].max().max())) * 1.05)
    _finish_panels(axes, ticks, len(topics))
    fig.supxlabel("主题占比 topic share (点 estimate; 细线 95% bootstrap; 粗线 seed range; 空心 one document)", fontsize=8)
    fig.supylabel(f"{by} (d 文档 documents, u {unit} units)", fontsize=8)
    fig.suptitle(f"主题占比及区间 Topic share by {by}, with intervals")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.3 / fig.get_figheight()))
    fig.set_label(f"Share of each topic by {by}, with its 95% bootstrap interval and its range over seeds, "
                  "one panel per topic; hollow points rest on one document.")
    return fig


def plot_share_trend(intervals: pd.DataFrame, by: str = "year", ncols: int = 3) -> Figure:
    """One panel per topic: the share against ``by`` (a numeric axis such as year) with its interval as a band.

    Points backed by one document are hollow; the documents behind each point are written under it.

    Example:
        >>> table = pd.DataFrame({"year": ["2020", "2021"] * 2, "topic": [1, 1, 2, 2], "label": ["T1 a"] * 2 + ["T2 b"] * 2,
        ...                       "share": [0.6, 0.3, 0.4, 0.7], "ci_low": [0.4, 0.2, 0.3, 0.5],
        ...                       "ci_high": [0.8, 0.5, 0.6, 0.8], "n_docs": [1, 4] * 2, "single_document": [True, False] * 2})
        >>> len(plot_share_trend(table).axes)
        2
    """
    table = intervals.assign(_x=pd.to_numeric(intervals[by], errors="coerce")).dropna(subset=["_x"])
    if table.empty:
        raise ValueError(f"plot_share_trend: no numeric values of {by!r}")
    topics = sorted(table["topic"].unique())
    nrows, ncols = _grid(len(topics), ncols)
    fig = Figure(figsize=(3.6 * ncols, 2.6 * nrows + 0.8))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True)).ravel()
    for ax, topic in zip(axes, topics):
        rows = table[table["topic"] == topic].sort_values("_x")
        x = rows["_x"].to_numpy()
        ax.fill_between(x, rows["ci_low"], rows["ci_high"], color=BLUE, alpha=0.2, linewidth=0)
        ax.plot(x, rows["share"], color=RED, linewidth=1)
        single = rows["single_document"].to_numpy(dtype=bool)
        ax.scatter(x[~single], rows["share"][~single], color=RED, s=14, zorder=3)
        ax.scatter(x[single], rows["share"][single], facecolors="white", edgecolors="grey", s=14, zorder=3)
        ax.set_title(str(rows["label"].iloc[0]), fontsize=9)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=7)
    for ax in axes[len(topics):]:
        ax.set_visible(False)
    fig.supxlabel(f"{by} (空心 hollow: one document)", fontsize=9)
    fig.supylabel("主题占比 topic share (带 band: 95% bootstrap)", fontsize=9)
    counts = table.drop_duplicates(by).sort_values("_x")
    fig.suptitle(f"主题占比的变化 Topic share by {by} (documents per {by}: "
                 + ", ".join(f"{v}: {int(n)}" for v, n in zip(counts[by], counts["n_docs"])) + ")", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.3 / fig.get_figheight()))
    fig.set_label(f"Share of each topic by {by}, with its 95% bootstrap interval as a band, one panel per topic; "
                  "hollow points rest on one document.")
    return fig


def _effect_tick(row: pd.Series) -> str:
    if row["reference"] == "" or pd.isna(row["reference"]):
        return f"{row['covariate']}: {row['level']} (d={int(row['n_docs'])})"
    sizes = f"d={int(row['n_docs'])} vs {int(row['n_docs_reference'])}"
    return f"{row['covariate']}: {row['level']} vs {row['reference']} ({sizes})"


def plot_topic_effects(effects: pd.DataFrame, ncols: int = 3) -> Figure:
    """Forest plot of covariate effects on topic prevalence, one panel per topic (as ``stm``'s
    ``plot.estimateEffect(method = "difference")``).

    ``effects`` is :attr:`dangjian.topics.effects.TopicEffects.effects_`. Each row is a level
    compared with its covariate's reference (a difference in expected share), or the change per
    unit of a numeric covariate; the dot is the estimate and the line its interval. Filled red:
    significant after the Holm correction; filled blue: not; hollow grey: not replicated (a side
    backed by one document), never called significant.

    Example:
        >>> from dangjian.figures.plotting import setup_cjk_font
        >>> _ = setup_cjk_font()
        >>> table = pd.DataFrame({"covariate": ["region", "year"], "level": ["甲", "per year"], "reference": ["乙", ""],
        ...                       "topic": [1, 1], "label": ["T1 a", "T1 a"], "estimate": [0.2, 0.01],
        ...                       "ci_low": [0.1, -0.01], "ci_high": [0.3, 0.03], "n_docs": [10, 30],
        ...                       "n_docs_reference": [20, None], "replicated": [True, True], "significant": [True, False]})
        >>> len(plot_topic_effects(table).axes)
        1
    """
    if effects.empty:
        raise ValueError("plot_topic_effects: no effects to plot")
    topics = sorted(effects["topic"].unique())
    terms = effects.drop_duplicates(["covariate", "level"]).reset_index(drop=True)
    ticks = [_effect_tick(row) for _, row in terms.iterrows()]
    position = {(c, l): i for i, (c, l) in enumerate(zip(terms["covariate"], terms["level"]))}
    nrows, ncols = _grid(len(topics), ncols)
    fig = Figure(figsize=(3.6 * ncols + 1.5, (0.34 * len(terms) + 1.3) * nrows + 0.8))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True, sharey=True)).ravel()
    for ax, topic in zip(axes, topics):
        rows = effects[effects["topic"] == topic]
        y = np.array([position[(c, l)] for c, l in zip(rows["covariate"], rows["level"])])
        replicated = rows["replicated"].to_numpy(dtype=bool)
        significant = rows["significant"].to_numpy(dtype=bool)
        colors = np.where(significant, RED, np.where(replicated, BLUE, "grey"))
        ax.axvline(0, color="black", linewidth=0.8)
        ax.hlines(y, rows["ci_low"], rows["ci_high"], colors=colors, linewidth=1.4)
        estimate = rows["estimate"].to_numpy()
        ax.scatter(estimate[replicated], y[replicated], c=colors[replicated], zorder=3, s=18)
        ax.scatter(estimate[~replicated], y[~replicated], facecolors="white", edgecolors="grey", zorder=3, s=18)
        _style_panel(ax, rows["label"].iloc[0])
    _finish_panels(axes, ticks, len(topics))
    fig.supxlabel("主题占比差 difference in expected topic share (per year for year); 95% composition interval", fontsize=8)
    model = f" ({effects['model'].iloc[0]})" if "model" in effects else ""
    fig.suptitle(f"协变量对主题占比的影响 Covariate effects on topic prevalence{model}"
                 "\n红 red: significant (Holm); 蓝 blue: not; 空心 hollow: one document, no replication", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.25 / fig.get_figheight()))
    fig.set_label("Estimated effect of each document covariate on the expected share of each topic, with its 95% interval; "
                  "red: significant after the Holm correction, hollow: one document, not replicated.")
    return fig


def _style_panel(ax, title: object) -> None:
    """One topic's panel of an interval figure: title, grid and small tick labels."""
    ax.set_title(str(title), fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    ax.tick_params(axis="x", labelsize=7)
    ax.tick_params(axis="y", labelsize=7)


def _finish_panels(axes, ticks: list[str], used: int) -> None:
    """Shared row labels on the first panel, read top-down; panels beyond ``used`` hidden."""
    axes[0].set_yticks(range(len(ticks)), ticks, fontsize=7)
    axes[0].invert_yaxis()
    for ax in axes[used:]:
        ax.set_visible(False)
