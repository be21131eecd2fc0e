"""``drafter survey``: the county's view — read and check every township's report at once, into one workbook."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from drafter.commands import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    Subparsers,
    add_pack_option,
    echo,
    report_year,
    warn,
)
from drafter.i18n import _


@contextlib.contextmanager
def progress_bar(total: int, description: str) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr while the block runs, when stderr is a terminal; otherwise nothing (None).

    The bar (and its refresh thread) starts at the first step, once the worker processes have been forked.
    """
    if not sys.stderr.isatty() or total == 0:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task(description, total=total)

    def advance() -> None:
        if not bar.live.is_started:
            bar.start()
        bar.advance(task)

    try:
        yield advance
    finally:
        bar.stop()


def _folder(path: Path) -> Path:
    from drafter.errors import InputError

    if not path.exists():
        raise InputError(_("folder not found"), path)
    if not path.is_dir():
        raise InputError(_("is a file, not a folder"), path)
    return path


def _warn_skipped(skipped: list[tuple[Path, str]]) -> None:
    for path, reason in skipped:
        warn(_("{path}: skipped: {reason}").format(path=path, reason=reason))


def cmd_survey(args: argparse.Namespace) -> int:
    """Survey every report under the paths given and write the workbook."""
    from drafter.checks import has_errors
    from drafter.errors import InputError
    from drafter.pack import load_pack
    from drafter.survey import collect, flag, survey
    from drafter.survey.tables import previous_figures, survey_packs, tables
    from drafter.survey.write import FORMATS, guard, write

    out: Path = args.output
    suffix = out.suffix.lower().lstrip(".")
    if args.format is None and suffix not in FORMATS:
        raise InputError(_("name the survey .xlsx, .csv or .json, or give --format"), out)
    fmt: str = args.format or suffix
    pack = load_pack(override=args.pack)
    skipped: list[tuple[Path, str]] = []
    files = collect(args.paths, skip=[out], skipped=skipped)
    _warn_skipped(skipped)
    if not files:
        raise InputError(_("no reports (.docx, .doc, .wps, .txt or answers .json) found here"), args.paths[0])
    guard(out, fmt, files, args.force)  # before the reading, which can take minutes
    skipped.clear()
    previous_files = collect([_folder(args.previous_dir)], skip=[out], skipped=skipped) if args.previous_dir else []
    _warn_skipped(skipped)
    previous = None
    if args.previous_dir:
        with progress_bar(len(previous_files), _("Reading last year's reports")) as advance:
            last_year = survey(previous_files, args.pack, check=False, advance=advance)
        for report in last_year:
            if not report.readable:
                warn(f"{report.path}: {report.error}")
        previous = previous_figures(last_year)
    with progress_bar(len(files), _("Reading reports")) as advance:
        reports = survey(files, args.pack, advance=advance)
    flag(reports, args.year)
    written = write(fmt, out, tables(reports, survey_packs(reports, pack, args.pack), previous), reports, previous,
                    args.force)
    unreadable = [r for r in reports if not r.readable]
    for report in unreadable:
        warn(f"{report.path}: {report.error}")
    with_errors = sum(1 for r in reports if has_errors(r.findings))
    echo(_("{n} reports surveyed ({unreadable} could not be read, {errors} with errors): {path}").format(
        n=len(reports), unreadable=len(unreadable), errors=with_errors,
        path="、".join(str(p.resolve()) for p in written)))
    if len(unreadable) == len(reports):
        sys.stderr.write("drafter: " + _("no report could be read") + "\n")
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if args.strict and with_errors else EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``survey`` to the command line."""
    survey = sub.add_parser(
        "survey", help=_("check every township's report at once and compile them into one workbook"))
    survey.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                        help=_("report files (.docx, .doc, .wps, .txt, answers .json) and folders (searched "
                               "recursively)"))
    survey.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.xlsx",
                        help=_("where to write the survey"))
    survey.add_argument("--year", type=report_year, metavar="Y",
                        help=_("the year surveyed: reports on another year are flagged"))
    survey.add_argument("--previous-dir", type=Path, metavar="DIR",
                        help=_("last year's reports, to show last year's figures and the change beside each"))
    survey.add_argument("--format", choices=("xlsx", "csv", "json"),
                        help=_("output format (default: from the output's suffix, else xlsx); csv writes one "
                               "file per sheet"))
    survey.add_argument("--strict", action="store_true", help=_("exit with 1 when any report has an error"))
    survey.add_argument("--force", action="store_true",
                        help=_("replace the output even when it is not an earlier survey"))
    add_pack_option(survey)
    survey.set_defaults(handler=cmd_survey)
