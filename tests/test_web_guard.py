"""The guard of ``drafter serve`` (drafter.web.guard): its rules as pure functions, then a real ``drafter serve``
process on a free loopback port refusing what a hostile page, a rebinding name or a stranger without the token sends.

Requests are raw HTTP (http.client: the Host, Origin, Cookie and Upgrade headers exactly as written) and aiohttp's
websocket client; nothing is mocked.
"""

from __future__ import annotations

import asyncio
import http.client
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import aiohttp
import pytest

from drafter.web.guard import HostRule, canonical, cookie_name, host_allowed, origin_allowed, split_host, token_given
from tests.test_serve import START_TIMEOUT_S, served

REFUSED = "Open the address that drafter serve printed when it started"
WEBSOCKET_UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                     "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


# --- the rules -----------------------------------------------------------------------------------------------------

def test_host_header_is_read_as_name_and_port() -> None:
    assert split_host("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert split_host("[::1]:8000") == ("::1", 8000)
    assert split_host("LocalHost") == ("localhost", 80)
    assert split_host("[0:0:0:0:0:0:0:1]:8000") == ("::1", 8000)
    for bad in ("", "127.0.0.1:80x", "user@127.0.0.1:8000", "127.0.0.1:8000/x", "[::1"):
        assert split_host(bad) is None, bad
    assert canonical("::ffff:192.168.1.5") == "192.168.1.5"


def test_loopback_server_answers_to_loopback_names_on_its_port_only() -> None:
    rule = HostRule.for_bind("127.0.0.1", 8000)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert host_allowed(host, rule), host
    for host in ("127.0.0.1:8001", "127.0.0.1", "evil.example:8000", "192.168.1.5:8000", socket.gethostname(), None):
        assert not host_allowed(host, rule), host


def test_an_every_address_server_answers_to_this_machine_and_the_address_used() -> None:
    rule = HostRule.for_bind("0.0.0.0", 8000)
    assert host_allowed(f"{socket.gethostname()}:8000", rule)
    assert host_allowed("10.1.2.3:8000", rule, local_address="10.1.2.3")
    assert host_allowed("10.1.2.3:8000", rule, local_address="::ffff:10.1.2.3")  # a dual-stack socket's spelling
    assert not host_allowed("10.1.2.4:8000", rule, local_address="10.1.2.3")
    assert not host_allowed("evil.example:8000", rule, local_address="10.1.2.3")
    assert not host_allowed("10.1.2.3:8000", HostRule.for_bind("127.0.0.1", 8000), local_address="10.1.2.3")


def test_origin_must_be_the_served_address() -> None:
    assert origin_allowed(None, "127.0.0.1:8000")
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert origin_allowed("http://localhost", "localhost:80")
    for origin in ("http://evil.example", "http://127.0.0.1:8001", "https://127.0.0.1:8000", "null",
                   "http://localhost:8000", "http://127.0.0.1:8000/path", "http://[::1", "http://127.0.0.1:99999"):
        assert not origin_allowed(origin, "127.0.0.1:8000"), origin


def test_authorization_header_carries_the_token() -> None:
    assert token_given("token abc") == "abc"
    assert token_given("Token  abc ") == "abc"
    assert token_given("Bearer abc") is None
    assert token_given("token") is None
    assert token_given(None) is None


# --- a real drafter serve ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Server:
    url: str
    """The address drafter serve printed, token included."""
    port: int
    token: str
    lines: list[str]

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def cookie(self) -> str:
        return f"{cookie_name(self.port)}={self.token}"

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        """One raw request to the server (connected to 127.0.0.1 whatever Host says): status, headers, body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": self.host, **(headers or {})})
            response = connection.getresponse()
            body = "" if response.status == 101 else response.read().decode("utf-8", "replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with served(tmp_path_factory.mktemp("ws")) as (url, lines):
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{32,})", url)
        assert match, f"the printed address has no token: {url}"
        yield Server(url, int(match.group(1)), match.group(2), lines)


def test_each_start_prints_a_new_token(server: Server, tmp_path: Path) -> None:
    with served(tmp_path) as (url, lines):
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)", url)
        assert match, url
        again = Server(url, int(match.group(1)), match.group(2), lines)
        assert again.token != server.token
        assert again.get(f"/?token={again.token}")[0] == 200
        assert again.get(f"/?token={server.token}")[0] == 403  # the other run's token opens nothing here


PATHS = ["/", "/ws", "/static/js/textual.js", "/static/", "/download/0123456789abcdef"]
"""Every route textual-serve has: the page, the editor's websocket, the static files and the F9 download."""


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("credential", ["none", "wrong query", "wrong header", "wrong cookie", "token of a prefix"])
def test_without_the_token_every_route_is_refused(server: Server, path: str, credential: str) -> None:
    headers = dict(WEBSOCKET_UPGRADE) if path == "/ws" else {"Accept": "text/html"}
    wrong = server.token[:-1] + ("A" if server.token[-1] != "A" else "B")
    if credential == "wrong query":
        path += f"?token={wrong}"
    elif credential == "wrong header":
        headers["Authorization"] = f"token {wrong}"
    elif credential == "wrong cookie":
        headers["Cookie"] = f"{cookie_name(server.port)}={wrong}"
    elif credential == "token of a prefix":
        path += f"?token={server.token[:8]}"
    status, reply_headers, body = server.get(path, headers)
    assert status == 403
    assert REFUSED in body
    assert "set-cookie" not in reply_headers


def test_a_browser_swaps_the_token_for_a_cookie_and_the_page_works(server: Server) -> None:
    status, headers, _body = server.get(f"/?token={server.token}&fontsize=14", {"Accept": "text/html"})
    assert status == 303
    assert headers["location"] == "/?fontsize=14"  # the same address without the token
    cookie = SimpleCookie(headers["set-cookie"])[cookie_name(server.port)]
    assert cookie.value == server.token
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"

    status, _headers, page = server.get("/?fontsize=14", {"Accept": "text/html", "Cookie": server.cookie})
    assert status == 200
    assert f"ws://127.0.0.1:{server.port}/ws" in page  # links built from the (checked) address the browser used
    status, _headers, script = server.get("/static/js/textual.js", {"Cookie": server.cookie})
    assert status == 200
    assert "deliver_file_start" in script

    # the same computer by another of its names: the page's links follow it
    status, _headers, page = server.get("/", {"Host": f"localhost:{server.port}", "Cookie": server.cookie})
    assert status == 200
    assert f"ws://localhost:{server.port}/ws" in page


def test_a_browser_led_here_by_another_site_moves_on_by_a_page_of_this_site(server: Server) -> None:
    """A SameSite=Strict cookie is not sent on a redirect of a navigation another site started (the address clicked
    in a web mail): such a browser gets the cookie and a page that moves on by itself."""
    status, headers, page = server.get(f"/?fontsize=14&token={server.token}&x=%22%3E%3Cb%3E",
                                       {"Accept": "text/html", "Sec-Fetch-Site": "cross-site"})
    assert status == 200
    assert SimpleCookie(headers["set-cookie"])[cookie_name(server.port)]["samesite"] == "Strict"
    assert '<meta http-equiv="refresh" content="0; url=/?fontsize=14&amp;x=%22%3E%3Cb%3E">' in page
    assert server.token not in page
    status, _headers, _page = server.get(f"/?token={server.token}",
                                         {"Accept": "text/html", "Sec-Fetch-Site": "none"})
    assert status == 303  # typed, or opened from the terminal: a plain redirect


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/"])
def test_the_onward_address_stays_on_this_server(server: Server, path: str) -> None:
    for fetch_site in ("none", "cross-site"):
        status, headers, page = server.get(f"{path}?token={server.token}",
                                           {"Accept": "text/html", "Sec-Fetch-Site": fetch_site})
        if status == 303:
            assert headers["location"].startswith("/"), headers
            assert not headers["location"].startswith(("//", "/\\")), headers
        else:
            assert status in (200, 404), status
            assert 'url=//' not in page and 'url=/\\' not in page


def test_clients_that_are_not_browsers_bring_the_token_each_time(server: Server) -> None:
    status, headers, page = server.get(f"/?token={server.token}")  # no Accept: text/html, so no redirect
    assert status == 200
    assert "set-cookie" not in headers
    assert "app_websocket_url" in page or "/ws" in page
    status, _headers, _body = server.get("/static/js/textual.js", {"Authorization": f"token {server.token}"})
    assert status == 200
    status, _headers, body = server.get("/download/0123456789abcdef", {"Authorization": f"token {server.token}"})
    assert status == 404  # past the guard: no such download
    assert REFUSED not in body


def test_static_files_are_not_listed(server: Server) -> None:
    for path in ("/static/", "/static/js/", "/static"):
        status, _headers, body = server.get(path, {"Cookie": server.cookie})
        assert status in (403, 404), path
        assert "textual.js" not in body
        assert "Index of" not in body


@pytest.mark.parametrize("host", ["evil.example:{port}", "rebind.attacker.example:{port}", "127.0.0.1:{other}",
                                  "127.0.0.1", "192.0.2.7:{port}", "[::1]:{other}", ""])
def test_a_foreign_host_is_refused_even_with_the_token(server: Server, host: str) -> None:
    named = host.format(port=server.port, other=server.port + 1)
    for path, headers in ((f"/?token={server.token}", {}), ("/", {"Cookie": server.cookie}),
                          ("/ws", {"Cookie": server.cookie, **WEBSOCKET_UPGRADE})):
        status, _headers, body = server.get(path, {**headers, "Host": named, "Accept": "text/html"})
        assert status == 403, (named, path)
        assert REFUSED in body


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:{port}",
                                    "https://127.0.0.1:{port}", "http://127.0.0.1:{other}"])
def test_a_page_of_another_origin_is_refused(server: Server, origin: str) -> None:
    named = origin.format(port=server.port, other=server.port + 1)
    status, _headers, body = server.get("/", {"Cookie": server.cookie, "Origin": named})
    assert status == 403
    assert REFUSED in body


async def test_a_cross_origin_websocket_is_refused_and_the_served_origin_is_not(server: Server) -> None:
    """The attack of issue 24: a page on another site opens the editor's websocket from the clerk's browser, which
    sends the clerk's cookie and its own Origin. Refused; the same handshake from the served origin drives the
    editor."""
    ws_url = f"ws://127.0.0.1:{server.port}/ws"
    async with aiohttp.ClientSession() as session:
        for origin in ("http://evil.example", "null", f"http://127.0.0.1:{server.port + 1}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(ws_url, origin=origin, headers={"Cookie": server.cookie})
            assert refused.value.status == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # the right origin, no token
            await session.ws_connect(ws_url, origin=f"http://127.0.0.1:{server.port}")
        assert refused.value.status == 403

        async with session.ws_connect(ws_url, origin=f"http://127.0.0.1:{server.port}",
                                      headers={"Cookie": server.cookie}) as websocket:
            message = await asyncio.wait_for(websocket.receive(), timeout=START_TIMEOUT_S)
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)  # the editor draws
