"""The exact PDF a patient is given: the one the build wrote and its manifest records, checked
byte for byte, never one rendered afresh (that would be a PDF nobody reviewed in the output)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import LeafletError
from ...model.plan import Job
from ...sources.i18n import SOURCE
from ..write import MANIFEST, read_manifest


@dataclass(frozen=True)
class BuiltPdf:
    path: str  # in the output folder, as the manifest names it
    sha256: str
    sha1: str
    size: int
    data: bytes = field(repr=False)  # the bytes hashed: what is sent is exactly what is recorded


def build_command(job: Job) -> str:
    """The build that makes this job's PDF again."""
    variant = job.variant
    words = ["python3 build.py", f"--brand {job.brand.slug}", f"--leaflet {job.leaflet.slug}",
             f"--language {job.leaflet.language}" if job.leaflet.language != SOURCE else "--language en"]
    words += ["--profile print"] if variant.profile == "print" else []
    words += ["--large-print" if variant.large_print else "--standard-print", f"--paper {variant.paper}"]
    return " ".join(words)


def built_pdf(out: Path, job: Job) -> BuiltPdf:
    """The job's PDF in `out`, as the manifest records it; refused when it is missing, differs from
    the manifest, or was built as a draft or from another version (build it again)."""
    doc = job.leaflet.model.document
    rebuild = f"build it again ({build_command(job)}{f' --out {out}' if out.name != 'output' else ''})"
    entry = read_manifest(out).get(job.output)  # only entries whose file is on disk, unchanged
    file = out / job.output
    if entry is None:
        found = "differs from what" if file.is_file() else "is not in"
        raise LeafletError(f"{file} {found} {out / MANIFEST} records, so it cannot be shown to be the PDF "
                           f"approved: {rebuild}")
    if entry.get("draft") or entry.get("version") != doc.version:
        built = "a draft" if entry.get("draft") else f"version {entry.get('version')}"
        raise LeafletError(f"{file} was built as {built}; {doc.id} version {doc.version} may be given now: {rebuild}")
    data = file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry["sha256"]:  # changed since read_manifest looked
        raise LeafletError(f"{file} changed while it was being read: {rebuild}")
    return BuiltPdf(job.output, digest, hashlib.sha1(data).hexdigest(), len(data), data)
