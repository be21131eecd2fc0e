"""The UI's plain helpers (no textual): workspace scanning, states, completeness, saving with modest backups."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from drafter.model import Answers, Organisation, Paragraph, Provenance, Section
from drafter.pack import load_pack
from drafter.store import backups, load_answers, save_answers
from drafter.tui.session import Session
from drafter.tui.workspace import completeness, scan, section_state
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

    code = "import sys, drafter.tui.workspace, drafter.tui.session; print('textual' in sys.modules)"
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
        "import sys; from pathlib import Path; from drafter.tui.workspace import list_reports\n"
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
    assert "drafter.tui.workspace" in imported  # the list was read
    assert imported & {"pydantic", "jinja2", "drafter.model", "drafter.tui.screens.editor"} == set()
