"""The canonical-indicator taxonomy: the shipped file, its core ids, its validation, and extending it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from dangjian.indicators import TaxonomyError, extract, load_taxonomy, parse_taxonomy
from dangjian.indicators.core import core_indicators
from dangjian.indicators.units import UNIT_CLASSES
from dangjian.segmentation.pipeline import process_corpus

CATEGORIES = {"organization", "cadres", "members", "training", "collective_economy", "governance", "services", "funding"}
#: The party's own statistical categories, which every bulletin leads with.
STATISTICS = {
    "members_total", "members_female", "members_minority", "members_college", "members_young", "members_old",
    "members_by_occupation", "members_recruited", "recruits_profile", "applicants_activists", "orgs_total", "orgs_by_type",
    "org_coverage",
}


def shipped_text() -> str:
    return resources.files("dangjian").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")


def test_shipped_taxonomy_names_a_core_indicator_for_every_entry():
    taxonomy = load_taxonomy()
    core = core_indicators()
    assert set(taxonomy.categories) == CATEGORIES
    for indicator in taxonomy.indicators:
        assert indicator.zh and indicator.en and indicator.category in CATEGORIES
        assert indicator.core == "" or indicator.core in core
        assert indicator.core == "" or indicator.category == core[indicator.core].category
        assert set(indicator.unit_classes) <= set(UNIT_CLASSES)
        assert indicator.match_subject or indicator.match_context
        assert 0 < indicator.confidence <= 1
    mapped = {i.core for i in taxonomy.indicators} - {""}
    assert STATISTICS <= mapped
    assert len(mapped) == len(core) == 44  # every core indicator can be reached
    assert {row["category_en"] for row in taxonomy.table()} >= {"Cadres", "Training"}
    assert load_taxonomy("") == load_taxonomy(None)


def test_matching_follows_unit_classes_and_vetoes():
    taxonomy = load_taxonomy()
    assert taxonomy.match("选派党建工作指导员", "", "", "person").core == "party_instructors"
    assert taxonomy.match("优化调整网格", "", "", "count").core == "grids"
    assert taxonomy.match("优化调整网格", "", "", "money_cny") is None
    assert taxonomy.match("生活困难党员", "", "", "person") is None  # needy members counted, no support given
    assert taxonomy.match("女党员", "", "", "percentage_points").core == "members_female"  # a change of the share
    assert taxonomy.match("党员总数", "", "", "percent") is None
    assert taxonomy.match("党员总数", "", "", "percent", "change").core == "members_total"  # a growth rate


@pytest.mark.parametrize(
    ("subject", "unit_class", "core"),
    [
        ("党员", "person", "members_total"),
        ("辖区内共有党员", "person", "members_total"),
        ("女党员", "person", "members_female"),
        ("党员中女性", "percent", "members_female"),
        ("少数民族党员", "person", "members_minority"),
        ("大专及以上学历党员", "person", "members_college"),
        ("30岁以下党员", "person", "members_young"),
        ("61岁及以上党员", "percent", "members_old"),
        ("党员中工人（工勤技能人员）", "person", "members_by_occupation"),
        ("发展党员", "person", "members_recruited"),
        ("发展女性党员", "person", "recruits_profile"),
        ("发展党员中35岁及以下", "percent", "recruits_profile"),
        ("入党积极分子", "person", "applicants_activists"),
        ("党的基层组织", "count", "orgs_total"),
        ("总支部", "count", "orgs_by_type"),
        ("基层党委", "count", "orgs_by_type"),
        ("非公有制企业党组织组建率", "percent", "org_coverage"),
        ("组建党组织的非公有制企业", "count", "org_coverage"),
        ("新增组建党组织的非公企业", "count", "orgs_founded"),
        # units that have an organisation are coverage, whatever the verb's aspect; a founding says 新
        ("建制村建立了党组织", "count", "org_coverage"),
        ("社区（居委会）已建立党组织", "count", "org_coverage"),
        ("党员职业", "person", "members_by_occupation"),
        ("村党支部现有党员", "person", "members_total"),
        ("集团公司党委所属各级党组织", "count", "orgs_total"),
    ],
)
def test_the_party_statistical_categories_are_mapped(subject, unit_class, core):
    assert load_taxonomy().assign(subject, "", "党员 党组织", unit_class).core == core


def test_a_total_is_never_the_object_of_an_act_and_a_restored_subject_counts_as_the_sentence():
    taxonomy = load_taxonomy()
    assert taxonomy.assign("整顿软弱涣散村党组织", "", "", "count").core == "weak_orgs"
    assert taxonomy.assign("表彰优秀村党员", "", "", "person").core == ""
    # 党员的年龄。30岁及以下的1.5万名: the sentence does not say 党员, the subject restored from the heading does
    assert taxonomy.assign("党员中30岁及以下", "", "30岁及以下的1.5万名", "person").core == "members_young"
    assert taxonomy.assign("30岁及以下", "", "30岁及以下的1.5万名", "person").core == ""


def test_a_mapping_contested_by_another_category_is_left_unmapped_with_its_confidence():
    taxonomy = load_taxonomy()
    sure = taxonomy.assign("发展女党员", "", "", "person")
    assert sure.core == "recruits_profile" and sure.confidence >= taxonomy.min_confidence
    unsure = taxonomy.assign("红色教育受益群众", "", "", "person_time")  # an education event, or people served?
    assert unsure.indicator is None and unsure.candidate is not None
    assert 0 < unsure.confidence < taxonomy.min_confidence
    # persons selected to be trained (选派村干部到东莞跟岗学习) are trainees: the clause settles what the subject leaves open
    trained = taxonomy.assign("选派村干部", "选派村干部到东莞跟岗学习", "", "person")
    assert trained.core == "training_participants" and trained.confidence >= taxonomy.min_confidence


def test_a_researcher_adds_an_indicator_by_editing_the_taxonomy_file_alone(tmp_path, raw_dir):
    data = yaml.safe_load(shipped_text())
    data["indicators"].insert(0, {
        "id": "contact_points",
        "core": "joint_building",
        "zh": "党建联系点",
        "en": "Party-building contact points",
        "unit_classes": ["count"],
        "match_subject": ["联系点"],
    })
    path = tmp_path / "my_taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    processed = process_corpus(raw_dir)
    shipped = extract(processed)
    extended = extract(processed, taxonomy=path)
    contact = extended[extended["indicator"] == "contact_points"]
    assert contact["surface"].tolist() == ["3799个"]
    assert contact["indicator_en"].tolist() == ["Party-building contact points"]
    assert contact["core_id"].tolist() == ["joint_building"] and contact["category"].tolist() == ["organization"]
    assert shipped.loc[contact.index, "core_id"].tolist() == [""]  # unmapped by the shipped taxonomy
    unchanged = extended["indicator"] != "contact_points"
    assert extended[unchanged]["core_id"].tolist() == shipped[unchanged]["core_id"].tolist()


def test_what_a_report_is_about_frames_the_firms_its_sentences_count():
    from dangjian.reading.corpus import Document
    from dangjian.segmentation.pipeline import process_document

    body = "经调研摸底，城区有服务项目的企业113家，其中73家企业有中共党员262名，有3名以上党员的企业30家。"

    def mapped(text: str) -> dict[str, str]:
        table = extract(process_document(Document("d", Path("d.txt"), text, "utf-8")))
        return dict(zip(table["surface"], table["core_id"]))

    framed = mapped("关于全区物业服务企业党建工作情况的汇报\n" + body)
    unframed = mapped("关于全区城市建设情况的汇报\n" + body)
    assert (framed["73家"], framed["30家"]) == ("new_sector_orgs", "new_sector_orgs")
    assert (unframed["73家"], unframed["30家"]) == ("", "")
    assert framed["113家"] == unframed["113家"] == ""  # the firms themselves are the base of the counts, not a party-building count
    # the topic is a rule of the taxonomy file, which a researcher edits like any other
    data = yaml.safe_load(shipped_text())
    entry = next(e for e in data["indicators"] if e["id"] == "new_sector_firms_with_members")
    assert entry["require_topic"] and load_taxonomy().assign("有中共党员的企业", "", "", "count", topic="城市建设").core == ""


def test_a_researcher_moves_an_indicator_to_another_core_id_and_lowers_the_bar(tmp_path):
    data = yaml.safe_load(shipped_text())
    for entry in data["indicators"]:
        if entry["id"] == "collective_enterprises":
            entry["core"] = "collective_income"  # the researcher counts the companies under collective income
    data["min_confidence"] = 0.4
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    mine, shipped = load_taxonomy(path), load_taxonomy()
    assert shipped.assign("组建村级集体公司", "", "", "count").core == ""
    assert mine.assign("组建村级集体公司", "", "", "count").core == "collective_income"
    assert mine.assign("选派村干部", "选派村干部到东莞跟岗学习", "", "person").indicator is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicators: []", "expected a mapping"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: b, unit_classes: [count], match_subject: [x]}]", "category 'b'"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [money], match_subject: [x]}]", "unknown unit classes"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [count]}]", "needs match_subject"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [count], match_subject: ['(']}]", "bad regular expression"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', en: X, category: a, unit_classes: [count], match_subject: [x]}]", "missing 'zh'"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [count], match_subjects: [x]}]", "unknown keys ['match_subjects']; known keys are"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: a, unit_classes: [count], match_subject: [x]}]", "missing 'core'"),
        ("categories: {a: {}}\nindicators: [{id: x, core: members, zh: 甲, en: X, category: a, unit_classes: [count], match_subject: [x]}]",
         "core 'members' is not a core indicator; valid ids are ['members_total'"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, unit_classes: [count], match_subject: [x]}]", "missing 'category'"),
        ("categories: {a: {}}\nindicators: [{id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [count], match_subject: [x], confidence: 2}]",
         "confidence: must be a number greater than 0 and at most 1"),
        ("categories: {a: {}}\nmin_confidence: 0\nindicators: []", "min_confidence: must be"),
        ("categories: {a: {}}\nindicator: []\nindicators: []", "unknown keys ['indicator']; known keys are ['categories', 'indicators', 'min_confidence']"),
        ("categories: {a: {}}\nindicators:\n  - {id: x, core: '', zh: 甲, en: X, category: a, unit_classes: [count], match_subject: [x]}\n"
         "  - {id: x, core: '', zh: 乙, en: Y, category: a, unit_classes: [count], match_subject: [y]}", "duplicate indicator ids"),
        ("categories: {a: {}}\nindicators:\n  - {id: x, core: '', zh: 甲, en: X, category: a, category: a, unit_classes: [count], match_subject: [x]}",
         "duplicate key 'category'"),
        ("categories: [", "not valid YAML"),
    ],
)
def test_bad_taxonomies_are_refused_with_a_message_naming_the_file_and_problem(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_taxonomy_file_is_named(tmp_path):
    with pytest.raises(TaxonomyError, match="nowhere.yaml: taxonomy file not found"):
        load_taxonomy(tmp_path / "nowhere.yaml")


def test_parse_taxonomy_from_text():
    taxonomy = parse_taxonomy(
        "categories: {governance: {zh: 基层治理, en: Governance}}\n"
        "indicators: [{id: grids, core: grids, zh: 网格, en: Grids, category: governance, unit_classes: [count],"
        " match_subject: [网格], require_sentence: [城市]}]"
    )
    assert taxonomy.match("网格", "", "城市网格2797个", "count").id == "grids"
    assert taxonomy.match("网格", "", "农村网格2797个", "count") is None


def test_the_command_line_takes_the_researchers_taxonomy(tmp_path):
    import pandas as pd

    from dangjian.cli import main

    data = yaml.safe_load(shipped_text())
    data["indicators"].insert(0, {"id": "contact_points", "core": "joint_building", "zh": "党建联系点", "en": "Contact points",
                                  "unit_classes": ["count"], "match_subject": ["联系点"]})
    taxonomy = tmp_path / "mine.yaml"
    taxonomy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = tmp_path / "report.txt"
    text.write_text("建立党建联系点3799个。", encoding="utf-8")
    for name, extra in (("shipped.csv", []), ("mine.csv", ["--taxonomy", str(taxonomy)])):
        assert main(["indicators", str(text), "--out", str(tmp_path / name), *extra]) == 0
    shipped = pd.read_csv(tmp_path / "shipped.csv", dtype=str, keep_default_na=False)
    mine = pd.read_csv(tmp_path / "mine.csv", dtype=str, keep_default_na=False)
    assert (shipped.loc[0, "core_id"], mine.loc[0, "core_id"], mine.loc[0, "indicator"]) == ("", "joint_building", "contact_points")
