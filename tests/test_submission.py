"""The submission copy (GB/T 9704-2012 上行文) read back from the .docx and from LibreOffice's PDF of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.compose import compose
from drafter.pack import load_pack
from drafter.store import load_answers
from drafter.typeset.docx import build
from drafter.typeset.ooxml import BODY_END_BOOKMARK, MM_PER_PT
from drafter.typeset.pdf import to_pdfs
from tests.cli_helpers import run_drafter
from tests.conftest import EXAMPLES, page_ink_rows, pdf_pages, pdf_words, soffice, to_pdf

STYLE = load_pack().style
SUB = STYLE.submission
PX_PER_MM = 100 / 25.4  # page_ink_rows renders at 100 dpi


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example rendered by the CLI as the submission copy, and LibreOffice's PDF of it."""
    folder = tmp_path_factory.mktemp("submission")
    out = folder / "report.docx"
    done = run_drafter("render", EXAMPLES / "2025.json", "--copy", "submission", "-o", out)
    assert done.returncode == 0, done.stderr
    return out, to_pdf(out, folder)


def _paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(str(path)).paragraphs)


def _rpr(run: docx.text.run.Run, tag: str, attr: str) -> str | None:
    el = run._r.find(f"{qn('w:rPr')}/{qn('w:' + tag)}")
    return el.get(qn("w:" + attr)) if el is not None else None


def test_organ_mark_is_red_xiaobiaosong_stacked_for_a_joint_report(rendered: tuple[Path, Path]) -> None:
    marks = [p for p in _paragraphs(rendered[0]) if p.runs and _rpr(p.runs[0], "color", "val") == SUB.red]
    assert [p.text for p in marks] == ["中共青禾镇委员会", "青禾镇人民政府"]  # leading organ first
    for p in marks:
        run = p.runs[0]
        assert _rpr(run, "rFonts", "eastAsia") == STYLE.fonts.title == "方正小标宋简体"
        size_pt = int(_rpr(run, "sz", "val") or 0) / 2
        assert 30 <= size_pt <= SUB.mark_max_size_pt
        # sized to fit: the longer name takes at most the configured share of the 156 mm line
        assert len(p.text) * size_pt <= SUB.mark_width_share * 156 / 25.4 * 72 + 0.5
    # stacked and aligned: both lines spread over the same width, centred on the page
    jcs = {p._p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) for p in marks}
    assert jcs == {"distribute"}
    inds = {(p._p.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:left")),
             p._p.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:right"))) for p in marks}
    assert len(inds) == 1 and len(set(next(iter(inds)))) == 1


def test_number_shares_the_line_of_the_last_issuer_with_the_red_line_below(rendered: tuple[Path, Path]) -> None:
    line = next(p for p in _paragraphs(rendered[0]) if "签发人" in p.text)
    assert line.text.replace("\t", "|") == "|青禾发〔2026〕3号|签发人：林晓峰\u3000周建国"
    fonts = {r.text: _rpr(r, "rFonts", "eastAsia") for r in line.runs if r.text.strip()}
    assert fonts == {"青禾发〔2026〕3号": "仿宋_GB2312", "签发人：": "仿宋_GB2312", "林晓峰\u3000周建国": "楷体_GB2312"}
    sizes = {_rpr(r, "sz", "val") for r in line.runs if r.text.strip()}
    assert sizes == {"32"}  # 3号
    border = line._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and border.get(qn("w:color")) == SUB.red


def test_page_one_as_printed_mark_at_35mm_red_line_4mm_below_the_number(rendered: tuple[Path, Path]) -> None:
    width, red, black = page_ink_rows(rendered[1], 1)
    top_of_block_mm = STYLE.margin_top_mm
    mark_top = next(y for y, n in enumerate(red) if n) / PX_PER_MM
    assert mark_top - top_of_block_mm == pytest.approx(SUB.mark_top_mm, abs=1.5)
    text_width_px = (STYLE.page_width_mm - STYLE.margin_left_mm - STYLE.margin_right_mm) * PX_PER_MM
    line_rows = [y for y, n in enumerate(red) if n >= 0.97 * text_width_px]
    assert line_rows, "no red line as wide as the text block on page 1"
    line_y = line_rows[0]
    assert all(n <= 1.01 * text_width_px for n in red)  # not wider than the text block either
    number_bottom = max(y for y in range(line_y) if black[y])
    assert (line_y - number_bottom) / PX_PER_MM == pytest.approx(SUB.separator_gap_mm, abs=1.0)
    assert width > 0


def test_record_lines_and_text(rendered: tuple[Path, Path]) -> None:
    document = docx.Document(str(rendered[0]))
    table = document.tables[-1]
    borders = table._tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    mm = {side: int(borders.find(qn("w:" + side)).get(qn("w:sz"))) / 8 * 25.4 / 72 for side in
          ("top", "insideH", "bottom")}
    assert mm["top"] == pytest.approx(0.35, abs=0.01) and mm["bottom"] == pytest.approx(0.35, abs=0.01)
    assert mm["insideH"] == pytest.approx(0.25, abs=0.02)
    texts = [cell.text for row in table.rows for cell in row.cells]
    assert texts == [
        "抄送：县委全面依法治县委员会办公室，县司法局。",
        "青禾镇党政综合办公室\t2026年1月20日印发",
    ]
    run = table.rows[0].cells[0].paragraphs[0].runs[0]
    assert (_rpr(run, "rFonts", "eastAsia"), _rpr(run, "sz", "val")) == ("仿宋_GB2312", "28")  # 4号仿宋


def _assert_record_alone_on_even_last_page(pdf: Path) -> list[str]:
    pages = pdf_pages(pdf)
    assert len(pages) % 2 == 0, f"{len(pages)} pages: the 版记 page is odd"
    last = pages[-1]
    assert "抄送" in last and "印发" in last
    _, _, black = page_ink_rows(pdf, len(pages))
    record = [y for y, n in enumerate(black) if n > 300]  # the 版记's lines run across the text block
    bottom_mm = max(record) / PX_PER_MM
    assert bottom_mm == pytest.approx(STYLE.page_height_mm - STYLE.margin_bottom_mm, abs=1.5)
    return pages


def test_record_page_is_even_numbered_and_its_last_line_on_the_bottom_edge(rendered: tuple[Path, Path]) -> None:
    pages = _assert_record_alone_on_even_last_page(rendered[1])
    assert "—1—" in pages[0].replace(" ", "")  # the body keeps its page numbers
    assert "特此报告" in pages[-2]  # the example's body ends on an odd page: no blank page needed
    # §7.5: no blank page before it, so the 版记 page is numbered like every other page
    assert f"—{len(pages)}—" in pages[-1].replace(" ", "")


def test_a_blank_unnumbered_page_comes_before_the_record_when_the_body_ends_on_an_even_page(
    tmp_path: Path,
) -> None:
    data = json.loads((EXAMPLES / "2025.json").read_text(encoding="utf-8"))
    del data["sections"]["plan"]  # the body now ends on page 6
    answers_path = tmp_path / "short.json"
    answers_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "short.docx"
    out.write_bytes(build(compose(load_answers(answers_path), load_pack()), STYLE, copy="submission")[0])
    full = tmp_path / "full.docx"
    full.write_bytes(build(compose(load_answers(EXAMPLES / "2025.json"), load_pack()), STYLE, copy="submission")[0])
    soffice()
    # one LibreOffice run for both, as render-batch and the web form's downloads convert: only the short report is
    # printed again, and each PDF lands at its own name
    short_pdf, full_pdf = to_pdfs([out, full], [tmp_path / "short.pdf", tmp_path / "full.pdf"])
    full_pages = _assert_record_alone_on_even_last_page(full_pdf)
    assert f"—{len(full_pages)}—" in full_pages[-1].replace(" ", "")
    pages = _assert_record_alone_on_even_last_page(short_pdf)
    assert "特此报告" in pages[-3]
    assert f"—{len(pages) - 2}—" in pages[-3].replace(" ", "")  # the body keeps its numbers to its last page
    assert not pages[-2].strip()  # the blank page: no text, no page number
    # §7.5: a blank page precedes the 版记 page, so neither is numbered
    assert not re.search(r"—\s*\d+\s*—", pages[-1]), pages[-1]


def test_record_footer_numbers_the_record_page_only_right_after_the_body(rendered: tuple[Path, Path]) -> None:
    """In the .docx, for Word and WPS: the body's footers hold a plain PAGE field; the 版记 section has footers of
    its own whose field shows the number only when the 版记 page is the page after the bookmarked end of the body."""
    document = docx.Document(str(rendered[0]))
    body, record = document.sections[0], document.sections[-1]

    def instructions(footer: docx.section._Footer) -> str:
        return "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))

    for footer in (body.footer, body.even_page_footer):
        assert instructions(footer).split() == ["PAGE"]
    for footer in (record.footer, record.even_page_footer):
        assert not footer.is_linked_to_previous
        assert instructions(footer).split() == ["IF", "PAGE", "=", "=", "PAGEREF", BODY_END_BOOKMARK, "+", "1",
                                                '"—', "PAGE", '—"', '""']
    marks = [p for p in document.paragraphs
             if any(b.get(qn("w:name")) == BODY_END_BOOKMARK for b in p._p.iter(qn("w:bookmarkStart")))]
    assert len(marks) == 1 and marks[0]._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None  # ends the body


def test_sealed_date_ends_four_characters_from_the_right_edge_as_printed(rendered: tuple[Path, Path]) -> None:
    words = pdf_words(rendered[1])
    year = next(i for i, w in enumerate(words) if w.text == "2026" and words[i + 1].text == "年"
                and any(v.text.endswith("青禾镇人民政府") and v.page == w.page for v in words[:i]))
    line = [w for w in words if w.page == words[year].page and round(w.y) == round(words[year].y)]
    assert "".join(w.text for w in line) == "2026年1月20日"
    right_edge_pt = (STYLE.page_width_mm - STYLE.margin_right_mm) / MM_PER_PT
    char_pt = (STYLE.page_width_mm - STYLE.margin_left_mm - STYLE.margin_right_mm) / MM_PER_PT / STYLE.chars_per_line
    assert (right_edge_pt - line[-1].right) / char_pt == pytest.approx(SUB.sealed_date_right_chars, abs=0.1)


def test_copy_to_breaks_between_organs_never_inside_a_name(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "2025.json")
    # the last name would wrap before its last character on a line filled to the edge
    answers.org.copy_to = ["县人大常委会办公室", "县政协办公室", "县委全面依法治县委员会办公室", "县司法局"]
    out = tmp_path / "copy.docx"
    out.write_bytes(build(compose(answers, load_pack()), STYLE, copy="submission")[0])
    pages = pdf_pages(to_pdf(out, tmp_path))
    lines = [line.strip() for line in pages[-1].splitlines() if line.strip()][:3]
    assert [line.replace(" ", "") for line in lines[:2]] == [
        "抄送：县人大常委会办公室，县政协办公室，",
        "县委全面依法治县委员会办公室，县司法局。",
    ]
    assert "印发" in lines[2]  # two lines of 抄送, as many as the 版记 was given room for
    _assert_record_alone_on_even_last_page(tmp_path / "copy.pdf")


def test_sealed_signature_leaves_room_and_puts_the_date_four_characters_in(rendered: tuple[Path, Path]) -> None:
    paragraphs = _paragraphs(rendered[0])
    signature = next(p for p in paragraphs if p.style is not None and p.style.style_id == "Signature")
    assert signature.text == "\t中共青禾镇委员会\t青禾镇人民政府"  # one row, each organ under its own seal
    stops = [int(t.get(qn("w:pos"))) for t in signature._p.iter(qn("w:tab")) if t.get(qn("w:val")) == "center"]
    apart_mm = (stops[1] - stops[0]) / 20 * 25.4 / 72
    assert apart_mm >= SUB.seal_diameter_mm  # the seals do not touch
    before = int(signature._p.find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:before")))
    assert before == round(SUB.seal_gap_lines * STYLE.line_pitch_pt * 20)
    date = next(p for p in paragraphs if p.style is not None and p.style.style_id == "Date")
    ppr = date._p.find(qn("w:pPr"))
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "right"  # flush right, whatever its glyphs' widths
    right = int(ppr.find(qn("w:ind")).get(qn("w:right"))) / 20
    char = (STYLE.page_width_mm - STYLE.margin_left_mm - STYLE.margin_right_mm) / 25.4 * 72 / STYLE.chars_per_line
    assert right / char == pytest.approx(SUB.sealed_date_right_chars, abs=0.01)
    # the date's centre (2026年1月20日 is 6.5 characters wide) is the last seal's centre
    assert (stops[-1] / 20) == pytest.approx((STYLE.chars_per_line - SUB.sealed_date_right_chars - 6.5 / 2) * char,
                                             abs=1)


def test_copy_numbers_and_marks_top_left_in_heiti(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "2025.json")
    answers.dispatch.copy_number = "000123"
    answers.dispatch.secrecy = "秘密★1年"
    answers.dispatch.urgency = "加急"
    out = tmp_path / "marked.docx"
    out.write_bytes(build(compose(answers, load_pack()), STYLE, copy="submission")[0])
    first = _paragraphs(out)[:3]
    assert [p.text for p in first] == ["000123", "秘密★1年", "加急"]
    assert {_rpr(p.runs[0], "rFonts", "eastAsia") for p in first} == {"黑体"}
    pdf = to_pdf(out, tmp_path)
    _, red, _ = page_ink_rows(pdf, 1)
    mark_top = next(y for y, n in enumerate(red) if n) / PX_PER_MM
    assert mark_top - STYLE.margin_top_mm == pytest.approx(SUB.mark_top_mm, abs=1.5)  # still at 35 mm


def test_submission_copy_refuses_answers_without_dispatch_data(tmp_path: Path) -> None:
    from drafter.cli import main

    data = json.loads((EXAMPLES / "2024.json").read_text(encoding="utf-8"))
    path = tmp_path / "2024.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["render", str(path), "--copy", "submission", "-o", str(tmp_path / "x.docx")]) == 2
    assert not (tmp_path / "x.docx").exists()


def test_plain_copy_stays_the_default(tmp_path: Path) -> None:
    out = tmp_path / "plain.docx"
    from drafter.cli import main

    assert main(["render", str(EXAMPLES / "2025.json"), "-o", str(out)]) == 0
    texts = [p.text for p in _paragraphs(out)]
    assert not any("签发人" in t for t in texts) and not docx.Document(str(out)).tables


def test_single_organ_mark_is_one_centred_line_with_its_suffix(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "2025.json")
    answers.org.signatories = ["青禾镇人民政府"]
    answers.org.mark_suffix = "文件"
    out = tmp_path / "single.docx"
    data, report = build(compose(answers, load_pack()), STYLE, copy="submission")
    out.write_bytes(data)
    marks = [p for p in _paragraphs(out) if p.runs and _rpr(p.runs[0], "color", "val") == SUB.red]
    assert [p.text for p in marks] == ["青禾镇人民政府文件"]
    assert marks[0]._p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "center"
    signature = next(p for p in _paragraphs(out) if p.style is not None and p.style.style_id == "Signature")
    assert signature.text == "\t青禾镇人民政府"  # centred over the date by a centre tab at the date's middle
    assert not report.warnings


def test_three_issuers_two_a_line_the_number_on_the_last_line(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "2025.json")
    answers.org.issuers = ["林晓峰", "周建国", "王小明"]
    out = tmp_path / "three.docx"
    out.write_bytes(build(compose(answers, load_pack()), STYLE, copy="submission")[0])
    paragraphs = _paragraphs(out)
    first = next(i for i, p in enumerate(paragraphs) if "签发人" in p.text)
    lines = [p.text for p in paragraphs[first : first + 2]]
    # the second line's name starts at the tab stop of the first line's first name (回行时与上一行第一个姓名对齐)
    assert lines == ["\t\t签发人：林晓峰\u3000周建国", "\t青禾发〔2026〕3号\t\t王小明"]
    stops = [[int(t.get(qn("w:pos"))) for t in p._p.iter(qn("w:tab")) if t.get(qn("w:pos"))]
             for p in paragraphs[first : first + 2]]
    assert stops[0] == stops[1] and len(stops[0]) == 3
    right_edge = stops[0][2] / 20 + 7 * 15.75  # names column + the widest line "林晓峰　周建国" (7 characters)
    text_width_pt = 156 / 25.4 * 72
    assert text_width_pt - right_edge == pytest.approx(text_width_pt / STYLE.chars_per_line, abs=2)  # 右空一字
    borders = [p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") for p in paragraphs[first : first + 2]]
    assert borders[0] is None and borders[1] is not None  # the red line under the last line only
