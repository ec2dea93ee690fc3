"""What a render process keeps between PDFs: one FontConfiguration per set of @font-face rules, the
parsed stylesheets and the loaded images, each keyed by hashes of what it was made from, so a PDF
comes out byte for byte as if everything had been made afresh. Bounded; workers are also replaced
every so often (leaflets/outputs/pool.py), which bounds memory however long a build runs.

LEAFLETS_RENDER_CACHES=0 turns them off (bench/render_speed.py measures both ways).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS
from weasyprint.text import line_break
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

SWITCH = "LEAFLETS_RENDER_CACHES"
FONT_SETS = 4  # FontConfigurations kept: a brand's in one or two languages
SHEETS = 16  # parsed stylesheets kept per font set (the files, and each variant's and language's extra CSS)
IMAGES = 32  # images kept per font set (an SVG image keeps the layout it was first drawn in)
DESCRIPTIONS = 1024  # Pango font descriptions kept (one per family, style, weight and size in use)
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
FILE_URL = re.compile(r"""url\(\s*["']?(file:[^"')]+)""")


def caches_on() -> bool:
    """Whether renders reuse what earlier ones in this process made (the environment can say no)."""
    return os.environ.get(SWITCH, "1") != "0"


_digests: dict[tuple[str, int, int, int], str] = {}


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read again only when the file's size, time or inode change:
    fonts are hashed for every PDF's cache key, and reading them each time was most of its cost."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    digest = _digests.get(key)
    if digest is None:
        if len(_digests) > 4096:
            _digests.clear()
        digest = _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _url_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path))
    return path if path.is_file() else None


def _faces_key(texts: list[str]) -> str:
    """A hash of every @font-face rule and of the bytes of each font file they name."""
    digest = hashlib.sha256()
    for text in texts:
        for rule in FONT_FACE.findall(text):
            digest.update(rule.encode("utf-8") + b"\0")
            for url in FILE_URL.findall(rule):
                path = _url_path(url)
                digest.update((file_digest(path) if path else "missing").encode("ascii") + b"\0")
    return digest.hexdigest()


class _Images(dict):
    """WeasyPrint's image cache for one render. It looks images up by URL; this keys them by URL
    and content (the diagram and QR code are served at fixed URLs with each brand's content) in the
    font set's store, shared between renders. Anything else WeasyPrint keeps here (a raster image's
    bytes, an image that failed to load) stays with this render."""

    def __init__(self, store: OrderedDict[tuple[str, str], Any], resources: dict[str, bytes]) -> None:
        super().__init__()
        self.store, self.resources = store, resources
        self.keys_of: dict[str, tuple[str, str] | None] = {}

    def _key(self, url: object) -> tuple[str, str] | None:
        if not isinstance(url, str):
            return None
        if url not in self.keys_of:
            if url in self.resources:
                self.keys_of[url] = (url, hashlib.sha256(self.resources[url]).hexdigest())
            else:
                path = _url_path(url)
                self.keys_of[url] = (url, file_digest(path)) if path else None
        return self.keys_of[url]

    def __contains__(self, url: object) -> bool:
        key = self._key(url)
        return (key is not None and key in self.store) or super().__contains__(url)

    def __getitem__(self, url: str) -> Any:
        key = self._key(url)
        if key is not None and key in self.store:
            self.store.move_to_end(key)
            return self.store[key]
        return super().__getitem__(url)

    def __setitem__(self, url: str, value: Any) -> None:
        key = self._key(url)
        if key is None or value is None:  # a failed image is tried (and reported) again next time
            super().__setitem__(url, value)
            return
        self.store[key] = value
        while len(self.store) > IMAGES:
            self.store.popitem(last=False)


@dataclass
class _FontSet:
    fonts: FontConfiguration = field(default_factory=FontConfiguration)
    sheets: OrderedDict[tuple[str, ...], CSS] = field(default_factory=OrderedDict)
    images: OrderedDict[tuple[str, str], Any] = field(default_factory=OrderedDict)

    def sheet(self, key: tuple[str, ...], make: Any) -> CSS:
        if key in self.sheets:
            self.sheets.move_to_end(key)
        else:
            self.sheets[key] = make(self.fonts)
            while len(self.sheets) > SHEETS:
                self.sheets.popitem(last=False)
        return self.sheets[key]


class RenderCaches:
    """The caches of this process (see the module's docstring)."""

    def __init__(self) -> None:
        self.sets: OrderedDict[str, _FontSet] = OrderedDict()

    def clear(self) -> None:
        """Forget everything: after a failed render, so that whatever failed is tried and reported again."""
        self.sets.clear()

    def for_render(self, base_dir: Path, stylesheets: list[Path], extra_css: str, fetcher: URLFetcher,
                   resources: dict[str, bytes]) -> tuple[FontConfiguration, list[CSS], dict]:
        """The FontConfiguration, parsed stylesheets and image cache for one render."""
        texts = [path.read_text(encoding="utf-8") for path in stylesheets]
        faces = _faces_key([*texts, extra_css])
        if faces in self.sets:
            self.sets.move_to_end(faces)
        else:
            self.sets[faces] = _FontSet()
            while len(self.sets) > FONT_SETS:
                self.sets.popitem(last=False)
        found = self.sets[faces]
        sheets = [found.sheet(("file", str(path), _text_digest(text)),
                              lambda fonts, path=path: CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts))
                  for path, text in zip(stylesheets, texts, strict=True)]
        sheets.append(found.sheet(("string", str(base_dir), _text_digest(extra_css)),
                                  lambda fonts: CSS(string=extra_css, base_url=str(base_dir), url_fetcher=fetcher,
                                                    font_config=fonts)))
        return found.fonts, sheets, _Images(found.images, resources)


CACHES = RenderCaches()
_descriptions: dict[tuple[object, ...], Any] = {}
_made_afresh = line_break.get_font_description


def _font_description(style: Any) -> Any:
    """WeasyPrint's Pango font description for a style, made once per family, style, stretch,
    weight, size, capitals and variations: the fields it is made from. WeasyPrint makes one for
    every piece of text it measures (over 100,000 for the sample) and Pango only copies it, so
    one made earlier is as good. Without the caches, WeasyPrint's own function runs."""
    if not caches_on():
        return _made_afresh(style)
    key = (tuple(style["font_family"]), style["font_style"], style["font_stretch"], style["font_weight"],
           style["font_size"], style["font_variant_caps"], repr(style["font_variation_settings"]))
    found = _descriptions.get(key)
    if found is None:
        if len(_descriptions) >= DESCRIPTIONS:
            _descriptions.clear()
        found = _descriptions[key] = _made_afresh(style)
    return found


def install() -> None:
    """Let WeasyPrint's line breaking (text/line_break.py, which measures every piece of text) use
    _font_description; WeasyPrint is pinned below 71, whose module this is checked against."""
    line_break.get_font_description = _font_description


def reset() -> None:
    """Forget every cache and file hash of this process, as a fresh worker starts."""
    CACHES.clear()
    _digests.clear()
    _descriptions.clear()
