"""The in-process runner of the command line (tests.cli_helpers.run_drafter) answers as a real ``python -m drafter``
does, and leaves this process as it found it — the other command-line tests rely on both."""

from __future__ import annotations

import argparse
import gettext
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from drafter.cli import COMMAND_MODULES
from drafter.i18n import _, language
from tests.cli_helpers import drafter_process, run_drafter

from .conftest import DATA, EXAMPLES

CASES: list[list[str]] = [
    ["--help"],
    ["--lang", "en", "validate", str(EXAMPLES / "2025.json")],
    ["validate", str(DATA / "answers-invalid.json")],
    ["--lang", "en", "render", str(DATA / "answers-wrong-types.json")],
    ["--lang", "en", "rendr"],
    ["--lang", "en", "compare", str(EXAMPLES / "2024.json"), str(EXAMPLES / "2025.json")],
]
"""Commands whose whole output is compared: help, success, bad input in both languages, a usage error."""


@pytest.mark.parametrize("args", CASES, ids=[" ".join(Path(a).name for a in case) for case in CASES])
def test_in_process_run_answers_as_the_real_process(args: list[str]) -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    inside = run_drafter(*args, env=environment)
    real = drafter_process(*args, env=environment)
    assert (inside.returncode, inside.stdout, inside.stderr) == (real.returncode, real.stdout, real.stderr)


def test_the_language_is_chosen_afresh_by_each_run_and_restored_after() -> None:
    before, domain = language(), gettext.textdomain()
    chinese = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    assert "用法：" in run_drafter("--help", env=chinese).stdout
    assert "usage: " in run_drafter("--help", env={**chinese, "DRAFTER_LANG": "en"}).stdout
    assert "用法：" in run_drafter("--help", env=chinese).stdout  # nothing of the English run is left over
    assert "usage: " in run_drafter("--lang", "en", "--help", env=chinese).stdout
    assert language() == before and gettext.textdomain() == domain


def test_environment_folder_and_streams_are_given_back(tmp_path: Path) -> None:
    environ, cwd = dict(os.environ), os.getcwd()
    streams, argv = (sys.stdin, sys.stdout, sys.stderr), sys.argv
    out = tmp_path / "r.docx"
    result = run_drafter("render", EXAMPLES / "2025.json", "-o", out.name, cwd=tmp_path,
                         env={**os.environ, "DRAFTER_LANG": "zh_CN"})
    assert result.returncode == 0, result.stderr
    assert out.is_file()  # a relative output lands in the given folder
    assert str(out) in result.stdout and "已" in result.stdout  # Chinese from the given environment
    assert dict(os.environ) == environ and os.getcwd() == cwd
    assert (sys.stdin, sys.stdout, sys.stderr) == streams and sys.argv is argv
    assert _("file not found") == "file not found"  # the tests' English (conftest) is back


def _schema_module() -> ModuleType:
    """The module of ``drafter schema``, whose ``cmd_schema`` a test replaces to see what a command meets."""
    module = next(name for name, commands in COMMAND_MODULES.items() if "schema" in commands)
    return importlib.import_module(module)


def test_exit_codes_and_an_escaping_exception_as_a_process_gives_them(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_drafter("--help").returncode == 0  # argparse ends with SystemExit(0)
    usage = run_drafter("render")  # a required argument missing: SystemExit(2), usage on stderr
    assert usage.returncode == 2 and "usage: drafter render" in usage.stderr
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(_schema_module(), "cmd_schema", broken)
    crashed = run_drafter("schema")
    assert crashed.returncode == 1
    assert crashed.stderr.startswith("Traceback") and "RuntimeError: a bug" in crashed.stderr


def test_stdin_is_empty_and_no_stream_is_a_terminal() -> None:
    seen: list[object] = []

    def look(args: argparse.Namespace) -> int:
        seen.extend([sys.stdin.read(), sys.stdin.isatty(), sys.stdout.isatty(), sys.stderr.isatty()])
        return 0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_schema_module(), "cmd_schema", look)
        assert run_drafter("schema").returncode == 0
    assert seen == ["", False, False, False]
