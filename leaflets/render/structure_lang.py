"""Give structure elements the language of their HTML element, so a screen reader switches voice,
and an identifier to the elements whose place the build checks.

WeasyPrint 70 writes the document's language (the catalog's /Lang) but not the `lang` of parts
of it; PDF/UA (ISO 14289-1, 7.2) asks for the language of any passage in another language. This
wraps WeasyPrint's structure-tree builder: an element created for a box whose HTML element has
`lang` gets /Lang. The urgent box, its tiers and each language part get /ID (their HTML id; a box
that runs on to another page gets "id~2" there), so the built PDF's own structure tree says which
pages they lie on (leaflets/render/promises.py). (WeasyPrint is pinned below 71;
tests/test_languages.py checks the result.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.pdf import tags

_original = tags._build_box_tree
CHECKED_IDS = re.compile(r"(part\d+-)?(urgent|urgent-continued|urgent-tier-\d+)|language-part-\d+")


def _build_box_tree(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
    element = getattr(box, "_box", box).element
    has = element is not None and hasattr(element, "get")
    language = element.get("lang") if has else None
    ident = element.get("id") if has else None
    for made in _original(box, parent, pdf, *args):
        if made.get("P") == parent.reference:
            if language and "Lang" not in made:
                made["Lang"] = pydyf.String(language)
            if ident and "ID" not in made and CHECKED_IDS.fullmatch(ident):
                seen = pdf.__dict__.setdefault("_leaflet_ids", {})
                seen[ident] = seen.get(ident, 0) + 1
                made["ID"] = pydyf.String(ident if seen[ident] == 1 else f"{ident}~{seen[ident]}")
        yield made


def install() -> None:
    """Idempotent: WeasyPrint's recursion goes through the module attribute, so all levels are seen."""
    if tags._build_box_tree is _original:
        tags._build_box_tree = _build_box_tree
