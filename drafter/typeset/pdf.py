"""PDF from a rendered .docx, through headless LibreOffice with drafter's font mapping (:mod:`drafter.libreoffice`).

The .docx keeps the official Windows font names; only this path maps them to installed faces. The PDF is made in a
staging folder beside its target and renamed into place, so a failed conversion never leaves a half-written PDF.
"""

from __future__ import annotations

import copy
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import OutputError, os_reason
from drafter.i18n import _
from drafter.libreoffice import TIMEOUT_SECONDS, convert
from drafter.typeset import ooxml

PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
"""LibreOffice's PDF export keeping the blank pages its layout inserts (the page before an even-page 版记)."""


def guard_pdf(docx: Path, pdf: Path, inputs: Sequence[Path | None] = (), force: bool = False) -> None:
    """Refuse ``pdf`` as the PDF of ``docx`` when writing it would lose something: it may replace an earlier Word or
    PDF document, anything else only with ``force``, and never the .docx or another input
    (:func:`drafter.store.guard_output`)."""
    from drafter.docxio import is_word_or_pdf
    from drafter.safewrite import guard_output

    guard_output(pdf, (docx, *inputs), force, is_word_or_pdf)


def to_pdf(docx: Path, pdf: Path | None = None, force: bool = False, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Write the PDF of ``docx`` (default: beside it, same name) and return its path."""
    return to_pdfs([docx], [pdf or docx.with_suffix(".pdf")], force, timeout)[0]


def to_pdfs(
    docxs: Sequence[Path], pdfs: Sequence[Path], force: bool = False, timeout: float = TIMEOUT_SECONDS
) -> list[Path]:
    """Write the PDF of each .docx at the matching path, with one LibreOffice run per target folder.

    A target may replace an earlier Word or PDF document; anything else there is refused unless ``force``
    (:func:`drafter.store.guard_output`), before LibreOffice starts.
    """
    for docx, pdf in zip(docxs, pdfs, strict=True):
        guard_pdf(docx, pdf, (), force)
    runs: dict[tuple[Path, int], list[int]] = {}
    for index, pdf in enumerate(pdfs):
        folder = pdf.resolve().parent
        # LibreOffice names its output after the source: sources with the same name go to separate runs
        repeat = sum(1 for i in range(index)
                     if docxs[i].stem == docxs[index].stem and pdfs[i].resolve().parent == folder)
        runs.setdefault((folder, repeat), []).append(index)
    for (folder, _repeat), indexes in runs.items():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            staging = tempfile.TemporaryDirectory(prefix=".drafter-pdf-", dir=folder)
        except OSError as exc:
            raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)), folder) from None
        with staging as work:
            made = _convert_numbering_the_record([docxs[i] for i in indexes], Path(work), timeout)
            for index, path in zip(indexes, made, strict=True):
                try:
                    os.replace(path, pdfs[index])
                except OSError as exc:
                    raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)),
                                      pdfs[index]) from None
    return list(pdfs)


def _convert_numbering_the_record(docxs: Sequence[Path], work: Path, timeout: float) -> list[Path]:
    """The PDFs of ``docxs`` in ``work`` (one LibreOffice run), with the 版记 page of a submission copy numbered by
    GB/T 9704 §7.5 as LibreOffice laid the pages out.

    LibreOffice does not evaluate the 版记 footer's field (:func:`~drafter.typeset.ooxml.record_page_number_runs`):
    such a .docx is printed from a copy whose field is replaced by the page number; when that PDF shows the blank
    page LibreOffice inserted before the 版记 page, it is printed again from a copy with no number there."""
    with_record = [_has_record_field(docx) for docx in docxs]
    sources = [_record_copy(docx, work / "numbered", numbered=True) if has else docx
               for docx, has in zip(docxs, with_record, strict=True)]
    made = convert(sources, PDF_FILTER, work, timeout)
    again = [k for k, has in enumerate(with_record) if has and _blank_before_last_page(made[k])]
    if again:
        unnumbered = [_record_copy(docxs[k], work / "unnumbered", numbered=False) for k in again]
        (work / "second").mkdir()
        for k, path in zip(again, convert(unnumbered, PDF_FILTER, work / "second", timeout), strict=True):
            made[k] = path
    return made


_RECORD_FIELD = f"PAGEREF {ooxml.BODY_END_BOOKMARK}"
"""What the instruction of the 版记 page's number field holds, and no other field drafter writes."""


def _has_record_field(docx: Path) -> bool:
    """Whether a footer of ``docx`` holds the 版记 page's number field (a submission copy made by drafter)."""
    try:
        with zipfile.ZipFile(docx) as package:
            return any(name.startswith("word/footer") and _RECORD_FIELD.encode() in package.read(name)
                       for name in package.namelist())
    except (OSError, zipfile.BadZipFile, KeyError):
        return False  # LibreOffice reports what is wrong with the file


def _record_copy(docx: Path, folder: Path, numbered: bool) -> Path:
    """A copy of ``docx`` in ``folder`` (same name) whose 版记 page-number field is replaced by ``— N —`` or by
    nothing."""
    import docx as python_docx
    from docx.oxml.ns import qn

    document = python_docx.Document(str(docx))
    runs = ooxml.body_fragment([ooxml.paragraph("Footer", ooxml.page_number_runs() if numbered else "")])[0]
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            if footer.is_linked_to_previous:
                continue
            for p in footer._element.iter(qn("w:p")):
                if any(_RECORD_FIELD in (t.text or "") for t in p.iter(qn("w:instrText"))):
                    for child in [c for c in p if c.tag != qn("w:pPr")]:
                        p.remove(child)
                    for child in runs.findall(qn("w:r")):
                        p.append(copy.deepcopy(child))
    folder.mkdir(exist_ok=True)
    out = folder / docx.name
    document.save(str(out))
    return out


def _blank_before_last_page(pdf: Path) -> bool:
    """Whether the page before the last page of ``pdf`` has no text (the blank page before an even 版记 page)."""
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    return len(pages) >= 3 and not pages[-2].extract_text().strip()
