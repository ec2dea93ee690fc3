"""The live preview is local and plain: it answers only to this computer's names, sends headers that
keep its pages to their own origin, bounds its event streams, refuses malformed requests with a 400
(never a 500), serves nothing outside its folders, and reads only the brands it was asked for.

The server runs in this process, on a free port, in a thread, over a copy of the small fixture
content; it never builds PDFs."""

from __future__ import annotations

import http.client
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY, edit, run_build


class Running:
    """A preview server in a thread, and a way to send it raw requests."""

    def __init__(self, root: Path) -> None:
        from leaflets.outputs.preview import Preview
        from leaflets.outputs.preview_server import listen, server
        self.content, self.out = root / "content", root / "out"
        self.log: list[str] = []
        self.preview = Preview(ROOT, self.content, self.out, (), TODAY, self.log.append, build_pdfs=False)
        self.sock = listen("127.0.0.1", 0)
        self.port = self.sock.getsockname()[1]
        self.server = server(self.preview, self.sock)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, self.log
            time.sleep(0.05)

    def get(self, target: str, host: str | None = None, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def raw(self, request: bytes) -> bytes:
        """The answer to `request`, sent as given (http.client refuses non-ASCII)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as connection:
            connection.sendall(request)
            return connection.recv(65536)

    def events(self) -> str:
        """The address an open page listens on, at the version it shows now."""
        return f"/_preview/events?v={self.preview.state.version}&problems=0&path=%2F"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    preview = Running(root)
    assert preview.get("/testclinic/")[0] == 200, preview.log
    yield preview
    preview.stop()


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}",
                                  "127.0.0.1:1", "", "localhost:{port}@evil.example"])
def test_a_request_for_another_host_name_is_refused(running: Running, host: str) -> None:
    status, headers, body = running.get("/testclinic/", host=host.format(port=running.port))
    assert status == 400
    assert b"answers only to this computer's own names" in body
    assert b"Alpha therapy" not in body
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"])
def test_this_computers_own_names_are_answered(running: Running, host: str) -> None:
    status, _, body = running.get("/testclinic/", host=host.format(port=running.port))
    assert status == 200 and b"Alpha therapy" in body


@pytest.mark.parametrize("query", ["v=abc", "v=", "v=1&v=2", "v=%ff", "v=1&problems=2", "v=1&path=x",
                                   "v=1&path=%2Fa%00", "v=1&other=1", "v=%C2%B2",
                                   "v=99999999999999999999", "v=1&&", "=1", "v=1;path=/"])
def test_a_malformed_events_query_is_a_plain_400_never_a_500(running: Running, query: str) -> None:
    status, headers, body = running.get(f"/_preview/events?{query}")
    assert status == 400, body
    assert headers["content-type"].startswith("text/plain")
    assert len(body) < 200 and b"Traceback" not in body


@pytest.mark.parametrize("target", ["/../../etc/passwd", "/testclinic/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                    "/testclinic/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "//evil.example/",
                                    "/testclinic/..%5c..%5cetc%5cpasswd", "/testclinic/%00", "/./testclinic/"])
def test_a_path_outside_the_site_is_refused(running: Running, target: str) -> None:
    status, _, body = running.get(target)
    assert status in (400, 404)
    assert b"root:" not in body


def test_malformed_page_requests_are_never_a_500(running: Running) -> None:
    for target in ["/testclinic", "/testclinic/leaflets/TEST-ALPHA", "/testclinic/?v=%ff&&=", "/%ff%fe",
                   "/testclinic/" + "a" * 3000, "/_preview/", "/_preview/reload.js?x=1", "/?" + "a=1&" * 500,
                   "/testclinic/assets/%252e%252e/brand.css"]:
        status, headers, _ = running.get(target)
        assert status < 500, target
        if status in (301, 302, 307):
            assert headers["location"].startswith("/") and not headers["location"].startswith("//"), target


def test_every_response_carries_the_security_headers(running: Running) -> None:
    for target in ["/", "/testclinic/", "/testclinic/assets/brand.css", "/_preview/reload.js", "/nowhere",
                   "/_preview/events?v=abc"]:
        _, headers, _ = running.get(target)
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, target
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer" and headers["x-frame-options"] == "DENY"


def test_preview_pages_carry_no_inline_script(running: Running) -> None:
    _, _, page = running.get("/testclinic/leaflets/TEST-ALPHA/")
    assert b'<script src="/_preview/reload.js" data-version="' in page
    assert b"<script>" not in page and b"EventSource" not in page
    status, headers, script = running.get("/_preview/reload.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript") and b"EventSource" in script


def test_a_non_ascii_query_is_a_plain_400(running: Running) -> None:
    answer = running.raw(f"GET /_preview/events?v=\u00b2 HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n\r\n"
                         .encode())
    assert answer.startswith(b"HTTP/1.1 400") and b"Traceback" not in answer


def _open_stream(running: Running) -> socket.socket:
    stream = socket.create_connection(("127.0.0.1", running.port), timeout=10)
    stream.sendall(f"GET {running.events()} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n\r\n".encode())
    assert stream.recv(4096).startswith(b"HTTP/1.1 200")
    return stream


def test_event_streams_are_capped_and_the_rest_get_503(running: Running) -> None:
    running.preview.max_streams, running.preview.keepalive = 2, 0.2
    streams = [_open_stream(running) for _ in range(2)]
    try:
        status, _, body = running.get(running.events())
        assert status == 503 and b"too many open preview pages" in body
    finally:
        for stream in streams:
            stream.close()
        running.preview.max_streams = 16
    deadline = time.monotonic() + 30  # a closed stream is noticed at its next keep-alive
    while running.preview.streams:
        assert time.monotonic() < deadline, running.preview.streams
        time.sleep(0.1)
    running.preview.keepalive = 15


def test_an_event_stream_ends_after_its_time(running: Running) -> None:
    running.preview.stream_seconds = 0.5
    try:
        started = time.monotonic()
        status, headers, body = running.get(running.events(), timeout=10)
        assert status == 200 and headers["content-type"].startswith("text/event-stream")
        assert time.monotonic() - started < 5 and body.startswith(b"retry: 1000\n\n") and b"data:" not in body
    finally:
        running.preview.stream_seconds = 600


def test_a_file_the_site_copies_is_not_served_through_a_symlink(tmp_path: Path) -> None:
    from leaflets.outputs.preview import Preview
    content, outside = tmp_path / "content", tmp_path / "secret.txt"
    (content / "brands/x/fonts").mkdir(parents=True)
    outside.write_text("root:x:0:0")
    (content / "brands/x/fonts/OFL.txt").symlink_to(outside)
    (content / "brands/x/fonts/real.txt").write_text("licence")
    preview = Preview(ROOT, content, tmp_path / "out", (), TODAY, print, build_pdfs=False)
    assert preview._read(content / "brands/x/fonts/real.txt") == b"licence"
    assert preview._read(content / "brands/x/fonts/OFL.txt") is None
    assert preview._read(outside) is None
    assert preview._read(content / "brands/x/fonts/../../../../secret.txt") is None


def test_an_unknown_brand_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    result = run_build("serve", "--brand", "testclinik", "--port", "0", "--content", FIXTURE_CONTENT)
    assert result.code == 1
    assert "there is no brand 'testclinik'" in result.err and "(the brands are: testclinic)" in result.err
    assert "Serving the preview" not in result.out and "Traceback" not in result.err


def test_a_chosen_brand_is_not_stopped_by_another_brands_mistake(content: Path) -> None:
    from leaflets.outputs.preview import Preview
    shutil.copytree(content / "brands/testclinic", content / "brands/otherclinic")
    edit(content / "brands/otherclinic/_brand.yml", "email: team@test-clinic.example.org", "email: not an address")
    chosen = Preview(ROOT, content, content.parent / "out", ("testclinic",), TODAY, print, build_pdfs=False)
    sites, problems = chosen.render()
    assert problems == [] and list(sites) == ["testclinic"]
    every = Preview(ROOT, content, content.parent / "out", (), TODAY, print, build_pdfs=False)
    assert any("otherclinic" in problem.file for problem in every.render()[1])


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("0.0.0.0", True)])
def test_binding_beyond_this_computer_warns(monkeypatch: pytest.MonkeyPatch, host: str, warned: bool) -> None:
    from leaflets.outputs import preview_server

    class NotRun:
        def run(self, sockets: list[socket.socket]) -> None:
            sockets[0].close()

    monkeypatch.setattr(preview_server, "server", lambda preview, sock, given: NotRun())
    warnings: list[str] = []
    preview_server.serve(None, host, 0, lambda line: None, warnings.append)  # type: ignore[arg-type]
    assert bool(warnings) == warned
    if warned:
        assert "other computers" in warnings[0] and "--host 127.0.0.1" in warnings[0]


def test_the_name_given_to_host_is_answered_as_well_as_the_bound_address() -> None:
    from leaflets.outputs.preview_guard import host_names
    names = host_names("192.0.2.7", 8000, "preview.clinic.lan")
    assert {"preview.clinic.lan:8000", "192.0.2.7:8000", "localhost:8000", "[::1]:8000"} <= names
    assert "evil.example:8000" not in names and "preview.clinic.lan" not in names
    assert "[::1]:8000" in host_names("::1", 8000)
