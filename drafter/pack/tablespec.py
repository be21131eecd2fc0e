"""``tables.toml``: a pack's statistical tables as data — their printed layout (header cells with their spans,
caption and header rows inside the body, row labels over several columns), the cells the clerk types, the cells
derived from them, and the rules between cells with the severity of each.

Cells are named ``row.column`` by their keys. A rule repeats over the table's rows or columns: ``over = "columns"``
names rows in its terms and holds in every column (``new + carried = outcome_total + carry_next``), ``over =
"rows"`` names columns and holds in every row, ``over = "cells"`` names whole cells. A term may start with ``-``
(subtracted) or ``last:`` (last year's value of that cell).
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

KEY = r"^[a-z][a-z0-9_]*$"
TERM = re.compile(r"^(-)?(last:)?([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?$")


class Term(NamedTuple):
    """One term of a rule, read: ``-last:row.column`` is (True, True, "row", "column")."""

    minus: bool
    last_year: bool
    first: str
    """The row (``over = "columns"`` or ``"cells"``) or the column (``over = "rows"``)."""
    second: str
    """The column of a ``row.column`` term; empty otherwise."""


def parse_term(text: str) -> Term:
    """A term of a rule read (the rules' validator has checked every term's form)."""
    match = TERM.match(text)
    if match is None:
        raise ValueError(f"term {text!r} is not [-][last:]key or [-][last:]row.column")
    minus, past, first, second = match.groups()
    return Term(bool(minus), bool(past), first, second or "")


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class HeaderCell(_Spec):
    """One printed header cell; ``cols`` and ``rows`` merge it over that many grid columns and rows."""

    text: str
    cols: int = Field(default=1, ge=1)
    rows: int = Field(default=1, ge=1)
    note: bool = False
    """A note printed inside the header (table 三's 勾稽关系), set smaller and left-aligned."""


class ColumnSpec(_Spec):
    """A data column of the table."""

    key: str = Field(pattern=KEY)
    label: str
    """The column's full name, as the clerk reads it in the form and the findings."""
    short: str = ""
    """A short name for the grid at 80 columns (the full label is shown for the focused cell)."""
    span: int = Field(default=1, ge=1)
    """Grid columns the cell takes in print (table 二's 本年处理决定数量 spans three)."""
    decimals: int = Field(default=0, ge=0, le=4)
    """Digits allowed after the decimal point: 0 for a count, 2 or 4 for an amount in 万元."""
    unit: str = ""


class RowSpec(_Spec):
    """A printed row of the table body: a data row, a group label over the rows that follow, a caption spanning
    the whole width, or a header row repeated inside the body (table 二)."""

    kind: Literal["data", "group", "caption", "header"] = "data"
    key: str = Field(default="", pattern=r"^([a-z][a-z0-9_]*)?$")
    """The data row's key (data and group rows)."""
    label: str = ""
    """The printed label (data, group and caption rows)."""
    short: str = ""
    """A short label for the grid (the full one is shown for the focused row)."""
    depth: int = Field(default=0, ge=0)
    """The label column the label starts in; a group's label spans down over the deeper rows that follow it."""
    columns: list[ColumnSpec] | None = None
    """This row's own data columns (table 二); when empty the table's columns."""
    cells: list[HeaderCell] = Field(default_factory=list)
    """A header row's cells, left to right."""

    @model_validator(mode="after")
    def _complete(self) -> RowSpec:
        if self.kind in ("data", "group") and not self.key:
            raise ValueError(f"a {self.kind} row needs a key")
        if self.kind == "header" and not self.cells:
            raise ValueError("a header row needs cells")
        if self.kind in ("group", "caption") and not self.label:
            raise ValueError(f"a {self.kind} row needs a label")
        return self


class DerivedSpec(_Spec):
    """Cells computed from others, never typed: a column that is the sum of columns in every row (``column``), or
    a row that is the sum of rows in every column (``row``)."""

    rule: str
    """The id of the rule a printed value that differs from the sum breaks (I2, I3, I5)."""
    title: str
    """What the rule says, as a clerk reads it in a finding."""
    column: str = ""
    row: str = ""
    of: list[str]
    """The columns (for ``column``) or rows (for ``row``) that add up to it."""

    @model_validator(mode="after")
    def _one_target(self) -> DerivedSpec:
        if bool(self.column) == bool(self.row):
            raise ValueError("a derived entry names either a column or a row")
        return self


class RuleSpec(_Spec):
    """A rule between cells. ``equal``: the sum of ``left`` equals the sum of ``right``; ``zero``: the cells of
    ``left`` are expected to be 0; ``whole``: every cell has no more decimals than its column allows; ``blank``: an
    empty cell is pointed out (it is read as 0)."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*$")
    """The rule's id in findings (I1, I6, P1 …)."""
    title: str
    """What the rule says, as a clerk reads it in a finding."""
    severity: Literal["error", "warning", "hint"] = "error"
    kind: Literal["equal", "zero", "whole", "blank"] = "equal"
    over: Literal["columns", "rows", "cells"] = "cells"
    only: list[str] = Field(default_factory=list)
    """The rows (``over = "rows"``) or columns (``over = "columns"``) it applies to; all when empty."""
    left: list[str] = Field(default_factory=list)
    right: list[str] = Field(default_factory=list)
    left_label: str = ""
    right_label: str = ""
    """How a finding names each side of an equal rule (第一项加第二项); when empty, the terms' short labels joined."""

    @model_validator(mode="after")
    def _terms(self) -> RuleSpec:
        for term in (*self.left, *self.right):
            match = TERM.match(term)
            if match is None:
                raise ValueError(f"term {term!r} is not [-][last:]key or [-][last:]row.column")
            if (self.over == "cells") != bool(match.group(4)):
                raise ValueError(f"term {term!r}: over = {self.over!r} takes "
                                 + ("row.column terms" if self.over == "cells" else "keys without a dot"))
        if self.kind == "equal" and not (self.left and self.right):
            raise ValueError("an equal rule needs left and right")
        if self.kind == "zero" and not self.left:
            raise ValueError("a zero rule needs left")
        return self

    def uses_last_year(self) -> bool:
        """True when the rule needs last year's values."""
        return any(parse_term(t).last_year for t in (*self.left, *self.right))


class TableSpec(_Spec):
    """One statistical table."""

    key: str = Field(pattern=KEY)
    title: str
    """The table's name as the clerk reads it (findings, the grid)."""
    short: str = ""
    """How findings name the table briefly (表三); when empty, its title."""
    section: str = Field(pattern=KEY)
    """The part it is printed in."""
    label_columns: int = Field(default=1, ge=0, le=4)
    """Grid columns the row labels take in print (0: no label column, as in table 四)."""
    header: list[list[HeaderCell]] = Field(default_factory=list)
    """The header rows printed above the body (repeated on every page)."""
    columns: list[ColumnSpec] = Field(default_factory=list)
    """The data columns of rows that do not name their own."""
    rows: list[RowSpec]
    derived: list[DerivedSpec] = Field(default_factory=list)
    rules: list[RuleSpec] = Field(default_factory=list)

    def data_rows(self) -> list[RowSpec]:
        """The rows that hold cells, in order."""
        return [r for r in self.rows if r.kind == "data"]

    def columns_of(self, row: RowSpec) -> list[ColumnSpec]:
        """The data columns of ``row``."""
        return row.columns if row.columns is not None else self.columns

    def row_named(self, key: str) -> RowSpec | None:
        """The data row ``key``, or None."""
        return next((r for r in self.data_rows() if r.key == key), None)

    def column_named(self, key: str) -> ColumnSpec | None:
        """The first data column called ``key`` (in any row), or None."""
        return next((c for r in self.data_rows() for c in self.columns_of(r) if c.key == key), None)

    def width(self) -> int:
        """Grid columns of the printed table."""
        return self.label_columns + sum(c.span for c in self.columns) if self.columns else max(
            self.label_columns + sum(c.span for c in self.columns_of(r)) for r in self.data_rows())

    @model_validator(mode="after")
    def _consistent(self) -> TableSpec:
        rows = self.data_rows()
        row_keys = [r.key for r in rows]
        if len(set(row_keys)) != len(row_keys):
            raise ValueError(f"table {self.key}: a row key is listed twice")
        columns = {r.key: {c.key for c in self.columns_of(r)} for r in rows}
        all_columns = set().union(*columns.values()) if columns else set()
        for row in rows:
            if not self.columns_of(row):
                raise ValueError(f"table {self.key}: row {row.key} has no columns")
        for derived in self.derived:
            names = [*derived.of, derived.column or derived.row]
            known = all_columns if derived.column else set(row_keys)
            for name in names:
                if name not in known:
                    raise ValueError(f"table {self.key}: derived entry refers to unknown {name!r}")
        for rule in self.rules:
            for term in (*rule.left, *rule.right, *rule.only):
                match = TERM.match(term)
                assert match is not None
                first, second = match.group(3), match.group(4)
                if rule.over == "cells":
                    ok = first in columns and second in columns[first]
                elif term in rule.only:
                    ok = (first in all_columns) if rule.over == "columns" else (first in columns)
                else:
                    ok = (first in columns) if rule.over == "columns" else (first in all_columns)
                if not ok:
                    raise ValueError(f"table {self.key}: rule {rule.id} refers to unknown {term!r}")
        return self


class TablesSpec(_Spec):
    """``tables.toml``: the pack's tables (a pack without tables has no such file)."""

    tables: list[TableSpec] = Field(default_factory=list)
