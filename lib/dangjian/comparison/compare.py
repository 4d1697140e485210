"""Cross-region comparison of the indicator table: coverage, density and like-with-like tables.

Every table here carries the level of each document (national, province, prefecture, county,
township, village; community, university, enterprise, agency) next to its region, and every value its unit and
``approx`` class, so that a city's totals are never read against a town's unawares. Numbers are
set side by side only when they measure the same core indicator, are of the same kind (amount,
share, change, target) and of the same unit class; each shows its year and document. The
quantities left without a core indicator are listed by subject, for the researcher to extend the
taxonomy. The figures of these tables are drawn by :mod:`dangjian.figures.indicators`.

Example:
    >>> from dangjian.segmentation.pipeline import process_corpus
    >>> from dangjian.indicators import extract
    >>> processed = process_corpus("data/raw")                                   # doctest: +SKIP
    >>> table, documents = extract(processed), processed.document_table            # doctest: +SKIP
    >>> coverage(table, documents)                                               # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dangjian.indicators.core import KINDS, core_indicators
from dangjian.indicators.results import plain_decimal
from dangjian.reading.corpus import LEVELS

#: Order of administrative levels, from the centre down (the levels metadata.csv allows).
LEVEL_ORDER = LEVELS
#: Chinese names of the levels, for labels.
LEVEL_ZH = {
    "national": "全国", "province": "省", "prefecture": "地市", "county": "县区", "township": "乡镇", "village": "村",
    "community": "社区", "university": "高校", "enterprise": "企业", "agency": "机关",
}
#: Columns used, in this order, when the region column of a document is empty.
_REGION_FALLBACK = ("township", "county", "prefecture", "province")
#: Grouping columns that name places (a document without one falls back on a more local place).
_PLACE_COLUMNS = ("region", *_REGION_FALLBACK)
#: How ``approx`` is written next to a value.
APPROX_MARK = {"exact": "", "over": ">", "at_least": "≥", "about": "≈", "under": "<", "range": ""}
UNMAPPED = "(unmapped)"
#: Chinese names of the kinds of quantity, for labels.
KIND_ZH = {"amount": "数量", "share": "占比", "change": "变化", "target": "目标"}
#: Columns of :func:`comparable`, in order.
COMPARABLE_COLUMNS = (
    "core_category", "core_id", "core_zh", "core_en", "kind", "unit_class", "region", "level", "level_rank", "group_rank", "region_label",
    "year", "doc_id", "value", "value_norm", "unit", "approx", "mentions", "subject", "confidence", "indicator", "surface", "sentence",
)
#: Columns of the indicator table that :func:`comparable` reads or passes on.
_COMPARABLE_INPUTS = frozenset(COMPARABLE_COLUMNS) | {"value_high", "threshold"}
#: What makes two quantities of one document the same number stated again (a headline restating the
#: body, a summary restating a section): one row of :func:`comparable`, the first by position. The
#: subject is part of it: 大专学历占20%，本科学历占20% are two numbers that happen to be equal.
RESTATED_KEY = ["doc_id", "core_id", "kind", "unit_class", "unit", "value_norm", "approx", "value_high", "subject"]


def restatements(table: pd.DataFrame) -> pd.DataFrame:
    """One row per number a document states (the first by position), with ``mentions``: how many
    times the document states it — same core indicator, kind, unit, value, precision and subject. A
    headline that restates a figure of the body is the same evidence, not a second value.

    Example:
        >>> table = pd.DataFrame({"doc_id": ["a"] * 4, "core_id": ["members_female"] * 4, "kind": ["share"] * 4,
        ...     "unit_class": ["percent"] * 4, "unit": ["%"] * 4, "value_norm": [29.9, 29.9, 31.0, 31.0],
        ...     "approx": ["exact"] * 4, "value_high": [np.nan] * 4, "subject": ["女党员", "女党员", "女党员", "新发展女党员"],
        ...     "surface": ["29.9%", "29.9%", "31%", "31%"]})
        >>> restatements(table)[["surface", "subject", "mentions"]].values.tolist()
        [['29.9%', '女党员', 2], ['31%', '女党员', 1], ['31%', '新发展女党员', 1]]
    """
    key = [column for column in RESTATED_KEY if column in table.columns]
    if table.empty:
        return table.assign(mentions=pd.Series(dtype="int64"))
    hashed = pd.util.hash_pandas_object(table[key], index=False)  # one 64-bit hash per row: NaN bounds hash alike
    mentions = hashed.map(hashed.value_counts()).to_numpy(dtype="int64")
    first = ~hashed.duplicated(keep="first").to_numpy()
    return table.assign(mentions=mentions)[first]


def region_labels(documents: pd.DataFrame, region_col: str = "region") -> pd.DataFrame:
    """``doc_id, region, level, level_rank, group_rank, region_label`` for every document. Groups of
    places are ordered from the centre down, groups of years (or of any other column) in the order of
    their values, then from the centre down (``group_rank``).

    The region is ``region_col``, else (for a place column: ``region``, ``province`` …) the most
    local of township, county, prefecture, province, else the doc_id; a document without a value of
    another column (``year``) is in the group ``(no year)``, never under a place. The label adds the
    level: ``平凉市 (prefecture)``, ``2021 (county)``.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["平凉市", ""], "township": ["", "(unnamed town)"],
        ...                      "level": ["prefecture", "township"]})
        >>> region_labels(docs)["region_label"].tolist()
        ['平凉市 (prefecture)', '(unnamed town) (township)']
        >>> region_labels(docs.assign(year=["2021", ""]), "year")["region_label"].tolist()
        ['2021 (prefecture)', '(no year) (township)']
    """
    if region_col not in documents.columns:
        raise KeyError(f"region column {region_col!r} not in the document table; columns are {list(documents.columns)}")
    rows = []
    for record in documents.to_dict("records"):
        value = record.get(region_col)
        if isinstance(value, float) and not np.isnan(value) and value.is_integer():
            value = int(value)  # a year read as a number: 2009, not 2009.0
        region = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value).strip()
        if region_col not in _PLACE_COLUMNS:
            region = region or f"(no {region_col})"
        for column in _REGION_FALLBACK:
            if region:
                break
            region = str(record.get(column) or "").strip()
        region = region or str(record["doc_id"])
        level = str(record.get("level") or "").strip() or "unknown"
        rank = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)
        rows.append({"doc_id": record["doc_id"], "region": region, "level": level, "level_rank": rank, "region_label": f"{region} ({level})"})
    table = pd.DataFrame(rows, columns=["doc_id", "region", "level", "level_rank", "region_label"])
    keys = ["level_rank", "region_label"] if region_col in _PLACE_COLUMNS else ["missing", "number", "region", "level_rank"]
    ordered = table.assign(
        missing=table["region"].str.startswith("(no "), number=pd.to_numeric(table["region"], errors="coerce")  # 2 before 10
    ).sort_values(keys, kind="stable", na_position="last")["region_label"]
    table["group_rank"] = table["region_label"].map({label: rank for rank, label in enumerate(dict.fromkeys(ordered))})
    return table[["doc_id", "region", "level", "level_rank", "group_rank", "region_label"]]


def group_names(region_col: str) -> tuple[str, str]:
    """What the groups of ``region_col`` are called in a figure, in Chinese and in English.

    Example:
        >>> group_names("region"), group_names("year"), group_names("genre")
        (('地区', 'regions'), ('年份', 'years'), ('genre', 'genre groups'))
    """
    if region_col in _PLACE_COLUMNS:
        return "地区", "regions"
    return ("年份", "years") if region_col == "year" else (region_col, f"{region_col} groups")


def ordered_groups(rows: pd.DataFrame) -> list[str]:
    """The region labels of ``rows`` in the order of their groups (``group_rank``: places from the
    centre down, years and other values in their order), each once.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["2015", "1997", "2011"], "level": ["national", "prefecture", "province"]})
        >>> ordered_groups(region_labels(docs, "year")), ordered_groups(region_labels(docs.assign(region=["全国", "潍坊市", "上海市"])))
        (['1997 (prefecture)', '2011 (province)', '2015 (national)'], ['全国 (national)', '上海市 (province)', '潍坊市 (prefecture)'])
        >>> ordered_groups(region_labels(docs.assign(batch=[10.0, 2.0, None]), "batch"))
        ['2 (prefecture)', '10 (national)', '(no batch) (province)']
    """
    keys = ["group_rank"] if "group_rank" in rows.columns else ["level_rank", "region_label"]
    return list(dict.fromkeys(rows.sort_values(keys, kind="stable")["region_label"]))


def _with_regions(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str) -> pd.DataFrame:
    labels = region_labels(documents, region_col)
    return indicators.drop(columns=[c for c in ("region", "level") if c in indicators.columns]).merge(labels, on="doc_id", how="left")


def _ordered_labels(documents: pd.DataFrame, region_col: str) -> list[str]:
    return ordered_groups(region_labels(documents, region_col))


def coverage(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region", categories: list[str] | None = None) -> pd.DataFrame:
    """Regions × categories: how many quantities each region reports in each category
    (thresholds left out: ``35岁以下`` bounds a group, it measures nothing).

    Rows are regions (with level) from the centre down; columns the categories (in the given
    order, else alphabetical) and ``(unmapped)`` for quantities without a canonical indicator.
    A row pools the quantities of its region's documents, so a region backed by several documents
    says how many (``· d=3``): one long report can make most of such a row, and the per-document
    values are in :func:`density` and :func:`comparable`.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["平凉市"], "level": ["prefecture"]})
        >>> table = pd.DataFrame({"doc_id": ["a", "a", "a"], "category": ["cadres", "", ""], "threshold": [False, False, True]})
        >>> coverage(table, docs).to_dict("records")
        [{'cadres': 1, '(unmapped)': 1}]
        >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["甲县", "甲县", "乙镇"],
        ...                      "level": ["county", "county", "township"]})
        >>> coverage(pd.DataFrame({"doc_id": ["a", "b", "c"], "category": ["cadres"] * 3}), docs).index.tolist()
        ['甲县 (county) · d=2', '乙镇 (township)']
    """
    table = _with_regions(_measured(indicators)[["doc_id", "category"]], documents, region_col)
    table["category"] = table["category"].replace("", UNMAPPED).fillna(UNMAPPED)
    columns = list(categories) if categories is not None else sorted(c for c in table["category"].unique() if c != UNMAPPED)
    columns.append(UNMAPPED)
    counts = pd.crosstab(table["region_label"], table["category"])
    counts = counts.reindex(index=_ordered_labels(documents, region_col), columns=columns, fill_value=0).fillna(0).astype(int)
    n_docs = region_labels(documents, region_col).groupby("region_label")["doc_id"].nunique()
    counts.index = [f"{label} · d={n_docs[label]}" if n_docs[label] > 1 else label for label in counts.index]
    counts.index.name = "region (level)"
    counts.columns.name = "category"
    return counts


def _measures(indicators: pd.DataFrame) -> pd.Series:
    """For each row: does it measure something (it is no threshold)?"""
    if "threshold" not in indicators.columns:
        return pd.Series(True, index=indicators.index)
    return ~indicators["threshold"].fillna(False).astype(bool)


def comparable_mask(indicators: pd.DataFrame) -> pd.Series:
    """For each row: can it be compared (mapped to a core indicator, and no threshold)?

    Example:
        >>> comparable_mask(pd.DataFrame({"core_id": ["grids", "", "grids"], "threshold": [False, False, True]})).tolist()
        [True, False, False]
    """
    return (indicators["core_id"].fillna("") != "") & _measures(indicators)


def _measured(indicators: pd.DataFrame) -> pd.DataFrame:
    """The quantities that measure something: every row but the thresholds."""
    return indicators[_measures(indicators)]


def density(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region") -> pd.DataFrame:
    """Quantification density by document: quantities (and those mapped to core indicators)
    per 1,000 clean characters; thresholds (``35岁以下``) are counted apart, never as quantities.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["x"], "level": ["county"], "clean_chars": [2000]})
        >>> density(pd.DataFrame({"doc_id": ["a"] * 4, "core_id": ["grids", "", "", ""], "threshold": [False] * 3 + [True]}), docs)[
        ...     ["quantities", "thresholds", "per_1000_chars", "mapped_per_1000_chars"]].values.tolist()
        [[3.0, 1.0, 1.5, 0.5]]
    """
    labels = region_labels(documents, region_col)
    table = labels.merge(documents[["doc_id", "clean_chars"]], on="doc_id")
    measured = _measured(indicators)
    quantities = measured.groupby("doc_id").size()
    thresholds = indicators[~_measures(indicators)].groupby("doc_id").size()
    mapped = measured[measured["core_id"].fillna("") != ""].groupby("doc_id").size()
    table["quantities"] = table["doc_id"].map(quantities).fillna(0).astype(int)
    table["thresholds"] = table["doc_id"].map(thresholds).fillna(0).astype(int)
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


def comparable(indicators: pd.DataFrame, documents: pd.DataFrame, region_col: str = "region") -> pd.DataFrame:
    """The quantities that can be compared across regions: those mapped to a core indicator
    (thresholds and unmapped quantities left out), one row per number a document states (a number
    stated again — a headline restating the body — is one row, its ``mentions`` counted: see
    :func:`restatements`), with what makes a comparison fair: the core indicator, the kind (amount, share, change, target), the unit class, and the
    region, administrative level, year and document of the number.

    Rows are ordered by core category and indicator, kind, unit class, then by group (:func:`ordered_groups`).

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["甲省", "乙县"], "level": ["province", "county"], "year": ["2021", "2023"]})
        >>> table = pd.DataFrame({"doc_id": ["a", "a", "b"], "core_id": ["members_female"] * 3, "kind": ["amount", "share", "share"],
        ...     "value_norm": [1.5e6, 29.0, 31.2], "unit": ["名", "%", "%"], "unit_class": ["person", "percent", "percent"],
        ...     "approx": ["exact"] * 3, "value_high": [np.nan] * 3, "threshold": [False] * 3, "confidence": [0.95] * 3,
        ...     "subject": ["女党员"] * 3, "surface": ["150万名", "29.0%", "31.2%"], "sentence": ["…"] * 3})
        >>> comparable(table, docs)[["core_zh", "kind", "region_label", "year", "value"]].values.tolist()
        [['女党员', 'amount', '甲省 (province)', '2021', '1500000 名'], ['女党员', 'share', '甲省 (province)', '2021', '29 %'], ['女党员', 'share', '乙县 (county)', '2023', '31.2 %']]
    """
    core = core_indicators()
    kept = [c for c in indicators.columns if c in _COMPARABLE_INPUTS]  # the rest of the indicator table is not carried along
    mapped = indicators.loc[comparable_mask(indicators), kept]
    table = _with_regions(restatements(mapped), documents, region_col)
    years = documents.set_index("doc_id")["year"] if "year" in documents.columns else pd.Series(dtype=str)
    table["year"] = table["doc_id"].map(years).fillna("").astype(str).replace({"nan": ""})
    table["core_zh"] = table["core_id"].map(lambda c: core[c].zh)
    table["core_en"] = table["core_id"].map(lambda c: core[c].en)
    table["core_category"] = table["core_id"].map(lambda c: core[c].category)
    table["core_rank"] = table["core_id"].map(list(core).index)
    table["kind_rank"] = table["kind"].map(lambda k: KINDS.index(k) if k in KINDS else len(KINDS))
    table["value"] = [
        format_value(v, u, a, h) for v, u, a, h in zip(table["value_norm"], table["unit"], table["approx"], table["value_high"])
    ]
    table = table.sort_values(["core_rank", "kind_rank", "unit_class", "group_rank", "doc_id"], kind="stable")
    return table[[c for c in COMPARABLE_COLUMNS if c in table.columns]].reset_index(drop=True)


#: Values a cell of a displayed comparison table lists before it says how many more there are (the
#: tables written to CSV list every value).
MAX_CELL_VALUES = 12
#: The rows one cell of a comparison table gathers.
_CELL_KEY = ["core_id", "unit_class", "kind", "region_label"]


def shown_values(comparable_rows: pd.DataFrame, max_values: int | None = MAX_CELL_VALUES) -> pd.DataFrame:
    """The rows a displayed comparison table lists: the first ``max_values`` of each core indicator,
    unit class, kind and region, in the rows' order (all rows with ``max_values`` None).

    Example:
        >>> rows = pd.DataFrame({"core_id": ["grids"] * 3, "unit_class": ["count"] * 3, "kind": ["amount"] * 3,
        ...     "region_label": ["甲县 (county)"] * 3, "value": ["1 个", "2 个", "3 个"]})
        >>> shown_values(rows, 2)["value"].tolist()
        ['1 个', '2 个']
    """
    if max_values is None or comparable_rows.empty:
        return comparable_rows
    return comparable_rows[comparable_rows.groupby(_CELL_KEY, sort=False).cumcount() < max_values]


#: Characters of a subject a comparison cell shows (the end of a longer one, after "…").
CELL_SUBJECT_CHARS = 14


def short_subject(subject: str, limit: int = CELL_SUBJECT_CHARS) -> str:
    """A subject as a comparison cell shows it: the end of a long one (its head noun), after "…".

    Example:
        >>> short_subject("女党员"), short_subject("村（社区）党组织书记具有高中（中专）以上学历中大专学历")
        ('女党员', '…（中专）以上学历中大专学历')
    """
    subject = subject.strip()
    return subject if len(subject) <= limit else "…" + subject[-(limit - 1) :]


def comparison_table(
    comparable_rows: pd.DataFrame, kind: str, min_regions: int = 1, max_values: int | None = None
) -> pd.DataFrame:
    """Core indicator × region for ONE kind of quantity: one row per core indicator and unit
    class (a share is never set beside an amount, a change beside a stock, persons beside
    person-times), one column per region (with its level), from the centre down. A cell lists
    the region's numbers, each with what it measures (its subject, shortened), year and document:
    ``29.9 %（女党员 · 2022 · national-bulletin）``, and how often the document states it when more
    than once (``…（2022 · a · ×2）``): one core indicator gathers numbers of different cut-offs and
    parts (30岁及以下 beside 35岁及以下, 大专 beside 大专及以上), which the subject tells apart.
    Rows that fewer than ``min_regions`` regions report are left out. With ``max_values`` a cell
    lists the first ``max_values`` numbers (:func:`shown_values`) and then how many more there are
    (``…（+N）``), so that a table of thousands of documents stays readable.

    Example:
        >>> rows = pd.DataFrame({"core_id": ["members_female"] * 2, "core_zh": ["女党员"] * 2, "kind": ["share"] * 2,
        ...     "unit_class": ["percent"] * 2, "region_label": ["甲省 (province)", "乙县 (county)"], "region": ["甲省", "乙县"],
        ...     "level_rank": [1, 3], "value": ["29 %", "31.2 %"], "year": ["2021", "2023"], "doc_id": ["a", "b"]})
        >>> comparison_table(rows, "share").iloc[0].to_dict()
        {'core_id': 'members_female', 'core_zh': '女党员', 'unit_class': 'percent', 'regions': 2, '甲省 (province)': '29 %（2021 · a）', '乙县 (county)': '31.2 %（2023 · b）'}
        >>> comparison_table(rows.assign(subject=["女党员", "全县女性党员"]), "share").iloc[0]["乙县 (county)"]
        '31.2 %（全县女性党员 · 2023 · b）'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
    rows = comparable_rows[comparable_rows["kind"] == kind].copy()
    if rows.empty:
        return pd.DataFrame(columns=["core_id", "core_zh", "unit_class", "regions"])
    stated = rows["mentions"] if "mentions" in rows.columns else pd.Series(1, index=rows.index)
    again = np.where(stated > 1, " · ×" + stated.astype(str), "")
    subjects = rows["subject"].fillna("").astype(str).map(short_subject) if "subject" in rows.columns else pd.Series("", index=rows.index)
    what = np.where(subjects != "", subjects + " · ", "")
    rows["cell"] = rows["value"] + "（" + what + rows["year"].where(rows["year"] != "", "?") + " · " + rows["doc_id"] + again + "）"
    key = ["core_id", "core_zh", "unit_class"]
    regions = rows.groupby(key, sort=False)["region"].nunique().rename("regions")
    if max_values is not None:
        more = rows.groupby(_CELL_KEY, sort=False)["cell"].transform("size") - max_values
        rows = shown_values(rows, max_values).copy()
        last = rows.groupby(_CELL_KEY, sort=False).cumcount() == max_values - 1
        extra = more.loc[rows.index]
        rows.loc[last & (extra > 0), "cell"] += "；…（+" + extra[last & (extra > 0)].astype(str) + "）"
    wide = rows.pivot_table(index=key, columns="region_label", values="cell", aggfunc=lambda cells: "；".join(cells), sort=False)
    order = ordered_groups(rows)
    wide = wide.reindex(columns=order).fillna("")
    wide.columns.name = None
    wide = wide.join(regions).reset_index()
    wide = wide[wide["regions"] >= min_regions]
    return wide[[*key, "regions", *order]].reset_index(drop=True)


def unmapped_subjects(indicators: pd.DataFrame) -> pd.DataFrame:
    """The quantities without a core indicator, grouped by subject, the most frequent first:
    what a researcher might add to the taxonomy. ``unsure`` counts the quantities a rule did
    match but with too little confidence to map; ``indicators`` names taxonomy entries without a
    core id that matched; ``examples`` shows a few surfaces.

    Example:
        >>> table = pd.DataFrame({"doc_id": ["a", "b", "a"], "core_id": ["", "", "grids"], "threshold": [False] * 3,
        ...     "subject": ["党建联系点", "党建联系点", "网格"], "kind": ["amount"] * 3, "unit_class": ["count"] * 3,
        ...     "confidence": [0.0, 0.5, 0.9], "surface": ["3799个", "12个", "2797个"]})
        >>> unmapped_subjects(table.assign(indicator=["", "", "grids"])).to_dict("records")
        [{'subject': '党建联系点', 'quantities': 2, 'documents': 2, 'unsure': 1, 'indicators': '', 'kinds': 'amount', 'unit_classes': 'count', 'examples': '3799个、12个'}]
    """
    rows = indicators[(indicators["core_id"].fillna("") == "") & _measures(indicators)]
    columns = ["subject", "quantities", "documents", "unsure", "indicators", "kinds", "unit_classes", "examples"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    entries = rows["indicator"].fillna("") if "indicator" in rows.columns else pd.Series("", index=rows.index)
    rows = rows.assign(
        subject=rows["subject"].fillna("").replace("", "(no subject)"),
        unsure_row=(entries == "") & (rows["confidence"] > 0),
        entry=entries,
    )

    def joined(values: pd.Series, limit: int = 4) -> str:
        return "、".join(list(dict.fromkeys(values.astype(str)))[:limit])

    grouped = rows.groupby("subject", sort=False).agg(
        quantities=("surface", "size"),
        documents=("doc_id", "nunique"),
        unsure=("unsure_row", "sum"),
        indicators=("entry", lambda e: joined(e[e != ""])),
        kinds=("kind", joined),
        unit_classes=("unit_class", joined),
        examples=("surface", joined),
    )
    grouped = grouped.reset_index().sort_values(["quantities", "documents", "subject"], ascending=[False, False, True], kind="stable")
    return grouped[columns].reset_index(drop=True)

