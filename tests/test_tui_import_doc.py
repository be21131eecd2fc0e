"""Opening a .doc in the editor: LibreOffice reads it in a worker while the clerk sees that it is under way, and
Esc stops LibreOffice (its processes end, nothing is created)."""

from __future__ import annotations

import os
import select
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from drafter.pipeline import render_file
from drafter.tui.app import make_app
from drafter.tui.screens.start import StartScreen
from drafter.tui.screens.working import WorkingScreen
from tests.conftest import EXAMPLES, word97
from tests.tui_helpers import import_from_start, open_imported, screen_rows, wait_until

SIZE = (100, 30)


def _processes_naming(folder: Path) -> list[int]:
    """Running processes whose command line names ``folder`` (LibreOffice's profile and source live there)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(folder).encode() in command:
                found.append(int(entry.name))
    return found


def _all_end(pids: list[int], timeout: float) -> bool:
    """Wait until every process in ``pids`` has ended (each waited for through a pidfd, with a deadline)."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        try:
            handle = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            ended, _w, _x = select.select([handle], [], [], max(0.0, deadline - time.monotonic()))
        finally:
            os.close(handle)
        if not ended:
            return False
    return True


@pytest.fixture(scope="module")
def old_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's 2024 report as a Word 97 .doc, made by LibreOffice once for the module's tests."""
    folder = tmp_path_factory.mktemp("old-doc")
    docx = folder / "report-2024.docx"
    render_file(EXAMPLES / "2024.json", docx)
    return word97(docx, folder / "doc")


def _old_report(old_doc: Path, tmp_path: Path) -> Path:
    """A copy of the old .doc report in the test's own folder."""
    (tmp_path / "doc").mkdir()
    return Path(shutil.copy(old_doc, tmp_path / "doc" / old_doc.name))


async def test_a_doc_is_read_in_a_worker_with_progress_shown(old_doc: Path, tmp_path: Path) -> None:
    doc = _old_report(old_doc, tmp_path)
    ws = tmp_path / "ws"
    ws.mkdir()
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await import_from_start(pilot, doc)
        await wait_until(pilot, lambda: isinstance(app.screen, WorkingScreen), "the progress dialog")
        # the screen is drawn and takes keys while LibreOffice runs: the UI thread is not the one waiting for it
        assert any(not w.is_finished for w in app.workers), "LibreOffice was done before the dialog showed"
        rows = "\n".join(screen_rows(app))
        assert "Reading report-2024.doc…" in rows and "Cancel (Esc)" in rows
        await open_imported(pilot, ws, timeout=180)


def _watched_import(old_doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """An old .doc report, a temporary folder of its own where LibreOffice's profile and copy of the source go (so
    its processes can be found), and an empty workspace: (doc, work, ws)."""
    doc = _old_report(old_doc, tmp_path)
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    ws = tmp_path / "ws"
    ws.mkdir()
    return doc, work, ws


async def test_escape_stops_libreoffice_and_creates_nothing(old_doc: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    doc, work, ws = _watched_import(old_doc, tmp_path, monkeypatch)
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await import_from_start(pilot, doc)
        await wait_until(pilot, lambda: bool(_processes_naming(work)), "LibreOffice to start", 60)
        assert isinstance(app.screen, WorkingScreen)
        running = _processes_naming(work)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen again", 30)
        assert [n.message for n in app._notifications] == ["Import of report-2024.doc cancelled; nothing was created."]
        assert _all_end(running, 30) and _processes_naming(work) == []
        await app.workers.wait_for_complete()
    assert list(ws.glob("*.json")) == []


async def test_quitting_during_an_import_stops_libreoffice(old_doc: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    doc, work, ws = _watched_import(old_doc, tmp_path, monkeypatch)
    app = make_app(workspace=ws, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await import_from_start(pilot, doc)
        await wait_until(pilot, lambda: bool(_processes_naming(work)), "LibreOffice to start", 60)
        running = _processes_naming(work)
        await pilot.press("ctrl+q")
    assert _all_end(running, 30) and _processes_naming(work) == []
    assert list(ws.glob("*.json")) == []
