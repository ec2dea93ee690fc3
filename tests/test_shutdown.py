"""A build stops cleanly when told to (SIGTERM, Ctrl-C) or killed, and only one build at a time
writes into an output folder: no worker is left running, and the manifest is true to the disk."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, edit

pytestmark = pytest.mark.slow
PATIENCE = 240  # seconds: only a bound so a broken build cannot hang the suite, never a measure


class Build:
    """`python build.py ARGS` in its own session, its progress and messages (stdout and stderr) read as
    they come."""

    def __init__(self, *args: str | Path) -> None:
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        self.lines: list[str] = []
        self.changed = threading.Condition()  # told of each line, and of the end of the output
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, text: str) -> None:
        """Wait until the build prints a line containing `text`; fail at once if its output ends first."""
        def seen() -> bool:
            return any(text in line for line in self.lines) or not self.reader.is_alive()
        with self.changed:
            assert self.changed.wait_for(seen, PATIENCE), f"no {text!r} in {PATIENCE} s: {self.lines}"
            assert any(text in line for line in self.lines), f"ended without {text!r}: {self.lines}"

    def finish(self) -> int:
        """Wait for the build to end; then no process may be left holding its output open."""
        code = self.proc.wait(PATIENCE)
        self.left = processes_mentioning(self.marker)
        self.reader.join(PATIENCE)
        assert not self.reader.is_alive(), "a process still holds the build's output open"
        return code

    @property
    def marker(self) -> str:
        return str(self.proc.args[self.proc.args.index("--out") + 1])

    def workers(self) -> list[int]:
        """The build's worker processes: its children, which share its command line."""
        children = []
        for pid in processes_mentioning(self.marker):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                children.append(pid)
        return children


def processes_mentioning(text: str) -> list[int]:
    """Running processes whose command line contains `text` (workers share the build's)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if text.encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def assert_manifest_true_to_disk(out: Path, *, killed: bool = False) -> list[str]:
    """Every manifest entry matches its file; every PDF is in the manifest and nothing is left
    half-written, unless the build was killed outright between writing a PDF and its entry."""
    entries = json.loads((out / "manifest.json").read_text())["leaflets"]
    for entry in entries:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf")
                     if p.relative_to(out).parts[0] != "site")  # the web site's copies are not the build's
    if not killed:
        assert sorted(e["path"] for e in entries) == on_disk
        assert [p.name for p in out.rglob("*.tmp")] == []
    return on_disk


@pytest.fixture
def three_clinics(content: Path) -> Path:
    """The fixture project with three brands: 12 PDFs, enough to stop a build part-way."""
    for name in ("second", "third"):
        shutil.copytree(content / "brands/testclinic", content / "brands" / name)
        edit(content / "brands" / name / "_brand.yml", "full: Test Clinic MS Service", f"full: {name.title()} Clinic")
    return content


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_parallel_build_and_its_workers_leaving_a_true_manifest(
        three_clinics: Path, tmp_path: Path, signum: int, code: int) -> None:
    out = tmp_path / "out"
    build = Build("--content", three_clinics, "--out", out, "--jobs", "2", "--today", "2026-06-01")
    build.wait_for("] rendered ")
    if signum == signal.SIGINT:
        os.killpg(build.proc.pid, signum)  # Ctrl-C in a terminal reaches the whole process group
    else:
        build.proc.send_signal(signum)  # a scheduler signals the main process only
    assert build.finish() == code, build.lines
    assert build.left == []  # the moment the build has exited, every worker has gone too
    written = assert_manifest_true_to_disk(out)
    rendered = [line for line in build.lines if "] rendered " in line]
    assert 1 <= len(written) == len(rendered) < 12, build.lines
    pdfs = f"{len(written)} PDF{'' if len(written) == 1 else 's'}"
    assert build.lines[-1] == (f"interrupted by {signal.Signals(signum).name}: wrote {pdfs} of 12 and recorded "
                               "them in manifest.json; run the build again to make the rest")


def test_killing_the_build_outright_also_ends_its_workers(three_clinics: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = Build("--content", three_clinics, "--out", out, "--jobs", "2", "--today", "2026-06-01")
    build.wait_for("] rendered ")
    workers = build.workers()
    assert len(workers) == 2
    for pid in workers:  # frozen, a worker would outlive the build for ever unless the system ends it
        os.kill(pid, signal.SIGSTOP)
    try:
        build.proc.send_signal(signal.SIGKILL)  # as the OOM killer would: no chance to clean up
        assert build.finish() == -signal.SIGKILL
        assert processes_mentioning(str(out)) == []
    finally:
        for pid in processes_mentioning(str(out)):
            os.kill(pid, signal.SIGKILL)
    assert_manifest_true_to_disk(out, killed=True)
    again = Build("--content", three_clinics, "--out", out, "--jobs", "2", "--today", "2026-06-01")
    assert again.finish() == 0, again.lines
    assert len(assert_manifest_true_to_disk(out)) == 12  # and the killed build's temporary file is gone


def test_an_interrupted_build_finishes_the_rest_when_run_again(three_clinics: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = Build("--content", three_clinics, "--out", out, "--jobs", "2", "--today", "2026-06-01")
    build.wait_for("] rendered ")
    build.proc.send_signal(signal.SIGTERM)
    assert build.finish() == 143
    before = len(assert_manifest_true_to_disk(out))
    again = Build("--content", three_clinics, "--out", out, "--jobs", "2", "--today", "2026-06-01")
    assert again.finish() == 0, again.lines
    assert len([line for line in again.lines if "] up to date " in line]) == before
    assert len(assert_manifest_true_to_disk(out)) == 12


def test_two_builds_into_one_folder_at_once_leave_a_manifest_true_to_the_files(three_clinics: Path,
                                                                             tmp_path: Path) -> None:
    """The second build starts while the first is held still mid-way (SIGSTOP, after its first PDF),
    so the two overlap every time: the second must wait for the first, not write beside it."""
    out = tmp_path / "out"
    first = Build("--content", three_clinics, "--out", out, "--brand", "testclinic", "--jobs", "2",
                  "--today", "2026-06-01")
    first.wait_for("] rendered ")
    first.proc.send_signal(signal.SIGSTOP)
    try:
        second = Build("--content", three_clinics, "--out", out, "--brand", "second", "--jobs", "2",
                       "--today", "2026-06-01")
        second.wait_for(f"waiting for another build into {out} to finish (process {first.proc.pid})")
        assert second.proc.poll() is None
        assert not (out / "second").exists()
    finally:
        first.proc.send_signal(signal.SIGCONT)
    builds = [first, second]
    assert [build.finish() for build in builds] == [0, 0], [build.lines for build in builds]
    assert assert_manifest_true_to_disk(out) == [
        f"{brand}/{leaflet}-email-a4{large}.pdf" for brand in ("second", "testclinic")
        for leaflet in ("alpha", "overview") for large in ("-large-print", "")]


def test_a_second_build_waits_for_the_first_saying_so(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".build.lock", "w") as lock:  # stands for a build that is still running
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        build = Build("--content", content, "--out", out, "--leaflet", "alpha", "--standard-print")
        build.wait_for("waiting for another build")
        assert build.lines[-1] == f"waiting for another build into {out} to finish (process {os.getpid()})"
        assert build.proc.poll() is None and list(out.rglob("*.pdf")) == []
    assert build.finish() == 0, build.lines
    assert assert_manifest_true_to_disk(out) == ["testclinic/alpha-email-a4.pdf"]


RECYCLING = """
import os
import sys
import threading
from pathlib import Path
from leaflets.outputs import pool
from leaflets.render.job import RenderInput

def only_from_the_main_thread():
    if threading.current_thread() is not threading.main_thread():
        print(f"a worker was forked from thread {threading.current_thread().name!r}", file=sys.stderr, flush=True)
        os._exit(3)

os.register_at_fork(before=only_from_the_main_thread)
pool.RECYCLE_AFTER = 1  # a fresh pool after every PDF a worker
page = RenderInput("tiny", (("<html lang='en'><title>t</title><p>A page.</p></html>",),), (), "", (), {}, {},
                   False, ())
with pool.Renderer(Path.cwd(), 2) as renderer:
    pending = [renderer.submit(page) for _ in range(12)]
    pages = [p.get().pages for p in pending]
print(renderer.pools, pages)
"""


def test_workers_are_replaced_as_a_long_build_goes_and_the_build_still_ends() -> None:
    # Replacement workers once came from multiprocessing's own thread; the parent-death signal then
    # killed one holding the pool's queue lock as the pool stopped, and the build waited for ever
    # (about one time in three). Rather than retry and hope to see the hang, the script fails the
    # moment any worker is forked from a thread other than the main one, the hang's cause.
    proc = subprocess.run([sys.executable, "-c", RECYCLING], cwd=ROOT, capture_output=True, text=True,
                          timeout=PATIENCE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["6", *["[1,", "1,", "1,", "1,", "1,", "1,", "1,", "1,", "1,", "1,", "1,", "1]"]]
