"""Sharded builds for job-array schedulers, and merging their parts into one manifest."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, run_build

from leaflets.errors import UsageError
from leaflets.outputs.shards import Shard, parse_shard, select, shard_of

TODAY = ("--today", "2026-06-01")


def build_shards(content: Path, root: Path, count: int = 3) -> list[Path]:
    folders = []
    for k in range(1, count + 1):
        folder = root / f"shard-{k}"
        result = run_build("--content", content, "--out", folder, "--shard", f"{k}/{count}", *TODAY)
        assert result.code == 0, result.err
        folders.append(folder)
    return folders


@pytest.fixture(scope="module")
def built_shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The fixture project in 3 shards, built once for the tests that merge them."""
    root = tmp_path_factory.mktemp("shards")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    return root / "content", build_shards(root / "content", root)


@pytest.fixture
def shards(built_shards: tuple[Path, list[Path]], tmp_path: Path) -> list[Path]:
    """A private copy of the 3 shards, for a test to merge or damage."""
    copies = [tmp_path / folder.name for folder in built_shards[1]]
    for folder, copy in zip(built_shards[1], copies, strict=True):
        shutil.copytree(folder, copy)
    return copies


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(("manifest.part-", "."))}


def test_three_shards_merged_equal_one_unsharded_build_byte_for_byte(built_shards: tuple[Path, list[Path]],
                                                                     shards: list[Path], tmp_path: Path) -> None:
    content, folders = built_shards[0], shards
    whole = tmp_path / "whole"
    assert run_build("--content", content, "--out", whole, *TODAY).code == 0
    result = run_build("merge", *folders, "--out", tmp_path / "merged", "--content", content)
    assert result.code == 0, result.err
    # Shards leave the web site out; 'site' on the merged folder writes it without rendering a PDF.
    site = run_build("site", "--content", content, "--out", tmp_path / "merged", *TODAY)
    assert site.code == 0 and " rendered " not in site.out, site.out
    assert files(tmp_path / "merged") == files(whole)
    assert (tmp_path / "merged" / "manifest.json").read_bytes() == (whole / "manifest.json").read_bytes()


def test_merge_refuses_a_missing_shard(shards: list[Path], tmp_path: Path) -> None:
    folders = shards
    result = run_build("merge", folders[0], folders[2], "--out", tmp_path / "merged", "--content", FIXTURE_CONTENT)
    assert result.code == 1
    assert result.err == "error: shard 2 of 3 is missing; build it with --shard K/N and merge again\n"
    assert not (tmp_path / "merged").exists()


def test_merge_refuses_a_shard_given_twice(shards: list[Path], tmp_path: Path) -> None:
    folders = shards
    shutil.copytree(folders[1], tmp_path / "again")
    result = run_build("merge", *folders, tmp_path / "again", "--out", tmp_path / "merged",
                       "--content", FIXTURE_CONTENT)
    assert result.code == 1
    assert result.err == (f"error: shard 2 of 3 is given twice: {folders[1]}/manifest.part-2-of-3.json and "
                          f"{tmp_path}/again/manifest.part-2-of-3.json\n")


def test_merge_refuses_a_pdf_changed_after_its_shard_was_built(shards: list[Path], tmp_path: Path) -> None:
    folders = shards
    pdf = next(p for folder in folders for p in folder.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    result = run_build("merge", *folders, "--out", tmp_path / "merged", "--content", FIXTURE_CONTENT)
    assert result.code == 1
    assert "its SHA-256 does not match" in result.err and str(pdf) in result.err


def chosen(labels: list[str], count: int) -> list[set[str]]:
    """The labels each of `count` shards takes from the plan, as the build selects them."""
    return [{labels[i] for i in select(labels, Shard(k, count))} for k in range(count)]


def test_a_pdf_keeps_its_shard_when_other_pdfs_are_added() -> None:
    labels = [f"brand-{b}/leaflet-{n}-email-a4" for b in range(20) for n in range(10)]
    before = chosen(labels, 4)
    assert all(before) and set().union(*before) == set(labels)
    # New PDFs come first, last and in between, moving every old one to another place in the plan.
    more = ["aaa-new/leaflet-email-a4", *(x for label in labels for x in (label, f"{label}-new")), "zzz-new/a"]
    after = chosen(more, 4)
    assert [shard & set(labels) for shard in after] == before
    assert sum(map(len, after)) == len(more)


def test_a_pdfs_shard_is_the_same_on_every_machine_and_python() -> None:
    # sha256 of the label, first 8 bytes big-endian, modulo the count: not Python's salted hash()
    assert [shard_of(label, 4) for label in ("riverside/ivig-email-a4", "northfield/hsct-email-a4-large-print",
                                             "testclinic/alpha-email-a4")] == [2, 3, 3]


@pytest.mark.parametrize(("environ", "expected"), [
    ({"JOB_COMPLETION_INDEX": "0"}, Shard(0, 4)),
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "3"}, Shard(3, 4)),
    ({"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1"}, Shard(1, 4)),
    ({"SLURM_ARRAY_TASK_ID": "2"}, Shard(2, 4)),
])
def test_the_task_index_comes_from_the_schedulers_own_variable(environ: dict, expected: Shard) -> None:
    assert parse_shard("4", environ) == expected


@pytest.mark.parametrize(("value", "environ", "message"), [
    ("4", {}, "--shard 4: no task index found in JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, "
              "SLURM_ARRAY_TASK_ID; give it as --shard K/4"),
    ("4", {"JOB_COMPLETION_INDEX": "4"}, "JOB_COMPLETION_INDEX=4 (from the Kubernetes Indexed Job) gives task 5, "
                                         "but --shard 4 asks for 4 shards; make the array 4 tasks long"),
    ("5/4", {}, "--shard '5/4': K must be between 1 and 4"),
    ("0/4", {}, "--shard '0/4': K must be between 1 and 4"),
    ("a/b", {}, "--shard 'a/b' is not K/N or N (for example --shard 2/4, or --shard 4 in a job array)"),
    ("²/4", {}, "--shard '²/4' is not K/N or N (for example --shard 2/4, or --shard 4 in a job array)"),
    ("4", {"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "¹"},
     "SLURM_ARRAY_TASK_MIN='¹' (from the Slurm job array) is not a task index: it must be a whole number in the "
     "digits 0-9; fix the job array's settings, or give the shard as --shard K/N instead of --shard 4"),
])
def test_a_shard_that_cannot_be_taken_is_a_usage_error(value: str, environ: dict, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_shard(value, environ)
    assert str(caught.value) == message


def test_a_bad_shard_on_the_command_line_exits_2_and_writes_nothing(content: Path, tmp_path: Path) -> None:
    result = run_build("--content", content, "--out", tmp_path / "out", "--shard", "7/3", *TODAY)
    assert (result.code, result.err) == (2, "error: --shard '7/3': K must be between 1 and 3\n")
    assert not (tmp_path / "out").exists()


def test_merge_waits_for_a_build_into_the_same_folder(shards: list[Path], tmp_path: Path) -> None:
    folders = shards
    target = tmp_path / "merged"
    target.mkdir()
    with open(target / ".build.lock", "w") as lock:  # stands for a build that is still writing there
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        merge = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "merge", *map(str, folders), "--out",
                                  str(target), "--content", str(FIXTURE_CONTENT)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert merge.stdout is not None
        assert merge.stdout.readline() == f"waiting for another build into {target} to finish (process {os.getpid()})\n"
        assert merge.poll() is None and not (target / "manifest.json").exists()
    out, err = merge.communicate(timeout=120)
    assert merge.returncode == 0, err
    assert out == f"merged 3 folders: 4 PDFs in {target / 'manifest.json'}\n"
