"""The public copy: publication checks, then the HTML fragment, the standalone page and the PDF.

Everything comes from the one composed Document. Nothing is written while a publication check finds something
(``--force`` overrides the privacy findings, never a 密级); the three files are made first and only then put in
place, each atomically.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafter.checks import Finding, sort_findings
from drafter.checks.compiled import compiled
from drafter.checks.privacy import UNFORCEABLE, check_privacy, secrecy_set
from drafter.checks.text import units
from drafter.compose import Document, compose
from drafter.errors import OutputError
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.safewrite import atomic_write
from drafter.typeset import html
from drafter.typeset.docx import build


def publication_findings(document: Document, answers: Answers, pack: Pack) -> list[Finding]:
    """What must not be published: mobile and ID numbers, bank cards, a 密级 set or written."""
    c = compiled(pack)
    found: list[Finding] = []
    for unit in units(document.blocks):
        found.extend(check_privacy(c, unit))
    found.extend(secrecy_set(answers.dispatch.secrecy))
    return sort_findings(document, found)


def blocking(findings: list[Finding], force: bool) -> list[Finding]:
    """The findings that stop publication: all of them, or with ``force`` those it cannot override."""
    return [f for f in findings if not force or f.rule in UNFORCEABLE]


@dataclass(frozen=True)
class Published:
    """What :func:`publish` did."""

    written: list[Path]
    """The files written, or none when publication was refused."""
    findings: list[Finding]
    """Every publication finding (overridden ones too)."""
    refused: list[Finding]
    """The findings that stopped publication."""


def outputs(out_dir: Path, name: str) -> tuple[Path, Path, Path]:
    """Where the fragment, the standalone page and the PDF go."""
    return out_dir / f"{name}.html", out_dir / f"{name}.page.html", out_dir / f"{name}.pdf"


def publish(answers: Answers, pack: Pack, out_dir: Path, name: str, force: bool = False) -> Published:
    """Check, then write ``NAME.html`` (fragment), ``NAME.page.html`` (standalone) and ``NAME.pdf`` into
    ``out_dir``."""
    document = compose(answers, pack)
    findings = publication_findings(document, answers, pack)
    refused = blocking(findings, force)
    if refused:
        return Published([], findings, refused)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(_("is a file, not a folder"), out_dir)
    from drafter.typeset.pdf import to_pdf

    with tempfile.TemporaryDirectory(prefix="drafter-publish-") as work:
        docx_path = Path(work) / f"{name}.docx"
        docx_path.write_bytes(build(document, pack.style)[0])  # the plain copy: unsealed, no 版头 or 版记
        pdf_bytes = to_pdf(docx_path, Path(work) / f"{name}.pdf").read_bytes()
    fragment_path, page_path, pdf_path = outputs(out_dir, name)
    atomic_write(fragment_path, html.fragment(document).encode("utf-8"))
    atomic_write(page_path, html.standalone(document).encode("utf-8"))
    atomic_write(pdf_path, pdf_bytes)
    return Published([fragment_path, page_path, pdf_path], findings, [])
