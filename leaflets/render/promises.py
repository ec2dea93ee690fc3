"""Read each built PDF back before it is written, and refuse it unless it keeps the page's promises.

The layout is chosen to keep them (leaflets/render/urgent_fit.py); this reads the PDF itself, as a
reader, a screen reader or a print shop would get it, so a renderer change, a stylesheet or a brand
that breaks a promise is caught in every build, not only in the tests:

- the urgent box is whole on the first page of each language part (its structure element's /Pg),
  or whole tiers on that page and the rest, under a continuation heading, whole on the next;
  each tier's numbers are in the text of the page its signs are on;
- every phone number printed reads as the brand file has it, its digit groups in order from left to
  right on the page, which is the order they are drawn in (right-to-left text reverses the groups
  of a number that is not isolated); a document in a left-to-right language may also wrap one;
- every embedded font is one the project ships (a brand's fonts/ or fonts/), never the computer's;
- the document's /Lang is the first part's language, and each part's element has its own;
- a draft says so on every page (the band) and in its title; a PDF for patients says neither.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
from fontTools.ttLib import TTFont, TTLibError

from ..errors import BrokenPromise
from .urgent_fit import BOX, CONTINUED, TIER, part_prefix

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class Part:
    """What one language part of a PDF promises."""

    language: str  # its language tag, as /Lang says it
    rtl: bool  # written right to left
    tiers: tuple[tuple[str, ...], ...]  # each urgent tier's phone numbers, as the brand file has them
    band: str  # the draft band's words in its language


@dataclass(frozen=True)
class Promises:
    """What one PDF promises; `subject` names it in a refusal."""

    subject: str
    parts: tuple[Part, ...]
    phones: tuple[str, ...]  # every phone number it prints
    fonts: frozenset[str]  # the PostScript names of the fonts the project ships for it
    passage_languages: frozenset[str]  # other languages a passage may be marked with (sources in English)
    draft: bool


@lru_cache(maxsize=64)
def postscript_name(path: Path) -> str:
    """A font file's PostScript name (name ID 6), which an embedded subset keeps."""
    try:
        with TTFont(path, lazy=True) as font:
            return str(font["name"].getDebugName(6) or "")
    except (OSError, TTLibError, KeyError):
        return ""


def keep(tagged: bytes, final: bytes, promises: Promises) -> None:
    """Raise BrokenPromise naming every promise that `final` (made from the tagged PDF `tagged`:
    the same bytes unless it was converted for print or imposed) breaks."""
    broken = broken_promises(tagged, final, promises)
    if broken:
        raise BrokenPromise(f"{promises.subject}: the built PDF breaks its promises, so it was not written: "
                          + "; ".join(broken))


def broken_promises(tagged: bytes, final: bytes, promises: Promises) -> list[str]:
    """Each promise broken, in words (empty when all are kept)."""
    return [*_layout(tagged, promises), *_fonts(final, promises)]


def _layout(data: bytes, promises: Promises) -> list[str]:
    texts = page_texts(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return ["it has no structure tree (a tagged PDF was expected)"]
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        ids, languages = _tree(pdf.Root.StructTreeRoot, pages)
        catalog_lang = str(pdf.Root.get("/Lang", ""))
        title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo is not None else ""
    broken = []
    for number, part in enumerate(promises.parts, 1):
        start = min(ids.get(f"language-part-{number}", {0})) if len(promises.parts) > 1 else 0
        broken += _urgent(ids, texts, part_prefix(number), start, part, len(promises.parts))
    broken += _phones(texts, digit_lines(data), promises.phones, any(part.rtl for part in promises.parts))
    broken += _languages(catalog_lang, languages, promises)
    broken += _draft(texts, title, promises)
    return broken


def page_texts(data: bytes) -> list[str]:
    """Each page's text layer, as a screen reader or a copy gets it, whitespace and bidi marks folded."""
    document = pypdfium2.PdfDocument(data)
    try:
        found = []
        for page in document:
            text = page.get_textpage().get_text_range()
            found.append(" ".join(text.translate(BIDI_CONTROLS).split()))
        return found
    finally:
        document.close()


def _tree(root: pikepdf.Object, pages: dict) -> tuple[dict[str, set[int]], dict[str, str]]:
    """The pages of each element with an /ID (fragments "id~2" folded into "id"), and the /Lang of each
    element with both."""
    ids: dict[str, set[int]] = {}
    languages: dict[str, str] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
        elif isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
            stack.append(kids)
        if "/Lang" in node:
            languages[str(node.get("/ID", f"#{len(languages)}"))] = str(node.Lang)
        if "/ID" in node and "/Pg" in node:
            ident = str(node.ID).split("~", 1)[0]
            ids.setdefault(ident, set()).add(pages.get(node.Pg.objgen, -1))
    return ids, languages


def _pages(found: Iterable[int]) -> str:
    """'page 2', 'pages 2 and 3', 'pages 2, 3 and 4' (pages counted from 1)."""
    numbers = [str(n + 1) for n in sorted(found)]
    if not numbers:
        return "no page"
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return f"pages {', '.join(numbers[:-1])} and {numbers[-1]}"


def _urgent(ids: dict[str, set[int]], texts: list[str], prefix: str, start: int, part: Part,
            parts: int) -> list[str]:
    where = f"page {start + 1}" if parts == 1 else f"page {start + 1}, the first of its {part.language} part"
    box = ids.get(prefix + BOX, set())
    if box != {start}:
        return [f"the urgent box is on {_pages(box)}, not whole on {where}"]
    continued = ids.get(prefix + CONTINUED)
    broken = []
    if continued is not None and continued != {start + 1}:
        broken.append(f"the urgent box's continuation is on {_pages(continued)}, not whole on page {start + 2}")
    for number, phones in enumerate(part.tiers, 1):
        tier = ids.get(f"{prefix}{TIER}{number}", set())
        if len(tier) != 1:
            broken.append(f"tier {number} of the urgent box is on {_pages(tier)}")
            continue
        page = next(iter(tier))
        for phone in phones:
            if page < len(texts) and not _on_page(phone, texts[page], part.rtl):
                broken.append(f"tier {number} of the urgent box is on page {page + 1} without its number {phone}")
    return broken


def _on_page(phone: str, text: str, rtl: bool) -> bool:
    """The number is in the page's text layer. A right-to-left line's text layer gives the groups of
    a number isolated in it from right to left (its words in the order they are drawn); that they
    are drawn left to right in their own order is checked by _phones."""
    return _normal(phone) in text or (rtl and " ".join(reversed(_normal(phone).split(" "))) in text)


def _normal(phone: str) -> str:
    return " ".join(phone.split())


def digit_lines(data: bytes) -> list[str]:
    """The digits on each line of each page, left to right as drawn: digits with only a space
    between them joined (so a number's groups run together), any other character as ' | '."""
    document = pypdfium2.PdfDocument(data)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    lines: list[str] = []
    try:
        for page in document:
            text = page.get_textpage()
            codes = [pdfium.FPDFText_GetUnicode(text, i) for i in range(pdfium.FPDFText_CountChars(text))]
            near = {j for i, code in enumerate(codes) if _digit(code) for j in range(i - 2, i + 3)}
            drawn = []
            for index in sorted(near):
                if 0 <= index < len(codes) and not chr(codes[index]).isspace() and \
                        pdfium.FPDFText_GetCharBox(text, index, left, right, bottom, top):
                    drawn.append(((bottom.value + top.value) / 2, left.value, top.value - bottom.value,
                                  chr(codes[index]) if _digit(codes[index]) else "|"))
            lines += _rows(sorted(drawn, key=lambda d: -d[0]))
    finally:
        document.close()
    return lines


def _digit(code: int) -> bool:
    return 0x30 <= code <= 0x39


def _rows(drawn: list[tuple[float, float, float, str]]) -> list[str]:
    rows: list[list[tuple[float, float, float, str]]] = []
    for char in drawn:
        if rows and abs(rows[-1][0][0] - char[0]) <= max(char[2], rows[-1][0][2]) / 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    return ["".join(f" {c[3]} " if c[3] == "|" else c[3] for c in sorted(row, key=lambda c: c[1])) for row in rows]


def _phones(texts: list[str], drawn: list[str], phones: Iterable[str], rtl: bool) -> list[str]:
    """Each number must read as typed, left to right as drawn, and never with its groups reordered."""
    text = " ".join(texts)
    lines = " | ".join(drawn)
    broken = []
    for phone in dict.fromkeys(_normal(p) for p in phones):
        digits = phone.replace(" ", "")
        shuffled = next((" ".join(order) for order in itertools.permutations(phone.split(" "))
                         if "".join(order) != digits and _has(lines, "".join(order))), None)
        if shuffled is not None:
            broken.append(f"the phone number {phone} reads as {shuffled!r} on the page "
                          "(right-to-left text reordered it: isolate it)")
        elif not (_has(lines, digits) or (not rtl and _has(text, phone))):
            broken.append(f"the phone number {phone} is not on the page as the brand file has it")
    return broken


def _has(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d]){re.escape(number)}(?![\d])", text) is not None


def _languages(catalog: str, languages: dict[str, str], promises: Promises) -> list[str]:
    broken = []
    first = promises.parts[0].language
    if catalog != first:
        broken.append(f"its /Lang is {catalog!r}, not {first!r}")
    for number, part in enumerate(promises.parts[1:], 2):
        said = languages.get(f"language-part-{number}")
        if said != part.language:
            broken.append(f"language part {number} is marked {said!r}, not {part.language!r}")
    allowed = {part.language for part in promises.parts} | promises.passage_languages
    strays = sorted(set(languages.values()) - allowed)
    if strays:
        broken.append(f"passages are marked with languages it does not have: {', '.join(strays)}")
    return broken


def _draft(texts: list[str], title: str, promises: Promises) -> list[str]:
    bands = {" ".join(part.band.split()) for part in promises.parts}
    marked = [any(band in text for band in bands) for text in texts]
    if promises.draft:
        unmarked = [n for n, yes in enumerate(marked) if not yes]
        verb = "does" if len(unmarked) == 1 else "do"
        broken = [f"it is a draft, but {_pages(unmarked)} {verb} not say so"] if unmarked else []
        if not any(title.startswith(band.split(" ", 1)[0]) for band in bands):
            broken.append(f"it is a draft, but its title {title!r} does not say so")
        return broken
    said = [n for n, yes in enumerate(marked) if yes]
    verb = "says" if len(said) == 1 else "say"
    return [f"it is for patients, but {_pages(said)} {verb} it is a draft"] if said else []


def _fonts(data: bytes, promises: Promises) -> list[str]:
    """Every font any page draws with is embedded, and is one the project ships."""
    strangers: set[str] = set()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for font in _page_fonts(pdf):
            descriptor = _descriptor(font)
            name = SUBSET.sub("", str(font.get("/BaseFont", "/?"))[1:])
            program = None if descriptor is None else (
                descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile"))
            if program is None:
                if font.get("/Subtype") != "/Type3":  # a Type 3 font's glyphs are drawings in the file
                    strangers.add(f"{name} (not embedded)")
                continue
            embedded = _embedded_name(program.read_bytes())
            if embedded not in promises.fonts:
                strangers.add(f"{name} ({embedded or 'unnamed'})")
    if strangers:
        return [f"it uses fonts the project does not ship: {', '.join(sorted(strangers))}"]
    return []


def _page_fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every font in the resources of every page, and of the forms, patterns and annotation
    appearances they draw, once each."""
    fonts: dict[tuple[int, int], pikepdf.Object] = {}
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [page.obj for page in pdf.pages]
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            stack += [ap for ap in annot.get("/AP", {}).values() if isinstance(ap, pikepdf.Stream)]
    while stack:
        holder = stack.pop()
        if holder.is_indirect:
            if holder.objgen in seen:
                continue
            seen.add(holder.objgen)
        resources = holder.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        for font in resources.get("/Font", {}).values():
            fonts[font.objgen if font.is_indirect else (id(font), 0)] = font
            if "/Resources" in font:  # a Type 3 font's glyph procedures
                stack.append(font)
        for kind in ("/XObject", "/Pattern"):
            stack += [item for item in resources.get(kind, {}).values() if isinstance(item, pikepdf.Object)]
    return list(fonts.values())


def _descriptor(font: pikepdf.Object) -> pikepdf.Object | None:
    descendants = font.get("/DescendantFonts") if font.get("/Subtype") == "/Type0" else None
    descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
    return descriptor if isinstance(descriptor, pikepdf.Dictionary) else None


def _embedded_name(program: bytes) -> str:
    try:
        with TTFont(io.BytesIO(program), lazy=True) as font:
            return str(font["name"].getDebugName(6) or "")
    except (OSError, TTLibError, KeyError, AssertionError):
        return ""
