"""Checks that read the running text, and what every text check shares: the texts of a document (:func:`units`),
a finding at one of them (:func:`finding`), whether a position is inside a 《…》 title. The checks here are those
of the marks: half-width punctuation (and its fix), placeholders, leading zeros and full-width digits; years, dated
terms and dated facts are in :mod:`drafter.checks.years`, place names in :mod:`drafter.checks.places`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.checks.compiled import CHINESE, HAN, Compiled
from drafter.checks.findings import RULES, Finding
from drafter.compose import Block, Kind
from drafter.docxio import WORD_DEBRIS
from drafter.figures import Catalogue, fullwidth_numbers, leading_zeros
from drafter.i18n import _

HAN_RE = re.compile(f"[{HAN}]")
_CHINESE_RE = re.compile(f"[{CHINESE}]")


@dataclass(frozen=True)
class Unit:
    """One piece of text of a block: its text, or the body of a run-in heading."""

    block: Block
    text: str


def units(blocks: list[Block]) -> Iterator[Unit]:
    """Every text of every block (a run-in heading gives its heading and its body)."""
    for block in blocks:
        if block.kind is Kind.TABLE:
            for row in block.rows:
                for cell in row:
                    if cell.strip():
                        yield Unit(block, cell)
            continue
        if block.text:
            yield Unit(block, block.text)
        if block.body:
            yield Unit(block, block.body)


def finding(rule: str, unit: Unit | None, excerpt: str, message: str, suggestion: str = "",
            *, section: str | None = None, fixable: bool = False) -> Finding:
    """A finding of ``rule`` at ``unit``'s block, with the rule's severity."""
    block = unit.block if unit else None
    return Finding(
        rule=rule,
        severity=RULES[rule],
        section=block.section if block else section,
        excerpt=excerpt,
        message=message,
        suggestion=suggestion,
        path=block.path if block else (),
        fixable=fixable,
    )


def in_title(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a 《…》 title."""
    opened = text.rfind("《", 0, pos)
    return opened != -1 and text.rfind("》", opened, pos) == -1


# ---- punctuation, placeholders ------------------------------------------------------------------------------

FULLWIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}


def halfwidth_positions(c: Compiled, text: str) -> list[int]:
    """Positions of half-width marks that stand in Chinese text (GB/T 15834), outside URLs and numbers."""
    if not c.halfwidth.search(text):
        return []
    skip = bytearray(len(text))
    for m in c.url.finditer(text):
        skip[m.start():m.end()] = b"\x01" * (m.end() - m.start())

    found: set[int] = set()

    def chinese(i: int) -> bool:
        """Chinese text at ``i``, or a half-width mark already found wrong (it becomes full-width)."""
        return i in found or (0 <= i < len(text) and bool(_CHINESE_RE.match(text[i])))

    while True:  # a mark next to one found wrong is wrong too: repeat until nothing new is found
        known = len(found)
        stack: list[int] = []
        for m in c.halfwidth.finditer(text):
            i = m.start()
            if skip[i]:
                continue
            mark = text[i]
            if mark == "(":
                stack.append(i)
                if chinese(i - 1) or chinese(i + 1):
                    found.add(i)
            elif mark == ")":
                opened = stack.pop() if stack else None
                inner = text[opened + 1:i] if opened is not None else ""
                paired = opened is not None and (opened in found or bool(HAN_RE.search(inner)))
                if chinese(i - 1) or chinese(i + 1) or paired:
                    found.add(i)
                    if opened is not None:
                        found.add(opened)
            elif mark == ".":
                if text[i + 1:i + 2] == "." or text[i - 1:i] == ".":
                    continue
                if chinese(i - 1):
                    found.add(i)
            elif chinese(i - 1) or chinese(i + 1):
                found.add(i)
        if len(found) == known:
            break
    return sorted(found)


def fix_halfwidth(c: Compiled, text: str) -> tuple[str, int]:
    """``text`` with its half-width marks in Chinese text replaced by full-width ones, and how many."""
    positions = halfwidth_positions(c, text)
    if not positions:
        return text, 0
    chars = list(text)
    for i in positions:
        chars[i] = FULLWIDTH[chars[i]]
    return "".join(chars), len(positions)


def check_punctuation(c: Compiled, unit: Unit) -> list[Finding]:
    """``punct.halfwidth``: half-width marks in Chinese text."""
    text = unit.text
    out = []
    for i in halfwidth_positions(c, text):
        mark = text[i]
        out.append(finding(
            "punct.halfwidth", unit, text[max(0, i - 1):i + 2],
            _("half-width “{mark}” in Chinese text (GB/T 15834)").format(mark=mark),
            _("Use the full-width “{full}”.").format(full=FULLWIDTH[mark]),
            fixable=True,
        ))
    return out


def check_placeholders(c: Compiled, unit: Unit) -> list[Finding]:
    """``text.placeholder``: XX, ××, 【】, 待填 … left in."""
    return [
        finding("text.placeholder", unit, m.group(0),
                _("a placeholder is left in the text"), _("Fill in the real wording or figure."))
        for m in c.placeholder.finditer(unit.text)
    ]


def check_debris(unit: Unit) -> list[Finding]:
    """``text.debris``: what Word's bookmarks and fields leave in copied or converted text (``[bookmark: _GoBack]``,
    ``{ PAGEREF _Toc12 \\h }``), which would be printed."""
    return [finding("text.debris", unit, m.group(0),
                    _("“{text}” is left over from a Word bookmark or field and would be printed").format(
                        text=m.group(0)),
                    _("Delete it."))
            for m in WORD_DEBRIS.finditer(unit.text)]


def check_leading_zeros(c: Compiled, unit: Unit, cat: Catalogue) -> list[Finding]:
    """``figure.format``: numbers written with leading zeros (01人次)."""
    text = unit.text
    return [
        finding("figure.format", unit, text[start:end], _("a number written with a leading zero"),
                _("Write {number}.").format(number=number))
        for start, end, number in leading_zeros(text, cat)
    ]


def check_fullwidth_digits(unit: Unit) -> list[Finding]:
    """``figure.format``: numbers written in full-width digits (１２次)."""
    return [
        finding("figure.format", unit, unit.text[start:end], _("a number written in full-width digits"),
                _("Write {number}.").format(number=number))
        for start, end, number in fullwidth_numbers(unit.text)
    ]


