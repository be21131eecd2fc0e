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
    """Convert ``docx`` to PDF with headless LibreOffice and return the PDF's path."""
    exe = soffice()
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = outdir / (docx.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice produced no PDF for {docx}"
    return pdf


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
