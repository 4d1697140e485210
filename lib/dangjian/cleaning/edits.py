"""Traceable text edits: one mechanism applies them and keeps the map back to the raw text.

A cleaning step never rewrites text directly. It *finds* edits (``Edit(start, end,
replacement)``) in its input; :func:`apply_edits` applies them and returns, for every character
of the output, the span of the input it came from. :class:`OffsetMap` composes those maps over
a whole pipeline, so any span of the clean text (a sentence, a number) maps back to its exact
place in the original file.

:func:`apply_sorted_edits` applies edits that come in text order one at a time (from a
generator), and a map is stored as runs of characters rather than two numbers per character, so
a text of hundreds of megabytes with millions of edits needs neither a list of its edits nor an
array the length of the text. Edits found in great numbers travel as an :class:`EditBatch` (three
lists) or, for characters replaced one for one, as a :class:`Substitution` of a whole span; each
stands for the edits it holds, and applies as they would.

Example:
    >>> text = "執(zhí)政"
    >>> new, step_map = apply_edits(text, [Edit(1, 6, "", "pinyin")])
    >>> new
    '執政'
    >>> OffsetMap.identity(len(text)).then(step_map).to_raw_span(0, 2)
    (0, 7)
"""

from __future__ import annotations

import functools
import io
import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``kind`` says why (for the record).

    An edit whose replacement equals the original span is a *mark*: it changes nothing but is
    counted (e.g. a character lost in transmission, kept visible and flagged).
    """

    start: int
    end: int
    replacement: str
    kind: str


@dataclass(frozen=True, slots=True)
class Substitution:
    """Characters of ``text[start:end]`` replaced one for one by those of ``replacement`` (of the
    same length): one edit of one character, of ``kind``, for each of the ``count`` characters that
    differ (:meth:`edits`). Many such edits (a line converted to simplified characters) then travel
    and apply as one, with the map of kept characters.

    Example:
        >>> sub = Substitution(0, 4, "党的基层", "script", 2)
        >>> [(e.start, e.replacement) for e in sub.edits("黨的基層")]
        [(0, '党'), (3, '层')]
        >>> apply_sorted_edits("黨的基層", [sub])[0]
        '党的基层'
    """

    start: int
    end: int
    replacement: str
    kind: str
    count: int

    def positions(self, text: str) -> np.ndarray:
        """Positions (in ``text``) of the characters that differ."""
        return self.start + changed_positions(text[self.start : self.end], self.replacement)

    def edits(self, text: str) -> Iterator[Edit]:
        """The one-character edits this substitution stands for, in text order."""
        start, replacement, kind = self.start, self.replacement, self.kind
        for position in self.positions(text).tolist():
            yield Edit(position, position + 1, replacement[position - start], kind)


@dataclass(frozen=True, slots=True)
class EditBatch:
    """Edits of one ``kind`` in text order, held as three lists: ``starts``, ``ends`` and
    ``replacements``. A finder that finds many edits yields them a batch at a time, so that each
    costs a few list entries rather than an object (:meth:`edits` gives them one by one).

    Example:
        >>> batch = EditBatch([1, 3], [2, 4], ["，", "；"], "punctuation")
        >>> apply_sorted_edits("党,建;", [batch])[0], len(batch), batch.edits()[1]
        ('党，建；', 2, Edit(start=3, end=4, replacement='；', kind='punctuation'))
    """

    starts: list[int]
    ends: list[int]
    replacements: list[str]
    kind: str

    def __len__(self) -> int:
        return len(self.starts)

    def edits(self) -> list[Edit]:
        """The edits of the batch, in order."""
        return list(map(Edit, self.starts, self.ends, self.replacements, itertools.repeat(self.kind, len(self.starts))))


#: Edits a finder collects before it yields them as one :class:`EditBatch`.
BATCH_EDITS = 4096


def batched_edits(spans: Iterable[tuple[int, int, str]], kind: str, size: int = BATCH_EDITS) -> Iterator[EditBatch]:
    """``(start, end, replacement)`` of edits of one ``kind``, in text order, as batches of ``size``.

    Example:
        >>> [len(b) for b in batched_edits(((i, i + 1, "") for i in range(5)), "k", size=2)]
        [2, 2, 1]
    """
    spans = iter(spans)
    while chunk := list(itertools.islice(spans, size)):
        starts, ends, replacements = zip(*chunk)
        yield EditBatch(list(starts), list(ends), list(replacements), kind)


def changed_positions(before: str, after: str) -> np.ndarray:
    """Positions where two texts of equal length differ (compared as arrays of code points).

    Example:
        >>> changed_positions("黨的基層", "党的基层").tolist()
        [0, 3]
    """
    codes_before = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    codes_after = np.frombuffer(after.encode("utf-32-le"), dtype=np.uint32)
    return np.flatnonzero(codes_before != codes_after)


def expand(text: str, edits: Iterable[Edit | Substitution | EditBatch]) -> Iterator[Edit]:
    """``edits`` with every :class:`Substitution` or :class:`EditBatch` replaced by the edits it stands for.

    Example:
        >>> [e.start for e in expand("黨員", [Substitution(0, 2, "党员", "script", 2)])]
        [0, 1]
    """
    for edit in edits:
        if isinstance(edit, Substitution):
            yield from edit.edits(text)
        elif isinstance(edit, EditBatch):
            yield from edit.edits()
        else:
            yield edit


@dataclass(frozen=True, slots=True)
class StepMap:
    """For each output character ``i`` of one step: the input span ``[starts[i], ends[i])``.

    ``starts`` has one extra entry, the input length, so that an empty span at the very end
    maps too.
    """

    starts: np.ndarray
    ends: np.ndarray


def _position(edit: Edit) -> tuple[int, int]:
    return edit.start, edit.end


def _non_overlapping(edits: Iterable[Edit], length: int) -> Iterator[Edit]:
    """Edits sorted by ``(start, end)``, without any that overlap an earlier one or fall outside
    ``[0, length]``: the edits :func:`apply_edits` applies, in order."""
    return _kept_in_order(sorted(edits, key=_position), length)


def _kept_in_order(edits: Iterable[Edit], length: int) -> Iterator[Edit]:
    """:func:`_non_overlapping` for edits that already come sorted by ``(start, end)`` (a stream)."""
    last_end = 0
    for edit in edits:
        if edit.start < last_end or edit.start > edit.end or edit.end > length:
            continue
        yield edit
        if edit.end > edit.start:
            last_end = max(last_end, edit.end)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, StepMap]:
    """Apply non-overlapping edits to ``text``; return the new text and its :class:`StepMap`.

    Overlapping edits are resolved first-come (by start offset). A replacement of ``k``
    characters for the input span ``[a, b)`` maps each of its characters to ``[a, b)``.

    Example:
        >>> apply_edits("a  b", [Edit(1, 3, " ", "space")])[0]
        'a b'
    """
    new_text, step_map = apply_sorted_edits(text, _non_overlapping(expand(text, edits), len(text)))
    return new_text, StepMap(step_map.starts, step_map.ends)


#: Characters of output collected before they are joined into one piece of the new text.
_JOIN_CHARS = 1 << 20


def apply_sorted_edits(text: str, edits: Iterable[Edit | Substitution | EditBatch | tuple]) -> tuple[str, OffsetMap]:
    """:func:`apply_edits` for edits that come sorted by ``(start, end)``, e.g. from a generator.

    Edits are consumed one at a time (those that overlap an earlier one are skipped), so a text
    of any length with millions of edits needs no list of them; the map from the new text back
    to ``text`` is an :class:`OffsetMap` of runs, not of characters. A :class:`Substitution`
    applies as the one-character edits it stands for (it must not overlap other edits), an
    :class:`EditBatch` as its edits, and a tuple ``(start, end, …, replacement)`` as an edit.

    Example:
        >>> new, step_map = apply_sorted_edits("黨(dǎng)員", iter([Edit(1, 7, "", "pinyin")]))
        >>> new, step_map.to_raw_span(0, 2)
        ('黨員', (0, 8))
    """
    length = len(text)
    runs = _RunBuilder()
    # The runs of the map are added here as the text is built (see _RunBuilder): ``out`` output
    # characters so far; ``following``, the input position that would continue the last run (a
    # run of characters mapped one by one), else -1.
    add_first, add_start, add_end, add_slope = runs.first.append, runs.start.append, runs.end.append, runs.slope.append
    out, following, flushed = 0, -1, 0
    joined: list[str] = []
    pieces: list[str] = []
    cursor = last_end = 0
    changed = False
    for edit in edits:
        kind = type(edit)
        if kind is Substitution:
            start, end = edit.start, edit.end
            if start < last_end or start > end or end > length or not edit.count:
                continue  # it overlaps an earlier edit or falls outside the text (as in _kept_in_order)
            last_end = end
            changed = True
            if start > cursor:
                pieces.append(text[cursor:start])
            pieces.append(edit.replacement)
            if cursor != following:  # [cursor, end) maps as kept: a character replaced by one does
                add_first(out), add_start(cursor), add_end(cursor + 1), add_slope(1)
            out += end - cursor
            following = cursor = end
            continue
        if kind is EditBatch:
            applied = _applied_batch(text, edit, cursor, last_end, out)
            if applied is not None:
                batch_pieces, batch_runs, cursor, last_end, out = applied
                if batch_pieces:
                    changed = True
                    pieces += batch_pieces
                    for column, values in zip((runs.first, runs.start, runs.end, runs.slope), batch_runs):
                        column.frombytes(values.tobytes())
                    following = -1  # the next run is added, and merged with the last if it continues it
                if out - flushed > _JOIN_CHARS:
                    joined.append("".join(pieces))
                    pieces, flushed = [], out
                continue
            spans: Iterable[tuple] = zip(edit.starts, edit.ends, edit.replacements)
        elif kind is tuple:
            spans = (edit,)
        else:
            spans = ((edit.start, edit.end, edit.replacement),)
        for span in spans:
            start, end, replacement = span[0], span[1], span[-1]
            if start < last_end or start > end or end > length:
                continue  # it overlaps an earlier edit or falls outside the text (as in _kept_in_order)
            if end > start and end > last_end:
                last_end = end
            if replacement == text[start:end]:
                continue  # a mark: nothing to change
            changed = True
            if start > cursor:  # [cursor, start) kept
                pieces.append(text[cursor:start])
                if cursor != following:
                    add_first(out), add_start(cursor), add_end(cursor + 1), add_slope(1)
                out += start - cursor
                following = start
            if replacement:
                pieces.append(replacement)
                if end == start + 1 and len(replacement) == 1:  # one character for one: maps as kept
                    if start != following:
                        add_first(out), add_start(start), add_end(end), add_slope(1)
                    out += 1
                    following = end
                else:  # every character of the replacement maps to [start, end)
                    add_first(out), add_start(start), add_end(end), add_slope(0)
                    out += len(replacement)
                    following = -1
            cursor = end
        if out - flushed > _JOIN_CHARS:
            joined.append("".join(pieces))
            pieces, flushed = [], out
    if not changed:
        return text, OffsetMap.identity(length)
    if cursor < length:
        pieces.append(text[cursor:])
        if cursor != following:
            add_first(out), add_start(cursor), add_end(cursor + 1), add_slope(1)
        out += length - cursor
    joined.append("".join(pieces))
    del pieces
    runs.length = out
    return "".join(joined), runs.offset_map(length)


#: Edits of a batch below which they are applied one by one (array operations cost more for a few).
_ARRAY_EDITS = 48
#: Characters of text per edit of a batch above which its edits are applied one by one (a batch is
#: applied as an array of the code points it spans).
_ARRAY_CHARS_PER_EDIT = 40


def _applied_batch(
    text: str, batch: EditBatch, cursor: int, last_end: int, out: int
) -> tuple[list[str], tuple[np.ndarray, ...], int, int, int] | None:
    """The edits of ``batch`` applied at once, as :func:`apply_sorted_edits` applies them one by one
    from ``cursor`` (the input consumed so far), ``last_end`` (the end of the last edit) and ``out``
    (the output characters so far): the new text from ``cursor`` to the end of the last edit that
    changes something (one piece, or none if nothing changes), the map's runs (first, start, end
    and slope arrays: one run per kept piece and per replacement, those that continue the run
    before them left to the map to merge), and the new ``cursor``, ``last_end`` and ``out``.

    The text is edited as an array of code points: each replacement is written over the start of
    its span, and the rest of the span dropped. None (the edits are then applied one by one) if
    an edit does not begin at or after the end of the one before, falls outside the text, or has
    a replacement longer than its span.

    Example:
        >>> batch = EditBatch(list(range(1, 200, 4)), list(range(2, 200, 4)), ["，"] * 50, "k")
        >>> pieces, runs, cursor, last_end, out = _applied_batch("党,建。" * 50, batch, 0, 0, 0)
        >>> pieces[0][:6], [r[:3].tolist() for r in runs], cursor, out
        ('党，建。党，', [[0, 1, 2], [0, 1, 2], [1, 2, 3], [1, 1, 1]], 198, 198)
    """
    starts, ends, replacements = batch.starts, batch.ends, batch.replacements
    if len(starts) < _ARRAY_EDITS or ends[-1] - cursor > _ARRAY_CHARS_PER_EDIT * len(starts):
        return None  # a few edits, or edits far apart: one by one costs less
    begin, finish = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    lengths = np.fromiter(map(len, replacements), dtype=np.int64, count=len(replacements))
    if begin[0] < last_end or finish[-1] > len(text) or (begin[1:] < finish[:-1]).any() or (lengths > finish - begin).any():
        return None  # (a replacement no longer than its span also means no span ends before it starts)
    nonempty = finish > begin
    if nonempty.any():
        last_end = max(last_end, int(finish[nonempty].max()))
    codes = np.frombuffer(text[cursor : int(finish[-1])].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    new_codes = np.frombuffer("".join(replacements).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    which = np.repeat(np.arange(len(lengths)), lengths)  # the edit of each replacement character
    within = np.arange(len(new_codes), dtype=np.int64) - (np.cumsum(lengths) - lengths)[which]
    at = begin[which] - cursor + within  # where it is written, in ``codes``
    differing = np.bincount(which[codes[at] != new_codes], minlength=len(lengths))
    changes = (lengths != finish - begin) | (differing > 0)  # the others are marks
    if not changes.all():
        if not changes.any():
            return [], (), cursor, last_end, out
        kept = changes[which]
        at, new_codes = at[kept], new_codes[kept]
        begin, finish, lengths = begin[changes], finish[changes], lengths[changes]
    stop = int(finish[-1]) - cursor
    new = codes[:stop].copy()
    new[at] = new_codes
    if (lengths < finish - begin).any():  # characters dropped
        dropped = np.bincount(begin + lengths - cursor, minlength=stop + 1) - np.bincount(finish - cursor, minlength=stop + 1)
        new = new[np.cumsum(dropped[:-1]) == 0]
    piece = new.tobytes().decode("utf-32-le", "surrogatepass")
    gap_start = np.empty_like(begin)
    gap_start[0], gap_start[1:] = cursor, finish[:-1]
    widths = begin - gap_start
    gap_out = np.empty_like(begin)
    gap_out[0] = out
    np.cumsum(widths[:-1] + lengths[:-1], out=gap_out[1:])
    gap_out[1:] += out
    replaced_out = gap_out + widths
    # Runs two by two (the kept piece before each edit, then its replacement), those of no characters dropped.
    one_for_one = (lengths == 1) & (finish == begin + 1)
    present = np.column_stack((widths > 0, lengths > 0)).ravel()
    runs = tuple(
        np.column_stack(pair).ravel()[present]
        for pair in ((gap_out, replaced_out), (gap_start, begin), (gap_start + 1, finish), (np.ones_like(begin), one_for_one.astype(np.int64)))
    )
    return [piece], runs, int(finish[-1]), last_end, out + len(piece)


class _RunBuilder:
    """The runs of a step's map (run ``r`` begins at output character ``first[r]``, which maps to
    input ``[start[r], end[r])``, each further one ``slope[r]`` positions further), collected while
    :func:`apply_sorted_edits` builds the output, which adds a run only where the last one does
    not continue."""

    def __init__(self) -> None:
        self.first = array("q")
        self.start = array("q")
        self.end = array("q")
        self.slope = array("q")
        self.length = 0

    def offset_map(self, input_length: int) -> OffsetMap:
        as_array = lambda values: np.frombuffer(values, dtype=np.int64) if len(values) else np.zeros(0, np.int64)  # noqa: E731
        return OffsetMap.from_runs(
            as_array(self.first), as_array(self.start), as_array(self.end), as_array(self.slope), self.length, input_length
        )


class OffsetMap:
    """Map from each character of a derived text back to a span of the raw text.

    Character ``i`` of the derived text comes from the raw span ``[starts[i], ends[i])``;
    ``starts`` carries one extra sentinel (the raw length, or where the end of the text came
    from). The map is stored as runs: within a run, each character maps either one position
    further than the one before (text kept, or replaced one character for one) or to the same
    span (the characters of one replacement). A cleaned text needs a run per removal or
    length-changing replacement, not a number per character, so a text of hundreds of megabytes
    maps in little memory. ``OffsetMap(starts, ends)`` builds the map of per-character arrays.

    Example:
        >>> m = OffsetMap.identity(3)
        >>> m.to_raw_span(1, 3)
        (1, 3)
        >>> m = OffsetMap(np.array([0, 0, 4, 5, 6]), np.array([3, 3, 5, 6]))
        >>> m.runs, m.starts.tolist()
        (2, [0, 0, 4, 5, 6])
    """

    __slots__ = ("_first", "_start", "_end", "_slope", "_length", "_sentinel")

    def __init__(self, starts: Sequence[int] | np.ndarray, ends: Sequence[int] | np.ndarray) -> None:
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        if starts.ndim != 1 or ends.ndim != 1 or len(starts) != len(ends) + 1:
            raise ValueError(f"an offset map needs one start more than ends, got {starts.shape} starts and {ends.shape} ends")
        first, slope = _runs_of(starts[:-1], ends)
        runs = _merged(first, starts[:-1][first], ends[first], slope, len(ends))
        self._set(*runs, len(ends), int(starts[-1]))

    def _set(self, first: np.ndarray, start: np.ndarray, end: np.ndarray, slope: np.ndarray, length: int, sentinel: int) -> None:
        for name, value in (("_first", first), ("_start", start), ("_end", end), ("_slope", slope)):
            object.__setattr__(self, name, np.ascontiguousarray(value, dtype=np.int64))
        object.__setattr__(self, "_length", int(length))
        object.__setattr__(self, "_sentinel", int(sentinel))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an OffsetMap cannot be changed (tried to set {name!r})")

    def __getstate__(self) -> tuple:
        return self._first, self._start, self._end, self._slope, self._length, self._sentinel

    def __setstate__(self, state: tuple) -> None:
        self._set(*state)

    @classmethod
    def from_runs(
        cls, first: np.ndarray, start: np.ndarray, end: np.ndarray, slope: np.ndarray, length: int, sentinel: int
    ) -> OffsetMap:
        """The map of runs: run ``r`` begins at derived character ``first[r]`` (``first[0] == 0``,
        increasing), which maps to ``[start[r], end[r])``; each further character of the run maps
        ``slope[r]`` (0 or 1) positions further. ``sentinel`` is ``starts[length]``.

        Example:
            >>> OffsetMap.from_runs(np.array([0, 2]), np.array([0, 5]), np.array([1, 6]), np.array([1, 1]), 4, 7).starts.tolist()
            [0, 1, 5, 6, 7]
        """
        new = object.__new__(cls)
        new._set(*_merged(np.asarray(first), np.asarray(start), np.asarray(end), np.asarray(slope), length), length, sentinel)
        return new

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text onto itself."""
        return _identity(cls, length)

    @staticmethod
    def _identity(cls: type[OffsetMap], length: int) -> OffsetMap:
        some = np.zeros(1 if length else 0, dtype=np.int64)
        new = object.__new__(cls)
        new._set(some, some, some + 1, some + 1, length, length)  # one run (or none): nothing to merge
        return new

    def __len__(self) -> int:
        return self._length

    @property
    def runs(self) -> int:
        """Number of runs the map is stored as."""
        return len(self._first)

    @property
    def starts(self) -> np.ndarray:
        """Raw start of each derived character, then the sentinel (``len(self) + 1`` int64 values)."""
        values = np.empty(self._length + 1, dtype=np.int64)
        self._fill(values[:-1], self._start, 0)
        values[-1] = self._sentinel
        return values

    @property
    def ends(self) -> np.ndarray:
        """Raw end of each derived character (``len(self)`` int64 values)."""
        return self._values(self._end, 0, self._length)

    def _values(self, base: np.ndarray, lo: int, hi: int) -> np.ndarray:
        """``base`` (``self._start`` or ``self._end``) evaluated at the derived characters ``[lo, hi)``."""
        return self._fill(np.empty(hi - lo, dtype=np.int64), base, lo)

    def _fill(self, out: np.ndarray, base: np.ndarray, lo: int, step: int = 1 << 20) -> np.ndarray:
        """``out`` filled with ``base`` evaluated at characters ``lo, lo + 1, …``, a block at a time."""
        for offset in range(0, len(out), step):
            block = np.arange(lo + offset, lo + min(offset + step, len(out)), dtype=np.int64)
            out[offset : offset + len(block)] = self._at(base, block)
        return out

    def _at(self, base: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """``base`` evaluated at derived characters ``positions`` (each in ``[0, len(self))``)."""
        if not len(positions):
            return np.zeros(0, dtype=np.int64)
        run = np.searchsorted(self._first, positions, side="right") - 1
        return base[run] + self._slope[run] * (positions - self._first[run])

    def _starts_at(self, positions: np.ndarray) -> np.ndarray:
        """Raw starts at ``positions`` in ``[0, len(self)]`` (the last one is the sentinel)."""
        inside = positions < self._length
        values = np.full(len(positions), self._sentinel, dtype=np.int64)
        values[inside] = self._at(self._start, positions[inside])
        return values

    def _check(self, positions: np.ndarray, upper: int) -> None:
        if len(positions) and (positions.min() < 0 or positions.max() > upper):
            raise IndexError(f"position {int(positions.max() if positions.max() > upper else positions.min())} outside a text of length {self._length}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        if (self._length, self._sentinel) != (other._length, other._sentinel):
            return False
        step = 1 << 20
        return all(
            np.array_equal(self._values(base, lo, min(lo + step, self._length)), other._values(other_base, lo, min(lo + step, self._length)))
            for lo in range(0, self._length, step)
            for base, other_base in ((self._start, other._start), (self._end, other._end))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap(<{self._length} characters in {self.runs} runs, sentinel {self._sentinel}>)"

    def then(self, step: StepMap | OffsetMap) -> OffsetMap:
        """Compose with the map of a further step applied to the derived text.

        Example:
            >>> m = OffsetMap.identity(8).then(apply_edits("黨(dǎng)員", [Edit(1, 7, "", "pinyin")])[1])
            >>> m.to_raw_span(0, 2), m.runs
            ((0, 8), 2)
        """
        if isinstance(step, StepMap):
            step = OffsetMap(step.starts, step.ends)
        if self._is_identity() and step._sentinel <= self._length:
            return step  # maps are immutable: the step's map is the composition
        first, start, end, slope = _one_to_one_or_constant(step)
        lengths = np.diff(np.append(first, step._length))
        one_by_one = (slope == 1) & (end == start + 1)
        constant = ~one_by_one
        # A constant run maps every character to one span, so it becomes one run.
        span_start, span_end = start[constant], end[constant]
        self._check(span_start, self._length)
        self._check(span_end, self._length)
        new_start = self._starts_at(span_start)
        nonempty = span_end > span_start
        new_end = new_start.copy()
        new_end[nonempty] = self._at(self._end, span_end[nonempty] - 1)
        # A one-by-one run maps characters [a, a + count) of this map's text: it becomes one run
        # per run of this map that it meets.
        a, count = start[one_by_one], lengths[one_by_one]
        self._check(a, self._length)
        self._check(a + count, self._length)
        first_run = np.searchsorted(self._first, a, side="right") - 1
        last_run = np.searchsorted(self._first, a + count - 1, side="right") - 1
        counts = np.ones(len(first), dtype=np.int64)
        counts[one_by_one] = last_run - first_run + 1
        slots = np.cumsum(counts) - counts
        total = int(counts.sum())
        new_first = np.empty(total, dtype=np.int64)
        runs_start, runs_end, runs_slope = np.empty_like(new_first), np.empty_like(new_first), np.empty_like(new_first)
        at = slots[constant]
        new_first[at], runs_start[at], runs_end[at], runs_slope[at] = first[constant], new_start, new_end, 0
        pieces = counts[one_by_one]
        which = np.repeat(np.arange(len(pieces)), pieces)
        within = np.arange(int(pieces.sum()), dtype=np.int64) - np.repeat(np.cumsum(pieces) - pieces, pieces)
        run = first_run[which] + within
        begin = np.maximum(self._first[run], a[which])
        shift = self._slope[run] * (begin - self._first[run])
        at = slots[one_by_one][which] + within
        new_first[at] = first[one_by_one][which] + (begin - a[which])
        runs_start[at], runs_end[at], runs_slope[at] = self._start[run] + shift, self._end[run] + shift, self._slope[run]
        sentinel = int(self._starts_at(np.array([step._sentinel], dtype=np.int64))[0])
        return OffsetMap.from_runs(new_first, runs_start, runs_end, runs_slope, step._length, sentinel)

    def _is_identity(self) -> bool:
        """Whether this is the map of a (non-empty) text onto itself."""
        return (
            len(self._first) == 1 and self._sentinel == self._length
            and int(self._start[0]) == 0 and int(self._end[0]) == 1 and int(self._slope[0]) == 1
        )

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span ``[raw_start, raw_end)`` of the derived span ``[start, end)``."""
        if not 0 <= start <= end <= len(self):
            raise IndexError(f"span [{start}, {end}) outside a text of length {len(self)}")
        raw_start = int(self._starts_at(np.array([start], dtype=np.int64))[0])
        if end == start:
            return raw_start, raw_start
        return raw_start, int(self._at(self._end, np.array([end - 1], dtype=np.int64))[0])

    def to_raw_spans(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`to_raw_span` for many spans at once."""
        start_arr = np.asarray(starts, dtype=np.int64)
        end_arr = np.asarray(ends, dtype=np.int64)
        self._check(start_arr, self._length)
        self._check(end_arr, self._length)
        raw_starts = self._starts_at(start_arr)
        nonempty = end_arr > start_arr
        raw_ends = raw_starts.copy()
        raw_ends[nonempty] = self._at(self._end, end_arr[nonempty] - 1)
        return raw_starts, raw_ends


@functools.lru_cache(maxsize=16)
def _identity(cls: type[OffsetMap], length: int) -> OffsetMap:
    """:meth:`OffsetMap.identity`, made once for each length in use (a map cannot be changed)."""
    return OffsetMap._identity(cls, length)


def _one_to_one_or_constant(step: OffsetMap) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The runs of ``step`` with every sloped run whose characters map to spans of other than one
    character split into runs of one character: each run then maps one by one or to one span."""
    first, start, end, slope = step._first, step._start, step._end, step._slope
    lengths = np.diff(np.append(first, step._length))
    split = (slope == 1) & (end != start + 1) & (lengths > 1)
    if not split.any():
        return first, start, end, slope
    counts = np.where(split, lengths, 1)
    run = np.repeat(np.arange(len(first)), counts)
    within = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return first[run] + within, start[run] + within * slope[run], end[run] + within * slope[run], np.where(split[run], 0, slope[run])


def _runs_of(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First character and slope of runs of per-character spans: a run is where every character
    maps one position further than the one before (slope 1), or to the same span (slope 0)."""
    if not len(ends):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    step_start, step_end = np.diff(starts), np.diff(ends)
    kind = np.where((step_start == 1) & (step_end == 1), 1, np.where((step_start == 0) & (step_end == 0), 0, -1))
    breaks = np.ones(len(ends), dtype=bool)
    breaks[1:] = kind == -1
    breaks[2:] |= kind[1:] != kind[:-1]
    first = np.flatnonzero(breaks)
    following = first + 1
    slope = np.ones(len(first), dtype=np.int64)
    inside = following < len(ends)
    inside[inside] &= ~breaks[following[inside]]
    slope[inside] = kind[first[inside]]
    return first, slope


def _merged(
    first: np.ndarray, start: np.ndarray, end: np.ndarray, slope: np.ndarray, length: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Runs without those that continue the run before them (a run of one character counts as sloped)."""
    if not len(first):
        return first, start, end, slope
    widths = np.diff(np.append(first, length))
    slope = np.where(widths == 1, 1, slope)
    gap = widths[:-1]
    continues = (slope[1:] == slope[:-1]) & (start[1:] == start[:-1] + slope[:-1] * gap) & (end[1:] == end[:-1] + slope[:-1] * gap)
    if not continues.any():
        return first, start, end, slope
    keep = np.concatenate([[True], ~continues])
    return first[keep], start[keep], end[keep], slope[keep]


def offset_map_to_npy(offset_map: OffsetMap) -> bytes:
    """An :class:`OffsetMap` as one ``.npy`` int64 array (no pickled objects): its length and
    sentinel, then the first derived character, raw start, raw end and slope of each run.

    Example:
        >>> m = OffsetMap.identity(8).then(apply_edits("黨(dǎng)員", [Edit(1, 7, "", "pinyin")])[1])
        >>> again = offset_map_from_npy(offset_map_to_npy(m))
        >>> again == m, again.to_raw_span(0, 2)
        (True, (0, 8))
    """
    parts = ([offset_map._length, offset_map._sentinel], offset_map._first, offset_map._start, offset_map._end, offset_map._slope)
    buffer = io.BytesIO()
    np.save(buffer, np.concatenate(parts).astype(np.int64), allow_pickle=False)
    return buffer.getvalue()


def offset_map_from_npy(data: bytes) -> OffsetMap:
    """The :class:`OffsetMap` of :func:`offset_map_to_npy`; ``ValueError`` if the array does not form one."""
    values = np.load(io.BytesIO(data), allow_pickle=False)
    if values.dtype != np.int64 or values.ndim != 1 or len(values) < 2 or (len(values) - 2) % 4:
        raise ValueError(f"an offset map is a 1-D int64 array of 2 + 4 × runs values, got {values.dtype} {values.shape}")
    length, sentinel = int(values[0]), int(values[1])
    first, start, end, slope = values[2:].reshape(4, -1)
    if len(first) == 0:
        well_formed = length == 0
    else:
        well_formed = first[0] == 0 and bool(np.all(np.diff(first) > 0)) and first[-1] < length and bool(np.all((slope == 0) | (slope == 1)))
    if not well_formed:
        raise ValueError(f"the {len(first)} runs of the array do not form an offset map of {length} characters")
    return OffsetMap.from_runs(first, start, end, slope, length, sentinel)
