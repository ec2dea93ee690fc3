"""Every user mistake is reported as file:line:column: field: problem (hint), all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, edit, run_build

from leaflets.errors import ContentError
from leaflets.model.project import load_project

BRAND = "brands/testclinic/_brand.yml"

CASES = [
    pytest.param("alpha.yaml", "title: Alpha therapy\n", "title: Alpha therapy\n  bad: [\n",
                 "alpha.yaml:5:8: (file): the bracket [ opened here is not closed (close it with ] on the same line)",
                 id="yaml-syntax-error"),
    pytest.param("alpha.yaml", "  title: Alpha therapy\n", "",
                 "alpha.yaml:2:1: document.title: is required but missing (add 'title:' under 'document')",
                 id="missing-field"),
    pytest.param("alpha.yaml", "questions:\n  - Is this a test?", "questions: Is this a test?",
                 "alpha.yaml:38:12: questions: must be a list, not text "
                 "(write each item on its own line starting with '- ')", id="wrong-type-list"),
    pytest.param("alpha.yaml", "  how_long: About 1 hour.", "  how_long:\n    - About 1 hour.",
                 "alpha.yaml:18:5: at_a_glance.how_long: must be text, not a list (write the text after the colon)",
                 id="wrong-type-text"),
    pytest.param("alpha.yaml", "  author: Test author", "  author: Test author\n  autor: Typo",
                 "alpha.yaml:9:3: document.autor: unknown field (did you mean 'author'?)", id="unknown-key"),
    pytest.param("alpha.yaml", 'title: Alpha therapy', 'title: ""',
                 "alpha.yaml:4:10: document.title: must not be empty (write some text here)", id="empty-field"),
    pytest.param("alpha.yaml", "published: 2026-01-15", "published: 15/01/2026",
                 "alpha.yaml:6:14: document.published: '15/01/2026' is not a date "
                 "(write it as YYYY-MM-DD, for example 2026-11-25)", id="date-format"),
    pytest.param("alpha.yaml", 'version: "1.0"', "version: 1.0",
                 'alpha.yaml:5:12: document.version: \'1.0\' is read as the number 1.0, not as text '
                 '(put it in quotes: "1.0")', id="unquoted-version"),
    pytest.param("alpha.yaml", "next_review: 2027-01-15", "next_review: 2025-01-15",
                 "alpha.yaml:7:16: document.next_review: 2025-01-15 is not after last_checked 2026-01-15 "
                 "(set the next review after the last check)", id="review-before-publication"),
    pytest.param("alpha.yaml", "  author: Test author\n", "  author: Test author\n  author: Again\n",
                 "alpha.yaml:9:3: document.author: key appears twice (remove one of them)", id="duplicate-key"),
    pytest.param("alpha.yaml", "type: therapy", "type: therapie",
                 "alpha.yaml:1:7: type: 'therapie' is not a leaflet type (use one of: therapy, overview)",
                 id="unknown-leaflet-type"),
    pytest.param("alpha.yaml", "what_it_is: Alpha therapy is a test.",
                 "what_it_is: !!python/object/apply:os.system ['true']",
                 "alpha.yaml:20:13: what_it_is: tag not allowed: 'tag:yaml.org,2002:python/object/apply:os.system' "
                 "(only plain YAML is allowed: remove the !tag)", id="python-tag"),
    pytest.param("alpha.yaml", "what_it_is: Alpha therapy is a test.",
                 "what_it_is: See [this](file:///etc/passwd).",
                 "alpha.yaml:20:13: what_it_is: link 'file:///etc/passwd' is not allowed "
                 "(use a full https:// address, or a mailto: or tel: link)", id="markdown-file-link"),
    pytest.param("alpha.yaml", "intro: This is a test leaflet.", "intro: Look ![x](http://127.0.0.1/x.png)",
                 "alpha.yaml:19:8: intro: images are not allowed in text: 'http://127.0.0.1/x.png'",
                 id="markdown-image"),
    pytest.param("overview.yaml", "therapies: [alpha]", "therapies: [beta]",
                 "overview.yaml:14:13: therapies[0]: 'beta' is not a therapy leaflet (use one of: alpha)",
                 id="unknown-therapy"),
    pytest.param(BRAND, "path: logo.svg", "path: missing-logo.svg",
                 f"{BRAND}:17:11: logo.medium.path: file 'missing-logo.svg' not found "
                 "(put it in {content}/brands/testclinic/ or fix the name)", id="missing-logo"),
    pytest.param(BRAND, "path: logo.svg", "path: /etc/passwd",
                 f"{BRAND}:17:11: logo.medium.path: '/etc/passwd' is not a file in the brand folder "
                 "(copy the file into the brand folder and give its name)", id="logo-etc-passwd"),
    pytest.param(BRAND, "path: logo.svg", "path: ../../../../../../etc/passwd",
                 f"{BRAND}:17:11: logo.medium.path: '../../../../../../etc/passwd' goes out of the brand folder with "
                 "'..' (copy the file into the brand folder and give its name)", id="logo-dotdot"),
    pytest.param(BRAND, "path: logo.svg", "path: http://127.0.0.1:9/logo.svg",
                 f"{BRAND}:17:11: logo.medium.path: 'http://127.0.0.1:9/logo.svg' is not a file in the brand "
                 "folder (copy the file into the brand folder and give its name)", id="logo-network-url"),
    pytest.param(BRAND, "    alt: Test Clinic logo\n", "",
                 f"{BRAND}:16:3: logo.medium.alt: is required but missing (add 'alt:' under 'logo.medium')",
                 id="logo-without-alt"),
    pytest.param(BRAND, "path: fonts/AtkinsonHyperlegible-Regular.ttf", "path: fonts/Nope.ttf",
                 f"{BRAND}:29:17: typography.fonts[0].files[0].path: file 'fonts/Nope.ttf' not found "
                 "(put it in {content}/brands/testclinic/ or fix the name)", id="missing-font"),
    pytest.param(BRAND, 'navy: "#204060"', 'navy: "#20406"',
                 f"{BRAND}:21:11: color.palette.navy: '#20406' is not a valid colour "
                 "(use #rrggbb, for example #0b5563)", id="invalid-colour"),
    pytest.param(BRAND, "primary: navy", "primary: navvy",
                 f"{BRAND}:24:12: color.primary: 'navvy' is not in color.palette (use #rrggbb or one of: navy)",
                 id="unknown-palette-colour"),
    pytest.param(BRAND, "  base: Atkinson Hyperlegible", "  base: Comic Sans",
                 f"{BRAND}:30:9: typography.base: font 'Comic Sans' is not declared in typography.fonts "
                 "(declared: Atkinson Hyperlegible)", id="undeclared-font"),
    pytest.param(BRAND, '    phone: "01632 960 111"', '    phone: "call us"',
                 f"{BRAND}:6:12: meta.contact.phone: 'call us' is not a phone number "
                 "(use digits, spaces and an optional leading +)", id="bad-phone"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_bad_input_is_reported_with_file_line_field_and_hint(content: Path, file: str, old: str, new: str,
                                                             expected: str) -> None:
    edit(content / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [str(p) for p in caught.value.problems] == [f"{content}/{expected.format(content=content)}"]


def test_every_problem_is_reported_at_once_sorted_by_file_and_line(content: Path) -> None:
    edit(content / "overview.yaml", "  title: Test overview\n", "")
    edit(content / "alpha.yaml", "  keywords: [test]", "  keywords: [test]\n  colour: red")
    edit(content / "alpha.yaml", "published: 2026-01-15", "published: soon")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [(Path(p.file).name, p.line, p.field) for p in caught.value.problems] == [
        ("alpha.yaml", 6, "document.published"),
        ("alpha.yaml", 11, "document.colour"),
        ("overview.yaml", 2, "document.title"),
    ]


def test_empty_file_is_an_error(content: Path) -> None:
    (content / "alpha.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert str(caught.value.problems[0]) == (
        f"{content}/alpha.yaml:1:1: (file): file is empty (see the content field reference in README.md)")


def test_logo_symlink_out_of_the_brand_folder_is_refused(content: Path) -> None:
    logo = content / "brands/testclinic/logo.svg"
    logo.unlink()
    logo.symlink_to("/etc/passwd")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [str(p) for p in caught.value.problems] == [
        f"{content}/brands/testclinic/logo.svg:1:1: (file): is a symbolic link; only files that are really in the "
        "content folder are read (replace the link with a copy of the file itself, or remove it)"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("intro: This", "intor: This", "alpha.yaml:19:1: intor: unknown field (did you mean 'intro'?)"),
    ("  author: Test", "  autor: Test", "alpha.yaml:8:3: document.autor: unknown field (did you mean 'author'?)"),
])
def test_a_misspelt_key_is_reported_once_with_a_suggestion(content: Path, old: str, new: str,
                                                          expected: str) -> None:
    edit(content / "alpha.yaml", old, new)
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [str(p) for p in caught.value.problems] == [f"{content}/{expected}"]


def _write(relative: str, text: str):
    return lambda content: (content / relative).write_text(text, encoding="utf-8")


def _edit(relative: str, old: str, new: str):
    return lambda content: edit(content / relative, old, new)


def _png_logo(content: Path) -> None:
    (content / "brands/testclinic/logo.png").write_text("not a png")
    edit(content / BRAND, "path: logo.svg", "path: logo.png")


SVG = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>{}</svg>"
LOGO_HINT = "(save the logo as a plain, self-contained SVG, PNG or JPEG)"
SELF_CONTAINED = "a logo must be self-contained: refer only to its own parts (#id)"
FONT_HINT = "(use plain words or characters the font has, or add a font that has them)"

FILE_CASES = [
    pytest.param(_edit("alpha.yaml", "keywords: [test]", "keywords: &k [test]\n  extra: *k"),
                 "alpha.yaml:11:10: (file): aliases (*k) are not allowed "
                 "(write the content out in full, without & and *)", id="yaml-alias"),
    pytest.param(_edit("alpha.yaml", "intro: This is a test leaflet.", "intro: " + "[" * 40 + "]" * 40),
                 "alpha.yaml:19:37: (file): nesting deeper than 30 levels (simplify the structure)",
                 id="deep-nesting"),
    pytest.param(_edit("alpha.yaml", "published: 2026-01-15", "published: 2026-02-30"),
                 "alpha.yaml:6:14: document.published: '2026-02-30' is not a real date (check the day and month)",
                 id="impossible-date"),
    pytest.param(_edit("alpha.yaml", "  main_risks: None known.", "  main_risks: 12"),
                 "alpha.yaml:18:15: at_a_glance.main_risks: '12' is read as the number 12, not as text "
                 '(put it in quotes: "12")',
                 id="number-for-text"),
    pytest.param(_edit("alpha.yaml", "type: therapy\n", "type: therapy\n1: x\n"),
                 "alpha.yaml:2:1: (file): '1' is not a field name (field names are words such as title: or phone:)",
                 id="number-as-key"),
    pytest.param(_edit("alpha.yaml", "  author: Test author", "  Author: Test author"),
                 "alpha.yaml:8:3: document.Author: unknown field (did you mean 'author'?)", id="capitalised-key"),
    pytest.param(_write("alpha.yaml", "- a\n- b\n"),
                 "alpha.yaml:1:1: (file): must be a group of fields, not a list "
                 "(see the content field reference in README.md)", id="file-is-a-list"),
    pytest.param(_write("alpha.yml", "type: therapy\n"),
                 "alpha.yml:1:1: (file): has the same name as {content}/alpha.yaml (rename or remove one of them)",
                 id="yaml-and-yml-same-name"),
    pytest.param(_edit("overview.yaml", "therapies: [alpha]", "therapies: [alpha, alpha]"),
                 "overview.yaml:14:20: therapies[1]: 'alpha' is listed twice (list each therapy once)",
                 id="therapy-listed-twice"),
    pytest.param(lambda content: (content / "brands/empty").mkdir(),
                 "brands/empty:1:1: (folder): has no _brand.yml "
                 "(add a _brand.yml, copied from another brand, or remove the folder)", id="brand-without-file"),
    pytest.param(_edit(BRAND, 'navy: "#204060"', 'Navy: "#204060"'),
                 f"{BRAND}:21:5: color.palette.Navy: 'Navy' is not allowed as a name "
                 "(use lowercase letters, digits and hyphens, for example dark-blue)", id="capitalised-palette-name"),
    pytest.param(_edit(BRAND, "- path: fonts/AtkinsonHyperlegible-Regular.ttf",
                       "- path: fonts/AtkinsonHyperlegible-Regular.ttf\n          weight: bold"),
                 f"{BRAND}:30:19: typography.fonts[0].files[0].weight: 'bold' is not a whole number "
                 "(for example 400 or 700)", id="font-weight-word"),
    pytest.param(_edit(BRAND, "- path: fonts/AtkinsonHyperlegible-Regular.ttf",
                       "- path: fonts/AtkinsonHyperlegible-Regular.ttf\n          weight: 950"),
                 f"{BRAND}:30:19: typography.fonts[0].files[0].weight: 950 is out of range "
                 "(use a number at most 900)", id="font-weight-too-heavy"),
    pytest.param(_write("brands/testclinic/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect"),
                 f"{BRAND}:17:11: logo.medium.path: 'logo.svg' is not a valid SVG file "
                 f"(unclosed token: line 1, column 40) {LOGO_HINT}", id="corrupt-svg"),
    pytest.param(_write("brands/testclinic/logo.svg", SVG.format("<image xlink:href='http://127.0.0.1:9/x.png'/>")),
                 f"{BRAND}:17:11: logo.medium.path: 'logo.svg' line 1: the xlink:href of <image> loads "
                 f"'http://127.0.0.1:9/x.png'; {SELF_CONTAINED} {LOGO_HINT}", id="svg-linking-out"),
    pytest.param(_write("brands/testclinic/logo.svg", SVG.format("<image href='file:///etc/passwd'/>")),
                 f"{BRAND}:17:11: logo.medium.path: 'logo.svg' line 1: the href of <image> loads "
                 f"'file:///etc/passwd'; {SELF_CONTAINED} {LOGO_HINT}", id="svg-reading-etc-passwd"),
    pytest.param(_write("brands/testclinic/logo.svg", SVG.format("<style>rect{fill:url(/etc/passwd)}</style>")),
                 f"{BRAND}:17:11: logo.medium.path: 'logo.svg' line 1: the <style> uses url(/etc/passwd), which "
                 f"loads '/etc/passwd'; {SELF_CONTAINED} {LOGO_HINT}", id="svg-css-url"),
    pytest.param(_png_logo, f"{BRAND}:17:11: logo.medium.path: 'logo.png' is not a valid PNG image {LOGO_HINT}",
                 id="fake-png"),
    pytest.param(_write("brands/testclinic/fonts/AtkinsonHyperlegible-Regular.ttf", "garbage" * 10),
                 f"{BRAND}:29:17: typography.fonts[0].files[0].path: 'AtkinsonHyperlegible-Regular.ttf' is not a "
                 "font file that can be read (Not a TrueType or OpenType font (bad sfntVersion)) "
                 "(use a TrueType (.ttf) or OpenType (.otf) font file)", id="corrupt-font"),
    pytest.param(_edit("alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Risk ≥ 1 in 10 → β"),
                 "alpha.yaml:20:13: what_it_is: '≥' (U+2265), '→' (U+2192), 'β' (U+03B2) not in the fonts of "
                 f"brand 'testclinic' {FONT_HINT}", id="character-not-in-font"),
    pytest.param(_edit(BRAND, "      - 1 Test Street", "      - 1 Test Straße ★"),
                 f"{BRAND}:9:9: meta.contact.address[0]: '★' (U+2605) not in the fonts of brand 'testclinic' "
                 f"{FONT_HINT}", id="brand-character-not-in-font"),
]


@pytest.mark.parametrize(("breakage", "expected"), FILE_CASES)
def test_broken_files_are_reported_with_file_line_field_and_hint(content: Path, breakage, expected: str) -> None:
    breakage(content)
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [str(p) for p in caught.value.problems] == [f"{content}/{expected.format(content=content)}"]


def test_yes_and_no_stay_text(content: Path) -> None:
    edit(content / "alpha.yaml", "  main_risks: None known.", "  main_risks: No")
    assert load_project(ROOT, content).leaflets["alpha"].model.at_a_glance.main_risks == "No"


def test_hidden_folders_in_brands_are_ignored(content: Path) -> None:
    (content / "brands/.git").mkdir()
    assert list(load_project(ROOT, content).brands) == ["testclinic"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('  foreground: "#111111"', '  foreground: "#999999"',
     f"{BRAND}:22:15: color.foreground: #999999 on #ffffff has a contrast of 2.85:1, below the 4.5:1 that "
     "WCAG 2.2 AA asks for body text (choose a darker text colour or a lighter background)"),
    ('navy: "#204060"', 'navy: "#e0e0ff"',
     f"{BRAND}:24:12: color.primary: #e0e0ff on #ffffff has a contrast of 1.29:1, below the 4.5:1 that "
     "WCAG 2.2 AA asks for links, labels and the clinic name (choose a darker text colour or a lighter background)"),
])
def test_a_low_contrast_brand_is_refused_with_the_ratio(content: Path, old: str, new: str, expected: str) -> None:
    edit(content / BRAND, old, new)
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert f"{content}/{expected}" in [str(p) for p in caught.value.problems]


def test_a_control_character_is_reported_with_its_line(content: Path) -> None:
    (content / "alpha.yaml").write_text("type: therapy\ntitle: a\x1fb\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert str(caught.value.problems[0]) == (
        f"{content}/alpha.yaml:2:9: (file): character U+001F cannot be used in YAML "
        "(remove it; most editors do not show it)")


RECORD_FIX = "(restore the file from version control, or delete it and release this version again with --release)"


@pytest.mark.parametrize(("record", "expected"), [
    ('{"version": "1.0", ', "1:20: (file): is not a release record --release wrote (Expecting property name "
                            "enclosed in double quotes: line 1 column 20 (char 19))"),
    ("[1, 2]", "1:1: (file): is not a release record --release wrote (it is a list, not a group of fields)"),
    ('{"version": 1.0}', "1:1: version: must be text, not a number: this is not a release record --release wrote"),
    ('{"version": "1.0", "released_on": "2026-02-01", "approved_by": null, "fingerprint": "0", "parts": {},'
     '"fields": "x"}',
     "1:1: fields: must be a list of sentences for each field, not text: this is not a release record "
     "--release wrote"),
    ('{"version": "1.0", "released_on": "2026-02-01", "approved_by": null, "fingerprint": "0", "parts": {},'
     '"fields": {"intro": [1]}}',
     "1:1: fields: must be a list of sentences for each field, not a group of fields holding something else: "
     "this is not a release record --release wrote"),
    ('{"version": "2.0", "released_on": "2026-02-01", "approved_by": null, "fingerprint": "0", "parts": {},'
     '"fields": {}}',
     "1:1: version: '2.0' is not the version this file is named for (1.0)"),
    ("[" * 100_000, "1:1: (file): is not a release record --release wrote (it is nested too deeply)"),
    ('{"version": ' + "1" * 5000 + "}", "1:1: (file): is not a release record --release wrote (it has a number too "
                                       "long to read)"),
], ids=["not-json", "a-list", "version-a-number", "fields-text", "sentence-a-number", "other-version", "deep",
        "long-number"])
def test_a_damaged_release_record_names_the_file_field_and_fix(content: Path, record: str, expected: str) -> None:
    from leaflets.model.archive import releases
    (content / "archive/testclinic/alpha/en").mkdir(parents=True)
    (content / "archive/testclinic/alpha/en/1.0.json").write_text(record, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        releases(content, "testclinic", "alpha", "en")
    assert str(caught.value) == f"{content}/archive/testclinic/alpha/en/1.0.json:{expected} {RECORD_FIX}"


def test_a_release_record_of_the_wrong_shape_fails_check_without_an_internal_error(content: Path) -> None:
    (content / "archive/testclinic/alpha/en").mkdir(parents=True)
    (content / "archive/testclinic/alpha/en/1.0.json").write_text('{"version": "1.0", "fields": []}', encoding="utf-8")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1 and "internal error" not in result.err and "Traceback" not in result.err
    assert result.err.startswith(f"{content}/archive/testclinic/alpha/en/1.0.json:1:1: released_on: must be text "
                                 "(a date), not missing or empty")
