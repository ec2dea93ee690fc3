"""Writing the text of every released leaflet version beside the content, and what changed since.

`--release` writes content/archive/<leaflet>/<version>.json: the patient's text of each field as
sentences, and who approved it. Commit the folder with the content; the evidence pack compares
today's text with the newest release, and the draft decision (leaflets/model/review.py, which
reads the archive with leaflets/model/archive.py) marks an approved version whose text has
changed since its release as a draft.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..model.archive import archive_path
from ..model.evidence import field_texts
from ..model.leaflets import Leaflet
from ..sources.contained import link_on_the_way
from .write import atomic_write


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


def archive(content: Path, leaflets: list[Leaflet], today: dt.date) -> list[Path]:
    """Record the released text of each leaflet once per version; returns the files written."""
    written = []
    for leaflet in leaflets:
        path = _target(content, leaflet)
        if path.exists():
            continue
        atomic_write(path, (json.dumps(snapshot(leaflet, today), indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def _target(content: Path, leaflet: Leaflet) -> Path:
    """The release file of this leaflet's version, checked again just before writing: its version is a
    plain token (check refuses any other), and no folder on the way is a symbolic link, so --release
    writes in content/archive/ and nowhere else."""
    try:
        path = archive_path(content, leaflet.slug, leaflet.model.document.version)
    except ValueError as exc:
        raise ContentError([leaflet.doc.problem(("document", "version"), str(exc))]) from exc
    link = link_on_the_way(content, path)
    if link is not None:
        raise ContentError([Problem(str(link), 1, 1, "(folder)", "is a symbolic link, so --release would write "
                                    "outside content/archive/", "replace the link with the folder itself")])
    return path


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
