"""Every patient's language: catalogs, translations tied to their English, fonts, right to left, Welsh
bilingual PDFs and reading level per language (issue 11)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from approving import approve
from conftest import ROOT, edit, problems, run_build
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pdfstructure import pdf_ua_parts
from translating import translate

from leaflets.model.exchange import export_po, header, import_po
from leaflets.model.project import load_project
from leaflets.model.review import translation_reasons
from leaflets.model.translations import (
    TranslatedField,
    TranslationFile,
    dump,
    source_hash,
)
from leaflets.sources import fonts

PROJECT = load_project(ROOT)
BRANDS = sorted(PROJECT.brands)
SAMPLES = [(lang, lf) for lang in ("cy", "pl", "ur") for lf in ("overview", "plasma-exchange")]
POLISH = "ąćęłńóśźż"
WELSH = "âêîôûŵŷ"


def text_of(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every structure element under `node`, in document order."""
    found = []
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid:
            found.append(kid)
            found += struct_elements(kid)
    return found


# ---- message catalogs -----------------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
def test_welsh_pdf_has_every_template_word_and_date_in_welsh(sample_output: Path, brand: str) -> None:
    text = " ".join(text_of(sample_output / brand / "plasma-exchange-cy-email-a4.pdf").split())
    for welsh in ("DRAFFT - nid i'w ddefnyddio gyda chleifion", "Geiriau i'w gwybod", "Beth sy'n digwydd?",
                  "Sgil-effeithiau a risgiau", "Pryd i gael help ar frys", "Tudalen 1 o", "25 Tachwedd 2027"):
        assert welsh in text
    for english in ("DRAFT - not for patient use", "Words to know", "What happens?", "Side effects and risks",
                    "Page 1 of", "November"):
        assert english not in text


@pytest.mark.parametrize(("language", "leaflet"), SAMPLES)
def test_html_and_pdf_say_the_document_language_and_direction(sample_output: Path, language: str,
                                                              leaflet: str) -> None:
    with pikepdf.open(sample_output / BRANDS[0] / f"{leaflet}-{language}-email-a4.pdf") as pdf:
        assert str(pdf.Root.Lang) == language
        langs = {str(e.Lang) for e in struct_elements(pdf.Root.StructTreeRoot) if "/Lang" in e}
        assert "en-GB" in langs  # the sources, which are in English, are tagged as English


def test_a_translation_in_a_language_with_no_catalog_is_an_error_naming_it(content: Path) -> None:
    translate(content, "fr", "alpha")
    found = problems(content)
    assert any("translations/fr/alpha.yaml:1:1: (file): no message catalog for language 'fr' (French)" in p
               for p in found), found


def test_a_leaflet_whose_document_language_has_no_catalog_is_an_error_naming_it(content: Path) -> None:
    edit(content / "alpha.yaml", "  keywords: [test]\n", "  keywords: [test]\n  language: de\n")
    found = problems(content)
    assert any("document.language: no message catalog for language 'de' (German)" in p for p in found), found


def test_asking_for_a_language_with_no_catalog_is_a_usage_error(content: Path, tmp_path: Path) -> None:
    result = run_build("--content", content, "--out", tmp_path / "out", "--language", "fr")
    assert result.code == 2
    assert "no message catalog for language 'fr' (French)" in result.err
    assert not (tmp_path / "out").exists()


# ---- translations tied to their English -----------------------------------------------------

def test_changing_one_english_sentence_marks_exactly_that_field_out_of_date(content: Path) -> None:
    translate(content, "cy", "alpha")
    project = load_project(ROOT, content)
    assert [r.values for r in translation_reasons(project, project.translations[("cy", "alpha")])] == [{}]
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    project = load_project(ROOT, content)
    reasons = [r for r in translation_reasons(project, project.translations[("cy", "alpha")]) if r.values]
    assert [r.values["field"] for r in reasons] == ["what_it_is"]
    assert reasons[0].text().startswith("the English text of 'What it is' (what_it_is) changed after it was "
                                        "translated (English version 1.0, last checked 2026-01-15)")


def test_an_out_of_date_translation_is_a_draft_that_says_why_in_its_language(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", "alpha", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    result = run_build("--content", content, "--out", tmp_path, "--language", "cy", "--standard-print",
                       "--today", "2026-06-01")
    assert result.code == 0, result.err
    text = " ".join(text_of(tmp_path / "testclinic" / "alpha-cy-email-a4.pdf").split())
    assert "DRAFFT - nid i'w ddefnyddio gyda chleifion" in text
    assert "newidiodd y testun Saesneg yn 'Beth ydyw' (what_it_is) ar ôl ei gyfieithu" in text


def test_release_refuses_an_unchecked_or_out_of_date_translation(content: Path, tmp_path: Path) -> None:
    approve(content)
    translate(content, "pl", "alpha", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    path = translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "  how_long: About 1 hour.", "  how_long: About 2 hours.")
    result = run_build("--content", content, "--out", tmp_path / "out", "--release", "--today", "2026-06-01")
    assert result.code == 1
    display = path.relative_to(content.parent)
    assert f"{display}:3:8: check: the translation has not been checked by a qualified translator" in result.err
    assert re.search(r"translations/pl/alpha\.yaml:\d+:\d+: fields\.at_a_glance\.how_long\.source: the English "
                     r"text of 'At a glance' \(at_a_glance\.how_long\) changed", result.err), result.err
    assert not (tmp_path / "out").exists()


def test_an_out_of_date_field_citing_a_source_the_english_dropped_is_a_draft_not_an_error(content: Path) -> None:
    edit(content / "alpha.yaml", "  - key: test-2020\n", "  - key: old-2019\n    authors: [Old B]\n    title: An old "
         "source\n    journal: J Tests\n    year: 2019\n    doi: 10.1000/old.2019\n  - key: test-2020\n")
    edit(content / "alpha.yaml", "[test-2020].", "[old-2019, test-2020].")
    translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "[old-2019, test-2020].", "[test-2020].")
    edit(content / "alpha.yaml", "  - key: old-2019\n    authors: [Old B]\n    title: An old source\n    journal: "
         "J Tests\n    year: 2019\n    doi: 10.1000/old.2019\n", "")
    project = load_project(ROOT, content)
    reasons = [r.values.get("field") for r in translation_reasons(project, project.translations[("cy", "alpha")])]
    assert reasons == [None, "benefits"]


def test_a_glossary_term_whose_english_changed_is_shown_in_english(content: Path) -> None:
    glossary = content / "translations" / "cy" / "glossary.yaml"
    glossary.parent.mkdir(parents=True)
    project = load_project(ROOT, content)
    data = project.glossary.model_dump(mode="json")
    fields = {f"terms[0].{name}": TranslatedField(source=source_hash(data["terms"][0][name]), text=f"{name} (cyf.)")
              for name in ("term", "definition")}
    glossary.write_text(dump(TranslationFile(fields=fields), header("cy", "glossary.yaml")))
    translate(content, "cy", "alpha")
    project = load_project(ROOT, content)
    assert [t.term for t in project.words_to_know(project.translations[("cy", "alpha")])] == ["term (cyf.)"]
    edit(content / "glossary.yaml", "A made-up treatment used only in tests.", "A treatment made up for tests.")
    project = load_project(ROOT, content)
    terms = project.words_to_know(project.translations[("cy", "alpha")])
    assert [(t.term, t.definition) for t in terms] == [("alpha therapy", "A treatment made up for tests.")]


def test_a_checked_up_to_date_translation_is_not_a_draft(content: Path) -> None:
    translate(content, "pl", "alpha", status="checked", checked_by="A. Translator", checked_on="2026-02-01")
    project = load_project(ROOT, content)
    assert translation_reasons(project, project.translations[("pl", "alpha")]) == []


@pytest.mark.parametrize(("language", "leaflet"), [*SAMPLES, ("cy", "glossary"), ("pl", "glossary"),
                                                   ("ur", "glossary")])
def test_export_then_import_of_a_sample_translation_round_trips_unchanged(language: str, leaflet: str) -> None:
    path = ROOT / "content" / "translations" / language / f"{leaflet}.yaml"
    if leaflet == "glossary":
        translation = PROJECT.glossaries[language]
    else:
        translation = PROJECT.translations[(language, leaflet)].translation
    po = export_po(language, leaflet, translation.sources, translation)
    model, found = import_po(po, "x.po")
    assert found == []
    english = "glossary.yaml" if leaflet == "glossary" else f"{leaflet}.yaml"
    # a reviewer's note to the translator (an indented comment) is for people; the PO carries the rest
    written = re.sub(r"(?m)^ +#.*\n", "", path.read_text(encoding="utf-8"))
    assert dump(model, header(language, english)) == written


def test_export_marks_a_field_whose_english_changed_fuzzy_and_import_keeps_its_old_source(content: Path,
                                                                                         tmp_path: Path) -> None:
    path = translate(content, "cy", "alpha")
    before = path.read_text(encoding="utf-8")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    po = tmp_path / "alpha.cy.po"
    result = run_build("translations", "export", "cy", "alpha", "--content", content, "--out", po)
    assert result.code == 0, result.err
    assert ('#, fuzzy\n#| msgid "Alpha therapy is a test."\nmsgctxt "what_it_is"\n'
            'msgid "Alpha therapy is a new test."\nmsgstr "Alpha therapy is a test. (cyf.)"'
            ) in po.read_text(encoding="utf-8")
    result = run_build("translations", "import", po, "cy", "alpha", "--content", content)
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == before


# ---- fonts -----------------------------------------------------------------------------------

def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _font_files(brand: str) -> dict[str, Path]:
    """Each font a PDF for `brand` may embed, by its full name without spaces or punctuation (as
    WeasyPrint names it: 'Source-Sans-3-Semi-Bold')."""
    files = [face.path for face in PROJECT.brands[brand].fonts] + list(fonts.paths(ROOT, "cy"))
    named = {}
    for path in files:
        full = TTFont(path)["name"].getDebugName(4)
        for name in (full, full.removesuffix(" Regular")):
            named[_plain(name)] = path
    return named


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize(("language", "letters"), [("pl", POLISH), ("cy", WELSH)])
def test_polish_and_welsh_pdfs_draw_their_letters_in_the_brand_s_own_font(
        sample_output: Path, brand: str, language: str, letters: str) -> None:
    pdf = sample_output / brand / f"plasma-exchange-{language}-email-a4.pdf"
    named = _font_files(brand)
    brand_files = {face.path for face in PROJECT.brands[brand].fonts}
    used: dict[str, set[str]] = {}
    for page in extract_pages(pdf):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                used.setdefault(item.get_text(), set()).add(_plain(item.fontname.split("+", 1)[1]))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    found = [c for c in letters if c in used]
    assert len(found) >= 3, f"too few {language} letters in the text: {found}"
    for char in found:
        for name in used[char]:
            assert name in named, f"{name} is not a brand or fallback font"
            assert named[name] in brand_files, f"'{char}' is drawn in {name}, not in a font of brand {brand}"
            assert ord(char) in TTFont(named[name]).getBestCmap(), f"{name} has no '{char}'"
    text = text_of(pdf)
    assert all(c in text for c in found)


def test_check_reports_a_character_no_font_in_the_chain_has_per_brand_and_language(content: Path) -> None:
    translate(content, "pl", "alpha", text=lambda english: english + " ☃")
    found = problems(content)
    assert any("translations/pl/alpha.yaml:" in p and "'☃' (U+2603) not in the fonts of brand 'testclinic' (nor, "
               "for another script than Latin, the script fonts of Polish)" in p for p in found), found


# ---- right to left ---------------------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
def test_urdu_pdf_text_is_urdu_in_logical_order(sample_output: Path, brand: str) -> None:
    pdf = sample_output / brand / "plasma-exchange-ur-email-a4.pdf"
    text = text_of(pdf)
    title = PROJECT.translations[("ur", "plasma-exchange")].model.document.title
    assert title in text
    assert "پلازما کا تبادلہ خون کی منتقلی نہیں ہے" in " ".join(text.split())
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "ur"


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(xMin, xMax, word) of every word on one page, from pdftotext's bounding boxes (which give
    right-to-left words in visual order, letters reversed)."""
    html = text_of(pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [(float(x0), float(x1), w) for x0, x1, w in
            re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html)]


@pytest.mark.parametrize("brand", BRANDS)
def test_urdu_pages_read_right_to_left_with_header_footer_and_headings_mirrored(sample_output: Path,
                                                                                brand: str) -> None:
    pdf = sample_output / brand / "plasma-exchange-ur-email-a4.pdf"
    width = 595.3
    page2 = _words(pdf, 2)
    label = [x0 for x0, _, w in page2 if w in ("صفحہ", "صفحہ"[::-1])]  # page number: bottom left
    assert label and label[0] < width / 2
    reference = [x1 for _, x1, w in page2 if w == "MSL-PLEX"]  # the footer: bottom right
    assert reference and reference[0] > width / 2
    right_edge = width - 20 * 72 / 25.4
    title = PROJECT.translations[("ur", "plasma-exchange")].model.document.title.split()
    starts = [x1 for _, x1, w in _words(pdf, 1) if w in (title[0], title[0][::-1])]  # starts at the right
    assert starts and abs(max(starts) - right_edge) < 3
    english = _words(sample_output / brand / "plasma-exchange-email-a4.pdf", 1)
    assert min(x0 for x0, _, w in english if w == "Plasma") < width / 4  # English starts at the left


# ---- Welsh bilingual -------------------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("leaflet", ["overview", "plasma-exchange"])
def test_bilingual_pdf_is_welsh_first_then_english_each_part_tagged_with_its_language(
        sample_output: Path, brand: str, leaflet: str) -> None:
    pdf = sample_output / brand / f"{leaflet}-cy-en-email-a4.pdf"
    welsh = PROJECT.translations[("cy", leaflet)].model.document.title
    english = PROJECT.leaflets[leaflet].model.document.title
    text = text_of(pdf)
    assert welsh in text and english in text and text.index(welsh) < text.rindex(english)  # page 1 has both
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "cy"
        parts = [e for e in struct_elements(doc.Root.StructTreeRoot) if e.get("/S") == "/Div" and "/Lang" in e]
        langs = [str(e.Lang) for e in parts]
        assert "cy" in langs and any(lang.startswith("en") for lang in langs)
        assert langs.index("cy") < next(i for i, lang in enumerate(langs) if lang.startswith("en"))
        pages = len(doc.pages)
    labels = [re.findall(r"(Tudalen|Page) \d+ o[f]? \d+", text_of(pdf, "-f", str(n), "-l", str(n)))
              for n in range(1, pages + 1)]
    first_english = labels.index(["Page"])  # the English part starts on a page of its own
    assert labels == [["Tudalen"]] * first_english + [["Page"]] * (pages - first_english)
    assert english in text_of(pdf, "-f", str(first_english + 1), "-l", str(first_english + 1))


# ---- reading level ---------------------------------------------------------------------------

def test_check_prints_a_reading_level_per_leaflet_and_language_or_says_there_is_no_formula() -> None:
    result = run_build("check", "--leaflet", "plasma-exchange", "--brand", BRANDS[0])
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert re.match(r"plasma-exchange\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(ok|over)", lines[1])
    for language, name in (("cy", "Welsh"), ("pl", "Polish"), ("ur", "Urdu")):
        assert f"plasma-exchange ({language}) no readability formula for {name}" in lines


# ---- PDF/UA ----------------------------------------------------------------------------------

@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("name", [f"{lf}-{lang}" for lang in ("cy", "cy-en", "pl", "ur")
                                  for lf in ("overview", "plasma-exchange")])
def test_translated_email_pdfs_are_pdf_ua_with_title_language_and_alt_text(sample_output: Path, brand: str,
                                                                           name: str) -> None:
    path = sample_output / brand / f"{name}-email-a4.pdf"
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == name.split("-")[-2 if name.endswith("-cy-en") else -1]
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert pdf_ua_parts(pdf) == ["1"]
        elements = struct_elements(root.StructTreeRoot)
        figures = [e for e in elements if e.S == "/Figure"]
        assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)
        assert {"/H1", "/H2", "/L", "/LI", "/P"} <= {str(e.S) for e in elements}
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
