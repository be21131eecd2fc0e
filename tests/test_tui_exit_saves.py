"""Typing is never lost on exit (issue 27, 3): a real ``drafter edit`` in a pseudo-terminal, keys typed into each kind
of field, then the terminal window closes (SIGHUP) or the process is told to end (SIGTERM) before the autosave's
delay has passed: what the screen showed is in the file. Ctrl+Q is the Pilot test at the end."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter.model import Answers
from drafter.store import load_answers
from drafter.tui.app import make_app
from tests.conftest import ROOT
from tests.tui_helpers import example_workspace, type_text

DOWN, ENTER = "\x1b[B", "\r"


@dataclass(frozen=True)
class Field:
    """A kind of field: the report, how many steps down the list it is, what is typed, and the typed value read
    back from the saved answers."""

    report: str
    steps_down: int
    typed: str
    shown: str
    saved: Callable[[Answers], object]
    expected: object


FIELDS = {
    "part text": Field("2025.json", 1, "Zq7Zq", "Zq7Zq",
                       lambda a: "Zq7Zq" in "".join(p.text for p in a.sections["measures"].all_paragraphs()), True),
    "basics": Field("2025.json", 0, "Qx", "Qx", lambda a: a.org.name, "青禾镇Qx"),
    "figures form": Field("2025.json", 6, "187", "187", lambda a: a.figures["committee_study_sessions"].value, 187),
    "submission": Field("2025.json", 7, "Qx", "Qx", lambda a: a.org.number_prefix.endswith("Qx"), True),
    "table grid": Field("gongkai-2025.json", 2, "4321", "4321",
                        lambda a: 4321 in [v for row in a.tables["proactive"].cells.values() for v in row.values()],
                        True),
}


class Terminal:
    """``drafter edit FILE`` in a pseudo-terminal of 100×30, as a terminal window runs it."""

    def __init__(self, path: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.process = subprocess.Popen([sys.executable, "-m", "drafter", "--lang", "en", "edit", str(path)],
                                        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                        start_new_session=True)
        os.close(slave)
        self.output = ""

    def read_until(self, text: str, timeout: float = 60.0, since: int = 0) -> bool:
        """Read the screen's output until ``text`` has been drawn (after position ``since`` of the output); whether
        it was within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while text not in self.output[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    self.output += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    return False
        return True

    def type_into_field(self, text: str, shown: str) -> None:
        """Type ``text`` until the screen shows ``shown``. The focus moves into a field just after Enter: keys sent
        before that reach the step list, which ignores them, so they are typed again."""
        for _attempt in range(10):
            since = len(self.output)
            self.keys(text)
            if self.read_until(shown, 3.0, since):
                return
        raise AssertionError(f"{shown!r} never appeared on the screen")

    def keys(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def close_window(self) -> None:
        """What closing the terminal window does: the terminal side goes away and the process gets SIGHUP."""
        os.close(self.master)
        self.process.send_signal(signal.SIGHUP)

    def end(self, number: int) -> None:
        self.process.send_signal(number)

    def wait(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


CASES = [(kind, signal.SIGHUP) for kind in sorted(FIELDS)]
CASES += [("part text", signal.SIGTERM), ("table grid", signal.SIGTERM)]  # the same handler: two kinds suffice


@pytest.mark.parametrize(("kind", "sig"), CASES, ids=[f"{kind}-{sig.name}" for kind, sig in CASES])
def test_keys_typed_just_before_a_signal_are_saved(tmp_path: Path, kind: str, sig: signal.Signals) -> None:
    field = FIELDS[kind]
    path = example_workspace(tmp_path / "ws") / field.report
    assert field.saved(load_answers(path)) != field.expected
    terminal = Terminal(path)
    assert terminal.read_until("Basics"), "the step list is not drawn"
    terminal.keys(DOWN * field.steps_down + ENTER)
    terminal.type_into_field(field.typed, field.shown)  # on the screen: now end at once, within the autosave's delay
    if sig is signal.SIGHUP:
        terminal.close_window()
    else:
        terminal.end(sig)
    terminal.wait()
    assert field.saved(load_answers(path)) == field.expected, kind


def test_a_terminal_closed_without_a_sighup_ends_the_editor_and_keeps_the_typing(tmp_path: Path) -> None:
    """A pty whose other side is closed by a program that sends no SIGHUP (here: the process has no controlling
    terminal, so the kernel sends none either): the terminal's input is at its end, and Textual's input thread
    would read nothing in a busy loop for ever. The editor saves and ends as on SIGHUP."""
    field = FIELDS["part text"]
    path = example_workspace(tmp_path / "ws") / field.report
    terminal = Terminal(path)
    assert terminal.read_until("Basics"), "the step list is not drawn"
    terminal.keys(DOWN * field.steps_down + ENTER)
    terminal.type_into_field(field.typed, field.shown)
    os.close(terminal.master)  # no signal
    assert terminal.wait() == 0  # within its timeout (else it raises, and ends the process)
    assert field.saved(load_answers(path)) == field.expected
    assert not (path.parent / f".{path.name}.lock").exists()  # the file is free for another window


async def test_ctrl_q_right_after_typing_saves_every_kind_of_field(tmp_path: Path) -> None:
    for kind, field in sorted(FIELDS.items()):
        path = example_workspace(tmp_path / kind.replace(" ", "-")) / field.report
        app = make_app(file=path, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*["down"] * field.steps_down, "enter")
            await type_text(pilot, field.typed)
            await pilot.press("ctrl+q")
        assert field.saved(load_answers(path)) == field.expected, kind
