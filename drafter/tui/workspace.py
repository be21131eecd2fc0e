"""The clerk's workspace: a folder of answers files named ``<year>.json`` (no textual here).

Scanning never raises: a corrupt or unreadable file becomes an entry that says what is wrong, so the UI can
still start and offer to restore the newest good backup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.model import Answers, Section
    from drafter.pack import Pack

# The model, the pack and the store (pydantic, jinja) are imported by the functions that need them: the start
# screen lists the reports with list_reports() before any of them is loaded.

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


@dataclass(frozen=True)
class ReportLine:
    """What the start screen shows of an answers file before it is read in full: year, township, when saved."""

    path: Path
    year: int
    name: str | None
    """The township, or None when the head of the file does not give it (the full read says why)."""
    saved: dt.datetime | None


_ORG_NAME = re.compile(r'"org"\s*:\s*\{[^{}]*?"name"\s*:\s*("(?:[^"\\]|\\.)*")')
_HEAD_BYTES = 4096
"""drafter writes ``org.name`` within the first lines; the head of a file is enough for the list."""


def _year_files(folder: Path) -> list[tuple[Path, int]]:
    """Every ``<year>.json`` in ``folder`` with its year, newest year first."""
    if not folder.is_dir():
        return []
    found = [(path, int(match.group(1))) for path in folder.iterdir() if (match := _YEAR_FILE.match(path.name))]
    return sorted(found, key=lambda found_file: found_file[1], reverse=True)


def _saved(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def peek_name(path: Path) -> str | None:
    """The township named in answers file ``path``, read from the head of the file without validating it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="ignore")
        match = _ORG_NAME.search(head)
        if match is None:  # not written by drafter, or an unusual layout: read the whole file (still no model)
            data = json.loads(path.read_text(encoding="utf-8"))
            name = data.get("org", {}).get("name") if isinstance(data, dict) else None
        else:
            name = json.loads(match.group(1))
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) else None


def list_reports(folder: Path) -> list[ReportLine]:
    """Every ``<year>.json`` in ``folder``, newest year first, as far as the list needs it (see :func:`scan`)."""
    return [ReportLine(path, year, peek_name(path), _saved(path)) for path, year in _year_files(folder)]


def scan(folder: Path) -> list[ReportEntry]:
    """Every ``<year>.json`` in ``folder``, read and validated, newest year first."""
    from drafter.store import load_answers, newest_good_backup

    entries: list[ReportEntry] = []
    for path, year in _year_files(folder):
        try:
            answers: Answers | None = load_answers(path)
            error = None
            backup = None
        except DrafterError as exc:
            answers, error = None, str(exc)
            backup = newest_good_backup(path)
        entries.append(ReportEntry(path, year, answers, error, _saved(path), backup))
    return entries


def load_previous(folder: Path, year: int) -> Answers | None:
    """Last year's answers from ``<folder>/<year-1>.json`` when it exists and reads well."""
    from drafter.store import load_answers

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
