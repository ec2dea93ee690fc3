"""Shared fixtures: a private copy of the small test project, and a way to run the command line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
TODAY = dt.date(2026, 6, 1)  # the fixture leaflets were published 2026-01-15, due for review 2027-01-15


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_build(*args: str | Path) -> Result:
    """Run `python build.py ARGS` as a user would, from the project folder."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/content for one test to edit."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in `path`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build of the shipped sample content, made once per test run."""
    out = tmp_path_factory.mktemp("sample-output")
    result = run_build("--out", out)
    assert result.code == 0, result.err
    return out
