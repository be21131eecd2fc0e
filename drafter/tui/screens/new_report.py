"""Ask for the township and the year of a new blank report."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.i18n import N_, _
from drafter.tui.screens.year import year_problem
from drafter.tui.widgets.footer import Footer


class NewReportScreen(ModalScreen[tuple[str, int] | None]):
    """Township name and report year; dismissed with both, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="new.cancel")]

    def __init__(self, name: str, year: int, taken: set[int]) -> None:
        super().__init__(classes="dialog-screen")
        self.default_name = name
        self.default_year = year
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("New report"), classes="dialog-title")
            yield Label(_("Township (e.g. 青禾镇)"))
            yield Input(self.default_name, id="new-name")
            yield Label(_("Year reported on"))
            yield Input(str(self.default_year), id="new-year")
            yield Static("", id="new-message", classes="field-message error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Create"), id="create", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-name" if not self.default_name else "#new-year", Input).focus()

    @on(Input.Submitted, "#new-name")
    def _name_done(self) -> None:
        self.query_one("#new-year", Input).focus()

    @on(Input.Submitted, "#new-year")
    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        year_text = self.query_one("#new-year", Input).value.strip()
        message = self.query_one("#new-message", Static)
        if not name:
            message.update(_("The township's name is required."))
            self.query_one("#new-name", Input).focus()
            return
        problem = year_problem(year_text, self.taken)
        if problem:
            message.update(problem)
            return
        self.dismiss((name, int(year_text)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without creating anything."""
        self.dismiss(None)
