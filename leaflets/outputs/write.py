"""Write output files atomically and keep output/manifest.json in step with the PDFs on disk."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOCK_FILE = ".build.lock"


@dataclass(frozen=True)
class ManifestEntry:
    brand: str
    leaflet: str
    id: str
    title: str
    version: str
    status: str
    draft: bool
    review_date: str
    profile: str
    paper: str
    large_print: bool
    path: str
    pages: int
    bytes: int
    sha256: str
    cache_key: str
    language: str = "en"  # the PDF's language; "cy-en" for a bilingual PDF, Welsh first


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(folder: Path, stem: str, suffix: str, data: bytes, mode: int = 0o600) -> Path:
    """Write `data` to a new file `stem.suffix` in `folder`, or `stem-2.suffix` and so on if that
    exists: an existing file is never replaced. The file appears whole, readable only by its owner."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        number = 1
        while True:
            target = folder / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
            try:
                os.link(tmp, target)  # fails if the name is taken, unlike a rename
                return target
            except FileExistsError:
                number += 1
    finally:
        Path(tmp).unlink(missing_ok=True)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MANIFEST = "manifest.json"


def _journal(out_dir: Path, name: str) -> Path:
    return out_dir / f".{name}.journal"


def read_manifest(out_dir: Path, name: str = MANIFEST) -> dict[str, dict]:
    """The manifest's entries, with those its journal adds (a build that was killed outright left
    them there), whose files are still on disk, unchanged, by path."""
    found: dict[str, dict] = {}
    try:
        old = json.loads((out_dir / name).read_text(encoding="utf-8"))
        found.update((entry["path"], entry) for entry in old.get("leaflets", []))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        found = {}
    try:
        for line in _journal(out_dir, name).read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                found[entry["path"]] = entry
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by the kill
    except OSError:
        pass
    entries = {}
    for path, entry in found.items():
        try:
            file = out_dir / path
            if file.is_file() and sha256(file.read_bytes()) == entry["sha256"]:
                entries[path] = entry
        except (OSError, KeyError, TypeError):
            continue
    return entries


def record(out_dir: Path, entry: dict, name: str = MANIFEST) -> None:
    """Add one PDF's entry to the manifest's journal: one line, on disk before this returns.

    Appending keeps each PDF's cost the same however large the catalogue; write_manifest folds the
    journal into the manifest at the end of the build (and at the start of the next, after a kill).
    """
    with open(_journal(out_dir, name), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def write_manifest(out_dir: Path, entries: dict[str, dict], name: str = MANIFEST, header: dict | None = None) -> Path:
    """Replace the manifest (or a shard's part of it), in one step, with these entries."""
    path = out_dir / name
    manifest = {**(header or {}), "leaflets": [entries[key] for key in sorted(entries)]}
    atomic_write(path, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    _journal(out_dir, name).unlink(missing_ok=True)
    return path


@contextmanager
def output_lock(out_dir: Path, progress: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder for one build at a time; a second build waits here, saying so.

    The lock is an flock on `out_dir/.build.lock`: the system releases it when the build ends,
    however it ends, so a killed build never leaves the folder locked. The file stays (removing
    it would let two builds lock two different files); it holds the last holder's process id.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
            progress(f"waiting for another build into {out_dir} to finish"
                     f"{f' (process {holder})' if holder.isdigit() else ''}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
