"""What the delivery channels' tests share: a parcel for the test clinic's alpha leaflet around a
stand-in PDF, a free port on 127.0.0.1, and a local SMTP server offering STARTTLS with a
certificate made for the test (nothing here reaches beyond this machine)."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from conftest import ROOT


def parcel(content: Path, to: str | None = "jane.patient@example.org", size: int = 0, large_print: bool = False):
    """The alpha leaflet of the test clinic, around a PDF of `size` bytes (a short one if 0)."""
    from leaflets.model.project import load_project
    from leaflets.outputs.delivery import Parcel
    project = load_project(ROOT, content)
    head = b"%PDF-1.7\n% test leaflet\n"
    pdf = head + bytes(range(256)) * 4 if size == 0 else head + b"\xab" * (size - len(head))
    return Parcel(project.leaflets["alpha"], project.brands["testclinic"], pdf, to=to, large_print=large_print)


@contextmanager
def listening() -> Iterator[tuple[int, Callable[[], bool]]]:
    """A port on 127.0.0.1 that accepts nothing itself, and a question: has anybody connected?"""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)

        def connected() -> bool:
            try:
                listener.accept()[0].close()
            except BlockingIOError:
                return False
            return True

        yield listener.getsockname()[1], connected


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Mailbox:
    """What the server was sent, and which logins it saw (with whether TLS was on)."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    logins: list[tuple[str, str, str, bool]] = field(default_factory=list)
    password: str = "correct horse battery staple"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, credentials) -> AuthResult:
        assert isinstance(credentials, LoginPassword)
        login, password = credentials.login.decode(), credentials.password.decode()
        self.logins.append((mechanism, login, password, session.ssl is not None))
        return AuthResult(success=password == self.password, handled=False)


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, and its key: the CA file a test trusts."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@contextmanager
def smtp_server(folder: Path | None, *, auth: bool = True) -> Iterator[tuple[int, Mailbox]]:
    """An SMTP server on 127.0.0.1: with a `folder`, it offers STARTTLS (certificate in
    folder/cert.pem) and requires it; without, it offers no STARTTLS at all. With `auth`, it asks for
    a login (after TLS only) and accepts Mailbox.password."""
    mailbox = Mailbox()
    options: dict = {}
    if folder is not None:
        cert, key = certificate(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        options = {"tls_context": context, "require_starttls": True}
    if auth:
        options |= {"authenticator": mailbox.authenticate, "auth_required": True}
    else:
        options |= {"auth_exclude_mechanism": ["LOGIN", "PLAIN"]}
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()
