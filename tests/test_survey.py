"""``drafter survey``: every report under the paths read and checked at once, into one workbook (or CSV, JSON)."""

from __future__ import annotations

import csv
import json
import os
import pty
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from drafter.checks import Severity
from drafter.cli import main
from drafter.i18n import set_language
from tests.cli_helpers import run_drafter
from tests.conftest import EXAMPLES, FIXTURES, ROOT

needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="real-report fixtures not present")

SHEETS = ["报告概况", "问题清单", "数据汇总"]


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def rows(sheet: Worksheet) -> list[dict[str, Any]]:
    """The sheet's rows as dicts keyed by its header."""
    values = list(sheet.iter_rows(values_only=True))
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def check_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, Any]]:
    """What ``drafter check --format json`` finds in ``path`` alone."""
    main(["check", str(path), "--format", "json"])
    findings: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["findings"]
    return findings


def reports_in(*folders: Path) -> list[Path]:
    suffixes = (".docx", ".txt", ".json", ".doc", ".wps")
    return sorted(p for folder in folders for p in folder.rglob("*") if p.suffix in suffixes)


@needs_fixtures
def test_workbook_holds_for_each_file_the_findings_drafter_check_gives_for_it_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "survey.xlsx"
    assert main(["survey", str(FIXTURES), str(ROOT / "examples"), "-o", str(out)]) == 0
    files = reports_in(FIXTURES, ROOT / "examples")
    assert f"{len(files)} reports surveyed (0 could not be read" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    overview = rows(book["报告概况"])
    listed = rows(book["问题清单"])
    assert len(files) == len(reports_in(FIXTURES)) + len(reports_in(EXAMPLES)) >= 11
    assert sorted(r["文件"] for r in overview) == sorted(str(p) for p in files)
    compared = 0
    for path in files:
        expected = check_json(capsys, path)
        got = [r for r in listed if r["文件"] == str(path)]
        assert [(r["规则"], r["严重程度"], r["摘录"] or "", r["问题"], r["建议"] or "") for r in got] == [
            (f["rule"], Severity(f["severity"]).label(), f["excerpt"], f["message"], f["suggestion"])
            for f in expected
        ], path
        row = next(r for r in overview if r["文件"] == str(path))
        assert (row["错误"], row["警告"], row["提示"]) == tuple(
            sum(1 for f in expected if f["severity"] == s) for s in ("error", "warning", "info"))
        compared += len(expected)
    assert compared == len(listed) > 100  # 001 alone has more than a hundred half-width marks


@needs_fixtures
def test_json_format_gives_each_file_exactly_drafter_checks_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "survey.json"
    assert main(["survey", str(FIXTURES), str(EXAMPLES), "-o", str(out)]) == 0  # format from the suffix
    capsys.readouterr()
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert len(reports) == len(reports_in(FIXTURES, EXAMPLES)) >= 11
    for report in reports:
        assert report["findings"] == check_json(capsys, Path(report["file"])), report["file"]
    by_name = {Path(r["file"]).name: r for r in reports}
    assert by_name["001_9016071757988ef3.docx"]["organisation"] == "光辉镇"
    assert by_name["001_9016071757988ef3.docx"]["causes"] is False  # the fixture gives no causes
    assert by_name["003_4de97d768f8bb4c5.txt"]["figures"]["disputes_investigated"] == 410
    # the examples' second report type is read with its own pack, its figures from its tables
    assert by_name["gongkai-2025.json"]["report_type"] == "gongkai"
    assert by_name["gongkai-2025.json"]["figures"]["requests_new"] == 7
    for name, report in by_name.items():  # each example with the pack its file names, each fixture a 法治 report
        example = EXAMPLES / name
        data = json.loads(example.read_text(encoding="utf-8")) if example.exists() else {}
        wanted = data.get("pack", "fazhi-zhengfu")
        assert report["report_type"] == wanted, name


@needs_fixtures
def test_sheets_headers_totals_colours_and_an_unreadable_files_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "fake.docx").write_bytes(b"this is not a Word file")
    for name in ("000_12691bf2a3ce7ac9.docx", "003_4de97d768f8bb4c5.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(EXAMPLES / "2025.json", folder / "qinghe.json")
    out = tmp_path / "survey.xlsx"
    assert main(["survey", str(folder), "-o", str(out)]) == 0  # one bad file never stops the survey
    err = capsys.readouterr().err
    assert main(["check", str(folder / "fake.docx")]) == 2
    reason = capsys.readouterr().err.strip().split(": ", 2)[-1]
    assert reason == "is not a Word .docx file (not a zip package)"
    assert f"{folder / 'fake.docx'}: {reason}" in err

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    sheet = book["报告概况"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["文件", "单位", "年度"]
    assert header[-7:] == ["不足原因", "错误", "警告", "提示", "主要问题", "状态", "说明"]
    assert {"主要举措和成效", "不足和原因", "第一责任人职责", "下一年度安排"} <= set(header)
    overview = {Path(r["文件"]).name: r for r in rows(sheet)}
    bad = overview["fake.docx"]
    assert bad["状态"] == "1 unreadable" and bad["说明"] == reason
    assert bad["单位"] is None and bad["错误"] is None
    good = overview["000_12691bf2a3ce7ac9.docx"]
    assert good["单位"] == "西火镇" and good["年度"] == 2021 and good["状态"] == "2 has errors"
    assert good["主要问题"].splitlines()[0] == "[error] the report has no signing organ"
    assert good["不足原因"] == "not given" and good["主要举措和成效"] == "present"
    assert overview["qinghe.json"]["不足原因"] == "given"
    assert sheet.freeze_panes == "B2"
    status = header.index("状态") + 1
    bad_row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == str(folder / "fake.docx"))
    assert sheet.cell(bad_row, status).fill.fgColor.rgb.endswith("D9D9D9")
    assert sheet.column_dimensions["D"].width >= 2 * len(str(sheet["D1"].value))  # Chinese: two cells each

    listed = book["问题清单"]
    assert [c.value for c in listed[1]] == ["文件", "单位", "部分", "规则", "严重程度", "摘录", "问题", "建议"]
    errors = [r for r in range(2, listed.max_row + 1) if listed.cell(r, 5).value == "error"]
    assert errors and all(listed.cell(r, 7).fill.fgColor.rgb.endswith("FFC7CE") for r in errors)
    assert not any(r["文件"] == str(folder / "fake.docx") for r in rows(listed))

    data = book["数据汇总"]
    header = [c.value for c in data[1]]
    assert header[:3] == ["文件", "单位", "年度"]
    assert "排查矛盾纠纷（件）" in header and "发放宣传资料（份）" in header
    col = header.index("排查矛盾纠纷（件）") + 1
    letter = data.cell(1, col).column_letter
    last = data.max_row
    assert data.cell(last, 1).value == "合计"
    assert data.cell(last, col).value == f"=SUM({letter}2:{letter}{last - 1})"
    assert last - 2 == 3  # the three readable reports, the unreadable one has no figures
    values = [data.cell(r, col).value for r in range(2, last)]
    assert sorted(v for v in values if v is not None) == [152, 410]  # qinghe 2025 and 003 state it; 000 does not


@needs_fixtures
def test_csv_writes_one_file_per_sheet_with_the_totals_computed(tmp_path: Path) -> None:
    out = tmp_path / "survey.csv"
    assert main(["survey", str(FIXTURES / "003_4de97d768f8bb4c5.docx"), str(EXAMPLES), "-o", str(out)]) == 0
    written = {p.name for p in tmp_path.iterdir()}
    assert written == {"survey-报告概况.csv", "survey-问题清单.csv", "survey-数据汇总.csv"}
    raw = (tmp_path / "survey-数据汇总.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the mark to read UTF-8 Chinese
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    col = table[0].index("排查矛盾纠纷（件）")
    assert table[-1][0] == "合计"
    assert int(table[-1][col]) == 410 + 168 + 152  # 003, qinghe 2024 and 2025


def test_year_and_the_same_organisation_twice_are_flagged(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(EXAMPLES), "-o", str(out), "--year", "2025"]) == 0
    overview = {Path(r["文件"]).name: r for r in rows(openpyxl.load_workbook(out)["报告概况"])}
    old, new = overview["2024.json"], overview["2025.json"]
    assert "reports on 2024, not 2025" in old["说明"]
    assert f"the same organisation as {EXAMPLES / '2025.json'}" in old["说明"]
    assert "reports on" not in new["说明"] and f"the same organisation as {EXAMPLES / '2024.json'}" in new["说明"]
    assert old["状态"] == "3 to review"  # no finding, but the flags need a look


def test_previous_dir_puts_last_years_value_and_the_change_beside_each_figure(tmp_path: Path) -> None:
    last_year = tmp_path / "2024"
    last_year.mkdir()
    shutil.copy(EXAMPLES / "2024.json", last_year / "qinghe.json")
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(EXAMPLES / "2025.json"), "--previous-dir", str(last_year), "-o", str(out)]) == 0
    data = openpyxl.load_workbook(out)["数据汇总"]
    header = [c.value for c in data[1]]
    value = header.index("排查矛盾纠纷（件）")
    assert header[value + 1: value + 3] == ["上年：排查矛盾纠纷（件）", "增减：排查矛盾纠纷（件）"]
    row = [c.value for c in data[2]]
    assert row[value:value + 2] == [152, 168]
    a, b = (data.cell(1, value + 1 + i).column_letter for i in range(2))
    assert row[value + 2] == f'=IF(OR({a}2="",{b}2=""),"",{a}2-{b}2)'
    assert data.cell(3, value + 3).value.startswith("=SUM(")
    json_out = tmp_path / "s.json"
    assert main(["survey", str(EXAMPLES / "2025.json"), "--previous-dir", str(last_year), "-o", str(json_out)]) == 0
    report = json.loads(json_out.read_text(encoding="utf-8"))["reports"][0]
    assert report["previous_figures"]["disputes_investigated"] == 168
    assert report["figures"]["disputes_investigated"] == 152


def test_duty_written_inside_measures_shows_as_merged(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    duty = data["sections"].pop("duty")
    data["sections"]["measures"]["items"].append({
        "heading": "党政主要负责人履行推进法治建设第一责任人职责情况",
        "paragraphs": [{"text": p["text"]} for p in duty["intro"]],
    })
    (tmp_path / "merged.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "s.json"
    assert main(["survey", str(tmp_path / "merged.json"), "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    assert report["parts"]["duty"] == {"state": "merged", "inside": "measures"}
    book = tmp_path / "s.xlsx"
    assert main(["survey", str(tmp_path / "merged.json"), "-o", str(book)]) == 0
    row = rows(openpyxl.load_workbook(book)["报告概况"])[0]
    assert row["第一责任人职责"] == "inside 主要举措和成效"


FAZHI_PARTS = ["主要举措和成效", "不足和原因", "第一责任人职责", "下一年度安排"]
GONGKAI_PARTS = ["总体情况", "主动公开（表二）", "依申请公开（表三）", "复议和诉讼（表四）", "问题及改进", "其他事项"]


def test_both_report_types_each_with_its_own_pack_and_its_own_part_columns(tmp_path: Path) -> None:
    """A folder with both report types: a 报告类型 column; each type's required parts in columns of their own,
    filled for its reports and empty for the other type's; findings named by the report's own parts; each type's
    figures (a gongkai report's read from its tables); the same township's two types are not flagged as a
    duplicate of each other."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "2025.json", folder / "qinghe-fazhi.json")
    data = json.loads((EXAMPLES / "gongkai-2025.json").read_text(encoding="utf-8"))
    data["tables"]["requests"]["cells"]["granted"]["natural"] = 4  # breaks I1 in 自然人 and 总计
    (folder / "qinghe-gongkai.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(EXAMPLES / "gongkai-2024.json", folder / "older-gongkai.json")
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(folder), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)

    header = [c.value for c in book["报告概况"][1]]
    assert header == ["文件", "单位", "年度", "报告类型", *FAZHI_PARTS, *GONGKAI_PARTS, "不足原因", "错误", "警告",
                      "提示", "主要问题", "状态", "说明"]
    overview = {Path(str(r["文件"])).name: r for r in rows(book["报告概况"])}
    fazhi, gongkai, older = overview["qinghe-fazhi.json"], overview["qinghe-gongkai.json"], overview[
        "older-gongkai.json"]
    assert fazhi["报告类型"] == "法治政府建设年度报告" and gongkai["报告类型"] == "政府信息公开工作年度报告"
    assert [fazhi[k] for k in FAZHI_PARTS] == ["present"] * 4 and [fazhi[k] for k in GONGKAI_PARTS] == [None] * 6
    assert [gongkai[k] for k in GONGKAI_PARTS] == ["present"] * 6 and [gongkai[k] for k in FAZHI_PARTS] == [None] * 4
    assert gongkai["错误"] == 2 and gongkai["状态"] == "2 has errors"
    assert gongkai["主要问题"].startswith("[error] I1: ")
    assert fazhi["说明"] is None  # the township's other report type is no duplicate
    assert f"the same organisation as {folder / 'older-gongkai.json'}" in gongkai["说明"]
    assert older["年度"] == 2024

    listed = [r for r in rows(book["问题清单"]) if r["文件"] == str(folder / "qinghe-gongkai.json")]
    assert [(r["部分"], r["规则"]) for r in listed] == [("依申请公开（表三）", "table.identity")] * 2
    assert {r["部分"] for r in rows(book["问题清单"]) if r["文件"] == str(folder / "qinghe-fazhi.json")} <= set(
        FAZHI_PARTS)

    figures = {Path(str(r["文件"])).name: r for r in rows(book["数据汇总"]) if r["文件"] != "合计"}
    assert figures["qinghe-gongkai.json"]["新收政府信息公开申请（件）"] == 7  # read from 表三
    assert figures["older-gongkai.json"]["现行有效行政规范性文件（件）"] == 12
    assert figures["qinghe-fazhi.json"]["新收政府信息公开申请（件）"] is None
    assert figures["qinghe-fazhi.json"]["排查矛盾纠纷（件）"] == 152
    assert figures["qinghe-gongkai.json"]["排查矛盾纠纷（件）"] is None

    json_out = tmp_path / "s.json"
    assert main(["survey", str(folder), "-o", str(json_out)]) == 0
    reports = {Path(r["file"]).name: r for r in json.loads(json_out.read_text(encoding="utf-8"))["reports"]}
    assert reports["qinghe-gongkai.json"]["report_type"] == "gongkai"
    assert reports["qinghe-fazhi.json"]["report_type"] == "fazhi-zhengfu"
    assert set(reports["qinghe-gongkai.json"]["parts"]) == {"overview", "proactive", "requests", "review",
                                                            "problems", "other"}


def test_reports_of_one_other_type_get_that_types_columns_only(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    gongkai = [str(EXAMPLES / "gongkai-2024.json"), str(EXAMPLES / "gongkai-2025.json")]
    assert main(["survey", *gongkai, "-o", str(out)]) == 0
    header = [c.value for c in openpyxl.load_workbook(out)["报告概况"][1]]
    assert header == ["文件", "单位", "年度", *GONGKAI_PARTS, "不足原因", "错误", "警告", "提示", "主要问题", "状态",
                      "说明"]


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (bad / "notes.md").write_text("not a report", encoding="utf-8")  # not collected
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(bad), "-o", str(out)]) == 2
    assert "no report could be read" in capsys.readouterr().err
    assert len(rows(openpyxl.load_workbook(out)["报告概况"])) == 2  # still written, with the reasons

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["survey", str(empty), "-o", str(out)]) == 2
    assert "no reports (.docx, .doc, .wps, .txt or answers .json) found here" in capsys.readouterr().err
    assert main(["survey", str(tmp_path / "missing"), "-o", str(out)]) == 2
    assert "file not found" in capsys.readouterr().err

    with_error = tmp_path / "draft.json"
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    data["opening"] = "XX镇人民政府在县委、县政府的领导下开展工作。"
    with_error.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["survey", str(with_error), str(bad), "-o", str(out)]) == 0
    assert main(["survey", str(with_error), str(bad), "-o", str(out), "--strict"]) == 1
    assert main(["survey", str(EXAMPLES / "2025.json"), "-o", str(out), "--strict"]) == 0


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    args = ["--lang", "en", "survey", str(EXAMPLES), "-o", str(tmp_path / "s.xlsx")]
    quiet = run_drafter(*args)  # stderr not a terminal
    assert quiet.returncode == 0 and quiet.stderr == ""
    command = [sys.executable, "-m", "drafter", *args]  # a real process, its stderr a terminal
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.wait(timeout=120) == 0
    count = len(reports_in(EXAMPLES))
    assert b"Reading reports" in seen and f"{count}/{count}".encode() in seen


def test_survey_in_chinese_by_default(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    out = tmp_path / "s.xlsx"
    result = run_drafter("survey", EXAMPLES, "-o", out, env=environment)
    assert result.returncode == 0
    assert f"已汇总 {len(reports_in(EXAMPLES))} 份报告（0 份无法读取，0 份有错误）" in result.stdout
    row = rows(openpyxl.load_workbook(out)["报告概况"])[0]
    assert row["主要举措和成效"] == "具备" and row["不足原因"] == "已写明" and row["状态"] == "3 待核对"


def test_text_from_a_report_never_becomes_a_formula_or_breaks_the_workbook(tmp_path: Path) -> None:
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    data["org"]["name"] = '=HYPERLINK("http://example.com")镇\x01'
    source = tmp_path / "odd.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(source), "-o", str(out)]) == 0
    cell = openpyxl.load_workbook(out)["报告概况"]["B2"]
    assert cell.value == '=HYPERLINK("http://example.com")镇' and cell.data_type == "s"


def test_output_never_replaces_a_report_or_an_answers_file(tmp_path: Path) -> None:
    """-o naming a report or an answers file is refused before any reading (one line, exit 2); an earlier
    survey is replaced; --force replaces anything but the reports read."""
    folder = tmp_path / "reports"
    folder.mkdir()
    answers = folder / "2025.json"
    shutil.copy(EXAMPLES / "2025.json", answers)
    original = answers.read_bytes()
    assert main(["survey", str(folder), "-o", str(answers)]) == 2
    assert answers.read_bytes() == original
    other = tmp_path / "notes.json"
    other.write_text('{"mine": 1}', encoding="utf-8")
    assert main(["survey", str(folder), "-o", str(other)]) == 2
    assert other.read_text(encoding="utf-8") == '{"mine": 1}'
    assert main(["survey", str(folder), "-o", str(tmp_path / "s.txt")]) == 2  # no format of that name
    out = tmp_path / "s.xlsx"
    assert main(["survey", str(folder), "-o", str(out)]) == 0
    assert main(["survey", str(folder), "-o", str(out)]) == 0  # an earlier survey is replaced without asking
    assert main(["survey", str(folder), "-o", str(other), "--force"]) == 0
    assert json.loads(other.read_text(encoding="utf-8")).keys() == {"reports"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_file_name_or_organisation_that_looks_like_a_formula_stays_text(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named ``=1+2.txt`` and an organisation ``=HYPERLINK(…)``: in CSV each such cell starts with ``'`` (as
    OWASP recommends, so a spreadsheet shows it as text); in the workbook each is a text cell, never a formula."""
    folder = tmp_path / "in"
    folder.mkdir()
    report = "青河镇2025年法治政府建设工作报告\n一、主要举措\n全年开展普法活动。\n"
    (folder / "=1+2.txt").write_text(report, encoding="utf-8")
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    data["org"]["name"] = '=HYPERLINK("http://evil.example","点击")'
    (folder / "@odd.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(folder)  # relative paths: the 文件 cells start with the names themselves
    out = tmp_path / f"s.{fmt}"
    assert main(["survey", ".", "-o", str(out)]) == 0
    if fmt == "csv":
        raw = (tmp_path / "s-报告概况.csv").read_bytes().decode("utf-8-sig")
        overview = list(csv.DictReader(raw.splitlines()))
        by_file = {r["文件"]: r for r in overview}
        assert set(by_file) == {"'=1+2.txt", "'@odd.json"}
        assert by_file["'@odd.json"]["单位"] == "'" + data["org"]["name"]
        for name in ("s-问题清单.csv", "s-数据汇总.csv"):
            for row in csv.reader((tmp_path / name).read_bytes().decode("utf-8-sig").splitlines()[1:]):
                assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in row), row
        return
    book = openpyxl.load_workbook(out)
    sheet = book["报告概况"]
    cells = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    assert set(cells) == {"=1+2.txt", "@odd.json"}
    for name in book.sheetnames:
        for row in book[name].iter_rows(min_row=2):
            for cell in row[:2]:  # 文件 and 单位: text from the reports
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
    assert sheet.cell(cells["@odd.json"], 2).value == data["org"]["name"]
    assert sheet.cell(cells["@odd.json"], 2).data_type == "s"
    with zipfile.ZipFile(out) as package:  # the saved XML itself: no formula element on the overview sheet
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_links_out_of_the_folders_given_are_skipped_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link in a surveyed folder to a file outside it (``/etc/passwd`` named ``.txt``, a report elsewhere) is not
    read but listed as skipped; a link to a report inside the folders given is read."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "2025.json", folder / "qinghe.json")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "2024.json", elsewhere / "private.json")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "private.json").symlink_to(elsewhere / "private.json")
    (folder / "same.json").symlink_to(folder / "qinghe.json")
    (folder / "sub").symlink_to(elsewhere, target_is_directory=True)
    out = tmp_path / "s.json"
    assert main(["survey", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    read = sorted(Path(r["file"]).name for r in json.loads(out.read_text(encoding="utf-8"))["reports"])
    assert read == ["qinghe.json", "same.json"]
    assert f"{folder / 'passwd.txt'}: skipped: a link to /etc/passwd, outside the folders given" in err
    assert f"{folder / 'private.json'}: skipped: a link to {elsewhere / 'private.json'}, outside" in err
    assert f"{folder / 'sub'}: skipped: a link to {elsewhere}, outside the folders given" in err  # not entered
    # the folder the link leads to, given too: the link stays inside the folders given
    assert main(["survey", str(folder), str(elsewhere), "-o", str(out)]) == 0
    skipped = [line for line in capsys.readouterr().err.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and "passwd.txt" in skipped[0]  # sub and private.json lead inside elsewhere now


def test_earlier_surveys_written_into_a_surveyed_folder_are_not_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(EXAMPLES / "2025.json", folder / "qinghe.json")
    for name in ("first.json", "second.xlsx", "third.csv", "fourth.json"):
        assert main(["survey", str(folder), "-o", str(folder / name)]) == 0
        assert "1 reports surveyed (0 could not be read" in capsys.readouterr().out
    assert not capsys.readouterr().err
    reports = json.loads((folder / "fourth.json").read_text(encoding="utf-8"))["reports"]
    assert [Path(r["file"]).name for r in reports] == ["qinghe.json"]
