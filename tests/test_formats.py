"""Web pages, Word files and PDFs built from the corpus give the same clean text as the .txt.

What may differ between a format and the .txt is furniture only, and the tests say exactly what:
the .txt of national-2020 carries its web page's furniture lines (breadcrumb, editor/date line,
font and background controls, related news, map links) which the cleaner removes; the HTML page
built around the same body carries navigation, breadcrumbs, controls, related news and a footer
which trafilatura leaves out; the PDF adds a running header and page numbers which extraction
removes. After cleaning, every format's text equals the .txt's clean text character for character.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import (
    paragraphs_of,
    truetype_subset,
    write_docx,
    write_html,
    write_scanned_pdf,
    write_text_pdf,
)
from dangjian.cleaning.clean import clean_text
from dangjian.reading.corpus import CorpusError, load_corpus, read_document
from dangjian.reading.formats import extract_document
from dangjian.reading.formats.pdf import NO_TEXT_LAYER

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
DOCS = sorted(p.stem for p in RAW.glob("*.txt"))
RUNNING_HEADER = "平凉市委组织部 基层党建工作简报"
PORTAL_FURNITURE = ("首页", "当前位置", "党员之家", "择稿人员", "访问次数", "背景色", "打印本页", "相关新闻",
                    "以高质量党建引领基层治理", "联系我们", "网站地图", "版权所有", "ICP备")


def raw_text(doc_id: str) -> str:
    return (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cjk_font(tmp_path_factory) -> Path:
    characters = "".join(raw_text(d) for d in DOCS) + RUNNING_HEADER + "- 0123456789"
    return truetype_subset("".join(sorted(set(characters))), tmp_path_factory.mktemp("font") / "noto-sans-cjk-sc.ttf")


def national_page_parts() -> tuple[str, list[str]]:
    """Title and body paragraphs of national-2020 without the furniture its .txt carries."""
    lines = paragraphs_of(raw_text("national-2020"))
    body_start = next(i for i, line in enumerate(lines) if "背景色" in line) + 1
    body_end = lines.index("相关新闻")
    return lines[1], lines[body_start:body_end]


# --------------------------------------------------------------------------- HTML


def test_html_page_gives_the_clean_text_of_the_txt(tmp_path):
    title, body = national_page_parts()
    page = write_html(tmp_path / "national-2020.html", title, body, date="2020-05-09", editor="刘磊")
    extracted = extract_document(page)
    assert extracted.format == "html" and extracted.encoding == "html:utf-8"
    assert extracted.text.splitlines()[0] == title
    assert not [word for word in PORTAL_FURNITURE if word in extracted.text]
    assert clean_text(extracted.text).text == clean_text(raw_text("national-2020")).text
    assert extracted.metadata["date"] == "2020-05-09"
    assert extracted.metadata["title"] == title


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_web_page_saved_as_txt_is_read_as_a_web_page_with_a_warning(tmp_path, encoding):
    from dangjian.running.status import document_warnings
    from dangjian.segmentation.pipeline import process_document

    title, body = national_page_parts()
    page = write_html(tmp_path / "page.html", title, body, date="2020-05-09", editor="刘磊")
    saved = tmp_path / "全国 2020.txt"
    saved.write_bytes(page.read_text(encoding="utf-8").replace('charset="utf-8"', f'charset="{encoding}"').encode(encoding))
    document = read_document(saved)
    assert document.raw_text == extract_document(page).text
    assert document.encoding == f"html:{encoding}"
    assert "<" not in document.raw_text and "先锋党建网" not in document.raw_text
    assert document.metadata["date"] == "2020-05-09"
    assert clean_text(document.raw_text).text == clean_text(raw_text("national-2020")).text
    warnings = document_warnings(process_document(document))
    assert any("web page saved as .txt" in w and "rename the file to .html" in w for w in warnings)


def test_text_with_a_few_tags_is_still_a_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("全市<b>党员</b>2.1万人次参加培训。\n第二段<br>。", encoding="utf-8")
    document = read_document(path)
    assert document.encoding == "utf-8" and document.warnings == []
    assert document.raw_text.startswith("全市<b>党员</b>")


def test_html_in_gb2312_is_decoded_by_its_declared_charset(tmp_path):
    title, body = national_page_parts()
    page = write_html(tmp_path / "n.htm", title, body, date="2020-05-09", editor="刘磊")
    legacy = page.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    page.write_bytes(legacy.encode("gb18030"))
    extracted = extract_document(page)
    assert extracted.encoding == "html:gb18030"
    assert clean_text(extracted.text).text == clean_text(raw_text("national-2020")).text


# --------------------------------------------------------------------------- Word


@pytest.mark.parametrize("doc_id", ["pingliang-2024", "mudanjiang-xian"])
def test_docx_gives_the_clean_text_of_the_txt(tmp_path, doc_id):
    paragraphs = paragraphs_of(raw_text(doc_id))
    path = write_docx(tmp_path / f"{doc_id}.docx", paragraphs, author="平凉市委组织部")
    extracted = extract_document(path)
    assert extracted.text.splitlines() == paragraphs
    assert clean_text(extracted.text).text == clean_text(raw_text(doc_id)).text
    assert extracted.metadata == {"author": "平凉市委组织部"}


def test_docx_headings_are_lines_of_their_own(tmp_path):
    paragraphs = paragraphs_of(raw_text("pingliang-2024"))
    extracted = extract_document(write_docx(tmp_path / "p.docx", paragraphs))
    lines = extracted.text.splitlines()
    assert extracted.headings[:3] == (paragraphs[0], "增強政治功能", "壓緊靠實黨建主體責任")
    assert all(heading in lines for heading in extracted.headings)
    assert "author" not in extracted.metadata  # python-docx's default author is not a person


# --------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("doc_id", DOCS)
def test_text_pdf_gives_the_clean_text_of_the_txt(tmp_path, cjk_font, doc_id):
    paragraphs = paragraphs_of(raw_text(doc_id))
    path = write_text_pdf(tmp_path / f"{doc_id}.pdf", paragraphs, cjk_font, RUNNING_HEADER)
    extracted = extract_document(path)
    pages = sum(1 for line in extracted.removed if line.endswith(RUNNING_HEADER))
    assert pages >= 2, "the document should span several pages"
    assert sorted(extracted.removed) == sorted(
        [f"page {n}: {RUNNING_HEADER}" for n in range(1, pages + 1)] + [f"page {n}: - {n} -" for n in range(1, pages + 1)]
    )
    assert extracted.text.splitlines() == paragraphs  # broken lines joined, nothing inserted
    assert clean_text(extracted.text).text == clean_text(raw_text(doc_id)).text


def test_pdf_without_text_layer_is_refused_with_a_clear_message(tmp_path):
    path = write_scanned_pdf(tmp_path / "scan.pdf", paragraphs_of(raw_text("town-speech"))[:3], tmp_path / "scan.png")
    with pytest.raises(CorpusError) as error:
        extract_document(path)
    assert error.value.path == path
    assert "no text layer; OCR is not supported" in str(error.value) and "scan.pdf" in str(error.value)


# --------------------------------------------------------------------------- through the corpus


def test_mixed_folder_loads_with_the_scan_listed_as_skipped(tmp_path, cjk_font):
    title, body = national_page_parts()
    write_html(tmp_path / "national-2020.html", title, body, date="2020-05-09", editor="刘磊")
    write_docx(tmp_path / "mudanjiang-xian.docx", paragraphs_of(raw_text("mudanjiang-xian")))
    write_text_pdf(tmp_path / "pingliang-2024.pdf", paragraphs_of(raw_text("pingliang-2024")), cjk_font, RUNNING_HEADER)
    (tmp_path / "town-speech.txt").write_text(raw_text("town-speech"), encoding="utf-8")
    write_scanned_pdf(tmp_path / "scan.pdf", ["镇党委书记在党组织建设工作会议上的交流发言"], tmp_path / "scan.png")
    corpus = load_corpus(tmp_path, skip_bad=True)
    documents = {d.doc_id: d for d in corpus.documents}
    assert sorted(documents) == ["mudanjiang-xian", "national-2020", "pingliang-2024", "town-speech"]
    assert [(Path(i.path).name, i.status, i.message) for i in corpus.issues] == [("scan.pdf", "skipped", NO_TEXT_LAYER)]
    for doc_id, document in documents.items():
        assert clean_text(document.raw_text).text == clean_text(raw_text(doc_id)).text
    assert documents["national-2020"].encoding == "html:utf-8"
    assert documents["national-2020"].metadata["date"] == "2020-05-09"
    assert (documents["pingliang-2024"].encoding, documents["mudanjiang-xian"].encoding) == ("pdf", "docx")


def test_extracted_metadata_never_replaces_metadata_csv_values(tmp_path):
    title, body = national_page_parts()
    page = write_html(tmp_path / "n.html", title, body, date="2020-05-09", editor="刘磊")
    document = read_document(page, "n", {"doc_id": "n", "file": "n.html", "title": "人工填写的标题", "date": ""})
    assert document.metadata["title"] == "人工填写的标题"
    assert document.metadata["date"] == "2020-05-09"


def test_offsets_of_the_clean_text_lead_back_to_the_extracted_text(tmp_path):
    paragraphs = paragraphs_of(raw_text("pingliang-2024"))
    document = read_document(write_docx(tmp_path / "p.docx", paragraphs))
    cleaned = clean_text(document.raw_text)
    start = cleaned.text.index("平凉市委组织部")
    raw_start, raw_end = cleaned.to_raw_span(start, start + len("平凉市委组织部"))
    assert document.raw_text[raw_start:raw_end] == "平涼市委組織部"


@pytest.mark.parametrize("label, expected", [("发布日期：2018年07月26日 来源：新华社", "2018-07-26"), ("来源：新华社", "")])
def test_a_web_page_s_date_is_the_one_it_labels_not_a_year_filled_in_to_1_january(tmp_path, label, expected):
    page = (
        '<html><head><meta charset="utf-8"><title>2017年中国共产党党内统计公报</title></head><body>'
        "<div>首页 > 党建动态</div><h1>2017年中国共产党党内统计公报</h1>"
        f'<div class="info">{label}</div>'
        "<p>截至2017年12月31日，中国共产党党员总数为8956.4万名，比上年净增11.7万名。党的基层组织457.2万个。</p>"
        "<p>女党员2402.8万名，占党员总数的26.8%。少数民族党员655.8万名，占党员总数的7.3%。</p></body></html>"
    )
    path = tmp_path / "bulletin-2017.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path, "bulletin-2017")
    assert document.metadata.get("date", "") == expected  # trafilatura alone gives 2017-01-01 from the title's year
