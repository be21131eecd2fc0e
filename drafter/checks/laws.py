"""Checks of what a county reviewer knows and a clerk may not: laws and regulations cited that are no longer in
force or do not exist (``law.repealed``, ``law.unknown``), and institutions the township's level does not have
(``institution.level``). Their words are pack data: ``laws.toml`` (the laws in force, the repealed, the wrong
titles, with source and date) and ``institutions.toml`` (bodies by level), read from the pack's folders (an
office's folder first, then the pack's and the packs it inherits); adding a repealed law needs no Python.

All 《…》 titles of a text are found in one scan; institutions by one compiled pattern per level.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from drafter.cache import Cache
from drafter.checks.findings import Finding
from drafter.checks.text import Unit, finding
from drafter.i18n import _
from drafter.pack import Pack, validate_toml

# ---- the data: laws.toml, institutions.toml ------------------------------------------------------------------


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Repealed(_Data):
    """A law or regulation no longer in force."""

    title: str
    """Its full title as cited (``中华人民共和国合同法``, ``信访条例``)."""
    short: list[str] = Field(default_factory=list)
    """Other ways reports cite it (``合同法``)."""
    repealed: dt.date
    """The day it ceased to be in force."""
    replaced_by: str = ""
    """What is in force instead (``中华人民共和国民法典``); empty when nothing replaced it."""


class WrongTitle(_Data):
    """A title reports cite that is no law, with the right one when it is known."""

    title: str
    right: str = ""


class LawsSpec(_Data):
    """``laws.toml``."""

    source: str
    """Where the list comes from."""
    as_of: dt.date
    """The date the list describes."""
    completeness: str
    """How complete the list of laws in force is, in words."""
    prefix: str = "中华人民共和国"
    """The prefix of a national law's full title, dropped to compare titles."""
    in_force: list[str] = Field(default_factory=list)
    """The national laws in force, by their titles without :attr:`prefix`."""
    repealed: list[Repealed] = Field(default_factory=list)
    wrong_titles: list[WrongTitle] = Field(default_factory=list)
    checked_ending: str = "法"
    """A cited title with this ending that is neither in force, nor repealed, nor a wrong title, is ``law.unknown``:
    only the NPC makes laws (法), so a title ending so is a national law or no law."""
    past_markers: list[str] = Field(default_factory=list)
    """Words around a citation that tell it is about the past or the repeal itself (原, 废止 …): not flagged."""


class Institution(_Data):
    """A body or procedure that some levels do not have."""

    pattern: str
    """A regular expression that finds it in the running text."""
    absent_at: list[str]
    """The levels (the organisation's ending: 镇, 乡, 街道) that do not have it."""
    instead: str
    """What such a level has, or what to write."""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern {value!r} does not compile: {exc}") from None
        return value


class InstitutionsSpec(_Data):
    """``institutions.toml``."""

    source: str
    not_after: list[str] = Field(default_factory=list)
    """What, right before a body found, makes it a superior's (县政府常务会议): not flagged."""
    levels: list[str] = Field(default_factory=lambda: ["街道", "镇", "乡"])
    """The levels, told by the ending of the organisation's name (longest first)."""
    institutions: list[Institution] = Field(default_factory=list)


# ---- compiled ------------------------------------------------------------------------------------------------

_TITLE = re.compile(r"《([^《》\n]{1,60})》")
_EDITION = re.compile(r"[（(][^（）()]*[)）]$")
_CLAUSE_STOPS = "。；！？;!?\n"
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Laws:
    """The law data compiled for look-up by a title without its prefix."""

    spec: LawsSpec
    in_force: frozenset[str]
    repealed: dict[str, Repealed]
    wrong: dict[str, WrongTitle]


@dataclass(frozen=True)
class Institutions:
    spec: InstitutionsSpec
    by_level: dict[str, tuple[tuple[re.Pattern[str], Institution], ...]]


def _find(folders: tuple[Path, ...], name: str) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def _compile_laws(pack: Pack) -> Laws | None:
    path = _find(pack.folders, "laws.toml")
    if path is None:
        return None
    spec = validate_toml(LawsSpec, path)
    bare = _Bare(spec.prefix)
    repealed: dict[str, Repealed] = {}
    for law in spec.repealed:
        for name in (law.title, *law.short):
            repealed[bare(name)] = law
    return Laws(spec, frozenset(bare(t) for t in spec.in_force), repealed,
                {bare(w.title): w for w in spec.wrong_titles})


def _compile_institutions(pack: Pack) -> Institutions | None:
    path = _find(pack.folders, "institutions.toml")
    if path is None:
        return None
    spec = validate_toml(InstitutionsSpec, path)
    by_level = {level: tuple((re.compile(i.pattern), i) for i in spec.institutions if level in i.absent_at)
                for level in spec.levels}
    return Institutions(spec, by_level)


@dataclass(frozen=True)
class _Bare:
    prefix: str

    def __call__(self, title: str) -> str:
        """``title`` without spaces, the national prefix and an edition in brackets (``（2021年修订）``)."""
        title = _EDITION.sub("", "".join(title.split()))
        return title.removeprefix(self.prefix)


_LAWS: Cache[Laws | None] = Cache()
_INSTITUTIONS: Cache[Institutions | None] = Cache()


def laws(pack: Pack) -> Laws | None:
    """The pack's ``laws.toml`` compiled (None when the pack has none)."""
    return _LAWS.get(pack.identity, lambda: _compile_laws(pack))


def institutions(pack: Pack) -> Institutions | None:
    """The pack's ``institutions.toml`` compiled (None when the pack has none)."""
    return _INSTITUTIONS.get(pack.identity, lambda: _compile_institutions(pack))


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
    untitled = _TITLE.sub("", clause)  # 《…（2021年修订）》 is no date of an event
    return any(int(y) < repealed.year for y in _YEAR.findall(untitled))


def check_laws(pack: Pack, unit: Unit, year: int) -> list[Finding]:
    """``law.repealed``: a law cited that was no longer in force in the report year (unless the citation is about
    the past); ``law.unknown``: a 《…法》 that is no national law, with the right title when the data knows it."""
    data = laws(pack)
    if data is None or "《" not in unit.text:
        return []
    out: list[Finding] = []
    text = unit.text
    bare = _Bare(data.spec.prefix)
    for m in _TITLE.finditer(text):
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
        if wrong is not None or (title.endswith(data.spec.checked_ending) and title not in data.in_force):
            out.append(finding(
                "law.unknown", unit, m.group(0),
                _("{title} is not the title of a national law in force").format(title=m.group(0)),
                _("Write 《{right}》.").format(right=wrong.right) if wrong is not None and wrong.right
                else _("Check the title in the national database of laws and regulations (flk.npc.gov.cn)."),
            ))
    return out


def organisation_level(name: str, pack: Pack) -> str:
    """The level of an organisation (镇, 乡, 街道) told by the ending of its name; "" when none fits."""
    data = institutions(pack)
    levels = sorted(data.spec.levels, key=len, reverse=True) if data else []
    return next((level for level in levels if name.endswith(level)), "")


def check_institutions(pack: Pack, unit: Unit, level: str) -> list[Finding]:
    """``institution.level``: a body or procedure the township's level does not have (政府常务会议, 政协提案,
    人大常委会 in a 镇's report)."""
    data = institutions(pack)
    if data is None or not level:
        return []
    out: list[Finding] = []
    superiors = tuple(data.spec.not_after)
    for regex, inst in data.by_level.get(level, ()):
        for m in regex.finditer(unit.text):
            if unit.text.endswith(superiors, 0, m.start()):
                continue
            out.append(finding(
                "institution.level", unit, m.group(0),
                _("a {level} has no “{what}”: it exists at county level and above").format(
                    level=level, what=m.group(0)),
                inst.instead,
            ))
    return out
