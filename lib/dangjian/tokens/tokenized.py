"""The tokens of many texts, held as term ids, and cached for every report of a run.

Several reports of a run cut the same units into tokens: the keyword reports by region, level and
year tokenize the same paragraphs, the topic reports (LDA and NMF) the same body paragraphs. At
100 MB that is 160,000 paragraphs and 8.5 million tokens, about 15 s each time.
:class:`TokenizedTexts` holds the tokens of a sequence of texts as one array of ids into a sorted
vocabulary and the offsets where each text's tokens start; :func:`tokenized` computes it once per
set of texts and tokenizer, and hands the cached copy to the next report.

The ids give both forms the analyses need: :meth:`TokenizedTexts.lists` (token lists in text
order, every distinct token one string object, for topic models and coherence) and
:meth:`TokenizedTexts.counts` (the texts × vocabulary count matrix that scikit-learn's
``CountVectorizer`` makes with the tokenizer as analyzer, for keyness and frequencies).

Example:
    >>> tokens = TokenizedTexts.from_lists([["党建", "引领"], [], ["党建"]])
    >>> tokens.vocabulary.tolist(), tokens.lists()
    (['党建', '引领'], [['党建', '引领'], [], ['党建']])
    >>> tokens.counts().toarray().tolist()
    [[1, 1], [0, 0], [1, 0]]
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from dangjian.project.cache import Cache, Codec, json_bytes, json_value, pack, unpack
from dangjian.tokens.tokenize import TOKEN_MODULES, DomainTokenizer


#: Texts whose token lists :meth:`TokenizedTexts.lists` makes from one array look-up.
_LISTS_AT_ONCE = 8192


@dataclass(frozen=True, eq=False)
class TokenizedTexts:
    """Tokens of ``n`` texts: text ``i`` has the terms ``vocabulary[ids[offsets[i]:offsets[i + 1]]]``.

    ``vocabulary`` is sorted (as ``CountVectorizer`` sorts its features), ``ids`` are int32
    positions in it, ``offsets`` has ``n + 1`` int64 entries from 0 to ``len(ids)``.
    """

    vocabulary: np.ndarray
    ids: np.ndarray
    offsets: np.ndarray

    @classmethod
    def from_lists(cls, token_lists: Iterable[Sequence[str]]) -> TokenizedTexts:
        """The ids of token lists (consumed once, so a generator of tokenized texts is fine).

        Example:
            >>> TokenizedTexts.from_lists(iter([["乙", "甲", "乙"]])).ids.tolist()
            [0, 1, 0]
        """
        position: dict[str, int] = {}
        number = position.setdefault
        ids = array("q")  # 8 bytes an id, not a Python int object each (8.5 million of them at 100 MB)
        offsets = array("q", [0])
        for tokens in token_lists:
            ids.extend([number(token, len(position)) for token in tokens])
            offsets.append(len(ids))
        terms = list(position)
        order = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[order] = np.arange(len(terms), dtype=np.int32)
        vocabulary = np.array([terms[i] for i in order], dtype=object)
        return cls(vocabulary, rank[np.asarray(ids, dtype=np.int64)], np.asarray(offsets, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lists(self) -> list[list[str]]:
        """One token list per text, in text order; equal tokens are one string object.

        Example:
            >>> first, second = TokenizedTexts.from_lists([["党员"], ["党员", "培训"]]).lists()
            >>> first[0] is second[0]
            True
        """
        bounds = self.offsets.tolist()
        lists: list[list[str]] = []
        with _collector_paused():  # 160,000 new lists would set off full collections over every live object
            for first in range(0, len(self), _LISTS_AT_ONCE):
                last = min(first + _LISTS_AT_ONCE, len(self))
                base = bounds[first]
                flat = self.vocabulary[self.ids[base:bounds[last]]].tolist()
                lists.extend(flat[start - base:end - base] for start, end in zip(bounds[first:last], bounds[first + 1:last + 1]))
        return lists

    def counts(self) -> sparse.csr_matrix:
        """Texts × vocabulary token counts (int64, canonical CSR).

        Example:
            >>> TokenizedTexts.from_lists([["乙", "甲", "乙"]]).counts().toarray().tolist()
            [[2, 1]]
        """
        ones = np.ones(len(self.ids), dtype=np.int64)
        matrix = sparse.csr_matrix((ones, self.ids, self.offsets), shape=(len(self), len(self.vocabulary)), copy=True)
        matrix.sum_duplicates()
        return matrix


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a block that makes many containers and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def tokenized_to_bytes(tokens: TokenizedTexts) -> bytes:
    """A :class:`TokenizedTexts` as a zip of the vocabulary (JSON) and two ``.npy`` arrays (no pickle)."""
    return pack({
        "vocabulary.json": json_bytes(tokens.vocabulary.tolist()),
        "ids.npy": _npy(tokens.ids.astype(np.int32)),
        "offsets.npy": _npy(tokens.offsets.astype(np.int64)),
    })


def tokenized_from_bytes(data: bytes) -> TokenizedTexts:
    """The :class:`TokenizedTexts` of :func:`tokenized_to_bytes`; ``ValueError`` if the parts do not fit together."""
    members = unpack(data)
    vocabulary = np.array(json_value(members["vocabulary.json"]), dtype=object)
    ids = np.load(io.BytesIO(members["ids.npy"]), allow_pickle=False)
    offsets = np.load(io.BytesIO(members["offsets.npy"]), allow_pickle=False)
    fits = (
        ids.dtype == np.int32 and offsets.dtype == np.int64 and ids.ndim == offsets.ndim == 1 and len(offsets) >= 1
        and offsets[0] == 0 and offsets[-1] == len(ids) and bool(np.all(np.diff(offsets) >= 0))
        and (len(ids) == 0 or (ids.min() >= 0 and ids.max() < len(vocabulary)))
    )
    if not fits:
        raise ValueError(f"{len(ids)} ids, {len(offsets)} offsets and {len(vocabulary)} terms do not form tokenized texts")
    return TokenizedTexts(vocabulary, ids, offsets)


#: How a :class:`TokenizedTexts` is stored in the cache.
TOKENIZED: Codec[TokenizedTexts] = Codec("tokenized-texts", tokenized_to_bytes, tokenized_from_bytes)


def _npy(values: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, values, allow_pickle=False)
    return buffer.getvalue()


def texts_digest(texts: Iterable[str]) -> str:
    """SHA-256 of a sequence of texts (each one's length, then its UTF-8 bytes): what identifies them in a cache key.

    Example:
        >>> texts_digest(["党建", "引领"]) == texts_digest(["党建引", "领"])
        False
    """
    digest = hashlib.sha256()
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"texts to tokenize must be str, got {type(text).__name__}: {text!r:.60}")
        data = text.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def tokenized(
    texts: Sequence[str],
    tokenizer: Callable[[str], list[str]],
    cache: Cache | None = None,
) -> TokenizedTexts:
    """The tokens of ``texts`` by ``tokenizer``, from ``cache`` when the same texts were tokenized
    by an equal :class:`~dangjian.tokens.tokenize.DomainTokenizer` before (by this report or
    another one of the run). Other tokenizers, and ``cache=None``, always tokenize. ``texts`` (a
    list, or a pandas Series) is read twice, one text at a time: for its digest, then to tokenize.

    Example:
        >>> import tempfile
        >>> cache = Cache(tempfile.mkdtemp())
        >>> first = tokenized(["坚持抓党建促乡村振兴"], DomainTokenizer(), cache)
        >>> again = tokenized(["坚持抓党建促乡村振兴"], DomainTokenizer(), cache)
        >>> again.lists(), cache.hits
        ([['党建', '乡村振兴']], 1)
    """
    def compute() -> TokenizedTexts:
        return TokenizedTexts.from_lists(tokenizer(text) for text in texts)

    if cache is None or not isinstance(tokenizer, DomainTokenizer):
        return compute()
    return cache.get_or_compute(
        "tokens_of_texts", [texts_digest(texts), tokenizer.key()], compute, modules=TOKEN_MODULES, codec=TOKENIZED
    )
