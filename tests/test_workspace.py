"""The workspace core (no textual): file names, the years taken, creating, carrying forward, changing the year,
removing and putting back, listing the reports quickly and in full; states, completeness, modest backups."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import workspace
from drafter.errors import DrafterError
from drafter.model import Answers, Organisation, Paragraph, Provenance, Section, year_problem
from drafter.pack import load_pack
from drafter.store import backups, load_answers, save_answers
from drafter.workspace import Session, completeness, scan, section_state
from tests.conftest import EXAMPLES, ROOT
from tests.tui_helpers import example_workspace

PACK = load_pack()


def test_scan_lists_good_and_broken_files_newest_first(tmp_path: Path) -> None:
    save_answers(tmp_path / "2024.json", load_answers(EXAMPLES / "2024.json"), keep=0)
    (tmp_path / "2025.json").write_text("[]", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a report: ignored
    entries = scan(tmp_path)
    assert [e.year for e in entries] == [2025, 2024]
    assert not entries[0].ok and "JSON object" in (entries[0].error or "")
    assert entries[1].ok and completeness(entries[1].answers, PACK) == 100  # type: ignore[arg-type]


def test_section_states() -> None:
    assert section_state(None) == "empty"
    assert section_state(Section()) == "empty"
    assert section_state(Section(intro=[Paragraph(text="甲。")])) == "complete"
    carried = Section(intro=[Paragraph(text="甲。", provenance=Provenance.CARRIED)])
    assert section_state(carried) == "draft"


def test_autosave_keeps_backups_modest(tmp_path: Path) -> None:
    path = tmp_path / "2025.json"
    answers = Answers(org=Organisation(name="青禾镇"), year=2025)
    save_answers(path, answers, keep=0)
    session = Session(path, answers, PACK)
    for n in range(10):
        answers.opening = f"第{n}稿。"
        session.save()
    assert load_answers(path).opening == "第9稿。"
    assert len(backups(path)) == 1  # one backup per minute, not one per keystroke


def test_workspace_helpers_do_not_import_textual() -> None:
    import subprocess

    code = "import sys, drafter.workspace; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False"


def test_the_quick_list_reads_year_and_township_without_the_model(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")  # the two report types the expected list names
    data = json.loads((ws / "2024.json").read_text(encoding="utf-8"))
    org = data.pop("org")
    data["org"] = org  # another tool's key order: the township comes after 12 kB of sections
    (ws / "2024.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (ws / "2023.json").write_text('{"org": {"name": "青禾', encoding="utf-8")  # cut short
    (ws / "notes.json").write_text("{}", encoding="utf-8")
    (ws / "notes-2025.json").write_text("{}", encoding="utf-8")  # no report type is called notes: not a report
    code = (
        "import sys; from pathlib import Path; from drafter.workspace import list_reports\n"
        f"lines = list_reports(Path({str(ws)!r}))\n"
        "print([(line.year, line.name, line.pack) for line in lines])\n"
        "print(sorted(m for m in ('pydantic', 'jinja2', 'babel') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.splitlines() == [
        "[(2025, '青禾镇', 'fazhi-zhengfu'), (2025, '青禾镇', 'gongkai'), (2024, '青禾镇', 'fazhi-zhengfu'), "
        "(2024, '青禾镇', 'gongkai'), (2023, None, 'fazhi-zhengfu')]", "[]"]


def test_the_start_screen_process_never_imports_the_model_or_the_editor(tmp_path: Path) -> None:
    """From start to quit, a session that only lists the reports imports no pydantic, jinja or editor screen
    (quitting used to import the editor to look for one to save, which cost a whole editor's import)."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES, ws)
    env = {**os.environ, "DRAFTER_EXIT_WHEN_READY": "listed"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "drafter", "--lang", "en", "--workspace",
                             str(ws)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "drafter.workspace" in imported  # the list was read
    assert imported & {"pydantic", "jinja2", "drafter.model", "drafter.tui.screens.editor"} == set()


def test_file_names_are_read_back_as_they_are_made() -> None:
    for pack, year in (("fazhi-zhengfu", 2025), ("gongkai", 2026)):
        assert workspace.parse_report_file(workspace.report_file(pack, year)) == (pack, year)
    assert workspace.report_file("fazhi-zhengfu", 2025) == "2025.json"  # the default pack's files: the year alone
    assert workspace.parse_report_file("notes-2025.json") is None  # no report type is called notes
    assert workspace.parse_report_file("2025.json.tmp") is None


def test_the_years_taken_come_from_the_file_names(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    (ws / "2023.json").write_text("[]", encoding="utf-8")  # unreadable, yet its year is taken
    assert workspace.years_taken(ws) == {"fazhi-zhengfu": {2023, 2024, 2025}, "gongkai": {2024, 2025}}
    taken = workspace.years_taken(ws)
    assert year_problem("2023", taken["gongkai"]) == ""
    assert "already has a report for 2023" in year_problem("2023", taken["fazhi-zhengfu"])
    assert "not a report year" in year_problem("23", taken["gongkai"])
    assert workspace.next_year(ws, "gongkai") == 2026
    assert workspace.next_year(tmp_path / "empty", "gongkai") == workspace.default_year()
    assert workspace.township(ws) == "青禾镇" and workspace.township(tmp_path / "empty") is None


def test_carry_forward_takes_the_newest_earlier_readable_report_of_the_type(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    (ws / "2025.json").write_text("[]", encoding="utf-8")  # damaged: the 2024 report is the newest that reads
    assert workspace.carry_source(ws, "fazhi-zhengfu", 2026) == ws / "2024.json"
    assert workspace.carry_source(ws, "gongkai", 2026) == ws / "gongkai-2025.json"
    assert workspace.carry_source(ws, "gongkai", 2024) is None
    answers = workspace.carried_forward(ws, "gongkai", 2026)
    assert (answers.pack, answers.year) == ("gongkai", 2026)
    assert workspace.create(ws, answers) == ws / "gongkai-2026.json"
    with pytest.raises(DrafterError, match="already has a report for 2026"):
        workspace.create(ws, answers)
    with pytest.raises(DrafterError, match="no report before 2024"):
        workspace.carried_forward(ws, "gongkai", 2024)


def test_changing_the_year_renames_the_file_and_refuses_a_taken_year(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    path = ws / "gongkai-2025.json"
    session = workspace.open_report(path, load_answers(path))
    assert session.previous is not None and session.previous.year == 2024
    with pytest.raises(DrafterError, match="already has a report for 2024"):
        workspace.change_year(session, 2024)
    assert workspace.change_year(session, 2026) == ws / "gongkai-2026.json"
    assert not path.exists() and load_answers(ws / "gongkai-2026.json").year == 2026
    other = ws / "mine.json"  # a file named otherwise keeps its name
    shutil.copy(ws / "2024.json", other)
    assert workspace.year_path(other, "fazhi-zhengfu", 2024, 2030) == other


def test_remove_and_put_back(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    path = ws / "2024.json"
    kept = workspace.remove(path)
    assert not path.exists() and 2024 not in workspace.years_taken(ws)["fazhi-zhengfu"]
    workspace.put_back(kept, path)
    assert load_answers(path).year == 2024


def test_each_pack_has_its_own_snippets() -> None:
    fazhi, gongkai = workspace.pack_of("fazhi-zhengfu"), workspace.pack_of("gongkai")
    assert {s.id for s in workspace.snippets_of(fazhi).snippets}.isdisjoint(
        {s.id for s in workspace.snippets_of(gongkai).snippets})
    assert any(s.id == "gk-platform" for s in workspace.snippets_of(gongkai).snippets)
