"""`build.py translations export|import|status`: translations handed to a translator as gettext PO
files and taken back (leaflets/model/exchange.py), and what makes each one a draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import ContentError, UsageError
from .messages import count
from .options import Options

if TYPE_CHECKING:
    from ..model.project import Project
    from ..model.translations import Translation
    from ..sources.yamlsource import FieldPath


def _target(project: Project, language: str,
            leaflet: str) -> tuple[str, dict[FieldPath, str], Path, Translation | None]:
    """The English file's name, its fields, and the file and existing translation of one leaflet
    (or the glossary)."""
    from ..model.plan import plan
    from ..model.translations import FOLDER as TRANSLATIONS
    from ..model.translations import GLOSSARY, glossary_sources, leaflet_sources, overview_quoted
    from ..sources.i18n import check_language
    check_language(ROOT, language)
    if leaflet == GLOSSARY:
        if project.glossary is None:
            raise UsageError("there is no content/glossary.yaml to translate")
        sources = glossary_sources(project.glossary.model_dump(mode="json"))
        existing = project.glossaries.get(language)
        english = "glossary.yaml"
    else:
        slug = plan(project, (next(iter(project.brands)),), (leaflet,))[0].leaflet.slug
        english_leaflet = project.leaflets[slug]
        sources = leaflet_sources(english_leaflet.doc.data, overview_quoted(english_leaflet.model, project.leaflets))
        found = project.translations.get((language, slug))
        existing = found.translation if found else None
        english, leaflet = english_leaflet.source.name, slug
    path = project.content / TRANSLATIONS / language / f"{leaflet}.yaml"
    return english, sources, path, existing


def export(options: Options) -> None:
    from ..model.exchange import export_po
    from ..model.project import load_project
    from ..outputs.write import atomic_write
    project = load_project(ROOT, options.content_dir)
    _, sources, path, existing = _target(project, options.language, options.leaflet)
    target = (options.out or Path.cwd() / f"{path.stem}.{options.language}.po").resolve()
    atomic_write(target, export_po(options.language, path.stem, sources, existing))
    click.echo(f"wrote {target}")


def import_(options: Options) -> None:
    """Read a translator's PO file into the translation's YAML; the file written must load."""
    from ..model.exchange import import_po, merged, write_translation
    from ..model.project import load_project
    from ..outputs.write import atomic_write
    assert options.po_file is not None  # a required argument of the command
    project = load_project(ROOT, options.content_dir)
    english, _, path, existing = _target(project, options.language, options.leaflet)
    model, problems = import_po(options.po_file.read_bytes(), str(options.po_file))
    if problems or model is None:
        raise ContentError(problems)
    model = merged(existing.model if existing else None, model)
    atomic_write(path, write_translation(model, options.language, english).encode("utf-8"))
    load_project(ROOT, options.content_dir)  # say now if the file written does not load
    click.echo(f"wrote {path} ({count(len(model.fields), 'field')}, {model.status})")


def status(options: Options) -> None:
    """Every translation: checked or not, and each reason it is a draft."""
    from ..model.project import load_project
    from ..model.review import translation_reasons
    project = load_project(ROOT, options.content_dir)
    for (language, slug), leaflet in sorted(project.translations.items()):
        translation = leaflet.translation
        if translation is None:  # every leaflet in project.translations has one
            continue
        reasons = translation_reasons(project, leaflet)
        click.echo(f"{language} {slug}: {translation.model.status}, "
                   f"{count(len(reasons), 'reason')} it is a draft ({translation.display})")
        for reason in reasons:
            click.echo(f"  {reason.problem('')}")
