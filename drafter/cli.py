"""The ``drafter`` command line: a thin shell over the pipeline.

Commands live in :mod:`drafter.commands` (one module per capability) and import what they need when they run,
so ``drafter render`` starts fast and never loads the UI. Every :class:`~drafter.errors.DrafterError` becomes one
line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from drafter import __version__
from drafter.commands import EXIT_BAD_INPUT, EXIT_OK
from drafter.errors import DrafterError
from drafter.i18n import _, set_language

Handler = Callable[[argparse.Namespace], int]

COMMAND_MODULES: tuple[str, ...] = (
    "drafter.commands.ui",
    "drafter.commands.core",
    "drafter.commands.check",
    "drafter.commands.reuse",
    "drafter.commands.restore",
    "drafter.commands.batch",
    "drafter.commands.publish",
    "drafter.commands.survey",
    "drafter.commands.serve",
)
"""Modules whose ``register(sub)`` adds sub-commands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (built after the language is chosen, so help is translated)."""
    parser = argparse.ArgumentParser(
        prog="drafter",
        description=_("Draft, check and typeset the annual rule-of-law government report (法治政府建设年度报告)."),
    )
    parser.add_argument(
        "--version", action="version", version=f"drafter {__version__}", help=_("show the version and exit")
    )
    parser.add_argument("--lang", metavar="LANG", help=_("interface language: zh_CN (default) or en"))
    parser.add_argument(
        "--workspace", type=Path, metavar="DIR", help=_("folder of the answers files the guided editor opens")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``drafter`` command."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(args_list))
    parser = build_parser()
    args = parser.parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from drafter.commands.ui import cmd_ui

        handler = cmd_ui  # no command: open the guided editor on the workspace
    try:
        return handler(args)
    except DrafterError as exc:
        sys.stderr.write(f"drafter: {exc}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, as command-line tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
