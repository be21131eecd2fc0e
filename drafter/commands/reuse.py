"""Commands that start from last year: new (carry forward), compare (figures), import (a Word or text file)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands import EXIT_OK, Subparsers, add_pack_option, echo, report_year
from drafter.i18n import _
from drafter.locations import DEFAULT_PACK

if TYPE_CHECKING:
    from drafter.compare import FigureChange
    from drafter.importer import ImportResult
    from drafter.model import Answers
    from drafter.pack import Pack


def _refuse_overwrite(out: Path, source: Path, force: bool) -> None:
    """Refuse to replace an existing ``out`` unless --force was given, and never the source itself (exit code 2)."""
    from drafter.safewrite import guard_output

    guard_output(out, (source,), force)


def _save(out: Path, answers: Answers) -> None:
    from drafter.store import save_answers

    save_answers(out, answers)


def _workspace(args: argparse.Namespace) -> Path | None:
    """The workspace a command writes into instead of ``-o`` (``--workspace``, before or after the command);
    neither given is a usage error (exit code 2)."""
    from drafter.errors import InputError

    workspace: Path | None = getattr(args, "workspace", None)
    if args.output is None and workspace is None:
        raise InputError(_("give the file to write (-o) or the workspace to add the report to (--workspace)"))
    return workspace if args.output is None else None


def _report_type(text: str) -> str:
    """``--type``: a built-in report type (the name of a pack of ``templates/``)."""
    from drafter.workspace import report_types

    if text not in report_types():
        raise argparse.ArgumentTypeError(_("{type} is not a report type; choose one of {types}").format(
            type=text, types=", ".join(report_types())))
    return text


def _new_in_workspace(args: argparse.Namespace, workspace: Path) -> tuple[Answers, Answers | None]:
    """The new report of ``drafter new --workspace`` and the report it was carried forward from: ``--from``, else
    the workspace's newest earlier report of the type (:func:`drafter.workspace.carry_source`); with neither, a
    blank report (the township from ``--org``, else from the workspace's reports)."""
    from drafter.errors import InputError
    from drafter.workspace import blank, carry_source, next_year, township

    pack = args.type or DEFAULT_PACK
    if args.source is None:
        year = args.year if args.year is not None else next_year(workspace, pack)
        args.source = carry_source(workspace, pack, year)
        if args.source is None:
            name = args.org or township(workspace)
            if not name:
                raise InputError(_("the workspace has no report to take the township from; give it with --org"),
                                 workspace)
            return blank(name, year, pack), None
        args.year = year
    return _carried(args)


def _carried(args: argparse.Namespace) -> tuple[Answers, Answers]:
    """``--from``'s answers carried forward to ``--year`` (default: the year after), and the answers carried."""
    from drafter.errors import InputError
    from drafter.pipeline import load_checked
    from drafter.reuse import carry_forward

    previous, pack = load_checked(args.source)  # what its pack does not allow is refused, not carried on
    if getattr(args, "type", None) not in (None, previous.pack):
        raise InputError(_("this file is a report of another type ({type})").format(type=previous.pack), args.source)
    if args.year is not None and args.year <= previous.year:
        raise InputError(
            _("the new year {new} is not after this file's year {old}").format(new=args.year, old=previous.year),
            args.source,
        )
    try:
        return carry_forward(previous, args.year, pack), previous
    except InputError as exc:
        raise InputError(exc.message, args.source) from None


def cmd_new(args: argparse.Namespace) -> int:
    """Start a new report-year: from last year's answers (``--from``, or the workspace's newest earlier report of
    the type), or blank in a workspace that has none of that type."""
    from drafter.errors import InputError
    from drafter.reuse import unreviewed
    from drafter.workspace import create, pack_of

    workspace = _workspace(args)
    if workspace is not None:
        answers, previous = _new_in_workspace(args, workspace)
        out = create(workspace, answers)  # the file name the editor gives it; a year the workspace has is refused
    else:
        if args.source is None:
            raise InputError(_("give last year's answers file (--from) or the workspace (--workspace)"))
        _refuse_overwrite(args.output, args.source, args.force)
        answers, previous = _carried(args)
        out = args.output
        _save(out, answers)
    if previous is None:
        echo(_("{path}: blank report for {year} created").format(path=out, year=answers.year))
        return EXIT_OK
    pack = pack_of(answers.pack)
    echo(_("{path}: report year {year} started from {old}").format(path=out, year=answers.year, old=previous.year))
    echo(_("{n} paragraphs carried forward are marked for review").format(n=len(unreviewed(answers))))
    empty = sum(1 for f in answers.figures.values() if f.previous is not None)
    echo(_("{n} figures to fill in (last year's values are kept beside them)").format(n=empty))
    if answers.tables:
        _table_summary(answers, pack)
    return EXIT_OK


def _table_summary(answers: Answers, pack: Pack) -> None:
    """What carrying forward did to the tables: the rows filled from last year's, the cells left to fill."""
    from drafter.tables import table_name, typed_cells

    to_fill = 0
    for spec in pack.tables.tables:
        table = answers.tables.get(spec.key)
        filled = table.cells if table is not None else {}
        to_fill += sum(1 for row, column in typed_cells(spec) if column not in filled.get(row, {}))
        rows = [f"“{row.label}”" for row in spec.data_rows() if filled.get(row.key)]
        if rows:
            echo(_("{table}: {rows} filled in from last year's report").format(
                table=table_name(spec), rows="、".join(rows)))
    echo(_("{n} table cells to fill in (last year's values are kept beside them)").format(n=to_fill))


def _percent(change: FigureChange) -> str:
    from drafter.figures import change_text

    return change_text(change.old, change.new) or "—"


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def print_changes(changes: list[FigureChange], pack: Pack) -> None:
    """One line per figure: label, both values, the change, and a warning mark."""
    if not changes:
        echo(_("No figures to compare."))
        return
    width = max(len(c.label) for c in changes)
    for change in changes:
        delta = "—" if change.delta is None else f"{change.delta:+d}"
        line = "{label}  {old} → {new} {unit}  {delta}  {relative}".format(
            label=change.label.ljust(width, "\u3000"),
            old=_number(change.old),
            new=_number(change.new),
            unit=change.unit,
            delta=delta,
            relative=_percent(change),
        )
        if change.warn:
            line += "  " + _("(changed by more than {limit:.0f}%)").format(limit=pack.spec.change_warning * 100)
        echo(line)
    warned = sum(1 for c in changes if c.warn)
    if warned:
        echo(_("{n} figures changed by more than the warning threshold; check them").format(n=warned))


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare the figures of two answers files."""
    from drafter.compare import compare_answers
    from drafter.pipeline import load_checked

    a, _pack_a = load_checked(args.a, args.pack)  # figures the pack does not know or allow are refused, as in validate
    b, pack = load_checked(args.b, args.pack)
    echo(_("Figures of {a} ({year_a}) and {b} ({year_b}):").format(a=args.a, year_a=a.year, b=args.b, year_b=b.year))
    print_changes(compare_answers(a, b, pack), pack)
    return EXIT_OK


def print_import_summary(result: ImportResult) -> None:
    """What an import found, for the person who ran it."""
    answers = result.answers
    echo(_("Imported {path}: {org}, report year {year}").format(
        path=result.source, org=answers.org.name, year=answers.year))
    if result.title:
        echo(_("Title: {title}").format(title=result.title))
    echo(_("Parts found ({n}):").format(n=len(result.parts)))
    for key, heading in result.parts:
        echo("  " + _("{heading} → {key}").format(heading=heading or "—", key=key))
    if result.duty_inside:
        echo("  " + _("duty: inside {key} (“{item}”)").format(key=result.duty_inside, item=result.duty_item))
    pack = result.pack
    missing = [] if pack is None else [
        s.key for s in pack.spec.sections if s.required and not s.table and not result.has_section(s.key)]
    if missing:
        echo(_("Parts not found: {keys}").format(keys=", ".join(missing)))
    for key in result.tables:
        table = pack.table(key) if pack is not None else None
        cells = result.answers.tables[key].cells if key in result.answers.tables else {}
        echo(_("Table found: {title} ({n} cells placed)").format(
            title=table.title if table else key, n=sum(len(row) for row in cells.values())))
    if result.figures:
        found = "，".join(f"{f.key}={f.value}" for f in result.figures)
        echo(_("Figures found ({n}): {figures}").format(n=len(result.figures), figures=found))
    else:
        echo(_("No figures of the catalogue were found in the text."))
    if result.unrecognised:
        where = ", ".join(str(n) for n in result.unrecognised_at)
        echo(_("{n} paragraphs not recognised (kept aside, not put into the report), at paragraphs {where}:").format(
            n=len(result.unrecognised), where=where))
        for number, text in zip(result.unrecognised_at, result.unrecognised, strict=True):
            echo(f"  {number}: {text[:60]}")
    elif pack is not None and any(t.key not in result.tables for t in pack.tables.tables):
        echo(_("Every paragraph was put into the report, but not every table was placed: see the notes below."))
    else:
        echo(_("Every paragraph was recognised."))
    for note in result.notes:
        echo(_("Note: {note}").format(note=note))


def cmd_import(args: argparse.Namespace) -> int:
    """Import a report from a Word or text file into an answers file, or into a workspace under the name the
    editor gives it."""
    from drafter.workspace import create, import_source

    workspace = _workspace(args)
    if workspace is None:
        _refuse_overwrite(args.output, args.source, args.force)
    result = import_source(args.source, None, args.year, args.org, pack_dir=args.pack)
    if workspace is None:
        out: Path = args.output
        _save(out, result.answers)
    else:
        out = create(workspace, result.answers)  # a year the workspace has already is refused
    print_import_summary(result)
    echo(_("Answers written to {path}").format(path=out))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add new, compare and import to the command line."""
    new = sub.add_parser("new", help=_("start a report-year from last year's answers"))
    new.add_argument("--from", dest="source", type=Path, metavar="ANSWERS.json",
                     help=_("last year's answers file (default with --workspace: its newest earlier report)"))
    new.add_argument("--year", type=report_year, metavar="YEAR", help=_("the new report year (default: the next one)"))
    new.add_argument("-o", "--output", type=Path, metavar="OUT.json", help=_("the new answers file"))
    _add_workspace_option(new)
    new.add_argument("--type", type=_report_type, metavar="TYPE",
                     help=_("with --workspace: the report type (default: the first one, {type})").format(
                         type=DEFAULT_PACK))
    new.add_argument("--org", metavar="NAME",
                     help=_("with --workspace: the township of a blank report, when the workspace has no report"))
    new.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
    new.set_defaults(handler=cmd_new)

    compare = sub.add_parser("compare", help=_("compare the figures of two answers files"))
    compare.add_argument("a", type=Path, metavar="A.json", help=_("the earlier answers file"))
    compare.add_argument("b", type=Path, metavar="B.json", help=_("the later answers file"))
    add_pack_option(compare)
    compare.set_defaults(handler=cmd_compare)

    imp = sub.add_parser("import", help=_("import a report from a Word or text file"))
    imp.add_argument("source", type=Path, metavar="SOURCE",
                     help=_("the report: .docx, .txt, a saved web page .html (.doc/.wps with LibreOffice)"))
    imp.add_argument("-o", "--output", type=Path, metavar="ANSWERS.json", help=_("the answers file to write"))
    _add_workspace_option(imp)
    imp.add_argument("--year", type=report_year, metavar="YEAR",
                     help=_("the report year; a source about an earlier year is carried forward to it"))
    imp.add_argument("--org", metavar="NAME", help=_("the township's name, when the source does not give it"))
    imp.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
    add_pack_option(imp)
    imp.set_defaults(handler=cmd_import)


def _add_workspace_option(parser: argparse.ArgumentParser) -> None:
    """``--workspace DIR`` after the command: write the report into the workspace, named as the editor names it."""
    parser.add_argument("--workspace", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help=_("add the report to this workspace, under the file name the editor gives it "
                               "(instead of -o); a year it has already is refused"))
