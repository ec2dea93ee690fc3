"""The urgent box's tiers and the brand services they name: every number a patient is told to call."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument
from .brand_file import BrandMeta
from .models import URGENCY, LeafletBase
from .parameters import used_parameters


def tier_problems(doc: YamlDocument, leaflet: LeafletBase) -> list[Problem]:
    """Tiers run from most to least urgent, so the first thing a patient reads is the most urgent."""
    problems = []
    ranks = [URGENCY.index(tier.level) for tier in leaflet.urgent.tiers]
    for index in range(1, len(ranks)):
        if ranks[index] < ranks[index - 1]:
            problems.append(doc.problem(("urgent", "tiers", index, "level"),
                                        f"a '{URGENCY[ranks[index]]}' tier comes after a "
                                        f"'{URGENCY[ranks[index - 1]]}' tier",
                                        f"list the tiers from most to least urgent: {', '.join(URGENCY)}"))
    return problems


def service_problems(doc: YamlDocument, leaflet: LeafletBase, brand_slug: str, brand_doc: YamlDocument,
                     services: dict) -> Iterable[Problem]:
    """Each service a leaflet tells patients to call must exist in the brand; a 'now' tier (call at
    once, day or night) may only name services that answer 24 hours a day."""
    for t, tier in enumerate(leaflet.urgent.tiers):
        for c, key in enumerate(tier.call):
            where = ("urgent", "tiers", t, "call", c)
            service = services.get(key)
            if service is None:
                known = ", ".join(sorted(services)) or "none yet"
                yield doc.problem(where, f"brand '{brand_slug}' ({brand_doc.display}) has no service '{key}'",
                                  f"add '{key}' with its name, phone and hours under meta.services in "
                                  f"{brand_doc.display} (it has: {known}), or choose another brand")
            elif tier.level == "now" and not service.answers_24_hours:
                line = brand_doc.position(("meta", "services", key), of_key=True).line
                yield doc.problem(where, f"service '{key}' of brand '{brand_slug}' ({brand_doc.display}:{line}) "
                                  "does not answer 24 hours, but this tier says to call at once",
                                  "name a 24-hour service here (such as 999 or the unit's 24-hour line), "
                                  "or set answers_24_hours: true if it does")


def untranslated_wordings(leaflet: LeafletBase, meta: BrandMeta, language: str) -> list[FieldPath]:
    """Where the brand file gives no text in `language` for what this leaflet prints from it: the
    contact hours, the name and hours of each service its urgent box names, and the value of each
    parameter its text prints."""
    keys = tuple(dict.fromkeys(key for tier in leaflet.urgent.tiers for key in tier.call))
    parameters = tuple(used_parameters(leaflet.model_dump(mode="json")))
    return [path for path, wording in meta.wordings(keys, parameters) if wording.text(language) is None]
