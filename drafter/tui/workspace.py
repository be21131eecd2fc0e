"""The clerk's workspace: a folder of answers files named ``<year>.json`` (no textual here).

Scanning never raises: a corrupt or unreadable file becomes an entry that says what is wrong, so the UI can
still start and offer to restore the newest good backup.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from drafter.errors import DrafterError
from drafter.model import Answers, Section
from drafter.pack import Pack
from drafter.store import load_answers, newest_good_backup

State = Literal["empty", "draft", "complete"]

_YEAR_FILE = re.compile(r"^(\d{4})\.json$")


@dataclass(frozen=True)
class ReportEntry:
    """One answers file of the workspace, readable or not."""

    path: Path
    year: int
    answers: Answers | None
    error: str | None
    saved: dt.datetime | None
    backup: Path | None
    """For an unreadable file: the newest backup that reads well, if any."""

    @property
    def ok(self) -> bool:
        """True when the file reads and validates."""
        return self.answers is not None


def scan(folder: Path) -> list[ReportEntry]:
    """Every ``<year>.json`` in ``folder``, newest year first."""
    entries: list[ReportEntry] = []
    if not folder.is_dir():
        return entries
    for path in folder.iterdir():
        match = _YEAR_FILE.match(path.name)
        if not match:
            continue
        try:
            saved: dt.datetime | None = dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            saved = None
        try:
            answers: Answers | None = load_answers(path)
            error = None
            backup = None
        except DrafterError as exc:
            answers, error = None, str(exc)
            backup = newest_good_backup(path)
        entries.append(ReportEntry(path, int(match.group(1)), answers, error, saved, backup))
    entries.sort(key=lambda e: e.year, reverse=True)
    return entries


def load_previous(folder: Path, year: int) -> Answers | None:
    """Last year's answers from ``<folder>/<year-1>.json`` when it exists and reads well."""
    path = folder / f"{year - 1}.json"
    if not path.is_file():
        return None
    try:
        return load_answers(path)
    except DrafterError:
        return None


def section_state(section: Section | None) -> State:
    """empty: no text; draft: text still unreviewed or an item without text; complete otherwise."""
    if section is None or section.is_empty():
        return "empty"
    if any(p.needs_review for p in section.all_paragraphs()):
        return "draft"
    for item in section.items:
        if not item.all_paragraphs() or not any(p.text.strip() for p in item.all_paragraphs()):
            return "draft"
    return "complete"


def basics_state(answers: Answers) -> State:
    """complete when the township, the recipients and the date are given."""
    org = answers.org
    filled = [bool(org.name.strip()), bool(org.recipients), answers.date is not None]
    if all(filled):
        return "complete"
    return "draft" if any(filled) else "empty"


def figures_state(answers: Answers, pack: Pack) -> State:
    """complete when every count of the catalogue is typed, draft when some are."""
    counts = [f.key for f in pack.spec.figures if f.kind == "count"]
    typed = [k for k in counts if answers.figure_value(k) is not None]
    if not typed:
        return "empty"
    return "complete" if len(typed) == len(counts) else "draft"


def completeness(answers: Answers, pack: Pack) -> int:
    """How complete the report is, in percent: basics and each required part count equally."""
    states = [basics_state(answers)]
    states += [section_state(answers.sections.get(s.key)) for s in pack.spec.sections if s.required]
    score = sum(1.0 if s == "complete" else 0.5 if s == "draft" else 0.0 for s in states)
    return round(100 * score / len(states))
