"""Write output files atomically and keep output/manifest.json in step with the PDFs on disk."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MANIFEST = "manifest.json"


def read_manifest(out_dir: Path, name: str = MANIFEST) -> dict[str, dict]:
    """The manifest's entries whose files are still on disk, unchanged, by path."""
    entries: dict[str, dict] = {}
    try:
        old = json.loads((out_dir / name).read_text(encoding="utf-8"))
        for entry in old.get("leaflets", []):
            file = out_dir / entry["path"]
            if file.is_file() and sha256(file.read_bytes()) == entry["sha256"]:
                entries[entry["path"]] = entry
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    return entries


def write_manifest(out_dir: Path, entries: dict[str, dict], name: str = MANIFEST, header: dict | None = None) -> Path:
    """Replace the manifest (or a shard's part of it), in one step, with these entries."""
    path = out_dir / name
    manifest = {**(header or {}), "leaflets": [entries[key] for key in sorted(entries)]}
    atomic_write(path, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    return path
