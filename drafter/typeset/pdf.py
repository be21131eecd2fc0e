"""PDF from a rendered .docx, through headless LibreOffice with drafter's font mapping (:mod:`drafter.libreoffice`).

The .docx keeps the official Windows font names; only this path maps them to installed faces. The PDF is made in a
staging folder beside its target and renamed into place, so a failed conversion never leaves a half-written PDF.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import OutputError, os_reason
from drafter.i18n import _
from drafter.libreoffice import TIMEOUT_SECONDS, convert

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
            made = convert([docxs[i] for i in indexes], PDF_FILTER, Path(work), timeout)
            for index, path in zip(indexes, made, strict=True):
                try:
                    os.replace(path, pdfs[index])
                except OSError as exc:
                    raise OutputError(_("cannot write here ({reason})").format(reason=os_reason(exc)),
                                      pdfs[index]) from None
    return list(pdfs)
