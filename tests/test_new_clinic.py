"""A clinic that adds its own brand (and its own leaflet) as the README says keeps the test suite
green: the tests of the shipped sample name what they check instead of counting content/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
NOT_COPIED = shutil.ignore_patterns(".git", "output", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info",
                                    ".venv", "venv", "*.eml")


def add_clinic_as_the_readme_says(project: Path) -> None:
    """README, "Adding a clinic": copy riverside's folder, then edit _brand.yml for the new clinic;
    and, as "Editing content" says, one more leaflet file of its own."""
    brands = project / "content/brands"
    shutil.copytree(brands / "riverside", brands / "hillside")
    brand = brands / "hillside/_brand.yml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("Riverside", "Hillside").replace(
        "riverside", "hillside"), encoding="utf-8")
    leaflet = (project / "content/ivig.yaml").read_text(encoding="utf-8")
    own = re.sub(r"(?m)^(  id: ).*$", r"\1HILLSIDE-IVIG", leaflet, count=1)
    (project / "content/hillside-ivig.yaml").write_text(own, encoding="utf-8")


def test_adding_a_clinic_as_the_readme_says_leaves_the_sample_checks_green(tmp_path: Path) -> None:
    """The sample checks that share the one sample build run in a copy of the project with the new
    clinic; those that make builds of their own are left out, to keep the suite quick."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_COPIED)
    add_clinic_as_the_readme_says(project)
    # The copy's own suite is not measured when this one runs under coverage (.ci/run): its files are
    # not leaflets/, and measuring its builds would only cost time.
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("COVERAGE_", "COV_CORE_"))},
           "PYTHONDONTWRITEBYTECODE": "1"}
    check = subprocess.run([sys.executable, "build.py", "check", "--brand", "hillside", "--leaflet", "hillside-ivig"],
                           cwd=project, capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stderr
    assert "ok: 1 leaflet and 1 brand are valid (2 PDFs would be built)" in check.stdout
    suite = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-m", "sample and not slow", "-p",
                            "no:cacheprovider"],
                           cwd=project, capture_output=True, text=True, env=env)
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr[-3000:]
    summary = suite.stdout.strip().splitlines()[-1]
    assert re.search(r"\b\d{2,} passed\b", summary) and "failed" not in summary, summary
