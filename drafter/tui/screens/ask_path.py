"""Ask for the path of a file (the Word or text file to import)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.i18n import N_, _
from drafter.tui.widgets.footer import Footer


class AskPathScreen(ModalScreen[Path | None]):
    """A path typed or pasted by the clerk; only an existing file is accepted."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="path.cancel")]

    def __init__(self, title: str, hint: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.hint)
            yield Input(id="path-input", placeholder="/home/…/2024年法治政府建设年度报告.docx")
            yield Static("", id="path-message", classes="field-message error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), id="ok", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one(Input).value.strip().strip("'\"")
        path = Path(text).expanduser()
        if not text or not path.is_file():
            self.query_one("#path-message", Static).update(_("No such file."))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without a path."""
        self.dismiss(None)
