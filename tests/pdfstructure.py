"""Read a tagged PDF as a screen reader does: the structure tree in order, with the text of the marked
content each element owns; and what marked content the tree leaves out."""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral


class _MarkedText(PDFDevice):
    """Collects, per page, the text of each MCID, and which tags wrap text with no MCID."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.page = -1
        self.stack: list[tuple[str, int | None]] = []
        self.text: dict[tuple[int, int], str] = defaultdict(str)
        self.unowned: list[tuple[int, str, str]] = []  # (page, innermost tags, text) with no MCID
        self.mcids: set[tuple[int, int]] = set()

    def begin_page(self, page: PDFPage, ctm: object) -> None:
        self.page += 1

    def begin_tag(self, tag: PSLiteral, props: object = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.stack.append((tag.name, mcid))
        if mcid is not None:
            self.mcids.add((self.page, mcid))

    def end_tag(self) -> None:
        if self.stack:
            self.stack.pop()

    def render_string(self, textstate: object, seq: list, ncs: object, graphicstate: object) -> None:
        font = textstate.font
        text = ""
        for obj in seq:
            if isinstance(obj, bytes):
                for cid in font.decode(obj):
                    with contextlib.suppress(PDFUnicodeNotDefined):
                        text += font.to_unichr(cid)
        mcid = next((m for _, m in reversed(self.stack) if m is not None), None)
        if any(tag == "Artifact" for tag, _ in self.stack):
            return
        if mcid is None:
            self.unowned.append((self.page, "/".join(t for t, _ in self.stack), text))
        else:
            self.text[(self.page, mcid)] += text


@dataclass
class Element:
    """One structure element: its type, its own text (in content order) and its children."""

    kind: str
    text: str = ""
    children: list[Element] = field(default_factory=list)
    alt: str = ""

    def all_text(self) -> str:
        """Its text and its descendants', as read aloud (a line that ends in a hyphen runs on)."""
        joined = ""
        for text in (self.text, *(c.all_text() for c in self.children)):
            piece = " ".join(text.split())
            if piece:
                joined = joined + piece if joined.endswith("-") or not joined else joined + " " + piece
        return joined

    def walk(self) -> list[Element]:
        return [self, *(e for c in self.children for e in c.walk())]


@dataclass
class Tagged:
    root: Element
    content_mcids: set[tuple[int, int]]   # every MCID on every page's content
    tree_mcids: set[tuple[int, int]]      # the MCIDs the structure tree reaches
    unowned: list[tuple[int, str, str]]   # text that is neither in an MCID nor an Artifact

    def reading(self) -> str:
        return self.root.all_text()


def read_tagged(path: Path) -> Tagged:
    """The structure tree of `path`, with text, and the marked content it does and does not reach."""
    device = _marked_text(path)
    tree_mcids: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        root = Element("StructTreeRoot")
        _walk(pdf.Root.StructTreeRoot, None, root, pages, device.text, tree_mcids)
    return Tagged(root, device.mcids, tree_mcids, device.unowned)


def _marked_text(path: Path) -> _MarkedText:
    manager = PDFResourceManager()
    device = _MarkedText(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
    return device


def _walk(node: pikepdf.Object, page: int | None, into: Element, pages: dict, text: dict,
          reached: set) -> None:
    kids = node.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    if "/Pg" in node:
        page = pages[node.Pg.objgen]
    for kid in kids:
        if isinstance(kid, int):
            reached.add((page, int(kid)))
            into.text = _join(into.text, text.get((page, int(kid)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            kid_page = pages[kid.Pg.objgen] if "/Pg" in kid else page
            reached.add((kid_page, int(kid.MCID)))
            into.text = _join(into.text, text.get((kid_page, int(kid.MCID)), ""))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            element = Element(str(kid.S)[1:], alt=str(kid.get("/Alt", "")))
            into.children.append(element)
            _walk(kid, page, element, pages, text, reached)


def _join(text: str, more: str) -> str:
    """Two pieces of text read one after the other; a piece ending in a hyphen runs on."""
    if not text or not more:
        return text or more
    return text + more if text.endswith("-") else text + " " + more


PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"


def pdf_ua_parts(pdf: pikepdf.Pdf) -> list[str]:
    """Every PDF/UA identifier (pdfuaid:part) in the document's XMP metadata, as an attribute of an
    rdf:Description or as an element: PDF/UA-1 (ISO 14289-1, 5) asks for exactly one, saying 1."""
    if "/Metadata" not in pdf.Root:
        return []
    xmp = ET.fromstring(pdf.Root.Metadata.read_bytes())
    return [*(node.get(PDFUAID, "") for node in xmp.iter() if PDFUAID in node.attrib),
            *((node.text or "").strip() for node in xmp.iter(PDFUAID))]
