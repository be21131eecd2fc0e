"""Read a web page saved from a government website (.html): its paragraphs and its tables, with lxml.

Most published reports live on a website as an HTML page: the report's paragraphs among the site's menus and
links, and the statistical tables as ``<table>`` with ``colspan`` and ``rowspan``. Every block element (``p``,
``div``, ``h1``…, ``li``) and ``<br>`` ends a paragraph, and so does each cell of a table that holds tables
(a layout table: the data tables are the innermost ones); the site's own text is kept as paragraphs too, and the
importer's noise patterns set it aside. A table's rows are read as lines of tab-separated cells (as from a Word
file) and kept with their merges (:class:`~drafter.importer.grid.SourceTable`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.i18n import _
from drafter.importer.grid import GridCell, Source, SourceTable, decode_text

_SKIP = frozenset({"script", "style", "noscript", "head", "template", "title", "iframe", "object", "svg", "select"})
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "nav", "main", "aside", "blockquote", "pre", "dd", "dt", "dl", "form", "center", "address", "figure",
    "figcaption", "caption", "hr", "body", "html",
})
_SPACE = re.compile(r"[ \t\r\n\f\xa0]+")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode(data: bytes, path: Path) -> str:
    """The page as text: the charset its ``<meta>`` names, else UTF-8, else GB18030."""
    match = _CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # the superset: pages labelled GB2312 use GBK characters
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path)


def _span(element: Any, name: str) -> int:
    try:
        return max(1, min(int(str(element.get(name, "1")).strip() or "1"), 1000))
    except ValueError:
        return 1


class _Page:
    """One walk of a page: its paragraphs, and its tables."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.tables: list[SourceTable] = []
        self.line: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        if text:
            self.blocks.append(text)
        self.line = []

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            self._tail(element)
            return
        if tag == "table":
            self.flush()
            if element.find(".//table") is not None:
                self._layout(element)
            else:
                self._table(element)
            self._tail(element)
            return
        if tag == "br":
            self.flush()
            self._tail(element)
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        if element.text and tag:
            self.line.append(element.text)
        for child in element:
            self.walk(child)
        if block:
            self.flush()
        self._tail(element)

    def _tail(self, element: Any) -> None:
        if element.tail:
            self.line.append(element.tail)

    def _layout(self, table: Any) -> None:
        """A table holding tables (an old site's page layout, or a frame around each statistical table): each of its
        cells read as a block of its own, so its paragraphs stay apart and the tables inside are read as tables."""
        for row in _rows(table):
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                self.flush()
                if cell.text:
                    self.line.append(cell.text)
                for child in cell:
                    self.walk(child)
                self.flush()

    def _table(self, table: Any) -> None:
        start = len(self.blocks)
        rows: list[list[GridCell]] = []
        lines: list[int] = []
        for row in _rows(table):
            cells = [GridCell(_cell_text(cell), _span(cell, "colspan"), _span(cell, "rowspan"))
                     for cell in row if cell.tag in ("td", "th")]
            lines.append(len(self.blocks))
            rows.append(cells)
            self.blocks.append("\t".join(cell.text.replace("\n", "") for cell in cells))
        if rows:
            self.tables.append(SourceTable(rows, start, len(self.blocks), lines))


def _rows(table: Any) -> list[Any]:
    """The rows of ``table`` (in thead, tbody, tfoot or directly), not those of tables nested in its cells."""
    out: list[Any] = []
    for child in table:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if c.tag == "tr")
    return out


def _cell_text(cell: Any) -> str:
    """A cell's text; its paragraphs and line breaks as line breaks."""
    page = _Page()
    if cell.text:
        page.line.append(cell.text)
    for child in cell:
        page.walk(child)
    page.flush()
    return "\n".join(page.blocks)


def html_source(data: bytes, path: Path) -> Source:
    """The paragraphs and tables of a saved web page (a :class:`~drafter.importer.grid.Source`)."""
    import lxml.etree
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(data, path))
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(_("is not a readable web page"), path) from None
    page = _Page()
    page.walk(root)
    page.flush()
    return Source(page.blocks, tables=page.tables)
