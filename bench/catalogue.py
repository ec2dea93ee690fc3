#!/usr/bin/env python3
"""The catalogue benchmark (issue 13): a generated catalogue of copies of the sample brands x every
leaflet, built as one process tree. Prints, for each size asked for, the time per PDF (wall and CPU),
the peak memory of every process in the tree, and the no-change rebuild as a whole process; then
the smallest catalogue built as 4 shards and merged, against one build.

Run from the project folder: `python3 bench/catalogue.py --pdfs 400 4000 [--jobs 2]`.
Brands are copies of the sample's, each making 8 PDFs (4 leaflets x email and large print; the
sample's translations are left out so every brand is the same size). Each build is the default
build, so it writes each brand's web site too. CPU time per PDF is the figure to compare between
sizes: it does not change when other programs share the machine; wall time does. The shards are
built one after another, each with --jobs, as a job array would run them on separate machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_BRAND = 8
TODAY = dt.date.today().isoformat()


def make_catalogue(target: Path, brands: int) -> Path:
    """content/ with `brands` brand folders, each a renamed copy of a sample brand."""
    content = target / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("archive", "translations"))
    samples = sorted(p for p in (content / "brands").iterdir() if p.is_dir())
    for number in range(brands - len(samples)):
        source = samples[number % len(samples)]
        shutil.copytree(source, content / "brands" / f"{source.name}-{number + 1:04d}")
    return content


class PeakMemory:
    """Polls /proc for the process tree under one pid, keeping each process's peak RSS (VmHWM)."""

    def __init__(self, pid: int) -> None:
        self.root, self.peaks, self._stop = pid, {}, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[pid] = max(self.peaks.get(pid, 0), int(line.split()[1]))
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join()


def run(args: list[str]) -> tuple[float, float, dict[int, int]]:
    """Wall time, CPU time (user + system of the whole tree) and peak KiB per process of a command
    (the build's own process under the key 0, each worker under its pid)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if args[0] != "merge":  # review dates judged as of one day: a build that runs past midnight must not
        args = [*args, "--today", TODAY]  # make the next one check every PDF again, as a new day does
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) as memory:
        _, err = proc.communicate()
    memory.peaks[0] = memory.peaks.pop(proc.pid, 0)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {err[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, memory.peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=int, nargs="+", default=[400, 4000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shards", type=int, default=4, help="0: no sharded run")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample = ["--out", str(Path(tmp) / "sample"), "--jobs", str(args.jobs)]
        run(sample)
        best = min(run(sample)[0] for _ in range(3))
        print(f"sample content: no-change rebuild as a whole process, best of 3: {best:.3f} s wall")
        sys.stdout.flush()
        for pdfs in args.pdfs:
            brands = max(2, pdfs // PER_BRAND)
            content = make_catalogue(Path(tmp) / f"c{pdfs}", brands)
            out = Path(tmp) / f"out{pdfs}"
            common = ["--content", str(content), "--out", str(out), "--jobs", str(args.jobs)]
            wall, cpu, peaks = run(common)
            count = len(json.loads((out / "manifest.json").read_text())["leaflets"])
            again, _, _ = run(common)
            results[pdfs] = (count, wall, cpu)
            workers = sorted(kib for pid, kib in peaks.items() if pid and kib > 10 * 1024)  # not the tiny helpers
            print(f"catalogue: {brands} brands, {count} PDFs, --jobs {args.jobs}")
            print(f"  time: {wall:.1f} s wall ({wall / count:.3f} s a PDF), "
                  f"{cpu:.1f} s CPU ({cpu / count:.3f} s a PDF)")
            print(f"  peak memory (RSS): the build's own process {peaks[0] / 1024:.0f} MiB; its {len(workers)} "
                  f"workers, one after another, {workers[0] / 1024:.0f} to {workers[-1] / 1024:.0f} MiB; "
                  f"{len(peaks) - len(workers) - 1} other processes under 10 MiB"
                  if workers else f"  peak memory (RSS): {peaks[0] / 1024:.0f} MiB")
            print(f"  no-change rebuild as a whole process: {again:.3f} s")
            sys.stdout.flush()
        if len(results) > 1:
            small, large = min(results), max(results)
            ratio = (results[large][2] / results[large][0]) / (results[small][2] / results[small][0])
            wall_ratio = (results[large][1] / results[large][0]) / (results[small][1] / results[small][0])
            print(f"CPU time per PDF at {results[large][0]} PDFs against {results[small][0]}: {ratio:.2f}x "
                  f"(wall: {wall_ratio:.2f}x)")
        if not args.shards:
            return
        pdfs = min(args.pdfs)
        content = Path(tmp) / f"c{pdfs}" / "content"
        total_wall = total_cpu = 0.0
        folders = []
        for k in range(1, args.shards + 1):
            folder = Path(tmp) / f"shard{k}"
            wall, cpu, _ = run(["--content", str(content), "--out", str(folder), "--jobs", str(args.jobs),
                                "--shard", f"{k}/{args.shards}"])
            total_wall += wall
            total_cpu += cpu
            folders.append(str(folder))
        wall, cpu, _ = run(["merge", *folders, "--out", str(Path(tmp) / "merged")])
        merged = (Path(tmp) / "merged" / "manifest.json").read_bytes()
        same = merged == (Path(tmp) / f"out{pdfs}" / "manifest.json").read_bytes()
        count, one_wall, one_cpu = results[pdfs]
        print(f"{args.shards} shards of {count} PDFs, one after another: {total_wall:.1f} s wall, "
              f"{total_cpu:.1f} s CPU; "
              f"merge {wall:.2f} s; against one build: {(total_wall + wall) / one_wall:.2f}x wall, "
              f"{(total_cpu + cpu) / one_cpu:.2f}x CPU; merged manifest {'identical' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
