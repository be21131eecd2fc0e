"""Shared test helpers: paths to the bundled example and the real-report fixtures, LibreOffice."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import settings

# Property tests draw the same cases on every machine and every run (a fresh CI machine must not meet a new case by
# chance); a test's own settings add to this profile.
settings.register_profile("drafter", derandomize=True)
settings.load_profile("drafter")

# Tests read messages in English (the message ids); tests of the Chinese default remove this explicitly.
os.environ["DRAFTER_LANG"] = "en"
# The disk cache of packs and base documents (drafter.diskcache) lives in a folder of the test run, never in the
# user's own cache; every test and the drafter processes it starts share it, as the clerk's processes do.
os.environ["DRAFTER_CACHE"] = tempfile.mkdtemp(prefix="drafter-test-cache-")
atexit.register(shutil.rmtree, os.environ["DRAFTER_CACHE"], True)

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


PACKAGES = {
    "soffice": "libreoffice-writer-nogui",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "chromium": "chromium",
}
"""The Debian package scripts/test installs for each program the tests run."""


def require(tool: str) -> str:
    """Path of the program ``tool`` (one of :data:`PACKAGES`); in CI its absence is a failure, elsewhere the test
    is skipped. LibreOffice is looked for as drafter itself looks for it."""
    from drafter.libreoffice import soffice as find_soffice

    found = find_soffice() if tool == "soffice" else shutil.which(tool)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is required in CI; scripts/test installs the Debian package {PACKAGES[tool]}")
    pytest.skip(f"{tool} is not installed")


def soffice() -> str:
    """Path of LibreOffice's soffice (see :func:`require`)."""
    return require("soffice")


def word97(docx: Path, outdir: Path) -> Path:
    """A Word 97 .doc of ``docx`` made by LibreOffice (through drafter's one runner), as an old report would be."""
    soffice()
    from drafter.libreoffice import convert

    (doc,) = convert([docx], "doc", outdir)
    return doc


def to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert ``docx`` to PDF the way ``drafter render --pdf`` does (headless LibreOffice, drafter's font mapping)."""
    soffice()
    from drafter.typeset.pdf import to_pdf as convert

    return convert(docx, outdir / (docx.stem + ".pdf"))


def pdf_fonts(pdf: Path) -> list[str]:
    """The names of the fonts embedded in ``pdf`` (pdffonts), without the subset prefix."""
    exe = require("pdffonts")
    out = subprocess.run([exe, str(pdf)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()]


def pdf_pages(pdf: Path) -> list[str]:
    """Text of each page of ``pdf`` (pdftotext, layout mode)."""
    exe = require("pdftotext")
    out = subprocess.run([exe, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


class Word(NamedTuple):
    """A word as poppler finds it in a PDF (pdftotext -bbox), in points from the page's top left corner."""

    page: int
    x: float
    y: float
    text: str
    right: float


def pdf_words(pdf: Path, bottom_pt: float = float("inf")) -> list[Word]:
    """Every word poppler finds above ``bottom_pt`` (below it: the page numbers), in reading order by page, line and
    left to right."""
    from lxml import etree

    out = pdf.with_suffix(".words.html")
    subprocess.run([require("pdftotext"), "-bbox", str(pdf), str(out)], check=True)
    tree = etree.parse(str(out), etree.HTMLParser(encoding="utf-8"))
    words = []
    for number, page in enumerate(tree.iter("page"), start=1):
        for word in page.iter("word"):
            if float(word.get("ymax")) < bottom_pt:
                words.append(Word(number, float(word.get("xmin")), float(word.get("ymin")), word.text or "",
                                  float(word.get("xmax"))))
    return sorted(words, key=lambda w: (w.page, round(w.y), w.x))


def page_ink_rows(pdf: Path, page: int, dpi: int = 100) -> tuple[int, list[int], list[int]]:
    """Page ``page`` of ``pdf`` rasterised by pdftoppm: its width in pixels and, for every pixel row from the top,
    how many pixels are red and how many are black."""
    exe = require("pdftoppm")
    raw = subprocess.run([exe, "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         check=True, capture_output=True).stdout
    magic, size, _depth, data = raw.split(b"\n", 3)
    assert magic == b"P6"
    width, height = map(int, size.split())
    red, black = [], []
    for y in range(height):
        row = data[y * width * 3 : (y + 1) * width * 3]
        r, g, b = row[0::3], row[1::3], row[2::3]
        red.append(sum(1 for i in range(width) if r[i] > 180 and g[i] < 90 and b[i] < 90))
        black.append(sum(1 for i in range(width) if r[i] < 100 and g[i] < 100 and b[i] < 100))
    return width, red, black


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = 20.0) -> None:
    """Poll ``condition`` (a file another process writes, a state a server reaches) until it holds; fail naming
    ``what`` after ``timeout_s``. The one polling loop of the tests: another process gives no event to wait on."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for: {what}")
        time.sleep(0.05)


JOURNEY_TYPES = ("fazhi-zhengfu", "gongkai")
"""The report types whose example files the journeys' workspace holds (their lists and keys were written for
these); a test of another report type copies its own example."""


def example_workspace(folder: Path, types: tuple[str, ...] | None = JOURNEY_TYPES) -> Path:
    """A copy in ``folder`` of the bundled example workspace's reports of ``types`` (None: all of them)."""
    from drafter.pack import DEFAULT_PACK

    folder.mkdir(parents=True, exist_ok=True)
    for path in EXAMPLES.glob("*.json"):
        if types is None or json.loads(path.read_text(encoding="utf-8")).get("pack", DEFAULT_PACK) in types:
            shutil.copy(path, folder / path.name)
    return folder
