"""The grid of a part that holds one of the pack's statistical tables: its cells drawn, the cursor moved and typed
into from the keyboard. The pane around it (labels, last year's value, findings) is :mod:`.table_pane`.

Drawing and key handling only. What a cell is (typed or derived), its value and how it prints come from
:mod:`drafter.tables`, driven by the pack's ``tables.toml``.

Keys: the arrows and Tab/Shift+Tab move between the cells the clerk types (derived cells — 总计 — are skipped, and
a click on one goes to the nearest typed cell of its row); typing replaces the cell's value; Backspace takes back
the last character typed, or clears the cell; Delete clears it; Enter goes down.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from drafter.i18n import N_
from drafter.pack import TableSpec
from drafter.tables import Cell, Number, column_spec, derived_cells, format_value, typed_cells

LABEL = "label"
"""The key of the grid's first column: the rows' (short) labels, fixed while the values scroll sideways."""

MARK = "✗"
"""Beside a row label or a column heading: a rule over that row or column does not hold."""

_TYPING = set(".,，．、-+")
"""Besides letters and digits, the characters that start or continue typing in a cell (a number being typed, or
something that is not one, which the cell then says)."""


class TableGrid(DataTable[Text]):
    """The cells of one table: a row per data row (caption and header rows of the printed table as labels)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {"table-grid--broken"}
    """``table-grid--broken``: a cell, or the mark beside a row or column, where a rule does not hold (its colour
    is the theme's error colour made readable, see ``app.tcss``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_cell", N_("Next cell"), show=False, id="grid.next"),
        Binding("shift+tab", "previous_cell", N_("Previous cell"), show=False, id="grid.previous"),
        Binding("backspace", "backspace", N_("Clear"), show=False, id="grid.backspace"),
        Binding("delete", "clear_cell", N_("Clear"), show=False, id="grid.clear"),
    ]

    class Edited(Message):
        """The clerk typed into a cell (or cleared it): ``text`` is what the cell holds as typed so far."""

        def __init__(self, grid: TableGrid, cell: Cell, text: str) -> None:
            super().__init__()
            self.grid = grid
            self.cell = cell
            self.text = text

    class Moved(Message):
        """The cursor is on another cell."""

        def __init__(self, grid: TableGrid, cell: Cell) -> None:
            super().__init__()
            self.grid = grid
            self.cell = cell

    def __init__(self, spec: TableSpec) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, fixed_columns=1, id=f"grid-{spec.key}",
                         classes="table-grid")
        self.spec = spec
        self.derived = set(derived_cells(spec))
        self.typed = typed_cells(spec)
        self.place: dict[Cell, Coordinate] = {}
        """Where each cell of the table is in the grid."""
        self.at: dict[Coordinate, Cell] = {}
        self.labels: list[tuple[str, str]] = []
        """Each grid row's key (a data row's key, or '' for a caption or header row) and its label."""
        self.editing: Cell | None = None
        """The cell being typed into, and what was typed so far."""
        self.buffer = ""
        self.invalid = False
        """What is typed in the cell being edited is not a value for it (the pane says why)."""
        self._shown: dict[Coordinate, tuple[str, str, str]] = {}
        """What each cell shows (text, style, spans): a cell is redrawn only when that changes."""
        self._ready = False

    # ---- layout -----------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        spec = self.spec
        data_rows = spec.data_rows()
        width = max((len(spec.columns_of(r)) for r in data_rows), default=0)
        rows: list[tuple[str, str, list[str]]] = []  # key, label, texts of the value columns
        for index, row in enumerate(spec.rows):
            if row.kind == "caption":
                rows.append(("", row.label, []))
            elif row.kind == "header":  # the names of the columns of the data rows that follow
                following = next((r for r in spec.rows[index + 1:] if r.kind == "data"), None)
                names = [c.short or c.label for c in spec.columns_of(following)] if following else []
                rows.append(("", "", names))
            elif row.kind == "data":
                rows.append((row.key, row.short or row.label, []))
        label_width = max((cell_len(label) for _key, label, _texts in rows), default=0) + 1
        self.add_column(Text(""), width=label_width, key=LABEL)
        for n in range(width):
            column = spec.columns[n] if n < len(spec.columns) else None
            heading = (column.short or column.label) if column else ""
            widths = [cell_len(heading) + 1, 4]  # the heading and its mark; four digits
            widths += [cell_len(texts[n]) for _key, _label, texts in rows if n < len(texts)]
            widths += [4 + c.decimals + (c.decimals > 0) for r in data_rows for c in spec.columns_of(r)[n:n + 1]]
            self.add_column(Text(heading, justify="right"), width=max(widths), key=f"c{n}")
        for number, (key, label, texts) in enumerate(rows):
            self.labels.append((key, label))
            values = [Text(t, style="bold", justify="right") for t in texts] + [Text("")] * (width - len(texts))
            style = "bold" if not key else ""
            self.add_row(Text(label, style=style), *values[:width], key=f"r{number}")
            row_spec = next((r for r in data_rows if key and r.key == key), None)
            if row_spec is not None:
                for n, column_ in enumerate(spec.columns_of(row_spec)):
                    cell = (key, column_.key)
                    self.place[cell] = Coordinate(number, n + 1)
                    self.at[Coordinate(number, n + 1)] = cell
        self._ready = True
        if self.typed:
            self.cursor_coordinate = self.place[self.typed[0]]

    def show(self, values: dict[Cell, Number], filled: set[Cell], bad: set[Cell], rows: set[str],
             columns: set[str]) -> None:
        """Show the cells' ``values`` (``filled``: typed cells that hold a value), marking the cells, rows and
        columns where a rule does not hold."""
        for cell, place in self.place.items():
            self._update(place, self._cell_text(cell, values.get(cell), cell in filled, cell in bad))
        for number, (key, label) in enumerate(self.labels):
            if key:  # the mark alone in the error colour: the label keeps the column's own colours
                self._update(Coordinate(number, 0), Text.assemble((MARK if key in rows else " ", self._broken), label))
        changed = False
        for n, column in enumerate(self.ordered_columns[1:]):
            if n >= len(self.spec.columns):
                continue
            spec = self.spec.columns[n]
            heading = Text(spec.short or spec.label, justify="right")
            heading.append(MARK if spec.key in columns else " ", style=self._broken)
            if _look(column.label) != _look(heading):
                column.label = heading
                changed = True
        if changed:
            self.notify_style_update()

    @property
    def _broken(self) -> Style:
        """How a broken rule's mark and cells are drawn (``table-grid--broken``: the theme's error colour)."""
        return self.get_component_rich_style("table-grid--broken", partial=True)

    def _update(self, place: Coordinate, text: Text) -> None:
        if self._shown.get(place) != _look(text):
            self._shown[place] = _look(text)
            self.update_cell_at(place, text)

    def _cell_text(self, cell: Cell, value: Number | None, filled: bool, bad: bool) -> Text:
        if cell == self.editing:
            return Text(self.buffer + "▏", style=self._broken + Style(underline=True) if self.invalid else "underline",
                        justify="right")
        column = column_spec(self.spec, cell)
        style = self._broken if bad else ""
        if cell in self.derived:
            return Text(format_value(value, column), style=style or "bold italic", justify="right")
        if not filled:
            return Text("·", style=style or "dim", justify="right")
        return Text(format_value(value, column), style=style, justify="right")

    # ---- the cursor -------------------------------------------------------------------------------------
    @property
    def cell(self) -> Cell | None:
        """The cell under the cursor."""
        return self.at.get(self.cursor_coordinate)

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        value = super().validate_cursor_coordinate(value)
        if not self._ready or self._typed_at(value):
            return value
        in_row = [c for c in self._typed_in_row(value.row)]
        if in_row:  # a click on a label or a total: the nearest cell of the row to type in
            return min(in_row, key=lambda c: abs(c.column - value.column))
        current = self.cursor_coordinate
        if self._typed_at(current):
            return current
        return self.place[self.typed[0]] if self.typed else value

    def _typed_at(self, place: Coordinate) -> bool:
        cell = self.at.get(place)
        return cell is not None and cell not in self.derived

    def _typed_in_row(self, row: int) -> list[Coordinate]:
        return [self.place[c] for c in self.typed if self.place[c].row == row]

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if old != new and self._ready:
            self.editing, self.buffer, self.invalid = None, "", False
            cell = self.at.get(new)
            if cell is not None:
                self.post_message(self.Moved(self, cell))

    def _go(self, place: Coordinate | None) -> None:
        if place is None:
            return
        self._set_hover_cursor(False)
        self.cursor_coordinate = place
        self._scroll_cursor_into_view()
        if not self._horizontal(1) and any(p.row == place.row and p.column > place.column for p in self.at):
            self.scroll_x = self.max_scroll_x  # the last cell to type in the row: its totals come into view too

    def _vertical(self, step: int) -> Coordinate | None:
        """The typed cell nearest the current column in the next row (``step`` 1: down, -1: up) that has any."""
        here = self.cursor_coordinate
        row = here.row + step
        while 0 <= row < self.row_count:
            places = self._typed_in_row(row)
            if places:
                return min(places, key=lambda c: abs(c.column - here.column))
            row += step
        return None

    def _horizontal(self, step: int) -> Coordinate | None:
        here = self.cursor_coordinate
        places = [p for p in self._typed_in_row(here.row) if (p.column - here.column) * step > 0]
        return min(places, key=lambda c: abs(c.column - here.column)) if places else None

    def action_cursor_up(self) -> None:
        self._go(self._vertical(-1))

    def action_cursor_down(self) -> None:
        self._go(self._vertical(1))

    def action_cursor_left(self) -> None:
        self._go(self._horizontal(-1))

    def action_cursor_right(self) -> None:
        self._go(self._horizontal(1))

    def action_select_cursor(self) -> None:
        """Enter: done with this cell, go down (not while what is typed is not a value)."""
        if not self.invalid:
            self._go(self._vertical(1))

    def _reading_order(self, step: int) -> Coordinate | None:
        cell = self.cell
        if cell is None or cell not in self.typed:
            return None
        index = self.typed.index(cell) + step
        return self.place[self.typed[index]] if 0 <= index < len(self.typed) else None

    def action_next_cell(self) -> None:
        """Tab: the next typed cell, row by row; after the last one, the next thing on the screen."""
        place = self._reading_order(1)
        if place is None:
            self.screen.focus_next()
        self._go(place)

    def action_previous_cell(self) -> None:
        """Shift+Tab: the typed cell before, row by row; before the first one, the thing before on the screen."""
        place = self._reading_order(-1)
        if place is None:
            self.screen.focus_previous()
        self._go(place)

    # ---- typing -----------------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        char = event.character
        if not char or not event.is_printable or not (char.isalnum() or char in _TYPING):
            return
        event.stop()
        event.prevent_default()
        cell = self.cell
        if cell is None:
            return
        if self.editing != cell:
            self.editing, self.buffer = cell, ""
        self.buffer += char
        self.post_message(self.Edited(self, cell, self.buffer))

    def action_backspace(self) -> None:
        """Take back the last character typed; on a cell not being typed into, clear it."""
        cell = self.cell
        if cell is None:
            return
        if self.editing == cell and self.buffer:
            self.buffer = self.buffer[:-1]
            self.post_message(self.Edited(self, cell, self.buffer))
        else:
            self.action_clear_cell()

    def action_clear_cell(self) -> None:
        """Empty the cell."""
        cell = self.cell
        if cell is None:
            return
        self.editing, self.buffer, self.invalid = None, "", False
        self.post_message(self.Edited(self, cell, ""))

    def focus_cell(self, cell: Cell) -> None:
        """Put the cursor on ``cell`` (a typed cell, or the nearest one of its row) and take the keys."""
        place = self.place.get(cell)
        if place is not None:
            self._go(place)
        self.focus()


def _look(text: Text) -> tuple[str, str, str]:
    """What a text looks like on screen: Text's own equality leaves out its base style (red or not)."""
    return text.plain, str(text.style), repr(text.spans)
