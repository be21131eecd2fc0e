"""Command-line commands, one module per capability.

Each module defines ``register(sub)`` that adds its sub-commands; handlers import what they need when they run,
so building the parser stays cheap and ``drafter render`` never loads the UI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TypeAlias

from drafter.i18n import _

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""The object ``register(sub)`` receives: call ``sub.add_parser(...)`` on it."""


def echo(text: str) -> None:
    """Print a line for the user on stdout."""
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    """Print a warning on stderr."""
    sys.stderr.write("drafter: " + _("warning: {message}").format(message=text) + "\n")


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    """``--pack DIR``: an office's own pack folder that overrides the built-in pack file by file."""
    parser.add_argument(
        "--pack", type=Path, metavar="DIR", help=_("an office's own pack folder that overrides the built-in pack")
    )


def add_pdf_option(parser: argparse.ArgumentParser) -> None:
    """``--pdf``: also write a PDF beside each .docx (LibreOffice headless, with drafter's font mapping)."""
    parser.add_argument(
        "--pdf", action="store_true", help=_("also write a PDF beside the .docx (needs LibreOffice)")
    )


def report_year(text: str) -> int:
    """``--year``: a report year an answers file can hold, refused on the command line before any work is done."""
    from drafter.model import year_problem

    problem = year_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return int(text)
