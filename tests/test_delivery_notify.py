"""The notify channel of `give`, against a fake GOV.UK Notify API on 127.0.0.1: the PDF goes up
whole, as a link the patient confirms their address to open; 2 MB or more is refused before any
request; Notify's notification id comes back for the record; the key and the patient's address
stay out of every error."""

from __future__ import annotations

import base64
import json
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from delivering import free_port, parcel

from leaflets.errors import LeafletError, UsageError
from leaflets.outputs.delivery import Delivered, check, deliver, settings_from_environment
from leaflets.outputs.delivery.notify import LIMIT, NotifySettings

SERVICE = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"test_key-{SERVICE}-{SECRET}"
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
NOTIFICATION = "740e5834-3a29-46b4-9a6f-16142fde533a"


@dataclass
class FakeNotify:
    """What the fake API received (path, the JWT's claims, the JSON), and what it answers."""

    url: str
    requests: list[tuple[str, dict, dict]] = field(default_factory=list)
    status: int = 201
    answer: dict = field(default_factory=lambda: {"id": NOTIFICATION, "reference": None})


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """requests would hand a request to 127.0.0.1 to a proxy named in the environment: no traffic
    of these tests may leave the machine."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    """GOV.UK Notify's send-email endpoint on 127.0.0.1: it checks the bearer JWT is signed with the
    key's secret and issued for the key's service, as Notify does, and answers with an id."""
    port = free_port()
    fake = FakeNotify(f"http://127.0.0.1:{port}")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, SECRET, algorithms=["HS256"], issuer=SERVICE)
            except jwt.PyJWTError:
                return self.reply(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.requests.append((self.path, claims, body))
            self.reply(fake.status, fake.answer)

        def reply(self, status: int, answer: dict) -> None:
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def settings(fake: FakeNotify, key: str = API_KEY) -> NotifySettings:
    return NotifySettings(key, TEMPLATE, base_url=fake.url)


def test_the_upload_is_the_exact_pdf_and_asks_the_patient_to_confirm_their_address(content: Path,
                                                                                   notify: FakeNotify) -> None:
    given = parcel(content)
    delivered = deliver("notify", given, settings(notify))
    assert delivered == Delivered("notify", NOTIFICATION)
    [(path, _, body)] = notify.requests
    assert path == "/v2/notifications/email"
    assert (body["email_address"], body["template_id"]) == ("jane.patient@example.org", TEMPLATE)
    upload = body["personalisation"]["link_to_file"]
    assert base64.b64decode(upload["file"], validate=True) == given.pdf
    assert upload["confirm_email_before_download"] is True
    assert (upload["filename"], upload["retention_period"]) == ("alpha-therapy.pdf", "26 weeks")


def test_the_email_words_come_from_the_catalog_and_point_to_the_link(content: Path, notify: FakeNotify) -> None:
    deliver("notify", parcel(content, large_print=True), settings(notify))
    [(_, _, body)] = notify.requests
    words = body["personalisation"]
    assert words["subject"] == "Information leaflet from Test Clinic MS Service: Alpha therapy"
    assert ("Your MS team has sent you our leaflet \"Alpha therapy\". You can download it as a PDF in large print "
            "from the link below.") in words["body"].splitlines()
    assert "attached" not in words["body"]


def test_a_file_of_2_1_mb_is_refused_before_any_request(content: Path, notify: FakeNotify) -> None:
    big = parcel(content, size=int(2.1 * 1024 * 1024))
    with pytest.raises(LeafletError) as refused:
        check("notify", big, settings(notify))
    assert str(refused.value) == ("the PDF is 2.1 MB; GOV.UK Notify sends files under 2 MB only: nothing was sent "
                                  "(give it by email or nhsmail instead)")
    with pytest.raises(LeafletError, match="under 2 MB"):
        deliver("notify", big, settings(notify))
    assert notify.requests == []


def test_a_file_just_under_2_mb_is_sent_whole(content: Path, notify: FakeNotify) -> None:
    given = parcel(content, size=LIMIT - 1)
    assert deliver("notify", given, settings(notify)).notification_id == NOTIFICATION
    [(_, _, body)] = notify.requests
    assert base64.b64decode(body["personalisation"]["link_to_file"]["file"]) == given.pdf
    with pytest.raises(LeafletError, match="under 2 MB"):
        deliver("notify", parcel(content, size=LIMIT), settings(notify))


def test_a_refusal_is_one_line_without_the_key_or_the_address(content: Path, notify: FakeNotify) -> None:
    notify.status, notify.answer = 400, {"status_code": 400, "errors": [
        {"error": "BadRequestError", "message": "Can't send to this recipient (jane.patient@example.org) using a "
                                                "team-only API key"}]}
    with pytest.raises(LeafletError) as refused:
        deliver("notify", parcel(content), settings(notify))
    shown = str(refused.value) + "".join(traceback.format_exception(refused.value))  # what --debug prints
    assert str(refused.value) == ("GOV.UK Notify refused the email (HTTP 400): Can't send to this recipient "
                                  "([address]) using a team-only API key")
    assert SECRET not in shown and "jane" not in shown


def test_a_key_notify_does_not_accept_is_refused_without_showing_it(content: Path, notify: FakeNotify) -> None:
    other = f"test_key-{SERVICE}-{'0' * 8}-8d35-48ac-975b-e847b4f122b0"
    with pytest.raises(LeafletError) as refused:
        deliver("notify", parcel(content), settings(notify, key=other))
    shown = str(refused.value) + "".join(traceback.format_exception(refused.value))
    assert str(refused.value) == "GOV.UK Notify refused the email (HTTP 403): Invalid token"
    assert other[-36:] not in shown and notify.requests == []


def test_notify_out_of_reach_is_one_plain_line(content: Path) -> None:
    unreachable = NotifySettings(API_KEY, TEMPLATE, base_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(LeafletError) as refused:
        deliver("notify", parcel(content), unreachable)
    assert str(refused.value) == f"could not reach GOV.UK Notify at {unreachable.base_url}: nothing was sent"
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


NOTIFY_VARIABLES = ("API_KEY", "TEMPLATE_ID", "BASE_URL", "RETENTION_WEEKS")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in NOTIFY_VARIABLES:
        monkeypatch.delenv(f"LEAFLETS_NOTIFY_{name}", raising=False)
    return monkeypatch


def test_notify_settings_come_from_the_environment(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("LEAFLETS_NOTIFY_API_KEY", API_KEY)
    environment.setenv("LEAFLETS_NOTIFY_TEMPLATE_ID", TEMPLATE)
    found = settings_from_environment("notify")
    assert found == NotifySettings(API_KEY, TEMPLATE, "https://api.notifications.service.gov.uk", 26)
    assert SECRET not in repr(found)
    environment.setenv("LEAFLETS_NOTIFY_RETENTION_WEEKS", "78")
    environment.setenv("LEAFLETS_NOTIFY_BASE_URL", "http://localhost:8080")
    assert settings_from_environment("notify") == NotifySettings(API_KEY, TEMPLATE, "http://localhost:8080", 78)


@pytest.mark.parametrize(("variables", "message"), [
    ({}, "set LEAFLETS_NOTIFY_API_KEY to the GOV.UK Notify API key"),
    ({"API_KEY": SECRET}, "LEAFLETS_NOTIFY_API_KEY is not a whole GOV.UK Notify API key"),
    ({"API_KEY": API_KEY}, "set LEAFLETS_NOTIFY_TEMPLATE_ID to the id of the Notify email template"),
    ({"API_KEY": API_KEY, "TEMPLATE_ID": TEMPLATE, "BASE_URL": "http://notify.example.org"},
     "LEAFLETS_NOTIFY_BASE_URL must be an https:// address (http:// only to this machine"),
    ({"API_KEY": API_KEY, "TEMPLATE_ID": TEMPLATE, "RETENTION_WEEKS": "79"},
     "LEAFLETS_NOTIFY_RETENTION_WEEKS must be a number of weeks from 1 to 78, not '79'"),
])
def test_missing_or_wrong_notify_settings_name_the_variable(environment: pytest.MonkeyPatch, variables: dict,
                                                            message: str) -> None:
    for name, value in variables.items():
        environment.setenv(f"LEAFLETS_NOTIFY_{name}", value)
    with pytest.raises(UsageError) as wrong:
        settings_from_environment("notify")
    assert message in str(wrong.value)
    assert SECRET not in str(wrong.value)
