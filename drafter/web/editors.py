"""Which browser tab edits which report.

The web form runs in one process, so the file lock of :mod:`drafter.editlock` (taken through the workspace core)
keeps other programs out — a terminal editor, another ``drafter serve`` — and this registry keeps the tabs of this
server apart: the first tab to open a report writes, the others read and say so, as in the terminal editor. A tab
says it is still there every few seconds; one silent for :data:`STALE_S` (closed without a word, a crash) gives
way to the next tab that opens the report.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from drafter.editlock import EditLock, Holder, Unavailable, Unverified
from drafter.i18n import _
from drafter.store import load_answers
from drafter.workspace import Session, lock, open_report

STALE_S = 45.0
"""A tab that has not been heard from for this long no longer holds its report."""


@dataclass
class OpenReport:
    """A report open in one or more tabs: the one session they share, the tab that writes, the file lock."""

    session: Session
    file_lock: EditLock | None
    """None when another program holds the file: every tab reads only."""
    elsewhere: str = ""
    """Why no tab may write (another program edits the file), as the clerk reads it."""
    holder: str | None = None
    seen: dict[str, float] = field(default_factory=dict)


class Editors:
    """The reports open in this server's tabs."""

    def __init__(self) -> None:
        self._open: dict[Path, OpenReport] = {}
        self._guard = threading.Lock()

    def attach(self, path: Path) -> tuple[str, OpenReport]:
        """A new tab on report ``path``: its id, and the open report (the tab writes when it is the holder)."""
        tab = secrets.token_urlsafe(12)
        now = time.monotonic()
        with self._guard:
            entry = self._open.get(path)
            if entry is None:
                answers = load_answers(path)
                taken = lock(path)
                file_lock = taken if isinstance(taken, EditLock) else None
                entry = OpenReport(open_report(path, answers, read_only=file_lock is None), file_lock,
                                   _elsewhere(taken))
                self._open[path] = entry
            self._forget_stale(entry, now)
            entry.seen[tab] = now
            if entry.file_lock is not None and entry.holder is None:
                entry.holder = tab
            return tab, entry

    def get(self, path: Path, tab: str) -> OpenReport | None:
        """The open report a tab works on (None when the tab is unknown: the server restarted, or it left)."""
        with self._guard:
            entry = self._open.get(path)
            if entry is None or tab not in entry.seen:
                return None
            entry.seen[tab] = time.monotonic()
            return entry

    def open_report(self, path: Path) -> OpenReport | None:
        """Report ``path`` as its tabs have it (with what they typed), or None when no tab has it open."""
        with self._guard:
            return self._open.get(path)

    def writes(self, entry: OpenReport, tab: str) -> bool:
        """True when ``tab`` may change the report."""
        return entry.file_lock is not None and entry.holder == tab

    def release_holder(self, path: Path) -> None:
        """The clerk took the report over from a tab that may be gone (closed without a word, another window): the
        next tab to open the report writes; the old one finds out on its next save or ping."""
        with self._guard:
            entry = self._open.get(path)
            if entry is not None and entry.holder is not None:
                entry.seen.pop(entry.holder, None)
                entry.holder = None

    def leave(self, path: Path, tab: str) -> None:
        """Tab ``tab`` closed (or left the report): what it typed is saved already; the report is freed when no
        tab has it open."""
        with self._guard:
            entry = self._open.get(path)
            if entry is None:
                return
            entry.seen.pop(tab, None)
            if entry.holder == tab:
                entry.holder = None
            if not entry.seen:
                self._close(path, entry)

    def close_all(self) -> None:
        """Free every report (the server stops)."""
        with self._guard:
            for path, entry in list(self._open.items()):
                self._close(path, entry)

    def forget(self, path: Path) -> None:
        """Close report ``path`` whatever its tabs (it was removed from the workspace)."""
        with self._guard:
            entry = self._open.get(path)
            if entry is not None:
                self._close(path, entry)

    def _forget_stale(self, entry: OpenReport, now: float) -> None:
        for tab, seen in list(entry.seen.items()):
            if now - seen > STALE_S:
                del entry.seen[tab]
                if entry.holder == tab:
                    entry.holder = None

    def _close(self, path: Path, entry: OpenReport) -> None:
        if entry.file_lock is not None:
            entry.session.save()
            entry.file_lock.release()
        self._open.pop(path, None)


def _elsewhere(taken: EditLock | Holder | Unverified | Unavailable) -> str:
    if isinstance(taken, EditLock):
        return ""
    if isinstance(taken, Holder):
        return _("another program edits this report (process {pid} on {host}); it opens read-only").format(
            pid=taken.pid, host=taken.host)
    if isinstance(taken, Unavailable):
        return _("the report could not be locked for editing ({reason}); it opens read-only").format(
            reason=taken.problem)
    return _("another program may still edit this report; it opens read-only")
