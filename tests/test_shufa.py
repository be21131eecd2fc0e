"""The third report type, 党政主要负责人年度述法报告 (``templates/shufa``), made of pack data only: it renders as a
report signed by a person, checks clean, imports its own rendered .docx back as itself, appears in the survey, and
the editor opens it. What is asserted is what the clerk or the county sees."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from drafter.cli import main
from drafter.compose import Kind, compose
from drafter.pack import Role, load_pack
from drafter.store import load_answers
from drafter.tui.app import make_app
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.generated import GeneratedScreen
from tests.conftest import EXAMPLES
from tests.tui_helpers import example_workspace, screen_rows, wait_until, workspace_read

EXAMPLE = EXAMPLES / "shufa-2025.json"
SIGNER = "青禾镇党委书记 林晓峰"


def test_the_pack_is_signed_by_a_person_and_gives_its_parts_roles() -> None:
    pack = load_pack("shufa")
    assert pack.spec.signed_by == "person"
    assert {role: pack.spec.key_of(role) for role in Role} == {
        Role.MEASURES: "lvzhi", Role.PROBLEMS: "buzu", Role.DUTY: None, Role.PLAN: "dasuan", Role.OTHER: "qita"}
    doc = compose(load_answers(EXAMPLE), pack)
    assert doc.title == "2025年度述法报告"
    assert [b.text for b in doc.blocks if b.kind is Kind.SIGNATURE] == [SIGNER]
    assert doc.masthead is None
    assert "我认真履行推进法治建设第一责任人职责" in doc.text()


def test_the_example_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check", str(EXAMPLE), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_the_rendered_pdf_is_signed_by_the_person(tmp_path: Path) -> None:
    assert shutil.which("soffice") and shutil.which("pdftotext"), "LibreOffice and poppler are needed"
    source = tmp_path / "shufa-2025.json"
    shutil.copy(EXAMPLE, source)
    assert main(["render", str(source), "--pdf"]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(source.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert lines[0] == "2025 年度述法报告" or lines[0].replace(" ", "") == "2025年度述法报告"
    assert lines[1].startswith("县委全面依法治县委员会办公室")
    tail = [line for line in lines if not line.startswith("—")][-2:]
    assert [t.replace(" ", "") for t in tail] == ["青禾镇党委书记林晓峰", "2026年1月16日"]
    assert main(["render", str(source), "--copy", "submission", "-o", str(tmp_path / "sub.docx")]) == 2
    assert not (tmp_path / "sub.docx").exists()


def test_its_own_docx_imports_back_as_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "shufa-2025.json"
    shutil.copy(EXAMPLE, source)
    assert main(["render", str(source)]) == 0
    back = tmp_path / "back.json"
    assert main(["--lang", "en", "import", str(source.with_suffix(".docx")), "-o", str(back)]) == 0
    capsys.readouterr()
    imported, original = load_answers(back), load_answers(EXAMPLE)
    assert imported.pack == "shufa"  # told by its import.toml words, not by anything in code
    assert imported.org.name == "青禾镇" and imported.org.signatories == [SIGNER]
    assert imported.org.recipients == original.org.recipients and imported.date == original.date
    assert imported.opening is None  # the pack's own opening, recognised as such
    assert {k: v.value for k, v in imported.figures.items()} == {k: v.value for k, v in original.figures.items()}
    pack = load_pack("shufa")
    assert compose(imported, pack).text() == compose(original, pack).text()
    assert main(["check", str(back), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_the_survey_lists_it_as_its_own_type(tmp_path: Path) -> None:
    out = tmp_path / "survey.xlsx"
    assert main(["--lang", "en", "survey", str(EXAMPLE), str(EXAMPLES / "2025.json"), "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["报告概况"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=2)]
    row = next(r for r in rows if str(r["文件"]).endswith("shufa-2025.json"))
    assert "党政主要负责人年度述法报告" in str(row.values())
    assert row["履职情况"] == "present" and row["不足原因"] == "given"


async def test_the_editor_opens_it_asks_who_signs_and_writes_the_report(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws", types=("shufa",))
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(110, 34)) as pilot:
        await workspace_read(pilot)
        await wait_until(pilot, lambda: any("党政主要负责人年度述法报告" in row for row in screen_rows(app)),
                         "the 述法 report in the list")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        shown = "".join(screen_rows(app))
        assert all(label in shown for label in ("履职情况", "不足和原因", "下一步打算"))
        assert "Signed by" in shown and SIGNER in shown
        assert "Submission" not in shown and "Title form" not in shown
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, GeneratedScreen), "the report written")
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert (ws / "shufa-2025.docx").is_file()
