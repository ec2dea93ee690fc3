"""The sample's email and large-print PDFs read through their structure tree, as a screen reader does:
the draft warning once, the glossary as term-definition pairs, every link one Link element, nothing
marked that the tree leaves out, and document control once in the body, not on every page."""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT
from pdfstructure import Element, Tagged
from pdfstructure import read_tagged as read_pdf

from leaflets.model.project import load_project
from leaflets.model.text import plain_blocks
from leaflets.render.html import long_date

BRANDS = ("northfield", "riverside")
LEAFLETS = ("hsct", "ivig", "overview", "plasma-exchange")
FILES = [f"{brand}/{leaflet}-email-a4{size}.pdf" for brand in BRANDS for leaflet in LEAFLETS
         for size in ("", "-large-print")]
PROJECT = load_project(ROOT)


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
