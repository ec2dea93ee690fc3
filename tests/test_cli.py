"""The command line: build, subsets, check, exit codes, and what happens to files on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, edit, run_build

from leaflets.errors import RenderError
from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.outputs import build as building
from leaflets.outputs.write import atomic_write
from leaflets.render import job as render_job


def pdfs(out: Path) -> dict[str, bytes]:
    """The built PDFs (not the web site's copies of them in out/site/)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.pdf"))
            if p.relative_to(out).parts[0] != "site"}


def test_build_writes_each_leaflet_for_each_brand_and_shows_progress(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build("--content", content, "--out", out)
    assert result.code == 0, result.err
    assert list(pdfs(out)) == ["testclinic/alpha-email-a4-large-print.pdf", "testclinic/alpha-email-a4.pdf",
                               "testclinic/overview-email-a4-large-print.pdf", "testclinic/overview-email-a4.pdf"]
    assert "[1/4] rendered testclinic/alpha-email-a4" in result.out
    assert "[4/4] rendered testclinic/overview-email-a4-large-print" in result.out


def test_leaflet_option_builds_only_that_leaflet_by_file_name_or_id(content: Path, tmp_path: Path) -> None:
    for name in ("alpha", "TEST-ALPHA"):
        out = tmp_path / name
        result = run_build("--content", content, "--out", out, "--leaflet", name, "--standard-print")
        assert result.code == 0, result.err
        assert list(pdfs(out)) == ["testclinic/alpha-email-a4.pdf"]
        manifest = json.loads((out / "manifest.json").read_text())
        assert [e["path"] for e in manifest["leaflets"]] == ["testclinic/alpha-email-a4.pdf"]


def test_a_partial_build_keeps_the_other_manifest_entries(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build("--content", content, "--out", out, "--standard-print").code == 0
    assert run_build("--content", content, "--out", out, "--leaflet", "overview", "--standard-print").code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert [e["path"] for e in manifest["leaflets"]] == ["testclinic/alpha-email-a4.pdf",
                                                         "testclinic/overview-email-a4.pdf"]


def test_unknown_brand_is_a_usage_error_with_exit_2(content: Path, tmp_path: Path) -> None:
    result = run_build("--content", content, "--out", tmp_path / "out", "--brand", "nowhere")
    assert result.code == 2
    assert result.err.strip() == "error: unknown brand 'nowhere' (choose from: testclinic)"
    assert not (tmp_path / "out").exists()


def test_unknown_option_is_a_usage_error_with_exit_2() -> None:
    result = run_build("--colour", "red")
    assert result.code == 2
    assert "No such option '--colour'" in result.err


def test_check_validates_and_writes_nothing(content: Path, tmp_path: Path) -> None:
    before = sorted(p for p in tmp_path.rglob("*"))
    result = run_build("--content", content, "check")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2:] == [
        "ok: 2 leaflets and 1 brand are valid (4 PDFs would be built)",
        "2 leaflets will be marked 'DRAFT - not for patient use' (not approved, or past review)",
    ]
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_building_options_are_refused_with_check(content: Path, tmp_path: Path) -> None:
    result = run_build("--content", content, "--out", tmp_path / "out", "check")
    assert result.code == 2
    assert "--out applies to building, not to 'check'" in result.err
    assert not (tmp_path / "out").exists()


def test_check_reports_problems_with_exit_1(content: Path) -> None:
    edit(content / "alpha.yaml", "published: 2026-01-15", "published: tomorrow")
    result = run_build("--content", content, "check")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{content}/alpha.yaml:6:14: document.published: 'tomorrow' is not a date "
        "(write it as YYYY-MM-DD, for example 2026-11-25)",
        "1 problem found; nothing was written.",
    ]


def test_a_user_mistake_exits_1_without_traceback_and_keeps_previous_pdfs(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build("--content", content, "--out", out, "--standard-print").code == 0
    before = pdfs(out)
    manifest_before = (out / "manifest.json").read_bytes()
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha therapy changed")
    edit(content / "brands/testclinic/_brand.yml", "path: logo.svg", "path: gone.svg")
    result = run_build("--content", content, "--out", out)
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    assert "logo.medium.path: file 'gone.svg' not found" in result.err
    assert pdfs(out) == before
    assert (out / "manifest.json").read_bytes() == manifest_before


@pytest.mark.parametrize(("file", "text"), [
    ("alpha.yaml", "a: &x [1]\nb: *x\n"),
    ("alpha.yaml", "type: therapy\ndocument:\n  published: 2026-02-30\n"),
    ("alpha.yaml", "- just\n- a list\n"),
    ("overview.yaml", "\x00\xff\xfe"),
    ("brands/testclinic/fonts/AtkinsonHyperlegible-Regular.ttf", "not a font"),
])
def test_broken_files_never_print_a_traceback(content: Path, file: str, text: str) -> None:
    (content / file).write_text(text, encoding="latin-1")
    result = run_build("--content", content, "check")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.startswith(str(content))
    assert result.err.rstrip().endswith("found; nothing was written.")


def test_debug_flag_shows_the_traceback(content: Path) -> None:
    edit(content / "alpha.yaml", "published: 2026-01-15", "published: tomorrow")
    result = run_build("--content", content, "--debug", "check")
    assert result.code == 1
    assert "Traceback" in result.err


def test_a_failed_render_keeps_its_old_pdf_and_the_others_are_still_made(
        monkeypatch: pytest.MonkeyPatch, content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build("--content", content, "--out", out, "--standard-print").code == 0
    before = pdfs(out)
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha therapy, second edition")
    edit(content / "overview.yaml", "title: Test overview", "title: Test overview, second edition")
    project = load_project(ROOT, content)
    jobs = plan(project, large_print=False)
    real = render_job.render_pdf
    calls = []

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RenderError("refused to read '/etc/passwd': it is outside the project's asset folders")
        return real(*args, **kwargs)

    monkeypatch.setattr(render_job, "render_pdf", fail_second)
    with pytest.raises(RenderError, match=r"^1 of 2 PDFs could not be made \(the others were written\):\n"
                                          r"testclinic/overview-email-a4: refused to read '/etc/passwd'"):
        building.build(project, jobs, out, lambda message: None, TODAY)
    after = pdfs(out)
    assert after["testclinic/overview-email-a4.pdf"] == before["testclinic/overview-email-a4.pdf"]
    assert after["testclinic/alpha-email-a4.pdf"] != before["testclinic/alpha-email-a4.pdf"]
    manifest = json.loads((out / "manifest.json").read_text())
    titles = {entry["leaflet"]: entry["title"] for entry in manifest["leaflets"]}
    assert titles == {"alpha": "Alpha therapy, second edition", "overview": "Test overview"}


def test_parallel_and_serial_builds_make_the_same_pdfs(content: Path, tmp_path: Path) -> None:
    shas = []
    for workers in ("1", "2"):
        out = tmp_path / workers
        result = run_build("--content", content, "--out", out, "--jobs", workers, "--today", "2026-06-01")
        assert result.code == 0, result.err
        numbers = [line.split("]")[0] for line in result.out.splitlines() if "rendered" in line and "[" in line]
        assert numbers == ["[1/4", "[2/4", "[3/4", "[4/4"]  # progress in order, whatever finishes first
        shas.append({e["path"]: e["sha256"] for e in json.loads((out / "manifest.json").read_text())["leaflets"]})
    assert shas[0] == shas[1]


def test_a_write_failing_part_way_keeps_the_manifest_true_to_the_files(monkeypatch: pytest.MonkeyPatch,
                                                                      content: Path, tmp_path: Path) -> None:
    import hashlib
    out = tmp_path / "out"
    assert run_build("--content", content, "--out", out, "--standard-print").code == 0
    edit(content / "alpha.yaml", "title: Alpha therapy", "title: Alpha therapy, second edition")
    edit(content / "overview.yaml", "title: Test overview", "title: Test overview, second edition")
    project = load_project(ROOT, content)
    real = building.atomic_write

    def fail_on_overview(path: Path, data: bytes) -> None:
        if path.name == "overview-email-a4.pdf":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(building, "atomic_write", fail_on_overview)
    with pytest.raises(OSError, match="No space left on device") as caught:
        building.build(project, plan(project, large_print=False), out, lambda message: None, TODAY)
    assert caught.value.filename == str(out / "testclinic/overview-email-a4.pdf")
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["leaflets"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    titles = {entry["leaflet"]: entry["title"] for entry in manifest["leaflets"]}
    assert titles == {"alpha": "Alpha therapy, second edition", "overview": "Test overview"}


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "leaflet.pdf"
    target.write_bytes(b"old complete file")

    def disk_full(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("leaflets.outputs.write.os.fsync", disk_full)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new half-written file")
    assert target.read_bytes() == b"old complete file"
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "leaflet.pdf"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert list(target.parent.iterdir()) == [target]


def test_an_unwritable_output_folder_is_an_error_without_traceback(content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_build("--content", content, "--out", blocker / "out")
    assert result.code == 1
    assert result.err.splitlines()[-1].startswith("error: ")
    assert "Traceback" not in result.err


def test_a_new_clinic_is_one_more_folder(content: Path, tmp_path: Path) -> None:
    import shutil
    shutil.copytree(content / "brands/testclinic", content / "brands/second-clinic")
    edit(content / "brands/second-clinic/_brand.yml", "full: Test Clinic MS Service", "full: Second Clinic")
    out = tmp_path / "out"
    result = run_build("--content", content, "--out", out, "--leaflet", "alpha", "--standard-print")
    assert result.code == 0, result.err
    assert list(pdfs(out)) == ["second-clinic/alpha-email-a4.pdf", "testclinic/alpha-email-a4.pdf"]


def test_check_takes_the_selection_options_after_the_command_too(content: Path) -> None:
    result = run_build("check", "--content", content, "--leaflet", "alpha")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2] == "ok: 1 leaflet and 1 brand are valid (2 PDFs would be built)"
    assert run_build("check", "--content", content, "--brand", "nowhere").code == 2


def test_a_content_folder_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = run_build("--content", tmp_path / "nowhere", "check")
    assert result.code == 2
    assert "does not exist" in result.err


def test_the_build_refuses_a_low_contrast_brand_naming_the_ratio(content: Path, tmp_path: Path) -> None:
    edit(content / "brands/testclinic/_brand.yml", '  foreground: "#111111"', '  foreground: "#aaaaaa"')
    result = run_build("--content", content, "--out", tmp_path / "out")
    assert result.code == 1
    assert "color.foreground: #aaaaaa on #ffffff has a contrast of 2.32:1, below the 4.5:1" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "message"), [
    (("--jobs", "0"), "Invalid value for '--jobs'"),
    (("--paper", "a3"), "Invalid value for '--paper'"),
    (("--profile", "fax"), "Invalid value for '--profile'"),
    (("--today", "25/11/2026"), "Invalid value for '--today'"),
])
def test_bad_option_values_are_usage_errors(content: Path, tmp_path: Path, args: tuple, message: str) -> None:
    result = run_build("--content", content, "--out", tmp_path / "out", *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()
