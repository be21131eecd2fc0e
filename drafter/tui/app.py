"""The drafter Textual app and its one factory :func:`make_app` (used by the CLI, ``drafter serve`` and the tests);
screens and widgets reach it through :func:`drafter.tui.base.drafter_app`, typed.

The app opens, creates and imports reports (an import runs in a worker thread), changes a report's year, and saves
whatever is open however the app ends: the navigation and the messages of it, the work itself done by
:mod:`drafter.workspace`."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from drafter.i18n import N_, _, set_language
from drafter.tui.base import DrafterAppBase
from drafter.tui.linebreak import install as install_line_breaking
from drafter.tui.palette import DrafterCommands

install_line_breaking()

if TYPE_CHECKING:
    from drafter.editlock import EditLock, Unverified
    from drafter.importer import ImportResult
    from drafter.model import Answers
    from drafter.workspace import Session

# The model, pack and store (pydantic, jinja) are imported when first needed, after the first screen is painted:
# the clerk sees a working screen sooner, and `drafter --help` stays light.

EXIT_WHEN_READY = "DRAFTER_EXIT_WHEN_READY"
"""Tests that run the UI as a process, headless: ``painted`` quits once the first screen is painted and takes keys;
``listed`` (or any other value) once the start screen's list is painted (or the editor has opened its file). The
start-up benchmark times a real terminal instead (benchmarks/tmux.py)."""


class DrafterApp(DrafterAppBase):
    """Guided drafting of the annual report."""

    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS: ClassVar = App.COMMANDS | {DrafterCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("question_mark", "help", N_("Help"), show=False, id="app.help_question"),
        # replaces Textual's own binding, so the footer says it in the clerk's language
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True, id="app.commands",
                tooltip=N_("Open the list of commands")),
    ]

    def __init__(self, workspace: Path, file: Path | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.file = file
        self.session: Session | None = None
        self._lock: EditLock | None = None
        self._import_cancel: threading.Event | None = None
        """Set to stop the import under way (Esc in its dialog, or the app ending)."""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with colours for text every theme lets the clerk read (:mod:`.colours`)."""
        from drafter.tui.colours import readable_variables

        variables = super().get_css_variables()
        variables.update(readable_variables(variables))
        self.theme_variables = variables
        return variables

    def action_help(self) -> None:
        """Show the help screen (not over itself)."""
        from drafter.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the clerk's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's own entries, in the clerk's language (help instead of Textual's keys panel)."""
        yield SystemCommand(_("Help"), _("Keys, steps, marks and terms (F1)"), self.action_help)
        yield SystemCommand(_("Colours"), _("Change the colour theme"), self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Save and quit (Ctrl+Q)"), self.action_quit)

    def ready(self, stage: str) -> None:
        """Quit when ``stage`` ("painted" or "listed") is the one asked for by the environment (see
        :data:`EXIT_WHEN_READY`)."""
        wanted = os.environ.get(EXIT_WHEN_READY)
        if wanted and (wanted == stage or (stage == "listed" and wanted != "painted")):
            self.exit()

    def on_resize(self, event: events.Resize) -> None:
        """Tighten the layout on small terminals (80×24): shorter guidance and last-year panels."""
        self.set_class(event.size.height < 28, "-short")
        self.set_class(event.size.width < 90, "-narrow")

    def on_mount(self) -> None:
        self._save_on_signals()
        self.set_class(self.size.height < 28, "-short")
        self.set_class(self.size.width < 90, "-narrow")
        if self.file is not None:
            from drafter.store import load_answers

            self.open_report(self.file, load_answers(self.file))
            self.call_after_refresh(self.ready, "listed")
        self.call_after_refresh(self.ready, "painted")

    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the app's first screen, composed with it: the first paint is the list of reports
        (pushed over a blank first screen, it came one screen's mounting and styling later). One file opened alone
        has a blank screen under its editor."""
        if self.file is not None:
            return super().get_default_screen()
        from drafter.tui.screens.start import StartScreen

        return StartScreen()

    # ---- opening and creating reports -----------------------------------------------------------------
    def open_report(self, path: Path, answers: Answers) -> None:
        """Open ``answers`` (read from ``path``) in the editor."""
        from drafter.errors import DrafterError
        from drafter.tui.screens.editor import EditorScreen
        from drafter.workspace import pack_of

        try:
            pack_of(answers.pack)  # a pack drafter cannot load: said before the file is locked
        except DrafterError as exc:
            self.notify(str(exc), severity="error")
            return

        def edit(writable: bool) -> None:
            from drafter.workspace import open_report

            self.session = open_report(path, answers, read_only=not writable)
            self.push_screen(EditorScreen(self.session))

        self._lock_file(path, edit)

    def _lock_file(self, path: Path, then: Callable[[bool], None], replace: str | None = None) -> None:
        """Take the edit lock of ``path``, then call ``then`` with True; with False (and a message) when another tab
        or window is editing it or no lock can be taken. A lock whose holder cannot be verified alive is taken over
        only when the clerk says so."""
        import atexit

        from drafter.editlock import EditLock, Holder, Unavailable
        from drafter.workspace import lock

        self._release_lock()
        got = lock(path, replace)
        if isinstance(got, Holder):
            self.notify(
                _("{file} is being edited in another tab or window (since {since}), so it opens read-only here. "
                  "Close it there to edit it here.").format(file=path.name, since=got.since),
                title=_("Read-only"), severity="warning", timeout=15)
            then(False)
        elif isinstance(got, Unavailable):
            self.notify(
                _("{file} opens read-only: its edit lock {lock} cannot be taken ({problem}), so another tab or "
                  "window could not tell it is open here.").format(file=path.name, lock=got.lock.name,
                                                                   problem=got.problem),
                title=_("Read-only"), severity="error", timeout=20)
            then(False)
        elif isinstance(got, EditLock):
            self._lock = got
            atexit.register(got.release)  # also when the tab is closed and the process ends without leaving it
            then(True)
        else:
            self._ask_take_over(path, got, then)

    def _ask_take_over(self, path: Path, got: Unverified, then: Callable[[bool], None]) -> None:
        from drafter.tui.screens.confirm import ConfirmScreen

        holder = got.holder
        if holder is None:
            whom = _("an unreadable lock")
        else:
            whom = _("process {pid} on the computer “{host}” (since {since})").format(
                pid=holder.pid, host=holder.host, since=holder.since)
        question = _("{file} is marked as being edited by {whom}, which cannot be verified to be still running (it "
                     "may be another computer, or this one renamed or restarted). Take it over and edit it here? "
                     "Say no if the report is open anywhere else: that copy's changes would be overwritten.").format(
            file=path.name, whom=whom)

        def answered(yes: bool | None) -> None:
            if yes:
                self._lock_file(path, then, replace=got.text)
                return
            self.notify(_("{file} opens read-only: it was not taken over.").format(file=path.name),
                        title=_("Read-only"), severity="warning", timeout=15)
            then(False)

        self.push_screen(ConfirmScreen(question), answered)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def hand_over(self, path: Path) -> None:
        """In the browser (``drafter serve``), also send the written document ``path`` as a download.

        In a terminal there is nothing to hand over: the file is already where the clerk works.
        """
        if not self.is_web:
            return
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        self.deliver_binary(path, save_filename=path.name, mime_type=mime)

    def _create(self, answers: Answers) -> bool:
        from drafter.errors import DrafterError
        from drafter.workspace import create

        try:
            path = create(self.workspace, answers)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        self.open_report(path, answers)
        return True

    def create_blank(self, name: str, year: int, pack: str) -> None:
        """Create and open a blank report of type ``pack`` for ``name`` and ``year``."""
        from drafter.workspace import blank

        self._create(blank(name, year, pack))

    @work(thread=True, exclusive=True, group="carry")
    def create_from_last_year(self, pack: str, year: int, done: Callable[[], None]) -> None:
        """Carry the newest earlier report of type ``pack`` forward to ``year`` and open it.

        Reading, carrying and writing run in a worker thread, so the screen keeps painting the busy sign its caller
        shows; ``done`` is called once the editor is opening, or the carry has failed (said in a message)."""
        from drafter.errors import DrafterError
        from drafter.workspace import carried_forward, create

        outcome: tuple[Path, Answers] | str
        try:
            answers = carried_forward(self.workspace, pack, year)
            outcome = create(self.workspace, answers), answers
        except DrafterError as exc:  # no earlier report, a report of that year there is, a file that cannot be written
            outcome = str(exc)
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile: nothing to open
            self.call_from_thread(self._carried, outcome, done)

    def _carried(self, outcome: tuple[Path, Answers] | str, done: Callable[[], None]) -> None:
        if isinstance(outcome, str):
            self.notify(outcome, severity="error", timeout=10)
        else:
            self.open_report(*outcome)
        done()

    def import_report(self, source: Path) -> None:
        """Import a Word or text file as a report and open it.

        The file is read in a worker thread (a .doc/.wps goes through LibreOffice, which takes seconds) while a
        :class:`~drafter.tui.screens.working.WorkingScreen` shows it is under way; Esc there stops LibreOffice."""
        from drafter.tui.screens.working import WorkingScreen

        cancel = self._import_cancel = threading.Event()
        self.push_screen(WorkingScreen(_("Reading {file}…").format(file=source.name), cancel))
        self._read_import(source, cancel)

    @work(thread=True, exclusive=True, group="import")
    def _read_import(self, source: Path, cancel: threading.Event) -> None:
        from drafter.errors import Cancelled, DrafterError
        from drafter.workspace import import_source

        result: ImportResult | None = None
        problem = ""
        try:
            result = import_source(source, cancel)  # the report type is told from the source
        except Cancelled:
            pass
        except DrafterError as exc:
            problem = str(exc)
        if self._import_cancel is cancel:  # not when the app has ended meanwhile
            self.call_from_thread(self._imported, source, None if cancel.is_set() else result, problem)

    def _imported(self, source: Path, result: ImportResult | None, problem: str) -> None:
        from drafter.tui.screens.working import WorkingScreen

        self._import_cancel = None
        if isinstance(self.screen, WorkingScreen):
            self.pop_screen()
        if problem:
            self.notify(problem, severity="error", timeout=10)
            return
        if result is None:
            self.notify(_("Import of {file} cancelled; nothing was created.").format(file=source.name))
            return
        if self._create(result.answers):
            from drafter.tui.screens.import_result import ImportResultScreen

            notes = [str(n) for n in result.notes]
            unrecognised = [str(p) for p in result.unrecognised]
            self.push_screen(ImportResultScreen(source.name, notes, unrecognised))

    def change_year(self, year: int) -> None:
        """Change the open report's year (confirmed by the clerk): save, rename the file, reopen the editor.

        Refused when the workspace has a report for ``year`` already.
        """
        from drafter.errors import DrafterError
        from drafter.workspace import change_year

        session = self.session
        if session is None:
            return
        self.save_all()
        try:
            new_path = change_year(session, year)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        if self.file is not None:
            self.file = new_path
        answers = session.answers
        self.pop_screen()
        self.open_report(new_path, answers)
        self.notify(_("The report is now about {year} ({file}).").format(year=year, file=new_path.name))

    def leave_editor(self) -> None:
        """Back from the editor to the start screen (or quit when only one file was opened)."""
        if self.file is not None:
            self.exit()
            return
        self.session = None
        self._release_lock()
        self.pop_screen()

    async def action_quit(self) -> None:
        """Quit; whatever was typed is saved first, without asking (see :meth:`on_exit_app`)."""
        self.exit()

    def on_exit_app(self) -> None:
        """However the app ends — Ctrl+Q, or the browser tab closed under ``drafter serve`` (textual-serve asks the
        app to exit) — what was typed is saved and the file is free for another tab or window; an import under way
        stops LibreOffice."""
        if self._import_cancel is not None:
            self._import_cancel.set()
            self._import_cancel = None
        self.save_all()
        self._release_lock()

    def _save_on_signals(self) -> None:
        """SIGHUP (the terminal window closed) and SIGTERM (the system or ``drafter serve`` ending the process) save
        what was typed and end the app as Ctrl+Q does; by default Python would die at once and lose the keys typed
        since the last autosave. A terminal that goes away without a SIGHUP (its input at end or failing: a pty
        whose other side was closed by a program that does not send one) is watched for in a thread, and ends the
        app as SIGHUP does."""
        import asyncio
        import signal

        if threading.current_thread() is not threading.main_thread():
            return  # signal handlers belong to the main thread (an app run inside a test thread has none)
        loop = asyncio.get_running_loop()
        for number, handler in ((signal.SIGHUP, self._terminal_gone), (signal.SIGTERM, self._signalled)):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(number, handler)
        if not self.is_headless and not self.is_web:
            _watch_terminal_input(self, self._terminal_gone)

    def _signalled(self) -> None:
        _end_within_grace()
        self.save_all()  # at once: the process may not get much more time
        self.exit()

    def _terminal_gone(self) -> None:
        """The terminal is gone: save what was typed and free the file, then end — within
        :data:`HANG_UP_GRACE_S` even when Textual's shutdown cannot finish (its output thread dies on the first
        write to a closed terminal, and the writes after it wait for that thread for ever)."""
        _leave_terminal()
        self.save_all()
        self._release_lock()
        self.exit()

    def save_all(self) -> None:
        """Save the open report, if any."""
        import sys

        editor = sys.modules.get("drafter.tui.screens.editor")
        if editor is None:  # no editor was ever opened, so none is open (and quitting need not import one)
            return
        for screen in self.screen_stack:
            if isinstance(screen, editor.EditorScreen):
                screen.save_now()


HANG_UP_GRACE_S = 5.0
"""How long a process told to end (SIGTERM) or whose terminal has gone is given to end the usual way, once what was
typed is saved."""


def _leave_terminal() -> None:
    """Put /dev/null where the closed terminal was (standard input, output and error), so that what still writes to
    it or reads from it (Textual's shutdown, Python's last flush) neither fails nor waits; and end the process
    after :data:`HANG_UP_GRACE_S` whatever still holds it. Idempotent."""
    global _left
    if _left:
        return
    _left = True
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
    os.close(null)
    _end_within_grace()


_left = False


def _end_within_grace() -> None:
    """End the process after :data:`HANG_UP_GRACE_S` if it has not ended by then (once what was typed is saved; the
    timer does not keep a process that ends sooner). Idempotent."""
    global _ender
    if _ender is None:
        _ender = threading.Timer(HANG_UP_GRACE_S, os._exit, (0,))
        _ender.daemon = True
        _ender.start()


_ender: threading.Timer | None = None


def _watch_terminal_input(app: App[Any], gone: Callable[[], None]) -> None:
    """Call ``gone`` in ``app``'s thread once the terminal's input is hung up or fails (a thread polls standard input
    for that alone, never for keys, which are Textual's to read). Only for a real terminal: a pipe or file as input
    (tests, ``drafter serve``) is left alone. Textual's own input thread, at the end of its input, reads nothing in a
    busy loop until the app ends: this ends it."""
    import select
    import sys

    stdin = sys.__stdin__
    if stdin is None or not hasattr(select, "poll") or not os.isatty(stdin.fileno()):
        return
    fd = stdin.fileno()

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, select.POLLHUP | select.POLLERR | select.POLLNVAL)  # not POLLIN: the keys stay unread
        while not poller.poll():
            pass
        _leave_terminal()  # before asking the app: its thread may already be waiting for a dead output thread
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            app.call_from_thread(gone)

    threading.Thread(target=watch, name="drafter-terminal-watch", daemon=True).start()


def make_app(workspace: Path | None = None, file: Path | None = None, lang: str | None = None) -> DrafterApp:
    """The app on ``workspace`` (default: the clerk's workspace), or on one answers ``file``."""
    if lang is not None:
        set_language(lang)
    if file is not None:
        file = file.resolve()
        workspace = file.parent
    if workspace is None:
        from drafter.locations import default_workspace

        workspace = default_workspace()
    workspace.mkdir(parents=True, exist_ok=True)
    return DrafterApp(workspace.resolve(), file)
