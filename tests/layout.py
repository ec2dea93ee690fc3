"""How full each page of a built PDF is, read from the positions of its text (pdfminer)."""

from __future__ import annotations

from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer, LTTextLine

MM = 72 / 25.4
MARGINS = {False: (22, 22), True: (22, 25)}  # (top, bottom) page margins in mm: standard, large print


def _lines(element: object) -> list[LTTextLine]:
    if isinstance(element, LTTextLine):
        return [element]
    if isinstance(element, LTTextContainer) or hasattr(element, "__iter__"):
        return [line for child in element for line in _lines(child)]  # type: ignore[union-attr]
    return []


def page_fill(pdf: Path, large_print: bool = False) -> list[float]:
    """For each page, the share of the text area (between the page margins) that the body text
    reaches down to: 1.0 is a full page, 0.3 a page whose text stops a third of the way down."""
    top_mm, bottom_mm = MARGINS[large_print]
    fills = []
    for page in extract_pages(str(pdf)):
        top, bottom = page.height - top_mm * MM, bottom_mm * MM
        body = [line for line in _lines(page) if bottom <= line.y0 and line.y1 <= top + 1]
        lowest = min((line.y0 for line in body), default=top)
        fills.append(round((top - lowest) / (top - bottom), 2))
    return fills


if __name__ == "__main__":
    import sys
    for name in sys.argv[1:]:
        fills = page_fill(Path(name), "large-print" in name)
        print(f"{len(fills):2d} pages  {' '.join(f'{f:.2f}' for f in fills)}  {name}")
