"""Core indicators and kinds: the measured scores, sentences of the genre, page furniture, tables.

- The seed gold (``tests/gold/``) and both parts of the development set (``tests/devset/``) are
  extracted and scored by the two scorers of ``tests/tools/`` (values: recall and precision with
  the strict key; core indicator precision and recall; kind accuracy, overall and on the rare
  kinds), with the thresholds of the project (see the README's Indicators section).
- Sentences of the genre written for this test (not from any scored document): what each number
  measures (subject), its core indicator and its kind. The 54 cases were written before any rule
  was changed for them and 49 passed as written; the rules then changed for what generalises (an
  item of a 其中 list after a semicolon, a growth rate of the income per village, villages
  defined by their income, a rate named by its verb alone: 化解率 after 矛盾纠纷), none special-cased.
- Page counters are never indicators; statistics laid out as a table are.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dangjian.corpus import Document
from dangjian.indicators import extract
from dangjian.pipeline import process_document

TESTS = Path(__file__).resolve().parent
DEVSET = TESTS / "devset"


def _score_sets():
    spec = importlib.util.spec_from_file_location("score_sets", TESTS / "tools" / "score_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Thresholds of each scored set: values (recall, precision), core (precision, recall), kind
#: (overall, on shares, changes and targets). The seeds and the seen part hold the project's
#: targets; the unseen part, scored but never read, holds the level it was measured at (a guard
#: against regressions: its core recall and value precision are below the targets, see the README).
THRESHOLDS = {
    "seeds": {"recall": 0.98, "precision": 0.98, "core_precision": 0.95, "core_recall": 0.90, "kind": 0.95, "kind_other": 0.90},
    "seen": {"recall": 0.98, "precision": 0.98, "core_precision": 0.95, "core_recall": 0.90, "kind": 0.95, "kind_other": 0.90},
    "unseen": {"recall": 0.97, "precision": 0.95, "core_precision": 0.85, "core_recall": 0.65, "kind": 0.95, "kind_other": 0.90},
}


@pytest.mark.parametrize("name", ["seeds", "seen", "unseen"], ids=["seeds", "devset_seen", "devset_unseen"])
def test_scores_of_the_hand_labelled_sets(name, tmp_path):
    if name != "seeds" and not (DEVSET / "metadata.csv").is_file():
        pytest.skip("no development set in tests/devset/")
    figures = _score_sets().score_set(name, tmp_path, show=0 if name == "unseen" else 20)
    print(f"{name}: " + ", ".join(f"{key} {figures[key]:.3f}" for key in THRESHOLDS[name]))
    failed = {key: figures[key] for key, minimum in THRESHOLDS[name].items() if figures[key] < minimum}
    assert not failed, f"{name}: below the thresholds {THRESHOLDS[name]}: {failed}\n{figures['reports'] if name != 'unseen' else ''}"


def _table(text: str):
    return extract(process_document(Document("case", Path("case.txt"), text, "utf-8")))


#: (passage, surface, a part of the subject, core id, kind). The passage is one document; the
#: surface is the first quantity written so (its clean text).
CASES: list[tuple[str, str, str, str, str]] = [
    ("截至2023年12月31日，全县共有党员21356名，比上年净增312名。", "21356名", "党员", "members_total", "amount"),
    ("截至2023年12月31日，全县共有党员21356名，比上年净增312名。", "312名", "党员", "members_total", "change"),
    ("全县共有党员21356名。其中，女党员5432名，占党员总数的25.4%。", "25.4%", "女党员", "members_female", "share"),
    ("少数民族党员1206名，占5.6%；大专及以上学历党员9875名，占46.2%。", "5.6%", "少数民族党员", "members_minority", "share"),
    ("少数民族党员1206名，占5.6%；大专及以上学历党员9875名，占46.2%。", "9875名", "大专及以上学历党员", "members_college", "amount"),
    ("35岁及以下党员3012名，占14.1%；61岁及以上党员6821名，占31.9%。", "3012名", "35岁", "members_young", "amount"),
    ("35岁及以下党员3012名，占14.1%；61岁及以上党员6821名，占31.9%。", "31.9%", "61岁", "members_old", "share"),
    ("全县共有基层党组织1136个，其中党委52个、党总支38个、党支部1046个。", "1136个", "党组织", "orgs_total", "amount"),
    ("全县共有基层党组织1136个，其中党委52个、党总支38个、党支部1046个。", "38个", "党总支", "orgs_by_type", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "418名", "发展党员", "members_recruited", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "326名", "35岁", "recruits_profile", "amount"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "78.0%", "35岁", "recruits_profile", "share"),
    ("全年共发展党员418名，其中35岁及以下的326名，占78.0%；女性党员155名。", "155名", "女性党员", "recruits_profile", "amount"),
    ("全县现有入党申请人2310名、入党积极分子1546名、发展对象402名。", "1546名", "积极分子", "applicants_activists", "amount"),
    ("全县现有入党申请人2310名、入党积极分子1546名、发展对象402名。", "402名", "发展对象", "applicants_activists", "amount"),
    ("全市1328个行政村、216个社区均已建立党组织，实现党的组织全覆盖。", "216个", "社区", "org_coverage", "amount"),
    ("全市非公有制企业党组织覆盖率达到87.6%，比上年提高2.3个百分点。", "87.6%", "覆盖率", "org_coverage", "share"),
    ("全市非公有制企业党组织覆盖率达到87.6%，比上年提高2.3个百分点。", "2.3个百分点", "覆盖率", "org_coverage", "change"),
    ("新建非公企业党组织86个，选派党建指导员215名。", "86个", "党组织", "orgs_founded", "amount"),
    ("新建非公企业党组织86个，选派党建指导员215名。", "215名", "党建指导员", "party_instructors", "amount"),
    ("排查整顿软弱涣散村党组织34个，已全部完成整顿转化。", "34个", "软弱涣散", "weak_orgs", "amount"),
    ("全县选派驻村第一书记189名、驻村工作队员512名。", "512名", "驻村", "first_secretaries", "amount"),
    ("举办村党组织书记示范培训班6期，培训村党组织书记420人次。", "6期", "培训班", "training_sessions", "amount"),
    ("举办村党组织书记示范培训班6期，培训村党组织书记420人次。", "420人次", "培训", "training_participants", "amount"),
    ("全县村党组织书记中，大专及以上学历的占42.5%，平均年龄47.3岁。", "42.5%", "村党组织书记", "village_secretaries", "share"),
    ("全县村党组织书记中，大专及以上学历的占42.5%，平均年龄47.3岁。", "47.3岁", "村党组织书记", "village_secretaries", "amount"),
    ("储备村级后备力量1024名，每村平均3.2名。", "1024名", "后备力量", "reserve_cadres", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "5860万元", "集体经济", "collective_income", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "24.6万元", "村均", "collective_income", "amount"),
    ("全县村级集体经济总收入达到5860万元，村均收入24.6万元，同比增长12.5%。", "12.5%", "村均", "collective_income", "change"),
    ("集体经济收入10万元以上的村达到186个，占比76.2%，全面消除集体经济“空壳村”。", "186个", "村", "villages_by_income", "amount"),
    ("集体经济收入10万元以上的村达到186个，占比76.2%，全面消除集体经济“空壳村”。", "76.2%", "村", "villages_by_income", "share"),
    ("投入党建工作经费1.2亿元，新建改建党群服务中心132个。", "1.2亿元", "经费", "funds", "amount"),
    ("投入党建工作经费1.2亿元，新建改建党群服务中心132个。", "132个", "党群服务中心", "service_centres", "amount"),
    ("全年收缴党费863.5万元。", "863.5万元", "党费", "party_dues", "amount"),
    ("全区划分网格2150个，配备专兼职网格员3260名。", "3260名", "网格员", "grids", "amount"),
    ("累计排查化解矛盾纠纷3268件，化解率达97.3%。", "3268件", "矛盾纠纷", "disputes", "amount"),
    ("累计排查化解矛盾纠纷3268件，化解率达97.3%。", "97.3%", "化解率", "disputes", "share"),
    ("开展“我为群众办实事”实践活动，为群众办实事1.2万件。", "1.2万件", "实事", "practical_matters", "amount"),
    ("全市注册党员志愿者8.6万名，开展志愿服务活动3200余场次。", "8.6万名", "志愿者", "volunteers", "amount"),
    ("组织开展主题党日活动1.5万场次。", "1.5万场次", "主题党日", "study_activities", "amount"),
    ("走访慰问困难党员和老党员3260名。", "3260名", "慰问", "members_cared_for", "amount"),
    ("全县共有流动党员2361名。", "2361名", "流动党员", "floating_members", "amount"),
    ("力争到2025年，村级集体经济收入全部达到10万元以上。", "10万元", "收入", "collective_income", "target"),
    ("计划发展党员200名。", "200名", "发展党员", "members_recruited", "target"),
    ("上半年新发展党员86名，比去年同期多12名。", "12名", "发展党员", "members_recruited", "change"),
    ("全市党员中，农民党员占38.2%，工人党员占8.6%。", "38.2%", "农民党员", "members_by_occupation", "share"),
    ("新发展党员中，农民占52.3%，学生占15.1%。", "15.1%", "学生", "recruits_profile", "share"),
    ("全县1280个党支部全部完成换届。", "1280个", "换届", "org_elections", "amount"),
    ("建成标准化规范化党支部856个，占党支部总数的72.4%。", "72.4%", "标准化", "model_orgs", "share"),
    ("全县村干部基本报酬每人每年不低于3.6万元。", "3.6万元", "报酬", "cadre_pay", "amount"),
    # measured, but no core indicator: left unmapped rather than forced
    ("全镇总人口48185人，耕地面积1.38万亩。", "48185人", "人口", "", "amount"),
    ("村“两委”成员中，女性占比22.6%。", "22.6%", "女性", "", "share"),
    ("组建强村公司12家，实现营业收入860万元。", "860万元", "营业收入", "", "amount"),
]


@pytest.mark.parametrize(("passage", "surface", "subject", "core_id", "kind"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_sentences_of_the_genre(passage, surface, subject, core_id, kind):
    table = _table(passage)
    rows = table[table["surface"] == surface]
    assert len(rows) >= 1, f"{surface} not found in {passage}: {table['surface'].tolist()}"
    row = rows.iloc[0]
    assert (subject in row["subject"], row["core_id"], row["kind"]) == (True, core_id, kind), (
        f"{passage}\n{surface}: subject {row['subject']!r}, core {row['core_id']!r} ({row['confidence']}), kind {row['kind']!r}"
    )


def test_percentage_points_are_their_own_unit_class_and_a_change():
    row = _table("女党员占比比上年提高0.6个百分点。").iloc[0]
    assert (row["unit"], row["unit_class"], row["kind"], row["core_id"]) == ("百分点", "percentage_points", "change", "members_female")


@pytest.mark.parametrize(
    "passage",
    [
        "阅读量：3265 字数：2356 阅读时长：约8分钟",
        "发布时间：2023-07-01 10:25 浏览次数：1024 点赞 35",
        "本文已有1.2万人阅读",
        "第3页 共12页",
        "备案号：京ICP备12345678号 许可证号：20080017",
    ],
)
def test_page_counters_are_never_indicators(passage):
    assert _table(passage).empty


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        ("正式党员120，预备党员15", [("120", "person", "members_probationary"), ("15", "person", "members_probationary")]),
        ("党总支：2", [("2", "count", "orgs_by_type")]),
        ("党员总数 1086  党支部数 26  网格 58", [("1086", "person", "members_total"), ("26", "count", "orgs_by_type"), ("58", "count", "grids")]),
        ("全县党员中：女党员 1203 少数民族党员 56", [("1203", "person", "members_female"), ("56", "person", "members_minority")]),
    ],
)
def test_statistics_laid_out_as_a_table_are_indicators(passage, expected):
    table = _table(passage)
    assert list(zip(table["surface"], table["unit_class"], table["core_id"])) == expected
