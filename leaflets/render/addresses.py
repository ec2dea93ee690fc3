"""E-mail and web addresses that a phone's narrow screen may wrap, but never at a hyphen.

A patient copies or types an address as printed. On paper (and in a PDF) an address never wraps
(styles/leaflet.css). A web page must reflow at 320 px without sideways scrolling (WCAG 1.4.10),
and a long address is wider than that; a browser would wrap it after a hyphen, which reads as a
word hyphenated at the line's end. On a web page, then, an address is set in pieces that are each
kept whole (`.unbroken`, styles/web.css), with a place to wrap between them (`<wbr>`): what is shown
and copied is still exactly the address.
"""

from __future__ import annotations

import re

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape


def pieces(address: str) -> list[str]:
    """The address cut where it may wrap: after the "@" of an e-mail address or the "//" of a web
    address, and before each "." of the domain and each "/" of the path after it.

    'ms.team@riverside-ms.example.org' -> ['ms.team@', 'riverside-ms', '.example', '.org'];
    'https://a-b.org/x/y' -> ['https://', 'a-b', '.org', '/x', '/y'].
    """
    head, sep, rest = address.partition("//") if "//" in address else address.rpartition("@")
    if not sep:
        return [address]
    host, slash, path = rest.partition("/")
    found = [head + sep, *re.split(r"(?=\.)", host)]
    if slash:
        found += re.split(r"(?=/)", slash + path)
    return [piece for piece in found if piece]


@pass_context
def address(context: Context, text: str) -> Markup:
    """The address whole for a leaflet's PDF (rendered with `web` set to None), in pieces for the web."""
    if "web" in context and context["web"] is None:
        return escape(text)
    return Markup("<wbr>").join(Markup('<span class="unbroken">{}</span>').format(p) for p in pieces(text))
