"""``drafter new``, ``compare`` and ``import``: outputs, summaries and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.model import Provenance
from drafter.store import load_answers
from tests.cli_helpers import run_drafter
from tests.conftest import FIXTURES, ROOT
from tests.tui_helpers import example_workspace


def test_new_from_the_example(example_2025: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "2026.json"
    assert main(["--lang", "en", "new", "--year", "2026", "--from", str(example_2025), "-o", str(out)]) == 0
    answers = load_answers(out)
    assert answers.year == 2026 and answers.date is None
    assert answers.figures["leaflets"].value is None and answers.figures["leaflets"].previous == 6800
    assert all(p.provenance is Provenance.CARRIED for _k, s in answers.section_items() for p in s.all_paragraphs())
    assert "2026" in capsys.readouterr().out


def test_new_refuses_to_overwrite_without_force(
    example_2025: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2026.json"
    out.write_text("{}", encoding="utf-8")
    assert main(["--lang", "en", "new", "--from", str(example_2025), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "{}"
    assert "--force" in capsys.readouterr().err
    assert main(["--lang", "en", "new", "--from", str(example_2025), "-o", str(out), "--force"]) == 0
    assert load_answers(out).year == 2026


def test_new_bad_inputs(example_2025: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "new", "--from", str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.json")]) == 2
    assert main(["--lang", "en", "new", "--year", "2024", "--from", str(example_2025), "-o",
                 str(tmp_path / "y.json")]) == 2
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "y.json").exists()
    assert "Traceback" not in capsys.readouterr().err



def test_new_in_a_workspace_names_the_file_as_the_editor_does(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 28 item 1: ``new --workspace`` without ``-o`` carries the newest earlier report of the type forward
    to the next free year, names the file as the start screen does, and refuses a year the workspace has."""
    ws = example_workspace(tmp_path / "ws")
    assert main(["--lang", "en", "new", "--workspace", str(ws)]) == 0
    assert load_answers(ws / "2026.json").figures["leaflets"].previous == 6800  # from 2025.json
    assert main(["--lang", "en", "new", "--workspace", str(ws), "--type", "gongkai"]) == 0
    gongkai = load_answers(ws / "gongkai-2026.json")
    assert (gongkai.pack, gongkai.year) == ("gongkai", 2026)
    assert "started from 2025" in capsys.readouterr().out
    before = (ws / "2026.json").read_bytes()
    assert main(["--lang", "en", "--workspace", str(ws), "new", "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert "2026.json" in err and "already has a report for 2026" in err and "Traceback" not in err
    assert (ws / "2026.json").read_bytes() == before
    with pytest.raises(SystemExit) as refused:  # argparse refuses it before any work, as a bad --year
        main(["--lang", "en", "new", "--workspace", str(ws), "--type", "nosuch"])
    assert refused.value.code == 2
    assert "nosuch is not a report type" in capsys.readouterr().err


def test_new_in_an_empty_workspace_starts_a_blank_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    assert main(["--lang", "en", "new", "--workspace", str(empty), "--year", "2025"]) == 2
    assert "--org" in capsys.readouterr().err and not empty.exists()
    assert main(["--lang", "en", "new", "--workspace", str(empty), "--year", "2025", "--type", "gongkai",
                 "--org", "青禾镇"]) == 0
    assert "blank report for 2025" in capsys.readouterr().out
    blank = load_answers(empty / "gongkai-2025.json")
    assert (blank.org.name, blank.year, blank.sections) == ("青禾镇", 2025, {})
    assert main(["--lang", "en", "new", "--year", "2026"]) == 2  # neither -o nor --workspace
    assert "--workspace" in capsys.readouterr().err


def test_compare(example_2024: Path, example_2025: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "compare", str(example_2024), str(example_2025)]) == 0
    out = capsys.readouterr().out
    assert "发放宣传资料" in out and "→" in out
    assert main(["--lang", "en", "compare", str(example_2024), str(tmp_path / "missing.json")]) == 2


def test_compare_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.factories import make_answers

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(make_answers(figures={"leaflets": {"value": 100}}).to_json(), encoding="utf-8")
    b.write_text(make_answers(figures={"leaflets": {"value": 300}}).to_json(), encoding="utf-8")
    assert main(["--lang", "en", "compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "+200.0%" in out and "more than 50%" in out


def test_import_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "001_9016071757988ef3.docx"
    if not source.is_file():
        pytest.skip("fixture not available")
    out = tmp_path / "answers.json"
    assert main(["--lang", "en", "import", str(source), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "→ measures" in text and "→ duty" in text
    assert "3 paragraphs not recognised" in text and "1, 5, 45" in text
    assert load_answers(out).org.name == "光辉镇"
    assert main(["--lang", "en", "import", str(source), "-o", str(out)]) == 2  # exists, no --force
    assert main(["--lang", "en", "import", str(source), "-o", str(out), "--force", "--year", "2022"]) == 0
    assert load_answers(out).year == 2022



def test_import_into_a_workspace_names_the_file_as_the_editor_does(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "001_9016071757988ef3.docx"
    assert source.is_file(), "the shared fixture is needed"
    ws = tmp_path / "ws"
    assert main(["--lang", "en", "import", str(source), "--workspace", str(ws), "--year", "2022"]) == 0
    assert f"Answers written to {ws / '2022.json'}" in capsys.readouterr().out
    assert load_answers(ws / "2022.json").org.name == "光辉镇"
    assert main(["--lang", "en", "import", str(source), "--workspace", str(ws), "--year", "2022"]) == 2
    assert "already has a report for 2022" in capsys.readouterr().err


def test_import_bad_source_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    proc = run_drafter("--lang", "en", "import", bad, "-o", tmp_path / "a.json")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and str(bad) in proc.stderr
    assert not (tmp_path / "a.json").exists()


def test_cli_reuse_does_not_load_the_ui(tmp_path: Path) -> None:
    code = (
        "import sys; from drafter.cli import main; "
        f"main(['compare', {str(ROOT / 'examples/qinghe/2024.json')!r}, {str(ROOT / 'examples/qinghe/2025.json')!r}]); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_reuse_layers_do_not_import_textual() -> None:
    code = (
        "import sys, drafter.importer, drafter.reuse, drafter.compare, drafter.commands.reuse; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
