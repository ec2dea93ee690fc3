"""Message catalogs per language (gettext PO files read with Babel), dates, names and direction.

Every word a template prints comes through Jinja2's i18n extension from locale/<lang>/LC_MESSAGES/
messages.po; English (the language the content is written in) is the message ids themselves.
The catalogs are compiled in memory when first used, so no compiled .mo files are kept in git.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from ..errors import Problem, UsageError
from . import languages

SOURCE = "en"  # the language content is written in
SOURCE_TAG = "en-GB"  # what <html lang> and the PDF's /Lang say for it
LOCALE_DIR = "locale"
TEMPLATE_DIR = "templates"
DOMAIN = "messages"
# Markup in a translation: a tag, a character reference, or a script address.
MARKUP = re.compile(r"<\s*/?\s*[a-z!?]|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);|\b(?:java|vb)script\s*:", re.I)
SHOWN = 60  # characters of a message quoted in a problem


def N_(message: str) -> str:
    """Mark a message for `pybabel extract` (keyword N_) without translating it here."""
    return message


def catalog_path(root: Path, language: str) -> Path:
    return root / LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available(root: Path) -> list[str]:
    """The languages that have a message catalog, plus English."""
    folder = root / LOCALE_DIR
    found = sorted(p.name for p in folder.iterdir() if catalog_path(root, p.name).is_file()) if folder.is_dir() else []
    return [SOURCE, *found]


def language_name(language: str, root: Path | None = None) -> str:
    """'cy' -> 'Welsh': the language file's English name where `root` has one, else Babel's; an
    unknown code is shown as given."""
    found = languages.load(root).found if root is not None else {}
    if language in found:
        return found[language].data.name.english
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name("en") or language
    except (UnknownLocaleError, ValueError):
        return language


def check_language(root: Path, language: str) -> None:
    """A language the templates cannot be written in is an error that names it."""
    if language not in available(root):
        raise UsageError(f"no message catalog for language '{language}' ({language_name(language)}): add "
                         f"{LOCALE_DIR}/{language}/LC_MESSAGES/{DOMAIN}.po (see README, 'Adding a language'); "
                         f"available: {', '.join(available(root))}")


@lru_cache(maxsize=16)
def _compiled(path: Path, mtime: float) -> Translations:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translations(root: Path, language: str) -> NullTranslations:
    """The template messages in `language` (English: the message ids unchanged)."""
    if language == SOURCE:
        return NullTranslations()
    check_language(root, language)
    path = catalog_path(root, language)
    return _compiled(path, path.stat().st_mtime)


def locale(language: str) -> Locale:
    return Locale.parse("en_GB" if language == SOURCE else language.replace("-", "_"))


def tag(language: str) -> str:
    """The BCP 47 tag for <html lang> and the PDF's /Lang."""
    return SOURCE_TAG if language == SOURCE else language


def own_name(root: Path, language: str) -> str:
    """The language's name in itself (Cymraeg, Polski, اردو), as its language.yaml gives it; a
    template that prints it in another language's page draws it with fonts.chain's script fonts."""
    found = languages.load(root).found
    return found[language].data.name.own if language in found else language_name(language, root)


def direction(language: str, root: Path | None = None) -> str:
    """'rtl' or 'ltr': as the language's file under `root` declares it, else from Babel's locale
    data (for a PDF's /Lang read back, where no project is at hand)."""
    found = languages.load(root).found if root is not None else {}
    if language in found:
        return found[language].direction
    return "rtl" if locale(language).character_order == "right-to-left" else "ltr"


def long_date(value: dt.date, language: str = SOURCE) -> str:
    """25 November 2026, 25 Tachwedd 2026, 25 listopada 2026: the language's own long form."""
    return format_date(value, "long", locale=locale(language))


def catalog_text(root: Path, language: str) -> str:
    """Every translated template word of `language`, to check against the fonts."""
    if language == SOURCE:
        return ""
    with catalog_path(root, language).open("rb") as handle:
        catalog = read_po(handle)
    return " ".join(" ".join(m.string) if isinstance(m.string, (list, tuple)) else (m.string or "")
                    for m in catalog if m.id)


def template_messages(root: Path, names: tuple[str, ...]) -> tuple[str, ...]:
    """The message ids the named templates print, in order (a plural by its singular)."""
    return tuple(dict.fromkeys(message for name in names
                               for message in _extracted(root / TEMPLATE_DIR / name,
                                                         (root / TEMPLATE_DIR / name).stat().st_mtime)))


@lru_cache(maxsize=16)
def _extracted(path: Path, mtime: float) -> tuple[str, ...]:
    from jinja2.ext import babel_extract
    with path.open("rb") as handle:
        found = babel_extract(handle, ("_", "gettext", "ngettext"), [], {})
        return tuple(message if isinstance(message, str) else str(message[0])
                     for _, _, message, _ in found if message and (isinstance(message, str) or message[0]))


@dataclass(frozen=True)
class Untranslated:
    """The message ids a catalog leaves in English (missing, empty or fuzzy) in the catalog's order
    (missing ones last), and the line of the first (1 when it is missing)."""

    messages: tuple[str, ...]
    line: int


def untranslated(root: Path, language: str, messages: tuple[str, ...]) -> Untranslated:
    """Which of `messages` the catalog of `language` does not translate: a fuzzy entry is not
    compiled (the template would print the English), nor is an empty one."""
    if language == SOURCE:
        return Untranslated((), 1)
    path = catalog_path(root, language)
    catalog = _entries(path, path.stat().st_mtime)
    left = [message for message in messages if catalog.get(message, (False, 0))[0] is False]
    left.sort(key=lambda message: catalog[message][1] if message in catalog else len(catalog) * 1000)  # file order
    return Untranslated(tuple(left), catalog[left[0]][1] if left and left[0] in catalog else 1)


@lru_cache(maxsize=16)
def _entries(path: Path, mtime: float) -> dict[str, tuple[bool, int]]:
    """Each message id: whether it has a translation the build uses, and its line."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string or ""]
        entries[msgid] = (not message.fuzzy and all(strings), message.lineno or 1)
    return entries


def catalog_markup(root: Path) -> list[Problem]:
    """Markup in the translations of every catalog, one problem per message at its msgstr line.

    The templates print a translation as text (leaflets/render/html.py escapes it), so markup
    would show as code in the leaflet; and a catalog comes from outside, where a tag may be an
    attempt to slip a link or a script into every leaflet. The markup belongs in the templates.
    """
    found = []
    for language in available(root)[1:]:
        path = catalog_path(root, language)
        with path.open("rb") as handle:
            catalog = read_po(handle)
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        for message in catalog:
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string or ""]
            markup = next((match for text in strings if (match := MARKUP.search(text))), None)
            if not message.id or markup is None:
                continue
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            line = next((number for number in range(message.lineno or 1, len(lines) + 1)
                         if lines[number - 1].startswith("msgstr")), message.lineno or 1)
            found.append(Problem(
                path.relative_to(root).as_posix(), line, 1, "msgstr",
                f"the translation of \"{_cut(msgid)}\" holds markup ('{_cut(markup.group(0))}' in "
                f"\"{_cut(markup.string)}\"), which the leaflet would print as code",
                "a catalog holds words only: write the translation without tags, character references or "
                "script addresses; the templates add any markup"))
    return found


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 3] + "..."
