"""The styles part and the font table of drafter's .docx: the paragraph and character styles of GB/T 9704."""

from __future__ import annotations

from docx.oxml.ns import nsdecls, qn
from lxml import etree

from drafter.pack import StyleSpec
from drafter.typeset.ooxml import TWIPS_PER_PT, Geometry, escape, exact_spacing, indent, run_props


def styles_xml(style: StyleSpec) -> str:
    """A complete ``styles.xml`` with the paragraph styles of GB/T 9704 (and nothing Word would not need)."""
    g = Geometry.of(style)
    f = style.fonts
    body = style.body_size_pt
    line = g.line_twips
    first = style.first_line_indent_chars

    def para_style(style_id: str, name: str, ppr: str, rpr: str, outline: int | None = None) -> str:
        level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        return (
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{ppr}{level}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )

    def char_style(style_id: str, name: str, rpr: str) -> str:
        return (
            f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="DefaultParagraphFont"/><w:rPr>{rpr}</w:rPr></w:style>'
        )

    track = g.tracking_twips
    body_rpr = run_props(f.body, f.latin, body, tracking_twips=track)
    # No widow/orphan control, as official templates have it: every page but the last holds its 22 lines. Headings
    # keep with their next line; the closing keeps the last body lines with it (docx.build, ooxml.keep_with_next).
    body_ppr = f'<w:widowControl w:val="0"/><w:snapToGrid/>{exact_spacing(line)}{indent(g, first)}<w:jc w:val="both"/>'
    flush = indent(g)
    styles = [
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{body_rpr}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{exact_spacing(line)}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{body_ppr}</w:pPr><w:rPr>{body_rpr}</w:rPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        para_style(
            "Title",
            "Title",
            f'<w:keepNext/><w:snapToGrid w:val="0"/>{exact_spacing(line, after=line)}{flush}<w:jc w:val="center"/>',
            run_props(f.title, f.title, style.title_size_pt),
        ),
        para_style("Recipient", "Recipient", f'{flush}<w:jc w:val="left"/>', body_rpr),
        para_style(
            "Heading1", "heading 1", "<w:keepNext/>", run_props(f.heading1, f.latin, body, tracking_twips=track), 0
        ),
        para_style(
            "Heading2", "heading 2", "<w:keepNext/>", run_props(f.heading2, f.latin, body, tracking_twips=track), 1
        ),
        para_style(
            "Heading3", "heading 3", "<w:keepNext/>", run_props(f.body, f.latin, body, style.bold_level3, track), 2
        ),
        para_style("Heading4", "heading 4", "<w:keepNext/>", run_props(f.body, f.latin, body, tracking_twips=track), 3),
        para_style("Closing", "Closing", "<w:keepNext/>", body_rpr),  # 特此报告 never alone above the signature
        para_style("Signature", "Signature", f'<w:keepNext/>{flush}<w:jc w:val="left"/>', body_rpr),
        para_style("Date", "Date", f'{flush}<w:jc w:val="left"/>', body_rpr),
        para_style(
            "Footer",
            "footer",
            f'<w:snapToGrid w:val="0"/>{exact_spacing(round(style.page_number_size_pt * TWIPS_PER_PT))}{flush}',
            run_props(f.page_number, f.page_number, style.page_number_size_pt),
        ),
        char_style("RunIn2", "Run-in heading 2", run_props(f.heading2, f.latin, body, tracking_twips=track)),
        char_style("RunIn3", "Run-in heading 3", run_props(f.body, f.latin, body, style.bold_level3, track)),
        char_style("RunIn4", "Run-in heading 4", run_props(f.body, f.latin, body, tracking_twips=track)),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    ]
    return f"<w:styles {nsdecls('w')}>{''.join(styles)}</w:styles>"


def font_table_xml(names: list[str], fallbacks: dict[str, str]) -> str:
    """``fontTable.xml`` listing ``names``; a CJK font gets GB2312 charset and its fallback as ``w:altName``."""
    fonts = []
    for name in names:
        alt = fallbacks.get(name)
        alt_xml = f'<w:altName w:val="{escape(alt, attribute=True)}"/>' if alt else ""
        cjk = any(ord(ch) > 0x2E80 for ch in name) or name in fallbacks
        charset = '<w:charset w:val="86"/>' if cjk else '<w:charset w:val="00"/>'
        fonts.append(
            f'<w:font w:name="{escape(name, attribute=True)}">{alt_xml}{charset}'
            f'<w:family w:val="{"modern" if cjk else "roman"}"/><w:pitch w:val="{"fixed" if cjk else "variable"}"/>'
            "</w:font>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {nsdecls("w")}>{"".join(fonts)}</w:fonts>'
    )


def replace_styles(styles_element: etree._Element, xml: str, keep_existing: bool) -> None:
    """Put drafter's styles into a styles part; with ``keep_existing`` an office's own styles win by id."""
    new = etree.fromstring(xml)
    if not keep_existing:
        for child in list(styles_element):
            styles_element.remove(child)
        for child in list(new):
            styles_element.append(child)
        return
    have = {el.get(qn("w:styleId")) for el in styles_element.iter(qn("w:style"))}
    for child in list(new):
        if child.tag == qn("w:style") and child.get(qn("w:styleId")) not in have:
            styles_element.append(child)
