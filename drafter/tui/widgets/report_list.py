"""The start screen's list of reports: a click chooses a row, a double click or Enter opens it.

Textual's ListView opens (selects) a row on a single click; in the browser a clerk clicks a row and then presses
Enter, and that Enter landed in the editor already opened, where it put the focus into 乡镇 with its text selected.
"""

from __future__ import annotations

from textual import events
from textual.widgets import ListItem, ListView


class ReportList(ListView):
    """A ListView whose single click highlights and focuses; a double click opens as Enter does."""

    def _on_list_item__child_clicked(self, event: ListItem._ChildClicked) -> None:
        event.stop()
        event.prevent_default()  # not ListView's own handler, which would open the row
        self.focus()
        self.index = self._nodes.index(event.item)

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2 and self.highlighted_child is not None and self.index is not None:
            self.post_message(self.Selected(self, self.highlighted_child, self.index))
