"""Give structure elements the language of their HTML element, so a screen reader switches voice.

WeasyPrint 70 writes the document's language (the catalog's /Lang) but not the `lang` of parts
of it; PDF/UA (ISO 14289-1, 7.2) asks for the language of any passage in another language. This
wraps WeasyPrint's structure-tree builder: an element created for a box whose HTML element has
`lang` gets /Lang. (WeasyPrint is pinned below 71; tests/test_languages.py checks the result.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.pdf import tags

_original = tags._build_box_tree


def _build_box_tree(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
    element = getattr(box, "_box", box).element
    language = element.get("lang") if element is not None and hasattr(element, "get") else None
    for made in _original(box, parent, *args):
        if language and "Lang" not in made and made.get("P") == parent.reference:
            made["Lang"] = pydyf.String(language)
        yield made


def install() -> None:
    """Idempotent: WeasyPrint's recursion goes through the module attribute, so all levels are seen."""
    if tags._build_box_tree is _original:
        tags._build_box_tree = _build_box_tree
