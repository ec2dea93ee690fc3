"""Translated leaflets and glossaries: each file under content/translations/<language>/ loaded, and
checked against the English it translates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..errors import Problem
from ..sources import i18n
from ..sources.yamlsource import dotted
from .citations import citation_problems
from .files import display_path
from .leaflets import Leaflet
from .models import Glossary, LeafletBase, Overview
from .table import table_problems
from .translations import (
    GLOSSARY,
    Translation,
    given_by,
    glossary_sources,
    leaflet_sources,
    load_translation,
    overview_quoted,
    parse_key,
    source_hash,
    translation_files,
)
from .validate import validate


def load_translations(root: Path, content: Path, leaflets: dict[str, Leaflet], all_slugs: set[str],
                      glossary: Glossary | None, problems: list[Problem], staged: dict[Path, Path],
                      skipped: frozenset[str] = frozenset()
                      ) -> tuple[dict[tuple[str, str], Leaflet], dict[str, Translation]]:
    """Every file under content/translations/<language>/, each checked against its English; a
    translation of a leaflet not chosen for this run (see `load_project`) is not loaded. A file in
    `staged` is read from the file it maps to, and named as itself. The `skipped` languages (their
    language.yaml is wrong) are left out: that language's PDFs wait, the others build."""
    translated: dict[tuple[str, str], Leaflet] = {}
    glossaries: dict[str, Translation] = {}
    catalogs = i18n.available(root)
    files = list(translation_files(content))
    files += [(path.parent.name, path.stem, path) for path in staged if path not in {f[2] for f in files}]
    # an overview's table quotes its therapies' translations, so those are loaded first
    files.sort(key=lambda file: isinstance(getattr(leaflets.get(file[1]), "model", None), Overview))
    for language, slug, named in files:
        if language in skipped:
            continue
        display = display_path(named, root)
        path = staged.get(named, named)
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
        given = given_in(translated, language)
        quoted = overview_quoted(english.model, leaflets, given)
        found = load_translation(path, display, language, slug, leaflet_sources(english.doc.data, quoted), problems)
        if found is None:
            continue
        every = overview_quoted(english.model, leaflets)
        found = replace(found, elsewhere=frozenset(dotted(("table", therapy, name)) for therapy, glance in every.items()
                                                   for name in glance if given(therapy, name)))
        if every:
            problems.extend(table_problems(found, every))
        doc = found.document(english.doc.data)
        doc.data["document"]["language"] = language
        model, errors = validate(doc, type(english.model))
        problems.extend(errors)
        if isinstance(model, LeafletBase):
            # a field whose English changed is flagged out of date (a draft); its old citations may
            # name a source the English has since dropped, which is not an error on its own
            stale = _stale_fields(found)
            problems.extend(p for p in citation_problems(doc, model)[0] if p.field not in stale)
            translated[(language, slug)] = Leaflet(slug, named, model, doc, english.diagram, english, found)
    return translated, glossaries


def given_in(translated: dict[tuple[str, str], Leaflet], language: str) -> Callable[[str, str], bool]:
    """Whether a therapy's translation into `language` gives an at-a-glance field as the English is
    now, so that an overview in that language quotes it from there (see `overview_quoted`)."""
    return given_by({slug: leaflet.translation for (lang, slug), leaflet in translated.items()
                     if lang == language and leaflet.translation is not None})


def _stale_fields(translation: Translation) -> set[str]:
    """The translated fields whose English has changed since they were translated."""
    stale = set()
    for key, entry in translation.model.fields.items():
        place = parse_key(key)
        if place is not None and place in translation.sources \
                and entry.source != source_hash(translation.sources[place]):
            stale.add(key)
    return stale
