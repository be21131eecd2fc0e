"""The clerk's workspace, for every front end (the TUI, ``drafter serve`` through it, the command line): a folder
of answers files named ``<year>.json`` for the default report type and ``<pack>-<year>.json`` for the others.

It owns listing the reports (quickly from the files' heads, then in full), the file names and reading them back,
the years already taken, creating a report (blank, carried forward from the newest earlier one, imported), changing
a report's year (and its file's name), removing and putting back, restoring a backup, the pack and the snippets of a
report, the edit lock and the open report (:class:`Session`). Front ends keep navigation and messages.

Scanning never raises: a corrupt or unreadable file becomes an entry that says what is wrong, so the UI can
still start and offer to restore the newest good backup. No textual here; the model, the pack and the store
(pydantic, jinja) are imported by the functions that need them, so listing the reports stays light.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from drafter.errors import DrafterError, InputError
from drafter.locations import DEFAULT_PACK, templates_dir

if TYPE_CHECKING:
    from drafter.editlock import EditLock, Holder, Unavailable, Unverified
    from drafter.importer import ImportResult
    from drafter.model import Answers, Section
    from drafter.pack import Pack, SectionSpec
    from drafter.snippets import SnippetLibrary
    from drafter.store import Restored

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


def parse_report_file(name: str) -> tuple[str, int] | None:
    """The report type and year a file name gives (the reverse of :func:`report_file`); None for a file that is not
    a report's (another name, or ``<pack>-<year>.json`` of a pack drafter does not have)."""
    match = _REPORT_FILE.match(name)
    if match is None or (match.group(1) is not None and match.group(1) not in report_types()):
        return None
    return match.group(1) or DEFAULT_PACK, int(match.group(2))


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
        parsed = parse_report_file(path.name)
        if parsed is not None:
            found.append((path, parsed[1], parsed[0]))
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


def basics_state(answers: Answers, pack: Pack) -> State:
    """complete when the township, the date and (when the pack's report is addressed to someone) the recipients
    are given."""
    from drafter.compose import addressed

    org = answers.org
    filled = [bool(org.name.strip()), answers.date is not None]
    if addressed(answers, pack):
        filled.append(bool(org.recipients))
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
    states = [basics_state(answers, pack)]
    states += [part_state(answers, pack, s) for s in pack.spec.sections if s.required]
    score = sum(1.0 if s == "complete" else 0.5 if s == "draft" else 0.0 for s in states)
    return round(100 * score / len(states))


# ---- the years of a workspace ----------------------------------------------------------------------------------
def years_taken(folder: Path) -> dict[str, set[int]]:
    """The years ``folder`` has a report for, by report type, from the file names alone (the one rule: a year is
    taken when the file a new report of that type and year would get exists)."""
    taken: dict[str, set[int]] = {}
    for _path, year, pack in _year_files(folder):
        taken.setdefault(pack, set()).add(year)
    return taken


def default_year(today: dt.date | None = None) -> int:
    """The year a new report is most likely about: last year until the end of June (reports are written early in
    the year after), this year from July."""
    today = today or dt.date.today()
    return today.year - 1 if today.month <= 6 else today.year


def next_year(folder: Path, pack: str) -> int:
    """The year a new report of type ``pack`` is for by default: the year after the newest one ``folder`` has of
    that type, else :func:`default_year`."""
    taken = years_taken(folder).get(pack)
    return max(taken) + 1 if taken else default_year()


def township(folder: Path) -> str | None:
    """The township of the workspace, as its newest report that names one gives it (from the files' heads)."""
    return next((line.name for line in list_reports(folder) if line.name), None)


def _refuse_taken(path: Path, year: int) -> None:
    if path.exists():
        from drafter.i18n import _

        raise InputError(_("The workspace already has a report for {year}; open it instead.").format(year=year), path)


# ---- creating reports ------------------------------------------------------------------------------------------
def report_path(folder: Path, pack: str, year: int) -> Path:
    """Where the report of type ``pack`` for ``year`` lives in ``folder``."""
    return folder / report_file(pack, year)


def blank(name: str, year: int, pack: str = DEFAULT_PACK) -> Answers:
    """A blank report of type ``pack`` for township ``name`` and ``year`` (the organs default to the pack's wording
    for the township, see compose)."""
    from drafter.model import Answers, Organisation

    answers = Answers(org=Organisation(name=name), year=year)
    answers.pack = pack
    return answers


def carry_source(folder: Path, pack: str, year: int) -> Path | None:
    """The report a new ``pack`` report for ``year`` is carried forward from: the newest earlier one of that type
    whose file reads well (None when there is none)."""
    from drafter.store import load_answers

    for path, file_year, named in _year_files(folder):
        if named != pack or file_year >= year:
            continue
        try:
            answers = load_answers(path)
        except DrafterError:
            continue
        if answers.pack == pack:
            return path
    return None


def carried_forward(folder: Path, pack: str, year: int) -> Answers:
    """A report of type ``pack`` for ``year`` carried forward from the newest earlier one of ``folder``; an
    :class:`~drafter.errors.InputError` when there is none."""
    from drafter.i18n import _
    from drafter.reuse import carry_forward
    from drafter.store import load_answers

    source = carry_source(folder, pack, year)
    if source is None:
        raise InputError(_("There is no report before {year} to start from.").format(year=year), folder)
    return carry_forward(load_answers(source), year, pack_of(pack))


def ensure_workspace(path: Path) -> Path:
    """``path`` as the workspace folder, created when missing; an :class:`~drafter.errors.InputError` naming it
    (one line, exit 2 on the command line) when it is a file or cannot be created (a file in the way)."""
    from drafter.errors import os_reason
    from drafter.i18n import _

    if path.exists() and not path.is_dir():
        raise InputError(_("cannot be the workspace: it is a file, not a folder"), path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(_("cannot be the workspace ({reason})").format(reason=os_reason(exc)), path) from None
    return path


def create(folder: Path, answers: Answers) -> Path:
    """Write ``answers`` as a new report of ``folder``, under the name the editor gives it; refused (an
    :class:`~drafter.errors.InputError`) when the workspace has that report already or its pack cannot be loaded.

    A workspace holding reports but no organisation profile is given one first (:func:`drafter.store.adopt_profile`):
    the new report then takes the organisation's data from it, whatever its type."""
    from drafter.store import adopt_profile, save_answers

    path = report_path(folder, answers.pack, answers.year)
    _refuse_taken(path, answers.year)
    pack_of(answers.pack)  # a report of a pack drafter cannot load is not created
    ensure_workspace(folder)
    adopt_profile(folder)
    save_answers(path, answers)
    return path


def import_source(source: Path, cancel: threading.Event | None = None, year: int | None = None,
                  org: str | None = None, pack_dir: Path | None = None) -> ImportResult:
    """Read ``source`` (.docx, .txt, .html; .doc/.wps through LibreOffice) as a report; the report type is told from
    the source. Write it with :func:`create`."""
    from drafter.importer import import_file

    return import_file(source, None, year, org, pack_dir=pack_dir, cancel=cancel)


# ---- one report's file -----------------------------------------------------------------------------------------
def year_path(path: Path, pack: str, old: int, new: int) -> Path:
    """Where the answers file of a report goes when its year changes: ``<year>.json`` (``<pack>-<year>.json``)
    follows the year; a file named otherwise keeps its name."""
    return path.with_name(report_file(pack, new)) if path.name == report_file(pack, old) else path


def change_year(session: Session, year: int) -> Path:
    """Make the open report about ``year``: its file renamed when its name follows the year, then saved. Refused
    (an :class:`~drafter.errors.InputError`) when the workspace has that report already."""
    from drafter.store import rename_answers

    pack = session.answers.pack
    _refuse_taken(report_path(session.path.parent, pack, year), year)
    new_path = year_path(session.path, pack, session.answers.year, year)
    if new_path != session.path:
        rename_answers(session.path, new_path)
    session.answers.year = year
    session.path = new_path
    session.save()
    return new_path


def remove(path: Path) -> Path:
    """Move report ``path`` into the workspace's backups; returns where it went (for :func:`put_back`)."""
    from drafter.store import remove_answers

    return remove_answers(path)


def put_back(kept: Path, path: Path) -> None:
    """Bring back a report :func:`remove` moved to ``kept``."""
    from drafter.store import put_back as store_put_back

    store_put_back(kept, path)


def restore(path: Path) -> Restored:
    """Copy the newest good backup over the unreadable report ``path``; what was restored (the backup used, whose
    report and which year, and what differs from the damaged file)."""
    from drafter.store import restore_backup

    return restore_backup(path)


# ---- the pack, the snippets and the lock of a report -----------------------------------------------------------
def pack_of(name: str) -> Pack:
    """The pack of report type ``name`` (kept in memory by drafter.cache)."""
    from drafter.pack import load_pack

    return load_pack(name)


_snippets: dict[str, SnippetLibrary] = {}


def snippets_of(pack: Pack) -> SnippetLibrary:
    """The snippet library of ``pack`` (``snippets/<pack>/``), each report type its own, read once per process."""
    if pack.name not in _snippets:
        from drafter.snippets import load_snippets

        _snippets[pack.name] = load_snippets(pack)
    return _snippets[pack.name]


def lock(path: Path, replace: str | None = None) -> EditLock | Holder | Unverified | Unavailable:
    """Take the edit lock of report ``path`` through :func:`drafter.editlock.acquire`: the lock; or who holds it;
    or a holder that cannot be verified alive (to take over, with the clerk's consent, by calling again with
    ``replace`` = the lock's text); or why no lock can be taken."""
    from drafter.editlock import acquire

    return acquire(path, replace)


# ---- the open report -------------------------------------------------------------------------------------------
BACKUP_EVERY_S = 60.0
"""Autosave writes often; a backup of the replaced version is kept at most once per this many seconds."""


@dataclass
class Session:
    """The report being edited: its file, its answers, its pack, last year's answers, and saving."""

    path: Path
    answers: Answers
    pack: Pack
    previous: Answers | None = None
    saved_at: float | None = None
    read_only: bool = False
    """Opened while another tab or window edits the same file (see drafter.editlock): never written."""
    _last_backup: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        from drafter.store import prune_backups

        prune_backups(self.path)  # the cap holds even when an earlier save was killed mid-way

    @property
    def output(self) -> Path:
        """Where the .docx goes: beside the answers file, named after it."""
        return self.path.with_suffix(".docx")

    @property
    def snippets(self) -> SnippetLibrary:
        """The snippets of this report's own pack."""
        return snippets_of(self.pack)

    def save(self) -> None:
        """Write the answers atomically; back up the replaced version at most once a minute."""
        from drafter.store import BACKUPS_KEPT, save_answers

        if self.read_only:
            return
        now = time.monotonic()
        keep = 0
        if now - self._last_backup >= BACKUP_EVERY_S:
            keep = BACKUPS_KEPT
            self._last_backup = now
        save_answers(self.path, self.answers, keep=keep)
        self.saved_at = time.time()


def open_report(path: Path, answers: Answers, read_only: bool = False) -> Session:
    """The open report ``answers`` (read from ``path``), with its pack and last year's report of the same type."""
    return Session(path, answers, pack_of(answers.pack), load_previous(path.parent, answers.year, answers.pack),
                   read_only=read_only)
