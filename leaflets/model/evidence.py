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


@dataclass(frozen=True)
class Claim:
    path: FieldPath
    section: str
    text: str
    keys: tuple[str, ...]


def section_name(path: FieldPath, data: object) -> str:
    """A field's heading as the patient sees it, for a reviewer to find the sentence in the PDF."""
    if path[:1] in (("sections",), ("more",)) and len(path) > 1 and isinstance(data, dict):
        items = data.get(path[0], [])
        index = path[1]
        if isinstance(index, int) and index < len(items) and isinstance(items[index], dict):
            return str(items[index].get("heading", dotted(path)))
    return SECTION_NAMES.get(str(path[0]), dotted(path)) if path else "(file)"


def _sentences_with_keys(markdown: str) -> list[tuple[str, tuple[str, ...]]]:
    found = []
    rendered = BLOCK_END.sub("\n\n", render_block(markdown))
    for block in rendered.split("\n\n"):
        plain = " ".join(html.unescape(TAG.sub(" ", block)).split())
        plain = re.sub(r"\s+([.,;:!?)])", r"\1", plain)
        if not plain:
            continue
        for sentence in sentences(plain):
            keys = tuple(dict.fromkeys(cited_keys(sentence)))
            text = re.sub(r"\s+([.,;:!?)])", r"\1", CITATION.sub("", sentence)).strip()
            found.append((" ".join(text.split()), keys))
    return found


def claims(leaflet: Leaflet) -> list[Claim]:
    """Every sentence of the leaflet in file order, with the keys of the sources it cites."""
    data = leaflet.doc.data
    return [Claim(path, section_name(path, data), text, keys)
            for path, markdown in read_fields(data)
            if path[-1:] != ("heading",) and path != ("at_a_glance", "name")
            for text, keys in _sentences_with_keys(markdown)]


def field_texts(leaflet: Leaflet) -> dict[str, list[str]]:
    """The patient's text of each field as sentences, keyed by the field's dotted path."""
    texts: dict[str, list[str]] = {}
    for claim in claims(leaflet):
        texts.setdefault(dotted(claim.path), []).append(claim.text)
    return texts
