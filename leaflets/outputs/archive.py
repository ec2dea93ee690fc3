"""The text of every released leaflet version, kept beside the content, and what changed since.

`--release` writes content/archive/<leaflet>/<version>.json: the patient's text of each field as
sentences, and who approved it. Commit the folder with the content; the evidence pack compares
today's text with the newest release.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from ..model.evidence import field_texts
from ..model.leaflets import Leaflet
from .write import atomic_write

ARCHIVE = "archive"


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: a new sentence
    after: str | None  # None: a sentence taken out


def snapshot(leaflet: Leaflet, released_on: dt.date) -> dict:
    d = leaflet.model.document
    return {"leaflet": leaflet.slug, "id": d.id, "version": d.version, "title": d.title,
            "approved_by": d.approved_by, "approved_on": d.approved_on.isoformat() if d.approved_on else None,
            "released_on": released_on.isoformat(), "fields": field_texts(leaflet)}


def _version_key(version: str) -> tuple:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.replace("-", ".").split("."))


def releases(content: Path, slug: str) -> list[dict]:
    """Every archived release of a leaflet, oldest version first."""
    folder = content / ARCHIVE / slug
    found = [json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")] if folder.is_dir() else []
    return sorted(found, key=lambda release: _version_key(str(release.get("version", ""))))


def latest(content: Path, slug: str) -> dict | None:
    found = releases(content, slug)
    return found[-1] if found else None


def release_conflicts(content: Path, leaflets: list[Leaflet]) -> list[Problem]:
    """A version once released must not be released again with other words: raise the version."""
    problems = []
    for leaflet in leaflets:
        version = leaflet.model.document.version
        same = [r for r in releases(content, leaflet.slug) if r.get("version") == version]
        if same and same[0].get("fields") != field_texts(leaflet):
            problems.append(leaflet.doc.problem(
                ("document", "version"), f"version {version} was released on {same[0].get('released_on')} "
                "with different text", "give the changed leaflet a new version number, and have it approved"))
    return problems


def archive(content: Path, leaflets: list[Leaflet], today: dt.date) -> list[Path]:
    """Record the released text of each leaflet once per version; returns the files written."""
    written = []
    for leaflet in leaflets:
        path = content / ARCHIVE / leaflet.slug / f"{leaflet.model.document.version}.json"
        if path.exists():
            continue
        atomic_write(path, (json.dumps(snapshot(leaflet, today), indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def changes(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[Change]:
    """Sentence by sentence, field by field: what was reworded, added or taken out."""
    found = []
    for field in [*before, *(f for f in after if f not in before)]:
        old, new = before.get(field, []), after.get(field, [])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                was = old[i1 + k] if i1 + k < i2 else None
                now = new[j1 + k] if j1 + k < j2 else None
                found.append(Change(field, was, now))
    return found
