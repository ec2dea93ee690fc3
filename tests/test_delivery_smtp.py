"""The email and nhsmail channels of `give`, against SMTP servers on 127.0.0.1: NHSmail's profile
(STARTTLS required, a login after it, From the account, `[secure]` for mail leaving nhs.net, 35 MB)
and plain SMTP as `build.py email --send` sends it."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import traceback
from email import policy
from email.utils import parseaddr
from pathlib import Path

import pytest
from conftest import ROOT
from delivering import Mailbox, free_port, listening, parcel, smtp_server

from leaflets.errors import LeafletError, UsageError
from leaflets.outputs.delivery import Delivered, deliver, settings_from_environment
from leaflets.outputs.delivery.nhsmail import NhsmailSettings, outside_nhs_net
from leaflets.outputs.emailer import SmtpSettings

ACCOUNT = "ms.team@nhs.net"


def nhsmail(port: int, folder: Path, password: str = Mailbox.password) -> NhsmailSettings:
    return NhsmailSettings(ACCOUNT, password, host="127.0.0.1", port=port, cafile=str(folder / "cert.pem"))


def received(mailbox: Mailbox) -> email.message.EmailMessage:
    [(_, _, data)] = mailbox.messages
    return email.message_from_bytes(data, policy=policy.default)


def test_nhsmail_logs_in_after_starttls_and_sends_from_the_account(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as (port, mailbox):
        delivered = deliver("nhsmail", parcel(content), nhsmail(port, tmp_path))
    assert delivered == Delivered("nhsmail", None)
    [(mechanism, login, _, over_tls)] = mailbox.logins
    assert mechanism in {"LOGIN", "PLAIN"} and login == ACCOUNT and over_tls
    [(sender, recipients, _)] = mailbox.messages
    assert (sender, recipients) == (ACCOUNT, ["jane.patient@example.org"])
    message = received(mailbox)
    assert parseaddr(message["From"]) == ("Test Clinic MS Service", ACCOUNT)
    assert message["X-Unsent"] is None


def test_nhsmail_marks_mail_to_a_patients_own_address_secure(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as (port, mailbox):
        deliver("nhsmail", parcel(content), nhsmail(port, tmp_path))
    assert received(mailbox)["Subject"] == "[secure] Information leaflet from Test Clinic MS Service: Alpha therapy"


def test_nhsmail_leaves_the_subject_of_mail_within_nhs_net_as_it_is(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as (port, mailbox):
        deliver("nhsmail", parcel(content, to="Jane.Patient@NHS.Net"), nhsmail(port, tmp_path))
    assert received(mailbox)["Subject"] == "Information leaflet from Test Clinic MS Service: Alpha therapy"


@pytest.mark.parametrize("address", ["jane@example.org", "jane@evil-nhs.net", "jane@nhs.net.evil.com",
                                     "jane@mail.nhs.net", "nhs.net@example.org", "jane@nhs.uk"])
def test_only_the_nhs_net_domain_itself_is_inside(address: str) -> None:
    assert outside_nhs_net(address)
    assert not outside_nhs_net("jane@nhs.net") and not outside_nhs_net("jane@NHS.NET")


def test_nhsmail_refuses_a_server_that_does_not_offer_starttls(content: Path) -> None:
    with smtp_server(None, auth=False) as (port, mailbox), pytest.raises(LeafletError) as refused:
        deliver("nhsmail", parcel(content), NhsmailSettings(ACCOUNT, Mailbox.password, "127.0.0.1", port))
    assert mailbox.messages == [] and mailbox.logins == []
    assert "STARTTLS" in str(refused.value) and "\n" not in str(refused.value)


def test_nhsmail_refuses_a_server_that_offers_no_login_after_starttls(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path, auth=False) as (port, mailbox), pytest.raises(LeafletError) as refused:
        deliver("nhsmail", parcel(content), nhsmail(port, tmp_path))
    assert mailbox.messages == []
    assert "No suitable authentication method" in str(refused.value) and "\n" not in str(refused.value)


def test_nhsmail_refuses_a_server_certificate_it_does_not_trust(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path) as (port, mailbox), pytest.raises(LeafletError) as refused:
        deliver("nhsmail", parcel(content), NhsmailSettings(ACCOUNT, Mailbox.password, "127.0.0.1", port))
    assert mailbox.messages == [] and mailbox.logins == []
    assert "certificate" in str(refused.value) and "\n" not in str(refused.value)


def test_a_pdf_over_35_mb_is_refused_before_connecting(content: Path, tmp_path: Path) -> None:
    with listening() as (port, connected):
        with pytest.raises(LeafletError, match="over NHSmail's 35 MB limit"):
            deliver("nhsmail", parcel(content, size=35 * 1024 * 1024 + 1),
                    NhsmailSettings(ACCOUNT, Mailbox.password, "127.0.0.1", port))
        assert not connected()


def test_a_refused_login_names_neither_the_password_nor_the_patient(content: Path, tmp_path: Path) -> None:
    wrong = "Wr0ng-but-secret-passw0rd"
    with smtp_server(tmp_path) as (port, mailbox), pytest.raises(LeafletError) as refused:
        deliver("nhsmail", parcel(content), nhsmail(port, tmp_path, password=wrong))
    assert mailbox.messages == [] and {(login[2], login[3]) for login in mailbox.logins} == {(wrong, True)}
    shown = str(refused.value) + "".join(traceback.format_exception(refused.value))  # what --debug prints
    assert "refused the login of ms.team@nhs.net" in shown
    assert wrong not in shown and "jane" not in shown and "\n" not in str(refused.value)


def test_a_failed_send_shows_no_password_even_with_debug(content: Path, tmp_path: Path) -> None:
    wrong = "Wr0ng-but-secret-passw0rd"
    environment = {**os.environ, "LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_USER": ACCOUNT,
                   "LEAFLETS_SMTP_PASSWORD": wrong, "LEAFLETS_SMTP_CAFILE": str(tmp_path / "cert.pem")}
    with smtp_server(tmp_path) as (port, mailbox):
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--debug", "email", "alpha", "--content",
                                 str(content), "--to", "jane.patient@example.org", "--send", "--allow-draft"],
                                capture_output=True, text=True, cwd=ROOT, timeout=300,
                                env={**environment, "LEAFLETS_SMTP_PORT": str(port)})
    assert result.returncode == 1 and mailbox.messages == [] and mailbox.logins
    assert f"error: the mail server 127.0.0.1:{port} refused the login of {ACCOUNT}" in result.stderr
    assert "Traceback" in result.stderr  # --debug did print one
    assert wrong not in result.stdout + result.stderr and "jane" not in result.stdout + result.stderr


def test_nhsmail_settings_name_the_variable_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ACCOUNT", "PASSWORD", "HOST", "PORT", "CAFILE"):
        monkeypatch.delenv(f"LEAFLETS_NHSMAIL_{name}", raising=False)
    with pytest.raises(UsageError, match="set LEAFLETS_NHSMAIL_ACCOUNT to the NHSmail address"):
        settings_from_environment("nhsmail")
    monkeypatch.setenv("LEAFLETS_NHSMAIL_ACCOUNT", ACCOUNT)
    with pytest.raises(UsageError, match="set LEAFLETS_NHSMAIL_PASSWORD"):
        settings_from_environment("nhsmail")
    monkeypatch.setenv("LEAFLETS_NHSMAIL_PASSWORD", "s3cret-value")
    settings = settings_from_environment("nhsmail")
    assert settings == NhsmailSettings(ACCOUNT, "s3cret-value", "send.nhs.net", 587, None)
    assert "s3cret-value" not in repr(settings)


def test_the_email_channel_sends_as_build_email_does(content: Path, tmp_path: Path) -> None:
    with smtp_server(tmp_path, auth=False) as (port, mailbox):
        delivered = deliver("email", parcel(content), SmtpSettings("127.0.0.1", port, None, None, True,
                                                                     str(tmp_path / "cert.pem")))
    assert delivered == Delivered("email", None)
    message = received(mailbox)
    assert message["From"] == "Test Clinic MS Service <team@test-clinic.example.org>"
    assert message["Subject"] == "Information leaflet from Test Clinic MS Service: Alpha therapy"
    [attachment] = message.iter_attachments()
    assert attachment.get_content() == parcel(content).pdf


def test_print_sends_nothing_and_needs_no_settings(content: Path) -> None:
    assert settings_from_environment("print") is None
    assert deliver("print", parcel(content, to=None), None) == Delivered("print", None)
    with listening() as (port, connected):
        smtp = SmtpSettings("127.0.0.1", port, None, None, True, None)
        assert deliver("print", parcel(content), smtp) == Delivered("print", None)
        assert not connected()


@pytest.mark.parametrize("channel", ["email", "nhsmail", "notify"])
def test_a_sending_channel_needs_an_address(content: Path, channel: str) -> None:
    with pytest.raises(UsageError, match=f"the {channel} channel needs the patient's email address"):
        deliver(channel, parcel(content, to=None), SmtpSettings("127.0.0.1", free_port(), None, None, True, None))


def test_an_unknown_channel_lists_the_four(content: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown channel 'fax' \(choose one of: print, email, nhsmail, notify\)"):
        settings_from_environment("fax")
