"""Build the Word files the import tests read (``python tests/data/make_import_docs.py OUT_DIR`` writes them all).

Nothing binary is committed: the tests call :data:`BUILDERS` into a temporary folder. Each document holds a
short report written for these tests, laid out the way clerks' files do it and the importer must read: headings
numbered by Word's numbering (direct, through heading styles, the "List Number" style), footnotes, endnotes and
comments, nested tables and content controls around cells, a whole report framed in one table cell, text boxes,
and a document that is only a picture.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

if __package__:
    from tests.data.make_bad_inputs import png
else:  # run as a script
    from make_bad_inputs import png  # type: ignore[import-not-found,no-redef]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'

HEAD = ["东岭乡人民政府关于2023年度法治政府建设情况的报告", "县委、县政府：",
        "2023年，东岭乡认真落实上级部署，推进依法行政。现将有关情况报告如下："]
PARTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("工作开展情况", [("抓学法", "乡党委会会前学法9次，组织学法考试120人次。"),
                     ("抓普法", "全年开展普法活动16场次，发放宣传资料3000份。")]),
    ("存在的短板", [("普法形式单一", "宣传方式以发放资料为主。")]),
    ("主要负责人述法和履职情况", [("带头学法", "乡党委书记主持专题研究法治工作4次。")]),
    ("下步工作思路", [("加强培训", "每季度组织一次学法。"), ("规范执法", "完善执法程序。")]),
]
TAIL = ["特此报告。", "东岭乡人民政府", "2024年1月15日"]
EXPECTED_KEYS = ["measures", "problems", "duty", "plan"]
"""The parts of the report above, in order, as the importer must map them."""


def _append(document: Document, xml: str) -> None:
    body = document.element.body
    body[-1].addprevious(parse_xml(xml))


def _p(text: str, ppr: str = "", extra: str = "") -> str:
    return f"<w:p {W}><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{extra}</w:p>"


def _numbering(document: Document, levels: list[tuple[str, str]], abstract_id: int, num_id: int,
               styles: dict[int, str] | None = None, start: int = 1) -> None:
    """Add a numbering definition (``levels``: numFmt, lvlText per level) and a ``w:num`` that uses it."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{styles[n]}"/>' if styles and n in styles else "")
        + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for n, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


CHINESE_LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def numbered_directly() -> Document:
    """Headings numbered 一、（一） by a multilevel list set on each paragraph (``w:numPr``), no typed numbers."""
    document = docx.Document()
    _numbering(document, CHINESE_LEVELS, 90, 90)
    for line in HEAD:
        _append(document, _p(line))
    for heading, items in PARTS:
        _append(document, _p(heading, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        for item, text in items:
            _append(document, _p(item, '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'))
            _append(document, _p(text))
    for line in TAIL:
        _append(document, _p(line))
    return document


def numbered_with(levels: list[tuple[str, str]], start: int, marks: list[tuple[int, str]]) -> Document:
    """Any numbering definition (``levels``; every level starting at ``start``), and one paragraph of the report
    per mark ``(ilvl, numId)`` numbered with it (ilvl and numId may be out of range or missing)."""
    document = docx.Document()
    _numbering(document, levels, 90, 90, start=start)
    lines = _report_lines()
    for n, (level, num_id) in enumerate(marks):
        _append(document, _p(lines[n % len(lines)],
                             f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return document


def numbered_by_styles() -> Document:
    """Headings in the styles Heading 1 and Heading 2, which a multilevel list numbers 一、 and （一）."""
    document = docx.Document()
    _numbering(document, CHINESE_LEVELS, 91, 91, styles={0: "Heading1", 1: "Heading2"})
    for name, level in (("Heading 1", ""), ("Heading 2", '<w:ilvl w:val="1"/>')):  # as Word writes them
        ppr = document.styles[name].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {W}>{level}<w:numId w:val="91"/></w:numPr>'))
    for line in HEAD:
        document.add_paragraph(line)
    for heading, items in PARTS:
        document.add_paragraph(heading, style="Heading 1")
        for item, text in items:
            document.add_paragraph(item, style="Heading 2")
            document.add_paragraph(text)
    for line in TAIL:
        document.add_paragraph(line)
    return document


def numbered_list_number() -> Document:
    """Parts numbered 1. 2. 3. by Word's built-in "List Number" style (a report with no 一、 at all)."""
    document = docx.Document()
    for line in HEAD:
        document.add_paragraph(line)
    for heading, items in PARTS:
        document.add_paragraph(heading, style="List Number")
        for _item, text in items:
            document.add_paragraph(text)
    for line in TAIL:
        document.add_paragraph(line)
    return document


def _note_part(document: Document, kind: str, notes: list[str]) -> None:
    tag = kind.removesuffix("s")
    separators = "".join(
        f'<w:{tag} w:type="{t}" w:id="{i}"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        for i, t in ((-1, "separator"), (0, "continuationSeparator"))
    )
    body = "".join(
        f'<w:{tag} w:id="{n}"><w:p><w:r><w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        f"</w:{tag}>"
        for n, text in enumerate(notes, start=1)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {W}>{separators}{body}</w:{kind}>'
    content_type, reltype = {"footnotes": (CT.WML_FOOTNOTES, RT.FOOTNOTES),
                             "endnotes": (CT.WML_ENDNOTES, RT.ENDNOTES)}[kind]
    part = Part(PackURI(f"/word/{kind}.xml"), content_type, xml.encode(), document.part.package)
    document.part.relate_to(part, reltype)


FOOTNOTE = "数据来源于乡司法所台账。"
ENDNOTE = "本报告经乡党委会审议通过。"
COMMENT = "请核对学法次数"


def with_notes() -> Document:
    """A typed report with a footnote, an endnote and a comment."""
    document = docx.Document()
    _note_part(document, "footnotes", [FOOTNOTE])
    _note_part(document, "endnotes", [ENDNOTE])
    for line in HEAD:
        document.add_paragraph(line)
    for n, (heading, items) in enumerate(PARTS):
        document.add_paragraph(f"{'一二三四'[n]}、{heading}")
        for m, (item, text) in enumerate(items):
            document.add_paragraph(f"（{'一二'[m]}）{item}")
            paragraph = document.add_paragraph(text)
            if n == 0 and m == 0:
                paragraph._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
                document.add_comment(paragraph.runs, text=COMMENT, author="审核人")
            if n == 3 and m == 1:
                paragraph._p.append(parse_xml(f'<w:r {W}><w:endnoteReference w:id="1"/></w:r>'))
    for line in TAIL:
        document.add_paragraph(line)
    return document


def _report_lines() -> list[str]:
    lines = list(HEAD)
    for n, (heading, items) in enumerate(PARTS):
        lines.append(f"{'一二三四'[n]}、{heading}")
        for m, (item, text) in enumerate(items):
            lines += [f"（{'一二'[m]}）{item}", text]
    return lines + TAIL


def framed() -> Document:
    """The whole report inside the one cell of a one-cell table (a frame around the page)."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    lines = _report_lines()
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    return document


def nested_tables() -> Document:
    """A report with a table of figures: one cell holds a nested table, one cell is wrapped in a content control."""
    document = docx.Document()
    lines = _report_lines()
    for line in lines[:5]:
        document.add_paragraph(line)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    inner = f"<w:tbl><w:tr>{cell.format('村级339件')}{cell.format('镇级71件')}</w:tr></w:tbl>"
    _append(document, (
        f"<w:tbl {W}><w:tr>{cell.format('调处纠纷')}<w:tc>{inner}<w:p/></w:tc></w:tr>"
        f"<w:tr>{cell.format('普法活动')}<w:sdt><w:sdtPr/><w:sdtContent>{cell.format('16场次')}</w:sdtContent>"
        "</w:sdt></w:tr></w:tbl>"
    ))
    for line in lines[5:]:
        document.add_paragraph(line)
    return document


TEXT_BOX = "<w:txbxContent><w:p><w:r><w:t>东岭乡人民政府</w:t></w:r></w:p></w:txbxContent>"
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RICH_FRAGMENTS = [
    # a letterhead in a text box: Word writes it twice (the drawing and its VML fallback)
    f"<w:p {W} {MC}><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>{TEXT_BOX}</w:drawing>"
    f"</mc:Choice><mc:Fallback><w:pict>{TEXT_BOX}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>关于2023年度法治政府建设情况的报告</w:t></w:r></w:p>"
    "</w:sdtContent></w:sdt>",
    f"<w:p {W}><w:r><w:t>一、主要</w:t></w:r><w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>举措</w:t></w:r></w:ins>"
    "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>",
    f"<w:p {W} {R}><w:hyperlink r:id=\"rId99\"><w:r><w:t>链接文字。</w:t></w:r></w:hyperlink>"
    "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>域文字</w:t></w:r></w:fldSimple></w:p>",
    f"<w:tbl {W}><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
]


def rich() -> Document:
    """Text in a text box, a content control, tracked changes, a hyperlink, a field and a merged table cell."""
    document = docx.Document()
    for fragment in RICH_FRAGMENTS:
        _append(document, fragment)
    return document


def image_only() -> Document:
    """A scanned report: one picture, no text at all."""
    document = docx.Document()
    document.add_picture(io.BytesIO(png()))
    return document


BUILDERS: dict[str, Callable[[], Document]] = {
    "numbered-directly.docx": numbered_directly,
    "numbered-by-styles.docx": numbered_by_styles,
    "numbered-list-number.docx": numbered_list_number,
    "notes.docx": with_notes,
    "framed.docx": framed,
    "nested-tables.docx": nested_tables,
    "rich.docx": rich,
    "image-only.docx": image_only,
}


TEXTS: dict[str, list[str]] = {
    # headings with a space before 、, half-width and full-width
    "spaced.txt": [
        "东岭乡人民政府关于2023年度法治政府建设情况的报告", "2023年，东岭乡推进依法行政。现将有关情况报告如下：",
        "一、工作开展情况", "乡党委会会前学法9次。",
        "二 、存在的短板", "普法形式单一。",
        "三\u3000、党政主要负责人履行推进法治建设第一责任人职责情况", "书记带头述法。",
        "四 、下步工作思路", "加强培训。", "特此报告。",
    ],
    # a report written in traditional characters
    "traditional.txt": [
        "東嶺鄉人民政府關於2023年度法治政府建設情況的報告", "縣委、縣政府：",
        "2023年，東嶺鄉認真落實上級部署，推進依法行政。現將有關情況報告如下：",
        "一、工作開展情況", "（一）抓學法。鄉黨委會會前學法9次，組織學法考試120人次。",
        "二、存在的短板", "一是普法形式單一；二是執法力量不足。",
        "三、黨政主要負責人履行推進法治建設第一責任人職責情況", "鄉黨委書記主持專題研究法治工作4次。",
        "四、下步工作思路", "1.加強培訓", "特此報告。", "東嶺鄉人民政府", "2024年1月15日",
    ],
}
"""Text files, UTF-8, one paragraph a line."""


def build(name: str, folder: Path) -> Path:
    """Write the document ``name`` of :data:`BUILDERS` or :data:`TEXTS` into ``folder``; its path."""
    path = folder / name
    if name in TEXTS:
        path.write_text("\n".join(TEXTS[name]) + "\n", encoding="utf-8")
    else:
        BUILDERS[name]().save(str(path))
    return path


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*BUILDERS, *TEXTS]:
        print(build(name, folder))


if __name__ == "__main__":
    main()
