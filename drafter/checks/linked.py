"""The two reports of one township and year agree (``link.contradiction``): what one pack's ``links.toml``
declares about a pair of report types — a figure of one against cells of the other, a statement of either that a
count contradicts when it is above zero, a wording of one that the other's wording contradicts (the publishing
platform). :func:`siblings` finds the other reports of the same year beside an answers file (the workspace folder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from drafter.cache import Cache
from drafter.checks.findings import Finding
from drafter.checks.reference import Regex
from drafter.checks.text import Unit, finding, units
from drafter.compose import Document, compose
from drafter.errors import DrafterError
from drafter.figures import values_of
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack, validate_toml

Side = Literal["pack", "other"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountLink(_Data):
    """A figure of the pack against the sum of cells of the other pack's tables."""

    label: str
    figure: str
    """The figure's key in the pack."""
    cells: list[str]
    """``table.row.column`` of the other pack (derived cells such as totals included)."""
    relation: Literal["equal", "at_least"] = "equal"
    """``at_least``: the figure counts more than the cells (every 行政复议 against those about 政府信息公开)."""


class StatementLink(_Data):
    """Words in one report that a count of the other pack's tables contradicts when it is above zero."""

    side: Side
    """The report whose text is searched."""
    pattern: Regex
    cells: list[str]
    """``table.row.column`` of the other pack, summed."""
    says: str
    """What the count shows, for the message."""



class WordingLink(_Data):
    """Words in one report that the other report's words contradict (two different publishing platforms)."""

    side: Side
    pattern: Regex
    other_pattern: Regex
    """Words of the other report which make :attr:`pattern` wrong."""
    write: str
    """What to write instead."""



class LinksSpec(_Data):
    """``links.toml`` of a pack: what it and another report type of the same township and year both state."""

    pack: str
    other: str
    counts: list[CountLink] = Field(default_factory=list)
    statements: list[StatementLink] = Field(default_factory=list)
    wordings: list[WordingLink] = Field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """One report of the pair: where it is, its answers and pack."""

    path: Path
    answers: Answers
    pack: Pack
    doc: Document | None = None
    """The report composed, when it is at hand (else it is composed here)."""


_LINKS: Cache[LinksSpec | None] = Cache()


def _load_links(pack: Pack) -> LinksSpec | None:
    path = next((folder / "links.toml" for folder in pack.folders if (folder / "links.toml").is_file()), None)
    return validate_toml(LinksSpec, path) if path is not None else None


def links(pack: Pack) -> LinksSpec | None:
    """The pack's ``links.toml`` (the first found in its folders, an office's first), or None; read once per
    pack."""
    return _LINKS.get(pack.identity, lambda: _load_links(pack))


def siblings(path: Path, answers: Answers) -> list[Report]:
    """The other answers files beside ``path`` that report on the same year as ``answers`` in another report type,
    one of each type, the shortest name first (the workspace keeps each type and year in one file,
    ``gongkai-2025.json``; a ``--fix`` copy beside it is not a second one). Files that do not read are left out."""
    from drafter.pipeline import load_checked

    out: list[Report] = []
    seen = {answers.pack}
    for other in sorted(path.parent.glob(f"*{answers.year}*.json"), key=lambda p: (len(p.name), p.name)):
        if other.resolve() == path.resolve():
            continue
        try:
            other_answers, other_pack = load_checked(other)
        except (DrafterError, OSError, ValueError):
            continue
        if other_answers.year == answers.year and other_answers.pack not in seen:
            seen.add(other_answers.pack)  # one of each type: gongkai-2025.json, not also its .fixed.json copy
            out.append(Report(other, other_answers, other_pack))
    return out


class _Cells:
    """The cells of a report's tables, derived ones included, each table computed once."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.tables: dict[str, dict[tuple[str, str], Decimal | int] | None] = {}

    def sum(self, refs: list[str]) -> int | None:
        """The sum of the cells ``table.row.column``; None when a table is not filled in at all."""
        from drafter.tables import computed

        total = 0
        for ref in refs:
            table_key, row, column = ref.split(".")
            if table_key not in self.tables:
                table = self.report.pack.table(table_key)
                data = self.report.answers.tables.get(table_key)
                self.tables[table_key] = computed(table, data.cells) if table and data else None
            values = self.tables[table_key]
            if values is None:
                return None
            total += int(values.get((row, column), 0))
        return total


def check_linked(this: Report, other: Report) -> list[Finding]:
    """``link.contradiction`` between ``this`` report (the one checked) and ``other`` of the same year, by the
    links either pack declares for the pair. Findings in the other report's text name that file."""
    spec = next((s for s in (links(this.pack), links(other.pack))
                 if s is not None and {s.pack, s.other} == {this.answers.pack, other.answers.pack}), None)
    if spec is None:
        return []
    sides = {"pack": this if this.answers.pack == spec.pack else other}
    sides["other"] = other if sides["pack"] is this else this
    texts = {side: list(units((r.doc or compose(r.answers, r.pack)).blocks)) for side, r in sides.items()}
    out: list[Finding] = []

    def at(side: str, unit: Unit, excerpt: str, message: str, suggestion: str) -> Finding:
        if sides[side] is this:
            return finding("link.contradiction", unit, excerpt, message, suggestion)
        return finding("link.contradiction", None, excerpt,
                       _("{message} (in {file})").format(message=message, file=sides[side].path.name), suggestion)

    base = sides["pack"]
    values = values_of(base.answers, base.pack)
    cells = _Cells(sides["other"])
    for count in spec.counts:
        mine = values.counts.get(count.figure)
        theirs = cells.sum(count.cells)
        if mine is None or theirs is None:
            continue
        wrong = mine < theirs if count.relation == "at_least" else mine != theirs
        if wrong:
            message = _("{label}: {this_file} gives {mine}, {other_file} gives {theirs}").format(
                label=count.label, this_file=base.path.name, mine=mine, other_file=sides["other"].path.name,
                theirs=theirs)
            out.append(finding("link.contradiction", None, "", message,
                               _("Make the two reports of this year agree.")))
    for statement in spec.statements:
        shown = cells.sum(statement.cells)
        if not shown:
            continue
        regex = re.compile(statement.pattern)
        for unit in texts[statement.side]:
            for m in regex.finditer(unit.text):
                shows = (_("the other report of this year shows {says} ({n})") if statement.side == "pack"
                         else _("the report's own tables show {says} ({n})"))
                out.append(at(statement.side, unit, m.group(0), shows.format(says=statement.says, n=shown),
                              _("Write what the figures show.")))
    for wording in spec.wordings:
        side = wording.side
        opposite = "other" if side == "pack" else "pack"
        other_regex = re.compile(wording.other_pattern)
        said = next((m.group(0) for u in texts[opposite] for m in [other_regex.search(u.text)] if m), None)
        if said is None:
            continue
        regex = re.compile(wording.pattern)
        for unit in texts[side]:
            for m in regex.finditer(unit.text):
                out.append(at(side, unit, m.group(0),
                              _("the other report of this year says “{said}”").format(said=said), wording.write))
    return out
