"""Pictures of a PDF's pages, with the urgent box outlined where it lies (PDFium, the renderer in
Chromium): what the evidence pack shows so a reviewer sees each page as the patient will."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pypdfium2
from PIL import ImageDraw

from ..render.page_boxes import Outline

PICTURE_DPI = 100  # the smallest print stays readable at the pack's 150 mm wide pictures
OUTLINE_COLOUR = (214, 0, 110)  # magenta: no brand colour or page colour is this
OUTLINE_PT = 3.0  # the outline's width in points, drawn just outside the box
JPEG_QUALITY = 80  # the text stays crisp; PNG pages made a pack of 4 MB (WeasyPrint stores their pixels)


def page_pictures(pdf: bytes, urgent: Sequence[Outline], dpi: int = PICTURE_DPI) -> list[bytes]:
    """One JPEG per page, in order, with each piece of the urgent box on that page outlined."""
    scale = dpi / 72
    pictures = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                image = page.render(scale=scale).to_pil().convert("RGB")
            finally:
                page.close()
            draw = ImageDraw.Draw(image)
            width = max(1, round(OUTLINE_PT * scale))
            for box in urgent:
                if box.page == number:
                    draw.rectangle(((box.left - OUTLINE_PT) * scale, (box.top - OUTLINE_PT) * scale,
                                    (box.left + box.width + OUTLINE_PT) * scale,
                                    (box.top + box.height + OUTLINE_PT) * scale),
                                   outline=OUTLINE_COLOUR, width=width)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
            pictures.append(buffer.getvalue())
    finally:
        document.close()
    return pictures
