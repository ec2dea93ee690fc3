"""Every user mistake is reported as file:line:column: field: problem (hint), all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, edit
from leaflets.errors import ContentError
from leaflets.project import load_project

BRAND = "brands/testclinic/_brand.yml"

CASES = [
    pytest.param("alpha.yaml", "title: Alpha therapy\n", "title: Alpha therapy\n  bad: [\n",
                 "alpha.yaml:7:3: (file): YAML syntax error: expected ',' or ']', but got '<scalar>' "
                 "(check the indentation, colons, quotes and brackets here)", id="yaml-syntax-error"),
    pytest.param("alpha.yaml", "  title: Alpha therapy\n", "",
                 "alpha.yaml:2:1: document.title: is required but missing (add 'title:' under 'document')",
                 id="missing-field"),
    pytest.param("alpha.yaml", "questions:\n  - Is this a test?", "questions: Is this a test?",
                 "alpha.yaml:36:12: questions: must be a list, not text "
                 "(write each item on its own line starting with '- ')", id="wrong-type-list"),
    pytest.param("alpha.yaml", "  how_long: About 1 hour.", "  how_long:\n    - About 1 hour.",
                 "alpha.yaml:16:5: at_a_glance.how_long: must be text, not a list (write the text after the colon)",
                 id="wrong-type-text"),
    pytest.param("alpha.yaml", "  author: Test author", "  author: Test author\n  autor: Typo",
                 "alpha.yaml:9:3: document.autor: unknown field (did you mean 'author'?)", id="unknown-key"),
    pytest.param("alpha.yaml", 'title: Alpha therapy', 'title: ""',
                 "alpha.yaml:4:10: document.title: must not be empty (write some text here)", id="empty-field"),
    pytest.param("alpha.yaml", "published: 2026-01-15", "published: 15/01/2026",
                 "alpha.yaml:6:14: document.published: '15/01/2026' is not a date "
                 "(write it as YYYY-MM-DD, for example 2026-11-25)", id="date-format"),
    pytest.param("alpha.yaml", 'version: "1.0"', "version: 1.0",
                 'alpha.yaml:5:12: document.version: must be text in quotes, for example "1.0" '
                 "(YAML reads an unquoted 1.10 as the number 1.1)", id="unquoted-version"),
    pytest.param("alpha.yaml", "next_review: 2027-01-15", "next_review: 2025-01-15",
                 "alpha.yaml:7:16: document.next_review: 2025-01-15 is not after the published date 2026-01-15 "
                 "(set the next review after publication)", id="review-before-publication"),
    pytest.param("alpha.yaml", "  author: Test author\n", "  author: Test author\n  author: Again\n",
                 "alpha.yaml:9:3: document.author: key appears twice (remove one of them)", id="duplicate-key"),
    pytest.param("alpha.yaml", "type: therapy", "type: therapie",
                 "alpha.yaml:1:7: type: 'therapie' is not a leaflet type (use one of: therapy, overview)",
                 id="unknown-leaflet-type"),
    pytest.param("alpha.yaml", "what_it_is: Alpha therapy is a test.",
                 "what_it_is: !!python/object/apply:os.system ['true']",
                 "alpha.yaml:18:13: what_it_is: tag not allowed: 'tag:yaml.org,2002:python/object/apply:os.system' "
                 "(only plain YAML is allowed: remove the !tag)", id="python-tag"),
    pytest.param("alpha.yaml", "what_it_is: Alpha therapy is a test.",
                 "what_it_is: See [this](file:///etc/passwd).",
                 "alpha.yaml:18:13: what_it_is: link 'file:///etc/passwd' is not allowed "
                 "(use a full https:// address, or a mailto: or tel: link)", id="markdown-file-link"),
    pytest.param("alpha.yaml", "intro: This is a test leaflet.", "intro: Look ![x](http://127.0.0.1/x.png)",
                 "alpha.yaml:17:8: intro: images are not allowed in text: 'http://127.0.0.1/x.png'",
                 id="markdown-image"),
    pytest.param("overview.yaml", "therapies: [alpha]", "therapies: [beta]",
                 "overview.yaml:12:13: therapies[0]: 'beta' is not a therapy leaflet (use one of: alpha)",
                 id="unknown-therapy"),
    pytest.param(BRAND, "path: logo.svg", "path: missing-logo.svg",
                 f"{BRAND}:17:11: logo.medium.path: file 'missing-logo.svg' not found "
                 "(put it in {content}/brands/testclinic/ or fix the name)", id="missing-logo"),
    pytest.param(BRAND, "path: logo.svg", "path: /etc/passwd",
                 f"{BRAND}:17:11: logo.medium.path: '/etc/passwd' is not a file in the brand folder "
                 "(copy the file into the brand folder and give its name, e.g. logo.svg)", id="logo-etc-passwd"),
    pytest.param(BRAND, "path: logo.svg", "path: ../../../../../../etc/passwd",
                 f"{BRAND}:17:11: logo.medium.path: '../../../../../../etc/passwd' is outside the brand folder "
                 "(copy the file into the brand folder and give its name)", id="logo-dotdot"),
    pytest.param(BRAND, "path: logo.svg", "path: http://127.0.0.1:9/logo.svg",
                 f"{BRAND}:17:11: logo.medium.path: 'http://127.0.0.1:9/logo.svg' is not a file in the brand "
                 "folder (copy the file into the brand folder and give its name, e.g. logo.svg)",
                 id="logo-network-url"),
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


def test_non_utf8_file_is_an_error(content: Path) -> None:
    (content / "alpha.yaml").write_bytes("title: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert str(caught.value.problems[0]) == (
        f"{content}/alpha.yaml:1:1: (file): file is not UTF-8 text (byte 10 cannot be read; save the file as UTF-8)")


def test_logo_symlink_out_of_the_brand_folder_is_refused(content: Path) -> None:
    logo = content / "brands/testclinic/logo.svg"
    logo.unlink()
    logo.symlink_to("/etc/passwd")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert str(caught.value.problems[0]) == (
        f"{content}/{BRAND}:17:11: logo.medium.path: 'logo.svg' is outside the brand folder "
        "(copy the file into the brand folder and give its name)")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("intro: This", "intor: This", "alpha.yaml:17:1: intor: unknown field (did you mean 'intro'?)"),
    ("  author: Test", "  autor: Test", "alpha.yaml:8:3: document.autor: unknown field (did you mean 'author'?)"),
])
def test_a_misspelt_key_is_reported_once_with_a_suggestion(content: Path, old: str, new: str,
                                                          expected: str) -> None:
    edit(content / "alpha.yaml", old, new)
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert [str(p) for p in caught.value.problems] == [f"{content}/{expected}"]
