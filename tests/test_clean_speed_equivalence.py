"""The fast forms of the cleaning steps find exactly what their plain forms find.

Cleaning scans each text with patterns that begin with the character they consume (the look-behind
after it), checks for a step's few characters before scanning, counts the Chinese characters of a
block of lines at once, converts blocks of lines with OpenCC, and passes edits on in batches. Each
of these is compared here with the plain computation it replaces — the original pattern, a
judgement line by line, the edits one at a time — on the five documents of ``data/raw/`` and on
random texts made of the characters the steps react to.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import dangjian.cleaning.clean as clean
from dangjian.cleaning.clean import CJK, _TONED
from dangjian.cleaning.edits import Edit, EditBatch, Substitution, apply_sorted_edits, expand, offset_map_to_npy

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PIECES = list(
    "党黨的基層组組織建设設著显顯区區委员員县縣。，、；：？！“”‘’《》（）()「」『』,;:!?*xX×ｘＸ□\ufffd 　\t\n\r\x0b\x1c\u2028"
    "0123456789０１２ＡａabhngzüāáǎàēíǐōùǖＣ.％"
) + ["首页>", "当前位置：", "发布日期: 2020-05-09", "责任编辑：刘磊", "打印本页", "Copyright", "(zhí)", "(dǎng)", "(a)",
     "（shè）", "(社区)", "11 722.79", "1 1", "作者：林坤", "（作者系区委常委）", "我老秘网", "如何", "吗", "\r\n", "\n\n", "   ",
     "凝聚著", "著力", "|", "***", "XX村", "党的建设" * 20]


def random_texts(count: int = 300, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.choice([0, 1, 2, 5, 20, 80, 300]))) for _ in range(count)]


TEXTS = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))] + random_texts()

#: The patterns as first written (a look-behind first), against which the faster forms are checked.
ORIGINAL_PATTERNS = {
    "_LINE_END": "\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]",
    "_LINE_BREAKS": "\r\n|[\r\u2028\u2029\x0b\x0c\x85]",
    "_QUESTION_IN_CHINESE": rf"(?<=[{CJK}])\?(?=[{CJK}“”\n]|$)",
    "_SPACED_THOUSANDS": r"(?<![\d.])\d{1,3}(?: +\d{3})+(?![\d])",
    "_PARENTHESISED_LATIN": rf"(?<=\S)(?:[(（][a-zü{_TONED}]{{1,6}}[)）])+",
    "_LOST": rf"\ufffd|(?<=[{CJK}，。、；：“”（）])\?|\?(?=[{CJK}，。、；：“”（）;])",
    "_WHITESPACE_RUN": r"[ \n]+",
    "_HALF_PUNCT_RUN": "[,;:!]+",
}


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize("name", list(ORIGINAL_PATTERNS))
def test_a_pattern_in_its_fast_form_finds_what_it_found(name):
    fast, original = getattr(clean, name), re.compile(ORIGINAL_PATTERNS[name])
    found = 0
    for text in TEXTS:
        assert spans(fast.finditer(text)) == spans(original.finditer(text))
        found += len(spans(original.finditer(text)))
    assert found  # the texts hold what the pattern looks for


def test_placeholders_are_found_as_the_one_pattern_finds_them():
    sites = "|".join(re.escape(name) for name in clean.template_site_names())
    original = re.compile(
        rf"\*{{2,}}|[xX×ｘＸ]{{2,}}(?=[{CJK}])|(?<=[{CJK}])[xX×]{{2,}}|\*(?=[{CJK}])|(?<=[{CJK}])\*"
        rf"|(?<=[《{CJK}])[xX×](?=[{CJK}:：》])|{sites}"
    )
    assert clean._placeholder_pattern().pattern != original.pattern
    found = 0
    for text in TEXTS:
        assert spans(clean._placeholder_matches(text)) == spans(original.finditer(text))
        assert spans(clean._placeholder_pattern().finditer(text)) == spans(original.finditer(text))
        found += len(spans(original.finditer(text)))
    assert found


def test_half_width_punctuation_is_found_as_the_pattern_finds_it():
    found = 0
    for text in TEXTS:
        edits = [(e.start, e.end, e.replacement) for e in expand(text, clean._half_punctuation_edits(text))]
        expected = [(m.start(), m.end(), "".join(clean._HALF_PUNCT[c] for c in m.group())) for m in clean._HALF_PUNCT_IN_CHINESE.finditer(text)]
        assert edits == expected
        found += len(edits)
    assert found


@pytest.mark.parametrize("block_chars", [3, 1 << 16])
def test_furniture_lines_are_the_lines_judged_one_by_one(block_chars):
    found = 0
    for text in TEXTS:
        expected = [(s, e, line) for s, e, line in clean._lines(text, block_chars) if clean.is_furniture_line(line)]
        assert list(clean._furniture_lines(text, block_chars)) == expected
        found += len(expected)
    assert found


def test_lines_in_blocks_are_the_lines_of_splitlines():
    for text in TEXTS:
        for block_chars in (1, 4, 1 << 16):
            lines = list(clean._lines(text, block_chars))
            assert [text[s:e] for s, e, _ in lines] == text.splitlines(keepends=True)
            assert [line for _, _, line in lines] == [line.rstrip("\n") for line in text.splitlines(keepends=True)]


def test_the_last_line_found_from_the_end_is_the_last_line_that_is_not_blank():
    for text in TEXTS:
        lines = [(s, e, line) for s, e, line in clean._lines(text) if line and not line.isspace()]
        if lines:
            assert clean._last_line(text) == lines[-1]


@pytest.mark.parametrize("piece_chars", [5, 40, 10**12])
def test_blocks_of_lines_convert_as_each_line_does(piece_chars):
    converted = 0
    for text in TEXTS:
        by_line = [
            edit
            for start, end in clean._line_spans(text)
            for edit in expand(text, clean._line_script_changes(text, start, end, clean.OPENCC_CONFIG, 10**12))
        ]
        assert list(clean._find_script_edits(text, piece_chars=piece_chars)) == by_line
        converted += len(by_line)
    assert converted


def test_batches_and_substitutions_apply_as_their_edits_one_by_one():
    rng = random.Random(11)
    for text in random_texts(200, seed=7):
        edits, position = [], 0
        while position < len(text):
            start = position + rng.randint(0, 3)
            end = min(len(text), start + rng.randint(0, 3))
            if start > len(text):
                break
            edits.append(Edit(start, end, rng.choice(["", "y", "zz", text[start:end]]), "k"))
            position = end if end > start else start + 1
        batches = [EditBatch([e.start for e in part], [e.end for e in part], [e.replacement for e in part], "k") for part in (edits[:3], edits[3:])]
        expected_text, expected_map = apply_sorted_edits(text, edits)
        for items in (batches, [(e.start, e.end, e.replacement) for e in edits]):
            new_text, step_map = apply_sorted_edits(text, items)
            assert new_text == expected_text
            assert offset_map_to_npy(step_map) == offset_map_to_npy(expected_map)
        upper = text.upper()
        substitution = Substitution(0, len(text), upper, "k", sum(a != b for a, b in zip(text, upper)))
        one_by_one = list(substitution.edits(text))
        assert len(one_by_one) == substitution.count
        new_text, step_map = apply_sorted_edits(text, [substitution])
        expected_text, expected_map = apply_sorted_edits(text, one_by_one)
        assert new_text == expected_text == upper
        assert offset_map_to_npy(step_map) == offset_map_to_npy(expected_map)


def test_a_step_cleans_as_its_edits_one_by_one_do():
    for text in TEXTS[:5] + random_texts(60, seed=9):
        for step in clean.DEFAULT_STEPS:
            expected_text, expected_map = apply_sorted_edits(text, sorted(step.find_edits(text), key=lambda e: (e.start, e.end)))
            record, new_text, step_map = clean.CleaningPipeline()._run(step, text)
            assert (step_map is None and new_text == text == expected_text) or new_text == expected_text
            if step_map is not None:
                assert offset_map_to_npy(step_map) == offset_map_to_npy(expected_map)
            assert record.edits == len(step.find_edits(text))


def test_whitespace_runs_of_two_or_more_and_at_the_edges_give_the_edits_of_every_run():
    def every_run(text: str) -> list[tuple[int, int, str]]:
        edits = []
        for m in re.finditer(r"[ \n]+", text):
            edge = m.start() == 0 or m.end() == len(text)
            replacement = "" if edge else "\n" if "\n" in m.group() else " "
            if replacement != m.group():
                edits.append((m.start(), m.end(), replacement))
        return edits

    found = 0
    for text in TEXTS + [" ", "\n", "a ", " a", "a b", "  ", "a\n\nb ", " a  "]:
        assert list(clean._whitespace_spans(text)) == every_run(text)
        found += len(every_run(text))
    assert found


def test_a_batch_applied_as_arrays_gives_the_text_and_map_of_its_edits_one_by_one():
    from dangjian.cleaning import edits as edits_module

    rng = random.Random(13)
    applied_as_arrays = 0
    for text in random_texts(300, seed=17):
        starts, ends, replacements, position = [], [], [], 0
        while position < len(text):
            start = position + rng.randint(0, 2)
            end = min(len(text), start + rng.randint(0, 3))
            if start > len(text):
                break
            span = text[start:end]
            starts.append(start)
            ends.append(end)
            replacements.append(rng.choice(["", span, span[:1], span.upper(), "，"[: end - start], span[::-1]]))
            position = end if end > start else start + 1
        batch = EditBatch(starts, ends, replacements, "k")
        applied_as_arrays += edits_module._applied_batch(text, batch, 0, 0, 0) is not None
        one_by_one = [Edit(*edit, "k") for edit in zip(starts, ends, replacements)]
        expected_text, expected_map = apply_sorted_edits(text, one_by_one)
        for cursor_edit in ([], [Edit(0, 0, "", "k")]):  # an edit before the batch, which changes nothing
            new_text, step_map = apply_sorted_edits(text, cursor_edit + [batch])
            assert new_text == expected_text
            assert offset_map_to_npy(step_map) == offset_map_to_npy(expected_map)
    assert applied_as_arrays > 50


def test_the_edits_of_several_streams_merge_as_arrays_as_they_merge_one_by_one():
    import heapq

    merged = 0
    for text in TEXTS[:5] + random_texts(200, seed=19):
        for step in clean.DEFAULT_STEPS:
            streams = [list(stream) for stream in step.edit_streams(text)]
            if sum(bool(stream) for stream in streams) < 2:
                continue
            found = [iter(stream) for stream in streams if stream]
            expected = [
                (start, end, replacement)
                for start, end, _, replacement in heapq.merge(*(clean._numbered_spans(text, stream, number) for number, stream in enumerate(found)))
            ]
            batches = list(clean._merged_as_arrays(text, [iter(stream) for stream in streams if stream]))
            assert [(e.start, e.end, e.replacement) for e in expand(text, batches)] == expected
            merged += 1
    assert merged


@pytest.mark.parametrize("chunk_chars", [1, 3, 1 << 16])
def test_half_width_punctuation_is_found_alike_in_chunks_of_any_size(chunk_chars):
    for text in TEXTS:
        edits = [(e.start, e.end, e.replacement) for e in expand(text, clean._half_punctuation_edits(text, chunk_chars))]
        expected = [(m.start(), m.end(), "".join(clean._HALF_PUNCT[c] for c in m.group())) for m in clean._HALF_PUNCT_IN_CHINESE.finditer(text)]
        assert edits == expected


def test_pinyin_readings_are_found_as_syllable_by_syllable():
    def syllable_by_syllable(text: str) -> list[tuple[int, int, str]]:
        found = []
        for run in clean._PARENTHESISED_LATIN.finditer(text):
            after_chinese = clean._CJK_CHAR.match(text, run.start() - 1) is not None
            position = run.start()
            for syllable in clean._SYLLABLE_IN_PARENS.findall(text, run.start(), run.end()):
                is_syllable, has_tone = clean._reading(syllable)
                if not is_syllable or not (has_tone or (after_chinese and len(syllable) >= 2)):
                    break
                end = position + len(syllable) + 2
                if end == run.end() and text[end : end + 1] == " " and clean._CJK_CHAR.match(text, end + 1):
                    end += 1
                found.append((position, end, ""))
                position = end
        return found

    found = 0
    for text in TEXTS + ["黨(dǎng)員(a) 執(zhí)(zhèng) 政", "党(dang)(a)(zhí) 员", "(zhí)党", "党（dǎng）（xyz）"]:
        assert list(clean._pinyin_spans(text)) == syllable_by_syllable(text)
        found += len(syllable_by_syllable(text))
    assert found


def test_the_quick_checks_before_a_scan_miss_no_match():
    for text in TEXTS + ["11 722.79", "1 1", "12  345", "党员1 234名", "１２", "党员，１名", "（Ａ）", "\U00020000％"]:
        if clean._SPACED_THOUSANDS.search(text):
            assert clean._SPACE_THOUSANDS_GROUP.search(text)
        for piece_chars in (2, 1 << 20):
            assert clean._holds_any_of(text, clean._FULLWIDTH_TABLE, piece_chars) == bool(clean._FULLWIDTH_ASCII.search(text))


def test_furniture_read_once_gives_the_edits_and_metadata_of_two_readings():
    texts = [text for text in TEXTS if list(clean._furniture_lines(text))][:20]
    assert len(texts) >= 2
    step = clean.remove_furniture
    for text in texts:
        streams, found = step.edits_and_metadata(text)
        assert [edit for stream in streams for edit in stream] == step.find_edits(text)
        assert found == step.extract_metadata(text)
