"""Typeset a :class:`~drafter.compose.Document` as a GB/T 9704-2012 .docx with python-docx.

The page set-up, styles, footers and settings are prepared once per (style, reference document) and kept as
bytes; each render opens those bytes, appends the body paragraphs in one parse, sets the document properties
and saves. That keeps an in-process render of a whole report in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm

from drafter import diskcache
from drafter.cache import Cache, Stamp, stamps
from drafter.compose import Block, Document, Kind
from drafter.errors import InputError, OutputError
from drafter.i18n import _
from drafter.linebreak import title_lines
from drafter.pack import StyleSpec
from drafter.safewrite import atomic_write
from drafter.typeset import ooxml, styles, submission, table
from drafter.typeset.ooxml import Geometry, text_width

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

_BASES: Cache[bytes] = Cache()
"""The prepared base document (styles, page set-up, fonts) per style and reference file."""


@dataclass
class RenderReport:
    """What a render did besides writing the file."""

    removed_control_chars: int = 0
    """XML-illegal control characters removed from the text."""
    warnings: list[str] = field(default_factory=list)


def signature_columns(organs: list[str], date: str, style: StyleSpec) -> tuple[float, float]:
    """Start columns (in characters from the left margin) of the signature lines and of the date, per §7.3.5.2.

    The signature keeps two characters free at the right (右空二字); the date's first character stands two
    characters right of the signature's first. When the date is the longer, the date keeps two characters free and
    the signature moves left so that the offset holds. Organs of a joint report start in one column.
    Positions are start columns, not right alignment, so the offset holds whatever width a renderer gives digits.
    """
    line = style.chars_per_line
    right = style.signature_right_chars
    offset = style.date_offset_chars
    longest = max((text_width(o) for o in organs), default=0.0)
    signature = line - right - longest
    date_column = signature + offset
    date_w = text_width(date)
    if date and date_column + date_w > line - right:
        date_column = line - right - date_w
        signature = date_column - offset
    return max(signature, 0.0), max(date_column, 0.0)


def _prepare(style: StyleSpec, reference: Path | None) -> bytes:
    """Build the empty, fully set-up document for ``style`` (and the office's reference document)."""
    if reference is not None:
        from drafter.docxio import open_docx

        base: DocxDocument = open_docx(reference)
        body = base.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        body.get_or_add_sectPr()  # a .docx written by another tool may have no page set-up at all
    else:
        base = docx.Document()
    _slim(base)
    g = Geometry.of(style)
    styles.replace_styles(base.styles.element, styles.styles_xml(style), keep_existing=reference is not None)
    _replace_font_table(base, style)
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
    _set_footers(section, style, ooxml.page_number_runs())
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


_UNUSED_PARTS = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")


def _slim(base: DocxDocument) -> None:
    """Drop parts of python-docx's default template that drafter never uses (they make every save slower)."""
    for rels in (base.part.rels, base.part.package.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNUSED_PARTS:
                del rels[r_id]


def _replace_font_table(base: DocxDocument, style: StyleSpec) -> None:
    """A font table naming drafter's fonts with their fallbacks, so Word substitutes sensibly when one is missing."""
    for r_id, rel in list(base.part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            del base.part.rels[r_id]
    f = style.fonts
    names = dict.fromkeys([f.title, f.body, f.heading1, f.heading2, f.page_number, f.latin])
    xml = styles.font_table_xml(list(names), f.fallbacks)
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, xml.encode("utf-8"), base.part.package)
    base.part.relate_to(part, RT.FONT_TABLE)


def _base_bytes(style: StyleSpec, reference: Path | None) -> bytes:
    key = (repr(style), _reference_key(reference))  # the repr names every value of the style, nested ones too
    if reference is not None:  # an office's own reference document: kept in memory only
        return _BASES.get(key, lambda: _prepare(style, reference))

    def build() -> tuple[bytes, bytes]:
        prepared = _prepare(style, None)
        return prepared, prepared

    # without one, also on disk, for a later process with the same style, code and python-docx
    return diskcache.kept(_BASES, key, "base", (repr(style),), lambda: (stamps(_SOURCES), docx.__version__), build,
                          lambda kept: kept if isinstance(kept, bytes) else None)


_SOURCES = tuple(Path(__file__).parent / name for name in ("docx.py", "ooxml.py", "styles.py"))
"""The modules that set up the base document: a change to either makes a new one on disk."""


def _reference_key(reference: Path | None) -> tuple[Stamp, ...]:
    if reference is None:
        return ()
    key = stamps([reference.resolve()])
    if key[0][1] < 0:
        raise InputError(_("file not found"), reference)
    return key


def _block_xml(block: Block, g: Geometry, report: RenderReport) -> str:
    text, removed = ooxml.strip_illegal(block.text)
    report.removed_control_chars += removed
    if block.kind is Kind.HEADING:
        if block.body and block.level >= 2:
            body, removed = ooxml.strip_illegal(block.body)
            report.removed_control_chars += removed
            head, _removed = ooxml.strip_illegal(block.run_in_head())
            runs = ooxml.run(head, _RUN_IN_STYLE[block.level]) + ooxml.run(body)
            return ooxml.paragraph("Normal", runs, f'<w:outlineLvl w:val="{block.level - 1}"/>')
        return ooxml.paragraph(_HEADING_STYLE[block.level], ooxml.run(f"{block.number}{text}"))
    return ooxml.paragraph(_BLOCK_STYLE[block.kind], ooxml.run(text))


def _keep_last_lines(parts: list[str], body: list[Block], style: StyleSpec) -> None:
    """Keep the body's last two lines with the closing: the last paragraph, and the one before it when the last
    holds a single line."""
    index = len(parts) - 1
    kept = 0
    for block in reversed(body):
        if kept >= 2 or index < 0 or not parts[index].startswith("<w:p>") or block.kind is Kind.TABLE:
            return
        parts[index] = ooxml.keep_with_next(parts[index])
        kept += 2 if text_width(block.plain()) + style.first_line_indent_chars > style.chars_per_line else 1
        index -= 1


def _closing_ppr(g: Geometry, before: int, column: float) -> str:
    """Paragraph properties of a signature or date line: no CJK/Latin auto-space, exact pitch, start column."""
    return f"{ooxml.NO_AUTOSPACE}{ooxml.exact_spacing(g.line_twips, before=before)}{ooxml.indent(g, left_chars=column)}"


_CLOSING_KINDS = (Kind.CLOSING, Kind.SIGNATURE, Kind.DATE)
"""Blocks of the closing: the body paragraph before the first of them keeps with it."""

Copy = Literal["plain", "submission"]
"""plain: no 版头 or 版记, unsealed signature; submission: the sealed 公文 sent up (GB/T 9704 上行文)."""
COPIES: tuple[Copy, ...] = ("plain", "submission")


def build(
    document: Document, style: StyleSpec, reference: Path | None = None, copy: Copy = "plain"
) -> tuple[bytes, RenderReport]:
    """The .docx bytes of ``document`` laid out with ``style``, as the plain or the submission copy."""
    report = RenderReport()
    g = Geometry.of(style)
    target = docx.Document(io.BytesIO(_base_bytes(style, reference)))
    organs = [b.text for b in document.blocks if b.kind is Kind.SIGNATURE]
    dates = [b.text for b in document.blocks if b.kind is Kind.DATE]
    sig_column, date_column = signature_columns(organs, dates[0] if dates else "", style)
    line = g.line_twips
    parts: list[str] = []
    masthead = document.masthead if copy == "submission" else None
    if copy == "submission" and document.signed_by == "person":
        raise InputError(_("a report signed by a person has no submission copy: it has no 版头 and no seals"))
    if copy == "submission" and masthead is None:
        raise InputError(_("the report has no dispatch data for the submission copy"))
    if masthead is not None:
        parts.extend(submission.masthead_xml(masthead, style))
        if len(masthead.organs) > 1 and masthead.mark_suffix:
            report.warnings.append(_("文件 after the stacked names of a joint report is not typeset; it was left out"))
    signature_index = 0
    closing_started = False
    table_size = table.report_size_pt([table.printed_of(b) for b in document.blocks if b.kind is Kind.TABLE])
    for block in document.blocks:
        if not closing_started and block.kind in _CLOSING_KINDS:
            closing_started = True
            _keep_last_lines(parts, document.blocks[: document.blocks.index(block)], style)
        if masthead is not None and block.kind in (Kind.SIGNATURE, Kind.DATE):
            if (block.kind is Kind.SIGNATURE and signature_index == 0) or (block.kind is Kind.DATE and not organs):
                signature_index += 1
                parts.extend(submission.sealed_signature_xml(organs, dates[0] if dates else "", style))
            continue
        if block.kind is Kind.SIGNATURE:
            ppr = _closing_ppr(g, before=line if signature_index == 0 else 0, column=sig_column)
            signature_index += 1
            text, removed = ooxml.strip_illegal(block.text)
            report.removed_control_chars += removed
            parts.append(ooxml.paragraph("Signature", ooxml.run(text), ppr))
        elif block.kind is Kind.DATE:
            ppr = _closing_ppr(g, before=0 if organs else line, column=date_column)
            parts.append(ooxml.paragraph("Date", ooxml.run(block.text), ppr))
        elif block.kind is Kind.TABLE:
            xml, removed = table.table_xml(block, style, table_size)
            report.removed_control_chars += removed
            parts.append(xml)
        elif block.kind is Kind.TITLE:
            text, removed = ooxml.strip_illegal(block.text)
            report.removed_control_chars += removed
            lines = title_lines(text, g.text_width_pt / style.title_size_pt, document.title_words, text_width)
            parts.append(ooxml.paragraph("Title", ooxml.LINE_BREAK.join(ooxml.run(line) for line in lines)))
        else:
            parts.append(_block_xml(block, g, report))
    if document.blocks and document.blocks[-1].kind is Kind.TABLE:
        parts.append(ooxml.paragraph("Normal", ""))  # a body (and its section) ends with a paragraph, not a table
    body = target.element.body
    sect_pr = body.find(qn("w:sectPr"))
    elements = ooxml.body_fragment(parts)
    if masthead is not None and sect_pr is not None and elements:
        # The body ends its own section, marked for the 版记 page's number; the 版记 follows in a section that
        # starts on an even page (see _record_section).
        last_paragraph = [e for e in elements if e.tag == qn("w:p")][-1]
        for mark in ooxml.body_fragment([f"<w:p>{ooxml.body_end_bookmark()}</w:p>"])[0]:
            last_paragraph.append(mark)
        ooxml.end_section_here(last_paragraph, sect_pr)
        elements += ooxml.body_fragment(submission.record_xml(masthead, style))
    for element in elements:
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            body.append(element)
    if masthead is not None:
        _record_section(target, style)
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


def _record_section(target: DocxDocument, style: StyleSpec) -> None:
    """The last section (the 版记's) starts on an even page. When the body ends on an even page, word processors
    insert a blank page before it and print that page without a footer; GB/T 9704 §7.5 then wants the 版记 page
    unnumbered too, and numbered like the others otherwise: its footers hold
    :func:`~drafter.typeset.ooxml.record_page_number_runs`."""
    section = target.sections[-1]
    section.start_type = WD_SECTION.EVEN_PAGE
    ooxml.remove_doc_grid(section._sectPr)  # off the line grid, the spacer above the 版记 is exactly as computed
    for reference in section._sectPr.findall(qn("w:footerReference")):
        section._sectPr.remove(reference)  # the body's section keeps these footer parts; the 版记 gets its own
    _set_footers(section, style, ooxml.record_page_number_runs())


def _set_footers(section: Section, style: StyleSpec, runs: str) -> None:
    """The odd- and even-page footers of ``section``, its own (not linked to the previous section's), holding
    ``runs`` (:func:`~drafter.typeset.ooxml.footer_paragraph`)."""
    g = Geometry.of(style)
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        for p in ooxml.body_fragment([ooxml.footer_paragraph(g, odd, style.page_number_size_pt, runs)]):
            element.append(p)


def render_docx(
    document: Document, style: StyleSpec, path: Path, reference: Path | None = None, copy: Copy = "plain"
) -> RenderReport:
    """Write ``document`` to ``path`` atomically (never a half-written file)."""
    if path.exists() and path.is_dir():
        raise OutputError(_("is a folder, not a file"), path)
    data, report = build(document, style, reference, copy)
    atomic_write(path, data)
    return report
