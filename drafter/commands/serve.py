"""``drafter serve``: the guided editor in a web browser (see drafter.serve)."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands import EXIT_OK, Subparsers
from drafter.i18n import _, language


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the guided editor on the workspace until Ctrl+C."""
    from drafter.locations import default_workspace
    from drafter.serve import serve
    from drafter.workspace import ensure_workspace

    workspace: Path = ensure_workspace((args.workspace or default_workspace()).resolve())
    serve(workspace, args.host, args.port, language(), args.allow_remote, terminal=args.terminal,
          open_browser=not args.no_browser)
    return EXIT_OK


DEFAULT_HOST = "127.0.0.1"
"""This computer only: other computers need ``--host ADDR --allow-remote``."""
DEFAULT_PORT = 8000


def register(sub: Subparsers) -> None:
    """Add ``serve``."""
    serve = sub.add_parser("serve", help=_("serve the guided editor in a web browser"))
    serve.add_argument("--workspace", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                       help=_("folder of the answers files the guided editor opens"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("port to listen on (default: {port})").format(
        port=DEFAULT_PORT))
    serve.add_argument("--host", default=DEFAULT_HOST, metavar="ADDR",
                       help=_("address to listen on (default: {host}, this computer only)").format(host=DEFAULT_HOST))
    serve.add_argument("--allow-remote", action="store_true",
                       help=_("allow an address other computers can reach (the printed address is the only key, "
                              "sent unencrypted)"))
    serve.add_argument("--terminal", action="store_true",
                       help=_("serve the terminal editor in the browser (textual-serve) instead of the web form"))
    serve.add_argument("--no-browser", action="store_true",
                       help=_("do not open the web browser (it opens by itself on Windows, macOS and Linux desktops)"))
    serve.set_defaults(handler=cmd_serve)
