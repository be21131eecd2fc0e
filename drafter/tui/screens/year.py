"""Ask for a report year: four digits, and never a year the workspace already has."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.i18n import N_, _
from drafter.model import year_problem
from drafter.tui.widgets.footer import Footer


class YearScreen(ModalScreen[int | None]):
    """One year field with a default; dismissed with the year, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="year.cancel")]

    def __init__(self, title: str, prompt: str, default: int, taken: set[int], action: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.prompt = prompt
        self.default = default
        self.taken = taken
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.prompt, markup=False)
            yield Input(str(self.default), id="year-input", max_length=4)
            yield Static("", id="year-message", classes="field-message error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action, id="year-ok", variant="primary")
                yield Button(_("Cancel"), id="year-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#year-input", Input).focus()

    @on(Input.Submitted, "#year-input")
    @on(Button.Pressed, "#year-ok")
    def _ok(self) -> None:
        text = self.query_one("#year-input", Input).value
        problem = year_problem(text, self.taken)
        if problem:
            self.query_one("#year-message", Static).update(problem)
            return
        self.dismiss(int(text.strip()))

    @on(Button.Pressed, "#year-cancel")
    def action_cancel(self) -> None:
        """Close without a year."""
        self.dismiss(None)
