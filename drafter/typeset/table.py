"""A statistical table block as a Word table, laid out as published reports print the tables of the format.

The cells, their merges and the header rows come from :func:`drafter.tables.layout` (a
:class:`~drafter.tables.PrintedTable`); this module decides only how they look on the page: the type size, the
column widths (:func:`table_geometry`, the one rule for both) and the placement of merged cells on Word's grid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.compose import Block
from drafter.pack import StyleSpec
from drafter.tables import PrintedCell, PrintedTable
from drafter.typeset import ooxml
from drafter.typeset.ooxml import TWIPS_PER_PT, Geometry, text_width

SIZES_PT: tuple[tuple[int, float], ...] = ((4, 12.0), (10, 10.5))
"""Type size by the width in grid columns of a report's widest table: up to 4 columns 小四 (12 pt), up to 10 五号
(10.5 pt) …"""
SMALLEST_PT = 9.0
"""… wider tables 小五 (9 pt). Every table of a report, and every cell of a table, is set in that one size."""
CELL_MARGIN_TWIPS = 57
"""Space left and right inside each cell (1 mm; Word's default 1.9 mm leaves a 15-column table no room for
five digits)."""
NUMBER_DIGITS = 5
"""A value column holds at least a number of this many digits on one line."""
COMFORT_CHARS = 3
"""… and, where the text width allows it for every value column, this many characters (so 自然人 stays whole), but
never so wide that the longest label of the innermost label column takes more than :data:`LABEL_LINES` lines: the
value columns give up comfort to the labels (table 三's long labels against its columns of digits)."""
LABEL_LINES = 3
GROUP_LABEL_CHARS = 4
"""Width in characters of each label column but the innermost (group labels such as （三）不予公开 wrap in it)."""
ROW_HEIGHT_EM = 1.8
"""Rows are at least this many times the type size high."""
SLACK_EM = 0.5
"""Added to every width computed from characters: renderers round glyph advances, and a cell exactly as wide as its
text breaks it."""
_HEADINGS = ("header", "note", "caption")
_ALIGN = {"header": "center", "caption": "center", "value": "center", "label": "left", "note": "left"}


@dataclass(frozen=True)
class TableGeometry:
    """A table's type size and its grid column widths (summing to the text width)."""

    size_pt: float
    columns_twips: tuple[int, ...]


@dataclass(frozen=True)
class Slot:
    """A Word cell: the printed cell it shows, its first grid column, and its part in a vertical merge."""

    cell: PrintedCell
    column: int
    merge: ooxml.Merge


def placed(table: PrintedTable) -> list[list[Slot]]:
    """The printed rows as Word rows: each cell on the grid column after the cells left of it, skipping the columns
    that a cell merged down from a row above covers (those get a continuation cell of the same span)."""
    covering: dict[int, tuple[PrintedCell, int]] = {}  # grid column -> (cell merged down, rows still covered)
    out: list[list[Slot]] = []
    for row in table.rows:
        slots: list[Slot] = []
        cells = iter(row)
        column = 0
        while True:
            if column in covering:
                cell, left = covering[column]
                slots.append(Slot(cell, column, "continue"))
                if left > 1:
                    covering[column] = (cell, left - 1)
                else:
                    del covering[column]
                column += cell.cols
                continue
            nxt = next(cells, None)
            if nxt is None:
                break
            slots.append(Slot(nxt, column, "restart" if nxt.rows > 1 else ""))
            if nxt.rows > 1:
                covering[column] = (nxt, nxt.rows - 1)
            column += nxt.cols
        out.append(slots)
    return out


def report_size_pt(tables: Sequence[PrintedTable]) -> float:
    """The type size of every table of a report: the one its widest table needs (:data:`SIZES_PT`: 12 pt when no
    table is wider than 4 grid columns, 10.5 pt up to 10, else 9 pt), so a report's tables never differ."""
    widest = max((t.width for t in tables), default=0)
    return next((pt for most, pt in SIZES_PT if widest <= most), SMALLEST_PT)


def table_geometry(table: PrintedTable, text_width_pt: float, size_pt: float | None = None) -> TableGeometry:
    """Column widths of ``table`` across the text width (156 mm in GB/T 9704) at ``size_pt``: the one rule.

    The size is the report's (:func:`report_size_pt`; by default the one ``table`` alone would need).
    Every value column (a grid column right of the labels) is at least as wide as a :data:`NUMBER_DIGITS`-digit
    number at that size, and as :data:`COMFORT_CHARS` characters when all of them can be (each width with
    :data:`SLACK_EM` and the cell margins added). The label columns get the rest, but no more than their longest
    label needs on one line: each label column but the innermost is :data:`GROUP_LABEL_CHARS` characters wide, the
    innermost takes what remains. Width the labels do not need goes to the value columns in equal shares; when
    even the narrowest value columns (slack included) do not fit, they share the width equally: table 四's 15
    columns at 9 pt, where five digits still fit with 1.3 pt to spare.
    """
    size = size_pt if size_pt is not None else report_size_pt([table])
    total = round(text_width_pt * TWIPS_PER_PT)
    em = size * TWIPS_PER_PT

    def room(chars: float) -> int:  # a column holding ``chars`` characters of this size on one line
        return round((chars + SLACK_EM) * em) + 2 * CELL_MARGIN_TWIPS

    labels = _label_columns(table)
    values = table.width - labels
    if values == 0:
        return TableGeometry(size, tuple(_shares(total, labels)))
    group = room(GROUP_LABEL_CHARS)
    groups = group * max(labels - 1, 0)
    label_floor = groups + (group if labels else 0)
    value = room(NUMBER_DIGITS / 2)  # a digit is half a character wide
    comfortable = room(COMFORT_CHARS)
    if values * comfortable + label_floor <= total:
        # as wide as comfortable, but no wider than leaves the innermost labels their LABEL_LINES lines
        longest_inner = max((text_width(t) for t in _inner_labels(table, labels)), default=0.0)
        inner = room(math.ceil(longest_inner / LABEL_LINES)) if labels else 0
        value = max(value, min(comfortable, (total - groups - inner) // values))
    label_total = 0
    if labels:
        longest = max((text_width(c.text) for r in table.rows for c in r if c.kind == "label"), default=0.0)
        label_total = max(min(groups + room(longest), total - values * value), label_floor)
    value_widths = _shares(total - label_total, values)
    label_widths = [group] * (labels - 1) + [label_total - groups] if labels else []
    return TableGeometry(size, tuple(label_widths + value_widths))


def _inner_labels(table: PrintedTable, labels: int) -> list[str]:
    """The labels that sit in the innermost label column alone (those that span more columns have more room)."""
    return [s.cell.text for row in placed(table) for s in row
            if s.cell.kind == "label" and s.column == labels - 1 and s.cell.cols == 1]


def _shares(total: int, count: int) -> list[int]:
    """``total`` split into ``count`` whole shares that add up to it."""
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def _label_columns(table: PrintedTable) -> int:
    """How many grid columns left of the first value cell hold labels."""
    starts = [s.column for row in placed(table) for s in row if s.cell.kind == "value" and s.merge != "continue"]
    return min(starts, default=0)


def printed_of(block: Block) -> PrintedTable:
    """The printed table of a table block (a block without a layout shows its plain rows, one cell a column)."""
    if block.table is not None:
        return block.table
    width = max((len(r) for r in block.rows), default=1)
    rows = tuple(tuple(PrintedCell(text, "value") for text in row) for row in block.rows)
    return PrintedTable("", width, rows, 0)


def table_xml(block: Block, style: StyleSpec, size_pt: float | None = None) -> tuple[str, int]:
    """The Word table of ``block`` in the style's body font at the report's table size ``size_pt``
    (:func:`report_size_pt`), and how many control characters were removed."""
    table = printed_of(block)
    geometry = table_geometry(table, Geometry.of(style).text_width_pt, size_pt)
    widths = geometry.columns_twips
    fonts = style.fonts
    removed = 0
    rows: list[str] = []
    for index, slots in enumerate(placed(table)):
        cells: list[str] = []
        keep = all(slot.cell.kind in _HEADINGS for slot in slots)  # a caption or header row stays with what follows
        for slot in slots:
            rpr = ooxml.run_props(fonts.body, fonts.latin, geometry.size_pt, tracking_twips=0)
            text, dropped = ooxml.strip_illegal(slot.cell.text if slot.merge != "continue" else "")
            removed += dropped
            runs = ooxml.formatted_run(text, rpr) if text else ""
            paragraph = ooxml.paragraph("Normal", runs, ooxml.cell_ppr(_ALIGN[slot.cell.kind], rpr, keep))
            width = sum(widths[slot.column : slot.column + slot.cell.cols])
            cells.append(ooxml.table_cell(width, paragraph, slot.cell.cols, slot.merge))
        height = round(ROW_HEIGHT_EM * geometry.size_pt * TWIPS_PER_PT)
        rows.append(ooxml.table_row("".join(cells), height, header=index < table.header_rows))
    return ooxml.grid_table(list(widths), rows, CELL_MARGIN_TWIPS), removed
