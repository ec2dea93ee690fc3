"""Render a leaflet and its brand to HTML (Jinja2, autoescaped, strict) and the brand's CSS."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .assets import brand_svg
from .citations import Citations, reference_html
from .markdown import render_block, render_inline
from .models import Overview, Therapy
from .project import FontFace, Leaflet, Project, ResolvedBrand
from .review import draft_reasons
from .variants import Variant

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
TEMPLATES = {Therapy: "therapy.html.j2", Overview: "overview.html.j2"}
PDF_LAYOUT = "base.html.j2"  # the leaflet templates extend this, or web.html.j2 for the web page
LANGUAGE = "en-GB"
DIAGRAM_URL = "leaflet:diagram.svg"


def long_date(value: dt.date) -> str:
    """25 November 2026: unambiguous for UK and US readers, and free of the machine's locale."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def in_sentence(name: str) -> str:
    """Lower-case a name's first letter for use mid-sentence, unless it starts with an acronym."""
    first = name.split(" ", 1)[0]
    return name if sum(c.isupper() for c in first) > 1 else name[:1].lower() + name[1:]


@pass_context
def md(context: Context, text: str) -> Markup:
    """Block Markdown, with citations turned into numbered links."""
    citations = context.get("citations")
    html = render_block(text)
    return citations.link(html) if citations else html


@pass_context
def md_inline(context: Context, text: str) -> Markup:
    """Inline Markdown, with citations turned into numbered links."""
    citations = context.get("citations")
    html = render_inline(text)
    return citations.link(html) if citations else html


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(["html", "j2"],
                      default_for_string=True, default=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md, md_inline=md_inline, long_date=long_date, in_sentence=in_sentence,
                       reference=reference_html)
    return env


def render_html(project: Project, leaflet: Leaflet, brand: ResolvedBrand, today: dt.date,
                env: Environment | None = None, variant: Variant = Variant(),
                web: Mapping[str, Any] | None = None) -> str:
    """The leaflet as a complete HTML document (styles are supplied separately).

    `today` decides whether the leaflet is past its review date, and so marked as a draft.
    `web` makes the web page instead of the PDF's HTML: the same templates, laid out by
    web.html.j2, with the addresses of the page's files and its downloads (see leaflets/site.py).
    """
    env = env or environment(project.root / "templates")
    template = env.get_template(TEMPLATES[type(leaflet.model)])
    glance = []
    if isinstance(leaflet.model, Overview):
        glance = [project.leaflets[slug].model for slug in leaflet.model.therapies]
    context = dict(leaflet=leaflet.model, brand=brand, contact=brand.model.meta.contact,
                   logo_url=brand.logo.as_uri(), therapies=glance, lang=LANGUAGE,
                   draft_reasons=draft_reasons(project, leaflet, today),
                   citations=Citations(leaflet.model.references, shown=project.settings.citations == "numbered"),
                   services=brand.model.meta.services, diagram_url=DIAGRAM_URL,
                   terms=project.words_to_know(leaflet), large_print=variant.large_print,
                   online_url=online_url(leaflet, brand), qr_url=QR_URL, layout=PDF_LAYOUT, web=None)
    context.update(web or {})
    return template.render(**context)


QR_URL = "leaflet:qr.svg"
DRAFT_BAND_URL = "leaflet:draft-band.svg"
DRAFT_BAND_TEXT = "DRAFT - not for patient use"
DRAFT_RED, DRAFT_WHITE = "#b00020", "#ffffff"  # 7.3:1 (WCAG 2.2 AA asks 4.5:1)
DIAGRAM_UNITS, DIAGRAM_TEXT = 600, 17  # diagrams are drawn 600 units wide with 17-unit labels
PT_MM = 25.4 / 72


def diagram_text(variant: Variant) -> int:
    """Label size in diagram units so that, scaled to the text width, labels are never smaller than
    the variant's minimum type size."""
    needed = variant.min_text_pt * PT_MM * DIAGRAM_UNITS / variant.text_width_mm
    return max(DIAGRAM_TEXT, math.ceil(needed))


def online_url(leaflet: Leaflet, brand: ResolvedBrand) -> str | None:
    return brand.model.defaults.leaflets.leaflet_url(leaflet.model.document.id, leaflet.slug)


def qr_svg(url: str, colour: str) -> bytes:
    """A vector QR code (error correction M, the usual 4-module quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=1, border=4, xmldecl=False, dark=colour)
    return buffer.getvalue()


def resources(leaflet: Leaflet, brand: ResolvedBrand, variant: Variant = Variant()) -> dict[str, bytes]:
    """Files generated for this leaflet and brand, served to WeasyPrint from memory."""
    found = {}
    if leaflet.diagram is not None:
        family = brand.model.typography.base.family
        found[DIAGRAM_URL] = brand_svg(leaflet.diagram.read_bytes(), brand.colours, family, diagram_text(variant))
    url = online_url(leaflet, brand)
    if url:
        found[QR_URL] = qr_svg(url, brand.colours["foreground"])
    found[DRAFT_BAND_URL] = draft_band_svg(variant, brand.model.typography.base.family)
    return found


def draft_band_svg(variant: Variant, family: str) -> bytes:
    """The band that says "DRAFT - not for patient use" across the top of every page of a draft.

    It is drawn as the page's background (styles/leaflet.css, `@page draft`), so a screen reader
    does not read it on every page; page 1 says it once in the text. As wide as the text column.
    """
    size_pt = 16 if variant.large_print else 12 if variant.page_paper == "a5" else 14
    size = size_pt * PT_MM
    width, height = variant.text_width_mm, round(size * 1.2 + 2.4, 2)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height}mm" '
           f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="{DRAFT_RED}"/>'
           f'<text x="{width / 2}" y="{round(height / 2 + size * 0.35, 2)}" text-anchor="middle" '
           f'font-family="{escape(family)}" font-weight="700" font-size="{round(size, 3)}" '
           f'letter-spacing="{round(size * 0.04, 3)}" fill="{DRAFT_WHITE}">{DRAFT_BAND_TEXT}</text></svg>')
    return svg.encode("utf-8")


def brand_css(brand: ResolvedBrand, font_url: Callable[[FontFace], str] | None = None) -> str:
    """@font-face rules and custom properties that feed the brand into styles/leaflet.css.

    Fonts are named by file URI for WeasyPrint, or by `font_url` (a web page's relative address).
    """
    typo = brand.model.typography
    headings = typo.headings or typo.base
    lines = [
        "@font-face {{ font-family: \"{f}\"; src: url(\"{u}\"); font-weight: {w}; font-style: {s}; }}".format(
            f=face.family, u=font_url(face) if font_url else face.path.as_uri(), w=face.weight, s=face.style)
        for face in brand.fonts
    ]
    props = {f"--brand-{name}": value for name, value in sorted(brand.colours.items()) if name != "heading"}
    props.update({
        "--font-base": f"\"{typo.base.family}\", sans-serif",
        "--base-weight": str(typo.base.weight or 400),
        "--font-headings": f"\"{headings.family}\", sans-serif",
        "--heading-weight": str(headings.weight or 700),
        "--heading-colour": brand.colours["heading"],
    })
    lines.append(":root {\n" + "\n".join(f"  {k}: {v};" for k, v in props.items()) + "\n}")
    lines.append(f"@page {{ background: {brand.colours['background']}; }}")
    return "\n".join(lines) + "\n"
