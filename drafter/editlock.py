"""One editor per answers file: a lock file beside it says who is editing (no textual, no pydantic here).

Two browser tabs of ``drafter serve`` (or two terminals) on the same answers file would each autosave their own
copy and silently overwrite the other's work. The first to open the file takes ``.<name>.lock``; the others open
it read-only and say so. The lock names the process that holds it: its id, the computer's name and the process's
start time (so that a process id reused after a restart is not taken for the holder). A lock left by a process of
this computer that no longer runs (a crash, a killed tab) is taken over. A lock whose holder cannot be verified
alive — written on another computer (or before the computer was renamed), by a process whose start time cannot be
read, or garbled — is taken over only when the clerk says so (:class:`Unverified`). A lock that cannot be taken at
all (its path is a folder, the folder is read-only) opens the file read-only (:class:`Unavailable`): never two
editors.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


def lock_path(path: Path) -> Path:
    """The lock file of answers file ``path`` (hidden, beside it)."""
    return path.with_name(f".{path.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: process id, machine, since when, and the process's start time ("" in older locks)."""

    pid: int
    host: str
    since: str
    started: str = ""

    def to_json(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "since": self.since, "started": self.started})

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["since"]), str(data.get("started", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


@dataclass(frozen=True)
class Unverified:
    """A lock whose holder cannot be verified alive: taken over only with the clerk's word (``acquire(path,
    replace=text)``)."""

    holder: Holder | None
    """Who the lock names; None when the lock cannot be read as one (garbled, empty)."""
    text: str
    """The lock file's text, so that a take-over replaces exactly the lock the clerk was asked about."""


@dataclass(frozen=True)
class Unavailable:
    """A lock that cannot be taken at all (its path is a folder, unreadable, the folder is read-only)."""

    lock: Path
    problem: str
    """What the system said (the OS's message)."""


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


def process_started(pid: int) -> str | None:
    """When process ``pid`` started, as a token to compare (not to show); None when the system does not tell.

    Linux: the boot's id and ``starttime`` of ``/proc/<pid>/stat`` (clock ticks since boot). Windows: the
    process's creation time. Elsewhere: ``ps -o lstart=``.
    """
    if pid <= 0:
        return None
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
            boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        except OSError:
            return None
        fields = stat[stat.rfind(")") + 2:].split()  # the command name in parentheses may hold spaces
        return f"{boot}:{fields[19]}" if len(fields) > 19 else None
    if sys.platform == "win32":
        return _windows_started(pid)
    try:
        done = subprocess.run(["ps", "-o", "lstart=", "-p", str(pid)], capture_output=True, text=True, timeout=5,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _windows_started(pid: int) -> str | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    times = [wintypes.FILETIME() for _n in range(4)]
    ok = kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times))
    kernel32.CloseHandle(handle)
    return f"{times[0].dwHighDateTime}:{times[0].dwLowDateTime}" if ok else None


def _is_drafter(pid: int) -> bool | None:
    """True when process ``pid`` runs drafter (its command line names it); None when the system does not tell."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return b"drafter" in command.lower()


Verdict = Literal["alive", "dead", "unknown"]


def verdict(holder: Holder) -> Verdict:
    """Whether the process a lock names still runs: ``alive``, ``dead`` (this computer, the process has ended or
    its id now belongs to another process) or ``unknown`` (another computer's name, or the system does not tell)."""
    if holder.host != socket.gethostname():
        return "unknown"
    if not _alive(holder.pid):
        return "dead"
    now = process_started(holder.pid)
    if holder.started:
        if now is None:
            return "unknown"
        return "alive" if now == holder.started else "dead"
    drafter = _is_drafter(holder.pid)  # a lock of an older drafter: no start time recorded
    if drafter is None:
        return "unknown"
    return "alive" if drafter else "dead"


def me() -> Holder:
    """This process as a lock names it."""
    pid = os.getpid()
    return Holder(pid, socket.gethostname(), dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
                  process_started(pid) or "")


def current_holder(path: Path) -> Holder | None:
    """Who is verified to be editing answers file ``path`` now, if anyone."""
    try:
        holder = Holder.parse(lock_path(path).read_text(encoding="utf-8"))
    except OSError:
        return None
    if holder is None or verdict(holder) != "alive":
        return None
    return holder


def acquire(path: Path, replace: str | None = None) -> EditLock | Holder | Unverified | Unavailable:
    """Take the edit lock of ``path``.

    Returns the lock; or the :class:`Holder` when another live process holds it; or :class:`Unverified` when the
    holder cannot be verified alive (the caller asks the clerk, then calls again with ``replace`` = the lock's
    text to take it over); or :class:`Unavailable` when no lock can be taken (the file is then opened read-only).
    A lock of a process of this computer that has ended is taken over.
    """
    lock = lock_path(path)
    mine = me()
    for _attempt in range(3):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                text = lock.read_text(encoding="utf-8")
            except OSError as exc:  # a folder, or a file that cannot be read
                return Unavailable(lock, _problem(exc))
            holder = Holder.parse(text)
            if text != replace and not (holder is not None and holder.pid == mine.pid and holder.host == mine.host):
                state = "unknown" if holder is None else verdict(holder)
                if state == "alive":
                    return holder if holder is not None else Unverified(holder, text)
                if state == "unknown":
                    return Unverified(holder, text)
            try:  # dead, our own, or the one the clerk agreed to take over
                lock.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                return Unavailable(lock, _problem(exc))
            replace = None
            continue
        except OSError as exc:
            return Unavailable(lock, _problem(exc))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(mine.to_json())
        except OSError as exc:
            with contextlib.suppress(OSError):
                lock.unlink()
            return Unavailable(lock, _problem(exc))
        return EditLock(lock, mine)
    return Unavailable(lock, "?")


def _problem(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
