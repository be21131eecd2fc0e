"""The editing screen: sidebar of steps, one pane per step, autosave, preview and generate."""

from __future__ import annotations

import datetime as dt
import time
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, ListView, Static, TextArea

from drafter.checks import Severity
from drafter.errors import DrafterError
from drafter.i18n import N_, _
from drafter.tui.base import drafter_app
from drafter.tui.widgets.basics import BasicsForm
from drafter.tui.widgets.figures import FiguresForm
from drafter.tui.widgets.footer import Footer
from drafter.tui.widgets.part_editor import PartEditor
from drafter.tui.widgets.preview import Preview
from drafter.tui.widgets.review import ReviewPane, apply_fixes, findings_by_part
from drafter.tui.widgets.sidebar import Sidebar, Step
from drafter.tui.widgets.submission import SubmissionForm
from drafter.tui.widgets.table_pane import TablePane
from drafter.workspace import Session, State, basics_state, figures_state, part_state

AUTOSAVE_DELAY_S = 0.4
"""A change reaches the file at most this long after it is made (well within the promised second)."""
PREVIEW_DELAY_S = 0.3


class EditorScreen(Screen[None]):
    """Edit one report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # F2/F3/F5 work everywhere but are not in the footer (the sidebar, the help and the palette show them):
        # at 80 columns the footer keeps room for Esc, Ctrl+Q and F1
        Binding("f2", "previous_step", N_("Prev"), id="editor.previous", show=False),
        Binding("f3", "next_step", N_("Next"), id="editor.next", show=False),
        Binding("f4", "snippets", N_("Snippets"), id="editor.snippets"),
        Binding("f5", "preview", N_("Preview"), id="editor.preview", show=False),
        Binding("f9", "generate", N_("Generate"), id="editor.generate"),
        Binding("escape", "close", N_("Reports"), id="editor.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        pack = session.pack
        self.steps = [Step("basics", _("Basics"))]
        self.steps += [Step(s.key, s.label, part=True) for s in pack.spec.sections]
        self.steps.append(Step("figures", _("Figures")))
        if pack.spec.signed_by == "organs":  # the submission copy is a 公文 of organs (版头, seals, 版记)
            self.steps.append(Step("submission", _("Submission")))
        self.steps.append(Step("review", _("Review")))
        self.steps.append(Step("preview", _("Preview")))
        self._save_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._last_change = 0.0
        self._step = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":  # editing one file (drafter edit): there is no list of reports to go back to
            app = drafter_app(self)
            return app.file is None
        return True

    # ---- layout -----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        session = self.session
        pack = session.pack.spec
        deadlines = [(_("Report due: "), pack.deadline_report), (_("Publication due: "), pack.deadline_publish)]
        yield Static("", id="status")
        with Horizontal(id="editor-body"):
            yield Sidebar(self.steps)
            with ContentSwitcher(initial="basics", id="panes"):
                yield BasicsForm(session.answers, [(what, when) for what, when in deadlines if when], pack.signed_by)
                for spec in session.pack.spec.sections:
                    table = session.pack.table(spec.table) if spec.table else None
                    if table is not None:  # the part is its table (二 to 四 of the 政府信息公开 report)
                        yield TablePane(spec, table, session.answers, session.previous, session.pack)
                    else:
                        yield PartEditor(spec, session.answers, session.previous, session.pack)
                yield FiguresForm(session.answers, session.pack)
                if pack.signed_by == "organs":
                    yield SubmissionForm(session.answers)
                yield ReviewPane(session.answers, session.pack, session.previous)
                yield Preview()
        yield Footer(compact=True, show_command_palette=False)  # Ctrl+P still opens it (see the help)

    def on_mount(self) -> None:
        self._update_status()
        self._update_sidebar()
        self.query_one(Sidebar).index = 0
        self.query_one(Sidebar).focus()
        if self.session.read_only:  # another tab or window edits this file (see DrafterApp._lock_file)
            for area in self.query(TextArea):
                area.read_only = True
            for field in self.query(Input):
                field.disabled = True
            for pane in self.query(TablePane):
                pane.read_only = True

    # ---- steps ------------------------------------------------------------------------------------------
    def pane_id(self, step: int) -> str:
        """The id of the pane of ``step``."""
        return self.steps[step].key

    def step_index(self, step_id: str) -> int:
        """The place of step ``step_id`` (``basics``, a part's key, ``figures``, ``review`` …) in the sidebar; the
        editor's own step when a part has the same key (see :meth:`part_index`)."""
        own = [i for i, s in enumerate(self.steps) if s.id == step_id and not s.part]
        return own[0] if own else self.part_index(step_id)

    def part_index(self, key: str) -> int:
        """The place of part ``key`` in the sidebar."""
        return next(i for i, s in enumerate(self.steps) if s.part and s.id == key)

    def show_step(self, step: int, focus: bool = False) -> None:
        """Show the pane of ``step``; editors flush first so moving never loses text."""
        step = max(0, min(step, len(self.steps) - 1))
        self.flush()
        self._step = step
        sidebar = self.query_one(Sidebar)
        if sidebar.index != step:
            sidebar.index = step
        pane_id = self.pane_id(step)
        self.query_one("#panes", ContentSwitcher).current = pane_id
        if pane_id == "preview":
            self._refresh_preview()
        elif pane_id == "review":
            self.query_one(ReviewPane).refresh_findings()
        if focus:
            self._focus_pane(pane_id)

    def _focus_pane(self, pane_id: str) -> None:
        pane = self.query_one(f"#{pane_id}")
        if isinstance(pane, PartEditor):
            pane.query_one("#body").focus()
            return
        if isinstance(pane, TablePane):
            pane.grid.focus()
            return
        focusables = [w for w in pane.query("Input, ListView, TextArea, OptionList") if w.focusable]
        if focusables:
            focusables[0].focus()
        else:
            pane.focus()

    @on(ListView.Highlighted, "#steps")
    def _step_highlighted(self, event: ListView.Highlighted) -> None:
        index = event.list_view.index
        if index is not None and index != self._step:
            self.show_step(index)

    @on(ListView.Selected, "#steps")
    def _step_selected(self, event: ListView.Selected) -> None:
        index = event.list_view.index
        if index is not None:
            self.show_step(index, focus=True)

    def action_next_step(self) -> None:
        """Go to the next step."""
        self.show_step(self._step + 1, focus=True)

    def action_previous_step(self) -> None:
        """Go to the previous step."""
        self.show_step(self._step - 1, focus=True)

    def action_preview(self) -> None:
        """Show the composed report."""
        self.show_step(self.step_index("preview"), focus=True)

    def current_part(self) -> PartEditor | None:
        """The part editor on show, if any."""
        pane = self.query_one("#panes", ContentSwitcher).visible_content
        return pane if isinstance(pane, PartEditor) else None

    def go_to(self, section: str | None, path: tuple[int, ...] = (), excerpt: str = "") -> None:
        """Show part ``section`` at ``path`` with the cursor on ``excerpt`` (used by the review step)."""
        if section is None or self.session.pack.section(section) is None:
            return
        self.show_step(self.part_index(section))
        editor = self.current_part()
        if editor is not None:
            editor.focus_path(path, excerpt)

    # ---- changes, autosave, preview ------------------------------------------------------------------
    def flush(self) -> None:
        """Move text still inside editors into the answers."""
        for editor in self.query(PartEditor):
            editor.flush()

    @on(PartEditor.Changed)
    @on(TablePane.Changed)
    @on(FiguresForm.Changed)
    @on(BasicsForm.Changed)
    @on(SubmissionForm.Changed)
    def _changed(self) -> None:
        # called on every keystroke: no timer is created while one is pending (that is what keeps typing fast)
        self._last_change = time.monotonic()
        if self._save_timer is None:
            self._save_timer = self.set_timer(AUTOSAVE_DELAY_S, self.save_now)
        if self._preview_timer is None:
            self._preview_timer = self.set_timer(PREVIEW_DELAY_S, self._after_pause)

    def _after_pause(self) -> None:
        """Debounce: runs once typing has paused for PREVIEW_DELAY_S (sidebar states, preview)."""
        quiet = time.monotonic() - self._last_change
        if quiet < PREVIEW_DELAY_S:
            self._preview_timer = self.set_timer(PREVIEW_DELAY_S - quiet, self._after_pause)
            return
        self._preview_timer = None
        self.flush()
        self._update_sidebar()
        if self.query_one("#panes", ContentSwitcher).current == "preview":
            self._refresh_preview()

    def save_now(self) -> None:
        """Write the answers file now (autosave calls this; so do quitting and leaving)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.flush()
        try:
            self.session.save()
        except DrafterError as exc:
            self.notify(str(exc), title=_("Not saved"), severity="error", timeout=10)
        self._update_status()

    def _refresh_preview(self) -> None:
        self.flush()
        self.query_one(Preview).show(self.session.answers, self.session.pack)

    def _update_status(self) -> None:
        session = self.session
        saved = ""
        if session.saved_at is not None:
            saved = _("saved {time}").format(time=dt.datetime.fromtimestamp(session.saved_at).strftime("%H:%M:%S"))
        text = f"{session.answers.org.name} · {session.answers.year} · {session.path}"
        if saved:
            text += f" · {saved}"
        if session.read_only:
            text += " · " + _("read-only (open in another tab or window)")
        self.query_one("#status", Static).update(text)

    def _update_sidebar(self) -> None:
        answers, pack = self.session.answers, self.session.pack
        states: dict[str, State] = {"basics": basics_state(answers), "figures": figures_state(answers, pack)}
        for spec in pack.spec.sections:
            states[Step(spec.key, "", part=True).key] = part_state(answers, pack, spec)
        grouped = findings_by_part(answers, pack, self.session.previous)
        # the sidebar counts what needs attention; info findings are listed in the review step only
        findings: dict[str, int] = {}
        for key, found in grouped.items():
            step = Step(key, "", part=pack.section(key) is not None)
            findings[step.key] = sum(1 for f in found if f.severity is not Severity.INFO)
        self.query_one(Sidebar).update_states(states, findings)

    @on(FiguresForm.Changed)
    def _figures_changed(self) -> None:
        # live figures in every part show the new value at once
        for editor in self.query(PartEditor):
            editor.show_figures()

    @on(TablePane.Changed)
    def _table_changed(self) -> None:
        # figures read from a table's cells (一、总体情况 states them) follow the table
        self.query_one(FiguresForm).refresh_derived()
        self._figures_changed()

    @on(BasicsForm.YearChangeRequested)
    def _change_year(self) -> None:
        from drafter.tui.screens.confirm import ConfirmScreen
        from drafter.tui.screens.year import YearScreen
        from drafter.workspace import year_path, years_taken

        session = self.session
        old = session.answers.year
        taken = years_taken(session.path.parent).get(session.answers.pack, set()) | {old}
        app = drafter_app(self)

        def confirm(year: int | None) -> None:
            if year is None:
                return
            new_path = year_path(session.path, session.answers.pack, old, year)
            question = _("Change the report year from {old} to {new}? The file {file} becomes {new_file}.").format(
                old=old, new=year, file=session.path.name, new_file=new_path.name)
            self.app.push_screen(ConfirmScreen(question), lambda yes: app.change_year(year) if yes else None)

        self.app.push_screen(YearScreen(_("Change the report year"), _("The year this report is about:"),
                                        old + 1, taken, _("Change")), confirm)

    @on(ReviewPane.Jump)
    def _jump(self, event: ReviewPane.Jump) -> None:
        if event.cell is not None and event.section and self.session.pack.section(event.section):
            self.show_step(self.part_index(event.section))
            pane = self.query_one("#panes", ContentSwitcher).visible_content
            if isinstance(pane, TablePane):
                pane.focus_cell(*event.cell)
        elif event.section and self.session.pack.section(event.section):
            self.go_to(event.section, event.path, event.excerpt)
        else:
            self.show_step(0, focus=True)

    @on(ReviewPane.FixRequested)
    def _fix(self) -> None:
        self.flush()
        changes = apply_fixes(self.session.answers, self.session.pack)
        for editor in self.query(PartEditor):
            editor.reload()
        self.query_one(ReviewPane).refresh_findings()
        if changes:
            self.notify("\n".join(changes[:5]), title=_("{n} fix(es) applied").format(n=len(changes)))
            self._changed()
        else:
            self.notify(_("Nothing to fix."))

    # ---- snippets and generate ------------------------------------------------------------------------
    def action_snippets(self) -> None:
        """Choose a snippet and insert it at the cursor of the part being edited."""
        editor = self.current_part()
        if editor is None:
            self.notify(_("Open a part of the report first (F2/F3 or the list on the left)."))
            return
        editor.flush()
        from drafter.tui.screens.snippets import SnippetScreen

        try:
            library = self.session.snippets  # this report's own pack's
        except DrafterError as exc:
            self.notify(str(exc), title=_("Snippets cannot be read"), severity="error", timeout=10)
            return

        def insert(text: str | None) -> None:
            if text:
                editor.insert_text(text)

        self.app.push_screen(SnippetScreen(library, self.session.answers, self.session.pack, editor.spec.key),
                             insert)

    def action_generate(self) -> None:
        """Write the Word document beside the answers file and show where."""
        from drafter.pipeline import empty_required_parts, pack_problems, render_answers
        from drafter.tui.screens.generated import GeneratedScreen

        self.save_now()
        session = self.session
        problems = pack_problems(session.answers, session.pack)
        if problems:
            self.notify("; ".join(problems), title=_("Not generated"), severity="error", timeout=10)
            return
        forms = self.query(SubmissionForm)
        copy = forms.first().copy if forms else "plain"
        if copy == "submission":
            from drafter.pipeline import submission_problems

            missing = submission_problems(session.answers, session.pack)
            if missing:
                self.notify(_("The submission copy needs {fields}").format(fields="; ".join(missing)),
                            title=_("Not generated"), severity="error", timeout=10)
                return
        try:
            report = render_answers(session.answers, session.pack, session.output, copy=copy)
        except DrafterError as exc:
            self.notify(str(exc), title=_("Not generated"), severity="error", timeout=10)
            return
        warnings = list(report.warnings)
        empty = [spec.label for spec in empty_required_parts(session.answers, session.pack)]
        if empty:
            warnings.insert(0, _("Parts still empty: {parts}").format(parts="、".join(empty)))
        app = drafter_app(self)
        app.hand_over(session.output)
        self.app.push_screen(GeneratedScreen(session.output, warnings))

    def action_close(self) -> None:
        """Save and go back to the list of reports (or quit when editing a single file)."""
        self.save_now()
        app = drafter_app(self)
        app.leave_editor()
