"""The sample's email and large-print PDFs read through their structure tree, as a screen reader does:
the draft warning once, the glossary, "At a glance" and "About this leaflet" as term-definition
pairs in every language, table headers with their scope, every link one Link element, nothing
marked that the tree leaves out, and document control once in the body, not on every page."""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, SAMPLE_BRANDS, SAMPLE_LEAFLETS, TODAY
from pdfstructure import Element, Tagged
from pdfstructure import read_tagged as read_pdf

from leaflets.model.leaflets import Leaflet
from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.model.review import current_approval
from leaflets.model.table import comparison
from leaflets.model.text import plain_blocks
from leaflets.render.html import long_date
from leaflets.sources.i18n import direction, translations

BRANDS = ("northfield", "riverside")
LEAFLETS = ("hsct", "ivig", "overview", "plasma-exchange")
FILES = [f"{brand}/{leaflet}-email-a4{size}.pdf" for brand in BRANDS for leaflet in LEAFLETS
         for size in ("", "-large-print")]
PROJECT = load_project(ROOT)
# Every email PDF of the sample build (both brands, every language, standard and large print), with
# the documents it prints: one, or a bilingual PDF's two parts.
EVERY_PDF = {job.output: job.documents for job in plan(PROJECT, SAMPLE_BRANDS, SAMPLE_LEAFLETS)}
THERAPY_PDFS = [name for name, parts in EVERY_PDF.items() if parts[0].model.type == "therapy"]
OVERVIEW_PDFS = [name for name, parts in EVERY_PDF.items() if parts[0].model.type == "overview"]
MIRRORED = str.maketrans(")]", "([")
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
GLANCE_LABELS = {"what": "What it is", "who": "Who it is for", "how_long": "How long it takes",
                 "main_risks": "Main risks"}


@functools.cache
def read_tagged(path: Path) -> Tagged:
    """Each PDF is read once for all the tests here."""
    return read_pdf(path)


def leaflet_of(name: str) -> str:
    return name.split("/")[1].split("-email-")[0]


def words_to_know(root: Element) -> list[Element]:
    """The items of the list under the heading "Words to know" (one list per page it runs over)."""
    elements = root.walk()
    start = next(i for i, e in enumerate(elements) if e.kind == "H2" and e.all_text() == "Words to know")
    end = next(i for i, e in enumerate(elements) if i > start and e.kind in ("H1", "H2"))
    return [item for e in elements[start:end] if e.kind == "L" for item in e.children]


def under_heading(root: Element, heading: str, rtl: bool) -> Iterator[list[Element]]:
    """For each H2 that reads `heading`, the items of the lists that follow it up to the next H1 or H2
    (one list per page the section runs over)."""
    elements = root.walk()
    starts = [i for i, e in enumerate(elements) if e.kind == "H2" and reads_as(e.all_text(), heading, rtl)]
    assert starts, f"no heading {heading!r}"
    for start in starts:
        end = next((i for i, e in enumerate(elements) if i > start and e.kind in ("H1", "H2")), len(elements))
        yield [item for e in elements[start:end] if e.kind == "L" for item in e.children]


def reads_as(text: str, expected: str, rtl: bool) -> bool:
    """Whether `text` (from the tree) is `expected`, ignoring spacing and the colon drawn after a label.
    Right-to-left text is compared letter by letter, in any order, a bracket whichever way it faces: its
    text layer's order is not what this test checks, but a word moved between a label and its value
    still shows."""
    def letters(t: str) -> str:
        return "".join(t.split()).replace(":", "").translate(BIDI_CONTROLS)
    if rtl:
        return sorted(letters(text).translate(MIRRORED)) == sorted(letters(expected).translate(MIRRORED))
    return letters(text) == letters(expected)


def pairs(items: list[Element]) -> list[tuple[str, str]]:
    """Each item as (label, body); an item that is not exactly a label and a body fails the test."""
    assert [item.kind for item in items] == ["LI"] * len(items)
    assert all([kid.kind for kid in item.children] == ["Lbl", "LBody"] for item in items), \
        [[kid.kind for kid in item.children] for item in items]
    return [(item.children[0].all_text(), item.children[1].all_text()) for item in items]


def assert_pairs(items: list[Element], expected: list[tuple[str, str]], rtl: bool) -> None:
    found = pairs(items)
    assert len(found) == len(expected), found
    for (label, body), (want_label, want_body) in zip(found, expected, strict=True):
        assert reads_as(label, want_label, rtl) and reads_as(body, want_body, rtl), \
            f"read {label!r} / {body!r}; meant {want_label!r} / {want_body!r}"


def glance_pairs(part: Leaflet, glance: object) -> list[tuple[str, str]]:
    gettext = translations(ROOT, part.language).gettext
    return [(gettext(label), plain_blocks(getattr(glance, field))[0]) for field, label in GLANCE_LABELS.items()]


def document_control_pairs(part: Leaflet, brand: str) -> list[tuple[str, str]]:
    gettext, language, doc = translations(ROOT, part.language).gettext, part.language, part.model.document
    approval = current_approval(PROJECT, part, PROJECT.brands[brand], TODAY)
    status = (gettext("Approved by %(name)s on %(date)s") % {"name": approval.approved_by,
                                                               "date": long_date(approval.approved_on, language)}
              if approval is not None else gettext("Draft, not yet approved"))
    return [(gettext("Leaflet reference"), doc.id), (gettext("Version"), doc.version), (gettext("Status"), status),
            (gettext("Published"), long_date(doc.published, language)),
            (gettext("Last checked"), long_date(doc.last_checked, language)),
            (gettext("Next review"), long_date(doc.next_review, language)),
            (gettext("Written by"), doc.author),
            (gettext("Published by"), PROJECT.brands[brand].model.meta.name.full)]


@pytest.mark.parametrize("name", THERAPY_PDFS)
def test_at_a_glance_reads_as_each_label_with_its_answer(sample_output: Path, name: str) -> None:
    root = read_tagged(sample_output / name).root
    for part in EVERY_PDF[name]:
        rtl = direction(part.language) == "rtl"
        (items,) = under_heading(root, translations(ROOT, part.language).gettext("At a glance"), rtl)
        assert_pairs(items, glance_pairs(part, part.model.at_a_glance), rtl)


@pytest.mark.parametrize("name", [name for name in OVERVIEW_PDFS if "large-print" in name])
def test_the_large_print_overview_reads_each_treatment_as_labels_with_their_answers(
        sample_output: Path, name: str) -> None:
    root = read_tagged(sample_output / name).root
    for part in EVERY_PDF[name]:
        rtl = direction(part.language) == "rtl"
        heading = translations(ROOT, part.language).gettext("The treatments side by side")
        (items,) = under_heading(root, heading, rtl)
        treatments = comparison(PROJECT, part)  # in the part's language, as the overview prints them
        expected = [pair for therapy in treatments for pair in glance_pairs(part, therapy.at_a_glance)]
        assert_pairs(items, expected, rtl)


@pytest.mark.parametrize("name", list(EVERY_PDF))
def test_about_this_leaflet_reads_as_each_label_with_its_value(sample_output: Path, name: str) -> None:
    root = read_tagged(sample_output / name).root
    for part in EVERY_PDF[name]:
        rtl = direction(part.language) == "rtl"
        (items,) = under_heading(root, translations(ROOT, part.language).gettext("About this leaflet"), rtl)
        assert_pairs(items, document_control_pairs(part, name.split("/")[0]), rtl)


@pytest.mark.parametrize("name", list(EVERY_PDF))
def test_contact_details_read_as_each_label_with_its_value(sample_output: Path, name: str) -> None:
    root = read_tagged(sample_output / name).root
    contact = PROJECT.brands[name.split("/")[0]].model.meta.contact
    for part in EVERY_PDF[name]:
        gettext, rtl = translations(ROOT, part.language).gettext, direction(part.language) == "rtl"
        (items,) = under_heading(root, gettext("Contact us"), rtl)
        hours = contact.hours.text(part.language) or contact.hours  # the brand's, in the part's language
        assert_pairs(items, [(gettext("Phone"), f"{contact.phone} ({hours})"),
                             (gettext("Email"), contact.email), (gettext("Website"), contact.website)], rtl)


@pytest.mark.parametrize("name", [name for name in OVERVIEW_PDFS if "large-print" not in name])
def test_table_headers_have_a_scope_and_each_cell_finds_its_headers_by_id(sample_output: Path, name: str) -> None:
    with pikepdf.open(sample_output / name) as pdf:
        tree = pdf.Root.StructTreeRoot
        ids = pikepdf.NameTree(tree.IDTree)
        cells = [e for e in struct_elements(tree) if e.S in ("/TH", "/TD")]
        headers = [cell for cell in cells if cell.S == "/TH"]
        assert headers
        for header in headers:
            in_head = header.P.P.S == "/THead"
            assert header.A.Scope == ("/Column" if in_head else "/Row")
            assert ids[str(header.ID)].objgen == header.objgen
        for cell in cells:
            if cell.S == "/TD" and len(cell.A.Headers):
                row, column = (ids[str(key)] for key in cell.A.Headers)
                assert (row.A.Scope, column.A.Scope) == ("/Row", "/Column")


@pytest.mark.parametrize("name", list(EVERY_PDF))
def test_the_urgent_heading_is_read_without_its_warning_sign(sample_output: Path, name: str) -> None:
    """The "!" before it is drawn, not written: "exclamation mark" is not read before the heading."""
    root = read_tagged(sample_output / name).root
    headings = [e.all_text() for e in root.walk() if e.kind == "H2"]
    for part in EVERY_PDF[name]:
        heading = translations(ROOT, part.language).gettext("When to get help urgently")
        rtl = direction(part.language) == "rtl"
        assert any(reads_as(text, heading, rtl) for text in headings), (heading, headings[:3])
    assert not [text for text in headings if "!" in text]


@pytest.mark.parametrize("name", FILES)
def test_every_link_is_drawn_underlined(sample_output: Path, name: str) -> None:
    """Each piece of link text is drawn with a stroked line (its underline) in the same marked content:
    a link does not stand out from the text by its colour alone (WCAG 1.4.1)."""
    with pikepdf.open(sample_output / name) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        owners = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        drawn: list[tuple[int, int, list[str]]] = []
        for number, page in enumerate(pdf.pages):
            owner_of = owners[int(page.StructParents)]
            inside: list[int | None] = []
            for instruction in pikepdf.parse_content_stream(page):
                operator = str(instruction.operator)
                if operator in ("BDC", "BMC"):
                    properties = instruction.operands[1] if operator == "BDC" else None
                    mcid = int(properties.MCID) if isinstance(properties, pikepdf.Dictionary) and \
                        "/MCID" in properties else None
                    is_link = mcid is not None and owner_of[mcid] is not None and owner_of[mcid].S == "/Link"
                    inside.append(mcid if is_link else None)
                    if is_link:
                        drawn.append((number, mcid, []))
                elif operator == "EMC":
                    inside.pop()
                elif inside and inside[-1] is not None:
                    drawn[-1][2].append(operator)
    assert drawn
    assert [(page, mcid) for page, mcid, operators in drawn if "TJ" in operators and "S" not in operators] == []


def struct_elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from struct_elements(kid)


@pytest.mark.parametrize("name", FILES)
def test_the_draft_warning_is_read_at_most_twice(sample_output: Path, name: str) -> None:
    reading = read_tagged(sample_output / name).reading()
    assert "DRAFT - not for patient use" in reading  # the sample is a draft: page 1 says so
    assert reading.count("DRAFT") <= 2


@pytest.mark.parametrize("name", FILES)
def test_every_marked_text_is_in_the_structure_tree_or_an_artifact(sample_output: Path, name: str) -> None:
    tagged = read_tagged(sample_output / name)
    assert tagged.content_mcids - tagged.tree_mcids == set()
    assert tagged.unowned == []


@pytest.mark.parametrize("name", FILES)
def test_each_glossary_term_is_one_list_item_with_its_definition(sample_output: Path, name: str) -> None:
    terms = PROJECT.words_to_know(PROJECT.leaflets[leaflet_of(name)])
    assert terms
    items = words_to_know(read_tagged(sample_output / name).root)
    assert [item.kind for item in items] == ["LI"] * len(terms)
    for item, term in zip(items, terms, strict=True):
        assert [kid.kind for kid in item.children] == ["Lbl", "LBody"]
        label, body = item.children
        assert label.all_text().removesuffix(" :") == term.term  # the colon is drawn after the term
        assert body.all_text() == plain_blocks(term.definition)[0]


@pytest.mark.parametrize("name", FILES)
def test_running_header_footer_and_page_numbers_are_not_read_but_document_control_is_once(
        sample_output: Path, name: str) -> None:
    doc = PROJECT.leaflets[leaflet_of(name)].model.document
    reading = read_tagged(sample_output / name).reading()
    assert "Page 1 of" not in reading and "Review date" not in reading
    for label, value in (("Leaflet reference", doc.id), ("Version", doc.version),
                         ("Next review", long_date(doc.next_review))):
        assert len(re.findall(rf"{label}\s*:?\s*{re.escape(value)}", reading)) == 1, label


def link_elements(pdf: pikepdf.Pdf) -> dict[str, list[pikepdf.Dictionary]]:
    """Each web or mail address linked to, with the Link elements whose annotations go there."""
    found: dict[str, list] = {}
    tree = pdf.Root.StructTreeRoot.ParentTree.Nums
    owners = {int(tree[i]): tree[i + 1] for i in range(0, len(tree), 2)}
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            owner = owners[int(annotation.StructParent)]
            assert owner.S == "/Link"
            elements = found.setdefault(str(annotation.A.URI), [])
            if all(owner.objgen != e.objgen for e in elements):
                elements.append(owner)
    return found


@pytest.mark.parametrize("name", ["riverside/ivig-email-a4.pdf", "riverside/hsct-email-a4-large-print.pdf",
                                  "northfield/overview-email-a4.pdf"])
def test_each_link_is_one_link_element(sample_output: Path, name: str) -> None:
    brand = PROJECT.brands[name.split("/")[0]]
    contact = brand.model.meta.contact
    with pikepdf.open(sample_output / name) as pdf:
        links = link_elements(pdf)
    assert f"mailto:{contact.email}" in links
    for address, elements in links.items():
        if address.startswith("mailto:"):
            assert len(elements) == 3, address  # large print, feedback and contact
        else:
            assert len(elements) <= 2, address  # the website in contact and, once, in the text
    online = brand.model.defaults.leaflets.url
    if online:
        url = online.format(id=PROJECT.leaflets[leaflet_of(name)].model.document.id)
        assert len(links[url]) == 1


@pytest.mark.parametrize("name", FILES)
def test_mail_and_web_addresses_never_break_at_a_hyphen(sample_output: Path, name: str) -> None:
    lines = subprocess.run(["pdftotext", str(sample_output / name), "-"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    email = PROJECT.brands[name.split("/")[0]].model.meta.contact.email
    user, domain = email.split("@")
    for line in lines:
        if user in line or domain.split("-")[0] + "-" in line:
            assert email in line or "://" in line, line
    assert not [line for line in lines if "://" in line and line.rstrip().endswith("-")]
