"""A PDF is rendered again only when something it is made from has changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit, run_build


def build(content: Path, out: Path, *extra: str) -> list[str]:
    """Build the fixture project; return the PDFs that were rendered (not up to date)."""
    result = run_build("--content", content, "--out", out, "--today", "2026-06-01", *extra)
    assert result.code == 0, result.err
    return [line.split("rendered ", 1)[1] for line in result.out.splitlines() if " rendered " in line]


def test_a_second_build_with_no_change_renders_nothing_and_says_so(content: Path, tmp_path: Path) -> None:
    assert len(build(content, tmp_path)) == 4
    result = run_build("--content", content, "--out", tmp_path, "--today", "2026-06-01")
    assert result.out.splitlines()[-1] == (f"nothing to render: all 4 PDFs in {tmp_path} are up to date "
                                           "(no input changed)")


def modules_loaded_by_a_build(*args: str | Path) -> set[str]:
    """Run a build in a fresh process; the top-level modules it imported."""
    script = ("import atexit, runpy, sys; "
              "atexit.register(lambda: print('MODULES', *sorted({m.split('.')[0] for m in sys.modules}), "
              "file=sys.stderr)); sys.argv = ['build.py', *sys.argv[1:]]; "
              "runpy.run_path('build.py', run_name='__main__')")
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stderr.splitlines()[-1].split()[1:])


def test_a_no_change_build_decides_without_loading_weasyprint(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    loaded = modules_loaded_by_a_build("--content", content, "--out", tmp_path, "--today", "2026-06-01")
    assert "click" in loaded
    assert not loaded & {"weasyprint", "pydantic", "jinja2", "textstat", "yaml"}


def test_a_new_day_checks_every_pdf_again_and_renders_none(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    result = run_build("--content", content, "--out", tmp_path, "--today", "2026-06-02")
    assert result.out.splitlines()[-2:] == [f"the web site {tmp_path / 'site' / 'testclinic'} is up to date",
                                            f"nothing to render: all 4 PDFs in {tmp_path} are up to date"]


def test_other_options_are_inputs_too(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    assert build(content, tmp_path) == []
    assert len(build(content, tmp_path, "--paper", "letter")) == 4


def test_editing_a_therapys_text_renders_only_that_leaflet(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a trial.")
    assert build(content, tmp_path) == ["testclinic/alpha-email-a4", "testclinic/alpha-email-a4-large-print"]


def test_editing_a_therapys_at_a_glance_also_renders_the_overview(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    edit(content / "alpha.yaml", "  how_long: About 1 hour.", "  how_long: About 2 hours.")
    assert sorted(build(content, tmp_path)) == [
        "testclinic/alpha-email-a4", "testclinic/alpha-email-a4-large-print",
        "testclinic/overview-email-a4", "testclinic/overview-email-a4-large-print"]


def test_a_brand_change_renders_everything_for_that_brand(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    edit(content / "brands/testclinic/_brand.yml", 'navy: "#204060"', 'navy: "#203060"')
    assert len(build(content, tmp_path)) == 4


def test_a_changed_font_file_renders_everything_for_that_brand(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    font = content / "brands/testclinic/fonts/AtkinsonHyperlegible-Regular.ttf"
    font.write_bytes(font.read_bytes() + b"\0")
    assert len(build(content, tmp_path)) == 4


def test_a_deleted_or_altered_pdf_is_rendered_again(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    (tmp_path / "testclinic/alpha-email-a4.pdf").unlink()
    (tmp_path / "testclinic/overview-email-a4.pdf").write_bytes(b"%PDF-1.7 damaged")
    assert sorted(build(content, tmp_path)) == ["testclinic/alpha-email-a4", "testclinic/overview-email-a4"]


def test_force_renders_everything(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    assert len(build(content, tmp_path, "--force")) == 4


def test_the_manifest_records_each_pdfs_cache_key(content: Path, tmp_path: Path) -> None:
    build(content, tmp_path)
    entries = json.loads((tmp_path / "manifest.json").read_text())["leaflets"]
    assert len({e["cache_key"] for e in entries}) == 4
    assert all(len(e["cache_key"]) == 64 for e in entries)
