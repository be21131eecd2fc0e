"""The county's view: read and check every township's report at once.

:func:`collect` finds the reports under the paths given; :func:`survey` reads each one with the same
:func:`~drafter.checks.source.load_source` and checks it with the same :func:`~drafter.checks.source.check_source`
as ``drafter check`` (so the findings are the ones ``drafter check`` gives for the file alone), in a process pool on
every core; :func:`flag` marks organisations named twice and years other than the one surveyed.
:mod:`drafter.survey.tables` lays the results out as 报告概况 / 问题清单 / 数据汇总 and
:mod:`drafter.survey.write` writes them as a workbook, CSV or JSON.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

from drafter.checks.findings import SEVERITY_ORDER, Finding, Severity
from drafter.checks.source import ANSWERS_SUFFIXES, IMPORT_SUFFIXES, CheckSource
from drafter.i18n import _
from drafter.pack import Pack, Role
from drafter.store import PROFILE_NAME, is_temporary

REPORT_SUFFIXES = IMPORT_SUFFIXES + ANSWERS_SUFFIXES
"""What a folder is searched for: the files ``drafter check`` reads."""

_IN_PROCESS_BELOW = 4
"""With fewer reports than this, starting worker processes costs more than it saves."""


class PartState(IntEnum):
    """How a report covers a part the pack requires."""

    PRESENT = 0
    MERGED = 1
    """Not a part of its own but an item inside another part (duty inside measures, as many reports write it)."""
    MISSING = 2


class Status(IntEnum):
    """A report's state as a reviewer sorts by it: the most urgent first."""

    UNREADABLE = 1
    ERRORS = 2
    REVIEW = 3
    """Warnings, or a flag (organisation named twice, another year)."""
    NOTES = 4
    CLEAN = 5

    def label(self) -> str:
        """``"2 有错误"``: the rank first, so that sorting the column sorts by urgency."""
        words = {
            Status.UNREADABLE: _("unreadable"),
            Status.ERRORS: _("has errors"),
            Status.REVIEW: _("to review"),
            Status.NOTES: _("notes only"),
            Status.CLEAN: _("no problems"),
        }[self]
        return f"{int(self)} {words}"


@dataclass
class Surveyed:
    """One report read and checked (or why it could not be)."""

    path: Path
    error: str | None = None
    """Why the file could not be read; None when it was."""
    org: str = ""
    """The organisation's name; empty when the source does not state it."""
    year: int | None = None
    pack: str = ""
    """The name of the pack (report type) the report was read and checked with; empty when it could not be read."""
    parts: dict[str, tuple[PartState, str | None]] = field(default_factory=dict)
    """Each required part's state, and for a merged part the key of the part it is inside."""
    causes: bool | None = None
    """Whether the problems part gives causes; None when there is no problems part."""
    findings: list[Finding] = field(default_factory=list)
    """Exactly what ``drafter check`` finds in this file alone."""
    figures: dict[str, int] = field(default_factory=dict)
    """The catalogue figures the report states, by key."""
    notes: list[str] = field(default_factory=list)
    """What the import noted (as ``drafter check`` prints as warnings)."""
    flags: list[str] = field(default_factory=list)
    """What the survey itself flags: the same organisation in another file, another year."""

    @property
    def readable(self) -> bool:
        return self.error is None

    def count(self, severity: Severity) -> int:
        """How many findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def most_serious(self, n: int = 3) -> list[Finding]:
        """The ``n`` most serious findings, in the report's order within each severity."""
        return sorted(self.findings, key=lambda f: SEVERITY_ORDER[f.severity])[:n]

    @property
    def status(self) -> Status:
        if self.error is not None:
            return Status.UNREADABLE
        if self.count(Severity.ERROR):
            return Status.ERRORS
        if self.count(Severity.WARNING) or self.flags:
            return Status.REVIEW
        return Status.NOTES if self.findings else Status.CLEAN


def report_figures(source: CheckSource) -> dict[str, int]:
    """The catalogue figures a report states: what import found in its prose, or an answers file's typed values.

    The one place the survey takes figures from. ``load_source`` imports a Word or text file with
    :func:`drafter.importer.import_file`, whose answers hold the figures the importer found in the text
    (:attr:`drafter.importer.ImportResult.figures`); an answers file holds the clerk's typed figures. Figures a
    pack reads from a table cell (``kind = "cell"``) come from the report's tables.
    """
    from drafter.figures import values_of

    return dict(values_of(source.answers, source.pack).counts)


def is_survey_output(path: Path) -> bool:
    """True when ``path`` holds what a survey writes (a workbook, a survey's JSON, or CSV): an earlier survey,
    which a new one replaces without asking and never reads as a report. Anything else there (a report, an answers
    file) is kept."""
    import json
    import zipfile

    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as package:
                return "xl/workbook.xml" in package.namelist()
        if suffix == ".json":
            with path.open("rb") as handle:
                data = json.loads(handle.read())
            return isinstance(data, dict) and set(data) == {"reports"}
        return suffix == ".csv"
    except (OSError, ValueError, AttributeError, zipfile.BadZipFile):
        return False


def collect(paths: Iterable[Path], skip: Iterable[Path] = (),
            skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """The reports under ``paths``: files as given, folders searched recursively for :data:`REPORT_SUFFIXES`.

    Hidden files and folders (backups among them), temporary files of saves and Word's lock files (``~$…``) are
    left out, and so are the files in ``skip`` (the survey's own output) and every earlier survey found in a folder
    (:func:`is_survey_output`). A link found in a folder is never followed out of the folders
    given (a link to ``/etc/passwd`` is no report): it is appended to ``skipped`` with the reason. Each file once,
    in the order given, folders sorted. A path that does not exist is an :class:`~drafter.errors.InputError`.
    """
    from drafter.errors import InputError

    skipped_files = {p.resolve() for p in skip}
    paths = list(paths)
    roots = [p.resolve() for p in paths if p.is_dir()]
    out: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            raise InputError(_("file not found"), path)
        if not path.is_dir():
            out.setdefault(path, None)
            continue
        for found in sorted(path.rglob("*")):  # links to folders are not entered
            relative = found.relative_to(path).parts
            if (is_temporary(found) or found.name.startswith("~$") or found.name == PROFILE_NAME
                    or any(part.startswith(".") for part in relative)):
                continue
            report = found.suffix.lower() in REPORT_SUFFIXES
            if not (report or found.is_symlink()):
                continue
            target = found.resolve()
            if not any(target.is_relative_to(root) for root in roots):
                if skipped is not None and (report or target.is_dir()):
                    skipped.append((found, _("a link to {target}, outside the folders given").format(
                        target=target)))
                continue
            if not report or not found.is_file() or target in skipped_files or is_survey_output(found):
                continue
            out.setdefault(found, None)
    return list(out)


def read_report(path: Path, pack_dir: Path | None = None, check: bool = True) -> Surveyed:
    """Read and (with ``check``) check one report as ``drafter check`` does; never raises for a bad file."""
    from drafter.checks.source import check_source, load_source
    from drafter.errors import DrafterError

    try:
        source = load_source(path, pack_dir=pack_dir)
        findings = check_source(source) if check else []
    except DrafterError as exc:
        same_file = exc.path is not None and exc.path.resolve() == path.resolve()
        return Surveyed(path, error=exc.message if same_file and exc.line is None else str(exc))
    except Exception as exc:  # one broken file must never stop the survey of thirty
        return Surveyed(path, error=_("could not be read ({reason})").format(reason=f"{type(exc).__name__}: {exc}"))
    return Surveyed(
        path,
        org=source.org.name if source.org is not None else "",
        year=source.answers.year,
        pack=source.pack.name,
        parts=_parts(source, findings) if check else {},
        causes=_causes(source.pack, findings) if check else None,
        findings=findings,
        figures=report_figures(source),
        notes=source.notes,
    )


def _parts(source: CheckSource, findings: list[Finding]) -> dict[str, tuple[PartState, str | None]]:
    """Each required part: missing when the check says so, merged when present without a part of its own (a
    part that is a table is its own part when the table is there)."""
    from drafter.importer import duty_item

    missing = {f.section for f in findings if f.rule == "structure.missing-section"}
    inside = duty_item(source.answers, source.pack)
    duty = source.pack.spec.key_of(Role.DUTY)
    hosts = {duty: inside[0]} if inside and duty else {}
    out: dict[str, tuple[PartState, str | None]] = {}
    for spec in source.pack.spec.sections:
        if not spec.required:
            continue
        if spec.key in missing:
            out[spec.key] = (PartState.MISSING, None)
        elif source.answers.sections.get(spec.key) is None and not (spec.table and spec.table in source.answers.tables):
            out[spec.key] = (PartState.MERGED, hosts.get(spec.key))
        else:
            out[spec.key] = (PartState.PRESENT, None)
    return out


def _causes(pack: Pack, findings: list[Finding]) -> bool | None:
    """Whether the problems part gives causes; None when the pack has no such part or the report lacks it."""
    problems = pack.spec.key_of(Role.PROBLEMS)
    if problems is None or any(f.rule == "structure.missing-section" and f.section == problems for f in findings):
        return None
    return not any(f.rule == "structure.missing-causes" for f in findings)


def flag(reports: list[Surveyed], year: int | None) -> None:
    """Add the survey's own flags: an organisation named in more than one report of the same type, a year other
    than ``year``."""
    by_org: dict[tuple[str, str], list[Surveyed]] = {}
    for report in reports:
        if report.readable and report.org:
            by_org.setdefault((report.org, report.pack), []).append(report)
    for same in by_org.values():
        for report in same if len(same) > 1 else []:
            others = "、".join(str(r.path) for r in same if r is not report)
            report.flags.append(_("the same organisation as {files}").format(files=others))
    if year is None:
        return
    for report in reports:
        if report.readable and report.year != year:
            report.flags.append(_("reports on {year}, not {wanted}").format(year=report.year, wanted=year))


def survey(
    files: list[Path],
    pack_dir: Path | None = None,
    *,
    check: bool = True,
    jobs: int | None = None,
    advance: Callable[[], None] | None = None,
) -> list[Surveyed]:
    """Read (and check) each file in a process pool of ``jobs`` workers (default: every core), in ``files`` order.

    ``advance`` is called once per report done (a progress bar). A file that cannot be read, and even a worker
    that dies, becomes a :class:`Surveyed` with its ``error``; nothing stops the survey.
    """
    from drafter.checks.compiled import compiled
    from drafter.pack import load_pack

    def done() -> None:
        if advance is not None:
            advance()

    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    if workers == 1 or len(files) < _IN_PROCESS_BELOW:
        results = []
        for path in files:
            results.append(read_report(path, pack_dir, check))
            done()
        return results
    # forked workers inherit the pack, its compiled patterns and the importer instead of each building them;
    # a broken pack is reported in each report's row, as it would be for the file alone
    with contextlib.suppress(Exception):
        from drafter.importer.spec import import_spec

        pack = load_pack(override=pack_dir)
        compiled(pack)
        import_spec(pack)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    slots: list[Surveyed | None] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(read_report, path, pack_dir, check): i for i, path in enumerate(files)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                slots[index] = future.result()
            except Exception as exc:  # the worker itself died (out of memory, a crash in a C library)
                slots[index] = Surveyed(files[index], error=_("could not be read ({reason})").format(
                    reason=f"{type(exc).__name__}: {exc}"))
            done()
    return [s for s in slots if s is not None]
