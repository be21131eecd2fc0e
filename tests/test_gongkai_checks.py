"""Checks of the second report type (政府信息公开工作年度报告): each identity of the tables broken in a copy of the
example's answers file and found by ``drafter check`` exactly, the prose checked against the tables (I9), the
statistical period and the format notice of the preamble (P2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from drafter.cli import main
from tests.conftest import EXAMPLES

GONGKAI_2025 = EXAMPLES / "gongkai-2025.json"
GONGKAI_2024 = EXAMPLES / "gongkai-2024.json"

Edit = Callable[[dict[str, Any]], None]


def edited(tmp_path: Path, edit: Edit, source: Path = GONGKAI_2025, name: str = "gongkai.json") -> Path:
    """A copy of ``source`` with ``edit`` applied to its JSON."""
    data = json.loads(source.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def check_json(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """``drafter check --format json``: its exit code and findings."""
    code = main(["check", str(path), "--format", "json", *extra])
    findings: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["findings"]
    return code, findings


def check_text(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str]:
    """``drafter check`` as the clerk reads it: its exit code and output."""
    code = main([*(["--lang", "zh_CN"] if "zh_CN" in extra else []), "check", str(path),
                 *(e for e in extra if e != "zh_CN")])
    return code, capsys.readouterr().out


def table_cells(found: list[dict[str, Any]]) -> set[tuple[str, str, str, str, str, str]]:
    """Each finding as (rule, severity, table rule, table, row, column)."""
    return {(f["rule"], f["severity"], f.get("table_rule", ""), f.get("table", ""), f.get("row", ""),
             f.get("column", "")) for f in found}


def cells(data: dict[str, Any], table: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = data["tables"][table]["cells"]
    return found


# ---- the example ----------------------------------------------------------------------------------------------


def test_the_example_gives_no_finding(capsys: pytest.CaptureFixture[str]) -> None:
    for path in (GONGKAI_2025, GONGKAI_2024):
        assert check_text(capsys, path) == (0, "No problems found.\n")
    # against last year's report (found beside it, or named) the tables still hold (I6, I7) and no paragraph is
    # last year's word for word: what the editor counts is what check prints (issue 27, 6)
    code, found = check_json(capsys, GONGKAI_2025, "--previous", str(GONGKAI_2024))
    assert (code, found) == (0, [])


def test_one_typed_cell_of_table_three_changed_gives_exactly_the_identities_it_breaks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """（一）予以公开 by 自然人 from 3 to 4: the cell adds to （七）总计 of its column and, through the row's 总计, to
    （七）总计 of 总计 (both computed, so I2 and I3 hold). I1 breaks in the 自然人 column (5 + 1 ≠ 6 + 1) and in the
    总计 column (7 + 1 ≠ 8 + 1); no other rule reads the cell (I6 reads 二、上年结转, the prose states 一 and 二)."""

    def edit(data: dict[str, Any]) -> None:
        cells(data, "requests")["granted"]["natural"] = 4

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 1
    assert table_cells(found) == {
        ("table.identity", "error", "I1", "requests", "new", "natural"),
        ("table.identity", "error", "I1", "requests", "new", "total"),
    }
    assert len(found) == 2
    assert all(f["section"] == "requests" for f in found)
    messages = [f["message"] for f in found]
    assert "表三, column “自然人”: 第一项加第二项 = 6, 第三项加第四项 = 7" in messages[0]
    assert "表三, column “总计”: 第一项加第二项 = 8, 第三项加第四项 = 9" in messages[1]


def test_i1_reads_in_chinese_with_the_column_and_both_sums(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        cells(data, "requests")["carry_next"]["legal"] = 2

    code, out = check_text(capsys, edited(tmp_path, edit), "zh_CN")
    assert code == 1
    assert ("  [错误] I1：每一列：第一项加第二项之和，应等于第三项（七）总计加第四项之和"
            "（表三“法律服务机构”列：第一项加第二项 = 1，第三项加第四项 = 3） (table.identity)") in out
    assert "（表三“总计”列：第一项加第二项 = 8，第三项加第四项 = 10）" in out
    assert "      → 请改正表中数字；总计由 drafter 计算。" in out
    assert "【依申请公开（表三）】" in out


# ---- I2, I3, I5: totals an imported document printed ----------------------------------------------------------


def test_printed_totals_that_do_not_add_up_are_found_i2_i3_i5(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["tables"]["requests"]["printed"] = {
            "new": {"total": 8},  # 5 + 1 + 1 = 7
            "outcome_total": {"natural": 6, "business": 1},  # （一）至（六）: 5 and 1, so only 自然人 is wrong
        }
        data["tables"]["review"]["printed"] = {"cases": {"review_total": 2, "after_total": 1}}  # 1 and 1

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 1
    assert table_cells(found) == {
        ("table.identity", "error", "I2", "requests", "new", "total"),
        ("table.identity", "error", "I3", "requests", "outcome_total", "natural"),
        ("table.identity", "error", "I5", "review", "cases", "review_total"),
    }
    assert len(found) == 3
    by_rule = {f["table_rule"]: f["message"] for f in found}
    assert ("表三, “一、本年新收政府信息公开申请数量” in column “总计” is printed as 8, its parts add up to 7"
            in by_rule["I2"])
    assert "is printed as 6, its parts add up to 5" in by_rule["I3"]
    assert "表四, “政府信息公开行政复议、行政诉讼案件数” in column “行政复议：总计” is printed as 2" in by_rule["I5"]
    assert by_rule["I5"].startswith("I5: 行政复议的总计应等于")  # its own sum's title, not another I5's


# ---- I6: 二、上年结转 against last year's 四、结转下年度继续办理 -----------------------------------------------------


def test_i6_against_last_years_answers_given_with_previous(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Last year's report carried 2 (自然人) into this year, this year's says 1: I6 in 自然人 and in 总计. The
    table's own last-year cells say 1, but the file named with --previous wins."""

    def edit(data: dict[str, Any]) -> None:
        cells(data, "requests")["carry_next"]["natural"] = 2
        cells(data, "requests")["unable_none"]["natural"] = 0  # keeps last year's I1 holding

    last = edited(tmp_path, edit, GONGKAI_2024, "last.json")
    assert check_text(capsys, last)[0] == 0
    code, found = check_json(capsys, GONGKAI_2025, "--previous", str(last))
    assert code == 0  # a warning
    found = [f for f in found if f["rule"] != "text.unchanged"]  # paragraphs the example keeps from last year
    assert table_cells(found) == {
        ("table.identity", "warning", "I6", "requests", "carried", "natural"),
        ("table.identity", "warning", "I6", "requests", "carried", "total"),
    }
    assert len(found) == 2
    assert "表三, column “自然人”: “二、上年结转” = 1, 上年报告的“四、结转下年度继续办理” = 2" in found[0]["message"]
    assert found[0]["suggestion"] == "Check the figures against last year's report."


def test_i6_against_the_last_year_cells_the_table_keeps(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["tables"]["requests"]["previous"]["carry_next"]["business"] = 1

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 0
    assert table_cells(found) == {
        ("table.identity", "warning", "I6", "requests", "carried", "business"),
        ("table.identity", "warning", "I6", "requests", "carried", "total"),
    }
    assert len(found) == 2


# ---- table 二: I7, P1, I8 ---------------------------------------------------------------------------------------


def test_i7_is_a_hint_and_the_prose_stating_the_cell_is_checked_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """现行有效 13 → 14: last year's 12 + 2 制发 − 1 废止 is 13 (I7, a hint); 一、总体情况 says 现行有效行政规范性文件
    13件, which the table now contradicts (I9)."""

    def edit(data: dict[str, Any]) -> None:
        cells(data, "proactive")["normative"]["in_force"] = 14

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 1
    assert table_cells(found) == {
        ("table.identity", "info", "I7", "proactive", "normative", "in_force"),
        ("figure.mismatch", "error", "", "", "", ""),
    }
    hint = next(f for f in found if f["rule"] == "table.identity")
    assert ("表二, row “行政规范性文件”: 现行有效 = 14, last year's 现行有效 plus 制发 minus 废止 = 13"
            in hint["message"])
    mismatch = next(f for f in found if f["rule"] == "figure.mismatch")
    assert mismatch["message"] == "the text says 13件 for “现行有效行政规范性文件”, 表二 says 14件"


def test_p1_regulations_a_township_cannot_make(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        cells(data, "proactive")["regulations"].update(issued=1, in_force=1)  # I7 holds: 0 + 1 − 0

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 0
    assert table_cells(found) == {
        ("table.plausibility", "warning", "P1", "proactive", "regulations", "issued"),
        ("table.plausibility", "warning", "P1", "proactive", "regulations", "in_force"),
    }
    assert len(found) == 2
    assert "表二, “规章” in column “本年制发件数” is 1" in found[0]["message"]


def test_i8_a_decimal_in_a_count_is_reported_not_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        cells(data, "proactive")["licensing"]["decisions"] = 31.5
        cells(data, "proactive")["fees"]["amount"] = 1.25  # 万元 takes decimals
        cells(data, "review")["cases"]["after_upheld"] = 1.0  # a whole number written with a point
        cells(data, "review")["cases"]["direct_upheld"] = 1e16  # whole, though JSON writes it 1e+16
        cells(data, "proactive")["regulations"]["repealed"] = 1e-05  # as JSON writes it: not whole, reported

    path = edited(tmp_path, edit)
    code, found = check_json(capsys, path)
    assert code == 1
    assert table_cells(found) == {
        ("table.value", "error", "I8", "proactive", "licensing", "decisions"),
        ("table.value", "error", "I8", "proactive", "regulations", "repealed"),
        ("table.plausibility", "warning", "P1", "proactive", "regulations", "repealed"),  # not 0 either
        ("table.identity", "info", "I7", "proactive", "regulations", "in_force"),  # 0 ≠ 0 + 0 − 0.00001
    }
    assert len(found) == 4
    messages = [f["message"] for f in found if f["rule"] == "table.value"]
    assert "表二, “规章” in column “本年废止件数” is 0.00001" in messages[0]  # in the table's order
    assert "表二, “行政许可” in column “本年处理决定数量” is 31.5" in messages[1]
    assert main(["render", str(path), "-o", str(tmp_path / "out.docx")]) == 0  # the file is not refused


def test_blank_cells_are_one_hint_naming_the_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        del cells(data, "requests")["refused_secret"]["research"]
        del cells(data, "requests")["refused_law"]["welfare"]

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 0
    assert table_cells(found) == {("table.blank", "info", "B1", "requests", "refused_secret", "research")}
    assert "2 empty cells, the first at 表三, “1.属于国家秘密” in column “科研机构”" in found[0]["message"]


def test_many_table_findings_stay_within_the_screen(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every column of table 三 broken (I1 and I6 in seven columns) and table 二 off too: the text report groups
    each rule's findings into one line naming the first places, within the 40-line screen."""

    def edit(data: dict[str, Any]) -> None:
        for column in ("natural", "business", "research", "welfare", "legal", "other"):
            cells(data, "requests")["carried"][column] = 3
        cells(data, "proactive")["regulations"].update(issued=2, repealed=1, in_force=4)

    code, out = check_text(capsys, edited(tmp_path, edit))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) <= 40
    assert "more findings not shown" not in out
    # one line per pack rule, I1 (errors) apart from I6 (warnings), each with its own advice
    i1 = lines.index("  [error] I1: 每一列：第一项加第二项之和，应等于第三项（七）总计加第四项之和: 7 places, "
                     "e.g. 表三, column “自然人”、表三, column “商业企业”、表三, column “科研机构” (table.identity)")
    assert lines[i1 + 1] == "      → Correct the cells of the table; drafter computes the totals."
    i6 = lines.index("  [warning] I6: “二、上年结转”应等于上年报告的“四、结转下年度继续办理”: 7 places, e.g. 表三, "
                     "column “自然人”、表三, column “商业企业”、表三, column “科研机构” (table.identity)")
    assert lines[i6 + 1] == "      → Check the figures against last year's report."
    # the prose's 上年结转 1件 now contradicts the table (I9); P1 three times and I7 in table 二
    assert "表三 says 18件 (figure.mismatch)" in out
    assert out.count("(table.plausibility)") == 3 and out.count("I7: ") == 1
    assert lines[-1] == "8 errors, 10 warnings, 1 notes; drafter check --fix repairs 1 of them"
    code, chinese = check_text(capsys, edited(tmp_path, edit), "zh_CN")
    assert ("  [警告] I6：“二、上年结转”应等于上年报告的“四、结转下年度继续办理”：共 7 处，如 表三“自然人”列、"
            "表三“商业企业”列、表三“科研机构”列 等 (table.identity)") in chinese.splitlines()
    code, everything = check_text(capsys, edited(tmp_path, edit), "--all")
    assert code == 1
    assert everything.count("(table.identity)") == 7 + 7 + 1  # I1 and I6 in each column, I7 in 规章


# ---- I9: the prose of 一、总体情况 against the tables -------------------------------------------------------------


def overview_says(old: str, new: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for item in data["sections"]["overview"]["items"]:
            for paragraph in item["paragraphs"]:
                paragraph["text"] = paragraph["text"].replace(old, new)

    return edit


def test_i9_the_prose_is_checked_against_the_table_and_fix_makes_it_live(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = edited(tmp_path, overview_says("新收政府信息公开申请7件", "新收政府信息公开申请8件"))
    code, out = check_text(capsys, path, "zh_CN")
    assert code == 1
    assert ("  [错误] “全年新收政府信息公开申请8件” 正文中“新收政府信息公开申请”写的是8件，表三中是7件 "
            "(figure.mismatch)") in out
    assert "      → 应写为7件：修正后此处改为随表三自动更新的“活数字”。" in out
    assert "数据" not in out

    fixed = tmp_path / "fixed.json"
    assert main(["check", str(path), "--fix", "-o", str(fixed)]) == 0
    out = capsys.readouterr().out
    assert "“8件” replaced by the live figure “新收政府信息公开申请” (7)" in out
    assert out.endswith("No problems found.\n")
    saved = json.loads(fixed.read_text(encoding="utf-8"))
    prose = saved["sections"]["overview"]["items"][1]["paragraphs"][0]["text"]
    assert "全年新收政府信息公开申请[[fig:requests_new]]件" in prose

    # the live figure follows the table: one more application by a 法人 in 一 (and one more granted)
    saved["tables"]["requests"]["cells"]["new"]["business"] = 2
    saved["tables"]["requests"]["cells"]["granted"]["business"] = 1
    fixed.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    assert check_text(capsys, fixed)[0] == 0
    out_docx = tmp_path / "fixed.docx"
    assert main(["render", str(fixed), "-o", str(out_docx)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out_docx)).paragraphs)
    assert "全年新收政府信息公开申请8件" in text and "[[fig:" not in text


# ---- P2: the preamble ------------------------------------------------------------------------------------------


def test_p2_a_statistical_period_of_last_year_is_found(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["opening"] = ("本报告根据《中华人民共和国政府信息公开条例》编制。"
                           "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。")

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 0
    assert [(f["rule"], f["severity"], f["section"], f["excerpt"], f["message"]) for f in found] == [
        ("year.stale", "warning", None, "统计期限自2024年1月1日起至2024年12月31日",
         "the statistical period names 2024, but this report is about 2025"),
    ]


def test_p2_the_preamble_citing_the_2019_format_notice_is_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["opening"] = ("本报告根据《中华人民共和国政府信息公开条例》和"
                           "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2019〕60号）要求编制。"
                           "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。")

    code, found = check_json(capsys, edited(tmp_path, edit))
    assert code == 0
    assert [(f["rule"], f["excerpt"], f["suggestion"]) for f in found] == [
        ("term.stale", "国办公开办函〔2019〕60号", "Write 国办公开办函〔2021〕30号 instead."),
    ]


# ---- carrying forward and the schema ---------------------------------------------------------------------------


def test_new_from_a_gongkai_report_carries_table_three_and_counts_the_cells_to_fill(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "gongkai-2026.json"
    assert main(["new", "--from", str(GONGKAI_2025), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "表三: “二、上年结转政府信息公开申请数量” filled in from last year's report" in lines
    # typed cells: 表二 10, 表三 24 rows × 6 columns less the 6 carried, 表四 12
    assert lines[-1] == "160 table cells to fill in (last year's values are kept beside them)"
    data = json.loads(out.read_text(encoding="utf-8"))
    last = json.loads(GONGKAI_2025.read_text(encoding="utf-8"))["tables"]["requests"]["cells"]
    requests = data["tables"]["requests"]
    assert requests["cells"] == {"carried": last["carry_next"]}
    assert requests["previous"]["carry_next"]["total"] == 1 and requests["previous"]["new"]["total"] == 7
    assert data["tables"]["proactive"]["previous"]["normative"]["in_force"] == 13
    # checked as it is: table 三 is begun (I1 does not hold yet, its blanks are pointed out), but the prose's
    # 新收…7件 is not judged against an 一 row nobody has filled in yet (unknown, not 0)
    code, found = check_json(capsys, out)
    assert code == 1
    assert {("table.identity", "error", "I1", "requests", "new", "natural"),
            ("table.blank", "info", "B1", "requests", "new", "natural")} <= table_cells(found)
    assert not [f for f in found if f["rule"] == "figure.mismatch"]
    # once the row is typed, the prose is judged against it again
    data["tables"]["requests"]["cells"]["new"] = {"natural": 2}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    mismatch = [f for f in check_json(capsys, out)[1] if f["rule"] == "figure.mismatch"]
    assert [f["message"] for f in mismatch] == ["the text says 7件 for “新收政府信息公开申请”, 表三 says 2件"]


def test_new_reports_no_table_lines_for_a_report_without_tables(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["new", "--from", str(EXAMPLES / "2025.json"), "-o", str(tmp_path / "2026.json")]) == 0
    assert "table cells" not in capsys.readouterr().out


def test_schema_shows_tables_with_their_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["tables"]["patternProperties"] == {"^[a-z][a-z0-9_]*$": {"$ref": "#/$defs/Table"}}
    assert schema["properties"]["sections"]["patternProperties"] == {
        "^[a-z][a-z0-9_]*$": {"$ref": "#/$defs/Section"}}
    table = schema["$defs"]["Table"]
    assert set(table["properties"]) == {"cells", "printed", "previous"} and table["additionalProperties"] is False
    cell = table["properties"]["cells"]["additionalProperties"]["additionalProperties"]
    assert cell == {"anyOf": [{"minimum": 0, "type": "integer"}, {"minimum": 0, "type": "number"}]}
    assert "derived" in table["description"] or "总计" in table["description"]
    # the example is of that shape: tables of rows of columns of numbers
    example = json.loads(GONGKAI_2025.read_text(encoding="utf-8"))
    for data in example["tables"].values():
        assert set(data) <= set(table["properties"])
        assert all(isinstance(v, int | float) and v >= 0 for row in data["cells"].values() for v in row.values())


def test_a_table_not_filled_in_is_one_error_not_silence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A report whose 表三 holds nothing (or that has no 表二 at all) is not "no problems found": one error per
    table, and none of the table's rules judged between zeros (not even I6 and I7 against last year's)."""

    def edit(data: dict[str, Any]) -> None:
        data["tables"]["requests"] = {"cells": {}}
        del data["tables"]["proactive"]

    path = edited(tmp_path, edit)
    code, found = check_json(capsys, path, "--previous", str(GONGKAI_2024))
    found = [f for f in found if f["rule"] != "text.unchanged"]
    assert code == 1
    assert [(f["rule"], f["severity"], f["section"], f["table"], f["message"]) for f in found] == [
        ("table.empty", "error", "proactive", "proactive", "表二“主动公开政府信息情况” has not been filled in"),
        ("table.empty", "error", "requests", "requests", "表三“收到和处理政府信息公开申请情况” has not been filled in"),
    ]
    code, out = check_text(capsys, path, "zh_CN")
    assert "  [错误] 表三“收到和处理政府信息公开申请情况”还没有填写 (table.empty)" in out
    assert "      → 请填写表格；没有的填0。" in out


def test_validate_counts_a_part_that_is_a_table_as_filled_when_its_table_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["validate", str(GONGKAI_2025)]) == 0
    assert capsys.readouterr().out == f"{GONGKAI_2025}: valid answers for 青禾镇, report year 2025\n"

    def edit(data: dict[str, Any]) -> None:
        del data["tables"]["review"]

    assert main(["validate", str(edited(tmp_path, edit))]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Parts still empty: 复议和诉讼（表四）"
