"""The UI's command-line entry points and the layering rule (the render path never loads textual)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from drafter.cli import main
from tests.conftest import ROOT


def test_render_path_does_not_import_textual() -> None:
    code = (
        "import sys; from drafter.cli import build_parser; build_parser(); import drafter.pipeline, drafter.snippets; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_edit_refuses_a_corrupt_file_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "2025.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["--lang", "en", "edit", str(bad)]) == 2


def test_bare_command_opens_the_workspace_ui(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    env = dict(os.environ, DRAFTER_EXIT_WHEN_READY="listed", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "drafter", "--lang", "en", "--workspace", str(ws)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert ws.is_dir()  # the workspace folder is created for a first-time clerk
