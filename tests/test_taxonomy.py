"""The canonical-indicator taxonomy: the shipped file, its validation, and extending it."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from dangjian.indicators import TaxonomyError, extract, load_taxonomy, parse_taxonomy
from dangjian.indicators.units import UNIT_CLASSES
from dangjian.pipeline import process_corpus

CATEGORIES = {"organization", "cadres", "members", "training", "collective_economy", "governance", "services", "funding", "new_sectors"}
REQUIRED = {
    "reserve_cadres", "cadre_education", "stationed_cadres", "weak_organizations", "members_recruited", "floating_members",
    "training_sessions", "training_participants", "service_centres", "grids", "collective_income",
    "collective_income_per_village", "funds", "disputes", "problems_found", "problems_solved", "organizations_founded",
    "instructors_new_sectors", "secretary_projects",
}


def shipped_text() -> str:
    return resources.files("dangjian").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")


def test_shipped_taxonomy_covers_the_required_indicators_with_labels_and_categories():
    taxonomy = load_taxonomy()
    assert set(taxonomy.categories) == CATEGORIES
    assert REQUIRED <= {i.id for i in taxonomy.indicators}
    assert len(taxonomy.indicators) >= 18
    for indicator in taxonomy.indicators:
        assert indicator.zh and indicator.en and indicator.category in CATEGORIES
        assert set(indicator.unit_classes) <= set(UNIT_CLASSES)
        assert indicator.match_subject or indicator.match_context
    assert {row["category_en"] for row in taxonomy.table()} >= {"Cadres", "Training"}
    assert load_taxonomy("") == load_taxonomy(None)


def test_matching_follows_unit_classes_and_vetoes():
    taxonomy = load_taxonomy()
    assert taxonomy.match("选派党建工作指导员", "", "", "person").id == "instructors_new_sectors"
    assert taxonomy.match("社区指导员", "", "", "person") is None
    assert taxonomy.match("优化调整网格", "", "", "count").id == "grids"
    assert taxonomy.match("优化调整网格", "", "", "money_cny") is None


def test_a_researcher_adds_an_indicator_by_editing_the_taxonomy_file_alone(tmp_path, raw_dir):
    data = yaml.safe_load(shipped_text())
    data["indicators"].insert(0, {
        "id": "contact_points",
        "zh": "党建联系点",
        "en": "Party-building contact points",
        "category": "organization",
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
    assert "contact_points" not in set(shipped["indicator"])
    unchanged = extended["indicator"] != "contact_points"
    assert extended[unchanged]["indicator"].tolist() == shipped[unchanged]["indicator"].tolist()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicators: []", "expected a mapping"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: b, unit_classes: [count], match_subject: [x]}]", "category 'b'"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: a, unit_classes: [money], match_subject: [x]}]", "unknown unit classes"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: a, unit_classes: [count]}]", "needs match_subject"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: a, unit_classes: [count], match_subject: ['(']}]", "bad regular expression"),
        ("categories: {a: {}}\nindicators: [{id: x, en: X, category: a, unit_classes: [count], match_subject: [x]}]", "missing 'zh'"),
        ("categories: {a: {}}\nindicators: [{id: x, zh: 甲, en: X, category: a, unit_classes: [count], match_subjects: [x]}]", "unknown keys"),
        ("categories: {a: {}}\nindicators:\n  - {id: x, zh: 甲, en: X, category: a, unit_classes: [count], match_subject: [x]}\n"
         "  - {id: x, zh: 乙, en: Y, category: a, unit_classes: [count], match_subject: [y]}", "duplicate indicator ids"),
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
        "indicators: [{id: grids, zh: 网格, en: Grids, category: governance, unit_classes: [count],"
        " match_subject: [网格], require_sentence: [城市]}]"
    )
    assert taxonomy.match("网格", "", "城市网格2797个", "count").id == "grids"
    assert taxonomy.match("网格", "", "农村网格2797个", "count") is None
