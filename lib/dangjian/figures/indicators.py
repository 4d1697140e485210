"""Figures of the indicator comparison: coverage by category, quantification density, and the
like-with-like comparison of core indicators across regions.

Every function takes a table of :mod:`dangjian.comparison.compare` and returns a matplotlib ``Figure`` whose
label is its caption; save it with :func:`dangjian.figures.plotting.save_figure` after
:func:`dangjian.figures.plotting.setup_cjk_font` so that Chinese labels render.

- :func:`plot_coverage`: each region's quantities as shares of its mapped quantities per core
  category (rows sum to 100 %), with the unmapped quantities in a column of their own, so that
  regions that report much or little are compared by profile, and the unmapped remainder does not
  set the colour scale.
- :func:`plot_density`: quantities per 1,000 clean characters, by document.
- :func:`plot_comparison`: a dot plot for ONE kind (amount, share, change, target): a panel per
  core indicator and unit class that two or more regions report, a row per region, one dot per
  value a document gives. Position, not length, carries the value, each panel has its own scale
  (linear, logarithmic only where its values span more than ``log_span``), and a national
  requirement (kind ``target``) is never drawn beside counts.

Example:
    >>> import pandas as pd
    >>> from dangjian.figures.plotting import setup_cjk_font
    >>> _ = setup_cjk_font()
    >>> table = pd.DataFrame({"cadres": [3, 1], "(unmapped)": [5, 0]}, index=["甲市 (prefecture)", "乙镇 (township)"])
    >>> len(plot_coverage(table).axes)  # shares, unmapped, colour bar
    3
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dangjian.comparison.compare import KIND_ZH, LEVEL_ORDER, LEVEL_ZH, UNMAPPED, ordered_groups, short_subject
from dangjian.figures.plotting import draw_annotated_heatmap, wrap_label

#: Colour of each level (national to village, then the bodies outside that hierarchy).
LEVEL_COLOURS = {
    "national": "#6a3d9a", "province": "#1f78b4", "prefecture": "#b22222",
    "county": "#e0a030", "township": "#33a02c", "village": "#8c564b",
    "community": "#17becf", "university": "#e377c2", "enterprise": "#7f7f7f", "agency": "#bcbd22",
}
#: Values whose ``approx`` is one of these are drawn hollow: the text gives a bound or an estimate.
APPROXIMATE = ("over", "at_least", "about", "under", "range")
#: Kinds in English, for captions.
KIND_EN = {"amount": "amounts", "share": "shares", "change": "changes", "target": "targets"}


def coverage_shares(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Split :func:`dangjian.comparison.compare.coverage` into the shares of each row's mapped quantities per
    category (percent, rows sum to 100; NaN for a row with none mapped), the unmapped share of all
    its quantities (percent), and its total of quantities.

    Example:
        >>> table = pd.DataFrame({"a": [3, 0], "b": [1, 0], "(unmapped)": [4, 2]}, index=["甲", "乙"])
        >>> shares, unmapped, totals = coverage_shares(table)
        >>> shares.round(1).to_dict("list"), unmapped.tolist(), totals.tolist()
        ({'a': [75.0, nan], 'b': [25.0, nan]}, [50.0, 100.0], [8, 2])
    """
    categories = [c for c in table.columns if c != UNMAPPED]
    mapped = table[categories].astype(float)
    unmapped = table[UNMAPPED].astype(float) if UNMAPPED in table.columns else pd.Series(0.0, index=table.index)
    totals = (mapped.sum(axis=1) + unmapped).astype(int)
    shares = mapped.div(mapped.sum(axis=1).replace(0, np.nan), axis=0) * 100
    unmapped_share = (unmapped / totals.replace(0, np.nan) * 100).fillna(0.0)
    return shares, unmapped_share, totals


def _percent(value: float) -> str:
    return "" if value != value else f"{value:.0f}%"


def plot_coverage(table: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Heatmap of :func:`dangjian.comparison.compare.coverage` normalised per row: each region's mapped
    quantities by core category in percent (rows sum to 100), and beside it, on a grey scale of
    its own, the share of all its quantities that no indicator covers.

    Row labels give the quantities behind each row (n) and how many are mapped; ``labels`` maps
    category ids to display names (e.g. ``教育培训 training``).

    Example:
        >>> table = pd.DataFrame({"cadres": [3, 1], "members": [1, 0], "(unmapped)": [36, 0]}, index=["甲 (county)", "乙 (township)"])
        >>> fig = plot_coverage(table)
        >>> [t.get_text() for t in fig.axes[0].texts], [t.get_text() for t in fig.axes[1].texts]
        (['75%', '25%', '100%', '0%'], ['90%', '0%'])
    """
    shares, unmapped, totals = coverage_shares(table)
    names = [wrap_label((labels or {}).get(c, c), 12) for c in shares.columns]
    rows = [f"{label}\nn = {total}, {total - round(total * share / 100)} mapped"
            for label, total, share in zip(table.index, totals, unmapped)]
    fig = Figure(figsize=(0.95 * len(shares.columns) + 4.8, 0.62 * len(table) + 2.6), layout="constrained")
    grid = fig.add_gridspec(1, 2, width_ratios=[max(1, len(shares.columns)), 1.1])
    ax = fig.add_subplot(grid[0, 0])
    side = fig.add_subplot(grid[0, 1], sharey=ax)
    peak = float(np.nanmax(shares.to_numpy())) if shares.notna().any().any() else 100.0
    image = draw_annotated_heatmap(ax, shares, "Reds", 8, fmt=_percent, vmin=0, vmax=max(peak, 1e-9))
    ax.set_xticks(range(len(names)), names, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.set_xlabel("核心指标类别 core category（本行已归类数量的 % of the row's mapped quantities）", fontsize=8)
    ax.set_ylabel("地区（层级） region (level)")
    draw_annotated_heatmap(side, unmapped.to_frame(), "Greys", 8, fmt=_percent, vmin=0, vmax=100)
    side.set_xticks([0], ["未归类\n(unmapped)"], fontsize=8)
    side.tick_params(axis="y", labelleft=False)
    side.set_xlabel("% of all\nquantities", fontsize=8)
    fig.colorbar(image, ax=[ax, side], label="% of mapped quantities", shrink=0.9)
    fig.suptitle(wrap_label("指标覆盖：各地区数量表述的类别构成 Coverage: each region's quantities by core category", 70),
                 fontsize=11)
    fig.set_label(
        "For each region, the share of its mapped quantities in each core category (rows sum to 100%); "
        "the share of all its quantities left unmapped is shown apart on a grey scale."
    )
    return fig


#: Above this many documents the density figure has a row per region (or, above this many
#: regions, per level) with a dot per document, instead of a bar pair per document.
MAX_DOCUMENT_ROWS = 40


def density_rows(table: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> str:
    """What a row of :func:`plot_density`'s figure is: ``"doc_id"``, ``"region"`` or ``"level"``
    (the finest that gives at most ``max_rows`` rows).

    Example:
        >>> table = pd.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "region": ["甲", "乙"] * 25, "level": "county"})
        >>> density_rows(table.head(5)), density_rows(table), density_rows(table, max_rows=1)
        ('doc_id', 'region', 'level')
    """
    if len(table) <= max_rows:
        return "doc_id"
    return "region" if table["region"].nunique() <= max_rows else "level"


def plot_density(table: pd.DataFrame, max_rows: int = MAX_DOCUMENT_ROWS) -> Figure:
    """Bar chart of :func:`dangjian.comparison.compare.density`: quantities and mapped quantities per 1,000
    clean characters, by document; above ``max_rows`` documents, a row per region (or level) with
    a dot per document and the median as a bar (:func:`density_rows`).

    Example:
        >>> table = pd.DataFrame({"doc_id": ["a"], "region": ["甲市"], "level": ["prefecture"], "per_1000_chars": [16.7],
        ...                       "mapped_per_1000_chars": [8.2]})
        >>> plot_density(table).axes[0].get_xlabel()
        '每千字数量表述 (per 1,000 clean characters)'
    """
    by = density_rows(table, max_rows)
    if by != "doc_id":
        return _plot_density_groups(table, by)
    labels = [f"{row.doc_id}\n{row.region} ({row.level})" for row in table.itertuples()]
    positions = np.arange(len(table))
    fig = Figure(figsize=(9, 0.8 * len(table) + 1.8), layout="constrained")
    ax = fig.subplots()
    ax.barh(positions - 0.2, table["per_1000_chars"], height=0.4, color="#b22222", label="全部数量表述 all quantities")
    ax.barh(positions + 0.2, table["mapped_per_1000_chars"], height=0.4, color="#4a6fa5", label="核心指标 core indicators")
    for position, value in zip(positions, table["per_1000_chars"]):
        ax.text(value, position - 0.2, f" {value:.1f}", va="center", fontsize=8)
    ax.set_yticks(positions, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("每千字数量表述 (per 1,000 clean characters)")
    ax.set_title("量化密度 Quantification density by document")
    ax.legend(loc="lower right", fontsize=8)
    fig.set_label("Quantities, and quantities mapped to a core indicator, per 1,000 characters of clean text, by document.")
    return fig


def _plot_density_groups(table: pd.DataFrame, by: str) -> Figure:
    """:func:`plot_density` for a large corpus: a row per region or level, a dot per document."""
    order = list(dict.fromkeys(table[by].fillna("?").astype(str)))  # the table comes sorted centre first
    fig = Figure(figsize=(9, 0.55 * len(order) + 2.2), layout="constrained")
    ax = fig.subplots()
    series = (("per_1000_chars", "#b22222", -0.18, "全部数量表述 all quantities"), ("mapped_per_1000_chars", "#4a6fa5", 0.18, "核心指标 core indicators"))
    groups = table.assign(_row=table[by].fillna("?").astype(str)).groupby("_row", sort=False)
    for row, name in enumerate(order):
        block = groups.get_group(name)
        for column, colour, shift, label in series:
            values = block[column].astype(float).dropna().to_numpy()
            ax.scatter(values, np.full(len(values), row + shift), s=12, color=colour, alpha=0.6, label=label if row == 0 else None)
            if len(values):
                ax.plot([np.median(values)] * 2, [row + shift - 0.15, row + shift + 0.15], color="#222222", linewidth=1.6)
    ticks = [f"{name} · d={len(groups.get_group(name))}" for name in order]
    ax.set_yticks(range(len(order)), ticks, fontsize=8)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlabel("每千字数量表述 (per 1,000 clean characters)")
    ax.set_ylabel("地区 (region)" if by == "region" else "层级 (level)")
    ax.set_title(f"量化密度 Quantification density, one dot per document (n = {len(table)})")
    ax.legend(loc="lower right", fontsize=8)
    fig.set_label(
        f"Quantities, and quantities mapped to a core indicator, per 1,000 characters of clean text: one dot per document "
        f"of the {len(table)}, a row per {by}, the black bar its median."
    )
    return fig


def comparison_panels(comparable_rows: pd.DataFrame, kind: str, min_regions: int = 2) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """The panels of :func:`plot_comparison`: ``((core_id, unit_class), rows)`` for each core
    indicator and unit class of ONE kind that at least ``min_regions`` regions report.

    Example:
        >>> rows = pd.DataFrame({"core_id": ["grids"] * 3, "kind": ["amount", "amount", "target"],
        ...                      "unit_class": ["count"] * 3, "region": ["甲", "乙", "丙"]})
        >>> [(key, len(group)) for key, group in comparison_panels(rows, "amount")]
        [(('grids', 'count'), 2)]
        >>> comparison_panels(rows, "target")
        []
    """
    rows = comparable_rows[comparable_rows["kind"] == kind]
    regions = rows.groupby(["core_id", "unit_class"])["region"].transform("nunique")
    return [(key, group) for key, group in rows[regions >= min_regions].groupby(["core_id", "unit_class"], sort=False)]


def _plain_number(value: float, _position: object = None) -> str:
    """A tick label in full with thousands separators (no ``1e7`` offset): ``16,000,000``, ``2.5``.

    Example:
        >>> _plain_number(16000000.0), _plain_number(2.5)
        ('16,000,000', '2.5')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _offsets(count: int, spread: float = 0.26) -> np.ndarray:
    """Vertical offsets of ``count`` dots sharing a row, evenly spread around it."""
    return np.zeros(1) if count == 1 else np.linspace(-spread, spread, count)


#: A region's values are written beside their dots only up to this many (more would overlap and
#: hide the dots; a row of many values shows its median as a bar instead).
MAX_LABELLED_VALUES = 6
#: A panel with more dots than this draws them as one embedded image in the SVG (``rasterized``),
#: not one vector element each: at 100 MB the amounts figure held 180,000 dots, a 27 MB SVG that
#: took 33 s to write. The PNG is the same either way.
MAX_VECTOR_DOTS = 2_000


def year_span(years) -> str:
    """The years of a row: listed when there are up to three, else first–last and how many.

    Example:
        >>> year_span(["2023", "2021", "2023"]), year_span(["2015", "2018", "2019", "2024"]), year_span(["", None])
        ('2021、2023', '2015–2024 (4 years)', '?')
    """
    distinct = sorted({str(y) for y in years if y is not None and str(y)})
    if len(distinct) <= 3:
        return "、".join(distinct) or "?"
    return f"{distinct[0]}–{distinct[-1]} ({len(distinct)} years)"


#: Characters of a subject written beside a dot (its end: the head noun).
DOT_SUBJECT_CHARS = 10


def _dot_labels(block: pd.DataFrame, subjects: bool) -> list[str]:
    """The labels of a row's dots: each value, with what it measures where a panel's values measure
    different things (30岁及以下 beside 35岁及以下, 女党员 beside 少数民族党员).

    Example:
        >>> block = pd.DataFrame({"value": ["3.7 %", "26.6 %"], "subject": ["25岁以下", "35岁及以下党员"]})
        >>> _dot_labels(block, True), _dot_labels(block, False)
        (['3.7 % 25岁以下', '26.6 % 35岁及以下党员'], ['3.7 %', '26.6 %'])
    """
    values = [str(v) for v in block["value"]]
    if not subjects:
        return values
    return [f"{v} {short_subject(str(s or ''), DOT_SUBJECT_CHARS)}".strip() for v, s in zip(values, block["subject"].fillna(""))]


def _region_tick(group: pd.DataFrame) -> str:
    years, label = year_span(group["year"]), str(group["region_label"].iloc[0])
    when = "" if label.startswith(years) else f"{years} · "  # a group of a year names its year already
    return f"{wrap_label(label, 22)}\n{when}d={group['doc_id'].nunique()}, n={len(group)}"


#: Most rows (regions) a panel of the comparison figure draws, and most panels the figure draws:
#: beyond them a figure of a large corpus grows to tens of thousands of pixels. The rows and panels
#: resting on the most documents are drawn, and the figure says how many of how many; the
#: comparison tables hold them all.
MAX_PANEL_ROWS = 12
MAX_PANELS = 24


def busiest_rows(group: pd.DataFrame, max_rows: int = MAX_PANEL_ROWS) -> list[str]:
    """The region labels a panel draws: all when at most ``max_rows``, else the ``max_rows`` with the
    most documents (then most values), in the panel's order (centre first).

    Example:
        >>> group = pd.DataFrame({"region_label": ["a", "b", "b", "c"], "level_rank": [0, 1, 1, 2], "doc_id": ["1", "2", "3", "4"]})
        >>> busiest_rows(group), busiest_rows(group, max_rows=1)
        (['a', 'b', 'c'], ['b'])
    """
    ordered = ordered_groups(group)
    if len(ordered) <= max_rows:
        return ordered
    weight = group.groupby("region_label").agg(documents=("doc_id", "nunique"), values=("doc_id", "size"))
    ranked = sorted(ordered, key=lambda r: (-weight.loc[r, "documents"], -weight.loc[r, "values"], ordered.index(r)))
    kept = set(ranked[:max_rows])
    return [r for r in ordered if r in kept]


def _draw_panel(ax, group: pd.DataFrame, kind: str, unit_class: str, log_span: float) -> None:
    """One panel of :func:`plot_comparison`: a row per region (at most :data:`MAX_PANEL_ROWS`), a dot per value."""
    all_rows = group["region_label"].nunique()
    regions = busiest_rows(group)
    group = group[group["region_label"].isin(regions)]
    values = group["value_norm"].astype(float).to_numpy()
    positive = values[values > 0]
    log = len(positive) == len(values) and positive.max() / positive.min() > log_span
    blocks = dict(iter(group.groupby("region_label", sort=False)))
    several = "subject" in group.columns and group["subject"].fillna("").astype(str).nunique() > 1  # say what each dot measures
    dots = []  # (x, y, colour, hollow) of every row, drawn as a collection per colour, filled and hollow
    for row, region in enumerate(regions):
        block = blocks[region].sort_values(["value_norm", "doc_id"], kind="stable")
        y = row + _offsets(len(block))
        x = block["value_norm"].astype(float).to_numpy()
        colour = LEVEL_COLOURS.get(str(block["level"].iloc[0]), "#888888")
        hollow = block["approx"].isin(APPROXIMATE).to_numpy() if "approx" in block.columns else np.zeros(len(block), bool)
        dots.append((x, y, [colour] * len(block), hollow))
        if len(block) <= MAX_LABELLED_VALUES:
            for xi, yi, text in zip(x, y, _dot_labels(block, several)):
                ax.annotate(text, (xi, yi), xytext=(5, 0), textcoords="offset points", va="center", fontsize=6.5)
        else:  # many values: their median as a bar across the row, no labels
            ax.plot([np.median(x)] * 2, [row - 0.4, row + 0.4], color="#222222", linewidth=1.6, zorder=4)
    x, y, hollow = (np.concatenate([d[i] for d in dots]) for i in (0, 1, 3))
    colours = np.array([c for d in dots for c in d[2]], dtype=object)
    dense = len(x) > MAX_VECTOR_DOTS
    for colour in dict.fromkeys(colours):  # one collection per colour: matplotlib's fast path for markers
        filled, empty = (colours == colour) & ~hollow, (colours == colour) & hollow
        if filled.any():
            ax.scatter(x[filled], y[filled], s=30, color=colour, zorder=3, rasterized=dense)
        if empty.any():
            ax.scatter(x[empty], y[empty], s=30, facecolors="white", edgecolors=colour, linewidths=1.3,
                       zorder=3, rasterized=dense)
    ax.set_yticks(range(len(regions)), [_region_tick(blocks[r]) for r in regions], fontsize=6.5)
    ax.set_ylim(len(regions) - 0.5, -0.5)
    for row in range(len(regions) - 1):
        ax.axhline(row + 0.5, color="#dddddd", linewidth=0.6)
    units = "、".join(dict.fromkeys(str(u) for u in group["unit"] if str(u))) if "unit" in group.columns else ""
    if log:
        ax.set_xscale("log")
        ax.set_xlim(positive.min() / 2, positive.max() * 8)
        ax.set_xlabel(f"{unit_class} ({units}) · 对数刻度 log scale", fontsize=7)
    else:
        low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
        span = (high - low) or 1.0
        ax.set_xlim(low - (0.05 * span if low < 0 else 0), high + 0.35 * span)
        if low < 0:
            ax.axvline(0, color="#444444", linewidth=0.6)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.xaxis.set_major_formatter(FuncFormatter(_plain_number))
        ax.set_xlabel(f"{unit_class} ({units})", fontsize=7)
    ax.grid(axis="x", alpha=0.3)
    ax.tick_params(axis="x", labelsize=7)
    first = group.iloc[0]
    shown = "" if len(regions) == all_rows else f"; {len(regions)} of {all_rows} rows, most documents"
    ax.set_title(wrap_label(f"{first['core_zh']} {first['core_en']}", 44) + f"\n({unit_class}, {kind}{shown})", fontsize=8)


def busiest_panels(panels: list, max_panels: int = MAX_PANELS) -> list:
    """The panels the comparison figure draws: all when at most ``max_panels``, else those reported
    by the most regions (then documents), in their order.

    Example:
        >>> one = pd.DataFrame({"region": ["a", "b"], "doc_id": ["1", "2"]})
        >>> two = pd.DataFrame({"region": ["a", "b", "c"], "doc_id": ["1", "2", "3"]})
        >>> [key for key, _ in busiest_panels([("x", one), ("y", two)], max_panels=1)]
        ['y']
    """
    if len(panels) <= max_panels:
        return panels
    ranked = sorted(range(len(panels)), key=lambda i: (-panels[i][1]["region"].nunique(), -panels[i][1]["doc_id"].nunique(), i))
    kept = set(ranked[:max_panels])
    return [panel for i, panel in enumerate(panels) if i in kept]


def _has_median_bars(panels) -> bool:
    return any(
        group[group["region_label"].isin(busiest_rows(group))].groupby("region_label").size().max() > MAX_LABELLED_VALUES
        for _, group in panels
    )


def plot_comparison(
    comparable_rows: pd.DataFrame,
    kind: str,
    max_columns: int = 3,
    *,
    min_regions: int = 2,
    log_span: float = 100.0,
    groups: tuple[str, str] = ("地区", "regions"),
) -> Figure:
    """Dot plot for ONE kind of quantity (amount, share, change or target): a panel per core
    indicator and unit class that ``min_regions`` or more regions report, a row per region (from
    the centre down, with its years, documents d and values n), one dot per value, coloured by
    administrative level and hollow where the text gives a bound or an estimate (>, ≥, ≈, <). Values
    are written beside their dots when a row has at most :data:`MAX_LABELLED_VALUES`; a row with
    more shows its median as a black bar; where a panel's values measure different things (30岁及以下
    beside 35岁及以下), each label says what. ``groups`` names the groups in the titles (Chinese,
    English: :func:`~dangjian.comparison.compare.group_names`).

    ``comparable_rows`` is :func:`dangjian.comparison.compare.comparable`: only the same core indicator, kind
    and unit class share a panel. Each panel has its own linear scale, logarithmic only when its
    values span more than ``log_span`` times (the axis says so).

    Example:
        >>> rows = pd.DataFrame({"core_id": ["grids"] * 3, "core_zh": ["网格化管理"] * 3, "core_en": ["Grids"] * 3,
        ...     "kind": ["amount"] * 3, "unit_class": ["count"] * 3, "region": ["甲市", "乙镇", "乙镇"],
        ...     "region_label": ["甲市 (prefecture)", "乙镇 (township)", "乙镇 (township)"], "level": ["prefecture", "township", "township"],
        ...     "level_rank": [2, 4, 4], "year": ["2024", "2023", "2023"], "doc_id": ["a", "b", "b"],
        ...     "value_norm": [2797.0, 12.0, 9.0], "value": ["2797 个", "12 个", "9 个"], "unit": ["个"] * 3, "approx": ["exact"] * 3})
        >>> ax = plot_comparison(rows, "amount").axes[0]
        >>> sum(len(c.get_offsets()) for c in ax.collections), len(ax.patches), ax.get_xscale()
        (3, 0, 'log')
    """
    every_panel = comparison_panels(comparable_rows, kind, min_regions)
    panels = busiest_panels(every_panel)
    columns = min(max_columns, max(1, len(panels)))
    n_rows = max(1, int(np.ceil(len(panels) / columns)))
    heights = [max([len(busiest_rows(group)) for _, group in panels[r * columns:(r + 1) * columns]] or [1])
               for r in range(n_rows)]
    fig = Figure(figsize=(5.2 * columns, sum(0.55 * h + 1.5 for h in heights) + 1.4), layout="constrained")
    grid = fig.add_gridspec(n_rows, columns, height_ratios=[0.55 * h + 1.5 for h in heights])
    for index, ((_, unit_class), group) in enumerate(panels):
        _draw_panel(fig.add_subplot(grid[index // columns, index % columns]), group, kind, unit_class, log_span)
    if not panels:
        ax = fig.add_subplot(grid[0, 0])
        ax.text(0.5, 0.5, f"没有 {min_regions} 个及以上{groups[0]}报告的{KIND_ZH.get(kind, kind)}\n(no core indicator of kind {kind} in {min_regions}+ {groups[1]})",
                ha="center", va="center", transform=ax.transAxes, fontsize=9)
        ax.set_axis_off()
    drawn = set().union(*(set(group["level"]) for _, group in panels)) if panels else set()
    levels = [level for level in LEVEL_ORDER if level in drawn]
    handles = [Line2D([], [], marker="o", linestyle="", color=LEVEL_COLOURS[level], label=f"{LEVEL_ZH[level]} {level}")
               for level in levels if level in LEVEL_COLOURS]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#444444",
                          label="空心 hollow: >, ≥, ≈, < (bound or estimate)"))
    if panels:
        fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 4), fontsize=7, frameon=False)
    width = int(13 * fig.get_figwidth())  # columns of 10-point text across the figure
    fig.suptitle(
        wrap_label(f"{min_regions} 个及以上{groups[0]}报告的核心指标：{KIND_ZH.get(kind, kind)}（每点一个数值，颜色 = 行政层级）", width) + "\n"
        + wrap_label(f"Core indicators reported by {min_regions} or more {groups[1]}, {KIND_EN.get(kind, kind)} only: one dot per value, "
                     "colour = administrative level, d documents, n values", width),
        fontsize=10,
    )
    fig.set_label(
        (f"The {KIND_EN.get(kind, kind)} of the {len(panels)} core indicator{'' if len(panels) == 1 else 's'} that "
         if len(panels) == len(every_panel) else
         f"The {KIND_EN.get(kind, kind)} of {len(panels)} of the {len(every_panel)} core indicators (those reported by the most {groups[1]}) that ")
        + f"{min_regions} or more {groups[1]} report, one panel per "
        "core indicator and unit class on its own scale, one dot per value a document gives, coloured by administrative level"
        + (f"; a black bar marks the median of a region with more than {MAX_LABELLED_VALUES} values." if _has_median_bars(panels) else ".")
    )
    return fig
