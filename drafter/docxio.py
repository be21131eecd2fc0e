"""Opening Word .docx files the user gives (a reference document for the page set-up, a report to import or
check), and telling a Word file from an answers file or a PDF by its first bytes.

:func:`open_docx` tells apart the ways a file can fail to be a usable .docx and raises an
:class:`~drafter.errors.InputError` that says which one, so no caller ever shows a python-docx traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError, os_reason
from drafter.i18n import _

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

MAX_DOCX_BYTES = 50 * 1024 * 1024
"""A .docx larger than this on disk is refused."""
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
"""A .docx whose parts unpack to more than this is refused (a zip bomb, not a report)."""

_CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
"""Stream name inside the OLE container Word writes for a password-protected .docx."""


def _what_else(head: bytes) -> str | None:
    """A name for a known non-zip file type, from its first bytes."""
    if head.startswith(_PNG_MAGIC):
        return _("a PNG image")
    if head.startswith(b"\xff\xd8\xff"):
        return _("a JPEG image")
    if head.startswith(b"%PDF"):
        return _("a PDF file")
    if head.startswith(b"{\\rtf"):
        return _("an RTF file")
    return None


def document_kind(head: bytes) -> str | None:
    """A name for a document or image format recognised by its first bytes (Word, PDF, RTF, an image), else None:
    what a text file such as an answers file is not."""
    if head.startswith(_ZIP_MAGIC):
        return _("a Word document (.docx) or another zip package")
    if head.startswith(_CFB_MAGIC):
        return _("an old-style Word or Office file")
    return _what_else(head)


def is_word_or_pdf(path: Path) -> bool:
    """True when ``path`` is (by its content, not its name) a Word .docx or a PDF, or is empty: an output location
    a render may replace without asking."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
        if not head or head.startswith(b"%PDF"):
            return True
        if not head.startswith(_ZIP_MAGIC):
            return False
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False


def check_docx(path: Path, max_bytes: int = MAX_DOCX_BYTES) -> bytes:
    """The bytes of ``path`` once it is known to be a complete .docx package, else a clear :class:`InputError`."""
    if not path.exists():
        raise InputError(_("file not found"), path)
    if path.is_dir():
        raise InputError(_("is a folder, not a file"), path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                _("is too large for a Word document ({size} MB; the limit is {limit} MB)").format(
                    size=round(size / 1024 / 1024, 1), limit=round(max_bytes / 1024 / 1024)
                ),
                path,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("cannot be read ({reason})").format(reason=os_reason(exc)), path) from None
    check_docx_bytes(data, path)
    return data


def check_docx_bytes(data: bytes, path: Path) -> None:
    """Raise a clear :class:`InputError` unless ``data`` (read from ``path``) is a complete .docx package."""
    if not data:
        raise InputError(_("the file is empty"), path)
    head = data[:16]
    if head.startswith(_CFB_MAGIC):
        if _ENCRYPTION_MARK in data:
            raise InputError(
                _("is password-protected (an encrypted Word file); remove the password in Word and try again"), path
            )
        raise InputError(
            _("is an old-style Word .doc (an OLE compound file, not a .docx); save it as .docx in Word"), path
        )
    other = _what_else(head)
    if other is not None:
        raise InputError(_("is {kind}, not a Word .docx file").format(kind=other), path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if head.startswith(_ZIP_MAGIC):
            raise InputError(_("is damaged or truncated (the zip package is incomplete)"), path)
        raise InputError(_("is not a Word .docx file (not a zip package)"), path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise InputError(_("is a zip file but not a Word document (it has no word/document.xml)"), path)
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise InputError(_("unpacks to more than {limit} MB, which no report needs").format(
                    limit=MAX_UNPACKED_BYTES // 1024 // 1024), path)
            bad = package.testzip()
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise InputError(_("is damaged (the zip package cannot be read)"), path) from None
    if bad is not None:
        raise InputError(_("is damaged (the part {part} is corrupt)").format(part=bad), path)


def parse_docx(data: bytes, path: Path) -> DocxDocument:
    """Open checked .docx bytes with python-docx, turning its many exception types into one clear message."""
    check_docx_bytes(data, path)
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx and lxml raise many unrelated types (with English reasons) for a bad package
        raise InputError(
            _("is not a usable Word document (a part of it is damaged or is not Word XML); open it in Word and save "
              "it again"),
            path,
        ) from None


def open_docx(path: Path, max_bytes: int = MAX_DOCX_BYTES) -> DocxDocument:
    """Open ``path`` with python-docx, or raise an :class:`InputError` that says what is wrong with it.

    Refused with their own reason: a missing or empty file, a file over ``max_bytes``, a password-protected (or
    old .doc) OLE container, an image or PDF renamed .docx, any other zip, a truncated or corrupt package.
    """
    return parse_docx(check_docx(path, max_bytes), path)


WORD_DEBRIS = re.compile(
    r"\[bookmark:[^\]\n]*\]"  # a bookmark written out by a converter: [bookmark: _GoBack]
    r"|\{\s*(?:PAGE|NUMPAGES|SECTIONPAGES|PAGEREF|REF|HYPERLINK|TOC|SEQ|MERGEFIELD|DATE|TIME|FORMTEXT|FORMCHECKBOX"
    r"|INCLUDEPICTURE|EMBED)\b[^{}\n]*\}",  # a field code shown instead of its result: { PAGEREF _Toc12 \h }
    re.IGNORECASE,
)
"""What Word's bookmarks and fields leave in text copied or converted out of a document: never report text."""


def drop_debris(text: str) -> tuple[str, list[str]]:
    """``text`` without :data:`WORD_DEBRIS`, and the pieces dropped."""
    found = WORD_DEBRIS.findall(text)
    return (WORD_DEBRIS.sub("", text), found) if found else (text, [])
