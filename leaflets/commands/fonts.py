"""`build.py fonts cut`: write a brand's fonts, cut from the full font files, with the letters of
every language the project publishes (each translation folder's language, as its language.yaml
lists them).

The cut fonts are committed in the brand's folder, not made during a build: a build then reads
only files that are in git (the promises check knows each one), a clinic sees in review exactly
which font it prints with, and a build needs neither the full files nor fontTools' subsetter.
"""

from __future__ import annotations

from pathlib import Path

import click
from fontTools.ttLib import TTFont, TTLibError

from ..errors import ContentError, Problem, UsageError
from ..model.brands import load_brands
from ..model.files import display_path
from ..outputs.write import atomic_write
from ..sources import languages
from ..sources.font_cut import cut, is_latin


def published(root: Path, content: Path) -> list[str]:
    """The languages the brands publish: English and each language with a translations folder."""
    folder = content / "translations"
    found = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return ["en", *found]


def letters(root: Path, codes: list[str]) -> frozenset[int]:
    """The Latin letters the languages `codes` need (other scripts are drawn by their script fonts)."""
    known = languages.load(root)
    missing = [code for code in codes if code not in known.found]
    if missing:
        raise ContentError([problem for code in missing
                            for problem in known.broken.get(code, [Problem(
                                display_path(languages.path(root, code), root), 1, 1, "(file)",
                                f"language '{code}' has no language.yaml", "see README, 'Adding a language'")])])
    return frozenset(char for code in codes for char in known.found[code].letters if is_latin(char))


def cut_brand(root: Path, content: Path, brand: str, full: tuple[Path, ...]) -> list[str]:
    """Each of the brand's font files cut from the full file of the same weight and style."""
    problems: list[Problem] = []
    resolved, _ = load_brands(root, content, problems, [brand])
    if brand not in resolved:
        raise ContentError(problems or [Problem(brand, 1, 1, "(brand)", f"no brand '{brand}'", "")])
    by_weight = {}
    for path in full:
        try:
            with TTFont(path, lazy=True) as font:
                italic = bool(font["OS/2"].fsSelection & 1)
                by_weight[(font["OS/2"].usWeightClass, italic)] = path
        except (TTLibError, OSError, KeyError) as exc:
            raise UsageError(f"{path}: not a font file ({exc})") from exc
    codes = published(root, content)
    wanted = letters(root, codes)
    cuts, lines = [], []
    for face in resolved[brand].fonts:  # every cut made and checked before any brand font is replaced
        source = by_weight.get((face.weight, face.style == "italic"))
        if source is None:
            raise UsageError(f"no full font of weight {face.weight} ({face.style}) for {face.path.name}: "
                             f"give one, such as {face.family.replace(' ', '')}-{face.weight}.ttf")
        data, lacking = cut(source, wanted)
        if lacking:
            raise UsageError(f"{source.name} lacks {', '.join(chr(c) for c in sorted(lacking))}, which "
                             f"{', '.join(codes)} need: choose a font that has them; no font was changed")
        cuts.append((face.path, data))
        lines.append(f"{display_path(face.path, root)}: cut from {source.name} for {', '.join(codes)}")
    for path, data in cuts:
        atomic_write(path, data)
    return lines


def echo(lines: list[str]) -> None:
    click.echo("\n".join(lines))
