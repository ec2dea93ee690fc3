"""Shared fixtures: a private copy of the small test project, and a way to run the command line."""

from __future__ import annotations

import datetime as dt
import fcntl
import http.server
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["recording"]  # the record's fixtures: a database per module on each backend, the approved build
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
TODAY = dt.date(2026, 6, 1)  # the fixture leaflets were published 2026-01-15, due for review 2027-01-15
DIAGRAM = """
diagram:
  file: alpha.svg
  section: what_it_is
  alt: Two boxes showing the 2 steps of alpha therapy.
  caption: Alpha therapy happens in 2 steps.
"""  # the test project's diagram, added to a leaflet by the tests that need one


# The shipped sample, by name: a clinic may add its own brands and leaflets to content/, and the
# tests of the sample must neither count nor build those.
SAMPLE_BRANDS = ("northfield", "riverside")
SAMPLE_LEAFLETS = ("hsct", "ivig", "overview", "plasma-exchange")
SAMPLE_THERAPIES = ("hsct", "ivig", "plasma-exchange")


def sample_selection(brands: tuple[str, ...] = SAMPLE_BRANDS) -> list[str]:
    """Command-line options that choose the shipped sample (or some of its brands) and nothing else."""
    return [*(arg for brand in brands for arg in ("--brand", brand)),
            *(arg for leaflet in SAMPLE_LEAFLETS for arg in ("--leaflet", leaflet))]


def load_sample():
    """The shipped sample brands and leaflets, loaded without anything else in content/."""
    from leaflets.model.project import load_project
    return load_project(ROOT, None, SAMPLE_BRANDS, SAMPLE_LEAFLETS)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_build(*args: str | Path, measured: bool = True) -> Result:
    """Run `python build.py ARGS` as a user would, from the project folder. Under coverage (.ci/run)
    the build is measured too, unless `measured` is False (the shared builds of the whole sample:
    tracing a hundred renders would cost minutes and measure nothing the other tests do not)."""
    env = None if measured else {k: v for k, v in os.environ.items() if not k.startswith(("COVERAGE_", "COV_CORE_"))}
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    return Result(proc.returncode, proc.stdout, proc.stderr)


class _Collect(logging.Handler):
    """Keeps every record at WARNING or above that reaches it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def weasyprint_warnings(request: pytest.FixtureRequest) -> Iterator[list[logging.LogRecord]]:
    """Fail any test in which WeasyPrint logs a warning or worse, as WeasyPrint's own suite does
    (its tests' assert_no_logs): a warning means something was dropped from the page.

    leaflets/render/pdf.py stops the "weasyprint" logger propagating (so caplog never sees it) and
    hangs its own handler on it while rendering; this one hangs beside it, and the logger's children
    (weasyprint.progress, ...) reach it too. Only renders in this process are seen: a build run as a
    subprocess (run_build, Build) or in a pool of workers is not; an in-process build with workers=1
    is. A test that provokes a warning on purpose is marked @pytest.mark.weasyprint_warnings, takes
    this fixture, and asserts the warnings it expects."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("weasyprint_warnings") is None:
        pytest.fail("WeasyPrint logged a warning: " + "; ".join(
            f"{record.levelname} {record.name}: {record.getMessage()}" for record in handler.records),
            pytrace=False)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/content for one test to edit."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def problems(content: Path) -> list[str]:
    """The problems loading this content reports, as printed; the content must have some."""
    from leaflets.errors import ContentError
    from leaflets.model.project import load_project
    try:
        load_project(ROOT, content)
    except ContentError as exc:
        return [str(problem) for problem in exc.problems]
    raise AssertionError("the content loaded without problems")


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in `path`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run by whichever worker process asks first (the others wait for
    it, then reuse it): a build of the whole sample is too slow to make once per worker."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, shared by its workers
    out = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / ".made").exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            make(out)
            (out / ".made").touch()
    return out


def _make_sample(out: Path) -> None:
    result = run_build("--out", out, *sample_selection(), measured=False)
    assert result.code == 0, result.err
    # The site is made from every leaflet (a build naming leaflets leaves it alone, and 'site' would
    # add another clinic's leaflets): write it from the sample's PDFs just built.
    from leaflets.outputs.site import build_sites
    build_sites(load_sample(), list(SAMPLE_BRANDS), out, dt.date.today())


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build of the shipped sample brands and leaflets, made once per test run."""
    return shared(tmp_path_factory, "sample-output", _make_sample)


def _make_other_papers(out: Path) -> None:
    for args in (("--paper", "letter", "--large-print", *sample_selection()),
                 ("--paper", "letter", "--standard-print", "--brand", "northfield", "--leaflet", "hsct"),
                 ("--paper", "a5", "--standard-print", *sample_selection())):
        result = run_build("--out", out, *args, measured=False)
        assert result.code == 0, result.err


@pytest.fixture(scope="session")
def other_papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample on US Letter in large print and on A5 (standard print; large print is always
    A4 or Letter), every brand, leaflet and language, and Northfield's aHSCT leaflet on Letter in
    standard print: the variants the default build does not make, where the urgent box has least
    room. Each PDF was read back by the build, which refuses one that breaks a promise."""
    return shared(tmp_path_factory, "other-papers", _make_other_papers)


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it receives and answers with a small SVG."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
