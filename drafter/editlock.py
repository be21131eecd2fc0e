"""One editor per answers file: a lock file beside it says who is editing (no textual, no pydantic here).

Two browser tabs of ``drafter serve`` (or two terminals) on the same answers file would each autosave their own
copy and silently overwrite the other's work. The first to open the file takes ``.<name>.lock``; the others open
it read-only and say so. A lock left by a process that no longer runs (a crash, a killed tab) is taken over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path


def lock_path(path: Path) -> Path:
    """The lock file of answers file ``path`` (hidden, beside it)."""
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: process id, machine and since when."""

    pid: int
    host: str
    since: str

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "since": self.since})

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None


@dataclass
class EditLock:
    """A held lock; :meth:`release` removes it (only while it is still ours)."""

    path: Path
    holder: Holder
    released: bool = False

    def release(self) -> None:
        """Remove the lock file if it still names this process."""
        if self.released:
            return
        self.released = True
        with contextlib.suppress(OSError):
            if Holder.parse(self.path.read_text(encoding="utf-8")) == self.holder:
                self.path.unlink()


def _alive(pid: int) -> bool:
    """True when process ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def current_holder(path: Path) -> Holder | None:
    """Who is editing answers file ``path`` now, if anyone (stale locks of dead processes do not count)."""
    try:
        holder = Holder.parse(lock_path(path).read_text(encoding="utf-8"))
    except OSError:
        return None
    if holder is None:
        return None
    if holder.host == socket.gethostname() and not _alive(holder.pid):
        return None
    return holder


def acquire(path: Path) -> EditLock | Holder:
    """Take the edit lock of ``path``; when another live process holds it, return that holder instead.

    A lock that cannot be written at all (read-only folder) is not an obstacle to editing: saving will report the
    folder's problem itself. In that case an already released lock is returned.
    """
    lock = lock_path(path)
    me = Holder(os.getpid(), socket.gethostname(), dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = current_holder(path)
            if holder is not None and holder.pid != os.getpid():
                return holder
            with contextlib.suppress(OSError):  # stale, garbled or our own: take it over
                lock.unlink()
            continue
        except OSError:
            return EditLock(lock, me, released=True)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(me.to_json())
        return EditLock(lock, me)
    return EditLock(lock, me, released=True)
