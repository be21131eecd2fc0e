"""The reference data of the checks in :mod:`drafter.checks.laws`: ``laws.toml`` (the laws in force, the
repealed, the wrong titles, with source and date) and ``institutions.toml`` (bodies by level), read from the pack's
folders (an office's folder first, then the pack's and the packs it inherits: the first file found is used whole)
and compiled once per pack with the rest of its check data (:mod:`drafter.checks.compiled`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from drafter.pack import Pack, validate_toml

# ---- the data: laws.toml, institutions.toml ------------------------------------------------------------------



def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"pattern {value!r} does not compile: {exc}") from None
    return value


Regex = Annotated[str, AfterValidator(_compiles)]
"""A regular expression of a pack's data file, checked when the file is read (its file and line then name it)."""

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
    unchecked: list[str] = Field(default_factory=list)
    """Regular expressions of titles ending like a law that are not a national law's title and are never reported
    as unknown (a local 实施办法, a 方法)."""
    past_markers: list[str] = Field(default_factory=list)
    """Words around a citation that tell it is about the past or the repeal itself (原, 废止 …): not flagged."""


class Institution(_Data):
    """A body or procedure that some levels do not have."""

    pattern: Regex
    """A regular expression that finds it in the running text."""
    cues: list[str]
    """Words one of which every match of :attr:`pattern` holds: a text without any is not searched."""
    absent_at: list[str]
    """The levels (the organisation's ending: 镇, 乡, 街道) that do not have it."""
    instead: str
    """What such a level has, or what to write."""



class InstitutionsSpec(_Data):
    """``institutions.toml``."""

    source: str
    not_after: list[str] = Field(default_factory=list)
    """What, right before a body found, makes it a superior's (县政府常务会议): not flagged."""
    levels: list[str] = Field(default_factory=lambda: ["街道", "镇", "乡"])
    """The levels, told by the ending of the organisation's name (longest first)."""
    institutions: list[Institution] = Field(default_factory=list)


# ---- compiled ------------------------------------------------------------------------------------------------

TITLE = re.compile(r"《([^《》\n]{1,60})》")
"""A title in 《…》, group 1 its words."""
_EDITION = re.compile(r"[（(][^（）()]*[)）]$")


@dataclass(frozen=True)
class Laws:
    """The law data compiled for look-up by a title without its prefix."""

    spec: LawsSpec
    in_force: frozenset[str]
    repealed: dict[str, Repealed]
    wrong: dict[str, WrongTitle]
    unchecked: re.Pattern[str]


@dataclass(frozen=True)
class Institutions:
    """The bodies of ``institutions.toml``, for each level one pattern of all it does not have (group ``i<n>``:
    the n-th of ``absent``)."""

    spec: InstitutionsSpec
    by_level: dict[str, tuple[re.Pattern[str], tuple[Institution, ...]]]
    cues: re.Pattern[str]
    """Any institution's cue word."""


def _find(folders: tuple[Path, ...], name: str) -> Path | None:
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def compile_laws(pack: Pack) -> Laws | None:
    """The pack's ``laws.toml`` compiled; None when the pack has none."""
    path = _find(pack.folders, "laws.toml")
    if path is None:
        return None
    spec = validate_toml(LawsSpec, path)
    bare = Bare(spec.prefix)
    repealed: dict[str, Repealed] = {}
    for law in spec.repealed:
        for name in (law.title, *law.short):
            repealed[bare(name)] = law
    return Laws(spec, frozenset(bare(t) for t in spec.in_force), repealed,
                {bare(w.title): w for w in spec.wrong_titles},
                re.compile("|".join(f"(?:{p})" for p in spec.unchecked) or "(?!)"))


def compile_institutions(pack: Pack) -> Institutions | None:
    """The pack's ``institutions.toml`` compiled; None when the pack has none."""
    path = _find(pack.folders, "institutions.toml")
    if path is None:
        return None
    spec = validate_toml(InstitutionsSpec, path)
    by_level: dict[str, tuple[re.Pattern[str], tuple[Institution, ...]]] = {}
    for level in spec.levels:
        absent = tuple(i for i in spec.institutions if level in i.absent_at)
        if absent:
            joined = "|".join(f"(?P<i{n}>{inst.pattern})" for n, inst in enumerate(absent))
            by_level[level] = (re.compile(joined), absent)
    cues = sorted({cue for inst in spec.institutions for cue in inst.cues}, key=len, reverse=True)
    return Institutions(spec, by_level, re.compile("|".join(re.escape(cue) for cue in cues) or "(?!)"))


@dataclass(frozen=True)
class Bare:
    """A title as the lists compare it."""

    prefix: str

    def __call__(self, title: str) -> str:
        """``title`` without spaces, the national prefix and an edition in brackets (``（2021年修订）``)."""
        title = _EDITION.sub("", "".join(title.split()))
        return title.removeprefix(self.prefix)
