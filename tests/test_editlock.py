"""Two editors on one answers file: the second opens it read-only (drafter.editlock), a stale lock is taken over, a
lock that cannot be taken opens the file read-only, and a lock whose holder cannot be verified alive is taken over
only when the clerk says so."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from drafter.editlock import EditLock, Holder, Unavailable, Unverified, acquire, lock_path, process_started
from drafter.tui.app import DrafterApp, make_app
from tests.tui_helpers import example_workspace, type_text, wait_until


def hold_lock(path: Path, pid: int, host: str | None = None, started: str | None = None) -> None:
    """A lock naming process ``pid`` as drafter writes it (its start time read from the system unless given)."""
    if started is None:
        started = process_started(pid)
        assert started, f"the start time of process {pid} cannot be read on this system"
    holder = {"pid": pid, "host": host or socket.gethostname(), "since": "2026-01-05 09:30", "started": started}
    lock_path(path).write_text(json.dumps(holder), encoding="utf-8")


async def test_a_file_open_elsewhere_opens_read_only_and_is_never_written(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    report = ws / "2025.json"
    before = report.read_bytes()
    hold_lock(report, os.getppid())  # a live process on this machine: the other tab or window
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.read_only
        shown = [n.message for n in app._notifications]
        assert any("2025.json is being edited in another tab or window (since 2026-01-05 09:30)" in m for m in shown)
        await pilot.press("f3")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea) and area.read_only
        await type_text(pilot, "lost?")
        assert "lost?" not in area.text
        await pilot.press("escape")
        await pilot.pause()
    assert report.read_bytes() == before
    assert json.loads(lock_path(report).read_text(encoding="utf-8"))["pid"] == os.getppid()  # not ours to remove


async def test_a_lock_left_by_a_dead_process_is_taken_over_and_released(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    report = ws / "2025.json"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    hold_lock(report, int(gone.stdout), started="ended")
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and not app.session.read_only
        assert json.loads(lock_path(report).read_text(encoding="utf-8"))["pid"] == os.getpid()
        await pilot.press("escape")
        await pilot.pause()
        assert not lock_path(report).exists()  # back at the list: the file is free again


def test_acquire_returns_the_holder_of_a_live_lock(tmp_path: Path) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    hold_lock(report, os.getppid())
    got = acquire(report)
    assert isinstance(got, Holder) and got.pid == os.getppid()
    lock_path(report).unlink()
    mine = acquire(report)
    assert isinstance(mine, EditLock) and not mine.released
    mine.release()
    assert not lock_path(report).exists()


async def test_closing_the_browser_tab_saves_and_frees_the_file(tmp_path: Path) -> None:
    from textual import messages

    ws = example_workspace(tmp_path / "ws")
    report = ws / "2025.json"
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert lock_path(report).exists()
        await type_text(pilot, "TabClosed")
        app.post_message(messages.ExitApp())  # what textual-serve's web driver posts when the tab is closed
        await pilot.pause()
    assert "TabClosed" in report.read_text(encoding="utf-8")  # typed within the autosave delay, saved anyway
    assert not lock_path(report).exists()


# ---- issue 24: locks that failed open or never let go ----------------------------------------------------------

@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    """A live process of this computer that is not drafter."""
    process = subprocess.Popen(["sleep", "600"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def _shown(app: DrafterApp) -> list[str]:
    return [n.message for n in app._notifications]


def test_the_lock_records_host_and_process_start_time(tmp_path: Path) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    mine = acquire(report)
    assert isinstance(mine, EditLock)
    written = json.loads(lock_path(report).read_text(encoding="utf-8"))
    assert written["pid"] == os.getpid() and written["host"] == socket.gethostname()
    assert written["started"] and written["started"] == process_started(os.getpid())
    mine.release()


def test_a_lock_held_by_another_drafter_process_is_respected(tmp_path: Path) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from drafter.editlock import acquire; "
            "lock = acquire(Path(sys.argv[1])); print(type(lock).__name__, flush=True); sys.stdin.read()")
    other = subprocess.Popen([sys.executable, "-c", code, str(report)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "EditLock"
        got = acquire(report)
        assert isinstance(got, Holder) and got.pid == other.pid
    finally:
        other.kill()
        other.wait()
    assert isinstance(acquire(report), EditLock)  # it has ended: the lock is taken over


def test_a_live_process_that_is_not_the_holder_does_not_keep_the_lock(
        tmp_path: Path, sleeper: subprocess.Popen[bytes]) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    hold_lock(report, sleeper.pid, started="an earlier process with the same id")  # the id was reused
    assert isinstance(acquire(report), EditLock)
    lock_path(report).unlink()
    legacy = {"pid": sleeper.pid, "host": socket.gethostname(), "since": "2026-01-05 09:30"}  # no start time
    lock_path(report).write_text(json.dumps(legacy), encoding="utf-8")
    assert isinstance(acquire(report), EditLock)  # alive, but not drafter (PID 1 after a reboot, say)


def test_a_lock_that_is_a_folder_is_unavailable(tmp_path: Path) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    lock_path(report).mkdir()
    got = acquire(report)
    assert isinstance(got, Unavailable) and got.lock == lock_path(report)
    assert lock_path(report).is_dir()


async def test_a_lock_that_cannot_be_taken_opens_the_report_read_only(tmp_path: Path) -> None:
    ws = example_workspace(tmp_path / "ws")
    report = ws / "2025.json"
    before = report.read_bytes()
    lock_path(report).mkdir()
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.session is not None, "the report opened")
        assert app.session is not None and app.session.read_only
        await wait_until(pilot, lambda: any("2025.json opens read-only: its edit lock .2025.json.lock cannot be "
                                            "taken" in m for m in _shown(app)), "the read-only message")
        await pilot.press("f3")
        await pilot.pause()
        await type_text(pilot, "lost?")
        await pilot.press("escape")
        await pilot.pause()
    assert report.read_bytes() == before


def test_a_lock_of_another_computer_is_unverified(tmp_path: Path) -> None:
    report = tmp_path / "2025.json"
    report.write_text("{}", encoding="utf-8")
    hold_lock(report, os.getpid() + 1, host="old-pc-name", started="x")
    got = acquire(report)
    assert isinstance(got, Unverified) and got.holder is not None and got.holder.host == "old-pc-name"
    lock_path(report).write_text("", encoding="utf-8")  # cut short mid-write, or garbled
    garbled = acquire(report)
    assert isinstance(garbled, Unverified) and garbled.holder is None
    mine = acquire(report, replace=garbled.text)
    assert isinstance(mine, EditLock) and not mine.released
    mine.release()


@pytest.mark.parametrize("answer", ["y", "n"])
async def test_a_lock_of_another_computer_is_taken_over_only_when_confirmed(tmp_path: Path, answer: str) -> None:
    from drafter.tui.screens.confirm import ConfirmScreen

    ws = example_workspace(tmp_path / "ws")
    report = ws / "2025.json"
    hold_lock(report, 4242, host="old-pc-name", started="x")  # the PC was renamed, or another PC on a share
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the take-over question")
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "2025.json is marked as being edited by process 4242 on the computer “old-pc-name”" in question
        assert "Take it over and edit it here?" in question
        await pilot.press(answer)
        await wait_until(pilot, lambda: app.session is not None, "the report opened")
        assert app.session is not None
        held = json.loads(lock_path(report).read_text(encoding="utf-8"))
        if answer == "y":
            assert not app.session.read_only and held["pid"] == os.getpid()
        else:
            assert app.session.read_only and held["host"] == "old-pc-name"
            assert any("2025.json opens read-only: it was not taken over." in m for m in _shown(app))
        await pilot.press("escape")
        await pilot.pause()
    assert lock_path(report).exists() == (answer == "n")  # ours is released on leaving; theirs is not touched
