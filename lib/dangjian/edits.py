"""Traceable text edits: one mechanism applies them and keeps the map back to the raw text.

A cleaning step never rewrites text directly. It *finds* edits (``Edit(start, end,
replacement)``) in its input; :func:`apply_edits` applies them and returns, for every character
of the output, the span of the input it came from. :class:`OffsetMap` composes those maps over
a whole pipeline, so any span of the clean text (a sentence, a number) maps back to its exact
place in the original file.

Example:
    >>> text = "執(zhí)政"
    >>> new, step_map = apply_edits(text, [Edit(1, 6, "", "pinyin")])
    >>> new
    '執政'
    >>> OffsetMap.identity(len(text)).then(step_map).to_raw_span(0, 2)
    (0, 7)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def _non_overlapping(edits: Iterable[Edit], length: int) -> list[Edit]:
    """Sort edits and drop any that overlap an earlier one or fall outside ``[0, length]``."""
    kept: list[Edit] = []
    last_end = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or edit.start > edit.end or edit.end > length:
            continue
        kept.append(edit)
        last_end = max(last_end, edit.end) if edit.end > edit.start else last_end
    return kept


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, StepMap]:
    """Apply non-overlapping edits to ``text``; return the new text and its :class:`StepMap`.

    Overlapping edits are resolved first-come (by start offset). A replacement of ``k``
    characters for the input span ``[a, b)`` maps each of its characters to ``[a, b)``.

    Example:
        >>> apply_edits("a  b", [Edit(1, 3, " ", "space")])[0]
        'a b'
    """
    # The output is a run of pieces, each either kept input text or an edit's replacement.
    # The Python loop only collects piece bounds; the map is built with a few array operations.
    pieces: list[str] = []
    lengths: list[int] = []
    input_starts: list[int] = []
    input_ends: list[int] = []  # for a replacement: the end of the replaced span; kept: -1
    cursor = 0
    for edit in _non_overlapping(edits, len(text)):
        if edit.replacement == text[edit.start : edit.end]:
            continue  # a mark: nothing to change
        if edit.start > cursor:
            pieces.append(text[cursor : edit.start])
            lengths.append(edit.start - cursor)
            input_starts.append(cursor)
            input_ends.append(-1)
        width = len(edit.replacement)
        if width:
            pieces.append(edit.replacement)
            lengths.append(width)
            input_starts.append(edit.start)
            input_ends.append(edit.end)
        cursor = edit.end
    if not pieces and cursor == 0:
        index = np.arange(len(text) + 1, dtype=np.int64)
        return text, StepMap(index, index[1:].copy())
    if cursor < len(text):
        pieces.append(text[cursor:])
        lengths.append(len(text) - cursor)
        input_starts.append(cursor)
        input_ends.append(-1)
    return "".join(pieces), _step_map(len(text), lengths, input_starts, input_ends)


def _step_map(text_length: int, lengths: list[int], input_starts: list[int], input_ends: list[int]) -> StepMap:
    """The :class:`StepMap` of output pieces: kept text maps character by character, a
    replacement maps every character to the whole replaced span."""
    length_arr = np.asarray(lengths, dtype=np.int64)
    end_arr = np.repeat(np.asarray(input_ends, dtype=np.int64), length_arr)
    kept = end_arr < 0
    piece_first = np.cumsum(length_arr) - length_arr
    within = np.arange(int(length_arr.sum()), dtype=np.int64) - np.repeat(piece_first, length_arr)
    starts = np.repeat(np.asarray(input_starts, dtype=np.int64), length_arr) + np.where(kept, within, 0)
    ends = np.where(kept, starts + 1, end_arr)
    return StepMap(np.append(starts, np.int64(text_length)), ends)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Map from each character of a derived text back to a span of the raw text.

    ``starts[i]``/``ends[i]`` give the raw span of derived character ``i``; ``starts`` carries
    one extra sentinel (the raw length, or where the end of the text came from).

    Example:
        >>> m = OffsetMap.identity(3)
        >>> m.to_raw_span(1, 3)
        (1, 3)
    """

    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text onto itself."""
        index = np.arange(length + 1, dtype=np.int64)
        return cls(index, index[1:].copy())

    def __len__(self) -> int:
        return len(self.ends)

    def then(self, step: StepMap) -> OffsetMap:
        """Compose with the map of a further step applied to the derived text."""
        new_starts = self.starts[step.starts]
        if len(step.ends):
            empty = step.ends <= step.starts[:-1]
            last_input = np.maximum(step.ends - 1, 0)
            new_ends = np.where(empty, new_starts[:-1], self.ends[last_input] if len(self.ends) else 0)
        else:
            new_ends = np.zeros(0, dtype=np.int64)
        return OffsetMap(new_starts, new_ends.astype(np.int64))

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span ``[raw_start, raw_end)`` of the derived span ``[start, end)``."""
        if not 0 <= start <= end <= len(self):
            raise IndexError(f"span [{start}, {end}) outside a text of length {len(self)}")
        if end == start:
            position = int(self.starts[start])
            return position, position
        return int(self.starts[start]), int(self.ends[end - 1])

    def to_raw_spans(self, starts: Sequence[int], ends: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`to_raw_span` for many spans at once (all non-empty)."""
        start_arr = np.asarray(starts, dtype=np.int64)
        end_arr = np.asarray(ends, dtype=np.int64)
        raw_starts = self.starts[start_arr]
        raw_ends = np.where(end_arr > start_arr, self.ends[np.maximum(end_arr - 1, 0)], raw_starts)
        return raw_starts, raw_ends
