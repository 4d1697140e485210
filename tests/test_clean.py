"""Cleaning: each step on its own example, then the five documents of data/raw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]

from dangjian.cleaning.clean import (
    PLACEHOLDER,
    CleaningPipeline,
    clean_text,
    convert_to_simplified,
    is_furniture_line,
    is_traditional,
    join_spaced_numbers,
    normalize_punctuation,
    normalize_spaces,
    normalize_whitespace,
    remove_furniture,
    remove_pinyin_readings,
    replace_placeholders,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
DOCS = sorted(p.stem for p in RAW.glob("*.txt"))
# Any parenthesised lower-case Latin word with a tone mark: what a pinyin reading looks like.
TONED_IN_PARENS = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def raw_text(doc_id: str) -> str:
    return (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict:
    return {doc_id: clean_text(raw_text(doc_id)) for doc_id in DOCS}


# --- steps, one example each -------------------------------------------------------


def test_spaces_are_normalized_without_touching_chinese_punctuation():
    text = "基层\u00a0党建\u3000工作\u2009，要求：“强基”。"
    assert normalize_spaces(text) == "基层 党建 工作 ，要求：“强基”。"


def test_spaced_thousands_join_but_a_lost_plus_sign_does_not():
    assert join_spaced_numbers("耕地11 722.79畝") == "耕地11722.79畝"
    assert join_spaced_numbers("“1 1”帮带") == "“1 1”帮带"
    assert join_spaced_numbers("“5 N”模式") == "“5 N”模式"


def test_half_width_punctuation_in_chinese_becomes_full_width():
    assert normalize_punctuation("力量,在党旗下凝聚(综述):「好」") == "力量，在党旗下凝聚（综述）：“好”"
    assert normalize_punctuation("共1,000人") == "共1,000人"


def test_question_mark_after_a_question_is_kept_as_punctuation_not_lost():
    assert normalize_punctuation("如何抓实见效?这是难题") == "如何抓实见效？这是难题"
    assert normalize_punctuation("重要职责?不牢") == "重要职责?不牢"


def test_whitespace_collapses_to_one_line_per_paragraph():
    assert normalize_whitespace("\n  甲段。  \n\n \n  乙段  丙。\n\n") == "甲段。\n乙段 丙。"


@pytest.mark.parametrize(
    "line",
    ["首页> 党建动态>扎实推进基层党建工作", "择稿人员: 刘磊    |  发布日期: 2020-05-09   |   访问次数: 895",
     "字体:", "〖背景色:", "相关新闻", "Baidu", "map", "|"],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", ["抓实基层党组织书记集中轮训。", "增强政治功能", "全市培训2.1万人次"])
def test_body_lines_are_not_furniture(line):
    assert not is_furniture_line(line)


#: Furniture lines of real report pages (tests/data/metadata_pages/ and the development set's
#: documents), as the pages give them: share and social-media lines, a reading-time counter, a
#: portal's banner, bylines and date lines of government sites, breadcrumbs without a home link.
REAL_PAGE_FURNITURE = [
    ("tests/data/metadata_pages/guanshan-county-2023.txt", "共计2169个字"),
    ("tests/data/metadata_pages/henance-weidong-2023.txt", "设为首页"),
    ("tests/data/metadata_pages/henance-weidong-2023.txt", "主管"),
    ("tests/data/metadata_pages/investchn-yinzhou-2021.txt", "您现在的位置"),
    ("tests/data/metadata_pages/sccn-changning-2026.txt", "记者"),
    ("tests/data/metadata_pages/sccn-changning-2026.txt", "责编"),
    ("tests/data/metadata_pages/szzj-sanjiang-2017.txt", "发文字号"),
    ("tests/data/metadata_pages/szzj-sanjiang-2017.txt", "其他政策文件"),
    ("tests/data/metadata_pages/people-kaijiang-2023.txt", "\n分享\n"),
    ("tests/data/metadata_pages/dawenge-town-2025.txt", "正文复制"),
    ("tests/devset/docs/fuzhou-2021.txt", "关注海峡网微信"),
    ("tests/devset/docs/jiangsu-2021.txt", "加入收藏"),
    # a site's copyright notice is a sentence, and furniture however long
    ("tests/devset/docs/tianjin-community-stars-2020.txt", "如有侵权,请及时联系我们删除"),
    # a share button's instruction is a sentence too
    ("tests/devset/docs/hunan-party-stats-2023.txt", "使用“扫一扫”即可将网页分享至朋友圈。"),
    ("tests/devset/docs/hebei-zhangjiakou-wanquan-project-branches-2022.txt", "使用“扫一扫”即可将网页分享至朋友圈。"),
    # a document-sharing site's notice on complaints
    ("tests/devset/docs/yunnan-kunming-private-schools-party-building.txt", "请点击“版权申诉”"),
    ("tests/devset/docs/yunnan-kunming-private-schools-party-building.txt", "下载本文档将扣除1次下载权益"),
    # a portal's banner and a breadcrumb without 首页; a government site's print buttons and footer
    ("tests/devset/docs/guizhou-guiyang-wanjiang-community-2007.txt", "\n搜狐网站\n"),
    ("tests/devset/docs/guizhou-guiyang-wanjiang-community-2007.txt", "搜狐新闻-搜狐网站"),
    ("tests/devset/docs/guizhou-guiyang-wanjiang-community-2007.txt", "新闻中心>综合>贵州日报"),
    ("tests/devset/docs/xinjiang-ecoenv-dept-2017.txt", "【打印】【关闭】"),
    ("tests/devset/docs/xinjiang-ecoenv-dept-2017.txt", "信访举报"),
    ("tests/devset/docs/xinjiang-ecoenv-dept-2017.txt", "公众监督"),
]


@pytest.mark.parametrize("path, furniture", REAL_PAGE_FURNITURE, ids=[f"{Path(p).stem}:{f.strip()}" for p, f in REAL_PAGE_FURNITURE])
def test_furniture_of_real_pages_is_removed(path, furniture):
    raw = (ROOT / path).read_text(encoding="utf-8")
    assert furniture in "\n" + raw.replace(" ", "") + "\n"
    assert furniture not in "\n" + clean_text(raw).text + "\n"


def test_lines_cut_by_the_wrap_of_a_printed_page_are_joined_once():
    # a real yearbook page read line by line (tests/devset/), its words cut at the ends of lines
    raw = (ROOT / "tests/devset/docs/weifang-recruitment-1997.txt").read_text(encoding="utf-8")
    assert ",文\n盲占2.8%" in raw and "农牧渔\n民党员" in raw and "少数民族党员44\n名" in raw
    cleaned = clean_text(raw)
    assert "，文盲占2.8%" in cleaned.text and "农牧渔民党员" in cleaned.text and "少数民族党员44名" in cleaned.text
    assert "细则\n（试行）" in cleaned.text  # a title left open at the line's end may go on in another column
    assert clean_text(cleaned.text).text == cleaned.text
    start = cleaned.text.index("文盲")
    raw_start, raw_end = cleaned.to_raw_span(start, start + 2)
    assert raw[raw_start:raw_end] == "文\n盲"  # the offsets lead back to the line break
    # an item, a heading and a line ending with its quantity start statements of their own
    text = "一是抓发展，全年发展党员20名以上\n二是抓培训，全年培训党员300人次。\n全县共有党员5222名，其中女党员1200名\n全县基层党组织320个。\n持续推进基层党组织建设，不断提高组织力\n组织建设\n"
    assert clean_text(text).text == text.strip()
    # nor do a table's rows, two numbers, a pinyin reading or a redaction at the start of the next line
    text = ("某县党建工作总结\n各乡镇党员基本情况统计如下，数据截至年底，单位为名\n乡镇名称 | 党员总数 | 女党员 | 备注\n城关镇 | 1520 | 380 | 无\n"
            "截至年底，全县共有党员人数为1801\n2023年新发展党员50名，\n做好党建工作，发挥区\n(qū)委作用，\n做好党建工作，来自一个\nx县，")
    assert clean_text(text).text.count("\n") == text.count("\n")


def test_a_table_laid_out_one_cell_a_line_keeps_its_numbers():
    text = "各学院发展计划\n教育学院\n|\n11\n|\n0\n|\n文学院\n|\n25\n|\n3\n|\n\n2\n"
    cleaned = clean_text(text).text.split("\n")
    # the cells are kept; the page number after the table (no bar after it) is still furniture
    assert [line for line in cleaned if line.strip().isdigit()] == ["11", "0", "25", "3"]
    assert clean_text("首页\n|\n12\n新闻\n").text.split("\n").count("12") == 0  # a bar of a menu is not a table


def test_a_table_drawn_with_box_characters_keeps_its_rows_of_numbers_under_its_header():
    text = (
        "离休干部增减情况对比表\n┏━━━┯━━━━┓\n┃ 年份 │ 离休干部 ┃\n┃ │ 总数 ┃\n┠───┼────┨\n┃ 2013 │ 72905 ┃\n"
        "┠───┼────┨\n┃ 2014 │ 66652 ┃\n┗━━━┷━━━━┛\n\n| 12 | 7 |\n"
    )
    cleaned = clean_text(text).text
    # the bars become |, the rulings go, the rows of numbers under the header stay
    assert "| 2013 | 72905 |" in cleaned and "| 2014 | 66652 |" in cleaned and "| 年份 | 离休干部 |" in cleaned
    assert "━" not in cleaned and "─" not in cleaned
    # a row of numbers under no header (after a blank line and nothing of a table) is still furniture
    assert "| 12 | 7 |" not in cleaned


def test_no_sentence_of_real_pages_is_taken_for_furniture():
    """Every line of the real pages and documents that holds a full stop and 15 Chinese characters
    or more is body text (the furniture rules judge short lines only, by what they say), except the
    sentences of :data:`REAL_PAGE_FURNITURE` (a copyright notice, a share button's instruction)."""
    folders = [ROOT / "data" / "raw", ROOT / "tests" / "devset" / "docs", ROOT / "tests" / "data" / "metadata_pages"]
    known: dict[Path, list[str]] = {}
    for path, furniture in REAL_PAGE_FURNITURE:
        known.setdefault((ROOT / path).resolve(), []).append(furniture)
    checked = 0
    for path in sorted(p for folder in folders for p in folder.glob("*.txt")):
        raw = path.read_bytes()
        text = raw.decode("utf-8") if not raw.startswith(b"\xff") else raw.decode("utf-16")
        for line in text.splitlines():
            if any(furniture in line for furniture in known.get(path.resolve(), ())):
                continue
            if "。" in line and len(re.findall("[\u4e00-\u9fff]", line)) >= 15:
                checked += 1
                assert not is_furniture_line(line), f"{path.name}: {line[:60]}"
    assert checked > 200


def test_furniture_is_removed_and_its_metadata_kept():
    result = clean_text("首页> 党建动态>标题\n标题\n择稿人员: 刘磊 | 发布日期: 2020-05-09 | 访问次数: 895\n正文一句。\n相关新闻\nBaidu")
    assert result.text == "标题\n正文一句。"
    assert result.metadata["date"] == "2020-05-09" and result.metadata["editor"] == "刘磊"
    removed = next(r for r in result.records if r.step == "remove_furniture").removed
    assert "相关新闻" in removed and "Baidu" in removed


def test_pinyin_readings_are_removed_but_real_parentheses_stay():
    assert remove_pinyin_readings("黨執(zhí)政的組織基礎(chǔ)") == "黨執政的組織基礎"
    assert remove_pinyin_readings("區(qū)委") == "區委"
    assert remove_pinyin_readings("村(社区)培训2.1萬人(次)") == "村(社区)培训2.1萬人(次)"
    assert remove_pinyin_readings("163.3萬(wàn)元") == "163.3萬元"


def test_the_space_a_reading_is_set_off_with_goes_with_it():
    """Some pages set a reading off with a space (黨(dang) 員): removing the reading must not leave the
    space inside the word, where it would cut a subject (党 员) or a unit (1.2个 百分点)."""
    assert remove_pinyin_readings("全省黨(dang) 員總數") == "全省黨員總數"
    assert remove_pinyin_readings("提高1.2個(ge) 百分點") == "提高1.2個百分點"
    assert remove_pinyin_readings("黨(dang) 2024年") == "黨 2024年"  # a space before a digit is not the reading's


@pytest.mark.parametrize(
    "traditional, simplified",
    [("這份成績凝聚著全市", "这份成绩凝聚着全市"), ("著力構建", "着力构建"), ("顯著增強", "显著增强"), ("擔負著", "担负着"),
     ("幹部隊伍", "干部队伍"), ("黨組織", "党组织"), ("聯系點", "联系点")],
)
def test_traditional_converts_to_simplified_in_this_genre(traditional, simplified):
    assert convert_to_simplified(traditional) == simplified


def test_already_simplified_text_keeps_its_characters():
    assert convert_to_simplified("基层党组织功能显著增强") == "基层党组织功能显著增强"


def test_placeholders_replace_redactions_template_names_and_x():
    assert replace_placeholders("学习贯彻***总书记") == f"学习贯彻{PLACEHOLDER}总书记"
    assert replace_placeholders("以*村为试点") == f"以{PLACEHOLDER}村为试点"
    assert replace_placeholders("近年来,我老秘网区坚持") == f"近年来,我{PLACEHOLDER}区坚持"
    assert replace_placeholders("《x组织工作》") == f"《{PLACEHOLDER}组织工作》"
    assert replace_placeholders("2x3矩阵, taxi") == "2x3矩阵, taxi"


def test_lost_characters_are_kept_and_counted():
    result = clean_text("重要职责?不牢，地动山摇。组织\ufffd设。")
    assert "?" in result.text and "\ufffd" in result.text
    assert result.count("lost_character") == 2


def test_author_lines_become_metadata():
    body = "党的基层组织是党执政的组织基础，担负着直接教育党员的重要职责。"
    result = clean_text(f"林坤\n{body}\n(作者系中共牡丹江市西安區(qū)委常委)")
    assert result.text == body
    assert result.metadata == {"author": "林坤", "author_position": "中共牡丹江市西安区委常委"}


def test_steps_can_be_dropped_and_unknown_names_are_refused():
    assert CleaningPipeline().without("convert_to_simplified")("黨員").text == "黨員"
    with pytest.raises(ValueError, match="unknown cleaning steps"):
        CleaningPipeline().without("no_such_step")


# --- the five documents --------------------------------------------------------------


def test_clean_seeds_have_no_pinyin_no_furniture_no_traditional(cleaned):
    for doc_id, result in cleaned.items():
        assert not TONED_IN_PARENS.search(result.text), doc_id
        assert not [line for line in result.text.split("\n") if is_furniture_line(line)], doc_id
        assert not [ch for ch in set(result.text) if is_traditional(ch)], doc_id


def test_every_body_sentence_of_the_raw_file_survives(cleaned):
    body_only = CleaningPipeline().without("remove_furniture", "remove_author_lines")
    for doc_id, result in cleaned.items():
        raw = raw_text(doc_id)
        removed = {body_only(text).text for r in result.records for text in r.removed}
        for line in raw.splitlines():
            if not line.strip() or body_only(line).text in removed or is_furniture_line(line):
                continue
            for sentence in re.split(r"(?<=[。！？])", body_only(line).text):
                assert sentence.strip() in result.text, (doc_id, sentence)


def test_mudanjiang_record_counts_pinyin_and_lost_characters(cleaned):
    raw = raw_text("mudanjiang-xian")
    result = cleaned["mudanjiang-xian"]
    assert result.count("pinyin") == len(TONED_IN_PARENS.findall(raw)) > 300
    assert result.count("lost_character") >= 1
    assert result.metadata["author"] == "林坤"


def test_national_2020_carries_its_date(cleaned):
    assert cleaned["national-2020"].metadata["date"] == "2020-05-09"


def test_cleaning_is_idempotent_on_the_corpus(cleaned):
    for doc_id, result in cleaned.items():
        assert clean_text(result.text).text == result.text, doc_id


def test_offsets_lead_back_to_the_raw_number(cleaned):
    for doc_id, result in cleaned.items():
        raw = raw_text(doc_id)
        for match in re.finditer(r"\d+(?:\.\d+)?", result.text):
            start, end = result.to_raw_span(match.start(), match.end())
            assert raw[start:end].replace(" ", "") == match.group(), (doc_id, match.group(), raw[start:end])


def test_offsets_of_a_pinyin_interrupted_span_cover_the_pinyin(cleaned):
    result = cleaned["mudanjiang-xian"]
    index = result.text.index("163.3万元")
    start, end = result.to_raw_span(index, index + len("163.3万元"))
    assert result.raw_text[start:end] == "163.3萬(wàn)元"


# --- properties ----------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("党建基层組織黨執政村社区万亿个名人次元%。，、；：“”（）()?*x \n\t\u3000\u00a0123456789０１.,;:-|>首页")
    + ["(zhí)", "(chǔ)", "***", "老秘网", "发布日期: 2020-05-09", "11 722", "\ufffd"]
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_cleaning_never_raises_never_grows_and_is_idempotent(text):
    result = clean_text(text)
    assert len(result.text) <= len(text) + 2
    assert clean_text(result.text).text == result.text
    assert len(result.offset_map) == len(result.text)
    if result.text:
        start, end = result.to_raw_span(0, len(result.text))
        assert 0 <= start <= end <= len(text)


@pytest.mark.parametrize(("lead", "removed"), [("黨" * 16, True), ("黨" * 19, False), ("党" * 60, False)])
def test_a_line_with_a_template_sites_name_is_judged_as_cleaning_it_again_would_judge_it(lead, removed):
    # the site's name becomes one placeholder: the line's Chinese characters are counted without it
    text = lead + "老秘网首页>首页>相关新闻相关新闻\n全县共有党员1200名。"
    once = clean_text(text).text
    assert ("首页" not in once) is removed
    assert clean_text(once).text == once


@pytest.mark.parametrize("gap", ["党" * 250, "党  " * 70, "党" * 100_000])
def test_a_question_mark_far_from_its_interrogative_word_is_judged_alike_in_every_pass(gap):
    text = "如何" + gap + "建?设"
    once = clean_text(text).text
    assert "？" in once  # the clause opens with 如何 and has no break before the '?'
    assert clean_text(once).text == once


@pytest.mark.parametrize("raw, clean", [("黨１２  １２0人", "党12120人"), ("耕地11   722.79畝", "耕地11722.79亩")])
def test_thousands_after_several_spaces_are_joined_in_the_first_pass(raw, clean):
    once = clean_text(raw).text
    assert once == clean
    assert clean_text(once).text == once


@pytest.mark.parametrize("raw", ["(黨())", "x(a(党)b)c", "((社区))"])
def test_nested_parentheses_are_converted_in_one_pass(raw):
    once = clean_text(raw).text
    assert "(" not in once and ")" not in once
    assert clean_text(once).text == once


def test_gambling_advertisements_injected_into_a_sentence_are_removed_and_counted():
    raw = "沙塘镇召开述职评议会，深入学习习近平总书记澳门和记娱乐场,菠菜导航网:全面从严治党的重要论述。全年打击赌博违法活动12起。"
    result = clean_text(raw)
    assert result.text == "沙塘镇召开述职评议会，深入学习习近平总书记全面从严治党的重要论述。全年打击赌博违法活动12起。"
    record = next(r for r in result.records if r.step == "remove_injected_spam")
    assert (record.edits, record.removed) == (2, ["澳门和记娱乐场,", "菠菜导航网:"])
    start = result.text.index("全面")
    assert raw[result.offset_map.to_raw_span(start, start + 2)[0] :].startswith("全面从严")  # offsets still point into the raw text
