"""The project: every content, brand and translation file, loaded and checked together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem
from ..sources import fonts, i18n, languages
from ..sources.yamlsource import YamlDocument
from .approvals import BrandApprovals, load_approvals
from .brands import ResolvedBrand, load_brands
from .citations import citation_problems
from .files import GLOSSARY_FILE, SETTINGS_FILE, display_path, links_in_content, odd_names
from .font_coverage import (
    check_characters,
    check_language_letters,
    check_language_names,
    check_translated_characters,
)
from .leaflets import Leaflet, check_languages, check_overviews, chosen_leaflets, read_leaflet_files, validate_leaflets
from .models import Glossary, Overview, Settings, Term
from .parameters import BrandParameters, parameter_problems, translated_parameter_problems
from .services import service_problems, tier_problems
from .text import find_terms, plain_blocks, read_fields
from .translated import load_translations
from .translations import Translation, translated_glossary
from .validate import load_model


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
    found_terms: dict[tuple[str, str], list[Term]] = field(default_factory=dict, compare=False, repr=False)
    # a language whose language.yaml is wrong: its translations are left out, the rest builds
    broken_languages: dict[str, list[Problem]] = field(default_factory=dict)
    approvals: dict[str, BrandApprovals] = field(default_factory=dict)  # by brand

    def words_to_know(self, leaflet: Leaflet) -> list[Term]:
        """The glossary terms that occur in what a patient reads in this leaflet (for an overview,
        that includes the therapies' at-a-glance text in its table); for a translation, the terms
        its English has, as the glossary's translation gives them. Found once per leaflet and
        language: every brand and variant of it prints the same list."""
        key = (leaflet.language, leaflet.slug)
        if key not in self.found_terms:
            self.found_terms[key] = self._words_to_know(leaflet)
        return list(self.found_terms[key])

    def _words_to_know(self, leaflet: Leaflet) -> list[Term]:
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


def load_project(root: Path, content: Path | None = None, brands: Sequence[str] = (),
                 leaflets: Sequence[str] = (), staged: dict[Path, Path] | None = None) -> Project:
    """Read and validate everything under `content`; raise ContentError listing every problem.

    Given `brands` or `leaflets` (file names or leaflet ids), only those are loaded and checked,
    with the therapy leaflets a chosen overview compares, the glossary and the settings: a
    problem in another clinic's brand or another leaflet does not stop this one. An unknown
    name is a UsageError. `staged` maps a translation file to a file read in its place (what an
    import would write, checked before it replaces anything).
    """
    root = root.resolve()
    content = (content or root / "content").resolve()
    if not content.is_dir():
        raise ContentError([Problem(str(content), 1, 1, "(folder)", "content folder not found",
                                    "pass --content DIR or run from the project folder")])
    links = links_in_content(root, content, brands)
    if links:  # refused before any file is read, so nothing a link points at is read or echoed
        raise ContentError(links)
    problems: list[Problem] = odd_names(root, content, brands)
    warnings: list[Problem] = []
    settings = _load_settings(root, content / SETTINGS_FILE, problems)
    glossary = _load_glossary(root, content, problems)
    glossary_docs = [glossary[0]] if glossary else []
    all_docs, file_problems = read_leaflet_files(root, content, problems)
    chosen = chosen_leaflets(all_docs, leaflets, file_problems)
    docs = {slug: doc for slug, doc in all_docs.items() if slug in chosen}
    problems.extend(p for slug in chosen for p in file_problems.get(slug, []))
    loaded = validate_leaflets(content, docs, problems)
    for leaflet in loaded.values():
        errors, found = citation_problems(leaflet.doc, leaflet.model)
        problems.extend(errors)
        warnings.extend(found)
    check_overviews(all_docs, loaded, problems)
    check_languages(root, loaded, problems)
    resolved, brand_docs = load_brands(root, content, problems, brands)
    check_characters(loaded, resolved, glossary_docs, problems)
    _check_services(loaded, resolved, problems)
    known = languages.load(root)
    problems.extend(known.broken.get(i18n.SOURCE, []))  # English's file: every leaflet needs it
    broken = {code: trouble for code, trouble in known.broken.items()
              if code != i18n.SOURCE and code in i18n.available(root)}
    translated, glossaries = load_translations(root, content, loaded, set(all_docs),
                                               glossary[1] if glossary else None, problems, staged or {},
                                               skipped=frozenset(broken))
    check_translated_characters(root, translated, glossaries, resolved, problems)
    check_language_letters(root, [i18n.SOURCE, *sorted({lang for lang, _ in translated} | set(glossaries))],
                           resolved, problems)
    check_language_names(root, resolved, problems)
    _check_parameters(loaded, translated, resolved, problems)
    approvals = load_approvals(root, resolved, problems)
    if problems:
        raise ContentError(problems)
    lost: list[Problem] = []
    for doc in [*(d for d in docs.values() if d), *brand_docs, *glossary_docs]:
        for problem, plainly in doc.comments:
            (warnings if plainly else lost).append(problem)
    return Project(root, content, resolved, loaded, settings, sorted(warnings),
                   glossary[1] if glossary else None, translated, glossaries, sorted(lost),
                   broken_languages=broken, approvals=approvals)


def _load_settings(root: Path, path: Path, problems: list[Problem]) -> Settings:
    """content/settings.yaml is optional; every setting has a default."""
    if not path.exists():
        return Settings()
    return load_model(path, display_path(path, root), Settings, problems)[1] or Settings()


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


def _check_services(leaflets: dict[str, Leaflet], brands: dict[str, ResolvedBrand],
                    problems: list[Problem]) -> None:
    """Every brand can print every number every leaflet's urgent box tells patients to call."""
    for leaflet in leaflets.values():
        problems.extend(tier_problems(leaflet.doc, leaflet.model))
        for brand in brands.values():
            problems.extend(service_problems(leaflet.doc, leaflet.model, brand.slug, brand.doc,
                                             brand.model.meta.services))


def _check_parameters(leaflets: dict[str, Leaflet], translated: dict[tuple[str, str], Leaflet],
                      brands: dict[str, ResolvedBrand], problems: list[Problem]) -> None:
    """Every brand gives every clinic's value every leaflet prints, and each translation prints the
    same values as its English."""
    given = [BrandParameters(brand.slug, brand.doc, brand.model.meta) for brand in brands.values()]
    for leaflet in leaflets.values():
        problems.extend(parameter_problems(leaflet.doc, given))
    for leaflet in translated.values():
        translation = leaflet.translation
        if leaflet.english is None or translation is None:
            continue
        current = {path for path in translation.sources if translation.current(path) is not None}
        problems.extend(translated_parameter_problems(leaflet.doc, leaflet.english.doc, current, given))
