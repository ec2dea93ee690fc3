"""`build.py approve LEAFLET --brand B --language L --by NAME --role ROLE`: record that a clinic's
patient-information group approved a leaflet in one language, exactly as that clinic prints it.

The only way an approval is recorded (content/brands/<brand>/approvals.yaml, see
leaflets/model/approvals.py): the entry carries the fingerprint of what was approved, so any later
change to the leaflet, the brand file or the glossary entries it shows makes the PDF a draft again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import ContentError, UsageError
from .messages import warn
from .options import Options

if TYPE_CHECKING:
    from ..model.leaflets import Leaflet
    from ..model.project import Project


def _leaflet(project: Project, name: str, language: str) -> Leaflet:
    """The leaflet named (by file name or id) in `language`: English, or a translation there is a file for."""
    from ..model.translations import FOLDER
    from ..sources.i18n import SOURCE, check_language, language_name
    check_language(ROOT, language)
    by_id = {leaflet.model.document.id: leaflet for leaflet in project.leaflets.values()}
    english = project.leaflets.get(name) or by_id[name]  # load_project refused any other name
    if language == SOURCE:
        return english
    translated = project.translations.get((language, english.slug))
    if translated is None:
        path = project.content / FOLDER / language / f"{english.slug}.yaml"
        raise UsageError(f"there is no {language_name(language)} translation of {english.slug} to approve "
                         f"({path} does not exist); choose another --language, or import its translation first")
    return translated


def _name(value: str | None, option: str, who: str) -> str:
    name = (value or "").strip()
    if not name:
        raise UsageError(f"say {who}: {option} 'NAME'")
    return name


def approve(options: Options) -> None:
    """Record the approval, with the fingerprint of what the brand's PDF in that language prints."""
    from pydantic import ValidationError

    from ..model.approvals import Confirmation, approval
    from ..model.printed import LEAFLET, printed_parts
    from ..model.project import load_project
    from ..model.review import RELEASED_CHANGED, approval_reasons, why_draft
    from ..outputs.write import atomic_write
    from ..sources.yamlsource import dotted
    if len(options.brands) != 1:
        raise UsageError("name the clinic whose group approved it: --brand NAME (one brand; each approves its own)")
    if options.signs_on is not None and options.signs_by is None:
        raise UsageError("--signs-confirmed-on needs --signs-confirmed-by NAME: say who confirmed the urgent signs")
    by = _name(options.approved_by, "--by", "who approved it")
    role = _name(options.role, "--role", "their role (for example 'Consultant neurologist')")
    project = load_project(ROOT, options.content_dir, options.brands, (options.leaflet,))
    brand = project.brands[options.brands[0]]
    leaflet = _leaflet(project, options.leaflet, options.language)
    on = options.approved_on or options.today
    released = [reason.problem() for reason in approval_reasons(project, leaflet, brand, on)
                if getattr(reason, "message", None) == RELEASED_CHANGED]
    if released:  # a released version's words are the approved ones: new words need a new version number
        raise ContentError(released)
    printed = printed_parts(project, leaflet, brand)
    parts = {key: part.digest for key, part in printed.items()}
    shown = [dotted(part.path) for part in printed.values()
             if part.key.startswith(LEAFLET) and part.path[:1] == ("urgent",) and "signs" in part.path]
    try:
        signs = (Confirmation(by=options.signs_by.strip(), on=options.signs_on or on, signs=shown)
                 if options.signs_by is not None else None)
        entry = approval(leaflet.slug, leaflet.language, leaflet.model.document.version, by, role, on, parts, signs)
    except ValidationError as exc:  # a name with characters the file cannot hold
        error = exc.errors()[0]
        raise UsageError(f"{'.'.join(map(str, error['loc']))} cannot be recorded ({error['msg']})") from None
    approvals = project.approvals[brand.slug]
    atomic_write(approvals.path, approvals.recorded(entry).encode("utf-8"))
    click.echo(f"recorded in {approvals.display}: {leaflet.slug} ({leaflet.language}) version {entry.version} for "
               f"{brand.slug}, approved by {by} ({role}) on {on.isoformat()}"
               + (f", urgent signs confirmed by {signs.by} on {signs.on.isoformat()}" if signs else "")
               + f"; fingerprint {entry.fingerprint}")
    now = load_project(ROOT, options.content_dir, options.brands, (options.leaflet,))
    for reason in why_draft(now, _leaflet(now, options.leaflet, options.language), options.today,
                            now.brands[brand.slug]):
        warn(reason.problem())  # it is approved, and still a draft for this reason
