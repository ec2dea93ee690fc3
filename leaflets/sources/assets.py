"""Check the files a brand brings (logo, fonts) before anything is rendered with them."""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.parsers import expat

from fontTools.ttLib import TTFont, TTLibError
from PIL import Image, ImageFile

from .svg_safety import svg_problem
from .yamlsource import FieldPath

SVG = "http://www.w3.org/2000/svg"
ROOT_END = re.compile(r"</(\w+:)?svg\s*>\s*(?:<!--.*?-->\s*)*$", re.DOTALL)  # the root's end tag
MAX_PIXELS = 25_000_000  # 5000 x 5000: far more than a printed logo needs, far less than exhausts memory
RASTER_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
TEXT_ELEMENTS = ("text", "tspan", "textPath")  # SVG elements that draw words
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
TEXT_FIX = {"logo": "outline the text (in the drawing program, convert it to paths) and save the logo again",
            "diagram": "delete the text from the SVG and give the words as labels in the leaflet's diagram: "
                       "block (see README, 'Diagrams')"}
SVG_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*")


def diagram_problem(path: Path) -> str | None:
    """Why this diagram cannot take the brand's colours and font, or None: it may set neither a
    font nor a colour itself except in its one <style> of defaults for the colour classes."""
    root = ET.fromstring(path.read_bytes())
    styles = [el for el in root.iter() if el.tag == f"{{{SVG}}}style"]
    if len(styles) > 1:
        return f"'{path.name}' has {len(styles)} <style> elements; use one, for the colour classes"
    for element in root.iter():
        inline = (element.get("style") or "") + " " + " ".join(
            f"{attr}:" for attr in ("fill", "stroke", "font-family") if element.get(attr) is not None)
        if re.search(r"font-family|fill\s*:|stroke\s*:", inline):
            return (f"'{path.name}' sets a colour or font on a <{element.tag.rsplit('}', 1)[-1]}> element; "
                    "use the colour classes (primary, secondary, light, paper, ink, line-ink, line-primary)")
    if styles and "font-family" in (styles[0].text or ""):
        return f"'{path.name}' sets a font-family; the brand's font is used"
    return None


def image_problem(path: Path, what: str = "logo") -> str | None:
    """Why this image cannot be used, or None. An SVG must be a plain drawing: no script, nothing
    loaded from elsewhere (sources/svg_safety.py), no words, and a known shape."""
    data = path.read_bytes()
    if path.suffix.lower() != ".svg":
        magic = RASTER_MAGIC[path.suffix.lower()]
        if not data.startswith(magic):
            return f"'{path.name}' is not a valid {path.suffix[1:].upper()} image"
        return raster_problem(path)
    unsafe = svg_problem(data, path.name, what)  # script, event handlers, links out, DOCTYPE (svg_safety.py)
    if unsafe:
        return unsafe
    root = ET.fromstring(data)  # well-formed, without a DOCTYPE: svg_problem read it
    return svg_text_problem(data, path.name, what) or shape_problem(root, path.name, what)


def svg_text_problem(data: bytes, name: str, what: str) -> str | None:
    """Why this SVG would draw words, or None. WeasyPrint draws an SVG's text letter by letter,
    unshaped and without bidi (WeasyPrint issues #2249, #2909), in a font it finds on the
    computer: Arabic-script words fall apart, and a font the project does not ship is embedded.
    Nothing is fetched or expanded: the file is read with entity declarations refused."""
    found: list[str] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def where() -> str:
        return f"'{name}' line {parser.CurrentLineNumber}"

    def entity(*_: object) -> None:
        found.append(f"{where()} declares an entity (<!ENTITY>); save the {what} as plain SVG without a DOCTYPE")
        raise expat.ExpatError("entity")

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if tag.startswith(f"{SVG} ") and local in TEXT_ELEMENTS:
            found.append(f"{where()}: the <{local}> element draws words in a font from the computer, not "
                         f"the brand's, unshaped; {TEXT_FIX.get(what, TEXT_FIX['logo'])}")
            raise expat.ExpatError("text")
        for attr, value in attrs.items():
            if ARABIC_SCRIPT.search(value):
                arabic(f"the {attr.rsplit(' ', 1)[-1]} of <{local}>")

    def arabic(place: str) -> None:
        found.append(f"{where()}: {place} has Arabic-script text, which an SVG cannot draw joined and in "
                     "order; put such words in the content file, where they are set as text")
        raise expat.ExpatError("arabic")

    def characters(text: str) -> None:
        if ARABIC_SCRIPT.search(text):
            arabic("the text")

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.CharacterDataHandler = characters
    with contextlib.suppress(expat.ExpatError):  # stopped at the first problem; not XML: see image_problem
        parser.Parse(data, True)
    return found[0] if found else None


def view_box(root: ET.Element) -> tuple[float, float, float, float] | None:
    """The SVG's viewBox (x, y, width, height), or None if it has none that draws anything."""
    try:
        x, y, width, height = (float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()))
    except ValueError:
        return None
    return (x, y, width, height) if width > 0 and height > 0 else None


def svg_view_box(path: Path) -> tuple[float, float, float, float] | None:
    """The viewBox of an SVG file already checked by `image_problem`."""
    return view_box(ET.fromstring(path.read_bytes()))


def shape_problem(root: ET.Element, name: str, what: str) -> str | None:
    """Why the SVG's shape (width to height) is not known, or None. A logo is sized by its height
    and keeps its shape, which needs a viewBox or a width and a height; a diagram's labels are
    placed in its viewBox units, so it needs a viewBox."""
    if view_box(root) is not None:
        return None
    sized = all(SVG_LENGTH.fullmatch(root.get(attr) or "") for attr in ("width", "height"))
    if what == "logo" and sized:
        return None
    needs = "viewBox" if what == "diagram" else "viewBox, nor a width and a height in px or mm"
    return f"'{name}' has no {needs}, so its shape is not known; add a viewBox to the <svg> element"


def raster_problem(path: Path) -> str | None:
    """Why a PNG or JPEG cannot be drawn (damaged, cut short, or too many pixels), or None.

    Decoding it here, as the renderer would, turns a failure deep inside the build into a
    message that names the file at `check` time.
    """
    def too_large(pixels: int) -> str:
        return (f"'{path.name}' has {pixels:,} pixels, too many to draw (make it at most "
                f"{MAX_PIXELS // 1_000_000} million pixels, for example 2000 x 1000)")

    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint turns this on; a check must not be lenient
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return too_large(width * height)
            image.verify()
        with Image.open(path) as image:
            image.load()
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return too_large(int(found.group(1))) if found else f"'{path.name}' has too many pixels to draw"
    except Exception as exc:
        reason = str(exc).replace(str(path), path.name) or type(exc).__name__
        return f"'{path.name}' cannot be drawn: it is damaged or cut short ({reason})"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


@lru_cache(maxsize=64)
def font_characters(path: Path) -> frozenset[int] | str:
    """The characters a font file can draw, or why it cannot be read."""
    try:
        with TTFont(path, lazy=True) as font:
            cmap = font.getBestCmap()
    except (TTLibError, OSError, AssertionError, KeyError, ValueError) as exc:
        return f"'{path.name}' is not a font file that can be read ({exc})" if str(exc) else (
            f"'{path.name}' is not a font file that can be read")
    if not cmap:
        return f"'{path.name}' has no character map"
    return frozenset(cmap)


def text_fields(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string in loaded YAML, with where it is."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from text_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(value, (*path, index))


def missing_characters(text: str, available: frozenset[int]) -> list[str]:
    """Characters in `text` (apart from line breaks and tabs) that the fonts cannot draw, in order."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in "\n\r\t" and ord(char) not in available:
            seen.setdefault(char)
    return list(seen)


def brand_svg(svg: bytes, colours: dict[str, str]) -> bytes:
    """The SVG with a stylesheet that paints its colour classes in the brand's colours.

    Diagrams use the classes primary, secondary, light, paper, ink, line-ink and line-primary.
    The brand's rules go in a <style> just before the root's end tag (the file was parsed when
    it was loaded), and are `!important`, so no rule in the file can override them. A diagram
    has no text: its labels are HTML over it (templates/therapy.html.j2).
    """
    c = colours
    rules = {".primary": f"fill:{c['primary']}", ".secondary": f"fill:{c['secondary']}",
             ".light": f"fill:{c['light']}", ".paper": f"fill:{c['background']}", ".ink": f"fill:{c['foreground']}",
             ".line-ink": f"stroke:{c['foreground']}", ".line-primary": f"stroke:{c['primary']}"}
    text = svg.decode("utf-8")
    end = ROOT_END.search(text)
    if end is None:
        raise ValueError("not an SVG document")
    prefix = end.group(1) or ""
    css = " ".join(f"{selector}{{{rule} !important}}" for selector, rule in rules.items())
    return (text[:end.start()] + f"<{prefix}style>{css}</{prefix}style>" + text[end.start():]).encode("utf-8")
