"""`email LEAFLET --language L`: that language's PDF, a subject and body in that language, and a plain
refusal when the leaflet has no such translation, never the English PDF in its place (issue 20)."""

from __future__ import annotations

import email
import os
import subprocess
import sys
from email import policy
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from translating import translate

from leaflets.model.project import load_project
from leaflets.outputs.emailer import build_message


def run_email(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "email", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env=dict(os.environ))


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def message_in(content: Path, language: str, reasons: tuple[str, ...] = ()) -> email.message.EmailMessage:
    project = load_project(ROOT, content)
    return build_message(project.translations[(language, "alpha")], project.brands["testclinic"], b"%PDF-1.7",
                         to=None, large_print=False, draft_reasons=reasons)


def test_a_welsh_email_has_its_subject_and_body_in_welsh(content: Path) -> None:
    translate(content, "cy", title="Therapi alffa", text=lambda english: f"{english.rstrip()} (cy)")
    message = message_in(content, "cy")
    assert message["Subject"].strip() == "Taflen wybodaeth gan Test Clinic MS Service: Therapi alffa"
    plain = message.get_body(("plain",)).get_content()
    assert plain.startswith("Helo,\n\nMae eich tîm MS wedi anfon ein taflen \"Therapi alffa\" atoch.")
    assert "Mae'r blwch ar dudalen gyntaf y daflen yn dweud pryd i gael help ar frys" in plain
    for english in ("Hello", "Your MS team", "If you have questions", "Just ask us"):
        assert english not in plain
    assert '<html lang="cy" dir="ltr">' in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "therapi-alffa.pdf"


def test_a_translated_email_leaves_out_the_brand_s_english_hours(content: Path) -> None:
    translate(content, "pl", title="Terapia alfa", text=lambda english: f"{english.rstrip()} (pl)")
    project = load_project(ROOT, content)
    hours = project.brands["testclinic"].model.meta.contact.hours
    plain = message_in(content, "pl").get_body(("plain",)).get_content()
    assert "zadzwoń do nas pod numer 01632 960 111 albo odpowiedz" in plain
    assert hours not in plain


def test_a_translated_draft_says_why_in_its_language(content: Path) -> None:
    translate(content, "cy", title="Therapi alffa", text=lambda english: f"{english.rstrip()} (cy)")
    message = message_in(content, "cy", ("nid yw wedi'i chymeradwyo",))
    assert message["Subject"].startswith("DRAFFT - Taflen wybodaeth")
    assert message.get_body(("plain",)).get_content().splitlines()[0] == (
        "DRAFFT: peidiwch â rhoi'r daflen hon i gleifion: nid yw wedi'i chymeradwyo.")


def test_an_urdu_email_is_right_to_left_and_its_attachment_has_a_readable_name(content: Path) -> None:
    translate(content, "ur", title="الفا تھراپی", text=lambda english: f"{english.rstrip()} (ur)")
    message = message_in(content, "ur")
    assert '<html lang="ur" dir="rtl">' in message.get_body(("html",)).get_content()
    assert message["Subject"].strip().endswith(": الفا تھراپی")
    assert [a.get_filename() for a in message.iter_attachments()] == ["alpha-ur.pdf"]


def test_a_language_the_leaflet_is_not_translated_into_is_refused_by_name(content: Path, tmp_path: Path) -> None:
    translate(content, "pl", title="Terapia alfa", text=lambda english: f"{english.rstrip()} (pl)")
    result = run_email("alpha", "--content", content, "--language", "cy", "--eml-dir", tmp_path / "eml")
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: alpha has no Welsh (cy) translation, so there is no PDF in that "
                                     "language to attach; it is written in: English (en), Polish (pl)")
    assert not (tmp_path / "eml").exists()


def test_the_email_attaches_the_pdf_in_the_language_asked_for(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", title="Therapi alffa", text=lambda english: f"{english.rstrip()} (cy)")
    result = run_email("alpha", "--content", content, "--language", "cy", "--eml-dir",
                       tmp_path / "eml", "--today", "2026-06-01")
    assert result.returncode == 0, result.stderr
    message = read_eml(tmp_path / "eml" / "alpha-cy.eml")
    [attachment] = list(message.iter_attachments())
    (tmp_path / "attached.pdf").write_bytes(attachment.get_content())
    with pikepdf.open(tmp_path / "attached.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy"
        assert str(pdf.docinfo["/Title"]).endswith("Therapi alffa")


@pytest.mark.sample
def test_the_sample_plasma_exchange_email_in_urdu_attaches_the_urdu_pdf(tmp_path: Path) -> None:
    result = run_email("plasma-exchange", "--brand", "riverside", "--language", "ur", "--eml-dir", tmp_path)
    assert result.returncode == 0, result.stderr
    [attachment] = list(read_eml(tmp_path / "plasma-exchange-ur.eml").iter_attachments())
    (tmp_path / "attached.pdf").write_bytes(attachment.get_content())
    with pikepdf.open(tmp_path / "attached.pdf") as pdf:
        assert str(pdf.Root.Lang) == "ur"


@pytest.mark.sample
def test_the_sample_ivig_has_no_welsh_email(tmp_path: Path) -> None:
    result = run_email("ivig", "--brand", "riverside", "--language", "cy", "--eml-dir", tmp_path)
    assert result.returncode == 1
    assert "ivig has no Welsh (cy) translation" in result.stderr
    assert list(tmp_path.iterdir()) == []
