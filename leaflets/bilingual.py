"""One bilingual document from the same leaflet rendered in two languages: the first language
first (Welsh, as the Welsh Language Standards ask), then the other, each part tagged with its
own language and direction so a screen reader switches voice."""

from __future__ import annotations

import re

BODY = re.compile(r"<body([^>]*)>(.*)</body>", re.S)
HTML_TAG = re.compile(r"<html\b([^>]*)>")
ATTR = re.compile(r'\b(lang|dir)="([^"]*)"')
IDS = re.compile(r'\b(id|aria-labelledby|for)="([^"]+)"|href="#([^"]+)"')
DRAFT_BAND = re.compile(r'\s*<div class="draft-banner"[^>]*>.*?</div>', re.S)


def _part(html: str, number: int) -> str:
    """The body of one rendered document as a <div> carrying its language; ids made unique."""
    attrs = dict(ATTR.findall(HTML_TAG.search(html).group(1)))
    body_attrs, body = BODY.search(html).groups()
    if number > 1:
        prefix = f"part{number}-"
        body = IDS.sub(lambda m: (f'{m.group(1)}="{prefix}{m.group(2)}"' if m.group(1)
                                  else f'href="#{prefix}{m.group(3)}"'), body)
        body = DRAFT_BAND.sub("", body, count=1)  # one band is enough: it is drawn on every page
    classes = re.search(r'class="([^"]*)"', body_attrs)
    return (f'<div class="language-part {classes.group(1) if classes else ""}" lang="{attrs["lang"]}" '
            f'dir="{attrs.get("dir", "ltr")}">{body}</div>')


def bilingual_html(documents: list[str]) -> str:
    """The first document's head and language, with every document's body in order."""
    first = documents[0]
    start = BODY.search(first)
    parts = "\n".join(_part(html, number) for number, html in enumerate(documents, 1))
    return first[:start.start()] + '<body class="bilingual">\n' + parts + "\n</body>" + first[start.end():]
