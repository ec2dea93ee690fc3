"""Text from input written into CSS: a quoted string that nothing in the text can end or change.

Font family names, font file addresses and translated page labels reach the PDF's stylesheet and
the published brand.css; a quote, a backslash or a line break in one must stay part of the name,
never end the string and start a rule of its own (one that fetches from another server, say).
"""

from __future__ import annotations

from urllib.parse import quote

# Characters that could end a double-quoted CSS string or an escape (", \, line breaks and other
# controls), or close a <style> element (<, >): written as CSS hex escapes, which mean the same
# character. Anything else is itself.
_ESCAPED = frozenset('"\\<>') | frozenset(map(chr, [*range(0x20), 0x7F]))


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string."""
    return '"' + "".join(f"\\{ord(char):x} " if char in _ESCAPED else char for char in text) + '"'


def css_url(address: str) -> str:
    """url("...") for an address (already a URL: a file URI, or a relative one made by `relative_url`)."""
    return f"url({css_string(address)})"


def relative_url(path: str) -> str:
    """A relative path in a web site (posix, from input such as a file name) as a URL: percent-
    encoded, so a space, a quote, '#' or '?' in a name is part of the name."""
    return quote(path, safe="/")
