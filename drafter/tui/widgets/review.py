"""The review step: findings of the checks grouped by part; choosing one jumps to the place."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from drafter.checks import Finding, by_section, check_answers, fix_answers
from drafter.i18n import N_, _
from drafter.model import Answers
from drafter.pack import Pack


def findings_by_part(answers: Answers, pack: Pack, previous: Answers | None = None) -> dict[str, list[Finding]]:
    """The checks' findings grouped by part key; findings about the title, opening and signature under "basics"."""
    grouped = by_section(check_answers(answers, pack, previous))
    return {key or "basics": items for key, items in grouped.items()}


class ReviewPane(Vertical):
    """Findings grouped by part."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f10", "fix", N_("Apply safe fixes"), id="review.fix")]

    class Jump(Message):
        """The clerk chose a finding: show its place."""

        def __init__(self, section: str | None, path: tuple[int, ...], excerpt: str = "",
                     cell: tuple[str, str] | None = None) -> None:
            super().__init__()
            self.section = section
            self.path = path
            self.excerpt = excerpt
            self.cell = cell
            """For a finding in a table: the row and column of its cell."""

    class FixRequested(Message):
        """The clerk asked for the safe fixes (the screen applies them, having saved the editors' text)."""

    def __init__(self, answers: Answers, pack: Pack, previous: Answers | None = None) -> None:
        super().__init__(id="review", classes="pane")
        self.answers = answers
        self.pack = pack
        self.previous = previous
        self.findings: list[Finding] = []

    def compose(self) -> ComposeResult:
        yield Static(_("Findings of the checks, by part. Enter jumps to the place; F10 applies the safe fixes."),
                     classes="hint")
        yield ListView(id="findings")

    def refresh_findings(self) -> None:
        """Run the checks again and list the findings."""
        grouped = findings_by_part(self.answers, self.pack, self.previous)
        view = self.query_one("#findings", ListView)
        view.clear()
        self.findings = []
        order = ["basics", *[s.key for s in self.pack.spec.sections]]
        order += [k for k in grouped if k not in order]
        rows: list[ListItem] = []
        for key in order:
            spec = self.pack.section(key)
            for finding in grouped.get(key, []):
                part = spec.label if spec else _("Basics")
                fixable = " " + _("(F10 fixes)") if finding.fixable else ""
                text = _("[{part}] {severity}: {message}").format(
                    part=part, severity=finding.severity.label(), message=finding.message) + fixable
                if finding.excerpt:
                    text += f"——“{finding.excerpt}”"
                if finding.suggestion:
                    text += "\n  → " + finding.suggestion
                rows.append(ListItem(Label(text, markup=False, classes="finding")))
                self.findings.append(finding)
        if not rows:
            rows.append(ListItem(Label(_("No findings."))))
        view.extend(rows)
        # a row is highlighted from the start, so the list shows when it has the focus (issue 27); the old rows
        # leave only later, and the index may light one of them
        view.index = 0
        rows[0].highlighted = True

    @on(ListView.Selected, "#findings")
    def _chosen(self, event: ListView.Selected) -> None:
        index = event.list_view.index
        if index is None or index >= len(self.findings):
            return
        finding = self.findings[index]
        cell = (finding.row, finding.column) if finding.table else None
        self.post_message(self.Jump(finding.section, finding.path, finding.excerpt or "", cell))

    def action_fix(self) -> None:
        """Ask for the safe fixes the checks offer."""
        self.post_message(self.FixRequested())


def apply_fixes(answers: Answers, pack: Pack) -> list[str]:
    """Apply the checks' safe fixes to ``answers`` in place; one description per change."""
    fixed, changes = fix_answers(answers, pack)
    answers.sections = fixed.sections
    answers.opening = fixed.opening
    return list(changes)
