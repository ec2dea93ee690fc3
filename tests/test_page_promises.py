"""What every built PDF promises, kept by the layout and checked by reading the PDF back: the urgent
box whole and first, numbers in order, only the project's fonts, the right languages and draft marking."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, edit, run_build
from weasyprint import HTML

from leaflets.errors import RenderError
from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.render.job import RenderInput, prepare, render_input
from leaflets.render.promises import Part, Promises, broken_promises, page_texts

ALPHA = "alpha.yaml"
TIER_1 = "    - {level: now, heading: Call 999 now if you have, call: [emergency], signs: [chest pain]}"
TIER_2 = ("    - {level: same-day, heading: Call the unit today if you have, call: [unit], "
          "signs: [a high temperature]}")


def prepared(content: Path, large_print: bool = False, paper: str | None = None) -> RenderInput:
    project = load_project(ROOT, content, ("testclinic",), ("alpha",))
    job = next(job for job in plan(project, paper=paper, large_print=large_print, today=TODAY)
               if job.leaflet.slug == "alpha" and not job.parts and job.leaflet.language == "en")
    return prepare(project, job)


def texts(content: Path, large_print: bool = False) -> list[str]:
    return page_texts(render_input(prepared(content, large_print), ROOT).data)


def signs(count: int, words: str = "a sign that needs help at once") -> str:
    return "[" + ", ".join(f"{words} {n}" for n in range(1, count + 1)) + "]"


# ---- the layout keeps the box whole and first -------------------------------------------------

def test_a_box_that_fits_under_the_introduction_stays_there_on_page_1(content: Path) -> None:
    first = texts(content)[0]
    assert first.index("This is a test leaflet.") < first.index("When to get help urgently") < first.index("chest pain")


def test_a_box_with_no_room_under_the_introduction_moves_above_it_on_page_1(content: Path) -> None:
    edit(content / ALPHA, "intro: This is a test leaflet.",
         "intro: |\n" + "".join(f"  Paragraph {n} of a long introduction that fills the page.\n\n" for n in range(30)))
    first = texts(content)[0]
    assert "When to get help urgently" in first and "a high temperature" in first
    assert first.index("When to get help urgently") < first.index("Paragraph 0 of a long introduction")


def test_a_single_tier_that_no_page_can_hold_under_the_title_is_refused(content: Path) -> None:
    edit(content / ALPHA, "signs: [chest pain]", "signs: " + signs(70))
    with pytest.raises(RenderError) as refused:
        render_input(prepared(content), ROOT)
    message = str(refused.value)
    assert "leaflet alpha for brand testclinic, in en, email A4 standard print" in message
    assert "the urgent box is on pages" in message and "not whole on page 1" in message
    assert "a box may continue on the next page only between tiers" in message


def test_large_print_continues_a_tall_box_on_page_2_between_its_tiers(content: Path) -> None:
    edit(content / ALPHA, TIER_1, TIER_1.replace("signs: [chest pain]", "signs: " + signs(12)))
    edit(content / ALPHA, TIER_2, TIER_2.replace("signs: [a high temperature]", "signs: " + signs(10, "a fever")))
    pages = texts(content, large_print=True)
    assert "Keep this page and the next where you can find them." in pages[0]
    assert "Emergency services: 999" in pages[0] and "a sign that needs help at once 12" in pages[0]
    assert "Call the unit today" not in pages[0]
    assert pages[1].startswith("When to get help urgently (continued)") or \
        "When to get help urgently (continued) Call the unit today if you have: Test unit: 01632 960 222" in pages[1]
    assert "a fever 10" in pages[1] and "a sign that needs help" not in pages[1]


def test_large_print_refuses_a_single_tier_taller_than_the_room_under_the_title(content: Path) -> None:
    edit(content / ALPHA, "signs: [chest pain]", "signs: " + signs(70))
    with pytest.raises(RenderError, match="split a long tier in two"):
        render_input(prepared(content, large_print=True), ROOT)


def test_a_box_that_fits_whole_is_never_continued_on_page_2(content: Path) -> None:
    edit(content / ALPHA, TIER_1, TIER_1.replace("signs: [chest pain]", "signs: " + signs(12)))
    pages = texts(content)
    assert "and the next where" not in pages[0] and "(continued)" not in " ".join(pages)


def test_a_pdf_whose_box_does_not_fit_is_not_written_and_its_previous_file_is_kept(content: Path,
                                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--content", content, "--today", "2026-06-01", "--out", out, "--leaflet", "alpha", "--standard-print")
    assert run_build(*args).code == 0
    before = (out / "testclinic" / "alpha-email-a4.pdf").read_bytes()
    edit(content / ALPHA, "signs: [chest pain]", "signs: " + signs(70))
    result = run_build(*args, "--force")
    assert result.code == 1
    assert "leaflet alpha for brand testclinic, in en, email A4 standard print: the urgent box" in result.err
    assert "Traceback" not in result.err
    assert (out / "testclinic" / "alpha-email-a4.pdf").read_bytes() == before


# ---- the built PDF is read back ----------------------------------------------------------------

def test_every_render_reads_its_pdf_back_and_refuses_one_that_breaks_a_promise(content: Path) -> None:
    given = prepared(content)
    assert given.promises is not None and "01632 960 111" in given.promises.phones
    wrong = dataclasses.replace(given, promises=dataclasses.replace(given.promises, phones=("01632 960 999",)))
    with pytest.raises(RenderError) as refused:
        render_input(wrong, ROOT)
    assert str(refused.value) == (
        "leaflet alpha for brand testclinic, in en, email A4 standard print: the built PDF breaks its "
        "promises, so it was not written: the phone number 01632 960 999 is not on the page as the "
        "brand file has it")


def tiny_pdf(body: str, lang: str = "en-GB", title: str = "A leaflet", style: str = "") -> bytes:
    html = (f'<html lang="{lang}"><head><title>{title}</title><style>{style}</style></head>'
            f'<body><main>{body}</main></body></html>')
    return HTML(string=html).write_pdf(pdf_tags=True)


BOX = ('<section id="urgent"><h2>When to get help urgently</h2>'
       '<div id="urgent-tier-1"><p>Call the unit: 01632 960 222</p><ul><li>a fever</li></ul></div></section>')
PART = Part("en-GB", False, (("01632 960 222",),), "DRAFT - not for patient use")
KEPT = Promises("leaflet tiny", (PART,), ("01632 960 222",), frozenset(), frozenset(), False)


def test_a_pdf_that_keeps_its_promises_passes(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX)
    assert broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts)) == []


def test_a_phone_number_whose_digit_groups_are_reordered_is_refused(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX + "<p>Call us on 222 960 01632.</p>")
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts))
    assert found == ["the phone number 01632 960 222 reads as '222 960 01632' on the page "
                     "(right-to-left text reordered it: isolate it)"]


def test_a_phone_number_the_pdf_does_not_print_as_typed_is_refused(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX)
    promises = dataclasses.replace(KEPT, fonts=weasyprint_fonts, phones=("01632 960 222", "0300 123 4567"))
    assert broken_promises(data, data, promises) == [
        "the phone number 0300 123 4567 is not on the page as the brand file has it"]


def test_an_urgent_box_over_two_pages_is_refused_naming_them(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf('<section id="urgent"><h2>When to get help urgently</h2>'
                    '<div id="urgent-tier-1"><p>Call the unit: 01632 960 222</p>'
                    '<ul><li>a fever</li></ul></div><p style="break-before: page">more signs</p></section>')
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts))
    assert found == ["the urgent box is on pages 1 and 2, not whole on page 1"]


def test_a_continuation_that_is_not_on_the_next_page_is_refused(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX + '<p style="break-before: page">Page two.</p>'
                    '<section id="urgent-continued" style="break-before: page"><h2>More</h2></section>')
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts))
    assert found == ["the urgent box's continuation is on page 3, not whole on page 2"]


def test_a_font_the_project_does_not_ship_is_refused() -> None:
    data = tiny_pdf(BOX)
    found = broken_promises(data, data, KEPT)
    assert len(found) == 1 and found[0].startswith("it uses fonts the project does not ship: ")


def test_a_document_language_that_is_not_the_leaflets_is_refused(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX, lang="cy")
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts))
    assert found[0] == "its /Lang is 'cy', not 'en-GB'"


def test_a_draft_must_say_so_on_every_page_and_in_its_title(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf('<p>DRAFT - not for patient use</p>' + BOX + '<p style="break-before: page">Page two.</p>')
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts, draft=True))
    assert found == ["it is a draft, but page 2 does not say so",
                     "it is a draft, but its title 'A leaflet' does not say so"]


def test_a_leaflet_for_patients_must_not_say_draft(weasyprint_fonts: frozenset[str]) -> None:
    data = tiny_pdf(BOX + '<p>DRAFT - not for patient use</p>')
    found = broken_promises(data, data, dataclasses.replace(KEPT, fonts=weasyprint_fonts))
    assert found == ["it is for patients, but page 1 says it is a draft"]


@pytest.fixture(scope="module")
def weasyprint_fonts() -> frozenset[str]:
    """The fonts this machine gives WeasyPrint for the tiny test PDFs (which name no project font)."""
    import io

    import pikepdf
    from fontTools.ttLib import TTFont
    names = set()
    with pikepdf.open(io.BytesIO(tiny_pdf(BOX))) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                names.add(str(TTFont(io.BytesIO(obj.FontFile2.read_bytes()))["name"].getDebugName(6)))
    return frozenset(names)


@pytest.mark.slow
@pytest.mark.parametrize("build", ["sample_output", "other_papers"])
def test_the_sample_urgent_boxes_start_each_language_part_in_every_email_pdf(
        build: str, request: pytest.FixtureRequest) -> None:
    """A4 (the default build), Letter and A5: every brand, leaflet and language, both print sizes."""
    import pikepdf
    out: Path = request.getfixturevalue(build)
    found = sorted(out.glob("*/*-email-*.pdf"))
    assert {p.parent.name for p in found} >= {"northfield", "riverside"} and len(found) >= 40
    for pdf_path in found:
        with pikepdf.open(pdf_path) as pdf:
            pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
            where: dict[str, set[int]] = {}
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem" and "/ID" in obj:
                    where.setdefault(str(obj.ID).split("~")[0], set()).add(pages[obj.Pg.objgen])
        parts = sorted(ident for ident in where if re.fullmatch(r"language-part-\d", ident)) or [None]
        for number, part in enumerate(parts, 1):
            start = min(where[part]) if part else 0
            prefix = "" if number == 1 else f"part{number}-"
            assert where[prefix + "urgent"] == {start}, pdf_path.name
            continued = where.get(prefix + "urgent-continued")
            if continued is not None:
                assert continued == {start + 1}, pdf_path.name
