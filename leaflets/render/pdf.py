"""Render HTML to PDF with WeasyPrint, allowing it to read only the project's asset folders."""

from __future__ import annotations

import gc
import itertools
import logging
import mimetypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import RenderError
from . import caches, structure_lang
from .caches import CACHES, caches_on

structure_lang.install()
caches.install()

WEASYPRINT_LOG = logging.getLogger("weasyprint")
WEASYPRINT_LOG.setLevel(logging.WARNING)
WEASYPRINT_LOG.propagate = False
logging.getLogger("fontTools").setLevel(logging.ERROR)


class RefusedURL(Exception):
    """A document asked for something outside the project's asset folders."""


class ProjectURLFetcher(URLFetcher):
    """Serve files under `roots` and the generated `resources` (by exact URL, such as a diagram in
    the brand's colours); refuse every other file, any network URL and `data:` URIs.

    It never opens a connection, so redirects cannot happen. Refusals stop the render
    (`fail_on_errors`) instead of leaving a silently missing image or font.
    """

    def __init__(self, roots: tuple[Path, ...], resources: dict[str, bytes] | None = None) -> None:
        super().__init__(fail_on_errors=True, allow_redirects=False, allowed_protocols={"file"})
        self.roots = tuple(root.resolve() for root in roots)
        self.resources = resources or {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url in self.resources:
            mime = mimetypes.guess_type(url)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=self.resources[url], headers={"Content-Type": mime})
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            shown = url if len(url) < 80 else url[:77] + "..."
            raise RefusedURL(f"refused to fetch '{shown}': documents may only use files inside the project")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(f"refused to read '{path}': it is outside the project's asset folders")
        if not path.is_file():
            raise RefusedURL(f"file not found: '{path}'")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


PDF_OPTIONS = {"pdf_tags": True}


class Fit(Protocol):
    """Chooses a document's HTML by laying out trials (see leaflets/render/urgent_fit.py)."""

    def choose(self, lay_out: Callable[[str], Document]) -> str: ...

    def retry(self, document: Document) -> str | None: ...


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


class _Failures(logging.Handler):
    """Collects what WeasyPrint reports and then carries on without: an image or SVG it could not
    draw, a stylesheet or font it could not load. A leaflet missing any of those is not built."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().rstrip()
        if message.endswith(":"):  # WeasyPrint gave no reason (a damaged image says nothing)
            message += " no reason was given; the file may be damaged"
        if record.levelno >= logging.ERROR or message.startswith("Font-face"):
            self.messages.append(message)


COLLECT_EVERY = 8  # PDFs rendered between two runs of the garbage collector (see collector_paused)
THAW_EVERY = 8  # runs of the collector between two that look at everything, frozen objects too
_rendered = itertools.count(1)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector off while a PDF is made (laid out, written and
    post-processed), and run it after every COLLECT_EVERY PDFs instead. A render makes millions of
    short-lived objects; the collector's passes over them (and over the caches) cost several percent
    of a render, while what a render leaves in reference cycles is small and is collected soon
    after. The PDF's bytes do not depend on when memory is freed.

    After each run, what survived (mostly the render caches, which outlive every PDF) is frozen
    (gc.freeze), so the next runs look only at what later PDFs made: a full pass over the caches cost
    about 200 ms. Every THAW_EVERY runs, everything is looked at again, so a cache entry dropped in a
    reference cycle is still freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        rendered = next(_rendered)
        if rendered % COLLECT_EVERY == 0:
            if rendered % (COLLECT_EVERY * THAW_EVERY) == 0:
                gc.unfreeze()
            gc.collect()
            gc.freeze()


def render_pdf(html: str, base_dir: Path, stylesheets: list[Path], extra_css: str,
               roots: tuple[Path, ...], resources: dict[str, bytes] | None = None,
               options: dict | None = None, fit: Fit | None = None) -> RenderedPdf:
    """Lay out `html` with the given stylesheets and return the PDF bytes and page count.

    `options` go to WeasyPrint (for example a PDF variant); the default is a tagged PDF. `fit`, given
    a way to lay out any HTML with the same stylesheets, chooses the HTML to render (instead of
    `html`), then looks at its layout and returns other HTML to lay out instead, or None to keep it.
    """
    failures = _Failures()
    WEASYPRINT_LOG.addHandler(failures)
    try:
        pdf = _render(html, base_dir, stylesheets, extra_css, ProjectURLFetcher(roots, resources),
                      options or PDF_OPTIONS, fit)
    except Exception:
        CACHES.clear()
        raise
    finally:
        WEASYPRINT_LOG.removeHandler(failures)
    if failures.messages:
        CACHES.clear()  # a stylesheet, font or image that failed is loaded, and reported, again next time
        raise RenderError("; ".join(dict.fromkeys(failures.messages)))
    return pdf


def _render(html: str, base_dir: Path, stylesheets: list[Path], extra_css: str,
            fetcher: ProjectURLFetcher, options: dict, fit: Fit | None) -> RenderedPdf:
    images: dict
    try:
        if caches_on():
            fonts, sheets, images = CACHES.for_render(base_dir, stylesheets, extra_css, fetcher, fetcher.resources)
        else:  # WeasyPrint as its documentation shows it: everything made afresh for each PDF
            fonts = FontConfiguration()
            sheets = [CSS(filename=str(p), url_fetcher=fetcher, font_config=fonts) for p in stylesheets]
            sheets.append(CSS(string=extra_css, base_url=str(base_dir), url_fetcher=fetcher, font_config=fonts))
            images = {}

        def lay_out(source: str) -> Document:
            return HTML(string=source, base_url=str(base_dir), url_fetcher=fetcher).render(
                stylesheets=sheets, font_config=fonts, cache=images, **options)

        if fit is not None:
            html = fit.choose(lay_out)
        while True:
            document = lay_out(html)
            other = fit.retry(document) if fit else None
            if other is None:
                break
            html = other
        return RenderedPdf(document.write_pdf(**options), len(document.pages))
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        raise RenderError(str(cause) if isinstance(cause, RefusedURL) else str(exc)) from exc
