"""The other languages a leaflet exists in, each named in itself ("Cymraeg", "Polski", "اردو"), so
a reader of any of them finds their version from any other (issue 20, part 8); and the web address
of each language's page, where that language's QR code points (part 9).

A name is marked with its language and direction: a screen reader switches voice for it, and a
right-to-left name is an isolate that cannot reorder the sentence around it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from babel import Locale
from markupsafe import Markup

from ..model.leaflets import Leaflet
from ..model.project import Project
from ..sources import i18n

SEPARATOR = " · "
AND = i18n.N_("%(language)s and %(other)s")  # a bilingual PDF's languages
NAME = Markup('<span lang="{}" dir="{}">{}</span>')


def bilingual_name(root: Path, languages: list[str], gettext: Callable[[str], str]) -> str:
    """'Cymraeg a Saesneg' for a Welsh-English PDF: its first language named in itself (its
    language.yaml), the others as CLDR names them in it, joined by `gettext` (its catalog)."""
    first = Locale(i18n.locale(languages[0]).language)
    names = [i18n.own_name(root, languages[0]), *(Locale(i18n.locale(other).language).get_display_name(first) or other
                                       for other in languages[1:])]
    return gettext(AND) % {"language": names[0], "other": " ".join(names[1:])}


def leaflet_languages(project: Project, leaflet: Leaflet) -> list[str]:
    """Every language the leaflet exists in: English, then each translation, in code order."""
    english = leaflet.english or leaflet
    return [i18n.SOURCE, *sorted(language for language, slug in project.translations if slug == english.slug)]


def name_html(root: Path, language: str) -> Markup:
    """A language's name in itself (its language.yaml), marked with its language and direction."""
    return NAME.format(i18n.tag(language), i18n.direction(language, root), i18n.own_name(root, language))


def also_in(project: Project, leaflet: Leaflet) -> Markup | None:
    """'Cymraeg · Polski · اردو': the leaflet's other languages, each marked up in its own language;
    None for a leaflet in one language only."""
    others = [language for language in leaflet_languages(project, leaflet) if language != leaflet.language]
    return Markup(SEPARATOR).join(name_html(project.root, language) for language in others) if others else None


def language_url(url: str, language: str) -> str:
    """The address of a leaflet's page in `language`: its English address, with a folder named for
    the language beneath it (leaflets/outputs/site.py puts the page there). No slash at its end, like
    the brand's own addresses: in right-to-left text a final slash would be drawn at the other end."""
    if language == i18n.SOURCE:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/{language}"))
