"""Split the planned PDFs into N shards for job-array schedulers, the same way on every machine.

A PDF's shard comes from a hash of its own name (brand, leaflet and variant), not its place in the
plan, so adding a brand or a leaflet never moves another PDF to a different shard.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import UsageError
from ..model.selection import Selection

# The variable each scheduler sets to a task's index in its array, and the first index it uses.
SCHEDULERS = (
    ("JOB_COMPLETION_INDEX", "Kubernetes Indexed Job"),
    ("AWS_BATCH_JOB_ARRAY_INDEX", "AWS Batch array job"),
    ("SLURM_ARRAY_TASK_ID", "Slurm job array"),
)
MAX_SHARDS = 10_000
# An index or count: ASCII digits only ("²".isdigit() is True, and int() takes Arabic-Indic digits),
# and few enough that int() never meets Python's limit on the length of a number.
NUMBER = "[0-9]{1,9}"


@dataclass(frozen=True)
class Shard:
    index: int  # 0-based
    count: int
    selection: Selection = field(default_factory=Selection, compare=False)  # what the whole build planned

    @property
    def part_name(self) -> str:
        """The manifest part this shard writes beside its PDFs."""
        return f"manifest.part-{self.index + 1}-of-{self.count}.json"

    def header(self, planned: int, failed: Sequence[str]) -> dict:
        """What the part records of its shard, counted from 1 as in its name: the build's selection,
        how many PDFs this shard planned and which of them failed, so that merge can check the part
        against the plan it recomputes from the content."""
        return {"shard": {"index": self.index + 1, "count": self.count},
                "plan": {**self.selection.as_json(), "pdfs": planned}, "failed": sorted(failed)}

    def __str__(self) -> str:
        return f"shard {self.index + 1} of {self.count}"


def shard_of(label: str, count: int) -> int:
    """The 0-based shard of the PDF called `label` (for example riverside/ivig-email-a4)."""
    return int.from_bytes(hashlib.sha256(label.encode("utf-8")).digest()[:8], "big") % count


def parse_shard(value: str, environ: Mapping[str, str] = os.environ) -> Shard:
    """`K/N` (K counted from 1), or `N` alone to take K from the scheduler's own variable."""
    match = re.fullmatch(rf"\s*(?:({NUMBER})\s*/\s*)?({NUMBER})\s*", value)
    if not match:
        raise UsageError(f"--shard '{value}' is not K/N or N (for example --shard 2/4, or --shard 4 in a job array)")
    count = int(match.group(2))
    if not 1 <= count <= MAX_SHARDS:
        raise UsageError(f"--shard '{value}': the number of shards must be between 1 and {MAX_SHARDS}")
    if match.group(1) is not None:
        index = int(match.group(1)) - 1
        if not 0 <= index < count:
            raise UsageError(f"--shard '{value}': K must be between 1 and {count}")
        return Shard(index, count)
    return Shard(_index_from_scheduler(value, count, environ), count)


def _index_from_scheduler(value: str, count: int, environ: Mapping[str, str]) -> int:
    for variable, scheduler in SCHEDULERS:
        raw = environ.get(variable)
        if raw is None:
            continue
        first = "0"
        if variable == "SLURM_ARRAY_TASK_ID":
            first = _task_number("SLURM_ARRAY_TASK_MIN", environ.get("SLURM_ARRAY_TASK_MIN", "0"), scheduler, value)
        index = int(_task_number(variable, raw, scheduler, value)) - int(first)
        if not 0 <= index < count:
            raise UsageError(f"{variable}={raw} (from the {scheduler}) gives task {index + 1}, but --shard {value} "
                             f"asks for {count} shards; make the array {count} tasks long")
        return index
    names = ", ".join(variable for variable, _ in SCHEDULERS)
    raise UsageError(f"--shard {value}: no task index found in {names}; give it as --shard K/{count}")


def _task_number(variable: str, raw: str, scheduler: str, value: str) -> str:
    """`raw`, a scheduler's number, if it is one; a plain message naming the variable if not."""
    if re.fullmatch(rf"\s*{NUMBER}\s*", raw) is None:
        raise UsageError(f"{variable}={raw!r} (from the {scheduler}) is not a task index: it must be a "
                         f"whole number in the digits 0-9; fix the job array's settings, or give the shard "
                         f"as --shard K/N instead of --shard {value}")
    return raw.strip()


def select(labels: list[str], shard: Shard) -> list[int]:
    """Positions of the labels that belong to `shard`."""
    return [i for i, label in enumerate(labels) if shard_of(label, shard.count) == shard.index]
