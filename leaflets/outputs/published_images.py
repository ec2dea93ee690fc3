"""The brand's logo and a leaflet's diagram as the web site publishes them.

`check` and the build refuse an unsafe SVG when the content is loaded, but the site is written
later, from files that could have changed since. So the site checks again the very bytes it
publishes: each file is read once, checked, and those bytes are written, never a second read.
"""

from __future__ import annotations

from ..errors import ContentError
from ..model.brands import LOGO_SIZES, ResolvedBrand
from ..model.leaflets import Leaflet
from ..sources.assets import RASTER_MAGIC
from ..sources.svg_safety import svg_problem

LOGO_HINT = "save the logo as a plain, self-contained SVG, PNG or JPEG"
DIAGRAM_HINT = "save it as a plain, self-contained SVG"


def published_logo(brand: ResolvedBrand) -> bytes:
    """The logo's bytes, read once and checked; ContentError (naming the brand file's logo entry)
    if they are not a safe SVG or are not the PNG or JPEG they are named as."""
    data = brand.logo.read_bytes()
    suffix = brand.logo.suffix.lower()
    if suffix == ".svg":
        why = svg_problem(data, brand.logo.name, "logo")
    else:
        why = None if data.startswith(RASTER_MAGIC[suffix]) else \
            f"'{brand.logo.name}' is not a valid {suffix[1:].upper()} image"
    if why:
        size = next(size for size in LOGO_SIZES if getattr(brand.model.logo, size))
        raise ContentError([brand.doc.problem(("logo", size, "path"), why, LOGO_HINT)])
    return data


def published_diagram(leaflet: Leaflet, data: bytes) -> bytes:
    """`data` (the leaflet's diagram in the brand's colours, as the site would publish it) if it is
    a safe SVG; ContentError naming the leaflet's diagram entry if it is not."""
    name = leaflet.diagram.name if leaflet.diagram else "diagram.svg"
    why = svg_problem(data, name, "diagram")
    if why:
        raise ContentError([leaflet.doc.problem(("diagram", "file"), why, DIAGRAM_HINT)])
    return data
