"""The editor of a part that holds one of the pack's statistical tables: a grid of cells typed from the keyboard.

Layout and key handling only. What a cell is (typed or derived), its value, how typed text reads, which rules
break and how a cell is named all come from :mod:`drafter.tables` (and the findings' wording from
:mod:`drafter.checks.tables`), driven by the pack's ``tables.toml``.

Keys: the arrows and Tab/Shift+Tab move between the cells the clerk types (derived cells — 总计 — are skipped, and
a click on one goes to the nearest typed cell of its row); typing replaces the cell's value; Backspace takes back
the last character typed, or clears the cell; Delete clears it; Enter goes down.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from drafter.checks import Finding, Severity
from drafter.checks.tables import check_tables
from drafter.i18n import N_, _
from drafter.model import Answers, Table
from drafter.pack import Pack, SectionSpec, TableSpec
from drafter.tables import (
    Broken,
    Cell,
    Number,
    as_number,
    broken,
    cell_name,
    column_spec,
    computed,
    derived_cells,
    format_value,
    read_cell,
    typed_cells,
)

LABEL = "label"
"""The key of the grid's first column: the rows' (short) labels, fixed while the values scroll sideways."""

MARK = "✗"
"""Beside a row label or a column heading: a rule over that row or column does not hold."""

_TYPING = set(".,，．、-+")
"""Besides letters and digits, the characters that start or continue typing in a cell (a number being typed, or
something that is not one, which the cell then says)."""


class TableGrid(DataTable[Text]):
    """The cells of one table: a row per data row (caption and header rows of the printed table as labels)."""

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
            if key:
                self._update(Coordinate(number, 0), Text(MARK if key in rows else " ", style="bold red") + Text(label))
        changed = False
        for n, column in enumerate(self.ordered_columns[1:]):
            if n >= len(self.spec.columns):
                continue
            spec = self.spec.columns[n]
            heading = Text(spec.short or spec.label, justify="right")
            heading.append(MARK if spec.key in columns else " ", style="bold red")
            if _look(column.label) != _look(heading):
                column.label = heading
                changed = True
        if changed:
            self.notify_style_update()

    def _update(self, place: Coordinate, text: Text) -> None:
        if self._shown.get(place) != _look(text):
            self._shown[place] = _look(text)
            self.update_cell_at(place, text)

    def _cell_text(self, cell: Cell, value: Number | None, filled: bool, bad: bool) -> Text:
        if cell == self.editing:
            return Text(self.buffer + "▏", style="bold red underline" if self.invalid else "underline",
                        justify="right")
        column = column_spec(self.spec, cell)
        style = "bold red" if bad else ""
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


class TablePane(Widget):
    """The pane of a part holding a table: what the part asks, the grid, and for the cell under the cursor its
    full name, last year's value and any problem with what was typed; below, the table's rules that do not hold."""

    class Changed(Message):
        """A cell of the table changed."""

        def __init__(self, pane: TablePane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, spec: SectionSpec, table: TableSpec, answers: Answers, previous: Answers | None,
                 pack: Pack) -> None:
        super().__init__(id=f"part-{spec.key}", classes="pane")
        self.spec = spec
        self.table_spec = table
        self.answers = answers
        self.previous = previous
        self.pack = pack
        self.read_only = False

    @property
    def table(self) -> Table:
        """The table's cells in the answers (an empty table until the first cell is typed)."""
        return self.answers.tables.get(self.table_spec.key) or Table()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="guidance"):
            yield Static(_("[b]{label}[/b]: {prompt}").format(label=self.spec.label, prompt=self.spec.prompt),
                         classes="prompt", markup=True)
            yield Static(" ".join(line.strip() for line in self.spec.guidance.splitlines() if line.strip()),
                         classes="guidance-text", markup=False)
        yield TableGrid(self.table_spec)
        yield Static("", id="cell-name", classes="cell-name", markup=False)
        yield Static("", id="cell-info", classes="cell-info", markup=False)
        yield Static("", id="cell-message", classes="cell-message error", markup=False)
        with VerticalScroll(classes="table-problems"):
            yield Static("", id="table-problems", markup=False)

    def on_mount(self) -> None:
        self.refresh_table()
        self.call_after_refresh(self._show_cell)

    @property
    def grid(self) -> TableGrid:
        """The grid of cells."""
        return self.query_one(TableGrid)

    def refresh_table(self) -> None:
        """Show the cells, the derived totals and the rules that do not hold, as the answers have them now."""
        spec, table = self.table_spec, self.table
        values = computed(spec, table.cells)
        filled = {(row, column) for row, columns in table.cells.items() for column in columns}
        last = self.previous.tables.get(spec.key) if self.previous is not None else None
        rules = broken(spec, table, last)
        self.grid.show(values, filled, *_marks(rules))
        self._show_findings()

    def _findings(self) -> list[Finding]:
        """The findings about this table, those about the focused cell's row and column first, errors first."""
        found = [f for f in check_tables(self.answers, self.pack, self.previous) if f.table == self.table_spec.key]
        cell = self.grid.cell
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

        def rank(finding: Finding) -> tuple[int, int]:
            near = cell is not None and (finding.row == cell[0] or finding.column == cell[1])
            return (0 if near else 1, order.get(finding.severity, 3))

        return sorted(found, key=rank)

    def _show_findings(self) -> None:
        findings = self._findings()
        marks = {Severity.ERROR: "✗", Severity.WARNING: "⚠", Severity.INFO: "·"}
        text = "\n".join(f"{marks.get(f.severity, '·')}\u00a0{f.message}" for f in findings)
        problems = self.query_one("#table-problems", Static)
        problems.update(text)
        problems.set_class(any(f.severity is Severity.ERROR for f in findings), "error")
        self.query_one(".table-problems").display = bool(findings)

    def _show_cell(self) -> None:
        """The focused cell's full name and last year's value."""
        cell = self.grid.cell
        name = self.query_one("#cell-name", Static)
        info = self.query_one("#cell-info", Static)
        if cell is None:
            name.update("")
            info.update("")
            return
        name.update(cell_name(self.table_spec, cell))
        column = column_spec(self.table_spec, cell)
        stored = self.table.previous.get(cell[0], {}).get(cell[1])
        last: Number | None = as_number(stored) if stored is not None else None
        if not self.table.previous and self.previous is not None:  # not carried forward: last year's own file
            earlier = self.previous.tables.get(self.table_spec.key)
            last = computed(self.table_spec, earlier.cells).get(cell) if earlier is not None else None
        if last is None:
            info.update(_("Last year: —"))
            return
        unit = f" {column.unit}" if column and column.unit else ""
        info.update(_("Last year: {value}{unit}").format(value=format_value(last, column), unit=unit))

    def _say(self, message: str) -> None:
        self.query_one("#cell-message", Static).update(message)

    @on(TableGrid.Moved)
    def _moved(self) -> None:
        self._say("")
        self.refresh_table()  # a cell left half typed shows its value again; the findings follow the cursor
        self._show_cell()

    @on(TableGrid.Edited)
    def _edited(self, event: TableGrid.Edited) -> None:
        event.stop()
        grid = self.grid
        if self.read_only:
            grid.editing, grid.buffer, grid.invalid = None, "", False
            self._say(_("This report is open read-only (another tab or window is editing it)."))
            return
        column = column_spec(self.table_spec, event.cell)
        if column is None:
            return
        value, problem = read_cell(event.text, column)
        grid.invalid = bool(problem)
        self._say(problem)
        if not problem:
            self._store(event.cell, value)
        self.refresh_table()

    def _store(self, cell: Cell, value: int | float | None) -> None:
        """Put ``value`` in ``cell`` (None empties it); the printed totals of an imported document go."""
        table = self.answers.tables.setdefault(self.table_spec.key, Table())
        row, column = cell
        old = table.cells.get(row, {}).get(column)
        if value is None:
            table.cells.get(row, {}).pop(column, None)
            if row in table.cells and not table.cells[row]:
                del table.cells[row]
        else:
            table.cells.setdefault(row, {})[column] = value
        if old != value or table.printed:
            table.printed = {}  # they describe the imported document, not the form as typed now
            self.post_message(self.Changed(self))

    def focus_cell(self, row: str, column: str) -> None:
        """Show the cell a finding is about."""
        self.grid.focus_cell((row, column))


def _look(text: Text) -> tuple[str, str, str]:
    """What a text looks like on screen: Text's own equality leaves out its base style (red or not)."""
    return text.plain, str(text.style), repr(text.spans)


def _marks(rules: list[Broken]) -> tuple[set[Cell], set[str], set[str]]:
    """Where the grid marks the rules that do not hold: cells, rows (a rule over a row) and columns."""
    cells: set[Cell] = set()
    rows: set[str] = set()
    columns: set[str] = set()
    for rule in rules:
        if rule.kind == "blank":
            continue  # empty cells show as empty
        if rule.kind == "equal" and rule.over == "columns":
            columns.add(rule.cell[1])
        elif rule.kind == "equal" and rule.over == "rows":
            rows.add(rule.cell[0])
        cells.add(rule.cell)
    return cells, rows, columns
