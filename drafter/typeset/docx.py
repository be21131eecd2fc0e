"""Typeset a :class:`~drafter.compose.Document` as a GB/T 9704-2012 .docx with python-docx.

The page set-up, styles, footers and settings are prepared once per (style, reference document) and kept as
bytes; each render opens those bytes, appends the body paragraphs in one parse, sets the document properties
and saves. That keeps an in-process render of a whole report in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm

from drafter.compose import Block, Document, Kind
from drafter.errors import InputError, OutputError
from drafter.i18n import _
from drafter.pack import StyleSpec
from drafter.store import atomic_write
from drafter.typeset import ooxml
from drafter.typeset.ooxml import Geometry

_RUN_IN_STYLE = {2: "RunIn2", 3: "RunIn3", 4: "RunIn4"}
_HEADING_STYLE = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
_BLOCK_STYLE = {
    Kind.TITLE: "Title",
    Kind.RECIPIENT: "Recipient",
    Kind.PARAGRAPH: "Normal",
    Kind.CLOSING: "Closing",
    Kind.SIGNATURE: "Signature",
    Kind.DATE: "Date",
}

_cache: dict[tuple[str, str], bytes] = {}
_cache_lock = threading.Lock()


@dataclass
class RenderReport:
    """What a render did besides writing the file."""

    removed_control_chars: int = 0
    """XML-illegal control characters removed from the text."""
    warnings: list[str] = field(default_factory=list)


def text_width(text: str) -> float:
    """Width of ``text`` in grid characters: CJK and full-width count 1, ASCII (digits, Latin) ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_indents(organs: list[str], date: str, style: StyleSpec) -> tuple[list[float], float]:
    """Right indents (in characters) of each signature line and of the date, per GB/T 9704 §7.3.5.2.

    The signature keeps two characters free at the right; the date starts two characters right of the
    signature's first character. When the date is the longer, the date keeps two characters free and the
    signature moves left so that the two-character offset holds.
    """
    right = style.signature_right_chars
    offset = style.date_offset_chars
    longest = max((text_width(o) for o in organs), default=0.0)
    date_w = text_width(date)
    date_right = max(right, longest - offset - date_w + right) if date else right
    sig_right = date_right + date_w + offset - longest if date else right
    sig_right = max(sig_right, right)
    return [sig_right + longest - text_width(o) for o in organs], date_right


def _prepare(style: StyleSpec, reference: Path | None) -> bytes:
    """Build the empty, fully set-up document for ``style`` (and the office's reference document)."""
    if reference is not None:
        from drafter.docxio import open_docx

        base: DocxDocument = open_docx(reference)
        body = base.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    else:
        base = docx.Document()
    g = Geometry.of(style)
    ooxml.replace_styles(base.styles.element, ooxml.styles_xml(style), keep_existing=reference is not None)
    section = base.sections[0]
    section.page_width = Mm(style.page_width_mm)
    section.page_height = Mm(style.page_height_mm)
    section.top_margin = Mm(style.margin_top_mm)
    section.bottom_margin = Mm(style.margin_bottom_mm)
    section.left_margin = Mm(style.margin_left_mm)
    section.right_margin = Mm(style.margin_right_mm)
    number_height_mm = style.page_number_size_pt * ooxml.MM_PER_PT
    section.footer_distance = Mm(max(style.margin_bottom_mm - style.page_number_gap_mm - number_height_mm, 5))
    section.header_distance = Mm(15)
    base.settings.odd_and_even_pages_header_footer = True
    ooxml.set_settings_language(base.settings.element)
    ooxml.set_doc_grid(section._sectPr, g)
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        for p in ooxml.body_fragment([ooxml.footer_paragraph(g, odd, style.page_number_size_pt)]):
            element.append(p)
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _base_bytes(style: StyleSpec, reference: Path | None) -> bytes:
    key = (style.model_dump_json(), _reference_key(reference))
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            cached = _cache[key] = _prepare(style, reference)
    return cached


def _reference_key(reference: Path | None) -> str:
    if reference is None:
        return ""
    try:
        stat = reference.stat()
    except OSError:
        raise InputError(_("file not found"), reference) from None
    return f"{reference.resolve()}:{stat.st_mtime_ns}:{stat.st_size}"


def _block_xml(block: Block, g: Geometry, report: RenderReport) -> str:
    text, removed = ooxml.strip_illegal(block.text)
    report.removed_control_chars += removed
    if block.kind is Kind.HEADING:
        if block.body and block.level >= 2:
            body, removed = ooxml.strip_illegal(block.body)
            report.removed_control_chars += removed
            stop = "" if text and text[-1] in "。！？；：" else "。"
            runs = ooxml.run(f"{block.number}{text}{stop}", _RUN_IN_STYLE[block.level]) + ooxml.run(body)
            return ooxml.paragraph("Normal", runs, f'<w:outlineLvl w:val="{block.level - 1}"/>')
        return ooxml.paragraph(_HEADING_STYLE[block.level], ooxml.run(f"{block.number}{text}"))
    if block.kind is Kind.TABLE:
        return _table_xml(block)
    return ooxml.paragraph(_BLOCK_STYLE[block.kind], ooxml.run(text))


def _table_xml(block: Block) -> str:
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    rows = []
    for row in block.rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="Recipient"/><w:jc w:val="center"/></w:pPr>{ooxml.run(cell)}</w:p></w:tc>'
            for cell in row
        )
        rows.append(f"<w:tr>{cells}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{borders}</w:tblBorders>'
        f"</w:tblPr>{''.join(rows)}</w:tbl>"
    )


def build(document: Document, style: StyleSpec, reference: Path | None = None) -> tuple[bytes, RenderReport]:
    """The .docx bytes of ``document`` laid out with ``style``."""
    report = RenderReport()
    g = Geometry.of(style)
    target = docx.Document(io.BytesIO(_base_bytes(style, reference)))
    organs = [b.text for b in document.blocks if b.kind is Kind.SIGNATURE]
    dates = [b.text for b in document.blocks if b.kind is Kind.DATE]
    sig_indents, date_indent = signature_indents(organs, dates[0] if dates else "", style)
    line = g.line_twips
    parts: list[str] = []
    signature_index = 0
    for block in document.blocks:
        if block.kind is Kind.SIGNATURE:
            before = line if signature_index == 0 else 0
            ppr = f'{ooxml.exact_spacing(line, before=before)}{ooxml.indent(g, right_chars=sig_indents[signature_index])}'
            signature_index += 1
            text, removed = ooxml.strip_illegal(block.text)
            report.removed_control_chars += removed
            parts.append(ooxml.paragraph("Signature", ooxml.run(text), ppr))
        elif block.kind is Kind.DATE:
            before = 0 if organs else line
            ppr = f'{ooxml.exact_spacing(line, before=before)}{ooxml.indent(g, right_chars=date_indent)}'
            parts.append(ooxml.paragraph("Date", ooxml.run(block.text), ppr))
        else:
            parts.append(_block_xml(block, g, report))
    body = target.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for element in ooxml.body_fragment(parts):
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)
    props = target.core_properties
    props.title = document.title
    props.author = document.author
    props.last_modified_by = document.author
    props.language = "zh-CN"
    props.comments = ""
    props.revision = 1
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    if report.removed_control_chars:
        report.warnings.append(
            _("{count} control characters were removed from the text").format(count=report.removed_control_chars)
        )
    out = io.BytesIO()
    target.save(out)
    return out.getvalue(), report


def render_docx(document: Document, style: StyleSpec, path: Path, reference: Path | None = None) -> RenderReport:
    """Write ``document`` to ``path`` atomically (never a half-written file)."""
    if path.exists() and path.is_dir():
        raise OutputError(_("is a folder, not a file"), path)
    data, report = build(document, style, reference)
    atomic_write(path, data)
    return report
