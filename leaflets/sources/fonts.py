"""The script fonts after a brand's own: files under the project's fonts/ folder, never the system's,
named by each language's data (locale/<code>/language.yaml, see languages.py).

A brand's fonts draw every Latin letter of every language the brand publishes (`check` refuses a
letter they lack: a fallback mid-word looks like a mistake). A script they do not cover at all,
such as Urdu's, is drawn by the script fonts the language declares. The chain of a document is its
own language's script fonts first, then every other language's, so an English page that names a
language in itself (اردو) draws it too; WeasyPrint embeds only the fonts a page uses.
"""

from __future__ import annotations

from pathlib import Path

from .assets import font_characters
from .languages import FONT_DIR, ScriptFont, load

FOLDER = FONT_DIR


def chain(root: Path, language: str) -> tuple[ScriptFont, ...]:
    """The script fonts a document in `language` may use, its own language's first."""
    found = load(root).found
    own = found[language].fonts if language in found else ()
    others = (font for code, lang in sorted(found.items()) if code != language for font in lang.fonts)
    return tuple(dict.fromkeys((*own, *others)))


def language_fonts(root: Path, language: str) -> tuple[ScriptFont, ...]:
    """The script fonts `language` declares (none if its file is broken or absent)."""
    found = load(root).found
    return found[language].fonts if language in found else ()


def families(root: Path, language: str) -> list[str]:
    return list(dict.fromkeys(f.family for f in chain(root, language)))


def paths(root: Path, language: str) -> tuple[Path, ...]:
    return tuple(root / FOLDER / f.file for f in chain(root, language))


def characters(root: Path, language: str) -> frozenset[int]:
    """What the script fonts of `language` itself can draw in every weight they come in."""
    by_family: dict[str, frozenset[int]] = {}
    for font in language_fonts(root, language):
        chars = font_characters(root / FOLDER / font.file)
        if isinstance(chars, str):
            raise OSError(chars)
        by_family[font.family] = by_family[font.family] & chars if font.family in by_family else chars
    return frozenset().union(*by_family.values()) if by_family else frozenset()


def font_face_css(root: Path, language: str) -> str:
    """An @font-face rule for each script font in the chain of `language`, naming its file."""
    rules = []
    for font in chain(root, language):
        src = (root / FOLDER / font.file).as_uri()
        rules.append(f'@font-face {{ font-family: "{font.family}"; src: url("{src}"); font-weight: {font.weight}; }}\n')
    return "".join(rules)
