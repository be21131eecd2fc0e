"""Shared test helpers: paths to the bundled example and the real-report fixtures, LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# Tests read messages in English (the message ids); tests of the Chinese default remove this explicitly.
os.environ["DRAFTER_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "qinghe"
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def example_2025() -> Path:
    """The bundled example's 2025 answers file."""
    return EXAMPLES / "2025.json"


@pytest.fixture
def example_2024() -> Path:
    """The bundled example's 2024 answers file."""
    return EXAMPLES / "2024.json"


def soffice() -> str:
    """Path of LibreOffice's soffice; in CI its absence is a failure, elsewhere the test is skipped."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required in CI; .ci/run installs libreoffice-writer-nogui")
    pytest.skip("LibreOffice is not installed")


def to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert ``docx`` to PDF the way ``drafter render --pdf`` does (headless LibreOffice, drafter's font mapping)."""
    soffice()
    from drafter.typeset.pdf import to_pdf as convert

    return convert(docx, outdir / (docx.stem + ".pdf"))


def pdf_fonts(pdf: Path) -> list[str]:
    """The names of the fonts embedded in ``pdf`` (pdffonts), without the subset prefix."""
    exe = shutil.which("pdffonts")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdffonts is required in CI; .ci/run installs poppler-utils")
        pytest.skip("pdffonts is not installed")
    out = subprocess.run([exe, str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()]


def pdf_pages(pdf: Path) -> list[str]:
    """Text of each page of ``pdf`` (pdftotext, layout mode)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is required in CI; .ci/run installs poppler-utils")
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([exe, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
