"""Turn a planned job into everything its PDF is made from (its HTML, rendered once, CSS and files),
whose hash is the PDF's cache key, and render that into the finished PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import weasyprint
from jinja2 import Environment

from .. import __version__
from ..errors import BrokenPromise, RenderError
from ..model.plan import Job, decide
from ..model.project import Project
from ..model.running_header import header_css
from ..model.variants import BOOKLET
from ..sources import fonts
from ..sources.i18n import N_, direction, tag, translations
from .band import draft_band_css, draft_band_text
from .bilingual import STARTS_CSS, bilingual_html, part_page, part_page_css, starts_note
from .booklet import impose
from .caches import file_digest
from .html import LANGUAGE, brand_css, page_label_css, render_html, resources
from .languages_shown import leaflet_languages
from .pdf import RenderedPdf, collector_paused, render_pdf
from .postprocess import finish, stamp
from .printcolour import PROFILE, Cmyk, brand_cmyk, profile_bytes
from .printshop import for_print
from .promises import Part, Promises, keep, postscript_name
from .urgent_fit import WHOLE, UrgentFit, UrgentLayout, candidates, each_layout

STARTS = N_("The English version starts on page %(page)s")


@dataclass(frozen=True)
class RenderInput:
    """Everything one PDF is made from; its hash is the PDF's cache key."""

    label: str
    documents: tuple[tuple[str, ...], ...]  # per language part, its HTML in each of its urgent box layouts
    stylesheets: tuple[Path, ...]
    css: str
    roots: tuple[Path, ...]
    resources: dict[str, bytes]
    options: dict
    booklet: bool
    files: tuple[Path, ...]  # read while rendering: the brand's logo and fonts (and a print profile)
    print_shop: bool = False  # PDF/X-4 in CMYK (leaflets/render/printshop.py)
    crop_marks: bool = False
    cmyk: tuple[tuple[tuple[int, int, int], Cmyk], ...] = ()  # the brand's own CMYK values
    layouts: tuple[tuple[UrgentLayout, ...], ...] = ()  # the urgent box layouts of `documents`
    subject: str = ""  # the leaflet, brand, language and variant, in words
    promises: Promises | None = None  # what the built PDF must keep (leaflets/render/promises.py)
    note: str = ""  # a bilingual PDF's first page: where the English starts (leaflets/render/bilingual.py)
    fingerprints: tuple[tuple[str, str], ...] = ()  # (language, fingerprint) of each part, for the metadata

    @property
    def html(self) -> str:
        """The PDF's HTML with every urgent box where the text puts it (the first layout tried)."""
        return self.fit().html()

    def fit(self) -> UrgentFit:
        """The choice of urgent box layouts; a document with no urgent box has the one layout."""
        layouts = self.layouts or tuple((WHOLE,) for _ in self.documents)
        combined = partial(bilingual_html, note=self.note)
        return UrgentFit(self.subject, layouts, self.documents, combined if len(self.documents) > 1 else first)

    def cache_key(self) -> str:
        digest = hashlib.sha256()
        for part in (__version__, weasyprint.__version__, *each_layout(self.fit()), repr(self.layouts), self.css,
                     repr(sorted(self.options.items())),
                     str(self.booklet), str(self.print_shop), str(self.crop_marks), repr(self.cmyk),
                     repr(self.fingerprints)):
            digest.update(part.encode("utf-8") + b"\0")
        for path in (*self.stylesheets, *self.files):
            digest.update(file_digest(path).encode("ascii") + b"\0")
        for url, data in sorted(self.resources.items()):
            digest.update(url.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def prepare(project: Project, job: Job, env: Environment | None = None) -> RenderInput:
    """The HTML, CSS and files for one decided job (model/plan.py): cheap, so it is done even for
    PDFs that are up to date, and done once: the same HTML gives the cache key and the PDF."""
    if job.decided_on is None:
        raise ValueError(f"{job.label}: decide the job (leaflets.model.plan.decide) before preparing it")
    styles = project.root / "styles"
    language = job.leaflet.language
    css = (job.variant.page_css + header_css(job.variant, direction(language, project.root))
           + brand_css(job.brand, project.root, language, job.variant.min_text_pt))
    if job.draft:
        css += draft_band_css(job.variant, draft_band_text(translations(project.root, language).gettext))
    files_in_memory = resources(job.leaflet, job.brand, job.variant)
    layouts = tuple(candidates(len(part.model.urgent.tiers), bool(reasons))
                    for part, reasons in zip(job.documents, job.reasons, strict=True))
    documents = tuple(tuple(render_html(project, part, job.brand, job.decided_on, env, job.variant, reasons=reasons,
                                        urgent=layout) for layout in tried)
                      for part, reasons, tried in zip(job.documents, job.reasons, layouts, strict=True))
    note = ""
    if job.parts:
        note = starts_note([(tag(part.language), direction(part.language, project.root),
                             translations(project.root, part.language).gettext(STARTS))
                            for part in job.parts])
        css += STARTS_CSS
        for number, part in enumerate(job.parts[1:], 2):
            gettext = translations(project.root, part.language).gettext
            band = draft_band_css(job.variant, draft_band_text(gettext), part_page(number)) if job.draft else ""
            css += part_page_css(number, page_label_css(gettext, direction(part.language, project.root),
                                                        job.variant.min_text_pt), band)
    print_shop = job.variant.profile == "print"
    files = (job.brand.logo, *(face.path for face in job.brand.fonts),
             *fonts.paths(project.root, language))
    cmyk: tuple = ()
    if print_shop:
        profile_bytes()  # says how to make the profile if it is missing
        files += (PROFILE,)
        brand = job.brand
        cmyk = tuple(sorted(brand_cmyk(brand.model.color.palette, brand.colours,
                                       dict(brand.model.defaults.leaflets.cmyk)).items()))
    return RenderInput(
        job.label, documents,
        (styles / "leaflet.css", *(styles / name for name in job.variant.stylesheets),
         *([styles / "rtl.css"] if direction(language, project.root) == "rtl" else [])),
        css, project.asset_roots(job.brand),
        files_in_memory, job.variant.pdf_options, job.variant.profile == BOOKLET,
        files, print_shop, job.variant.crop_marks, cmyk, layouts, subject(job), promises(project, job, files), note,
        tuple(zip(job.languages, job.fingerprints, strict=True)))


def shown_languages(project: Project, job: Job) -> tuple[str, ...]:
    """Every language the PDF's documents name (in that language): their fonts come with the PDF."""
    return tuple(dict.fromkeys(lang for part in job.documents for lang in leaflet_languages(project, part)))


def promises(project: Project, job: Job, fonts_used: tuple[Path, ...]) -> Promises:
    """What this job's PDF promises: its urgent boxes, numbers, fonts, languages and draft marking."""
    services = job.brand.model.meta.services
    parts = tuple(Part(tag(part.language), direction(part.language, project.root) == "rtl",
                       tuple(tuple(services[key].phone for key in tier.call) for tier in part.model.urgent.tiers),
                       draft_band_text(translations(project.root, part.language).gettext))
                  for part in job.documents)
    phones = (*(phone for part in parts for tier in part.tiers for phone in tier), job.brand.model.meta.contact.phone)
    shipped = {*fonts_used, *(path for part in job.documents for path in fonts.paths(project.root, part.language))}
    names = (postscript_name(path) for path in sorted(shipped) if path.suffix.lower() != ".icc")
    return Promises(subject(job), parts, phones, frozenset(name for name in names if name),
                    frozenset({LANGUAGE, *(tag(lang) for lang in shown_languages(project, job))}), job.draft)


def subject(job: Job) -> str:
    """'leaflet hsct for brand riverside, in ur, email A4 large print': what a message about one PDF names."""
    variant = job.variant
    size = " large print" if variant.large_print else " standard print"
    return (f"leaflet {job.leaflet.slug} for brand {job.brand.slug}, in {'+'.join(job.languages)}, "
            f"{variant.profile} {variant.paper.upper()}{size}")


def first(documents: list[str]) -> str:
    """The one document of a PDF in one language."""
    return documents[0]


def render_input(given: RenderInput, root: Path) -> RenderedPdf:
    """Lay out one prepared PDF (the slow part), imposing it if it is a booklet."""
    with collector_paused():
        return _render_input(given, root)


def _render_input(given: RenderInput, root: Path) -> RenderedPdf:
    try:
        fit = given.fit()
        pdf = render_pdf(fit.html(), root, list(given.stylesheets), given.css, given.roots, given.resources,
                         given.options, fit if given.layouts else None)
    except BrokenPromise:
        raise
    except RenderError as exc:
        raise RenderError(f"{given.label}: {exc}") from exc
    if given.print_shop:
        tagged = pdf.data
        pdf = RenderedPdf(for_print(pdf.data, profile_bytes(), dict(given.cmyk), given.crop_marks), pdf.pages)
    else:
        pdf = RenderedPdf(finish(pdf.data), pdf.pages)
        tagged = pdf.data
    if given.booklet:
        pdf = RenderedPdf(impose(pdf.data), -(-pdf.pages // 4) * 2)
    if given.fingerprints:
        pdf = RenderedPdf(stamp(pdf.data, dict(given.fingerprints)), pdf.pages)
    if given.promises is not None:
        keep(tagged, pdf.data, given.promises)
    return pdf


def render_job(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderedPdf:
    """One PDF in memory, decided as of `today`."""
    return render_input(prepare(project, decide(project, job, today), env), project.root)
