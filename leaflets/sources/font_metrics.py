"""How wide a line of text is in a font file: the sum of its characters' advance widths.

An estimate, and an honest one: it leaves out kerning and shaping (so a Latin line is within a few
per cent of what is printed), and a character the font lacks counts as the font's average width.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

POINTS_PER_MM = 72 / 25.4


@lru_cache(maxsize=16)
def _advances(path: Path) -> tuple[dict[int, int], int, int]:
    """Each character's advance width, the font's average width, and its units per em."""
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap() or {}
        metrics = font["hmtx"].metrics
        widths = {char: metrics[glyph][0] for char, glyph in cmap.items() if glyph in metrics}
        average = font["OS/2"].xAvgCharWidth if "OS/2" in font else round(sum(widths.values()) / max(len(widths), 1))
        return widths, average, font["head"].unitsPerEm


def text_width_mm(path: Path, text: str, size_pt: float) -> float:
    """The width of `text` on one line, set in the font at `path` at `size_pt` points."""
    widths, average, per_em = _advances(path)
    units = sum(widths.get(ord(char), average) for char in text)
    return units / per_em * size_pt / POINTS_PER_MM
