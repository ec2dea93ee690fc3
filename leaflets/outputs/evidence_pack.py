"""The evidence pack a sign-off lead signs from, one per leaflet, brand and language: everything the
patient reads in print order beside its sources, the urgent box as the brand prints it with a place
for the unit to confirm each sign, a picture of every page of the PDF with the urgent box outlined,
the reading level (only where the language has a formula), document control, draft reasons, what
changed since the last release, the fingerprint of what is signed, and a sign-off block.

The pack is a tagged PDF: review/<brand>/<leaflet>.<language>.evidence.pdf, beside the PDFs it
pictures (review/<brand>/<leaflet>.<language>.<variant>.pdf)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..model.archive import latest
from ..model.citations import reference_html
from ..model.leaflets import Leaflet
from ..model.plan import Job
from ..model.printed import approval_fingerprint, printed_texts
from ..model.project import Project
from ..model.readability import has_formula, score, translation_line
from ..model.reading_order import (
    Confirmation,
    about_rows,
    contact_rows,
    parts,
    term_rows,
    urgent_intro,
    urgent_tiers,
)
from ..model.review import current_approval, draft_reasons
from ..model.table import CELLS, comparison
from ..model.text import plain_blocks
from ..render.html import environment, long_date, online_url
from ..render.page_boxes import render_with_boxes
from ..render.pdf import PDF_OPTIONS, render_pdf
from ..sources import fonts, i18n
from .archive import changes
from .page_pictures import page_pictures
from .write import atomic_write

TEMPLATE = "evidence-pack.html.j2"
STYLESHEET = "evidence-pack.css"
PICTURE_URL = "pack:{pdf}-page-{page}.jpg"
TABLE_LABELS = {"what": "What it is", "who": "Who it is for", "how_long": "How long it takes",
                "main_risks": "Main risks"}  # the overview's row labels (templates/overview.html.j2)


@dataclass(frozen=True)
class SignOff:
    """What the signed pack ties to: the fingerprint it prints (and its name), and the unit's
    confirmation of each urgent sign by sign id (model/reading_order.py sign_id): who and when."""

    fingerprint: str
    label: str = "Approval fingerprint"
    confirmed: Mapping[str, Confirmation] = field(default_factory=dict)


def approval_sign_off(project: Project, job: Job) -> SignOff:
    """The default sign-off: the fingerprint of what this leaflet prints for this brand in its language
    (the one an approval records and each PDF carries in its metadata), with the unit's confirmation
    of each urgent sign where the brand's newest approval of it records one."""
    leaflet, brand = job.leaflet, job.brand
    approvals = project.approvals.get(brand.slug)
    latest_approval = approvals.latest(leaflet.slug, leaflet.language) if approvals is not None else None
    signs = latest_approval[1].signs_confirmed if latest_approval is not None else None
    confirmed = {sign: (signs.by, signs.on.isoformat()) for sign in signs.signs} if signs is not None else {}
    return SignOff(approval_fingerprint(project, leaflet, brand), "Approval fingerprint", confirmed)


@dataclass(frozen=True)
class Pictured:
    """One PDF of the leaflet as the pack shows it: its file name, its SHA-256 and its pages as pictures."""

    name: str
    title: str
    sha256: str
    urls: tuple[str, ...]


def reading_level(project: Project, leaflet: Leaflet) -> dict:
    """The reading scores, only with a formula made for the leaflet's language: English's Flesch,
    Flesch-Kincaid and SMOG, another language's own formula, or a plain statement that there is none."""
    language = leaflet.language
    if language == i18n.SOURCE:
        quoted = [project.leaflets[slug] for slug in getattr(leaflet.model, "therapies", [])]
        found = score(leaflet, quoted)
        return {"english": found, "misses": found.misses(project.settings.reading_level)}
    if has_formula(project.root, language):
        return {"other": translation_line(leaflet, project.root).split(")", 1)[1].strip()}
    return {"none": f"No readability formula for {i18n.language_name(language, project.root)}: the English formulas "
                    "do not measure this language, so no score is given. Have the translation read by "
                    "someone who reads the language."}


def table_rows(project: Project, leaflet: Leaflet,
               gettext: Callable[[str], str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The overview's comparison table as printed: its column names, and each row's label and cells."""
    columns = comparison(project, leaflet)
    names = [column.at_a_glance.name for column in columns]
    rows = [(gettext(TABLE_LABELS[cell]), [" ".join(plain_blocks(getattr(column.at_a_glance, cell)))
                                           for column in columns])
            for cell in CELLS if cell in TABLE_LABELS]
    return names, rows


def render_html(project: Project, job: Job, today: dt.date, pictured: list[Pictured], sign_off: SignOff) -> str:
    """The evidence pack as one HTML document (its pictures are served from memory when it is rendered)."""
    leaflet, brand = job.leaflet, job.brand
    language = leaflet.language
    gettext = i18n.translations(project.root, language).gettext
    english = leaflet.original
    release = latest(project.content, brand.slug, english.slug, language)
    env = environment(project.root / "templates")
    env.filters["reference"] = reference_html
    found = parts(leaflet)
    columns, rows = table_rows(project, leaflet, gettext)
    return env.get_template(TEMPLATE).render(
        leaflet=leaflet, document=leaflet.model.document, brand=brand, language=language,
        language_name=i18n.language_name(language), lang=i18n.tag(language), dir=i18n.direction(language),
        parts=found, urgent_intro=urgent_intro(leaflet),
        tiers=urgent_tiers(leaflet, brand, sign_off.confirmed), table_columns=columns, table_rows=rows,
        terms=term_rows(project.words_to_know(leaflet)), contact=contact_rows(brand, language, gettext,
                                                                             english.model.document.id),
        about=about_rows(leaflet, brand, gettext, online_url(leaflet, brand),
                         current_approval(project, leaflet, brand, today)),
        references={ref.key: ref for ref in leaflet.model.references},
        cited={key for part in found for claim in part.claims for key in (*claim.keys, *claim.lead_in)},
        reading=reading_level(project, leaflet), target=project.settings.reading_level,
        release=release, changes=changes(release["fields"], printed_texts(project, leaflet, brand)) if release else [],
        draft_reasons=draft_reasons(project, leaflet, today, brand=brand), today=today, long_date=long_date,
        pictured=pictured, sign_off=sign_off)


def pictured_title(job: Job) -> str:
    """"Standard print", or "Welsh and English, large print" for a bilingual PDF."""
    size = "large print" if job.variant.large_print else "standard print"
    if not job.parts:
        return size.capitalize()
    return f"{' and '.join(i18n.language_name(language) for language in job.languages)}, {size}"


def write_pack(project: Project, jobs: list[Job], out_dir: Path, today: dt.date,
               sign_off: SignOff | None = None) -> list[Path]:
    """The pack for one leaflet, brand and language, and the PDFs it pictures (`jobs`: its variants,
    and those of the bilingual PDF it is the first part of), in out_dir/<brand>/. Returns the paths
    written, the pack first. Its fingerprint is by default the approval's (approval_sign_off)."""
    jobs = sorted(jobs, key=lambda job: (bool(job.parts), job.variant.large_print))
    job = jobs[0]
    leaflet = job.leaflet
    stem = f"{leaflet.slug}.{leaflet.language}"
    folder = out_dir / job.brand.slug
    written, pictured, resources = [], [], {}
    for pdf_job in jobs:
        paged = render_with_boxes(project, pdf_job, today)
        name = f"{leaflet.slug}.{'-'.join(pdf_job.languages)}.{pdf_job.variant.name}"
        atomic_write(folder / f"{name}.pdf", paged.pdf.data)
        written.append(folder / f"{name}.pdf")
        urls = []
        for number, picture in enumerate(page_pictures(paged.pdf.data, paged.urgent), 1):
            url = PICTURE_URL.format(pdf=name, page=number)
            resources[url] = picture
            urls.append(url)
        pictured.append(Pictured(f"{name}.pdf", pictured_title(pdf_job), hashlib.sha256(paged.pdf.data).hexdigest(),
                                 tuple(urls)))
    html = render_html(project, job, today, pictured, sign_off or approval_sign_off(project, job))
    families = "".join(f'"{family}", ' for family in fonts.families(project.root, leaflet.language))
    css = fonts.font_face_css(project.root, leaflet.language) + f"body {{ font-family: {families}sans-serif; }}\n"
    styles = project.root / "styles"
    pack = render_pdf(html, project.root, [styles / STYLESHEET], css, (styles, project.root / fonts.FOLDER),
                      resources, PDF_OPTIONS)
    target = folder / f"{stem}.evidence.pdf"
    atomic_write(target, pack.data)
    return [target, *written]
