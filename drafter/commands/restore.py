"""``drafter restore``: put back the newest good backup of a damaged answers file."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands import EXIT_OK, Subparsers, echo, warn
from drafter.i18n import _


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace a damaged answers file with its newest good backup."""
    from drafter.store import backup_time, restore_backup

    done = restore_backup(args.answers, force=args.force)
    echo(_("{path}: restored the backup from {when}: {org}, the report on {year}").format(
        path=args.answers, when=backup_time(done.backup), org=done.restored.org, year=done.restored.year))
    for mismatch in done.mismatches():
        warn(f"{args.answers}: {mismatch}")
    if done.aside is not None:
        echo(_("The damaged file was kept as {aside}").format(aside=done.aside))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``restore`` to the command line."""
    restore = sub.add_parser("restore", help=_("replace a damaged answers file with its newest good backup"))
    restore.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_("the answers file"))
    restore.add_argument(
        "--force", action="store_true", help=_("restore even when the file still loads (it is backed up first)")
    )
    restore.set_defaults(handler=cmd_restore)
