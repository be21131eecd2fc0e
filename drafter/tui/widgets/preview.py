"""The composed report as plain text with its generated numbering."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.compose import compose
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack


def preview_text(answers: Answers, pack: Pack) -> str:
    """The report as it will read, one block per paragraph, blank line between blocks."""
    try:
        return "\n\n".join(block.plain() for block in compose(answers, pack).blocks)
    except DrafterError as exc:
        return _("The preview cannot be built: {problem}").format(problem=exc)


class Preview(VerticalScroll):
    """A scrollable, read-only view of the composed report."""

    def __init__(self) -> None:
        super().__init__(id="preview", classes="pane")

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-text", markup=False)

    def show(self, answers: Answers, pack: Pack) -> None:
        """Recompose and show the report."""
        self.query_one("#preview-text", Static).update(preview_text(answers, pack))
