"""Import of last year's 政府信息公开 report (issue 14): the report type told from the source, the three tables read
from Word (merged cells), a saved web page (colspan/rowspan) and text (``|`` or tab rows) and placed cell by cell,
printed totals kept for the checks, label variants, the outdated 2019 table, and the prose parts.

The Word inputs are the example rendered by drafter with its three tables replaced by real Word tables that
python-docx merges as the format does (until the typesetter writes merged tables itself); the round trip through
the plain render is a test of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.cli import main
from drafter.importer import ImportResult, import_file
from drafter.model import Answers
from drafter.pack import load_pack
from drafter.pipeline import render_answers
from drafter.store import load_answers, save_answers
from drafter.tables import PrintedTable, layout
from tests.conftest import EXAMPLES, ROOT
from tests.test_importer import _shape

GONGKAI_FIXTURES = ROOT.parent / "shared" / "fixtures" / "gongkai"
EXAMPLE = EXAMPLES / "gongkai-2025.json"
EXAMPLE_2024 = EXAMPLES / "gongkai-2024.json"

Overrides = dict[tuple[str, str, str], str]
"""Printed text for a cell: (table, row, column) → text (a total that does not add up, a count with decimals)."""


def _fixture(name: str) -> Path:
    path = GONGKAI_FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture {name} is not available")
    return path


def _grid(printed: PrintedTable) -> list[tuple[int, int, int, int, str, tuple[str, str] | None]]:
    """Each printed cell as (row, column, rows, cols, text, data cell) on the table's grid."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(printed.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell.rows, cell.cols, cell.text, cell.cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            c += cell.cols
    return out


def word_report(answers: Answers, out: Path, overrides: Overrides | None = None) -> Path:
    """The report rendered by drafter, its tables replaced by Word tables with the format's merged cells."""
    pack = load_pack(answers.pack)
    render_answers(answers, pack, out)
    document = docx.Document(str(out))
    body = document.element.body
    for element, spec in zip(body.findall(qn("w:tbl")), pack.tables.tables, strict=True):
        printed = layout(spec, answers.tables.get(spec.key))
        table = document.add_table(rows=len(printed.rows), cols=printed.width)
        for r, c, rows, cols, text, cell in _grid(printed):
            target = table.cell(r, c)
            if rows > 1 or cols > 1:
                target = target.merge(table.cell(r + rows - 1, c + cols - 1))
            target.text = (overrides or {}).get((spec.key, *cell), text) if cell else text
        element.addprevious(table._tbl)
        body.remove(element)
    document.save(str(out))
    return out


def html_report(answers: Answers) -> str:
    """A page as a government website shows the report: menus around it, the tables with colspan and rowspan."""
    pack = load_pack(answers.pack)
    from drafter.compose import Kind, compose

    parts = ['<html><head><meta charset="utf-8"><title>年报</title><script>var a = "<p>x</p>";</script></head><body>',
             '<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>', '<div class="content">']
    tables = {t.key: t for t in pack.tables.tables}
    for block in compose(answers, pack).blocks:
        if block.kind is Kind.TABLE and block.table is not None:
            spec = tables[block.table.key]
            rows: dict[int, list[str]] = {}
            for r, _c, rowspan, colspan, text, _cell in _grid(layout(spec, answers.tables.get(spec.key))):
                rows.setdefault(r, []).append(f'<td colspan="{colspan}" rowspan="{rowspan}"><p>{text}</p></td>')
            parts.append("<table border='1'><tbody>" + "".join(
                f"<tr>{''.join(cells)}</tr>" for _r, cells in sorted(rows.items())) + "</tbody></table>")
        else:
            parts.append(f"<p>{block.plain()}</p>")
    parts += ["</div>", '<div class="footer">打印本页 关闭窗口</div>', "</body></html>"]
    return "\n".join(parts)


def _same_report(back: ImportResult, original: Answers) -> None:
    answers = back.answers
    assert answers.pack == "gongkai"
    for key, table in original.tables.items():
        assert answers.tables[key].cells == table.cells, key
    assert _shape(answers) == _shape(original)
    assert answers.year == original.year and answers.date == original.date
    assert answers.opening == original.opening and answers.title_form == original.title_form
    assert answers.org.name == original.org.name and answers.org.county == original.org.county
    assert not back.unrecognised, back.unrecognised


def _check(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, str]]:
    main(["--lang", "en", "check", str(path), "--format", "json", *extra])
    findings: list[dict[str, str]] = json.loads(capsys.readouterr().out)["findings"]
    return findings


def _table_findings(findings: list[dict[str, str]], rule: str) -> list[tuple[str, str, str]]:
    return [(f["table"], f["row"], f["column"]) for f in findings if f.get("table_rule") == rule]


def _import_lines(tmp_path: Path, lines: list[str]) -> ImportResult:
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return import_file(path)


def _changed(cells: dict[tuple[str, str, str], int | float]) -> Answers:
    answers = load_answers(EXAMPLE)
    for (table, row, column), value in cells.items():
        answers.tables[table].cells.setdefault(row, {})[column] = value
    return answers


# ---- round trip ---------------------------------------------------------------------------------------------

def test_round_trip_through_word_tables_with_merged_cells(tmp_path: Path) -> None:
    original = load_answers(EXAMPLE)
    result = import_file(word_report(original, tmp_path / "report.docx"))
    _same_report(result, original)
    assert result.tables == ["proactive", "requests", "review"]
    requests = result.answers.tables["requests"]
    assert requests.printed["new"]["total"] == 7 and requests.printed["outcome_total"]["natural"] == 5
    assert "total" not in requests.cells["new"] and "outcome_total" not in requests.cells


def test_round_trip_of_the_rendered_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """render → import → the same answers, with the document ``drafter render`` writes."""
    out = tmp_path / "rendered.docx"
    assert main(["--lang", "en", "render", str(EXAMPLE), "-o", str(out)]) == 0
    imported = tmp_path / "imported.json"
    assert main(["--lang", "en", "import", str(out), "-o", str(imported)]) == 0
    printed = capsys.readouterr().out
    assert "Table found: 收到和处理政府信息公开申请情况 (144 cells placed)" in printed
    _same_report(import_file(out), load_answers(EXAMPLE))
    assert load_answers(imported).tables["review"].cells == load_answers(EXAMPLE).tables["review"].cells


def test_check_of_the_example_as_word_has_no_table_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    findings = _check(word_report(load_answers(EXAMPLE), tmp_path / "report.docx"), capsys)
    assert [f for f in findings if f.get("table")] == []


# ---- each identity broken in a Word file ---------------------------------------------------------------------

def test_i1_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _changed({("requests", "new", "research"): 2})
    findings = _check(word_report(answers, tmp_path / "i1.docx"), capsys)
    assert ("requests", "new", "research") in _table_findings(findings, "I1")
    assert not _table_findings(findings, "I2") and not _table_findings(findings, "I3")


def test_i2_printed_total_of_a_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = word_report(load_answers(EXAMPLE), tmp_path / "i2.docx", {("requests", "granted", "total"): "5"})
    findings = _check(path, capsys)
    assert _table_findings(findings, "I2") == [("requests", "granted", "total")]
    message = next(f["message"] for f in findings if f.get("table_rule") == "I2")
    assert "5" in message and "4" in message


def test_i3_printed_total_of_a_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = word_report(load_answers(EXAMPLE), tmp_path / "i3.docx", {("requests", "outcome_total", "legal"): "0"})
    assert _table_findings(_check(path, capsys), "I3") == [("requests", "outcome_total", "legal")]


def test_i5_printed_total_of_table_four(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = word_report(load_answers(EXAMPLE), tmp_path / "i5.docx", {("review", "cases", "after_total"): "3"})
    assert _table_findings(_check(path, capsys), "I5") == [("review", "cases", "after_total")]


def test_i6_needs_last_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _changed({("requests", "carried", "natural"): 2, ("requests", "new", "natural"): 4})
    path = word_report(answers, tmp_path / "i6.docx")
    assert not _table_findings(_check(path, capsys), "I6")
    findings = _check(path, capsys, "--previous", str(EXAMPLE_2024))
    assert _table_findings(findings, "I6") == [("requests", "carried", "natural"), ("requests", "carried", "total")]
    assert not _table_findings(findings, "I1")


def test_i8_a_count_with_decimals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = word_report(load_answers(EXAMPLE), tmp_path / "i8.docx", {("proactive", "licensing", "decisions"): "31.5"})
    findings = _check(path, capsys)
    assert ("proactive", "licensing", "decisions") in _table_findings(findings, "I8")
    assert import_file(path).answers.tables["proactive"].cells["licensing"]["decisions"] == 31.5


def test_p1_regulations_of_a_township(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _changed({("proactive", "regulations", "issued"): 1, ("proactive", "regulations", "in_force"): 1})
    findings = _check(word_report(answers, tmp_path / "p1.docx"), capsys)
    assert _table_findings(findings, "P1") == [("proactive", "regulations", "issued"),
                                               ("proactive", "regulations", "in_force")]
    assert all(f["severity"] == "warning" for f in findings if f.get("table_rule") == "P1")


def test_blank_cell_is_empty_and_hinted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = word_report(load_answers(EXAMPLE), tmp_path / "blank.docx", {("requests", "granted", "research"): ""})
    assert "research" not in import_file(path).answers.tables["requests"].cells["granted"]
    assert _table_findings(_check(path, capsys), "B1") == [("requests", "granted", "research")]


# ---- the real fixtures ---------------------------------------------------------------------------------------

def test_township_text_fixture_places_its_cells() -> None:
    result = import_file(_fixture("township_2023_partial.txt"))
    answers = result.answers
    assert answers.pack == "gongkai"
    assert answers.tables["proactive"].cells["regulations"] == {"issued": 0, "repealed": 0, "in_force": 6}
    assert answers.tables["proactive"].cells["fees"] == {"amount": 0}
    requests = answers.tables["requests"]
    assert requests.cells["new"] == dict.fromkeys(("natural", "business", "research", "welfare", "legal", "other"), 0)
    assert requests.printed["new"] == {"total": 0}
    assert "refused_process" not in requests.cells  # cut off in the source
    assert any("lacks 16 of its rows" in note for note in result.notes)
    assert any("政府信息公开行政复议、行政诉讼情况" in note and "not found" in note for note in result.notes)
    assert result.unrecognised == ["6.属于四类过程性信"]
    sections = answers.sections
    assert not any("勾稽关系" in p.text for s in sections.values() for p in s.all_paragraphs())
    assert {"overview", "proactive", "requests"} <= set(sections)


def test_township_fixture_checked_finds_regulations(capsys: pytest.CaptureFixture[str]) -> None:
    findings = _check(_fixture("township_2023_partial.txt"), capsys)
    assert ("proactive", "regulations", "in_force") in _table_findings(findings, "P1")


def test_street_office_text_fixture_places_its_cells() -> None:
    result = import_file(_fixture("erlang_jiedao_2022_partial.txt"))
    answers = result.answers
    assert answers.pack == "gongkai" and answers.year == 2022 and answers.org.name == "二郎街道"
    assert answers.opening is not None and answers.opening.startswith("根据《中华人民共和国政府信息公开条例》")
    assert answers.title_form == "government"
    assert answers.tables["proactive"].cells["normative"] == {"issued": 4, "repealed": 0, "in_force": 4}
    assert answers.tables["proactive"].cells["coercion"] == {"decisions": 0}
    assert "fees" not in answers.tables["proactive"].cells
    assert any("lacks 1 of its rows" in note and "行政事业性收费" in note for note in result.notes)
    assert len(result.unrecognised) == 1 and result.unrecognised[0].startswith("信息内容 | 本年收费金额")
    overview = answers.sections["overview"]
    assert [item.heading for item in overview.items][:3] == ["主动公开情况", "依申请公开情况", "政府信息管理情况"]


# ---- text tables of our own: a flat merged header, label variants, the outdated table ---------------------------

def _requests_rows(answers: Answers) -> list[str]:
    pack = load_pack("gongkai")
    spec = pack.table("requests")
    assert spec is not None
    rows = []
    values = answers.tables["requests"].cells
    for row in spec.rows:
        if row.kind == "group":
            rows.append(row.label)
        elif row.kind == "data":
            cells = values.get(row.key, {})
            numbers = [cells.get(c.key) for c in spec.columns]
            rows.append(" | ".join([row.label.replace("（", "(").replace("）", ")"),
                                    *("" if n is None else str(n) for n in numbers)]))
    return rows


def test_text_table_with_a_flat_header_and_variants(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLE)
    answers.tables["requests"].cells["new"]["business"] = 3  # the rows' totals below are printed as computed
    totals = {"new": 9, "carried": 1, "granted": 4, "partial": 1, "refused_third": 1, "unhandled_repeat": 1,
              "carry_next": 1}
    rows = [" | ".join([*r.split(" | ")[:-1], str(totals.get(_key(r), 0))]) if " | " in r else r
            for r in _requests_rows(answers)]
    lines = [
        "青禾镇人民政府2025年政府信息公开工作年度报告",
        "一、总体情况",
        "全年新收政府信息公开申请9件。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件",
        "规章\t0\t0\t0",
        "规范性文件\t2\t1\t13",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况 | 自然人 | 法人或其他组织 | 总计 | 商业 企业 | 科研\\n机构 | 社会公益组织 | 法律服务机构 | 其他",
        *rows,
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    result = _import_lines(tmp_path, lines)
    tables = result.answers.tables
    assert tables["proactive"].cells["normative"] == {"issued": 2, "repealed": 1, "in_force": 13}
    assert tables["requests"].cells["new"] == {"natural": 5, "business": 3, "research": 0, "welfare": 0, "legal": 1,
                                               "other": 0}
    assert tables["requests"].printed["new"] == {"total": 9}
    assert tables["requests"].cells["unhandled_repeat"]["natural"] == 1
    assert not result.unrecognised
    assert [key for key, _heading in result.parts] == ["overview", "proactive", "requests", "other"]


def _key(row: str) -> str:
    label = row.split(" | ")[0].replace("(", "（").replace(")", "）")
    spec = load_pack("gongkai").table("requests")
    assert spec is not None
    return next((r.key for r in spec.data_rows() if r.label == label), "")


def test_outdated_2019_table_is_reported_not_placed(tmp_path: Path) -> None:
    lines = [
        "XX镇人民政府2021年政府信息公开工作年度报告",
        "一、总体情况",
        "2021年，我镇主动公开政府信息120条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
        "规章 | 0 | 0 | 0",
        "规范性文件 | 3 | 3 | 12",
        "第二十条第（五）项",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量",
        "行政许可 | 5 | 1 | 40",
    ]
    result = _import_lines(tmp_path, lines)
    assert result.answers.pack == "gongkai"
    assert "proactive" not in result.answers.tables
    assert result.outdated and any("outdated" in note and "2019" in note for note in result.notes)
    assert "规范性文件 | 3 | 3 | 12" in result.unrecognised


def test_cells_that_are_not_numbers_are_left_empty_and_told(tmp_path: Path) -> None:
    lines = ["XX镇人民政府2024年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
             "规章 | — | 无 | 0", "行政规范性文件 | 1 | -1 | 7"]
    result = _import_lines(tmp_path, lines)
    cells = result.answers.tables["proactive"].cells
    assert cells["regulations"] == {"in_force": 0} and cells["normative"] == {"issued": 1, "in_force": 7}
    assert any("3 cells are not numbers" in note and "“—” is not a number" in note for note in result.notes)


# ---- a saved web page ------------------------------------------------------------------------------------------

def test_saved_web_page_with_the_three_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = load_answers(EXAMPLE)
    page = tmp_path / "report.html"
    page.write_text(html_report(original), encoding="utf-8")
    result = import_file(page)
    assert result.answers.pack == "gongkai"
    for key, table in original.tables.items():
        assert result.answers.tables[key].cells == table.cells, key
    assert _shape(result.answers) == _shape(original)
    assert any("政务公开" in text for text in result.unrecognised)
    findings = _check(page, capsys)
    assert [f for f in findings if f.get("table")] == []


def test_saved_web_page_in_gb2312(tmp_path: Path) -> None:
    page = tmp_path / "report.htm"
    text = html_report(load_answers(EXAMPLE)).replace('charset="utf-8"', 'charset="gb2312"')
    page.write_bytes(text.encode("gb18030"))
    assert import_file(page).answers.tables["review"].cells == load_answers(EXAMPLE).tables["review"].cells


# ---- which report type ----------------------------------------------------------------------------------------

def test_the_report_type_is_told_from_the_source(tmp_path: Path, example_2025: Path) -> None:
    fazhi = tmp_path / "fazhi.docx"
    render_answers(load_answers(example_2025), load_pack(), fazhi)
    assert import_file(fazhi).answers.pack == "fazhi-zhengfu"
    gongkai = word_report(load_answers(EXAMPLE), tmp_path / "gongkai.docx")
    assert import_file(gongkai).answers.pack == "gongkai"
    assert import_file(gongkai, load_pack()).answers.pack == "fazhi-zhengfu"  # a pack given is used


def test_import_command_picks_the_type_and_writes_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "answers.json"
    source = word_report(load_answers(EXAMPLE), tmp_path / "report.docx")
    assert main(["--lang", "en", "import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Table found: 政府信息公开行政复议、行政诉讼情况 (12 cells placed)" in printed
    assert "Parts not found" not in printed
    saved = load_answers(out)
    assert saved.pack == "gongkai" and saved.tables["review"].printed["cases"]["review_total"] == 1
    save_answers(tmp_path / "again.json", saved)
    assert main(["--lang", "en", "check", str(tmp_path / "again.json"), "--format", "json"]) == 0


# ---- issue 24: wrong numbers placed silently ------------------------------------------------------------------

def _with_research(answers: Answers) -> Answers:
    """The example with figures that tell 商业企业 from 科研机构 (the example has 0 in most of both)."""
    requests = answers.tables["requests"].cells
    requests["new"]["research"] = 2
    requests["granted"]["research"] = 2
    return answers


def _header_and_columns(path: Path, swap: tuple[int, int] | None = None, rename: tuple[str, str] | None = None) -> Path:
    """Table 三 of the Word report ``path`` with two of its data columns swapped (header and values), or one
    header text changed."""
    document = docx.Document(str(path))
    table = document.tables[1]
    for row in table.rows[2:]:
        cells = row.cells
        if swap is not None:
            a, b = cells[swap[0]], cells[swap[1]]
            a.text, b.text = b.text, a.text
        if rename is not None:
            for cell in cells:
                if cell.text == rename[0]:
                    cell.text = rename[1]
    document.save(str(path))
    return path


def test_table_three_columns_are_placed_by_their_header_not_their_position(tmp_path: Path) -> None:
    original = _with_research(load_answers(EXAMPLE))
    source = word_report(original, tmp_path / "report.docx")
    _header_and_columns(source, swap=(4, 5))  # 科研机构 printed before 商业企业, each with its own figures
    assert [c.text for c in docx.Document(str(source)).tables[1].rows[2].cells][4:6] == ["科研机构", "商业企业"]
    result = import_file(source)
    assert result.answers.tables["requests"].cells == original.tables["requests"].cells
    assert result.answers.tables["requests"].cells["new"]["research"] == 2
    assert not result.unrecognised


def test_table_three_with_a_header_that_does_not_name_the_columns_places_nothing(tmp_path: Path) -> None:
    original = _with_research(load_answers(EXAMPLE))
    source = _header_and_columns(word_report(original, tmp_path / "report.docx"), rename=("科研机构", "高等院校"))
    result = import_file(source)
    assert not any(result.answers.tables["requests"].cells.values())
    assert any("收到和处理政府信息公开申请情况" in note and "do not name this year's columns" in note
               and "一、本年新收政府信息公开申请数量" in note for note in result.notes), result.notes
    assert any(text.startswith("一、本年新收政府信息公开申请数量") for text in result.unrecognised)
    assert result.answers.tables["review"].cells == original.tables["review"].cells  # the other tables are placed


@pytest.mark.parametrize("frame", ["layout", "each"])
def test_saved_web_page_with_tables_inside_tables(tmp_path: Path, frame: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    original = load_answers(EXAMPLE)
    page = html_report(original)
    if frame == "layout":  # an old CMS: menu and article in the cells of one table around the whole page
        page = page.replace('<div class="content">', '<table width="960"><tr><td>栏目导航</td><td>').replace(
            '<div class="footer">', '</td></tr></table><div class="footer">')
        page = page.replace("</div>\n</td></tr></table>", "</td></tr></table>")
    else:  # each statistical table framed by a table of its own
        page = page.replace("<table border='1'>", "<table width='100%'><tr><td><table border='1'>").replace(
            "</tbody></table>", "</tbody></table></td></tr></table>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    result = import_file(path)
    assert result.tables == ["proactive", "requests", "review"]
    for key, table in original.tables.items():
        assert result.answers.tables[key].cells == table.cells, key
    assert _shape(result.answers) == _shape(original)  # no table rows glued into the text of a part
    assert not any("2.其他" in text for text in result.unrecognised)
    assert main(["--lang", "en", "import", str(path), "-o", str(tmp_path / "out.json")]) == 0
    printed = capsys.readouterr().out
    assert "(144 cells placed)" in printed and "(12 cells placed)" in printed


def _old_table_two_and_this_years_three_and_four(answers: Answers) -> list[str]:
    review = answers.tables["review"].cells["cases"]
    order = ["review", "direct", "after"]
    values = [str(review.get(f"{group}_{leaf}", 0)) for group in order
              for leaf in ("upheld", "corrected", "other", "pending")]
    groups = [values[n:n + 4] for n in range(0, 12, 4)]
    row = [v for group in groups for v in (*group, str(sum(int(x) for x in group)))]
    leaves = " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    return [
        "XX镇人民政府2022年政府信息公开工作年度报告",
        "一、总体情况",
        "2022年，我镇主动公开政府信息88条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量",
        "规章 | 0 | 0 | 0",
        "规范性文件 | 2 | 2 | 9",
        "第二十条第（五）项",
        "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量",
        "行政许可 | 4 | 0 | 31",
        "三、收到和处理政府信息公开申请情况",
        "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
        *_requests_rows(answers),
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 | | | | | 行政诉讼",
        " | | | | | 未经复议直接起诉 | | | | | 复议后起诉",
        leaves,
        " | ".join(row),
        "五、存在的主要问题及改进情况",
        "一是信息更新不够及时。",
    ]


def test_text_report_with_an_outdated_table_two_keeps_tables_three_and_four(tmp_path: Path) -> None:
    answers = _with_research(load_answers(EXAMPLE))
    result = _import_lines(tmp_path, _old_table_two_and_this_years_three_and_four(answers))
    assert result.outdated and "proactive" not in result.answers.tables
    assert result.tables == ["requests", "review"]
    assert result.answers.tables["requests"].cells == answers.tables["requests"].cells
    assert result.answers.tables["review"].cells == answers.tables["review"].cells
    assert "规范性文件 | 2 | 2 | 9" in result.unrecognised
    assert not any(text.startswith("一、本年新收") for text in result.unrecognised)


def test_numbers_with_a_mark_after_them_are_kept_and_the_mark_noted(tmp_path: Path) -> None:
    lines = ["XX镇人民政府2024年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
             "规章 | 0 | 0 | 0", "行政规范性文件 | 114① | 115* | 121件",
             "注：①含转发上级文件。"]
    result = _import_lines(tmp_path, lines)
    assert result.answers.tables["proactive"].cells["normative"] == {"issued": 114, "repealed": 115, "in_force": 121}
    assert any("3 cells print a mark after the number" in note and "“114①”" in note for note in result.notes)
    assert not any("not a number" in note for note in result.notes)


def test_import_does_not_say_all_was_recognised_when_a_table_was_not_placed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["XX镇人民政府2024年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "规章 | 0 | 0 | 0", "行政规范性文件 | 1 | 0 | 7"]
    source = tmp_path / "report.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert main(["--lang", "en", "import", str(source), "-o", str(tmp_path / "out.json")]) == 0
    printed = capsys.readouterr().out
    assert "Every paragraph was recognised." not in printed
    assert "not every table was placed" in printed
    assert "the table “政府信息公开行政复议、行政诉讼情况” was not found" in printed


@pytest.mark.parametrize("header", [
    "申请人情况 | 自然人 | 法人或其他组织 | 总计 | 科研机构 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他",
    "申请人情况 | 自然人 | 科研机构 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
    "自然人 | 科研机构 | 商业企业 | 社会公益组织 | 法律服务机构 | 其他 | 总计",  # no cell over the labels
])
def test_text_table_three_columns_are_placed_by_their_header(tmp_path: Path, header: str) -> None:
    answers = _with_research(load_answers(EXAMPLE))

    def swapped(line: str) -> str:  # 科研机构's figure before 商业企业's, as the header says
        cells = line.split(" | ")
        if len(cells) > 3:
            cells[2], cells[3] = cells[3], cells[2]
        return " | ".join(cells)

    lines = ["XX镇人民政府2025年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", header,
             *(swapped(row) for row in _requests_rows(answers))]
    result = _import_lines(tmp_path, lines)
    assert result.answers.tables["requests"].cells == answers.tables["requests"].cells
    assert not result.unrecognised
