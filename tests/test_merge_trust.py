"""`merge` trusts nothing in a shard's part: each hostile part is refused with a plain message, exit 1,
and nothing is written, inside the output folder or out of it.

The shards here are small fakes that match the plan's slices exactly (the plan is a pure function of
the content, so it is made in-process, without rendering): test_shards.py merges real ones."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURE_CONTENT, ROOT, TODAY

from leaflets.cli import main
from leaflets.errors import RenderError
from leaflets.model.plan import Job, plan_selection
from leaflets.model.project import load_project
from leaflets.model.selection import Selection
from leaflets.outputs import build as building
from leaflets.outputs.entries import manifest_entry
from leaflets.outputs.parts import MAX_PDF_BYTES
from leaflets.outputs.shards import Shard, select
from leaflets.render import job as render_job

COUNT = 3  # the fixture's 4 PDFs: none in shard 1, two in shard 2, two in shard 3
SELECTION = Selection(today=TODAY)
KEY = "0" * 64  # a cache key: merge checks its form, not its value


@pytest.fixture(scope="module")
def slices() -> list[list[Job]]:
    """The jobs each shard plans, as the build would slice them."""
    jobs = plan_selection(load_project(ROOT, FIXTURE_CONTENT), SELECTION)
    labels = [job.label for job in jobs]
    return [[jobs[i] for i in select(labels, Shard(k, COUNT))] for k in range(COUNT)]


class Shards:
    """Fake shard folders under `root`, each with its PDFs and its part, for a test to damage."""

    def __init__(self, root: Path, slices: list[list[Job]]) -> None:
        self.root, self.out = root, root / "out"
        self.folders = [root / "shards" / f"shard-{k}" for k in range(1, COUNT + 1)]
        self.out.mkdir()
        (self.out / "keep.txt").write_text("a file the merge must leave alone\n")
        for k, (folder, jobs) in enumerate(zip(self.folders, slices, strict=True)):
            entries = []
            for job in jobs:
                data = f"%PDF-1.7\n% {job.label}\n".encode()
                (folder / job.output).parent.mkdir(parents=True, exist_ok=True)
                (folder / job.output).write_bytes(data)
                sha = hashlib.sha256(data).hexdigest()
                entries.append(asdict(manifest_entry(job, 1, len(data), sha, KEY)))
            folder.mkdir(parents=True, exist_ok=True)
            self.write(k + 1, {**Shard(k, COUNT, SELECTION).header(len(jobs), []), "leaflets": entries})

    def part(self, k: int) -> Path:
        return self.folders[k - 1] / f"manifest.part-{k}-of-{COUNT}.json"

    def read(self, k: int) -> dict:
        return json.loads(self.part(k).read_text())

    def write(self, k: int, data: dict) -> None:
        self.part(k).write_text(json.dumps(data, indent=2))

    def edit(self, k: int, change: Callable[[dict], None]) -> None:
        data = self.read(k)
        change(data)
        self.write(k, data)

    def merge(self) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["merge", *map(str, self.folders), "--out", str(self.out),
                                           "--content", str(FIXTURE_CONTENT)], obj={})
        return result.exit_code, result.stderr


def tree(root: Path) -> dict[str, str]:
    """Every file, folder and link under `root`, with what it holds or points to."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.stat().st_size < 2**20 else "large"
    return found


@pytest.fixture
def shards(tmp_path: Path, slices: list[list[Job]]) -> Shards:
    return Shards(tmp_path, slices)


def refused(shards: Shards, message: str) -> None:
    """Merge exits 1 with `message` in its one-line error, and nothing under the test's folder changed."""
    before = tree(shards.root)
    code, err = shards.merge()
    assert (code, err.count("\n")) == (1, 1), err
    assert err.startswith("error: ") and message in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert tree(shards.root) == before


def test_the_fake_shards_merge_when_untouched(shards: Shards, slices: list[list[Job]]) -> None:
    """The fakes are right, so each refusal below is for the one thing each test breaks."""
    assert shards.merge() == (0, "")
    merged = json.loads((shards.out / "manifest.json").read_text())["leaflets"]
    assert sorted(e["path"] for e in merged) == sorted(job.output for jobs in slices for job in jobs)
    assert all((shards.out / e["path"]).read_bytes() == (shards.root / "shards").joinpath(
        next(f.name for f in shards.folders if (f / e["path"]).exists()), e["path"]).read_bytes() for e in merged)


def test_an_entry_with_dot_dot_is_refused_and_nothing_is_written_outside(shards: Shards) -> None:
    payload = shards.root / "payload.pdf"
    payload.write_bytes(b"#!/bin/sh\n")
    (shards.root / "nested").mkdir()

    def climb(data: dict) -> None:
        data["leaflets"][0]["path"] = "../../payload.pdf"
        data["leaflets"][0]["sha256"] = hashlib.sha256(payload.read_bytes()).hexdigest()
    shards.edit(2, climb)
    refused(shards, "leaflets[0]: path '../../payload.pdf' is not a PDF of the form <brand>/<file>.pdf")


@pytest.mark.skipif(not Path("/etc/hostname").is_file(), reason="needs /etc/hostname")
def test_an_absolute_entry_with_its_true_sha256_is_refused(shards: Shards) -> None:
    def absolute(data: dict) -> None:
        data["leaflets"][0]["path"] = "/etc/hostname"
        data["leaflets"][0]["sha256"] = hashlib.sha256(Path("/etc/hostname").read_bytes()).hexdigest()
    shards.edit(2, absolute)
    refused(shards, "path '/etc/hostname' is not a PDF of the form <brand>/<file>.pdf")


def test_a_symlinked_pdf_in_a_shard_is_refused(shards: Shards) -> None:
    entry = shards.read(2)["leaflets"][0]["path"]
    pdf = shards.folders[1] / entry
    secret = shards.root / "secret.pdf"
    secret.write_bytes(pdf.read_bytes())  # the same bytes: only the link gives it away
    pdf.unlink()
    pdf.symlink_to(secret)
    refused(shards, f"{pdf}: a symbolic link; merge never follows one out of a shard's folder")


def test_a_symlinked_brand_folder_in_a_shard_is_refused(shards: Shards) -> None:
    brand = shards.folders[1] / "testclinic"
    elsewhere = shards.root / "elsewhere"
    brand.rename(elsewhere)
    brand.symlink_to(elsewhere, target_is_directory=True)
    refused(shards, f"{brand}: a symbolic link; merge never follows one out of a shard's folder")


def test_a_symlinked_part_is_refused(shards: Shards) -> None:
    part = shards.part(2)
    part.rename(shards.root / "part.json")
    part.symlink_to(shards.root / "part.json")
    refused(shards, f"{part}: a symbolic link")


def test_an_entry_from_another_shards_slice_is_refused(shards: Shards) -> None:
    stray = shards.read(3)["leaflets"][0]
    shards.edit(2, lambda data: data["leaflets"].append(stray))
    (shards.folders[1] / stray["path"]).write_bytes((shards.folders[2] / stray["path"]).read_bytes())
    refused(shards, f"leaflets[2]: {stray['path']} belongs to shard 3 of 3, not to shard 2")


def test_an_entry_moved_to_another_shard_is_refused(shards: Shards) -> None:
    moved = shards.read(3)["leaflets"][0]
    shards.edit(2, lambda data: data["leaflets"].append(moved))
    shards.edit(3, lambda data: data["leaflets"].pop(0))
    (shards.folders[2] / moved["path"]).rename(shards.folders[1] / moved["path"])
    refused(shards, "belongs to shard 3 of 3, not to shard 2")


def test_an_entry_the_plan_does_not_have_is_refused(shards: Shards) -> None:
    extra = {**shards.read(2)["leaflets"][0], "path": "testclinic/extra-email-a4.pdf"}
    shards.edit(2, lambda data: data["leaflets"].append(extra))
    (shards.folders[1] / extra["path"]).write_bytes(b"%PDF-1.7\n")
    refused(shards, "leaflets[2]: testclinic/extra-email-a4.pdf is not a PDF this content plans")


def test_an_entry_listed_twice_is_refused(shards: Shards) -> None:
    shards.edit(2, lambda data: data["leaflets"].append(data["leaflets"][0]))
    refused(shards, "leaflets[2]: testclinic/")
    refused(shards, "is listed twice in it")


def test_a_part_missing_one_planned_pdf_is_refused(shards: Shards) -> None:
    gone = shards.read(2)["leaflets"][1]["path"]
    shards.edit(2, lambda data: data["leaflets"].pop(1))
    (shards.folders[1] / gone).unlink()
    refused(shards, f"shard 2 of 3 ({shards.part(2)}): lacks 1 of the PDFs its shard planned: {gone}; "
                    "build that shard again")


def test_the_part_of_a_shard_whose_build_failed_is_refused(shards: Shards) -> None:
    failed = shards.read(3)["leaflets"][0]["path"]

    def fail(data: dict) -> None:
        data["leaflets"].pop(0)
        data["failed"] = [failed]
    shards.edit(3, fail)
    refused(shards, f"shard 3 of 3 ({shards.part(3)}): its build failed for {failed}; build that shard again")


def test_a_shard_whose_build_failed_records_it_in_its_part(shards: Shards, slices: list[list[Job]],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The build itself writes the failures into the part, and merge refuses that part."""
    def fail(*args: object, **kwargs: object) -> None:
        raise RenderError("refused to read '/etc/passwd'")
    monkeypatch.setattr(render_job, "render_pdf", fail)
    folder = shards.folders[2]
    for path in folder.rglob("*"):
        if path.is_file():
            path.unlink()
    project = load_project(ROOT, FIXTURE_CONTENT)
    with pytest.raises(RenderError):
        building.build(project, slices[2], folder, lambda message: None, TODAY, shard=Shard(2, COUNT, SELECTION))
    part = shards.read(3)
    assert (part["plan"]["pdfs"], part["failed"], part["leaflets"]) == (2, sorted(j.output for j in slices[2]), [])
    refused(shards, f"shard 3 of 3 ({shards.part(3)}): its build failed for {', '.join(part['failed'])}")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("brands", ["../x"], "plan.brands must be a list of names"),
    ("profile", "<script>", "plan.profile must be one of 'email', 'print', 'booklet'"),
    ("large_print", 1, "plan.large_print must be one of None, True, False"),
    ("today", "2026-13-01", "plan.today must be a day as YYYY-MM-DD, or null"),
])
def test_a_parts_plan_with_a_field_out_of_range_is_refused(shards: Shards, field: str, value: object,
                                                           message: str) -> None:
    shards.edit(2, lambda data: data["plan"].update({field: value}))
    refused(shards, message)


def test_parts_of_builds_that_chose_differently_are_refused(shards: Shards) -> None:
    shards.edit(3, lambda data: data["plan"].update(today="2026-06-02"))
    refused(shards, "come from builds that chose different PDFs")


def test_a_part_whose_build_chose_a_brand_the_content_lacks_is_refused(shards: Shards) -> None:
    for k in (1, 2, 3):
        shards.edit(k, lambda data: data["plan"].update(brands=["elsewhere"]))
    refused(shards, "its build chose what this content does not have (unknown brand 'elsewhere'")


def test_a_part_that_planned_another_number_of_pdfs_is_refused(shards: Shards) -> None:
    shards.edit(2, lambda data: data["plan"].update(pdfs=1))
    refused(shards, "its build planned 1 PDFs but this content plans 2 for it")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("status", "approved", "status is 'approved' but this content says 'draft'"),
    ("draft", False, "draft is False but this content says True"),
    ("title", "<script>alert(1)</script>", "title is '<script>alert(1)</script>' but this content says"),
    ("pages", "1", "pages '1' is not a count in range"),
    ("bytes", 10**12, "bytes 1000000000000 is not a count in range"),
    ("sha256", "../x", "sha256 '../x' is not a SHA-256 in hex"),
    ("onclick", "x", "has fields a manifest entry does not: ['onclick']"),
])
def test_an_injected_or_invalid_field_is_refused(shards: Shards, field: str, value: object, message: str) -> None:
    shards.edit(2, lambda data: data["leaflets"][0].update({field: value}))
    refused(shards, message)


@pytest.mark.parametrize(("text", "message"), [
    ("{not json", "not a manifest part: it is not JSON"),
    ("[]", "not a manifest part as this version writes them: it must be a JSON object"),
    ('{"shard": {"index": 2, "count": 3}, "leaflets": []}',  # a part as versions before the plan was recorded wrote
     "not a manifest part as this version writes them: its fields must be failed, leaflets, plan, shard, "
     "not ['leaflets', 'shard']"),
    ("[" * 100_000, "not a manifest part: it is not JSON"),
    ('{"shard": {"index": 2, "count": 3}, "plan": {"pdfs": 2}, "failed": [], "leaflets": []}',
     "not a manifest part as this version writes them: plan must be an object with brands, crop_marks, languages, "
     "large_print, leaflets, paper, pdfs, profile, today"),
    ('{"shard": {"index": 2.0, "count": 3}, "plan": {}, "failed": [], "leaflets": []}',
     'not a manifest part as this version writes them: shard must be {"index": K, "count": N}'),
])
def test_a_malformed_part_is_a_plain_message_naming_the_file_and_the_fix(shards: Shards, text: str,
                                                                         message: str) -> None:
    shards.part(2).write_text(text)
    refused(shards, f"{shards.part(2)}: {message}")
    refused(shards, "build that shard again with this version of leaflets, and merge again")


def test_a_file_far_larger_than_a_leaflet_is_refused_without_reading_it(shards: Shards) -> None:
    pdf = shards.folders[1] / shards.read(2)["leaflets"][0]["path"]
    with open(pdf, "r+b") as handle:
        handle.truncate(MAX_PDF_BYTES + 1)  # sparse: costs nothing on disk
    refused(shards, f"{pdf}: {MAX_PDF_BYTES + 1:,} bytes, far larger than any leaflet")


def test_a_symlinked_brand_folder_in_the_output_is_not_written_through(shards: Shards) -> None:
    web_root = shards.root / "web-root"
    web_root.mkdir()
    (shards.out / "testclinic").symlink_to(web_root, target_is_directory=True)
    refused(shards, f"{shards.out / 'testclinic'}: a symbolic link; merge writes only into real folders")


def test_merge_refuses_a_selection_on_its_command_line(shards: Shards) -> None:
    """The brands, leaflets and languages come from the parts, checked against the content."""
    before = tree(shards.root)
    result = CliRunner().invoke(main, ["--brand", "testclinic", "merge", *map(str, shards.folders)], obj={})
    assert (result.exit_code, result.stderr) == (2, "error: merge takes the brands, leaflets and languages from the "
                                                    "shards' parts: leave out --brand, --leaflet and --language\n")
    assert tree(shards.root) == before


@pytest.mark.parametrize("value", ["²", "٣", "1\n\x1b[2J", pytest.param("9" * 5000, id="5000-digits")])
def test_a_scheduler_index_that_is_not_ascii_digits_is_a_plain_usage_error(tmp_path: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["--content", str(FIXTURE_CONTENT), "--out", str(tmp_path / "out"),
                                       "--shard", "3"], obj={}, env={"JOB_COMPLETION_INDEX": value})
    assert result.exit_code == 2
    assert result.stderr == (f"error: JOB_COMPLETION_INDEX={value!r} (from the Kubernetes Indexed Job) is not a task "
                             "index: it must be a whole number in the digits 0-9; fix the job array's settings, or "
                             "give the shard as --shard K/N instead of --shard 3\n")
    assert list(tmp_path.iterdir()) == []
