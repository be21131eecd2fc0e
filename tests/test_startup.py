"""Start-up of the ``drafter`` process: what makes a cold ``drafter render`` quick must not change what it does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qinghe" / "2025.json"


def _run_as_process(argv: list[str]) -> str:
    """Run ``main(argv)`` as the whole process, as the ``drafter`` command does, and report the collector's state
    once the command is done."""
    code = (
        "import gc\n"
        "from drafter.cli import main\n"
        f"code = main({argv!r}, whole_process=True)\n"
        "print('CODE', code, 'ENABLED', gc.isenabled(), 'FROZEN', gc.get_freeze_count() > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_one_shot_render_writes_the_report_and_leaves_nothing_for_the_last_collection(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    shown = _run_as_process(["render", str(EXAMPLE), "-o", str(out)])
    assert "Report written to" in shown
    assert "CODE 0 ENABLED False FROZEN True" in shown
    import docx

    assert "青禾镇" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_a_command_that_keeps_running_gets_the_collector_back(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    assert "CODE 0" in _run_as_process(["render", str(EXAMPLE), "-o", str(out)])
    shown = _run_as_process(["check", str(out)])  # not a one-shot command: the collector runs as usual
    assert "ENABLED True FROZEN False" in shown

