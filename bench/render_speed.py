#!/usr/bin/env python3
"""Print how long the sample build takes against bare WeasyPrint, and HarfBuzz against fontTools
subsetting. Run from the project folder: `python3 bench/render_speed.py [--repeat N]`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint.pdf.fonts as pdf_fonts  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from leaflets.html import brand_css, environment, render_html  # noqa: E402
from leaflets.pipeline import build, plan  # noqa: E402
from leaflets.project import load_project  # noqa: E402


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
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept")
    repeat = parser.parse_args().repeat

    project = load_project(ROOT)
    jobs = plan(project)
    env = environment(ROOT / "templates")
    pages = {job.label: (render_html(project, job.leaflet, job.brand, TODAY, env), brand_css(job.brand)) for job in jobs}
    stylesheet = ROOT / "styles" / "leaflet.css"

    def bare() -> None:
        for html, css in pages.values():
            fonts = FontConfiguration()
            HTML(string=html, base_url=str(ROOT)).write_pdf(
                stylesheets=[CSS(filename=str(stylesheet), font_config=fonts),
                             CSS(string=css, font_config=fonts)], font_config=fonts, pdf_tags=True)

    def ours() -> None:
        with tempfile.TemporaryDirectory() as out:
            build(project, jobs, Path(out), lambda message: None, TODAY)

    bare_time = best_of(repeat, bare)
    ours_time = best_of(repeat, ours)
    print(f"sample build, {len(jobs)} PDFs (best of {repeat})")
    print(f"  bare WeasyPrint on the same HTML: {bare_time:.3f} s")
    print(f"  leaflets build (validate, render, write, manifest): {ours_time:.3f} s")
    print(f"  overhead ratio: {ours_time / bare_time:.3f}x")

    label, (html, css) = next(iter(pages.items()))
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(ROOT)).render(
        stylesheets=[CSS(filename=str(stylesheet), font_config=fonts), CSS(string=css, font_config=fonts)],
        font_config=fonts)
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


if __name__ == "__main__":
    main()
