"""Time until a program shows a text on a real terminal: a tmux pane, read with ``capture-pane``.

A private tmux server (its own socket, no configuration file) holds one session of a fixed size; each run opens a
new window with the program, and the clock runs from the command that opens it until ``capture-pane`` finds the
expected text on the pane. The pane is read through one control-mode client (``tmux -C``), so polling it starts
no process and takes little of the CPU the measured program needs; the client asks for no output notifications.
The program is then quit with Ctrl+Q, as a person quits it (its window closed, with SIGHUP, only if that fails), and
the next run starts once it has ended.

(The session keeps tmux's default ``window-size``: tmux 3.3a's server crashes when a control client that ignores its
own size meets ``window-size manual``.)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO, Self

WIDTH, HEIGHT = 120, 36
"""The pane's size: a terminal a clerk would use, larger than 80×24 so the start screen shows its whole list."""

POLL_S = 0.002
"""Pause between two reads of the pane."""


class TmuxError(RuntimeError):
    """tmux answered a command with an error, or the program did not show its text in time."""


def _quoted(arg: str) -> str:
    if "'" in arg:
        raise ValueError(f"an argument with a single quote cannot be passed to tmux here: {arg!r}")
    return f"'{arg}'"


class Terminal:
    """A private tmux server with one control client; :meth:`shown_ms` times one program."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="bench-tmux-")
        self.socket = str(Path(self._folder.name) / "socket")
        base = ["tmux", "-S", self.socket, "-f", "/dev/null"]
        subprocess.run([*base, "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT),
                        "sleep 86400"], check=True)
        self._client = subprocess.Popen([*base, "-C", "attach-session", "-t", "bench"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        self._stdin: IO[str] = self._client.stdin  # type: ignore[assignment]
        self._stdout: IO[str] = self._client.stdout  # type: ignore[assignment]
        try:
            while not (line := self._stdout.readline()).startswith("%session-changed"):
                if not line:  # commands sent before the client is attached find no client, so wait for it
                    raise TmuxError("the tmux control client ended before it was attached")
            self.command("refresh-client -f no-output,ignore-size")
            self.command(f"set-option -g default-size {WIDTH}x{HEIGHT}")
            self.command("set-option -g remain-on-exit off")
        except BaseException:
            self.close()  # no tmux server left behind
            raise
        self.cpu_ms = 0.0
        """CPU time (user and system) the last program timed by :meth:`shown_ms` had used when its text was shown:
        less affected than wall time by other work on the machine, for comparing two versions of a program."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the tmux server and everything in it."""
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)
        try:
            self._client.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._client.kill()
        self._folder.cleanup()

    def command(self, line: str) -> list[str]:
        """Run one tmux command through the control client and return its output lines."""
        self._stdin.write(line + "\n")
        self._stdin.flush()
        out: list[str] = []
        inside = False
        while True:
            got = self._stdout.readline()
            if not got:
                raise TmuxError(f"tmux ended while running {line!r}")
            got = got.rstrip("\n")
            if not inside:
                # notifications (%window-add…) come between answers, and a block with flags 0 answers no command of
                # this client (the attach itself)
                inside = got.startswith("%begin ") and got.endswith(" 1")
                continue
            if got.startswith("%end "):
                return out
            if got.startswith("%error "):
                raise TmuxError(f"{line!r}: {' '.join(out)}")
            out.append(got)

    def shown_ms(self, argv: list[str], text: str, timeout_s: float = 60.0) -> float:
        """Open ``argv`` in a new window; milliseconds until ``text`` is on its pane. The window is closed and the
        program's end awaited before returning."""
        env = " ".join(f"-e {_quoted(f'{k}={v}')}" for k, v in _passed_environment().items())
        start = time.perf_counter()
        pane, pid = self.command(
            f"new-window -d -P -F '#{{pane_id}} #{{pane_pid}}' {env} {' '.join(_quoted(a) for a in argv)}")[0].split()
        try:
            while True:
                screen = "\n".join(self.command(f"capture-pane -p -t {pane}"))
                if text in screen:
                    shown = (time.perf_counter() - start) * 1000
                    self.cpu_ms = _cpu_ms(int(pid))
                    return shown
                if time.perf_counter() - start > timeout_s:
                    raise TmuxError(f"{text!r} not shown by {argv} within {timeout_s:.0f} s; the pane:\n{screen}")
                time.sleep(POLL_S)
        finally:
            self._end(pane, int(pid), timeout_s)

    def _end(self, pane: str, pid: int, timeout_s: float) -> None:
        """Quit the program as a person does (Ctrl+Q, which both drafter and a Textual app take), or, if it does not
        end, close its window; then wait for the process to end."""
        self.command(f"send-keys -t {pane} C-q")
        if not _ended(pid, timeout_s / 4):
            self.command(f"kill-pane -t {pane}")
            if not _ended(pid, timeout_s):
                raise TmuxError(f"process {pid} still running {timeout_s:.0f} s after its window was closed")


def _passed_environment() -> dict[str, str]:
    """What the programs need from this process's environment (tmux gives a window its server's environment)."""
    return {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV"}
            or k.startswith("DRAFTER_") or k.startswith("PYTHON")}


def _ended(pid: int, timeout_s: float) -> bool:
    """Wait until process ``pid`` has ended; whether it did within ``timeout_s``."""
    deadline = time.perf_counter() + timeout_s
    while _running(pid):
        if time.perf_counter() > deadline:
            return False
        time.sleep(POLL_S)
    return True


def _cpu_ms(pid: int) -> float:
    """CPU time (user and system) of process ``pid`` so far, in milliseconds (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie that tmux has not collected yet has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def interleaved_shown_ms(a: tuple[list[str], str], b: tuple[list[str], str], repeat: int,
                         warmup: int = 1) -> tuple[float, float]:
    """Median milliseconds until each program shows its text on a tmux pane, the two run alternately (after
    ``warmup`` runs of each, which fill the file system's cache)."""
    ta: list[float] = []
    tb: list[float] = []
    with Terminal() as terminal:
        for _ in range(warmup):
            terminal.shown_ms(*a)
            terminal.shown_ms(*b)
        for _ in range(repeat):
            ta.append(terminal.shown_ms(*a))
            tb.append(terminal.shown_ms(*b))
    return statistics.median(ta), statistics.median(tb)
