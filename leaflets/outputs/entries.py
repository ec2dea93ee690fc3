"""The manifest entry of one PDF, made from its planned job: in one place, so that a build and a
merge record the same fields, and a merge takes none of them on trust from a shard's part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .write import ManifestEntry

if TYPE_CHECKING:  # merge imports this, and the command line imports merge: it must not load the model
    from ..model.plan import Job


def manifest_entry(job: Job, pages: int, size: int, digest: str, cache_key: str) -> ManifestEntry:
    """What the content says of `job` (names, title, version, status, draft, review date, variant,
    path, languages), with what rendering it gave: its pages, size in bytes, SHA-256 and cache key."""
    doc = job.leaflet.model.document
    v = job.variant
    return ManifestEntry(job.brand.slug, job.leaflet.slug, doc.id, doc.title, doc.version,
                         "approved" if job.approved else "draft", job.draft,
                         doc.next_review.isoformat(), v.profile, v.paper, v.large_print, job.output, pages, size,
                         digest, cache_key, "-".join(job.languages))
