"""Read the manifest parts of a sharded build, and the files they list, trusting nothing in them.

A shard may have been built on another machine by anyone who can write to its folder: a part is
read as untrusted input. Its shape and every field are checked here; whether its entries are the
PDFs the plan gives its shard is checked in merge.py. Nothing here follows a symbolic link, reads
a whole file into memory, or reads a file far larger than any leaflet.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LeafletError
from ..model.selection import Selection
from .shards import MAX_SHARDS

PART = re.compile(r"^manifest\.part-([0-9]{1,9})-of-([0-9]{1,9})\.json$")
# A part's entry: a PDF in a brand's folder of the shard, and nowhere else (no '..', no other folder).
ENTRY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*\.pdf")
HEX = re.compile(r"[0-9a-f]{64}")  # a SHA-256 or cache key, as the build writes it
# A leaflet is a few pages: the sample's largest PDF is under 250 kB and a print-shop PDF with its
# bleed and CMYK images a few MB. A file 200 times the largest leaflet is not one, and reading it
# would only cost the merge time and memory.
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024  # a part's entry is under 1 kB: room for 60,000 PDFs in one shard
CHUNK = 1024 * 1024  # files are hashed and copied this much at a time
PART_KEYS = {"shard", "plan", "failed", "leaflets"}


class MergeError(LeafletError):
    """The parts do not make one whole build: a shard is missing, doubled, failed or damaged."""


@dataclass(frozen=True)
class Part:
    """One shard's part, its shape checked: its entries are checked against the plan in merge.py."""

    path: Path
    index: int  # counted from 1, as in its name
    count: int
    selection: Selection
    planned: int
    failed: tuple[str, ...]
    entries: tuple[Any, ...]

    @property
    def folder(self) -> Path:
        return self.path.parent

    def __str__(self) -> str:
        return f"shard {self.index} of {self.count} ({self.path})"


def shown(value: object, limit: int = 60) -> str:
    """A value from a part as a message shows it: quoted, control characters escaped, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def listed(names: list[str], most: int = 5) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def read_parts(folders: list[Path]) -> list[Part]:
    """Every part in `folders`, each checked for its shape and fields."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            raise MergeError(f"{folder}: no such folder")
        files = sorted(p for p in folder.iterdir() if PART.match(p.name))
        if not files:
            raise MergeError(f"{folder}: no manifest part (manifest.part-K-of-N.json) found; "
                             "build it with --shard K/N first")
        found += [_read_part(path) for path in files]
    return found


def _read_part(path: Path) -> Part:
    matched = PART.match(path.name)
    assert matched is not None  # the files were chosen by this pattern
    index, count = map(int, matched.groups())
    rebuild = "build that shard again with this version of leaflets, and merge again"
    try:
        with open_in(path.parent, path.name, MAX_PART_BYTES) as (fd, _):
            text = b"".join(iter(lambda: os.read(fd, CHUNK), b"")).decode("utf-8")
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MergeError(f"{path}: not a manifest part: it is not JSON ({shown(str(exc), 80)}); {rebuild}") from None
    problem = _shape(data, index, count)
    if problem:
        raise MergeError(f"{path}: not a manifest part as this version writes them: {problem}; {rebuild}")
    try:
        selection = Selection.from_json(data["plan"])
    except ValueError as exc:
        raise MergeError(f"{path}: not a manifest part as this version writes them: {exc}; {rebuild}") from None
    return Part(path, index, count, selection, data["plan"]["pdfs"], tuple(data["failed"]), tuple(data["leaflets"]))


def _shape(data: object, index: int, count: int) -> str:
    """What is wrong with the outline of a part (its entries are checked one by one later), or ''."""
    if not isinstance(data, dict):
        return "it must be a JSON object"
    if set(data) != PART_KEYS:
        return f"its fields must be {', '.join(sorted(PART_KEYS))}, not {shown(sorted(map(str, data)), 120)}"
    shard = data["shard"]
    if not (isinstance(shard, dict) and set(shard) == {"index", "count"}
            and all(type(shard[key]) is int for key in shard)):
        return "shard must be {\"index\": K, \"count\": N}"
    if (shard["index"], shard["count"]) != (index, count) or not 1 <= index <= count <= MAX_SHARDS:
        return f"its shard ({shown(shard)}) does not match its name"
    plan = data["plan"]
    keys = {*Selection().as_json(), "pdfs"}
    if not (isinstance(plan, dict) and set(plan) == keys and type(plan["pdfs"]) is int and plan["pdfs"] >= 0):
        return f"plan must be an object with {', '.join(sorted(keys))} (pdfs: the number of PDFs the shard planned)"
    if not (isinstance(data["failed"], list) and all(isinstance(f, str) and ENTRY.fullmatch(f)
                                                     for f in data["failed"])):
        return "failed must be a list of the PDFs that failed, each <brand>/<file>.pdf"
    if not isinstance(data["leaflets"], list):
        return "leaflets must be a list"
    return ""


@contextmanager
def open_in(folder: Path, relative: str, limit: int) -> Iterator[tuple[int, int]]:
    """The open file `folder/relative` and its size: never through a symbolic link (the file or
    any folder below `folder`), only a regular file, of at most `limit` bytes."""
    *folders, name = relative.split("/")
    fds: list[int] = []
    try:
        try:
            fds.append(os.open(folder, os.O_RDONLY | os.O_DIRECTORY))  # the shard's folder, as the user gave it
            for part in folders:
                fds.append(os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fds[-1]))
            # O_NONBLOCK: a named pipe put in place of a PDF must not hang the merge
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fds[-1])
        except OSError as exc:
            raise MergeError(_unopenable(folder, relative, exc)) from None
        fds.append(fd)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise MergeError(f"{folder / relative}: not a regular file; a shard's folder holds its PDFs themselves")
        if info.st_size > limit:
            raise MergeError(f"{folder / relative}: {info.st_size:,} bytes, far larger than any leaflet "
                             f"(at most {limit:,}); it is not a file the build wrote: build that shard again")
        yield fd, info.st_size
    finally:
        for fd in fds:
            os.close(fd)


def _unopenable(folder: Path, relative: str, exc: OSError) -> str:
    path = folder
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            return (f"{path}: a symbolic link; merge never follows one out of a shard's folder: copy the "
                    "shard's files themselves (not links to them) and merge again")
    if isinstance(exc, FileNotFoundError):
        return f"{folder / relative}: listed in its shard's part but not on disk; build that shard again"
    return f"{folder / relative}: cannot be read ({exc.strerror}); build that shard again"


def digest(fd: int, path: Path, limit: int = MAX_PDF_BYTES) -> str:
    """The SHA-256 of what is left to read of `fd`, read a chunk at a time, stopping past `limit` bytes."""
    hasher, size = hashlib.sha256(), 0
    while chunk := os.read(fd, CHUNK):
        size += len(chunk)
        if size > limit:
            raise MergeError(f"{path}: grew past {limit:,} bytes while it was read; build that shard again")
        hasher.update(chunk)
    return hasher.hexdigest()
