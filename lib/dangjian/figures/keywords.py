"""Figures of the keyword analyses: top terms, term × group heatmaps, keyness bars, word clouds.

Every function returns a matplotlib ``Figure`` (or a ``WordCloud``) built from the tables of
:mod:`dangjian.keywords.measures`; a figure's label is its caption. Saving is left to
:func:`dangjian.figures.plotting.save_figure` / :func:`~dangjian.figures.plotting.save_image`. Call
:func:`dangjian.figures.plotting.setup_cjk_font` first so that Chinese labels render. Word clouds are shown
together by :func:`plot_word_clouds`: a grid of panels, each framed and titled, with space between.

Example:
    >>> import pandas as pd
    >>> from dangjian.tokens.dtm import build_dtm
    >>> from dangjian.keywords.measures import frequency_table
    >>> from dangjian.figures.plotting import setup_cjk_font
    >>> _ = setup_cjk_font()
    >>> units = pd.DataFrame({"text": ["乡村振兴 第一书记", "网格化管理"], "region": ["甲", "乙"]})
    >>> fig = plot_top_terms(frequency_table(build_dtm(units, group_col="region")), top_n=5)
    >>> len(fig.axes)
    2
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dangjian.figures.plotting import draw_annotated_heatmap, wrap_label
from dangjian.keywords.inference import plural_unit

#: Colours: party red for positive / frequent, slate blue for negative keyness.
POSITIVE_COLOUR = "#b22222"
NEGATIVE_COLOUR = "#4a6fa5"

#: Column captions (Chinese and English) for the values the figures show.
VALUE_LABELS = {
    "frequency": "频次 (frequency)",
    "rate_per_10k": "每万词频次 (per 10,000 tokens)",
    "tfidf": "TF-IDF",
    "lrc": "保守对数比 LRC (log2)",
    "g2": "对数似然 G²",
    "log_ratio": "对数比 log ratio (log2)",
    "npmi": "归一化点互信息 NPMI",
}

#: What the values are, in a caption.
VALUE_CAPTIONS = {
    "frequency": "highest frequency",
    "rate_per_10k": "highest rate per 10,000 tokens",
    "tfidf": "highest TF-IDF score",
}


def figure_name(label: str) -> str:
    """A file-name part for a group label: letters, digits and Chinese kept, anything else ``_``.

    Example:
        >>> figure_name("(unnamed district)"), figure_name("牡丹江市西安区"), figure_name("")
        ('unnamed_district', '牡丹江市西安区', 'group')
    """
    name = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]+", "_", str(label)).strip("_")
    return name or "group"


def _grid(n: int, ncols: int) -> tuple[int, int]:
    ncols = max(1, min(ncols, n))
    return math.ceil(n / ncols), ncols


def plot_top_terms(
    table: pd.DataFrame,
    *,
    top_n: int = 20,
    value: str = "frequency",
    ncols: int = 3,
    title: str | None = "各组高频词 Top terms per group",
) -> Figure:
    """Horizontal bar charts of each group's ``top_n`` terms, one panel per group.

    ``table`` is :func:`dangjian.keywords.measures.frequency_table` (``value`` = ``frequency`` or
    ``rate_per_10k``) or :func:`dangjian.keywords.measures.tfidf_top_terms` (``value="tfidf"``).

    Example:
        >>> t = pd.DataFrame({"group": ["甲", "甲", "乙"], "term": ["乡村振兴", "第一书记", "党建引领"],
        ...                   "frequency": [3, 1, 2]})
        >>> [ax.get_title() for ax in plot_top_terms(t).axes]
        ['甲', '乙']
    """
    for column in ("group", "term", value):
        if column not in table.columns:
            raise KeyError(f"plot_top_terms: table has no column {column!r} (columns: {list(table.columns)})")
    groups = list(dict.fromkeys(table["group"]))
    if not groups:
        raise ValueError("plot_top_terms: the table is empty")
    nrows, ncols = _grid(len(groups), ncols)
    height = max(2.5, 0.22 * top_n + 1.2)
    fig = Figure(figsize=(4.2 * ncols, height * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, group in zip(axes, groups, strict=False):
        block = (table[table["group"] == group]
                 .sort_values([value, "term"], ascending=[False, True], kind="stable").head(top_n))
        ax.barh(block["term"], block[value], color=POSITIVE_COLOUR)
        ax.invert_yaxis()
        ax.set_title(str(group), fontsize=11)
        ax.set_xlabel(VALUE_LABELS.get(value, value), fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
    for ax in axes[len(groups):]:
        fig.delaxes(ax)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.set_label(f"The {top_n} terms with the {VALUE_CAPTIONS.get(value, value)} in each of the {len(groups)} groups, "
                  "one panel per group.")
    return fig


def plot_term_heatmap(
    frame: pd.DataFrame,
    *,
    value_label: str = VALUE_LABELS["rate_per_10k"],
    title: str | None = "词 × 组 Terms × groups",
    annotate: bool = True,
    caption: str | None = None,
) -> Figure:
    """Heatmap of a terms × groups table (:func:`dangjian.keywords.measures.frequency_matrix`, or a slogan matrix).

    Values are written in the cells (tables of up to 400 cells), white on dark cells. ``caption``
    (the figure's label) defaults to a sentence naming the table's size and ``value_label``.

    Example:
        >>> frame = pd.DataFrame({"甲": [3.0, 0.0], "乙": [1.0, 2.0]}, index=["乡村振兴", "第一书记"])
        >>> fig = plot_term_heatmap(frame)
        >>> fig.axes[0].get_title(), [(t.get_text(), t.get_color()) for t in fig.axes[0].texts][:2]
        ('词 × 组 Terms × groups', [('3', 'white'), ('1', 'black')])
    """
    if frame.empty:
        raise ValueError("plot_term_heatmap: the table is empty")
    fig = Figure(figsize=(1.0 * frame.shape[1] + 3.2, 0.28 * frame.shape[0] + 1.8))
    ax = fig.subplots()
    image = draw_annotated_heatmap(ax, frame, "Reds", 6, annotate=annotate and frame.size <= 400)
    ax.set_xticks(range(frame.shape[1]), [str(c) for c in frame.columns], rotation=30, ha="right", fontsize=9)
    ax.set_yticks(range(frame.shape[0]), [str(i) for i in frame.index], fontsize=8)
    if title:
        ax.set_title(title)
    fig.colorbar(image, ax=ax, label=value_label)
    fig.tight_layout()
    fig.set_label(caption or f"{value_label} of {frame.shape[0]} terms (rows) in {frame.shape[1]} groups (columns).")
    return fig


def keyness_caption(table: pd.DataFrame, group: str, *, unit: str = "paragraph") -> str:
    """One line naming the documents and units behind ``group`` in a keyness table.

    Example:
        >>> t = pd.DataFrame({"group": ["甲"], "n_docs": [1], "n_units": [12], "single_document": [True]})
        >>> keyness_caption(t, "甲")
        '1 document (1 篇), 12 paragraphs — single document: not replicated, descriptive only'
    """
    row = table[table["group"] == group].iloc[0]
    if "n_docs" not in table.columns or pd.isna(row["n_docs"]):
        return f"{int(row['n_units'])} {plural_unit(unit)}" if "n_units" in table.columns else ""
    n_docs = int(row["n_docs"])
    text = f"{n_docs} {'document' if n_docs == 1 else 'documents'} ({n_docs} 篇)"
    if "n_units" in table.columns and unit != "document":
        text += f", {int(row['n_units'])} {plural_unit(unit)}"
    if n_docs == 1:
        text += " — single document: not replicated, descriptive only"
    return text


def solid_rule(over: bool, under: bool, documents_known: bool = True) -> list[str]:
    """Caption lines saying which bars of a keyness figure are solid, for the directions it draws.

    A term is called ``significant`` (:func:`dangjian.keywords.measures.keyness`) when it passes the
    corrected test and is replicated: a term the group uses more (``over``, red) must be in at least
    two documents of the group; a term it uses less (``under``, blue) needs a group of at least two
    documents and at least two documents of the rest that use it. Without documents (a matrix of
    units that do not name theirs) only the corrected test is asked for. No line for a figure
    without bars.

    Example:
        >>> solid_rule(over=True, under=False)
        ['实色：显著且本组 ≥ 2 篇含该词 (solid red: significant, used in ≥ 2 documents of the group)']
        >>> solid_rule(over=False, under=True)  # doctest: +NORMALIZE_WHITESPACE
        ['实色：显著，本组 ≥ 2 篇且其余 ≥ 2 篇含该词 (solid blue: significant, a group of ≥ 2 documents,
          used in ≥ 2 documents of the rest)']
        >>> solid_rule(over=True, under=True, documents_known=False)
        ['实色：通过校正检验 (solid: significant after the correction; documents not known)']
    """
    if not (over or under):
        return []
    if not documents_known:
        return ["实色：通过校正检验 (solid: significant after the correction; documents not known)"]
    lines = []
    if over:
        lines.append("实色：显著且本组 ≥ 2 篇含该词 (solid red: significant, used in ≥ 2 documents of the group)")
    if under:
        lines.append("实色：显著，本组 ≥ 2 篇且其余 ≥ 2 篇含该词 (solid blue: significant, a group of ≥ 2 documents, "
                     "used in ≥ 2 documents of the rest)")
    return lines


def plot_keyness(
    table: pd.DataFrame,
    group: str,
    *,
    top_n: int = 15,
    measure: str = "log_ratio",
    alpha: float | None = 0.05,
    unit: str = "paragraph",
    title: str | None = None,
) -> Figure:
    """Diverging bars of ``group``'s strongest positive and negative keywords by ``measure``.

    ``table`` is :func:`dangjian.keywords.measures.keyness` or :func:`~dangjian.keywords.measures.keyness_with_intervals`.
    Terms are selected by the corrected test over the whole family (``p_adjusted < alpha``; the
    raw ``p_value`` only for tables without it; all terms if ``alpha`` is None; with
    ``measure="lrc"`` the terms whose LRC is not 0). Bars of terms called ``significant`` (corrected
    test passed and replicated: a term the group uses more in at least two of its documents, a term
    it uses less in at least two documents of the rest, the group having two or more) are solid, the
    others pale — all of them for a group backed by one document; the caption states the rule for
    the directions drawn (:func:`solid_rule`). When the table has ``<measure>_ci_low`` /
    ``<measure>_ci_high`` the bootstrap interval is drawn as a whisker. Each bar is labelled with
    the raw counts ``target/reference``; the title gives the documents and units behind the group,
    and the axis caption names the family of tests and its correction.

    Example:
        >>> t = pd.DataFrame({"group": ["甲", "甲"], "term": ["乡村振兴", "第一书记"], "log_ratio": [2.0, -1.5],
        ...                   "p_adjusted": [0.003, 0.03], "significant": [True, False], "lrc": [1.2, 0.0],
        ...                   "f_target": [9, 0], "f_reference": [1, 6], "n_docs": [3, 3], "n_units": [40, 40]})
        >>> [t.get_text() for t in plot_keyness(t, "甲").axes[0].get_yticklabels()]
        ['乡村振兴', '第一书记']
    """
    for column in ("group", "term", measure, "f_target", "f_reference"):
        if column not in table.columns:
            raise KeyError(f"plot_keyness: table has no column {column!r}")
    if group not in set(table["group"]):
        raise KeyError(f"plot_keyness: no group {group!r}; groups are {sorted(set(table['group']))}")
    block = table[table["group"] == group]
    if measure == "lrc":
        block = block[block["lrc"] != 0]
    elif alpha is not None:
        p_column = "p_adjusted" if "p_adjusted" in block.columns else "p_value"
        if p_column in block.columns:
            block = block[block[p_column] < alpha]
    positive = block[block[measure] > 0].sort_values([measure, "term"], ascending=[False, True]).head(top_n)
    negative = block[block[measure] < 0].sort_values([measure, "term"], ascending=[True, True]).head(top_n)
    shown = pd.concat([positive, negative.iloc[::-1]])
    family = str(table["correction"].iloc[0]) if "correction" in table.columns and len(table) else ""
    fig = Figure(figsize=(7.5, max(2.8, 0.3 * len(shown) + 2.2)))
    ax = fig.subplots()
    if shown.empty:
        message = "无通过校正检验的关键词 (no keywords pass the corrected test)"
        ax.text(0.5, 0.5, message + (f"\n{family}" if family else ""), ha="center", va="center",
                transform=ax.transAxes, fontsize=9)
        ax.set_axis_off()
    else:
        if "significant" in shown.columns:
            strong = shown["significant"].to_numpy(dtype=bool)
        elif "lrc" in shown.columns:
            strong = shown["lrc"].to_numpy() != 0
        else:
            strong = np.ones(len(shown), dtype=bool)
        values = shown[measure].to_numpy(dtype=float)
        colours = [POSITIVE_COLOUR if v > 0 else NEGATIVE_COLOUR for v in values]
        ax.barh(range(len(shown)), values, color=colours, edgecolor=colours, linewidth=0.8)
        for bar, solid in zip(ax.patches, strong, strict=True):
            if not solid:
                bar.set_alpha(0.35)
        low_col, high_col = f"{measure}_ci_low", f"{measure}_ci_high"
        whiskers = low_col in shown.columns and high_col in shown.columns
        reach = np.abs(values)
        if whiskers:
            low, high = shown[low_col].to_numpy(dtype=float), shown[high_col].to_numpy(dtype=float)
            known = ~(np.isnan(low) | np.isnan(high))
            if known.any():
                y = np.arange(len(shown))[known]
                err = np.vstack([np.maximum(values[known] - low[known], 0), np.maximum(high[known] - values[known], 0)])
                ax.errorbar(values[known], y, xerr=err, fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
                reach = np.maximum(reach, np.nan_to_num(np.maximum(np.abs(low), np.abs(high)), nan=0.0))
        ax.set_yticks(range(len(shown)), shown["term"], fontsize=9)
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.8)
        span = float(reach.max()) or 1.0
        for y, row in enumerate(shown.itertuples()):
            x = getattr(row, measure)
            ax.text(x + (0.02 * span if x > 0 else -0.02 * span), y - 0.3, f"{row.f_target}/{row.f_reference}",
                    va="center", ha="left" if x > 0 else "right", fontsize=7)
        ax.set_xlim(-1.2 * span if len(negative) else -0.05 * span, 1.2 * span if len(positive) else 0.05 * span)
        notes = [VALUE_LABELS.get(measure, measure), "标注：本组/其余 频次 (target/reference counts)"]
        if whiskers:
            resampled = str(block["resampled"].iloc[0]) if "resampled" in block.columns and len(block) else ""
            level = float(block["ci_level"].iloc[0]) if "ci_level" in block.columns and len(block) else 0.95
            notes.append(f"须线：{level:.0%} 自助区间 (whiskers: bootstrap interval"
                         + (f", resampling {resampled})" if resampled else ")"))
        if family:
            notes.append(f"选词 selected: p < {alpha} after {family}")
        if "significant" in shown.columns:
            documents_known = "docs_with_term" in shown.columns and bool(shown["docs_with_term"].notna().any())
            notes += solid_rule(bool((values > 0).any()), bool((values < 0).any()), documents_known)
        ax.set_xlabel("\n".join(notes), fontsize=8)
    heading = title if title is not None else f"{group}：关键词 Keyness vs. rest"
    caption = keyness_caption(table, group, unit=unit) if "n_units" in table.columns else ""
    ax.set_title(heading + (f"\n{caption}" if caption else ""), fontsize=10)
    fig.tight_layout()
    drawn = " and ".join(side for side, bars in (("more (red)", positive), ("less (blue)", negative)) if len(bars))
    fig.set_label(f"Keywords of {group} against the other groups: "
                  + (f"the terms it uses {drawn}, " if drawn else "no term passes the corrected test, ")
                  + f"by {VALUE_LABELS.get(measure, measure).split(' ', 1)[-1]}"
                  + (f"; {caption}" if caption else "") + ".")
    return fig


def cloud_frequencies(table: pd.DataFrame, group: str | None = None, *, top_n: int = 200) -> dict[str, int]:
    """``{term: frequency}`` of one group (or all groups summed) from a frequency table, for word clouds.

    Example:
        >>> t = pd.DataFrame({"group": ["甲", "乙"], "term": ["乡村振兴"] * 2, "frequency": [2, 3]})
        >>> cloud_frequencies(t), cloud_frequencies(t, "甲")
        ({'乡村振兴': 5}, {'乡村振兴': 2})
    """
    block = table if group is None else table[table["group"] == group]
    totals = block.groupby("term")["frequency"].sum()
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top_n]
    return {term: int(count) for term, count in ordered}


def _red_by_size(word: str, font_size: int, position, orientation, random_state=None, **kwargs) -> str:
    """Word-cloud colour: dark red for large words, lighter red for small ones (no randomness)."""
    lightness = max(22, min(48, 52 - font_size // 6))
    return f"hsl(0, 70%, {lightness}%)"


def word_cloud(
    frequencies: Mapping[str, float],
    font_path: str | os.PathLike[str],
    *,
    width: int = 1200,
    height: int = 800,
    seed: int = 0,
    max_words: int = 150,
    min_font_size: int | None = None,
    margin: int | None = None,
):
    """A ``wordcloud.WordCloud`` drawn from the project's own token counts (never wordcloud's tokenizer).

    ``font_path`` is the CJK font (``dangjian.figures.plotting.setup_cjk_font()``); ``seed`` fixes the layout
    so the same counts give the same image. The smallest words are ``min_font_size`` pixels high
    (default: 1/50 of the width, so that they stay legible when the cloud is shown in a grid) and
    words keep ``margin`` pixels apart (default: 1/200 of the width); words that do not fit at
    that size are left out rather than drawn illegibly small.

    Example:
        >>> from dangjian.figures.plotting import setup_cjk_font
        >>> cloud = word_cloud({"乡村振兴": 5, "第一书记": 3}, setup_cjk_font(), width=200, height=120)
        >>> cloud.to_image().size
        (200, 120)
    """
    from wordcloud import WordCloud

    if not frequencies:
        raise ValueError("word_cloud: no terms to draw")
    cloud = WordCloud(
        font_path=str(font_path),
        width=width,
        height=height,
        background_color="white",
        color_func=_red_by_size,
        max_words=max_words,
        min_font_size=min_font_size if min_font_size is not None else max(4, width // 50),
        margin=margin if margin is not None else max(2, width // 200),
        prefer_horizontal=1.0,
        random_state=seed,
        collocations=False,
    )
    ordered = dict(sorted(frequencies.items(), key=lambda item: (-item[1], item[0])))
    return cloud.generate_from_frequencies(ordered)


def plot_word_clouds(
    clouds: Mapping[str, object],
    *,
    ncols: int = 3,
    panel_width: float = 5.0,
    title: str | None = "词云 Word clouds",
) -> Figure:
    """Word clouds side by side: a grid of framed panels, each titled with its group, with space
    between them so that no cloud runs into the next.

    ``clouds`` maps a panel title (a group, or the whole corpus) to a ``WordCloud`` or PIL image.

    Example:
        >>> from PIL import Image
        >>> fig = plot_word_clouds({"全部": Image.new("RGB", (60, 40), "white"), "甲": Image.new("RGB", (60, 40), "white")})
        >>> [(ax.get_title(), ax.title.get_fontsize()) for ax in fig.axes]
        [('全部', 14.0), ('甲', 14.0)]
    """
    if not clouds:
        raise ValueError("plot_word_clouds: no clouds to draw")
    images = {name: (cloud.to_image() if hasattr(cloud, "to_image") else cloud) for name, cloud in clouds.items()}
    nrows, ncols = _grid(len(images), ncols)
    first = next(iter(images.values()))
    aspect = first.size[1] / first.size[0]
    fig = Figure(figsize=(panel_width * ncols, (panel_width * aspect + 0.7) * nrows + (0.6 if title else 0)),
                 layout="constrained")
    fig.get_layout_engine().set(w_pad=0.15, h_pad=0.15, wspace=0.06, hspace=0.06)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for ax, (name, image) in zip(axes, images.items(), strict=False):
        ax.imshow(np.asarray(image.convert("RGB")), interpolation="antialiased")
        ax.set_title(wrap_label(str(name), int(panel_width * 6)), fontsize=14)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#bbbbbb")
    for ax in axes[len(images):]:
        fig.delaxes(ax)
    if title:
        fig.suptitle(title, fontsize=16)
    fig.set_label(f"Word clouds of the most frequent terms of {', '.join(str(name) for name in images)}: "
                  "word size grows with frequency.")
    return fig
