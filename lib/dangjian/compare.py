"""Cross-region comparison of the indicator table: coverage, density and side-by-side values.

Every table here carries the administrative level of each document (national, province,
prefecture, county, township) next to its region, and every value its unit and ``approx``
class, so that a city's totals are never read against a town's unawares.

Example:
    >>> from dangjian.pipeline import process_corpus
    >>> from dangjian.indicators import extract
    >>> processed = process_corpus("data/raw")                                   # doctest: +SKIP
    >>> table, documents = extract(processed), processed.document_table            # doctest: +SKIP
    >>> coverage(table, documents)                                               # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dangjian.corpus import LEVELS
from dangjian.indicators.results import plain_decimal
from dangjian.plotting import draw_annotated_heatmap

#: Order of administrative levels, from the centre down (the levels metadata.csv allows).
LEVEL_ORDER = LEVELS
#: Chinese names of the levels, for labels.
LEVEL_ZH = {"national": "全国", "province": "省", "prefecture": "地市", "county": "县区", "township": "乡镇", "village": "村"}
#: Columns used, in this order, when the region column of a document is empty.
_REGION_FALLBACK = ("township", "county", "prefecture", "province")
#: How ``approx`` is written next to a value.
APPROX_MARK = {"exact": "", "over": ">", "at_least": "≥", "about": "≈", "under": "<", "range": ""}
UNMAPPED = "(unmapped)"


def region_labels(documents: pd.DataFrame, region_col: str = "region") -> pd.DataFrame:
    """``doc_id, region, level, level_rank, region_label`` for every document.

    The region is ``region_col``, else the most local of township, county, prefecture,
    province, else the doc_id; the label adds the level: ``平凉市 (prefecture)``.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["平凉市", ""], "township": ["", "(unnamed town)"],
        ...                      "level": ["prefecture", "township"]})
        >>> region_labels(docs)["region_label"].tolist()
        ['平凉市 (prefecture)', '(unnamed town) (township)']
    """
    if region_col not in documents.columns:
        raise KeyError(f"region column {region_col!r} not in the document table; columns are {list(documents.columns)}")
    rows = []
    for record in documents.to_dict("records"):
        region = str(record.get(region_col) or "").strip()
        for column in _REGION_FALLBACK:
            if region:
                break
            region = str(record.get(column) or "").strip()
        region = region or str(record["doc_id"])
        level = str(record.get("level") or "").strip() or "unknown"
        rank = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)
        rows.append({"doc_id": record["doc_id"], "region": region, "level": level, "level_rank": rank, "region_label": f"{region} ({level})"})
    return pd.DataFrame(rows, columns=["doc_id", "region", "level", "level_rank", "region_label"])


def _with_regions(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str) -> pd.DataFrame:
    labels = region_labels(documents, region_col)
    return indicators.drop(columns=[c for c in ("region", "level") if c in indicators.columns]).merge(labels, on="doc_id", how="left")


def _ordered_labels(documents: pd.DataFrame, region_col: str) -> list[str]:
    labels = region_labels(documents, region_col).sort_values(["level_rank", "region_label"])
    return list(dict.fromkeys(labels["region_label"]))


def coverage(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region", categories: list[str] | None = None) -> pd.DataFrame:
    """Regions × categories: how many quantities each region reports in each category.

    Rows are regions (with level) from the centre down; columns the categories (in the given
    order, else alphabetical) and ``(unmapped)`` for quantities without a canonical indicator.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["平凉市"], "level": ["prefecture"]})
        >>> table = pd.DataFrame({"doc_id": ["a", "a"], "category": ["cadres", ""]})
        >>> coverage(table, docs).to_dict("records")
        [{'cadres': 1, '(unmapped)': 1}]
    """
    table = _with_regions(indicators, documents, region_col)
    table["category"] = table["category"].replace("", UNMAPPED).fillna(UNMAPPED)
    columns = list(categories) if categories is not None else sorted(c for c in table["category"].unique() if c != UNMAPPED)
    columns.append(UNMAPPED)
    counts = pd.crosstab(table["region_label"], table["category"])
    counts = counts.reindex(index=_ordered_labels(documents, region_col), columns=columns, fill_value=0).fillna(0).astype(int)
    counts.index.name = "region (level)"
    counts.columns.name = "category"
    return counts


def density(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region") -> pd.DataFrame:
    """Quantification density by document: quantities (and those mapped to canonical
    indicators) per 1,000 clean characters.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["x"], "level": ["county"], "clean_chars": [2000]})
        >>> density(pd.DataFrame({"doc_id": ["a"] * 3, "indicator": ["g", "", ""], "threshold": [False] * 3}), docs)[
        ...     ["quantities", "per_1000_chars", "mapped_per_1000_chars"]].values.tolist()
        [[3.0, 1.5, 0.5]]
    """
    labels = region_labels(documents, region_col)
    table = labels.merge(documents[["doc_id", "clean_chars"]], on="doc_id")
    quantities = indicators.groupby("doc_id").size()
    mapped = indicators[indicators["indicator"].fillna("") != ""].groupby("doc_id").size()
    table["quantities"] = table["doc_id"].map(quantities).fillna(0).astype(int)
    table["mapped"] = table["doc_id"].map(mapped).fillna(0).astype(int)
    chars = table["clean_chars"].astype(float).replace(0, np.nan)
    table["per_1000_chars"] = (1000 * table["quantities"] / chars).round(2)
    table["mapped_per_1000_chars"] = (1000 * table["mapped"] / chars).round(2)
    return table.sort_values(["level_rank", "doc_id"]).drop(columns="level_rank").reset_index(drop=True)


def format_value(value_norm: float, unit: str, approx: str = "exact", value_high: float = np.nan) -> str:
    """A value in full (no 万/亿) with its unit and precision: ``>9000 人次``, ``1–2 名``.

    Example:
        >>> format_value(164000000.0, "元"), format_value(9000.0, "人次", "over"), format_value(1.0, "名", "range", 2.0)
        ('164000000 元', '>9000 人次', '1–2 名')
    """
    from decimal import Decimal

    text = plain_decimal(Decimal(repr(float(value_norm))))
    if approx == "range" and not pd.isna(value_high):
        text += "–" + plain_decimal(Decimal(repr(float(value_high))))
    return f"{APPROX_MARK.get(approx, '')}{text} {unit}".strip()


def shared_indicators(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region", min_regions: int = 2) -> pd.DataFrame:
    """The mentions of every canonical indicator reported by at least ``min_regions`` regions,
    with region, level, unit, precision, subject and sentence (one row per mention).

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["甲市", "乙镇"], "level": ["prefecture", "township"]})
        >>> table = pd.DataFrame({"doc_id": ["a", "b"], "indicator": ["grids", "grids"], "indicator_zh": ["网格"] * 2,
        ...     "indicator_en": ["Grids"] * 2, "category": ["governance"] * 2, "value_norm": [2797.0, 12.0], "unit": ["个"] * 2,
        ...     "unit_class": ["count"] * 2, "approx": ["exact"] * 2, "value_high": [np.nan] * 2, "subject": ["网格"] * 2,
        ...     "surface": ["2797个", "12个"], "sentence": ["…", "…"]})
        >>> shared_indicators(table, docs)[["region_label", "value"]].values.tolist()
        [['甲市 (prefecture)', '2797 个'], ['乙镇 (township)', '12 个']]
    """
    table = _with_regions(indicators[indicators["indicator"].fillna("") != ""], documents, region_col)
    regions_per_indicator = table.groupby("indicator")["region"].nunique()
    keep = regions_per_indicator[regions_per_indicator >= min_regions].index
    table = table[table["indicator"].isin(keep)].copy()
    table["value"] = [
        format_value(v, u, a, h) for v, u, a, h in zip(table["value_norm"], table["unit"], table["approx"], table["value_high"])
    ]
    table["regions"] = table["indicator"].map(regions_per_indicator)
    columns = [
        "indicator", "indicator_zh", "indicator_en", "category", "regions", "region", "level", "region_label", "doc_id",
        "unit_class", "value", "value_norm", "unit", "approx", "subject", "surface", "sentence",
    ]
    table = table.sort_values(["category", "indicator", "level_rank", "region", "unit_class"], kind="stable")
    return table[columns].reset_index(drop=True)


def side_by_side(shared: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and unit class, one column per region (with level); each cell
    lists that region's values with units and subjects.

    Example:
        >>> shared = pd.DataFrame({"indicator": ["grids"] * 2, "indicator_zh": ["网格"] * 2, "indicator_en": ["Grids"] * 2,
        ...     "category": ["governance"] * 2, "unit_class": ["count"] * 2, "region_label": ["甲市 (prefecture)", "乙镇 (township)"],
        ...     "level": ["prefecture", "township"], "value": ["2797 个", "12 个"], "subject": ["优化调整网格", "网格"]})
        >>> side_by_side(shared).iloc[0]["乙镇 (township)"]
        '12 个（网格）'
    """
    if shared.empty:
        return pd.DataFrame()
    shared = shared.copy()
    shared["cell"] = shared["value"] + "（" + shared["subject"].fillna("") + "）"
    order = list(dict.fromkeys(shared.sort_values("level", key=lambda s: s.map(lambda x: LEVEL_ORDER.index(x) if x in LEVEL_ORDER else 99), kind="stable")["region_label"]))
    wide = shared.pivot_table(
        index=["category", "indicator", "indicator_zh", "indicator_en", "unit_class"],
        columns="region_label",
        values="cell",
        aggfunc=lambda cells: "；".join(cells),
    )
    wide = wide.reindex(columns=[c for c in order if c in wide.columns]).fillna("")
    wide.columns.name = None
    return wide.reset_index()


def plot_coverage(table: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Heatmap of :func:`coverage` (regions × categories, counts written in the cells).

    ``labels`` maps category ids to display names (e.g. ``教育培训 training``).

    Example:
        >>> table = pd.DataFrame({"cadres": [3]}, index=pd.Index(["平凉市 (prefecture)"], name="region (level)"))
        >>> len(plot_coverage(table).axes)  # the heatmap and its colour bar
        2
    """
    fig = Figure(figsize=(1.15 * len(table.columns) + 3.5, 0.7 * len(table) + 2.2))
    ax = fig.subplots()
    image = draw_annotated_heatmap(ax, table)
    names = [(labels or {}).get(c, c) for c in table.columns]
    ax.set_xticks(range(len(table.columns)), names, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(table)), table.index, fontsize=9)
    ax.set_xlabel("指标类别 (category)")
    ax.set_ylabel("地区（层级） region (level)")
    ax.set_title("指标覆盖：各地区各类别的数量表述 Quantities by region and category")
    fig.colorbar(image, ax=ax, label="quantities")
    fig.tight_layout()
    return fig


def plot_density(table: pd.DataFrame) -> Figure:
    """Bar chart of :func:`density`: quantities and mapped quantities per 1,000 clean characters.

    Example:
        >>> table = pd.DataFrame({"doc_id": ["a"], "region": ["甲市"], "level": ["prefecture"], "per_1000_chars": [16.7],
        ...                       "mapped_per_1000_chars": [8.2]})
        >>> plot_density(table).axes[0].get_xlabel()
        '每千字数量表述 (per 1,000 clean characters)'
    """
    labels = [f"{row.doc_id}\n{row.region} ({row.level})" for row in table.itertuples()]
    positions = np.arange(len(table))
    fig = Figure(figsize=(9, 0.8 * len(table) + 1.8))
    ax = fig.subplots()
    ax.barh(positions - 0.2, table["per_1000_chars"], height=0.4, color="#b22222", label="全部数量表述 all quantities")
    ax.barh(positions + 0.2, table["mapped_per_1000_chars"], height=0.4, color="#4a6fa5", label="规范指标 canonical indicators")
    for position, value in zip(positions, table["per_1000_chars"]):
        ax.text(value, position - 0.2, f" {value:.1f}", va="center", fontsize=8)
    ax.set_yticks(positions, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("每千字数量表述 (per 1,000 clean characters)")
    ax.set_title("量化密度 Quantification density by document")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def plot_shared(shared: pd.DataFrame, max_columns: int = 3, subject_chars: int = 14) -> Figure:
    """Small multiples, one panel per canonical indicator and unit class that two or more
    regions report in that unit class: one bar per mention (log scale), labelled with region,
    level and subject, and with the value, unit and precision; colour = administrative level.

    Example:
        >>> shared = pd.DataFrame({"category": ["governance"] * 2, "indicator": ["grids"] * 2, "indicator_zh": ["网格"] * 2,
        ...     "indicator_en": ["Grids"] * 2, "unit_class": ["count"] * 2, "region": ["甲市", "乙镇"],
        ...     "region_label": ["甲市 (prefecture)", "乙镇 (township)"], "level": ["prefecture", "township"],
        ...     "subject": ["网格"] * 2, "value_norm": [2797.0, 12.0], "value": ["2797 个", "12 个"]})
        >>> [ax.get_title().split()[0] for ax in plot_shared(shared).axes if ax.get_visible()]
        ['网格']
    """
    regions = shared.groupby(["indicator", "unit_class"])["region"].transform("nunique")
    panels = list(shared[regions >= 2].groupby(["category", "indicator", "unit_class"], sort=True))
    columns = min(max_columns, max(1, len(panels)))
    rows = max(1, int(np.ceil(len(panels) / columns)))
    fig = Figure(figsize=(5.6 * columns, 2.9 * rows))
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    colors = {"national": "#6a3d9a", "province": "#1f78b4", "prefecture": "#b22222", "county": "#e0a030", "township": "#33a02c"}
    for ax, ((_, _, unit_class), group) in zip(axes, panels):
        labels = [f"{row.region_label}\n{str(row.subject)[:subject_chars]}" for row in group.itertuples()]
        values = group["value_norm"].astype(float).clip(lower=1e-9)
        positions = np.arange(len(group))
        low = float(values.min()) / 3
        ax.barh(positions, values - low, left=low, color=[colors.get(level, "#888888") for level in group["level"]])
        for position, value, text in zip(positions, values, group["value"]):
            ax.text(value, position, f" {text}", va="center", fontsize=7)
        ax.set_yticks(positions, labels, fontsize=6.5)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlim(low, float(values.max()) * 60)
        first = group.iloc[0]
        ax.set_title(f"{first['indicator_zh']} ({unit_class})\n{first['indicator_en'][:60]}", fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in axes[len(panels) :]:
        ax.set_visible(False)
    fig.suptitle(
        "两个及以上地区报告的规范指标（颜色 = 行政层级：紫 全国、红 地市、橙 县区、绿 乡镇；对数刻度）\n"
        "Canonical indicators reported by two or more regions (colour = administrative level; log scale)",
        fontsize=10,
    )
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / (2.9 * rows)))
    return fig
