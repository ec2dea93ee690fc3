"""One bilingual document from the same leaflet rendered in two languages: the first language
first (Welsh, as the Welsh Language Standards ask), then the other, each part tagged with its
own language and direction so a screen reader switches voice, each starting on a new page with
its own page label."""

from __future__ import annotations

import re

BODY = re.compile(r"<body([^>]*)>(.*)</body>", re.S)
HTML_TAG = re.compile(r"<html\b([^>]*)>")
ATTR = re.compile(r'\b(lang|dir)="([^"]*)"')
IDS = re.compile(r'\b(id|aria-labelledby|for)="([^"]+)"|href="#([^"]+)"')
DRAFT_BAND = re.compile(r'\s*<div class="draft-banner"([^>]*)>(.*?)</div>', re.S)


def _part(html: str, number: int) -> tuple[str, str | None]:
    """The body of one rendered document as a <div> carrying its language (ids made unique), and
    the text of its draft band, which is taken out: one band, drawn on every page, says both."""
    attrs = dict(ATTR.findall(HTML_TAG.search(html).group(1)))
    body_attrs, body = BODY.search(html).groups()
    band = DRAFT_BAND.search(body)
    body = DRAFT_BAND.sub("", body, count=1)
    if number > 1:
        prefix = f"part{number}-"
        body = IDS.sub(lambda m: (f'{m.group(1)}="{prefix}{m.group(2)}"' if m.group(1)
                                  else f'href="#{prefix}{m.group(3)}"'), body)
    classes = re.search(r'class="([^"]*)"', body_attrs)
    div = (f'<div class="language-part part-{number} {classes.group(1) if classes else ""}" '
           f'lang="{attrs["lang"]}" dir="{attrs.get("dir", "ltr")}">{body}</div>')
    return div, band.group(2) if band else None


def bilingual_html(documents: list[str]) -> str:
    """The first document's head and language, with every document's body in order."""
    first = documents[0]
    start = BODY.search(first)
    parts = [_part(html, number) for number, html in enumerate(documents, 1)]
    bands = [band for _, band in parts if band]
    band = (f'<div class="draft-banner" aria-hidden="true">{" / ".join(bands)}</div>\n' if bands else "")
    body = "\n".join(div for div, _ in parts)
    return first[:start.start()] + '<body class="bilingual">\n' + band + body + "\n</body>" + first[start.end():]


def part_page_css(number: int, label_css: str) -> str:
    """Put part `number` on its own named pages, starting a new page, with its language's page label."""
    name = f"part{number}"
    return (f".language-part.part-{number} {{ page: {name}; break-before: page; }}\n"
            + label_css.replace("@page {", f"@page {name} {{", 1) + "\n")
