"""Plan which leaflet x brand x variant to build, render them, and write the results."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import multiprocessing.pool
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import weasyprint
from jinja2 import Environment

from . import __version__
from .booklet import impose
from .errors import RenderError, UsageError
from .html import brand_css, environment, render_html, resources
from .pdf import RenderedPdf, render_pdf
from .project import Leaflet, Project, ResolvedBrand
from .review import draft_reasons
from .shards import Shard
from .shutdown import Interrupted, signals_held, stop_on_signals, worker_setup
from .variants import BOOKLET, Variant, variants_for
from .write import MANIFEST, ManifestEntry, atomic_write, output_lock, read_manifest, sha256, write_manifest

Progress = Callable[[str], None]
STALE = re.compile(r"^\.(?:.+\.pdf|manifest(?:\.part-\d+-of-\d+)?\.json)\.[^.]+\.tmp$")  # atomic_write's temporaries


@dataclass(frozen=True)
class Job:
    brand: ResolvedBrand
    leaflet: Leaflet
    variant: Variant = Variant()

    @property
    def output(self) -> str:
        return f"{self.label}.pdf"

    @property
    def label(self) -> str:
        return f"{self.brand.slug}/{self.leaflet.slug}-{self.variant.name}"


def plan(project: Project, brands: Sequence[str] = (), leaflets: Sequence[str] = (), profile: str = "email",
         paper: str | None = None, large_print: bool | None = None, crop_marks: bool = False) -> list[Job]:
    """Every brand x leaflet x variant, or the subset named; unknown names are usage errors.

    The paper is the brand's default unless one is given.
    """
    chosen_brands = _choose("brand", brands, project.brands)
    by_id = {lf.model.document.id: slug for slug, lf in project.leaflets.items()}
    wanted = [by_id.get(name, name) for name in leaflets]
    chosen_leaflets = _choose("leaflet", wanted, project.leaflets)
    jobs = []
    for b in chosen_brands:
        brand = project.brands[b]
        brand_paper = paper or brand.model.defaults.leaflets.paper
        for variant in variants_for(profile, brand_paper, large_print, crop_marks):
            jobs += [Job(brand, project.leaflets[lf], variant) for lf in chosen_leaflets]
    return jobs


def _choose(kind: str, names: Sequence[str], available: dict) -> list[str]:
    unknown = [n for n in names if n not in available]
    if unknown:
        raise UsageError(f"unknown {kind} '{unknown[0]}' (choose from: {', '.join(sorted(available))})")
    return list(dict.fromkeys(names)) if names else sorted(available)


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
    return RenderInput(
        job.label, render_html(project, job.leaflet, job.brand, today, env, job.variant),
        (styles / "leaflet.css", *(styles / name for name in job.variant.stylesheets)),
        job.variant.page_css + brand_css(job.brand), project.asset_roots(job.brand),
        resources(job.leaflet, job.brand, job.variant), job.variant.pdf_options, job.variant.profile == BOOKLET,
        (job.brand.logo, *(face.path for face in job.brand.fonts)))


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


def _render_pair(pair: tuple[RenderInput, Path]) -> RenderedPdf | RenderError:
    return _render_one(*pair)


class _Renderer:
    """Renders the inputs in `workers` processes (each keeps WeasyPrint loaded between PDFs), or
    in this one. Results come in order; on the way out, every worker is stopped at once."""

    def __init__(self, inputs: list[RenderInput], root: Path, workers: int) -> None:
        self.inputs, self.root = inputs, root
        self.workers = min(workers, len(inputs))
        self.pool: multiprocessing.pool.Pool | None = None
        self.pending: list[multiprocessing.pool.AsyncResult] = []
        self.taken = 0

    def __enter__(self) -> _Renderer:
        if self.workers > 1:
            self.pool = multiprocessing.Pool(self.workers, initializer=worker_setup, initargs=(os.getpid(),))
            self.pending = [self.pool.apply_async(_render_pair, ((given, self.root),)) for given in self.inputs]
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()  # SIGTERM to every worker, then wait for them to go
            self.pool.join()

    def in_order(self) -> Iterator[tuple[int, RenderedPdf | RenderError]]:
        for index, given in enumerate(self.inputs):
            result = self.pending[index].get() if self.pool else _render_one(given, self.root)
            self.taken = index + 1
            yield index, result

    def finished(self) -> Iterator[tuple[int, RenderedPdf | RenderError]]:
        """Results already made but not yet taken (after an interruption)."""
        for index in range(self.taken, len(self.pending)):
            if self.pending[index].ready():
                yield index, self.pending[index].get()


def build(project: Project, jobs: list[Job], out_dir: Path, progress: Progress, today: dt.date,
          force: bool = False, workers: int = 1, shard: Shard | None = None) -> list[ManifestEntry]:
    """Render every job that is not already up to date, in `workers` processes, writing each PDF
    (in one step) and its manifest entry as it comes. Failures are reported together at the end;
    the PDF each one would have replaced stays as it was.

    One build at a time writes into `out_dir`: another waits for it (see output_lock). SIGTERM
    or SIGINT stops every worker at once, writes the PDFs already made, and raises Interrupted.

    A PDF is up to date when the manifest records the same cache key (a hash of its HTML, CSS,
    generated images, stylesheets, fonts, logo and software versions) and the file is unchanged.
    The manifest is rewritten (in one step) after each PDF, so if writing stops part-way (a full
    disk, a killed process) it still records exactly what is on disk.
    """
    with stop_on_signals(), output_lock(out_dir, progress):
        return _build(project, jobs, out_dir, progress, today, force, workers, shard)


def _build(project: Project, jobs: list[Job], out_dir: Path, progress: Progress, today: dt.date,
           force: bool, workers: int, shard: Shard | None) -> list[ManifestEntry]:
    for stale in out_dir.rglob(".*.tmp"):  # a PDF's or manifest's, left by a build killed outright while writing
        if STALE.match(stale.name):
            stale.unlink(missing_ok=True)
    env = environment(project.root / "templates")
    name, header = (shard.part_name, shard.header) if shard else (MANIFEST, None)
    existing = {} if force else read_manifest(out_dir, name)
    drafts = {job.leaflet.slug: bool(draft_reasons(project, job.leaflet, today)) for job in jobs}
    todo: list[tuple[int, Job, RenderInput, str]] = []
    for number, job in enumerate(jobs, 1):
        given = prepare(project, job, today, env)
        key = given.cache_key()
        if existing.get(job.output, {}).get("cache_key") == key:
            progress(f"[{number}/{len(jobs)}] up to date {job.label}")
        else:
            todo.append((number, job, given, key))
    failures: list[str] = []
    entries: list[ManifestEntry] = []
    manifest = read_manifest(out_dir, name)

    def take(index: int, result: RenderedPdf | RenderError) -> None:
        number, job, _, key = todo[index]
        if isinstance(result, RenderError):
            progress(f"[{number}/{len(jobs)}] failed {job.label}")
            failures.append(str(result))
            return
        target = out_dir / job.output
        doc = job.leaflet.model.document
        v = job.variant
        entry = ManifestEntry(job.brand.slug, job.leaflet.slug, doc.id, doc.title, doc.version, doc.status,
                              drafts[job.leaflet.slug], doc.next_review.isoformat(), v.profile, v.paper,
                              v.large_print, job.output, result.pages, len(result.data), sha256(result.data), key)
        with signals_held():  # the PDF, its manifest entry and its progress line, together
            try:
                atomic_write(target, result.data)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            manifest[entry.path] = asdict(entry)
            write_manifest(out_dir, manifest, name, header)  # after every PDF: a build killed now leaves it true
            entries.append(entry)
            progress(f"[{number}/{len(jobs)}] rendered {job.label}")

    with _Renderer([t[2] for t in todo], project.root, workers) as renderer:
        try:
            for index, result in renderer.in_order():
                take(index, result)
        except Interrupted as exc:
            for index, result in renderer.finished():
                take(index, result)
            exc.written = len(entries)
            exc.total = len(todo)
            raise
    if not (out_dir / name).exists():
        write_manifest(out_dir, manifest, name, header)
    fresh = len(jobs) - len(todo)
    if failures:
        raise RenderError(f"{len(failures)} of {len(jobs)} PDFs could not be made (the others were written):\n"
                          + "\n".join(failures))
    if entries:
        progress(f"rendered {len(entries)} of {len(jobs)} PDFs ({fresh} already up to date); "
                 f"wrote them and {name} to {out_dir}")
    else:
        progress(f"nothing to render: all {len(jobs)} PDFs in {out_dir} are up to date")
    return entries
