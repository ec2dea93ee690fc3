"""The preview's front door. It serves one person at this computer, so a request addressed to any
other name (DNS rebinding: a web page of evil.example made to resolve to 127.0.0.1) is refused, a
malformed path or query is a plain 400, and every answer carries headers that keep its pages to
their own origin: no script from elsewhere, no framing, no guessing of content types."""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# 'self' only; style attributes stay allowed (the diagram's labels are placed by them), inline script does not
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
          "img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
          "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", POLICY.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
EVENT_FIELDS = {"v", "problems", "path"}
VERSION = re.compile(r"[0-9]{1,9}")
MAX_QUERY = 4096


def is_loopback(address: str) -> bool:
    """Whether `address` (as bound) lets only this computer connect."""
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def host_names(bound: str, port: int, given: str = "") -> frozenset[str]:
    """The Host headers this server answers to: its loopback names, the address it is bound to and
    the name it was given (--host), with its port (and without, for port 80). Bound to every
    address (0.0.0.0 or ::), also this computer's own names, so another computer on the network
    may open it by them."""
    names = {*LOOPBACK_NAMES, *(f"[{name}]" if ":" in name else name for name in (bound, given) if name)}
    if bound in ("0.0.0.0", "::", ""):
        names |= _own_names()
    names = {name.lower() for name in names}
    return frozenset({f"{name}:{port}" for name in names} | (names if port == 80 else set()))


def _own_names() -> set[str]:
    names = {socket.gethostname(), socket.getfqdn()}
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0]).split("%")[0]
        names.add(f"[{address}]" if ":" in address else address)
    return names


def event_query(query: str) -> tuple[int, str, bool] | None:
    """The version, page path and problems flag of the reload script's query, or None if it is not
    exactly what the script sends: v (digits), problems (0 or 1) and path (from /), each once."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query), max_num_fields=3,
                          errors="strict")
    except (ValueError, UnicodeDecodeError):
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs) or not set(fields) <= EVENT_FIELDS:
        return None
    version, problems, path = fields.get("v", "0"), fields.get("problems", "0"), fields.get("path", "/")
    if not VERSION.fullmatch(version) or problems not in ("0", "1") or not path.startswith("/") \
            or not path.isprintable():
        return None
    return int(version), path, problems == "1"


def path_problem(path: str) -> str | None:
    """Why a request's (decoded) path is refused before it is looked up: it must be a plain path
    under the root, with no . or .. segment, backslash, control character or empty first segment."""
    if not path.startswith("/") or path.startswith("//"):
        return "the path must start with a single /"
    if "\\" in path or not path.isprintable():
        return "the path has a backslash or a control character"
    if any(part in (".", "..") for part in path.split("/")):
        return "the path has a . or .. segment"
    return None


class Guard:
    """ASGI middleware: the Host check and the path and query checks in front of `app`, and the
    security headers on every response (its own refusals included)."""

    def __init__(self, app: App, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                ours = {name for name, _ in HEADERS}
                message["headers"] = [(name, value) for name, value in message.get("headers", [])
                                      if name.lower() not in ours] + HEADERS
            await send(message)

        problem = self._problem(scope)
        if problem is not None:
            await plain(send_with_headers, 400, problem)
            return
        await self.app(scope, receive, send_with_headers)

    def _problem(self, scope: Scope) -> str | None:
        hosts = [value for name, value in scope.get("headers", []) if name.lower() == b"host"]
        if len(hosts) != 1 or hosts[0].decode("latin-1").lower() not in self.hosts:
            return "this preview answers only to this computer's own names (open it at the address it printed)"
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY or not query.isascii():
            return "the query is too long or not plain ASCII"
        return path_problem(scope.get("path", ""))


async def plain(send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A short plain-text response."""
    body = f"{text}\n".encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
