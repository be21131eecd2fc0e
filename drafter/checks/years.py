"""Checks of the years a text names: a stale year for the report's period (``year.stale``), the plan part's year
(``plan.wrong-year``), a dated term past its period (``term.stale``) and a milestone year that disagrees with its
term (``fact.milestone``). Every word list comes from the pack's ``terms.toml`` (:mod:`drafter.checks.compiled`)."""

from __future__ import annotations

import re

from drafter.checks.compiled import Compiled
from drafter.checks.findings import Finding
from drafter.checks.text import HAN_RE, Unit, finding, in_title
from drafter.i18n import _
from drafter.numerals import chinese_number
from drafter.pack import DatedTerm


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
    in_plan = c.plan is not None and unit.block.section == c.plan
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
    while stop < len(text) and stop - end < extra and HAN_RE.match(text[stop]):
        stop += 1
    return stop


# ---- dated terms ----------------------------------------------------------------------------------------

_TERM_HISTORY_AFTER = ("以来", "期间", "时期", "末", "以前", "之前")


def check_terms(c: Compiled, unit: Unit, year: int) -> list[Finding]:
    """``term.stale``: a dated term whose period ended before the report year."""
    out: list[Finding] = []
    text = unit.text
    if not c.dated_any.search(text):
        return out
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
