"""Extraction: every quantitative mention of a corpus as one tidy row, traceable to the raw file.

For each sentence: find the candidates of the grammar, read each (:func:`read_candidate`),
apply the context rules (:func:`exclude`), label what each remaining quantity counts
(:func:`label_subjects`, with what the previous sentence of the paragraph counted for a sentence
that refers back to it, and the group a heading or a topic of the paragraph names), tell its kind (:func:`quantity_kind`: amount, share, change, target) and
map it to a canonical indicator and its core indicator, with a confidence (:meth:`Taxonomy.assign`;
unsure mappings are left empty). Offsets are
given in the clean text (``start``, ``end``) and, through the cleaning offset map, in the raw
file (``raw_start``, ``raw_end``: ``raw_text[raw_start:raw_end]`` is what the file says, pinyin
and traditional characters included).

Example:
    >>> [(q.surface, q.value_norm, q.unit_class, q.approx) for q in quantities("培训171期2.1万人（次），发展党员600余人")]
    [('171期', Decimal('171'), 'count', 'exact'), ('2.1万人（次）', Decimal('21000.0'), 'person_time', 'exact'), ('600余人', Decimal('600'), 'person', 'over')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from dangjian.cleaning.clean import (
    CONTINUED_LINE_START,
    ITEM_START,
    OPEN_LINE_END,
    PROSE_MARK,
    QUANTITY_LINE_END,
    UNCLOSED_TITLE,
    WRAPPED_LINE_CHARS,
    CleanResult,
)
from dangjian.indicators.exclusions import SentenceContext, exclude
from dangjian.indicators.grammar import find_candidates, read_candidate
from dangjian.indicators.kinds import kind_in_plan_section, plan_section, quantity_kind
from dangjian.indicators.layouts import cell_subject, column_of, header_class, header_row, is_bare_cell, joined_header, row_cell, statistics_cell, table_cell, table_header
from dangjian.indicators.results import NotAQuantity, Quantity, Reason, plain_decimal
from dangjian.indicators.subjects import frame_holds, frame_parts, heading_frame, label_subjects, opens_own_total, topic_frame, total_frame
from dangjian.indicators.taxonomy import Taxonomy, load_taxonomy
from dangjian.indicators.thresholds import threshold_flags
from dangjian.segmentation.pipeline import ProcessedCorpus, ProcessedDocument
from dangjian.project.schema import EXCLUDED_COLUMNS, INDICATOR_DTYPES
from dangjian.project.schema import INDICATOR_COLUMNS as COLUMNS

#: The fields of a row of each table as its sentence is read, in this order (the document id is
#: added per batch, the raw spans through the offset map per batch).
_QUANTITY_FIELDS = (
    "sentence_id", "start", "end", "surface", "value", "multiplier", "value_norm", "unit", "unit_class", "approx", "value_high",
    "qualifier", "threshold", "subject", "kind", "core_id", "confidence", "indicator", "indicator_zh", "indicator_en", "category",
    "sentence",
)
_EXCLUDED_FIELDS = ("sentence_id", "start", "end", "surface", "reason", "detail", "sentence")
#: Sentences read at a time, and rows held as Python objects before they are packed into a table:
#: a document of hundreds of megabytes is read with the memory of one batch.
BATCH_SENTENCES = 50_000
BATCH_ROWS = 50_000
_CLAUSE_BREAK = re.compile(r"[，。；！？,;!?\n]")
#: Unit classes whose unit introduces the noun after it (3个村, 148名干部, 2次印发).
CLASSIFIER_CLASSES = ("count", "person", "person_time", "times")


def read_text(text: str, row: bool = False) -> list[Quantity | NotAQuantity]:
    """Every number of ``text`` with its verdict: a :class:`Quantity` or a :class:`NotAQuantity`.
    With ``row``, ``text`` is a row of a table under a header, and a bare number that fills a cell
    is a quantity (:func:`row_cell`).

    Example:
        >>> [(r.surface, bool(r)) for r in read_text("2023年全镇21个村，落实“三会一课”")]
        [('2023年', False), ('21个', True)]
        >>> [(r.surface, bool(r)) for r in read_text("正式党员120，预备党员15，5221模式")]
        [('120', True), ('15', True), ('5221', False)]
        >>> [(r.surface, bool(r)) for r in read_text("城关镇 1520 380", row=True)]
        [('1520', True), ('380', True)]
    """
    results: list[Quantity | NotAQuantity] = []
    context: SentenceContext | None = None
    for candidate in find_candidates(text):
        verdict = read_candidate(candidate)
        if isinstance(verdict, NotAQuantity) and verdict.reason is Reason.NO_UNIT:
            verdict = statistics_cell(candidate) or table_cell(candidate) or (row and row_cell(candidate)) or verdict  # 正式党员120，党总支：2，| 男性 | 689 |
        if isinstance(verdict, Quantity):
            context = context or SentenceContext.of(text)
            excluded = exclude(candidate, context)
            if excluded is not None:
                verdict = excluded
        results.append(verdict)
    return _share_listed_units(text, results) if "、" in text or "分别" in text or "个和" in text or "个与" in text or "个及" in text else results


#: The longest line taken for a cell or a header of a table laid out one cell a line.
_TABLE_CELL_CHARS = 16
_PLAN_HEADER = re.compile(r"^[^，。；,;：:0-9]{0,12}(?:计划|计划数|指标|指导数|目标数)$")


def is_plan_header(text: str) -> bool:
    """Is ``text`` (a line without a number) the header of a table column of planned numbers?

    Example:
        >>> is_plan_header("学生发展计划"), is_plan_header("发展党员指标"), is_plan_header("经济与政法学院")
        (True, True, False)
        >>> is_plan_header("现将年度计划通知如下，请参照计划开展工作")
        False
    """
    return _PLAN_HEADER.match(text.strip()) is not None


#: What a line needs to be a row of a table: a space or a bar between its cells.
_MAYBE_ROW = re.compile(r"[ \u3000|｜]")
#: The end of a line that opens a list on the lines after it (其中：, 具体如下:).
_OPENS_LIST = re.compile(r"[:：][ \u3000]*$")
#: A row of a table drawn with bars.
_TABLE_ROW = re.compile(r"^[ \u3000]*[|｜]")
#: The start of a line that goes on with the paragraph before (其中：, 其中女党员…).
_GOES_ON = re.compile(r"^[ \u3000]*其中")


def _in_column(quantity: Quantity, unit_class: str) -> Quantity:
    """A bare cell with the unit class its column's header gives (``%`` its unit in a column in percent)."""
    if not unit_class:
        return quantity
    return replace(quantity, unit_class=unit_class, unit="%" if unit_class == "percent" else quantity.unit)


def list_goes_on(previous: str, line: str, went_on: bool) -> bool:
    """Does ``line``, the first sentence of a paragraph, go on with the list the paragraph before
    opened, so that the group of that paragraph's total still holds? It does after a line ending
    with a colon (``党员总数：854人`` / ``其中：`` / ``| 女性 | 165 |``), for the next rows of a table
    that went on so, and when the line opens with 其中. ``previous`` is the last sentence of the
    paragraph before, ``went_on`` whether that paragraph went on itself.

    Example:
        >>> list_goes_on("其中：", "| 女性 | 165 |", False), list_goes_on("| 女性 | 165 |", "| 大专以上 | 196 |", True)
        (True, True)
        >>> list_goes_on("全县共有党员5222名。", "女性592名", False), list_goes_on("| 女性 | 165 |", "| 大专以上 | 196 |", False)
        (False, False)
        >>> list_goes_on("全县共有党员5222名。", "其中：", False)
        True
    """
    if _OPENS_LIST.search(previous) or _GOES_ON.match(line):
        return True
    return went_on and bool(_TABLE_ROW.match(previous)) and bool(_TABLE_ROW.match(line))


#: A bare number of a list, before the 、 that leads to the next number (15.6、6.5、0.1个百分点).
_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LIST_MARK = re.compile(r"\s*、\s*")
#: 和, 及 or 与 between the last two numbers of a list that 分别 opens (分别提高7.9和8.1个百分点).
_LAST_LIST_MARK = re.compile(r"\s*(?:和|及|与)\s*")
_RESPECTIVELY_BEFORE = re.compile(r"分别[^，。；,;]{0,8}$")
#: What before a number makes it an ordinal of a list (第1、2、3名), not a count.
_ORDINAL_LIST = re.compile(r"第\s*(?:[0-9]+(?:\.[0-9]+)?\s*、\s*)*$")


def _share_listed_units(text: str, results: list[Quantity | NotAQuantity]) -> list[Quantity | NotAQuantity]:
    """Bare numbers listed with 、 before a number with a unit share its multiplier and unit:
    ``分别提高15.6、6.5、0.1个百分点`` gives three changes in 百分点. A bare number a hundred times
    the figure before the multiplier or more is written out in full (``选树500、3000、1万个``), and
    shares the unit only.

    Example:
        >>> [(r.surface, r.unit, float(r.value_norm)) for r in read_text("分别为1.5、2万名")]
        [('1.5', '名', 15000.0), ('2万名', '名', 20000.0)]
        >>> [(r.surface, bool(r)) for r in read_text("第1、2名")]
        [('1', False), ('2名', True)]
        >>> [(r.surface, r.unit) for r in read_text("村、社区办公活动场所面积分别提高7.9和8.1个百分点")]
        [('7.9', '百分点'), ('8.1个百分点', '百分点')]
        >>> [(r.surface, r.unit, r.unit_class) for r in read_text("分别提高2.5个和0.9个百分点")]
        [('2.5个', '百分点', 'percentage_points'), ('0.9个百分点', '百分点', 'percentage_points')]
        >>> [(r.surface, float(r.value_norm)) for r in read_text("分别选树500、3000、1万个")]
        [('500', 500.0), ('3000', 3000.0), ('1万个', 10000.0)]
    """
    for index in range(len(results) - 2, -1, -1):
        verdict, follower = results[index], results[index + 1]
        if (
            isinstance(follower, Quantity)
            and isinstance(verdict, NotAQuantity)
            and verdict.reason is Reason.NO_UNIT
            and _BARE_NUMBER.fullmatch(verdict.surface)
            and (
                _LIST_MARK.fullmatch(text, verdict.end, follower.start)
                or (_LAST_LIST_MARK.fullmatch(text, verdict.end, follower.start) and _respectively_listed(text, results, index))
            )
            and not _ORDINAL_LIST.search(text, max(0, verdict.start - 40), verdict.start)
        ):
            value = Decimal(verdict.surface)
            multiplier = follower.multiplier if value < 100 * follower.value else 1
            results[index] = Quantity(verdict.start, verdict.end, verdict.surface, value, multiplier, follower.unit, follower.unit_class)
        elif (
            isinstance(follower, Quantity)
            and isinstance(verdict, Quantity)
            and follower.unit == "百分点"
            and verdict.unit == "个"
            and (_LIST_MARK.fullmatch(text, verdict.end, follower.start) or _LAST_LIST_MARK.fullmatch(text, verdict.end, follower.start))
        ):
            results[index] = replace(verdict, unit=follower.unit, unit_class=follower.unit_class)  # 提高2.5个和0.9个百分点
    return results


def _respectively_listed(text: str, results: list[Quantity | NotAQuantity], index: int) -> bool:
    """Does 分别 open the list that the number ``results[index]`` is in (its bare numbers before
    it joined by 、)?

    Example:
        >>> _respectively_listed("分别提高7.9和8.1个百分点", read_text("分别提高7.9和8.1个百分点"), 0)
        True
    """
    first = index
    while first > 0 and _LIST_MARK.fullmatch(text, results[first - 1].end, results[first].start):
        first -= 1
    return bool(_RESPECTIVELY_BEFORE.search(text, max(0, results[first].start - 12), results[first].start))


def quantities(text: str) -> list[Quantity]:
    """The quantities of ``text`` (numbers that are indicators), in order.

    Example:
        >>> [q.surface for q in quantities("2024年选派第一书记2246名、“1 1”帮带")]
        ['2246名']
    """
    return [r for r in read_text(text) if isinstance(r, Quantity)]


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding ``[start, end)`` (between ，；。 …).

    Example:
        >>> clause_around("一是抓培训，共培训600人。", 9, 13)
        '共培训600人'
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[breaks[-1] if breaks else 0 : after.start() if after else len(text)]


def _resolve_taxonomy(taxonomy: Taxonomy | str | Path | None) -> Taxonomy:
    return taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy or None)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else np.nan


def _documents(source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument]) -> list[ProcessedDocument]:
    if isinstance(source, ProcessedDocument):
        return [source]
    return list(source)


#: A sentence as it is read: id, start in the clean text, text, paragraph id, and the line breaks
#: taken out of it (position in the text read, characters taken out there; see :func:`in_clean_text`).
Sentence = tuple[int, int, str, int, tuple[tuple[int, int], ...]]


def _sentence_batches(document: ProcessedDocument, size: int | None = None) -> Iterator[list[Sentence]]:
    """The sentences of a document (:data:`Sentence`), ``size`` (default :data:`BATCH_SENTENCES`)
    at a time, a sentence broken by the wrap of a printed line joined to its end
    (:func:`join_wrapped_lines`)."""
    sentences = document.segmentation.sentences
    size = size or BATCH_SENTENCES
    batch: list[Sentence] = []
    for sentence in join_wrapped_lines(_sentence_rows(sentences, size), document.cleaned.text):
        batch.append(sentence)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sentence_rows(sentences: pd.DataFrame, size: int) -> Iterator[tuple[int, int, str, int, bool]]:
    """``(sentence_id, start, text, paragraph_id, is_heading)`` of a sentence table, read ``size``
    rows at a time."""
    for begin in range(0, len(sentences), size):
        part = sentences if len(sentences) <= size else sentences.iloc[begin : begin + size]
        paragraphs = part["paragraph_id"].tolist() if "paragraph_id" in part else [0] * len(part)
        headings = part["is_heading"].tolist() if "is_heading" in part else [False] * len(part)
        yield from zip(part["sentence_id"].tolist(), part["start"].tolist(), part["text"].tolist(), paragraphs, headings)


def join_wrapped_lines(rows: Iterable[tuple[int, int, str, int, bool]], text: str) -> Iterator[Sentence]:
    """The sentences (:data:`Sentence`) of ``rows`` (id, start, text, paragraph id, heading flag)
    of the clean ``text``, where a sentence that a line wrap cut is joined to the first sentence of
    the next line: the line is running text (at least :data:`WRAPPED_LINE_CHARS` characters with a
    clause mark), ends inside a word, and the next line, no heading, goes on with a word or a
    number. The line break is taken out (a word cut by the wrap is whole again) and noted, so that
    offsets in the clean text can be given back; the line joined belongs to the paragraph of the
    line before.

    Example:
        >>> text = "至1993年底，发展新党员1564人，其中35岁以下年轻党\\n员1002人，占64.1%。\\n二、组织"
        >>> first, second = text.index("\\n"), text.rindex("\\n")
        >>> rows = [(0, 0, text[:first], 0, False), (1, first + 1, text[first + 1 : second], 1, False), (2, second + 1, "二、组织", 2, True)]
        >>> [(i, start, s[-17:], paragraph, joins) for i, start, s, paragraph, joins in join_wrapped_lines(rows, text)]
        [(0, 0, '年轻党员1002人，占64.1%。', 0, ((29, 1),)), (2, 45, '二、组织', 2, ())]
        >>> text = "一是抓发展，全年发展党员20名\\n二是抓培训，共培训党员300人次"
        >>> rows = [(0, 0, text[:15], 0, False), (1, 16, text[16:], 1, False)]
        >>> [s for _, _, s, _, _ in join_wrapped_lines(rows, text)]
        ['一是抓发展，全年发展党员20名', '二是抓培训，共培训党员300人次']
    """
    pending: Sentence | None = None  # the last sentence read, held to see the next line
    line_start, line, paragraph = 0, None, 0  # the current line: start, paragraph id, paragraph given
    for sentence_id, start, sentence, line_id, heading in rows:
        if line_id != line:
            joined = pending is not None and not heading and _wrapped(text, line_start, pending, start, sentence)
            if joined:
                held_id, held_start, held, paragraph, joins = pending
                gap = start - held_start - len(held) - sum(taken for _, taken in joins)
                pending = (held_id, held_start, held + sentence, paragraph, (*joins, (len(held), gap)))
            else:
                paragraph = line_id
            line_start, line = start, line_id
            if joined:
                continue
        if pending is not None:
            yield pending
        pending = (sentence_id, start, sentence, paragraph, ())
        if heading:
            yield pending
            pending = None
    if pending is not None:
        yield pending


def _wrapped(text: str, line_start: int, held: Sentence, start: int, sentence: str) -> bool:
    """Does the line ending with the ``held`` sentence run on into ``sentence`` at ``start``?"""
    _, held_start, held_text, _, joins = held
    held_end = held_start + len(held_text) + sum(taken for _, taken in joins)
    return (
        held_end - line_start >= WRAPPED_LINE_CHARS
        and bool(PROSE_MARK.search(text, line_start, held_end))
        and bool(OPEN_LINE_END.search(held_text))
        and not QUANTITY_LINE_END.search(held_text)
        and bool(CONTINUED_LINE_START.match(sentence))
        and not ITEM_START.match(sentence)
        and not UNCLOSED_TITLE.search(held_text)
        and not text[held_end:start].strip()
    )


def in_clean_text(position: int, joins: tuple[tuple[int, int], ...], end: bool = False) -> int:
    """The offset in its sentence's clean text of a ``position`` of the sentence as read, the line
    breaks ``joins`` taken out of it given back (an ``end`` at a break stays before it).

    Example:
        >>> in_clean_text(30, ((27, 1),)), in_clean_text(27, ((27, 1),)), in_clean_text(27, ((27, 1),), end=True)
        (31, 28, 27)
    """
    for at, taken in joins:
        if position > at or (position == at and not end):
            position += taken
    return position


class _TableBuilder:
    """A table filled a batch of rows at a time, held as columns (one list per column, no object
    per row); every :data:`BATCH_ROWS` rows the columns are packed into a table of their own
    (numbers as arrays, text as Arrow strings), so that a document of hundreds of megabytes is read
    with the memory of one batch of Python objects. The tables are joined once at the end.

    Example:
        >>> builder = _TableBuilder(("doc_id", "start", "end", "raw_start", "raw_end", "raw_surface"), {"start": "int64"})
        >>> from dangjian.cleaning.clean import clean_text
        >>> cleaned = clean_text("3个村")
        >>> builder.add({"doc_id": ["d"], "start": [0], "end": [2]}, cleaned)
        >>> builder.frame().to_dict("records")
        [{'doc_id': 'd', 'start': 0, 'end': 2, 'raw_start': 0, 'raw_end': 2, 'raw_surface': '3个'}]
    """

    def __init__(self, columns: Sequence[str], dtypes: dict[str, str]):
        self.columns, self.dtypes = list(columns), dtypes
        self.pending: dict[str, list] = {column: [] for column in self.columns}
        self.rows = 0
        self.tables: list[pd.DataFrame] = []

    def add(self, batch: dict[str, list], cleaned: CleanResult) -> None:
        """Add a batch of rows of one document (one list per column, raw spans not yet set)."""
        starts, ends = batch["start"], batch["end"]
        if not starts:
            return
        raw_starts, raw_ends = (spans.tolist() for spans in cleaned.offset_map.to_raw_spans(starts, ends))
        raw_text = cleaned.raw_text
        batch = {**batch, "raw_start": raw_starts, "raw_end": raw_ends, "raw_surface": [raw_text[s:e] for s, e in zip(raw_starts, raw_ends)]}
        for column in self.columns:
            self.pending[column].extend(batch[column])
        self.rows += len(starts)
        if self.rows >= BATCH_ROWS:
            self._pack()

    def _pack(self) -> None:
        if self.rows:
            self.tables.append(pd.DataFrame(self.pending, columns=self.columns).astype(self.dtypes))
            self.pending, self.rows = {column: [] for column in self.columns}, 0

    def take(self, finish: bool = False) -> list[pd.DataFrame]:
        """The tables packed so far (and, with ``finish``, the pending rows), handed over: the
        builder forgets them."""
        if finish:
            self._pack()
        tables, self.tables = self.tables, []
        return tables

    def frame(self) -> pd.DataFrame:
        """The table (its columns typed as ``dtypes`` says, the text columns as pandas infers them)."""
        self._pack()
        if not self.tables:
            return pd.DataFrame([], columns=self.columns).astype(self.dtypes)
        return self.tables[0] if len(self.tables) == 1 else pd.concat(self.tables, ignore_index=True)


#: Characters at the start of a clean text that say what the document is about (its title and lead),
#: where a taxonomy entry's ``require_topic`` is looked for.
TOPIC_CHARS = 200


def document_topic(text: str) -> str:
    """What a document is about, for the taxonomy's ``require_topic``: the start of its clean text.

    Example:
        >>> document_topic("关于全区非公企业党建工作情况的汇报。我区157户定报工业企业……" * 20)[:17]
        '关于全区非公企业党建工作情况的汇报'
    """
    return text[:TOPIC_CHARS]


def _quantity_batches(
    document: ProcessedDocument, taxonomy: Taxonomy, excluded: list[tuple] | None = None
) -> Iterator[dict[str, list]]:
    """The rows of the quantities of a document, one batch of sentences at a time, as columns
    (raw spans not yet set). With ``excluded``, the rows of the numbers not reported (the fields
    of :func:`_excluded_batches`) are appended to it as each batch is read, so that one reading
    of the text gives both tables."""
    planned_table = False  # within a table: a column header names a plan (学生发展计划)
    planned_section = False  # under a heading that names targets (二、年度任务)
    header: tuple[str, ...] = ()  # the column headers of the table being read (单位 党员总数 女党员)
    header_above = False  # whether the sentence before was the header row
    carry, frame, paragraph = "", "", None  # within a paragraph: the last subject, the group a heading names
    whole: Quantity | None = None  # the total that set the frame, if a total did
    last, went_on = "", False  # the sentence before; whether its paragraph went on with a list opened before it
    doc_id = document.doc_id
    about = document_topic(document.cleaned.text)
    for sentences in _sentence_batches(document):
        rows: list[tuple] = []  # one tuple of _QUANTITY_FIELDS per row
        for position, (sentence_id, sentence_start, text, paragraph_id, joins) in enumerate(sentences):
            if paragraph_id != paragraph:
                went_on = list_goes_on(last, text, went_on)
                if not went_on:
                    carry, frame, whole = "", "", None
                paragraph = paragraph_id
            last = text
            was_header, header_above = header_above, False  # was the sentence before a table's header row?
            cells, columns_above = header_row(text, header)  # a row of a table under its column headers
            verdicts = read_text(text, row=bool(cells))
            found = [verdict for verdict in verdicts if isinstance(verdict, Quantity)]
            if excluded is not None and len(found) < len(verdicts):
                excluded.extend(
                    (sentence_id, sentence_start + in_clean_text(v.start, joins), sentence_start + in_clean_text(v.end, joins, end=True), v.surface, v.reason.value, v.detail, text)
                    for v in verdicts
                    if isinstance(v, NotAQuantity)
                )
            if len(text) > _TABLE_CELL_CHARS * 2:
                planned_table = False  # body text ends the table a header opened
            if not found:
                planned_section = plan_section(text, planned_section)
                below = table_header(text) if _MAYBE_ROW.search(text) else ()
                if was_header and below and not below[0] and len(below) == len(header):
                    header = joined_header(header, below)  # | 年份 | 离休干部 | over | | 总数 |: a header on two lines
                elif not cells:  # a row without numbers (城关镇 | — | —) keeps its table's header
                    header, header_above = below, bool(below)
                planned_table = planned_table or is_plan_header(text)
                heading = heading_frame(text)
                frame, whole = (heading, None) if heading else (frame, whole)
                continue
            topic = topic_frame(text)  # 从党员的职业看，…: the topic of this sentence and the next
            frame, whole = (topic, None) if topic else (frame, whole)
            if whole is not None and not whole_holds(whole, text[: found[0].outer[0]], found):
                frame, whole = "", None
            thresholds = threshold_flags(text, found)
            subjects = label_subjects(
                text, [q.outer for q in found], thresholds, [q.unit_class in CLASSIFIER_CLASSES for q in found], carry=carry, frame=frame
            )
            columns = [column_of(cells, q.start) for q in found] if cells else [0] * len(found)
            if cells:  # 城关镇 1520 380 under 单位 党员总数 女党员: the row's label and the column's header
                label = text[slice(*cells[0])]
                subjects = [cell_subject(label, columns_above[c]) if c else s for s, c in zip(subjects, columns)]
                found = [_in_column(q, header_class(columns_above[c]) or header_class(label)) if c and is_bare_cell(q) else q for q, c in zip(found, columns)]
            else:
                header = ()  # running text ends the table
            counted = [s for s, threshold in zip(subjects, thresholds) if s and not threshold]
            carry = counted[-1] if counted else ""
            # 全县共有党员5222名，…: the group of what follows; a count of units of another kind ends a frame
            total = total_frame(text[: found[0].outer[0]], subjects[0])
            if total:
                frame, whole = total, found[0]
            elif counted and not frame_holds(frame, counted[0]):
                frame, whole = "", None
            measured_in = listed_with_measure_after(text, sentences, position)
            for quantity, subject, threshold, column in zip(found, subjects, thresholds, columns):
                clause = clause_around(text, quantity.start, quantity.end)
                kind = quantity_kind(text, quantity.outer[0], quantity.unit_class, quantity.surface)
                if planned_section:
                    kind = kind_in_plan_section(kind, text[: quantity.outer[0]])  # under 二、年度任务
                if planned_table and not quantity.unit and len(text) <= _TABLE_CELL_CHARS or column and is_plan_header(columns_above[column]):
                    kind = "target"  # a cell under a header that names a plan
                counted_as = quantity.unit_class
                if whole is not None and is_bare_cell(quantity) and subject.startswith(frame_parts(frame)[0] + "中"):
                    counted_as = whole.unit_class  # | 女性 | 165 | under 党员总数：854人: members, as the total
                mapping = taxonomy.assign(subject, clause, measured_in, counted_as, kind, about) if not threshold else None
                indicator = mapping.indicator if mapping else None
                rows.append((
                    sentence_id, sentence_start + in_clean_text(quantity.start, joins), sentence_start + in_clean_text(quantity.end, joins, end=True), quantity.surface,
                    float(quantity.value), quantity.multiplier, float(quantity.value_norm), quantity.unit, quantity.unit_class,
                    quantity.approx, _number(quantity.value_high), quantity.qualifier, threshold, subject, kind,
                    indicator.core if indicator else "", mapping.confidence if mapping else 0.0, indicator.id if indicator else "",
                    indicator.zh if indicator else "", indicator.en if indicator else "", indicator.category if indicator else "", text,
                ))  # fmt: skip
        yield _columns(doc_id, _QUANTITY_FIELDS, rows)


#: A sentence opening with the scope of a place or unit (全镇党员…, 本单位…) makes a statement of its own.
_OWN_SCOPE = re.compile(r"^[^，。；0-9０-９]{0,6}?(?:全[省市区县州旗镇乡村]|全体|本[单部]位|我[省市区县镇乡村局])")


def whole_holds(whole: Quantity, left: str, found: Sequence[Quantity]) -> bool:
    """Is the total of an earlier sentence (``whole``) still the whole of the numbers of the next
    one (``left``: the sentence up to its first number, ``found``: its quantities)? Not when the
    sentence opens with a total or a scope of its own or with a measure of another kind (money, not
    people; an age or a share may be of the group), nor when it counts more of the same class than
    the total holds: a part is never larger than its whole.

    Example:
        >>> whole = quantities("今年全镇发展党员12名")[0]
        >>> whole_holds(whole, "女党员", quantities("女党员5名")), whole_holds(whole, "女党员", quantities("女党员86名"))
        (True, False)
        >>> whole_holds(whole, "全镇共有女党员", quantities("全镇共有女党员8名")), whole_holds(whole, "全镇党员平均年龄", quantities("全镇党员平均年龄52岁"))
        (False, False)
        >>> whole_holds(whole, "村集体经济年收入", quantities("村集体经济年收入15万元"))
        False
    """
    if opens_own_total(left) or _OWN_SCOPE.match(left) or found[0].unit_class not in (whole.unit_class, "percent", "age_years") and not is_bare_cell(found[0]):
        return False
    return not any((q.unit_class == whole.unit_class or is_bare_cell(q)) and q.value_norm > whole.value_norm for q in found)


#: A sentence that only lists named sums and breaks off (丰乐村50万元、夏桐村15万元……): what the sums
#: measure is said in the sentence after it.
_BARE_LIST = re.compile(r"(?:[\u4e00-\u9fff]{1,8}[0-9]+(?:\.[0-9]+)?[万亿]?元[、，,]?)+(?:…+|\.{3,}|等)")


def listed_with_measure_after(text: str, sentences: Sequence[Sentence], position: int) -> str:
    """The sentence a quantity's mapping reads: ``text``, or, for a bare list of named sums that
    breaks off, ``text`` with the next sentence of its paragraph, which says what they measure.

    Example:
        >>> first, second = "东岭村32万元、西岭村18万元……", "镇长宣布各村集体经济收入均达到5万元以上。"
        >>> listed_with_measure_after(first, [(0, 0, first, 0, ()), (1, 16, second, 0, ())], 0) == first + second
        True
        >>> listed_with_measure_after(second, [(1, 16, second, 0, ())], 0) == second
        True
    """
    if not text.endswith(("…", "...", "等")) or position + 1 >= len(sentences) or not _BARE_LIST.fullmatch(text):
        return text
    following = sentences[position + 1]
    return text + following[2] if following[3] == sentences[position][3] else text


def _excluded_batches(document: ProcessedDocument) -> Iterator[dict[str, list]]:
    """The rows of the numbers of a document that are not reported, with the reason, one batch of
    sentences at a time, as columns (raw spans not yet set)."""
    for sentences in _sentence_batches(document):
        rows = [
            (sentence_id, sentence_start + in_clean_text(verdict.start, joins), sentence_start + in_clean_text(verdict.end, joins, end=True), verdict.surface, verdict.reason.value, verdict.detail, text)
            for sentence_id, sentence_start, text, _, joins in sentences
            for verdict in read_text(text)
            if isinstance(verdict, NotAQuantity)
        ]
        yield _columns(document.doc_id, _EXCLUDED_FIELDS, rows)


def _columns(doc_id: str, fields: Sequence[str], rows: list[tuple]) -> dict[str, list]:
    """Rows (tuples of ``fields``) of one document as one list per column, with its ``doc_id``.

    Example:
        >>> _columns("d", ("start", "surface"), [(0, "3个"), (5, "7名")])
        {'start': [0, 5], 'surface': ['3个', '7名'], 'doc_id': ['d', 'd']}
    """
    columns = {field: list(values) for field, values in zip(fields, zip(*rows))} if rows else {field: [] for field in fields}
    columns["doc_id"] = [doc_id] * len(rows)
    return columns


def extract(
    source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument],
    taxonomy: Taxonomy | str | Path | None = None,
) -> pd.DataFrame:
    """The indicator table of processed documents: one row per quantitative mention.

    ``taxonomy`` is a :class:`Taxonomy`, the path of a taxonomy YAML file, or None / "" for the
    shipped one. Rows are in document order, then by position.

    Example:
        >>> from dangjian.segmentation.pipeline import process_corpus
        >>> table = extract(process_corpus("data/raw"))            # doctest: +SKIP
        >>> table.loc[0, ["surface", "value_norm", "unit_class"]]  # doctest: +SKIP
    """
    resolved = _resolve_taxonomy(taxonomy)
    builder = _TableBuilder(COLUMNS, INDICATOR_DTYPES)
    for document in _documents(source):
        for batch in _quantity_batches(document, resolved):
            builder.add(batch, document.cleaned)
    return builder.frame()


def extract_with_excluded(
    source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument],
    taxonomy: Taxonomy | str | Path | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`extract` and :func:`excluded_numbers` from one reading of the text (what the
    process step writes: each sentence's numbers are read once, not twice).

    Example:
        >>> from dangjian.reading.corpus import Document
        >>> from dangjian.segmentation.pipeline import process_document
        >>> doc = process_document(Document("d", Path("d.txt"), "2024年全县新建党组织21个。", "utf-8"))
        >>> table, excluded = extract_with_excluded(doc)
        >>> table["surface"].tolist(), excluded["surface"].tolist()
        (['21个'], ['2024年'])
    """
    resolved = _resolve_taxonomy(taxonomy)
    builder, excluded_builder = _TableBuilder(COLUMNS, INDICATOR_DTYPES), _TableBuilder(EXCLUDED_COLUMNS, {})
    for document in _documents(source):
        for _ in _fill_both(document, resolved, builder, excluded_builder):
            pass
    return builder.frame(), excluded_builder.frame()


def _fill_both(document: ProcessedDocument, taxonomy: Taxonomy, builder: _TableBuilder, excluded_builder: _TableBuilder) -> Iterator[None]:
    """Add a document's quantities and excluded numbers to the two builders, from one reading of
    each batch of sentences; yield after each batch."""
    sink: list[tuple] = []
    for batch in _quantity_batches(document, taxonomy, sink):
        builder.add(batch, document.cleaned)
        excluded_builder.add(_columns(document.doc_id, _EXCLUDED_FIELDS, sink), document.cleaned)
        sink.clear()
        yield


def iter_extract_with_excluded(
    document: ProcessedDocument, taxonomy: Taxonomy | str | Path | None = None
) -> Iterator[tuple[list[pd.DataFrame], list[pd.DataFrame]]]:
    """:func:`extract_with_excluded` of one document a batch of rows at a time (the frames of
    indicators and of excluded numbers packed since the last batch), so that the tables of a
    document of hundreds of megabytes can be written as they are made; the frames joined are
    the tables of :func:`extract_with_excluded`.

    Example:
        >>> from dangjian.reading.corpus import Document
        >>> from dangjian.segmentation.pipeline import process_document
        >>> doc = process_document(Document("d", Path("d.txt"), "2024年全县新建党组织21个。", "utf-8"))
        >>> [(len(t), len(e)) for t, e in iter_extract_with_excluded(doc) if t or e]
        [(1, 1)]
    """
    builder, excluded_builder = _TableBuilder(COLUMNS, INDICATOR_DTYPES), _TableBuilder(EXCLUDED_COLUMNS, {})
    for _ in _fill_both(document, _resolve_taxonomy(taxonomy), builder, excluded_builder):
        yield builder.take(), excluded_builder.take()
    yield builder.take(finish=True), excluded_builder.take(finish=True)


def excluded_numbers(source: ProcessedCorpus | ProcessedDocument | Iterable[ProcessedDocument]) -> pd.DataFrame:
    """The numbers that were read and not reported, with the reason (for auditing the rules).

    Example:
        >>> from dangjian.segmentation.pipeline import process_corpus
        >>> excluded_numbers(process_corpus("data/raw"))["reason"].value_counts()  # doctest: +SKIP
    """
    builder = _TableBuilder(EXCLUDED_COLUMNS, {})
    for document in _documents(source):
        for batch in _excluded_batches(document):
            builder.add(batch, document.cleaned)
    return builder.frame()


def for_export(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``value``, ``value_norm`` and ``value_high`` as plain decimal text (no
    exponent, no trailing zeros, empty when missing), as written to CSV and Excel.

    Example:
        >>> for_export(pd.DataFrame({"value": [1.64], "value_norm": [164000000.0], "value_high": [np.nan]})).iloc[0].tolist()
        ['1.64', '164000000', '']
    """
    exported = table.copy()
    for column in ("value", "value_norm", "value_high"):
        if column in exported:
            exported[column] = [plain_decimal(None if pd.isna(v) else Decimal(repr(float(v)))) for v in exported[column]]
    return exported
