"""The worked Kubernetes and GitHub Actions examples in docs/sharding use real fields and our real CLI."""

from __future__ import annotations

import re
import shlex
import warnings

import yaml
from conftest import ROOT

from leaflets.cli import main

DOCS = ROOT / "docs" / "sharding"


def parses(command: str) -> None:
    """Parse a `python3 build.py ...` command line as the CLI would, without running it."""
    args = shlex.split(command)
    assert args[:2] == ["python3", "build.py"], command
    ctx = main.make_context("build.py", args[2:], obj={})
    with warnings.catch_warnings():  # click 8.2 deprecates protected_args; it still holds the command
        warnings.simplefilter("ignore", DeprecationWarning)
        remaining = [*ctx.protected_args, *ctx.args]
    if remaining:
        name, sub, rest = main.resolve_command(ctx, remaining)
        sub.make_context(name, rest, parent=ctx)


def test_the_kubernetes_example_is_an_indexed_job_whose_count_matches_its_shards() -> None:
    docs = list(yaml.safe_load_all((DOCS / "kubernetes-indexed-job.yaml").read_text()))
    build = next(d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "leaflets-build")
    assert build["apiVersion"] == "batch/v1"
    spec = build["spec"]
    assert spec["completionMode"] == "Indexed"
    command = spec["template"]["spec"]["containers"][0]["command"][-1]
    assert "$JOB_COMPLETION_INDEX" in command
    assert f"--shard {spec['completions']} " in command
    parses(command.replace("$JOB_COMPLETION_INDEX", "0"))
    merge = next(d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "leaflets-merge")
    merge_command = merge["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    assert all(f"/out/shard-{k}" in merge_command for k in range(spec["completions"]))
    parses(merge_command)


def test_the_github_actions_example_builds_a_matrix_of_shards_and_merges_them() -> None:
    workflow = yaml.safe_load((DOCS / "github-actions-matrix.yml").read_text())
    build, merge = workflow["jobs"]["build"], workflow["jobs"]["merge"]
    shards = build["strategy"]["matrix"]["shard"]
    assert merge["needs"] == "build"
    runs = [step["run"] for step in build["steps"] if "run" in step]
    command = next(r for r in runs if "--shard" in r)
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" in command
    for shard in shards:
        parses(command.replace("${{ matrix.shard }}", str(shard)))
    merge_command = next(step["run"] for step in merge["steps"] if "merge" in step.get("run", ""))
    assert re.findall(r"shards/shard-(\d+)", merge_command) == [str(s) for s in shards]
    parses(merge_command)
    uses = [step["uses"] for job in (build, merge) for step in job["steps"] if "uses" in step]
    assert {"actions/checkout@v4", "actions/upload-artifact@v4", "actions/download-artifact@v4"} <= set(uses)
