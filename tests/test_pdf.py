"""`drafter render --pdf` and `render-batch --pdf`: a PDF set in official-looking faces, or one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli_helpers import run_drafter
from tests.conftest import EXAMPLES, pdf_fonts, pdf_pages, soffice
from tests.test_example import assert_official_faces


def drafter(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_drafter("--lang", "en", *args, env=env)


def test_render_pdf_writes_the_docx_and_a_pdf_in_official_faces(tmp_path: Path) -> None:
    soffice()
    out = tmp_path / "qinghe.docx"
    result = drafter("render", EXAMPLES / "2025.json", "-o", out, "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "qinghe.pdf"
    assert out.is_file() and pdf.is_file()
    assert f"PDF written to {pdf.resolve()}" in result.stdout
    assert_official_faces(pdf)
    assert any("UKai" in name for name in pdf_fonts(pdf)), "楷体 headings not in a kai face"
    pages = pdf_pages(pdf)
    assert "—1—" in pages[0].replace(" ", ""), "page 1 has no page number"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "staging files left behind"


def test_render_batch_pdf_writes_one_pdf_per_report(tmp_path: Path) -> None:
    soffice()
    outdir = tmp_path / "out"
    result = drafter("render-batch", EXAMPLES / "2024.json", EXAMPLES / "2025.json", "--outdir", outdir, "--pdf")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in outdir.iterdir()) == ["2024.docx", "2024.pdf", "2025.docx", "2025.pdf"]
    for pdf in outdir.glob("*.pdf"):
        assert_official_faces(pdf)


def test_render_pdf_without_libreoffice_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bare = tmp_path / "bin"  # a PATH with python and nothing else: no soffice to find
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    env = {**os.environ, "PATH": str(bare)}
    out = tmp_path / "r.docx"
    result = drafter("render", EXAMPLES / "2025.json", "-o", out, "--pdf", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "LibreOffice" in lines[0], result.stderr
    assert out.is_file(), "the .docx is still written"
    assert not (tmp_path / "r.pdf").exists()
    assert shutil.which("soffice", path=env["PATH"]) is None
