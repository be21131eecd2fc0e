"""Checks of what a county reviewer knows and a clerk may not: laws and regulations cited that are no longer in
force or do not exist (``law.repealed``, ``law.unknown``), and institutions the township's level does not have
(``institution.level``). Their words are pack data (:mod:`drafter.checks.reference`: ``laws.toml``,
``institutions.toml``); adding a repealed law needs no Python.

A text is searched for 《…》 titles only when it has one, and for institutions by one pattern per level only when it
holds one of their cue words.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.checks.compiled import Compiled
from drafter.checks.findings import Finding
from drafter.checks.reference import TITLE, Bare, Laws
from drafter.checks.text import Unit, finding
from drafter.i18n import _

_CLAUSE_STOPS = "。；！？;!?\n"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


# ---- checks --------------------------------------------------------------------------------------------------


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(ch, 0, start) for ch in _CLAUSE_STOPS) + 1
    rights = [i for i in (text.find(ch, end) for ch in _CLAUSE_STOPS) if i != -1]
    return text[left:min(rights) if rights else len(text)]


def _about_the_past(data: Laws, text: str, start: int, end: int, repealed: dt.date) -> bool:
    """True when the citation's clause is about an event before the repeal (``2019年依据《合同法》…``) or the
    repeal itself (``原《合同法》``, ``《合同法》废止后``)."""
    clause = _clause(text, start, end)
    if any(marker in clause for marker in data.spec.past_markers):
        return True
    untitled = TITLE.sub("", clause)  # 《…（2021年修订）》 is no date of an event
    return any(int(y) < repealed.year for y in _YEAR.findall(untitled))


def check_laws(c: Compiled, unit: Unit, year: int) -> list[Finding]:
    """``law.repealed``: a law cited that was no longer in force in the report year (unless the citation is about
    the past); ``law.unknown``: a 《…法》 that is no national law, with the right title when the data knows it."""
    data = c.laws
    if data is None or "《" not in unit.text:
        return []
    out: list[Finding] = []
    text = unit.text
    bare = Bare(data.spec.prefix)
    for m in TITLE.finditer(text):
        title = bare(m.group(1))
        gone = data.repealed.get(title)
        if gone is not None:
            if gone.repealed.year <= year and not _about_the_past(data, text, m.start(), m.end(), gone.repealed):
                out.append(finding(
                    "law.repealed", unit, m.group(0),
                    _("{title} is no longer in force: repealed on {date}").format(
                        title=m.group(0), date=gone.repealed.isoformat()),
                    _("Cite 《{new}》 instead.").format(new=gone.replaced_by) if gone.replaced_by
                    else _("Cite what is in force now, or say that it was repealed."),
                ))
            continue
        wrong = data.wrong.get(title)
        if wrong is not None or (title.endswith(data.spec.checked_ending) and title not in data.in_force
                                 and not data.unchecked.search(title)):
            out.append(finding(
                "law.unknown", unit, m.group(0),
                _("{title} is not the title of a national law in force").format(title=m.group(0)),
                _("Write 《{right}》.").format(right=wrong.right) if wrong is not None and wrong.right
                else _("Check the title in the national database of laws and regulations (flk.npc.gov.cn)."),
            ))
    return out


def organisation_level(c: Compiled, name: str) -> str:
    """The level of an organisation (镇, 乡, 街道) told by the ending of its name; "" when none fits."""
    data = c.institutions
    levels = sorted(data.spec.levels, key=len, reverse=True) if data else []
    return next((level for level in levels if name.endswith(level)), "")


def check_institutions(c: Compiled, unit: Unit, level: str) -> list[Finding]:
    """``institution.level``: a body or procedure the township's level does not have (政府常务会议, 政协提案,
    人大常委会 in a 镇's report)."""
    data = c.institutions
    if data is None or not level:
        return []
    compiled = data.by_level.get(level)
    if compiled is None or not data.cues.search(unit.text):
        return []
    regex, absent = compiled
    out: list[Finding] = []
    superiors = tuple(data.spec.not_after)
    for m in regex.finditer(unit.text):
        if unit.text.endswith(superiors, 0, m.start()):
            continue
        inst = next(absent[int(name[1:])] for name, value in m.groupdict().items() if value is not None)
        out.append(finding(
            "institution.level", unit, m.group(0),
            _("a {level} has no “{what}”: it exists at county level and above").format(level=level, what=m.group(0)),
            inst.instead,
        ))
    return out
