"""The command line as a user meets it: real files, exit codes, one-line errors (the command runs in this process
through tests.cli_helpers; a real process where the process is under test: a pipe its reader closes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run_drafter
from tests.factories import answers_dict


def drafter(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_drafter(*args, cwd=cwd)


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_render_writes_the_docx_and_says_where(tmp_path: Path) -> None:
    src = write(tmp_path / "2025.json", answers_dict())
    out = tmp_path / "out" / "report.docx"
    result = drafter("render", src, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file() and out.stat().st_size > 5000
    assert str(out.resolve()) in result.stdout


def test_render_defaults_to_beside_the_answers(tmp_path: Path) -> None:
    src = write(tmp_path / "2025.json", answers_dict())
    assert drafter("render", src).returncode == 0
    assert (tmp_path / "2025.docx").is_file()


def test_validate_reports_empty_required_parts(tmp_path: Path) -> None:
    data = answers_dict()
    del data["sections"]["duty"]
    result = drafter("--lang", "en", "validate", write(tmp_path / "a.json", data))
    assert result.returncode == 0
    assert "valid answers for 南溪乡" in result.stdout
    assert "第一责任人职责" in result.stdout  # the part's label from the pack


def test_schema_prints_the_json_schema() -> None:
    result = drafter("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Answers"
    assert "schema_version" in schema["properties"]
    assert schema["properties"]["year"]["description"].startswith("The year being reported on")


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    wrong_type = answers_dict(year="二〇二五")
    unknown_section = answers_dict()
    unknown_section["sections"]["achievements"] = {}
    unknown_figure = answers_dict(figures={"made_up": {"value": 3}})
    typed_rate = answers_dict(figures={"dispute_success_rate": {"value": 95}})
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"org": {"name": "南溪乡"},\n "year": 2025,,}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes('{"org": "é"}'.encode("latin-1"))
    (tmp_path / "future.json").write_text(json.dumps(answers_dict(schema_version=99)), encoding="utf-8")
    (tmp_path / "folder.json").mkdir()
    return {
        "missing file": (tmp_path / "nope.json", "file not found"),
        "empty file": (tmp_path / "empty.json", "empty"),
        "invalid JSON": (tmp_path / "broken.json", "line 2"),
        "not an object": (tmp_path / "list.json", "JSON object"),
        "not UTF-8": (tmp_path / "latin1.json", "UTF-8"),
        "newer schema": (tmp_path / "future.json", "newer"),
        "a folder": (tmp_path / "folder.json", "folder"),
        "wrong type": (write(tmp_path / "type.json", wrong_type), "field year"),
        "unknown section": (write(tmp_path / "sect.json", unknown_section), "field sections.achievements"),
        "unknown figure": (write(tmp_path / "fig.json", unknown_figure), "figures.made_up"),
        "typed rate": (write(tmp_path / "rate.json", typed_rate), "figures.dispute_success_rate"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing file",
        "empty file",
        "invalid JSON",
        "not an object",
        "not UTF-8",
        "newer schema",
        "a folder",
        "wrong type",
        "unknown section",
        "unknown figure",
        "typed rate",
    ],
)
@pytest.mark.parametrize("command", ["render", "validate"])
def test_bad_input_gives_one_clear_line_and_exit_2(tmp_path: Path, case: str, command: str) -> None:
    path, fragment = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.docx"
    args = [command, path, "-o", out] if command == "render" else [command, path]
    result = drafter("--lang", "en", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and fragment in lines[0]
    assert not out.exists()
    assert not list(tmp_path.glob(".out.docx*"))  # no temporary file left behind


def test_failed_render_keeps_the_previous_output(tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", answers_dict())
    out = tmp_path / "report.docx"
    assert drafter("render", good, "-o", out).returncode == 0
    before = out.read_bytes()
    bad = write(tmp_path / "bad.json", answers_dict(year=1))
    assert drafter("render", bad, "-o", out).returncode == 2
    assert out.read_bytes() == before


def test_help_lists_the_commands() -> None:
    result = drafter("--lang", "en", "--help")
    assert result.returncode == 0
    for command in ("render", "validate", "schema"):
        assert command in result.stdout


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    src = write(tmp_path / "2025.json", answers_dict())
    out = tmp_path / "report.docx"
    assert drafter("render", src, "-o", out).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    out.chmod(0o640)
    assert drafter("render", src, "-o", out).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_output_cut_short_by_the_reader_is_not_a_traceback() -> None:
    result = subprocess.run(
        f"{sys.executable} -m drafter schema | head -c 10", shell=True, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
