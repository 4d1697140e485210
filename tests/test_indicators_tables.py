"""Tables: a number in a row of a table counts what its row's label and its column's header say.

A Word or HTML table reaches the extractor as one line per row, its cells parted by bars (the
readers write them so; a scraped page may carry them already). Under a header row, a bare number
that fills a cell is a quantity, its subject is the row's label and the column's header, its class
is the one the header (or the label) names, and a column of a plan gives targets. Equal cells side
by side stay two cells, and two numbers in neighbouring cells are never read as one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import write_html
from dangjian.indicators import extract
from dangjian.reading.corpus import Document, read_document
from dangjian.segmentation.pipeline import process_document

HEADER = ["单位", "党员总数", "女党员", "党支部数", "发展党员计划"]
ROWS = [
    ["城关镇", "1520", "380", "25", "12"],
    ["城南镇", "986", "245", "18", "8"],
    ["城北镇", "15", "15", "1", "0"],
    ["合计", "2521", "640", "44", "20"],
]
#: surface, subject, core id, kind, unit class of each cell, row by row.
EXPECTED = [
    (cells[i], subject, core, kind, unit_class)
    for cells in ROWS
    for i, (subject, core, kind, unit_class) in enumerate(
        [
            (f"{cells[0]}党员总数" if cells[0] != "合计" else "党员总数", "members_total", "amount", "person"),
            (f"{cells[0]}女党员" if cells[0] != "合计" else "女党员", "members_female", "amount", "person"),
            (f"{cells[0]}党支部数" if cells[0] != "合计" else "党支部数", "orgs_by_type", "amount", "count"),
            (f"{cells[0]}发展党员计划" if cells[0] != "合计" else "发展党员计划", "members_recruited", "target", "person"),
        ],
        start=1,
    )
]


def rows_of(document: Document) -> list[tuple[str, str, str, str, str]]:
    table = extract(process_document(document))
    return list(zip(table["surface"], table["subject"], table["core_id"], table["kind"], table["unit_class"]))


def write_word_table(path: Path) -> Path:
    import docx

    word = docx.Document()
    word.add_paragraph("2023年各镇党员和党组织情况如下：")
    table = word.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for row, cells in zip(table.rows, [HEADER, *ROWS]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    word.save(str(path))
    return path


def test_a_word_table_gives_each_cell_its_row_and_column(tmp_path):
    document = read_document(write_word_table(tmp_path / "towns.docx"))
    assert "城北镇 | 15 | 15 | 1 | 0" in document.raw_text  # equal cells side by side stay two
    assert rows_of(document) == EXPECTED


def test_a_web_page_table_reads_as_the_word_table(tmp_path):
    cells = lambda row: "".join(f"<td>{cell}</td>" for cell in row)  # noqa: E731
    body = "<p>2023年各镇党员和党组织情况如下：</p><table>" + "".join(f"<tr>{cells(row)}</tr>" for row in [HEADER, *ROWS]) + "</table>"
    path = tmp_path / "towns.html"
    path.write_text(f'<html><head><meta charset="utf-8"><title>各镇党员情况</title></head><body>{body}</body></html>', encoding="utf-8")
    assert rows_of(read_document(path)) == EXPECTED


def test_a_scraped_table_with_years_for_columns_and_an_empty_cell(tmp_path):
    text = "全县党员和党组织：\n| | 2022年 | 2023年 |\n| 党员总数 | 5221 | 5300 |\n| 基层党组织 | 320 | 331 |\n| 党总支 |  | 12 |\n"
    rows = rows_of(Document("county", tmp_path / "county.txt", text, "utf-8"))
    assert [(surface, subject, core) for surface, subject, core, _, _ in rows] == [
        ("5221", "党员总数", "members_total"),
        ("5300", "党员总数", "members_total"),
        ("320", "基层党组织", "orgs_total"),
        ("331", "基层党组织", "orgs_total"),  # never 320331
        ("12", "党总支", "orgs_by_type"),  # under 2023年: the empty cell keeps the columns in line
    ]


def test_a_yearbook_table_with_a_header_on_two_lines_reads_each_cell_under_its_joined_header(tmp_path):
    text = (
        "全省离休干部增减情况对比表\n┏━━━┯━━━━┯━━━━┯━━━━┓\n┃ 年份 │ 离休干部 │ 年去世人数 │ 年去世率 ┃\n┃ │ 总数 │ │ (%) ┃\n"
        "┠───┼────┼────┼────┨\n┃ 2013 │ 72905 │ 6262 │ 7.91 ┃\n┠───┼────┼────┼────┨\n┃ 2014 │ 66652 │ 6253 │ 8.57 ┃\n"
    )
    rows = rows_of(Document("yearbook", tmp_path / "yearbook.txt", text, "utf-8"))
    assert [(surface, subject, unit_class) for surface, subject, _, _, unit_class in rows] == [
        ("72905", "2013离休干部总数", "person"), ("6262", "2013年去世人数", "person"), ("7.91", "2013年去世率", "percent"),
        ("66652", "2014离休干部总数", "person"), ("6253", "2014年去世人数", "person"), ("8.57", "2014年去世率", "percent"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a heading's marker and its words are no header row
        ("一、 发展计划\n全县 120 名", [("120 名", "")]),
        # a gazetteer's spaced lines are read as before, without a header
        ("党员 1801 人\n党组织 95 个", [("1801 人", "党员"), ("95 个", "党组织")]),
    ],
)
def test_lines_with_spaces_but_no_header_are_no_table(tmp_path, text, expected):
    rows = rows_of(Document("prose", tmp_path / "prose.txt", text, "utf-8"))
    assert [(surface, subject) for surface, subject, *_ in rows] == expected


def test_a_table_keeps_its_header_over_empty_last_cells_and_rows_without_numbers(tmp_path):
    import docx

    word = docx.Document()
    table = word.add_table(rows=5, cols=4)
    for row, cells in zip(table.rows, [["单位", "党员总数", "女党员", "备注"], ["城关镇", "1520", "380", ""],
                                       ["城南镇", "—", "—", "撤并"], ["新华镇", "1210", "290", "新建"], ["城北镇", "1000", "200", ""]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    word.save(str(tmp_path / "towns.docx"))
    rows = rows_of(read_document(tmp_path / "towns.docx"))
    assert [(surface, subject, core) for surface, subject, core, _, _ in rows] == [
        ("1520", "城关镇党员总数", "members_total"), ("380", "城关镇女党员", "members_female"),
        ("1210", "新华镇党员总数", "members_total"), ("290", "新华镇女党员", "members_female"),
        ("1000", "城北镇党员总数", "members_total"), ("200", "城北镇女党员", "members_female"),
    ]


def test_tabs_of_a_page_s_source_are_white_space_not_cells(tmp_path):
    page = ('<html><head><meta charset="utf-8"><title>t</title></head><body><p>\n\t\t全县共有党员5222名，\n\t\t其中女党员1200名。\n\t</p>'
            "<table>\n\t<tr>\n\t\t<td>单位</td>\n\t\t<td>党员总数</td>\n\t</tr>\n\t<tr><td>城关镇</td><td>\t1520</td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    from dangjian.reading.formats.html import stream_page_text

    # the reader of large or deeply nested pages: one line per block, the cells of a row parted by bars
    assert stream_page_text(page).lines == ["全县共有党员5222名， 其中女党员1200名。", "单位 | 党员总数", "城关镇 | 1520"]
    assert [(surface, subject) for surface, subject, *_ in rows_of(read_document(path))][-1] == ("1520", "城关镇党员总数")
