"""Load every content and brand file of a project, validate them all, and resolve brand assets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem, UsageError
from ..sources import fonts, i18n
from ..sources.assets import diagram_problem, font_characters, image_problem, missing_characters, svg_text, text_fields
from ..sources.yamlsource import YamlDocument, load_yaml
from .citations import citation_problems
from .contrast import contrast_failures
from .models import LEAFLET_TYPES, Brand, Glossary, LeafletBase, Overview, Settings, Term, Therapy
from .services import service_problems, tier_problems
from .text import find_terms, plain_blocks, read_fields
from .translations import (
    GLOSSARY,
    Translation,
    glossary_sources,
    leaflet_sources,
    load_translation,
    overview_quoted,
    parse_key,
    source_hash,
    translated_glossary,
    translation_files,
)
from .validate import load_model, validate

BRAND_FILE = "_brand.yml"
SETTINGS_FILE = "settings.yaml"
GLOSSARY_FILE = "glossary.yaml"
NOT_LEAFLETS = {SETTINGS_FILE, GLOSSARY_FILE}
DIAGRAMS = "diagrams"
COLOUR_DEFAULTS = {"secondary": "primary", "tertiary": "secondary", "light": "#f3f4f6",
                   "dark": "foreground", "danger": "#9b1c1c", "warning": "#fdf0f0"}
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str


@dataclass(frozen=True)
class ResolvedBrand:
    """A validated brand with every colour role as hex (optional roles filled in), and every file
    as an absolute path."""

    slug: str
    folder: Path
    model: Brand
    doc: YamlDocument
    colours: dict[str, str]
    logo: Path
    logo_alt: str
    fonts: tuple[FontFace, ...]
    characters: frozenset[int]

    @property
    def name(self) -> str:
        return self.model.meta.name.full


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


@dataclass(frozen=True)
class Project:
    root: Path
    content: Path
    brands: dict[str, ResolvedBrand]
    leaflets: dict[str, Leaflet]
    settings: Settings
    warnings: list[Problem]
    glossary: Glossary | None = None
    translations: dict[tuple[str, str], Leaflet] = field(default_factory=dict)  # (language, slug)
    glossaries: dict[str, Translation] = field(default_factory=dict)  # by language
    lost_text: list[Problem] = field(default_factory=list)  # words after ' #' that YAML drops

    def words_to_know(self, leaflet: Leaflet) -> list[Term]:
        """The glossary terms that occur in what a patient reads in this leaflet (for an overview,
        that includes the therapies' at-a-glance text in its table); for a translation, the terms
        its English has, as the glossary's translation gives them."""
        if self.glossary is None:
            return []
        if leaflet.english is not None:
            found = self.words_to_know(leaflet.english)
            translation = self.glossaries.get(leaflet.language)
            if translation is None:
                return found
            translated = translated_glossary(translation, self.glossary)
            return [translated.terms[self.glossary.terms.index(term)] for term in found]
        texts = [text for _, text in read_fields(leaflet.doc.data)]
        if isinstance(leaflet.model, Overview):
            texts += [text for slug in leaflet.model.therapies
                      for _, text in read_fields(self.leaflets[slug].doc.data.get("at_a_glance", {}))]
        text = " ".join(" ".join(plain_blocks(t)) for t in texts)
        return [term for term in self.glossary.terms if find_terms(text, term.patterns)]

    def asset_roots(self, brand: ResolvedBrand) -> tuple[Path, ...]:
        """The only folders a document for `brand` may read from: its own folder, the styles and
        the fallback fonts."""
        return (brand.folder, self.root / "styles", self.root / fonts.FOLDER)

    def languages(self) -> list[str]:
        """English and every language with a translation, in order."""
        return [i18n.SOURCE, *sorted({language for language, _ in self.translations})]


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_project(root: Path, content: Path | None = None, brands: Sequence[str] = (),
                 leaflets: Sequence[str] = ()) -> Project:
    """Read and validate everything under `content`; raise ContentError listing every problem.

    Given `brands` or `leaflets` (file names or leaflet ids), only those are loaded and checked,
    with the therapy leaflets a chosen overview compares, the glossary and the settings: a
    problem in another clinic's brand or another leaflet does not stop this one. An unknown
    name is a UsageError.
    """
    root = root.resolve()
    content = (content or root / "content").resolve()
    if not content.is_dir():
        raise ContentError([Problem(str(content), 1, 1, "(folder)", "content folder not found",
                                    "pass --content DIR or run from the project folder")])
    problems: list[Problem] = []
    warnings: list[Problem] = []
    settings = _load_optional(root, content / SETTINGS_FILE, Settings, problems)
    glossary_doc = _load_glossary(root, content, problems)
    all_docs, file_problems = _read_leaflet_files(root, content, problems)
    chosen = _chosen_leaflets(all_docs, leaflets, file_problems)
    docs = {slug: doc for slug, doc in all_docs.items() if slug in chosen}
    problems.extend(p for slug in chosen for p in file_problems.get(slug, []))
    loaded = _validate_leaflets(content, docs, problems)
    for leaflet in loaded.values():
        errors, found = citation_problems(leaflet.doc, leaflet.model)
        problems.extend(errors)
        warnings.extend(found)
    _check_overviews(all_docs, loaded, problems)
    for leaflet in loaded.values():
        language = leaflet.model.document.language
        if language not in i18n.available(root):
            problems.append(leaflet.doc.problem(("document", "language"), f"no message catalog for language "
                                                f"'{language}' ({i18n.language_name(language)})",
                                                f"use one of: {', '.join(i18n.available(root))}, or add "
                                                f"{i18n.catalog_path(Path(), language)} (see README, 'Adding a "
                                                "language')"))
    resolved, brand_docs = _load_brands(root, content, problems, brands)
    extra_docs = [glossary_doc[0]] if glossary_doc else []
    _check_characters(loaded, resolved, extra_docs, problems)
    _check_services(loaded, resolved, problems)
    translated, glossaries = _load_translations(root, content, loaded, set(all_docs),
                                                glossary_doc[1] if glossary_doc else None, problems)
    _check_translated_characters(root, translated, glossaries, resolved, problems)
    if problems:
        raise ContentError(problems)
    lost = []
    for doc in [*(d for d in docs.values() if d), *brand_docs, *extra_docs]:
        for problem, plainly in doc.comments:
            (warnings if plainly else lost).append(problem)
    return Project(root, content, resolved, loaded, settings, sorted(warnings),
                   glossary_doc[1] if glossary_doc else None, translated, glossaries, sorted(lost))



def _load_translations(root: Path, content: Path, leaflets: dict[str, Leaflet], all_slugs: set[str],
                       glossary: Glossary | None, problems: list[Problem]
                       ) -> tuple[dict[tuple[str, str], Leaflet], dict[str, Translation]]:
    """Every file under content/translations/<language>/, each checked against its English; a
    translation of a leaflet not chosen for this run (see `load_project`) is not loaded."""
    translated: dict[tuple[str, str], Leaflet] = {}
    glossaries: dict[str, Translation] = {}
    catalogs = i18n.available(root)
    for language, slug, path in translation_files(content):
        display = display_path(path, root)
        if language not in catalogs or language == i18n.SOURCE:
            problems.append(Problem(display, 1, 1, "(file)", f"no message catalog for language '{language}' "
                                    f"({i18n.language_name(language)})" if language != i18n.SOURCE
                                    else "English is the language the content is written in",
                                    f"add {i18n.catalog_path(Path(), language)} (see README, 'Adding a language')"
                                    f"; catalogs: {', '.join(c for c in catalogs if c != i18n.SOURCE)}"))
            continue
        if slug == GLOSSARY:
            if glossary is None:
                problems.append(Problem(display, 1, 1, "(file)", "there is no glossary.yaml to translate",
                                        "remove the file, or add content/glossary.yaml"))
                continue
            data = glossary.model_dump(mode="json")
            found = load_translation(path, display, language, slug, glossary_sources(data), problems)
            if found is not None:
                glossaries[language] = found
                _, errors = validate(found.document(data), Glossary)
                problems.extend(errors)
            continue
        english = leaflets.get(slug)
        if english is None and slug in all_slugs:
            continue
        if english is None:
            problems.append(Problem(display, 1, 1, "(file)", f"there is no leaflet '{slug}' to translate",
                                    f"name the file after a leaflet: {', '.join(sorted(all_slugs))}"))
            continue
        quoted = overview_quoted(english.model, leaflets)
        found = load_translation(path, display, language, slug, leaflet_sources(english.doc.data, quoted), problems)
        if found is None:
            continue
        doc = found.document(english.doc.data)
        doc.data["document"]["language"] = language
        model, errors = validate(doc, type(english.model))
        problems.extend(errors)
        if isinstance(model, LeafletBase):
            # a field whose English changed is flagged out of date (a draft); its old citations may
            # name a source the English has since dropped, which is not an error on its own
            stale = _stale_fields(found)
            problems.extend(p for p in citation_problems(doc, model)[0] if p.field not in stale)
            translated[(language, slug)] = Leaflet(slug, path, model, doc, english.diagram, english, found)
    return translated, glossaries


def _stale_fields(translation: Translation) -> set[str]:
    """The translated fields whose English has changed since they were translated."""
    stale = set()
    for key, entry in translation.model.fields.items():
        place = parse_key(key)
        if place is not None and place in translation.sources \
                and entry.source != source_hash(translation.sources[place]):
            stale.add(key)
    return stale


def _check_translated_characters(root: Path, translated: dict[tuple[str, str], Leaflet],
                                 glossaries: dict[str, Translation], brands: dict[str, ResolvedBrand],
                                 problems: list[Problem]) -> None:
    """Every character of a translation, and of its language's template words, must be in the
    brand's fonts or the fallback fonts after them: per brand and language."""
    for language in sorted({lang for lang, _ in translated} | set(glossaries)):
        chain = fonts.characters(root, language)
        catalog = i18n.catalog_path(root, language)
        texts: list[tuple[YamlDocument, tuple, str]] = []
        for (lang, _), leaflet in sorted(translated.items()):
            if lang == language and leaflet.translation is not None:
                texts += [(leaflet.translation.doc, ("fields", key, "text"), entry.text)
                          for key, entry in leaflet.translation.model.fields.items()]
        if language in glossaries:
            texts += [(glossaries[language].doc, ("fields", key, "text"), entry.text)
                      for key, entry in glossaries[language].model.fields.items()]
        words = i18n.catalog_text(root, language)
        for brand in brands.values():
            available = brand.characters | chain
            for doc, loc, text in texts:
                missing = missing_characters(text, available)
                if missing:
                    problems.append(doc.problem(loc, f"{_shown(missing)} not in the fonts of brand '{brand.slug}' "
                                                f"or the fallback fonts for {i18n.language_name(language)}",
                                                "add a font that has them to fonts/ (see README, 'Adding a language')"))
            missing = missing_characters(words, available)
            if missing:
                problems.append(Problem(display_path(catalog, root), 1, 1, "(catalog)",
                                        f"{_shown(missing)} not in the fonts of brand '{brand.slug}' or the fallback "
                                        f"fonts for {i18n.language_name(language)}",
                                        "add a font that has them to fonts/ (see README, 'Adding a language')"))


def _shown(missing: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])



def _chosen_leaflets(docs: dict[str, YamlDocument | None], names: Sequence[str],
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


def _load_optional(root: Path, path: Path, model: type[Settings], problems: list[Problem]) -> Settings:
    """content/settings.yaml is optional; every setting has a default."""
    if not path.exists():
        return model()
    return load_model(path, display_path(path, root), model, problems)[1] or model()


def _load_glossary(root: Path, content: Path, problems: list[Problem]) -> tuple[YamlDocument, Glossary] | None:
    """content/glossary.yaml is optional; without it, leaflets have no "words to know" box."""
    path = content / GLOSSARY_FILE
    if not path.exists():
        return None
    doc, glossary = load_model(path, display_path(path, root), Glossary, problems)
    if doc is None or glossary is None:
        return None
    seen: dict[str, int] = {}
    for index, term in enumerate(glossary.terms):
        for form in term.patterns:
            if not (form[:1].isalnum() and form[-1:].isalnum()):
                problems.append(doc.problem(("terms", index), f"'{form}' must start and end with a letter or "
                                            "digit", "write the word as it appears in the text"))
            elif seen.get(form.lower(), index) != index:
                problems.append(doc.problem(("terms", index), f"'{form}' is already defined by "
                                            f"terms[{seen[form.lower()]}]", "define each word once"))
            seen.setdefault(form.lower(), index)
    return doc, glossary


def _read_leaflet_files(root: Path, content: Path, problems: list[Problem]
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


def _diagram(content: Path, doc: YamlDocument, leaflet: LeafletBase, found: list[Problem]) -> Path | None:
    """A therapy's diagram: a self-contained SVG in content/diagrams/."""
    if not (isinstance(leaflet, Therapy) and leaflet.diagram):
        return None
    folder = content / DIAGRAMS
    path = _asset(folder, leaflet.diagram.file, (".svg",), doc, ("diagram", "file"), found)
    why = (image_problem(path, "diagram") or diagram_problem(path)) if path else None
    if why:
        found.append(doc.problem(("diagram", "file"), why, "save it as a plain, self-contained SVG"))
        return None
    return path


def _validate_leaflets(content: Path, docs: dict[str, YamlDocument | None],
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
    """Ids are unique; an approved leaflet says who approved it and when; dates run in order."""
    found = []
    d = leaflet.document
    if d.id in ids:
        found.append(doc.problem(("document", "id"), f"'{d.id}' is already used by {ids[d.id]}",
                                 "give each leaflet its own id"))
    ids.setdefault(d.id, doc.display)
    if d.status == "approved":
        for field in ("approved_by", "approved_on"):
            if getattr(d, field) is None:
                found.append(doc.problem(("document", "status"), f"an approved leaflet needs {field}",
                                         f"add '{field}:' under 'document'"))
    if d.last_checked < d.published:
        found.append(doc.problem(("document", "last_checked"), f"{d.last_checked} is before the published date "
                                 f"{d.published}", "use the date the content was last checked"))
    if d.next_review <= d.last_checked:
        found.append(doc.problem(("document", "next_review"), f"{d.next_review} is not after last_checked "
                                 f"{d.last_checked}", "set the next review after the last check"))
    return found


def _check_overviews(docs: dict[str, YamlDocument | None], leaflets: dict[str, Leaflet],
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


def _load_brands(root: Path, content: Path, problems: list[Problem], names: Sequence[str] = ()
                 ) -> tuple[dict[str, ResolvedBrand], list[YamlDocument]]:
    """The brands (only those named, if any are), and every brand file that could be read."""
    brands: dict[str, ResolvedBrand] = {}
    docs: list[YamlDocument] = []
    folder = content / "brands"
    folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if folder.is_dir() else []
    if not folders:
        problems.append(Problem(display_path(folder, root), 1, 1, "(folder)", "no brands found",
                                f"add a folder with a {BRAND_FILE} file per clinic"))
    unknown = [name for name in names if name not in {p.name for p in folders}]
    if unknown and folders:
        raise UsageError(f"unknown brand '{unknown[0]}' (choose from: {', '.join(p.name for p in folders)})")
    for brand_dir in (p for p in folders if not names or p.name in names):
        path = brand_dir / BRAND_FILE
        if not path.exists():
            problems.append(Problem(display_path(brand_dir, root), 1, 1, "(folder)", f"has no {BRAND_FILE}",
                                    f"add a {BRAND_FILE}, copied from another brand, or remove the folder"))
            continue
        doc, brand = load_model(path, display_path(path, root), Brand, problems)
        if doc is None:
            continue
        docs.append(doc)
        if brand is not None:
            resolved = _resolve_brand(brand_dir, doc, brand, problems)
            if resolved is not None:
                brands[brand_dir.name] = resolved
    return brands, docs


def _colour(doc: YamlDocument, brand: Brand, value: str, loc: tuple, problems: list[Problem]) -> str | None:
    """A colour as #rrggbb: given directly or by its name in the palette."""
    palette = brand.color.palette
    if value.startswith("#"):
        return value
    if value in palette:
        return palette[value]
    problems.append(doc.problem(loc, f"'{value}' is not in color.palette",
                                f"use #rrggbb or one of: {', '.join(palette) or '(empty palette)'}"))
    return None


def _resolve_brand(folder: Path, doc: YamlDocument, brand: Brand,
                   problems: list[Problem]) -> ResolvedBrand | None:
    before = len(problems)
    given = {name: _colour(doc, brand, value, ("color", name), problems)
             for name, value in brand.color.model_dump(exclude={"palette"}).items() if value is not None}
    headings = brand.typography.headings
    heading_colour = None
    if headings is not None and headings.color is not None:
        heading_colour = _colour(doc, brand, headings.color, ("typography", "headings", "color"), problems)
    colours = {k: v for k, v in given.items() if v is not None}
    for name in brand.defaults.leaflets.cmyk:
        if name not in brand.color.palette and name not in colours:
            problems.append(doc.problem(("defaults", "leaflets", "cmyk", name), f"'{name}' is not a colour "
                                        "of this brand", "use a name from color.palette or a colour role "
                                        f"such as primary (known: {', '.join([*brand.color.palette, *colours])})"))
    if len(problems) == before:
        for name, fallback in COLOUR_DEFAULTS.items():
            colours.setdefault(name, colours.get(fallback, fallback))
        colours["heading"] = heading_colour or colours["primary"]
        problems.extend(_contrast_problems(doc, set(given), colours, heading_colour is not None))

    logo_key = next((key for key in ("large", "medium", "small") if getattr(brand.logo, key)), None)
    logo = None
    if logo_key is None:
        problems.append(doc.problem(("logo",), "needs a small, medium or large logo",
                                    "add 'medium: {path: logo.svg, alt: ...}'"))
    else:
        loc = ("logo", logo_key, "path")
        logo = _asset(folder, getattr(brand.logo, logo_key).path, LOGO_SUFFIXES, doc, loc, problems)
        why = image_problem(logo) if logo else None
        if why:
            problems.append(doc.problem(loc, why, "save the logo as a plain, self-contained SVG, PNG or JPEG"))

    fonts: list[FontFace] = []
    characters: frozenset[int] | None = None
    for i, family in enumerate(brand.typography.fonts):
        for j, file in enumerate(family.files):
            loc = ("typography", "fonts", i, "files", j, "path")
            found = _asset(folder, file.path, FONT_SUFFIXES, doc, loc, problems)
            if found is None:
                continue
            chars = font_characters(found)
            if isinstance(chars, str):
                problems.append(doc.problem(loc, chars, "use a TrueType (.ttf) or OpenType (.otf) font file"))
                continue
            characters = chars if characters is None else characters & chars
            fonts.append(FontFace(family.family, found, file.weight, file.style))
    declared = {f.family for f in brand.typography.fonts}
    for role in ("base", "headings"):
        style = getattr(brand.typography, role)
        if style is not None and style.family not in declared:
            problems.append(doc.problem(("typography", role), f"font '{style.family}' is not declared in "
                                        "typography.fonts", f"declared: {', '.join(sorted(declared))}"))
    if len(problems) > before or logo is None or logo_key is None or characters is None:
        return None
    return ResolvedBrand(folder.name, folder.resolve(), brand, doc, colours, logo,
                         getattr(brand.logo, logo_key).alt, tuple(fonts), characters)


def _colour_source(role: str, given: set[str], heading_given: bool) -> tuple:
    """Where the brand file sets a colour role; a role left out follows the role it defaults to."""
    if role == "heading":
        return ("typography", "headings", "color") if heading_given else _colour_source("primary", given, False)
    if role in given or COLOUR_DEFAULTS.get(role, "#").startswith("#"):
        return ("color", role)
    return _colour_source(COLOUR_DEFAULTS[role], given, heading_given)


def _contrast_problems(doc: YamlDocument, given: set[str], colours: dict[str, str],
                       heading_given: bool) -> list[Problem]:
    return [doc.problem(_colour_source(pair.text if pair.text in colours else pair.background, given, heading_given),
                        f"{text} on {background} has a contrast of {value:.2f}:1, below the {pair.minimum:g}:1 "
                        f"that WCAG 2.2 AA asks for {pair.used_for}",
                        "choose a darker text colour or a lighter background")
            for pair, text, background, value in contrast_failures(colours)]


def _asset(folder: Path, relative: str, suffixes: tuple[str, ...], doc: YamlDocument,
           loc: tuple, problems: list[Problem]) -> Path | None:
    """Resolve a file named in a brand file; it must exist inside the brand's own folder."""
    if "://" in relative or relative.startswith(("data:", "/", "\\")):
        problems.append(doc.problem(loc, f"'{relative}' is not a file in the {_folder_name(folder)}",
                                    f"copy the file into the {_folder_name(folder)} and give its name, "
                                    "e.g. logo.svg"))
        return None
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        problems.append(doc.problem(loc, f"'{relative}' is outside the {_folder_name(folder)}",
                                    f"copy the file into the {_folder_name(folder)} and give its name"))
        return None
    if not target.is_file():
        problems.append(doc.problem(loc, f"file '{relative}' not found" if not target.exists()
                                    else f"'{relative}' is not a file",
                                    f"put it in {_shown_folder(folder, doc)}/ or fix the name"))
        return None
    if target.suffix.lower() not in suffixes:
        problems.append(doc.problem(loc, f"'{relative}' has an unsupported file type",
                                    f"use one of: {', '.join(suffixes)}"))
        return None
    return target


def _shown_folder(folder: Path, doc: YamlDocument) -> Path:
    """The asset folder as the user sees it: beside the file that names the asset."""
    beside = Path(doc.display).parent
    return beside / DIAGRAMS if folder.name == DIAGRAMS else beside


def _folder_name(folder: Path) -> str:
    return "diagrams folder" if folder.name == DIAGRAMS else "brand folder"


def _check_services(leaflets: dict[str, Leaflet], brands: dict[str, ResolvedBrand],
                    problems: list[Problem]) -> None:
    """Every brand can print every number every leaflet's urgent box tells patients to call."""
    for leaflet in leaflets.values():
        problems.extend(tier_problems(leaflet.doc, leaflet.model))
        for brand in brands.values():
            problems.extend(service_problems(leaflet.doc, leaflet.model, brand.slug, brand.doc,
                                             brand.model.meta.services))


def _check_characters(leaflets: dict[str, Leaflet], brands: dict[str, ResolvedBrand],
                      extra_docs: list[YamlDocument], problems: list[Problem]) -> None:
    """Every character a leaflet or brand prints must be in the brand's own fonts.

    Otherwise the system would quietly substitute one of its fonts, and the PDF would depend on
    the machine that built it.
    """
    for brand in brands.values():
        texts = [(doc, loc, text) for doc in (brand.doc, *extra_docs) for loc, text in text_fields(doc.data)]
        for leaflet in leaflets.values():
            texts += [(leaflet.doc, loc, text) for loc, text in text_fields(leaflet.doc.data)]
            if leaflet.diagram:
                texts.append((leaflet.doc, ("diagram", "file"), svg_text(leaflet.diagram)))
        for doc, loc, text in texts:
            missing = missing_characters(text, brand.characters)
            if missing:
                shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])
                problems.append(doc.problem(loc, f"{shown} not in the fonts of brand '{brand.slug}'",
                                            "use plain words or characters the font has, or add a font that has them"))
