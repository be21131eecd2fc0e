"""The composed report as plain text with its generated numbering, tables laid out in rows and columns."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.compose import Block, compose
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.tables import PrintedTable

LABEL_ROOM = 28
"""Terminal cells kept for a table row's labels before its values; a longer label has its values on the next line."""


def preview_text(answers: Answers, pack: Pack, tables: bool = False) -> str:
    """The report as it will read, one block per paragraph, blank line between blocks.

    A table block is its printed rows, cells tab-separated (as the checks and the .docx read them), or with
    ``tables`` laid out for the screen (:func:`table_text`).
    """
    try:
        blocks = compose(answers, pack).blocks
    except DrafterError as exc:
        return _("The preview cannot be built: {problem}").format(problem=exc)
    return "\n\n".join(_shown(block, tables) for block in blocks)


def _shown(block: Block, tables: bool) -> str:
    if tables and block.table is not None:
        return table_text(block.table)
    return block.plain()


def table_text(table: PrintedTable) -> str:
    """A printed table for the screen: each row's labels, then its values right-aligned in columns of one width
    (the merged header cells as their texts, one header row a line)."""
    values = [[cell.text for cell in row if cell.kind == "value"] for row in table.rows]
    labels = ["  ".join(cell.text for cell in row if cell.kind != "value" and cell.text) for row in table.rows]
    width = max([3, *(len(text) for row in values for text in row)])
    room = min(max([0, *(cell_len(label) for label, row in zip(labels, values, strict=True) if row)]), LABEL_ROOM)
    lines: list[str] = []
    for label, row in zip(labels, values, strict=True):
        if not row:
            lines.append(label)
            continue
        numbers = " ".join(text.rjust(width) for text in row)
        if cell_len(label) <= room:
            lines.append(label + " " * (room - cell_len(label)) + "  " + numbers)
        else:
            lines += [label, " " * room + "  " + numbers]
    return "\n".join(lines)


class Preview(VerticalScroll):
    """A scrollable, read-only view of the composed report."""

    def __init__(self) -> None:
        super().__init__(id="preview", classes="pane")

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-text", markup=False)

    def show(self, answers: Answers, pack: Pack) -> None:
        """Recompose and show the report."""
        self.query_one("#preview-text", Static).update(preview_text(answers, pack, tables=True))
