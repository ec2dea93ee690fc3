"""`build.py give` sends by the delivery channels (leaflets/outputs/delivery/): the command offers
exactly the channels the library delivers by, and Notify's notification id goes into the record
with the exact PDF uploaded (a fake Notify API on 127.0.0.1: nothing leaves the machine)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from recording import give, rows
from test_delivery_notify import API_KEY, NOTIFICATION, TEMPLATE, FakeNotify, no_proxy, notify  # noqa: F401

from leaflets.commands.give import CHANNELS
from leaflets.outputs import delivery

PDF = Path("output/testclinic/alpha-email-a4.pdf")


def test_give_offers_exactly_the_channels_the_delivery_library_sends_by() -> None:
    assert CHANNELS == delivery.CHANNELS


def test_a_leaflet_given_by_notify_records_notifys_id_and_uploads_the_exact_pdf(
        built_approved: Path, record_db: str, notify: FakeNotify, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("LEAFLETS_NOTIFY_API_KEY", API_KEY)
    monkeypatch.setenv("LEAFLETS_NOTIFY_TEMPLATE_ID", TEMPLATE)
    monkeypatch.setenv("LEAFLETS_NOTIFY_BASE_URL", notify.url)
    result = give(built_approved, record_db, "--to", "jane.patient@example.org", channel="notify")
    assert result.exit_code == 0, result.output
    [(_, _, body)] = notify.requests
    upload = body["personalisation"]["link_to_file"]
    assert base64.b64decode(upload["file"]) == (built_approved / PDF).read_bytes()
    assert upload["confirm_email_before_download"] is True
    [entry] = rows(record_db)
    assert (entry["channel"], entry["notification_id"]) == ("notify", NOTIFICATION)


def test_a_channel_without_its_settings_is_refused_before_anything_is_recorded(
        built_approved: Path, record_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("API_KEY", "TEMPLATE_ID", "BASE_URL"):
        monkeypatch.delenv(f"LEAFLETS_NOTIFY_{name}", raising=False)
    result = give(built_approved, record_db, "--to", "jane.patient@example.org", channel="notify")
    assert result.exit_code != 0 and "LEAFLETS_NOTIFY_API_KEY" in result.output
    assert rows(record_db) == []
