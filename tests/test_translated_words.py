"""Issue 20, part 4: the words around the body are in the reader's language too: the diagram's
labels, the author line and the logo's alt text (rendered as HTML, in process: no PDFs)."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import pytest
from conftest import ROOT
from markupsafe import escape

from leaflets.model.exchange import export_po
from leaflets.model.project import load_project
from leaflets.model.translations import leaflet_sources
from leaflets.render.diagram import placed_labels
from leaflets.render.html import render_html
from leaflets.sources import i18n

PROJECT = load_project(ROOT)
LANGUAGES = ["cy", "pl", "ur"]
TODAY = dt.date(2026, 12, 4)
LABEL = re.compile(r'<p class="diagram-label[^"]*"([^>]*)>\s*(.*?)</p>', re.S)


def _html(language: str, slug: str = "plasma-exchange") -> str:
    leaflet = PROJECT.translations[(language, slug)] if language != i18n.SOURCE else PROJECT.leaflets[slug]
    return render_html(PROJECT, leaflet, PROJECT.brands["riverside"], TODAY)


def _labels(page: str) -> list[tuple[str, str]]:
    """Each diagram label's attributes (after its class) and its words, tags removed."""
    return [(attrs, html.unescape(re.sub(r"<[^>]+>", "", words))) for attrs, words in LABEL.findall(page)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translations_diagram_labels_are_its_own_words_not_marked_english(language: str) -> None:
    model = PROJECT.translations[(language, "plasma-exchange")].model
    assert model.diagram is not None
    expected = [f"{label.title} {label.text}" if label.title else label.text for label in model.diagram.labels]
    english = PROJECT.leaflets["plasma-exchange"].model.diagram
    assert english is not None and expected[0] != english.labels[0].text
    labels = _labels(_html(language))
    assert [words for _, words in labels] == expected
    assert all("lang=" not in attrs for attrs, _ in labels)  # they are in the page's language


def test_a_label_the_translation_lacks_is_printed_in_english_and_marked_so() -> None:
    welsh = PROJECT.translations[("cy", "plasma-exchange")]
    assert welsh.translation is not None
    fields = {key: entry for key, entry in welsh.translation.model.fields.items() if key != "diagram.labels[1].text"}
    model = welsh.translation.model.model_copy(update={"fields": fields})
    diagram = welsh.model.diagram
    english = PROJECT.leaflets["plasma-exchange"].model.diagram
    assert diagram is not None and english is not None
    printed = diagram.model_copy(update={"labels": [diagram.labels[0], english.labels[1], *diagram.labels[2:]]})
    partial = replace(welsh, model=welsh.model.model_copy(update={"diagram": printed}),
                      translation=replace(welsh.translation, model=model))
    assert [placed.english for placed in placed_labels(partial)] == [False, True, *[False] * 6]
    labels = _labels(render_html(PROJECT, partial, PROJECT.brands["riverside"], TODAY))
    assert labels[1][1] == "Blood out" and f'lang="{i18n.SOURCE_TAG}"' in labels[1][0]
    assert "lang=" not in labels[0][0]


def test_a_translation_lacking_a_label_is_a_draft_that_names_the_label_and_the_section_it_is_in() -> None:
    english = PROJECT.leaflets["plasma-exchange"]
    welsh = PROJECT.translations[("cy", "plasma-exchange")].translation
    assert welsh is not None
    fields = {key: entry for key, entry in welsh.model.fields.items() if key != "diagram.labels[1].text"}
    partial = replace(welsh, model=welsh.model.model_copy(update={"fields": fields}))
    texts = [reason.text() for reason in partial.reasons(english.doc.data, "0.2", TODAY)]
    parts = len(welsh.model.fields)  # every part the Welsh translates: one is now missing
    assert f"1 of {parts} parts are not translated yet, the first 'What it is' (diagram.labels[1].text)" in texts


def test_english_diagram_labels_carry_no_language_of_their_own() -> None:
    assert [attrs for attrs, _ in _labels(_html("en"))] and all("lang=" not in a for a, _ in _labels(_html("en")))


def test_the_export_offers_each_label_and_title_and_the_author_line_but_not_where_labels_go() -> None:
    english = PROJECT.leaflets["plasma-exchange"]
    po = export_po("cy", "plasma-exchange", leaflet_sources(english.doc.data, {}), None).decode("utf-8")
    contexts = re.findall(r'^msgctxt "([^"]+)"', po, re.M)
    assert {"document.author", "diagram.labels[0].text", "diagram.labels[2].title", "diagram.labels[7].text"} \
        <= set(contexts)
    assert not [c for c in contexts if c.startswith("diagram.labels") and c.rsplit(".", 1)[1] not in ("text", "title")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_author_line_is_the_translations(language: str) -> None:
    author = PROJECT.translations[(language, "plasma-exchange")].model.document.author
    assert author != PROJECT.leaflets["plasma-exchange"].model.document.author
    gettext = i18n.translations(ROOT, language).gettext
    assert f"<dt>{escape(gettext('Written by'))}</dt><dd>{escape(author)}</dd>" in _html(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_logo_alt_text_is_in_the_readers_language(language: str) -> None:
    brand = PROJECT.brands["riverside"]
    named = i18n.translations(ROOT, language).gettext("%(clinic)s logo") % {"clinic": brand.name}
    assert named != brand.logo_alt
    assert f'<img class="logo" src="{brand.logo.as_uri()}" alt="{escape(named)}">' in _html(language)


def test_the_english_logo_alt_text_is_the_brands() -> None:
    brand = PROJECT.brands["riverside"]
    assert f'alt="{escape(brand.logo_alt)}"' in _html("en")
