"""A long task under way (reading a .doc/.wps through LibreOffice): what is happening, a moving bar, and Esc to
stop it."""

from __future__ import annotations

import threading
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, ProgressBar

from drafter.i18n import N_, _
from drafter.tui.widgets.footer import Footer


class WorkingScreen(ModalScreen[None]):
    """Shown while a worker runs; Esc (or the button) sets ``cancel``, which the worker's task obeys. The worker
    closes the screen when it ends, cancelled or not."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="working.cancel")]

    def __init__(self, what: str, cancel: threading.Event) -> None:
        super().__init__(classes="dialog-screen")
        self.what = what
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.what, id="working-what", markup=False)
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="working-bar")
            yield Button(_("Cancel (Esc)"), id="working-cancel", variant="primary")
        yield Footer(compact=True)

    @on(Button.Pressed, "#working-cancel")
    def action_cancel(self) -> None:
        """Ask the task to stop; the screen stays until it has."""
        if not self.cancel.is_set():
            self.cancel.set()
            self.query_one("#working-what", Label).update(_("Stopping…"))
