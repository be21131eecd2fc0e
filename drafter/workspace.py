"""The clerk's workspace: a folder of answers files named ``<year>.json`` for the default report type and
``<pack>-<year>.json`` for the others (no textual here).

Scanning never raises: a corrupt or unreadable file becomes an entry that says what is wrong, so the UI can
still start and offer to restore the newest good backup.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.errors import DrafterError
from drafter.locations import DEFAULT_PACK, templates_dir

if TYPE_CHECKING:
    from drafter.model import Answers, Section
    from drafter.pack import Pack, SectionSpec

# The model, the pack and the store (pydantic, jinja) are imported by the functions that need them: the start
# screen lists the reports with list_reports() before any of them is loaded.

State = Literal["empty", "draft", "complete"]

_REPORT_FILE = re.compile(r"^(?:([a-z][a-z0-9_-]*)-)?(\d{4})\.json$")


@cache
def report_types() -> dict[str, str]:
    """The built-in report types: each pack of ``templates/`` with its title (``pack.toml`` ``title``), the default
    pack first. Read with tomllib alone, so the start screen names them before pydantic and jinja are loaded."""
    found: dict[str, str] = {}
    folder = templates_dir()
    names = sorted(p.name for p in folder.iterdir() if (p / "pack.toml").is_file()) if folder.is_dir() else []
    for name in sorted(names, key=lambda n: n != DEFAULT_PACK):
        try:
            title = tomllib.loads((folder / name / "pack.toml").read_text(encoding="utf-8")).get("title")
        except (OSError, ValueError):
            title = None  # loading the pack says what is wrong with it
        found[name] = title if isinstance(title, str) and title else name
    return found


def report_title(pack: str) -> str:
    """The title of report type ``pack`` (its name when it is not a built-in pack)."""
    return report_types().get(pack, pack)


def report_file(pack: str, year: int) -> str:
    """The name of the answers file of a report: ``<year>.json`` for the default pack, ``<pack>-<year>.json``."""
    return f"{year}.json" if pack == DEFAULT_PACK else f"{pack}-{year}.json"


def _order(pack: str) -> int:
    """Where reports of ``pack`` go among the reports of one year: in the order of :func:`report_types`."""
    types = list(report_types())
    return types.index(pack) if pack in types else len(types)


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
    named_pack: str = DEFAULT_PACK
    """The report type the file's name gives (``<pack>-<year>.json``)."""

    @property
    def ok(self) -> bool:
        """True when the file reads and validates."""
        return self.answers is not None

    @property
    def pack(self) -> str:
        """The report type: the answers' pack, or for an unreadable file the one its name gives."""
        return self.answers.pack if self.answers is not None else self.named_pack


@dataclass(frozen=True)
class ReportLine:
    """What the start screen shows of an answers file before it is read in full: year, township, when saved."""

    path: Path
    year: int
    name: str | None
    """The township, or None when the head of the file does not give it (the full read says why)."""
    saved: dt.datetime | None
    pack: str = DEFAULT_PACK
    """The report type, as the head of the file gives it."""


_ORG_NAME = re.compile(r'"org"\s*:\s*\{[^{}]*?"name"\s*:\s*("(?:[^"\\]|\\.)*")')
_PACK = re.compile(r'"pack"\s*:\s*("(?:[^"\\]|\\.)*")')
_HEAD_BYTES = 4096
"""drafter writes ``org.name`` within the first lines; the head of a file is enough for the list."""


def _year_files(folder: Path) -> list[tuple[Path, int, str]]:
    """Every report file of ``folder`` (``<year>.json``, ``<pack>-<year>.json`` for a built-in pack) with its year
    and the pack its name gives, newest year first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _REPORT_FILE.match(path.name)
        if match and (match.group(1) is None or match.group(1) in report_types()):
            found.append((path, int(match.group(2)), match.group(1) or DEFAULT_PACK))
    return sorted(found, key=lambda f: (-f[1], _order(f[2]), f[0].name))


def _saved(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def peek_head(path: Path, named_pack: str = DEFAULT_PACK) -> tuple[str | None, str]:
    """The township and the report type of answers file ``path``, read from the head of the file without
    validating it. A file that names no type is of the default one (as the model reads it); for a file that cannot
    be read, the type is ``named_pack``, the one its name gives."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="ignore")
        match = _ORG_NAME.search(head)
        if match is None:  # not written by drafter, or an unusual layout: read the whole file (still no model)
            data = json.loads(path.read_text(encoding="utf-8"))
            name = data.get("org", {}).get("name") if isinstance(data, dict) else None
            pack = data.get("pack", DEFAULT_PACK) if isinstance(data, dict) else named_pack
        else:
            name = json.loads(match.group(1))
            pack_match = _PACK.search(head)  # drafter writes it before the township; absent: the default pack
            pack = json.loads(pack_match.group(1)) if pack_match else DEFAULT_PACK
    except (OSError, ValueError, AttributeError):
        return None, named_pack
    return (name if isinstance(name, str) else None), (pack if isinstance(pack, str) else named_pack)


def list_reports(folder: Path) -> list[ReportLine]:
    """Every report file of ``folder``, newest year first, as far as the list needs it (see :func:`scan`)."""
    lines = []
    for path, year, named in _year_files(folder):
        name, pack = peek_head(path, named)
        lines.append(ReportLine(path, year, name, _saved(path), pack))
    return lines


def scan(folder: Path) -> list[ReportEntry]:
    """Every report file of ``folder``, read and validated, newest year first."""
    from drafter.store import load_answers, newest_good_backup

    entries: list[ReportEntry] = []
    for path, year, named in _year_files(folder):
        try:
            answers: Answers | None = load_answers(path)
            error = None
            backup = None
        except DrafterError as exc:
            answers, error = None, str(exc)
            backup = newest_good_backup(path)
        entries.append(ReportEntry(path, year, answers, error, _saved(path), backup, named))
    return entries


def load_previous(folder: Path, year: int, pack: str = DEFAULT_PACK) -> Answers | None:
    """Last year's answers of the same report type (``<year-1>.json``, ``<pack>-<year-1>.json``) when they exist
    and read well."""
    from drafter.store import load_answers

    path = folder / report_file(pack, year - 1)
    if not path.is_file():
        return None
    try:
        answers = load_answers(path)
    except DrafterError:
        return None
    return answers if answers.pack == pack else None


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


def table_state(answers: Answers, pack: Pack, key: str) -> State:
    """complete when every cell of table ``key`` the clerk types is filled, draft when some are."""
    from drafter.tables import typed_cells

    spec, table = pack.table(key), answers.tables.get(key)
    if spec is None or table is None:
        return "empty"
    cells = typed_cells(spec)
    filled = sum(1 for row, column in cells if column in table.cells.get(row, {}))
    if not filled:
        return "empty"
    return "complete" if filled == len(cells) else "draft"


def part_state(answers: Answers, pack: Pack, spec: SectionSpec) -> State:
    """The state of a part: its table's for a part that holds one (the format's parts 二 to 四 are the table),
    else its text's."""
    if spec.table:
        return table_state(answers, pack, spec.table)
    return section_state(answers.sections.get(spec.key))


def completeness(answers: Answers, pack: Pack) -> int:
    """How complete the report is, in percent: basics and each required part count equally."""
    states = [basics_state(answers)]
    states += [part_state(answers, pack, s) for s in pack.spec.sections if s.required]
    score = sum(1.0 if s == "complete" else 0.5 if s == "draft" else 0.0 for s in states)
    return round(100 * score / len(states))
