"""Every character a PDF prints is in a font it embeds: otherwise the system would quietly
substitute one of its own fonts, and the PDF would depend on the machine that built it."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..sources import fonts, i18n, languages
from ..sources.assets import font_characters, missing_characters, text_fields
from ..sources.font_cut import is_latin
from ..sources.yamlsource import FieldPath, YamlDocument
from .brands import ResolvedBrand
from .files import display_path
from .leaflets import Leaflet
from .translations import Translation

FONT_HINT = "add a font that has them to fonts/ (see README, 'Adding a language')"
CUT_HINT = ("cut the brand's fonts again from the full font files with every published language's letters: "
            "python3 build.py fonts cut BRAND FULL.ttf... (see README, 'Adding a clinic')")


def check_characters(leaflets: dict[str, Leaflet], brands: dict[str, ResolvedBrand],
                     extra_docs: list[YamlDocument], problems: list[Problem]) -> None:
    """Every character an English leaflet (its diagram's labels too), the glossary or a brand file
    prints is in each brand's own fonts (a brand's text in another language: see below)."""
    for brand in brands.values():
        translated = {loc for loc, _ in _brand_translations(brand)}
        texts = [(doc, loc, text) for doc in (brand.doc, *extra_docs) for loc, text in text_fields(doc.data)
                 if loc not in translated]
        for leaflet in leaflets.values():
            texts += [(leaflet.doc, loc, text) for loc, text in text_fields(leaflet.doc.data)]
        for doc, loc, text in texts:
            missing = missing_characters(text, brand.characters)
            if missing:
                problems.append(doc.problem(loc, f"{_shown(missing)} not in the fonts of brand '{brand.slug}'",
                                            "use plain words or characters the font has, or add a font that has them"))


def check_translated_characters(root: Path, translated: dict[tuple[str, str], Leaflet],
                                glossaries: dict[str, Translation], brands: dict[str, ResolvedBrand],
                                problems: list[Problem]) -> None:
    """Every character of a translation, of its language's template words, and of the brand's names
    and hours in that language, is in the brand's fonts or the fallback fonts after them: per brand
    and language."""
    for language in sorted({lang for lang, _ in translated} | set(glossaries)):
        chain = frozenset(char for char in fonts.characters(root, language) if not is_latin(char))
        texts = _translated_texts(language, translated, glossaries)
        words = i18n.catalog_text(root, language)
        for brand in brands.values():
            available = brand.characters | chain
            where = (f"the fonts of brand '{brand.slug}' (nor, for another script than Latin, the script fonts of "
                     f"{i18n.language_name(language, root)})")
            in_brand = [(brand.doc, loc, text) for loc, text in _brand_translations(brand, language)]
            for doc, loc, text in texts + in_brand:
                missing = missing_characters(text, available)
                if missing:
                    problems.append(doc.problem(loc, f"{_shown(missing)} not in {where}", FONT_HINT))
            missing = missing_characters(words, available)
            if missing:
                problems.append(Problem(display_path(i18n.catalog_path(root, language), root), 1, 1, "(catalog)",
                                        f"{_shown(missing)} not in {where}", FONT_HINT))


def check_language_letters(root: Path, published: list[str], brands: dict[str, ResolvedBrand],
                           problems: list[Problem]) -> None:
    """Each brand's font files have every Latin letter of every language it publishes (its
    language.yaml `letters`): a letter from a fallback font mid-word looks like a mistake. A letter
    of another script must be in the brand's fonts or the language's own script fonts."""
    found = languages.load(root).found
    for language in published:
        if language not in found:
            continue
        letters = sorted(found[language].letters)
        script = fonts.characters(root, language)
        for brand in brands.values():
            for loc, face in _font_entries(brand):
                have = font_characters(face)
                have = have if isinstance(have, frozenset) else frozenset()
                missing = [chr(c) for c in letters if c not in have and (is_latin(c) or c not in script)]
                if missing:
                    problems.append(brand.doc.problem(loc, (
                        f"the font file '{face.name}' of brand '{brand.slug}' lacks {_shown(missing)}, which "
                        f"{i18n.language_name(language, root)} needs ({languages.FILE} of '{language}', letters)"),
                        CUT_HINT))


def check_language_names(root: Path, brands: dict[str, ResolvedBrand], problems: list[Problem]) -> None:
    """Each language's name in itself can be printed on any page of any brand (an English page
    names the other languages in their own words): the brand's fonts or a script font have it."""
    found = languages.load(root).found
    scripts = frozenset().union(*(fonts.characters(root, code) for code in found))
    for code, language in sorted(found.items()):
        own = language.data.name.own
        for brand in brands.values():
            missing = [c for c in missing_characters(own, brand.characters)
                       if is_latin(ord(c)) or ord(c) not in scripts]
            if missing:
                path = languages.path(root, code)
                line = next((n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                             if text.strip().startswith("own:")), 1)
                problems.append(Problem(display_path(path, root), line, 1, "name.own", f"{_shown(missing)} of "
                                        f"'{own}' not in the fonts of brand '{brand.slug}'", CUT_HINT))


def _font_entries(brand: ResolvedBrand) -> list[tuple[FieldPath, Path]]:
    """Each font file of the brand with where its _brand.yml names it."""
    files = [(i, j, file.path) for i, family in enumerate(brand.model.typography.fonts)
             for j, file in enumerate(family.files)]
    return [(("typography", "fonts", i, "files", j, "path"), face.path)
            for (i, j, _), face in zip(files, brand.fonts, strict=False)]


def _translated_texts(language: str, translated: dict[tuple[str, str], Leaflet],
                      glossaries: dict[str, Translation]) -> list[tuple[YamlDocument, FieldPath, str]]:
    """Each translated field in `language`, with the file and place it is written at."""
    files = [leaflet.translation for (lang, _), leaflet in sorted(translated.items())
             if lang == language and leaflet.translation is not None]
    if language in glossaries:
        files.append(glossaries[language])
    return [(file.doc, ("fields", key, "text"), entry.text)
            for file in files for key, entry in file.model.fields.items()]


def _brand_translations(brand: ResolvedBrand, language: str | None = None) -> list[tuple[FieldPath, str]]:
    """The brand's names and hours in other languages than English (or in `language`), where each is."""
    return [((*path, code), text) for path, wording in brand.model.meta.wordings()
            for code, text in wording.translations.items() if language in (None, code)]


def _shown(missing: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])
