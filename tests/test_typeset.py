"""The rendered .docx, read back: every GB/T 9704-2012 layout rule the typesetter promises."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from drafter.compose import compose
from drafter.pack import load_pack
from drafter.pipeline import render_answers
from drafter.typeset.docx import signature_columns, text_width
from drafter.typeset.ooxml import ZERO_WIDTH_SPACE
from tests.docx_inspect import Inspector, Para
from tests.factories import make_answers


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "report.docx"
    render_answers(make_answers(), load_pack(), out)
    return out


@pytest.fixture(scope="module")
def inspector(rendered: Path) -> Inspector:
    return Inspector(rendered)


def by_style(inspector: Inspector, style: str) -> list[Para]:
    return [p for p in inspector.paragraphs() if p.style == style and p.text]


def test_page_is_a4_with_gbt_margins(rendered: Path) -> None:
    section = docx.Document(str(rendered)).sections[0]
    measured = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    # stored in twips, so equal to the millimetre within rounding
    assert [round(m.mm, 1) for m in measured] == [210, 297, 37, 35, 28, 26]


def test_document_grid_gives_22_lines(rendered: Path) -> None:
    sect = docx.Document(str(rendered)).sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert pitch_pt == pytest.approx(28.95, abs=0.05)
    text_height_pt = (297 - 37 - 35) / 25.4 * 72
    assert int(text_height_pt // pitch_pt) == 22


EXPECTED_FONTS = {
    "Title": ("方正小标宋简体", "44"),
    "Recipient": ("仿宋_GB2312", "32"),
    "Normal": ("仿宋_GB2312", "32"),
    "Heading1": ("黑体", "32"),
    "Heading2": ("楷体_GB2312", "32"),
    "Heading3": ("仿宋_GB2312", "32"),
    "Heading4": ("仿宋_GB2312", "32"),
    "Closing": ("仿宋_GB2312", "32"),
    "Signature": ("仿宋_GB2312", "32"),
    "Date": ("仿宋_GB2312", "32"),
}


@pytest.mark.parametrize(("style", "font_and_size"), sorted(EXPECTED_FONTS.items()))
def test_east_asian_font_and_size_per_paragraph_kind(
    inspector: Inspector, style: str, font_and_size: tuple[str, str]
) -> None:
    paras = by_style(inspector, style)
    assert paras, f"no paragraph of style {style}"
    for para in paras:
        for run in inspector.runs(para):
            if run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}") is not None:
                continue  # run-in headings: checked separately
            assert inspector.run_prop(para, run, "rFonts", "eastAsia") == font_and_size[0]
            assert inspector.run_prop(para, run, "sz", "val") == font_and_size[1]
            assert inspector.run_prop(para, run, "lang", "eastAsia") == "zh-CN"


def test_no_theme_font_attributes_anywhere(rendered: Path) -> None:
    styles = docx.Document(str(rendered)).styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        assert not any("Theme" in key or "theme" in key for key in rfonts.attrib), rfonts.attrib


def test_body_indent_and_exact_line_pitch(inspector: Inspector) -> None:
    for para in by_style(inspector, "Normal"):
        assert inspector.para_prop(para, "ind", "firstLineChars") == "200"
        assert inspector.para_prop(para, "spacing", "lineRule") == "exact"
        assert inspector.para_prop(para, "spacing", "line") == "579"
    for para in by_style(inspector, "Heading1") + by_style(inspector, "Heading2"):
        assert inspector.para_prop(para, "ind", "firstLineChars") == "200"


def test_title_centred_and_recipient_flush_left_with_colon(inspector: Inspector) -> None:
    (title,) = by_style(inspector, "Title")
    assert inspector.para_prop(title, "jc", "val") == "center"
    (recipient,) = by_style(inspector, "Recipient")
    assert inspector.para_prop(recipient, "ind", "firstLineChars") == "0"
    assert recipient.text.endswith("：")
    # one blank line between title and 主送: the title's space after is one line pitch
    assert inspector.para_prop(title, "spacing", "after") == "579"


def test_heading_numbering_text_by_level(inspector: Inspector) -> None:
    texts = {
        style: [p.text for p in by_style(inspector, style)]
        for style in ("Heading1", "Heading2", "Heading3", "Heading4")
    }
    assert texts["Heading1"][0].startswith("一、") and texts["Heading1"][-1].startswith("五、")
    assert texts["Heading2"][0] == "（一）健全工作机制"
    assert texts["Heading3"] == ["1.干部学法"]
    assert texts["Heading4"] == ["（1）网上学法"]


def test_run_in_heading_is_kaiti_then_fangsong(inspector: Inspector) -> None:
    para = next(p for p in inspector.paragraphs() if p.text.startswith("（二）抓好学法用法。"))
    head, body = inspector.runs(para)
    assert inspector.run_prop(para, head, "rFonts", "eastAsia") == "楷体_GB2312"
    assert inspector.run_prop(para, body, "rFonts", "eastAsia") == "仿宋_GB2312"
    assert para.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val")) == "1"


def test_odd_and_even_footers_hold_page_numbers(rendered: Path) -> None:
    document = docx.Document(str(rendered))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        (para,) = footer.paragraphs
        xml = para._p
        assert xml.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == side
        ind = xml.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        assert ind.get(qn(f"w:{side}Chars")) == "100"  # one character in from the edge
        instr = "".join(t.text for t in xml.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert para.text.startswith("— ") and para.text.endswith(" —")
        style = document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='Footer']")
        rpr = style.find(qn("w:rPr"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == "28"


def test_page_number_sits_7mm_below_the_text_block(rendered: Path) -> None:
    section = docx.Document(str(rendered)).sections[0]
    number_height = Mm(14 * 25.4 / 72)
    assert abs(section.bottom_margin - section.footer_distance - number_height - Mm(7)) < Mm(0.1)


def test_signature_and_date_alignment(inspector: Inspector) -> None:
    sigs = by_style(inspector, "Signature")
    (date,) = by_style(inspector, "Date")
    assert [p.text for p in sigs] == ["中共南溪乡委员会", "南溪乡人民政府"]
    assert date.text == "2026年2月3日"
    starts = [int(inspector.para_prop(p, "ind", "leftChars") or 0) / 100 for p in [*sigs, date]]
    for para in [*sigs, date]:
        assert inspector.para_prop(para, "jc", "val") == "left"
        assert inspector.para_prop(para, "ind", "firstLineChars") == "0"
        assert inspector.para_prop(para, "autoSpaceDE", "val") == "0"
    assert starts[0] + text_width(sigs[0].text) == 28 - 2  # 右空二字 for the longest organ
    assert starts[0] == starts[1]  # the organs start in one column
    assert starts[2] == starts[0] + 2  # the date starts two characters right of the signature
    assert inspector.para_prop(sigs[0], "spacing", "before") == "579"  # one blank line below the body


def test_longer_date_keeps_two_characters_right() -> None:
    style = load_pack().style
    signature, date = signature_columns(["某镇政府"], "2026年12月31日", style)
    assert date + text_width("2026年12月31日") == 28 - 2
    assert signature == date - 2


def test_document_properties(rendered: Path) -> None:
    props = docx.Document(str(rendered)).core_properties
    assert props.title == "中共南溪乡委员会 南溪乡人民政府关于2025年度法治政府建设情况的报告"
    assert props.author == "中共南溪乡委员会"
    assert props.language == "zh-CN"


def test_text_in_order_matches_the_composed_document(rendered: Path) -> None:
    # the only difference allowed: a zero-width space after a mark before Latin text (ooxml.break_after_marks)
    body = [p.text.replace(ZERO_WIDTH_SPACE, "") for p in Inspector(rendered).paragraphs() if p.text]
    composed = compose(make_answers(), load_pack()).text().splitlines()
    assert body == composed


def test_fonts_come_from_the_pack(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    style = (load_pack().folders[-1] / "style.toml").read_text(encoding="utf-8")
    (folder / "style.toml").write_text(style.replace('"方正小标宋简体"', '"华文中宋"'), encoding="utf-8")
    out = tmp_path / "r.docx"
    render_answers(make_answers(), load_pack(override=folder), out)
    insp = Inspector(out)
    (title,) = by_style(insp, "Title")
    assert insp.run_prop(title, insp.runs(title)[0], "rFonts", "eastAsia") == "华文中宋"


def test_reference_document_supplies_styles_and_letterhead(tmp_path: Path) -> None:
    ref = docx.Document()
    ref.sections[0].header.paragraphs[0].text = "云溪县青禾镇人民政府文件"
    ref.add_paragraph("this body text is dropped")
    ref_path = tmp_path / "ref.docx"
    ref.save(str(ref_path))
    out = tmp_path / "r.docx"
    render_answers(make_answers(), load_pack(), out, reference=ref_path)
    result = docx.Document(str(out))
    assert result.sections[0].header.paragraphs[0].text == "云溪县青禾镇人民政府文件"
    assert "this body text is dropped" not in "\n".join(p.text for p in result.paragraphs)
    assert result.paragraphs[0].text.endswith("情况的报告")


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    answers = make_answers(opening="开头\x0b文字\x01。")
    report = render_answers(answers, load_pack(), tmp_path / "c.docx")
    assert report.removed_control_chars == 2 and report.warnings
    assert "开头文字。" in [p.text for p in docx.Document(str(tmp_path / "c.docx")).paragraphs]
