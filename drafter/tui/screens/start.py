"""The start screen: the workspace's reports by year, new report, from last year, import, restore, remove and undo."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label, ListItem, ListView, Static

from drafter.i18n import N_, _
from drafter.tui.base import drafter_app
from drafter.tui.widgets.footer import Footer
from drafter.tui.widgets.report_list import ReportList

if TYPE_CHECKING:
    from drafter.workspace import ReportEntry, ReportLine


def entry_text(entry: ReportEntry) -> str:
    """One line describing a report of the workspace: year, report type, township, how complete, when saved."""
    from drafter.errors import DrafterError
    from drafter.workspace import completeness, pack_of, report_title

    saved = entry.saved.strftime("%Y-%m-%d %H:%M") if entry.saved else "—"
    if entry.answers is None:
        return _("{year}  ⚠ cannot be read — {problem}").format(year=entry.year, problem=entry.error)
    try:
        percent = str(completeness(entry.answers, pack_of(entry.answers.pack)))
    except DrafterError:  # a pack drafter does not have: opening the report says so
        percent = "?"
    return _("{year} {title} {name} {percent}% complete, saved {saved}").format(
        year=entry.year, title=report_title(entry.pack), name=entry.answers.org.name, percent=percent, saved=saved)


def line_text(line: ReportLine) -> str:
    """One line for a report before it is read in full: year, report type, township and when it was saved."""
    from drafter.workspace import report_title

    saved = line.saved.strftime("%Y-%m-%d %H:%M") if line.saved else "—"
    return _("{year} {title} {name} saved {saved}").format(
        year=line.year, title=report_title(line.pack), name=line.name or "…", saved=saved)


def _rows(texts: list[str], broken: list[bool]) -> list[ListItem]:
    """One row per text (``broken`` marks unreadable files), or the one row saying that there is no report yet."""
    rows = [ListItem(Label(text, markup=False), classes="broken" if bad else "")
            for text, bad in zip(texts, broken or [False] * len(texts), strict=True)]
    return rows or [ListItem(Label(_("No reports yet. Press N to start this year's report.")), disabled=True)]


def _first_texts(workspace: Path) -> list[str]:
    """The list's rows for the first paint: year, report type, township and date straight from the files' heads (no
    model, no pack: pydantic and jinja are not even imported yet); reading and validating every file, and each one's
    completeness, follow in a thread once the screen is painted (see :meth:`StartScreen._painted`)."""
    from drafter.workspace import list_reports

    return [line_text(line) for line in list_reports(workspace)]


class StartScreen(Screen[None]):
    """Reports of the workspace and the ways to start a new one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", N_("New report"), id="start.new"),
        Binding("l", "from_last_year", N_("From last year"), id="start.from_last_year"),
        Binding("i", "import_file", N_("Import Word file"), id="start.import"),
        Binding("r", "restore", N_("Restore backup"), id="start.restore"),
        Binding("d,delete", "remove_report", N_("Remove"), id="start.remove"),
        Binding("u,ctrl+z", "undo_remove", N_("Undo remove"), id="start.undo_remove"),
        Binding("f5", "reload", N_("Reload"), id="start.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ReportEntry] = []
        self.loaded = False
        self.removed: list[tuple[Path, Path]] = []
        """Reports removed in this session, last last: (where the file went in the backups, where it was)."""
        self.busy = False
        """A report is being carried forward (in a worker thread): the list is covered by a busy sign."""

    def compose(self) -> ComposeResult:
        app = drafter_app(self)
        with Vertical(id="start"):
            yield Static(_("Annual reports"), id="start-title")
            yield Static(_("Workspace: {folder}").format(folder=app.workspace), id="start-folder", markup=False)
            yield Label(_("Reports (Enter opens one):"))
            texts = _first_texts(app.workspace)
            yield ReportList(*_rows(texts, []), initial_index=0 if texts else None, id="reports")
            yield Static("", id="start-problem", markup=False)
            with Horizontal(id="start-buttons"):
                yield Button(_("New report (N)"), id="new", variant="primary")
                yield Button(_("From last year (L)"), id="from-last-year")
                yield Button(_("Import Word file (I)"), id="import")
                yield Button(_("Restore backup (R)"), id="restore", variant="warning")
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.busy:
            return None  # shown dimmed until the report opens
        if action == "from_last_year":  # before the full list is read, the key reads it and then decides
            return not self.loaded or bool(self._latest_good())
        if action == "remove_report":
            return self.selected() is not None
        if action == "undo_remove":
            return bool(self.removed)
        if action == "restore":
            entry = self.selected()
            return entry is not None and not entry.ok and entry.backup is not None
        return True

    def on_mount(self) -> None:
        self.query_one("#reports", ListView).focus()
        self.query_one("#start-problem").display = False
        self.query_one("#restore").display = False
        self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """Once the list is on the terminal, read the reports in full in a thread (started earlier, its imports of
        pydantic and jinja would hold back the first paint)."""
        drafter_app(self).ready("listed")
        if os.environ.get("DRAFTER_EXIT_WHEN_READY"):
            return  # a test that quits once the list is shown (the process would wait for the thread)
        self.run_worker(self._read_in_full, thread=True, exclusive=True, group="scan")

    def _fill(self, texts: list[str], broken: list[bool]) -> None:
        """Show one row per text (``broken`` marks unreadable files), keeping the highlighted row."""
        view = self.query_one("#reports", ListView)
        keep = view.index if view.index is not None and view.index < len(texts) else 0
        view.clear()
        rows = _rows(texts, broken)
        view.extend(rows)
        view.index = keep if texts else None
        if view.index is not None:  # the old rows leave only later, and the index may have lit one of them
            rows[view.index].highlighted = True
        view.focus()

    def _read_in_full(self) -> None:
        """In a worker thread: read and validate every report, then show the full list."""
        from drafter.workspace import scan

        app = drafter_app(self)
        entries = scan(app.workspace)
        texts = [entry_text(e) for e in entries]
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile: nothing to show
            app.call_from_thread(self._read_done, entries, texts)

    def _read_done(self, entries: list[ReportEntry], texts: list[str]) -> None:
        if not self.loaded:  # unless a key that needed the full list has read it already (see _ensure_loaded)
            self._show(entries, texts)

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()

    def reload(self) -> None:
        """Scan the workspace again and list its reports."""
        from drafter.workspace import scan

        app = drafter_app(self)
        entries = scan(app.workspace)
        self._show(entries, [entry_text(e) for e in entries])

    def _show(self, entries: list[ReportEntry], texts: list[str]) -> None:
        """List ``entries`` (described by ``texts``), keeping the highlighted row."""
        self.loaded = True
        self.entries = entries
        self._fill(texts, [not e.ok for e in entries])
        for button in self.query("#from-last-year"):
            button.display = self._latest_good() is not None
        self._show_problem()

    def _ensure_loaded(self) -> None:
        if not self.loaded:
            self.reload()

    def selected(self) -> ReportEntry | None:
        """The highlighted report, if any."""
        index = self.query_one("#reports", ListView).index
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    def _latest_good(self) -> ReportEntry | None:
        return next((e for e in self.entries if e.ok), None)

    def _show_problem(self) -> None:
        entry = self.selected()
        problem = self.query_one("#start-problem", Static)
        restore = self.query_one("#restore", Button)
        if entry is not None and not entry.ok:
            text = _("{file} cannot be read: {problem}").format(file=entry.path.name, problem=entry.error)
            if entry.backup is not None:
                text += "\n" + _("A good backup exists ({name}); press R to restore it.").format(
                    name=entry.backup.name)
            else:
                text += "\n" + _("No good backup exists; fix or remove the file by hand.")
            problem.update(text)
            problem.display = True
            restore.display = entry.backup is not None
        else:
            problem.display = False
            restore.display = False
        self.refresh_bindings()

    @on(ListView.Highlighted, "#reports")
    def _highlighted(self) -> None:
        self._show_problem()

    @on(ListView.Selected, "#reports")
    def _open(self) -> None:
        if self.busy:
            return
        self._ensure_loaded()
        entry = self.selected()
        if entry is None:
            return
        if entry.answers is None:
            self.notify(_("This file cannot be read; restore a backup first (R)."), severity="warning")
            return
        app = drafter_app(self)
        app.open_report(entry.path, entry.answers)

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        """Ask for the report type, the township and the year, then create a blank report."""
        self._ensure_loaded()
        from drafter.tui.screens.new_report import NewReportScreen
        from drafter.workspace import default_year, report_types, township, years_taken

        app = drafter_app(self)
        name = township(app.workspace) or ""

        def create(result: tuple[str, str, int] | None) -> None:
            if result is not None:
                pack, township, chosen = result
                app.create_blank(township, chosen, pack)

        self.app.push_screen(NewReportScreen(name, default_year(), years_taken(app.workspace), report_types()), create)

    @on(Button.Pressed, "#from-last-year")
    def action_from_last_year(self) -> None:
        """Ask for the year (the next free one by default), then carry the newest earlier report of the same type
        (the highlighted report's, else the newest report's) forward to it."""
        self._ensure_loaded()
        from drafter.tui.screens.year import YearScreen
        from drafter.workspace import next_year, report_title, years_taken

        selected = self.selected()
        latest = selected if selected is not None and selected.ok else self._latest_good()
        if latest is None or latest.answers is None:
            self.notify(_("There is no earlier report to start from."), severity="warning")
            return
        pack = latest.pack
        app = drafter_app(self)
        taken = years_taken(app.workspace).get(pack, set())
        default = next_year(app.workspace, pack)

        def create(year: int | None) -> None:
            if year is not None:
                self._set_busy(True)  # reading and carrying the report take a moment: the list shows it is under way
                app.create_from_last_year(pack, year, lambda: self._set_busy(False))

        self.app.push_screen(YearScreen(_("From last year: {title}").format(title=report_title(pack)),
                                        _("Year reported on (the text of the newest earlier report is carried over):"),
                                        default, taken, _("Create")), create)

    def _set_busy(self, busy: bool) -> None:
        """Show (or stop showing) that a report is being made, over the list; meanwhile no key starts another."""
        self.busy = busy
        self.query_one("#reports", ReportList).loading = busy
        self.query_one("#start-buttons").disabled = busy
        self.refresh_bindings()

    def action_remove_report(self) -> None:
        """Move the highlighted report to the workspace's backups (asks first; U brings it back)."""
        from drafter.tui.screens.confirm import ConfirmScreen

        entry = self.selected()
        if entry is None:
            return
        question = _("Remove the report for {year} ({file})? It is moved to the workspace's backups; "
                     "U brings it back.").format(year=entry.year, file=entry.path.name)

        def done(yes: bool | None) -> None:
            if yes:
                self._remove(entry.path)

        self.app.push_screen(ConfirmScreen(question), done)

    def _remove(self, path: Path) -> None:
        from drafter.errors import DrafterError
        from drafter.workspace import remove

        try:
            kept = remove(path)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.removed.append((kept, path))
        self.reload()
        self.notify(_("{file} moved to {folder}. Press U to bring it back.").format(
            file=path.name, folder=kept.parent))

    def action_undo_remove(self) -> None:
        """Bring back the report removed last."""
        from drafter.errors import DrafterError
        from drafter.workspace import put_back

        if not self.removed:
            return
        kept, path = self.removed[-1]
        try:
            put_back(kept, path)
        except DrafterError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.removed.pop()
        self.reload()
        self.notify(_("{file} is back.").format(file=path.name))

    @on(Button.Pressed, "#import")
    def action_import_file(self) -> None:
        """Ask for a Word or text file and import it as a report."""
        from drafter.tui.screens.ask_path import AskPathScreen

        app = drafter_app(self)
        self.app.push_screen(
            AskPathScreen(_("Import a Word file"), _("Path of last year's report (.docx or .txt):")),
            lambda path: app.import_report(path) if path else None,
        )

    @on(Button.Pressed, "#restore")
    def action_restore(self) -> None:
        """Copy the newest good backup over the unreadable file."""
        from drafter.errors import DrafterError
        from drafter.workspace import restore

        entry = self.selected()
        if entry is None or entry.ok:
            return
        try:
            done = restore(entry.path)
        except DrafterError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(_("Restored {file} from backup {backup}: {org}, the report on {year}.").format(
            file=entry.path.name, backup=done.backup.name, org=done.restored.org, year=done.restored.year))
        for mismatch in done.mismatches():
            self.notify(mismatch, severity="warning")
        self.reload()

    def action_reload(self) -> None:
        """Scan the workspace again."""
        self.reload()
