"""What a leaflet prints for one brand in one language, part by part, and its fingerprint.

An approval is of exactly this (leaflets/model/approvals.py): the leaflet's fields in its language,
the brand's text as the leaflet prints it (its contact block, the services its urgent box names,
and every other field of the brand that is not presentation, so a block a later version of the
brand file adds, such as its clinical parameters, counts without a change here), the overview's
table cells, the glossary entries shown and the diagram's file. Each part has its own SHA-256, so
a changed fingerprint can name the part that changed, at its file and line; the fingerprint is the
SHA-256 of all of them, the one the PDF's metadata carries.

The review dates (last_checked, next_review) are left out: they have their own gate (review.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument, dotted, load_yaml
from .brand_file import Wording
from .brands import ResolvedBrand
from .evidence import field_texts
from .files import GLOSSARY_FILE, display_path
from .leaflets import Leaflet
from .table import comparison

if TYPE_CHECKING:
    from .project import Project

LEAFLET = "leaflet: "  # the name of a part that is one of the leaflet's own fields
REVIEW_DATES = {("document", "last_checked"), ("document", "next_review")}
PRESENTATION = {"logo", "color", "typography", "defaults"}  # how the brand looks, not what it says
NOT_PRINTED = {("meta", "release_with")}  # a rule for releasing, printed nowhere
SHOWN_DEFAULTS = (("defaults", "leaflets", "url"),)  # the address the QR code and the page print


@dataclass(frozen=True)
class Part:
    """One printed value and where it is written: `doc` and `path` (or, for a file, `file`)."""

    key: str
    text: str
    doc: YamlDocument | None = None
    path: FieldPath = ()
    file: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def problem(self, message: str, hint: str) -> Problem:
        if self.doc is not None:
            return self.doc.problem(self.path, message, hint)
        return Problem(self.file, 1, 1, dotted(self.path), message, hint)


def _leaves(value: object, path: FieldPath, language: str) -> list[tuple[FieldPath, object]]:
    """Each plain value under `value` with its path; a brand's wording as the leaflet prints it in
    `language` (the English where the brand gives none)."""
    if isinstance(value, Wording):
        return [(path, value.text(language) or str(value))]
    if isinstance(value, BaseModel):
        return [leaf for name in type(value).model_fields
                for leaf in _leaves(getattr(value, name), (*path, name), language)]
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, str(key)), language)]
    if isinstance(value, (list, tuple)):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index), language)]
    if value is None:  # a field left out: giving it later is a part that is new
        return []
    return [(path, value.isoformat() if hasattr(value, "isoformat") else value)]


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def called_services(leaflet: Leaflet) -> tuple[str, ...]:
    """The services a leaflet's urgent box tells patients to call, in order."""
    return tuple(dict.fromkeys(key for tier in leaflet.model.urgent.tiers for key in tier.call))


def brand_parts(leaflet: Leaflet, brand: ResolvedBrand) -> list[Part]:
    """Every field of the brand a leaflet prints, resolved for its language."""
    called = set(called_services(leaflet))
    found = []
    for path, value in _leaves(brand.model, (), leaflet.language):
        if path[0] in PRESENTATION and not any(path[:len(shown)] == shown for shown in SHOWN_DEFAULTS):
            continue
        if path[:2] in NOT_PRINTED or (path[:2] == ("meta", "services") and path[2] not in called):
            continue
        found.append(Part(f"brand {brand.slug}: {dotted(path)}", _text(value), brand.doc, path))
    return found


def leaflet_parts(project: Project, leaflet: Leaflet) -> list[Part]:
    """The leaflet's own fields in its language, the overview's table cells, the glossary entries it
    shows and its diagram's file."""
    found = [Part(f"{LEAFLET}{dotted(path)}", _text(value), leaflet.doc, path)
             for path, value in _leaves(leaflet.model, (), leaflet.language)
             if path[:2] not in REVIEW_DATES]
    for slug, column in zip(getattr(leaflet.original.model, "therapies", []), comparison(project, leaflet),
                            strict=False):
        therapy = project.translations.get((leaflet.language, slug)) or project.leaflets[slug]
        found += [Part(f"table: {slug}.{dotted(path)}", _text(value), therapy.doc, ("at_a_glance", *path))
                  for path, value in _leaves(column.at_a_glance, (), leaflet.language)]
    if project.glossary is not None:
        english = project.words_to_know(leaflet.original)
        glossary = project.glossaries.get(leaflet.language) if leaflet.english is not None else None
        file = display_path(project.content / GLOSSARY_FILE, project.root)
        for term, shown in zip(english, project.words_to_know(leaflet), strict=True):
            index = project.glossary.terms.index(term)
            for name in ("term", "definition"):
                path: FieldPath = ("terms", index, name)
                if glossary is not None:
                    found.append(Part(f"glossary: {dotted(path)}", getattr(shown, name), glossary.doc,
                                      glossary.key_path(path)))
                else:
                    found.append(Part(f"glossary: {dotted(path)}", getattr(shown, name), None, path, file))
    if leaflet.diagram is not None:
        digest = hashlib.sha256(leaflet.diagram.read_bytes()).hexdigest()
        found.append(Part(f"diagram: {leaflet.diagram.name}", digest, leaflet.original.doc, ("diagram", "file")))
    return found


def printed_parts(project: Project, leaflet: Leaflet, brand: ResolvedBrand) -> dict[str, Part]:
    """Everything the leaflet prints for this brand in its language, by part."""
    return {part.key: part for part in [*leaflet_parts(project, leaflet), *brand_parts(leaflet, brand)]}


def fingerprint_of(digests: dict[str, str]) -> str:
    """The SHA-256 of every part's SHA-256 with its name: one changed character anywhere changes it."""
    canonical = json.dumps(sorted(digests.items()), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def approval_fingerprint(project: Project, leaflet: Leaflet, brand: ResolvedBrand) -> str:
    """The fingerprint of what this leaflet (in its language) prints for this brand: what an
    approval records, the PDF's metadata carries and the evidence pack prints."""
    return fingerprint_of({key: part.digest for key, part in printed_parts(project, leaflet, brand).items()})


def printed_texts(project: Project, leaflet: Leaflet, brand: ResolvedBrand) -> dict[str, list[str]]:
    """What a patient reads, as the release archive keeps it and "what changed" compares it: the
    leaflet's fields sentence by sentence, then each other part (the brand's, the table's, the
    glossary's) as it is printed."""
    others = {key: [part.text] for key, part in printed_parts(project, leaflet, brand).items()
              if not key.startswith(LEAFLET)}
    return {**field_texts(leaflet), **others}


def placed(part: Part, root: Path) -> Part:
    """A glossary part read from content/glossary.yaml has no line until the file is read for it."""
    if part.doc is not None or not part.file:
        return part
    doc, _ = load_yaml(root / part.file, part.file)
    return Part(part.key, part.text, doc, part.path) if doc is not None else part
