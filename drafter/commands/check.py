"""``drafter check``: check a report (answers, .docx or .txt) before it goes out; ``--fix`` repairs punctuation
and figures the prose states otherwise than the form."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands import EXIT_FINDINGS, EXIT_OK, Subparsers, add_pack_option, echo, warn
from drafter.i18n import _

if TYPE_CHECKING:
    from drafter.checks import Finding
    from drafter.pack import Pack


def print_text(findings: list[Finding], pack: Pack) -> None:
    """Findings grouped by part, in the report's order, with a summary line."""
    if not findings:
        echo(_("No problems found."))
        return
    current: object = object()
    for item in findings:
        if item.section != current:
            current = item.section
            spec = pack.section(item.section) if item.section else None
            heading = spec.label if spec else (item.section or _("Title, opening and signature"))
            echo("")
            echo(f"【{heading}】")
        quote = f"“{item.excerpt}” " if item.excerpt else ""
        echo(f"  [{item.severity.label()}] {quote}{item.message} ({item.rule})")
        if item.suggestion:
            echo("      → " + item.suggestion)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    echo("")
    echo(_("{errors} errors, {warnings} warnings, {notes} notes").format(
        errors=counts["error"], warnings=counts["warning"], notes=counts["info"]))


def cmd_check(args: argparse.Namespace) -> int:
    """Check a report and print the findings."""
    import json

    from drafter.checks import fix_answers, has_errors
    from drafter.checks.source import check_source, load_source
    from drafter.errors import InputError
    from drafter.store import load_answers, save_answers

    path: Path = args.source
    if args.fix and path.suffix.lower() != ".json":
        raise InputError(_("--fix changes answers files (.json) only; fix a Word or text file by hand, or import "
                           "it first with drafter import"), path)
    source = load_source(path, year=args.year, org=args.org, pack_dir=args.pack)
    previous = load_answers(args.previous) if args.previous else None
    if args.fix:
        fixed, changes = fix_answers(source.answers, source.pack)
        if changes:
            save_answers(path, fixed)
            for change in changes:
                echo(change)
            echo(_("{path}: {n} texts fixed").format(path=path, n=len(changes)))
        else:
            echo(_("{path}: nothing to fix").format(path=path))
        source = load_source(path, year=args.year, org=args.org, pack_dir=args.pack)
    for note in source.notes:
        warn(note)
    findings = check_source(source, previous)
    if args.format == "json":
        echo(json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        print_text(findings, source.pack)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``check`` to the command line."""
    check = sub.add_parser("check", help=_("check a report: structure, years, names, figures, punctuation"))
    check.add_argument("source", type=Path, metavar="SOURCE",
                       help=_("an answers file (.json), a Word file (.docx) or a text file (.txt)"))
    check.add_argument("--previous", type=Path, metavar="PREV.json",
                       help=_("last year's answers, to find text and figures left unchanged"))
    check.add_argument("--year", type=int, metavar="Y", help=_("the report year, when the source does not state it"))
    check.add_argument("--org", metavar="NAME", help=_("the township's name, when the source does not state it"))
    check.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
    check.add_argument("--fix", action="store_true",
                       help=_("apply the safe fixes (punctuation, figures that contradict the form) to the answers "
                              "file and report them"))
    add_pack_option(check)
    check.set_defaults(handler=cmd_check)
