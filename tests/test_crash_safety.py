"""Crash safety: saves killed at random moments never leave a damaged answers file; damaged files restore."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.model import Answers
from drafter.store import (
    BACKUP_DIR,
    answers_files,
    backups,
    is_temporary,
    load_answers,
    newest_good_backup,
    remove_stale_temporaries,
    save_answers,
)
from tests.cli_helpers import run_drafter
from tests.factories import answers_dict, make_answers

KILLS = 40


def _versions() -> tuple[Answers, Answers]:
    small = make_answers()
    big = answers_dict()
    big["sections"]["other"] = {"intro": [{"text": f"第{n}段：" + "依法行政" * 200} for n in range(300)]}
    return small, Answers.model_validate(big)


def _save_forever(path: str, keep: int) -> None:
    small, big = _versions()
    target = Path(path)
    n = 0
    while True:
        save_answers(target, big if n % 2 else small, keep=keep)
        n += 1


def _drafter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_drafter("--lang", "en", *args, cwd=cwd)


def test_sigkill_during_saves_leaves_old_or_new_version(tmp_path: Path) -> None:
    small, big = _versions()
    expected = {small.to_json(), big.to_json()}
    assert len(expected) == 2
    path = tmp_path / "2025.json"
    save_answers(path, small)
    ctx = multiprocessing.get_context("fork")
    seed = int.from_bytes(os.urandom(4), "big")  # a new set of kill instants on every run; printed when one fails
    rng = random.Random(seed)
    for _ in range(KILLS):
        proc = ctx.Process(target=_save_forever, args=(str(path), 5))
        proc.start()
        time.sleep(rng.uniform(0.005, 0.12))
        assert proc.pid is not None
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        assert proc.exitcode == -signal.SIGKILL
        text = path.read_text(encoding="utf-8")
        assert text in expected, f"seed {seed}"  # byte for byte the old or the new version, never a mixture
        assert load_answers(path) in (small, big)
        assert len(backups(path)) <= 5, f"seed {seed}: {len(backups(path))} backups after a kill, above the cap"
    # Whatever an interrupted save left behind is a hidden .tmp file that no listing takes for answers.
    leftovers = [p for p in tmp_path.iterdir() if p.name not in ("2025.json", BACKUP_DIR)]
    assert all(is_temporary(p) for p in leftovers), leftovers
    assert answers_files(tmp_path) == [path]
    # Backups are capped and each one that exists parses.
    kept = backups(path)
    assert 0 < len(kept) <= 5, f"seed {seed}"
    assert all(p.suffix == ".json" for p in kept)
    assert newest_good_backup(path) is not None
    # Old leftovers (beside the file and among its backups) are cleaned up by the next save.
    backup_dir = tmp_path / BACKUP_DIR / "2025"
    for tmp in [*leftovers, *backup_dir.iterdir()]:
        if is_temporary(tmp):
            os.utime(tmp, (0, 0))
    save_answers(path, small)
    assert [p for p in [*tmp_path.iterdir(), *backup_dir.iterdir()] if is_temporary(p)] == []


def test_stale_temporaries_only_old_ones_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    fresh = tmp_path / ".a.json.fresh.tmp"
    stale = tmp_path / ".a.json.stale.tmp"
    other = tmp_path / ".b.json.stale.tmp"
    for p in (fresh, stale, other):
        p.write_text("{", encoding="utf-8")
    os.utime(stale, (0, 0))
    os.utime(other, (0, 0))
    assert remove_stale_temporaries(path) == 1
    assert fresh.exists() and not stale.exists() and other.exists()


def _damaged(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "2025.json"
    first = make_answers()
    second = make_answers(year=2024)
    save_answers(path, first)
    save_answers(path, second)  # first is now the newest backup
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "content",
    [b"", b'{"schema_version": 1, "org": {"name": "\xe5\x8d\x97', b"\xff\xfe\x00garbage"],
    ids=["empty", "truncated", "binary"],
)
def test_damaged_file_names_backup_and_restore_command(tmp_path: Path, content: bytes) -> None:
    path = _damaged(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load_answers(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"drafter restore {path}" in message
    for command in ("validate", "render"):
        result = _drafter(command, str(path))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "drafter restore" in lines[0] and str(path) in lines[0]
        assert "Traceback" not in result.stderr
    assert not path.with_suffix(".docx").exists()


def test_restore_puts_back_newest_good_backup_and_keeps_damaged_file(tmp_path: Path) -> None:
    damaged = b'{"schema_version": 1, "org": {"na'
    path = _damaged(tmp_path, damaged)
    # A damaged backup newer than the good one is skipped.
    newest = backups(path)[0]
    bad_backup = newest.with_name("99991231T235959000000000.json")
    bad_backup.write_text("{", encoding="utf-8")
    result = _drafter("restore", str(path))
    assert result.returncode == 0, result.stderr
    assert load_answers(path) == make_answers()
    asides = sorted(tmp_path.glob("2025.corrupt-*.json"))
    assert len(asides) == 1
    assert asides[0].read_bytes() == damaged
    assert "restored" in result.stdout and str(asides[0]) in result.stdout
    assert ": 南溪乡, the report on 2025" in result.stdout and result.stderr == ""  # the damaged file names neither
    # A file that loads is not replaced without --force, and --force keeps it as a backup first.
    again = _drafter("restore", str(path))
    assert again.returncode == 2 and "--force" in again.stderr
    before = len(backups(path))
    forced = _drafter("restore", "--force", str(path))
    assert forced.returncode == 0, forced.stderr
    assert len(backups(path)) == before + 1


@pytest.mark.parametrize("damage", ["invalid", "truncated"])
def test_restore_names_what_it_restores_and_warns_when_the_backup_is_of_another_report(
    tmp_path: Path, damage: str
) -> None:
    """The backups kept under a file's name can be of another report (a file renamed or copied over): restore
    says whose report and which year it puts back, and warns when the damaged file named another."""
    path = tmp_path / "2025.json"
    other = answers_dict(year=2024)
    other["org"]["name"] = "北山镇"
    save_answers(path, Answers.model_validate(other))
    save_answers(path, make_answers())  # 南溪乡 2025 now; the backup is 北山镇's 2024 report
    text = path.read_text(encoding="utf-8")
    if damage == "invalid":  # still JSON, no longer valid answers
        damaged = text.replace('"year": 2025', '"year": 2025, "mayor": "?"')
        assert damaged != text
    else:  # cut short after the year
        damaged = text[:text.index('"year": 2025') + len('"year": 2025,')]
    path.write_text(damaged, encoding="utf-8")
    result = _drafter("restore", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{path}: restored the backup from " in result.stdout
    assert ": 北山镇, the report on 2024" in result.stdout
    assert result.stderr.splitlines() == [
        f"drafter: warning: {path}: the backup is of 北山镇, the replaced file was of 南溪乡",
        f"drafter: warning: {path}: the backup reports on 2024, the replaced file on 2025",
    ]
    assert load_answers(path).org.name == "北山镇"  # restored all the same: the damaged file is kept aside
    assert [p.read_text(encoding="utf-8") for p in tmp_path.glob("2025.corrupt-*.json")] == [damaged]


def test_restore_without_backup_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lonely.json"
    path.write_text("{", encoding="utf-8")
    result = _drafter("restore", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"drafter: {path}: there is no good backup of this file to restore"
    assert path.read_text(encoding="utf-8") == "{"  # left untouched


def test_opening_a_file_in_the_editor_enforces_the_backup_cap(tmp_path: Path) -> None:
    from drafter.pack import load_pack
    from drafter.store import BACKUPS_KEPT, backup_folder
    from drafter.workspace import Session

    path = tmp_path / "2025.json"
    save_answers(path, make_answers())
    folder = backup_folder(path)
    folder.mkdir(parents=True)
    for n in range(BACKUPS_KEPT + 3):  # as a save killed between writing a backup and pruning could leave them
        (folder / f"20250101T0000{n:02d}000000000.json").write_bytes(path.read_bytes())
    Session(path=path, answers=load_answers(path), pack=load_pack())
    kept = backups(path)
    assert len(kept) == BACKUPS_KEPT
    assert kept[-1].name == "20250101T000003000000000.json"  # the oldest three went
