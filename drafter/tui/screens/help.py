"""The help screen (F1 or ?): the keys, the steps, what each mark means, and the terms of the trade."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from drafter.i18n import N_, _
from drafter.tui.widgets.footer import Footer

KEYS: list[tuple[str, str]] = [
    ("F1 / ?", N_("This help")),
    ("F2 / F3", N_("Previous / next step")),
    ("F4", N_("Insert a snippet (reusable text with this year's figures) as a paragraph of its own")),
    ("F5", N_("Preview the whole report")),
    ("F6", N_("Change the report year (in Basics; asks and confirms)")),
    ("F7", N_("Run-in heading on or off (see 接排 below)")),
    ("F8", N_("Confirm carried or imported text as reviewed")),
    ("F9", N_("Write the Word document beside the answers file")),
    ("F10", N_("Apply the safe fixes (in Review)")),
    ("Ctrl+N / Ctrl+T", N_("New item / new sub-item")),
    ("Ctrl+R, Delete", N_("Remove the item (in the list of items; asks first)")),
    ("Ctrl+Z / Ctrl+Y", N_("Undo / redo typing; in the list of items Ctrl+Z brings back a removed item")),
    ("Alt+↑ / Alt+↓", N_("Move the item up / down (the numbers follow)")),
    ("Tab / Shift+Tab", N_("Next / previous box")),
    ("Esc", N_("Back to the list of reports (everything is saved)")),
    ("Ctrl+P", N_("List of commands")),
    ("Ctrl+Q", N_("Save and quit")),
    ("↑ ↓ ← →", N_("In a table: move between the cells you type (totals are computed, not typed)")),
    ("0–9, Backspace, Delete", N_("In a table: typing replaces the number; Backspace takes back a digit, Delete "
                                   "clears the cell")),
    ("⟦…⟧ Enter / Ctrl+L", N_("On a live figure in a part: Enter edits it in the figures form, Ctrl+L turns it "
                              "into plain text (Backspace or Delete removes it whole)")),
]

START_KEYS: list[tuple[str, str]] = [
    ("N", N_("New blank report (asks which type of report)")),
    ("L", N_("Start from last year's report (asks for the year)")),
    ("I", N_("Import a Word file")),
    ("D / U", N_("Remove a report (moved to the backups) / bring it back")),
    ("R", N_("Restore a damaged report from its backup")),
]

STEPS: list[tuple[str, str]] = [
    ("1", N_("Basics: the township, the organs, the recipients, the date")),
    ("2", N_("The five parts the rules require, item by item; last year's text is shown below for reference")),
    ("3", N_("Figures: this year's numbers, with last year's beside them")),
    ("4", N_("Review: what the checks found; Enter jumps to the place")),
    ("5", N_("Preview, then F9 writes the Word document. Everything is saved as you type")),
]

MARKS: list[tuple[str, str]] = [
    ("○", N_("empty: nothing written yet")),
    ("◐", N_("draft: begun, or text carried from last year not yet reviewed")),
    ("●", N_("complete")),
    ("⚑3", N_("three findings of the checks to look at (Review lists them)")),
    (N_("carried …"), N_("paragraphs carried from last year or imported: edit them or press F8 to confirm")),
]

TERMS: list[tuple[str, str]] = [
    (N_("接排 (run-in)"), N_("the item's heading starts its first paragraph: （一）加强组织领导。一是……")),
    (N_("成文日期"), N_("the date the report is signed, normally early in the following year")),
    (N_("主送机关"), N_("who the report is addressed to, e.g. 县委、县政府")),
    (N_("沿用上年"), N_("start from last year's text; years in the text stay as written, check them")),
    (N_("常用语段"), N_("snippets: ready sentences that take this year's figures")),
]


def _table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for key, text in rows:
        table.add_row(_(key), Text(_(text)))
    return table


class HelpScreen(ModalScreen[None]):
    """Help in the clerk's language; Esc, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "close", N_("Close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help"):
            yield Label(_("Help"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Label(_("Keys"), classes="group-title")
                yield Static(_table(KEYS))
                yield Label(_("On the list of reports"), classes="group-title")
                yield Static(_table(START_KEYS))
                yield Label(_("The steps"), classes="group-title")
                yield Static(_table(STEPS))
                yield Label(_("Marks"), classes="group-title")
                yield Static(_table(MARKS))
                yield Label(_("Terms"), classes="group-title")
                yield Static(_table(TERMS))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to where the clerk was."""
        self.dismiss(None)
