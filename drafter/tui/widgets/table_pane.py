"""The pane of a part that holds one of the pack's statistical tables: what the part asks, the grid
(:mod:`.table_grid`), and for the cell under the cursor its full name, last year's value and any problem with what
was typed; below, the table's rules that do not hold, those about the cell's row and column first.

Layout and events only: how typed text reads, storing a cell, last year's value, which rules break and how a cell
is named come from :mod:`drafter.tables`, the findings' wording from :mod:`drafter.checks.tables`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from drafter.checks import Finding, Severity
from drafter.checks.findings import SEVERITY_ORDER
from drafter.checks.tables import check_tables
from drafter.i18n import N_, _
from drafter.model import Answers, Table
from drafter.pack import Pack, SectionSpec, TableSpec
from drafter.tables import (
    Broken,
    Cell,
    broken,
    cell_name,
    column_spec,
    computed,
    format_value,
    last_year_value,
    read_cell,
    set_cell,
)
from drafter.tui.widgets.table_grid import TableGrid


class TablePane(Widget):
    """The pane of a part holding a table: what the part asks, the grid, and for the cell under the cursor its
    full name, last year's value and any problem with what was typed; below, the table's rules that do not hold."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", N_("Undo"), show=False, id="table.undo"),  # in the help: undo typing
    ]

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
        self._undo: list[tuple[Cell, Table | None]] = []
        """The table as it was before each change, newest last: typing into one cell is one change."""
        self._typing_in: Cell | None = None

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
        # the marks and broken cells carry the theme's error colour in their text: drawn again in a new theme's
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self.refresh_table)

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

        def rank(finding: Finding) -> tuple[int, int]:
            near = cell is not None and (finding.row == cell[0] or finding.column == cell[1])
            return (0 if near else 1, SEVERITY_ORDER.get(finding.severity, 3))

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
        earlier = self.previous.tables.get(self.table_spec.key) if self.previous is not None else None
        last = last_year_value(self.table_spec, self.table, cell, earlier)
        if last is None:
            info.update(_("Last year: —"))
            return
        unit = f" {column.unit}" if column and column.unit else ""
        info.update(_("Last year: {value}{unit}").format(value=format_value(last, column), unit=unit))

    def _say(self, message: str) -> None:
        self.query_one("#cell-message", Static).update(message)

    @on(TableGrid.Moved)
    def _moved(self) -> None:
        self._typing_in = None  # typing into the next cell is a change of its own
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
        key = self.table_spec.key
        before = self.answers.tables.get(key)
        snapshot = before.model_copy(deep=True) if before is not None else None
        table = self.answers.tables.setdefault(key, Table())
        if set_cell(table, cell, value):
            if self._typing_in != cell:
                self._undo.append((cell, snapshot))
                self._typing_in = cell
            self.post_message(self.Changed(self))

    def action_undo(self) -> None:
        """Ctrl+Z: the table as it was before the last change (typing into one cell, or clearing it)."""
        if self.read_only or not self._undo:
            return
        cell, table = self._undo.pop()
        if table is None:
            self.answers.tables.pop(self.table_spec.key, None)
        else:
            self.answers.tables[self.table_spec.key] = table
        grid = self.grid
        grid.editing, grid.buffer, grid.invalid = None, "", False
        self._typing_in = None
        self._say("")
        self.refresh_table()
        grid.focus_cell(cell)
        self.post_message(self.Changed(self))

    def focus_cell(self, row: str, column: str) -> None:
        """Show the cell a finding is about."""
        self.grid.focus_cell((row, column))


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
