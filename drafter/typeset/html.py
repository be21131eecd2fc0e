"""The public copy as HTML, from the same composed :class:`~drafter.compose.Document` as the .docx.

:func:`fragment` is what a website's CMS accepts: ``h1`` for the title, ``h2``–``h5`` for the numbered headings,
``p`` for paragraphs (a run-in heading's words in ``strong`` with the class of its level's heading tag, ``h3`` for
level 2), ``table`` for tables, and no inline style but text alignment (the signature and date are
right-aligned). :func:`standalone` wraps it in a page styled like the reports governments publish. Neither has a
版头, 份号, 签发人 or 版记: those belong to the submission copy only.
"""

from __future__ import annotations

from html import escape

from drafter.compose import Block, Document, Kind
from drafter.tables import PrintedCell, PrintedTable
from drafter.typeset.table import printed_of

_HEADING_TAG = {1: "h2", 2: "h3", 3: "h4", 4: "h5"}
_RIGHT = ' style="text-align: right"'
_LEFT = ' style="text-align: left"'

PAGE_CSS = """
body { margin: 0; background: #f4f4f4; }
article { max-width: 44em; margin: 2em auto; padding: 3em 4em; background: #fff;
  font-family: "FangSong", "仿宋", "STFangsong", serif; font-size: 16pt; line-height: 1.8; color: #222; }
h1 { font-family: "SimSun", "宋体", "Songti SC", serif; font-size: 22pt; font-weight: normal; text-align: center;
  line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h3 { font-family: "KaiTi", "楷体", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h4, h5 { font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
strong.h3 { font-family: "KaiTi", "楷体", serif; font-weight: normal; } /* run-in headings look like their level */
strong.h4, strong.h5 { font-weight: normal; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h1 + p, p[style] { text-indent: 0; }
p[style] { padding-right: 2em; }
table { border-collapse: collapse; margin: 0.5em auto; font-size: 12pt; }
th, td { border: 1px solid #444; padding: 0.2em 0.6em; text-align: center; vertical-align: middle; }
th { font-weight: normal; }
"""


def _block_html(block: Block) -> str:
    text = escape(block.text, quote=False)
    if block.kind is Kind.TITLE:
        return f"<h1>{text}</h1>"
    if block.kind is Kind.HEADING:
        if block.body:
            # the run-in heading in the look of a heading of its level on a line of its own, as in the .docx
            lead = escape(block.plain()[: len(block.plain()) - len(block.body)], quote=False)
            level = _HEADING_TAG[min(block.level, 4)]
            return f'<p><strong class="{level}">{lead}</strong>{escape(block.body, quote=False)}</p>'
        tag = _HEADING_TAG[min(block.level, 4)]
        return f"<{tag}>{escape(block.number, quote=False)}{text}</{tag}>"
    if block.kind is Kind.TABLE:
        return _table_html(printed_of(block))
    if block.kind in (Kind.SIGNATURE, Kind.DATE):
        return f"<p{_RIGHT}>{text}</p>"
    return f"<p>{text}</p>"


def _cell_html(cell: PrintedCell) -> str:
    tag = "th" if cell.kind in ("header", "note") else "td"
    span = (f' colspan="{cell.cols}"' if cell.cols > 1 else "") + (f' rowspan="{cell.rows}"' if cell.rows > 1 else "")
    align = _LEFT if cell.kind in ("label", "note") else ""
    return f"<{tag}{span}{align}>{escape(cell.text, quote=False)}</{tag}>"


def _table_html(table: PrintedTable) -> str:
    """A ``table`` with the printed merges as ``colspan``/``rowspan``, header cells as ``th`` and the repeated header
    rows in ``thead``."""
    rows = ["<tr>" + "".join(_cell_html(c) for c in row) + "</tr>" for row in table.rows]
    head = "".join(rows[: table.header_rows])
    thead = f"<thead>{head}</thead>" if head else ""
    return f"<table>{thead}<tbody>{''.join(rows[table.header_rows :])}</tbody></table>"


def fragment(document: Document) -> str:
    """The report as an HTML fragment a CMS accepts (one element per line)."""
    return "\n".join(_block_html(block) for block in document.blocks) + "\n"


def standalone(document: Document) -> str:
    """The report as a complete HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title, quote=False)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n"
        f"<body>\n<article>\n{fragment(document)}</article>\n</body>\n</html>\n"
    )
