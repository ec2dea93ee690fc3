"""The fallback fonts after a brand's own: the project's fonts/ folder, never the system's.

English content is written for the brand's fonts, and a character they lack is an error. A
translation may need letters a brand's font does not have (Welsh ŵ ŷ, Polish ł, Urdu's script):
those come from the fallback fonts, in this order, and `check` reports any character that no
font in the chain has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assets import font_characters
from .i18n import SOURCE

FOLDER = "fonts"


@dataclass(frozen=True)
class Fallback:
    family: str
    file: str  # under fonts/
    weight: int


FALLBACKS = (
    Fallback("Noto Sans", "noto/NotoSans-Regular.ttf", 400),
    Fallback("Noto Sans", "noto/NotoSans-Bold.ttf", 700),
    Fallback("Noto Naskh Arabic", "noto/NotoNaskhArabic-Regular.ttf", 400),
    Fallback("Noto Naskh Arabic", "noto/NotoNaskhArabic-Bold.ttf", 700),
)


def fallbacks(language: str) -> tuple[Fallback, ...]:
    """The fallback fonts a document in `language` may use: none for English."""
    return () if language == SOURCE else FALLBACKS


def families(language: str) -> list[str]:
    return list(dict.fromkeys(f.family for f in fallbacks(language)))


def paths(root: Path, language: str) -> tuple[Path, ...]:
    return tuple(root / FOLDER / f.file for f in fallbacks(language))


def characters(root: Path, language: str) -> frozenset[int]:
    """What the fallback fonts can draw in every weight they come in."""
    by_family: dict[str, frozenset[int]] = {}
    for font in fallbacks(language):
        chars = font_characters(root / FOLDER / font.file)
        if isinstance(chars, str):
            raise OSError(chars)
        by_family[font.family] = by_family[font.family] & chars if font.family in by_family else chars
    return frozenset().union(*by_family.values()) if by_family else frozenset()


def font_face_css(root: Path, language: str) -> str:
    """An @font-face rule for each fallback font of `language`, naming its file."""
    rules = []
    for font in fallbacks(language):
        src = (root / FOLDER / font.file).as_uri()
        rules.append(f'@font-face {{ font-family: "{font.family}"; src: url("{src}"); font-weight: {font.weight}; }}\n')
    return "".join(rules)
