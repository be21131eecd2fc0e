"""Write a survey as a workbook (openpyxl), as CSV files or as JSON, each atomically (never half-written)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rich.cells import cell_len

from drafter.survey import Surveyed, is_survey_output
from drafter.survey.tables import SHEETS, Cell, Table

FORMATS = ("xlsx", "csv", "json")

FILLS = {
    "error": "FFC7CE",
    "warning": "FFEB9C",
    "info": "DDEBF7",
    "unreadable": "D9D9D9",
    "clean": "C6EFCE",
}
"""Background colour of each tone (the spreadsheet's own light red / yellow / blue / grey / green)."""

HEADER_FILL = "F2F2F2"
MIN_WIDTH, MAX_WIDTH = 6, 60
"""Column widths in character cells (a Chinese character takes two)."""


def width(value: Cell) -> int:
    """How many character cells ``value`` takes on screen, its longest line (East Asian wide characters count 2)."""
    if value is None:
        return 0
    return max((cell_len(line) for line in str(value).split("\n")), default=0)


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def workbook_bytes(tables: list[Table]) -> bytes:
    """The .xlsx: one sheet per table, frozen header row and first column, filters, widths that fit Chinese
    text, rows or status cells coloured by severity, changes and county totals as formulas."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    fills = {tone: PatternFill("solid", start_color=rgb, end_color=rgb) for tone, rgb in FILLS.items()}
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.data_type = "s"  # a header from a pack's labels is text too, whatever it starts with
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
            cell.alignment = wrap
        first, last = 2, len(table.rows) + 1
        for r, (row, tone) in enumerate(zip(table.rows, table.tones, strict=True), start=first):
            for c, value in enumerate(row):
                cell = sheet.cell(row=r, column=c + 1)
                if c in table.changes:
                    this, that = (f"{_column(i)}{r}" for i in table.changes[c])
                    cell.value = f'=IF(OR({this}="",{that}=""),"",{this}-{that})'
                elif isinstance(value, str):
                    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    cell.data_type = "s"  # text that starts with "=" stays text, never a formula
                else:
                    cell.value = value
                cell.alignment = wrap if c in table.wrapped else top
                if tone is not None and table.tone_column in (None, c):
                    cell.fill = fills[tone]
        if table.summed and table.rows:
            totals = last + 1
            sheet.cell(row=totals, column=1, value=table.totals()[0]).font = Font(bold=True)
            for c in table.summed:
                letter = _column(c)
                sheet.cell(row=totals, column=c + 1, value=f"=SUM({letter}{first}:{letter}{last})").font = Font(
                    bold=True)
        sheet.freeze_panes = "B2"
        if table.rows:
            sheet.auto_filter.ref = f"A1:{_column(len(table.header) - 1)}{last}"
        for c, title in enumerate(table.header):
            cells = [title, *(row[c] for row in table.rows)]
            longest = max(width(v) for v in cells)
            if c in table.wrapped:
                longest = min(longest, MAX_WIDTH)
            sheet.column_dimensions[_column(c)].width = max(MIN_WIDTH, min(longest + 2, MAX_WIDTH))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_paths(out: Path, names: list[str]) -> list[Path]:
    """One CSV file per sheet beside ``out``: ``survey.csv`` → ``survey-报告概况.csv`` …"""
    return [out.with_name(f"{out.stem}-{name}.csv") for name in names]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP's list for CSV injection)."""


def csv_cell(value: Cell) -> Cell:
    """``value`` as a CSV cell a spreadsheet shows as text: a text that a spreadsheet would take for a formula
    (a file named ``=1+2.txt``, an organisation ``=HYPERLINK(…)``) gets a leading ``'``, as OWASP recommends;
    numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(table: Table) -> bytes:
    """A sheet as CSV, UTF-8 with a byte-order mark (so that Excel shows the Chinese), totals computed, no cell
    a spreadsheet would run as a formula (:func:`csv_cell`)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in table.header])
    writer.writerows([csv_cell(v) for v in row] for row in table.rows)
    if table.summed and table.rows:
        writer.writerow([csv_cell(v) for v in table.totals()])
    return text.getvalue().encode("utf-8-sig")


def json_bytes(reports: list[Surveyed], previous: dict[str, dict[str, int]] | None = None) -> bytes:
    """Every report with its parts, counts, figures and findings (each as ``drafter check --format json``)."""
    data = []
    for r in reports:
        item: dict[str, object] = {"file": str(r.path), "readable": r.readable}
        if r.readable:
            item.update({
                "organisation": r.org,
                "year": r.year,
                "report_type": r.pack,
                "parts": {key: {"state": state.name.lower(), "inside": host} for key, (state, host) in r.parts.items()},
                "causes": r.causes,
                "figures": r.figures,
                "notes": r.notes,
                "findings": [f.to_json() for f in r.findings],
            })
            if previous is not None:
                item["previous_figures"] = previous.get(r.org, {}) if r.org else {}
        else:
            item["error"] = r.error
        item.update({"status": int(r.status), "flags": r.flags})
        data.append(item)
    return (json.dumps({"reports": data}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def guard(out: Path, fmt: str, inputs: list[Path], force: bool) -> None:
    """Refuse ``out`` when writing it would lose something (see :func:`drafter.store.guard_output`)."""
    from drafter.safewrite import guard_output

    for path in csv_paths(out, list(SHEETS)) if fmt == "csv" else [out]:
        guard_output(path, inputs, force, is_survey_output)


def write(fmt: str, out: Path, tables: list[Table], reports: list[Surveyed],
          previous: dict[str, dict[str, int]] | None = None, force: bool = False) -> list[Path]:
    """Write the survey in ``fmt`` to ``out`` (CSV: one file per sheet beside it); the files written."""
    from drafter.safewrite import atomic_write

    guard(out, fmt, [r.path for r in reports], force)
    if fmt == "csv":
        paths = csv_paths(out, [table.name for table in tables])
        for path, table in zip(paths, tables, strict=True):
            atomic_write(path, csv_bytes(table))
        return paths
    atomic_write(out, json_bytes(reports, previous) if fmt == "json" else workbook_bytes(tables))
    return [out]
