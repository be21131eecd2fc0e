"""``drafter serve`` for real: a server on a free port, headless Chromium through playwright, the .docx download.

Chromium is Debian's ``chromium`` package (scripts/test installs it); playwright's own browser download is never
used. Every wait is on a condition (a line printed, text in the websocket frames, a download event).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, ROOT, require, wait_until

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 90
"""The UI process of a tab starts on a shared 2-core machine: generous, but a wait on a condition, not a sleep."""
_ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[()][0-9A-Za-z]|.)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def chromium() -> Path:
    """Debian's Chromium (see tests.conftest.require; playwright's own browser download is never used)."""
    return Path(require("chromium"))


def run_drafter(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter", "--lang", "en", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


@contextmanager
def served(workspace: Path, *extra: str, terminal: bool = True, lang: str = "en") -> Iterator[tuple[str, list[str]]]:
    """``drafter --lang LANG serve`` running on a free port (the terminal editor through textual-serve unless
    ``terminal`` is False: then the web form): yields its URL and the lines it printed so far (kept up to date)."""
    port = free_port()
    mode = ["--terminal"] if terminal else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter", "--lang", lang, "serve", "--workspace", str(workspace), "--port", str(port),
         "--no-browser", *mode, *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    assert proc.stdout is not None
    watchdog = threading.Timer(START_TIMEOUT_S, proc.kill)  # a server that hangs before printing fails the test
    watchdog.start()
    lines: list[str] = []
    try:
        for line in proc.stdout:  # blocks until a line or the end of output (the server exited)
            lines.append(line)
            if "http://" in line:  # the address line, in any language
                break
        watchdog.cancel()
        match = re.search(r"http://\S+", "".join(lines))
        assert match, f"drafter serve did not start; it printed:\n{''.join(lines)}"
        out = proc.stdout

        def drain() -> None:  # keep reading so the server never blocks on a full pipe
            for line in out:
                lines.append(line)

        threading.Thread(target=drain, daemon=True).start()
        yield match.group(0), lines
    finally:
        watchdog.cancel()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Screen:
    """What the served app has drawn in one tab: the text of every websocket frame, escape sequences removed."""

    def __init__(self, page: Any, server_lines: list[str]) -> None:
        self.page = page
        self.server_lines = server_lines
        self.chunks: list[str] = []
        self.websocket: Any = None
        page.on("websocket", self._attach)

    def _attach(self, websocket: Any) -> None:
        self.websocket = websocket
        websocket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
        self.chunks.append(_ANSI.sub("", text))

    def text(self, since: int = 0) -> str:
        return "".join(self.chunks[since:])

    def mark(self) -> int:
        """A point in the frames: ``wait_for(..., since=mark)`` looks only at what is drawn after it."""
        return len(self.chunks)

    def wait_for(self, wanted: str, why: str, since: int = 0, timeout_s: float = START_TIMEOUT_S) -> None:
        """Wait until ``wanted`` has been drawn (checked on every frame that arrives)."""
        if wanted in self.text(since):
            return
        if self.websocket is None:
            self.page.wait_for_event("websocket", timeout=timeout_s * 1000)
        try:
            self.websocket.wait_for_event("framereceived", predicate=lambda _frame: wanted in self.text(since),
                                          timeout=timeout_s * 1000)
        except Exception as exc:
            pytest.fail(f"{why}: {wanted!r} never appeared in the browser ({type(exc).__name__}).\n"
                        f"Server output:\n{''.join(self.server_lines)}\nScreen text (end):\n{self.text()[-2000:]}")


def open_tab(browser: Any, url: str, server_lines: list[str]) -> tuple[Any, Screen]:
    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 800})
    screen = Screen(page, server_lines)
    page.goto(url)
    screen.wait_for("Reports (Enter opens one)", "the served app did not show its start screen")
    screen.wait_for("青禾镇", "the start screen did not list the example's reports")
    page.click("#terminal")
    return page, screen


@pytest.mark.alone  # beside another pytest worker its frames came too late twice on a 2-core machine
def test_browser_edits_the_example_and_downloads_the_docx(tmp_path: Path) -> None:
    exe = chromium()
    from docx import Document
    from playwright.sync_api import sync_playwright

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES, workspace)
    marker = "BrowserTyped4711"
    with served(workspace) as (url, server_lines), sync_playwright() as playwright:
        assert "/?token=" in url  # the address printed, token included, is what the clerk opens
        browser = playwright.chromium.launch(executable_path=str(exe), args=CHROMIUM_ARGS, headless=True)
        try:
            page, screen = open_tab(browser, url, server_lines)
            page.keyboard.press("Enter")  # the newest report (2025) is highlighted
            screen.wait_for("Basics", "the editor did not open the example")
            page.keyboard.press("F3")  # first part, its text focused
            screen.wait_for("Enter starts a new paragraph", "F3 did not show the first part")
            page.keyboard.type(marker)
            page.keyboard.press("Enter")  # a paragraph of its own, before the first one
            screen.wait_for(marker, "the typed text was not shown")
            mark = screen.mark()
            with page.expect_download(timeout=START_TIMEOUT_S * 1000) as download_info:
                page.keyboard.press("F9")
            screen.wait_for("is downloaded", "F9 did not say the document was downloaded", since=mark)
            assert "Open folder" not in screen.text(mark)  # the server's folder is no place a browser opens
            download = download_info.value
            assert download.suggested_filename == "2025.docx"
            target = tmp_path / "downloaded.docx"
            download.save_as(target)
            assert any(marker in p.text for p in Document(str(target)).paragraphs)
            assert (workspace / "2025.docx").is_file()  # written into the workspace as in the terminal, too

            # a second tab on the same report opens it read-only instead of overwriting the first tab's work
            second, second_screen = open_tab(browser, url, server_lines)
            second.keyboard.press("Enter")
            second_screen.wait_for("read-only (open in another tab or window)",
                                   "the second tab did not open the report read-only")
            second.keyboard.press("F3")
            second_screen.wait_for("Enter starts a new paragraph", "F3 did not show the first part (second tab)")
            second.keyboard.type("ZZZsecondZZZ")
            mark = screen.mark()
            page.keyboard.press("Escape")  # first tab: back to the list (saves and releases the file)
            page.keyboard.press("Escape")
            screen.wait_for("Reports (Enter opens one)", "the first tab did not go back to the list", since=mark)
        finally:
            browser.close()
    saved = (workspace / "2025.json").read_text(encoding="utf-8")
    assert marker in saved
    assert "ZZZsecondZZZ" not in saved
    assert not list(workspace.glob(".*.lock"))  # the first tab left the report: no lock left behind


def test_the_address_clicked_on_a_page_of_another_site_opens_the_editor(tmp_path: Path) -> None:
    """The clerk clicks the printed address where another site shows it (a web mail, a chat): the browser keeps the
    token as its cookie, the address bar loses the token, and the editor's websocket is let in."""
    exe = chromium()
    from playwright.sync_api import sync_playwright

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES, workspace)
    with served(workspace) as (url, server_lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(exe), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            screen = Screen(page, server_lines)
            page.set_content(f'<a id="printed" href="{url}">the address</a>')  # a page of no site of ours
            page.click("#printed")
            page.wait_for_url(url.split("?")[0], timeout=START_TIMEOUT_S * 1000)
            screen.wait_for("Reports (Enter opens one)", "the editor did not start after the link was followed")
            cookies = page.context.cookies(url)
            assert [(c["httpOnly"], c["sameSite"]) for c in cookies] == [(True, "Strict")]
        finally:
            browser.close()


def test_a_busy_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_drafter("serve", "--workspace", str(tmp_path), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"drafter: port {port} on 127.0.0.1 is already in use (is drafter serve running already?); "
        "choose another with --port"]


def test_another_address_needs_allow_remote(tmp_path: Path) -> None:
    result = run_drafter("serve", "--workspace", str(tmp_path), "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_allow_remote_warns_and_keeps_the_guard(tmp_path: Path) -> None:
    """Listening on every address: the warning stands, the token is still asked for, and Host may name this
    computer (its host name, an address of it) but nothing else."""
    import http.client

    from drafter.web.guard import cookie_name

    with served(tmp_path, "--host", "0.0.0.0", "--allow-remote") as (url, lines):
        assert any("the only key" in line and "unencrypted" in line for line in lines)
        match = re.fullmatch(r"http://(\S+):(\d+)/\?token=(\S+)", url)
        assert match, url
        name, port, token = match.group(1), int(match.group(2)), match.group(3)
        assert name == socket.gethostname()

        def status(host: str, cookie: str | None) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                headers = {"Host": host} | ({"Cookie": f"{cookie_name(port)}={cookie}"} if cookie else {})
                connection.request("GET", "/", headers=headers)
                return connection.getresponse().status
            finally:
                connection.close()

        assert status(f"{name}:{port}", token) == 200
        assert status(f"127.0.0.1:{port}", token) == 200  # the address this request came in on
        assert status(f"{name}:{port}", None) == 403
        assert status(f"{name}:{port}", "wrong") == 403
        assert status(f"evil.example:{port}", token) == 403


def test_closing_the_tab_right_after_typing_keeps_the_text(tmp_path: Path) -> None:
    """Issue 27 (3): the tab closes well within the autosave's delay; textual-serve ends the app, which saves."""

    exe = chromium()
    from playwright.sync_api import sync_playwright

    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES, workspace)
    marker = "ClosedTab0815"
    with served(workspace) as (url, server_lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(exe), args=CHROMIUM_ARGS, headless=True)
        try:
            page, screen = open_tab(browser, url, server_lines)
            page.keyboard.press("Enter")
            screen.wait_for("Basics", "the editor did not open the example")
            page.keyboard.press("F3")
            screen.wait_for("Enter starts a new paragraph", "F3 did not show the first part")
            page.keyboard.type(marker)
            screen.wait_for(marker, "the typed text was not shown")
            page.close()  # at once: the autosave (0.4 s) has not run yet
            path = workspace / "2025.json"
            wait_until(lambda: marker in path.read_text(encoding="utf-8") and not list(workspace.glob(".*.lock")),
                       "the text typed before the tab closed saved and the lock freed", 30)
        finally:
            browser.close()
