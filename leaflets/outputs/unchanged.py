"""Decide that a build has nothing to do from its inputs alone, before loading WeasyPrint.

After a build that wrote everything it planned, a stamp beside the manifest records a hash of
every input (content, brands, fonts, diagrams, templates, styles, the code, the versions of the
libraries that shape a PDF, the options and the day) and the size and time of every file written.
The next build with the same hash and untouched files stops at once. Anything else, including a
new day (review dates decide what is a draft), takes the full path, which re-checks each PDF.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from .. import __version__

PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "jinja2", "markdown-it-py", "pydantic",
            "pyyaml", "segno", "pikepdf", "pypdf", "pillow", "babel")
# every file in these, subfolders included; build/icc: the print profile (render/printcolour.py)
FOLDERS = ("templates", "styles", "leaflets", "locale", "fonts", "build/icc")


def _versions() -> list[str]:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return found


def fingerprint(root: Path, content: Path, options: dict) -> str:
    """A hash of everything a build's PDFs are made from."""
    digest = hashlib.sha256()
    digest.update(json.dumps([__version__, _versions(), options], sort_keys=True, default=str).encode())
    for folder in (content, *(root / name for name in FOLDERS)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and "__pycache__" not in path.parts:  # load refuses a link
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp_path(out_dir: Path, manifest: str) -> Path:
    return out_dir / f".{manifest}.inputs"


def _files(out_dir: Path, manifest: str) -> dict[str, list[int]] | None:
    """Size and modification time of the manifest and each file it lists."""
    try:
        entries = json.loads((out_dir / manifest).read_text(encoding="utf-8"))["leaflets"]
        paths = [manifest, *(entry["path"] for entry in entries)]
        return {name: [(stat := (out_dir / name).stat()).st_size, stat.st_mtime_ns] for name in paths}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def up_to_date(out_dir: Path, manifest: str, stamp: str) -> int | None:
    """The number of PDFs, when nothing has changed since the stamp was written; else None."""
    try:
        recorded = json.loads(_stamp_path(out_dir, manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = _files(out_dir, manifest)
    if not isinstance(recorded, dict) or recorded.get("inputs") != stamp or files is None:
        return None
    return len(files) - 1 if recorded.get("files") == files else None


def forget(out_dir: Path, manifest: str) -> None:
    _stamp_path(out_dir, manifest).unlink(missing_ok=True)


def remember(out_dir: Path, manifest: str, stamp: str) -> None:
    """Record the inputs of a build that wrote everything it planned."""
    files = _files(out_dir, manifest)
    if files is not None:
        from .write import atomic_write
        atomic_write(_stamp_path(out_dir, manifest), json.dumps({"inputs": stamp, "files": files}).encode())
