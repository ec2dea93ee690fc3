"""The draft band is real text in the project's fonts, shaped, in each page's language, on every page of
a draft, and not read by a screen reader on every page; no PDF embeds a font the project does not
ship (issue 18, part 4)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral
from pdfstructure import read_tagged

from leaflets.model.project import load_project
from leaflets.sources import fonts, i18n

PROJECT = load_project(ROOT)
BRANDS = sorted(PROJECT.brands)
BAND_MM = 15  # the band lies within this far of the top edge; the running header below it
PT_MM = 72 / 25.4


class _Artifacts(PDFLayoutAnalyzer):
    """Every glyph drawn in white as an Artifact, per page: (x, top, text, glyph id, font)."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.tags: list[str] = []
        self.pages: list[list[tuple[float, float, str, int, str]]] = []

    def begin_page(self, page: PDFPage, ctm: object) -> None:
        super().begin_page(page, ctm)
        self.pages.append([])
        self.height = page.mediabox[3] - page.mediabox[1]

    def begin_tag(self, tag: PSLiteral, props: object = None) -> None:
        self.tags.append(tag.name)

    def end_tag(self) -> None:
        if self.tags:
            self.tags.pop()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:  # type: ignore[no-untyped-def]
        advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        char = self.cur_item._objs[-1]
        white = tuple(char.graphicstate.ncolor or ()) in ((1, 1, 1), (1.0, 1.0, 1.0))
        if "Artifact" in self.tags and isinstance(char, LTChar) and white:
            self.pages[-1].append((char.x0, self.height - char.y1, char.get_text(), cid, char.fontname))
        return advance


def band_glyphs(pdf: Path) -> list[list[tuple[float, str, int, str]]]:
    """Per page, the band's glyphs (white Artifacts at the top of the page): (x, text, glyph id, font)."""
    manager = PDFResourceManager()
    device = _Artifacts(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with pdf.open("rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    return [[(x, text, cid, font) for x, top, text, cid, font in page if top < BAND_MM * PT_MM]
            for page in device.pages]


def band_text(glyphs: list[tuple[float, str, int, str]], language: str) -> str:
    """The glyphs in reading order (right to left in Urdu), without spaces."""
    ordered = sorted(glyphs, key=lambda g: -g[0] if i18n.direction(language) == "rtl" else g[0])
    return "".join("".join(text for _, text, _, _ in ordered).split())


def message(language: str) -> str:
    return "".join(i18n.translations(ROOT, language).gettext("DRAFT - not for patient use").split())


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def project_fonts(brand: str) -> set[str]:
    """The full names (lower case, letters and digits only) of the brand's fonts and the fallbacks."""
    paths = [face.path for face in PROJECT.brands[brand].fonts] + list(fonts.paths(ROOT, "ur"))
    names = set()
    for path in paths:
        full = TTFont(path)["name"].getDebugName(4)
        names |= {_plain(full), _plain(full.removesuffix(" Regular"))}
    return names


# ---- the band ---------------------------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize(("name", "language"), [("overview-ur-email-a4", "ur"),
                                                ("plasma-exchange-ur-email-a4-large-print", "ur"),
                                                ("plasma-exchange-cy-email-a4", "cy")])
def test_every_page_of_a_draft_has_the_band_as_artifact_text_in_its_language(sample_output: Path, brand: str,
                                                                             name: str, language: str) -> None:
    pages = band_glyphs(sample_output / brand / f"{name}.pdf")
    assert pages
    for number, glyphs in enumerate(pages, 1):
        assert band_text(glyphs, language) == message(language), f"page {number}"
        assert {_plain(font.split("+", 1)[-1]) for *_, font in glyphs} <= project_fonts(brand)


@pytest.mark.parametrize("brand", BRANDS)
def test_a_bilingual_draft_has_each_parts_band_in_that_parts_language(sample_output: Path, brand: str) -> None:
    pages = band_glyphs(sample_output / brand / "overview-cy-en-email-a4.pdf")
    texts = [band_text(glyphs, "cy") for glyphs in pages]
    english = texts.index(message("en"))  # the first page of the English part
    assert english > 0 and texts == [message("cy")] * english + [message("en")] * (len(texts) - english)


def test_the_urdu_band_is_shaped_joined_letters_take_their_joining_forms(sample_output: Path) -> None:
    glyphs = band_glyphs(sample_output / BRANDS[0] / "overview-ur-email-a4.pdf")[0]
    forms: dict[str, set[int]] = {}
    for _, text, cid, _ in glyphs:
        forms.setdefault(text, set()).add(cid)
    # "م" begins مسودہ and مریضوں and is inside استعمال: unshaped, it would be one glyph each time.
    assert len(forms["م"]) >= 2, forms


def test_the_band_is_not_in_the_structure_tree_a_screen_reader_reads(sample_output: Path) -> None:
    pdf = sample_output / BRANDS[0] / "plasma-exchange-cy-email-a4.pdf"
    tagged = read_tagged(pdf)
    band = i18n.translations(ROOT, "cy").gettext("DRAFT - not for patient use")
    assert len(band_glyphs(pdf)) > 1
    assert tagged.reading().count(band) == 1  # the notice on page 1 says it once
    assert not tagged.unowned  # and the band on each page is an Artifact


# ---- no font from the computer ----------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
def test_no_pdf_embeds_a_font_the_project_does_not_ship(sample_output: Path, brand: str) -> None:
    allowed = project_fonts(brand)
    pdfs = sorted((sample_output / brand).glob("*.pdf"))
    assert any("-ur-" in pdf.name for pdf in pdfs)
    for pdf in pdfs:
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        names = {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:]}
        assert names and {_plain(n) for n in names} <= allowed, f"{pdf.name}: {names}"
