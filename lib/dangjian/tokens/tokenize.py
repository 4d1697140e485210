"""Tokenizing clean text with jieba, the genre's user dictionary and switchable stopword lists.

``DomainTokenizer`` wraps its own ``jieba.Tokenizer`` instance (jieba's global dictionary is
never touched), loaded once per process and per set of dictionary files, with the user
dictionary ``data/userdict.txt`` so that terms of the genre (基层党组织, 三会一课, 党群服务中心 …)
stay whole. By default it drops stopwords (general function words ``"zh"`` and genre boilerplate
``"genre"``), numbers, punctuation, redaction placeholders (□), lost-character marks (?, �) and
single characters. An instance is a plain callable ``str -> list[str]``, so it serves as a
scikit-learn ``analyzer`` and pickles (only its settings travel; the dictionary is rebuilt or
reused on the other side).

The segmenter is rjieba by default (the binding of jieba-rs, the Rust port of jieba: the same
dictionary and algorithm, with the same user dictionary added, about 20 times faster);
``backend="jieba"`` uses jieba itself. Part-of-speech tagging always uses jieba.

jieba's prefix-dictionary cache goes to :func:`jieba_cache_dir` (``$DANGJIAN_CACHE_DIR/jieba``,
else ``<project>/.cache/jieba`` in a source checkout, else ``~/.cache/dangjian/jieba``).

Example:
    >>> tokenizer = DomainTokenizer()
    >>> tokenizer("坚持抓党建促乡村振兴，落实三会一课制度，建好党群服务中心。")
    ['党建', '乡村振兴', '三会一课', '制度', '党群服务中心']
    >>> DomainTokenizer(stopword_lists=())("坚持落实三会一课")
    ['坚持', '落实', '三会一课']
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jieba
import jieba.posseg

from dangjian.indicators.units import UNITS

#: The installed ``dangjian`` package, and the folder of the data files shipped with it.
PACKAGE_DIR = Path(str(resources.files("dangjian"))).resolve()
DATA_DIR = PACKAGE_DIR / "data"

#: The genre's user dictionary (``word frequency tag`` per line, sorted, deduplicated).
USERDICT_PATH = DATA_DIR / "userdict.txt"

#: Named stopword lists; a researcher switches one off by leaving its name out.
STOPWORD_FILES: dict[str, Path] = {
    "zh": DATA_DIR / "stopwords_zh.txt",
    "genre": DATA_DIR / "stopwords_genre.txt",
}

#: Characters the cleaner leaves for redactions (□) and lost characters (?, ？, �).
PLACEHOLDER_CHARS = frozenset("□?？�")

#: Environment variable that moves jieba's cache (and any later caches of the project).
CACHE_ENV = "DANGJIAN_CACHE_DIR"

_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or CJK character
_NUMBER = re.compile(
    r"[\d０-９.．,，%％‰+＋\-－/:：]+"          # Arabic numbers, decimals, percentages, ranges
    r"|[零〇一二两三四五六七八九十百千万亿]+"  # Chinese numerals on their own (十九, 一百)
    # what the segmenter leaves of a number after its digits: the multiplier, 余 and the unit
    # (9918.5万名 → 9918.5 | 万名; 300余名 → 300 | 余名; 126.6万期, 2.1亿元)
    rf"|(?:[万亿]+余?|余)(?:{'|'.join(map(re.escape, sorted(UNITS, key=len, reverse=True)))})"
)
#: The code the tokens of a text depend on, for the keys of cached tokens: this package and the
#: units lexicon that tells the rest of a number from a word.
TOKEN_MODULES = ("tokens", "indicators.units")


#: Longest piece of a long text (in characters) the segmenter is given at once (:func:`text_pieces`).
PIECE_CHARS = 1 << 16
#: Characters both segmenters (jieba and rjieba) always keep apart from their neighbours:
#: whitespace and Chinese sentence and clause punctuation, none of which belongs to the runs of
#: Chinese characters, letters and digits they segment. A text cut right after one of them is
#: segmented into the same tokens as the whole text.
PIECE_ENDS = "\n。，；！？、：\u3000 \t"
_PIECE_END = re.compile(f"[{PIECE_ENDS}]")


def text_pieces(text: str, max_chars: int = PIECE_CHARS) -> Iterator[str]:
    r"""``text`` in consecutive pieces of at most ``max_chars`` characters, each ending where the
    segmenter cuts anyway, so that the pieces give the same tokens as the whole text.

    A piece ends right after its last line break, else right after its last character of
    :data:`PIECE_ENDS` (punctuation, spaces). A piece runs past ``max_chars`` only when no such
    character comes before: it then ends at the next one (the segmenter would see that run of
    characters whole in any case). Memory for segmenting a long text is that of one piece.

    Example:
        >>> list(text_pieces("党建引领。乡村振兴\n基层治理", max_chars=6))
        ['党建引领。', '乡村振兴\n', '基层治理']
        >>> "".join(text_pieces("一二三四五六七八", max_chars=3))
        '一二三四五六七八'
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    start, length = 0, len(text)
    while length - start > max_chars:
        end = start + max_chars
        cut = text.rfind("\n", start, end)
        if cut < 0:
            cut = max(text.rfind(char, start, end) for char in PIECE_ENDS)
        if cut < 0:
            match = _PIECE_END.search(text, end)
            if match is None:
                break
            cut = match.start()
        yield text[start : cut + 1]
        start = cut + 1
    if start < length or not text:
        yield text[start:]


def jieba_cache_dir() -> Path:
    """Return (and create) the writable folder where jieba keeps its prefix-dictionary cache.

    ``$DANGJIAN_CACHE_DIR/jieba`` if the variable is set; otherwise ``.cache/jieba`` under the
    project root when the package runs from a source checkout; otherwise
    ``~/.cache/dangjian/jieba``. A folder that cannot be written falls back to the system
    temporary folder.

    Example:
        >>> jieba_cache_dir().name
        'jieba'
    """
    candidates: list[Path] = []
    if os.environ.get(CACHE_ENV):
        candidates.append(Path(os.environ[CACHE_ENV]) / "jieba")
    project_root = PACKAGE_DIR.parents[1]
    if (project_root / "pyproject.toml").is_file() and (project_root / "lib" / "dangjian").is_dir():
        candidates.append(project_root / ".cache" / "jieba")
    candidates.append(Path.home() / ".cache" / "dangjian" / "jieba")
    candidates.append(Path(tempfile.gettempdir()) / "dangjian" / "jieba")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    raise OSError(f"no writable cache folder for jieba among {', '.join(map(str, candidates))}")


def read_word_list(path: str | os.PathLike[str]) -> list[str]:
    """Read a word list: one word per line, UTF-8, ``#`` comments and blank lines skipped.

    Example:
        >>> "坚持" in read_word_list(STOPWORD_FILES["genre"])
        True
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: word list not found") from None
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: word list is not UTF-8 ({error})") from None
    words = []
    for number, line in enumerate(lines, start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if any(ch.isspace() for ch in word):
            raise ValueError(f"{path}, line {number}: one word per line expected, got {line!r}")
        words.append(word)
    return words


def load_stopwords(lists: Iterable[str | os.PathLike[str]] = ("zh", "genre")) -> frozenset[str]:
    """Union of stopword lists, each a name from :data:`STOPWORD_FILES` or a path to a word list.

    Example:
        >>> "的" in load_stopwords(["zh"]), "坚持" in load_stopwords(["zh"])
        (True, False)
    """
    if isinstance(lists, (str, os.PathLike)):
        raise TypeError(f"stopword lists must be a list of names or paths, got the single value {lists!r}")
    words: set[str] = set()
    for entry in lists:
        if isinstance(entry, str) and entry in STOPWORD_FILES:
            path = STOPWORD_FILES[entry]
        elif isinstance(entry, os.PathLike) or (isinstance(entry, str) and Path(entry).suffix):
            path = Path(entry)
        else:
            raise ValueError(
                f"unknown stopword list {entry!r}: use one of {sorted(STOPWORD_FILES)} or a path to a word list"
            )
        words.update(read_word_list(path))
    return frozenset(words)


@dataclass(frozen=True)
class UserDictEntry:
    """One line of a jieba user dictionary."""

    word: str
    frequency: int
    tag: str | None = None


def read_userdict(path: str | os.PathLike[str]) -> list[UserDictEntry]:
    """Parse a jieba user dictionary (``word [frequency] [tag]`` per line), validating every line.

    A missing frequency is an error here (jieba would pick one too small to keep the word whole).

    Example:
        >>> entries = read_userdict(USERDICT_PATH)
        >>> next(e for e in entries if e.word == "三会一课").frequency >= 1000
        True
    """
    path = Path(path)
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        if len(fields) not in (2, 3) or not fields[1].isdigit() or int(fields[1]) <= 0:
            raise ValueError(f"{path}, line {number}: expected 'word frequency [tag]', got {line!r}")
        entries.append(UserDictEntry(fields[0], int(fields[1]), fields[2] if len(fields) == 3 else None))
    return entries


# --- one jieba instance per process and per set of dictionary files --------------------------

_JIEBA_CACHE: dict[tuple, jieba.Tokenizer] = {}
_POSSEG_CACHE: dict[tuple, jieba.posseg.POSTokenizer] = {}
_CACHE_LOCK = threading.Lock()


@functools.lru_cache(maxsize=256)
def _resolved(path: Path) -> str:
    """An absolute ``path`` with its links resolved, once per path and process: resolving walks
    every folder of the path, and the segmenter is looked up once per text tokenized."""
    return str(path.resolve())


def _dictionary_key(userdicts: Sequence[Path]) -> tuple:
    """Identify a dictionary set by jieba's version and each user dictionary's path, size and mtime."""
    key: list[object] = [("jieba", jieba.__version__)]
    for path in userdicts:
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise FileNotFoundError(f"{path}: user dictionary not found") from None
        key.append((_resolved(path.absolute()), stat.st_size, stat.st_mtime_ns))
    return tuple(key)


@contextlib.contextmanager
def _quiet_jieba() -> Iterator[None]:
    """Silence jieba's progress messages (cache path, timing) while it loads, then restore its logger."""
    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _build_jieba(userdicts: Sequence[Path]) -> jieba.Tokenizer:
    entries = [entry for path in userdicts for entry in read_userdict(path)]  # fail before the slow part
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(jieba_cache_dir())
    with _quiet_jieba():
        tokenizer.initialize()
    for entry in entries:
        tokenizer.add_word(entry.word, entry.frequency, entry.tag)
    return tokenizer


def load_jieba(userdicts: Sequence[str | os.PathLike[str]] = (USERDICT_PATH,)) -> jieba.Tokenizer:
    """Return this process's ``jieba.Tokenizer`` with ``userdicts`` added, building it on first use.

    The instance is shared by every caller asking for the same dictionary files (unchanged on
    disk); it is separate from jieba's global tokenizer, which stays as it was.

    Example:
        >>> load_jieba() is load_jieba()
        True
        >>> load_jieba().lcut("推进网格化管理")
        ['推进', '网格化管理']
    """
    paths = tuple(Path(p) for p in userdicts)
    key = _dictionary_key(paths)
    with _CACHE_LOCK:
        if key not in _JIEBA_CACHE:
            _JIEBA_CACHE[key] = _build_jieba(paths)
        return _JIEBA_CACHE[key]


def load_posseg(userdicts: Sequence[str | os.PathLike[str]] = (USERDICT_PATH,)) -> jieba.posseg.POSTokenizer:
    """Return the part-of-speech tagger sharing :func:`load_jieba`'s dictionary (built once).

    Example:
        >>> [(p.word, p.flag) for p in load_posseg().cut("第一书记")]
        [('第一书记', 'nz')]
    """
    paths = tuple(Path(p) for p in userdicts)
    tokenizer = load_jieba(paths)
    key = _dictionary_key(paths)
    with _CACHE_LOCK:
        if key not in _POSSEG_CACHE:
            tagger = jieba.posseg.POSTokenizer(tokenizer)
            for path in paths:
                tagger.word_tag_tab.update({e.word: e.tag for e in read_userdict(path) if e.tag})
            _POSSEG_CACHE[key] = tagger
        return _POSSEG_CACHE[key]


#: Segmenters a :class:`DomainTokenizer` can use: jieba (default) or rjieba, the binding of the
#: Rust port jieba-rs (same dictionary and algorithm, about 20 times faster; optional dependency).
TOKENIZER_BACKENDS = ("jieba", "rjieba")
#: The default segmenter. rjieba reproduces jieba's tokens (with the same user dictionary) on
#: 100% of the 3.6 million tokens of a 20 MB corpus recombined from data/raw/ (benchmarks/run.py),
#: at about 20 times the speed; it differs from jieba on some ASCII punctuation runs
#: (``www.gov.cn``, ``3-5``), which it keeps whole.
DEFAULT_BACKEND = "rjieba"

_RJIEBA_CACHE: dict[tuple, object] = {}


def load_rjieba(userdicts: Sequence[str | os.PathLike[str]] = (USERDICT_PATH,)):
    """Return this process's ``rjieba.Jieba`` with ``userdicts`` added (same entries and
    frequencies as :func:`load_jieba`), building it on first use.

    Example:
        >>> load_rjieba().cut("推进网格化管理")
        ['推进', '网格化管理']
    """
    try:
        import rjieba
    except ImportError:
        raise ImportError("the 'rjieba' tokenizer back-end needs the rjieba package: pip install rjieba") from None
    paths = tuple(Path(p) for p in userdicts)
    key = ("rjieba", *_dictionary_key(paths))
    with _CACHE_LOCK:
        if key not in _RJIEBA_CACHE:
            entries = [entry for path in paths for entry in read_userdict(path)]
            segmenter = rjieba.Jieba()
            for entry in entries:
                segmenter.add_word(entry.word, entry.frequency, entry.tag)
            _RJIEBA_CACHE[key] = segmenter
        return _RJIEBA_CACHE[key]


# --- filtering ---------------------------------------------------------------------------------


#: Two lower-case Latin letters at most: a pinyin fragment, never a term of the genre.
_LATIN_FRAGMENT = re.compile("[a-z]{1,2}")


def keep_token(
    token: str,
    stopwords: frozenset[str] | set[str] = frozenset(),
    *,
    min_length: int = 2,
    drop_numbers: bool = True,
    drop_punctuation: bool = True,
) -> bool:
    """Decide whether a jieba token is kept: not blank, placeholder, punctuation, number (or the
    multiplier and unit a number leaves when its digits are cut off: 万名, 余人, 亿元), short,
    a fragment of lower-case Latin letters (``ng``, ``sh``: what a pinyin reading the cleaning could
    not recognise leaves behind; acronyms such as ``QQ``, ``GDP`` are kept) or stopword.

    Example:
        >>> [t for t in ["党员", "，", "2024", "□", "的", "党", "十九", "ng", "GDP"] if keep_token(t, {"的"})]
        ['党员', 'GDP']
        >>> [t for t in ["万名", "余名", "亿元", "万人次", "百姓", "名单"] if keep_token(t)]  # the rest of a number is no word
        ['百姓', '名单']
    """
    if not token.strip() or any(ch in PLACEHOLDER_CHARS for ch in token):
        return False
    if drop_punctuation and not _WORD_CHAR.search(token):
        return False
    if drop_numbers and _NUMBER.fullmatch(token):
        return False
    if len(token) < min_length or _LATIN_FRAGMENT.fullmatch(token):
        return False
    return token not in stopwords


class DomainTokenizer:
    """jieba with the genre's user dictionary and stopword lists; a callable ``str -> list[str]``.

    Parameters:
        stopword_lists: names in :data:`STOPWORD_FILES` (``"zh"``, ``"genre"``) or paths to word lists.
        extra_stopwords: further words to drop.
        userdicts: jieba user dictionaries; ``()`` tokenizes with jieba's own dictionary only.
        min_length: shortest token kept, in characters (2 drops single characters; 1 keeps them).
        drop_numbers, drop_punctuation: drop tokens that are numbers / have no letter, digit or CJK.
        hmm: let jieba's HMM join unknown words (jieba's default).
        backend: ``"rjieba"`` (default, :data:`DEFAULT_BACKEND`) or ``"jieba"``: which segmenter cuts
            the text, with the same user dictionaries; part-of-speech tagging always uses jieba.

    Example:
        >>> tokenizer = DomainTokenizer(stopword_lists=["zh"])
        >>> tokenizer("选派第一书记和驻村工作队")
        ['选派', '第一书记', '驻村工作队']
        >>> from sklearn.feature_extraction.text import CountVectorizer
        >>> CountVectorizer(analyzer=tokenizer).fit(["整顿软弱涣散基层党组织"]).get_feature_names_out().tolist()
        ['基层党组织', '整顿', '软弱涣散']
    """

    def __init__(
        self,
        stopword_lists: Sequence[str | os.PathLike[str]] = ("zh", "genre"),
        extra_stopwords: Iterable[str] = (),
        userdicts: Sequence[str | os.PathLike[str]] = (USERDICT_PATH,),
        *,
        min_length: int = 2,
        drop_numbers: bool = True,
        drop_punctuation: bool = True,
        hmm: bool = True,
        backend: str = DEFAULT_BACKEND,
    ) -> None:
        if backend not in TOKENIZER_BACKENDS:
            raise ValueError(f"unknown tokenizer backend {backend!r}; use one of {', '.join(TOKENIZER_BACKENDS)}")
        if isinstance(userdicts, (str, os.PathLike)):
            raise TypeError(f"userdicts must be a list of paths, got the single value {userdicts!r}")
        if min_length < 1:
            raise ValueError(f"min_length must be at least 1, got {min_length}")
        self.stopword_lists = tuple(stopword_lists) if not isinstance(stopword_lists, str) else stopword_lists
        self.extra_stopwords = tuple(sorted(set(extra_stopwords)))
        self.userdicts = tuple(Path(p) for p in userdicts)
        self.min_length = min_length
        self.drop_numbers = drop_numbers
        self.drop_punctuation = drop_punctuation
        self.hmm = hmm
        self.backend = backend
        self.stopwords = load_stopwords(self.stopword_lists) | frozenset(self.extra_stopwords)
        self._verdicts: dict[str, bool] = {}
        self._segment: Callable[[str], list[str]] | None = None

    # settings only: the jieba instance is per process and rebuilt (or reused) after unpickling
    def _settings(self) -> dict[str, object]:
        return {
            "stopword_lists": self.stopword_lists,
            "extra_stopwords": self.extra_stopwords,
            "userdicts": self.userdicts,
            "min_length": self.min_length,
            "drop_numbers": self.drop_numbers,
            "drop_punctuation": self.drop_punctuation,
            "hmm": self.hmm,
            "backend": self.backend,
        }

    def __getstate__(self) -> dict[str, object]:
        return self._settings()

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._settings().items())
        return f"DomainTokenizer({args})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DomainTokenizer) and self._settings() == other._settings()

    def __hash__(self) -> int:
        return hash(tuple(self._settings().items()))

    def key(self) -> list[object]:
        """What decides this tokenizer's tokens, for a cache key: its settings, the words it drops and
        the bytes of its user dictionaries.

        Example:
            >>> DomainTokenizer().key() == DomainTokenizer().key(), DomainTokenizer().key() == DomainTokenizer(min_length=1).key()
            (True, False)
        """
        settings = {name: str(value) for name, value in self._settings().items()}
        stopwords = hashlib.sha256("\n".join(sorted(self.stopwords)).encode()).hexdigest()
        dictionaries = [hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in self.userdicts]
        return [settings, stopwords, dictionaries, jieba.__version__]

    @property
    def jieba_tokenizer(self) -> jieba.Tokenizer:
        """The shared ``jieba.Tokenizer`` for this tokenizer's dictionaries."""
        return load_jieba(self.userdicts)

    def keep(self, token: str) -> bool:
        """Return True if ``token`` survives the filters (decisions are memoized per token).

        Example:
            >>> DomainTokenizer().keep("坚持"), DomainTokenizer(stopword_lists=["zh"]).keep("坚持")
            (False, True)
        """
        verdict = self._verdicts.get(token)
        if verdict is None:
            verdict = self._verdicts[token] = keep_token(
                token,
                self.stopwords,
                min_length=self.min_length,
                drop_numbers=self.drop_numbers,
                drop_punctuation=self.drop_punctuation,
            )
        return verdict

    def _kept(self, text: str) -> list[str]:
        """The tokens of ``text`` that survive the filters (the whole text cut at once)."""
        verdicts = self._verdicts
        keep = self.keep
        return [w for w in self.cut(text) if verdicts.get(w) or (w not in verdicts and keep(w))]

    def tokenize(self, text: str, *, piece_chars: int = PIECE_CHARS) -> list[str]:
        """Tokens of ``text`` after filtering, in text order.

        A text longer than ``piece_chars`` is segmented piece by piece (:func:`text_pieces`, the
        same tokens) and the list holds one string object per distinct token, so that the
        segmenter's full, unfiltered output of a long text is never held at once.

        Example:
            >>> DomainTokenizer().tokenize("2023年，全镇建强基层党组织。")
            ['全镇', '建强', '基层党组织']
        """
        if not isinstance(text, str):
            raise TypeError(f"DomainTokenizer expects a str, got {type(text).__name__}")
        if len(text) <= piece_chars:
            return self._kept(text)
        tokens: list[str] = []
        canonical: dict[str, str] = {}
        for piece in text_pieces(text, piece_chars):
            tokens.extend([canonical.setdefault(w, w) for w in self._kept(piece)])
        return tokens

    __call__ = tokenize

    def count_tokens(self, text: str, *, piece_chars: int = PIECE_CHARS) -> Counter[str]:
        """How often each token of :meth:`tokenize` occurs in ``text``, counted piece by piece.

        The same counts as ``Counter(self.tokenize(text))``; memory is that of one piece
        (:func:`text_pieces`) and of the counts, whatever the length of the text.

        Example:
            >>> DomainTokenizer().count_tokens("选派第一书记，第一书记驻村。")
            Counter({'第一书记': 2, '选派': 1, '驻村': 1})
        """
        if not isinstance(text, str):
            raise TypeError(f"DomainTokenizer expects a str, got {type(text).__name__}")
        counts: Counter[str] = Counter()
        for piece in text_pieces(text, piece_chars):
            counts.update(self._kept(piece))
        return counts

    def cut(self, text: str) -> list[str]:
        """All tokens of ``text`` from the segmenter (``backend``), unfiltered; they join back to ``text``.

        The segmenter is looked up once per tokenizer, at its first cut: the user dictionaries are
        read as they are then (a tokenizer made after a dictionary is edited uses the edit). Looking
        it up for every text (a stat of each dictionary file) cost as much as segmenting a sentence.

        Example:
            >>> DomainTokenizer(backend="rjieba").cut("抓党建促乡村振兴")
            ['抓', '党建', '促', '乡村振兴']
        """
        if self._segment is None:
            self._segment = self._segmenter()
        return self._segment(text)

    def _segmenter(self) -> Callable[[str], list[str]]:
        """The segmenting function of this tokenizer's back-end, dictionaries and HMM setting."""
        if self.backend == "rjieba":
            return functools.partial(load_rjieba(self.userdicts).cut, hmm=self.hmm)
        return functools.partial(self.jieba_tokenizer.lcut, HMM=self.hmm)

    def tokenize_many(self, texts: Iterable[str]) -> list[list[str]]:
        """Tokenize each text of ``texts``.

        Example:
            >>> DomainTokenizer().tokenize_many(["党建引领", "乡村振兴"])
            [['党建引领'], ['乡村振兴']]
        """
        return [self.tokenize(text) for text in texts]

    def tokenize_with_pos(self, text: str) -> list[tuple[str, str]]:
        """``(token, part-of-speech tag)`` pairs after filtering (jieba.posseg with the same dictionary).

        The tagger segments with its own routine, so on rare ambiguous strings the tokens can
        differ slightly from :meth:`tokenize`.

        Example:
            >>> DomainTokenizer().tokenize_with_pos("选派第一书记和驻村工作队")
            [('选派', 'n'), ('第一书记', 'nz'), ('驻村工作队', 'nz')]
        """
        tagger = load_posseg(self.userdicts)
        return [(pair.word, pair.flag) for pair in tagger.cut(text, HMM=self.hmm) if self.keep(pair.word)]

    def spans(self, text: str, *, filtered: bool = False) -> list[tuple[str, int, int]]:
        """``(token, start, end)`` for every jieba token of ``text`` (offsets into ``text``).

        Example:
            >>> DomainTokenizer().spans("建设党群服务中心")
            [('建设', 0, 2), ('党群服务中心', 2, 8)]
        """
        if self.backend == "rjieba":
            tokens = load_rjieba(self.userdicts).tokenize(text, "default", self.hmm)
        else:
            tokens = self.jieba_tokenizer.tokenize(text, HMM=self.hmm)
        return [(w, s, e) for w, s, e in tokens if not filtered or self.keep(w)]
