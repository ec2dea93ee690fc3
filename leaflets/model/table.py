"""The overview's comparison table in the leaflet's language.

Each cell is a therapy's at-a-glance text, translated once: from the therapy's own translation
where that gives it as the English is now, otherwise from the overview's translation
(`table.<therapy>.<field>`), otherwise in English. A cell left in English is one of the overview
translation's untranslated fields (leaflets/model/translations.py), so the PDF is a draft naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem
from ..sources.yamlsource import FieldPath, Position, YamlDocument, dotted
from .field_types import Strict
from .models import AtAGlance, Overview, Therapy
from .translations import Translation
from .validate import validate

if TYPE_CHECKING:
    from .leaflets import Leaflet
    from .project import Project

CELLS = tuple(AtAGlance.model_fields)


class Table(Strict):
    table: dict[str, AtAGlance]


@dataclass(frozen=True)
class Column:
    """One therapy's column: its cells as printed, and which of them are still in English."""

    at_a_glance: AtAGlance
    english: frozenset[str] = frozenset()


def table_problems(translation: Translation, quoted: dict[str, dict]) -> list[Problem]:
    """What is wrong with the table cells an overview's translation gives, at their lines: each is
    checked as the therapy's own at-a-glance field is (`quoted` are the English ones, by therapy)."""
    data: dict[str, dict] = {}
    positions: dict[FieldPath, Position] = {}
    for slug, glance in quoted.items():
        data[slug] = dict(glance)
        for name in glance:
            entry = translation.model.fields.get(dotted(("table", slug, name)))
            if entry is not None:
                data[slug][name] = entry.text
                place = translation.key_path(("table", slug, name))
                if place in translation.doc.value_positions:
                    positions[("table", slug, name)] = translation.doc.value_positions[place]
    _, problems = validate(YamlDocument(translation.display, {"table": data}, {}, positions), Table)
    return problems


def comparison(project: Project, leaflet: Leaflet) -> list[Column]:
    """The columns of an overview's table in the leaflet's language (none for a therapy leaflet)."""
    overview = leaflet.original.model
    if not isinstance(overview, Overview):
        return []
    columns = []
    for slug in overview.therapies:
        therapy_model = project.leaflets[slug].model
        assert isinstance(therapy_model, Therapy)  # an overview compares therapies (leaflets.py checks)
        glance = therapy_model.at_a_glance
        if leaflet.translation is None:
            columns.append(Column(glance))
            continue
        therapy = project.translations.get((leaflet.language, slug))
        own = therapy.translation if therapy is not None else None
        cells = {}
        for name in CELLS:
            text = own.current(("at_a_glance", name)) if own is not None else None
            entry = leaflet.translation.model.fields.get(dotted(("table", slug, name)))
            text = text if text is not None else entry.text if entry is not None else None
            if text is not None:
                cells[name] = text
        columns.append(Column(glance.model_copy(update=cells), frozenset(CELLS) - set(cells)))
    return columns
