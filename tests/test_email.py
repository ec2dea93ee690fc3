"""Email drafts (.eml) in the clinic's name with the leaflet attached, and sending over SMTP."""

from __future__ import annotations

import datetime as dt
import email
import os
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from approving import approve
from conftest import ROOT, edit


def run_email(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "email", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**os.environ, **(env or {})})


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_an_eml_draft_has_text_and_html_bodies_and_the_pdf(content: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "eml"
    result = run_email("alpha", "--content", content, "--eml-dir", tmp_path)
    assert result.returncode == 0, result.stderr
    message = read_eml(tmp_path / "alpha.eml")
    assert message.is_multipart()
    assert message["Subject"].strip() == "DRAFT - Information leaflet from Test Clinic MS Service: Alpha therapy"
    assert message["From"] == "Test Clinic MS Service <team@test-clinic.example.org>"
    assert message["To"] is None and message["X-Unsent"] == "1"
    plain = message.get_body(("plain",)).get_content()
    assert "Your MS team has sent you our leaflet \"Alpha therapy\"." in plain
    assert "call us on 01632 960 111" in plain
    assert "<p>Hello,</p>" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "alpha-therapy.pdf"
    assert attachment.get_content().startswith(b"%PDF")


def test_the_address_goes_only_into_the_email(content: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "eml"
    result = run_email("alpha", "--content", content, "--eml-dir", tmp_path, "--to", "patient@example.org",
                       "--large-print")
    assert result.returncode == 0, result.stderr
    message = read_eml(tmp_path / "alpha-large-print.eml")
    assert message["To"] == "patient@example.org" and message["X-Unsent"] == "1"
    assert b"\r\n" in (tmp_path / "alpha-large-print.eml").read_bytes()[:200]
    assert [a.get_filename() for a in message.iter_attachments()] == ["alpha-therapy-large-print.pdf"]
    assert "patient@example.org" not in result.stdout + result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["alpha-large-print.eml"]


NOT_AN_ADDRESS = "the address given to --to is not a valid email address"


@pytest.mark.parametrize(("args", "message"), [
    (("--to", "not-an-address"), NOT_AN_ADDRESS),
    (("--to", "a@b.co\n"), NOT_AN_ADDRESS),
    (("--to", "jané@exämple.org"), NOT_AN_ADDRESS),
    (("--send",), "--send needs --to ADDRESS"),
])
def test_bad_email_requests_are_usage_errors(content: Path, tmp_path: Path, args: tuple, message: str) -> None:
    result = run_email("alpha", "--content", content, "--eml-dir", tmp_path / "eml", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "eml").exists()


@pytest.mark.parametrize("address", ["jane.patient@@example.org", "jané.patient@exämple.org",
                                     "jane.patient@example.org?bcc=x@example.org"])
def test_an_invalid_to_address_is_never_echoed(content: Path, tmp_path: Path, address: str) -> None:
    result = run_email("alpha", "--content", content, "--eml-dir", tmp_path / "eml", "--to", address, "--debug")
    assert result.returncode == 2
    assert NOT_AN_ADDRESS in result.stderr
    assert "jane" not in (result.stdout + result.stderr).lower()  # no part of the patient's address
    assert not (tmp_path / "eml").exists()


def test_a_recipient_the_server_refuses_is_not_named_in_the_error(content: Path) -> None:
    from leaflets.errors import LeafletError
    from leaflets.outputs.emailer import SmtpSettings, send

    class Refusing:
        async def handle_RCPT(self, server, session, envelope, address, options):
            return f"550 5.1.1 <{address}>: no such user here"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        message = message_for(content)
        message["To"] = "jane.patient@example.org"
        with pytest.raises(LeafletError) as refused:
            send(message, SmtpSettings("127.0.0.1", port, None, None, False, None))
    finally:
        controller.stop()
    assert "refused the recipient's address" in str(refused.value)
    assert "jane" not in str(refused.value) and refused.value.__cause__ is None


@pytest.mark.sample
def test_a_brand_must_be_chosen_when_there_are_several(tmp_path: Path) -> None:
    result = run_email("ivig", "--eml-dir", tmp_path)
    assert result.returncode == 2
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error: choose one --brand (from: ")]
    assert {"northfield", "riverside"} <= set(line.split("(from: ")[1].rstrip(")").split(", "))
    assert list(tmp_path.iterdir()) == []


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Path, Inbox]]:
    """A local SMTP server that requires STARTTLS, with a certificate made for this test."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        yield port, cert, inbox
    finally:
        controller.stop()


def smtp_env(port: int, cert: Path) -> dict[str, str]:
    return {"LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_PORT": str(port), "LEAFLETS_SMTP_CAFILE": str(cert)}


def test_sending_over_starttls_delivers_the_email_and_writes_nothing(content: Path, tmp_path: Path,
                                                                    smtp_server: tuple[int, Path, Inbox]) -> None:
    port, cert, inbox = smtp_server
    approve(content)
    out = tmp_path / "eml"
    result = run_email("alpha", "--content", content, "--eml-dir", out, "--to", "patient@example.org", "--send",
                       "--today", "2026-06-01", env=smtp_env(port, cert))
    assert result.returncode == 0, result.stderr
    [(sender, recipients, data)] = inbox.messages
    assert (sender, recipients) == ("team@test-clinic.example.org", ["patient@example.org"])
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["Subject"].strip() == "Information leaflet from Test Clinic MS Service: Alpha therapy"
    assert [a.get_filename() for a in message.iter_attachments()] == ["alpha-therapy.pdf"]
    assert not out.exists()


def test_a_draft_is_not_sent_unless_allowed(content: Path, smtp_server: tuple[int, Path, Inbox]) -> None:
    port, cert, inbox = smtp_server
    result = run_email("alpha", "--content", content, "--to", "patient@example.org", "--send",
                       env=smtp_env(port, cert))
    assert result.returncode == 1
    assert "TEST-ALPHA (en) for testclinic has not been approved" in result.stderr
    assert inbox.messages == []
    allowed = run_email("alpha", "--content", content, "--to", "patient@example.org", "--send", "--allow-draft",
                        env=smtp_env(port, cert))
    assert allowed.returncode == 0, allowed.stderr
    assert len(inbox.messages) == 1


def test_an_untrusted_server_certificate_stops_the_send(content: Path, smtp_server: tuple[int, Path, Inbox]) -> None:
    port, _, inbox = smtp_server
    result = run_email("alpha", "--content", content, "--to", "patient@example.org", "--send", "--allow-draft",
                       env={"LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_PORT": str(port)})
    assert result.returncode == 1
    assert "could not send the email through 127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr
    assert inbox.messages == []


def test_building_options_before_email_are_refused(content: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", "/tmp/elsewhere", "email", "alpha",
                             "--content", str(content)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "--out applies to building, not to 'email'" in result.stderr


def test_a_bad_smtp_port_is_refused_before_any_work(content: Path) -> None:
    result = run_email("alpha", "--content", content, "--to", "patient@example.org", "--send",
                       env={"LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_PORT": "99999"})
    assert result.returncode == 2
    assert "LEAFLETS_SMTP_PORT must be a port number" in result.stderr


def drafts_env(tmp_path: Path, xdg: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(tmp_path / "home")
    if xdg:
        env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def project_emls() -> list[Path]:
    return [p for p in ROOT.rglob("*.eml") if ".git" not in p.parts]


def test_drafts_go_to_a_private_per_user_folder_outside_the_project(content: Path, tmp_path: Path) -> None:
    before = project_emls()
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "email", "alpha", "--content", str(content),
                             "--to", "patient@example.org"], capture_output=True, text=True, cwd=ROOT,
                            env=drafts_env(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "data/leaflets/email-drafts"
    assert result.stdout.strip() == f"wrote {folder / 'alpha.eml'} (delete it once the email is sent)"
    assert read_eml(folder / "alpha.eml")["To"] == "patient@example.org"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "alpha.eml").stat().st_mode & 0o777 == 0o600
    assert project_emls() == before


def test_without_xdg_data_home_drafts_go_under_the_home_folder(content: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "email", "alpha", "--content", str(content)],
                            capture_output=True, text=True, cwd=ROOT, env=drafts_env(tmp_path, xdg=False))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "home/.local/share/leaflets/email-drafts/alpha.eml").is_file()


def test_a_second_draft_never_replaces_the_first(content: Path, tmp_path: Path) -> None:
    folder = tmp_path / "eml"
    for patient in ("first@example.org", "second@example.org"):
        assert run_email("alpha", "--content", content, "--eml-dir", folder, "--to", patient).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["alpha-2.eml", "alpha.eml"]
    assert read_eml(folder / "alpha.eml")["To"] == "first@example.org"
    assert read_eml(folder / "alpha-2.eml")["To"] == "second@example.org"


def test_eml_files_are_ignored_by_git() -> None:
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", "patient-letter.eml"], cwd=ROOT)
    assert result.returncode == 0


def message_for(content: Path, reasons: tuple[str, ...] = ()) -> email.message.EmailMessage:
    """The email the command would write for alpha, made in-process around a stand-in PDF."""
    from leaflets.model.project import load_project
    from leaflets.outputs.emailer import build_message
    project = load_project(ROOT, content)
    return build_message(project.leaflets["alpha"], project.brands["testclinic"], b"%PDF-1.7", to=None,
                         large_print=False, draft_reasons=reasons)


def test_the_email_says_the_urgent_box_is_on_the_first_page(content: Path) -> None:
    plain = message_for(content).get_body(("plain",)).get_content()
    assert "The box on the leaflet's first page says when to get help urgently, and whom to call." in plain
    assert "last page" not in plain


def test_a_draft_email_says_why_in_its_subject_and_first_line(content: Path) -> None:
    message = message_for(content, ("its text has changed since version 1.0 was approved and released",))
    assert message["Subject"].startswith("DRAFT - ")
    assert message.get_body(("plain",)).get_content().splitlines()[0] == (
        "DRAFT: do not give this leaflet to patients: its text has changed since version 1.0 was approved "
        "and released.")


def test_a_released_leaflet_whose_text_changed_is_not_sent(content: Path) -> None:
    from leaflets.model.project import load_project
    from leaflets.outputs.archive import archive
    approve(content)
    project = load_project(ROOT, content)
    assert archive(project, [(project.leaflets["alpha"], project.brands["testclinic"])], dt.date(2026, 2, 1))
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a trial.")
    result = run_email("alpha", "--content", content, "--to", "patient@example.org", "--send", "--today",
                       "2026-06-01", env={"LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_PORT": "1"})
    assert result.returncode == 1
    assert ("what_it_is: TEST-ALPHA (en) for testclinic version 1.0 was released on 2026-02-01 with other text: "
            "leaflet: what_it_is") in result.stderr
