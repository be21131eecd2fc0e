"""``drafter publish``: the public copy for the government website (HTML fragment, standalone page, PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands import EXIT_FINDINGS, EXIT_OK, Subparsers, add_pack_option, echo
from drafter.i18n import _


def cmd_publish(args: argparse.Namespace) -> int:
    """Check the report for what must not be published, then write the public copy."""
    from drafter.commands.check import print_text
    from drafter.pipeline import load_checked
    from drafter.publish import publish

    answers, pack = load_checked(args.answers, args.pack)
    result = publish(answers, pack, args.output, args.answers.stem, force=args.force)
    if result.refused:
        print_text(result.refused, pack)
        echo("")
        if any(f.rule == "secret.marked" for f in result.refused):
            echo(_("Not published: a classified report is never published (--force does not change that). "
                   "Nothing was written."))
        else:
            echo(_("Not published: remove the personal data above, or publish anyway with --force. "
                   "Nothing was written."))
        return EXIT_FINDINGS
    if result.findings:
        print_text(result.findings, pack)
        echo(_("Published with --force despite the findings above."))
    for path in result.written:
        echo(_("Written: {path}").format(path=path.resolve()))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``publish`` to the command line."""
    publish = sub.add_parser("publish", help=_("write the public copy for the website: HTML and PDF"))
    publish.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_("the answers file"))
    publish.add_argument("-o", "--output", type=Path, metavar="DIR", required=True,
                         help=_("the folder to write NAME.html, NAME.page.html and NAME.pdf into"))
    publish.add_argument("--force", action="store_true",
                         help=_("publish despite personal data found (never despite a 密级)"))
    add_pack_option(publish)
    publish.set_defaults(handler=cmd_publish)
