"""Read a source file's paragraphs as text: .docx (python-docx), .txt, and .doc/.wps (.rtf, .odt …) through
LibreOffice, which the caller can cancel.

From a Word file: the body's paragraphs with the numbers Word's numbering shows put before them as if typed
(:mod:`drafter.importer.wordnum`), tables (a row of one-line cells is one line; cells holding paragraphs keep them;
nested tables once; cells inside content controls), text boxes; and, kept aside, footnotes, endnotes and comments.

Every failure becomes an :class:`~drafter.errors.InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.docxio import parse_docx
from drafter.errors import InputError
from drafter.i18n import _
from drafter.importer.grid import GridCell, Source, SourceTable, decode_text, text_tables
from drafter.importer.wordnum import Numbering
from drafter.store import read_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""First bytes of an OLE compound file: an old .doc/.wps, or an encrypted (password-protected) .docx."""

WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot")
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


ZERO_WIDTH_SPACE = "\u200b"
"""Dropped from Word text: drafter's typesetter puts it after a mark before Latin text, web pages carry it."""


def _read_bytes(path: Path) -> bytes:
    data = read_bytes(path)
    if not data:
        raise InputError(_("the file is empty"), path)  # only spaces: "no text found" (see import_file)
    return data


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _TAB, _TXBX = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "t", "tab", "txbxContent"))
_TCPR, _GRIDSPAN, _VMERGE, _VAL = (f"{_W}{n}" for n in ("tcPr", "gridSpan", "vMerge", "val"))
_SKIP = frozenset({
    f"{_W}sectPr", f"{_W}pPr", f"{_W}rPr", f"{_W}delText", f"{_W}instrText", f"{_W}del", f"{_W}moveFrom",
    f"{_W}tblPr", f"{_W}tblGrid", f"{_W}trPr", f"{_W}tcPr", f"{_W}sdtPr", f"{_W}sdtEndPr",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
})
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"})
"""Elements that may wrap a table's rows or a row's cells (content controls, custom XML, tracked insertions)."""
_NOTES = {"footnotes": f"{_W}footnote", "endnotes": f"{_W}endnote", "comments": f"{_W}comment"}
_NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def _related(document: Any, path: Path) -> dict[str, Any]:
    """The XML of the main document's numbering, styles, footnotes, endnotes and comments parts, by kind."""
    from docx.oxml import parse_xml

    found: dict[str, Any] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if rel.is_external or kind not in ("numbering", "styles", *_NOTES):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is None:
            try:
                element = parse_xml(part.blob)
            except Exception:  # lxml's many parse errors: the part is not well-formed XML
                raise InputError(
                    _("is damaged (the part {part} is corrupt)").format(part=str(part.partname).lstrip("/")), path
                ) from None
        found[kind] = element
    return found


def _within(element: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``element``, also those wrapped in content controls or custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _within(child, tag)


class _Reader:
    """Reads the paragraphs of a body, cell, text box or note, in order."""

    def __init__(self, numbering: Numbering | None) -> None:
        self.numbering = numbering
        self.numbers: list[str] = []
        self.tables: list[SourceTable] = []
        self.depth = 0

    def walk(self, container: Any, out: list[str]) -> None:
        """Append the paragraphs under ``container`` (a body, cell, text box, content control) to ``out``."""
        for child in container:
            tag = child.tag
            if tag == _P:
                own: list[str] = []
                boxes: list[str] = []
                self._collect(child, own, boxes)
                out.extend(boxes)  # a text box anchored in a paragraph (a letterhead, a title) comes first
                text = "".join(own)
                number = self.numbering.label(child) if self.numbering is not None else ""
                if number and text.strip():
                    self.numbers.append(number)
                    text = number + text
                out.append(text)
            elif tag == _TBL:
                self._table(child, out)
            elif tag not in _SKIP and isinstance(tag, str):
                self.walk(child, out)  # content controls, custom XML, tracked insertions around paragraphs

    def _table(self, table: Any, out: list[str]) -> None:
        """A row of one-line cells is one line (cells separated by tabs); cells with paragraphs keep them.
        A table of the body (not one nested in a cell) is also kept with its merges (:class:`SourceTable`)."""
        start = len(out)
        self.depth += 1
        grid: list[list[tuple[GridCell, bool]]] = []
        lines: list[int] = []
        for row in _within(table, _TR):
            lines.append(len(out))
            cells: list[list[str]] = []
            merged: list[tuple[GridCell, bool]] = []
            for cell in _within(row, _TC):
                inner: list[str] = []
                self.walk(cell, inner)
                cells.append(inner)
                merged.append(_grid_cell(cell, inner))
            grid.append(merged)
            if all(sum(1 for text in cell if text.strip()) <= 1 for cell in cells):
                out.append("\t".join(next((t for t in cell if t.strip()), "") for cell in cells))
            else:
                for cell in cells:
                    out.extend(cell)
        self.depth -= 1
        if self.depth == 0 and grid:
            self.tables.append(SourceTable(_vertical_merges(grid), start, len(out), lines))

    def _collect(self, element: Any, own: list[str], boxes: list[str]) -> None:
        """The text of one paragraph: runs, hyperlinks, fields, content controls and tracked insertions."""
        for child in element:
            tag = child.tag
            if tag == _T:
                own.append((child.text or "").replace(ZERO_WIDTH_SPACE, ""))  # not text: see ooxml.break_after_marks
            elif tag == _TAB:
                own.append("\t")
            elif tag == _TXBX:
                self.walk(child, boxes)
            elif tag not in _SKIP and isinstance(tag, str):
                self._collect(child, own, boxes)


def _grid_cell(cell: Any, paragraphs: list[str]) -> tuple[GridCell, bool]:
    """A Word cell with its horizontal span, and whether it continues a vertical merge from the row above."""
    props = cell.find(_TCPR)
    span = props.find(_GRIDSPAN) if props is not None else None
    merge = props.find(_VMERGE) if props is not None else None
    try:
        cols = max(1, int(span.get(_VAL, "1"))) if span is not None else 1
    except ValueError:
        cols = 1
    continues = merge is not None and merge.get(_VAL, "continue") != "restart"
    return GridCell("\n".join(t.strip() for t in paragraphs if t.strip()), cols), continues


def _vertical_merges(grid: list[list[tuple[GridCell, bool]]]) -> list[list[GridCell]]:
    """The rows with each vertically merged cell spanning its rows, and the cells that continue it left out."""
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        column = 0
        for n, (cell, continues) in enumerate(row):
            above = starts.get((r - 1, column))
            if continues and above is not None:
                starts[(r, column)] = above
                spans[above] = spans.get(above, 1) + 1
            else:
                starts[(r, column)] = (r, n)
            column += cell.cols
    out: list[list[GridCell]] = []
    for r, row in enumerate(grid):
        kept: list[GridCell] = []
        column = 0
        for n, (cell, continues) in enumerate(row):
            if not (continues and starts.get((r, column)) != (r, n)):
                kept.append(GridCell(cell.text, cell.cols, spans.get((r, n), 1)))
            column += cell.cols
        out.append(kept)
    return out


def _docx_source(data: bytes, path: Path) -> Source:
    document = parse_docx(data, path)
    parts = _related(document, path)
    reader = _Reader(Numbering(parts.get("numbering"), parts.get("styles")))
    blocks: list[str] = []
    reader.walk(document.element.body, blocks)
    aside: list[tuple[str, str]] = []
    for kind, tag in _NOTES.items():
        root = parts.get(kind)
        if root is None:
            continue
        for note in root.iter(tag):
            if note.get(f"{_W}type") in _NOT_NOTES:
                continue
            lines: list[str] = []
            _Reader(None).walk(note, lines)
            text = "\n".join(line.strip() for line in lines if line.strip())
            if text:
                aside.append((kind.removesuffix("s"), text))
    return Source(blocks, reader.numbers, aside, reader.tables)


def _convert(path: Path, cancel: threading.Event | None) -> Source:
    from drafter.libreoffice import convert, soffice

    if soffice() is None:
        raise InputError(
            _("a {suffix} file needs LibreOffice to be read, and it is not installed; "
              "save the file as .docx in Word or WPS and import that").format(suffix=path.suffix or "Word"),
            path,
        )
    with tempfile.TemporaryDirectory(prefix="drafter-import-") as tmp:
        folder = Path(tmp)
        source = folder / ("source" + path.suffix.lower())
        shutil.copyfile(path, source)
        try:
            (converted,) = convert([source], "docx", folder / "out", error=InputError, cancel=cancel)
        except InputError:
            raise InputError(
                _("LibreOffice could not convert this file (is it password-protected or damaged?)"), path
            ) from None
        return _docx_source(converted.read_bytes(), path)


def read_source(path: Path, cancel: threading.Event | None = None) -> Source:
    """The source's text: its paragraphs (soft line breaks removed), and its notes kept aside.

    A .doc/.wps is read through LibreOffice, stopped with :class:`~drafter.errors.Cancelled` when ``cancel`` is
    set."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        raise InputError(_("is an answers file already: open it with drafter edit, or check it with drafter check"),
                         path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _docx_source(data, path)
    if suffix in CONVERTED_SUFFIXES:
        if suffix != ".rtf" and data.startswith(b"PK"):
            return _docx_source(data, path)  # a .docx saved under an old name
        return _convert(path, cancel)
    if suffix in TEXT_SUFFIXES:
        return _text_source(decode_text(data, path))
    if suffix in HTML_SUFFIXES:
        from drafter.importer.html import html_source

        return html_source(data, path)
    if data.startswith(b"PK"):
        return _docx_source(data, path)
    if data.startswith(OLE_MAGIC):
        return _convert(path, cancel)
    return _text_source(decode_text(data, path))


def _text_source(text: str) -> Source:
    lines = _split_lines(text)
    return Source(lines, tables=text_tables(lines))


def read_blocks(path: Path) -> list[str]:
    """The source's paragraphs as text, in order (blank paragraphs included, soft line breaks removed)."""
    return read_source(path).blocks
