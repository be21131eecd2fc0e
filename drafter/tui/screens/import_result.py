"""What an import found: notes for the clerk and the paragraphs that were not recognised as report text."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drafter.i18n import N_, _
from drafter.tui.widgets.footer import Footer


class ImportResultScreen(ModalScreen[None]):
    """Notes of the import and the paragraphs kept aside, so nothing of the source goes unseen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", N_("Close"), id="import_result.close"),
    ]

    def __init__(self, source: str, notes: list[str], unrecognised: list[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.source = source
        self.notes = notes
        self.unrecognised = unrecognised

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Imported from {file}").format(file=self.source), classes="dialog-title", markup=False)
            yield Label(_("Imported text is marked unreviewed: read each part and confirm it (F8)."))
            with VerticalScroll(id="import-details"):
                for note in self.notes:
                    yield Static("• " + note, markup=False)
                if self.unrecognised:
                    yield Label(_("{n} paragraph(s) not recognised as report text (kept aside, not in the report):")
                                .format(n=len(self.unrecognised)), classes="warning")
                    for text in self.unrecognised:
                        yield Static("  " + text, markup=False, classes="hint")
            yield Button(_("Close"), id="close", variant="primary")
        yield Footer(compact=True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
