"""The guard in front of every page drafter serves over HTTP: a token, a cookie, and the Origin and Host rules.

Like Jupyter Server: each start makes a random token, printed in the address the clerk opens
(``http://127.0.0.1:8000/?token=…``). A browser that brings a valid ``?token=`` gets it back as an HttpOnly,
SameSite=Strict cookie and is sent to the same address without the token; later requests are let in by that cookie,
or by ``?token=`` or an ``Authorization: token …`` header (clients that are not browsers). Whatever the token says, a
request must name this server in ``Host`` (a page on another site that points its own name at this computer, DNS
rebinding, is refused) and, when it sends ``Origin`` (browsers do on every websocket), come from the address it is
served at (a page on another site cannot open the editor's websocket from the clerk's browser). Anything else gets
403 and a short plain page saying to open the address ``drafter serve`` printed.

Any aiohttp app of drafter applies these rules by passing :meth:`Guard.middleware` to ``web.Application``; the
rules themselves are the small pure functions below.
"""

from __future__ import annotations

import contextlib
import hmac
import html
import ipaddress
import secrets
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler

from drafter.i18n import _

TOKEN_PARAM = "token"
"""The query parameter that carries the token in the printed address."""
AUTH_SCHEME = "token"
"""``Authorization: token <token>``, as Jupyter Server reads it."""
WILDCARDS = ("0.0.0.0", "::", "")
"""Bind addresses that listen on every address of this computer."""
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PORTS = {"http": 80, "https": 443}
SEC_FETCH_SITE = "Sec-Fetch-Site"
"""What a browser says of who led it to a request: none (typed, a bookmark), same-origin, same-site, cross-site."""


def new_token() -> str:
    """A fresh random token (made at each start; never stored)."""
    return secrets.token_urlsafe(32)


def tokens_match(given: str | None, token: str) -> bool:
    """True when ``given`` is the token, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def cookie_name(port: int) -> str:
    """The cookie holding the token. Cookies do not tell ports apart, so the port is in the name: two servers on
    this computer (ports 8000 and 8001) keep one cookie each."""
    return f"drafter-token-{port}"


def is_local(host: str) -> bool:
    """True when ``host`` is reachable from this machine only (a loopback address or ``localhost``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def canonical(name: str) -> str:
    """A host name or address in one spelling: lower case, IPv6 compressed, an IPv4-mapped IPv6 address as IPv4."""
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name.lower()
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def split_host(value: str, scheme: str = "http") -> tuple[str, int] | None:
    """``Host`` (or an origin's host part) as (canonical name, port): ``127.0.0.1:8000`` → ("127.0.0.1", 8000),
    ``[::1]:8000`` → ("::1", 8000), ``localhost`` → ("localhost", 80). None when it is not a plain host[:port]."""
    if not value or any(char in value for char in "/?#@\\ \t"):
        return None
    try:
        parts = urlsplit(f"//{value}")
        port = parts.port
    except ValueError:  # "[::1", a port out of range
        return None
    if not parts.hostname:
        return None
    return canonical(parts.hostname), port if port is not None else DEFAULT_PORTS.get(scheme, 80)


@dataclass(frozen=True)
class HostRule:
    """Which ``Host`` a server answers to: its port, and the names and addresses that mean this computer."""

    port: int
    """The port the server listens on; a Host naming another port is refused."""
    names: frozenset[str]
    """Canonical names and addresses let in (see :func:`canonical`)."""
    any_local_address: bool = False
    """Listening on every address (0.0.0.0, ::): also let in the address of this computer a request came in on."""

    @classmethod
    def for_bind(cls, host: str, port: int) -> HostRule:
        """The rule for a server bound to ``host:port``: always ``localhost``, 127.0.0.1 and [::1]; the bound address;
        for an address other computers can reach (``--allow-remote``) also this computer's host name; for 0.0.0.0 or
        :: also any of this computer's addresses."""
        names = set(LOOPBACK_NAMES)
        wildcard = host in WILDCARDS
        if not wildcard:
            names.add(canonical(host))
        if wildcard or not is_local(host):
            names.update(canonical(name) for name in machine_names() if name)
        return cls(port=port, names=frozenset(names), any_local_address=wildcard)


def machine_names() -> set[str]:
    """This computer's host name, its fully qualified name, and the addresses they resolve to."""
    hostname = socket.gethostname()
    names = {hostname, socket.getfqdn()}
    with contextlib.suppress(OSError):  # a host name that does not resolve: the names alone
        names.update(str(info[4][0]) for info in socket.getaddrinfo(hostname, None))
    return names


def host_allowed(host: str | None, rule: HostRule, local_address: str | None = None) -> bool:
    """True when the request's ``Host`` names this server: an allowed name with the server's port, or (listening on
    every address) the address of this computer the request came in on (``local_address``)."""
    parsed = split_host(host or "")
    if parsed is None:
        return False
    name, port = parsed
    if port != rule.port:
        return False
    if name in rule.names:
        return True
    return rule.any_local_address and local_address is not None and name == canonical(local_address)


def origin_allowed(origin: str | None, host: str | None, scheme: str = "http") -> bool:
    """True when ``Origin`` is absent (not a browser, or a browser's plain navigation) or is the origin the page is
    served at: the request's scheme and its ``Host`` (which :func:`host_allowed` checks)."""
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    if parts.scheme != scheme or parts.path or parts.query or parts.fragment:
        return False  # "null" (a sandboxed frame, a file), another scheme, or not an origin at all
    served = split_host(host or "", scheme)
    return served is not None and split_host(parts.netloc, scheme) == served


def token_given(authorization: str | None) -> str | None:
    """The token of an ``Authorization: token <token>`` header, or None."""
    if authorization is None:
        return None
    scheme, _sep, value = authorization.strip().partition(" ")
    return value.strip() if scheme.lower() == AUTH_SCHEME and value.strip() else None


def wants_page(request: web.Request) -> bool:
    """True for a browser opening a page (not a websocket, not a download by a script): it gets the cookie and is
    sent on to the address without the token, which then stays out of its history and address bar."""
    return (request.method in (hdrs.METH_GET, hdrs.METH_HEAD)
            and request.headers.get(hdrs.UPGRADE, "").lower() != "websocket"
            and "text/html" in request.headers.get(hdrs.ACCEPT, ""))


def onward(location: str, fetch_site: str | None) -> web.Response:
    """Where a browser that brought the token is sent: ``location``, the same address without it.

    A 303 redirect, unless the browser says (``Sec-Fetch-Site``) that another site led it here, such as the address
    clicked in a web mail: a browser does not send a SameSite=Strict cookie on a redirect of such a navigation, so
    that browser gets a page that moves on by itself (a navigation of this site's own page, which carries it)."""
    headers = {hdrs.CACHE_CONTROL: "no-store"}
    location = "/" + location.lstrip("/\\")  # "//evil.example/?token=…" stays on this server
    if fetch_site not in ("cross-site", "same-site"):
        return web.HTTPSeeOther(location, headers=headers)
    target = html.escape(location, quote=True)
    return web.Response(
        charset="utf-8", content_type="text/html", headers=headers,
        text=f'<!DOCTYPE html><meta http-equiv="refresh" content="0; url={target}"><a href="{target}">drafter</a>\n')


def refusal() -> web.Response:
    """403 with one plain sentence: what to open instead."""
    return web.Response(
        status=403, charset="utf-8", content_type="text/plain", headers={hdrs.CACHE_CONTROL: "no-store"},
        text=_("Forbidden. Open the address that drafter serve printed when it started (it ends with ?token=…); "
               "a new one is printed at each start.") + "\n")


@dataclass(frozen=True)
class Guard:
    """The token of one server run and the Host rule of its address; :meth:`middleware` applies them."""

    token: str
    rule: HostRule

    @classmethod
    def for_bind(cls, host: str, port: int) -> Guard:
        """A guard with a fresh token for a server bound to ``host:port``."""
        return cls(token=new_token(), rule=HostRule.for_bind(host, port))

    def address(self, base_url: str) -> str:
        """The address to print: ``base_url`` (``http://127.0.0.1:8000``) with the token."""
        return f"{base_url.rstrip('/')}/?{TOKEN_PARAM}={self.token}"

    def admits(self, request: web.Request) -> bool:
        """True when Host and Origin are this server's and the request carries the token (query, header, cookie)."""
        sockname = request.transport.get_extra_info("sockname") if request.transport is not None else None
        local_address = str(sockname[0]) if sockname else None
        host = request.headers.get(hdrs.HOST)
        if not host_allowed(host, self.rule, local_address):
            return False
        if not origin_allowed(request.headers.get(hdrs.ORIGIN), host, request.scheme):
            return False
        given = request.query.get(TOKEN_PARAM)
        if given is None:
            given = token_given(request.headers.get(hdrs.AUTHORIZATION))
        if given is None:
            given = request.cookies.get(cookie_name(self.rule.port))
        return tokens_match(given, self.token)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The aiohttp middleware: refuse what :meth:`admits` does not; swap a browser's ``?token=`` for the cookie."""
        if not self.admits(request):
            return refusal()
        if TOKEN_PARAM in request.query and wants_page(request):
            response = onward(str(request.rel_url.without_query_params(TOKEN_PARAM)),
                              request.headers.get(SEC_FETCH_SITE))
            response.set_cookie(cookie_name(self.rule.port), self.token, httponly=True, samesite="Strict", path="/")
            return response
        return await handler(request)
