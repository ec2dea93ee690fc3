"""Translations as content: one file per leaflet and language, each field tied to its English source.

    content/translations/<language>/<leaflet>.yaml      (and glossary.yaml for the glossary)

    check: null                  # written only by `build.py translations record-check`:
    fields:                      #   by, on, and the SHA-256 of the English and of the fields checked
      risks:                     # the field, as `check` names it: what_happens.before, sections[2].body
        source: 5d41402abc4b     # the first 12 hex digits of the SHA-256 of the English it came from
        english: |               # that English, shown to the translator (`#| msgid`) once it changes
          ...
        text: |
          ...

A field whose English has changed since (its hash differs) is out of date; a field not in the file
is untranslated and printed in English. Either, and an unchecked translation, makes the translated
PDF a draft that says why, and `--release` refuses it. A translation is checked only while its
check record's fingerprints match the English as it is now and the fields as they are now: editing
either (by hand or by import) returns it to unchecked, whatever the file says. An overview's table
quotes each therapy's at-a-glance text, translated once: in the therapy's own translation where that
gives it as the English is now, otherwise in the overview's file as `table.<therapy>.<field>`.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field

from ..errors import Problem
from ..sources.i18n import N_
from ..sources.yamlsource import FieldPath, YamlDocument, dotted
from .field_types import IsoDate, Prose, Strict, Text
from .models import Glossary, Overview
from .text import read_fields
from .validate import load_model

FOLDER = "translations"
GLOSSARY = "glossary"
HASH_LENGTH = 12
# the document-control words a reader sees (the author line too); its other fields are ids, dates and names
TITLE_FIELDS: tuple[FieldPath, ...] = (("document", "title"), ("document", "description"), ("document", "author"))
KEY = re.compile(r"([A-Za-z_][\w-]*)|\[(\d+)\]|\.")

# What a reader of the draft notice calls each part: the template's English heading (a catalog
# message, so the notice can say it in the translation's language).
PART_NAMES = {
    "document": N_("About this leaflet"), "intro": N_("Information for patients"),
    "at_a_glance": N_("At a glance"), "what_it_is": N_("What it is"), "who_it_is_for": N_("Who may it be for?"),
    "what_happens": N_("What happens?"), "how_long": N_("How long does it take?"),
    "benefits": N_("How might it help?"), "does_not_do": N_("What it does not do"),
    "risks": N_("Side effects and risks"), "blood_products": N_("Does it use blood products?"),
    "consent": N_("Your choice"), "questions": N_("Questions to ask your MS team"),
    "urgent": N_("When to get help urgently"), "table": N_("The treatments side by side"),
    "diagram": N_("At a glance"), "terms": N_("Words to know"),
}


class TranslatedField(Strict):
    source: Annotated[str, Field(pattern=r"^[0-9a-f]{12,64}$")]
    english: Prose | None = None  # the English it was translated from: shown to the translator when it changes
    text: Prose  # one line or several, as the English field; the leaflet model checks which


Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class CheckRecord(Strict):
    """Who checked a translation and when, bound to exactly what they checked."""

    by: Text
    on: IsoDate
    english: Fingerprint  # english_fingerprint() of every English field the translation translates
    translation: Fingerprint  # fields_fingerprint() of the translated fields


class TranslationFile(Strict):
    check: CheckRecord | None = None
    fields: dict[str, TranslatedField] = Field(default_factory=dict)


def _sha256(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def english_fingerprint(sources: dict[FieldPath, str]) -> str:
    """The SHA-256 of every English field a translation translates, with its name."""
    return _sha256(sorted([dotted(path), text] for path, text in sources.items()))


def fields_fingerprint(fields: dict[str, TranslatedField]) -> str:
    """The SHA-256 of every translated field: its name, the English it records, and its text."""
    return _sha256(sorted([key, entry.source, entry.text] for key, entry in fields.items()))


def recorded(model: TranslationFile, sources: dict[FieldPath, str], by: str, on: dt.date) -> TranslationFile:
    """The translation with a check by `by` on `on`, bound to the English and the fields as they are."""
    check = CheckRecord(by=by, on=on, english=english_fingerprint(sources),
                        translation=fields_fingerprint(model.fields))
    return model.model_copy(update={"check": check})


def check_state(model: TranslationFile, sources: dict[FieldPath, str]) -> str:
    """'checked', 'unchecked', or why a check record no longer holds: 'english' changed since or
    the translation's 'text' changed since. Computed, never read from the file."""
    check = model.check
    if check is None:
        return "unchecked"
    if check.english != english_fingerprint(sources):
        return "english"
    if check.translation != fields_fingerprint(model.fields):
        return "text"
    return "checked"


def source_hash(text: str) -> str:
    """What a translation records of the English it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def parse_key(key: str) -> FieldPath | None:
    """`sections[2].body` -> ('sections', 2, 'body'); None if it is not a field name."""
    parts: list[str | int] = []
    pos = 0
    for match in KEY.finditer(key):
        if match.start() != pos:
            return None
        pos = match.end()
        if match.group(1):
            parts.append(match.group(1))
        elif match.group(2):
            parts.append(int(match.group(2)))
    return tuple(parts) if parts and pos == len(key) and dotted(tuple(parts)) == key else None


def get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _put(data: Any, path: FieldPath, value: str) -> None:
    get(data, path[:-1])[path[-1]] = value


def leaflet_sources(data: dict, quoted: dict[str, dict]) -> dict[FieldPath, str]:
    """Every English field a translation of this leaflet translates, in file order; `quoted` are
    the therapies' at-a-glance texts an overview prints in its table."""
    found = {path: get(data, path) for path in TITLE_FIELDS}
    found.update(dict(read_fields(data)))
    for slug, glance in quoted.items():
        for name, text in glance.items():
            found[("table", slug, name)] = text
    return {path: text for path, text in found.items() if isinstance(text, str)}


def glossary_sources(data: dict) -> dict[FieldPath, str]:
    return {path: text for path, text in read_fields(data) if path[-1] in ("term", "definition")}


@dataclass(frozen=True)
class Reason:
    """Why a translation is not for patient use: an English message with its values, placed in a file."""

    message: str
    values: dict[str, str]
    doc: YamlDocument
    path: FieldPath

    def text(self, gettext: Callable[[str], str] = lambda s: s) -> str:
        values = {k: gettext(v) if k == "part" else v for k, v in self.values.items()}
        return gettext(self.message) % values

    def problem(self, hint: str) -> Problem:
        return self.doc.problem(self.path, self.text(), hint)


@dataclass(frozen=True)
class Translation:
    """One translation file, checked against the English it translates."""

    language: str
    slug: str
    path: Path
    doc: YamlDocument
    model: TranslationFile
    sources: dict[FieldPath, str]
    texts: dict[FieldPath, str] = field(default_factory=dict)
    elsewhere: frozenset[str] = frozenset()  # an overview's table cells its therapies' translations give

    @property
    def display(self) -> str:
        return self.doc.display

    @property
    def checked(self) -> bool:
        return check_state(self.model, self.sources) == "checked"

    def key_path(self, path: FieldPath) -> FieldPath:
        return ("fields", dotted(path), "text")

    def reasons(self, english: dict, english_version: str, english_date: dt.date,
                within: Callable[[FieldPath], bool] = lambda path: True) -> list[Reason]:
        """Why this translation is a draft: unchecked, out of date, untranslated or stale fields
        (of the fields `within` accepts: for the glossary, the terms a leaflet shows)."""
        found = []
        sources = {path: text for path, text in self.sources.items() if within(path)}
        if not self.checked:
            found.append(Reason(N_("the translation has not been checked by a qualified translator"), {},
                                self.doc, ("check",)))
        fields = self.model.fields
        untranslated = [path for path in sources if dotted(path) not in fields]
        if untranslated:
            first = untranslated[0]
            found.append(Reason(N_("%(count)s of %(total)s parts are not translated yet, the first '%(part)s' "
                                   "(%(field)s)"),
                                {"count": str(len(untranslated)), "total": str(len(sources)),
                                 "part": _part_name(english, first), "field": dotted(first)}, self.doc, ("fields",)))
        for path, text in sources.items():
            entry = fields.get(dotted(path))
            values = {"part": _part_name(english, path), "field": dotted(path)}
            if entry is None:
                continue
            if entry.source != source_hash(text):
                found.append(Reason(
                    N_("the English text of '%(part)s' (%(field)s) changed after it was translated (English "
                       "version %(version)s, last checked %(date)s)"),
                    {**values, "version": english_version, "date": english_date.isoformat()},
                    self.doc, ("fields", dotted(path), "source")))
        known = {dotted(p) for p in self.sources} | self.elsewhere
        for key in fields:
            place = parse_key(key)
            if key not in known and place is not None and within(place):
                found.append(Reason(N_("the translation has '%(field)s', which the English no longer has"),
                                    {"field": key}, self.doc, ("fields", key)))
        return found

    def apply(self, data: dict, current_only: bool = False) -> dict:
        """The English data with every translated field put in its place (with `current_only`,
        only those translated from the English as it is now)."""
        result = copy.deepcopy(data)
        for path, english in self.sources.items():
            entry = self.model.fields.get(dotted(path))
            if entry is not None and path[0] != "table" and not (current_only and entry.source != source_hash(english)):
                _put(result, path, entry.text)
        return result

    def current(self, path: FieldPath) -> str | None:
        """The translated text of a field, if it was translated from the English as it is now."""
        entry = self.model.fields.get(dotted(path))
        english = self.sources.get(path)
        return entry.text if entry is not None and english is not None and entry.source == source_hash(english) \
            else None

    def document(self, data: dict) -> YamlDocument:
        """The translated data as a document whose fields point at their lines in the translation."""
        positions = {}
        for path in self.sources:
            key = self.key_path(path)
            if key in self.doc.value_positions:
                positions[path] = self.doc.value_positions[key]
        return YamlDocument(self.doc.display, self.apply(data), {}, positions)


def _part_name(english: dict, path: FieldPath) -> str:
    """The heading a reader knows a field by: a section's own heading, or the template's."""
    if path[0] in ("sections", "more") and len(path) > 1:
        heading = english.get(path[0], [{}])[path[1]].get("heading") if isinstance(path[1], int) else None
        if isinstance(heading, str):
            return heading
    if path[0] == "diagram":  # the diagram stands in a section: a reader knows it by that heading
        section = english.get("diagram", {}).get("section")
        if isinstance(section, str) and section in PART_NAMES:
            return PART_NAMES[section]
    if path[0] == "terms" and len(path) > 1:
        term = english.get("terms", [{}])[path[1]].get("term")
        if isinstance(term, str):
            return term
    return PART_NAMES.get(str(path[0]), str(path[0]))


def translation_files(content: Path) -> Iterator[tuple[str, str, Path]]:
    """(language, leaflet or 'glossary', path) for every file under content/translations/."""
    folder = content / FOLDER
    if not folder.is_dir():
        return
    for language in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted([*language.glob("*.yaml"), *language.glob("*.yml")]):
            if not path.name.startswith("."):
                yield language.name, path.stem, path


def load_translation(path: Path, display: str, language: str, slug: str, sources: dict[FieldPath, str],
                     problems: list[Problem]) -> Translation | None:
    """Read one translation file; problems with the file itself go into `problems`."""
    doc, model = load_model(path, display, TranslationFile, problems)
    if doc is not None and isinstance(doc.data, dict):
        for name in ("status", "checked_by", "checked_on"):
            if name in doc.data:  # before issue 20 a file could say so itself
                problems.append(doc.problem((name,), f"'{name}' cannot mark a translation checked",
                                            "delete it: a qualified translator's check is recorded with "
                                            "`build.py translations record-check`", of_key=True))
    if doc is None or model is None:
        return None
    for key in model.fields:
        if parse_key(key) is None:
            problems.append(doc.problem(("fields", key), f"'{key}' is not a field name", "write it as `check` "
                                        "names fields, for example what_happens.before or sections[2].body",
                                        of_key=True))
    return Translation(language, slug, path, doc, model, sources)


def translated_glossary(translation: Translation, glossary: Glossary) -> Glossary:
    """The glossary in the translation's language. A term whose English changed is shown in English
    (and the leaflet is a draft saying so): glossary entries are found by position, so a stale one
    may be another term's."""
    english = glossary.model_dump(mode="json")
    data = translation.apply(english, current_only=True)
    for path, text in translation.sources.items():
        entry = translation.model.fields.get(dotted(path))
        if entry is not None and entry.source != source_hash(text):
            data["terms"][path[1]] = english["terms"][path[1]]  # the whole entry: term and meaning agree
    return Glossary.model_validate(data)


def overview_quoted(model: Any, leaflets: dict, given: Callable[[str, str], bool] = lambda slug, name: False
                    ) -> dict[str, dict]:
    """The at-a-glance texts an overview quotes, by therapy, that its translation translates itself:
    not those `given(therapy, field)` says the therapy's own translation gives (translated once)."""
    if not isinstance(model, Overview):
        return {}
    quoted = {slug: leaflets[slug].doc.data.get("at_a_glance", {}) for slug in model.therapies if slug in leaflets}
    return {slug: {name: text for name, text in glance.items() if not given(slug, name)}
            for slug, glance in quoted.items()}


def given_by(translations: dict[str, Translation]) -> Callable[[str, str], bool]:
    """Whether the translation of a therapy (in `translations`, by slug) gives an at-a-glance field
    as the English is now: an overview in that language quotes it from there."""
    def given(slug: str, name: str) -> bool:
        found = translations.get(slug)
        return found is not None and found.current(("at_a_glance", name)) is not None
    return given


# ---- writing (import) -----------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(model: TranslationFile, header: str) -> str:
    """The file's text in one fixed form (what import writes and the samples are kept in)."""
    check = model.check.model_dump(mode="json") if model.check else None
    fields = {key: {"source": entry.source, **({"english": entry.english} if entry.english is not None else {}),
                    "text": entry.text} for key, entry in model.fields.items()}
    data: dict[str, Any] = {"check": check, "fields": fields}
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    return header + body
