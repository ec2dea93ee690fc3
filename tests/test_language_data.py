"""A language is data: locale/<code>/language.yaml gives its names, direction, scripts and their fonts,
readability formula and letters; adding one needs no Python, and a broken file blocks only that
language (issue 20, part 7). Brand fonts have every letter of every published language, and a Welsh
or Polish letter is drawn in the brand's own font (part 6)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import ROOT, TODAY
from fontTools import subset
from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from translating import translate

from leaflets.commands.build import _left_out as left_out
from leaflets.commands.fonts import cut_brand
from leaflets.errors import ContentError, LeafletError, UsageError
from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.model.review import language_reasons
from leaflets.render.job import prepare, render_input
from leaflets.render.promises import page_texts
from leaflets.sources import fonts, i18n, languages
from leaflets.sources.font_cut import BASE

ROMANIAN = """\
# Romanian, added as data only.
name:
  english: Romanian
  own: Română
direction: ltr
scripts:
  - name: Latin
readability: null
letters: "ĂÂÎȘȚăâîșț"
"""
ROMANIAN_WORDS = {"Information for patients": "Informații pentru pacienți",
                  "Page %(page)s of %(pages)s": "Pagina %(page)s din %(pages)s"}
FONT = "brands/testclinic/fonts/AtkinsonHyperlegible-Regular.ttf"


def project_root(tmp_path: Path) -> Path:
    """A project folder whose templates, styles and fonts are this project's, with a copy of its
    catalogs and language files to change."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("fonts", "styles", "templates"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "locale", root / "locale")
    return root


def add_romanian(root: Path) -> None:
    """locale/ro: its language.yaml, and a catalog that translates a few words and leaves every
    heading in English."""
    folder = root / "locale" / "ro"
    (folder / "LC_MESSAGES").mkdir(parents=True)
    (folder / "language.yaml").write_text(ROMANIAN, encoding="utf-8")
    with (root / "locale" / "messages.pot").open("rb") as handle:
        catalog = read_po(handle, locale="ro")
    for message in catalog:
        if message.id in ROMANIAN_WORDS:
            message.string = ROMANIAN_WORDS[message.id]
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    (folder / "LC_MESSAGES" / "messages.po").write_bytes(buffer.getvalue())


def characters_and_fonts(pdf: bytes) -> dict[str, set[str]]:
    """Each character the PDF draws, with the names of the fonts (subset prefix removed) it is drawn in."""
    used: dict[str, set[str]] = {}
    for page in extract_pages(io.BytesIO(pdf)):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                used.setdefault(item.get_text(), set()).add(item.fontname.split("+", 1)[-1])
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return used


def without(path: Path, letters: str) -> None:
    """Take `letters` out of the font at `path`."""
    font = TTFont(path)
    cutter = subset.Subsetter(subset.Options(layout_features=["*"], name_IDs=["*"]))
    cutter.populate(unicodes=[char for char in font.getBestCmap() if chr(char) not in letters])
    cutter.subset(font)
    font.save(path)


def plain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


# ---- a language added as data -----------------------------------------------------------------

def test_a_language_added_as_data_only_builds_and_its_untranslated_headings_keep_it_a_draft(
        content: Path, tmp_path: Path) -> None:
    root = project_root(tmp_path)
    add_romanian(root)
    translate(content, "ro", "alpha", text=lambda english: english.rstrip("\n") + " (în română, ș ț)")
    project = load_project(root, content, ("testclinic",), ("alpha",))
    assert project.broken_languages == {}
    assert i18n.language_name("ro", root) == "Romanian" and i18n.own_name(root, "ro") == "Română"
    job = next(job for job in plan(project, languages=("ro",), today=TODAY) if job.variant.profile == "email"
               and not job.variant.large_print)
    pdf = render_input(prepare(project, job), root).data
    text = "\n".join(page_texts(pdf))
    assert "Alpha therapy (în română, ș ț)" in text and "Pagina 1 din" in text
    reasons = [reason.problem() for reason in language_reasons(project, project.translations[("ro", "alpha")])]
    assert any(problem.file == "locale/ro/LC_MESSAGES/messages.po" and problem.message.startswith(
        "the Romanian message catalog leaves ") for problem in reasons), reasons
    assert job.draft


def test_a_language_s_declared_direction_wins_over_babel(tmp_path: Path) -> None:
    root = project_root(tmp_path)
    path = root / "locale" / "pl" / "language.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("direction: ltr", "direction: rtl"), encoding="utf-8")
    assert i18n.direction("pl", root) == "rtl"
    assert i18n.direction("pl", ROOT) == "ltr"


# ---- a broken language file ------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("direction: ltr", "direction: sideways", "direction", "'sideways' is not allowed"),
    ("direction: ltr", "direction: ltr\ncolour: red", "colour", "unknown field"),
    ("direction: ltr", "direction: [ltr", "(file)", ""),
], ids=["unknown-direction", "unknown-key", "bad-yaml"])
def test_a_broken_language_file_blocks_only_that_language(content: Path, tmp_path: Path, old: str, new: str,
                                                          field: str, message: str) -> None:
    root = project_root(tmp_path)
    path = root / "locale" / "cy" / "language.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    translate(content, "cy", "alpha")
    translate(content, "pl", "alpha")
    project = load_project(root, content, ("testclinic",), ("alpha",))
    [problem] = project.broken_languages["cy"]
    assert problem.file == "locale/cy/language.yaml" and problem.field == field and message in problem.message
    assert problem.line > 1
    assert {job.leaflet.language for job in plan(project, today=TODAY)} == {"en", "pl"}


def test_a_missing_script_font_is_a_problem_of_that_language_naming_the_file(tmp_path: Path) -> None:
    root = project_root(tmp_path)
    path = root / "locale" / "ur" / "language.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("NotoNaskhArabic-Bold.ttf", "Nope.ttf"),
                    encoding="utf-8")
    found = languages.load(root)
    [problem] = found.broken["ur"]
    assert (problem.field, problem.message) == ("scripts[0].fonts[1].file", "font file 'fonts/noto/Nope.ttf' not found")
    assert set(found.found) == {"cy", "en", "pl"}


# ---- fonts for every letter ------------------------------------------------------------------

def test_a_brand_font_lacking_a_welsh_letter_fails_naming_the_file_and_the_letter(content: Path) -> None:
    without(content / FONT, "ŵŴ")
    translate(content, "cy", "alpha")
    with pytest.raises(ContentError) as raised:
        load_project(ROOT, content, ("testclinic",), ("alpha",))
    assert any(p.field == "typography.fonts[0].files[0].path" and "'AtkinsonHyperlegible-Regular.ttf'" in p.message
               and "'ŵ' (U+0175)" in p.message and "Welsh" in p.message for p in raised.value.problems)


def test_an_english_page_can_draw_a_language_s_own_name_in_its_script() -> None:
    assert "Noto Naskh Arabic" in fonts.families(ROOT, "en")
    assert fonts.families(ROOT, "ur")[0] == "Noto Naskh Arabic"


def test_a_language_s_own_name_the_brand_font_cannot_print_is_a_problem(content: Path, tmp_path: Path) -> None:
    root = project_root(tmp_path)
    add_romanian(root)
    path = root / "locale" / "ro" / "language.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("own: Română", "own: Rumänisch ☃"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_project(root, content, ("testclinic",), ("alpha",))
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.field) == ("locale/ro/language.yaml", 4, "name.own")
    assert problem.message == "'☃' (U+2603) of 'Rumänisch ☃' not in the fonts of brand 'testclinic'"


def test_cutting_a_brand_s_fonts_keeps_every_published_letter_and_nothing_else(content: Path) -> None:
    (content / "translations" / "cy").mkdir(parents=True)
    (content / "translations" / "pl").mkdir(parents=True)
    [line] = cut_brand(ROOT, content, "testclinic", (ROOT / "fonts" / "noto" / "NotoSans-Regular.ttf",))
    assert "cut from NotoSans-Regular.ttf for en, cy, pl" in line
    cmap = TTFont(content / FONT).getBestCmap()
    assert all(ord(c) in cmap for c in "ŵŷŴŶąęłśźżćńŁ")
    assert all(ord(c) in cmap for c in "șță")  # Romanian: the Latin letters of Europe are kept for a new language
    assert ord("ж") not in cmap and ord("ạ") not in cmap  # Cyrillic and Vietnamese: no published language
    assert set(cmap) | {c for c in BASE if c not in TTFont(ROOT / "fonts/noto/NotoSans-Regular.ttf")
                                .getBestCmap()} >= BASE


def test_a_full_font_lacking_a_published_letter_changes_no_brand_font(content: Path) -> None:
    (content / "translations" / "cy").mkdir(parents=True)
    before = (content / FONT).read_bytes()
    with pytest.raises(UsageError, match=r"lacks .*ŵ.*no font was changed"):
        cut_brand(ROOT, content, "testclinic", (ROOT / "fonts" / "noto" / "NotoNaskhArabic-Regular.ttf",))
    assert (content / FONT).read_bytes() == before


@pytest.mark.parametrize("language", ["cy", "pl"])
def test_a_welsh_and_a_polish_pdf_draw_every_latin_letter_in_the_brand_s_font(content: Path, language: str) -> None:
    letters = {"cy": "ŵŷâ", "pl": "łąęśźżćń"}[language]
    translate(content, language, "alpha", text=lambda english: english.rstrip("\n") + f" {letters}")
    project = load_project(ROOT, content, ("testclinic",), ("alpha",))
    job = next(job for job in plan(project, languages=(language,), today=TODAY)
               if job.leaflet.language == language and not job.parts and job.variant.profile == "email"
               and not job.variant.large_print)
    used = characters_and_fonts(render_input(prepare(project, job), ROOT).data)
    assert all(c in used for c in letters)
    brand = plain("Atkinson Hyperlegible")  # the fixture brand's family, as WeasyPrint names its fonts
    others = {plain(family) for family in fonts.families(ROOT, language)}
    for char, names in used.items():
        if char.isalpha():
            assert all(plain(name).startswith(brand) and plain(name) not in others for name in names), (char, names)


def test_a_build_with_a_broken_language_fails_after_building_the_others(content: Path, tmp_path: Path) -> None:
    root = project_root(tmp_path)
    path = root / "locale" / "cy" / "language.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("direction: ltr", "direction: up"), encoding="utf-8")
    translate(content, "cy", "alpha")
    project = load_project(root, content, ("testclinic",), ("alpha",))
    with pytest.raises(LeafletError, match=r"no Welsh \(cy\) PDF was built: .* every other PDF was written"):
        left_out(project)
