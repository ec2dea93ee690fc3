"""Reading the text of each released leaflet version, kept beside the content.

`--release` writes content/archive/<brand>/<leaflet>/<language>/<version>.json
(leaflets/outputs/archive.py): what the brand's PDF in that language printed, part by part (the
leaflet's fields as sentences, the brand's services and contacts, the table, the glossary entries),
its fingerprint, and who approved it. Reading it belongs here, with the draft decision that compares
today's text with it; writing it stays with the build's outputs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import ContentError, Problem
from ..sources.contained import NotContained, link_on_the_way, read_regular

ARCHIVE = "archive"
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.-]*")  # a file name in content/archive/<leaflet>/: no / nor ..
VERSION_LENGTH = 20
MAX_BYTES = 5_000_000  # a long leaflet's record is some 30 kB
FIX = "restore the file from version control, or delete it and release this version again with --release"


def version_problem(version: str) -> str | None:
    """Why `version` cannot name a leaflet's release (its file is content/archive/<leaflet>/<version>.json),
    or None."""
    if len(version) <= VERSION_LENGTH and VERSION.fullmatch(version) and ".." not in version:
        return None
    shown = version if len(version) <= 40 else version[:37] + "..."
    return (f"'{shown}' is not a version number: use letters, digits, '.' and '-', starting with a letter or "
            f"digit, at most {VERSION_LENGTH} characters (for example 1.2 or 2026-1)")


def archive_path(content: Path, brand: str, slug: str, language: str, version: str) -> Path:
    """Where the release of this version for this brand in this language is kept. A version that is
    not a plain token, or a folder that a symbolic link takes elsewhere, is refused: --release writes
    here."""
    why = version_problem(version)
    if why:
        raise ValueError(why)
    folder = content / ARCHIVE
    path = _folder(content, brand, slug, language) / f"{version}.json"
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"'{brand}/{slug}/{language}/{version}.json' is not inside {folder}")
    return path


def _folder(content: Path, brand: str, slug: str, language: str) -> Path:
    for name in (brand, slug, language):
        if not name or name.startswith(".") or "/" in name or "\\" in name:
            raise ValueError(f"'{name}' cannot name a folder in {content / ARCHIVE}")
    return content / ARCHIVE / brand / slug / language


def _version_key(version: str) -> tuple:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.replace("-", ".").split("."))


def releases(content: Path, brand: str, slug: str, language: str) -> list[dict]:
    """Every archived release of a leaflet for a brand in a language, oldest version first."""
    folder = _folder(content, brand, slug, language)
    link = link_on_the_way(content, folder)
    if link is not None:  # load_project refuses links in content/ first; nothing is read through one
        raise ContentError([Problem(str(link), 1, 1, "(folder)", "is a symbolic link",
                                    "replace the link with the folder itself")])
    found = [_read(path) for path in sorted(folder.glob("*.json"))] if folder.is_dir() else []
    return sorted(found, key=lambda release: _version_key(release["version"]))


def _read(path: Path) -> dict:
    """One archived release; a damaged file is a problem that names it, not a traceback."""
    def damaged(field: str, message: str, line: int = 1, column: int = 1) -> ContentError:
        return ContentError([Problem(str(path), line, column, field, message, FIX)])

    try:
        raw = read_regular(path, MAX_BYTES)
    except NotContained as exc:
        raise damaged("(file)", str(exc)) from exc
    if len(raw) > MAX_BYTES:
        raise damaged("(file)", f"is larger than a release record can be ({MAX_BYTES} bytes)")
    try:
        release = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep, a number too long
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        raise damaged("(file)", f"is not a release record --release wrote ({_unreadable(exc)})", line, column) from exc
    if not isinstance(release, dict):
        raise damaged("(file)", f"is not a release record --release wrote (it is {_kind(release)}, "
                      "not a group of fields)")
    for field, ok, want in RECORD:
        value = release.get(field)
        if not ok(value):
            kind = "a group of fields holding something else" if isinstance(value, dict) else _kind(value)
            raise damaged(field, f"must be {want}, not {kind}: this is not a release record --release wrote")
    if version_problem(release["version"]) or release["version"] != path.stem:
        raise damaged("version", f"'{release['version'][:40]}' is not the version this file is named for "
                      f"({path.stem})")
    return release


def _unreadable(exc: Exception) -> str:
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return str(exc)
    return "it is nested too deeply" if isinstance(exc, RecursionError) else "it has a number too long to read"


def _kind(value: object) -> str:
    kinds = {dict: "a group of fields", list: "a list", str: "text", int: "a number", float: "a number",
             bool: "true/false", type(None): "missing or empty"}
    return kinds.get(type(value), "something else")


def _sentences(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(texts, list) and all(isinstance(t, str) for t in texts)
        for key, texts in value.items())


RECORD = (  # what the draft decision and the evidence pack read from a record, and its type
    ("version", lambda v: isinstance(v, str), "text"),
    ("released_on", lambda v: isinstance(v, str), "text (a date)"),
    ("approved_by", lambda v: v is None or isinstance(v, str), "text"),
    ("fingerprint", lambda v: isinstance(v, str), "text (a SHA-256)"),
    ("parts", lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(d, str) for k, d in v.items()),
     "the SHA-256 of each part"),
    ("fields", _sentences, "a list of sentences for each field"),
)


def latest(content: Path, brand: str, slug: str, language: str) -> dict | None:
    """The newest release of a leaflet for a brand in a language, if any."""
    found = releases(content, brand, slug, language)
    return found[-1] if found else None


def released(content: Path, brand: str, slug: str, language: str, version: str) -> dict | None:
    """The archived release of this version of a leaflet for a brand in a language, if it has been released."""
    same = [release for release in releases(content, brand, slug, language) if release.get("version") == version]
    return same[0] if same else None
