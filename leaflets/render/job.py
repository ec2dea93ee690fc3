"""Turn a planned job into everything its PDF is made from (its HTML, rendered once, CSS and files),
whose hash is the PDF's cache key, and render that into the finished PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from jinja2 import Environment

from .. import __version__
from ..errors import RenderError
from ..model.plan import Job, decide
from ..model.project import Project
from ..model.running_header import header_css
from ..model.variants import BOOKLET
from ..sources import fonts
from ..sources.i18n import direction, translations
from .bilingual import bilingual_html, part_band_url, part_page_css
from .booklet import impose
from .caches import file_digest
from .html import band_family, brand_css, draft_band_svg, draft_band_text, page_label_css, render_html, resources
from .pdf import RenderedPdf, collector_paused, render_pdf
from .postprocess import finish
from .printcolour import PROFILE, Cmyk, brand_cmyk, profile_bytes
from .printshop import for_print


@dataclass(frozen=True)
class RenderInput:
    """Everything one PDF is made from; its hash is the PDF's cache key."""

    label: str
    html: str
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

    def cache_key(self) -> str:
        digest = hashlib.sha256()
        for part in (__version__, weasyprint.__version__, self.html, self.css, repr(sorted(self.options.items())),
                     str(self.booklet), str(self.print_shop), str(self.crop_marks), repr(self.cmyk)):
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
    css = (job.variant.page_css + header_css(job.variant, direction(language))
           + brand_css(job.brand, project.root, language, job.variant.min_text_pt))
    files_in_memory = resources(job.leaflet, job.brand, job.variant,
                                draft_band_text(translations(project.root, language).gettext))
    pages = [render_html(project, part, job.brand, job.decided_on, env, job.variant, reasons=reasons)
             for part, reasons in zip(job.documents, job.reasons, strict=True)]
    if job.parts:
        html = bilingual_html(pages)
        for number, part in enumerate(job.parts[1:], 2):
            gettext = translations(project.root, part.language).gettext
            band = part_band_url(number)
            files_in_memory[band] = draft_band_svg(job.variant, band_family(job.brand, part.language),
                                                   draft_band_text(gettext))
            css += part_page_css(number, page_label_css(gettext, direction(part.language), job.variant.min_text_pt),
                                 band if job.draft else None)
    else:
        html = pages[0]
    print_shop = job.variant.profile == "print"
    files = (job.brand.logo, *(face.path for face in job.brand.fonts), *fonts.paths(project.root, language))
    cmyk: tuple = ()
    if print_shop:
        profile_bytes()  # says how to make the profile if it is missing
        files += (PROFILE,)
        brand = job.brand
        cmyk = tuple(sorted(brand_cmyk(brand.model.color.palette, brand.colours,
                                       dict(brand.model.defaults.leaflets.cmyk)).items()))
    return RenderInput(
        job.label, html,
        (styles / "leaflet.css", *(styles / name for name in job.variant.stylesheets),
         *([styles / "rtl.css"] if direction(language) == "rtl" else [])),
        css, project.asset_roots(job.brand),
        files_in_memory, job.variant.pdf_options, job.variant.profile == BOOKLET,
        files, print_shop, job.variant.crop_marks, cmyk)


def render_input(given: RenderInput, root: Path) -> RenderedPdf:
    """Lay out one prepared PDF (the slow part), imposing it if it is a booklet."""
    with collector_paused():
        return _render_input(given, root)


def _render_input(given: RenderInput, root: Path) -> RenderedPdf:
    try:
        pdf = render_pdf(given.html, root, list(given.stylesheets), given.css, given.roots, given.resources,
                         given.options)
    except RenderError as exc:
        raise RenderError(f"{given.label}: {exc}") from exc
    if given.print_shop:
        pdf = RenderedPdf(for_print(pdf.data, profile_bytes(), dict(given.cmyk), given.crop_marks), pdf.pages)
    else:
        pdf = RenderedPdf(finish(pdf.data), pdf.pages)
    if given.booklet:
        pdf = RenderedPdf(impose(pdf.data), -(-pdf.pages // 4) * 2)
    return pdf


def render_job(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderedPdf:
    """One PDF in memory, decided as of `today`."""
    return render_input(prepare(project, decide(project, job, today), env), project.root)
