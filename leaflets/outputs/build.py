"""Build the planned PDFs that are not up to date: render them in the workers, write each one and
its manifest entry as it comes, and keep the manifest true to the files on disk throughout."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import RenderError
from ..model.plan import Job, decide
from ..model.project import Project
from ..render.html import environment
from ..render.job import prepare
from ..render.pdf import RenderedPdf
from .entries import manifest_entry
from .pool import Pending, Renderer
from .progress import Lines
from .shards import Shard
from .shutdown import Interrupted, signals_held, stop_on_signals
from .spool import Spool
from .write import MANIFEST, ManifestEntry, atomic_write, output_lock, read_manifest, record, sha256, write_manifest

Progress = Callable[[str], None]
STALE = re.compile(r"^\.(?:.+\.pdf|manifest(?:\.part-\d+-of-\d+)?\.json)\.[^.]+\.tmp$")  # atomic_write's temporaries


@dataclass
class Built:
    """What a build did: the entries it wrote, of how many PDFs, and how many were already up to date."""

    entries: list[ManifestEntry]
    total: int
    up_to_date: int
    out_dir: Path
    manifest: str

    def summary(self) -> str:
        if not self.entries:
            return f"nothing to render: all {self.total} PDFs in {self.out_dir} are up to date"
        return (f"rendered {len(self.entries)} of {self.total} PDFs ({self.up_to_date} already up to date); "
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
    still record exactly what is on disk. Jobs not decided as of `today` (see model/plan.py) are
    decided here. Progress goes to `progress`: a reporter (a bar or lines), or a function given
    each line. Returns what was built, for the summary.
    """
    report = progress if isinstance(progress, Lines) else Lines(progress)
    with stop_on_signals(), output_lock(out_dir, report.note), tempfile.TemporaryFile(prefix="leaflets-") as spool:
        run = _Run(project, out_dir, report, shard, Spool(spool))
        run.check([decide(project, job, today) for job in jobs], force)
        return run.render(workers)


class _Run:
    """One build into one folder. `check` prepares every job once (its HTML, cheap to make, gives
    its cache key), spools those to render and takes them out of the manifest; `render` then renders
    them a few at a time in the workers and writes each PDF, and records its entry in the
    manifest's journal, as it comes back, in the order of the plan. Memory stays flat however many
    PDFs there are, each PDF costs the same to record, the progress lines come in order, and at
    every moment the manifest lists only files that are on disk as it says (with its journal,
    after a kill; the manifest itself at the end)."""

    def __init__(self, project: Project, out_dir: Path, report: Lines, shard: Shard | None, spool: Spool) -> None:
        self.project, self.out_dir, self.report, self.spool = project, out_dir, report, spool
        self.name = shard.part_name if shard else MANIFEST
        self.shard = shard
        for stale in out_dir.rglob(".*.tmp"):  # a PDF's or manifest's, left by a build killed outright while writing
            if STALE.match(stale.name):
                stale.unlink(missing_ok=True)
        self.manifest = read_manifest(out_dir, self.name)  # with what a killed build left in the journal
        self.plan: list[tuple[Job, str, bool]] = []  # each job, its cache key, and whether to render it
        self.replaced: dict[str, dict] = {}
        self.failures: list[str] = []
        self.failed: list[str] = []  # the paths of the PDFs that failed, for a shard's part
        self.entries: list[ManifestEntry] = []

    def check(self, jobs: list[Job], force: bool) -> None:
        existing = {} if force else dict(self.manifest)
        env = environment(self.project.root / "templates")
        for job in jobs:
            given = prepare(self.project, job, env)
            key = given.cache_key()
            stale = existing.get(job.output, {}).get("cache_key") != key
            if stale:
                self.spool.put(given)
            self.plan.append((job, key, stale))
        # Until its new file is written and recorded, the manifest does not list a PDF being replaced.
        self.replaced = {job.output: self.manifest.pop(job.output) for job, _, stale in self.plan
                         if stale and job.output in self.manifest}
        write_manifest(self.out_dir, self.manifest, self.name, self._header())

    def render(self, workers: int) -> Built:
        todo = sum(stale for _, _, stale in self.plan)
        window: deque[tuple[int, Job, str, Pending | None]] = deque()  # in the order of the plan
        self.report.start(len(self.plan))
        try:
            with Renderer(self.project.root, workers if len(self.plan) > 1 else 1) as renderer:
                try:
                    for number, (job, key, stale) in enumerate(self.plan, 1):
                        window.append((number, job, key, renderer.submit(self.spool.take()) if stale else None))
                        self._drain(window, keep=max(4, 4 * workers))
                    self._drain(window, keep=0)
                except Interrupted as exc:
                    for number, job, key, pending in window:  # PDFs already made are written, not lost
                        if pending is not None and pending.ready is not None and pending.ready():
                            self._take(number, job, key, pending.get())
                    exc.written, exc.total = len(self.entries), todo
                    raise
        finally:
            self._keep_unreplaced()
        if self.failures:
            raise RenderError(f"{len(self.failures)} of {len(self.plan)} PDFs could not be made "
                              "(the others were written):\n" + "\n".join(self.failures))
        return Built(self.entries, len(self.plan), len(self.plan) - todo, self.out_dir, self.name)

    def _drain(self, window: deque[tuple[int, Job, str, Pending | None]], keep: int) -> None:
        while len(window) > keep:
            number, job, key, pending = window.popleft()
            if pending is None:
                self.report.step(number, "up to date", job.label)
            else:
                self._take(number, job, key, pending.get())

    def _take(self, number: int, job: Job, key: str, result: RenderedPdf | RenderError) -> None:
        if isinstance(result, RenderError):
            self.report.step(number, "failed", job.label)
            self.failures.append(str(result))
            self.failed.append(job.output)
            return
        target = self.out_dir / job.output
        entry = manifest_entry(job, result.pages, len(result.data), sha256(result.data), key)
        with signals_held():  # the PDF, its manifest entry and its progress line, together
            try:
                atomic_write(target, result.data)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            self.manifest[entry.path] = asdict(entry)
            record(self.out_dir, self.manifest[entry.path], self.name)  # one line per PDF: a kill now loses nothing
            self.entries.append(entry)
            self.report.step(number, "rendered", job.label)

    def _header(self) -> dict | None:
        """A shard's part records how many PDFs it planned and which failed; a whole build's manifest nothing."""
        return self.shard.header(len(self.plan), self.failed) if self.shard else None

    def _keep_unreplaced(self) -> None:
        """PDFs not made again (they failed, or the build stopped) keep their old files and entries."""
        for path, entry in self.replaced.items():
            file = self.out_dir / path
            if path not in self.manifest and file.is_file() and sha256(file.read_bytes()) == entry["sha256"]:
                self.manifest[path] = entry
        write_manifest(self.out_dir, self.manifest, self.name, self._header())
