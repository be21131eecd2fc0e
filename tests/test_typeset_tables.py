"""The statistical tables of the 政府信息公开 report as a clerk receives them: Word tables in the .docx (labels, merged
cells, values, type and widths), laid out by LibreOffice in the PDF, and ``table`` elements in the public HTML copy.

Expectations come from the pack's tables.toml (through :func:`drafter.tables.layout` for the printed cells) and
from the answers file; the .docx is read back with python-docx and the PDF with poppler.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from drafter.compose import compose
from drafter.model import Answers
from drafter.pack import Pack, load_pack
from drafter.pack.tablespec import TableSpec
from drafter.store import load_answers
from drafter.tables import PrintedTable, layout
from drafter.typeset import html
from drafter.typeset.ooxml import MM_PER_PT, text_width
from tests.conftest import EXAMPLES, pdf_fonts, pdf_words, require, soffice
from tests.test_example import assert_official_faces
from tests.test_pdf import drafter

GONGKAI = EXAMPLES / "gongkai-2025.json"
Spans = list[list[tuple[str, int, int]]]


def _w(element: etree._Element, path: str, attr: str = "val") -> str | None:
    """The ``w:<attr>`` of the element at ``path`` below ``element`` (None when either is missing)."""
    found = element.find(path)
    return found.get(qn(f"w:{attr}")) if found is not None else None


def _answers_and_pack(path: Path = GONGKAI) -> tuple[Answers, Pack]:
    answers = load_answers(path)
    return answers, load_pack(answers.pack)


def _printed(answers: Answers, pack: Pack) -> list[tuple[TableSpec, PrintedTable]]:
    return [(spec, layout(spec, answers.tables.get(spec.key))) for spec in pack.tables.tables]


def _render(answers_path: Path, out: Path, *extra: str) -> Path:
    result = drafter("render", answers_path, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _render(GONGKAI, tmp_path_factory.mktemp("gongkai") / "gongkai-2025.docx")


def _tables(path: Path) -> list[etree._Element]:
    return list(docx.Document(str(path)).element.body.iter(qn("w:tbl")))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _grid(tbl: etree._Element) -> list[list[tuple[int, etree._Element]]]:
    """Each Word row's cells with the grid column each starts at."""
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        column, cells = 0, []
        for tc in tr.findall(qn("w:tc")):
            cells.append((column, tc))
            column += int(_w(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}") or 1)
        rows.append(cells)
    return rows


def _merge(tc: etree._Element) -> str:
    vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if vmerge is None:
        return ""
    return vmerge.get(qn("w:val")) or "continue"


def spans(tbl: etree._Element) -> Spans:
    """The table as printed cells: each visible cell's text, columns spanned (gridSpan) and rows spanned (the
    vMerge continuations below it in the same grid column)."""
    grid = _grid(tbl)
    out: Spans = []
    for r, row in enumerate(grid):
        cells = []
        for column, tc in row:
            if _merge(tc) == "continue":
                continue
            rows = 1
            if _merge(tc) == "restart":
                for below in grid[r + 1:]:
                    if not any(c == column and _merge(t) == "continue" for c, t in below):
                        break
                    rows += 1
            cells.append((_text(tc), int(_w(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}") or 1), rows))
        out.append(cells)
    return out


def test_each_table_has_the_formats_labels_merges_and_values(rendered: Path) -> None:
    answers, pack = _answers_and_pack()
    printed = _printed(answers, pack)
    tables = _tables(rendered)
    assert len(tables) == len(printed) == 3
    for tbl, (spec, table) in zip(tables, printed, strict=True):
        expected = [[(c.text, c.cols, c.rows) for c in row] for row in table.rows]
        assert spans(tbl) == expected, spec.title
        grid = _grid(tbl)
        assert all(sum(int(_w(tc, f"{qn('w:tcPr')}/{qn('w:gridSpan')}") or 1) for _c, tc in row) == spec.width()
                   for row in grid), f"{spec.title}: a row does not fill the grid"
        for row in spec.data_rows():  # every row label of the pack is printed
            assert any(text == row.label for r in spans(tbl) for text, _cols, _rows in r) or not spec.label_columns


def test_the_formats_merged_headers_as_published(rendered: Path) -> None:
    proactive, requests, review = (spans(t) for t in _tables(rendered))
    note = requests[0][0]
    assert note[0].startswith("（本列数据的勾稽关系为") and note[1:] == (3, 3)
    assert ("申请人情况", 7, 1) in requests[0] and ("法人或其他组织", 5, 1) in requests[1]
    assert ("自然人", 1, 2) in requests[1] and ("总计", 1, 2) in requests[1]
    group = next(c for row in requests for c in row if c[0] == "三、本年度办理结果")
    assert group[1:] == (1, 22), "三、本年度办理结果 spans the 22 rows of （一） to （七）总计"
    assert [c[0] for c in review[0]] == ["行政复议", "行政诉讼"] and review[0][0][1:] == (5, 2)
    assert len(review[-1]) == 15 and all(re.fullmatch(r"\d+", c[0]) for c in review[-1]), "table 四: 15 values"
    assert ("第二十条第（一）项", 4, 1) in proactive[0]


def _row_values(tbl: etree._Element, label: str, count: int) -> list[str]:
    row = next(r for r in spans(tbl) if any(text == label for text, _c, _r in r))
    return [text for text, _c, _r in row[-count:]]


def test_values_are_the_answers_and_totals_are_computed(rendered: Path) -> None:
    data = json.loads(GONGKAI.read_text(encoding="utf-8"))["tables"]
    _answers, pack = _answers_and_pack()
    proactive, requests, review = _tables(rendered)
    cells = data["requests"]["cells"]
    spec = pack.table("requests")
    assert spec is not None
    typed = [c.key for c in spec.columns if c.key != "total"]
    outcome_rows = next(d.of for d in spec.derived if d.row == "outcome_total")
    for row in spec.data_rows():
        if row.key == "outcome_total":
            values = [sum(cells[r][c] for r in outcome_rows) for c in typed]
        else:
            values = [cells[row.key][c] for c in typed]
        assert _row_values(requests, row.label, 7) == [str(v) for v in [*values, sum(values)]], row.label
    review_cells = data["review"]["cells"]["cases"]
    expected = []
    for group in ("review", "direct", "after"):
        four = [review_cells[f"{group}_{k}"] for k in ("upheld", "corrected", "other", "pending")]
        expected += [*four, sum(four)]
    assert [c[0] for c in spans(review)[-1]] == [str(v) for v in expected]
    typed = data["proactive"]["cells"]
    assert _row_values(proactive, "行政规范性文件", 3) == [str(v) for v in typed["normative"].values()]
    assert _row_values(proactive, "行政事业性收费", 1) == [str(typed["fees"]["amount"])]


def _size(tc: etree._Element) -> float:
    sizes = {r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) for r in tc.iter(qn("w:r"))}
    assert len(sizes) == 1
    return int(sizes.pop()) / 2


def test_tables_are_set_in_the_body_face_at_a_size_that_fits_the_text_width(rendered: Path) -> None:
    answers, pack = _answers_and_pack()
    style = pack.style
    text_width_twips = round((style.page_width_mm - style.margin_left_mm - style.margin_right_mm) / MM_PER_PT * 20)
    # one size for every table and every cell of the report: the one its widest table (table 四, 15 columns) needs
    for tbl, (spec, table), size in zip(_tables(rendered), _printed(answers, pack), (9, 9, 9), strict=True):
        widths = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
        assert len(widths) == spec.width() and abs(sum(widths) - text_width_twips) <= 1, spec.title
        assert _w(tbl, f"{qn('w:tblPr')}/{qn('w:tblLayout')}", "type") == "fixed"
        margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        inside = sum(int(m.get(qn("w:w"))) for m in margins) if margins is not None else 216
        five_digits = 5 * size / 2 * 20
        assert min(widths[spec.label_columns:]) - inside >= five_digits, f"{spec.title}: a value column is too narrow"
        borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"single"} and len(borders) == 6
        rows = tbl.findall(qn("w:tr"))
        header = [r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for r in rows]
        assert header == [i < table.header_rows for i in range(len(rows))], f"{spec.title}: repeated header rows"
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        for (column, tc), cell in zip([c for row in _grid(tbl) for c in row if _merge(c[1]) != "continue"],
                                       [c for row in table.rows for c in row], strict=True):
            paragraph = tc.find(qn("w:p"))
            assert _w(paragraph, f"{qn('w:pPr')}/{qn('w:spacing')}", "lineRule") == "auto", "single spacing"
            assert _w(tc, f"{qn('w:tcPr')}/{qn('w:vAlign')}") == "center"
            if not cell.text:
                continue
            run_fonts = {r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) for r in tc.iter(qn("w:r"))}
            assert run_fonts == {style.fonts.body}
            assert _size(tc) == size, (spec.title, cell.text)
            if cell.kind == "label":  # balanced widths: no label takes more than three lines
                width = sum(widths[column : column + cell.cols]) - inside
                per_line = int(width / (size * 20) - 0.5)
                assert math.ceil(text_width(cell.text) / per_line) <= 3, (spec.title, cell.text)
            jc = _w(paragraph, f"{qn('w:pPr')}/{qn('w:jc')}")
            assert jc == ("left" if cell.kind in ("label", "note") else "center"), (cell.kind, cell.text)
    # The rest of the document keeps the GB/T 9704 layout: body paragraphs on the exact 28.95 pt pitch.
    document = docx.Document(str(rendered))
    after = document.element.body.find(qn("w:tbl")).getnext()
    assert after.tag == qn("w:p") and _w(after, f"{qn('w:pPr')}/{qn('w:pStyle')}") == "Heading1"
    normal = document.styles["Normal"].element
    assert _w(normal, f"{qn('w:pPr')}/{qn('w:spacing')}", "lineRule") == "exact"


def _big(tmp_path: Path) -> Path:
    """The example with four-digit numbers in table 四 and in the rows of table 三 that carry most requests, two-digit
    ones elsewhere: its totals have five digits, the widest number the tables are laid out for."""
    data: dict[str, Any] = json.loads(GONGKAI.read_text(encoding="utf-8"))
    for key in ("requests", "review"):
        for name, row in data["tables"][key]["cells"].items():
            for column in row:
                many = key == "review" or name in ("new", "granted", "carry_next")
                row[column] = (9000 if many else 10) + len(column) * 7
    # a longer first part, so that table 三 starts down a page and runs onto the next one (its header repeats there)
    data["sections"]["overview"]["items"][0]["paragraphs"].append(
        {"text": "本段为测试而加，" + "用来把后面的表格向下推移若干行，" * 12 + "使表三跨页。"})
    path = tmp_path / "gongkai-big.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_libreoffice_lays_out_table_three_with_whole_labels_and_numbers(tmp_path: Path) -> None:
    soffice()
    out = _render(_big(tmp_path), tmp_path / "big.docx", "--pdf")
    pdf = out.with_suffix(".pdf")
    assert_official_faces(pdf)
    answers, pack = _answers_and_pack(tmp_path / "gongkai-big.json")
    spec, table = _printed(answers, pack)[1]
    tbl = _tables(out)[1]
    left = pack.style.margin_left_mm / MM_PER_PT
    edges = [left]
    for g in tbl.iter(qn("w:gridCol")):
        edges.append(edges[-1] + int(g.get(qn("w:w"))) / 20)
    words = pdf_words(pdf, (pack.style.page_height_mm - pack.style.margin_bottom_mm) / MM_PER_PT)
    start = next(i for i, w in enumerate(words) if w[3].startswith("三、收到和处理"))
    end = next(i for i, w in enumerate(words) if w[3].startswith("四、政府信息公开"))
    inside = words[start + 1 : end]
    pages = sorted({w[0] for w in inside})
    assert len(pages) >= 2, "table 三 fits one page: the repeated header is not exercised"
    # Each label column read top to bottom holds its labels whole (wrapped lines follow each other).
    streams = ["".join(w[3] for w in inside if edges[c] - 1 <= w[1] < edges[c + 1] - 1) for c in range(3)]
    for row in table.rows[table.header_rows:]:
        for column, cell in _label_starts(row, spec.label_columns):
            assert cell in streams[column], f"label {cell!r} not whole in its column"
    # Every number is one word on one line, in the order of the printed rows.
    numbers = [w[3] for w in inside if w[1] >= edges[spec.label_columns] - 1 and re.fullmatch(r"[\d.]+", w[3])]
    printed = [c.text for row in table.rows for c in row if c.kind == "value"]
    assert numbers == printed, "a number is split across lines or missing"
    assert any(len(n) == 5 for n in numbers), "no five-digit total: the width rule is not exercised"
    # Table 四's fifteen columns at 9 pt hold five-digit totals too.
    review = _printed(answers, pack)[2][1]
    after = words[end + 1 : next(i for i, w in enumerate(words) if w[3].startswith("五、"))]
    assert [w[3] for w in after if re.fullmatch(r"[\d.]+", w[3])] == [
        c.text for row in review.rows for c in row if c.kind == "value"
    ], "a number of table 四 is split across lines"
    # The header repeats on the next page.
    assert all(any(w[3].startswith("申请人情况") for w in inside if w[0] == p) for p in pages)
    page_fonts = subprocess.run([require("pdffonts"), "-f", str(pages[-1]), "-l", str(pages[-1]), str(pdf)],
                                capture_output=True, text=True, check=True).stdout
    assert re.search(r"SerifCJK|Ming|Song|Fang", page_fonts), f"table not in a serif CJK face: {pdf_fonts(pdf)}"


def _label_starts(row: tuple[Any, ...], label_columns: int) -> list[tuple[int, str]]:
    """The label cells of a printed body row with the grid column each starts in (groups stand left of them)."""
    labels = [c for c in row if c.kind == "label"]
    width = sum(c.cols for c in labels)
    column = label_columns - width
    out = []
    for cell in labels:
        out.append((column, cell.text))
        column += cell.cols
    return out


class _Cells(HTMLParser):
    """Each table's rows as (tag, text, colspan, rowspan), and which rows are in ``thead``."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str, int, int]]]] = []
        self.head_rows: list[int] = []
        self._in_head = False
        self._cell: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self.head_rows.append(0)
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self.tables[-1].append([])
            self.head_rows[-1] += self._in_head
        elif tag in ("td", "th"):
            self._cell = [tag, "", int(a.get("colspan") or 1), int(a.get("rowspan") or 1)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(tuple(self._cell))  # type: ignore[arg-type]
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1] += data


def test_the_public_html_copy_has_the_tables_with_their_merges() -> None:
    answers, pack = _answers_and_pack()
    parser = _Cells()
    parser.feed(html.standalone(compose(answers, pack)))
    assert len(parser.tables) == 3
    for got, head, (spec, table) in zip(parser.tables, parser.head_rows, _printed(answers, pack), strict=True):
        expected = [[("th" if c.kind in ("header", "note") else "td", c.text, c.cols, c.rows) for c in row]
                    for row in table.rows]
        assert got == expected, spec.title
        assert head == table.header_rows
    requests = parser.tables[1]
    assert requests[0][0][0] == "th" and requests[0][0][2:] == (3, 3)
    assert ("th", "申请人情况", 7, 1) in requests[0]


def test_the_submission_copy_typesets_the_tables_too(tmp_path: Path) -> None:
    data = json.loads(GONGKAI.read_text(encoding="utf-8"))
    fazhi = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    data["dispatch"] = fazhi["dispatch"]
    data["org"] = fazhi["org"]
    path = tmp_path / "gongkai-submission.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = _render(path, tmp_path / "submission.docx", "--copy", "submission")
    answers, pack = _answers_and_pack(path)
    tables = _tables(out)
    assert len(tables) == 4, "three statistical tables and the 版记"
    for tbl, (spec, table) in zip(tables, _printed(answers, pack), strict=False):
        assert spans(tbl) == [[(c.text, c.cols, c.rows) for c in row] for row in table.rows], spec.title
