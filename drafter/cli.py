"""The ``drafter`` command line: a thin shell over the pipeline.

Commands live in :mod:`drafter.commands` (one module per capability) and import what they need when they run,
so ``drafter render`` starts fast and never loads the UI. Every :class:`~drafter.errors.DrafterError` becomes one
line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import gc
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

UI_MODULE = "drafter.commands.ui"
"""The module of the bare command (the editor on the workspace), the one parser ``drafter`` alone needs."""

COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    UI_MODULE: ("edit",),
    "drafter.commands.render": ("render", "validate", "schema"),
    "drafter.commands.check": ("check",),
    "drafter.commands.reuse": ("new", "compare", "import"),
    "drafter.commands.restore": ("restore",),
    "drafter.commands.batch": ("render-batch",),
    "drafter.commands.publish": ("publish",),
    "drafter.commands.survey": ("survey",),
    "drafter.commands.serve": ("serve",),
    "drafter.commands.doctor": ("doctor",),
}
"""Modules whose ``register(sub)`` adds sub-commands, in the order ``--help`` lists them, with the commands each
adds (a test keeps the two in step)."""

_TOP_OPTIONS_WITH_VALUE = ("--lang", "--workspace")


def build_parser(command: str | None = None, every: bool = True) -> argparse.ArgumentParser:
    """The argument parser (built after the language is chosen, so help is translated).

    With ``command`` (a sub-command named on the command line), only the module that adds it is imported and
    registered: a run of one command does not build the other thirteen. When no module adds it (a mistyped
    command), or with ``every`` (``--help``), every command is there, so that the help lists them all and a mistyped
    command is told the choices. With neither (the bare ``drafter``, which opens the editor), only the editor's.
    """
    parser = argparse.ArgumentParser(
        prog="drafter",
        description=_(
            "Draft, check and typeset a township's annual reports (法治政府建设年度报告, 政府信息公开工作年度报告)."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"drafter {__version__}", help=_("show the version and exit")
    )
    parser.add_argument("--lang", metavar="LANG", help=_("interface language: zh_CN (default) or en"))
    parser.add_argument(
        "--workspace", type=Path, metavar="DIR", help=_("folder of the answers files the guided editor opens")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    owners = [module for module, names in COMMAND_MODULES.items() if command in names]
    if command is None and not every:
        owners = [UI_MODULE]
    for module in owners or COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def _command_from_argv(argv: Sequence[str]) -> str | None:
    """The sub-command word of ``argv``: its first argument that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif "=" not in arg and len(arg) > 2 and any(option.startswith(arg) for option in _TOP_OPTIONS_WITH_VALUE):
            skip = True  # --lang or --workspace (argparse also takes them shortened), whose value comes next
        elif not arg.startswith("-"):
            return arg
    return None


def _help_asked(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for the help (``-h``, ``--help`` or a shortening argparse takes for it)."""
    return any(arg == "-h" or (len(arg) > 2 and "--help".startswith(arg)) for arg in argv)


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def run() -> int:
    """The ``drafter`` process (the console script and ``python -m drafter``): :func:`main` owning the process."""
    return main(whole_process=True)


def main(argv: Sequence[str] | None = None, *, whole_process: bool = False) -> int:
    """Entry point of the ``drafter`` command.

    ``whole_process``: this call is the process, which ends when the command does. Then the cyclic garbage collector
    is off while modules load (imports create objects that live until the end: the collections then freed some
    800 objects in a whole render and cost it about a tenth of its time), and stays off for a one-shot command
    (``render``, ``validate``, ``schema``: one short job), whose objects are frozen at the end so that the
    interpreter's last collection does not walk every one of them before the process exits (the OS takes the
    memory back at once). Commands that keep running (the editor, ``serve``, batches) get the collector back
    before they start.

    The process also turns off pydantic's plugins (``PYDANTIC_DISABLE_PLUGINS``, unless it is set already):
    drafter uses none, a plugin installed beside it for another program would see every answer a clerk typed,
    and looking for plugins reads the metadata of every installed package on the first validation.
    """
    if whole_process:
        gc.disable()
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(args_list))
    parser = build_parser(_command_from_argv(args_list), every=_help_asked(args_list))
    args = parser.parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from drafter.commands.ui import cmd_ui

        handler = cmd_ui  # no command: open the guided editor on the workspace
    one_shot = whole_process and bool(getattr(args, "one_shot", False))
    if whole_process and not one_shot:
        gc.enable()
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
    finally:
        if one_shot:
            gc.freeze()
