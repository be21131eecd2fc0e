"""The bundled example, rendered: all its content in order, and LibreOffice lays it out as an official document."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from drafter.compose import Kind, compose
from drafter.figures import render, values_of
from drafter.model import Answers, Item
from drafter.numbering import outline_number
from drafter.pack import load_pack
from drafter.pipeline import render_answers
from drafter.store import load_answers
from drafter.typeset.docx import text_width
from drafter.typeset.faces import faces
from tests.conftest import pdf_fonts, pdf_pages, to_pdf


@pytest.fixture(scope="module")
def example() -> Answers:
    return load_answers(Path(__file__).resolve().parent.parent / "examples" / "qinghe" / "2025.json")


@pytest.fixture(scope="module")
def rendered(example: Answers, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "qinghe-2025.docx"
    render_answers(example, load_pack(), out)
    return out


def expected_lines(example: Answers) -> list[str]:
    """Every heading (with its generated number), paragraph and figure of the example, in reading order (live
    figures with their values)."""
    lines: list[str] = []
    values = values_of(example, load_pack())

    def walk(items: list[Item], level: int) -> None:
        number = 0
        for item in items:
            if item.heading:
                number += 1
                lines.append(outline_number(level, number) + item.heading)
            lines.extend(render(p.text, values) for p in item.paragraphs)
            walk(item.items, level + 1)

    for _key, section in example.section_items():
        lines.extend(render(p.text, values) for p in section.intro)
        walk(section.items, 2)
    return lines


def test_every_section_item_and_paragraph_appears_in_order(example: Answers, rendered: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(rendered)).paragraphs)
    position = 0
    for line in expected_lines(example):
        found = text.find(line, position)
        assert found >= 0, f"missing or out of order: {line}"
        position = found + len(line)
    for key in ("measures", "problems", "duty", "plan", "other"):
        assert example.sections.get(key) is not None, key


def test_every_figure_of_the_example_is_in_the_document(example: Answers, rendered: Path) -> None:
    pack = load_pack()
    text = "\n".join(p.text for p in docx.Document(str(rendered)).paragraphs)
    assert len(example.figures) >= 15
    for key, figure in example.figures.items():
        spec = pack.figure(key)
        assert spec is not None and figure.value is not None
        assert re.search(rf"(?<!\d){figure.value}(?:余)?{spec.unit}", text), f"{key}={figure.value}{spec.unit}"


def test_all_five_parts_with_generated_numbers(example: Answers) -> None:
    doc = compose(example, load_pack())
    level1 = [b.number for b in doc.blocks if b.kind is Kind.HEADING and b.level == 1]
    assert level1 == ["一、", "二、", "三、", "四、", "五、"]


def assert_official_faces(pdf: Path) -> None:
    """The body is set in a serif CJK face and the first-level headings in a sans (黑体) face.

    GB/T 9704's 28 characters a line hold for 仿宋's metrics; when LibreOffice substitutes a sans face for 仿宋 the
    count says little, so this names the font it used instead.
    """
    fonts = pdf_fonts(pdf)
    serif = [name for name in fonts if faces().kind_of("body").accepts(name)]
    assert serif, f"LibreOffice set the body in {', '.join(fonts)}: no serif CJK face (drafter's fonts.conf maps " \
        "仿宋_GB2312 to Noto Serif CJK SC or AR PL UMing; scripts/test installs them)"
    assert any(faces().kind_of("heading1").accepts(name) for name in fonts), \
        f"no sans (黑体) face for headings in {fonts}"
    assert_latin_face(fonts)


def assert_latin_face(fonts: list[str]) -> None:
    """Latin letters and digits are set in Times New Roman or a face with its metrics (Liberation Serif, Tinos).

    Narrow table columns are sized for Times New Roman's digits; a fallback such as DejaVu Serif has wider ones and
    splits five-digit numbers across lines, so a missing face must fail here, by name, not in a column of numbers.
    """
    latin = [name for name in fonts if faces().kind_of("latin").accepts(name)]
    assert latin, f"LibreOffice set Latin text and digits in {', '.join(fonts)}: no Times New Roman or a face " \
        "with its metrics (drafter's fonts.conf maps Times New Roman to Liberation Serif; scripts/test installs " \
        "the Debian package fonts-liberation2)"


def test_libreoffice_lays_out_the_example_as_an_official_document(rendered: Path, tmp_path: Path) -> None:
    pdf = to_pdf(rendered, tmp_path)
    assert_official_faces(pdf)
    pages = pdf_pages(pdf)
    lines_per_page = load_pack().style.lines_per_page  # GB/T 9704: 22
    assert 4 <= len(pages) <= 6, f"{len(pages)} pages"
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        footer = lines[-1]
        assert footer.strip().replace(" ", "") == f"—{number}—", footer
        indent = len(footer) - len(footer.lstrip())
        if number % 2:  # pdftotext's columns: the right-hand number starts far in, the left-hand one at the edge
            assert indent >= 20, f"odd page {number}: page number not on the right"
        else:
            assert indent <= 2, f"even page {number}: page number not on the left"
        assert len(lines) - 1 <= lines_per_page, f"page {number} has {len(lines) - 1} lines of text"
    bodies = [[ln.strip().replace(" ", "") for ln in page.splitlines() if ln.strip()][:-1] for page in pages[1:-1]]
    assert max(len(body) for body in bodies) == lines_per_page  # a full page is full (a heading kept with its
    assert min(len(body) for body in bodies) >= lines_per_page - 2  # text may leave a line or two free at the bottom)
    widths = [text_width(line) for body in bodies for line in body]
    # 28 characters a line (Latin letters and digits count half; line-end punctuation may be squeezed in)
    assert 27 <= sorted(widths)[len(widths) // 2] <= 28.5 and max(widths) <= 29
    first = [line.strip() for line in pages[0].splitlines() if line.strip()]
    assert "情况的报告" in "".join(first[:3])
    last = [line.strip().replace(" ", "") for line in pages[-1].splitlines() if line.strip()]
    assert "特此报告。" in last and last[-2] == "2026年1月20日"


def test_figure_sentences_are_live_and_render_the_form(example: Answers, rendered: Path) -> None:
    """The README's first command shows live figures: the sentences state what the figures form holds."""
    measures = example.sections.get("measures")
    assert measures is not None
    stored = "\n".join(p.text for p in measures.all_paragraphs())
    assert "排查矛盾纠纷[[fig:disputes_investigated]]件" in stored and "152件" not in stored
    text = "\n".join(p.text for p in docx.Document(str(rendered)).paragraphs)
    assert "全年排查矛盾纠纷152件" in text and "调处成功率97.4%" in text and "[[fig:" not in text
