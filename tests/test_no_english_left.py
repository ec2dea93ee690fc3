"""Issue 20: a Welsh, Polish or Urdu PDF carries no English sentence from its leaflet's body (the
source list, which names English titles, aside). Checked on the text of the built sample PDFs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from leaflets.model.project import load_project
from leaflets.sources.assets import text_fields

PROJECT = load_project(ROOT)
NOT_BODY = ("document", "references")  # document control and the source list are not the body
CITATION = re.compile(r"\s*\[[^\]]*\]")
MARKDOWN = re.compile(r"[*_#>`]")
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
MIN_WORDS = 4  # shorter runs ("Plasma exchange", a name) may rightly stay the same in every language


def english_sentences(slug: str) -> list[str]:
    """The sentences of the English leaflet's body, as a reader sees them (no citation keys or Markdown)."""
    found: list[str] = []
    for path, text in text_fields(PROJECT.leaflets[slug].doc.data):
        if path[0] in NOT_BODY or path[-1] in ("file", "anchor", "vertical", "style") or path[:2] == ("diagram", "alt"):
            continue
        plain = MARKDOWN.sub("", CITATION.sub("", text))
        for part in SENTENCE_END.split(plain):
            sentence = " ".join(part.split()).strip(" -")
            if len(sentence.split()) >= MIN_WORDS:
                found.append(sentence)
    return found


def printed(pdf: Path) -> str:
    """The PDF's text on one line: words broken at a line end joined again."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(re.sub(r"-\n(?=[a-z])", "", text).split())


def english_in(pdf: Path, slug: str) -> list[str]:
    text = printed(pdf)
    return [sentence for sentence in english_sentences(slug) if sentence in text]


@pytest.mark.parametrize("brand", ["riverside", "northfield"])
@pytest.mark.parametrize("slug", ["plasma-exchange", "overview"])
@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_a_translated_pdf_prints_no_english_sentence_of_its_body(sample_output: Path, brand: str, slug: str,
                                                                   language: str) -> None:
    assert english_in(sample_output / brand / f"{slug}-{language}-email-a4.pdf", slug) == []


@pytest.mark.parametrize("slug", ["plasma-exchange", "overview"])
def test_the_english_pdf_is_found_to_print_its_own_sentences(sample_output: Path, slug: str) -> None:
    """The search above can fail: in the English PDF it finds nearly every sentence of the body."""
    sentences = english_sentences(slug)
    assert len(english_in(sample_output / "riverside" / f"{slug}-email-a4.pdf", slug)) >= 0.9 * len(sentences)
