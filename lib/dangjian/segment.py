"""Segmentation of a clean text into sections, paragraphs and sentences, with offsets.

Headings are recognised by form, not by document: numbered (``一、``, ``（一）``, ``1.``,
``（1）``) at the start of a line or right after a sentence end inside a long line, and short
unpunctuated title lines (``增强政治功能``). ``一是 / 二是`` enumerations label the sentences of
their item. Every unit carries its document, its section path and ``[start, end)`` offsets into
the clean text (``text[start:end]`` is the unit's text).

Example:
    >>> seg = segment("d", "标题\\n一、加强组织建设。一是抓培训。共培训600人。二是抓阵地。")
    >>> seg.sentences[["text", "section_path", "enumeration"]].values.tolist()[2:4]
    [['一是抓培训。', '一、加强组织建设', '一是'], ['共培训600人。', '一、加强组织建设', '一是']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

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


def _heading_level_at(text: str, position: int) -> int | None:
    """:func:`heading_level` of ``text[position:]``, without copying the rest of the text."""
    for level, marker in HEADING_MARKERS:
        if marker.match(text, position):
            return level
    return None


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
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        cuts = [0]
        for match in _AFTER_SENTENCE_END.finditer(line):
            level = _heading_level_at(line, match.end())
            if level in (1, 2) or (level and match.group()):
                cuts.append(match.end())
        cuts.append(len(line))
        for start, end in zip(cuts, cuts[1:]):
            segment_text = line[start:end]
            stripped_start = start + len(segment_text) - len(segment_text.lstrip())
            stripped_end = start + len(segment_text.rstrip())
            if stripped_end > stripped_start:
                spans.append((position + stripped_start, position + stripped_end))
        position += len(line) + 1
    return spans


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
    pieces: list[tuple[int, int, bool]] = []
    cursor = start
    for match in [*_SENTENCE_END.finditer(text, start, end), None]:
        stop = match.end() if match else end
        capped = cap_length(text, cursor, stop, limit)
        pieces.extend((s, e, len(capped) > 1) for s, e in capped)
        cursor = stop
    trimmed = []
    for s, e, cut in pieces:
        chunk = text[s:e]
        s2 = s + len(chunk) - len(chunk.lstrip())
        e2 = s + len(chunk.rstrip())
        if e2 > s2:
            trimmed.append((s2, e2, cut))
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
    paragraph = text[start:end]
    if heading_level(paragraph) is None:
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
    spans = split_paragraphs(text)
    for index, (start, end) in enumerate(spans):
        paragraph = text[start:end]
        heading = _heading_span(text, start, end)
        kind = "body"
        level = None
        if heading:
            level = heading_level(paragraph)
            kind = "heading" if heading == (start, end) or text[heading[0] : heading[1]].rstrip("。") == paragraph.rstrip("。") else "body"
            heading_text = text[heading[0] : heading[1]].rstrip("。；;，,")
        elif index == 0 and len(spans) > 1 and len(paragraph) <= 60 and not re.search("[。！？]$", paragraph):
            level, kind, heading_text = 0, "title", paragraph
        elif is_title_line(paragraph) and index + 1 < len(spans):
            # unnumbered title lines; consecutive ones form one heading (title — subtitle)
            previous = text[spans[index - 1][0] : spans[index - 1][1]] if index else ""
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
    paragraphs = list(_walk(doc_id, text))
    sentences = []
    for paragraph in paragraphs:
        enumeration = ""
        for start, end, cut in sentence_spans(text, paragraph["start"], paragraph["end"]):
            sentence = text[start:end]
            item = _ENUMERATION.match(sentence)
            if item:
                enumeration = item.group().rstrip("，,、")
            sentences.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": len(sentences),
                    "paragraph_id": paragraph["paragraph_id"],
                    "start": start,
                    "end": end,
                    "is_heading": end <= paragraph["heading_end"],
                    "section_path": paragraph["section_path"],
                    "enumeration": enumeration,
                    "cut_for_length": cut,
                    "text": sentence,
                }
            )
    sections = [
        {
            "doc_id": doc_id,
            "section_id": i,
            "level": p["heading_level"],
            "heading": p["section_path"].split(" > ")[-1],
            "section_path": p["section_path"],
            "start": p["start"],
        }
        for i, p in enumerate(q for q in paragraphs if q["opens_section"])
    ]
    for p in paragraphs:  # a subtitle line completes the heading of the section it continues
        if p["heading_level"] and not p["opens_section"] and p["kind"] != "title" and sections:
            opened = [s for s in sections if s["start"] < p["start"]][-1]
            opened["heading"] = opened["section_path"] = p["section_path"]
    for i, section in enumerate(sections):
        section["end"] = sections[i + 1]["start"] if i + 1 < len(sections) else len(text)
    for p in paragraphs:
        del p["heading_end"], p["opens_section"]
    return SegmentRecords(sections, paragraphs, sentences)


def segment(doc_id: str, text: str) -> Segmentation:
    """Segment one clean text into sections, paragraphs and sentences (tidy tables).

    Example:
        >>> seg = segment("d", "增强政治功能\\n压紧责任\\n全市共建立联系点3799个。")
        >>> seg.paragraphs["kind"].tolist(), seg.sentences["section_path"].tolist()[-1]
        (['title', 'heading', 'body'], '压紧责任')
    """
    return Segmentation.from_records(segment_records(doc_id, text))


#: Columns of the paragraph, sentence and section tables, in order.
PARAGRAPH_COLUMNS = ("doc_id", "paragraph_id", "start", "end", "kind", "heading_level", "section_path", "text")
SENTENCE_COLUMNS = (
    "doc_id", "sentence_id", "paragraph_id", "start", "end", "is_heading", "section_path", "enumeration",
    "cut_for_length", "text",
)
SECTION_COLUMNS = ("doc_id", "section_id", "level", "heading", "section_path", "start", "end")
