"""English leaflets: reading the leaflet files, choosing which to load, validating each and checking
what they say of each other (unique ids, the therapies an overview compares) and that their
language has a message catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem, UsageError
from ..sources import i18n
from ..sources.assets import diagram_problem, image_problem, svg_view_box
from ..sources.yamlsource import YamlDocument, load_yaml
from .files import DIAGRAMS, GLOSSARY_FILE, SETTINGS_FILE, display_path, find_asset
from .models import LEAFLET_TYPES, LeafletBase, Overview, Therapy
from .translations import Translation
from .validate import validate

NOT_LEAFLETS = {SETTINGS_FILE, GLOSSARY_FILE}


@dataclass(frozen=True)
class Leaflet:
    """A leaflet as written, or (with `english` and `translation`) a translation of one."""

    slug: str
    source: Path
    model: LeafletBase
    doc: YamlDocument
    diagram: Path | None = None
    english: Leaflet | None = None
    translation: Translation | None = None

    @property
    def language(self) -> str:
        return self.model.document.language

    @property
    def original(self) -> Leaflet:
        """The leaflet this one translates, or itself."""
        return self.english or self


def read_leaflet_files(root: Path, content: Path, problems: list[Problem]
                       ) -> tuple[dict[str, YamlDocument | None], dict[str, list[Problem]]]:
    """Each leaflet file by name (None for a file that could not be read as YAML), and the
    problems reading each one."""
    docs: dict[str, YamlDocument | None] = {}
    file_problems: dict[str, list[Problem]] = {}
    shown: dict[str, str] = {}
    files = sorted(p for p in [*content.glob("*.yaml"), *content.glob("*.yml")]
                   if not p.name.startswith(".") and p.name not in NOT_LEAFLETS)
    if not files:
        problems.append(Problem(display_path(content, root), 1, 1, "(folder)", "no leaflet files found",
                                "add a .yaml file per leaflet"))
    for path in files:
        display = display_path(path, root)
        if path.stem in docs:
            problems.append(Problem(display, 1, 1, "(file)", f"has the same name as {shown[path.stem]}",
                                    "rename or remove one of them"))
            continue
        docs[path.stem], file_problems[path.stem] = load_yaml(path, display)
        shown[path.stem] = display
    return docs, file_problems


def chosen_leaflets(docs: dict[str, YamlDocument | None], names: Sequence[str],
                    file_problems: dict[str, list[Problem]]) -> set[str]:
    """The leaflet files to load: those named (by file name or id) and the therapies a chosen
    overview compares; every file if none is named."""
    if not names:
        return set(docs)
    ids = {found: slug for slug, doc in docs.items() if isinstance(found := _raw(doc, "document", "id"), str)}
    chosen: set[str] = set()
    for name in names:
        slug = name if name in docs else ids.get(name)
        if slug is None:
            unreadable = [p for slug, doc in docs.items() if doc is None for p in file_problems.get(slug, [])]
            if unreadable:  # the leaflet asked for may be one that cannot be read
                raise ContentError(unreadable)
            raise UsageError(f"unknown leaflet '{name}' (choose from: {', '.join(sorted(docs))})")
        chosen.add(slug)
    for slug in list(chosen):
        therapies = _raw(docs[slug], "therapies") if _raw(docs[slug], "type") == "overview" else None
        chosen.update(t for t in (therapies if isinstance(therapies, list) else []) if isinstance(t, str) and t in docs)
    return chosen


def _raw(doc: YamlDocument | None, *path: str) -> object:
    """A value from a loaded but not yet validated file, or None."""
    data: object = doc.data if doc is not None else None
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def validate_leaflets(content: Path, docs: dict[str, YamlDocument | None],
                      problems: list[Problem]) -> dict[str, Leaflet]:
    leaflets: dict[str, Leaflet] = {}
    ids: dict[str, str] = {}
    for slug, doc in docs.items():
        if doc is None:
            continue
        kind = doc.data.get("type") if isinstance(doc.data, dict) else None
        model = LEAFLET_TYPES.get(kind) if isinstance(kind, str) else None
        if not isinstance(doc.data, dict):
            found = validate(doc, LeafletBase)[1]
        elif model is None:
            found = [doc.problem(("type",), f"'{kind}' is not a leaflet type" if kind else "is required but missing",
                                 f"use one of: {', '.join(LEAFLET_TYPES)}", of_key=kind is None)]
        else:
            leaflet, found = validate(doc, model)
            if isinstance(leaflet, LeafletBase):
                found += _check_document(doc, leaflet, ids)
                diagram = _diagram(content, doc, leaflet, found)
                leaflets[slug] = Leaflet(slug, Path(doc.display), leaflet, doc, diagram)
        problems.extend(found)
    return leaflets


def _check_document(doc: YamlDocument, leaflet: LeafletBase, ids: dict[str, str]) -> list[Problem]:
    """Ids are unique; dates run in order."""
    found = []
    d = leaflet.document
    if d.id in ids:
        found.append(doc.problem(("document", "id"), f"'{d.id}' is already used by {ids[d.id]}",
                                 "give each leaflet its own id"))
    ids.setdefault(d.id, doc.display)
    if d.last_checked < d.published:
        found.append(doc.problem(("document", "last_checked"), f"{d.last_checked} is before the published date "
                                 f"{d.published}", "use the date the content was last checked"))
    if d.next_review <= d.last_checked:
        found.append(doc.problem(("document", "next_review"), f"{d.next_review} is not after last_checked "
                                 f"{d.last_checked}", "set the next review after the last check"))
    return found


def _diagram(content: Path, doc: YamlDocument, leaflet: LeafletBase, found: list[Problem]) -> Path | None:
    """A therapy's diagram: a self-contained SVG in content/diagrams/."""
    if not (isinstance(leaflet, Therapy) and leaflet.diagram):
        return None
    folder = content / DIAGRAMS
    path = find_asset(folder, leaflet.diagram.file, (".svg",), doc, ("diagram", "file"), found)
    why = (image_problem(path, "diagram") or diagram_problem(path)) if path else None
    if why:
        found.append(doc.problem(("diagram", "file"), why, "save it as a plain, self-contained SVG"))
        return None
    box = svg_view_box(path) if path else None
    x, y, width, height = box or (0.0, 0.0, 0.0, 0.0)
    for index, label in enumerate(leaflet.diagram.labels if box else []):
        if not (x <= label.x <= x + width and y <= label.y <= y + height):
            found.append(doc.problem(("diagram", "labels", index), f"({label.x:g}, {label.y:g}) is outside the "
                                     f"drawing, whose viewBox is {x:g} {y:g} {width:g} {height:g}",
                                     "give x and y in the SVG's own units"))
    return path


def check_overviews(docs: dict[str, YamlDocument | None], leaflets: dict[str, Leaflet],
                    problems: list[Problem]) -> None:
    """Each overview names therapy leaflets that exist, once each. Any leaflet file that is not an
    overview counts, even one with errors of its own: those are reported against that file."""
    therapies = sorted(s for s, d in docs.items()
                       if d is None or not isinstance(d.data, dict) or d.data.get("type") != "overview")
    for leaflet in leaflets.values():
        if not isinstance(leaflet.model, Overview):
            continue
        seen: set[str] = set()
        for index, slug in enumerate(leaflet.model.therapies):
            if slug not in therapies:
                problems.append(leaflet.doc.problem(("therapies", index), f"'{slug}' is not a therapy leaflet",
                                                    f"use one of: {', '.join(therapies) or '(none found)'}"))
            elif slug in seen:
                problems.append(leaflet.doc.problem(("therapies", index), f"'{slug}' is listed twice",
                                                    "list each therapy once"))
            seen.add(slug)


def check_languages(root: Path, leaflets: dict[str, Leaflet], problems: list[Problem]) -> None:
    """Each leaflet is written in a language the template has a message catalog for."""
    for leaflet in leaflets.values():
        language = leaflet.model.document.language
        if language not in i18n.available(root):
            problems.append(leaflet.doc.problem(("document", "language"), f"no message catalog for language "
                                                f"'{language}' ({i18n.language_name(language)})",
                                                f"use one of: {', '.join(i18n.available(root))}, or add "
                                                f"{i18n.catalog_path(Path(), language)} (see README, 'Adding a "
                                                "language')"))
