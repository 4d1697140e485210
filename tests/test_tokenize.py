"""DomainTokenizer on the five documents of data/raw and on small texts built here."""

from __future__ import annotations

import pickle
import re

import jieba
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from dangjian.segmentation.pipeline import process_corpus
from dangjian.tokens.tokenize import (
    PIECE_ENDS,
    PLACEHOLDER_CHARS,
    STOPWORD_FILES,
    USERDICT_PATH,
    DomainTokenizer,
    jieba_cache_dir,
    load_jieba,
    load_stopwords,
    read_userdict,
    read_word_list,
    text_pieces,
)
from builders import load_benchmark


@pytest.fixture(scope="module")
def clean_texts(raw_dir) -> dict[str, str]:
    return process_corpus(raw_dir).clean_texts


@pytest.fixture(scope="module")
def tokenizer() -> DomainTokenizer:
    return DomainTokenizer()


@pytest.fixture(scope="module")
def userdict_terms() -> list[str]:
    return [entry.word for entry in read_userdict(USERDICT_PATH)]


def test_userdict_is_large_sorted_and_deduplicated(userdict_terms):
    entries = read_userdict(USERDICT_PATH)
    assert len(userdict_terms) >= 300
    assert userdict_terms == sorted(set(userdict_terms))
    assert all(len(term) >= 2 for term in userdict_terms)
    assert {"基层党组织", "软弱涣散", "党群服务中心", "村集体经济", "第一书记", "三会一课", "两新组织",
            "乡村振兴", "网格化管理"} <= set(userdict_terms)
    # frequencies far above what jieba would suggest for these words
    assert min(entry.frequency for entry in entries) >= 1000


def test_userdict_terms_stay_whole_in_the_five_documents(clean_texts, tokenizer, userdict_terms):
    pattern_by_term = {term: re.compile(re.escape(term)) for term in userdict_terms}
    checked = set()
    for doc_id, text in clean_texts.items():
        occurrences = [(m.start(), m.end(), term) for term, p in pattern_by_term.items() for m in p.finditer(text)]
        boundaries = {start for _, start, _ in tokenizer.spans(text)}
        for start, end, term in occurrences:
            # two dictionary terms overlapping without one containing the other cannot both stay whole
            crossing = any(s < start < e < end or start < s < end < e for s, e, _ in occurrences)
            if crossing:
                continue
            checked.add(term)
            cut = [b for b in range(start + 1, end) if b in boundaries]
            assert not cut, f"{doc_id}: {term!r} cut at {text[max(0, start - 5):end + 5]!r}"
    assert len(checked) >= 200  # most of the dictionary occurs in the corpus
    assert {"三会一课", "一村一策", "党群服务中心", "软弱涣散", "第一书记"} <= checked


def test_domain_terms_appear_as_tokens(clean_texts, tokenizer):
    tokens = {t for text in clean_texts.values() for t in tokenizer(text)}
    assert {"三会一课", "一村一策", "基层党组织", "党群服务中心", "后备力量", "乡村振兴"} <= tokens


def test_jieba_alone_splits_the_terms_the_dictionary_keeps(tokenizer):
    text = "落实三会一课制度，整顿软弱涣散基层党组织，建好党群服务中心"
    plain_tokens = jieba.lcut(text)  # jieba's own dictionary
    assert "三会一课" not in plain_tokens and "党群服务中心" not in plain_tokens
    assert {"三会一课", "软弱涣散", "基层党组织", "党群服务中心"} <= set(tokenizer(text))


def test_global_jieba_dictionary_is_untouched(tokenizer):
    text = "落实三会一课制度，建好党群服务中心，选派驻村工作队"
    before_tokens = jieba.lcut(text)
    before_total = jieba.dt.total
    DomainTokenizer(userdicts=[USERDICT_PATH])(text)
    tokenizer.tokenize_with_pos(text)
    assert jieba.lcut(text) == before_tokens
    assert jieba.dt.total == before_total
    assert "三会一课" not in jieba.dt.FREQ and "党群服务中心" not in jieba.dt.FREQ
    assert load_jieba() is not jieba.dt


def test_default_filters_drop_numbers_punctuation_placeholders_and_single_characters(clean_texts, tokenizer):
    assert any(ch in PLACEHOLDER_CHARS for text in clean_texts.values() for ch in text)  # the corpus has them
    tokens = [t for text in clean_texts.values() for t in tokenizer(text)]
    assert tokens
    assert all(len(t) >= 2 for t in tokens)
    assert not [t for t in tokens if any(ch in PLACEHOLDER_CHARS for ch in t)]
    assert not [t for t in tokens if re.fullmatch(r"[\d.%+\-]+", t)]
    assert not [t for t in tokens if not re.search(r"[^\W_]", t)]
    text = "2023年，□村村财收入超过20万元，占比91.3%；基?A不牢。"
    assert DomainTokenizer()(text) == ["村财收入", "超过", "不牢"]
    kept = DomainTokenizer(min_length=1, drop_numbers=False, drop_punctuation=False, stopword_lists=())(text)
    assert {"2023", "，", "。"} <= set(kept) and "□" not in kept


def test_stopwords_removed_and_genre_list_switchable(clean_texts, tokenizer):
    general = load_stopwords(["zh"])
    genre = load_stopwords(["genre"])
    assert {"的", "和", "我们"} <= general and {"坚持", "推进", "工作", "全面"} <= genre
    tokens = {t for text in clean_texts.values() for t in tokenizer(text)}
    assert not tokens & (general | genre)
    without_genre = {t for text in clean_texts.values() for t in DomainTokenizer(stopword_lists=["zh"])(text)}
    assert {"坚持", "推进", "工作", "全面"} <= without_genre
    assert not without_genre & general
    none = {t for text in clean_texts.values() for t in DomainTokenizer(stopword_lists=[])(text)}
    assert {"我们", "坚持"} <= none
    assert "组织" not in DomainTokenizer(extra_stopwords=["组织"])("加强组织建设")


def test_stopword_files_are_sorted_word_lists():
    for name, path in STOPWORD_FILES.items():
        words = read_word_list(path)
        assert words == sorted(set(words)), name
    assert not set(read_word_list(STOPWORD_FILES["zh"])) & set(read_word_list(STOPWORD_FILES["genre"]))


def test_tokenizing_twice_gives_identical_tokens(clean_texts, tokenizer):
    first = tokenizer.tokenize_many(clean_texts.values())
    second = tokenizer.tokenize_many(clean_texts.values())
    fresh = DomainTokenizer().tokenize_many(clean_texts.values())
    assert first == second == fresh


def test_dictionary_is_loaded_once_per_process(tokenizer):
    assert DomainTokenizer().jieba_tokenizer is tokenizer.jieba_tokenizer is load_jieba()
    assert (jieba_cache_dir() / "jieba.cache").is_file()


def test_cache_dir_follows_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("DANGJIAN_CACHE_DIR", str(tmp_path))
    assert jieba_cache_dir() == tmp_path / "jieba"
    assert (tmp_path / "jieba").is_dir()


def test_other_user_dictionary_gets_its_own_instance(tmp_path):
    userdict = tmp_path / "extra.txt"
    userdict.write_text("强基赋能工程 10000 nz\n", encoding="utf-8")
    text = "实施强基赋能工程"
    extended = DomainTokenizer(userdicts=[USERDICT_PATH, userdict])
    assert "强基赋能工程" in extended(text)
    assert "强基赋能工程" not in DomainTokenizer()(text)
    assert extended.jieba_tokenizer is not load_jieba()


def test_pickles_and_works_as_sklearn_analyzer(tokenizer):
    clone = pickle.loads(pickle.dumps(tokenizer))
    assert clone == tokenizer
    text = "选派第一书记和驻村工作队，推进网格化管理"
    assert clone(text) == tokenizer(text)
    vectorizer = CountVectorizer(analyzer=tokenizer).fit([text, "建好党群服务中心"])
    assert {"第一书记", "驻村工作队", "网格化管理", "党群服务中心"} <= set(vectorizer.get_feature_names_out())


def test_part_of_speech_tags_use_the_same_dictionary(tokenizer):
    tagged = tokenizer.tokenize_with_pos("选派第一书记，落实三会一课，建好党群服务中心")
    tags = dict(tagged)
    assert tags["第一书记"] == "nz" and tags["三会一课"] == "nz" and tags["党群服务中心"] == "nz"
    assert all(flag for _, flag in tagged)


def test_bad_configuration_gets_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown stopword list 'latin'"):
        DomainTokenizer(stopword_lists=["latin"])
    with pytest.raises(TypeError, match="list of names"):
        DomainTokenizer(stopword_lists="zh")
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(FileNotFoundError, match="nowhere.txt"):
        DomainTokenizer(stopword_lists=[missing])
    bad = tmp_path / "bad_dict.txt"
    bad.write_text("第一书记 10000 nz\n三会一课 many\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad_dict.txt, line 2"):
        DomainTokenizer(userdicts=[bad])("三会一课")
    with pytest.raises(TypeError, match="expects a str"):
        DomainTokenizer()(None)


# --- long texts: segmented piece by piece, the same tokens -------------------------------------


@pytest.fixture(scope="module")
def one_line_text() -> str:
    """About 1.5 MB on one line: the documents of data/raw/ with their line breaks removed, the
    last one without sentence punctuation (benchmarks/large_document.py), then simplified."""
    large_document = load_benchmark("large_document")
    from dangjian.cleaning.clean import clean_text

    return clean_text(large_document.one_line_document(target_bytes=1_500_000)).text


def _check_pieces(text: str, max_chars: int) -> list[str]:
    pieces = list(text_pieces(text, max_chars))
    assert "".join(pieces) == text
    for piece in pieces[:-1]:
        assert piece[-1] in PIECE_ENDS
        # a piece is longer than asked only when no cut point came earlier
        assert len(piece) <= max_chars or not any(c in PIECE_ENDS for c in piece[: max_chars])
    return pieces


@pytest.mark.parametrize(("backend", "max_chars"), [("rjieba", 1), ("rjieba", 7), ("rjieba", 300), ("rjieba", 5000), ("jieba", 7), ("jieba", 300)])
def test_pieces_are_segmented_as_the_whole_text(clean_texts, backend, max_chars):
    tokenizer = DomainTokenizer(backend=backend)
    for doc_id, text in clean_texts.items():
        pieces = _check_pieces(text, max_chars)
        assert [w for piece in pieces for w in tokenizer.cut(piece)] == tokenizer.cut(text), doc_id
        whole = Counter(tokenizer.tokenize(text, piece_chars=len(text)))
        assert tokenizer.count_tokens(text, piece_chars=max_chars) == whole, doc_id
        assert tokenizer.tokenize(text, piece_chars=max_chars) == tokenizer.tokenize(text, piece_chars=len(text)), doc_id


def test_a_long_one_line_text_is_counted_piece_by_piece(one_line_text, tokenizer):
    text = one_line_text
    assert "\n" not in text and len(text) > 400_000
    whole = tokenizer.tokenize(text, piece_chars=len(text))
    assert len(whole) > 100_000
    for max_chars in (1000, 1 << 16):
        pieces = _check_pieces(text, max_chars)
        assert len(pieces) > len(text) // max_chars // 2
        assert tokenizer.count_tokens(text, piece_chars=max_chars) == Counter(whole)
        assert tokenizer.tokenize(text, piece_chars=max_chars) == whole
    assert tokenizer.count_tokens(text) == Counter(tokenizer(text)) == Counter(whole)
    # the run without sentence punctuation is cut at commas and enumeration marks only
    assert max(map(len, text_pieces(text, 1000))) <= 1000


def test_a_run_without_any_cut_point_stays_whole(tokenizer):
    text = "坚持抓党建促乡村振兴" * 50 + "。" + "基层党组织" * 10
    pieces = _check_pieces(text, 20)
    assert pieces == [text[: 501], text[501:]]
    assert tokenizer.count_tokens(text, piece_chars=20) == Counter(tokenizer.tokenize(text, piece_chars=len(text)))
    assert list(text_pieces("", 5)) == [""] and tokenizer.count_tokens("") == Counter()


_ALPHABET = st.sampled_from(list("党建基层组织乡村振兴第一书记三会一课培训万名人次个") + list("0123456789.%-+aZ") + list(PIECE_ENDS) + ["\r\n", "（", "）", "“", "”", "·", "□", "\u00a0"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=200).map("".join), st.integers(1, 40))
def test_counting_piece_by_piece_equals_counting_the_whole(text, max_chars):
    tokenizer = DomainTokenizer(backend="rjieba", stopword_lists=(), min_length=1)
    pieces = _check_pieces(text, max_chars)
    assert [w for piece in pieces for w in tokenizer.cut(piece)] == tokenizer.cut(text)
    assert tokenizer.count_tokens(text, piece_chars=max_chars) == Counter(tokenizer.tokenize(text, piece_chars=len(text) + 1))


def test_pinyin_fragments_are_not_terms_but_acronyms_are():
    """What a reading the cleaning could not recognise leaves behind (``ng``, ``sh``) is dropped;
    acronyms in capitals stay."""
    tokenizer = DomainTokenizer()
    tokens = tokenizer("加强党员ng教育sh管理，推动GDP增长，建立QQ群。")
    assert "ng" not in tokens and "sh" not in tokens
    assert {"GDP", "QQ", "党员", "教育"} <= set(tokens)
