"""``drafter check``: check a report (answers, .docx or .txt) before it goes out; ``--fix`` repairs punctuation
and figures the prose states otherwise than the form."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands import EXIT_FINDINGS, EXIT_OK, Subparsers, add_pack_option, echo, report_year, warn
from drafter.i18n import _

if TYPE_CHECKING:
    from drafter.checks import Finding
    from drafter.pack import Pack


GROUP_ABOVE = 3
"""A rule with more findings than this in one part prints as one line: the count and the first places."""

SCREEN_LINES = 40
"""Text output longer than this is cut, saying how many findings were not shown (``--all`` shows them)."""


def text_lines(findings: list[Finding], pack: Pack, answers_file: bool, everything: bool = False) -> list[str]:
    """The text report: by part in the report's order; within a part by rule, errors first, then warnings,
    then notes; a rule with more than three findings as one line with its count, first places and fix."""
    from drafter.checks import by_section, rule_groups

    if not findings:
        return [_("No problems found.")]
    lines: list[str] = []
    shown: list[int] = []  # findings accounted for by the end of each line
    done = 0
    for section, items in by_section(findings).items():
        spec = pack.section(section) if section else None
        heading = spec.label if spec else (section or _("Title, opening and signature"))
        lines += ["", f"【{heading}】"]
        shown += [done, done]
        for group in rule_groups(items):
            label = group.severity.label()
            if len(group.findings) > GROUP_ABOVE and not everything:
                places = "、".join(f.place for f in group.findings[:GROUP_ABOVE] if f.place)
                lines.append(f"  [{label}] " + _("{title}: {n} places, e.g. {places} ({rule})").format(
                    title=group.title, n=len(group.findings), places=places, rule=group.rule))
                if group.fixable:
                    fix = (_("drafter check --fix repairs these {n}") if answers_file else
                           _("drafter import it, then drafter check --fix repairs these {n}"))
                    lines.append("      → " + fix.format(n=len(group.findings)))
                elif len({f.suggestion for f in group.findings}) == 1 and group.findings[0].suggestion:
                    lines.append("      → " + group.findings[0].suggestion)
                done += len(group.findings)
                shown += [done] * (len(lines) - len(shown))
                continue
            for item in group.findings:
                quote = f"“{item.excerpt}” " if item.excerpt else ""
                lines.append(f"  [{label}] {quote}{item.message} ({item.rule})")
                if item.suggestion:
                    lines.append("      → " + item.suggestion)
                done += 1
                shown += [done] * (len(lines) - len(shown))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    summary = _("{errors} errors, {warnings} warnings, {notes} notes").format(
        errors=counts["error"], warnings=counts["warning"], notes=counts["info"])
    fixable = sum(1 for f in findings if f.fixable)
    if fixable:
        summary += (_("; drafter check --fix repairs {n} of them") if answers_file else
                    _("; drafter import it, then drafter check --fix repairs {n} of them")).format(n=fixable)
    if not everything and len(lines) + 2 > SCREEN_LINES:
        keep = SCREEN_LINES - 4  # room for a blank, the "more" line, a blank and the summary
        while keep > 0 and lines[keep].startswith("      →"):
            keep -= 1  # never part a finding from its suggestion
        hidden = len(findings) - shown[keep - 1]
        lines = [*lines[:keep], "", _("… {n} more findings not shown (--all shows every one)").format(n=hidden)]
    return [*lines, "", summary]


def print_text(findings: list[Finding], pack: Pack, answers_file: bool = True, everything: bool = False) -> None:
    """Print the text report (see :func:`text_lines`)."""
    for line in text_lines(findings, pack, answers_file, everything):
        echo(line)


def fixed_path(source: Path, output: Path | None, previous: Path | None, force: bool) -> Path:
    """Where ``--fix`` writes: ``-o`` or ``NAME.fixed.json`` beside the source.

    Over the source itself only with ``--force`` (its old version is kept as a backup); over last year's answers
    never; over any other existing file only with ``--force``, except an earlier ``NAME.fixed.json``.
    """
    from drafter.errors import OutputError
    from drafter.safewrite import guard_output

    default = source.with_name(source.stem + ".fixed.json")
    out = output or default
    if out.suffix.lower() != ".json":
        raise OutputError(_("--fix writes an answers file: name it .json"), out)
    if out.resolve() == source.resolve():
        if not force:
            raise OutputError(_("--fix would write over the file it checks; name another file with -o, or add "
                                "--force to replace it (the old version is kept as a backup)"), out)
        return out
    guard_output(out, (source, previous), force, lambda path: path.resolve() == default.resolve())
    return out


def cmd_check(args: argparse.Namespace) -> int:
    """Check a report and print the findings."""
    import json

    from drafter.checks import fix_answers, has_errors
    from drafter.checks.source import ANSWERS_SUFFIXES, check_source, load_source
    from drafter.errors import InputError
    from drafter.store import load_answers, save_answers

    path: Path = args.source
    answers_file = path.suffix.lower() in ANSWERS_SUFFIXES  # the same test load_source makes
    if args.fix and not answers_file:
        raise InputError(_("--fix changes answers files (.json) only; fix a Word or text file by hand, or import "
                           "it first with drafter import"), path)
    if args.output and not args.fix:
        raise InputError(_("-o names where --fix writes the fixed answers; add --fix"), args.output)
    source = load_source(path, year=args.year, org=args.org, pack_dir=args.pack)
    previous = load_answers(args.previous) if args.previous else None
    if args.fix:
        fixed, changes = fix_answers(source.answers, source.pack)
        if changes:
            out = fixed_path(path, args.output, args.previous, args.force)
            save_answers(out, fixed)
            for change in changes:
                echo(change)
            echo(_("{path}: {n} texts fixed").format(path=out, n=len(changes)))
            path = out
        else:
            echo(_("{path}: nothing to fix").format(path=path))
        source = load_source(path, year=args.year, org=args.org, pack_dir=args.pack)
    for note in source.notes:
        warn(note)
    findings = check_source(source, previous, alone=args.alone)
    if args.format == "json":
        echo(json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        print_text(findings, source.pack, answers_file, args.all)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``check`` to the command line."""
    check = sub.add_parser("check", help=_("check a report: structure, years, names, figures, punctuation"))
    check.add_argument("source", type=Path, metavar="SOURCE",
                       help=_("an answers file (.json), a Word file (.docx), a text file (.txt) "
                              "or a saved web page (.html)"))
    check.add_argument("--previous", type=Path, metavar="PREV.json",
                       help=_("last year's answers, to find text and figures left unchanged"))
    check.add_argument("--year", type=report_year, metavar="Y",
                       help=_("the report year, when the source does not state it"))
    check.add_argument("--org", metavar="NAME", help=_("the township's name, when the source does not state it"))
    check.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
    check.add_argument("--fix", action="store_true",
                       help=_("apply the safe fixes (punctuation, figures that contradict the form) and write the "
                              "fixed answers to NAME.fixed.json (or -o), then check that"))
    check.add_argument("-o", "--output", type=Path, metavar="OUT.json", help=_("where --fix writes the fixed answers"))
    check.add_argument("--force", action="store_true",
                       help=_("let --fix -o replace an existing file, the checked file itself included"))
    check.add_argument("--all", action="store_true",
                       help=_("list every finding on its own lines, without grouping or cutting"))
    check.add_argument("--alone", action="store_true",
                       help=_("do not compare an answers file with the other report types of its year beside it"))
    add_pack_option(check)
    check.set_defaults(handler=cmd_check)
