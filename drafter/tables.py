"""The one home of statistical tables: a table's values with its derived cells computed, the rules between cells,
carrying last year's cells forward (and a cell's value last year), reading, storing and printing a cell, and the
printed layout the typesetter and the preview share. Everything here is driven by the pack's ``tables.toml``
(:mod:`drafter.pack.tablespec`): no report type is named in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from drafter.model import Cells, CellValue, Table
from drafter.numerals import read_number
from drafter.pack.tablespec import ColumnSpec, DerivedSpec, HeaderCell, RowSpec, RuleSpec, TableSpec, Term, parse_term

Cell = tuple[str, str]
"""A cell's address: row key, column key."""

Number = int | Decimal


def table_name(table: TableSpec) -> str:
    """The table named briefly for the clerk: its short name (表三), else its title in quotes."""
    return table.short or f"“{table.title}”"


def cell_name(table: TableSpec, cell: Cell) -> str:
    """A cell named for the clerk: the table, its row and its column, by their labels."""
    row = table.row_named(cell[0])
    column = column_spec(table, cell)
    return f"{table.title}：{row.label if row else cell[0]}／{column.label if column else cell[1]}"


def column_spec(table: TableSpec, cell: Cell) -> ColumnSpec | None:
    """The column of ``cell``, or None when the table has no such cell."""
    row = table.row_named(cell[0])
    return next((c for c in table.columns_of(row) if c.key == cell[1]), None) if row else None


def all_cells(table: TableSpec) -> list[Cell]:
    """Every cell of the table, row by row."""
    return [(row.key, col.key) for row in table.data_rows() for col in table.columns_of(row)]


def _derived_specs(table: TableSpec) -> dict[Cell, DerivedSpec]:
    """Each computed cell with the sum it is (a cell derived both ways, （七）总计 of 总计, with the first listed)."""
    out: dict[Cell, DerivedSpec] = {}
    cells = all_cells(table)  # in the table's order: findings about printed totals come in a stable order
    for derived in table.derived:
        for cell in cells:
            if (derived.column and cell[1] == derived.column) or (derived.row and cell[0] == derived.row):
                out.setdefault(cell, derived)
    return out


def derived_cells(table: TableSpec) -> dict[Cell, str]:
    """The cells the table computes, each with the id of the rule its printed value must keep."""
    return {cell: spec.rule for cell, spec in _derived_specs(table).items()}


def typed_cells(table: TableSpec) -> list[Cell]:
    """The cells a clerk types, row by row."""
    derived = derived_cells(table)
    return [cell for cell in all_cells(table) if cell not in derived]


def sources(table: TableSpec, cell: Cell) -> list[Cell]:
    """The typed cells ``cell``'s value comes from: itself when it is typed, else the typed cells its sum adds
    (through other sums: （七）总计 of 总计 comes from every typed cell of （一）至（六））."""
    spec = _derived_specs(table).get(cell)
    if spec is None:
        return [cell]
    parts = [(cell[0], c) for c in spec.of] if spec.column else [(r, cell[1]) for r in spec.of]
    out: list[Cell] = []
    for part in parts:
        out += [c for c in sources(table, part) if c not in out]
    return out


def is_known(table: TableSpec, cells: Cells, cell: Cell) -> bool:
    """True when ``cell`` has a value: it is typed and filled, or at least one cell it adds up is filled."""
    return any(_get(cells, c) is not None for c in sources(table, cell))


def _get(cells: Cells, cell: Cell) -> CellValue | None:
    return cells.get(cell[0], {}).get(cell[1])


def as_number(value: CellValue | None) -> Number:
    """A stored cell as an exact number (an empty cell counts as 0)."""
    if value is None:
        return 0
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def computed(table: TableSpec, cells: Cells) -> dict[Cell, Number]:
    """Every cell's value: the typed ones as stored (empty ones as 0), the derived ones computed from them."""
    derived = derived_cells(table)
    values: dict[Cell, Number] = {c: as_number(_get(cells, c)) for c in all_cells(table) if c not in derived}
    # Row sums first, then column sums: a cell derived both ways (（七）总计 / 总计) gets the same number either way.
    for spec in sorted(table.derived, key=lambda d: 0 if d.row else 1):
        for cell in derived:
            if spec.row and cell[0] == spec.row:
                values[cell] = sum((values.get((r, cell[1]), 0) for r in spec.of), start=0)
            elif spec.column and cell[1] == spec.column:
                values[cell] = sum((values.get((cell[0], c), 0) for c in spec.of), start=0)
    return values


def format_value(value: Number | None, column: ColumnSpec | None) -> str:
    """A cell as printed: a count as a whole number, an amount with the decimals it has (at most the column's)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    places = column.decimals if column else 0
    text = f"{value.quantize(Decimal(1).scaleb(-places)) if places else value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimal_places(number: Decimal) -> int:
    """Digits after the decimal point that count (2.50 has one, 1E+16 none)."""
    exponent = number.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def read_cell(text: str, column: ColumnSpec) -> tuple[CellValue | None, str]:
    """A typed cell read from ``text``: (value, '') or (None, why it is not a value for this column).

    An empty text is an empty cell. Full-width digits and thousands separators are read.
    """
    from drafter.i18n import _

    stripped = text.strip()
    if not stripped:
        return None, ""
    number = read_number(stripped)
    if number is None or not re.fullmatch(r"[\d０-９,，.．]+", stripped):
        return None, _("“{text}” is not a number").format(text=stripped)
    if number < 0:
        return None, _("a cell cannot be negative")
    places = decimal_places(number)
    if places > column.decimals:
        if column.decimals == 0:
            return None, _("{label} is counted in whole numbers").format(label=column.label)
        return None, _("{label} takes at most {places} decimals").format(label=column.label, places=column.decimals)
    if places == 0:
        return int(number), ""
    return float(number), ""


@dataclass(frozen=True, slots=True)
class Broken:
    """A rule of a table that does not hold, at one cell (the cell on the rule's left side)."""

    rule: str
    severity: Literal["error", "warning", "hint"]
    title: str
    table: str
    cell: Cell
    actual: Number
    """The cell's value, or the sum of the rule's left side."""
    expected: Number | None
    """What it should be for the rule to hold (the right side's sum; None for a cell that should be 0, or a
    count of empty cells)."""
    kind: Literal["equal", "derived", "zero", "whole", "blank"] = "equal"
    over: Literal["columns", "rows", "cells"] = "cells"


def _cell_of(rule: RuleSpec, term: Term, free: str) -> Cell:
    """The cell a term of ``rule`` names where the rule's free key (the column, or the row, it holds in) is
    ``free``."""
    if rule.over == "cells":
        return (term.first, term.second)
    return (term.first, free) if rule.over == "columns" else (free, term.first)


def _terms(rule: RuleSpec, free: str, side: list[str], now: dict[Cell, Number],
           last: dict[Cell, Number] | None) -> Number | None:
    total: Number = 0
    for text in side:
        term = parse_term(text)
        source = last if term.last_year else now
        if source is None:
            return None
        cell = _cell_of(rule, term, free)
        if cell not in source:
            continue  # a row without that column (table 二)
        total = total - source[cell] if term.minus else total + source[cell]
    return total


def _free_keys(table: TableSpec, rule: RuleSpec) -> list[str]:
    if rule.over == "cells":
        return [""]
    if rule.over == "columns":
        seen: list[str] = []
        for row in table.data_rows():
            seen += [c.key for c in table.columns_of(row) if c.key not in seen]
        keys = seen
    else:
        keys = [r.key for r in table.data_rows()]
    return [k for k in keys if not rule.only or k in rule.only]


def _first_cell(rule: RuleSpec, free: str) -> Cell:
    """The cell a finding about ``rule`` points at: its first left term's."""
    return _cell_of(rule, parse_term(rule.left[0]), free)


def broken(table: TableSpec, data: Table | None, last: Table | None = None) -> list[Broken]:
    """Every rule of ``table`` that ``data`` breaks, with printed derived cells that do not add up (I2, I3, I5)
    and cells with more decimals than their column allows. Rules about last year need ``last`` (last year's table,
    which wins when given) or the table's own ``previous`` cells; without either they are skipped."""
    cells = data.cells if data else {}
    now = computed(table, cells)
    previous = last.cells if last is not None and last.cells else (data.previous if data and data.previous else None)
    past = computed(table, previous) if previous else None
    out: list[Broken] = []
    for cell, spec in _derived_specs(table).items():  # each with its own title: three sums of table 四 are I5
        printed = _get(data.printed, cell) if data else None
        if printed is not None and as_number(printed) != now[cell]:
            out.append(Broken(spec.rule, "error", spec.title, table.key, cell, as_number(printed), now[cell],
                              "derived"))
    for rule in table.rules:
        if rule.kind == "whole":
            out += _not_whole(table, rule, cells)
            continue
        if rule.kind == "blank":
            empty = [c for c in typed_cells(table) if _get(cells, c) is None]
            if empty and data is not None and data.cells:
                out.append(Broken(rule.id, rule.severity, rule.title, table.key, empty[0], len(empty), None,
                                  "blank"))
            continue
        for free in _free_keys(table, rule):
            if rule.over != "cells" and _first_cell(rule, free) not in now:
                continue
            if rule.kind == "zero":
                for text in rule.left:
                    cell = _cell_of(rule, parse_term(text), free)
                    if now.get(cell, 0):
                        out.append(Broken(rule.id, rule.severity, rule.title, table.key, cell, now[cell], None,
                                          "zero"))
                continue
            left = _terms(rule, free, rule.left, now, past)
            right = _terms(rule, free, rule.right, now, past)
            if left is None or right is None or left == right:
                continue
            out.append(Broken(rule.id, rule.severity, rule.title, table.key, _first_cell(rule, free), left, right,
                              "equal", rule.over))
    return out


def _not_whole(table: TableSpec, rule: RuleSpec, cells: Cells) -> list[Broken]:
    out: list[Broken] = []
    for cell in all_cells(table):
        value = _get(cells, cell)
        column = column_spec(table, cell)
        if isinstance(value, float) and column is not None and decimal_places(Decimal(repr(value))) > column.decimals:
            out.append(Broken(rule.id, rule.severity, rule.title, table.key, cell, as_number(value), None, "whole"))
    return out


def carry_forward(table: TableSpec, last: Table | None) -> Table:
    """This year's table begun from last year's: last year's values (derived ones computed) kept as
    ``previous``, and every cell a rule sets equal to one of last year's filled (二、上年结转 = last year's
    四、结转下年度继续办理)."""
    if last is None:
        return Table()
    values = computed(table, last.cells)
    previous: Cells = {}
    for (row, col), value in values.items():
        previous.setdefault(row, {})[col] = _stored(value)
    derived = derived_cells(table)
    cells: Cells = {}
    for rule in table.rules:
        if rule.kind != "equal" or len(rule.left) != 1 or len(rule.right) != 1:
            continue
        target, source = parse_term(rule.left[0]), parse_term(rule.right[0])
        if target.last_year or not source.last_year or target.minus or source.minus:
            continue
        for free in _free_keys(table, rule):
            cell, origin = _cell_of(rule, target, free), _cell_of(rule, source, free)
            if cell in derived or origin not in values:
                continue
            cells.setdefault(cell[0], {})[cell[1]] = _stored(values[origin])
    return Table(cells=cells, previous=previous)


def last_year_value(table: TableSpec, data: Table, cell: Cell, last: Table | None) -> Number | None:
    """Last year's value of ``cell``: the one kept when ``data`` was carried forward, else (a table begun afresh)
    computed from last year's own table ``last``; None when there is none."""
    if not data.previous:
        return computed(table, last.cells).get(cell) if last is not None else None
    stored = _get(data.previous, cell)
    return as_number(stored) if stored is not None else None


def set_cell(data: Table, cell: Cell, value: CellValue | None) -> bool:
    """Put ``value`` in ``cell`` (None empties it); True when the table changed. Any change drops the totals an
    imported document printed: they describe that document, not the table as typed now."""
    row, column = cell
    old = _get(data.cells, cell)
    if value is None:
        data.cells.get(row, {}).pop(column, None)
        if row in data.cells and not data.cells[row]:
            del data.cells[row]
    else:
        data.cells.setdefault(row, {})[column] = value
    if old == value and not data.printed:
        return False
    data.printed = {}
    return True


def _stored(value: Number) -> CellValue:
    return value if isinstance(value, int) else float(value)


# ---- the printed layout ---------------------------------------------------------------------------------------

CellKind = Literal["header", "note", "caption", "label", "value"]


@dataclass(frozen=True, slots=True)
class PrintedCell:
    """One cell of the printed table with its merge."""

    text: str
    kind: CellKind
    cols: int = 1
    rows: int = 1
    cell: Cell | None = None
    """The data cell a value shows."""


@dataclass(frozen=True, slots=True)
class PrintedTable:
    """A table as it is printed: rows of cells with their spans; the first ``header_rows`` repeat on each page."""

    key: str
    width: int
    rows: tuple[tuple[PrintedCell, ...], ...]
    header_rows: int

    def plain_rows(self) -> tuple[tuple[str, ...], ...]:
        """Each printed row's texts, left to right (for plain text and the checks)."""
        return tuple(tuple(c.text for c in row) for row in self.rows)


def _group_span(rows: list[RowSpec], index: int) -> int:
    depth = rows[index].depth
    span = 0
    for row in rows[index + 1:]:
        if row.depth <= depth:
            break
        if row.kind == "data":
            span += 1
    return max(span, 1)


def _header_row(cells: list[HeaderCell]) -> tuple[PrintedCell, ...]:
    return tuple(PrintedCell(c.text, "note" if c.note else "header", c.cols, c.rows) for c in cells)


def layout(table: TableSpec, data: Table | None) -> PrintedTable:
    """The printed table of ``data``: the pack's header, then each body row with its label cells and values."""
    values = computed(table, data.cells if data else {})
    width = table.width()
    printed: list[tuple[PrintedCell, ...]] = []
    for header in table.header:
        printed.append(_header_row(header))
    pending: list[PrintedCell] = []
    for index, row in enumerate(table.rows):
        if row.kind == "caption":
            printed.append((PrintedCell(row.label, "caption", width),))
        elif row.kind == "header":
            printed.append(_header_row(row.cells))
        elif row.kind == "group":
            pending.append(PrintedCell(row.label, "label", 1, _group_span(table.rows, index)))
        else:
            cells = list(pending)
            pending = []
            if table.label_columns:
                cells.append(PrintedCell(row.label, "label", table.label_columns - min(row.depth,
                                                                                      table.label_columns - 1)))
            for column in table.columns_of(row):
                cell = (row.key, column.key)
                cells.append(PrintedCell(format_value(values.get(cell), column), "value", column.span, 1, cell))
            printed.append(tuple(cells))
    return PrintedTable(table.key, width, tuple(printed), len(table.header))
