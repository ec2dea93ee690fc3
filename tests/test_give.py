"""`build.py give`: only an approved, in-date, not withdrawn leaflet is given, and exactly the PDF the
build's manifest records; each gift is one entry in the record, and the consent form's line."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import json
import socket
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from conftest import ROOT, edit
from recording import give, rows

from leaflets.sources.i18n import long_date

PDF = Path("output/testclinic/alpha-email-a4.pdf")


def manifest_sha256(project: Path) -> str:
    entries = json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))["leaflets"]
    return next(entry["sha256"] for entry in entries if entry["path"] == "testclinic/alpha-email-a4.pdf")


def test_a_draft_leaflet_is_refused_and_nothing_is_recorded(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db, leaflet="overview")
    assert result.exit_code == 1
    assert "build.py approve overview --brand testclinic --language en" in result.output  # what --release says
    assert "Traceback" not in result.output
    assert rows(record_db) == []


def test_an_approved_leaflet_is_recorded_once_with_the_manifests_sha256(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db)
    assert result.exit_code == 0, result.output
    [entry] = rows(record_db)
    pdf = (built_approved / PDF).read_bytes()
    assert entry["sha256"] == manifest_sha256(built_approved) == hashlib.sha256(pdf).hexdigest()
    assert (entry["leaflet_id"], entry["leaflet"], entry["version"], entry["language"]) == ("TEST-ALPHA", "alpha",
                                                                                           "1.0", "en")
    assert (entry["profile"], entry["paper"], entry["large_print"]) == ("email", "a4", False)
    assert (entry["channel"], entry["given_by"], entry["patient"], entry["nhs_number"]) == (
        "print", "AB", "943 476 5919", "9434765919")
    assert entry["size"] == (built_approved / PDF).stat().st_size


def test_the_consent_form_line_names_the_id_title_version_review_date_and_day_given(built_approved: Path,
                                                                                   record_db: str) -> None:
    result = give(built_approved, record_db)
    [entry] = rows(record_db)
    review = entry["review_date"]
    given_on = entry["given_at"].replace(tzinfo=dt.UTC).astimezone().date()  # recorded in UTC, dated locally
    assert result.output == (f"Leaflet TEST-ALPHA, Alpha therapy, version 1.0, reviewed {long_date(review)}, "
                             f"given {long_date(given_on)}\n")


def test_the_consent_form_line_says_large_print_after_the_title(built_approved: Path) -> None:
    from leaflets.commands.give import consent_line
    from leaflets.model.plan import plan
    from leaflets.model.project import load_project
    project = load_project(ROOT, built_approved / "content", ("testclinic",), ("alpha",))
    [job] = plan(project, ("testclinic",), ("alpha",), large_print=True, languages=("en",))
    line = consent_line(job, dt.date(2026, 12, 4))
    assert line.startswith("Leaflet TEST-ALPHA, Alpha therapy (large print), version 1.0, reviewed ")
    assert line.endswith(", given 4 December 2026")


def test_a_leaflet_past_its_review_date_is_refused(built_approved: Path, record_db: str) -> None:
    yaml = built_approved / "content" / "alpha.yaml"
    due = next(line for line in yaml.read_text(encoding="utf-8").splitlines() if line.startswith("  next_review: "))
    edit(yaml, due, "  next_review: 2026-01-31")
    result = give(built_approved, record_db)
    assert result.exit_code == 1
    assert "TEST-ALPHA was due for review on 2026-01-31 and cannot be released" in result.output
    assert rows(record_db) == []


def test_a_wrong_nhs_number_is_a_usage_error_that_does_not_repeat_it(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db, patient="123 456 7890")
    assert result.exit_code == 2
    assert "looks like an NHS number (10 digits) but its check digit is wrong" in result.output
    assert "123 456 7890" not in result.output and "Traceback" not in result.output
    assert rows(record_db) == []


def test_a_reference_that_is_not_an_nhs_number_is_kept_as_typed(built_approved: Path, record_db: str) -> None:
    assert give(built_approved, record_db, patient=" RX-00123 ").exit_code == 0
    [entry] = rows(record_db)
    assert (entry["patient"], entry["nhs_number"]) == ("RX-00123", None)


def test_a_pdf_changed_since_the_build_is_refused(built_approved: Path, record_db: str) -> None:
    (built_approved / PDF).write_bytes((built_approved / PDF).read_bytes() + b"\n")
    result = give(built_approved, record_db)
    assert result.exit_code == 1
    assert "differs from what" in result.output
    assert "build it again (python3 build.py --brand testclinic" in result.output
    assert rows(record_db) == []


def test_a_pdf_not_built_is_refused_with_the_build_to_run(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db, "--large-print")
    assert result.exit_code == 1
    assert "is not in" in result.output and "--large-print" in result.output
    assert rows(record_db) == []


def test_a_pdf_built_while_the_leaflet_was_a_draft_is_refused(built_approved: Path, record_db: str) -> None:
    manifest = built_approved / "output" / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"draft": false', '"draft": true'),
                        encoding="utf-8")
    result = give(built_approved, record_db)
    assert result.exit_code == 1 and "was built as a draft" in result.output
    assert rows(record_db) == []


@pytest.mark.parametrize("initials", ["", "A1", "<b>"])
def test_staff_initials_are_letters(built_approved: Path, record_db: str, initials: str) -> None:
    result = give(built_approved, record_db, "--by", initials)
    assert result.exit_code == 2 and "--by takes the initials" in result.output


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 OK"


def test_by_email_the_exact_pdf_recorded_is_sent_and_the_address_is_not_kept(
        built_approved: Path, record_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        for name, value in {"LEAFLETS_SMTP_HOST": "127.0.0.1", "LEAFLETS_SMTP_PORT": str(port),
                            "LEAFLETS_SMTP_STARTTLS": "0"}.items():
            monkeypatch.setenv(name, value)
        result = give(built_approved, record_db, "--to", "jane.patient@example.org", channel="email")
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    [message] = [email.message_from_bytes(raw, policy=policy.default) for raw in inbox.messages]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == (built_approved / PDF).read_bytes()
    [entry] = rows(record_db)
    assert entry["channel"] == "email"
    assert "jane.patient@example.org" not in result.output and "jane" not in str(entry)


def test_a_leaflet_given_on_paper_takes_no_address(built_approved: Path, record_db: str) -> None:
    result = give(built_approved, record_db, "--to", "jane.patient@example.org")
    assert result.exit_code == 2 and rows(record_db) == []
