"""Writing what every released PDF printed beside the content, and what changed since.

`--release` writes content/archive/<brand>/<leaflet>/<language>/<version>.json: what that brand's
PDF in that language printed (the leaflet's fields as sentences, and the brand's services and
contacts, the overview's table and the glossary entries as printed), its fingerprint with each
part's SHA-256, and who approved it. Commit the folder with the content; the evidence pack compares
today's text with the newest release, and the draft decision (leaflets/model/review.py, which reads
the archive with leaflets/model/archive.py) marks a released version whose text has changed since,
naming the part, as a draft.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..model.archive import archive_path
from ..model.brands import ResolvedBrand
from ..model.leaflets import Leaflet
from ..model.printed import fingerprint_of, printed_parts, printed_texts
from ..model.project import Project
from ..sources.contained import link_on_the_way
from .write import atomic_write


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: a new sentence
    after: str | None  # None: a sentence taken out


def snapshot(project: Project, leaflet: Leaflet, brand: ResolvedBrand, released_on: dt.date) -> dict:
    """The record of one release: what the brand's PDF in the leaflet's language prints, and its approval."""
    d = leaflet.model.document
    digests = {key: part.digest for key, part in printed_parts(project, leaflet, brand).items()}
    found = project.approvals[brand.slug].latest(leaflet.slug, leaflet.language) \
        if brand.slug in project.approvals else None
    entry = found[1] if found is not None else None
    return {"brand": brand.slug, "leaflet": leaflet.slug, "language": leaflet.language, "id": d.id,
            "version": d.version, "title": d.title,
            "approved_by": entry.approved_by if entry else None, "role": entry.role if entry else None,
            "approved_on": entry.approved_on.isoformat() if entry else None,
            "released_on": released_on.isoformat(), "fingerprint": fingerprint_of(digests), "parts": digests,
            "fields": printed_texts(project, leaflet, brand)}


def archive(project: Project, printed: Sequence[tuple[Leaflet, ResolvedBrand]], today: dt.date) -> list[Path]:
    """Record what each (leaflet in its language, brand) released prints, once per version; returns
    the files written."""
    written = []
    unique = {(brand.slug, leaflet.language, leaflet.slug): (leaflet, brand) for leaflet, brand in printed}
    for leaflet, brand in unique.values():
        path = _target(project.content, leaflet, brand)
        if path.exists():
            continue
        record = snapshot(project, leaflet, brand, today)
        atomic_write(path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written


def _target(content: Path, leaflet: Leaflet, brand: ResolvedBrand) -> Path:
    """The release file of this leaflet's version for this brand and language, checked again just
    before writing: its version is a plain token (check refuses any other), and no folder on the way
    is a symbolic link, so --release writes in content/archive/ and nowhere else."""
    try:
        path = archive_path(content, brand.slug, leaflet.slug, leaflet.language, leaflet.model.document.version)
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
