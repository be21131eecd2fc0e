"""``drafter check`` on answers files, on Word and text files through the importer, and ``--fix``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from drafter.cli import main
from drafter.i18n import set_language
from tests.conftest import DATA, FIXTURES

CLEAN = DATA / "checks" / "clean_2025.json"
REPORT_000 = FIXTURES / "000_12691bf2a3ce7ac9"
REPORT_001 = FIXTURES / "001_9016071757988ef3"
REPORT_003 = FIXTURES / "003_4de97d768f8bb4c5"

needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="real-report fixtures not present")


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", *argv, "--format", "json"])
    out = capsys.readouterr().out
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return code, findings


def rules(findings: list[dict[str, Any]], severity: tuple[str, ...] = ("error", "warning")) -> set[str]:
    return {f["rule"] for f in findings if f["severity"] in severity}


def test_clean_answers_exit_0_and_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CLEAN)]) == 0
    assert "No problems found." in capsys.readouterr().out


def test_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["sections"]["measures"]["items"][1]["paragraphs"][1]["text"] = "在XX村开展普法宣传。"
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, findings = run_json(capsys, str(path))
    assert code == 1
    assert findings == [{
        "rule": "text.placeholder", "severity": "error", "section": "measures", "excerpt": "XX",
        "message": "a placeholder is left in the text", "suggestion": "Fill in the real wording or figure.",
    }]


def test_text_output_is_grouped_by_part(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["sections"]["measures"]["items"][1]["paragraphs"][1]["text"] = "讲授执法程序,组织旁听庭审。"
    data["sections"]["plan"]["items"][1]["paragraphs"][0]["text"] = "2025年，我镇将充实执法力量。"
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    positions = [out.index(s) for s in ("【主要举措和成效】", "“序,组”", "【下一年度安排】", "“2025年”")]
    assert positions == sorted(positions)
    assert "0 errors, 2 warnings, 0 notes" in out


def test_previous_year_comparison(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    previous = json.loads(CLEAN.read_text(encoding="utf-8"))
    previous["year"] = 2024
    previous["date"] = "2025-01-16"
    previous["sections"] = {"duty": previous["sections"]["duty"]}
    path = tmp_path / "2024.json"
    path.write_text(json.dumps(previous, ensure_ascii=False), encoding="utf-8")
    code, findings = run_json(capsys, str(CLEAN), "--previous", str(path))
    assert code == 0
    assert [(f["rule"], f["section"]) for f in findings if f["severity"] != "info"] == [("text.unchanged", "duty")]


def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "missing.json")]) == 2
    other = tmp_path / "report.pdf"
    other.write_bytes(b"%PDF-1.4")
    assert main(["check", str(other)]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("drafter: ") == 3 and "Traceback" not in err


def test_fix_rewrites_punctuation_atomically(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    data["sections"]["measures"]["items"][1]["paragraphs"][1]["text"] = "讲授执法程序,组织旁听庭审(1次)."
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    original = path.read_bytes()
    assert main(["check", str(path), "--fix"]) == 0
    out = capsys.readouterr().out
    assert "4 half-width punctuation mark(s) made full-width" in out and "No problems found." in out
    assert path.read_bytes() == original, "the checked file is never written over without --force"
    fixed = tmp_path / "draft.fixed.json"
    saved = json.loads(fixed.read_text(encoding="utf-8"))
    assert saved["sections"]["measures"]["items"][1]["paragraphs"][1]["text"] == "讲授执法程序，组织旁听庭审（1次）。"
    assert main(["check", str(fixed), "--fix"]) == 0
    assert "nothing to fix" in capsys.readouterr().out
    # -o names the file; -o naming the source itself is refused unless --force, which keeps a backup
    assert main(["check", str(path), "--fix", "-o", str(tmp_path / "other.json")]) == 0
    assert (tmp_path / "other.json").read_bytes() == fixed.read_bytes()
    capsys.readouterr()
    assert main(["check", str(path), "--fix", "-o", str(path)]) == 2
    assert "--force" in capsys.readouterr().err and path.read_bytes() == original
    assert main(["check", str(path), "--fix", "-o", str(path), "--force"]) == 0
    assert path.read_bytes() == fixed.read_bytes()
    assert list((tmp_path / ".drafter-backups").rglob("*.json")), "the replaced version is kept as a backup"


def test_fix_refuses_word_and_text_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("关于2025年度法治政府建设情况的报告\n", encoding="utf-8")
    assert main(["check", str(source), "--fix"]) == 2
    assert "answers files (.json) only" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == "关于2025年度法治政府建设情况的报告\n"


OWN_TEXT = """关于2025年度法治政府建设情况的报告
县委、县政府：
2025年，我镇深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下。
一、主要举措和成效
（一）加强学法用法。全年开展会前学法10次，组织学法考试120人次。
（二）化解矛盾纠纷。全年排查矛盾纠纷60件，调处成功57件，调处成功率95.0%。学习借鉴白沙镇经验。
（三）党政主要负责人履行推进法治建设第一责任人职责。镇党委书记主持专题会议4次。
二、存在的不足和原因
普法形式比较单一。究其原因，主要是宣传力量不足。
三、2026年度工作安排
2026年，我镇将持续深化普法宣传。
特此报告。
2026年1月12日
"""


def test_text_file_without_a_township_name_and_the_overrides(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text(OWN_TEXT, encoding="utf-8")
    code, findings = run_json(capsys, str(source))
    assert "place.foreign" not in rules(findings)
    assert "structure.missing-section" not in rules(findings), "duty inside measures counts as present"
    assert ("structure.missing-signature", "") in {(f["rule"], f["excerpt"]) for f in findings}
    assert code == 1
    code, findings = run_json(capsys, str(source), "--org", "柏溪镇")
    assert {(f["rule"], f["excerpt"]) for f in findings if f["rule"] == "place.foreign"} == {
        ("place.foreign", "白沙镇")}
    code, findings = run_json(capsys, str(source), "--org", "柏溪镇", "--year", "2026")
    assert ("plan.wrong-year", "2026年") in {(f["rule"], f["excerpt"]) for f in findings}
    assert ("year.stale", "2025年度法治政") in {(f["rule"], f["excerpt"]) for f in findings}


@needs_fixtures
@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_fixture_000_names_another_place(capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    code, findings = run_json(capsys, str(REPORT_000.with_suffix(suffix)))
    foreign = [f["excerpt"] for f in findings if f["rule"] == "place.foreign"]
    assert foreign == ["法治乾塘进程"]
    assert "figure.inconsistent" not in rules(findings)
    assert code == 1  # no signature, no date


@needs_fixtures
def test_fixture_001_halfwidth_and_no_causes(capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = run_json(capsys, str(REPORT_001.with_suffix(".docx")))
    # issue 26: 《婚姻法》 was repealed on 2021-01-01 (a 2021 report); 《人口和计划生育法》《土地法》《交通法规》
    # 《劳动者权益保护法》 are no national law's title
    # dated 2021年12月25日: a year-end report, not an unusual date
    assert rules(findings) == {"punct.halfwidth", "structure.missing-causes", "law.repealed", "law.unknown"}
    assert any(f["excerpt"] == "导,落" for f in findings)
    assert code == 0


@needs_fixtures
def test_fixture_001_text_output_fits_one_screen_and_names_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(REPORT_001.with_suffix(".docx"))]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) <= 40, "\n".join(lines)
    grouped = [line for line in lines if "(punct.halfwidth)" in line]
    assert len(grouped) == 5  # one line per part, not one per comma
    assert "46 places" in "\n".join(grouped) and "“导,落”" in grouped[1]
    assert sum("drafter check --fix repairs these" in line for line in lines) == 5
    assert "--fix" in lines[-1] and "125 warnings" in lines[-1]  # 120, and 5 of the laws cited (issue 26)
    # in each part errors come before warnings, warnings before notes
    assert main(["check", str(REPORT_001.with_suffix(".docx")), "--all"]) == 0
    every = capsys.readouterr().out.strip().splitlines()
    assert sum("(punct.halfwidth)" in line for line in every) == 119


def test_text_output_groups_by_rule_sorts_by_severity_and_cuts_at_a_screen() -> None:
    from drafter.checks import Finding, Severity
    from drafter.commands.check import SCREEN_LINES, text_lines
    from drafter.pack import load_pack

    pack = load_pack()

    def finding(rule: str, severity: Severity, excerpt: str, section: str | None = "measures") -> Finding:
        return Finding(rule, severity, section, excerpt, f"message of {rule}", f"do this for {rule}")

    few = [finding("text.duplicate", Severity.WARNING, "甲"), finding("text.placeholder", Severity.ERROR, "XX村"),
           finding("figure.unchanged", Severity.INFO, "10次")]
    lines = text_lines(few, pack, answers_file=True)
    rules_in_order = [line.split("(")[-1].rstrip(")") for line in lines if line.startswith("  [")]
    assert rules_in_order == ["text.placeholder", "text.duplicate", "figure.unchanged"]
    many = [finding(f"rule.{n}", Severity.WARNING, f"第{n}处") for n in range(60)]
    lines = text_lines(many, pack, answers_file=True)
    assert len(lines) <= SCREEN_LINES
    shown = sum(1 for line in lines if line.startswith("  ["))
    assert f"{60 - shown} more findings not shown" in lines[-3]
    assert len(text_lines(many, pack, answers_file=True, everything=True)) > 100


@needs_fixtures
def test_fixture_003_leading_zero_and_consistent_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = run_json(capsys, str(REPORT_003.with_suffix(".docx")))
    assert [f["excerpt"] for f in findings if f["rule"] == "figure.format"] == ["01人次"]
    assert "figure.inconsistent" not in rules(findings, ("error", "warning", "info"))
    assert "place.foreign" not in rules(findings)
    assert code == 1  # no signature, no date


@needs_fixtures
def test_fixture_with_year_and_org_overrides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = tmp_path / "report.docx"
    shutil.copy(REPORT_003.with_suffix(".docx"), copy)
    _code, findings = run_json(capsys, str(copy), "--year", "2025", "--org", "瓦屋镇")
    stale = [f["excerpt"] for f in findings if f["rule"] == "year.stale"]
    assert stale and all(e.startswith("2024年") for e in stale)


def test_every_rule_has_a_title_for_its_grouped_line() -> None:
    from drafter.checks.findings import RULE_TITLES, RULES

    assert set(RULE_TITLES) == set(RULES)


def test_broken_live_figure_markers_are_errors_and_render_refuses_them(capsys: pytest.CaptureFixture[str],
                                                                       tmp_path: Path) -> None:
    """Issue 27 (2): a marker split by Enter, a stray bracket, a reference to no figure of the pack."""
    from tests.test_bad_input import assert_refused, drafter

    data = json.loads(CLEAN.read_text(encoding="utf-8"))
    paragraphs = data["sections"]["measures"]["items"][1]["paragraphs"]
    paragraphs[0]["text"] = "全年党委会会前学法⟦党委会会前学法=15"
    paragraphs[1]["text"] = "⟧次，组织旁听庭审[[fig:no_such_figure]]次。"
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, findings = run_json(capsys, str(path))
    assert code == 1
    marker = [(f["severity"], f["excerpt"]) for f in findings if f["rule"] == "figure.marker"]
    assert marker == [("error", "⟦党委会会前学法=15"), ("error", "⟧"), ("error", "[[fig:no_such_figure]]")]
    assert any("no_such_figure" in f["message"] for f in findings if f["rule"] == "figure.marker")
    out = tmp_path / "out.docx"
    line = assert_refused(drafter("render", str(path), "-o", str(out)), path, "⟦党委会会前学法=15")
    assert "全年党委会会前学法" in line and "3 place(s)" in line
    assert not out.exists()
