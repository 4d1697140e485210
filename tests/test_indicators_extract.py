"""Extraction on small built sentences: each required form, each exclusion, typed results."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dangjian.cleaning.clean import clean_text
from dangjian.reading.corpus import Document
from dangjian.indicators import NotAQuantity, Quantity, Reason, extract, quantities, read_candidate, read_text
from dangjian.indicators.grammar import CANDIDATE
from dangjian.indicators.subjects import label_subjects
from dangjian.indicators.thresholds import threshold_flags
from dangjian.segmentation.pipeline import process_document


def only(text: str) -> Quantity:
    """The single quantity of ``text`` (fails when there is not exactly one)."""
    found = quantities(text)
    assert len(found) == 1, [q.surface for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value_norm", "unit", "unit_class"),
    [
        ("建立党建联系点３７９９个", "３７９９个", "3799", "个", "count"),
        ("区委组织部共向七个有贫困户的村派驻扶贫第一书记", "七个", "7", "个", "count"),
        ("先后约谈村干部三人次", "三人次", "3", "人次", "person_time"),
        ("目前已顺利完成两个村党组织整顿任务", "两个", "2", "个", "count"),
        ("选派干部十一名", "十一名", "11", "名", "person"),
        ("平均年龄33.3岁", "33.3岁", "33.3", "岁", "age_years"),
        ("完成投资1.64亿元", "1.64亿元", "164000000", "元", "money_cny"),
        ("培训农民党员2.1万人（次）", "2.1万人（次）", "21000", "人次", "person_time"),
        ("培训农民党员2.1万人(次)", "2.1万人(次)", "21000", "人次", "person_time"),
        ("收缴账外耕地11722.79亩", "11722.79亩", "11722.79", "亩", "area_mu"),
        ("大专及以上学历占比96.5%", "96.5%", "96.5", "%", "percent"),
        ("部务会会议12次", "12次", "12", "次", "times"),
        ("合格率达百分之九十五", "百分之九十五", "95", "%", "percent"),
    ],
)
def test_exact_quantities(text, surface, value_norm, unit, unit_class):
    quantity = only(text)
    assert (quantity.surface, quantity.value_norm, quantity.unit, quantity.unit_class, quantity.approx) == (
        surface, Decimal(value_norm), unit, unit_class, "exact",
    )
    assert text[quantity.start : quantity.end] == surface


@pytest.mark.parametrize(
    ("text", "surface", "value_norm", "unit_class", "approx", "qualifier"),
    [
        ("举办培训班，培训600余人", "600余人", "600", "person", "over", "余"),
        ("服务群众9000多人（次）", "9000多人（次）", "9000", "person_time", "over", "多"),
        ("服务居民1.8万余人次", "1.8万余人次", "18000", "person_time", "over", "余"),
        ("投入资金500多万元", "500多万元", "5000000", "money_cny", "over", "多"),
        ("参训人数超过3000人", "3000人", "3000", "person", "over", "超过"),
        ("培训党员500人以上", "500人", "500", "person", "over", "以上"),
        ("每年为社区解决经费不少于2万元", "2万元", "20000", "money_cny", "at_least", "不少于"),
        ("确保每人每年至少参加1次培训", "1次", "1", "times", "at_least", "至少"),
        ("全年接待群众近5000人", "5000人", "5000", "person", "about", "近"),
        ("覆盖约300户", "300户", "300", "count", "about", "约"),
        ("培训党员200人左右", "200人", "200", "person", "about", "左右"),
        ("党员人数不足20名", "20名", "20", "person", "under", "不足"),
    ],
)
def test_approximations_are_kept_as_structure(text, surface, value_norm, unit_class, approx, qualifier):
    quantity = only(text)
    assert (quantity.surface, quantity.value_norm, quantity.unit_class, quantity.approx, quantity.qualifier) == (
        surface, Decimal(value_norm), unit_class, approx, qualifier,
    )
    assert quantity.value_high is None  # no bound is invented


def test_a_range_gives_both_bounds():
    quantity = only("每个村至少要储备1至2名后备力量")
    assert (quantity.surface, quantity.value, quantity.value_high, quantity.approx, quantity.unit) == ("1至2名", 1, 2, "range", "名")
    chinese = only("每村选派三到五名干部")
    assert (chinese.value, chinese.value_high, chinese.approx) == (3, 5, "range")


def test_respectively_gives_each_rate_its_own_subject():
    text = "全市矛盾纠纷调解率、信访事项化解率分别达到98.6%、96.1%，命案发案数低于全国平均水平。"
    found = quantities(text)
    assert [(q.surface, q.unit_class) for q in found] == [("98.6%", "percent"), ("96.1%", "percent")]
    assert label_subjects(text, [q.outer for q in found]) == ["矛盾纠纷调解率", "信访事项化解率"]


def test_star_ratings_count_the_organisations_not_the_stars():
    text = "我镇村级党组织获评五星级14个、四星级3个，无软弱涣散村。"
    found = quantities(text)
    assert [(q.surface, q.value_norm) for q in found] == [("14个", 14), ("3个", 3)]
    subjects = label_subjects(text, [q.outer for q in found])
    assert "五星级" in subjects[0] and "四星级" in subjects[1]


def test_a_count_followed_by_its_share_gives_two_rows_and_the_threshold_is_flagged():
    text = "2023年全镇21个村村财收入超过20万元，占比91.3%。"
    found = quantities(text)
    assert [(q.surface, q.unit_class) for q in found] == [("21个", "count"), ("20万元", "money_cny"), ("91.3%", "percent")]
    assert threshold_flags(text, found) == [False, True, False]
    subjects = label_subjects(text, [q.outer for q in found], threshold_flags(text, found))
    assert subjects[2] == subjects[0] == "村村财收入超过20万元"  # the share names the group; its kind says share


def test_group_boundaries_are_thresholds_and_levels_are_not():
    text = "累计发展35岁以下党员104名，将3个党员人数超过100名的党总支调整为党委，培训党员500人以上。"
    found = quantities(text)
    flags = dict(zip([q.surface for q in found], threshold_flags(text, found)))
    assert flags == {"35岁": True, "104名": False, "3个": False, "100名": True, "500人": False}


@pytest.mark.parametrize(
    "text, flags",
    [
        ("打造10个以上示范点，选派200名以上优秀干部到村任职。", [False, False]),  # at least so many of them
        ("培育8个以上集体经济年收入超过100万元的村。", [False, True]),  # the villages at least; the income bounds them
        ("有10名以上员工的非公企业120家，30人以上的社会组织15家，100户以上的村8个。", [True, False, True, False, True, False]),
    ],
)
def test_a_count_with_yishang_counts_its_own_noun_and_bounds_a_group_of_another(text, flags):
    assert threshold_flags(text, quantities(text)) == flags


@pytest.mark.parametrize(
    "text, surface, subject",
    [
        ("其中，公有制企业党组织增加1.8万个，建制村和社区党组织增加2.2万个。", "2.2万个", "建制村和社区党组织增加"),
        ("党员中男的34人、女4人。", "4人", "党员中女"),
        ("2、现有农业用地1560亩。", "1560亩", "农业用地"),  # a list's number is no part of what is measured
    ],
)
def test_subjects_a_new_user_found_wrong(text, surface, subject):
    found = quantities(text)
    subjects = label_subjects(text, [q.outer for q in found], threshold_flags(text, found))
    assert dict(zip([q.surface for q in found], subjects))[surface] == subject


def test_a_line_wrapped_after_a_comma_runs_on_into_the_next():
    text = "一、概况\n发展的党员中，高中以上文化程度的占45.1%，小学文化程度的占25%，文\n盲占2.8%。"
    table = extract(process_document(Document("wrapped", Path("wrapped.txt"), text, "utf-8")))
    assert dict(zip(table["surface"], table["subject"]))["2.8%"] == "发展的党员中文盲"


def test_a_training_pair_shares_its_subject():
    text = "市级举办各类培训班13期1654人（次），拍摄制作党员教育片15部。"
    found = quantities(text)
    subjects = label_subjects(text, [q.outer for q in found])
    assert subjects[0] == subjects[1] and "培训班" in subjects[0]
    assert "党员教育片" in subjects[2]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024年以来，全市", Reason.YEAR_OR_DATE),
        ("发布日期：2020-05-09", Reason.YEAR_OR_DATE),
        ("一年来，市委组织部", Reason.YEAR_OR_DATE),
        ("把近两年出台的条例", Reason.YEAR_OR_DATE),
        ("选好第二批扶持村", Reason.ORDINAL),
        ("名城世家二期被评为", Reason.ORDINAL),
        ("增强“四个意识”、坚定“四个自信”", Reason.QUOTED),
        ("增强四个意识", Reason.SLOGAN),
        ("全面落实四个一包抓措施", Reason.SLOGAN),
        ("细化制定“一乡一策”“一村一策”整顿措施", Reason.QUOTED),
        ("落实后备干部的“2+1”培育机制", Reason.FORMULA),
        ("跟进落实新进班子人员“1 1”帮带培养机制", Reason.FORMULA),
        ("推行“5 N”模式", Reason.FORMULA),
        ("参照“5221”分配模式", Reason.NO_UNIT),
        ("参照5221分配模式", Reason.NO_UNIT),
        ("创新红色物业365品牌建设", Reason.NO_UNIT),
        ("突出“15分钟便民服务圈”", Reason.QUOTED),
        ("要按照15分钟服务圈的要求合理布局", Reason.SERVICE_RADIUS),
        ("贯彻党的十九大和十九届四中全会精神", Reason.MEETING),
        ("颁发“光荣在党50年”纪念章", Reason.YEAR_OR_DATE),
        ("推行“一网十员”“十户联体”模式", Reason.QUOTED),
        ("探索推行“微治理十条”工作法", Reason.QUOTED),
        ("以《关于加强两新组织党建的10条措施》为指导", Reason.TITLE),
        ("一个党员就是一面旗帜", Reason.ARTICLE),
        ("在新一轮评选中", Reason.ARTICLE),
        ("打造千千万万个坚强的农村基层党组织", Reason.NOT_A_NUMBER),
        ("千警进万户", Reason.NOT_A_NUMBER),
        ("数十个村", Reason.NOT_A_NUMBER),
        ("三番五次强调", Reason.IDIOM),
        ("提供24小时便民服务，365天不打烊", Reason.IDIOM),
        ("实行7×24小时值守", Reason.FORMULA),
        ("择稿人员: 刘磊 | 阅读量: 1200次", Reason.FURNITURE),
        ("每100名党员中", Reason.RATE_BASE),
    ],
)
def test_non_quantities_are_excluded_with_a_reason(text, reason):
    results = read_text(text)
    assert results, "the number is read"
    assert not quantities(text), [q.surface for q in quantities(text)]
    assert reason in {r.reason for r in results if isinstance(r, NotAQuantity)}


@pytest.mark.parametrize(
    "text", ["一是夯基固本", "（一）党建“体检”", "一、注重强基固本", "三会一课", "四下基层", "七一前夕", "选派驻村第一书记", "二十大", "访问次数: 895"]
)
def test_list_markers_and_numbered_slogans_without_a_unit_are_not_even_candidates_for_quantities(text):
    assert quantities(text) == []


def test_reading_a_candidate_returns_a_typed_verdict_and_never_raises():
    for text in ["2024年", "5221", "千千万万个", "十九届", "3799个", "“2+1”", "1.64亿元"]:
        for match in CANDIDATE.finditer(text):
            verdict = read_candidate(match)
            assert isinstance(verdict, (Quantity, NotAQuantity))
    verdicts = [read_candidate(m) for m in CANDIDATE.finditer("2024年建立党建联系点3799个")]
    assert [type(v) for v in verdicts] == [NotAQuantity, Quantity]
    assert verdicts[0].reason is Reason.YEAR_OR_DATE and bool(verdicts[0]) is False


def test_cleaning_then_extraction_handles_traditional_pinyin_and_spaced_thousands():
    raw = "收繳賬外耕地11 722.79畝，化解債(zhài)務(wù)163.3萬(wàn)元，培訓1654人(次)。"
    cleaned = clean_text(raw)
    found = quantities(cleaned.text)
    assert [(q.surface, str(q.value_norm), q.unit) for q in found] == [
        ("11722.79亩", "11722.79", "亩"), ("163.3万元", "1633000.0", "元"), ("1654人（次）", "1654", "人次"),
    ]
    raw_surfaces = [raw[slice(*cleaned.to_raw_span(q.start, q.end))] for q in found]
    assert raw_surfaces == ["11 722.79畝", "163.3萬(wàn)元", "1654人(次)"]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("女党员、少数民族党员占比分别提高0.8、0.2个百分点", [("0.8", "百分点"), ("0.2个百分点", "百分点")]),
        ("分别为1.5、2万名", [("1.5", "名"), ("2万名", "名")]),
    ],
)
def test_bare_numbers_listed_before_a_unit_share_it(text, listed):
    assert [(q.surface, q.unit) for q in quantities(text)] == listed


def test_an_ordinal_list_is_not_a_list_of_counts():
    assert [q.surface for q in quantities("第1、2、3名获得表彰")] == ["3名"]


def test_a_line_cut_by_the_wrap_of_a_page_is_read_on_with_its_offsets_in_the_raw_file():
    raw = "第二节 党员发展\n党员发展工作稳步推进。\n至2007年底，全区发展新党员5690人，其中女党员1801人，占31.7%；35岁以下年轻党\n员3210人，占56.4%；高中\n（中专）学历1120人。\n一是抓教育，培训党员300人次\n二是抓管理，整顿后进支部3个。"
    table = extract(process_document(Document("wrap", Path("wrap.txt"), raw, "utf-8")))
    assert all(raw[s:e] == surface for s, e, surface in zip(table["raw_start"], table["raw_end"], table["raw_surface"]))
    assert all(surface == raw_surface for surface, raw_surface in zip(table["surface"], table["raw_surface"]))
    row = table[table["surface"] == "3210人"].iloc[0]
    assert ("年轻党员" in row["subject"], row["core_id"]) == (True, "recruits_profile")
    # an item marker opens a statement of its own: the line before it is not joined to it
    assert table[table["surface"] == "3个"].iloc[0]["sentence"].startswith("二是")


@pytest.mark.parametrize(
    "text, reported",
    [
        ("全区有7个村近三年未发展1名党员", ["7个"]),  # a count of zero, as 没有一名 is
        ("3个村连续两年没有发展1名党员，全镇无1人上访", ["3个"]),
        ("每村不少于1名，全年发展党员1名，未超过1名", ["1名", "1名", "1名"]),  # bounds and counts of one stay
    ],
)
def test_a_count_of_one_after_a_negation_is_not_a_single_one(text, reported):
    assert [r.surface for r in read_text(text) if r] == reported
