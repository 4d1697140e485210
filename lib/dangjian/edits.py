"""Traceable text edits: one mechanism applies them and keeps the map back to the raw text.

A cleaning step never rewrites text directly. It *finds* edits (``Edit(start, end,
replacement)``) in its input; :func:`apply_edits` applies them and returns, for every character
of the output, the span of the input it came from. :class:`OffsetMap` composes those maps over
a whole pipeline, so any span of the clean text (a sentence, a number) maps back to its exact
place in the original file.

:func:`apply_sorted_edits` applies edits that come in text order one at a time (from a
generator), and a map is stored as runs of characters rather than two numbers per character, so
a text of hundreds of megabytes with millions of edits needs neither a list of its edits nor an
array the length of the text.

Example:
    >>> text = "執(zhí)政"
    >>> new, step_map = apply_edits(text, [Edit(1, 6, "", "pinyin")])
    >>> new
    '執政'
    >>> OffsetMap.identity(len(text)).then(step_map).to_raw_span(0, 2)
    (0, 7)
"""

from __future__ import annotations

import io
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
    new_text, step_map = apply_sorted_edits(text, _non_overlapping(edits, len(text)))
    return new_text, StepMap(step_map.starts, step_map.ends)


#: Characters of output collected before they are joined into one piece of the new text.
_JOIN_CHARS = 1 << 20


def apply_sorted_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """:func:`apply_edits` for edits that come sorted by ``(start, end)``, e.g. from a generator.

    Edits are consumed one at a time (those that overlap an earlier one are skipped), so a text
    of any length with millions of edits needs no list of them; the map from the new text back
    to ``text`` is an :class:`OffsetMap` of runs, not of characters.

    Example:
        >>> new, step_map = apply_sorted_edits("黨(dǎng)員", iter([Edit(1, 7, "", "pinyin")]))
        >>> new, step_map.to_raw_span(0, 2)
        ('黨員', (0, 8))
    """
    runs = _RunBuilder()
    joined: list[str] = []
    pieces: list[str] = []
    waiting = 0
    cursor = 0
    changed = False
    for edit in _kept_in_order(edits, len(text)):
        if edit.replacement == text[edit.start : edit.end]:
            continue  # a mark: nothing to change
        changed = True
        if edit.start > cursor:
            pieces.append(text[cursor : edit.start])
            runs.keep(cursor, edit.start)
            waiting += edit.start - cursor
        if edit.replacement:
            pieces.append(edit.replacement)
            runs.replace(edit.start, edit.end, len(edit.replacement))
            waiting += len(edit.replacement)
        cursor = edit.end
        if waiting > _JOIN_CHARS:
            joined.append("".join(pieces))
            pieces, waiting = [], 0
    if not changed:
        return text, OffsetMap.identity(len(text))
    if cursor < len(text):
        pieces.append(text[cursor:])
        runs.keep(cursor, len(text))
    joined.append("".join(pieces))
    del pieces
    return "".join(joined), runs.offset_map(len(text))


class _RunBuilder:
    """Collects the runs of a step's map while its output is built, merging runs that continue."""

    def __init__(self) -> None:
        self.first = array("q")
        self.start = array("q")
        self.end = array("q")
        self.slope = array("q")
        self.length = 0

    def keep(self, start: int, end: int) -> None:
        """Input ``[start, end)`` copied to the output."""
        self._add(start, start + 1, 1, end - start)

    def replace(self, start: int, end: int, width: int) -> None:
        """Input ``[start, end)`` replaced by ``width`` (> 0) characters."""
        if width == 1 and end == start + 1:
            self._add(start, end, 1, 1)  # one character for one: maps like a kept one
        else:
            self._add(start, end, 0, width)

    def _add(self, start: int, end: int, slope: int, width: int) -> None:
        if self.slope and self.slope[-1] == 1 == slope:
            offset = self.length - self.first[-1]
            if self.start[-1] + offset == start and self.end[-1] + offset == end:
                self.length += width
                return
        self.first.append(self.length)
        self.start.append(start)
        self.end.append(end)
        self.slope.append(slope)
        self.length += width

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
        some = np.zeros(1 if length else 0, dtype=np.int64)
        return cls.from_runs(some, some, some + 1, some + 1, length, length)

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
