"""One bilingual document from the same leaflet rendered in two languages: the first language
first (Welsh, as the Welsh Language Standards ask), then the other, each part tagged with its
own language and direction so a screen reader switches voice, each starting on a new page with
its own page label. Its title is both parts' titles, and page 1 says, in each language, on which
page the English starts (the layout fills the number in)."""

from __future__ import annotations

import re
from html import escape

BODY = re.compile(r"<body([^>]*)>(.*)</body>", re.S)
HTML_TAG = re.compile(r"<html\b([^>]*)>")
ATTR = re.compile(r'\b(lang|dir)="([^"]*)"')
IDS = re.compile(r'\b(id|aria-labelledby|for)="([^"]+)"|href="#([^"]+)"')
CLASSES = re.compile(r'class="([^"]*)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HEADING = re.compile(r"<h1>(.*?)</h1>", re.S)
PAGE = "%(page)s"
# the page number of part 2's first page, as the layout places it (leaflets.render.job adds this CSS)
STARTS_CSS = (".part-starts .page-of::before { content: target-counter(url(#language-part-2), page); }\n"
              ".part-title { font-size: 1.25em; font-weight: bold; }\n")


def _found(pattern: re.Pattern[str], html: str) -> re.Match[str]:
    """Where `pattern` is in a document this project rendered (its templates always have it)."""
    match = pattern.search(html)
    if match is None:
        raise ValueError(f"not a rendered leaflet: no {pattern.pattern!r} in it")
    return match


def _body_classes(html: str) -> list[str]:
    classes = CLASSES.search(_found(BODY, html).group(1))
    return classes.group(1).split() if classes else []


def _part(html: str, number: int) -> str:
    """The body of one rendered document as a <div> carrying its language (ids made unique)."""
    attrs = dict(ATTR.findall(_found(HTML_TAG, html).group(1)))
    body = _found(BODY, html).group(2)
    if number > 1:
        prefix = f"part{number}-"
        body = IDS.sub(lambda m: (f'{m.group(1)}="{prefix}{m.group(2)}"' if m.group(1)
                                  else f'href="#{prefix}{m.group(3)}"'), body)
    names = " ".join(c for c in _body_classes(html) if c != "draft")
    return (f'<div class="language-part part-{number} {names}" id="language-part-{number}" '
            f'lang="{attrs["lang"]}" dir="{attrs.get("dir", "ltr")}">{body}</div>')


def _language(html: str) -> tuple[str, str]:
    attrs = dict(ATTR.findall(_found(HTML_TAG, html).group(1)))
    return attrs["lang"], attrs.get("dir", "ltr")


def _other_titles(documents: list[str]) -> str:
    """The later parts' titles, under the first part's, each in its language."""
    lines = []
    for html in documents[1:]:
        lang, direction = _language(html)
        lines.append(f'<p class="part-title" lang="{lang}" dir="{direction}">{_found(HEADING, html).group(1)}</p>')
    return "".join(lines)


def starts_note(sentences: list[tuple[str, str, str]]) -> str:
    """Page 1's lines saying where the English starts: for each (lang, dir, sentence) the sentence
    (from the catalog, with %(page)s where the page number goes). Plain text, not a link: WeasyPrint
    does not tag an internal link as PDF/UA asks."""
    lines = []
    for lang, direction, sentence in sentences:
        before, _, after = sentence.partition(PAGE)
        lines.append(f'<p lang="{lang}" dir="{direction}">{escape(before)}<span class="page-of"></span>'
                     f'{escape(after)}</p>')
    return f'<div class="part-starts">{"".join(lines)}</div>'


def with_note(html: str, note: str) -> str:
    """The document with `note` under its title."""
    end = _found(HEADING, html).end()
    return html[:end] + note + html[end:]


def bilingual_html(documents: list[str], note: str = "") -> str:
    """The first document's head and language, with every document's body in order; a draft if
    any part is (the draft band says so on each part's pages in its language). Its title names
    every part's title, in the order of the parts, and `note` (`starts_note`) follows them on page 1."""
    first = with_note(documents[0], _other_titles(documents) + note)
    title = _found(TITLE, first)
    others = "".join(f" / {_found(HEADING, html).group(1)}" for html in documents[1:])
    first = first[:title.end(1)] + others + first[title.end(1):]
    start = _found(BODY, first)
    draft = any("draft" in _body_classes(html) for html in documents)
    body = "\n".join(_part(html, number) for number, html in enumerate([first, *documents[1:]], 1))
    return (first[:start.start()] + f'<body class="bilingual{" draft" if draft else ""}">\n' + body
            + "\n</body>" + first[start.end():])


def part_page(number: int) -> str:
    """The name of part `number`'s pages (part 1's are the document's own)."""
    return f"part{number}"


def part_page_css(number: int, label_css: str, band_css: str = "") -> str:
    """Put part `number` on its own named pages, starting a new page, with its language's page
    label and, for a draft, `band_css`: the draft band on those pages, in the part's language
    (leaflets/render/band.py, `draft_band_css` for `part_page(number)`)."""
    name = part_page(number)
    return (f".language-part.part-{number} {{ page: {name}; break-before: page; }}\n"
            + label_css.replace("@page {", f"@page {name} {{", 1) + "\n" + band_css)
