"""Two editors on one answers file: the second opens it read-only (drafter.editlock), a stale lock is taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from textual.widgets import TextArea

from drafter.editlock import EditLock, Holder, acquire, lock_path
from drafter.tui.app import make_app
from tests.tui_helpers import example_workspace, type_text


def hold_lock(path: Path, pid: int) -> None:
    lock_path(path).write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "since": "2026-01-05 09:30"}),
                               encoding="utf-8")


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
    hold_lock(report, int(gone.stdout))
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
