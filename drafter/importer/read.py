"""Read a source file's paragraphs as text: .docx (python-docx), .txt, and .doc/.wps through LibreOffice.

Every failure becomes an :class:`~drafter.errors.InputError` naming the file, never a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from drafter.docxio import parse_docx
from drafter.errors import InputError
from drafter.i18n import _
from drafter.store import read_bytes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""First bytes of an OLE compound file: an old .doc/.wps, or an encrypted (password-protected) .docx."""

WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".wpt", ".dot")
TEXT_SUFFIXES = (".txt", ".text", ".md")


def _read_bytes(path: Path) -> bytes:
    data = read_bytes(path)
    if not data.strip():
        raise InputError(_("the file is empty"), path)
    return data


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


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


def _docx_blocks(data: bytes, path: Path) -> list[str]:
    document = parse_docx(data, path)
    blocks: list[str] = []
    _walk(document.element.body, blocks)
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T, _TAB, _TXBX = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "t", "tab", "txbxContent"))
_SKIP = frozenset({
    f"{_W}sectPr", f"{_W}pPr", f"{_W}rPr", f"{_W}delText", f"{_W}instrText", f"{_W}del", f"{_W}moveFrom",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
})


def _walk(container: Any, out: list[str]) -> None:
    """Append the paragraphs under ``container`` (a body, cell, text box, content control) to ``out``."""
    for child in container:
        tag = child.tag
        if tag == _P:
            own: list[str] = []
            boxes: list[str] = []
            _collect(child, own, boxes)
            out.extend(boxes)  # a text box anchored in a paragraph (a letterhead, a title) comes first
            out.append("".join(own))
        elif tag == _TBL:
            for row in child.iter(_TR):
                cells = []
                for cell in row.iter(_TC):
                    if cell.getparent() is not row:
                        continue  # a nested table's cell is read with its own row
                    inner: list[str] = []
                    _walk(cell, inner)
                    cells.append("".join(inner))
                out.append("\t".join(cells))
        elif tag not in _SKIP and isinstance(tag, str):
            _walk(child, out)  # content controls, custom XML, tracked insertions around paragraphs


def _collect(element: Any, own: list[str], boxes: list[str]) -> None:
    """The text of one paragraph: runs, hyperlinks, fields, content controls and tracked insertions."""
    for child in element:
        tag = child.tag
        if tag == _T:
            own.append(child.text or "")
        elif tag == _TAB:
            own.append("\t")
        elif tag == _TXBX:
            _walk(child, boxes)
        elif tag not in _SKIP and isinstance(tag, str):
            _collect(child, own, boxes)


def _convert(path: Path) -> list[str]:
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
            (converted,) = convert([source], "docx", folder / "out", error=InputError)
        except InputError:
            raise InputError(
                _("LibreOffice could not convert this file (is it password-protected or damaged?)"), path
            ) from None
        return _docx_blocks(converted.read_bytes(), path)


def read_blocks(path: Path) -> list[str]:
    """The source's paragraphs as text, in order (blank paragraphs included, soft line breaks removed)."""
    path = Path(path)
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _docx_blocks(data, path)
    if suffix in CONVERTED_SUFFIXES:
        if suffix != ".rtf" and data.startswith(b"PK"):
            return _docx_blocks(data, path)  # a .docx saved under an old name
        return _convert(path)
    if suffix in TEXT_SUFFIXES:
        return _split_lines(decode_text(data, path))
    if data.startswith(b"PK"):
        return _docx_blocks(data, path)
    if data.startswith(OLE_MAGIC):
        return _convert(path)
    return _split_lines(decode_text(data, path))
