"""Impose A5 pages two-up on A4 sheets in saddle-stitch order, for folding into a booklet: bound on
the left, or on the right for a right-to-left language (Urdu), whose pages turn the other way."""

from __future__ import annotations

import io

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject

from ..sources.i18n import direction

MM = 72 / 25.4
A4_LANDSCAPE = (297 * MM, 210 * MM)


def saddle_stitch_order(pages: int, right_to_left: bool = False) -> list[tuple[int | None, int | None]]:
    """Page pairs (left, right) for each printed side, front then back of each sheet, 0-based,
    after padding to a multiple of 4 with blank pages (None).

    Bound on the left, the first page (the front cover) is the right half of the first side. A
    right-to-left booklet is the mirror image: every pair swaps halves, so the front cover is the
    left half, the fold is on its right, and the pages read from right to left."""
    total = -(-pages // 4) * 4
    def page(n: int) -> int | None:
        return n if n < pages else None
    sides = []
    for sheet in range(total // 4):
        sides.append((page(total - 1 - 2 * sheet), page(2 * sheet)))
        sides.append((page(2 * sheet + 1), page(total - 2 - 2 * sheet)))
    return [(right, left) for left, right in sides] if right_to_left else sides


def impose(pdf: bytes, right_to_left: bool | None = None) -> bytes:
    """The booklet: each A4 landscape side holds two A5 pages; print duplex, flip on the short edge,
    fold, and the pages read in order. It is bound on the right if `right_to_left`, which is by
    default whether the document's language (its /Lang) is written right to left."""
    reader = PdfReader(io.BytesIO(pdf))
    language = reader.root_object.get("/Lang")
    if right_to_left is None:
        right_to_left = bool(language) and direction(str(language)) == "rtl"
    writer = PdfWriter()
    writer.pdf_header = reader.pdf_header  # not pypdf's 1.3: the pages may use transparency (1.4 and up)
    width, height = A4_LANDSCAPE
    for left, right in saddle_stitch_order(len(reader.pages), right_to_left):
        side = PageObject.create_blank_page(width=width, height=height)
        for index, offset in ((left, 0.0), (right, width / 2)):
            if index is None:
                continue
            page = reader.pages[index]
            box = page.mediabox
            x = offset + (width / 2 - float(box.width)) / 2 - float(box.left)
            y = (height - float(box.height)) / 2 - float(box.bottom)
            side.merge_transformed_page(page, Transformation().translate(x, y))
        writer.add_page(side).compress_content_streams()
    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items()
                             if key in ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate", "/ModDate")})
    if language:
        writer.root_object[NameObject("/Lang")] = language
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
