"""Combine the manifest parts of a sharded build into one manifest, checking every part against the
plan and every file against its part.

Merge trusts nothing it reads from a part (see parts.py): it plans the build again from the content
and the selection the parts record, takes from each part only the PDFs the plan gives its shard,
and makes each manifest entry from the plan, with only the pages, size, SHA-256 and cache key from
the part, each checked. Nothing is written until every part and file has passed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model.selection import Selection
from .entries import manifest_entry
from .parts import CHUNK, ENTRY, HEX, MAX_PDF_BYTES, MergeError, Part, digest, listed, open_in, read_parts, shown
from .shards import Shard, select
from .write import ManifestEntry, output_lock, write_manifest

if TYPE_CHECKING:  # the command line imports this module: a build with nothing to do must not load the model
    from ..model.plan import Job

FIELDS = {f.name for f in fields(ManifestEntry)}
MEASURED = ("pages", "bytes", "sha256", "cache_key")  # what rendering gave: the rest comes from the plan
Planner = Callable[[Selection], "list[Job]"]


@dataclass(frozen=True)
class Checked:
    """Parts that passed: each PDF's manifest entry, made from the plan, and the shard folder it is in."""

    entries: dict[str, dict]
    sources: dict[str, Path]


def check(folders: list[Path], planner: Planner) -> Checked:
    """Check the parts in `folders` make exactly shards 1..N once each, from one selection; that
    each lists exactly the PDFs the plan (from `planner`) gives its shard, none failed, each field
    as the plan says; and that every file is a regular file in its shard's folder, of a leaflet's
    size, with its recorded SHA-256. Raises MergeError naming the first problem; writes nothing."""
    parts = read_parts(folders)
    count = _whole(parts)
    selection = parts[0].selection
    for part in parts:
        if part.selection != selection:
            raise MergeError(f"{parts[0].path} and {part.path} come from builds that chose different PDFs "
                             "(brands, leaflets, languages, paper, print or day); merge the parts of one build")
    try:
        jobs = planner(selection)
    except UsageError as exc:
        raise MergeError(f"{parts[0].path}: its build chose what this content does not have ({exc}); merge "
                         "with the --content the shards were built from") from None
    labels = [job.label for job in jobs]
    planned = [{jobs[i].output: jobs[i] for i in select(labels, Shard(k, count))} for k in range(count)]
    entries: dict[str, dict] = {}
    sources: dict[str, Path] = {}
    for part in sorted(parts, key=lambda p: p.index):
        mine = planned[part.index - 1]
        if part.failed:
            raise MergeError(f"{part}: its build failed for {listed(list(part.failed))}; build that shard again "
                             "and merge when it succeeds")
        if part.planned != len(mine):
            raise MergeError(f"{part}: its build planned {part.planned} PDFs but this content plans {len(mine)} "
                             "for it; merge with the --content the shards were built from, or build them again")
        for number, raw in enumerate(part.entries):
            entry = _entry(part, number, raw, planned, sources)
            entries[entry["path"]], sources[entry["path"]] = entry, part.folder
        missing = sorted(set(mine) - set(entries))
        if missing:
            raise MergeError(f"{part}: lacks {len(missing)} of the PDFs its shard planned: {listed(missing)}; "
                             "build that shard again")
    for path, entry in entries.items():
        with open_in(sources[path], path, MAX_PDF_BYTES) as (fd, size):
            if size != entry["bytes"] or digest(fd, sources[path] / path) != entry["sha256"]:
                raise MergeError(f"{sources[path] / path}: its SHA-256 does not match its shard's part; the file "
                                 "changed after the shard was built, so build that shard again")
    return Checked(entries, sources)


def _whole(parts: list[Part]) -> int:
    """N, if the parts are shards 1..N of one build, once each."""
    counts = {part.count for part in parts}
    if len(counts) != 1:
        ways = ", ".join(f"of {c}" for c in sorted(counts))
        raise MergeError(f"the parts come from builds split different ways ({ways}); "
                         "merge the parts of one sharded build")
    count = counts.pop()
    seen: dict[int, Path] = {}
    for part in parts:
        if part.index in seen:
            raise MergeError(f"shard {part.index} of {count} is given twice: {seen[part.index]} and {part.path}")
        seen[part.index] = part.path
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        many = len(missing) > 1
        raise MergeError(f"shard{'s' if many else ''} {', '.join(missing)} of {count} {'are' if many else 'is'} "
                         f"missing; build {'them' if many else 'it'} with --shard K/N and merge again")
    return count


def _entry(part: Part, number: int, raw: object, planned: list[dict[str, Job]], sources: dict[str, Path]) -> dict:
    """The manifest entry of the part's `number`-th PDF, made from the plan, once every field of
    what the part says is checked."""
    where = f"{part.path}: leaflets[{number}]"
    again = "build that shard again from this content"
    if not isinstance(raw, dict):
        raise MergeError(f"{where}: must be an object with the PDF's fields; {again}")
    path = raw.get("path")
    if not (isinstance(path, str) and ENTRY.fullmatch(path)):
        raise MergeError(f"{where}: path {shown(path)} is not a PDF of the form <brand>/<file>.pdf in the "
                         f"shard's folder; {again}")
    job = planned[part.index - 1].get(path)
    if job is None:
        other = next((k for k, jobs in enumerate(planned, 1) if path in jobs), None)
        raise MergeError(f"{where}: {path} " + (f"belongs to shard {other} of {part.count}, not to shard {part.index}"
                                                 if other else "is not a PDF this content plans") + f"; {again}")
    if path in sources:
        raise MergeError(f"{where}: {path} is listed twice in it; {again}")
    if set(raw) != FIELDS:
        extra, lacking = sorted(set(map(str, raw)) - FIELDS), sorted(FIELDS - set(raw))
        raise MergeError(f"{where} ({path}): " + "; ".join(
            ([f"has fields a manifest entry does not: {shown(extra, 120)}"] if extra else [])
            + ([f"lacks {', '.join(lacking)}"] if lacking else [])) + f"; {again}")
    pages, size, sha, key = (raw[name] for name in MEASURED)
    measured = {"pages": type(pages) is int and 1 <= pages <= 10_000,
                "bytes": type(size) is int and 0 < size <= MAX_PDF_BYTES,
                "sha256": isinstance(sha, str) and HEX.fullmatch(sha) is not None,
                "cache_key": isinstance(key, str) and HEX.fullmatch(key) is not None}
    for name, good in measured.items():
        if not good:
            raise MergeError(f"{where} ({path}): {name} {shown(raw[name])} is not "
                             f"{'a SHA-256 in hex' if name in ('sha256', 'cache_key') else 'a count in range'}; "
                             f"{again}")
    entry = asdict(manifest_entry(job, pages, size, sha, key))
    for name, value in entry.items():
        if type(raw[name]) is not type(value) or raw[name] != value:
            raise MergeError(f"{where} ({path}): {name} is {shown(raw[name])} but this content says {shown(value)}; "
                             f"{again}")
    return entry


def write(checked: Checked, out_dir: Path, waiting: Callable[[str], None]) -> int:
    """Gather the checked PDFs into `out_dir` and write its manifest.json, holding `out_dir` as a
    build does (a build or merge into it meanwhile waits, and this one waits for them, saying so
    through `waiting`). Each PDF is copied, and hashed again, into a temporary file first; only when
    all are copied does each replace its name, and then the manifest. Returns the number of PDFs."""
    here = out_dir.resolve()
    for brand in sorted({path.split("/")[0] for path in checked.entries}):
        if (out_dir / brand).is_symlink():
            raise MergeError(f"{out_dir / brand}: a symbolic link; merge writes only into real folders in --out: "
                             "remove the link, or merge into another folder")
    with output_lock(out_dir, waiting):
        staged: list[tuple[str, Path]] = []
        try:
            for path, entry in checked.entries.items():
                if checked.sources[path].resolve() != here:  # a PDF of the shard merged into is already in place
                    staged.append((path, _copy(checked.sources[path], path, out_dir / path, entry["sha256"])))
            for path, temporary in staged:
                os.replace(temporary, out_dir / path)
        finally:
            for _, temporary in staged:
                temporary.unlink(missing_ok=True)
        write_manifest(out_dir, checked.entries)
    return len(checked.entries)


def _copy(folder: Path, path: str, target: Path, sha: str) -> Path:
    """A temporary copy of `folder/path` beside `target`, made a chunk at a time, checked against `sha`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as copy, open_in(folder, path, MAX_PDF_BYTES) as (source, _):
            for chunk in iter(lambda: os.read(source, CHUNK), b""):
                copy.write(chunk)
                if copy.tell() > MAX_PDF_BYTES:
                    raise MergeError(f"{folder / path}: grew past {MAX_PDF_BYTES:,} bytes while it was merged; "
                                     "build that shard again")
            copy.flush()
            os.fsync(copy.fileno())
        os.chmod(temporary, 0o644)
        with open_in(target.parent, temporary.name, MAX_PDF_BYTES) as (written, _):
            if digest(written, target) != sha:
                raise MergeError(f"{folder / path}: changed while it was merged; build that shard again")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
