"""Layout of the submission copy (GB/T 9704-2012 上行文): 版头, sealed signature and 版记, as paragraph XML.

Every number comes from the pack's ``[submission]`` style; the raw XML is written by :mod:`drafter.typeset.ooxml`.
Positions are computed, not left to the renderer: the 发文机关标志 line box starts ``mark_top_mm`` below the top of
the text block (its glyphs centred in it), the 版记 section starts on an even page (an ``evenPage`` section break, so
Word and LibreOffice insert the blank page when one is needed) and is pushed to the bottom of the text block by a
spacer of computed height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drafter.compose import Masthead
from drafter.pack import StyleSpec
from drafter.typeset import ooxml
from drafter.typeset.ooxml import MM_PER_PT, TWIPS_PER_PT, Geometry, text_width


def _pt_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


@dataclass(frozen=True)
class MarkLayout:
    """Size and place of the 发文机关标志."""

    size_pt: float
    line_pt: float
    before_pt: float
    """Space above its first line, after the 份号/密级/紧急程度 lines."""
    width_chars: float
    """Width of its widest line in characters of ``size_pt``."""


def mark_lines(masthead: Masthead) -> list[str]:
    """The lines of the 发文机关标志: one organ (with 文件 when asked), or joint organs stacked."""
    if len(masthead.organs) == 1:
        return [masthead.organs[0] + masthead.mark_suffix]
    return list(masthead.organs)


def mark_layout(masthead: Masthead, style: StyleSpec) -> MarkLayout:
    """The 发文机关标志 sized to fit the text block and placed ``mark_top_mm`` below its top edge."""
    s = style.submission
    g = Geometry.of(style)
    widest = max((text_width(line) for line in mark_lines(masthead)), default=1.0) or 1.0
    size = min(s.mark_max_size_pt, s.mark_width_share * g.text_width_pt / widest)
    size = math.floor(size * 2) / 2  # half points, as Word stores sizes
    line = size * s.mark_line_factor
    marks = len(top_left_marks(masthead))
    before = s.mark_top_mm / MM_PER_PT - marks * style.line_pitch_pt - (line - size) / 2
    return MarkLayout(size_pt=size, line_pt=line, before_pt=max(before, 0.0), width_chars=widest)


def top_left_marks(masthead: Masthead) -> list[str]:
    """份号, 密级和保密期限 and 紧急程度, in that order, those the clerk filled."""
    return [m for m in (masthead.copy_number, masthead.secrecy, masthead.urgency) if m]


def issuer_lines(masthead: Masthead, per_line: int) -> list[str]:
    """The 签发人 names, ``per_line`` a line, separated by a full-width space."""
    names = list(masthead.issuers)
    return ["\u3000".join(names[i : i + per_line]) for i in range(0, len(names), per_line)]


def masthead_xml(masthead: Masthead, style: StyleSpec) -> list[str]:
    """The 版头 paragraphs: top-left marks, 发文机关标志, 签发人 and 发文字号 lines with the red separator, and the gap
    before the title."""
    s = style.submission
    g = Geometry.of(style)
    f = style.fonts
    pitch = _pt_twips(style.line_pitch_pt)
    body = style.body_size_pt
    out: list[str] = []
    for mark in top_left_marks(masthead):
        out.append(ooxml.paragraph("Normal", ooxml.formatted_run(mark, ooxml.run_props(f.heading1, f.heading1, body)),
                                   ooxml.fixed_ppr(pitch, keep_next=True)))
    layout = mark_layout(masthead, style)
    lines = mark_lines(masthead)
    rpr = ooxml.run_props(f.title, f.title, layout.size_pt, color=s.red)
    spare = max(0, _pt_twips(g.text_width_pt - layout.width_chars * layout.size_pt) // 2)
    for index, line in enumerate(lines):
        before = _pt_twips(layout.before_pt) if index == 0 else 0
        if len(lines) > 1:  # stacked names, each spread over the widest one's width: aligned at both ends
            ppr = ooxml.fixed_ppr(_pt_twips(layout.line_pt), before, "distribute",
                                  ooxml.twips_indent(spare, spare), keep_next=True)
        else:
            ppr = ooxml.fixed_ppr(_pt_twips(layout.line_pt), before, "center", keep_next=True)
        out.append(ooxml.paragraph("Normal", ooxml.formatted_run(line, rpr), ppr))
    out.extend(_number_lines(masthead, style))
    return out


def _number_lines(masthead: Masthead, style: StyleSpec) -> list[str]:
    """签发人 right with one character in, two names a line; the 发文字号 left with one character in, on the line of
    the last 签发人; the red separator ``separator_gap_mm`` below it; then the gap before the title."""
    s = style.submission
    g = Geometry.of(style)
    f = style.fonts
    pitch = _pt_twips(style.line_pitch_pt)
    track = g.tracking_twips
    plain = ooxml.run_props(f.body, f.latin, style.body_size_pt, tracking_twips=track)
    kai = ooxml.run_props(f.heading2, f.latin, style.body_size_pt, tracking_twips=track)
    label = "签发人："
    names = issuer_lines(masthead, s.issuers_per_line)
    widest = max((text_width(n) for n in names), default=0.0)
    label_column = style.chars_per_line - s.number_indent_chars - text_width(label) - widest
    names_column = label_column + text_width(label)
    number_stop = ("left", ooxml.chars_to_twips(s.number_indent_chars, g))
    name_stops = [("left", ooxml.chars_to_twips(label_column, g)), ("left", ooxml.chars_to_twips(names_column, g))]
    # The lines run from margin to margin (so the separator below the last one is as wide as the text block); the
    # number's one-character indent is a tab stop.
    tabs = ooxml.tab_stops([number_stop, *name_stops] if names else [])
    # The text sits in the middle of its exact-height line: the separator is drawn the rest of the gap lower.
    below_text_pt = (style.line_pitch_pt - style.body_size_pt) / 2
    space = round(s.separator_gap_mm / MM_PER_PT - below_text_pt)
    border = ooxml.bottom_border(s.red, ooxml.border_eighths(s.separator_width_pt * MM_PER_PT), space)
    gap = round(s.number_gap_lines * pitch)
    out: list[str] = []
    rows = max(len(names), 1)
    for index in range(rows):
        last = index == rows - 1
        runs = ""
        if names:
            runs += ooxml.tab_run()
            if last and masthead.number:
                runs += ooxml.formatted_run(masthead.number, plain)
            runs += ooxml.tab_run()
            runs += ooxml.formatted_run(label, plain) if index == 0 else ooxml.tab_run()
            runs += ooxml.formatted_run(names[index], kai)
        elif masthead.number:
            runs += ooxml.formatted_run(masthead.number, plain)
        ppr = ooxml.fixed_ppr(pitch, gap if index == 0 else 0, "left" if names else "center",
                              tabs=tabs, border=border if last else "", keep_next=True)
        out.append(ooxml.paragraph("Normal", runs, ppr))
    title_gap = round(s.title_gap_lines * pitch) - _pt_twips(space + s.separator_width_pt)
    out.append(ooxml.paragraph("Normal", "", ooxml.fixed_ppr(max(title_gap, 20), keep_next=True)))
    return out


def sealed_signature_xml(organs: list[str], date: str, style: StyleSpec) -> list[str]:
    """§7.3.5.1: the date 右空四字; one organ centred over it; joint organs side by side, each under its own seal,
    the last over the date; the seals a seal's width plus a gap apart, so they never touch; room above for the seal
    to reach within one line of the body."""
    s = style.submission
    g = Geometry.of(style)
    pitch = _pt_twips(style.line_pitch_pt)
    line = style.chars_per_line
    date_column = line - s.sealed_date_right_chars - text_width(date)
    centre = date_column + text_width(date) / 2 if date else line - s.sealed_date_right_chars - 4
    char_mm = g.char_pitch_pt * MM_PER_PT
    seal_pitch = (s.seal_diameter_mm + s.seal_spacing_mm) / char_mm
    radius = s.seal_diameter_mm / 2 / char_mm
    per_row = max(1, int((centre - radius) // seal_pitch) + 1)
    rows = [organs[max(0, end - per_row) : end] for end in range(len(organs), 0, -per_row)][::-1]
    out: list[str] = []
    for index, row in enumerate(rows):
        centres = [centre - seal_pitch * (len(row) - 1 - i) for i in range(len(row))]
        tabs = ooxml.tab_stops([("center", ooxml.chars_to_twips(c, g)) for c in centres])
        runs = "".join(ooxml.tab_run() + ooxml.run(organ) for organ in row)
        before = round(s.seal_gap_lines * pitch)
        if index > 0:  # a further row of seals: a seal's height below the one above
            before = _pt_twips((s.seal_diameter_mm + s.seal_spacing_mm) / MM_PER_PT) - pitch
        out.append(ooxml.paragraph("Signature", runs, ooxml.fixed_ppr(pitch, max(before, 0), tabs=tabs,
                                                                       keep_next=True)))
    if date:
        # Set flush right with the right indent: the date ends 右空四字 whatever the widths of its glyphs and the
        # gaps a word processor puts between its digits and characters (date_column is an estimate of its start).
        ind = ooxml.twips_indent(0, ooxml.chars_to_twips(s.sealed_date_right_chars, g))
        out.append(ooxml.paragraph("Date", ooxml.run(date),
                                   ooxml.fixed_ppr(pitch, 0 if organs else pitch, "right", ind=ind)))
    return out


def record_height_twips(masthead: Masthead, style: StyleSpec) -> list[int]:
    """Heights of the 版记's rows: the 抄送 row as many lines as its text needs, then the 印发 row."""
    rows = []
    pitch = _pt_twips(style.line_pitch_pt)
    if masthead.copy_to:
        per_line = _copy_to_per_line(style)
        rows.append(pitch * sum(max(1, math.ceil(text_width(line) / per_line))
                                for line in copy_to_lines(masthead, style)))
    rows.append(pitch)
    return rows


_COPY_LABEL = "抄送："


def _copy_to_per_line(style: StyleSpec) -> int:
    """Characters of the 版记's size a 抄送 line holds after the label (左右各空一字, a hanging indent)."""
    s = style.submission
    width_pt = Geometry.of(style).text_width_pt
    size = s.record_size_pt
    return max(1, int((width_pt - 2 * s.record_indent_chars * size) / size - text_width(_COPY_LABEL)))


def copy_to_lines(masthead: Masthead, style: StyleSpec) -> list[str]:
    """The 抄送 organs separated by full-width commas, ending with 。, broken into lines between organs (never
    inside a name, so no line holds the last characters of a name alone); a name longer than a line wraps."""
    per_line = _copy_to_per_line(style)
    lines: list[str] = []
    for index, organ in enumerate(masthead.copy_to):
        piece = organ + ("。" if index == len(masthead.copy_to) - 1 else "，")
        if lines and text_width(lines[-1] + piece) <= per_line:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


def record_xml(masthead: Masthead, style: StyleSpec) -> list[str]:
    """The 版记 at the bottom of its page: a spacer of computed height, then the table of 抄送 and 印发机关/印发日期
    with thick first and last lines and thin lines between."""
    s = style.submission
    g = Geometry.of(style)
    f = style.fonts
    pitch = _pt_twips(style.line_pitch_pt)
    width = _pt_twips(g.text_width_pt)
    one = _pt_twips(s.record_indent_chars * s.record_size_pt)
    rpr = ooxml.run_props(f.body, f.latin, s.record_size_pt)
    heights = record_height_twips(masthead, style)
    rows: list[tuple[int, str]] = []
    if masthead.copy_to:
        hanging = _pt_twips(text_width(_COPY_LABEL) * s.record_size_pt)
        ppr = ooxml.fixed_ppr(pitch, ind=ooxml.twips_indent(one + hanging, one, hanging))
        lines = copy_to_lines(masthead, style)
        lines[0] = _COPY_LABEL + lines[0]
        runs = ooxml.LINE_BREAK.join(ooxml.formatted_run(line, rpr) for line in lines)
        rows.append((heights[0], ooxml.paragraph("Normal", runs, ppr)))
    tabs = ooxml.tab_stops([("right", width - one)])
    printed = f"{masthead.print_date}印发" if masthead.print_date else ""
    runs = ooxml.formatted_run(masthead.printing_organ, rpr) + ooxml.tab_run() + ooxml.formatted_run(printed, rpr)
    rows.append((heights[-1], ooxml.paragraph("Normal", runs, ooxml.fixed_ppr(pitch, ind=ooxml.twips_indent(one),
                                                                               tabs=tabs))))
    thick, thin = ooxml.border_eighths(s.record_thick_mm), ooxml.border_eighths(s.record_thin_mm)
    block = _pt_twips((style.page_height_mm - style.margin_top_mm - style.margin_bottom_mm) / MM_PER_PT)
    slack = _pt_twips(1) + thick * TWIPS_PER_PT // ooxml.EIGHTHS_PER_PT  # rounding room, so it never spills over
    spacer = ooxml.paragraph("Normal", "", ooxml.fixed_ppr(block - sum(heights) - slack))
    return [spacer, ooxml.record_table(rows, width, thick, thin)]
