"""Cleaning: small steps composed into a traceable pipeline.

Every step is a pure function ``text -> list[Edit]`` (see :mod:`dangjian.cleaning.edits`) wrapped in a
:class:`Step` that is also usable as a plain ``str -> str`` function. A :class:`CleaningPipeline`
runs the steps in order, keeps the offset map from the clean text back to the raw file, and
records what each step changed (counts, examples, and every piece of text it removed), so that
nothing is deleted silently.

The steps of this module also yield their edits one by one in text order (``Step.edit_streams``),
and the pipeline applies them as they come: a text of hundreds of megabytes is cleaned without a
list of its millions of edits, a list of its lines, or a number per character for its offsets.
For speed, a step looks for its few trigger characters before it scans a text, its patterns begin
with the character they consume (so the scan jumps from one candidate to the next), edits found in
great numbers come in batches, and lines are converted to simplified characters a block at a time.

Steps are grouped by kind: ``normalize`` (spaces, widths, punctuation), ``remove`` (page
furniture, author lines, pinyin readings), ``convert`` (traditional -> simplified, redactions ->
placeholder) and ``mark`` (characters lost in transmission: kept visible, counted).

Example:
    >>> result = clean_text("首页> 党建动态>\\n黨(dǎng)的基層組織建設,***同志強調")
    >>> result.text
    '党的基层组织建设，□同志强调'
    >>> result.to_raw_span(0, 2)
    (10, 18)
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from dangjian.cleaning.edits import (
    Edit,
    EditBatch,
    OffsetMap,
    Substitution,
    apply_edits,
    apply_sorted_edits,
    batched_edits,
    changed_positions,
    expand,
)

#: The one placeholder that stands for any redacted or template-substituted name.
PLACEHOLDER = "□"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
#: The code point ranges of :data:`CJK`, first and last of each.
_CJK_RANGES = tuple((ord(first), ord(last)) for first, _, last in re.findall("(.)(-)(.)", CJK.encode().decode("unicode-escape")))


def _chinese_counts(codes: np.ndarray) -> np.ndarray:
    """Number of Chinese characters (:data:`CJK`) among the first ``i`` code points, for each ``i``
    from 0 to ``len(codes)``.

    Example:
        >>> _chinese_counts(np.array([ord(c) for c in "党建a工作"])).tolist()
        [0, 1, 2, 2, 3, 4]
    """
    chinese = np.zeros(len(codes), dtype=bool)
    for first, last in _CJK_RANGES:
        chinese |= (codes >= first) & (codes <= last)
    counts = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(chinese, out=counts[1:])
    return counts


# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """One cleaning step: a name, a kind, and a function finding edits in a text.

    Calling the step on a string applies its edits, so a step is also a ``str -> str`` function.

    ``edit_streams``, if given, yields the same edits as ``find_edits`` as a few streams, each in
    text order (by ``(start, end)``), whose concatenation is ``find_edits``' list; the pipeline then
    applies them as they come instead of holding them all (:meth:`streaming` builds such a step).
    ``edits_and_metadata``, if given, returns those streams and ``extract_metadata``'s dict from one
    reading of the text, for a step whose edits and metadata come from the same lines.

    Example:
        >>> remove_pinyin_readings("執(zhí)政")
        '執政'
    """

    name: str
    kind: str
    find_edits: Callable[[str], list[Edit]]
    extract_metadata: Callable[[str], dict[str, str]] | None = None
    description: str = ""
    edit_streams: Callable[[str], list[Iterable[Edit]]] | None = None
    edits_and_metadata: Callable[[str], tuple[list[Iterable[Edit]], dict[str, str]]] | None = None

    def __call__(self, text: str) -> str:
        if self.edit_streams is None:
            return apply_edits(text, self.find_edits(text))[0]
        return apply_sorted_edits(text, _merged_spans(text, self.edit_streams(text)))[0]

    @classmethod
    def streaming(
        cls,
        name: str,
        kind: str,
        *finders: Callable[[str], Iterable[Edit]],
        extract_metadata: Callable[[str], dict[str, str]] | None = None,
        description: str = "",
        edits_and_metadata: Callable[[str], tuple[list[Iterable[Edit]], dict[str, str]]] | None = None,
    ) -> Step:
        """A step whose edits are those of each finder in turn; every finder yields its edits in text order.

        Example:
            >>> digits = Step.streaming("digits", "normalize", _regex_stream(re.compile("[0-9]"), "digit", lambda m: "#"))
            >>> digits("党员12名"), [e.start for e in digits.find_edits("党员12名")]
            ('党员##名', [2, 3])
        """

        def find_edits(text: str) -> list[Edit]:
            return [edit for finder in finders for edit in expand(text, finder(text))]

        def edit_streams(text: str) -> list[Iterable[Edit]]:
            return [finder(text) for finder in finders]

        return cls(name, kind, find_edits, extract_metadata, description, edit_streams, edits_and_metadata)


def _position(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


def _merged_spans(text: str, streams: Sequence[Iterable[Edit | Substitution | EditBatch]]) -> Iterable[Edit | Substitution | EditBatch | tuple]:
    """The changes of a step's streams in text order for :func:`apply_sorted_edits`: a stream
    alone as it is, several merged (a substitution as its edits of one character), those of an
    earlier stream first at one span: gathered into one :class:`EditBatch` for a text of up to
    :data:`MERGE_AS_ARRAYS_CHARS` characters, else as they come, as tuples
    ``(start, end, stream, replacement)``.

    Example:
        >>> streams = lambda: [iter([EditBatch([1], [2], ["，"], "p")]), iter([Edit(3, 4, "（", "p")])]
        >>> [(e.start, e.replacement) for e in expand("a,b(c)", _merged_spans("a,b(c)", streams()))]
        [(1, '，'), (3, '（')]
        >>> list(heapq.merge(*(_numbered_spans("a,b(c)", stream, number) for number, stream in enumerate(streams()))))
        [(1, 2, 0, '，'), (3, 4, 1, '（')]
    """
    found = _non_empty(streams)
    if len(found) <= 1:
        return found[0] if found else ()
    if len(text) <= MERGE_AS_ARRAYS_CHARS:
        return _merged_as_arrays(text, found)
    return heapq.merge(*(_numbered_spans(text, stream, number) for number, stream in enumerate(found)))


#: Texts up to this many characters have the edits of a step's streams merged as arrays (the
#: edits of a longer one are merged as they come, without a list of them).
MERGE_AS_ARRAYS_CHARS = 1 << 22


def _merged_as_arrays(text: str, streams: Sequence[Iterable[Edit | Substitution | EditBatch]]) -> Iterator[EditBatch]:
    """:func:`_merged_spans` of streams gathered whole: their edits as one :class:`EditBatch`, in
    the order of ``(start, end, stream)`` (a substitution as its edits of one character).

    Example:
        >>> merged = _merged_as_arrays("a,b(c)", [iter([EditBatch([1], [2], ["，"], "p")]), iter([Edit(3, 4, "（", "p")])])
        >>> [(e.start, e.replacement) for e in next(merged).edits()]
        [(1, '，'), (3, '（')]
    """
    starts: list[int] = []
    ends: list[int] = []
    replacements: list[str] = []
    sizes = []
    for stream in streams:
        before = len(starts)
        for edit in stream:
            if type(edit) is EditBatch:
                starts += edit.starts
                ends += edit.ends
                replacements += edit.replacements
            elif type(edit) is Substitution:
                positions = edit.positions(text)
                starts += positions.tolist()
                ends += (positions + 1).tolist()
                replacements += [edit.replacement[i] for i in (positions - edit.start).tolist()]
            else:
                starts.append(edit.start)
                ends.append(edit.end)
                replacements.append(edit.replacement)
        sizes.append(len(starts) - before)
    numbers = np.repeat(np.arange(len(sizes)), sizes)
    order = np.lexsort((numbers, np.asarray(ends, dtype=np.int64), np.asarray(starts, dtype=np.int64))).tolist()
    yield EditBatch([starts[i] for i in order], [ends[i] for i in order], [replacements[i] for i in order], "merged")


def _numbered_spans(text: str, edits: Iterable[Edit | Substitution | EditBatch], number: int) -> Iterator[tuple[int, int, int, str]]:
    """``(start, end, number, replacement)`` of each edit (of each edit a batch or substitution stands for)."""
    for edit in edits:
        if type(edit) is EditBatch:
            yield from zip(edit.starts, edit.ends, itertools.repeat(number), edit.replacements)
        elif type(edit) is Edit:
            yield edit.start, edit.end, number, edit.replacement
        else:
            for one in expand(text, (edit,)):
                yield one.start, one.end, number, one.replacement


def _non_empty(streams: Sequence[Iterable[Any]]) -> list[Iterator[Any]]:
    """The streams that yield something, each still yielding all it yields."""
    found = []
    for stream in streams:
        items = iter(stream)
        first = next(items, None)
        if first is not None:
            found.append(itertools.chain((first,), items))
    return found


def _regex_stream(
    pattern: re.Pattern[str], kind: str, replace: Callable[[re.Match[str]], str], needs: str = ""
) -> Callable[[str], Iterator[Edit]]:
    """Build an edit finder from a regex and a function giving each match's replacement (the
    edits come in batches, :class:`~dangjian.cleaning.edits.EditBatch`).

    ``needs``, if given, holds characters one of which every match holds: a text without any of
    them is not scanned (looking for a few characters is much faster than a regex scan).
    """

    def find(text: str) -> Iterator[EditBatch]:
        if needs and not _holds_any(text, needs):
            return
        yield from batched_edits(((*m.span(), replace(m)) for m in pattern.finditer(text)), kind)

    return find


def _holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds any of ``chars``, searched for one at a time.

    Example:
        >>> _holds_any("党建\\r\\n", "\\r\\u2028"), _holds_any("党建", "\\r\\u2028")
        (True, False)
    """
    return any(char in text for char in chars)


def _characters(*ranges: str) -> str:
    """The characters of ``ranges``, each a character or two joined by ``-``.

    Example:
        >>> _characters("a-c", "x", "-")
        'abcx-'
    """
    return "".join("".join(map(chr, range(ord(r[0]), ord(r[2]) + 1))) if len(r) == 3 and r[1] == "-" else r for r in ranges)


#: Where ``str.splitlines`` ends a line.
_LINE_END = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029](?:(?<=\r)\n)?")


def _line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end_including_line_break)`` of each line as ``text.splitlines(keepends=True)``
    cuts it, without copying the text (of ``text[start:end]``, ``start`` the start of a line).

    Example:
        >>> list(_line_spans("甲\\r\\n乙\\n\\n丙"))
        [(0, 3), (3, 5), (5, 6), (6, 7)]
    """
    end = len(text) if end is None else end
    position = start
    for m in _LINE_END.finditer(text, start, end):
        yield position, m.end()
        position = m.end()
    if position < end:
        yield position, end


def _line_blocks(text: str, block_chars: int = 1 << 16) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of blocks of whole lines, each of about ``block_chars`` characters or one line.

    Example:
        >>> list(_line_blocks("甲乙\\n丙\\n丁", block_chars=2))
        [(0, 3), (3, 5), (5, 6)]
    """
    start = 0
    while start < len(text):
        boundary = _LINE_END.search(text, start + block_chars - 1)
        end = boundary.end() if boundary else len(text)
        yield start, end
        start = end


def _lines(text: str, block_chars: int = 1 << 16) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end_including_newline, line_without_newline)`` for each line, cutting a
    block of whole lines of about ``block_chars`` characters at a time.

    Example:
        >>> list(_lines("甲\\r\\n乙\\n\\n丙", block_chars=2))
        [(0, 3, '甲\\r'), (3, 5, '乙'), (5, 6, ''), (6, 7, '丙')]
    """
    for start, block_end in _line_blocks(text, block_chars):
        for line in text[start:block_end].splitlines(keepends=True):
            end = start + len(line)
            yield start, end, line.rstrip("\n")
            start = end


# normalize ------------------------------------------------------------------

_LINE_BREAK_CHARS = "\r\u2028\u2029\x0b\x0c\x85"
_LINE_BREAKS = re.compile(f"[{_LINE_BREAK_CHARS}](?:(?<=\r)\n)?")  # \r\n or one of them
normalize_line_breaks = Step.streaming(
    "normalize_line_breaks",
    "normalize",
    _regex_stream(_LINE_BREAKS, "line_break", lambda m: "\n", needs=_LINE_BREAK_CHARS),
    description="Windows/Mac/Unicode line breaks -> \\n.",
)

_ODD_SPACE_CHARS = _characters("\t", "\u00a0", "\u1680", "\u2000-\u200a", "\u202f", "\u205f", "\u3000")
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE_CHARS = _characters("\u200b-\u200d", "\u2060", "\ufeff", "\u00ad")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


normalize_spaces = Step.streaming(
    "normalize_spaces",
    "normalize",
    _regex_stream(_ODD_SPACES, "odd_space", lambda m: " ", needs=_ODD_SPACE_CHARS),
    _regex_stream(_INVISIBLE, "invisible", lambda m: "", needs=_INVISIBLE_CHARS),
    description="Non-breaking, ideographic, thin spaces and tabs -> space; zero-width characters dropped.",
)

#: The vertical bars of a table drawn with box-drawing characters (yearbooks, PDFs): cells parted by ``|``.
_BOX_BARS = "\u2502\u2503\u2551"
#: The small form variants of Chinese punctuation (﹐﹑﹔﹕﹖﹗, as some sites set them): the ordinary full-width marks.
_SMALL_FORMS = {"\ufe50": "，", "\ufe51": "、", "\ufe54": "；", "\ufe55": "：", "\ufe56": "？", "\ufe57": "！"}
_FULLWIDTH_ASCII = re.compile(f"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f{_BOX_BARS}{''.join(_SMALL_FORMS)}]")


def _fullwidth_replacement(match: re.Match[str]) -> str:
    """The replacement of one character of :data:`_FULLWIDTH_ASCII`.

    Example:
        >>> [_fullwidth_replacement(m) for m in _FULLWIDTH_ASCII.finditer("１２％\ufe54\u2502")]
        ['1', '2', '%', '；', '|']
    """
    char = match.group()
    return "|" if char in _BOX_BARS else _SMALL_FORMS.get(char) or unicodedata.normalize("NFKC", char)


_find_fullwidth_edits = _regex_stream(_FULLWIDTH_ASCII, "fullwidth", _fullwidth_replacement)


def _find_fullwidth_alnum_edits(text: str) -> Iterator[EditBatch]:
    """The edits of :data:`_FULLWIDTH_ASCII`, looked for only in a text that holds a character of
    it (code points looked up in a table, faster than a scan with the pattern)."""
    if _holds_any_of(text, _FULLWIDTH_TABLE):
        yield from _find_fullwidth_edits(text)


def _code_table(characters: str) -> np.ndarray:
    """A table of the code points of the Basic Multilingual Plane, true for ``characters`` (all in
    it, and not U+FFFF, which stands for the code points beyond it in :func:`_holds_any_of`).

    Example:
        >>> np.flatnonzero(_code_table("ab")).tolist()
        [97, 98]
    """
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(char) for char in characters]] = True
    return table


_FULLWIDTH_TABLE = _code_table(_characters("\uff10-\uff19", "\uff21-\uff3a", "\uff41-\uff5a", "\uff05", "\uff0b", "\uff0d", "\uff0e", "\uff0f") + _BOX_BARS + "".join(_SMALL_FORMS))


def _holds_any_of(text: str, table: np.ndarray, piece_chars: int = 1 << 20) -> bool:
    """Whether ``text`` holds a character that ``table`` (:func:`_code_table`) marks, looked for a
    piece of ``piece_chars`` characters at a time.

    Example:
        >>> _holds_any_of("党员１２名", _FULLWIDTH_TABLE), _holds_any_of("党员，12名", _FULLWIDTH_TABLE)
        (True, False)
    """
    for start in range(0, len(text), piece_chars):
        codes = np.frombuffer(text[start : start + piece_chars].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if table.take(codes, mode="clip").any():
            return True
    return False


normalize_fullwidth_alnum = Step.streaming(
    "normalize_fullwidth_alnum",
    "normalize",
    _find_fullwidth_alnum_edits,
    description="Full-width digits, Latin letters and % + - . / -> ASCII (Chinese punctuation untouched); the vertical bars of a table drawn with box-drawing characters (│ ┃ ║) -> |; the small forms of Chinese punctuation (﹐﹑﹔﹕﹖﹗) -> the ordinary marks.",
)

_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT_TABLE = str.maketrans(_HALF_PUNCT)
# An ASCII punctuation mark touching a Chinese character (or a closing quote/bracket) on either side.
_CJK_CONTEXT = f"[{CJK}“”‘’《》（）()%，。、；：？！]"
_HALF_PUNCT_IN_CHINESE = re.compile(rf"(?<={_CJK_CONTEXT})[,;:!]+|[,;:!]+(?={_CJK_CONTEXT})")
_HALF_PUNCT_RUN = re.compile("[,;:!][,;:!]*")  # a class first: the scan jumps from mark to mark
# A pair of ASCII parentheses with Chinese inside or right outside it: (社区), 人(次), (2020年…).
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
_QUOTE_FORMS = re.compile("[「」『』]")
_QUOTE_MAP = {"「": "“", "」": "”", "『": "‘", "』": "’"}


_QUESTION_IN_CHINESE = re.compile(rf"\?(?<=[{CJK}]\?)(?=[{CJK}“”\n]|$)")
_CLAUSE_MARKS = "，。！？；,;!\n"
_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")
_INTERROGATIVE_WORD = re.compile("如何|怎么|怎样|什么|为何|为什么|哪|何在|是否|吗|呢|几何|多少")


def is_question_mark(text: str, index: int) -> bool:
    """True when the ASCII ``?`` at ``index`` ends a question (an interrogative word in its clause).

    Otherwise a ``?`` inside Chinese text is a character lost in transmission.

    Example:
        >>> is_question_mark("如何抓实见效?这是", 6), is_question_mark("重要职责?;A不牢", 4)
        (True, False)
    """
    return question_marks(text, [index])[0]


def question_marks(text: str, indices: Sequence[int]) -> list[bool]:
    """:func:`is_question_mark` for many ``?`` of one text at once, in one pass over the text.

    A ``?`` ends a question when an interrogative word lies between it and the clause mark
    (，。！？；,;! or a line break) before it.

    Example:
        >>> question_marks("如何抓实见效?这是，重要职责?", [6, 14])
        [True, False]
    """
    order = sorted(range(len(indices)), key=indices.__getitem__)
    answers = [False] * len(indices)
    for position, answer in zip(order, _question_verdicts(text, [indices[i] for i in order])):
        answers[position] = answer
    return answers


def _question_verdicts(text: str, indices: Iterable[int]) -> Iterator[bool]:
    """:func:`question_marks` for indices in increasing order, walking the text once alongside them."""
    marks = _CLAUSE_MARK.finditer(text)
    words = _INTERROGATIVE_WORD.finditer(text)
    next_mark, next_word = next(marks, None), next(words, None)
    clause_start, last_word_start = 0, -1  # the last word that ends before the '?'
    for index in indices:
        while next_mark is not None and next_mark.end() <= index:
            clause_start, next_mark = next_mark.end(), next(marks, None)
        while next_word is not None and next_word.end() <= index:
            last_word_start, next_word = next_word.start(), next(words, None)
        yield last_word_start >= clause_start


def _question_edits(text: str) -> Iterator[Edit]:
    if "?" not in text:
        return
    candidates, again = itertools.tee(_QUESTION_IN_CHINESE.finditer(text))
    for m, is_question in zip(candidates, _question_verdicts(text, (m.start() for m in again))):
        if is_question:
            yield Edit(m.start(), m.end(), "？", "punctuation")


def _half_punctuation_edits(text: str, chunk_chars: int = 1 << 16) -> Iterator[EditBatch]:
    """The matches of :data:`_HALF_PUNCT_IN_CHINESE`: a whole run of marks with Chinese context
    before or after it (no mark is context, so a match is never part of a run). The runs and their
    context are found as arrays of code points, a piece of about ``chunk_chars`` characters at a
    time (cut before a character that is not a mark, so no run is cut).

    Example:
        >>> [(e.start, e.replacement) for e in expand("", _half_punctuation_edits("党建,!工作; ok;"))]
        [(2, '，！'), (6, '；')]
    """
    if not _HALF_PUNCT_RUN.search(text):
        return
    full_width: dict[str, str] = {}
    position = 0
    while position < len(text):
        boundary = _NOT_HALF_PUNCT.search(text, position + chunk_chars)
        stop = boundary.start() if boundary else len(text)
        starts, ends, replacements = _half_punctuation_runs(text, position, stop)
        if starts:
            if None in replacements:  # runs of two marks or more
                replacements = [
                    full_width.get(run) or full_width.setdefault(run, run.translate(_HALF_PUNCT_TABLE))
                    for run in map(text.__getitem__, map(slice, starts, ends))
                ]
            yield EditBatch(starts, ends, replacements, "punctuation")
        position = stop


_NOT_HALF_PUNCT = re.compile("[^,;:!]")


def _half_punctuation_flags() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane: 1 for a half-width mark of
    :data:`_HALF_PUNCT_RUN`, 2 for a character of :data:`_CJK_CONTEXT` (none lies beyond it, and
    the last code point, U+FFFF, stands for all those that do)."""
    flags = np.zeros(0x10000, dtype=np.uint8)
    flags[[ord(char) for char in ",;:!"]] = 1
    flags[[ord(char) for char in "“”‘’《》（）()%，。、；：？！"]] = 2
    for first, last in _CJK_RANGES:
        flags[first : last + 1] = 2
    return flags


_HALF_PUNCT_FLAGS = _half_punctuation_flags()


def _half_punctuation_runs(text: str, start: int, stop: int) -> tuple[list[int], list[int], list[str | None]]:
    """Starts and ends of the runs of half-width marks that begin in ``[start, stop)`` (``stop`` not
    a mark) and have :data:`_CJK_CONTEXT` right before or right after them, with the full-width
    mark of each run of one (None for a longer run).

    Example:
        >>> _half_punctuation_runs("a,党;;b!", 0, 7)
        ([1, 3], [2, 5], ['，', None])
    """
    low, high = max(0, start - 1), min(len(text), stop + 1)
    codes = np.frombuffer(text[low:high].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _HALF_PUNCT_FLAGS.take(codes, mode="clip")
    mark = np.zeros(len(codes) + 2, dtype=np.int8)
    mark[1:-1] = flags == 1
    edges = np.diff(mark)
    run_starts, run_ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not len(run_starts):
        return [], [], []
    context = np.append(flags == 2, False)  # nothing after the end of the text
    before = (run_starts > 0) & context[run_starts - 1]
    keep = (run_starts + low >= start) & (before | context[run_ends])
    run_starts, run_ends = run_starts[keep], run_ends[keep]
    single = np.where(run_ends == run_starts + 1, codes[run_starts], 0).tolist()
    return (run_starts + low).tolist(), (run_ends + low).tolist(), list(map(_FULL_WIDTH_MARK.get, single))


#: The full-width mark of each half-width mark's code point.
_FULL_WIDTH_MARK = {ord(half): full for half, full in _HALF_PUNCT.items()}


def _parenthesis_edits(text: str) -> Iterator[Edit]:
    """Full-width parentheses for ASCII pairs in Chinese context, nested pairs included: a pair
    converted inside ``(党())`` makes its enclosing pair a pair in Chinese context, so the rule is
    applied again to the text with the converted pairs until nothing changes (cleaning twice then
    gives what cleaning once gives)."""
    if "(" not in text:
        return
    converted: set[int] = set()
    shadow = text
    while True:
        found = []
        for m in _PAREN_PAIR.finditer(shadow):
            outside = shadow[max(0, m.start() - 1) : m.start()] + shadow[m.end() : m.end() + 1]
            if _CJK_CHAR.search(m.group(1)) or _CJK_CHAR.search(outside):
                found += [m.start(), m.end() - 1]
        if not found:
            break
        converted.update(found)
        if "(" not in shadow:
            break
        pieces, last = [], 0
        for position in sorted(found):
            pieces += [shadow[last:position], "（" if shadow[position] == "(" else "）"]
            last = position + 1
        shadow = "".join(pieces) + shadow[last:]
    for position in sorted(converted):
        yield Edit(position, position + 1, "（" if text[position] == "(" else "）", "punctuation")


normalize_punctuation = Step.streaming(
    "normalize_punctuation",
    "normalize",
    _regex_stream(_QUOTE_FORMS, "quote", lambda m: _QUOTE_MAP[m.group()], needs="「」『』"),
    _question_edits,
    _half_punctuation_edits,
    _parenthesis_edits,
    description="Half-width , ; : ! ( ) inside Chinese text -> full-width; corner quotes -> “”. "
    "An ASCII '?' becomes ？ only after an interrogative clause (如何…?); elsewhere inside Chinese "
    "text it marks a lost character and stays.",
)

#: Thousands groups after runs of spaces too: whitespace is collapsed by a later step, and a second
#: pass must find nothing more to join.
_SPACED_THOUSANDS = re.compile(r"\d(?<![\d.]\d)\d{0,2}(?: +\d{3})+(?![\d])")


#: A space, three digits and no digit after them: the end of every match of :data:`_SPACED_THOUSANDS`
#: (looked for first: a pattern that begins with a character jumps from one space to the next).
_SPACE_THOUSANDS_GROUP = re.compile(r" \d{3}(?!\d)")


def _find_number_space_edits(text: str) -> Iterator[EditBatch]:
    if not _SPACE_THOUSANDS_GROUP.search(text):  # in every match, and rare
        return
    spaces = (m.start() + offset for m in _SPACED_THOUSANDS.finditer(text) for offset, char in enumerate(m.group()) if char == " ")
    yield from batched_edits(((position, position + 1, "") for position in spaces), "number_space")


join_spaced_numbers = Step.streaming(
    "join_spaced_numbers",
    "normalize",
    _find_number_space_edits,
    description="Thousands separated by spaces (11 722.79) -> 11722.79; '1 1' (a lost plus sign) is not a thousands group.",
)

_WHITESPACE_RUN = re.compile(r"[ \n][ \n]*")  # a class first: the scan jumps from space to space
_WHITESPACE_RUNS = re.compile(r"[ \n][ \n]+")  # runs of two or more


def _find_whitespace_edits(text: str) -> Iterator[EditBatch]:
    yield from batched_edits(_whitespace_spans(text), "whitespace")


def _whitespace_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """The edits of :func:`_find_whitespace_edits`: a run of spaces and line breaks is dropped at
    either end of the text and becomes one line break or one space inside it, so a run of one
    character inside the text stays; only runs of two or more are looked for there.

    Example:
        >>> list(_whitespace_spans(" 党  建\\n工 作\\n"))
        [(0, 1, ''), (2, 4, ' '), (9, 10, '')]
    """
    size = len(text)
    position = 0
    if size and text[0] in " \n":  # a run at the start of the text is dropped
        position = _WHITESPACE_RUN.match(text).end()
        yield 0, position, ""
    for m in _WHITESPACE_RUNS.finditer(text, position):
        position = m.end()
        yield m.start(), position, _whitespace_replacement(text, m)
    if position < size and text[-1] in " \n" and text[-2] not in " \n":  # one character at the end
        yield size - 1, size, ""


def _whitespace_replacement(text: str, run: re.Match[str]) -> str:
    """What a run of spaces and line breaks becomes: nothing at either end of the text, else one
    line break if it holds one, else one space."""
    if run.start() == 0 or run.end() == len(text):
        return ""
    return "\n" if "\n" in run.group() else " "


normalize_whitespace = Step.streaming(
    "normalize_whitespace",
    "normalize",
    _find_whitespace_edits,
    description="Indentation and trailing spaces dropped, runs of spaces -> one, blank lines dropped (one line = one paragraph).",
)


#: A line of running text cut by the wrap of a printed page: it ends inside a word or number, and
#: the next line goes on with one (a page of a gazetteer or a yearbook read line by line).
OPEN_LINE_END = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]$")
CONTINUED_LINE_START = re.compile(r"^[\u4e00-\u9fff0-9（(]")
#: Shortest line read as wrapped running text (titles and cells are shorter), and the mark of a
#: clause it must hold (a headline of figures has none).
WRAPPED_LINE_CHARS = 20
PROSE_MARK = re.compile(r"[，,；;。]")
#: A title or quotation left open at the end of a line: the next line may be another column's.
UNCLOSED_TITLE = re.compile(r"《[^》]*$|“[^”]*$")
#: A line that ends with a quantity (党员 1801 人) may be a statement of its own (a year that a word
#: follows, 1971年发展, is no quantity), and a line that opens with an item marker (二是, 三、, （二）, 2.)
#: starts a new statement.
QUANTITY_LINE_END = re.compile(r"[0-9]\s*(?!年)[^\s0-9，。；、,;]{1,3}$")
ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+(?:是|、)|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+\s*[、.．]|第[一二三四五六七八九十0-9]+[，、])")
_SENTENCE_ENDS = "。！？"
_SUBTITLE_DASH = "——"
#: A line break between a character that leaves a word open and one that goes on with it: Chinese
#: characters and digits only (a bracket or a Latin letter may open a pinyin reading or a redaction
#: that earlier steps read at the start of a line).
_WRAP_POINT = re.compile(r"\n(?=[\u4e00-\u9fff0-9])")
_WORD_END = re.compile(r"[\u4e00-\u9fff0-9]$")
_WORD_START = re.compile(r"^[\u4e00-\u9fff0-9]")


def runs_on(line: str, following: str) -> bool:
    """Does ``line`` run on into the line ``following`` it, cut by the wrap of a printed page? (The
    step never joins the text's first line, its title, nor a line with a subtitle's dash ——.) It is
    running text (at least :data:`WRAPPED_LINE_CHARS` characters with a clause mark, no bar of a
    table) that ends inside a word or number (a Chinese character or a digit), not with a quantity or
    inside an open title; the next line goes on with a word (a Chinese character, or a digit after
    no digit), opens no item (二是, 三、) and is no heading (a short line without a mark) nor a row.

    Example:
        >>> runs_on("发展的党员中，高中以上文化程度的占45.1%，小学文化程度的占25%，文", "盲占2.8%。")
        True
        >>> runs_on("全年共发展党员12918名，其中女党员2895名", "全县基层党组织320个。"), runs_on("一是抓发展，全年发展党员20名以上", "二是抓培训")
        (False, False)
        >>> runs_on("全县党员基本情况统计如下，单位为名", "乡镇 | 党员总数 | 女党员"), runs_on("截至年底，全县共有党员1801", "2023年新发展党员50名，")
        (False, False)
    """
    last = line[max(map(line.rfind, _SENTENCE_ENDS)) + 1 :]  # the line's last sentence
    return (
        len(line) >= WRAPPED_LINE_CHARS
        and _WORD_END.search(line) is not None
        and _WORD_START.match(following) is not None
        and not (line[-1].isdigit() and following[0].isdigit())  # 1801 / 2023年: two numbers, never one
        and PROSE_MARK.search(line) is not None
        and QUANTITY_LINE_END.search(last) is None
        and ITEM_START.match(following) is None
        and UNCLOSED_TITLE.search(last) is None
        and not any(bar in line or bar in following for bar in "|｜")  # a table's rows stay rows
        and (len(following) >= WRAPPED_LINE_CHARS or PROSE_MARK.search(following) is not None or following[-1:] in _SENTENCE_ENDS)
    )


#: How far back a line run on is judged (its end decides; a run of wrapped lines is not read again
#: from its start at every break).
_WRAP_LOOK_BACK = 400


def _wrap_edits(text: str) -> Iterator[tuple[int, int, str]]:
    """The line breaks of ``text`` that cut running text (:func:`runs_on`), each judged with the
    line it ends, lines already run on into it included (at most :data:`_WRAP_LOOK_BACK` characters
    back), so that a second pass finds nothing more."""
    chain_start, last_join = 0, -2  # where the line run on so far starts; the last break taken out
    for match in _WRAP_POINT.finditer(text):
        position = match.start()
        if not position or not _WORD_END.match(text, position - 1, position):
            continue
        line_start = text.rfind("\n", 0, position) + 1
        if not line_start or _SUBTITLE_DASH in text[line_start:position]:
            continue  # the first line is the title; a line with a subtitle's dash is a title too
        start = max(chain_start if last_join == line_start - 1 else line_start, position - _WRAP_LOOK_BACK)
        following_end = text.find("\n", position + 1)
        following = text[position + 1 : following_end if following_end >= 0 else len(text)]
        if runs_on(text[start:position], following):
            chain_start, last_join = (chain_start if last_join == line_start - 1 else line_start), position
            yield position, position + 1, ""


def _find_wrap_edits(text: str) -> Iterator[EditBatch]:
    if "\n" not in text:
        return
    yield from batched_edits(_wrap_edits(text), "wrapped_line")


join_wrapped_lines = Step.streaming(
    "join_wrapped_lines",
    "normalize",
    _find_wrap_edits,
    description="A line of running text cut by the wrap of a printed page (it ends inside a word and the next "
    "line goes on with one) is joined to the next: 小学文化程度的占25%，文 / 盲占2.8%。 -> …，文盲占2.8%。",
)


# remove ---------------------------------------------------------------------

_BREADCRUMB_WORDS = ("首页", "主页", "当前位置", "您的位置", "你的位置", "您现在的位置", "您当前的位置", "你现在的位置", "首頁", "當前位置")
_BREADCRUMB = re.compile(rf"^\s*({'|'.join(_BREADCRUMB_WORDS)})\s*[:：]?.*?(>|»|＞|→)")
_BREADCRUMB_FIRST = frozenset(word[0] for word in _BREADCRUMB_WORDS)
_META_KEYS = re.compile(
    r"(发布日期|发布时间|發布日期|发表时间|访问次数|浏览次数|阅读次数|点击数|点击量|访问量|瀏覽次數|"
    r"责任编辑|編輯|编辑|责编|择稿人员|来源|來源|稿源|信息来源|作者|记者|通讯员|摄影|"
    r"发表日期|公开日期|发布机构|发文字号|有效性|主管|主办|开办|承办|协办|信访举报|公众监督|业务办理|技术支持|网站标识码|^\s*时间)\s*[:：]"
)
_CONTROLS = re.compile(
    r"^\s*(字体|字號|字号)\s*[:：]|背景色|【\s*大\s*中\s*小\s*】|\b[大中小]\s+[大中小]\s+[大中小]\b|打印本页|打印此页|关闭窗口|"
    r"分享到|扫一扫|返回顶部|上一篇|下一篇|^\s*(相关新闻|相关阅读|相关链接|相关文章|推荐阅读|热点新闻)\s*[:：]?\s*$|"
    r"版权所有|Copyright|ICP备|网站地图|联系我们|设为首页|加入收藏|共计\d+个字|预计阅读时长|阅读时长\s*\d+\s*分钟|"
    r"^\s*(分享|转载|复制|正文复制|复制链接|点赞|在看|收藏|举报)\s*[:：]?\s*$|违法和不良信息举报|举报电话|举报邮箱|"
    r"^\s*(您|你)(当前|现在)?的?位置\s*[:：]?\s*$|^\s*(>>|»)|"
    r"关注.{0,12}(微信|微博|公众号)|(微信|手机)扫(码|一扫)|扫码关注|"
    r"^\s*((微信|微博|新浪微博|腾讯微博|QQ空间|QQ好友|QQ|朋友圈|豆瓣|人人网)\s*[|/、·•]?\s*){2,}$|"
    r"【\s*(?:打印|关闭)\s*】"
)
#: A breadcrumb without 首页 (新闻中心 > 综合 > 贵州日报): names parted by two arrows or more, no clause
#: mark; and a portal's name alone on its line (搜狐网站, 搜狐新闻-搜狐网站, 中国共产党新闻网). Both are
#: judged on the line without its spaces, their length in Chinese characters (what later steps keep).
_ARROW_CRUMBS = re.compile(r"[^>»＞，。；：:,;]+(?:[>»＞][^>»＞，。；：:,;]+){2,}[>»＞]?")
_PORTAL_NAME = re.compile(r"[^，。；：:,;、]*(?:网站|新闻网|门户网)")
_MAX_CRUMBS_CJK, _MAX_PORTAL_CJK = 30, 12
_ANY_SPACE = re.compile(r"\s+")
#: Characters of verbs and of 党建 that a portal's name does not hold (建好用好党建网站 is work on a site).
_ACTING = re.compile("[建用办设管推做抓强]")
_MAX_FURNITURE_CJK = 60
_SENTENCE_END = re.compile("[。！？]")


def is_furniture_line(line: str) -> bool:
    """True for a line of web-page furniture rather than body text.

    Example:
        >>> is_furniture_line("首页> 党建动态>扎实推进基层党建工作")
        True
        >>> is_furniture_line("全市培训党员2.1万人次。")
        False
    """
    stripped = _as_placed(line.strip())
    if not stripped:
        return False
    long = _has_more_chinese_than(stripped, _MAX_FURNITURE_CJK)
    return _is_furniture(stripped, long, long or _CJK_CHAR.search(stripped) is not None)


def _as_placed(line: str) -> str:
    """``line`` with the names of template sites replaced by the placeholder, as
    :data:`replace_placeholders` will leave it: the furniture of a line is judged on the line that
    cleaning the text again would see (a name is Chinese characters that the placeholder removes).

    Example:
        >>> _as_placed("老秘网首页>首页>相关新闻"), _as_placed("首页>首页>相关新闻")
        ('□首页>首页>相关新闻', '首页>首页>相关新闻')
    """
    if not any(name in line for name in template_site_names()):
        return line
    return _site_names_pattern().sub(PLACEHOLDER, line)


def _is_furniture(stripped: str, long: bool, chinese: bool) -> bool:
    """:func:`is_furniture_line` of a stripped line that is not empty, told whether it holds more
    than :data:`_MAX_FURNITURE_CJK` Chinese characters (``long``) and whether it holds any."""
    if _BREADCRUMB.search(stripped):
        return True
    # Lengths are counted in Chinese characters, which later steps do not remove, so that a line
    # judged body text stays body text when the text is cleaned again.
    if long:
        return False
    if _META_KEYS.search(stripped) and not _SENTENCE_END.search(stripped):
        return True
    if _CONTROLS.search(stripped) or _site_line(stripped):
        return True
    # A line without a single Chinese character: a lone '|', 'Baidu', 'map', a page number.
    return not chinese and PLACEHOLDER not in stripped


def _site_line(stripped: str) -> bool:
    """Is the line a breadcrumb without 首页 or a portal's name alone (see :data:`_ARROW_CRUMBS`)?

    Example:
        >>> _site_line("新闻中心 > 综合 > 贵州日报"), _site_line("搜狐新闻-搜狐网站"), _site_line("全县织密一张网")
        (True, True, False)
        >>> _site_line("（三）建好用好党建网站"), _site_line("3.党建网站"), _site_line("中国共产党新闻网")
        (False, False, True)
    """
    if ">" not in stripped and "»" not in stripped and "＞" not in stripped and "网" not in stripped:
        return False
    compact = _ANY_SPACE.sub("", stripped)
    if _ARROW_CRUMBS.fullmatch(compact):
        return not _has_more_chinese_than(compact, _MAX_CRUMBS_CJK)
    return (
        _PORTAL_NAME.fullmatch(compact) is not None
        and not _has_more_chinese_than(compact, _MAX_PORTAL_CJK)
        and ITEM_START.match(compact) is None
        and _ACTING.search(compact) is None  # （三）建好用好党建网站: a heading of work on a site, not its banner
    )


def _has_more_chinese_than(text: str, limit: int) -> bool:
    """Whether ``text`` holds more than ``limit`` Chinese characters (stops counting there).

    Example:
        >>> _has_more_chinese_than("党建a工作", 3), _has_more_chinese_than("党建", 3)
        (True, False)
    """
    return len(text) > limit and _chinese_characters(limit + 1).match(text) is not None


@functools.lru_cache(maxsize=8)
def _chinese_characters(count: int) -> re.Pattern[str]:
    """A pattern matching the start of a text up to its ``count``-th Chinese character."""
    return re.compile(rf"(?:[^{CJK}]*+[{CJK}]){{{count}}}")


_TABLE_BAR = re.compile(r"[|｜]")
_TABLE_NUMBER = re.compile(r"\d{1,7}")
#: A row of a table that holds numbers only (``| 2013 | 72905 | 0 | 7.91 |``): two bars at least.
_NUMBER_ROW = re.compile(r"[|｜]?(?:[ \t]*[0-9][0-9.,%]*[ \t]*[|｜]|[ \t]*[|｜]){2,}[ \t]*(?:[0-9][0-9.,%]*[ \t]*)?")
#: A ruling of a table drawn with box-drawing characters (┠───┼───┨), between its rows.
_RULING = re.compile(r"[\u2500-\u257f|｜ \t]+")


def _table_cells(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines of a table that are kept although they hold no Chinese character: a
    bare number between two lone bars (``|``) and those bars, as statistical tables pasted from a
    web page or a PDF come laid out one cell a line (``教育学院`` / ``|`` / ``11`` / ``|`` / ``0``);
    and a row of numbers between bars under a row of the same table that names its columns
    (``| 年份 | 离休干部总数 |`` / ``| 2013 | 72905 |``), rulings between the rows allowed, a blank
    line ending the table. A page number or a lone bar of a navigation menu has no such neighbours.

    Example:
        >>> _table_cells(["教育学院", "|", "11", "|", "0", "|", "合计"])
        {1, 2, 3, 4, 5}
        >>> sorted(_table_cells(["首页", "|", "新闻", "12"]))
        []
        >>> sorted(_table_cells(["| 年份 | 党员总数 |", "┠──┼──┨", "| 2013 | 72905 |", "┠──┼──┨", "| 2014 | 66652 |", "注：", "| 12 |"]))
        [2, 4]
    """
    stripped = [line.strip() for line in lines]
    filled = [i for i, line in enumerate(stripped) if line]
    kept: set[int] = set()
    header = False  # the rows above, rulings left out, are a table's: its header, then its rows
    for index, line in enumerate(stripped):
        if not line:
            header = False  # a blank line ends the table
        elif _NUMBER_ROW.fullmatch(line) and line.count("|") + line.count("｜") >= 2:
            if header:
                kept.add(index)
        elif not _RULING.fullmatch(line):
            header = (line.count("|") + line.count("｜") >= 2) and _CJK_CHAR.search(line) is not None
    for position, index in enumerate(filled):
        if not _TABLE_NUMBER.fullmatch(stripped[index]) or position == 0 or position + 1 == len(filled):
            continue
        before, after = filled[position - 1], filled[position + 1]
        if _TABLE_BAR.fullmatch(stripped[before]) and _TABLE_BAR.fullmatch(stripped[after]):
            kept.update((before, index, after))
    return kept


def _furniture_lines(text: str, block_chars: int = 1 << 16) -> Iterator[tuple[int, int, str]]:
    """The lines of ``text`` that :func:`is_furniture_line` takes for furniture, as :func:`_lines`
    yields them. The Chinese characters of a block of lines are counted at once: a line of more
    than :data:`_MAX_FURNITURE_CJK` (most) is furniture only if it is a breadcrumb. The numbers
    and bars of a table laid out one cell a line (:func:`_table_cells`) are not furniture.

    Example:
        >>> list(_furniture_lines("首页> 党建动态>\\n" + "党的建设" * 20 + "\\n|\\n"))
        [(0, 10, '首页> 党建动态>'), (91, 93, '|')]
        >>> list(_furniture_lines("学院\\n|\\n25\\n|\\n1\\n"))
        [(10, 12, '1')]
    """
    for start, block_end in _line_blocks(text, block_chars):
        block = text[start:block_end]
        lines = block.splitlines(keepends=True)
        if len(block) > 2 * block_chars:  # it ends with a long line: no array as long as the line
            for line in lines:
                if is_furniture_line(line):
                    yield start, start + len(line), line.rstrip("\n")
                start += len(line)
            continue
        chinese = _chinese_counts(np.frombuffer(block.encode("utf-32-le"), dtype=np.uint32))
        lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
        ends = np.cumsum(lengths)
        counts = (chinese[ends] - chinese[ends - lengths]).tolist()
        sites = any(name in block for name in template_site_names())
        del block, chinese
        table = _table_cells(lines) if "|" in text[start:block_end] or "｜" in text[start:block_end] else set()
        for index, (line, count) in enumerate(zip(lines, counts)):
            end = start + len(line)
            view = _as_placed(line) if sites else line  # judged as cleaning the text again would see it
            if view is not line:
                count = len(_CJK_CHAR.findall(view))
            if index in table:
                furniture = False
            elif count > _MAX_FURNITURE_CJK:  # a breadcrumb or body text
                first = view[0] if not view[0].isspace() else view.lstrip()[:1]
                furniture = first in _BREADCRUMB_FIRST and _BREADCRUMB.search(view.strip()) is not None
            else:
                stripped = view.strip()
                furniture = bool(stripped) and _is_furniture(stripped, False, count > 0)
            if furniture:
                yield start, end, line.rstrip("\n")
            start = end


def _find_furniture_edits(text: str) -> Iterator[Edit]:
    for start, end, _ in _furniture_lines(text):
        yield Edit(start, end, "", "furniture")


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
#: A field's value ends where the line's next label begins: an empty field (作者:    发布时间:) has none.
_VALUE_END = r"(?![^\s|｜:：]|\s*[:：])"
_META_FIELDS = {
    "editor": re.compile(rf"(?:择稿人员|责任编辑|編輯|编辑)\s*[:：]\s*([^\s|｜:：]{{1,20}}){_VALUE_END}"),
    "source": re.compile(rf"(?:信息来源|稿源|来源|來源)\s*[:：]\s*([^\s|｜:：]{{1,30}}){_VALUE_END}"),
    "visits": re.compile(r"(?:访问次数|浏览次数|阅读次数|点击数|点击量|访问量|瀏覽次數)\s*[:：]\s*(\d+)"),
    "author": re.compile(rf"(?<![责任])作者\s*[:：]\s*([^\s|｜:：]{{1,20}}){_VALUE_END}"),
}


def extract_furniture_metadata(text: str) -> dict[str, str]:
    """Publication date, editor, source and visit count found in furniture lines.

    Example:
        >>> extract_furniture_metadata("择稿人员: 刘磊 | 发布日期: 2020-05-09 | 访问次数: 895")
        {'date': '2020-05-09', 'editor': '刘磊', 'visits': '895'}
        >>> extract_furniture_metadata("文章来源:中国干部网    作者:    发布时间:2018-07-01 20:58    点击量:591")
        {'date': '2018-07-01', 'source': '中国干部网', 'visits': '591'}
    """
    return _metadata_of_lines(_furniture_lines(text))


def _metadata_of_lines(lines: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """:func:`extract_furniture_metadata` of furniture lines already found (``(start, end, line)``)."""
    found: dict[str, str] = {}
    for _, _, line in lines:
        date = _DATE.search(line)
        if date and "date" not in found:
            year, month, day = date.groups()
            found["date"] = f"{year}-{int(month):02d}-{int(day):02d}"
        for name, pattern in _META_FIELDS.items():
            match = pattern.search(line)
            if match and name not in found:
                found[name] = match.group(1)
    return found


def _furniture_edits_and_metadata(text: str) -> tuple[list[Iterable[Edit]], dict[str, str]]:
    r"""The furniture edits (one stream) and the metadata of the same lines, from one scan of the text.

    Example:
        >>> streams, found = _furniture_edits_and_metadata("首页 > 新闻\n党员12名。\n")
        >>> [(e.start, e.end) for e in streams[0]], found
        ([(0, 8)], {})
    """
    lines = list(_furniture_lines(text))
    edits = [Edit(start, end, "", "furniture") for start, end, _ in lines]
    return ([edits] if edits else []), _metadata_of_lines(lines)


remove_furniture = Step.streaming(
    "remove_furniture",
    "remove",
    _find_furniture_edits,
    extract_metadata=extract_furniture_metadata,
    edits_and_metadata=_furniture_edits_and_metadata,
    description="Whole lines of web-page furniture: breadcrumbs, editor/date/visit lines, font and "
    "background controls, 'related news', short lines with no Chinese (|, Baidu, map). Date, editor, "
    "source and visits go to the document's metadata.",
)

_AUTHOR_NAME = re.compile(rf"^[{CJK}·•]{{2,4}}$")
_AUTHOR_POSITION = re.compile(r"^[（(]\s*(?:作者|作者系|作者为|作者是|作者单位)[:：]?\s*(?:系|为|是)?\s*(.+?)\s*[）)]$")
_AUTHOR_LINE = re.compile(r"^(?:作者|文|撰文)\s*[:：/／]\s*(\S{2,20})$")


def _author_lines(text: str) -> dict[str, tuple[int, int, str]]:
    """Locate the author line (first line) and author-position line (last line), if any."""
    # the first two lines that are not blank
    lines = ((start, end, text[start:end].rstrip("\n")) for start, end in _line_spans(text))
    opening = list(itertools.islice(((s, e, line) for s, e, line in lines if line and not line.isspace()), 2))
    found: dict[str, tuple[int, int, str]] = {}
    if len(opening) >= 2:
        last = _last_line(text)
        start, end, first = opening[0][0], opening[0][1], opening[0][2].strip()
        match = _AUTHOR_LINE.match(first)
        if match or (_AUTHOR_NAME.match(first) and len(opening[1][2].strip()) >= 30):
            found["author"] = (start, end, match.group(1) if match else first)
        start, end = last[0], last[1]
        match = _AUTHOR_POSITION.match(last[2].strip())
        if match:
            found["author_position"] = (start, end, match.group(1))
    return found


def _last_line(text: str) -> tuple[int, int, str]:
    """``(start, end_including_newline, line_without_newline)`` of the last line that is not
    blank (of a text that has one), found from the end of the text.

    Example:
        >>> _last_line("甲\\n乙\\r\\n \\n")
        (2, 5, '乙\\r')
    """
    last = _last_non_space(text)
    start = max(text.rfind(end, 0, last) for end in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029") + 1
    boundary = _LINE_END.search(text, last + 1)
    end = boundary.end() if boundary else len(text)
    return start, end, text[start:end].rstrip("\n")


def _last_non_space(text: str, tail_chars: int = 256) -> int:
    """Position of the last character of ``text`` that is not a space (-1 if none), looked for in
    ever longer tails of the text (no copy of the whole).

    Example:
        >>> _last_non_space("党建 \\n\\n", tail_chars=1), _last_non_space(" \\n")
        (1, -1)
    """
    while True:
        tail = text[-tail_chars:]
        kept = len(tail.rstrip())
        if kept or tail_chars >= len(text):
            return len(text) - len(tail) + kept - 1
        tail_chars *= 4


def _find_author_edits(text: str) -> Iterator[Edit]:
    for start, end, _ in _author_lines(text).values():
        yield Edit(start, end, "", "author_line")


def extract_author_metadata(text: str) -> dict[str, str]:
    """Author name and position of a signed article.

    Example:
        >>> extract_author_metadata("林坤\\n" + "党的基层组织是党执政的组织基础" * 3 + "\\n（作者系区委常委）")
        {'author': '林坤', 'author_position': '区委常委'}
    """
    return {name: value for name, (_, _, value) in _author_lines(text).items()}


remove_author_lines = Step.streaming(
    "remove_author_lines",
    "remove",
    _find_author_edits,
    extract_metadata=extract_author_metadata,
    description="A signed article's author line (a 2-4 character name, or 作者：…) and closing "
    "(作者系…) position line become metadata.",
)

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_SYLLABLE = re.compile(
    rf"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}]{{1,3}}(?:ng|n|r)?$"
)
_PARENTHESISED_LATIN = re.compile(rf"[(（](?<=\S[(（])([a-zü{_TONED}]{{1,6}})[)）](?:[(（][a-zü{_TONED}]{{1,6}}[)）])*")
_SYLLABLE_IN_PARENS = re.compile(rf"[(（]([a-zü{_TONED}]{{1,6}})[)）]")


def _find_pinyin_edits(text: str) -> Iterator[EditBatch]:
    if "(" not in text and "（" not in text:
        return
    yield from batched_edits(_pinyin_spans(text), "pinyin")


def _pinyin_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, "")`` of each pinyin reading: the syllables in parentheses of a run of
    :data:`_PARENTHESISED_LATIN` up to the first that is not a reading.

    Example:
        >>> list(_pinyin_spans("黨(dǎng)員(a) 執(zhí)(zhèng) 政"))
        [(1, 7, ''), (13, 18, ''), (18, 26, '')]
    """
    cjk, reading = _CJK_CHAR.match, _reading
    for run in _PARENTHESISED_LATIN.finditer(text):
        start, run_end = run.span()
        first = run.group(1)
        if run_end == start + len(first) + 2:  # one syllable (most runs)
            is_syllable, has_tone = reading(first)
            if not is_syllable or not (has_tone or (len(first) >= 2 and cjk(text, start - 1) is not None)):
                continue
            end = run_end
            if text[end : end + 1] == " " and cjk(text, end + 1):
                end += 1  # the space a reading is set off with before the next character: 黨(dang) 員 -> 黨員
            yield start, end, ""
            continue
        after_chinese = cjk(text, start - 1) is not None
        position = start  # the syllables in parentheses of a run follow one another
        for syllable in _SYLLABLE_IN_PARENS.findall(text, start, run_end):
            is_syllable, has_tone = reading(syllable)
            if not is_syllable:
                break
            if not (has_tone or (after_chinese and len(syllable) >= 2)):
                break  # an untoned single letter such as (a) is a list marker, not a reading
            end = position + len(syllable) + 2
            if end == run_end and text[end : end + 1] == " " and cjk(text, end + 1):
                end += 1
            yield position, end, ""
            position = end


@functools.lru_cache(maxsize=4096)
def _reading(syllable: str) -> tuple[bool, bool]:
    """Whether ``syllable`` is a pinyin syllable, and whether it carries a tone mark.

    Example:
        >>> _reading("zhí"), _reading("dang"), _reading("xyz")
        ((True, True), (True, False), (False, False))
    """
    return _PINYIN_SYLLABLE.match(syllable) is not None, any(char in _TONED for char in syllable)


remove_pinyin_readings = Step.streaming(
    "remove_pinyin_readings",
    "remove",
    _find_pinyin_edits,
    description="Pinyin readings inserted after characters: 執(zhí)政 -> 執政. Only a single "
    "lower-case pinyin syllable in parentheses is removed, so (社区), (次) and (A) stay.",
)


# convert ---------------------------------------------------------------------

#: OpenCC configuration. ``tw2s`` was chosen on this genre: plain ``t2s`` leaves 著 in 凝聚著, 著力.
OPENCC_CONFIG = "tw2s"


@functools.lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


#: Lines longer than this many characters are converted piece by piece (:func:`_opencc_pieces`).
LONG_LINE_CHARS = 1 << 16
#: A character that no key of OpenCC's dictionaries contains (they hold Chinese characters only):
#: OpenCC's phrase matching never reaches across it.
_OPENCC_BOUNDARY = re.compile("[^\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _find_script_edits(text: str, config: str = OPENCC_CONFIG, piece_chars: int | None = None) -> Iterator[Edit]:
    """The edits of :data:`convert_to_simplified`, one per character changed (or per line whose
    conversion changes its length); a line longer than ``piece_chars`` (default
    :data:`LONG_LINE_CHARS`) is converted in pieces, with the same result.

    Example:
        >>> [(e.start, e.replacement) for e in _find_script_edits("党建\\n黨的基層")]
        [(3, '党'), (6, '层')]
    """
    return expand(text, _script_changes(text, config, piece_chars))


def _script_changes(text: str, config: str = OPENCC_CONFIG, piece_chars: int | None = None) -> Iterator[Edit | Substitution]:
    """:func:`_find_script_edits` with the characters of lines converted one for one gathered into
    :class:`Substitution` s, taken a block of whole lines of about ``piece_chars`` characters at a
    time: a block without traditional characters costs one ``t2s`` conversion, and the lines of a
    block that hold some are converted together (OpenCC never matches a phrase across a line
    break, so a block converts as its lines do)."""
    piece_chars = piece_chars or LONG_LINE_CHARS
    start = 0
    while start < len(text):
        boundary = _LINE_END.search(text, start + piece_chars - 1)
        end = boundary.end() if boundary else len(text)
        if end - start > 2 * piece_chars:  # it ends with a long line: line by line, in pieces
            for line_start, line_end in _line_spans(text, start, end):
                yield from _line_script_changes(text, line_start, line_end, config, piece_chars)
        else:
            yield from _block_script_changes(text, start, end, config, piece_chars)
        start = end


def _line_script_changes(text: str, start: int, end: int, config: str, piece_chars: int) -> Iterator[Edit | Substitution]:
    """The conversion of the line ``text[start:end]`` (its line break included)."""
    stop = end - 1 if text[end - 1] == "\n" else end
    pieces = _opencc_pieces(text, start, stop, piece_chars)
    if len(pieces) == 1:
        yield from _converted_line(text[start:stop], start, config)
    else:
        yield from _long_line_script_edits(text, pieces, config)


def _converted_line(line: str, start: int, config: str) -> Iterator[Edit | Substitution]:
    """The conversion of one line starting at ``start``."""
    if _converter("t2s").convert(line) == line:
        return  # already simplified: 著 in 显著 must stay 著
    converted = _converter(config).convert(line)
    if len(converted) == len(line):
        yield Substitution(start, start + len(line), converted, "script", len(changed_positions(line, converted)))
    else:  # a phrase changed length: the whole line is one traceable edit
        yield Edit(start, start + len(line), converted, "script")


def _block_script_changes(text: str, start: int, end: int, config: str, piece_chars: int) -> Iterator[Edit | Substitution]:
    """The conversion of the whole lines ``text[start:end]``: one ``t2s`` conversion finds the lines
    that hold traditional characters, one conversion with ``config`` converts them all."""
    block = text[start:end]
    simplified = _converter("t2s").convert(block)
    if simplified == block:
        return
    lines = block.splitlines(keepends=True)
    traditional = [i for i, (line, other) in enumerate(zip(lines, simplified.splitlines(keepends=True))) if line != other]
    converted = _converter(config).convert("".join([lines[i] for i in traditional])).splitlines(keepends=True)
    if len(converted) != len(traditional):  # not expected: line by line
        for line_start, line_end in _line_spans(text, start, end):
            yield from _line_script_changes(text, line_start, line_end, config, piece_chars)
        return
    starts = list(itertools.accumulate(map(len, lines), initial=start))
    pieces = list(lines)
    resized = []  # lines whose conversion changes their length: one edit each
    for i, line in zip(traditional, converted):
        if len(line) == len(lines[i]):
            pieces[i] = line
        else:
            resized.append((i, line))
    new_block = "".join(pieces)
    positions = changed_positions(block, new_block)
    cursor = start
    for i, line in resized:
        line_start = starts[i]
        yield from _substitution(new_block, start, cursor, line_start, positions)
        newline = lines[i].endswith("\n")
        yield Edit(line_start, starts[i + 1] - newline, line[:-1] if newline else line, "script")
        cursor = starts[i + 1]
    yield from _substitution(new_block, start, cursor, end, positions)


def _substitution(new_block: str, block_start: int, start: int, end: int, positions: np.ndarray) -> Iterator[Substitution]:
    """The :class:`Substitution` of ``[start, end)`` by the same span of ``new_block`` (which
    starts at ``block_start``), if any of the ``positions`` (of changes, in the block) fall in it."""
    count = int(np.searchsorted(positions, end - block_start) - np.searchsorted(positions, start - block_start))
    if count:
        yield Substitution(start, end, new_block[start - block_start : end - block_start], "script", count)


def _long_line_script_edits(text: str, pieces: list[tuple[int, int]], config: str) -> Iterator[Edit | Substitution]:
    """:func:`_converted_line` of the line made of ``pieces`` (:func:`_opencc_pieces`), converted
    piece by piece: OpenCC converts a text cut after a character no dictionary key contains into
    the same characters as the whole, so the line gets the same edits."""
    if all(_converter("t2s").convert(text[s:e]) == text[s:e] for s, e in pieces):
        return
    changes = []
    for s, e in pieces:
        piece = text[s:e]
        converted = _converter(config).convert(piece)
        if len(converted) != len(piece):  # the line becomes one edit: convert it whole
            line_start, line_end = pieces[0][0], pieces[-1][1]
            yield from _converted_line(text[line_start:line_end], line_start, config)
            return
        count = len(changed_positions(piece, converted))
        if count:
            changes.append(Substitution(s, e, converted, "script", count))
    yield from changes


def _opencc_pieces(text: str, start: int, end: int, piece_chars: int = LONG_LINE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces of at least ``piece_chars`` characters (but the last), each
    cut right after the first character at or beyond that length that no OpenCC dictionary key
    contains (punctuation, spaces, digits, Latin letters …).

    Example:
        >>> text = "黨的建設，基層組織。"
        >>> [text[s:e] for s, e in _opencc_pieces(text, 0, len(text), piece_chars=3)]
        ['黨的建設，', '基層組織。']
    """
    pieces = []
    while end - start > piece_chars:
        boundary = _OPENCC_BOUNDARY.search(text, start + piece_chars - 1, end)
        if boundary is None or boundary.end() >= end:
            break
        pieces.append((start, boundary.end()))
        start = boundary.end()
    pieces.append((start, end))
    return pieces


def is_traditional(char: str) -> bool:
    """True if OpenCC's ``t2s`` would change ``char`` (used to check a clean text).

    Example:
        >>> is_traditional("黨"), is_traditional("党")
        (True, False)
    """
    return _converter("t2s").convert(char) != char


convert_to_simplified = Step.streaming(
    "convert_to_simplified",
    "convert",
    _script_changes,
    description=f"Traditional -> simplified with OpenCC '{OPENCC_CONFIG}' (phrase-aware: 凝聚著 -> 凝聚着, "
    "顯著 -> 显著), applied to lines that hold traditional characters only, so a simplified 显著 stays.",
)


@functools.lru_cache(maxsize=1)
def template_site_names() -> tuple[str, ...]:
    """Names of template/essay sites that get pasted over a region's name (shipped data file)."""
    text = resources.files("dangjian").joinpath("data/template_sites.txt").read_text(encoding="utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(set(names), key=lambda n: (-len(n), n)))


_REDACTION_CHARS = "*xX×ｘＸ"
#: Redactions: runs (***, XX村, ××县), a single star standing for a name (*村), a lone x for a
#: place (《x:…》). The pattern consumes the star or x first and then tells the alternatives apart
#: by looking back at it, so the scan jumps from one star or x to the next.
_REDACTION = (
    rf"[{_REDACTION_CHARS}](?:(?<=\*)\*+|(?<=[xX×ｘＸ])[xX×ｘＸ]+(?=[{CJK}])|(?<=[{CJK}][xX×])[xX×]+"
    rf"|(?<=\*)(?=[{CJK}])|(?<=[{CJK}]\*)"
    rf"|(?<=[《{CJK}][xX×])(?=[{CJK}:：》]))"
)


@functools.lru_cache(maxsize=1)
def _site_names_pattern() -> re.Pattern[str]:
    """The names of template sites, longest first."""
    return re.compile("|".join(re.escape(name) for name in template_site_names()) or "(?!)")


@functools.lru_cache(maxsize=1)
def _placeholder_pattern() -> re.Pattern[str]:
    """Redactions, then the names of template sites."""
    sites = "|".join(re.escape(name) for name in template_site_names())
    return re.compile(_REDACTION + (rf"|{sites}" if sites else ""))


@functools.lru_cache(maxsize=1)
def _placeholder_parts() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """:func:`_placeholder_pattern` as two patterns, redactions and sites' names, when no name
    holds a character a redaction is made of (a match of one then never overlaps a match of the
    other, and the two find what the one finds)."""
    names = template_site_names()
    if not names or any(char in name for name in names for char in _REDACTION_CHARS):
        return None
    return re.compile(_REDACTION), re.compile("|".join(re.escape(name) for name in names))


def _placeholder_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`_placeholder_pattern` in ``text``; the names of template sites are
    first looked for one by one (a fast search), and most texts hold none.

    Example:
        >>> [m.group() for m in _placeholder_matches("我老秘网区***同志")]
        ['老秘网', '***']
    """
    parts = _placeholder_parts()
    if parts is None:
        return _placeholder_pattern().finditer(text)
    redactions, sites = parts
    found = redactions.finditer(text) if _holds_any(text, _REDACTION_CHARS) else iter(())
    if not any(name in text for name in template_site_names()):
        return found
    return heapq.merge(found, sites.finditer(text), key=lambda m: m.start())


def _find_placeholder_edits(text: str) -> Iterator[Edit]:
    for m in _placeholder_matches(text):
        if m.group() != PLACEHOLDER:
            yield Edit(m.start(), m.end(), PLACEHOLDER, "placeholder")


replace_placeholders = Step.streaming(
    "replace_placeholders",
    "convert",
    _find_placeholder_edits,
    description=f"Redactions (***, *村, XX县), a template site's name pasted over a region's name "
    f"(我老秘网区) and a lone x for a place (《x:…》) -> the placeholder {PLACEHOLDER}.",
)


#: Gambling advertisements injected into a hacked page's running text (习近平总书记澳门和记娱乐场，菠菜导航网：
#: 全面从严治党…): a casino's name with its 娱乐场, or a betting site's name (菠菜导航网), with the mark after
#: it. 娱乐场所, 菠菜种植, 关停老虎机 and 打击赌博 are ordinary words of the genre and stay.
_SPAM = re.compile(
    rf"(?:(?:澳门|葡京|新葡京|威尼斯人|金沙|永利|太阳城|皇冠|和记|银河)[{CJK}]{{0,4}}?(?:娱乐场|娱乐城|赌场|博彩)(?!所)"
    r"|(?:菠菜|博彩|百家乐|老虎机|电子游艺|真人娱乐)(?:导航网|导航|官网|网址|网站|网))[，,：:、]?"
)
#: Words one of which every advertisement holds: a text without any is not scanned (seven substring
#: searches cost far less than one scan of the pattern).
_SPAM_CORES = ("娱乐", "赌场", "博彩", "菠菜", "百家乐", "老虎机", "游艺")


def _find_spam_edits(text: str) -> Iterator[EditBatch]:
    if any(core in text for core in _SPAM_CORES):
        yield from batched_edits(((*m.span(), "") for m in _SPAM.finditer(text)), "spam")


remove_injected_spam = Step.streaming(
    "remove_injected_spam",
    "remove",
    _find_spam_edits,
    description="Gambling advertisements injected into a hacked page's running text "
    "(澳门…娱乐场, 菠菜导航网) are removed with the mark after them, and counted.",
)


# mark -------------------------------------------------------------------------

_LOST = re.compile(rf"\ufffd|\?(?<=[{CJK}，。、；：“”（）]\?)|\?(?=[{CJK}，。、；：“”（）;])")
mark_lost_characters = Step.streaming(
    "mark_lost_characters",
    "mark",
    _regex_stream(_LOST, "lost_character", lambda m: m.group(), needs="\ufffd?"),
    description="Characters lost in transmission (� anywhere, ? inside Chinese text) are kept "
    "visible and counted; they are never guessed.",
)


#: Runs of mojibake: U+FFFD (with ? among them), UTF-8 bytes read as Latin-1 or Windows-1252
#: (``å…š`` for 党), and the classic strings of U+FFFD or uninitialised memory re-encoded in GBK
#: (锟斤拷, 烫烫烫, 屯屯屯).
_CP1252_HIGH = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE = re.compile(
    # a lead byte (or a byte Windows-1252 lacks, now U+FFFD) and one or two continuation bytes (a
    # no-break space among them may have become a space), twice or more
    rf"(?:[\u00c2-\u00ef\ufffd][\u0080-\u00bf{_CP1252_HIGH}\ufffd ]{{1,2}}){{2,}}(?<! )"
    r"|(?:锟斤拷)+|烫{3,}|屯{3,}"
    r"|(?=[\ufffd?]{2})[\ufffd?]*\ufffd[\ufffd?]*"  # two or more, one of them U+FFFD
)


def mojibake_runs(text: str) -> list[tuple[int, int]]:
    """The runs of mojibake in ``text``, as (start, end) spans: text decoded with the wrong
    encoding somewhere upstream (a scraped page mixing encodings), which no decoder can repair.
    A lone ``?`` or ``�`` in Chinese text is a lost character (:data:`mark_lost_characters`), not
    a run.

    Example:
        >>> text = "加强å…šå»ºå·¥ä½œ，锟斤拷锟斤拷发展党员��?名。"
        >>> [text[a:b] for a, b in mojibake_runs(text)]
        ['å…šå»ºå·¥ä½œ', '锟斤拷锟斤拷', '��?']
        >>> mojibake_runs("党员Café会议")
        []
    """
    if not _holds_any(text, "\ufffd锟烫屯") and not re.search("[\u00c2-\u00ef]", text):
        return []
    return [match.span() for match in _MOJIBAKE.finditer(text)]


DEFAULT_STEPS: tuple[Step, ...] = (
    normalize_line_breaks,
    normalize_spaces,
    normalize_fullwidth_alnum,
    remove_pinyin_readings,
    convert_to_simplified,
    remove_furniture,
    remove_author_lines,
    remove_injected_spam,
    replace_placeholders,
    normalize_punctuation,
    join_spaced_numbers,
    normalize_whitespace,
    join_wrapped_lines,
    mark_lost_characters,
)


# --------------------------------------------------------------------------- pipeline


@dataclass
class StepRecord:
    """What one step did to one document."""

    step: str
    kind: str
    edits: int
    chars_removed: int
    chars_added: int
    examples: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class CleanResult:
    """A cleaned text with its offset map, step records and metadata found on the way.

    Example:
        >>> r = clean_text("區(qū)委")
        >>> r.text, r.to_raw_span(0, 2), r.raw_text[slice(*r.to_raw_span(0, 2))]
        ('区委', (0, 6), '區(qū)委')
    """

    raw_text: str
    text: str
    offset_map: OffsetMap
    records: list[StepRecord]
    metadata: dict[str, str]

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file span of the clean span ``[start, end)``."""
        return self.offset_map.to_raw_span(start, end)

    def count(self, kind: str) -> int:
        """Number of edits (or marks) of one edit kind or step, e.g. ``"pinyin"``, ``"lost_character"``."""
        return sum(r.edits if r.step == kind else r.by_kind.get(kind, 0) for r in self.records)

    def record_table(self) -> list[dict[str, Any]]:
        """One row per step, for a cleaning report."""
        return [
            {
                "step": r.step,
                "kind": r.kind,
                "edits": r.edits,
                "chars_removed": r.chars_removed,
                "chars_added": r.chars_added,
                "examples": " | ".join(r.examples),
                "removed": " | ".join(r.removed),
            }
            for r in self.records
        ]


def step_record_to_dict(record: StepRecord) -> dict[str, Any]:
    """A :class:`StepRecord` as plain values (strings, numbers, lists, dicts) for JSON.

    Example:
        >>> record = clean_text("區(qū)委").records[0]
        >>> step_record_from_dict(step_record_to_dict(record)) == record
        True
    """
    return {name: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v for name, v in vars(record).items()}


def step_record_from_dict(data: dict[str, Any]) -> StepRecord:
    """The :class:`StepRecord` of :func:`step_record_to_dict`."""
    return StepRecord(**data)


def clean_result_to_dict(result: CleanResult) -> dict[str, Any]:
    """A :class:`CleanResult` as plain values for JSON, except its offset map (kept as arrays,
    see :func:`dangjian.cleaning.edits.offset_map_to_npy`).

    Example:
        >>> result = clean_text("區(qū)委")
        >>> again = clean_result_from_dict(clean_result_to_dict(result), result.offset_map)
        >>> again.text, again.records == result.records, again.to_raw_span(0, 2)
        ('区委', True, (0, 6))
    """
    return {
        "raw_text": result.raw_text,
        "text": result.text,
        "records": [step_record_to_dict(record) for record in result.records],
        "metadata": dict(result.metadata),
    }


def clean_result_from_dict(data: dict[str, Any], offset_map: OffsetMap) -> CleanResult:
    """The :class:`CleanResult` of :func:`clean_result_to_dict` and its offset map.

    ``ValueError`` if the map does not have one entry per character of the clean text.
    """
    if len(offset_map) != len(data["text"]):
        raise ValueError(f"the offset map covers {len(offset_map)} characters, the clean text has {len(data['text'])}")
    records = [step_record_from_dict(record) for record in data["records"]]
    return CleanResult(data["raw_text"], data["text"], offset_map, records, dict(data["metadata"]))


def _example(text: str, edit: Edit, context: int = 6) -> str:
    before = text[max(0, edit.start - context) : edit.end + context].replace("\n", "⏎")
    after = (
        text[max(0, edit.start - context) : edit.start] + edit.replacement + text[edit.end : edit.end + context]
    ).replace("\n", "⏎")
    return f"{before} → {after}" if before != after else before


def _in_order(starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether the spans ``(starts[i], ends[i])`` come sorted (as arrays when there are many).

    Example:
        >>> _in_order([1, 1, 4], [2, 3, 4]), _in_order([1, 1], [3, 2])
        (True, False)
    """
    if len(starts) < 48:
        spans = list(zip(starts, ends))
        return spans == sorted(spans)
    begin, end = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    return not ((begin[1:] < begin[:-1]) | ((begin[1:] == begin[:-1]) & (end[1:] < end[:-1]))).any()


def _removed_piece(original: str, pieces: dict[str, str], short: dict[str, str]) -> str:
    """The piece of text kept for the record of a removed ``original``: stripped; a short one (a
    pinyin reading, which recurs) kept once in ``short`` and remembered in ``pieces``.

    Example:
        >>> pieces, short = {}, {}
        >>> _removed_piece("(dǎng) ", pieces, short), pieces
        ('(dǎng)', {'(dǎng) ': '(dǎng)'})
    """
    piece = original.strip()
    if len(piece) <= 16:
        piece = pieces[original] = short.setdefault(piece, piece)
    return piece


class _Tally:
    """What one stream of a step's edits does to ``text``, counted as the edits pass by.

    :meth:`changes` passes on the edits that change the text (not the marks), in order.
    """

    def __init__(self, step: str, text: str, keep_removed: bool, max_examples: int) -> None:
        self.step, self.text, self.keep_removed, self.max_examples = step, text, keep_removed, max_examples
        self.edits = self.chars_removed = self.chars_added = 0
        self.kinds: dict[str, int] = {}
        self.examples: list[str] = []
        self.removed: list[str] = []
        self.short: dict[str, str] = {}

    def changes(self, edits: Iterable[Edit | Substitution | EditBatch], ordered: bool = True) -> Iterator[Edit | Substitution | EditBatch]:
        """The edits that change the text; with ``ordered``, ``ValueError`` if they come out of text order."""
        text, examples, max_examples, kinds = self.text, self.examples, self.max_examples, self.kinds
        keep_removed, removed, short = self.keep_removed, self.removed, self.short
        pieces: dict[str, str] = {}  # a short removed piece, stripped, by what was removed
        count = chars_removed = chars_added = 0  # added to the tally's counts when the edits end
        kind, of_kind = None, 0  # the kind of the edits coming one after another, and their number
        last = (0, 0)
        try:
            for edit in edits:
                if type(edit) is EditBatch:
                    starts, ends, replacements = edit.starts, edit.ends, edit.replacements
                    if not starts:
                        continue
                    if ordered:
                        if (starts[0], ends[0]) < last or not _in_order(starts, ends):
                            spans = list(zip(starts, ends))
                            self._out_of_order(next(b for a, b in zip([last, *spans], spans) if b < a), last)
                        last = (starts[-1], ends[-1])
                    count += len(starts)
                    if edit.kind != kind:
                        if of_kind:
                            kinds[kind] = kinds.get(kind, 0) + of_kind
                        kind, of_kind = edit.kind, 0
                    of_kind += len(starts)
                    if len(examples) < max_examples:
                        first = max_examples - len(examples)
                        examples += [_example(text, Edit(*one, edit.kind)) for one in zip(starts[:first], ends[:first], replacements[:first])]
                    originals = [text[start:end] for start, end in zip(starts, ends)]
                    if any(map(str.__eq__, replacements, originals)):  # marks among them
                        kept = [i for i, (replacement, original) in enumerate(zip(replacements, originals)) if replacement != original]
                        if not kept:
                            continue
                        starts, ends = [starts[i] for i in kept], [ends[i] for i in kept]
                        replacements, originals = [replacements[i] for i in kept], [originals[i] for i in kept]
                        edit = EditBatch(starts, ends, replacements, edit.kind)
                    chars_removed += sum(ends) - sum(starts)
                    chars_added += sum(map(len, replacements))
                    if keep_removed:
                        known = pieces.get
                        removed += [known(original) or _removed_piece(original, pieces, short) for original in originals]
                    yield edit
                    continue
                start, end = edit.start, edit.end
                if ordered:
                    if (start, end) < last:
                        self._out_of_order((start, end), last)
                    last = (start, end)
                if type(edit) is Substitution:
                    if keep_removed:  # each removed character is kept: one edit at a time
                        yield from self.changes(edit.edits(text), ordered=False)
                        continue
                    if len(examples) < max_examples:
                        examples += [_example(text, one) for one in itertools.islice(edit.edits(text), max_examples - len(examples))]
                    count += edit.count
                    if edit.kind != kind:
                        if of_kind:
                            kinds[kind] = kinds.get(kind, 0) + of_kind
                        kind, of_kind = edit.kind, 0
                    of_kind += edit.count
                    chars_removed += edit.count
                    chars_added += edit.count
                    yield edit
                    continue
                count += 1
                if edit.kind != kind:
                    if of_kind:
                        kinds[kind] = kinds.get(kind, 0) + of_kind
                    kind, of_kind = edit.kind, 0
                of_kind += 1
                if len(examples) < max_examples:
                    examples.append(_example(text, edit))
                original = text[start:end]
                if edit.replacement != original:
                    chars_removed += end - start
                    chars_added += len(edit.replacement)
                    if keep_removed:
                        piece = original.strip()
                        if len(piece) <= 16:  # a short piece (a pinyin reading) recurs: keep one copy
                            piece = short.setdefault(piece, piece)
                        removed.append(piece)
                    yield edit
        finally:
            if of_kind:
                kinds[kind] = kinds.get(kind, 0) + of_kind
            self.edits += count
            self.chars_removed += chars_removed
            self.chars_added += chars_added

    def _out_of_order(self, span: tuple[int, int], last: tuple[int, int]) -> None:
        raise ValueError(
            f"{self.step}: edits out of text order ([{span[0]}, {span[1]}) after [{last[0]}, {last[1]})); "
            "each stream of a step's edit_streams must yield its edits sorted by (start, end)"
        )


@dataclass(frozen=True)
class CleaningPipeline:
    """An ordered list of steps; the default suits this genre. Reorder or drop steps freely.

    Example:
        >>> pipeline = CleaningPipeline().without("convert_to_simplified")
        >>> pipeline("黨(dǎng)員").text
        '黨員'
    """

    steps: Sequence[Step] = DEFAULT_STEPS
    max_examples: int = 3

    def without(self, *names: str) -> CleaningPipeline:
        """The same pipeline minus the named steps."""
        unknown = set(names) - {s.name for s in self.steps}
        if unknown:
            raise ValueError(f"unknown cleaning steps {sorted(unknown)}; steps are {[s.name for s in self.steps]}")
        return CleaningPipeline(tuple(s for s in self.steps if s.name not in names), self.max_examples)

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def __call__(self, raw_text: str) -> CleanResult:
        text = raw_text
        offsets = OffsetMap.identity(len(raw_text))
        records: list[StepRecord] = []
        metadata: dict[str, str] = {}
        for step in self.steps:
            streams: Sequence[Iterable[Edit]] | None = None
            found: dict[str, str] = {}
            if step.edits_and_metadata is not None:
                streams, found = step.edits_and_metadata(text)
            elif step.extract_metadata is not None:
                found = step.extract_metadata(text)
            for key, value in found.items():
                metadata.setdefault(key, value)
            record, new_text, step_map = self._run(step, text, streams)
            records.append(record)
            if step_map is not None:
                text, offsets = new_text, offsets.then(step_map)
            del new_text, step_map
        return CleanResult(raw_text, text, offsets, records, self._clean_values(metadata))

    def _run(
        self, step: Step, text: str, found: Sequence[Iterable[Edit]] | None = None
    ) -> tuple[StepRecord, str, OffsetMap | None]:
        """One step on ``text``: its record, the new text and the map back (None if nothing changed).

        The edits are tallied and applied as they come from the step's streams (``found``, if the
        step's edits were already read with its metadata), in text order.
        """
        if step.edit_streams is not None:
            streams: Sequence[Iterable[Edit | Substitution | EditBatch]] = _non_empty(
                step.edit_streams(text) if found is None else found
            )
            if not streams:  # nothing found (most steps on most texts)
                return StepRecord(step.name, step.kind, 0, 0, 0), text, None
        else:
            streams = [step.find_edits(text)]
        tallies = [_Tally(step.name, text, step.kind == "remove", self.max_examples) for _ in streams]
        ordered = step.edit_streams is not None
        changes = [tally.changes(stream, ordered) for tally, stream in zip(tallies, streams)]
        if not ordered:
            in_order: Iterable[Edit | Substitution | EditBatch | tuple] = sorted(changes[0], key=_position)
        elif len(changes) == 1:
            in_order = changes[0]
        else:
            in_order = _merged_spans(text, changes)
        new_text, step_map = apply_sorted_edits(text, in_order)
        by_kind: dict[str, int] = {}
        for tally in tallies:
            for kind, count in tally.kinds.items():
                by_kind[kind] = by_kind.get(kind, 0) + count
        record = StepRecord(
            step=step.name,
            kind=step.kind,
            edits=sum(t.edits for t in tallies),
            chars_removed=sum(t.chars_removed for t in tallies),
            chars_added=sum(t.chars_added for t in tallies),
            examples=[example for t in tallies for example in t.examples][: self.max_examples],
            removed=[removed for t in tallies for removed in t.removed],
            by_kind=by_kind,
        )
        changed = any(t.chars_removed or t.chars_added for t in tallies)
        return record, new_text, step_map if changed else None

    def _clean_values(self, metadata: dict[str, str]) -> dict[str, str]:
        """Metadata found in raw lines gets the same text treatment as the body."""
        line_steps = tuple(s for s in self.steps if s.extract_metadata is None)
        if not metadata or len(line_steps) == len(self.steps):
            return metadata
        value_pipeline = CleaningPipeline(line_steps, self.max_examples)
        return {key: value_pipeline(value).text for key, value in metadata.items()}


def clean_text(raw_text: str, pipeline: CleaningPipeline | None = None) -> CleanResult:
    """Clean one document's raw text with the default (or a given) pipeline.

    Example:
        >>> clean_text("收繳賬外耕地11 722.79畝").text
        '收缴账外耕地11722.79亩'
    """
    return (pipeline or CleaningPipeline())(raw_text)
