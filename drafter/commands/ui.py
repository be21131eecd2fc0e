"""The UI commands: ``drafter`` with no arguments opens the workspace; ``drafter edit FILE`` opens one file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from drafter.commands import EXIT_OK, Subparsers
from drafter.i18n import _, language


def cmd_ui(args: argparse.Namespace) -> int:
    """Open the UI on the workspace (``--workspace`` or the default one)."""
    from drafter.locations import default_workspace
    from drafter.tui.app import EXIT_WHEN_READY, make_app
    from drafter.workspace import ensure_workspace

    workspace = ensure_workspace(getattr(args, "workspace", None) or default_workspace())
    make_app(workspace=workspace, lang=language()).run(headless=bool(os.environ.get(EXIT_WHEN_READY)))
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    """Open one answers file in the UI."""
    from drafter.store import load_answers
    from drafter.tui.app import make_app

    load_answers(args.answers)  # a clear one-line error instead of a UI that cannot open it
    make_app(file=args.answers, lang=language()).run()
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add ``edit`` (and make the bare command open the UI, see drafter.cli)."""
    edit = sub.add_parser("edit", help=_("open one answers file in the guided editor"))
    edit.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_("the answers file"))
    edit.set_defaults(handler=cmd_edit)
