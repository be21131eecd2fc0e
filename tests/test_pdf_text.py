"""What is sent is what was written: the PDF holds every character of the document, in order.

LibreOffice once dropped punctuation marks that ended a justified line (``，`` ``。`` ``、``, above all before Latin
digits) when they carried the body's negative tracking; the typesetter now sets marks without it
(:data:`drafter.typeset.ooxml.PUNCTUATION`). These tests compare the text poppler reads from each PDF with the
text of the .docx (or of the public HTML) it was made from: every example, every real fixture, and made-up
paragraphs that put each mark at the end of a line, for ``render --pdf``, ``--copy submission --pdf`` and
``publish``.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.cli import main
from tests.conftest import EXAMPLES, ROOT, require, soffice

FIXTURES = ROOT.parent / "shared" / "fixtures"
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
SPACE = re.compile(r"[\s\u200b]+")
MARKS = "，。、；：！？）》”’…"
FILL = "基层依法治理水平持续提升群众办事更加便捷规范化建设稳步推进执法监督不断加强"


def _line_end_answers(path: Path) -> Path:
    """The 2025 example with paragraphs that put each mark at and around the end of a line, followed by CJK text
    and by Latin digits (the case LibreOffice lost most often)."""
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    paragraphs = []
    for mark in MARKS:
        for width in (24, 25, 26, 27):
            paragraphs.append({"text": f"{FILL[:width]}{mark}2023年{FILL[:29]}{mark}{FILL[:26]}{mark}{FILL[:3]}。"})
    data["sections"]["measures"]["items"][0]["paragraphs"] = paragraphs
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _docx_text(path: Path) -> tuple[str, str]:
    """The body's paragraphs in order (tables left out), and the text of its table cells."""
    body = docx.Document(str(path)).element.body
    paragraphs: list[str] = []
    cells: list[str] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            cells.extend(t.text or "" for t in child.iter(qn("w:t")))
    return SPACE.sub("", "".join(paragraphs)), SPACE.sub("", "".join(cells))


def _pdf_text(path: Path) -> str:
    """The PDF's text in the order it is drawn (``-raw``: poppler's other modes drop a hyphen that ends a line,
    taking it for a word broken across lines)."""
    out = subprocess.run([require("pdftotext"), "-raw", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return SPACE.sub("", PAGE_NUMBER.sub("", out))


def assert_holds(source: str, pdf: str, tables: str, name: str) -> None:
    """Every character of ``source`` is in ``pdf`` in order (the PDF may add table text); every character of the
    tables is in the PDF too (table cells are read in poppler's order, so they are compared as a multiset)."""
    matcher = difflib.SequenceMatcher(None, source, pdf, autojunk=False)
    lost = [
        f"{source[max(0, a1 - 6):a1]}[{source[a1:a2]}]{source[a2:a2 + 6]}"
        for op, a1, a2, _b1, _b2 in matcher.get_opcodes() if op in ("delete", "replace")
    ]
    assert not lost, f"{name}: the PDF lost what the document holds (in brackets): {lost[:12]}"
    missing = Counter(source + tables) - Counter(pdf)
    assert not missing, f"{name}: characters of the document missing from the PDF: {dict(missing)}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Answers for every example, every fixture (imported) and the made-up line ends, rendered with their PDFs in
    one batch."""
    soffice()
    work = tmp_path_factory.mktemp("pdf-text")
    answers = [p for p in sorted(EXAMPLES.glob("*.json"))]
    answers.append(_line_end_answers(work / "line-ends.json"))
    sources = sorted((FIXTURES / "reports").glob("*.docx")) + sorted((FIXTURES / "gongkai").glob("*.txt"))
    assert sources, f"no fixtures under {FIXTURES}"
    for source in sources:
        target = work / f"fixture-{source.stem}.json"
        assert main(["import", str(source), "-o", str(target)]) == 0, source
        answers.append(target)
    out = work / "out"
    assert main(["render-batch", *map(str, answers), "--outdir", str(out), "--pdf"]) == 0
    return {p.stem: out / f"{p.stem}.docx" for p in answers}


def test_every_pdf_holds_the_text_of_its_document(rendered: dict[str, Path]) -> None:
    assert len(rendered) >= 10
    for name, path in rendered.items():
        paragraphs, tables = _docx_text(path)
        assert_holds(paragraphs, _pdf_text(path.with_suffix(".pdf")), tables, name)


def test_the_made_up_line_ends_put_marks_at_the_end_of_lines(rendered: dict[str, Path]) -> None:
    """The made-up document exercises what it is meant to: lines of the PDF end with each mark."""
    pdf = rendered["line-ends"].with_suffix(".pdf")
    lines = subprocess.run([require("pdftotext"), str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    ends = {line.strip()[-1] for line in lines if line.strip()}
    assert set("，。、；：") <= ends, f"no line ends with some of the marks: {sorted(ends)}"


def test_the_submission_copy_keeps_every_mark(tmp_path: Path) -> None:
    soffice()
    source = _line_end_answers(tmp_path / "2025.json")
    out = tmp_path / "submission.docx"
    assert main(["render", str(source), "--copy", "submission", "-o", str(out), "--pdf"]) == 0
    paragraphs, tables = _docx_text(out)
    assert_holds(paragraphs, _pdf_text(out.with_suffix(".pdf")), tables, "submission")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_the_public_pdf_holds_the_text_of_the_public_page(tmp_path: Path) -> None:
    soffice()
    for source in (_line_end_answers(tmp_path / "2025.json"), EXAMPLES / "gongkai-2025.json"):
        out = tmp_path / f"web-{source.stem}"
        assert main(["publish", str(source), "-o", str(out)]) == 0
        html = _Text()
        html.feed((out / f"{source.stem}.html").read_text(encoding="utf-8"))
        text = SPACE.sub("", "".join(html.parts))
        pdf = _pdf_text(out / f"{source.stem}.pdf")
        # the page's tables are read in poppler's order: compare their characters as a multiset
        missing = Counter(text) - Counter(pdf)
        assert not missing, f"{source.name}: characters of the page missing from the PDF: {dict(missing)}"
        if "gongkai" not in source.stem:
            assert_holds(text, pdf, "", f"publish {source.name}")


def test_poppler_reads_what_it_is_given() -> None:
    """The comparison itself can fail: a PDF without a mark is caught."""
    with pytest.raises(AssertionError, match=r"\[，\]"):
        assert_holds("甲乙，丙丁", "甲乙丙丁", "", "self-test")


def test_the_break_after_a_mark_is_not_text(tmp_path: Path) -> None:
    """The zero-width break the typesetter puts after a mark before Latin text is in the .docx, and an import of
    that .docx (or ``drafter check`` of it) does not see it."""
    from drafter.importer.read import read_blocks
    from drafter.typeset.ooxml import ZERO_WIDTH_SPACE, break_after_marks

    assert break_after_marks("开展。2023年，全镇、各村") == f"开展。{ZERO_WIDTH_SPACE}2023年，全镇、各村"
    assert break_after_marks("青禾发〔2026〕3号") == "青禾发〔2026〕3号"  # a document number stays whole
    source = _line_end_answers(tmp_path / "2025.json")
    out = tmp_path / "2025.docx"
    assert main(["render", str(source), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert f"，{ZERO_WIDTH_SPACE}2023年" in package.read("word/document.xml").decode("utf-8")
    blocks = read_blocks(out)
    assert not any(ZERO_WIDTH_SPACE in block for block in blocks)
    assert any("，2023年" in block for block in blocks)
