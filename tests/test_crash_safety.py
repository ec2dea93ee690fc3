"""A build killed at any moment leaves every PDF old-and-complete or new-and-complete, and the
manifest true to the files on disk."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, edit, run_build


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("delay", [0.3, 1.0, 1.8, 2.6])
def test_a_build_killed_mid_way_leaves_whole_files_and_a_true_manifest(content: Path, tmp_path: Path,
                                                                      delay: float) -> None:
    out = tmp_path / "out"
    assert run_build("--content", content, "--out", out, "--today", "2026-06-01").code == 0
    old = {p.name: sha(p) for p in (out / "testclinic").glob("*.pdf")}
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha therapy, second edition")
    edit(content / "overview.yaml", "title: Test overview", "title: Test overview, second edition")
    new_out = tmp_path / "new"
    assert run_build("--content", content, "--out", new_out, "--today", "2026-06-01").code == 0
    new = {p.name: sha(p) for p in (new_out / "testclinic").glob("*.pdf")}

    build = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content), "--out", str(out),
                              "--today", "2026-06-01", "--jobs", "1"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait()

    for pdf in (out / "testclinic").glob("*.pdf"):
        assert sha(pdf) in (old[pdf.name], new[pdf.name]), pdf.name
    assert sorted(p.name for p in (out / "testclinic").glob("*.pdf")) == sorted(old)
    for entry in json.loads((out / "manifest.json").read_text())["leaflets"]:
        assert sha(out / entry["path"]) == entry["sha256"], entry["path"]
    assert run_build("--content", content, "--out", out, "--today", "2026-06-01").code == 0
    assert {p.name: sha(p) for p in (out / "testclinic").glob("*.pdf")} == new
