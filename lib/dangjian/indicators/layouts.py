"""Statistics laid out as a table: a bare number right after the label of what it counts.

Statistical bulletins and tables pasted as text give counts without a classifier:
``正式党员120，预备党员15``, ``党总支：2``, ``党员总数 1086  支部数 26``. Such a number is a quantity
when the label before it (a colon or spaces allowed in between) ends in a counted noun of the
genre (党员, 党组织, 党支部, 积极分子, 村, 社区 … optionally with 数/总数/人数) and a cell boundary
follows it (punctuation, a space, the end of the text); a colon or the bar of a table drawn with
``|`` may stand between them (``党员总数 | 1086 | 党支部数 | 26``). Its unit is empty (none is written); its
class is ``person`` for people and ``count`` for anything else. Codes, phone numbers and years
have no such label and stay excluded.

A table drawn with ``|`` also gives bare numbers whose label is no counted noun
(``| 男性 | 689 | 女性 | 165 |``), and a table laid out one cell a line gives numbers that stand
alone on their line (``经济与政法学院`` / ``|`` / ``25`` / ``|`` / ``1``; cleaning keeps such a number
only between the bars of its table): :func:`table_cell` reads both, with class ``other``, since
nothing says what is counted. A four-digit number from 1900 to 2099 may be a year and is left out.

A table with a header row (the readers of Word and HTML files write each row on one line, its cells
parted by bars; a scraped page or a text file may part them by spaces) says more: under
``单位 | 党员总数 | 女党员``, the row ``城关镇 | 1520 | 380`` gives 1520 that counts 城关镇党员总数 and
380 that counts 城关镇女党员, of the class the header names (:func:`table_header`,
:func:`header_row`, :func:`cell_subject`, :func:`header_class`, :func:`row_cell`).

Example:
    >>> from dangjian.indicators.grammar import find_candidates
    >>> text = "正式党员120，预备党员15；党总支：2；邮编：100000"
    >>> [(q.surface, q.unit_class) for q in map(statistics_cell, find_candidates(text)) if q]
    [('120', 'person'), ('15', 'person'), ('2', 'count')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from dangjian.indicators.grammar import Candidate
from dangjian.indicators.results import Quantity

#: Counted nouns of people that may head the label of a cell.
PERSON_LABELS = (
    "党员", "积极分子", "发展对象", "申请人", "网格员", "志愿者", "书记", "干部", "工作者", "指导员", "人员", "人才", "委员",
)
#: Counted nouns of organisations, places and units that may head the label of a cell.
COUNT_LABELS = (
    "党组织", "党委", "党总支", "党支部", "支部", "党小组", "党工委", "党组", "村", "社区", "网格", "企业", "社会组织",
    "单位", "乡镇", "街道", "户", "阵地", "中心", "站点",
)
#: What may follow the noun in a label: 党员总数, 支部数, 党员人数.
LABEL_SUFFIXES = ("总数", "总量", "数量", "人数", "个数", "数")
_LABEL = re.compile(
    rf"(?:{'|'.join(sorted(PERSON_LABELS + COUNT_LABELS, key=len, reverse=True))})"
    rf"(?:{'|'.join(LABEL_SUFFIXES)})?[ \u3000\u00a0]*[:：|｜]?[ \u3000\u00a0]*$"
)
_CELL_END = re.compile(r"^(?:$|[\s\u3000，,；;、。|｜/）)】])")
_INTEGER = re.compile(r"[1-9][0-9]{0,6}")
_PERSON_HEAD = re.compile(rf"(?:{'|'.join(sorted(PERSON_LABELS, key=len, reverse=True))})(?:{'|'.join(LABEL_SUFFIXES)})?$")


def statistics_cell(candidate: Candidate) -> Quantity | None:
    """The quantity of a bare integer after a counting label (see the module docstring), or None.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [statistics_cell(c) for c in find_candidates("电话：12345678，2024")]
        [None, None]
        >>> [(q.surface, q.unit_class) for q in map(statistics_cell, find_candidates("| 党员总数 | 1086 | 党支部数 | 26 |"))]
        [('1086', 'person'), ('26', 'count')]
    """
    if not _bare_integer(candidate, _INTEGER) or not _CELL_END.match(candidate.after(1)):
        return None
    label = _LABEL.search(candidate.before(14))
    if label is None:
        return None
    words = label.group().rstrip(" \u3000\u00a0:：|｜")
    return _cell_quantity(candidate, "person" if _PERSON_HEAD.search(words) else "count")


def is_bare_cell(quantity: Quantity) -> bool:
    """Is ``quantity`` a cell of a table that says nothing of what it counts (a whole number without
    unit or multiplier, class ``other``: ``| 女性 | 165 |``)? Under a total it counts parts of that total.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [is_bare_cell(q) for q in map(table_cell, find_candidates("| 女性 | 165 | 男性 | 689 |")) if q]
        [True, True]
        >>> from dangjian.indicators.grammar import CANDIDATE, read_candidate
        >>> [is_bare_cell(read_candidate(m)) for m in CANDIDATE.finditer("产值3亿，占比19.3%")]
        [False, False]
    """
    return quantity.unit_class == "other" and not quantity.unit and quantity.multiplier == 1


def _bare_integer(candidate: Candidate, integer: re.Pattern[str]) -> bool:
    """Is ``candidate`` a bare number (no unit, measure, multiplier, prefix, suffix or range) that
    ``integer`` matches whole?"""
    if candidate.kind != "quantity" or candidate.measure or candidate.multiplier or candidate.chinese or candidate.prefix:
        return False
    return not (candidate.number_high or candidate.over_mark or candidate.suffix) and integer.fullmatch(candidate.number) is not None


def _cell_quantity(candidate: Candidate, unit_class: str) -> Quantity:
    """The quantity of a bare integer read as a cell, of ``unit_class``, without a unit."""
    return Quantity(
        start=candidate.start,
        end=candidate.end,
        surface=candidate.surface,
        value=Decimal(candidate.number),
        multiplier=1,
        unit="",
        unit_class=unit_class,
        outer_start=candidate.match_start,
        outer_end=candidate.match_end,
    )


_BAR_BEFORE = re.compile(r"[|｜][ \u3000\u00a0]*$")
_BAR_AFTER = re.compile(r"^[ \u3000\u00a0]*[|｜]")
_CELL_INTEGER = re.compile(r"0|[1-9][0-9]{0,6}")
#: A cell alone on its line: the number, then at most a note in brackets (5（孔明学院）).
_LONE_CELL = re.compile(r"^[ \u3000\u00a0]*$")
_LONE_CELL_AFTER = re.compile(r"^(?:[（(][^）)]{1,20}[）)])?[ \u3000\u00a0]*$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


def table_cell(candidate: Candidate) -> Quantity | None:
    """The quantity of a bare integer in a cell of a table (see the module docstring), or None.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [(q.surface, q.unit_class) for q in map(table_cell, find_candidates("| 男性 | 689 | 女性 | 0 |")) if q]
        [('689', 'other'), ('0', 'other')]
        >>> [(q.surface, q.unit_class) for q in map(table_cell, find_candidates("25")) if q]
        [('25', 'other')]
        >>> [table_cell(c) for c in find_candidates("| 年份 | 2015 |")] + [table_cell(c) for c in find_candidates("共25，")]
        [None, None]
    """
    if not _bare_integer(candidate, _CELL_INTEGER) or _YEAR.fullmatch(candidate.number):
        return None
    before, after = candidate.text[: candidate.match_start], candidate.text[candidate.match_end :]
    inline = _BAR_BEFORE.search(before) is not None and _BAR_AFTER.match(after) is not None
    alone = _LONE_CELL.match(before) is not None and _LONE_CELL_AFTER.match(after) is not None
    return _cell_quantity(candidate, "other") if inline or alone else None


#: What separates the cells of a table row written on one line: a bar (the readers of Word and HTML
#: files write one between cells), or spaces (a tab of a text file becomes a space in cleaning).
_BAR = re.compile(r"[|｜]")
_SPACED_CELL = re.compile(r"[^ \u3000]+")
#: A cell: short, and no clause of running text (no sentence or clause mark).
_CELL_TEXT = re.compile(r"[^，。；！？,;!?：:“”]{1,20}")
_DIGIT = re.compile(r"[0-9]")
#: A column header that names a year or a date (2022年, 2023): the row's label says what is counted.
_YEAR_HEADER = re.compile(r"(?:19|20)[0-9]{2}(?:年(?:底|末|度)?)?(?:[0-9]{1,2}月(?:底|末)?)?")
#: Row labels of a total: the header says what is totalled.
_TOTAL_LABEL = re.compile(r"合计|总计|小计|共计|总数|全部|全体")
#: A unit or note in brackets after a header (党员数（名）), left out of the subject.
_HEADER_NOTE = re.compile(r"[（(][^）)]{0,10}[）)]$")
#: The item marker of a heading (一、 发展计划), whose spaces make no row of a table.
_ITEM_MARK = re.compile(r"^(?:[一二三四五六七八九十]+[、是.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+)$")
_COUNT_HEAD = re.compile(rf"(?:{'|'.join(sorted(COUNT_LABELS, key=len, reverse=True))})(?:{'|'.join(LABEL_SUFFIXES)})?$")
#: A bare number that is a whole cell of a row: spaces or a bar on both sides, or the line's end.
_CELL_NUMBER = re.compile(r"(?:0|[1-9][0-9]{0,8})(?:\.[0-9]+)?")
_ROW_CELL_BEFORE = re.compile(r"[ \u3000|｜]$")
_ROW_CELL_AFTER = re.compile(r"^[ \u3000|｜]")
#: The note of a header in percent (年去世率(%), 占比（%）).
_PERCENT_NOTE = re.compile(r"[（(][%％][）)]$")
#: The word of a header that names a plan of what it counts (发展党员计划).
_PLAN_WORD = re.compile(r"(?:计划|指标|目标|任务)数?$")
#: The longest line read as a row of a table.
MAX_ROW_CHARS = 320


def row_cells(text: str) -> list[tuple[int, int]]:
    """The spans of the cells of ``text`` read as one row of a table, or ``[]`` for a line that is
    no row of a table. Cells are parted by bars (an empty cell between two bars is kept, so that
    the columns stay in line) or else by spaces; there are at least two, each short and without a
    clause mark.

    Example:
        >>> text = "城关镇 1520 380 25"
        >>> [text[a:b] for a, b in row_cells(text)]
        ['城关镇', '1520', '380', '25']
        >>> text = "| 后勤集团 |  | 2 |"
        >>> [text[a:b] for a, b in row_cells(text)]
        ['后勤集团', '', '2']
        >>> row_cells("全县共有党员5222名，其中女党员592名。"), row_cells("党员总数")
        ([], [])
    """
    if len(text) > MAX_ROW_CHARS:
        return []
    if "|" in text or "｜" in text:
        bars = [m.start() for m in _BAR.finditer(text)]
        spans = [_strip(text, start + 1, end) for start, end in zip([-1, *bars], [*bars, len(text)])]
        if spans and spans[0][0] == spans[0][1]:
            spans.pop(0)  # before the first bar (an empty cell after it keeps its column: | | 总数 |)
        if spans and spans[-1][0] == spans[-1][1]:
            spans.pop()  # after the last bar
    else:
        spans = [m.span() for m in _SPACED_CELL.finditer(text)]
    if len(spans) < 2 or not all(a == b or _CELL_TEXT.fullmatch(text, a, b) for a, b in spans):
        return []
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without the spaces at either end (an empty span where there is nothing else)."""
    while start < end and text[start] in " \u3000":
        start += 1
    while end > start and text[end - 1] in " \u3000":
        end -= 1
    return start, end


def table_header(text: str) -> tuple[str, ...]:
    """The column headers of ``text`` read as the header row of a table (cells without numbers,
    bar years and dates), or ``()``.

    Example:
        >>> table_header("单位 党员总数 女党员 发展党员（名）")
        ('单位', '党员总数', '女党员', '发展党员（名）')
        >>> table_header("指标 2022年 2023年"), table_header("城关镇 1520 380 25"), table_header("一、 发展计划")
        (('指标', '2022年', '2023年'), (), ())
        >>> table_header("第一部分 基本情况"), table_header("| 2022年 | 2023年 |")
        ((), ('2022年', '2023年'))
    """
    spans = row_cells(text)
    cells = tuple(text[a:b] for a, b in spans)
    if not cells or any(_DIGIT.search(cell) and not _YEAR_HEADER.fullmatch(cell) for cell in cells):
        return ()
    if len(cells) < 3 and "|" not in text and "｜" not in text:
        return ()  # 第一部分 基本情况: two words parted by a space are a heading, not a table's header
    if _ITEM_MARK.match(cells[0]):
        return ()  # 一、 发展计划: a heading with its marker
    return cells


def cell_subject(label: str, header: str) -> str:
    """What a number in the column ``header`` of the row ``label`` counts: the row's label and the
    column's header (the row's label alone under a year, the column's header alone in a row of
    totals: the total of 党员总数 is 党员总数).

    Example:
        >>> cell_subject("城关镇", "女党员"), cell_subject("合计", "学生发展计划"), cell_subject("党员总数", "2023年")
        ('城关镇女党员', '学生发展计划', '党员总数')
        >>> cell_subject("城关镇", "党员数（名）")
        '城关镇党员数'
    """
    header = _HEADER_NOTE.sub("", header)
    if not header or _YEAR_HEADER.fullmatch(header):
        return label
    return header if _TOTAL_LABEL.fullmatch(label) else label + header


def header_class(header: str) -> str:
    """The unit class a column ``header`` gives the bare numbers under it: ``person`` for people,
    ``count`` for organisations and units, ``""`` when it names neither (a plan's column names what
    is planned: 发展党员计划).

    Example:
        >>> header_class("女党员"), header_class("党支部数"), header_class("发展党员计划"), header_class("占比")
        ('person', 'count', 'person', '')
        >>> header_class("年去世率(%)"), header_class("占比（%）"), header_class("年去世人数")
        ('percent', 'percent', 'person')
    """
    if _PERCENT_NOTE.search(header):
        return "percent"  # 年去世率(%): the column is in percent
    header = _PLAN_WORD.sub("", _HEADER_NOTE.sub("", header))
    if _PERSON_HEAD.search(header) or header.endswith("人数"):
        return "person"  # 女党员, 年去世人数: people
    return "count" if _COUNT_HEAD.search(header) else ""


def row_cell(candidate: Candidate) -> Quantity | None:
    """The quantity of a bare number that is a whole cell of a table row parted by spaces or bars
    (read only under a header: see :func:`table_header`), class ``other``, or None.

    Example:
        >>> from dangjian.indicators.grammar import find_candidates
        >>> [(q.surface, q.unit_class) for q in map(row_cell, find_candidates("城关镇 1520 25.5")) if q]
        [('1520', 'other'), ('25.5', 'other')]
        >>> [row_cell(c) for c in find_candidates("2023 共25")]
        [None, None]
    """
    if not _bare_integer(candidate, _CELL_NUMBER) or _YEAR.fullmatch(candidate.number):
        return None
    before, after = candidate.text[: candidate.match_start], candidate.text[candidate.match_end :]
    if (before and not _ROW_CELL_BEFORE.search(before)) or (after and not _ROW_CELL_AFTER.match(after)):
        return None
    return _cell_quantity(candidate, "other")


def joined_header(above: Sequence[str], below: Sequence[str]) -> tuple[str, ...]:
    """The column headers of a header written on two lines (``| 年份 | 离休干部 |`` over ``| | 总数 |``):
    each column's words joined; ``below`` alone when the two lines have not as many cells.

    Example:
        >>> joined_header(("年份", "离休干部", "年去世率"), ("", "总数", "(%)"))
        ('年份', '离休干部总数', '年去世率(%)')
        >>> joined_header(("单位", "党员"), ("乡镇", "村", "社区"))
        ('乡镇', '村', '社区')
    """
    if len(above) != len(below) or not above:
        return tuple(below)
    return tuple(a + b for a, b in zip(above, below))


def header_row(text: str, header: Sequence[str]) -> tuple[list[tuple[int, int]], tuple[str, ...]]:
    """The cell spans of ``text`` when it is a row of the table whose column headers are
    ``header`` (a label without numbers first, then as many cells as there are headers, or one
    more where the header has nothing above the labels, or fewer where the last cells are empty),
    with the headers in line with them; else ``([], ())``.

    Example:
        >>> header = table_header("单位 党员总数 女党员")
        >>> header_row("城关镇 1520 380", header)
        ([(0, 3), (4, 8), (9, 12)], ('单位', '党员总数', '女党员'))
        >>> header_row("党员总数 | 5221 | 5300", table_header("| 2022年 | 2023年 |"))
        ([(0, 4), (7, 11), (14, 18)], ('', '2022年', '2023年'))
        >>> header_row("城关镇 1520", header), header_row("1 2 3", header)
        (([(0, 3), (4, 8)], ('单位', '党员总数')), ([], ()))
        >>> header_row("| 2013 | 72905 |", table_header("| 年份 | 离休干部总数 |"))
        ([(2, 6), (9, 14)], ('年份', '离休干部总数'))
    """
    if not header:
        return [], ()
    spans = row_cells(text)
    missing = len(spans) - len(header)
    label_number = _DIGIT.search(text, *spans[0]) is not None and _YEAR_HEADER.fullmatch(text, *spans[0]) is None if spans else False
    if missing > 1 or len(spans) < 2 or spans[0][0] == spans[0][1] or label_number:
        return [], ()  # a row's label is words or a year (2013 | 72905 under 年份 | 离休干部总数)
    if missing < 0:  # 城关镇 | 1520 | 380 under 单位 | 党员总数 | 女党员 | 备注: the empty last cells dropped
        return spans, tuple(header[: len(spans)])
    return spans, ("",) * missing + tuple(header)


def column_of(spans: Sequence[tuple[int, int]], position: int) -> int:
    """The index of the cell of ``spans`` that holds ``position`` (0, the label, if none does).

    Example:
        >>> column_of([(0, 3), (4, 8), (9, 12)], 9), column_of([(0, 3), (4, 8)], 20)
        (2, 0)
    """
    return next((index for index, (start, end) in enumerate(spans) if start <= position < end), 0)
