"""Plan which leaflet x brand x variant to build, render them, and write the results."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import weasyprint
from jinja2 import Environment

from . import __version__
from .booklet import impose
from .errors import RenderError, UsageError
from . import fonts
from .bilingual import bilingual_html, part_page_css
from .html import brand_css, environment, page_label_css, render_html, resources
from .i18n import SOURCE, check_language, direction, translations
from .pdf import RenderedPdf, render_pdf
from .project import Leaflet, Project, ResolvedBrand
from .review import draft_reasons
from .variants import BOOKLET, Variant, variants_for
from .shards import Shard
from .write import MANIFEST, ManifestEntry, atomic_write, read_manifest, sha256, write_manifest

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One PDF: a leaflet (or a translation of one) for a brand in a variant. A bilingual PDF has
    `parts`, its languages in order (Welsh first, then English)."""

    brand: ResolvedBrand
    leaflet: Leaflet
    variant: Variant = Variant()
    parts: tuple[Leaflet, ...] = ()

    @property
    def output(self) -> str:
        return f"{self.label}.pdf"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(part.language for part in self.parts) or (self.leaflet.language,)

    @property
    def label(self) -> str:
        """riverside/ivig-email-a4; riverside/ivig-pl-email-a4; riverside/ivig-cy-en-email-a4."""
        tags = "".join(f"-{lang}" for lang in self.languages) if self.languages != (SOURCE,) else ""
        return f"{self.brand.slug}/{self.leaflet.slug}{tags}-{self.variant.name}"


def plan(project: Project, brands: Sequence[str] = (), leaflets: Sequence[str] = (), profile: str = "email",
         paper: str | None = None, large_print: bool | None = None, crop_marks: bool = False,
         languages: Sequence[str] = ()) -> list[Job]:
    """Every brand x leaflet x language x variant, or the subset named; unknown names are usage
    errors. Each translation is built in its language, and (for the languages settings.bilingual
    names, Welsh by default) also bilingual with the English.

    The paper is the brand's default unless one is given.
    """
    chosen_brands = _choose("brand", brands, project.brands)
    by_id = {lf.model.document.id: slug for slug, lf in project.leaflets.items()}
    wanted = [by_id.get(name, name) for name in leaflets]
    chosen_leaflets = _choose("leaflet", wanted, project.leaflets)
    for language in languages:
        if language not in project.languages():
            check_language(project.root, language)
    chosen_languages = _choose("language", languages, dict.fromkeys(project.languages()))
    documents: list[tuple[Leaflet, tuple[Leaflet, ...]]] = []
    for language in chosen_languages:
        for slug in chosen_leaflets:
            english = project.leaflets[slug]
            if language == SOURCE:
                documents.append((english, ()))
            elif (language, slug) in project.translations:
                translated = project.translations[(language, slug)]
                documents.append((translated, ()))
                if language in project.settings.bilingual:
                    documents.append((translated, (translated, english)))
    jobs = []
    for b in chosen_brands:
        brand = project.brands[b]
        brand_paper = paper or brand.model.defaults.leaflets.paper
        for variant in variants_for(profile, brand_paper, large_print, crop_marks):
            jobs += [Job(brand, leaflet, variant, parts) for leaflet, parts in documents]
    return jobs


def _choose(kind: str, names: Sequence[str], available: dict) -> list[str]:
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"unknown {kind} '{unknown[0]}' (choose from: {', '.join(sorted(available))})")
    return list(dict.fromkeys(names)) if names else (list(available) if kind == "language" else sorted(available))


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
    files: tuple[Path, ...]  # read while rendering: the brand's logo and fonts

    def cache_key(self) -> str:
        digest = hashlib.sha256()
        for part in (__version__, weasyprint.__version__, self.html, self.css, repr(sorted(self.options.items())),
                     str(self.booklet)):
            digest.update(part.encode("utf-8") + b"\0")
        for path in (*self.stylesheets, *self.files):
            digest.update(path.read_bytes() + b"\0")
        for url, data in sorted(self.resources.items()):
            digest.update(url.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def prepare(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderInput:
    """The HTML, CSS and files for one PDF: cheap, so it is done even for PDFs that are up to date."""
    styles = project.root / "styles"
    language = job.leaflet.language
    css = job.variant.page_css + brand_css(job.brand, project.root, language, job.variant.min_text_pt)
    if job.parts:
        html = bilingual_html([render_html(project, part, job.brand, today, env, job.variant) for part in job.parts])
        for number, part in enumerate(job.parts[1:], 2):
            gettext = translations(project.root, part.language).gettext
            css += part_page_css(number, page_label_css(gettext, direction(part.language), job.variant.min_text_pt))
    else:
        html = render_html(project, job.leaflet, job.brand, today, env, job.variant)
    return RenderInput(
        job.label, html,
        (styles / "leaflet.css", *(styles / name for name in job.variant.stylesheets),
         *([styles / "rtl.css"] if direction(language) == "rtl" else [])),
        css, project.asset_roots(job.brand),
        resources(job.leaflet, job.brand, job.variant), job.variant.pdf_options, job.variant.profile == BOOKLET,
        (job.brand.logo, *(face.path for face in job.brand.fonts), *fonts.paths(project.root, language)))


def render_input(given: RenderInput, root: Path) -> RenderedPdf:
    """Lay out one prepared PDF (the slow part), imposing it if it is a booklet."""
    try:
        pdf = render_pdf(given.html, root, list(given.stylesheets), given.css, given.roots, given.resources,
                         given.options)
    except RenderError as exc:
        raise RenderError(f"{given.label}: {exc}") from exc
    if given.booklet:
        pdf = RenderedPdf(impose(pdf.data), -(-pdf.pages // 4) * 2)
    return pdf


def render_job(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderedPdf:
    """One PDF in memory."""
    return render_input(prepare(project, job, today, env), project.root)


def _render_one(given: RenderInput, root: Path) -> RenderedPdf | RenderError:
    try:
        return render_input(given, root)
    except RenderError as exc:
        return exc


def _render_all(inputs: list[RenderInput], root: Path, workers: int) -> Iterator[RenderedPdf | RenderError]:
    """Render in order, in `workers` processes (each keeps WeasyPrint loaded between PDFs)."""
    if workers <= 1 or len(inputs) <= 1:
        yield from (_render_one(given, root) for given in inputs)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(inputs))) as pool:
        yield from pool.map(_render_one, inputs, [root] * len(inputs))


def build(project: Project, jobs: list[Job], out_dir: Path, progress: Progress, today: dt.date,
          force: bool = False, workers: int = 1, shard: Shard | None = None) -> list[ManifestEntry]:
    """Render every job that is not already up to date, in `workers` processes; then write the
    PDFs that rendered, each in one step, and the manifest. Failures are reported together at
    the end; the PDF each one would have replaced stays as it was.

    A PDF is up to date when the manifest records the same cache key (a hash of its HTML, CSS,
    generated images, stylesheets, fonts, logo and software versions) and the file is unchanged.
    The manifest is rewritten (in one step) after each PDF, so if writing stops part-way (a full
    disk, a killed process) it still records exactly what is on disk.
    """
    env = environment(project.root / "templates")
    name, header = (shard.part_name, shard.header) if shard else (MANIFEST, None)
    existing = {} if force else read_manifest(out_dir, name)
    drafts = {job.label: any(draft_reasons(project, part, today) for part in (job.parts or (job.leaflet,)))
              for job in jobs}
    todo: list[tuple[int, Job, RenderInput, str]] = []
    for number, job in enumerate(jobs, 1):
        given = prepare(project, job, today, env)
        key = given.cache_key()
        if existing.get(job.output, {}).get("cache_key") == key:
            progress(f"[{number}/{len(jobs)}] up to date {job.label}")
        else:
            todo.append((number, job, given, key))
    rendered, failures = [], []
    for (number, job, _, key), result in zip(todo, _render_all([t[2] for t in todo], project.root, workers)):
        if isinstance(result, RenderError):
            progress(f"[{number}/{len(jobs)}] failed {job.label}")
            failures.append(str(result))
        else:
            progress(f"[{number}/{len(jobs)}] rendered {job.label}")
            rendered.append((job, key, result))
    entries: list[ManifestEntry] = []
    manifest = read_manifest(out_dir, name)
    for job, key, pdf in rendered:
        target = out_dir / job.output
        try:
            atomic_write(target, pdf.data)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        doc = job.leaflet.model.document
        v = job.variant
        entry = ManifestEntry(job.brand.slug, job.leaflet.slug, doc.id, doc.title, doc.version, doc.status,
                              drafts[job.label], doc.next_review.isoformat(), v.profile, v.paper,
                              v.large_print, job.output, pdf.pages, len(pdf.data), sha256(pdf.data), key,
                              "-".join(job.languages))
        entries.append(entry)
        manifest[entry.path] = asdict(entry)
        write_manifest(out_dir, manifest, name, header)  # after every PDF: a build killed now leaves it true to disk
    if not (out_dir / name).exists():
        write_manifest(out_dir, manifest, name, header)
    fresh = len(jobs) - len(todo)
    if failures:
        raise RenderError(f"{len(failures)} of {len(jobs)} PDFs could not be made (the others were written):\n"
                          + "\n".join(failures))
    if rendered:
        progress(f"rendered {len(rendered)} of {len(jobs)} PDFs ({fresh} already up to date); "
                 f"wrote them and {name} to {out_dir}")
    else:
        progress(f"nothing to render: all {len(jobs)} PDFs in {out_dir} are up to date")
    return entries
