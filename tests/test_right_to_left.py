"""Right to left done properly (issue 18, part 3): in Urdu, phone numbers, temperatures and addresses
keep their order on the page and in the text layer; term and definition boxes mirror; a booklet is
bound on the right."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from markupsafe import Markup
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from weasyprint import HTML

from leaflets.model.citations import Citations
from leaflets.model.models import Reference
from leaflets.model.project import load_project
from leaflets.render.bidi import isolate, isolate_in_html
from leaflets.render.booklet import impose, saddle_stitch_order
from leaflets.render.html import environment

PROJECT = load_project(ROOT)
BRANDS = sorted(PROJECT.brands)
URDU = ["overview-ur-email-a4.pdf", "plasma-exchange-ur-email-a4-large-print.pdf"]
PAGE_WIDTH = 595.3  # A4, in points
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def text_layer(pdf: Path, *args: str) -> str:
    """What pdftotext reads (in logical order), bidi controls dropped and spaces collapsed."""
    text = subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.translate(BIDI_CONTROLS).split())


def brand_numbers(brand: str) -> set[str]:
    meta = PROJECT.brands[brand].model.meta
    return {meta.contact.phone, *(service.phone for service in meta.services.values())}


# ---- numbers, temperatures and addresses in order --------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("name", URDU)
def test_urdu_pdfs_print_every_phone_number_with_its_digit_groups_in_order(sample_output: Path, brand: str,
                                                                          name: str) -> None:
    pdf = sample_output / brand / name
    logical = text_layer(pdf)
    drawn = " ".join(extract_text(pdf).split())  # pdfminer: left to right as drawn on the page
    clinic = PROJECT.brands[brand].model.meta.contact.phone
    assert logical.count(clinic) >= 2  # "Contact us" and the other-formats sentence
    for number in brand_numbers(brand):
        groups = number.split()
        if len(groups) > 1:
            reordered = " ".join(reversed(groups))
            assert reordered not in logical and reordered not in drawn, f"{number} printed as {reordered}"
        if number in logical:
            assert number in drawn


def test_urdu_temperatures_keep_the_number_before_the_degree_sign(sample_output: Path) -> None:
    pdf = sample_output / BRANDS[0] / "overview-ur-email-a4.pdf"
    logical, drawn = text_layer(pdf), " ".join(extract_text(pdf).split())
    fever = PROJECT.brands[BRANDS[0]].model.meta.parameters["fever-threshold"].text("ur")
    for temperature in ("36°C", fever):
        assert temperature in logical and temperature in drawn
    assert "C°36" not in logical and "C°36" not in drawn


@pytest.mark.parametrize("brand", BRANDS)
def test_urdu_contact_email_and_website_are_printed_whole(sample_output: Path, brand: str) -> None:
    contact = PROJECT.brands[brand].model.meta.contact
    drawn = " ".join(extract_text(sample_output / brand / "plasma-exchange-ur-email-a4.pdf").split())
    assert contact.email in drawn and contact.website in drawn


def test_in_right_to_left_text_each_number_and_address_is_isolated_left_to_right() -> None:
    html = Markup('<p>فون <a href="mailto:a.b@c-d.org">a.b@c-d.org</a> یا 01632 960 123، 36°C سے کم، '
                  'https://x.org/a?b=1&amp;c=2۔ 9am سے 5.30 pm</p>')
    assert isolate_in_html(html, "rtl") == Markup(
        '<p>فون <span dir="ltr"><a href="mailto:a.b@c-d.org">a.b@c-d.org</a></span> یا '
        '<span dir="ltr">01632 960 123</span>، <span dir="ltr">36°C</span> سے کم، '
        '<span dir="ltr">https://x.org/a?b=1&amp;c=2</span>۔ <span dir="ltr">9am</span> سے '
        '<span dir="ltr">5.30 pm</span></p>')


def test_a_citation_whose_key_holds_digit_groups_is_still_numbered_in_right_to_left_text() -> None:
    source = Reference(key="nice-2022-12", title="A guideline", url="https://example.org/guideline")
    template = environment(ROOT / "templates").from_string("{{ text | md_inline }}")
    html = template.render(text="بخار 38°C [nice-2022-12]", dir="rtl", citations=Citations([source]))
    assert html == 'بخار <span dir="ltr">38°C</span>\u00a0[1]'


def test_left_to_right_documents_are_left_as_they_are() -> None:
    html = Markup("<p>Call 01632 960 123 if it is under 36°C.</p>")
    assert isolate_in_html(html, "ltr") is html
    assert isolate("01632 960 123", "ltr") == "01632 960 123"
    assert isolate("<b>", "rtl") == '<span dir="ltr">&lt;b&gt;</span>'


# ---- term and definition boxes mirror ---------------------------------------------------------

def _word_boxes(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, word) on one page; pdftotext gives a right-to-left word with its letters
    reversed."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html)]


def _term_lines(pdf: Path, terms: list[str]) -> list[tuple[tuple[float, float], list[tuple[float, float]]]]:
    """For each line that sets a term followed by its colon, the (xMin, xMax) of the term's first word
    and of every word on the line. Right to left, pdftotext gives the colon as a word of its own, left
    of the term, and each word's letters reversed."""
    def same(word: str, printed: str) -> bool:
        return word in (printed.strip(":"), printed[::-1].strip(":"))
    found = []
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        words = _word_boxes(pdf, page)
        for y in [y0 for _, y0, _, w in words if ":" in w]:  # each line with a colon (bold terms sit higher)
            line = sorted((x0, x1, w) for x0, y0, x1, w in words if abs(y0 - y) < 3)
            for term in terms:
                names = term.split()
                for i, (_, _, w) in enumerate(line):
                    if w == ":" and line[i + 1:i + 1 + len(names)]:  # right to left: ": last ... first"
                        printed = [v for _, _, v in line[i + 1:i + 1 + len(names)]]
                        first = line[i + len(names)] if len(printed) == len(names) else None
                        matched = all(same(n, v) for n, v in zip(reversed(names), printed, strict=True))
                    elif w.endswith(":") and i + 1 >= len(names):  # left to right: "first ... last:"
                        printed = [v for _, _, v in line[i + 1 - len(names):i + 1]]
                        first = line[i + 1 - len(names)]
                        matched = all(same(n, v) for n, v in zip(names, printed, strict=True))
                    else:
                        continue
                    if matched and first is not None:
                        found.append(((first[0], first[1]), [(x0, x1) for x0, x1, _ in line]))
    return found


@pytest.mark.parametrize("brand", BRANDS)
def test_urdu_words_to_know_start_each_line_with_the_term_on_the_right(sample_output: Path, brand: str) -> None:
    terms = [t.term for t in PROJECT.words_to_know(PROJECT.translations[("ur", "overview")])]
    lines = _term_lines(sample_output / brand / "overview-ur-email-a4.pdf", terms)
    assert len(lines) >= len(terms) // 2, lines
    for (_, term_right), line in lines:
        assert term_right == max(x1 for _, x1 in line) and term_right > PAGE_WIDTH * 0.8


@pytest.mark.parametrize("brand", BRANDS)
def test_english_words_to_know_start_each_line_with_the_term_on_the_left(sample_output: Path, brand: str) -> None:
    terms = [t.term for t in PROJECT.words_to_know(PROJECT.leaflets["overview"])]
    lines = _term_lines(sample_output / brand / "overview-email-a4.pdf", terms)
    assert len(lines) >= len(terms) // 2, lines
    for (term_left, _), line in lines:
        assert term_left == min(x0 for x0, _ in line) and term_left < PAGE_WIDTH * 0.2


# ---- booklets bound on the right ------------------------------------------------------------

def test_a_right_to_left_booklet_mirrors_every_side() -> None:
    assert saddle_stitch_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert saddle_stitch_order(8, right_to_left=True) == [(0, 7), (6, 1), (2, 5), (4, 3)]


OTHER_HALF = {"left": "right", "right": "left"}


def _pages(language: str, count: int) -> bytes:
    """A small A5 document of `count` pages, each saying its number."""
    body = "".join(f'<p style="break-after: page">P{n}</p>' for n in range(1, count + 1))
    return HTML(string=f'<html lang="{language}"><style>@page {{ size: A5 }}</style><body>{body}</body></html>'
                ).write_pdf()


@pytest.mark.parametrize(("language", "cover_half"), [("ur", "left"), ("en-GB", "right")])
def test_an_urdu_booklet_has_its_front_cover_on_the_left_half_so_it_is_bound_on_the_right(
        tmp_path: Path, language: str, cover_half: str) -> None:
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(impose(_pages(language, 4)))
    reader = PdfReader(io.BytesIO(booklet.read_bytes()))
    assert str(reader.root_object["/Lang"]) == language
    middle = float(reader.pages[0].mediabox.width) / 2
    halves = {w: ("left" if x1 < middle else "right") for _, _, x1, w in _word_boxes(booklet, 1)}
    assert halves["P1"] == cover_half
    assert halves["P4"] == OTHER_HALF[cover_half]  # the back cover
    inside = {w: ("left" if x1 < middle else "right") for _, _, x1, w in _word_boxes(booklet, 2)}
    assert inside["P2"] == OTHER_HALF[cover_half]  # the inside of the front cover
