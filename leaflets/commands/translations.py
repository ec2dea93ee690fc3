"""`build.py translations export|import|record-check|status`: translations handed to a translator as
gettext PO files and taken back (leaflets/model/exchange.py), a qualified translator's check
recorded, and what makes each one a draft."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import ContentError, Problem, UsageError
from .messages import count
from .options import Options

if TYPE_CHECKING:
    from ..model.project import Project
    from ..model.translations import Translation
    from ..sources.yamlsource import FieldPath


def _target(project: Project, language: str,
            leaflet: str) -> tuple[str, dict[FieldPath, str], Path, Translation | None, str]:
    """The English file's name, its fields, the file and existing translation of one leaflet (or
    the glossary), and the English version ('' for the glossary, which has none)."""
    from ..model.plan import plan
    from ..model.translated import given_in
    from ..model.translations import FOLDER as TRANSLATIONS
    from ..model.translations import GLOSSARY, glossary_sources, leaflet_sources, overview_quoted
    from ..sources.i18n import check_language
    check_language(ROOT, language)
    if leaflet == GLOSSARY:
        if project.glossary is None:
            raise UsageError("there is no content/glossary.yaml to translate")
        sources = glossary_sources(project.glossary.model_dump(mode="json"))
        existing = project.glossaries.get(language)
        english, version = "glossary.yaml", ""
    else:
        slug = plan(project, (next(iter(project.brands)),), (leaflet,))[0].leaflet.slug
        english_leaflet = project.leaflets[slug]
        quoted = overview_quoted(english_leaflet.model, project.leaflets, given_in(project.translations, language))
        sources = leaflet_sources(english_leaflet.doc.data, quoted)
        found = project.translations.get((language, slug))
        existing = found.translation if found else None
        english, leaflet = english_leaflet.source.name, slug
        version = english_leaflet.model.document.version
    path = project.content / TRANSLATIONS / language / f"{leaflet}.yaml"
    return english, sources, path, existing, version


def export(options: Options) -> None:
    from ..model.exchange import export_po
    from ..model.project import load_project
    from ..outputs.write import atomic_write
    project = load_project(ROOT, options.content_dir)
    _, sources, path, existing, version = _target(project, options.language, options.leaflet)
    target = (options.out or Path.cwd() / f"{path.stem}.{options.language}.po").resolve()
    atomic_write(target, export_po(options.language, path.stem, sources, existing, version))
    click.echo(f"wrote {target}")


def import_(options: Options) -> None:
    """Read a translator's PO file into the translation's YAML. The whole project is loaded with the
    new text in the file's place first; only if it loads is the file replaced, in one step."""
    from ..model.exchange import import_po, merged, message_lines, write_translation
    from ..model.files import display_path
    from ..model.project import load_project
    from ..model.translations import check_state
    from ..outputs.write import atomic_write
    assert options.po_file is not None  # a required argument of the command
    project = load_project(ROOT, options.content_dir)
    english, sources, path, existing, _ = _target(project, options.language, options.leaflet)
    model, problems = import_po(options.po_file.read_bytes(), str(options.po_file))
    if problems or model is None:
        raise ContentError(problems)
    model = merged(existing.model if existing else None, model, sources)
    text = write_translation(model, options.language, english).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="leaflets-import-") as folder:
        staged = Path(folder) / path.name
        staged.write_bytes(text)
        try:
            load_project(ROOT, options.content_dir, staged={path: staged})
        except ContentError as exc:  # named at the PO file's messages: the YAML was not written
            lines = message_lines(options.po_file.read_bytes())
            raise ContentError([_in_po(p, display_path(path, ROOT), str(options.po_file), lines)
                                for p in exc.problems]) from None
    atomic_write(path, text)
    click.echo(f"wrote {path} ({count(len(model.fields), 'field')}, {_state(check_state(model, sources))})")


def _in_po(problem: Problem, display: str, po: str, lines: dict[str, int]) -> Problem:
    """A problem with the would-be translation, placed at the PO message it came from."""
    key = problem.field.removeprefix("fields.").removesuffix(".text")
    if problem.file != display or key not in lines:
        return problem
    return Problem(po, lines[key], 1, key, problem.message, f"correct the msgstr; {problem.hint}" if problem.hint
                   else "correct the msgstr")


def record_check(options: Options) -> None:
    """Record that a qualified translator checked a translation against the English as it is now:
    the only way a translation becomes checked, and only while neither changes."""
    from pydantic import ValidationError

    from ..model.exchange import write_translation
    from ..model.project import load_project
    from ..model.translations import recorded
    from ..outputs.write import atomic_write
    project = load_project(ROOT, options.content_dir)
    english, sources, path, existing, _ = _target(project, options.language, options.leaflet)
    if existing is None:
        raise UsageError(f"there is no translation {path} to check; import the translator's PO file first")
    stale = _not_current(existing, sources)
    if stale:
        raise ContentError(stale)
    by = (options.checked_by or "").strip()
    if not by:
        raise UsageError("say who checked it: --by 'NAME' (the qualified translator)")
    try:
        model = recorded(existing.model, sources, by, options.checked_on or options.today)
    except ValidationError as exc:  # a name with characters a leaflet cannot hold
        raise UsageError(f"--by is not a name the file can record ({exc.errors()[0]['msg']})") from None
    atomic_write(path, write_translation(model, options.language, english).encode("utf-8"))
    click.echo(f"wrote {path} (checked by {by} on {model.check.on if model.check else ''})")


def _not_current(translation: Translation, sources: dict[FieldPath, str]) -> list[Problem]:
    """Each field of the English not translated from its present text (untranslated or out of date):
    a check cannot be recorded for text the translator has not brought up to date."""
    from ..model.translations import source_hash
    from ..sources.yamlsource import dotted
    fields, found = translation.model.fields, []
    hint = "have the translator bring it up to date, import their PO file, then record the check"
    for path, text in sources.items():
        key = dotted(path)
        if key not in fields:
            found.append(translation.doc.problem(("fields",), f"{key} is not translated yet", hint))
        elif fields[key].source != source_hash(text):
            found.append(translation.doc.problem(("fields", key, "source"), "was translated from older English", hint))
    return found


STATES = {"checked": "checked", "unchecked": "unchecked",
          "english": "unchecked: the English changed after it was checked",
          "text": "unchecked: the translation changed after it was checked"}


def _state(state: str) -> str:
    return STATES[state]


def status(options: Options) -> None:
    """Every translation: checked or not, and each reason it is a draft, its own file's and those of
    its language's message catalog and glossary (a brand's missing wording is shown by `check`)."""
    from ..model.project import load_project
    from ..model.review import language_reasons, translation_reasons
    from ..model.translations import check_state
    project = load_project(ROOT, options.content_dir)
    for (language, slug), leaflet in sorted(project.translations.items()):
        translation = leaflet.translation
        if translation is None:  # every leaflet in project.translations has one
            continue
        problems = ([reason.problem("") for reason in translation_reasons(project, leaflet)]
                    + [reason.problem() for reason in language_reasons(project, leaflet)])
        click.echo(f"{language} {slug}: {_state(check_state(translation.model, translation.sources))}, "
                   f"{count(len(problems), 'reason')} it is a draft ({translation.display})")
        for problem in problems:
            click.echo(f"  {problem}")
