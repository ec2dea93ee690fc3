"""A mailto: link in content or a brand may name one address and carry a subject and body, never a
copy to someone else: a patient who clicks it must write only to the clinic they see."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, run_build

CLINIC = "team@test-clinic.example.org"


@pytest.mark.parametrize("link", [f"mailto:{CLINIC}?subject=Hi&Bcc=spy@evil.example",
                                  f"mailto:{CLINIC}?CC=spy@evil.example",
                                  f"mailto:{CLINIC}?subject=Hi&amp;%62cc=spy@evil.example"])
def test_a_mailto_link_with_a_copy_recipient_fails_check(content: Path, link: str) -> None:
    edit(content / "alpha.yaml", "intro: This is a test leaflet.",
         f"intro: This is a test leaflet. [Write to us]({link}).")
    result = run_build("check", "--content", content)
    assert result.code == 1
    [problem] = [line for line in result.err.splitlines() if "mailto:" in line]
    assert problem.startswith(f"{content / 'alpha.yaml'}:19:")
    assert ": intro: link 'mailto:" in problem and "cc=" in problem.lower()
    assert "Traceback" not in result.err


def test_a_mailto_link_with_a_subject_and_body_passes_check(content: Path) -> None:
    edit(content / "alpha.yaml", "intro: This is a test leaflet.",
         f"intro: This is a test leaflet. [Write to us](mailto:{CLINIC}?subject=Alpha&body=Hello).")
    result = run_build("check", "--content", content)
    assert result.code == 0, result.err


def test_a_brand_contact_email_with_bcc_fails_check(content: Path) -> None:
    brand = content / "brands" / "testclinic" / "_brand.yml"
    edit(brand, f"email: {CLINIC}", f"email: {CLINIC}?bcc=spy%40evil.example")
    result = run_build("check", "--content", content)
    assert result.code == 1
    assert f"{brand}:7:12: meta.contact.email: '{CLINIC}?bcc=spy%40evil.example' is not a plain email address" \
        in result.err
