"""``drafter render-batch``: many reports in one command, on worker processes, with per-file errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from tests.test_bad_input import assert_refused, drafter

from .conftest import DATA


def _inputs(folder: Path, count: int) -> list[Path]:
    files = []
    for n in range(count):
        target = folder / f"report-{n:02d}.json"
        shutil.copyfile(DATA / "answers-v1.json", target)
        files.append(target)
    return files


def test_batch_renders_every_file_on_workers(tmp_path: Path) -> None:
    files = _inputs(tmp_path, 9)  # enough to use the worker pool
    outdir = tmp_path / "out"
    result = drafter("render-batch", *map(str, files), "--outdir", str(outdir), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "9 of 9 reports written" in result.stdout
    outs = sorted(outdir.glob("*.docx"))
    assert [p.stem for p in outs] == [f.stem for f in files]
    for out in outs:
        assert "完善议事规则" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_batch_reports_each_bad_file_and_renders_the_rest(tmp_path: Path) -> None:
    files = _inputs(tmp_path, 8)
    bad = tmp_path / "broken.json"
    shutil.copyfile(DATA / "answers-invalid.json", bad)
    outdir = tmp_path / "out"
    result = drafter("render-batch", *map(str, [*files, bad]), "--outdir", str(outdir))
    assert_refused(result, bad, "not valid JSON")
    assert "8 of 9 reports written" in result.stdout
    assert len(list(outdir.glob("*.docx"))) == 8
    assert not (outdir / "broken.docx").exists()


def test_batch_refuses_two_inputs_with_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "2025.json", tmp_path / "b" / "2025.json"
    for target in (first, second):
        shutil.copyfile(DATA / "answers-v1.json", target)
    result = drafter("render-batch", str(first), str(second), "--outdir", str(tmp_path / "out"))
    assert_refused(result, second, "same name")
    assert not (tmp_path / "out").exists()
