#!/usr/bin/env python3
"""Print, in one run: per PDF of the sample, bare WeasyPrint against the build with and without its
render caches (and whether both make the same bytes); where a build's time goes, by profile; the
build with 2 worker processes and with nothing to do; HarfBuzz against fontTools subsetting; and a
generated catalogue of 50 brands (time, PDF sizes, peak memory, from bench/catalogue.py).
Run from the project folder: `python3 bench/render_speed.py [--repeat N] [--brands N]`."""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import inspect
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint.pdf.fonts as pdf_fonts  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from leaflets.model.plan import Job, plan  # noqa: E402
from leaflets.model.project import Project, load_project  # noqa: E402
from leaflets.outputs.build import build  # noqa: E402
from leaflets.render import caches  # noqa: E402
from leaflets.render.html import environment  # noqa: E402
from leaflets.render.job import RenderInput, prepare  # noqa: E402
from leaflets.render.pdf import ProjectURLFetcher  # noqa: E402

TODAY = dt.date.today()

# Where a build's time goes: each line sums the cumulative times of these functions, (file path
# ending, name). WeasyPrint's steps are found in its source: weasyprint/__init__.py (HTML and CSS
# parse in their __init__), document.py, formatting_structure/build.py, layout/, draw/, pdf/.
STEPS = {
    "parse HTML": [("weasyprint/__init__.py", "HTML.__init__")],
    "parse CSS, load fonts": [("weasyprint/__init__.py", "CSS.__init__"), ("weasyprint/text/fonts.py", "__init__")],
    "style (cascade, computed values)": [("weasyprint/document.py", "_build_layout_context")],
    "box tree": [("weasyprint/formatting_structure/build.py", "build_formatting_structure")],
    "layout": [("weasyprint/layout/__init__.py", "layout_document")],
    "drawing": [("weasyprint/draw/__init__.py", "draw_page")],
    "PDF writing (less drawing)": [("weasyprint/document.py", "write_pdf")],
    "post-processing (pikepdf)": [("leaflets/render/postprocess.py", "finish"),
                                  ("leaflets/render/printshop.py", "for_print"),
                                  ("leaflets/render/booklet.py", "impose")],
    "ours: prepare (Jinja, CSS, generated images)": [("leaflets/render/job.py", "prepare")],
    "ours: cache keys": [("leaflets/render/job.py", "cache_key")],
    "ours: write PDFs, journal, manifest": [("leaflets/outputs/write.py", "atomic_write"),
                                            ("leaflets/outputs/write.py", "record"),
                                            ("leaflets/outputs/write.py", "write_manifest"),
                                            ("leaflets/outputs/write.py", "read_manifest")],
    "ours: spool": [("leaflets/outputs/spool.py", "put"), ("leaflets/outputs/spool.py", "take")],
}


def cpu_and_wall(action: Callable[[], object]) -> tuple[float, float]:
    """The CPU time of this process (and its children) and the wall time that `action` takes.
    CPU time is the steadier figure when other work shares the machine."""
    cpu, wall = os.times(), time.perf_counter()
    action()
    after = os.times()
    used = sum(getattr(after, field) - getattr(cpu, field)
               for field in ("user", "system", "children_user", "children_system"))
    return used, time.perf_counter() - wall


def best_of(repeat: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(inputs: list[RenderInput]) -> None:
    """The same HTML, CSS and PDF options straight through WeasyPrint, as its documentation shows
    it: a fresh FontConfiguration and stylesheets for each PDF."""
    for given in inputs:
        fonts = FontConfiguration()
        sheets = [CSS(filename=str(path), font_config=fonts) for path in given.stylesheets]
        sheets.append(CSS(string=given.css, font_config=fonts))
        fetcher = ProjectURLFetcher(given.roots, given.resources)  # only to serve the diagram and QR code
        document = HTML(string=given.html, base_url=str(ROOT), url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=fonts, **given.options)
        document.write_pdf(**given.options)


def ours(project: Project, jobs: list[Job], out: Path, cached: bool, workers: int = 1) -> None:
    """A full build into an empty folder, in a process whose caches start empty, as a build's do."""
    os.environ[caches.SWITCH] = "1" if cached else "0"
    caches.reset()
    for old in out.rglob("*"):
        if old.is_file():
            old.unlink()
    build(project, jobs, out, lambda message: None, TODAY, workers=workers)


def settle() -> None:
    """Between two measurements (untimed): drop the render caches, unfreeze what the build froze
    for the garbage collector and collect, so each measurement starts from the same heap, and
    neither the build nor bare WeasyPrint is slowed or sped up by what the other left behind."""
    caches.reset()
    gc.unfreeze()
    gc.collect()


def pdf_bytes(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*.pdf"))}


def breakdown(project: Project, jobs: list[Job]) -> None:
    """Profile one build with caches (one process) and print where its time goes."""
    os.environ[caches.SWITCH] = "1"
    caches.reset()
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as out:
        profile.runcall(build, project, jobs, Path(out), lambda message: None, TODAY)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]  # its raw table, not in the stubs
    css_lines, css_start = inspect.getsourcelines(CSS)

    def name_of(path: str, line: int, name: str) -> str:
        if path.endswith("weasyprint/__init__.py") and name == "__init__":
            return f"{'CSS' if css_start <= line < css_start + len(css_lines) else 'HTML'}.__init__"
        return name

    cumulative: dict[tuple[str, str], float] = {}
    for (path, line, name), (_, _, _, seconds, _) in stats.items():
        for ending, function in (entry for entries in STEPS.values() for entry in entries):
            if path.endswith(ending) and name_of(path, line, name) == function:
                cumulative[(ending, function)] = cumulative.get((ending, function), 0.0) + seconds
    total = max(seconds for (path, _, name), (_, _, _, seconds, _) in stats.items()
                if name == "build" and path.endswith("leaflets/outputs/build.py"))
    times = {label: sum(cumulative.get(entry, 0.0) for entry in entries) for label, entries in STEPS.items()}
    times["PDF writing (less drawing)"] -= times["drawing"]  # write_pdf draws the pages
    print(f"where the time of a build with caches goes ({len(jobs)} PDFs, one process, cProfile: "
          f"{total:.1f} s under the profiler)")
    for label, seconds in times.items():
        print(f"  {label:46} {seconds:7.2f} s {100 * seconds / total:5.1f}%")
    rest = total - sum(times.values())
    print(f"  {'the rest (ours and WeasyPrint glue)':46} {rest:7.2f} s {100 * rest / total:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is kept")
    parser.add_argument("--brands", type=int, default=50, help="brands in the generated catalogue (0: skip it)")
    args = parser.parse_args()
    repeat = args.repeat

    project = load_project(ROOT)
    jobs = plan(project, today=TODAY)
    env = environment(ROOT / "templates")
    inputs = [prepare(project, job, env) for job in jobs]
    count = len(jobs)

    with tempfile.TemporaryDirectory() as tmp:
        with_caches, without = Path(tmp) / "with", Path(tmp) / "without"
        times: dict[str, list[tuple[float, float]]] = {"bare": [], "with": [], "without": []}
        for _ in range(repeat):  # interleaved, so that a busy moment of a shared machine hits all three alike
            for name, action in (("bare", lambda: bare(inputs)),
                                 ("with", lambda: ours(project, jobs, with_caches, True)),
                                 ("without", lambda: ours(project, jobs, without, False))):
                times[name].append(cpu_and_wall(action))
                settle()
        same = pdf_bytes(with_caches) == pdf_bytes(without) and len(pdf_bytes(with_caches)) == count
    print(f"sample build, {count} PDFs, one process, per PDF: CPU seconds (wall), best of {repeat}, interleaved")
    cpu = {name: min(c for c, _ in runs) / count for name, runs in times.items()}
    wall = {name: min(w for _, w in runs) / count for name, runs in times.items()}
    print(f"  bare WeasyPrint (fresh FontConfiguration and stylesheets per PDF): {cpu['bare']:.3f} s "
          f"({wall['bare']:.3f} s)")
    for name, what in (("with", "with its render caches"), ("without", f"without them ({caches.SWITCH}=0)")):
        print(f"  leaflets build {what}: {cpu[name]:.3f} s ({wall[name]:.3f} s), {cpu[name] / cpu['bare']:.3f}x "
              f"of bare ({wall[name] / wall['bare']:.3f}x wall)")
    print(f"  with / without caches: {cpu['with'] / cpu['without']:.3f}x; "
          f"same bytes with and without: {'yes' if same else 'NO'}")
    breakdown(project, jobs)
    os.environ[caches.SWITCH] = "1"

    one = min(w for _, w in times["with"])
    with tempfile.TemporaryDirectory() as out:
        two = best_of(repeat, lambda: ours(project, jobs, Path(out), True, workers=2))
    print(f"  --jobs 2: {two:.3f} s, {two / one:.2f}x of --jobs 1")
    with tempfile.TemporaryDirectory() as out:
        build(project, jobs, Path(out), lambda message: None, TODAY)
        again = best_of(repeat, lambda: build(project, jobs, Path(out), lambda message: None, TODAY))
    print(f"  no-change rebuild: {again:.3f} s, {100 * again / one:.1f}% of a full build")

    given = inputs[0]
    fonts = FontConfiguration()
    document = HTML(string=given.html, base_url=str(ROOT),
                    url_fetcher=ProjectURLFetcher(given.roots, given.resources)).render(
        stylesheets=[*(CSS(filename=str(p), font_config=fonts) for p in given.stylesheets),
                     CSS(string=given.css, font_config=fonts)], font_config=fonts)
    harfbuzz = pdf_fonts.harfbuzz_subset
    with_hb = best_of(repeat, document.write_pdf) if harfbuzz else float("nan")
    pdf_fonts.harfbuzz_subset = None
    try:
        with_ft = best_of(repeat, document.write_pdf)
    finally:
        pdf_fonts.harfbuzz_subset = harfbuzz
    print(f"write_pdf of {given.label} ({len(document.pages)} pages), font subsetting (best of {repeat})")
    print(f"  HarfBuzz subsetter: {with_hb:.3f} s" + ("" if harfbuzz else " (libharfbuzz-subset0 not found)"))
    print(f"  fontTools subsetter: {with_ft:.3f} s")
    if harfbuzz:
        print(f"  fontTools / HarfBuzz: {with_ft / with_hb:.1f}x")
    if args.brands:
        subprocess.run([sys.executable, str(ROOT / "bench" / "catalogue.py"), "--pdfs", str(args.brands * 8)],
                       check=True)


if __name__ == "__main__":
    main()
