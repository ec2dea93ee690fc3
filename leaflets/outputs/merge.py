"""Combine the manifest parts of a sharded build into one manifest, checking every file."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import LeafletError
from .write import atomic_write, output_lock, sha256, write_manifest

PART = re.compile(r"^manifest\.part-(\d+)-of-(\d+)\.json$")


class MergeError(LeafletError):
    """The parts do not make one whole build: a shard is missing, doubled or damaged."""


def _parts(folders: list[Path]) -> list[tuple[int, int, Path, dict]]:
    found = []
    for folder in folders:
        if not folder.is_dir():
            raise MergeError(f"{folder}: no such folder")
        files = sorted(p for p in folder.iterdir() if PART.match(p.name))
        if not files:
            raise MergeError(f"{folder}: no manifest part (manifest.part-K-of-N.json) found; "
                             "build it with --shard K/N first")
        for path in files:
            matched = PART.match(path.name)
            assert matched is not None  # the files were chosen by this pattern
            index, count = map(int, matched.groups())
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                entries = data["leaflets"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise MergeError(f"{path}: not a readable manifest part ({exc})") from None
            if data.get("shard") != {"index": index, "count": count}:
                raise MergeError(f"{path}: its contents do not match its name; rebuild the shard")
            found.append((index, count, path, entries))
    return found


def merge(folders: list[Path], out_dir: Path, waiting: Callable[[str], None]) -> int:
    """Check the parts in `folders` make exactly shards 1..N once each, that every file is on disk
    with its recorded SHA-256, and that no PDF is claimed twice; then gather the PDFs into `out_dir`
    and write its manifest.json, holding `out_dir` as a build does (a build or merge into it
    meanwhile waits, and this one waits for them, saying so through `waiting`). Returns the number
    of PDFs."""
    parts = _parts(folders)
    counts = {count for _, count, _, _ in parts}
    if len(counts) != 1:
        ways = ", ".join(f"of {c}" for c in sorted(counts))
        raise MergeError(f"the parts come from builds split different ways ({ways}); "
                         "merge the parts of one sharded build")
    count = counts.pop()
    seen: dict[int, Path] = {}
    for index, _, path, _ in parts:
        if index in seen:
            raise MergeError(f"shard {index} of {count} is given twice: {seen[index]} and {path}")
        seen[index] = path
    missing = [str(k) for k in range(1, count + 1) if k not in seen]
    if missing:
        raise MergeError(f"shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} of {count} "
                         f"{'are' if len(missing) > 1 else 'is'} missing; build {'them' if len(missing) > 1 else 'it'} "
                         "with --shard K/N and merge again")
    entries: dict[str, dict] = {}
    sources: dict[str, Path] = {}
    for _, _, path, part in sorted(parts):
        for entry in part:
            file = path.parent / entry["path"]
            if entry["path"] in entries:
                raise MergeError(f"{entry['path']} is in two shards ({sources[entry['path']]} and {path})")
            if not file.is_file():
                raise MergeError(f"{file}: listed in {path.name} but not on disk")
            if sha256(file.read_bytes()) != entry["sha256"]:
                raise MergeError(f"{file}: its SHA-256 does not match {path.name}; the file changed after the "
                                 "shard was built, so build that shard again")
            entries[entry["path"]] = entry
            sources[entry["path"]] = path
    with output_lock(out_dir, waiting):
        for name in entries:
            source = sources[name].parent / name
            target = out_dir / name
            if source.resolve() != target.resolve():
                atomic_write(target, source.read_bytes())
        write_manifest(out_dir, entries)
    return len(entries)
