#!/usr/bin/env python3
"""Print, in one run: the sample build against bare WeasyPrint, with 1 and 2 worker processes and
with nothing to do; HarfBuzz against fontTools subsetting; and a generated catalogue of 50 brands
(time, PDF sizes, peak memory, from bench/catalogue.py). About 4 minutes on 2 cores.
Run from the project folder: `python3 bench/render_speed.py [--repeat N] [--brands N]`."""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint.pdf.fonts as pdf_fonts  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from leaflets.model.project import load_project  # noqa: E402
from leaflets.outputs.pipeline import build, plan, prepare  # noqa: E402
from leaflets.render.html import environment  # noqa: E402
from leaflets.render.pdf import ProjectURLFetcher  # noqa: E402

TODAY = dt.date.today()


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is kept")
    parser.add_argument("--brands", type=int, default=50, help="brands in the generated catalogue (0: skip it)")
    args = parser.parse_args()
    repeat = args.repeat

    project = load_project(ROOT)
    jobs = plan(project)
    env = environment(ROOT / "templates")
    inputs = {job.label: prepare(project, job, TODAY, env) for job in jobs}

    def bare() -> None:
        """The same HTML, CSS and PDF options straight through WeasyPrint (default URL fetcher)."""
        for given in inputs.values():
            fonts = FontConfiguration()
            sheets = [CSS(filename=str(path), font_config=fonts) for path in given.stylesheets]
            sheets.append(CSS(string=given.css, font_config=fonts))
            fetcher = ProjectURLFetcher(given.roots, given.resources)  # only to serve the diagram and QR code
            document = HTML(string=given.html, base_url=str(ROOT), url_fetcher=fetcher).render(
                stylesheets=sheets, font_config=fonts, **given.options)
            document.write_pdf(**given.options)

    def ours(workers: int = 1) -> None:
        with tempfile.TemporaryDirectory() as out:
            build(project, jobs, Path(out), lambda message: None, TODAY, workers=workers)

    bare_time = best_of(repeat, bare)
    ours_time = best_of(repeat, ours)
    print(f"sample build, {len(jobs)} PDFs (best of {repeat})")
    print(f"  bare WeasyPrint on the same HTML: {bare_time:.3f} s")
    print(f"  leaflets build, --jobs 1 (prepare, render, write, manifest): {ours_time:.3f} s")
    print(f"  overhead ratio: {ours_time / bare_time:.3f}x")
    two = best_of(repeat, lambda: ours(2))
    print(f"  --jobs 2: {two:.3f} s, {two / ours_time:.2f}x of --jobs 1")
    with tempfile.TemporaryDirectory() as out:
        build(project, jobs, Path(out), lambda message: None, TODAY)
        again = best_of(repeat, lambda: build(project, jobs, Path(out), lambda message: None, TODAY))
    print(f"  no-change rebuild: {again:.3f} s, {100 * again / ours_time:.1f}% of a full build")

    label, given = next(iter(inputs.items()))
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
    print(f"write_pdf of {label} ({len(document.pages)} pages), font subsetting (best of {repeat})")
    print(f"  HarfBuzz subsetter: {with_hb:.3f} s" + ("" if harfbuzz else " (libharfbuzz-subset0 not found)"))
    print(f"  fontTools subsetter: {with_ft:.3f} s")
    if harfbuzz:
        print(f"  fontTools / HarfBuzz: {with_ft / with_hb:.1f}x")
    if args.brands:
        subprocess.run([sys.executable, str(ROOT / "bench" / "catalogue.py"), "--pdfs", str(args.brands * 8)],
                       check=True)


if __name__ == "__main__":
    main()
