"""The evidence pack a sign-off lead signs from: one per leaflet, brand and language, with everything
the patient reads in print order, the urgent signs to confirm, and a picture of every page (issue 21, part 4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from approving import approve
from conftest import FIXTURE_CONTENT, ROOT, edit, run_build
from translating import translate

from leaflets.model.plan import Job, plan
from leaflets.model.project import Project, load_project
from leaflets.model.reading_order import sign_id
from leaflets.outputs.evidence_pack import SignOff, approval_sign_off, render_html
from leaflets.outputs.page_pictures import OUTLINE_COLOUR, page_pictures
from leaflets.render import postprocess
from leaflets.render.page_boxes import render_with_boxes

TODAY = dt.date(2026, 6, 1)
BRAND = "brands/testclinic/_brand.yml"


def pack_job(project: Project, leaflet: str = "alpha", language: str = "en") -> Job:
    return plan(project, ["testclinic"], [leaflet], languages=[language], large_print=False, today=TODAY)[0]


def pack(content: Path, leaflet: str = "alpha", language: str = "en", sign_off: SignOff | None = None) -> str:
    """The pack's HTML as one line per run of whitespace (no pictures: those are tested on their own)."""
    project = load_project(ROOT, content)
    html = render_html(project, pack_job(project, leaflet, language), TODAY, [], sign_off or SignOff("f" * 64))
    return " ".join(html.split())


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`review` of alpha run once in English, then once in Urdu, into one folder; the English pack's
    bytes between the two runs are kept beside it as english-pack.pdf."""
    content = tmp_path_factory.mktemp("review") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    translate(content, "ur")
    out = content.parent / "review"
    for language in ("en", "ur"):
        result = run_build("--content", content, "review", "--leaflet", "alpha", "--language", language,
                           "--out", out, "--today", TODAY.isoformat())
        assert result.code == 0, result.err
        if language == "en":
            names = sorted(p.name for p in (out / "testclinic").iterdir())
            (content.parent / "after-english.txt").write_text("\n".join(names))
            shutil.copy(out / "testclinic" / "alpha.en.evidence.pdf", content.parent / "english-pack.pdf")
    return content.parent


def test_review_in_english_writes_only_the_english_pack_and_the_pdfs_it_pictures(reviewed: Path) -> None:
    assert (reviewed / "after-english.txt").read_text().split() == [
        "alpha.en.email-a4-large-print.pdf", "alpha.en.email-a4.pdf", "alpha.en.evidence.pdf"]


def test_the_urdu_pack_has_its_own_name_and_leaves_the_english_pack_alone(reviewed: Path) -> None:
    folder = reviewed / "review" / "testclinic"
    assert "alpha.ur.evidence.pdf" in {p.name for p in folder.iterdir()}
    assert (folder / "alpha.en.evidence.pdf").read_bytes() == (reviewed / "english-pack.pdf").read_bytes()


def test_the_pack_pictures_each_page_of_the_pdf_it_names(reviewed: Path) -> None:
    folder = reviewed / "review" / "testclinic"
    standard = (folder / "alpha.en.email-a4.pdf").read_bytes()
    pages = len(pypdfium2.PdfDocument(standard))
    text = pdf_text(folder / "alpha.en.evidence.pdf")
    assert re.findall(r"Standard print, page \d+ of (\d+)", text) == [str(pages)] * pages
    assert hashlib.sha256(standard).hexdigest() in text.replace(" ", "")


def test_the_fingerprint_the_pack_prints_is_the_one_in_the_pdfs_metadata(reviewed: Path) -> None:
    folder = reviewed / "review" / "testclinic"
    stamped = postprocess.stamped((folder / "alpha.en.email-a4.pdf").read_bytes())
    text = pdf_text(folder / "alpha.en.evidence.pdf").replace(" ", "")
    assert set(stamped) == {"en"} and f"Approvalfingerprint{stamped['en']}" in text.replace("\n", "")


def test_the_pack_is_a_tagged_pdf(reviewed: Path) -> None:
    with pikepdf.open(reviewed / "review" / "testclinic" / "alpha.en.evidence.pdf") as tagged:
        assert "/StructTreeRoot" in tagged.Root


def test_each_page_picture_outlines_the_urgent_box_where_it_lies(content: Path) -> None:
    from PIL import Image
    project = load_project(ROOT, content)
    paged = render_with_boxes(project, pack_job(project), TODAY)
    pictures = page_pictures(paged.pdf.data, paged.urgent, dpi=72)
    assert len(pictures) == paged.pdf.pages
    box = paged.urgent[0]
    image = Image.open(io.BytesIO(pictures[box.page])).convert("RGB")
    left_edge = image.getpixel((round(box.left - 2), round(box.top + box.height / 2)))
    inside = image.getpixel((round(box.left + box.width / 2), round(box.top + box.height / 2)))
    assert all(abs(a - b) < 40 for a, b in zip(left_edge, OUTLINE_COLOUR, strict=True))
    assert not all(abs(a - b) < 40 for a, b in zip(inside, OUTLINE_COLOUR, strict=True))


def test_the_overview_pack_shows_the_comparison_table(content: Path) -> None:
    html = pack(content, "overview")
    assert "The comparison table" in html
    assert ('<th scope="row" lang="en-GB" dir="ltr">What it is</th><td lang="en-GB" dir="ltr">A test treatment.</td>'
            in html)


def test_the_pack_shows_the_words_to_know_and_the_brand_s_contact_block(content: Path) -> None:
    html = pack(content)
    assert "Words to know" in html and "A made-up treatment used only in tests." in html
    assert "01632 960 111 (Monday to Friday, 9am to 5pm)" in html and "1 Test Street" in html
    assert "team@test-clinic.example.org" in html and "About this leaflet" in html


def test_the_urgent_box_shows_the_brand_s_numbers_and_a_confirmation_to_fill_in(content: Path) -> None:
    html = pack(content)
    assert "Test unit</td><td colspan=\"2\"><span class=\"phone\">01632 960 222</span>" in html
    assert (f'<tr id="sign-{sign_id(0, 0)}"> <td lang="en-GB" dir="ltr">chest pain.</td> '
            '<td><span class="none">no source</span></td> <td class="to-fill"></td><td class="to-fill"></td>') in html


def test_an_approval_s_confirmation_of_a_sign_is_shown_with_its_fingerprint(content: Path) -> None:
    sign_off = SignOff("abc123", "Approval fingerprint", {sign_id(1, 0): ("Dr A Nurse", "2026-05-30")})
    html = pack(content, sign_off=sign_off)
    assert ('<td class="confirmed">Dr A Nurse</td><td class="confirmed">2026-05-30</td>') in html
    assert '<th scope="row">Approval fingerprint</th><td class="fingerprint">abc123</td>' in html


def test_the_signs_an_approval_confirmed_are_shown_confirmed_in_the_pack(content: Path) -> None:
    approve(content, "alpha", "testclinic", "en", "2026-01-10", "Dr A Lead", "Consultant",
            "--signs-confirmed-by", "Sister B Nurse", "--signs-confirmed-on", "2026-01-09")
    project = load_project(ROOT, content)
    sign_off = approval_sign_off(project, pack_job(project))
    assert sign_off.confirmed[sign_id(0, 0)] == ("Sister B Nurse", "2026-01-09")
    html = " ".join(render_html(project, pack_job(project), TODAY, [], sign_off).split())
    assert '<td class="confirmed">Sister B Nurse</td><td class="confirmed">2026-01-09</td>' in html
    assert sign_off.fingerprint in html


def test_bullets_under_a_cited_lead_in_show_the_lead_in_s_sources(content: Path) -> None:
    edit(content / "alpha.yaml", "  Possible side effects:", "  Possible side effects [test-2020]:")
    html = pack(content)
    assert ('<td lang="en-GB" dir="ltr">feeling bored.</td> <td><ul><li><a class="key" href="#source-test-2020">'
            'test-2020</a> <span class="carried">(from the lead-in)</span></li></ul></td>') in html


def test_an_urdu_pack_gives_no_score_where_urdu_has_no_readability_formula(content: Path) -> None:
    translate(content, "ur")
    html = pack(content, language="ur")
    assert "No readability formula for Urdu" in html
    assert "Flesch" not in html


def test_the_pack_gives_the_brand_s_reason_for_holding_the_english_back(content: Path) -> None:
    edit(content / BRAND, "  services:\n", "  release_with: [cy]\n  services:\n")
    assert "there is no Welsh translation" in pack(content)


def test_a_sign_of_two_sentences_is_one_row_citing_what_either_cites(content: Path) -> None:
    edit(content / "alpha.yaml", "signs: [chest pain]", 'signs: ["chest pain. Do not wait [test-2020]"]')
    html = pack(content)
    assert (f'<tr id="sign-{sign_id(0, 0)}"> <td lang="en-GB" dir="ltr">chest pain. Do not wait.</td> '
            '<td><ul><li><a class="key" href="#source-test-2020">test-2020</a></li></ul></td>') in html


def test_both_urgent_boxes_of_a_welsh_english_pdf_are_found(content: Path) -> None:
    translate(content, "cy")
    project = load_project(ROOT, content)
    bilingual = next(job for job in plan(project, ["testclinic"], ["alpha"], languages=["cy"], large_print=False,
                                         today=TODAY) if job.parts)
    paged = render_with_boxes(project, bilingual, TODAY)
    assert {box.ident for box in paged.urgent} >= {"urgent", "part2-urgent"}
