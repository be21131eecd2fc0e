"""Raw WordprocessingML helpers: the small named pieces python-docx does not cover.

python-docx covers page size, margins, footers and core properties; what it does not (East Asian fonts without
theme attributes, ``w:lang``, the document grid, character-based indents, page-number fields, odd and even
footers, borders, the submission copy's lines and the cells, merges and rows of statistical tables) is built here
and read back by the tests. The typesetters (:mod:`drafter.typeset.docx`, :mod:`drafter.typeset.submission`,
:mod:`drafter.typeset.table`) also look up a few elements with ``qn`` to place these pieces; they build none of
their own. The styles part and the font table are in :mod:`drafter.typeset.styles`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from docx.oxml.ns import nsdecls, qn
from lxml import etree

from drafter.pack import StyleSpec


def escape(text: str, attribute: bool = False) -> str:
    """``text`` escaped for XML content (``&``, ``<``, ``>``), and ``"`` too inside an attribute value.

    Written out rather than imported from ``xml.sax.saxutils``, which pulls in ``urllib.request``, ``http`` and
    ``ssl``: a third of the cold ``drafter render`` start-up for four replacements.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_PT = 20
MM_PER_PT = 25.4 / 72

# Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return), as pasted from web pages.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


NO_AUTOSPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
"""No automatic space between CJK and digits, so the date is as wide as signature_indents() computed."""

FLUSH_INDENT = '<w:ind w:left="0" w:right="0" w:firstLine="0" w:leftChars="0" w:rightChars="0" w:firstLineChars="0"/>'
"""A paragraph indent of nothing, in twips and characters."""


def strip_illegal(text: str) -> tuple[str, int]:
    """``text`` without XML-illegal control characters, and how many were removed."""
    cleaned, count = _ILLEGAL.subn("", text)
    return cleaned, count


LINE_SLACK_PT = 2.0
"""Room left on a line of ``chars_per_line`` tracked characters. With less (a quarter point a glyph leaves 1.2 pt)
LibreOffice drops a mark that ends a justified line: "管理理念、管理职能" printed as "管理理念管理职能"."""


@dataclass(frozen=True)
class Geometry:
    """Derived layout numbers of a style spec."""

    text_width_pt: float
    char_pitch_pt: float
    line_twips: int
    tracking_twips: int
    """Negative letter-spacing that makes a body glyph fit one grid cell (LibreOffice gives wider glyphs two), with
    :data:`LINE_SLACK_PT` to spare on a full line."""

    @classmethod
    def of(cls, style: StyleSpec) -> Geometry:
        """Compute the grid from the page, margins, line pitch and characters per line (the pack makes sure that
        the line pitch gives its ``lines_per_page``)."""
        width_mm = style.page_width_mm - style.margin_left_mm - style.margin_right_mm
        text_width_pt = width_mm / MM_PER_PT
        char_pitch = text_width_pt / style.chars_per_line
        return cls(
            text_width_pt=text_width_pt,
            char_pitch_pt=char_pitch,
            line_twips=round(style.line_pitch_pt * TWIPS_PER_PT),
            tracking_twips=min(0, math.floor(((text_width_pt - LINE_SLACK_PT) / style.chars_per_line
                                               - style.body_size_pt) * TWIPS_PER_PT)),
        )


def text_width(text: str) -> float:
    """Width of ``text`` in characters of its size: CJK and full-width count 1, ASCII (digits, Latin) ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def chars_to_twips(chars: float, geometry: Geometry) -> int:
    """A width of ``chars`` grid characters in twips."""
    return round(chars * geometry.char_pitch_pt * TWIPS_PER_PT)


def rfonts(east_asian: str, latin: str) -> str:
    """``w:rFonts`` naming the East Asian font explicitly and no theme fonts (Word would prefer those)."""
    e, lat = escape(east_asian, attribute=True), escape(latin, attribute=True)
    return f'<w:rFonts w:ascii="{lat}" w:hAnsi="{lat}" w:eastAsia="{e}" w:cs="{lat}"/>'


def run_props(
    east_asian: str,
    latin: str,
    size_pt: float,
    bold: bool = False,
    tracking_twips: int | None = None,
    color: str = "000000",
) -> str:
    """``w:rPr`` body: fonts, size in half-points, Chinese language tag, optional bold, tracking and colour.

    ``tracking_twips=None`` leaves the tracking to the style; a number (0 too) sets it.
    """
    half = round(size_pt * 2)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    tracking = f'<w:spacing w:val="{tracking_twips}"/>' if tracking_twips is not None else ""
    return (
        f'{rfonts(east_asian, latin)}{weight}<w:color w:val="{color}"/>{tracking}'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    )


def indent(geometry: Geometry, first_chars: float = 0, left_chars: float = 0, right_chars: float = 0) -> str:
    """``w:ind`` in characters (``*Chars``, hundredths) with the twips equivalent for readers that ignore them."""
    parts = [
        f'w:left="{chars_to_twips(left_chars, geometry)}" w:leftChars="{round(left_chars * 100)}"',
        f'w:right="{chars_to_twips(right_chars, geometry)}" w:rightChars="{round(right_chars * 100)}"',
    ]
    if first_chars:
        parts.append(
            f'w:firstLine="{chars_to_twips(first_chars, geometry)}" w:firstLineChars="{round(first_chars * 100)}"'
        )
    else:
        parts.append('w:firstLine="0" w:firstLineChars="0"')
    return f"<w:ind {' '.join(parts)}/>"


def exact_spacing(line_twips: int, before: int = 0, after: int = 0) -> str:
    """``w:spacing`` with an exact line height (the 22-lines-per-page pitch)."""
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line_twips}" w:lineRule="exact"/>'


def paragraph(style_id: str, runs: str, ppr: str = "") -> str:
    """A ``w:p`` with paragraph style ``style_id``, extra paragraph properties and the given runs."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{runs}</w:p>'


ZERO_WIDTH_SPACE = "\u200b"
_MARK_BEFORE_LATIN = re.compile("([\u3001\u3002\u300b\u300d\u300f\u3011\u2019\u201d\u2026"
                                "\uff01\uff09\uff0c\uff1a\uff1b\uff1f\uff3d\uff5d])(?=[0-9A-Za-z])")


def break_after_marks(text: str) -> str:
    """``text`` with a zero-width space between a closing mark and the Latin letter or digit that follows it.

    LibreOffice (7.4 at least) loses a mark that ends a justified line when the word after it is Latin
    ("…开展。2023年…" printed as "…开展" / "2023年…"); the zero-width space gives the line a break after the mark,
    and the mark is printed. Word and WPS show nothing for it, and the importer drops it
    (:mod:`drafter.importer.read`).
    """
    return _MARK_BEFORE_LATIN.sub("\\1" + ZERO_WIDTH_SPACE, text)


_PSTYLE_END = re.compile(r"(<w:pStyle [^>]*/>)")


def keep_with_next(paragraph_xml: str) -> str:
    """``paragraph_xml`` (from :func:`paragraph`) kept on the page of the next paragraph, with at least two of its
    lines: the last body lines go with 特此报告 and the signature, so no page holds a signature alone."""
    return _PSTYLE_END.sub(r"\1<w:keepNext/><w:widowControl/>", paragraph_xml, count=1)


def run(text: str, char_style: str | None = None) -> str:
    """A ``w:r`` holding ``text`` (escaped, with :func:`break_after_marks`), optionally with a character style."""
    rpr = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(break_after_marks(text))}</w:t></w:r>'


LINE_BREAK = "<w:r><w:br/></w:r>"
"""A line break inside a paragraph (the title's lines are set by the typesetter, so every word processor shows
the same lines)."""


def _field(*instruction: str, result: str = "") -> str:
    """A complex field: ``instruction`` pieces are instruction text, or runs (nested fields) when they start with
    ``<``; ``result`` is the runs shown until the word processor updates the field."""
    pieces = "".join(piece if piece.startswith("<") else
                     f'<w:r><w:instrText xml:space="preserve">{escape(piece)}</w:instrText></w:r>'
                     for piece in instruction)
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{pieces}'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def page_number_runs() -> str:
    """``— N —``: em dashes around a PAGE field."""
    return f"{run('— ')}{_field(' PAGE ', result='<w:r><w:t>1</w:t></w:r>')}{run(' —')}"


BODY_END_BOOKMARK = "_drafterBodyEnd"
"""The bookmark on the body's last paragraph of a submission copy (hidden in Word: its name starts with _)."""


def body_end_bookmark() -> str:
    """Runs marking the end of the body, for the 版记's page-number field (:func:`record_page_number_runs`)."""
    return (f'<w:bookmarkStart w:id="9704" w:name="{BODY_END_BOOKMARK}"/>'
            '<w:bookmarkEnd w:id="9704"/>')


def record_page_number_runs() -> str:
    """The 版记 page's number by GB/T 9704 §7.5, as a field Word and WPS evaluate: ``— N —`` when the 版记 page
    comes right after the body's last page, nothing when a blank page was inserted between them (both then go
    unnumbered). LibreOffice does not evaluate such a field; :mod:`drafter.typeset.pdf` decides from its layout."""
    page = _field(" PAGE ")
    next_page = _field(" = ", _field(f" PAGEREF {BODY_END_BOOKMARK} "), " + 1 ")
    return _field(" IF ", page, " = ", next_page, ' "— ', page, ' —" "" ')


def footer_paragraph(geometry: Geometry, odd: bool, size_pt: float, runs: str) -> str:
    """The page-number paragraph holding ``runs`` (:func:`page_number_runs`): odd pages right with one character
    in, even pages left with one in."""
    one_char_twips = round(size_pt * TWIPS_PER_PT)
    side = "right" if odd else "left"
    ind = f'<w:ind w:{side}="{one_char_twips}" w:{side}Chars="100"/>'
    ppr = f'{ind}<w:jc w:val="{"right" if odd else "left"}"/>'
    return paragraph("Footer", runs, ppr)


def body_fragment(paragraphs: list[str]) -> list[etree._Element]:
    """Parse many paragraph strings at once (much faster than building elements one by one)."""
    wrapper = etree.fromstring(f"<w:body {nsdecls('w')}>{''.join(paragraphs)}</w:body>")
    return list(wrapper)


def doc_grid(geometry: Geometry) -> str:
    """``w:docGrid`` of type ``lines``: every line on the pitch that gives the style's ``lines_per_page``.

    Not ``linesAndChars``: LibreOffice gives each 16 pt CJK glyph two cells of a 15.8 pt character grid and
    halves the characters per line. Instead a small negative tracking (:attr:`Geometry.tracking_twips`) makes 28
    characters fit the 156 mm line in both Word and LibreOffice.
    """
    return f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{geometry.line_twips}"/>'


def set_doc_grid(sect_pr: etree._Element, geometry: Geometry) -> None:
    """Replace the section's document grid."""
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(etree.fromstring(doc_grid(geometry)))


def remove_doc_grid(sect_pr: etree._Element) -> None:
    """Take the section off the document grid (LibreOffice would move exact-height lines onto it)."""
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)


def set_settings_language(settings: etree._Element) -> None:
    """Tell Word the document's East Asian language is Chinese (affects line breaking and punctuation)."""
    for old in settings.findall(qn("w:themeFontLang")):
        settings.remove(old)
    settings.append(etree.fromstring(f'<w:themeFontLang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>'))


# ---- statistical tables ---------------------------------------------------------------------------------------

Merge = Literal["", "restart", "continue"]
"""A cell's part in a vertical merge: none, its first row, or a row it covers."""


def cell_ppr(jc: str, rpr: str, keep_next: bool = False) -> str:
    """Properties of a paragraph in a table cell: off the document grid, single line spacing, no indent; with
    ``keep_next`` its row stays on the page of the next row."""
    return (
        f'{"<w:keepNext/>" if keep_next else ""}{NO_AUTOSPACE}<w:snapToGrid w:val="0"/>'
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'{FLUSH_INDENT}<w:jc w:val="{jc}"/><w:rPr>{rpr}</w:rPr>'
    )


def table_cell(width_twips: int, paragraphs: str, span: int = 1, merge: Merge = "") -> str:
    """A ``w:tc`` ``span`` grid columns wide, vertically centred, optionally part of a vertical merge."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vmerge = {"": "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[merge]
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>{grid}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
        f"{paragraphs}</w:tc>"
    )


def table_row(cells: str, min_height_twips: int, header: bool) -> str:
    """A ``w:tr`` that never splits across pages; a header row repeats at the top of each page."""
    repeat = "<w:tblHeader/>" if header else ""
    return (
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{min_height_twips}" w:hRule="atLeast"/>{repeat}</w:trPr>'
        f"{cells}</w:tr>"
    )


def grid_table(columns_twips: list[int], rows: list[str], margin_twips: int, line_eighths: int = 4) -> str:
    """A centred ``w:tbl`` of fixed column widths with full single-line borders and ``margin_twips`` left and
    right inside each cell."""
    line = '<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'
    borders = "".join(
        line.format(side=side, size=line_eighths) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in columns_twips)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(columns_twips)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin_twips}" w:type="dxa"/><w:right w:w="{margin_twips}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


# ---- the submission copy: 版头, sealed signature, 版记 -------------------------------------------------------------

EIGHTHS_PER_PT = 8
"""Border widths (``w:sz``) are in eighths of a point."""



def mm_to_twips(mm: float) -> int:
    """A length in millimetres as twips."""
    return round(mm / MM_PER_PT * TWIPS_PER_PT)


def border_eighths(mm: float) -> int:
    """A line thickness in millimetres as ``w:sz`` (eighths of a point)."""
    return max(2, round(mm / MM_PER_PT * EIGHTHS_PER_PT))


def formatted_run(text: str, rpr: str) -> str:
    """A ``w:r`` with direct run properties ``rpr`` (the body of a ``w:rPr``): a line set as it is (a 发文字号, a
    table cell), so no break is added after its marks."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tab_run() -> str:
    """A run holding one tab character."""
    return "<w:r><w:tab/></w:r>"


def tab_stops(stops: list[tuple[str, int]]) -> str:
    """``w:tabs`` with (alignment, position in twips from the left margin) stops."""
    inner = "".join(f'<w:tab w:val="{kind}" w:pos="{pos}"/>' for kind, pos in stops)
    return f"<w:tabs>{inner}</w:tabs>" if inner else ""


def bottom_border(color: str, size_eighths: int, space_pt: int) -> str:
    """``w:pBdr`` with a single line ``space_pt`` points below the paragraph's text."""
    space = max(0, min(31, space_pt))
    return f'<w:pBdr><w:bottom w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/></w:pBdr>'


def twips_indent(left: int = 0, right: int = 0, hanging: int = 0) -> str:
    """``w:ind`` in twips (no character units), optionally with a hanging first line."""
    first = f'w:hanging="{hanging}"' if hanging else 'w:firstLine="0"'
    return f'<w:ind w:left="{left}" w:right="{right}" {first} w:leftChars="0" w:rightChars="0" w:firstLineChars="0"/>'


def fixed_ppr(
    height_twips: int,
    before_twips: int = 0,
    jc: str = "left",
    ind: str = FLUSH_INDENT,
    tabs: str = "",
    border: str = "",
    keep_next: bool = False,
) -> str:
    """Paragraph properties of a line of exact height off the document grid, in the order the schema wants."""
    keep = "<w:keepNext/>" if keep_next else ""
    return (
        f'{keep}{border}{tabs}{NO_AUTOSPACE}<w:snapToGrid w:val="0"/>'
        f'{exact_spacing(height_twips, before=before_twips)}{ind}<w:jc w:val="{jc}"/>'
    )


def record_table(rows: list[tuple[int, str]], width_twips: int, thick: int, thin: int) -> str:
    """The 版记 as a one-column table: rows of (exact height in twips, cell paragraphs), thick first and last
    lines, thin lines between rows, no vertical lines, no cell margins."""

    def line(side: str, size: int) -> str:
        return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'

    borders = (
        f'{line("top", thick)}<w:left w:val="nil"/>{line("bottom", thick)}<w:right w:val="nil"/>'
        f'{line("insideH", thin)}<w:insideV w:val="nil"/>'
    )
    body = "".join(
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f"{paragraphs}</w:tc></w:tr>"
        for height, paragraphs in rows
    )
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width_twips}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width_twips}"/></w:tblGrid>{body}</w:tbl>'
    )


def end_section_here(paragraph_element: etree._Element, sect_pr: etree._Element) -> None:
    """Make ``paragraph_element`` the last paragraph of a section laid out like ``sect_pr`` (a copy is kept)."""
    import copy

    ppr = paragraph_element.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        paragraph_element.insert(0, ppr)
    ppr.append(copy.deepcopy(sect_pr))
