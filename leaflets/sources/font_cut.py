"""Cut a brand's font from the full font file: the letters English needs and those of every language
the brand publishes, nothing else, so the file stays small and every letter a leaflet prints is the
brand's own (a fallback font mid-word looks like a mistake)."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

# What fontsource's "latin" subset holds (Latin-1, common punctuation, the euro and a few symbols):
# the letters and signs an English leaflet may print; with Latin Extended-A, Romanian's ș ț and
# Welsh's ẁ ẃ ẅ ỳ, the letters of Europe's Latin-script languages, so that a language added as data
# (Romanian, Czech, Lithuanian...) prints without cutting the fonts again. A language needing more
# lists it in its `letters`, and `check` names a letter a brand's font lacks.
BASE = frozenset({*range(0x20, 0x7F), *range(0xA0, 0x180), 0x152, 0x153, *range(0x218, 0x21C), 0x2BB, 0x2BC,
                  0x2C6, 0x2C7, 0x2D8, 0x2D9, 0x2DA, 0x2DB, 0x2DC, 0x2DD, 0x304, 0x308, 0x329,
                  *range(0x1E80, 0x1E86), 0x1EF2, 0x1EF3, *range(0x2000, 0x2070), 0x20AC, 0x2122, 0x2191,
                  0x2193, 0x2212, 0x2215, 0xFEFF, 0xFFFD})


def cut(full: Path, letters: frozenset[int]) -> tuple[bytes, frozenset[int]]:
    """The font at `full` cut to BASE and `letters`, and the letters it lacks (nothing is written here:
    the command writes the cut only when no font lacks a letter, and atomically)."""
    font = TTFont(full)
    cmap = font.getBestCmap() or {}
    wanted = BASE | letters
    options = subset.Options()
    options.layout_features = ["*"]  # kerning and the marks that place accents
    options.name_IDs = ["*"]  # keep the copyright and licence names
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=sorted(char for char in wanted if char in cmap))
    cutter.subset(font)
    data = io.BytesIO()
    font.save(data)
    return data.getvalue(), frozenset(char for char in letters if char not in cmap)


def is_latin(char: int) -> bool:
    """A Latin letter: one the brand's own fonts must draw (other scripts have their own fonts)."""
    return unicodedata.name(chr(char), "").startswith("LATIN ")
