"""Place a source's tables into the answers: each cell by its row label and its column header, as the pack's
``tables.toml`` declares them (:mod:`drafter.pack.tablespec`).

Rows and columns are matched by label as :mod:`drafter.importer.labels` folds and indexes them (with the
variants of the pack's ``import.toml``). Columns are found by the header over them — every header row of a merged
header, so the three ``结果维持`` of table 四 are told apart by the headers above them; a header printed flat on one
row (``自然人 | 法人或其他组织 | 总计 | 商业企业 …``) is put back in the order of the cells under it by the pack's
own header. A header over the values that does not name every typed column places nothing in its rows and says
so (never a guess by position); only values with no header over them are read in the format's order. A number
printed with a mark after it (``114①``, ``121件``) is kept and the mark noted. Typed cells go to ``Table.cells``;
the derived cells a source prints (总计) to ``Table.printed``, so the checks can show a total that does not add up.
A table in an outdated format is reported and not placed; rows that are not the table's are listed as
unrecognised; what the source lacks is told in notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.i18n import _
from drafter.importer.grid import GridCell, SourceTable, expand_origins
from drafter.importer.labels import (
    PackLabels,
    TableLabels,
    cut_short,
    fold,
    header_stack,
    is_number,
    split_mark,
    unflatten,
)
from drafter.importer.spec import ImportSpec
from drafter.model import Cells, CellValue
from drafter.pack import Pack
from drafter.pack.tablespec import ColumnSpec, RowSpec
from drafter.tables import derived_cells, read_cell, typed_cells

_LOOSE_DECIMALS = 4
"""Decimals read in any column, so that a count printed with decimals is kept for the checks (I8) to report."""


@dataclass
class PlacedTables:
    """What the placer made of a source's tables."""

    cells: dict[str, Cells] = field(default_factory=dict)
    """Typed cells by table key."""
    printed: dict[str, Cells] = field(default_factory=dict)
    """Derived cells as printed, by table key."""
    consumed: set[int] = field(default_factory=set)
    """Paragraphs read as a table (placed, or kept aside as an outdated table): not text of the report."""
    unrecognised: list[tuple[int, str]] = field(default_factory=list)
    """Rows of a table that are none of its rows, with the paragraph each was read as."""
    notes: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    """The first row of each table found in an outdated format."""
    found: list[str] = field(default_factory=list)
    """The keys of the pack's tables found in the source, in the order found."""
    rows: dict[str, set[str]] = field(default_factory=dict)
    """The rows found of each table (blank ones included)."""


class Placer:
    """Places the tables of one source with one pack."""

    def __init__(self, pack: Pack, spec: ImportSpec) -> None:
        self.pack = pack
        self.spec = spec
        self.index = PackLabels(pack, spec)
        self.labels = self.index.tables

    # ---- one source ------------------------------------------------------------------------------------------
    def place(self, tables: list[SourceTable], blocks: list[str]) -> PlacedTables:
        out = PlacedTables()
        for source in (part for whole in tables for part in self._segments(whole)):
            grid = source.grid()
            if self.index.outdated(grid):
                self._keep_outdated(source, grid, out)
                continue
            labels = self.index.which(grid)
            if labels is None:
                continue
            _Placement(self, labels, source, grid, out).run()
            out.consumed.update(range(source.start, source.end))
            self._absorb(source, labels, blocks, out)
            if labels.spec.key not in out.found:
                out.found.append(labels.spec.key)
        self._report_missing(out)
        return out

    def _segments(self, source: SourceTable) -> list[SourceTable]:
        """``source`` cut where its rows become another pack table's (a text file's tables 二 and 三 may run into
        one another, an outdated table 二 into this year's 三); a one-cell row that is no table's (a part's heading
        between two tables) is left as text."""
        grid = source.grid()
        if len(source.lines) != len(source.rows):
            return [source]
        vocabulary = [labels.rows.keys() | labels.loose_rows.keys() | labels.structure | labels.headers
                      for labels in self.labels]
        parts: list[list[int]] = []
        current: set[int] | None = None
        """The tables the current part may be (narrowed row by row); None after text between two tables."""
        for r, row in enumerate(grid):
            texts = {fold(t) for t in row if t.strip() and not is_number(t)}
            owners = {n for n, words in enumerate(vocabulary) if texts & words}
            if texts and not owners and len(source.rows[r]) == 1:
                current = None  # text between two tables
                continue
            if current is None or not parts:
                parts.append([])
                current = owners
            elif owners:
                both = current & owners if current else owners
                if not both:  # a row only another table has: that table begins
                    parts.append([])
                current = both or owners
            parts[-1].append(r)
        out: list[SourceTable] = []
        for rows in parts:
            first, last = rows[0], rows[-1]
            end = source.lines[last + 1] if last + 1 < len(source.lines) else source.end
            out.append(SourceTable(source.rows[first:last + 1], source.lines[first], end,
                                   source.lines[first:last + 1]))
        return out

    def _keep_outdated(self, source: SourceTable, grid: list[list[str]], out: PlacedTables) -> None:
        first = _row_text(source.rows[0]) if source.rows else ""
        out.outdated.append(first)
        out.notes.append(_("a table is in the outdated {format}; its figures were not placed — fill in this year's "
                           "tables by hand: “{row}”").format(format=self.spec.outdated_format or "?", row=first[:40]))
        out.consumed.update(range(source.start, source.end))
        for r, row in enumerate(source.rows):
            out.unrecognised.append((_line(source, r), _row_text(row)))

    def _absorb(self, source: SourceTable, labels: TableLabels, blocks: list[str], out: PlacedTables) -> None:
        """Lines just above or below the table that are its caption or note (a text file prints them apart)."""
        for step, start in ((-1, source.start - 1), (1, source.end)):
            n = start
            while 0 <= n < len(blocks) and n not in out.consumed:
                text = blocks[n].strip()
                if text and fold(text) not in labels.structure:
                    if step > 0 and cut_short(fold(text), labels):
                        out.consumed.add(n)
                        out.unrecognised.append((n, text))
                    break
                if text:
                    out.consumed.add(n)
                n += step

    def _report_missing(self, out: PlacedTables) -> None:
        for labels in self.labels:
            table = labels.spec
            if table.key not in out.found:
                out.notes.append(_("the table “{title}” was not found in the source; fill it in").format(
                    title=table.title))
                continue
            seen = out.rows.get(table.key, set())
            rows = [r for r in table.data_rows() if r.key not in seen]
            if rows:
                out.notes.append(_("the table “{title}” lacks {n} of its rows in the source (from “{first}”); their "
                                   "cells are empty").format(title=table.title, n=len(rows), first=rows[0].label))


@dataclass
class _Placement:
    """One source table placed into one pack table."""

    placer: Placer
    labels: TableLabels
    source: SourceTable
    grid: list[list[str]]
    out: PlacedTables
    header: list[list[str]] = field(default_factory=list)
    header_done: bool = False
    group: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    """Cells that are not values: (row label, column label, why)."""
    marked: list[tuple[str, str, str]] = field(default_factory=list)
    """Numbers printed with a mark after them, kept without it: (row label, column label, the cell's text)."""
    unmatched: list[str] = field(default_factory=list)
    """Rows not placed because the header over their values does not name the format's columns."""

    def run(self) -> None:
        table = self.labels.spec
        cells = self.out.cells.setdefault(table.key, {})
        printed = self.out.printed.setdefault(table.key, {})
        derived = derived_cells(table)
        typed = set(typed_cells(table))
        origins = expand_origins(self.source.rows)
        bare = iter([r for r in table.data_rows() if r.key not in self.out.rows.get(table.key, set())])
        for r, row in enumerate(self.grid):
            texts = [fold(t) for t in row]
            labelled = [(i, t) for i, t in enumerate(texts) if t and not is_number(row[i])]
            if self._header_like(texts, labelled):
                self._header_row(row, {t for _i, t in labelled})
                continue
            spec_row, first_value = self._data_row(labelled)
            if spec_row is None and not labelled and any(t for t in texts) and table.label_columns == 0:
                spec_row = next(bare, None)
            if spec_row is None:
                names = {t for _i, t in labelled}
                if names and names <= self.labels.headers | self.labels.structure:
                    self._header_row(row, names)
                    continue
                if (names and names <= self.labels.structure) or not any(texts):
                    continue
                self.out.unrecognised.append((_line(self.source, r), _row_text(self.source.rows[r])))
                continue
            self.header_done = True
            positions = [i for i in range(first_value, len(row)) if r >= len(origins) or i >= len(origins[r])
                         or origins[r][i]]
            self.out.rows.setdefault(table.key, set()).add(spec_row.key)
            columns = self._columns(spec_row, row, first_value, positions)
            if columns is None:
                if any(texts[first_value:]):
                    self.unmatched.append(spec_row.label)
                    self.out.unrecognised.append((_line(self.source, r), _row_text(self.source.rows[r])))
                continue
            for column, position in columns:
                text = row[position].strip() if position is not None and position < len(row) else ""
                cell = (spec_row.key, column.key)
                value = self._value(text, column, spec_row)
                if value is None:
                    continue
                if cell in derived:
                    printed.setdefault(spec_row.key, {})[column.key] = value
                elif cell in typed:
                    cells.setdefault(spec_row.key, {})[column.key] = value
        if self.unmatched:
            self.out.notes.append(_("{table}: the column headers over {n} rows do not name this year's columns, so "
                                    "their figures were not placed (the first: {row}); fill them in by hand").format(
                table=table.title, n=len(self.unmatched), row=self.unmatched[0]))
        if self.marked:
            row_label, column_label, text = self.marked[0]
            self.out.notes.append(_("{table}: {n} cells print a mark after the number; the number was kept without "
                                    "it — see what the mark means in the source (the first: {row}, {column}: "
                                    "“{text}”)").format(table=table.title, n=len(self.marked), row=row_label,
                                                        column=column_label, text=text))
        if self.problems:
            row_label, column_label, problem = self.problems[0]
            self.out.notes.append(_("{table}: {n} cells are not numbers and were left empty (the first: {row}, "
                                    "{column}: {problem})").format(table=table.title, n=len(self.problems),
                                                                   row=row_label, column=column_label,
                                                                   problem=problem))

    # ---- rows --------------------------------------------------------------------------------------------------
    def _header_like(self, texts: list[str], labelled: list[tuple[int, str]]) -> bool:
        """True for a row of column headers: no value, and two or more header texts (its ``其他`` and ``总计`` are
        columns, not the rows ``3.其他`` and ``（七）总计`` printed without their numbers)."""
        if len(labelled) != len([t for t in texts if t]):
            return False
        names = {t for _i, t in labelled}
        return len(names - self.labels.structure) >= 2 and names <= self.labels.headers | self.labels.structure

    def _data_row(self, labelled: list[tuple[int, str]]) -> tuple[RowSpec | None, int]:
        """The pack's row a source row is, by its label, and the grid column after that label (where values start)."""
        for _i, text in labelled:  # the group labels merged beside a row (三、本年度办理结果, （三）不予公开)
            self._enter_group({text})
        for i, text in reversed(labelled):
            for index in (self.labels.rows, self.labels.loose_rows):
                candidates = index.get(text, [])
                if candidates:
                    return self._pick(candidates), i + 1
        return None, 0

    def _pick(self, candidates: list[RowSpec]) -> RowSpec:
        if len(candidates) > 1:
            in_group = [r for r in candidates if self.labels.group_of.get(r.key) == self.group]
            if in_group:
                candidates = in_group
            filled = self.out.rows.get(self.labels.spec.key, set())
            fresh = [r for r in candidates if r.key not in filled]
            candidates = fresh or candidates
        chosen = candidates[0]
        self.group = self.labels.group_of.get(chosen.key, self.group)
        return chosen

    def _enter_group(self, names: set[str]) -> bool:
        for spec_row in self.labels.spec.rows:
            if spec_row.kind in ("group", "caption") and names & self.placer.index.names(spec_row.label):
                self.group = spec_row.key if spec_row.kind == "group" else fold(spec_row.label)
                return True
        return False

    def _header_row(self, row: list[str], names: set[str]) -> None:
        if self._enter_group(names):
            return
        if names <= self.labels.structure:
            return
        if self.header_done:
            self.header = []
            self.header_done = False
        self.header.append(row)

    # ---- columns -----------------------------------------------------------------------------------------------
    def _columns(self, spec_row: RowSpec, row: list[str], first_value: int,
                 positions: list[int]) -> list[tuple[ColumnSpec, int | None]] | None:
        """Where each column's value is in ``row``; None when a header is over the values but does not name every
        column of ``spec_row``."""
        columns = self.labels.spec.columns_of(spec_row)
        stacks = self._source_stacks(len(row), first_value)
        own = spec_row.columns is None
        found: list[tuple[ColumnSpec, int | None]] = []
        used: set[int] = set()
        for column in columns:
            names = self.placer.index.names(column.label)
            expected = self.labels.stacks.get(column.key, []) if own else []
            if expected:
                names.add(expected[-1])
            best: tuple[int, int | None] = (0, None)
            for position in range(first_value, len(row)):
                stack = stacks.get(position, [])
                if not stack or stack[-1] not in names or position in used:
                    continue  # a position another column took: the next one under the same label (结果维持)
                score = 1 + len(set(stack[:-1]) & set(expected))
                if score > best[0]:
                    best = (score, position)
            found.append((column, best[1]))
            if best[1] is not None:
                used.add(best[1])
        if any(stacks.get(position) for position in range(first_value, len(row))):
            # A header over the values: each column where its label is, or none of them (never a guess).
            # A total the source leaves out is computed anyway: only the typed columns must be found.
            derived = derived_cells(self.labels.spec)
            typed = [position for column, position in found if (spec_row.key, column.key) not in derived]
            return found if all(position is not None for position in typed) else None
        # No header over the values: the values in the order of the format's columns.
        return [(column, positions[n] if n < len(positions) else None) for n, column in enumerate(columns)]

    def _source_stacks(self, width: int, first_value: int) -> dict[int, list[str]]:
        if not self.header:
            return {}
        if len(self.header) == 1 and len([t for t in self.header[0] if t.strip()]) > width:
            tokens = [fold(t) for t in self.header[0][first_value:] if t.strip()]
            leaves = unflatten(tokens, self.labels.groups)
            return {first_value + n: [leaf] for n, leaf in enumerate(leaves)}
        stacks: dict[int, list[str]] = {}
        # A row narrower than the values is over the last of them (a text header without the label column's cell).
        header = [row if len(row) >= width else [""] * (width - len(row)) + row for row in self.header]
        for position in range(width):
            texts = [fold(row[position]) for row in header]
            stacks[position] = header_stack(texts)
        return stacks

    # ---- values ------------------------------------------------------------------------------------------------
    def _value(self, text: str, column: ColumnSpec, row: RowSpec) -> CellValue | None:
        if not text:
            return None
        number, mark = split_mark(text)
        if mark:
            self.marked.append((row.label, column.label, text))
            text = number
        value, problem = read_cell(text, column)
        if problem and is_number(text) and not text.strip().startswith(("-", "－")):
            loose = column.model_copy(update={"decimals": _LOOSE_DECIMALS})
            value, _problem = read_cell(text, loose)  # kept with its decimals: the checks report it (I8)
            if value is not None:
                return value
        if problem:
            self.problems.append((row.label, column.label, problem))
        return value


def _row_text(row: list[GridCell]) -> str:
    """A source row as one line: its non-empty cells between bars."""
    return " | ".join(cell.text.strip() for cell in row if cell.text.strip())


def _line(source: SourceTable, row: int) -> int:
    if row < len(source.lines):
        return source.lines[row]
    return min(source.start + row, max(source.end - 1, source.start))
