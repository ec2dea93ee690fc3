"""The words a patient reads in a leaflet, as plain sentences, with where each came from."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..sources.yamlsource import FieldPath
from .citations import CITATION
from .markdown import render_block

NOT_READ = {"type", "document", "references", "therapies"}
NOT_READ_IN_DIAGRAM = {"file", "section"}
LABEL_WORDS = {"text", "title"}  # a diagram label's other keys only place it
NOT_READ_IN_URGENT = {"level", "call"}  # a tier's kind and the services' keys; the brand gives the names
TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(p|li)>")


def read_fields(data: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text field a patient reads, in file order (not document control or references)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if ((path == () and key in NOT_READ) or (path == ("diagram",) and key in NOT_READ_IN_DIAGRAM)
                    or (path[:1] == ("urgent",) and key in NOT_READ_IN_URGENT)
                    or (path[:2] == ("diagram", "labels") and len(path) == 3 and key not in LABEL_WORDS)):
                continue
            yield from read_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from read_fields(value, (*path, index))


def plain_blocks(markdown: str) -> list[str]:
    """Each paragraph or list item of a Markdown field as plain text, citations removed."""
    rendered = BLOCK_END.sub("\n\n", render_block(CITATION.sub("", markdown)))
    blocks = [" ".join(html.unescape(TAG.sub(" ", block)).split()) for block in rendered.split("\n\n")]
    return [re.sub(r"\s+([.,;:!?)])", r"\1", block) for block in blocks if block]


ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|vs|etc|al|approx)\.$")


def sentences(block: str) -> list[str]:
    """Split a paragraph into sentences; a list item or heading without a full stop is one sentence."""
    found: list[str] = []
    for part in re.split(r"(?<=[.!?])\s+", block):
        if found and ABBREVIATIONS.search(found[-1]):
            found[-1] += " " + part
        elif part:
            found.append(part)
    return [part if part[-1] in ".!?" else part + "." for part in found]


def find_terms(text: str, forms: list[str]) -> bool:
    """Whether any of `forms` occurs in `text` as a whole word or phrase, ignoring case."""
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) for form in forms)
