"""``drafter serve``: the guided editor in a web browser — the web form (drafter.web.app), or with ``--terminal``
the terminal editor through textual-serve.

textual-serve (the Textual project's own server) runs one ``drafter`` UI process per browser tab and relays its
screen over a websocket. This module decides where to listen, refuses
what would surprise a clerk (a busy port, an address other machines can reach without ``--allow-remote``), puts
drafter.web.guard in front of every route (token, cookie, Origin and Host) and prints the address to open, token
included.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from drafter.commands import warn
from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.web.guard import Guard, is_local


def check_host(host: str, allow_remote: bool) -> None:
    """Refuse an address other machines can reach unless ``--allow-remote`` says the clerk means it."""
    if not is_local(host) and not allow_remote:
        raise DrafterError(
            _("--host {host} lets other computers reach the editor; add --allow-remote if that is intended "
              "(the printed address is the only key, sent unencrypted).").format(host=host))


def check_port_free(host: str, port: int) -> None:
    """Fail with one clear line when ``host:port`` cannot be listened on (busy, or not this machine's address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise DrafterError(_("cannot listen on {host}: no such address on this computer").format(host=host)) from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        if os.name != "nt":  # as the server does; a port left in TIME_WAIT is not busy
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise DrafterError(port_problem(host, port, exc)) from None


def port_problem(host: str, port: int, exc: OSError) -> str:
    """The one line said when listening on ``host:port`` fails."""
    import errno

    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return _("port {port} on {host} is already in use (is drafter serve running already?); "
                 "choose another with --port").format(port=port, host=host)
    if exc.errno == errno.EACCES:
        return _("port {port} needs administrator rights; choose one above 1024 with --port").format(port=port)
    return _("cannot listen on {host}:{port} ({reason})").format(host=host, port=port,
                                                                reason=exc.strerror or exc)


def url_of(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = socket.gethostname()
    elif ":" in host:
        shown = f"[{host}]"
    return f"http://{shown}:{port}"


def ui_command(workspace: Path, lang: str) -> str:
    """The shell command textual-serve runs for each browser tab: this drafter's UI on ``workspace``."""
    argv = [sys.executable, "-m", "drafter", "--lang", lang, "--workspace", str(workspace)]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def serve(workspace: Path, host: str, port: int, lang: str, allow_remote: bool, terminal: bool = False,
          open_browser: bool = True) -> None:
    """Serve the web form (or, with ``terminal``, the terminal editor through textual-serve) on ``host:port`` until
    Ctrl+C."""
    check_host(host, allow_remote)
    check_port_free(host, port)
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DrafterError(_("cannot use {folder} as the workspace ({reason})").format(
            folder=workspace, reason=exc.strerror or exc)) from None
    if not workspace.is_dir():
        raise DrafterError(_("{folder} is a file, not a folder: give a folder with --workspace").format(
            folder=workspace))
    guard = Guard.for_bind(host, port)
    url = url_of(host, port)

    def announce() -> None:
        """The start-up lines: the warning of --allow-remote, then the address to open (token included); then the
        clerk's browser opens it (see :func:`opens_browser`)."""
        if not is_local(host):  # before the address, so it is not missed
            warn(_("other computers can reach port {port}; the address below is the only key, and it crosses "
                   "the network unencrypted (http): anyone who has it can read and edit the reports in "
                   "{folder}.").format(port=port, folder=workspace))
            sys.stderr.flush()
        sys.stdout.write(_("drafter serves the guided editor at {url} — open it in a web browser.").format(
            url=guard.address(url)) + "\n")
        sys.stdout.write(_("Workspace: {folder}").format(folder=workspace) + "\n")
        sys.stdout.write(_("Press Ctrl+C to stop.") + "\n")
        sys.stdout.flush()
        if open_browser and opens_browser():
            import webbrowser

            with contextlib.suppress(Exception):  # no browser to open is not a reason to stop serving
                webbrowser.open(guard.address(url))

    if not terminal:
        _serve_form(workspace, host, port, guard, announce)
        return
    _serve_terminal(workspace, host, port, lang, guard, url, announce)


def opens_browser(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether ``drafter serve`` opens the clerk's browser itself, as Jupyter does: on Windows and macOS always, on
    Linux only in a desktop session (DISPLAY or WAYLAND_DISPLAY set), never under CI."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if env.get("CI"):
        return False
    if system.startswith(("win", "darwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _serve_form(workspace: Path, host: str, port: int, guard: Guard, announce: Callable[[], None]) -> None:
    """The web form (drafter.web.app) until Ctrl+C."""
    from aiohttp import web

    from drafter.web.app import WebForm

    logging.basicConfig(level=logging.WARNING, format="drafter serve: %(message)s")
    form = WebForm(workspace, guard)
    try:
        web.run_app(form.app(), host=host, port=port, print=lambda *_args: announce(), access_log=None)
    except OSError as exc:  # the port was taken between the check and the start
        raise DrafterError(port_problem(host, port, exc)) from None


def _serve_terminal(workspace: Path, host: str, port: int, lang: str, guard: Guard, url: str,
                    announce: Callable[[], None]) -> None:
    """The terminal editor in the browser through textual-serve, until Ctrl+C."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class DrafterServer(Server):
        """textual-serve behind drafter's guard (every route; no directory listing of /static/), with drafter's own
        start-up lines, and page links built from the address the browser used (textual-serve builds them from the
        listening address, which a remote browser cannot use for 0.0.0.0); the guard has checked that address."""

        def initialize_logging(self) -> None:
            # problems only; textual-serve's request log would bury the address in the clerk's window
            logging.basicConfig(level=logging.WARNING, format="drafter serve: %(message)s")
            logging.getLogger("asyncio").setLevel(logging.ERROR)  # its child-process notes on Ctrl+C are noise

        async def _make_app(self) -> web.Application:
            # textual-serve's routes, each behind the guard, and /static/ without its directory listing
            app = web.Application(middlewares=[guard.middleware])
            aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
            app.add_routes([
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ])
            app.on_shutdown.append(self.on_shutdown)  # (no on_startup: textual-serve's prints its logo)
            return app

        def serve(self, debug: bool = False) -> None:
            # textual-serve's own serve(), except that the address is printed once the port listens (aiohttp's
            # print hook, after the sites start): printed from on_startup, before that, a browser or script opening
            # it at once found nothing there
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers on its event loop
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *_args: announce())

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            self.public_url = f"{request.scheme}://{request.host}"  # a Host the guard let in
            decorated: Any = Server.handle_index
            handler: Any = decorated.__wrapped__  # the undecorated method: its template context
            context: dict[str, Any] = await handler(self, request)
            return context

    server = DrafterServer(ui_command(workspace, lang), host=host, port=port, title="drafter")
    server.public_url = url
    default_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_closed_loop(default_hook)
    try:
        server.serve()
    except OSError as exc:  # the port was taken between the check and the start
        raise DrafterError(port_problem(host, port, exc)) from None
    finally:
        gc.collect()  # the tabs' process transports, while the quiet hook is still in place
        sys.unraisablehook = default_hook


def _quiet_closed_loop(default: Callable[[Any], object]) -> Callable[[Any], object]:
    """An unraisable-exception hook that drops "Event loop is closed" from the tabs' process transports.

    On Ctrl+C textual-serve closes its event loop while the UI processes of open tabs are being stopped; their
    transports are collected afterwards and complain about the closed loop. The UI processes save their work when
    asked to exit (see DrafterApp.on_exit_app); the complaint is noise, and a traceback is not what a clerk should
    see when stopping the server.
    """

    def hook(unraisable: Any) -> object:
        if isinstance(unraisable.exc_value, RuntimeError) and "Event loop is closed" in str(unraisable.exc_value):
            return None
        return default(unraisable)

    return hook
