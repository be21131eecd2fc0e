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
