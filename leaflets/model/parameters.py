"""The unit's own parameters: values a clinic states for itself (the fever threshold, how long
irradiated blood is needed), printed in a leaflet's text through a placeholder.

A leaflet writes `{fever-threshold}`; each brand gives the value under `meta.parameters`, plain
(English only) or by language like a service's name (`{en: 37.5°C, pl: "37,5°C"}`), so every
clinic prints, and signs off, its own figure. Curly braces are for placeholders only (square
brackets are citations): a brace that is not part of one, a placeholder no brand gives, and one
that the brand being built lacks are all errors at `check`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument
from .brand_file import BrandMeta
from .text import read_fields

PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9-]*)\}")
STRAY = re.compile(r"\{[^{}\s]{0,40}\}?|\}")  # what is shown of a brace that is not a placeholder
# fields printed as they are (no Markdown, no placeholder): a value goes in a sentence instead
PLAIN_FIELDS = {"heading": "a heading", "name": "a name", "alt": "alt text", "title": "a diagram label",
                "text": "a diagram label"}


def placeholders(text: str) -> list[str]:
    """The parameter keys `text` prints, in order."""
    return [match.group(1) for match in PLACEHOLDER.finditer(text)]


def used_parameters(data: object) -> list[str]:
    """The parameter keys a leaflet's readable fields print, in order of first use."""
    return list(dict.fromkeys(key for _, text in read_fields(data) for key in placeholders(text)))


def resolved_parameters(meta: BrandMeta, language: str, keys: tuple[str, ...] | None = None) -> dict[str, str]:
    """A brand's parameters (all, or those named) as a leaflet in `language` prints them: the brand's
    text in that language, or its English where it gives none (such a leaflet is a draft saying so).
    Part of what a clinic approves: its own figures, in the words the patient reads."""
    chosen = meta.parameters if keys is None else {k: meta.parameters[k] for k in keys if k in meta.parameters}
    return {key: value.text(language) or str(value) for key, value in sorted(chosen.items())}


def resolve_text(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder replaced by its value (plain text, for what is not HTML: an
    evidence pack's sentence, a fingerprint); an unknown one is left as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


class BrandParameters:
    """One brand's parameters and where its file gives them, for messages naming both files."""

    def __init__(self, slug: str, doc: YamlDocument, meta: BrandMeta) -> None:
        self.slug, self.doc, self.keys = slug, doc, tuple(meta.parameters)

    def place(self) -> str:
        found = ("meta", "parameters") if self.keys else ("meta",)
        return f"{self.doc.display}:{self.doc.position(found, of_key=True).line}"


def parameter_problems(doc: YamlDocument, brands: list[BrandParameters]) -> Iterator[Problem]:
    """Each placeholder in a leaflet's text is one some brand gives, in a field printed through
    Markdown, and every brand given gives it; a brace is never left as text."""
    known = sorted({key for brand in brands for key in brand.keys})
    for path, text in read_fields(doc.data):
        yield from _field_problems(doc, path, text, known)
        for key in placeholders(text):
            if key not in known or path[-1] in PLAIN_FIELDS:
                continue
            for brand in brands:
                if key not in brand.keys:
                    yield doc.problem(path, f"brand '{brand.slug}' ({brand.place()}) has no parameter '{key}'",
                                      f"add '{key}' with the unit's own value under meta.parameters in "
                                      f"{brand.doc.display} (it has: {', '.join(brand.keys) or 'none yet'})")


def translated_parameter_problems(doc: YamlDocument, english: YamlDocument, fields: set[FieldPath],
                                  brands: list[BrandParameters]) -> Iterator[Problem]:
    """A translated field (of `fields`, those translated from the English as it is now) prints the
    same clinic's values as its English: a dropped or retyped one would print a figure that is not
    the unit's own."""
    known = sorted({key for brand in brands for key in brand.keys})
    source = dict(read_fields(english.data))
    for path, text in read_fields(doc.data):
        if path not in fields:
            continue
        yield from _field_problems(doc, path, text, known)
        wanted, given = sorted(placeholders(source.get(path, ""))), sorted(placeholders(text))
        if wanted != given and all(key in known for key in given):
            shown = ", ".join(f"{{{key}}}" for key in wanted) or "none"
            yield doc.problem(path, f"prints the clinic's values {', '.join(f'{{{k}}}' for k in given) or 'none'}, "
                              f"but the English prints {shown}",
                              "copy each placeholder from the English unchanged, braces and all; the "
                              "clinic's value is put in its place")


def _field_problems(doc: YamlDocument, path: FieldPath, text: str, known: list[str]) -> Iterator[Problem]:
    """Braces that are not a placeholder, placeholders no brand gives, and placeholders in a field
    printed without Markdown."""
    stray = STRAY.search(PLACEHOLDER.sub("", text))
    if stray:
        yield doc.problem(path, f"'{stray.group(0)}' is not a placeholder",
                          "curly braces mark a value the clinic gives, such as {fever-threshold} (lowercase "
                          "letters, digits and hyphens); for anything else, write the words without braces")
    for key in placeholders(text):
        if path[-1] in PLAIN_FIELDS:
            yield doc.problem(path, f"placeholder {{{key}}} in {PLAIN_FIELDS[str(path[-1])]}",
                              "a clinic's value is printed only in running text; move it to a sentence")
        elif key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            given = ", ".join(known) or "none yet"
            yield doc.problem(path, f"unknown placeholder {{{key}}}",
                              f"did you mean {{{close[0]}}}?" if close else
                              f"use a parameter the brands give under meta.parameters ({given}), "
                              f"or add '{key}' to every brand")
