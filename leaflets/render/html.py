"""Render a leaflet and its brand to HTML (Jinja2, autoescaped, strict) and the brand's CSS."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import segno
from babel.lists import format_list
from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..model.brands import FontFace, ResolvedBrand
from ..model.citations import Citations, reference_html
from ..model.leaflets import Leaflet
from ..model.markdown import render_block, render_inline
from ..model.models import Overview, Therapy
from ..model.project import Project
from ..model.review import current_approval, draft_reasons
from ..model.table import comparison
from ..model.variants import Variant
from ..sources import fonts, i18n
from ..sources.assets import brand_svg
from .addresses import address
from .bidi import LEFT_TO_RIGHT, NUMBERS, isolate, isolate_in_html
from .css_text import css_string, css_url
from .diagram import placed_labels
from .languages_shown import also_in, language_url
from .parameters import fill, mark
from .urgent_fit import WHOLE, UrgentLayout

TEMPLATES = {Therapy: "therapy.html.j2", Overview: "overview.html.j2"}
PDF_LAYOUT = "base.html.j2"  # the leaflet templates extend this, or web.html.j2 for the web page
LANGUAGE = i18n.SOURCE_TAG
DIAGRAM_URL = "leaflet:diagram.svg"


def long_date(value: dt.date, language: str = i18n.SOURCE) -> str:
    """25 November 2026 (25 Tachwedd 2026 in Welsh): unambiguous, and free of the machine's locale."""
    return i18n.long_date(value, language)


@pass_context
def _long_date(context: Context, value: dt.date) -> str:
    return long_date(value, context.get("language", i18n.SOURCE))


@pass_context
def and_list(context: Context, items: list[str]) -> str:
    """'plasma exchange, IVIG and aHSCT' in the document's language."""
    return format_list(list(items), locale=i18n.locale(context.get("language", i18n.SOURCE)))


def in_sentence(name: str) -> str:
    """Lower-case a name's first letter for use mid-sentence, unless it starts with an acronym."""
    first = name.split(" ", 1)[0]
    return name if sum(c.isupper() for c in first) > 1 else name[:1].lower() + name[1:]


def _text(context: Context, text: str, render: Callable[[str], Markup], values: re.Pattern[str] = LEFT_TO_RIGHT
          ) -> Markup:
    """Markdown, with citations turned into numbered links, numbers and addresses kept in order in
    right-to-left text (leaflets/render/bidi.py), and each {parameter} the brand's value
    (leaflets/render/parameters.py)."""
    citations = context.get("citations")
    marked, keys = mark(text)
    html = render(marked)
    html = isolate_in_html(citations.link(html) if citations else html, context.get("dir", "ltr"), values)
    return fill(html, keys, context.get("parameters", {}), context.get("language", i18n.SOURCE),
                context.get("dir", "ltr"), LANGUAGE)


@pass_context
def md(context: Context, text: str) -> Markup:
    """Block Markdown."""
    return _text(context, text, render_block)


@pass_context
def md_inline(context: Context, text: str) -> Markup:
    """Inline Markdown."""
    return _text(context, text, render_inline)


@pass_context
def cell(context: Context, text: str) -> Markup:
    """A table cell's inline Markdown, with every number kept in its order in right-to-left text."""
    return _text(context, text, render_inline, NUMBERS)


@pass_context
def ltr(context: Context, value: str) -> Markup:
    """A phone number or an address printed as one left-to-right run, even in right-to-left text."""
    return isolate(value, context.get("dir", "ltr"))


@pass_context
def isolated(context: Context, value: str) -> Markup:
    """Plain text (a brand's hours in Urdu) with each time and number in it kept in order in
    right-to-left text."""
    return isolate_in_html(Markup(escape(value)), context.get("dir", "ltr"))


class _I18n(Protocol):
    """What jinja2.ext.i18n adds to an environment at run time (its type does not say so)."""

    def install_gettext_callables(self, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
                                  newstyle: bool | None = None, pgettext: Callable[[str, str], str] | None = None,
                                  npgettext: Callable[[str, str, str, int], str] | None = None) -> None: ...


def install_translations(env: Environment, messages: NullTranslations) -> None:
    """Give the templates' `_()` the words of `messages`, escaped like content: a catalog (from a
    translation agency) is text, never markup, so a tag or a `javascript:` link in a translation
    is printed as the characters it is. The `%(name)s` values are escaped too, unless the template
    made them markup itself (a link, a phone number kept left to right)."""
    cast(_I18n, env).install_gettext_callables(
        gettext=lambda message: escape(messages.gettext(message)),
        ngettext=lambda singular, plural, n: escape(messages.ngettext(singular, plural, n)),
        pgettext=lambda context, message: escape(messages.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: escape(messages.npgettext(context, singular, plural, n)),
        newstyle=True)


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(["html", "j2"],
                      default_for_string=True, default=True), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.i18n"])
    install_translations(env, NullTranslations())
    env.filters.update(md=md, md_inline=md_inline, cell=cell, long_date=_long_date, in_sentence=in_sentence,
                       reference=reference_html, and_list=and_list, ltr=ltr, address=address,
                       isolated=isolated)
    return env


def render_html(project: Project, leaflet: Leaflet, brand: ResolvedBrand, today: dt.date,
                env: Environment | None = None, variant: Variant | None = None,
                web: Mapping[str, Any] | None = None, reasons: Sequence[str] | None = None,
                urgent: UrgentLayout = WHOLE) -> str:
    """The leaflet as a complete HTML document (styles are supplied separately).

    `reasons` are why it is a draft, in its language, as a build's plan decided them
    (leaflets/model/plan.py); without them they are decided here, as of `today`.
    `urgent` says where the urgent box goes (leaflets/render/urgent_fit.py).
    `web` makes the web page instead of the PDF's HTML: the same templates, laid out by
    web.html.j2, with the addresses of the page's files and its downloads (see leaflets/outputs/site.py).
    """
    env = env or environment(project.root / "templates")
    variant = Variant() if variant is None else variant
    template = env.get_template(TEMPLATES[type(leaflet.model)])
    language = leaflet.language
    messages = i18n.translations(project.root, language)
    install_translations(env, messages)
    source_lang = Markup(' lang="{}" dir="ltr"').format(LANGUAGE) if language != i18n.SOURCE else ""
    if reasons is None:
        reasons = draft_reasons(project, leaflet, today, messages.gettext, brand=brand)
    context = {"leaflet": leaflet.model, "brand": brand, "contact": brand.model.meta.contact,
               "logo_url": brand.logo.as_uri(), "therapies": comparison(project, leaflet), "lang": i18n.tag(language),
               "language": language, "dir": i18n.direction(language, project.root), "source_lang": source_lang,
               "draft_reasons": list(reasons), "approval": current_approval(project, leaflet, brand, today),
               "citations": Citations(leaflet.model.references, shown=project.settings.citations == "numbered"),
               "services": brand.model.meta.services, "parameters": brand.model.meta.parameters,
               "diagram_url": DIAGRAM_URL,
               "diagram_labels": placed_labels(leaflet),
               "terms": project.words_to_know(leaflet), "large_print": variant.large_print,
               "online_url": online_url(leaflet, brand), "qr_url": qr_url(language), "layout": PDF_LAYOUT,
               "web": None, "urgent_layout": urgent, "also_in": also_in(project, leaflet)}
    context.update(web or {})
    return template.render(**context)


QR_URL = "leaflet:qr.svg"


def qr_url(language: str) -> str:
    """The QR code of a leaflet's page in `language` (a bilingual PDF prints one per part)."""
    return QR_URL if language == i18n.SOURCE else f"leaflet:qr-{language}.svg"


def online_url(leaflet: Leaflet, brand: ResolvedBrand) -> str | None:
    """Where the leaflet can be read online: its page in its own language (leaflets/outputs/site.py)."""
    url = brand.model.defaults.leaflets.leaflet_url(leaflet.model.document.id, leaflet.slug)
    return language_url(url, leaflet.language) if url else None


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, colour: str) -> bytes:
    """A vector QR code (error correction M, the usual 4-module quiet zone); made once per address
    and colour (a leaflet's standard and large-print PDFs print the same one)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=1, border=4, xmldecl=False, dark=colour)
    return buffer.getvalue()


def resources(leaflet: Leaflet, brand: ResolvedBrand, variant: Variant | None = None) -> dict[str, bytes]:
    """Files generated for this leaflet and brand, served to WeasyPrint from memory."""
    variant = Variant() if variant is None else variant
    found = {}
    if leaflet.diagram is not None:
        found[DIAGRAM_URL] = brand_svg(leaflet.diagram.read_bytes(), brand.colours)
    for part in (leaflet, *([leaflet.english] if leaflet.english else [])):  # a bilingual PDF's parts
        url = online_url(part, brand)
        if url:
            found[qr_url(part.language)] = qr_svg(url, brand.colours["foreground"])
    return found


def brand_css(brand: ResolvedBrand, root: Path | None = None, language: str = i18n.SOURCE,
              label_pt: int = 12, font_url: Callable[[FontFace], str] | None = None) -> str:
    """@font-face rules and custom properties that feed the brand into styles/leaflet.css: the
    brand's fonts, then the script fonts of `language`'s chain (its own, then every other
    language's, so an English page can name "اردو": sources/fonts.py), and the page labels. A web
    page (`font_url`) gets the script fonts' @font-face rules from the site, beside their files.

    Fonts are named by file URI for WeasyPrint, or by `font_url` (a web page's relative address).
    Every name and address from the brand is a quoted CSS string (css_text.py): none can end it.
    """
    typo = brand.model.typography
    headings = typo.headings or typo.base
    lines = [
        f"@font-face {{ font-family: {css_string(face.family)}; "
        f"src: {css_url(font_url(face) if font_url else face.path.as_uri())}; "
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
        for face in brand.fonts
    ]
    chain = "".join(f", {css_string(family)}" for family in (fonts.families(root, language) if root else ()))
    if root is not None and font_url is None:
        lines.append(fonts.font_face_css(root, language).rstrip("\n"))
    props = {f"--brand-{name}": value for name, value in sorted(brand.colours.items()) if name != "heading"}
    props.update({
        "--font-base": f"{css_string(typo.base.family)}{chain}, sans-serif",
        "--base-weight": str(typo.base.weight or 400),
        "--font-headings": f"{css_string(headings.family)}{chain}, sans-serif",
        "--heading-weight": str(headings.weight or 700),
        "--heading-colour": brand.colours["heading"],
    })
    lines.append(":root {\n" + "\n".join(f"  {k}: {v};" for k, v in props.items()) + "\n}")
    lines.append(f"@page {{ background: {brand.colours['background']}; }}")
    if root is not None and font_url is None:  # a PDF: a web page has no page numbers
        lines.append(page_label_css(i18n.translations(root, language).gettext, i18n.direction(language, root),
                                    label_pt))
    return "\n".join(line for line in lines if line) + "\n"


def page_label_css(gettext: Callable[[str], str], direction: str = "ltr", size_pt: int = 12) -> str:
    """'Page 2 of 5' in the document's language (CSS cannot ask the catalog itself), at the
    bottom corner where the line ends: right, or left for a right-to-left language."""
    words = re.split(r"(%\((?:page|pages)\)s)", gettext("Page %(page)s of %(pages)s"))
    parts = [{"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}.get(w, css_string(w)) for w in words if w]
    corner = "bottom-left" if direction == "rtl" else "bottom-right"
    return f"@page {{ @{corner} {{ content: {' '.join(parts)}; font-size: {size_pt}pt; }} }}"
