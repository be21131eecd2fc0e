"""A pack's table labels as the importer matches them: folding (:func:`fold`), each table's rows, groups, headers
and column stacks indexed by folded label (:class:`PackLabels`), and telling which pack table a source table is.

Labels are compared folded: traditional characters read as simplified, half- and full-width punctuation alike,
without spaces, line breaks (``商业\\n企业``) or quotation marks; the pack's ``import.toml`` adds the variants real
reports print (``规范性文件`` for ``行政规范性文件``). :mod:`drafter.importer.place` places the cells with them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from drafter.importer.fold import simplified
from drafter.importer.grid import GridCell, expand, expand_cells
from drafter.importer.spec import ImportSpec
from drafter.numbering import strip_numbering
from drafter.pack import Pack
from drafter.pack.tablespec import RowSpec, TableSpec

_DROP = re.compile(r"\s|\\n|[\"'“”‘’「」『』]")
_NUMERIC = re.compile(r"^[-－]?[\d０-９,，.．]+$")
_MARKED = re.compile(r"^([-－]?[\d０-９,，.．]*[\d０-９])\s*([①-⑳*＊※†‡#＃▲△☆★]|[件个条项人次宗例]|万元|元)$")
"""A number with a mark printed after it: a footnote's sign (``114①``, ``115*``) or a unit (``121件``)."""


def fold(text: str) -> str:
    """``text`` as labels are compared: simplified, NFKC (full-width punctuation as half-width), no spaces, line
    breaks (also a literal ``\\n``) or quotation marks."""
    return _DROP.sub("", unicodedata.normalize("NFKC", simplified(text)))


def is_number(text: str) -> bool:
    """True when ``text`` is a number as a cell prints it (full-width digits and separators included), also with a
    mark after it (:func:`split_mark`)."""
    stripped = text.strip()
    return bool(_NUMERIC.match(stripped) or _MARKED.match(stripped))


def split_mark(text: str) -> tuple[str, str]:
    """``text`` as (number, mark) when it is a number with a footnote's sign or a unit after it, else (text, "")."""
    match = _MARKED.match(text.strip())
    return (match.group(1), match.group(2)) if match else (text, "")


@dataclass
class TableLabels:
    """One pack table's labels, folded."""

    spec: TableSpec
    rows: dict[str, list[RowSpec]]
    loose_rows: dict[str, list[RowSpec]]
    group_of: dict[str, str]
    structure: set[str]
    """Group labels, captions and notes."""
    headers: set[str]
    """Header texts and column labels."""
    stacks: dict[str, list[str]]
    """For the table's own columns: the header texts over each column, top-down (from the pack's header)."""
    groups: dict[str, list[str]]
    """A header cell over several columns → the labels of the columns under it, in order."""


class PackLabels:
    """The labels of one pack's tables, with the variants and outdated labels of its ``import.toml``."""

    def __init__(self, pack: Pack, spec: ImportSpec) -> None:
        self.variants: dict[str, list[str]] = {
            fold(label): [fold(v) for v in variants] for label, variants in spec.label_variants.items()
        }
        self.outdated_labels = {fold(label) for label in spec.outdated_labels}
        self.tables = [self._labels(table) for table in pack.tables.tables]

    def names(self, label: str) -> set[str]:
        """``label`` folded, and its variants."""
        folded = fold(label)
        return {folded, *self.variants.get(folded, [])}

    def _labels(self, table: TableSpec) -> TableLabels:
        rows: dict[str, list[RowSpec]] = {}
        loose: dict[str, list[RowSpec]] = {}
        group_of: dict[str, str] = {}
        structure: set[str] = set()
        headers: set[str] = set()
        group = ""
        for row in table.rows:
            if row.kind == "group":
                group = row.key
                structure |= self.names(row.label)
            elif row.kind == "caption":
                group = fold(row.label)
                structure |= self.names(row.label)
            elif row.kind == "header":
                headers |= {name for cell in row.cells for name in self.names(cell.text)}
            else:
                group_of[row.key] = group if row.depth else ""
                for name in self.names(row.label):
                    rows.setdefault(name, []).append(row)
                loose.setdefault(fold(strip_numbering(row.label)), []).append(row)
                for column in table.columns_of(row):
                    headers |= self.names(column.label)
        for header_row in table.header:
            for cell in header_row:
                (structure if cell.note else headers).update(self.names(cell.text))
        stacks, groups = self._header_stacks(table)
        for stack in stacks.values():
            headers |= set(stack)
        return TableLabels(table, rows, loose, group_of, structure, headers, stacks, groups)

    def _header_stacks(self, table: TableSpec) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        if not table.header or not table.columns:
            return {}, {}
        source = [[GridCell("" if c.note else c.text, c.cols, c.rows) for c in row] for row in table.header]
        grid = expand(source)
        stacks: dict[str, list[str]] = {}
        position = table.label_columns
        leaves: list[str] = []
        for column in table.columns:
            stack = header_stack([row[position] if position < len(row) else "" for row in grid])
            stacks[column.key] = stack
            leaves.append(stack[-1] if stack else fold(column.label))
            position += column.span
        groups: dict[str, list[str]] = {}
        on_grid = expand_cells(source)
        for cell in {id(c): c for row in source for c in row}.values():
            if cell.cols > 1 and cell.text:
                covered = {n for line in on_grid for n, c in enumerate(line) if c is cell}
                groups[fold(cell.text)] = [leaves[i] for i in _columns_between(table, min(covered), max(covered) + 1)]
        return stacks, groups

    # ---- matching a source table ------------------------------------------------------------------------------
    def outdated(self, grid: list[list[str]]) -> bool:
        """True when the source table is in the outdated format (two or more of its labels)."""
        seen = {fold(text) for row in grid for text in row} & self.outdated_labels
        return len(seen) >= 2

    def which(self, grid: list[list[str]]) -> TableLabels | None:
        """The pack table the source table is: the one most of its rows are rows of."""
        best: tuple[int, int] = (0, -1)
        for index, labels in enumerate(self.tables):
            data = headers = 0
            for row in grid:
                texts = {fold(t) for t in row if t.strip() and not is_number(t)}
                if texts & (labels.rows.keys() | labels.loose_rows.keys()):
                    data += 1
                elif texts and texts <= labels.headers | labels.structure:
                    headers += 1
            if labels.spec.label_columns == 0 and headers and any(row and all(is_number(t) for t in row if t.strip())
                                                                  and any(t.strip() for t in row) for row in grid):
                data += 1
            score = (data * 2 + headers) if data else 0
            if score > best[0]:
                best = (score, index)
        return self.tables[best[1]] if best[1] >= 0 else None


def cut_short(text: str, labels: TableLabels) -> bool:
    """True when ``text`` (folded) is the beginning of one of the table's labels: a row cut off (a truncated copy)."""
    names = labels.rows.keys() | labels.structure | labels.headers
    return len(text) >= 3 and any(name.startswith(text) and name != text for name in names)


def header_stack(texts: list[str]) -> list[str]:
    """The header texts over one column, top-down, folded, without blanks and repeats (a merged cell)."""
    out: list[str] = []
    for text in texts:
        folded = fold(text)
        if folded and (not out or out[-1] != folded):
            out.append(folded)
    return out


def _columns_between(table: TableSpec, start: int, end: int) -> list[int]:
    out: list[int] = []
    position = table.label_columns
    for n, column in enumerate(table.columns):
        if start <= position < end:
            out.append(n)
        position += column.span
    return out


def unflatten(tokens: list[str], groups: dict[str, list[str]]) -> list[str]:
    """A merged header printed on one row (a group's label, then the cells beside it, then the group's own cells)
    in the order of the columns: each group's label replaced by its cells found later in the row."""
    out: list[str] = []
    used: set[int] = set()
    for n, token in enumerate(tokens):
        if n in used:
            continue
        leaves = groups.get(token)
        if leaves is not None:
            later = [m for m in range(n + 1, len(tokens)) if m not in used and tokens[m] in leaves]
            used.update(later)
            out.extend(tokens[m] for m in later)
            continue
        out.append(token)
    return out
