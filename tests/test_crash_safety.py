"""A build killed at any moment leaves every PDF old-and-complete or new-and-complete, the manifest true
to the files on disk, and every PDF it reported as written recorded (the manifest's journal), so the
next build does not make it again.

The moments are events, not delays: the build is killed as it starts, and just after its progress line
for the 1st, 2nd or 3rd PDF, read from its stdout line by line."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, edit, run_build

TODAY = ("--today", "2026-06-01")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdfs(out: Path) -> dict[str, str]:
    return {p.name: sha(p) for p in (out / "testclinic").glob("*.pdf")}


@dataclass(frozen=True)
class Editions:
    content: Path  # the second edition's content
    old_out: Path  # the first edition, built
    old: dict[str, str]
    new: dict[str, str]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    """The fixture project built, then two leaflets edited and built again: made once for every moment."""
    root = tmp_path_factory.mktemp("editions")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    assert run_build("--content", content, "--out", root / "old", *TODAY).code == 0
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha therapy, second edition")
    edit(content / "overview.yaml", "title: Test overview", "title: Test overview, second edition")
    assert run_build("--content", content, "--out", root / "new", *TODAY).code == 0
    old, new = pdfs(root / "old"), pdfs(root / "new")
    assert len(old) == 4 and not set(old.values()) & set(new.values())  # every PDF changes
    return Editions(content, root / "old", old, new)


@pytest.mark.parametrize("after", [0, 1, 2, 3], ids=lambda n: f"after-{n}-pdfs")
def test_a_build_killed_mid_way_leaves_whole_files_and_a_true_manifest(editions: Editions, tmp_path: Path,
                                                                      after: int) -> None:
    out = tmp_path / "out"
    shutil.copytree(editions.old_out, out)
    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(editions.content), "--out",
                              str(out), *TODAY, "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert build.stdout is not None
    written = []
    try:
        while len(written) < after:  # each line comes once its PDF and journal line are on disk
            line = build.stdout.readline()
            assert line, f"the build ended after {written} (exit status {build.wait()})"
            if "] rendered " in line:
                written.append(line.split("] rendered ", 1)[1].strip())
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=60)
        build.stdout.close()

    assert sorted(pdfs(out)) == sorted(editions.old)
    for name, digest in pdfs(out).items():
        assert digest in (editions.old[name], editions.new[name]), name
    for entry in json.loads((out / "manifest.json").read_text())["leaflets"]:
        assert sha(out / entry["path"]) == entry["sha256"], entry["path"]
    again = run_build("--content", editions.content, "--out", out, *TODAY, "--jobs", "1")
    assert again.code == 0, again.err
    up_to_date = [line.split("] up to date ", 1)[1] for line in again.out.splitlines() if "] up to date " in line]
    assert set(written) <= set(up_to_date), again.out  # what the killed build reported, it kept
    assert pdfs(out) == editions.new
