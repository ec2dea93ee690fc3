"""Each sentence a patient reads, with the sources it cites: the reviewer's view of the evidence."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..sources.yamlsource import FieldPath, dotted
from .citations import CITATION, cited_keys
from .leaflets import Leaflet
from .markdown import render_block
from .text import BLOCK_END, TAG, read_fields, sentences

SECTION_NAMES = {
    "at_a_glance": "At a glance", "diagram": "Diagram", "intro": "Introduction", "what_it_is": "What is it?",
    "who_it_is_for": "Who may it be for?", "what_happens": "What happens?", "how_long": "How long does it take?",
    "benefits": "How might it help?", "does_not_do": "What it does not do", "risks": "Side effects and risks",
    "blood_products": "Does it use blood products?", "consent": "Your choice", "urgent": "When to get help urgently",
    "questions": "Questions to ask your MS team", "sections": "Sections", "more": "More",
}


OWN_ENDS = (":", "\u06d4", "\u061f")  # a colon, and the Arabic script's full stop and question mark


@dataclass(frozen=True)
class Claim:
    """One sentence; `lead_in` are the sources of the paragraph that introduces its list (a bullet
    under "Side effects can include [kaplan-2012]:" rests on that source, though it cites none)."""

    path: FieldPath
    section: str
    text: str
    keys: tuple[str, ...]
    lead_in: tuple[str, ...] = ()

    @property
    def shown(self) -> str:
        """The sentence as printed: without the full stop `sentences` adds after a lead-in's colon or
        another script's full stop (Urdu's), which the comparison with released text keeps."""
        return self.text[:-1] if self.text[-2:-1] in OWN_ENDS else self.text


def section_name(path: FieldPath, data: object) -> str:
    """A field's heading as the patient sees it, for a reviewer to find the sentence in the PDF."""
    if path[:1] in (("sections",), ("more",)) and len(path) > 1 and isinstance(data, dict):
        items = data.get(path[0], [])
        index = path[1]
        if isinstance(index, int) and index < len(items) and isinstance(items[index], dict):
            return str(items[index].get("heading", dotted(path)))
    return SECTION_NAMES.get(str(path[0]), dotted(path)) if path else "(file)"


OPENING = re.compile(r"<(p|li)\b")


def _sentences_with_keys(markdown: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each sentence, the keys it cites, and the keys of the lead-in paragraph (one ending in a
    colon) of the list it is an item of."""
    found = []
    lead: tuple[str, ...] = ()
    rendered = BLOCK_END.sub(lambda end: f"{end.group(0)}\n\n", render_block(markdown))
    for block in rendered.split("\n\n"):
        opened = OPENING.findall(block)
        plain = " ".join(html.unescape(TAG.sub(" ", block)).split())
        plain = re.sub(r"\s+([.,;:!?)])", r"\1", plain)
        if not plain:
            continue
        item = bool(opened) and opened[-1] == "li"
        if not item:
            lead = tuple(dict.fromkeys(cited_keys(plain))) if plain.endswith(":") else ()
        for sentence in sentences(plain):
            keys = tuple(dict.fromkeys(cited_keys(sentence)))
            text = re.sub(r"\s+([.,;:!?)])", r"\1", CITATION.sub("", sentence)).strip()
            found.append((" ".join(text.split()), keys, lead if item else ()))
    return found


def claims(leaflet: Leaflet) -> list[Claim]:
    """Every sentence of the leaflet in file order, with the keys of the sources it cites."""
    data = leaflet.doc.data
    return [Claim(path, section_name(path, data), text, keys, lead_in)
            for path, markdown in read_fields(data)
            if path[-1:] != ("heading",) and path != ("at_a_glance", "name")
            for text, keys, lead_in in _sentences_with_keys(markdown)]


def field_texts(leaflet: Leaflet) -> dict[str, list[str]]:
    """The patient's text of each field as sentences, keyed by the field's dotted path."""
    texts: dict[str, list[str]] = {}
    for claim in claims(leaflet):
        texts.setdefault(dotted(claim.path), []).append(claim.text)
    return texts
