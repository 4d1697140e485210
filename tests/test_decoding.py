"""Decoding a document's bytes: every encoding is proven by the text it gives, never guessed."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dangjian.cleaning.clean import clean_text
from dangjian.reading.corpus import CorpusError, decode_bytes, decode_with_warnings, read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
TRADITIONAL, SIMPLIFIED = "pingliang-2024", "guizhou-district"


def opening(doc_id: str, encoding: str = "utf-8", chars: int = 2000) -> str:
    """The first characters of a real document, keeping only those ``encoding`` can hold."""
    text = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")[:chars]
    return "".join(ch for ch in text if ch.encode(encoding, errors="ignore"))


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_big5_with_one_hong_kong_character_is_read_as_big5hkscs(tmp_path):
    big5 = opening(TRADITIONAL, "big5")
    text = big5[:300] + "嘅" + big5[300:]  # 嘅 is in HKSCS, not in plain Big5
    data = text.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")
    document = read_document(write(tmp_path, data))
    assert (document.raw_text, document.encoding, document.warnings) == (text, "big5hkscs", [])
    simplified = clean_text(document.raw_text).text  # the script conversion does not care how it was read
    assert "黨" not in simplified and "基层党建" in simplified and "嘅" in simplified


@pytest.mark.parametrize("doc_id", [TRADITIONAL, SIMPLIFIED])
@pytest.mark.parametrize(
    "codec, encode, recorded",
    [
        ("big5", lambda t: t.encode("big5"), "big5"),
        ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
        ("gbk", lambda t: t.encode("gbk"), "gb18030"),
        ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
        ("utf-8", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        ("utf-8", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
        ("utf-8", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
        ("utf-8", lambda t: t.encode("utf-16-le"), "utf-16-le"),
        ("utf-8", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["big5", "gb18030", "gbk", "utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be"],
)
def test_real_text_decodes_exactly_in_every_encoding(tmp_path, doc_id, codec, encode, recorded):
    text = opening(doc_id, codec)
    assert len(text) > 1000
    document = read_document(write(tmp_path, encode(text)))
    assert (document.raw_text, document.encoding, document.warnings) == (text, recorded, [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_needs_only_one_ascii_character(codec):
    text = "".join(ch for ch in opening(SIMPLIFIED) if ch > "\x7f")[:500] + "\n"  # one zero byte in all
    assert decode_bytes(text.encode(codec)) == (text, codec)


def test_ascii_text_in_utf16_without_bom_is_utf16_not_binary():
    text = "doc_id,file,title\r\npingliang-2024,pingliang-2024.txt,\r\n"
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


@pytest.mark.parametrize("every", [2, 3, 4, 5, 7])
@pytest.mark.parametrize("doc_id", [SIMPLIFIED, TRADITIONAL, "ascii"])
def test_utf8_with_a_zero_byte_every_few_characters_is_refused_never_utf16(tmp_path, every, doc_id):
    text = "Party building report, section one: members and branches. " * 8 if doc_id == "ascii" else opening(doc_id, chars=400)
    spoiled = "".join(ch + ("\x00" if i % every == every - 1 else "") for i, ch in enumerate(text))
    path = write(tmp_path, spoiled.encode("utf-8"), "with zeros.txt")
    with pytest.raises(CorpusError, match="valid UTF-8 but with .* zero bytes") as info:
        read_document(path)
    assert "with zeros.txt" in str(info.value)


def test_a_stray_control_character_in_utf8_is_kept_with_a_warning(tmp_path):
    text = opening(SIMPLIFIED)
    spoiled = text[:100] + "\x00" + text[100:]
    document = read_document(write(tmp_path, spoiled.encode("utf-8")))
    assert (document.raw_text, document.encoding) == (spoiled, "utf-8")
    assert len(document.warnings) == 1 and "1 control character" in document.warnings[0] and "character 100" in document.warnings[0]


def test_a_close_call_between_legacy_encodings_is_a_warning_on_the_document(tmp_path):
    data = "安白".encode("gb18030")  # the same bytes are 假啞 in Big5: both read as common characters
    assert data.decode("big5") == "假啞"
    document = read_document(write(tmp_path, data))
    assert (document.raw_text, document.encoding) == ("安白", "gb18030")
    assert len(document.warnings) == 1
    assert "read as gb18030, but big5 reads nearly as well" in document.warnings[0]


def test_a_clear_choice_gives_no_warning():
    for text, codec in (("党的基层组织建设", "gb18030"), ("黨的基層組織建設", "big5")):
        decoded = decode_with_warnings(text.encode(codec))
        assert (decoded.text, decoded.encoding, decoded.warnings) == (text, codec, ())


def test_a_legacy_text_of_rare_characters_is_read_with_a_warning():
    decoded = decode_with_warnings(bytes.fromhex("8140814181428143"))  # GBK's rare 丂丄丅丆, in no Big5
    assert (decoded.text, decoded.encoding) == ("丂丄丅丆", "gb18030")
    assert len(decoded.warnings) == 1 and "few of its characters are common Chinese ones" in decoded.warnings[0]


@pytest.mark.parametrize("zeros", [True, False], ids=["with-zero-bytes", "without-zero-bytes"])
def test_random_binary_is_refused_naming_the_file(tmp_path, zeros):
    noise = random.Random(19).randbytes(8192)
    if not zeros:
        noise = noise.replace(b"\x00", b"\x01")
    path = write(tmp_path, noise, "noise 2024.txt")
    with pytest.raises(CorpusError, match="binary") as info:
        read_document(path)
    assert "noise 2024.txt" in str(info.value)


_TEXT_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\n\t，。、“”《》（）：；"),
)


@settings(max_examples=200, deadline=None)
@given(st.text(_TEXT_CHARACTERS, min_size=1, max_size=300))
def test_any_cjk_and_ascii_text_in_utf8_decodes_back_to_itself(text):
    assume(not text.startswith(("%PDF", "GIF8")))  # the openings of PDF and GIF files
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.parametrize("doc_id", [TRADITIONAL, SIMPLIFIED])
@pytest.mark.parametrize("codec, recorded", [("utf-8", "utf-8"), ("gb18030", "gb18030"), ("big5", "big5")])
def test_a_file_cut_off_in_its_last_character_is_read_with_a_warning(tmp_path, doc_id, codec, recorded):
    text = opening(doc_id, codec).rstrip() + "党" if codec != "big5" else opening(doc_id, codec).rstrip() + "黨"
    data = text.encode(codec)
    for lost in range(1, len(text[-1].encode(codec))):  # every way to lose the end of the last character
        document = read_document(write(tmp_path, data[:-lost]))
        assert (document.raw_text, document.encoding) == (text[:-1], recorded)
        assert len(document.warnings) == 1 and "ends in the middle of a character" in document.warnings[0]
        assert f"its last {len(text[-1].encode(codec)) - lost} byte(s)" in document.warnings[0]



def test_a_long_text_in_another_legacy_encoding_is_refused_not_analysed_as_mojibake(tmp_path):
    japanese = ("日本の地方自治体では、住民サービスの向上を目指して様々な取り組みが行われています。"
                "特に高齢者福祉や子育て支援の分野では、地域の実情に応じた施策が求められています。") * 4
    with pytest.raises(CorpusError, match=r"doc\.txt: does not read as Chinese: read as gb18030, .*re-save it as UTF-8"):
        read_document(write(tmp_path, japanese.encode("shift_jis")))
    document = read_document(write(tmp_path, japanese.encode("utf-8")))  # the same text in UTF-8 is read
    assert document.raw_text == japanese
