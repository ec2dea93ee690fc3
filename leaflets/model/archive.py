"""Reading the text of each released leaflet version, kept beside the content.

`--release` writes content/archive/<leaflet>/<version>.json (leaflets/outputs/archive.py): the
patient's text of each field as sentences, and who approved it. Reading it belongs here, with the
draft decision that compares today's text with it; writing it stays with the build's outputs.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ContentError, Problem

ARCHIVE = "archive"


def archive_path(content: Path, slug: str, version: str) -> Path:
    return content / ARCHIVE / slug / f"{version}.json"


def _version_key(version: str) -> tuple:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.replace("-", ".").split("."))


def releases(content: Path, slug: str) -> list[dict]:
    """Every archived release of a leaflet, oldest version first."""
    folder = content / ARCHIVE / slug
    found = [_read(path) for path in folder.glob("*.json")] if folder.is_dir() else []
    return sorted(found, key=lambda release: _version_key(str(release.get("version", ""))))


def _read(path: Path) -> dict:
    """One archived release; a damaged file is a problem that names it, not a traceback."""
    try:
        release = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        raise ContentError([Problem(str(path), line, column, "(file)", f"is not a release record --release wrote "
                                    f"({exc})", "restore the file from version control")]) from exc
    if not isinstance(release, dict):
        raise ContentError([Problem(str(path), 1, 1, "(file)", "is not a release record --release wrote",
                                    "restore the file from version control")])
    return release


def latest(content: Path, slug: str) -> dict | None:
    found = releases(content, slug)
    return found[-1] if found else None


def released(content: Path, slug: str, version: str) -> dict | None:
    """The archived release of this version of a leaflet, if it has been released."""
    same = [release for release in releases(content, slug) if release.get("version") == version]
    return same[0] if same else None
