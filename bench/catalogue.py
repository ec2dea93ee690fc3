#!/usr/bin/env python3
"""Build a generated catalogue of many brands (copies of the sample brands) x all leaflets and
print the time, PDF count and the build's peak memory. Run from the project folder:
`python3 bench/catalogue.py [--brands 50] [--jobs 2]`."""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_catalogue(target: Path, brands: int) -> Path:
    """content/ with `brands` brand folders, each a renamed copy of a sample brand."""
    content = target / "content"
    shutil.copytree(ROOT / "content", content)
    samples = sorted(p for p in (content / "brands").iterdir() if p.is_dir())
    for number in range(brands - len(samples)):
        source = samples[number % len(samples)]
        shutil.copytree(source, content / "brands" / f"{source.name}-{number + 1:02d}")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--brands", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content = make_catalogue(Path(tmp), args.brands)
        out = Path(tmp) / "out"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out),
                        "--jobs", str(args.jobs)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        sizes = [p.stat().st_size for p in out.rglob("*.pdf")]
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"catalogue: {args.brands} brands, {len(sizes)} PDFs, --jobs {args.jobs}")
    print(f"  time: {elapsed:.1f} s ({elapsed / len(sizes):.3f} s a PDF)")
    print(f"  peak memory of the largest build process: {peak_kib / 1024:.0f} MiB")
    print(f"  PDF sizes: {min(sizes) // 1024} to {max(sizes) // 1024} KiB")


if __name__ == "__main__":
    main()
