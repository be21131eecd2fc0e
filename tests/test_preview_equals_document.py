"""Preview equals document: the preview and the .docx take their text from the same composed Document, so every
example and every real report (imported) reads the same in both, paragraph by paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from drafter.compose import compose
from drafter.importer import import_file
from drafter.model import Answers
from drafter.pack import load_pack
from drafter.store import load_answers
from drafter.tui.widgets.preview import preview_text
from drafter.typeset.docx import render_docx
from drafter.typeset.ooxml import ZERO_WIDTH_SPACE
from tests.conftest import EXAMPLES, FIXTURES

SOURCES = sorted(EXAMPLES.glob("*.json")) + sorted(
    p for p in FIXTURES.glob("*") if p.suffix in (".docx", ".txt")) if FIXTURES.is_dir() else []


def _answers(path: Path) -> Answers:
    return load_answers(path) if path.suffix == ".json" else import_file(path).answers


def docx_paragraphs(path: Path) -> list[str]:
    """The text of every body paragraph and table row of a .docx, in order (table rows tab-joined)."""
    document = docx.Document(str(path))
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            # a zero-width space after a mark before Latin text is a break, not text (ooxml.break_after_marks)
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).replace(ZERO_WIDTH_SPACE, "")
            if text.strip():
                out.append(text)
        elif tag == "tbl":
            rows = []
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")).replace(ZERO_WIDTH_SPACE, "")
                        for cell in row if cell.tag.endswith("}tc") and not _merged_down(cell)
                    ]
                    rows.append("\t".join(cells))
            out.append("\n".join(rows))
    return out


def _merged_down(cell: etree._Element) -> bool:
    """A cell covered by the merged cell above it (``w:vMerge`` without ``restart``): it shows nothing of its own."""
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val")) != "restart"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_preview_and_docx_read_the_same(source: Path, tmp_path: Path) -> None:
    answers = _answers(source)
    pack = load_pack(answers.pack)  # each example with its own report type
    preview = preview_text(answers, pack).split("\n\n")
    out = tmp_path / "out.docx"
    render_docx(compose(answers, pack), pack.style, out)
    document = docx_paragraphs(out)
    assert len(preview) == len(document)
    for number, (shown, printed) in enumerate(zip(preview, document, strict=True)):
        assert shown == printed, f"paragraph {number}: preview {shown!r} vs .docx {printed!r}"


def test_run_in_heading_ending_in_a_half_width_stop_reads_the_same(tmp_path: Path) -> None:
    """Issue 12 case 5: a run-in heading ending in ? ! : or . gets no 。 in either view."""
    from tests.factories import answers_dict

    pack = load_pack()
    data = answers_dict()
    data["sections"]["measures"] = {"items": [
        {"heading": f"标题{stop}", "run_in": True, "paragraphs": [{"text": "正文。"}]} for stop in "?!:."]}
    answers = Answers.model_validate(data)
    preview = preview_text(answers, pack)
    out = tmp_path / "out.docx"
    render_docx(compose(answers, pack), pack.style, out)
    printed = docx_paragraphs(out)
    for number, stop in zip("一二三四", "?!:.", strict=True):
        line = f"（{number}）标题{stop}正文。"
        assert line in preview.split("\n\n") and line in printed
