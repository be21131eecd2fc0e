"""The part editor's paragraph box: a TextArea in which each live figure ``⟦label=value⟧`` is one unit.

The rules (where the cursor may stand, what a deletion takes) are :mod:`drafter.editor_text`; this widget applies
them to the keys: the cursor steps over a figure, Backspace and Delete take it whole (one undoable edit), a
selection that touches it takes it whole, nothing is typed inside it, and Enter with the cursor on it asks to edit
the figure in the figures form.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location, Selection

from drafter.editor_text import figure_at, inside_figure, snap_column, widen_to_figures
from drafter.figures import Catalogue
from drafter.i18n import _


class FigureTextArea(TextArea):
    """A TextArea whose live figures are atomic (with a catalogue; without one it is a plain TextArea)."""

    class FigureChosen(Message):
        """Enter was pressed with the cursor on the live figure ``key``."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, catalogue: Catalogue | None = None, **kwargs: object) -> None:
        self.catalogue = catalogue  # before TextArea's own set-up, which moves the cursor
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def watch_selection(self, previous: Selection, selection: Selection) -> None:
        """Keep the cursor out of live figures: it steps over one in the direction it moved."""
        if self.catalogue is None or not self.is_mounted:
            return
        row, column = selection.end
        line = self.document.get_line(row)
        came_from = previous.end[1] if previous.end[0] == row else None
        snapped = snap_column(line, column, self.catalogue, came_from)
        if snapped != column:
            start = (row, snapped) if selection.is_empty else selection.start
            self.selection = Selection(start, (row, snapped))

    def _widened(self, start: Location, end: Location) -> tuple[Location, Location]:
        if self.catalogue is None:
            return start, end
        return widen_to_figures(self.document.get_line, start, end, self.catalogue)

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        start, end = self._widened(start, end)
        return super()._delete_via_keyboard(start, end)

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        if (self.catalogue is not None and start == end
                and inside_figure(self.document.get_line(start[0]), start[1], self.catalogue) is not None):
            self.app.bell()  # nothing is typed into a figure (the cursor cannot stand there anyway)
            return None
        start, end = self._widened(start, end)
        return super()._replace_via_keyboard(insert, start, end)

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and (event.is_printable or event.key in ("enter", "backspace", "delete")):
            event.stop()
            event.prevent_default()  # say so rather than ignore it silently (another tab or window edits the report)
            self.notify(_("This report is open read-only (another tab or window is editing it): typing is "
                          "ignored here."), severity="warning", timeout=4)
            return
        if event.key == "enter" and self.catalogue is not None and self.selection.is_empty and not self.read_only:
            row, column = self.cursor_location
            figure = figure_at(self.document.get_line(row), column, self.catalogue)
            if figure is not None and figure[0] == column:
                event.stop()
                event.prevent_default()
                self.post_message(self.FigureChosen(figure[2]))
                return
        await super()._on_key(event)

    def figure_near_cursor(self) -> tuple[int, int, str] | None:
        """The live figure at the cursor (:func:`drafter.editor_text.figure_at`) as ``(start, end, key)``."""
        if self.catalogue is None:
            return None
        row, column = self.cursor_location
        return figure_at(self.document.get_line(row), column, self.catalogue)
