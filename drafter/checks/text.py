"""Checks that read the running text: years, dated terms, place names, punctuation, placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.checks.compiled import CHINESE, HAN, Compiled
from drafter.checks.findings import RULES, Finding
from drafter.compose import Block, Kind
from drafter.figures import Catalogue, fullwidth_numbers, leading_zeros
from drafter.i18n import _
from drafter.model import Organisation
from drafter.numbering import chinese_number
from drafter.pack import DatedTerm

_HAN_RE = re.compile(f"[{HAN}]")
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


def _ends_with_any(text: str, words: list[str] | tuple[str, ...]) -> bool:
    return any(text.endswith(w) for w in words if w)


def _starts_with_any(text: str, words: list[str] | tuple[str, ...]) -> bool:
    return any(text.startswith(w) for w in words if w)


# ---- years ----------------------------------------------------------------------------------------------


def check_years(c: Compiled, unit: Unit, year: int) -> list[Finding]:
    """``year.stale`` outside the plan part, ``plan.wrong-year`` inside it."""
    out: list[Finding] = []
    text = unit.text
    t = c.terms
    in_plan = unit.block.section == "plan"
    out.extend(_period_years(c, unit, year))
    for m in c.year.finditer(text):
        found = int(m.group(1))
        before = text[max(0, m.start() - 4):m.start()]
        after_year = text[m.start() + 5:]  # after "20XX年"
        if in_title(text, m.start()) or _ends_with_any(before, t.year_exclude_before):
            continue
        if _starts_with_any(after_year, t.year_exclude_after) or _starts_with_any(text[m.end():], t.year_exclude_after):
            continue
        if _is_range_end(text, m.start()):
            continue
        excerpt = text[m.start():_excerpt_end(text, m.end())]
        if in_plan:
            if found != year + 1 and _starts_with_any(after_year, t.plan_period_after):
                out.append(finding(
                    "plan.wrong-year", unit, excerpt,
                    _("the plan part names {found} as its period; the plan of a report on {year} is for {next}").format(
                        found=found, year=year, next=year + 1),
                    _("Write {next}.").format(next=year + 1),
                ))
            continue
        if found >= year:
            continue
        recent = after_year.startswith("以来")
        if recent and found != year - 1:
            continue
        if _starts_with_any(after_year, t.year_period_after):
            out.append(finding(
                "year.stale", unit, excerpt,
                _("{found} is written as the period of this report, which is about {year}").format(
                    found=found, year=year),
                _("Write {year} if this is about the year reported on; comparisons with {found} are fine.").format(
                    year=year, found=found),
            ))
    return out


def _period_years(c: Compiled, unit: Unit, year: int) -> list[Finding]:
    """``year.stale`` for a statistical period that does not name the report year (the pack's
    ``report_period_patterns``), whatever the words around the year."""
    out: list[Finding] = []
    for pattern in c.report_period:
        for m in pattern.finditer(unit.text):
            found = [int(g) for g in m.groups() if g and g.isdigit()]
            wrong = next((y for y in found if y != year), None)
            if wrong is None:
                continue
            out.append(finding(
                "year.stale", unit, m.group(0),
                _("the statistical period names {found}, but this report is about {year}").format(
                    found=wrong, year=year),
                _("Write {year}.").format(year=year),
            ))
    return out


def _is_range_end(text: str, start: int) -> bool:
    """True for the second year of a range such as 2021—2025年 or 2021年至2025年."""
    return bool(re.search(r"\d{4}年?\s*[—–\-~～至到]+\s*$", text[max(0, start - 8):start]))


def _excerpt_end(text: str, end: int, extra: int = 3) -> int:
    """Extend an excerpt by up to ``extra`` Han characters of context (never past a clause stop)."""
    stop = end
    while stop < len(text) and stop - end < extra and _HAN_RE.match(text[stop]):
        stop += 1
    return stop


# ---- dated terms ----------------------------------------------------------------------------------------

_TERM_HISTORY_AFTER = ("以来", "期间", "时期", "末", "以前", "之前")


def check_terms(c: Compiled, unit: Unit, year: int) -> list[Finding]:
    """``term.stale``: a dated term whose period ended before the report year."""
    out: list[Finding] = []
    text = unit.text
    for ct in c.dated:
        term = ct.term
        if term.until is None or term.until >= year or not term.goes_stale:
            continue
        for m in ct.regex.finditer(text):
            if in_title(text, m.start()) or _starts_with_any(text[m.end():], _TERM_HISTORY_AFTER):
                continue
            suggestion = _("Write {new} instead.").format(new=term.replaced_by) if term.replaced_by else ""
            out.append(finding(
                "term.stale", unit, m.group(0),
                _("{term} was current until {until}; this report is about {year}").format(
                    term=term.term, until=term.until, year=year),
                suggestion,
            ))
    return out


# ---- dated facts: "2025年是“十四五”规划收官之年" --------------------------------------------------------

_MILESTONE = re.compile(
    r"(20\d{2})年(?:是|为)([^。；！？;!?\n]{1,60}?)(收官之年|开局之年|起步之年|第([一二三四五六七八九十\d]{1,3})年)"
)
_ORDINALS = {chinese_number(n): n for n in range(1, 100)}


def _milestone_year(term: DatedTerm, kind: str, ordinal: str | None) -> tuple[int | None, str]:
    """The year a milestone of ``term`` falls in, and the milestone in words."""
    if ordinal is not None:
        n = int(ordinal) if ordinal.isdigit() else _ORDINALS.get(ordinal)
        if n is None:
            return None, ""
        return term.since + n - 1, _("year {n}").format(n=n)
    if kind == "收官之年":
        return term.until, _("final year")
    return term.since, _("first year")


def check_dated_facts(c: Compiled, unit: Unit) -> list[Finding]:
    """``fact.milestone``: "X年是…收官之年/开局之年/第N年" must agree with the years of the term it names."""
    out: list[Finding] = []
    text = unit.text
    for m in _MILESTONE.finditer(text):
        found = int(m.group(1))
        between = m.group(2)
        for ct in c.dated:
            term = ct.term
            if not ct.regex.search(between) or (term.until is None and m.group(3) == "收官之年"):
                continue
            expected, what = _milestone_year(term, m.group(3), m.group(4))
            if expected is None or expected == found:
                continue
            period = f"{term.since}—{term.until}" if term.until else f"{term.since}—"
            out.append(finding(
                "fact.milestone", unit, m.group(0),
                _("{found} is not the {what} of {term} ({period}): that is {expected}").format(
                    found=found, what=what, term=term.term, period=period, expected=expected),
                _("Write {expected}, or say what {found} really was.").format(expected=expected, found=found),
            ))
    return out


# ---- place names ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnPlaces:
    """The township's own names and their stems."""

    names: tuple[str, ...]
    stems: frozenset[str]
    regex: re.Pattern[str]
    township: bool
    """True for a 镇 or 乡 (street-office wording is then foreign)."""


def own_places(c: Compiled, org: Organisation) -> OwnPlaces:
    """The names the township may use: its own, its superiors', its places and organs, with their stems."""
    raw = [org.name, org.county, org.city, org.party_organ, org.government_organ, *org.signatories, *org.places]
    names: list[str] = []
    stems: set[str] = set()
    for name in raw:
        name = name.strip()
        if not name:
            continue
        names.append(name)
        for suffix in c.own_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                stems.add(stem)
                names.append(stem)
                break
    words = sorted(set(names), key=len, reverse=True)
    regex = re.compile("|".join(re.escape(w) for w in words)) if words else re.compile("(?!)")
    township = org.name.endswith(("镇", "乡"))
    return OwnPlaces(tuple(words), frozenset(stems), regex, township)


def _mask(c: Compiled, own: OwnPlaces, text: str) -> bytearray:
    masked = bytearray(len(text))
    for regex in (c.common, own.regex):
        for m in regex.finditer(text):
            masked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return masked


def check_places(c: Compiled, unit: Unit, own: OwnPlaces) -> list[Finding]:
    """``place.foreign``: another place's name in running text, or 街道 wording in a 镇/乡 report."""
    if unit.block.kind in (Kind.SIGNATURE, Kind.DATE, Kind.RECIPIENT):
        return []
    out: list[Finding] = []
    text = unit.text
    taken: list[tuple[int, int]] = []
    for regex in c.place_patterns:
        for m in regex.finditer(text):
            if not m.groups():
                continue
            word = m.group(1)
            if word in c.place_exclusions or word in own.stems or own.regex.fullmatch(word):
                continue
            if any(ch in c.stop_chars for ch in word) or c.common.search(word):
                continue
            end = m.end()
            while end > m.end(1) and not _HAN_RE.match(text[end - 1]):
                end -= 1
            taken.append((m.start(), end))
            out.append(finding(
                "place.foreign", unit, text[m.start():end],
                _("{place} is not this township's name: text copied from another report?").format(place=word),
                _("Write the township's own name, or delete the phrase."),
            ))
    masked = _mask(c, own, text)
    for m in c.place.finditer(text):
        start, end = m.span()
        if any(masked[start:end]) or any(ch in c.stop_chars for ch in m.group(1)):
            continue
        if text[end:end + 1] in c.abbreviation_next and end < len(text):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(finding(
            "place.foreign", unit, m.group(0),
            _("{place} is not this township, its county or city, or one of its own places").format(place=m.group(0)),
            _("Check the name; add it to the township's own places if it belongs there."),
        ))
    if own.township:
        for m in c.street.finditer(text):
            out.append(finding(
                "place.foreign", unit, m.group(0),
                _("street-office (街道) wording in the report of a township"),
                _("Write the township's own wording (本镇, 镇党委 …)."),
            ))
    return out


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
                paired = opened is not None and (opened in found or bool(_HAN_RE.search(inner)))
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


