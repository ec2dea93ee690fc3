"""The preview's web server: bound first (a busy port is a clear error), warning when other
computers can reach it, with preview_guard.py in front of the app."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

from .preview import MAX_STREAMS, Preview
from .preview_guard import Guard, host_names, is_loopback

if TYPE_CHECKING:
    import uvicorn


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host` and `port` (0: any free port), listening; a busy port is a clear error."""
    from ..errors import UsageError
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from exc
    sock.listen(128)
    return sock


def exposure_warning(sock: socket.socket) -> str | None:
    """A warning if other computers can reach the socket: the preview has no login."""
    address = str(sock.getsockname()[0])
    if is_loopback(address):
        return None
    return (f"the preview listens on {address}, so other computers that can reach this one can open it too "
            "(it has no password); use the default --host 127.0.0.1 to keep it to this computer")


def server(preview: Preview, sock: socket.socket, given: str = "") -> uvicorn.Server:
    """The web server for `preview` on `sock`, answering only to the names of the address it is bound to."""
    import uvicorn
    address, port = sock.getsockname()[:2]
    app = Guard(preview.app(), host_names(str(address), int(port), given))
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1, lifespan="on",
                            server_header=False, limit_concurrency=4 * MAX_STREAMS)
    return uvicorn.Server(config)


def serve(preview: Preview, host: str, port: int, announce: Callable[[str], None],
          warn: Callable[[str], None]) -> None:
    """Serve the preview until interrupted. The socket is bound first, so a busy port is a clear error."""
    sock = listen(host, port)
    warning = exposure_warning(sock)
    if warning:
        warn(warning)
    shown = f"[{host}]" if sock.family == socket.AF_INET6 else host
    announce(f"Serving the preview at http://{shown}:{sock.getsockname()[1]}/ (Ctrl+C to stop)")
    server(preview, sock, host).run(sockets=[sock])
