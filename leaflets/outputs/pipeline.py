"""Plan which leaflet x brand x variant to build, render them, and write the results."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import multiprocessing.pool
import os
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import weasyprint
from jinja2 import Environment

from .. import __version__
from ..errors import RenderError, UsageError
from ..model.brands import ResolvedBrand
from ..model.leaflets import Leaflet
from ..model.project import Project
from ..model.review import draft_reasons
from ..model.variants import BOOKLET, Variant, variants_for
from ..render.bilingual import bilingual_html, part_band_url, part_page_css
from ..render.booklet import impose
from ..render.html import (
    band_family,
    brand_css,
    draft_band_svg,
    draft_band_text,
    environment,
    page_label_css,
    render_html,
    resources,
)
from ..render.pdf import RenderedPdf, render_pdf
from ..render.postprocess import finish
from ..render.printcolour import PROFILE, Cmyk, brand_cmyk, profile_bytes
from ..render.printshop import for_print
from ..sources import fonts
from ..sources.i18n import SOURCE, check_language, direction, translations
from .progress import Lines
from .shards import Shard
from .shutdown import Interrupted, signals_held, stop_on_signals, worker_setup
from .write import MANIFEST, ManifestEntry, atomic_write, output_lock, read_manifest, record, sha256, write_manifest

Progress = Callable[[str], None]
STALE = re.compile(r"^\.(?:.+\.pdf|manifest(?:\.part-\d+-of-\d+)?\.json)\.[^.]+\.tmp$")  # atomic_write's temporaries


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
            digest.update(path.read_bytes() + b"\0")
        for url, data in sorted(self.resources.items()):
            digest.update(url.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def prepare(project: Project, job: Job, today: dt.date, env: Environment | None = None) -> RenderInput:
    """The HTML, CSS and files for one PDF: cheap, so it is done even for PDFs that are up to date."""
    styles = project.root / "styles"
    language = job.leaflet.language
    css = job.variant.page_css + brand_css(job.brand, project.root, language, job.variant.min_text_pt)
    files_in_memory = resources(job.leaflet, job.brand, job.variant,
                                draft_band_text(translations(project.root, language).gettext))
    if job.parts:
        html = bilingual_html([render_html(project, part, job.brand, today, env, job.variant) for part in job.parts])
        draft = any(draft_reasons(project, part, today) for part in job.parts)
        for number, part in enumerate(job.parts[1:], 2):
            gettext = translations(project.root, part.language).gettext
            band = part_band_url(number)
            files_in_memory[band] = draft_band_svg(job.variant, band_family(job.brand, part.language),
                                                   draft_band_text(gettext))
            css += part_page_css(number, page_label_css(gettext, direction(part.language), job.variant.min_text_pt),
                                 band if draft else None)
    else:
        html = render_html(project, job.leaflet, job.brand, today, env, job.variant)
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
    """One PDF in memory."""
    return render_input(prepare(project, job, today, env), project.root)


def _render_one(given: RenderInput, root: Path) -> RenderedPdf | RenderError:
    try:
        return render_input(given, root)
    except RenderError as exc:
        return exc


def _render_pair(pair: tuple[RenderInput, Path]) -> RenderedPdf | RenderError:
    return _render_one(*pair)


RECYCLE_AFTER = 50  # PDFs a worker renders (on average) before a fresh one replaces it: WeasyPrint workers grow


class _Renderer:
    """Renders PDFs in `workers` processes, each keeping WeasyPrint loaded between PDFs, or in this
    one. After RECYCLE_AFTER PDFs a worker, the pool is retired (it finishes what it was given, then
    its workers exit) and a fresh pool takes the next PDFs, so memory stays flat.

    Pools are made here, in the main thread, rather than by multiprocessing's maxtasksperchild:
    that forks replacement workers from the pool's own handler thread, and a worker's parent-death
    signal (see shutdown.worker_setup) fires when the *thread* that forked it ends. The handler
    thread ends first when a pool is stopped, killing a replacement worker that may hold the pool's
    queue lock, and the pool then waits for that lock for ever. On the way out, every worker of
    every pool is stopped at once."""

    def __init__(self, root: Path, workers: int) -> None:
        self.root, self.workers = root, workers
        self.pool: multiprocessing.pool.Pool | None = None
        self.given = 0  # PDFs given to the current pool
        self.waiting: list[multiprocessing.pool.AsyncResult] = []  # the current pool's, not yet back
        self.retired: list[tuple[multiprocessing.pool.Pool, list[multiprocessing.pool.AsyncResult]]] = []
        self.pools = 0  # pools made so far

    def _new_pool(self) -> multiprocessing.pool.Pool:
        self.pools += 1
        return multiprocessing.Pool(self.workers, initializer=worker_setup, initargs=(os.getpid(),))

    def __enter__(self) -> _Renderer:
        if self.workers > 1:
            self.pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in [*(pool for pool, _ in self.retired), *([self.pool] if self.pool else [])]:
            pool.terminate()  # SIGTERM to every worker, then wait for them to go
            pool.join()

    def submit(self, given: RenderInput) -> _Pending:
        if self.pool is None:
            return _Pending(lambda: _render_one(given, self.root), None)
        if self.given >= RECYCLE_AFTER * self.workers:
            self.pool.close()  # no more PDFs for it; its workers leave once the last comes back
            self.retired.append((self.pool, self.waiting))
            self.pool, self.waiting, self.given = self._new_pool(), [], 0
        self._join_retired()
        handle = self.pool.apply_async(_render_pair, ((given, self.root),))
        self.waiting = [*(h for h in self.waiting if not h.ready()), handle]
        self.given += 1
        return _Pending(handle.get, handle.ready)

    def _join_retired(self) -> None:
        """Wait for the workers of retired pools whose PDFs are all back (they are leaving)."""
        busy = []
        for pool, handles in self.retired:
            if all(handle.ready() for handle in handles):
                pool.join()
            else:
                busy.append((pool, handles))
        self.retired = busy


@dataclass
class _Pending:
    """A PDF being rendered: `get` waits for it; `ready` says whether it is done (None: not started)."""

    get: Callable[[], RenderedPdf | RenderError]
    ready: Callable[[], bool] | None


@dataclass
class Built:
    """What a build did: the entries it wrote, of how many PDFs, and how many were already up to date."""

    entries: list[ManifestEntry]
    total: int
    fresh: int
    out_dir: Path
    manifest: str

    def summary(self) -> str:
        if not self.entries:
            return f"nothing to render: all {self.total} PDFs in {self.out_dir} are up to date"
        return (f"rendered {len(self.entries)} of {self.total} PDFs ({self.fresh} already up to date); "
                f"wrote them and {self.manifest} to {self.out_dir}")


def build(project: Project, jobs: list[Job], out_dir: Path, progress: Lines | Progress, today: dt.date,
          force: bool = False, workers: int = 1, shard: Shard | None = None) -> Built:
    """Render every job that is not already up to date, in `workers` processes, writing each PDF
    (in one step) and its manifest entry as it comes. Failures are reported together at the end;
    the PDF each one would have replaced stays as it was.

    One build at a time writes into `out_dir`: another waits for it (see output_lock). SIGTERM
    or SIGINT stops every worker at once, writes the PDFs already made, and raises Interrupted.

    A PDF is up to date when the manifest records the same cache key (a hash of its HTML, CSS,
    generated images, stylesheets, fonts, logo and software versions) and the file is unchanged.
    Each PDF's entry goes into the manifest's journal as the PDF is written, and the manifest is
    rewritten once at the end, so if writing stops part-way (a full disk, a killed process) the two
    still record exactly what is on disk. Progress goes to `progress`: a reporter (a bar or lines),
    or a function given each line. Returns what was built, for the summary.
    """
    report = progress if isinstance(progress, Lines) else Lines(progress)
    with stop_on_signals(), output_lock(out_dir, report.note):
        return _build(project, jobs, out_dir, report, today, force, workers, shard)


def _build(project: Project, jobs: list[Job], out_dir: Path, report: Lines, today: dt.date,
           force: bool, workers: int, shard: Shard | None) -> Built:
    """Find which PDFs are not up to date (their HTML, cheap to make, gives each one's cache key);
    take those out of the manifest; then render them a few at a time in the workers and write each
    PDF, and record its entry in the manifest's journal, as it comes back, in the order of the plan.
    Memory stays flat however many PDFs there are, each PDF costs the same to record, the progress
    lines come in order, and at every moment the manifest lists only files that are on disk as it
    says (with its journal, after a kill; the manifest itself at the end)."""
    for stale in out_dir.rglob(".*.tmp"):  # a PDF's or manifest's, left by a build killed outright while writing
        if STALE.match(stale.name):
            stale.unlink(missing_ok=True)
    env = environment(project.root / "templates")
    name, header = (shard.part_name, shard.header) if shard else (MANIFEST, None)
    manifest = read_manifest(out_dir, name)  # with what a killed build left in the journal
    existing = {} if force else dict(manifest)
    keys = [prepare(project, job, today, env).cache_key() for job in jobs]
    todo = {job.output for job, key in zip(jobs, keys) if existing.get(job.output, {}).get("cache_key") != key}
    # Until its new file is written and recorded, the manifest does not list a PDF being replaced.
    replaced = {path: manifest.pop(path) for path in todo if path in manifest}
    write_manifest(out_dir, manifest, name, header)
    drafts = {job.label: any(draft_reasons(project, part, today) for part in (job.parts or (job.leaflet,)))
              for job in jobs}
    failures: list[str] = []
    entries: list[ManifestEntry] = []
    fresh = 0
    window: deque[tuple[int, Job, str, _Pending | None]] = deque()  # in the order of the plan

    def take(number: int, job: Job, key: str, result: RenderedPdf | RenderError) -> None:
        if isinstance(result, RenderError):
            report.step(number, "failed", job.label)
            failures.append(str(result))
            return
        target = out_dir / job.output
        doc = job.leaflet.model.document
        v = job.variant
        entry = ManifestEntry(job.brand.slug, job.leaflet.slug, doc.id, doc.title, doc.version, doc.status,
                              drafts[job.label], doc.next_review.isoformat(), v.profile, v.paper,
                              v.large_print, job.output, result.pages, len(result.data), sha256(result.data), key,
                              "-".join(job.languages))
        with signals_held():  # the PDF, its manifest entry and its progress line, together
            try:
                atomic_write(target, result.data)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            manifest[entry.path] = asdict(entry)
            record(out_dir, manifest[entry.path], name)  # one line per PDF: a build killed now loses nothing
            entries.append(entry)
            report.step(number, "rendered", job.label)

    def drain(keep: int) -> None:
        while len(window) > keep:
            number, job, key, pending = window.popleft()
            if pending is None:
                report.step(number, "up to date", job.label)
            else:
                take(number, job, key, pending.get())

    report.start(len(jobs))
    try:
        with _Renderer(project.root, workers if len(jobs) > 1 else 1) as renderer:
            try:
                for number, (job, key) in enumerate(zip(jobs, keys), 1):
                    if job.output not in todo:
                        fresh += 1
                        window.append((number, job, key, None))
                    else:  # prepared again rather than kept: memory stays flat for any catalogue
                        window.append((number, job, key, renderer.submit(prepare(project, job, today, env))))
                    drain(keep=max(4, 4 * workers))
                drain(keep=0)
            except Interrupted as exc:
                for number, job, key, pending in window:  # PDFs already made are written, not lost
                    if pending is not None and pending.ready is not None and pending.ready():
                        take(number, job, key, pending.get())
                exc.written = len(entries)
                exc.total = len(todo)
                raise
    finally:
        for path, entry in replaced.items():  # not made again (it failed, or the build stopped): the old file stays
            if path not in manifest and (out_dir / path).is_file() \
                    and sha256((out_dir / path).read_bytes()) == entry["sha256"]:
                manifest[path] = entry
        write_manifest(out_dir, manifest, name, header)
    if failures:
        raise RenderError(f"{len(failures)} of {len(jobs)} PDFs could not be made (the others were written):\n"
                          + "\n".join(failures))
    return Built(entries, len(jobs), fresh, out_dir, name)
