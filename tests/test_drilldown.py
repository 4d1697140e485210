"""Drill-down from report tables to source sentences, on the corpus tables of the five documents of data/raw."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dangjian.comparison import compare
from dangjian.comparison.drilldown import (
    anchor_id,
    cell_links,
    highlight,
    indicator_sources,
    link_html,
    linked_comparison,
    linked_table,
    linked_topic_table,
    sources_html,
    term_sources,
    topic_sources,
)
from dangjian.running.tables import CorpusTables, process_tables
from dangjian.tokens.dtm import group_labels
from dangjian.tokens.kwic import kwic
from dangjian.tokens.tokenize import DomainTokenizer
from dangjian.topics import TopicModel, tokenize_units, topic_share_intervals, topic_units

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
HOSTILE_TERM = '<img src=x onerror="alert(1)">'
HOSTILE = f'<script>document.title="pwned"</script>抓党建{HOSTILE_TERM}促发展<script>alert(2)</script>'
ABSENT_TERM = "<b onclick=alert(3)>无此词</b>"
HOSTILE_DOC = '<script>alert("doc")</script>'


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> CorpusTables:
    out = tmp_path_factory.mktemp("drilldown") / "tables"
    process_tables(RAW, out)
    return CorpusTables(out)


@pytest.fixture(scope="module")
def sentences(tables) -> pd.DataFrame:
    return tables.sentences


class Tags(HTMLParser):
    """Every start tag and attribute of an HTML fragment."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_anchors_are_safe_unique_and_a_function_of_document_and_sentence(sentences):
    anchors = [anchor_id(d, s) for d, s in zip(sentences["doc_id"], sentences["sentence_id"])]
    assert len(set(anchors)) == len(sentences) > 300
    assert all(re.fullmatch(r"src-[A-Za-z0-9_-]+", a) for a in anchors)
    assert anchors == [anchor_id(d, s) for d, s in zip(sentences["doc_id"].tolist(), sentences["sentence_id"].tolist())]
    assert anchor_id(HOSTILE_DOC, 0) != anchor_id(HOSTILE_DOC + " ", 0)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", anchor_id(HOSTILE_DOC, "a:para2"))


@pytest.mark.parametrize("term", ["党建", "第一书记", "网格"])
def test_a_term_s_sources_are_the_first_sentences_of_its_group_that_contain_it(sentences, term):
    groups = group_labels(sentences["region"])
    items = pd.DataFrame({"group": sorted(groups.unique()), "term": term})
    sources = term_sources(sentences, items, by="region", max_sentences=2)
    for item, group in zip(items.index, items["group"]):
        own = kwic(sentences[groups == group], term).drop_duplicates(["doc_id", "sentence_id"])
        got = sources[sources["item"] == item]
        assert len(got) <= 2 and all(term in text for text in got["text"])
        if len(own):  # the group's own first sentences, in corpus order
            assert got[["doc_id", "sentence_id"]].values.tolist() == own[["doc_id", "sentence_id"]].head(2).values.tolist()
        else:  # a group that never uses the term: sentences of the other groups
            assert len(got) and not (group_labels(sentences.set_index(["doc_id", "sentence_id"]).loc[
                list(zip(got["doc_id"], got["sentence_id"])), "region"]) == group).any()


def test_a_term_of_one_region_is_found_there_and_an_absent_term_has_no_source(sentences):
    sources = term_sources(sentences, ["牡丹江", "黄河"], max_sentences=3)
    assert sources["item"].tolist() == [0]
    assert sources["doc_id"].tolist() == ["mudanjiang-xian"] and "牡丹江" in sources["text"].iloc[0]
    assert cell_links(["牡丹江", "黄河"], [0, 1], sources)[1] == "黄河"


def test_every_link_of_a_keyness_like_table_points_at_a_listed_sentence_holding_its_term(sentences):
    items = pd.DataFrame({"group": ["平凉市", "全国", "(unnamed district)", "牡丹江市西安区"],
                          "term": ["平凉", "党建", "物业", "第一书记"]})
    sources = term_sources(sentences, items, by="region", max_sentences=3)
    page = linked_table(items, {"term": cell_links(items["term"], items.index, sources)}) + sources_html(sources)
    tags = Tags(page).tags
    targets = {attrs["id"]: attrs for tag, attrs in tags if tag == "p" and "id" in attrs}
    links = [attrs for tag, attrs in tags if tag == "a"]
    assert len(links) == len(sources) and len(targets) == sources["anchor"].nunique()
    text_of = dict(zip(sources["anchor"], sources["text"]))
    for link in links:
        anchor = link["href"].removeprefix("#")
        assert anchor in targets
        assert any(mark in text_of[anchor] for mark in re.findall(r'"([^"]+)"', link["data-marks"]))


def test_a_sentence_cited_twice_is_listed_once_with_both_terms_marked(sentences):
    sources = term_sources(sentences, ["党建", "工作"], max_sentences=3)
    shared = set(sources.loc[sources["item"] == 0, "anchor"]) & set(sources.loc[sources["item"] == 1, "anchor"])
    assert shared, "expected a sentence with both 党建 and 工作"
    block = sources_html(sources)
    for anchor in shared:
        assert block.count(f'id="{anchor}"') == 1
        paragraph = re.search(f'id="{anchor}".*?</p>', block).group()
        assert "<mark>党建</mark>" in paragraph and "<mark>工作</mark>" in paragraph


def test_hostile_text_is_shown_never_run(sentences):
    hostile = pd.concat([sentences.head(3), sentences.head(1).assign(doc_id=HOSTILE_DOC, sentence_id=7, text=HOSTILE)],
                        ignore_index=True)
    sources = term_sources(hostile, [HOSTILE_TERM, "党建"], max_sentences=5)
    assert HOSTILE_DOC in sources.loc[sources["item"] == 0, "doc_id"].tolist()
    items = pd.DataFrame({"term": [HOSTILE_TERM, "党建", ABSENT_TERM], "note": [HOSTILE, "<b>x</b>", HOSTILE_DOC]})
    page = linked_table(items, {"term": cell_links(items["term"], items.index, sources)}) + sources_html(sources)
    allowed = {"style", "div", "p", "span", "mark", "a", "sup", "table", "thead", "tbody", "tr", "th", "td"}
    tags = Tags(page).tags
    assert {tag for tag, _ in tags} <= allowed
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "&lt;script&gt;" in page and "<script" not in page.lower() and "<img" not in page.lower()
    assert all(attrs["href"].startswith("#src-") for tag, attrs in tags if tag == "a")


def test_sources_are_bounded_and_long_sentences_are_cut_around_the_term(sentences):
    sources = term_sources(sentences, ["党建", "党员", "组织"], max_sentences=2)
    assert sources.groupby("item").size().max() == 2
    longest = sentences.loc[sentences["text"].str.len().idxmax(), "text"]
    term = longest[len(longest) // 2: len(longest) // 2 + 2]
    shown = highlight(longest, [term], max_chars=40)
    assert f"<mark>{term}</mark>" in shown and len(re.sub("<[^>]+>", "", shown)) <= 42
    with pytest.raises(ValueError, match="max_sentences"):
        term_sources(sentences, ["党建"], max_sentences=0)


def test_each_compared_value_links_to_the_sentence_it_was_read_from(tables, sentences):
    indicators = tables.indicators()
    rows = compare.comparable(indicators, tables.document_table)
    sources = indicator_sources(rows, sentences)
    assert len(sources) == len(rows) > 20
    read_from = set(zip(indicators["doc_id"], indicators["sentence_id"], indicators["surface"]))
    for source in sources.itertuples():
        assert source.marks[0] in source.text
        assert (source.doc_id, source.sentence_id, source.marks[0]) in read_from
    for kind in ("amount", "share"):
        page = linked_comparison(rows, kind, sources)
        hrefs = [attrs["href"][1:] for tag, attrs in Tags(page).tags if tag == "a"]
        assert len(hrefs) == int((rows["kind"] == kind).sum())
        assert set(hrefs) <= set(sources["anchor"])
        plain = compare.comparison_table(rows, kind)
        assert re.sub("<[^>]+>", "", page).count("（") == sum(str(c).count("（") for c in plain.values.ravel())


def test_compared_values_find_their_sentences_partition_by_partition(tables, sentences):
    rows = compare.shown_values(compare.comparable(tables.indicators(), tables.document_table), 2)
    whole = indicator_sources(rows, sentences)
    parts = [document for part in tables.iter("sentences", ["doc_id", "sentence_id", "text"])
             for _, document in part.groupby("doc_id", sort=False)]  # one part per document, as a larger corpus's partitions
    assert len(parts) == 5 and len(whole) == len(rows)
    pd.testing.assert_frame_equal(indicator_sources(rows, iter(parts)), whole)
    one_part = indicator_sources(rows, parts[:1])
    assert 0 < len(one_part) < len(whole) and set(one_part["doc_id"]) <= set(parts[0]["doc_id"])
    by_id = tables.indicators().iloc[::7]
    from_parts = indicator_sources(by_id, iter(parts))
    assert len(from_parts) == len(by_id)
    assert all(surface in text for surface, text in zip(by_id["surface"], from_parts["text"]))


def test_a_topic_cell_links_to_its_group_s_units_most_loaded_on_the_topic(tables):
    units = tokenize_units(topic_units(tables, "paragraph"), DomainTokenizer(stopword_lists=["zh", "genre"]))
    model = TopicModel("nmf", k=4, top_n=10, tokenizer=DomainTokenizer()).fit(units)
    sources = topic_sources(model, "region", max_sentences=2)
    modelled = model.units_.reset_index(drop=True)
    regions = dict(zip(modelled["unit_id"], group_labels(modelled["region"])))
    share = {uid: row for uid, row in zip(modelled["unit_id"], model.unit_topics_)}
    text = dict(zip(modelled["unit_id"], modelled["text"]))
    top = model.top_terms()
    for (topic, group), cell in sources.groupby("item", sort=False):
        assert len(cell) <= 2 and all(regions[uid] == group for uid in cell["sentence_id"])
        showing = [uid for uid, g in regions.items() if g == group and any(t in text[uid] for t in top[topic - 1])]
        in_group = sorted((share[uid][topic - 1] for uid in showing if share[uid][topic - 1] > 0), reverse=True)
        assert [share[uid][topic - 1] for uid in cell["sentence_id"]] == in_group[:2]
        assert all(marks and set(marks) <= set(top[topic - 1]) and all(m in text[uid] for m in marks)
                   for marks, uid in zip(cell["marks"], cell["sentence_id"]))
    assert sources["item"].nunique() >= 4 * 4  # every topic has passages in most regions
    shares = topic_share_intervals(model, "region", n_boot=20)
    page = linked_topic_table(shares, "region", sources)
    links = [attrs for tag, attrs in Tags(page).tags if tag == "a"]
    assert {link["href"][1:] for link in links} == set(sources["anchor"])
    cells = [cell for cell in re.findall(r'data-marks="[^"]*">([^<]+)</a>', page) if not cell.isdigit()]  # not the further links 2, 3
    assert cells and all(re.fullmatch(r"\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]", cell) for cell in cells)
    for row in shares.itertuples():
        label = f"{row.region} (d={row.n_docs}, u={row.n_units})"
        assert f"<th>{label}</th>" in page
        if (row.topic, row.region) in set(sources["item"]):
            assert f">{row.share:.3f} [{row.ci_low:.3f}, {row.ci_high:.3f}]</a>" in page


def test_a_topic_cell_without_an_interval_shows_the_share_alone():
    shares = pd.DataFrame({"level": ["county", "county", "village"], "topic": [1, 2, 1], "label": ["T1", "T2", "T1"],
                           "share": [0.7, 0.3, 1.0], "ci_low": [0.55, 0.2, float("nan")], "ci_high": [0.8, 0.45, float("nan")],
                           "n_docs": [6, 6, 1], "n_units": [40, 40, 1]})
    page = linked_topic_table(shares, "level", pd.DataFrame(columns=["item", "doc_id", "sentence_id", "text", "marks", "anchor"]))
    body = re.findall(r"<td>([^<]*)</td>", page)
    assert body == ["T1", "0.700 [0.550, 0.800]", "1.000", "T2", "0.300 [0.200, 0.450]", ""]
    assert re.findall(r"<th>([^<]*)</th>", page) == ["topic", "county (d=6, u=40)", "village (d=1, u=1)"]


def test_link_html_escapes_and_numbers_the_further_sentences():
    cell = link_html("<党建>", [("src-a-1-x", ["<党建>"]), ("src-a-2-y", ["<党建>"]), ("src-b-0-z", ["<党建>"])])
    tags = Tags(cell).tags
    assert [attrs["href"] for tag, attrs in tags if tag == "a"] == ["#src-a-1-x", "#src-a-2-y", "#src-b-0-z"]
    assert "&lt;党建&gt;</a>" in cell and ">2</a>" in cell and ">3</a>" in cell
    assert [attrs["data-marks"] for tag, attrs in tags if tag == "a"] == ['["<党建>"]'] * 3
