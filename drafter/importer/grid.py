"""What a source file holds, in one form whatever the format (:class:`Source`: paragraphs, Word's numbers, notes,
tables), and its tables as rows of cells with their merges.

Each reader makes its tables into :class:`SourceTable` — a Word table (``gridSpan``, ``vMerge``), an HTML
``<table>`` (``colspan``, ``rowspan``) or the rows of a text file whose cells are separated by ``|`` or tabs — and
records which of the source's paragraphs the table's rows were read into, so that a table placed in the answers
is not read a second time as text. :mod:`drafter.importer.place` puts them into the answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from drafter.errors import InputError
from drafter.i18n import _
from drafter.numbering import numbered

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell as the source has it: its text (paragraphs joined by line breaks) and its merge."""

    text: str
    cols: int = 1
    rows: int = 1


@dataclass
class SourceTable:
    """A table of the source: its rows of cells, and the paragraphs (``start`` to ``end``) its rows were read as."""

    rows: list[list[GridCell]]
    start: int
    end: int
    lines: list[int] = field(default_factory=list)
    """The paragraph each row was read as (text files: one line a row); empty when rows and paragraphs differ."""

    def grid(self) -> list[list[str]]:
        """The rows with every merged cell's text repeated over the grid cells it covers."""
        return expand(self.rows)

    def origins(self) -> list[list[bool]]:
        """For each grid cell of :meth:`grid`: True where a cell of the source starts (not a merged continuation)."""
        return expand_origins(self.rows)


def expand(rows: list[list[GridCell]]) -> list[list[str]]:
    """``rows`` on a grid: each cell's text in every grid cell it covers."""
    return _on_grid(rows, lambda cell, first: cell.text)


def expand_cells(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """``rows`` on a grid: the cell itself in every grid cell it covers (the same object: ``is`` tells a merge)."""
    return _on_grid(rows, lambda cell, first: cell)


def expand_origins(rows: list[list[GridCell]]) -> list[list[bool]]:
    """``rows`` on a grid: True in the grid cell where a source cell starts, False where a merge continues it."""
    return _on_grid(rows, lambda cell, first: first)


def _on_grid(rows: list[list[GridCell]], value: Callable[[GridCell, bool], T]) -> list[list[T]]:
    out: list[list[T]] = []
    pending: dict[tuple[int, int], T] = {}
    for r, row in enumerate(rows):
        line: list[T] = []
        column = 0
        for cell in row:
            while (r, column) in pending:
                line.append(pending.pop((r, column)))
                column += 1
            for c in range(cell.cols):
                line.append(value(cell, c == 0))
                for below in range(1, cell.rows):
                    pending[(r + below, column + c)] = value(cell, False)
            column += cell.cols
        while (r, column) in pending:
            line.append(pending.pop((r, column)))
            column += 1
        out.append(line)
    return out


_SEPARATED = re.compile(r"\||\t")
_MAX_INNER_LINES = 3
"""Lines without separators between two table rows of a text file that are still rows of it (group labels)."""


def _is_row(text: str) -> bool:
    return bool(_SEPARATED.search(text))


def _inner_line(text: str) -> bool:
    """A line without separators that may be a one-cell row (a group label such as ``（三）不予公开``)."""
    stripped = text.strip()
    return 0 < len(stripped) <= 40 and not any(ch in stripped for ch in "。；;！？") and (
        numbered(stripped) is not None or stripped.startswith(("（", "("))
    )


def split_row(text: str) -> list[GridCell]:
    """The cells of a text row: ``|`` or tab separated; the outer bars of ``| a | b |`` are not cells."""
    stripped = text.strip()
    if "|" in stripped:
        if stripped.startswith("|"):
            stripped = stripped[1:]
        parts = stripped.split("|")
    else:
        parts = stripped.split("\t")
    return [GridCell(part.strip()) for part in parts]


def text_tables(lines: list[str]) -> list[SourceTable]:
    """The tables of a text file: runs of rows with ``|`` or tab separated cells, with short label lines
    (``三、本年度办理结果``) between two rows taken as one-cell rows."""
    tables: list[SourceTable] = []
    n = 0
    while n < len(lines):
        if not _is_row(lines[n]):
            n += 1
            continue
        rows = [n]
        m = n + 1
        while m < len(lines):
            if _is_row(lines[m]):
                rows.append(m)
                m += 1
                continue
            gap = m
            while gap < len(lines) and gap - m < _MAX_INNER_LINES and (
                not lines[gap].strip() or _inner_line(lines[gap])
            ):
                gap += 1
            if gap < len(lines) and gap > m and _is_row(lines[gap]):
                rows.extend(i for i in range(m, gap) if lines[i].strip())
                m = gap
                continue
            break
        if len(rows) >= 2:
            cells = [split_row(lines[i]) if _is_row(lines[i]) else [GridCell(lines[i].strip())] for i in rows]
            tables.append(SourceTable(cells, rows[0], rows[-1] + 1, rows))
        n = m
    return tables


@dataclass
class Source:
    """What a source file holds as text."""

    blocks: list[str]
    """The paragraphs, in order (blank ones included); Word's automatic numbers are put before theirs as text."""
    numbers: list[str] = field(default_factory=list)
    """The numbers Word's numbering shows (``一、``), in the order they were put before their paragraphs."""
    aside: list[tuple[str, str]] = field(default_factory=list)
    """Footnotes, endnotes and comments as ``(kind, text)``: not part of the report's text, kept to be reported."""
    tables: list[SourceTable] = field(default_factory=list)
    """The source's tables with their merges; their rows are also in ``blocks`` (as lines of tab-separated cells),
    so that a table that is not one of the pack's is read as text, as before."""


def decode_text(data: bytes, path: Path) -> str:
    """Text of a plain-text file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (Chinese Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(_("is not readable text"), path) from None
    if b"\x00" in data:
        raise InputError(_("is not a text file"), path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(_("is not readable text (neither UTF-8 nor GB18030)"), path)
