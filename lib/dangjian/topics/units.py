"""The units a topic model is fitted on: paragraphs, sentences or sections of the processed corpus.

Units come from :func:`dangjian.tokens.dtm.unit_table` (the keyword stage's units, with the document
metadata). For topic modelling, headings and document titles are left out of paragraph and sentence
units: they name a section rather than report on it, and a title can carry text that is not the
report's. Section units are runs of paragraphs sharing a section path
(:func:`dangjian.tokens.dtm.sections_from_paragraphs`), headings included, titles excluded.

Every unit gets an id unique in the corpus (``unit_id``: document, unit kind, number) and its
length in characters (``chars``), which weights it when topic proportions are aggregated.

Example:
    >>> import pathlib, tempfile
    >>> from dangjian.segmentation.pipeline import process_paths
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_text("全镇党建工作总结\\n一、抓组织\\n培训党员600人。\\n二、抓阵地\\n建好党群服务中心。", encoding="utf-8")
    >>> topic_units(process_paths([path]), "paragraph")[["unit_id", "text", "chars"]].values.tolist()
    [['a:para2', '培训党员600人。', 9], ['a:para4', '建好党群服务中心。', 9]]
"""

from __future__ import annotations

import pandas as pd

from dangjian.tokens.dtm import sections_from_paragraphs, unit_table

#: Unit kinds a topic model can be fitted on.
UNIT_KINDS = ("paragraph", "sentence", "section")

_ID_PREFIX = {"paragraph": ("para", "paragraph_id"), "sentence": ("sent", "sentence_id"), "section": ("sec", "section_id")}


def topic_units(processed, unit: str = "paragraph") -> pd.DataFrame:
    """The unit table of a ``ProcessedCorpus`` for ``unit`` in :data:`UNIT_KINDS`, with ``unit_id`` and ``chars``.

    Rows are ordered by document id and position; all columns of :func:`dangjian.tokens.dtm.unit_table`
    are kept (``doc_id``, ``text``, ``section_path``, ``region``, ``level``, ``year``, ``genre`` …).

    Example:
        >>> topic_units(None, "chapter")
        Traceback (most recent call last):
        ...
        ValueError: unknown unit 'chapter': use one of paragraph, sentence, section
    """
    if unit not in UNIT_KINDS:
        raise ValueError(f"unknown unit {unit!r}: use one of {', '.join(UNIT_KINDS)}")
    if unit == "sentence":
        table = unit_table(processed, "sentence")
        table = table[~table["is_heading"].astype(bool)]
    else:
        table = unit_table(processed, "paragraph")
        if unit == "paragraph":
            table = table[table["kind"] == "body"]
        else:
            table = sections_from_paragraphs(table[table["kind"] != "title"])
    prefix, number = _ID_PREFIX[unit]
    table = table.sort_values(["doc_id", number], kind="stable").reset_index(drop=True)
    table.insert(0, "unit_id", [f"{doc}:{prefix}{n}" for doc, n in zip(table["doc_id"], table[number])])
    table["chars"] = table["text"].str.len().astype("int64")
    return table


def unit_summary(units: pd.DataFrame) -> pd.DataFrame:
    """Units, characters and (if tokenized) tokens per document, with region and level.

    Example:
        >>> units = pd.DataFrame({"unit_id": ["a:para1", "a:para2"], "doc_id": ["a", "a"], "region": ["甲", "甲"],
        ...                       "level": ["county", "county"], "chars": [10, 20], "tokens": [["党员"], ["党员", "培训"]]})
        >>> unit_summary(units).values.tolist()
        [['a', '甲', 'county', 2, 30, 3]]
    """
    keys = [c for c in ("doc_id", "region", "level") if c in units.columns]
    frame = units.assign(n_tokens=units["tokens"].map(len)) if "tokens" in units.columns else units
    aggregations = {"units": ("unit_id", "size"), "chars": ("chars", "sum")}
    if "tokens" in units.columns:
        aggregations["tokens"] = ("n_tokens", "sum")
    return frame.groupby(keys, dropna=False, sort=True).agg(**aggregations).reset_index()
