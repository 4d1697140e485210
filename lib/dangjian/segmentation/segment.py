"""Segmentation of a clean text into sections, paragraphs and sentences, with offsets.

Headings are recognised by form, not by document: numbered (``一、``, ``（一）``, ``1.``,
``（1）``) at the start of a line or right after a sentence end inside a long line, and short
unpunctuated title lines (``增强政治功能``). ``一是 / 二是`` enumerations label the sentences of
their item. Every unit carries its document, its section path and ``[start, end)`` offsets into
the clean text (``text[start:end]`` is the unit's text).

The text is walked once, paragraph by paragraph, with offsets rather than copies, and the tables
are built column by column, so that a document of hundreds of megabytes needs little more memory
than its units' texts.

Example:
    >>> seg = segment("d", "标题\\n一、加强组织建设。一是抓培训。共培训600人。二是抓阵地。")
    >>> seg.sentences[["text", "section_path", "enumeration"]].values.tolist()[2:4]
    [['一是抓培训。', '一、加强组织建设', '一是'], ['共培训600人。', '一、加强组织建设', '一是']]
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dangjian.project.schema import PARAGRAPH_COLUMNS, SECTION_COLUMNS, SENTENCE_COLUMNS

_NUMERAL = "一二三四五六七八九十百零〇两"
#: Heading markers by level: 一、 > （一） > 1. > （1）
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[{_NUMERAL}]{{1,3}}、")),
    (2, re.compile(rf"[（(][{_NUMERAL}]{{1,3}}[）)]")),
    (3, re.compile(r"\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
)
_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)》]*|[；;](?=\s*[（(]?[一二三四五六七八九十\d]{1,2}[是）)、])")
_ENUMERATION = re.compile(rf"^[{_NUMERAL}]{{1,3}}是|^第[{_NUMERAL}]{{1,3}}[，,、]|^其[{_NUMERAL}][，,、]|^首先[，,]|^最后[，,]")
_AFTER_SENTENCE_END = re.compile(r"(?<=[。！？；”])\s*(?=\S)")
_MAX_HEADING = 40
_MAX_TITLE_LINE = 30
#: Longest sentence kept whole. The genre's longest real sentences have a few hundred characters;
#: a longer stretch without 。！？ (punctuation lost in a scrape) is cut at clause breaks, so that
#: later stages, which carry each sentence beside every number in it, stay linear in the text.
MAX_SENTENCE_CHARS = 500
_CLAUSE_BREAK = re.compile(r"[，,；;：:、]+|\s+")
_DIGIT = re.compile(r"[0-9０-９]")
_NUMBER_CHAR = re.compile(r"[0-9０-９.．%％万亿千百十零〇一二三四五六七八九两]")


@dataclass
class Segmentation:
    """The units of one document (or of several) as tidy tables."""

    sections: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame

    @classmethod
    def from_records(cls, records: SegmentRecords | Iterable[SegmentRecords]) -> Segmentation:
        """Tables of one or several documents' :class:`SegmentRecords` (rows in the given order).

        Building the tables of many documents at once is much cheaper than one table per document.

        Example:
            >>> both = Segmentation.from_records([segment_records("a", "甲。乙。"), segment_records("b", "丙。")])
            >>> both.sentences[["doc_id", "text"]].values.tolist()
            [['a', '甲。'], ['a', '乙。'], ['b', '丙。']]
        """
        batch = [records] if isinstance(records, SegmentRecords) else list(records)
        return cls(
            _frame([row for r in batch for row in r.sections], SECTION_COLUMNS, nullable_int="level"),
            _frame([row for r in batch for row in r.paragraphs], PARAGRAPH_COLUMNS, nullable_int="heading_level"),
            _frame([row for r in batch for row in r.sentences], SENTENCE_COLUMNS),
        )


    @classmethod
    def _from_columns(cls, columns: _Columns) -> Segmentation:
        """The tables of one document's :class:`_Columns`."""
        return cls(
            _frame(columns.sections, SECTION_COLUMNS, nullable_int="level"),
            _column_frame(columns.paragraphs, PARAGRAPH_COLUMNS, nullable_int="heading_level"),
            _column_frame(columns.sentences, SENTENCE_COLUMNS),
        )


#: The dtype pandas gives a column of strings. When it keeps them in Arrow (pandas 3), the texts of
#: a table are moved into Arrow buffers batch by batch while the rows are collected (:class:`_Strings`).
_STRING_DTYPE = pd.Series(["x"]).dtype
_ARROW_STRINGS = isinstance(_STRING_DTYPE, pd.StringDtype) and _STRING_DTYPE.storage == "pyarrow"
_BATCH_ROWS = 1 << 14


class _Strings:
    """A column of strings. With ``arrow``, every :data:`_BATCH_ROWS` strings are encoded into one
    Arrow chunk and let go, so that the strings of a long document (and the UTF-8 copy that
    CPython keeps of each one it hands to Arrow) never pile up.

    Example:
        >>> column = _Strings(arrow=_ARROW_STRINGS)
        >>> column.append("党建"); column.append("引领")
        >>> list(column.values()), len(column)
        (['党建', '引领'], 2)
    """

    def __init__(self, arrow: bool) -> None:
        self.arrow = arrow
        self.pending: list[str] = []
        self.chunks: list = []
        self.flushed = 0

    def __len__(self) -> int:
        return self.flushed + len(self.pending)

    def append(self, value: str) -> None:
        self.pending.append(value)
        if self.arrow and len(self.pending) >= _BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        encoded = [value.encode("utf-8") for value in self.pending]  # a lone surrogate raises, as in pandas
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(value) for value in encoded], out=offsets[1:])
        data = b"".join(encoded)
        del encoded
        self.chunks.append(pa.LargeStringArray.from_buffers(len(self.pending), pa.py_buffer(offsets), pa.py_buffer(data)))
        self.flushed += len(self.pending)
        self.pending = []

    def values(self) -> list[str] | pd.api.extensions.ExtensionArray:
        """The column: a list of strings, or (``arrow``) pandas' string array of the Arrow chunks."""
        if not self.arrow:
            return self.pending
        import pyarrow as pa

        if self.pending or not self.chunks:
            self._flush()
        return pd.array(pa.chunked_array(self.chunks, type=pa.large_string()), dtype=_STRING_DTYPE)


def _column_frame(data: dict[str, list | array | _Strings], columns: tuple[str, ...], nullable_int: str | None = None) -> pd.DataFrame:
    """:func:`_frame` of columns (lists, arrays of integers or booleans, strings) rather than rows."""
    if not len(data[columns[0]]):
        return _frame([], columns, nullable_int)
    frame_data: dict[str, object] = {}
    for column in columns:
        values = data[column]
        if isinstance(values, array):
            values = np.frombuffer(values, dtype=np.int64 if values.typecode == "q" else np.bool_)
        elif isinstance(values, _Strings):
            values = values.values()
        frame_data[column] = values
    if nullable_int:
        frame_data[nullable_int] = pd.array(frame_data[nullable_int], dtype="Int64")
    return pd.DataFrame(frame_data, columns=list(columns))


def _frame(rows: list[dict], columns: tuple[str, ...], nullable_int: str | None = None) -> pd.DataFrame:
    """A DataFrame of row dicts, built column by column (``nullable_int`` as pandas ``Int64``)."""
    if not rows:
        frame = pd.DataFrame(rows, columns=list(columns))
        return frame.astype({nullable_int: "Int64"}) if nullable_int else frame
    data: dict[str, object] = {column: [row[column] for row in rows] for column in columns}
    if nullable_int:
        data[nullable_int] = pd.array(data[nullable_int], dtype="Int64")
    return pd.DataFrame(data, columns=list(columns))


def heading_level(text: str) -> int | None:
    """Level of a numbered heading marker at the start of ``text``, else None.

    Example:
        >>> heading_level("一、坚持固本强基"), heading_level("（二）锻强队伍"), heading_level("一是抓教育")
        (1, 2, None)
    """
    return _heading_level_at(text, 0)


def _heading_level_at(text: str, position: int, end: int | None = None) -> int | None:
    """:func:`heading_level` of ``text[position:end]``, without copying the text."""
    end = len(text) if end is None else end
    for level, marker in HEADING_MARKERS:
        if marker.match(text, position, end):
            return level
    return None


def _strip_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of ``text[start:end].strip()`` in ``text``, without copying (empty: ``end, end``).

    Example:
        >>> _strip_bounds(" 甲乙 ", 0, 4), _strip_bounds("   ", 0, 3)
        ((1, 3), (3, 3))
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_title_line(line: str) -> bool:
    """A short line without sentence punctuation: an unnumbered heading such as 增强政治功能.

    Example:
        >>> is_title_line("增强政治功能"), is_title_line("全市培训党员2.1万人次。")
        (True, False)
    """
    stripped = line.strip()
    return 0 < len(stripped) <= _MAX_TITLE_LINE and not re.search(r"[。！？；，,;!?]", stripped)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: one per line, and a long line is split before each numbered heading
    that follows a sentence end (a report pasted onto one line keeps its structure).

    Example:
        >>> t = "前言。 一、甲。乙。 二、丙。"
        >>> [t[s:e] for s, e in split_paragraphs(t)]
        ['前言。', '一、甲。乙。', '二、丙。']
    """
    return list(_paragraph_spans(text))


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of :func:`split_paragraphs` one by one, found in place (no copy of a line)."""
    position = 0
    while True:
        newline = text.find("\n", position)
        line_end = len(text) if newline < 0 else newline
        cuts = [position]
        for match in _AFTER_SENTENCE_END.finditer(text, position, line_end):
            level = _heading_level_at(text, match.end(), line_end)
            if level in (1, 2) or (level and match.group()):
                cuts.append(match.end())
        cuts.append(line_end)
        for start, end in zip(cuts, cuts[1:]):
            start, end = _strip_bounds(text, start, end)
            if end > start:
                yield start, end
        if newline < 0:
            return
        position = newline + 1


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]``: ends at 。！？… (with closing quotes), and at
    ；before a new enumeration item. Spaces around a sentence are excluded. A stretch longer than
    :data:`MAX_SENTENCE_CHARS` without a sentence end is cut by :func:`cap_length`.

    Example:
        >>> t = "抓培训。共培训“600人”。还有"
        >>> [t[s:e] for s, e in split_sentences(t)]
        ['抓培训。', '共培训“600人”。', '还有']
    """
    return [(s, e) for s, e, _ in sentence_spans(text, start, end)]


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int, bool]]:
    """:func:`split_sentences` with, for each span, whether it is a piece of a stretch that ran over
    ``limit`` characters without a sentence end and was cut (:func:`cap_length`).

    Example:
        >>> sentence_spans("甲乙丙丁戊己，庚辛。壬。", limit=8)
        [(0, 7, True), (7, 10, True), (10, 12, False)]
    """
    end = len(text) if end is None else end
    trimmed = []
    cursor = start
    for match in itertools.chain(_SENTENCE_END.finditer(text, start, end), [None]):
        stop = match.end() if match else end
        capped = cap_length(text, cursor, stop, limit)
        for s, e in capped:
            s, e = _strip_bounds(text, s, e)
            if e > s:
                trimmed.append((s, e, len(capped) > 1))
        cursor = stop
    return trimmed


def cap_length(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``limit`` characters.

    Each cut falls after the last clause break (，；：、 or a space) in the second half of the
    window, unless that break separates digits (``12,345``); with none there, at the limit, moved
    back so that it does not fall inside a number. A span within the limit is returned whole.

    Example:
        >>> t = "建立支部12个，覆盖党员3000名，开展活动50次"
        >>> [t[s:e] for s, e in cap_length(t, 0, len(t), limit=12)]
        ['建立支部12个，', '覆盖党员3000名，', '开展活动50次']
        >>> u = "组织党员12,345名"
        >>> [u[s:e] for s, e in cap_length(u, 0, len(u), limit=8)]
        ['组织党员', '12,345名']
    """
    if limit < 2:
        raise ValueError(f"a sentence length limit must be at least 2 characters, got {limit}")
    spans = []
    while end - start > limit:
        floor, window_end = start + limit // 2, start + limit
        cut = None
        for match in _CLAUSE_BREAK.finditer(text, floor, window_end):
            if not (_DIGIT.match(text, match.start() - 1) and _DIGIT.match(text, match.end())):
                cut = match.end()
        if cut is None:
            cut = window_end
            while cut > floor and _inside_number(text, cut):
                cut -= 1
            if _inside_number(text, cut):
                cut = window_end
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _inside_number(text: str, position: int) -> bool:
    """Whether ``position`` falls between two characters of a number (digits, 万, 两, 12,345 …)."""
    return _is_number_char(text, position - 1) and _is_number_char(text, position)


def _is_number_char(text: str, index: int) -> bool:
    """A digit, numeral or decimal point, or a thousands comma between two digits."""
    if not 0 <= index < len(text):
        return False
    if text[index] in ",，":
        return index > 0 and bool(_DIGIT.match(text, index - 1) and _DIGIT.match(text, index + 1))
    return bool(_NUMBER_CHAR.match(text, index))


def _heading_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The heading at the start of paragraph ``[start, end)``, if it opens with one."""
    if _heading_level_at(text, start, end) is None:
        return None
    sentences = split_sentences(text, start, end)
    head_start, head_end = sentences[0]
    if head_end - head_start > _MAX_HEADING:
        # a marker followed by a long sentence: the heading is the part before the first comma
        comma = re.search(r"[，,：:]", text[head_start:head_end])
        if not comma or comma.start() > _MAX_HEADING:
            return None
        head_end = head_start + comma.start()
    return head_start, head_end


def _walk(doc_id: str, text: str) -> Iterator[dict]:
    """Yield paragraph records with heading information and the running section path."""
    path: dict[int, str] = {}
    spans = _paragraph_spans(text)
    following = next(spans, None)
    index, previous = -1, ""
    while following is not None:
        (start, end), following = following, next(spans, None)
        index += 1
        has_next = following is not None
        paragraph = text[start:end]
        heading = _heading_span(text, start, end)
        kind = "body"
        level = None
        if heading:
            level = heading_level(paragraph)
            kind = "heading" if heading == (start, end) or text[heading[0] : heading[1]].rstrip("。") == paragraph.rstrip("。") else "body"
            heading_text = text[heading[0] : heading[1]].rstrip("。；;，,")
        elif index == 0 and has_next and len(paragraph) <= 60 and not re.search("[。！？]$", paragraph):
            level, kind, heading_text = 0, "title", paragraph
        elif is_title_line(paragraph) and has_next:
            # unnumbered title lines; consecutive ones form one heading (title — subtitle)
            level, kind, heading_text = 1, "heading", paragraph
            continues = bool(index) and is_title_line(previous) and path.get(1, "").endswith(previous)
            if continues:
                heading_text = f"{path[1]}——{paragraph}"
        else:
            continues = False
        if level is not None and level > 0:
            path = {k: v for k, v in path.items() if k < level}
            path[level] = heading_text
        yield {
            "doc_id": doc_id,
            "paragraph_id": index,
            "start": start,
            "end": end,
            "kind": kind,
            "heading_level": level,
            "heading_end": heading[1] if heading else (end if kind in ("heading", "title") else start),
            "section_path": " > ".join(path[k] for k in sorted(path)),
            "opens_section": bool(level) and kind != "title" and not (heading is None and continues),
            "text": paragraph,
        }
        previous = paragraph


@dataclass
class SegmentRecords:
    """The units of one document as lists of row dicts (the rows of :class:`Segmentation`'s tables).

    Cheaper than :class:`Segmentation` when many documents are collected into one table.
    """

    sections: list[dict]
    paragraphs: list[dict]
    sentences: list[dict]


def segment_records(doc_id: str, text: str) -> SegmentRecords:
    """Segment one clean text into rows of sections, paragraphs and sentences (plain dicts).

    The rows are those of :func:`segment`'s tables, with the same columns.

    Example:
        >>> records = segment_records("d", "增强政治功能\\n全市共建立联系点3799个。")
        >>> [(r["sentence_id"], r["section_path"], r["text"]) for r in records.sentences]
        [(0, '', '增强政治功能'), (1, '', '全市共建立联系点3799个。')]
    """
    columns = _segment_columns(doc_id, text, arrow=False)
    return SegmentRecords(columns.sections, _rows(columns.paragraphs, PARAGRAPH_COLUMNS), _rows(columns.sentences, SENTENCE_COLUMNS))


def _rows(data: dict[str, list | array | _Strings], columns: tuple[str, ...]) -> list[dict]:
    """Row dicts of columns (integers and booleans as Python values; strings not in Arrow)."""
    values = [data[c].tolist() if isinstance(data[c], array) else data[c].values() if isinstance(data[c], _Strings) else data[c] for c in columns]
    if columns == SENTENCE_COLUMNS:
        for name in ("is_heading", "cut_for_length"):
            values[columns.index(name)] = [bool(v) for v in values[columns.index(name)]]
    return [dict(zip(columns, row)) for row in zip(*values)]


@dataclass
class _Columns:
    """One document's units: sections as row dicts, paragraphs and sentences as columns."""

    sections: list[dict]
    paragraphs: dict[str, list | array | _Strings]
    sentences: dict[str, list | array | _Strings]


def _segment_columns(doc_id: str, text: str, arrow: bool = _ARROW_STRINGS) -> _Columns:
    """Segment one clean text in a single walk over its paragraphs (the work of :func:`segment`).

    Integers and flags are collected in arrays, strings in :class:`_Strings` (in Arrow if ``arrow``).
    """
    integer = ("paragraph_id", "start", "end", "sentence_id")
    flag = ("is_heading", "cut_for_length")

    def column(name: str) -> list | array | _Strings:
        if name in integer:
            return array("q")
        if name in flag:
            return array("b")
        return [] if name == "heading_level" else _Strings(arrow)

    paragraphs = {name: column(name) for name in PARAGRAPH_COLUMNS}
    sentences = {name: column(name) for name in SENTENCE_COLUMNS}
    sections: list[dict] = []
    sentence_id = 0
    for paragraph in _walk(doc_id, text):
        for column in PARAGRAPH_COLUMNS:
            paragraphs[column].append(paragraph[column])
        enumeration = ""
        path, heading_end, paragraph_id = paragraph["section_path"], paragraph["heading_end"], paragraph["paragraph_id"]
        for start, end, cut in sentence_spans(text, paragraph["start"], paragraph["end"]):
            sentence = text[start:end]
            item = _ENUMERATION.match(sentence)
            if item:
                enumeration = item.group().rstrip("，,、")
            for column, value in (
                ("doc_id", doc_id), ("sentence_id", sentence_id), ("paragraph_id", paragraph_id), ("start", start),
                ("end", end), ("is_heading", end <= heading_end), ("section_path", path), ("enumeration", enumeration),
                ("cut_for_length", cut), ("text", sentence),
            ):
                sentences[column].append(value)
            sentence_id += 1
        if paragraph["opens_section"]:
            sections.append(
                {
                    "doc_id": doc_id,
                    "section_id": len(sections),
                    "level": paragraph["heading_level"],
                    "heading": path.split(" > ")[-1],
                    "section_path": path,
                    "start": paragraph["start"],
                }
            )
        elif paragraph["heading_level"] and paragraph["kind"] != "title" and sections:
            # a subtitle line completes the heading of the section it continues
            sections[-1]["heading"] = sections[-1]["section_path"] = path
    for i, section in enumerate(sections):
        section["end"] = sections[i + 1]["start"] if i + 1 < len(sections) else len(text)
    return _Columns(sections, paragraphs, sentences)


def segment(doc_id: str, text: str) -> Segmentation:
    """Segment one clean text into sections, paragraphs and sentences (tidy tables).

    Example:
        >>> seg = segment("d", "增强政治功能\\n压紧责任\\n全市共建立联系点3799个。")
        >>> seg.paragraphs["kind"].tolist(), seg.sentences["section_path"].tolist()[-1]
        (['title', 'heading', 'body'], '压紧责任')
    """
    return Segmentation._from_columns(_segment_columns(doc_id, text))
