"""The reviewer's evidence pack for one leaflet: text beside sources, reading level, document
control, draft reasons, what changed since the last release, and a sign-off block."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.archive import latest
from ..model.citations import reference_html
from ..model.evidence import claims
from ..model.leaflets import Leaflet
from ..model.printed import printed_texts
from ..model.project import Project
from ..model.readability import score
from ..model.review import draft_reasons
from ..render.html import environment, long_date
from .archive import changes
from .write import atomic_write

TEMPLATE = "evidence-pack.html.j2"


def render_pack(project: Project, leaflet: Leaflet, today: dt.date) -> str:
    """The evidence pack as one self-contained HTML page (styles inline, nothing fetched)."""
    quoted = [project.leaflets[slug] for slug in getattr(leaflet.model, "therapies", [])]
    reading = score(leaflet, quoted)
    target = project.settings.reading_level
    brand = next(iter(project.brands.values()))  # the pack is per leaflet until it is made per brand and language
    release = latest(project.content, brand.slug, leaflet.slug, leaflet.language)
    changed = changes(release["fields"], printed_texts(project, leaflet, brand)) if release else []
    refs = {ref.key: ref for ref in leaflet.model.references}
    found = claims(leaflet)
    env = environment(project.root / "templates")
    env.filters["reference"] = reference_html
    return env.get_template(TEMPLATE).render(
        leaflet=leaflet, document=leaflet.model.document, claims=found, references=refs,
        reading=reading, target=target, misses=reading.misses(target), release=release, changes=changed,
        draft_reasons=draft_reasons(project, leaflet, today, brand=brand), today=today, long_date=long_date,
        brands=project.brands, tiers=leaflet.model.urgent.tiers,
        cited={key for claim in found for key in claim.keys},
        css=(project.root / "styles" / "evidence-pack.css").read_text(encoding="utf-8"))


def write_packs(project: Project, leaflets: list[Leaflet], out_dir: Path, today: dt.date) -> list[Path]:
    """One evidence pack per leaflet, as output/review/<leaflet>-evidence.html."""
    written = []
    for leaflet in leaflets:
        target = out_dir / f"{leaflet.slug}-evidence.html"
        atomic_write(target, render_pack(project, leaflet, today).encode("utf-8"))
        written.append(target)
    return written
