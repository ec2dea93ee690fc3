"""`build.py serve`: the web site, live, for the people who write the leaflets.

As mkdocs serve and sphinx-autobuild do it: watchfiles sees a saved file at once, the site is made
again in memory (the same `site_files` as the static build), and each open page whose file
changed is told to reload over server-sent events. A content problem replaces every page with the
problems, file and line, until it is fixed. The PDFs are rebuilt by the ordinary build in a
background process, and the site picks them up when it finishes. Only the preview adds a script,
served as a file (the pages' policy allows no inline script). preview_guard.py is its front door.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import mimetypes
import os
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..errors import ContentError, LeafletError
from ..model.readability import Score, score
from .preview_guard import event_query
from .site import Files, email_pdfs, site_files, thumbnail

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

EVENTS = "/_preview/events"
SCRIPT = "/_preview/reload.js"
STYLE = "/_preview/preview.css"
WATCHED = ("templates", "styles")
KEEPALIVE_SECONDS = 15
MAX_STREAMS = 16  # open pages listening for reloads at once (a browser opens at most 6 per server)
STREAM_SECONDS = 600  # then the stream ends and the browser opens it again
RELOAD_TAG = '<script src="%s" data-version="%d" data-problems="%d"></script>\n'
RELOAD_JS = """(function () {
  var tag = document.currentScript;
  var events = new EventSource("EVENTS?v=" + tag.dataset.version + "&problems=" + tag.dataset.problems +
                               "&path=" + encodeURIComponent(location.pathname));
  events.onmessage = function () { events.close(); location.reload(); };
})();
""".replace("EVENTS", EVENTS)
PAGE_CSS = ("body{font-family:sans-serif;font-size:18px;line-height:1.5;max-width:46rem;margin:2rem auto;"
            "padding:0 1rem;color:#1b1f23}h1{color:#9b1c1c}li{margin-bottom:1rem}"
            "code{font-size:1rem;font-weight:bold}\n")
NO_STORE = {"Cache-Control": "no-store"}


@dataclass
class Problem:
    file: str
    line: int
    text: str


@dataclass
class State:
    """What the preview shows: every brand's site, or the problems that stop it being made."""

    version: int = 0
    sites: dict[str, Files] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # "brand/path" of files that differ from the last version


class Preview:
    def __init__(self, root: Path, content: Path, out_dir: Path, brands: tuple[str, ...],
                 today: dt.date | None, log: Callable[[str], None], build_pdfs: bool = True) -> None:
        self.root, self.content, self.out_dir, self.brands, self.today, self.log = \
            root, content, out_dir, brands, today, log
        self.build_pdfs = build_pdfs
        self.max_streams, self.stream_seconds, self.keepalive = MAX_STREAMS, STREAM_SECONDS, KEEPALIVE_SECONDS
        self.streams = 0  # event streams open now
        self.state = State()
        self.condition: asyncio.Condition | None = None
        self.pdf_task: asyncio.Task | None = None
        self._thumbnails: dict[tuple, bytes] = {}
        self._scores: dict[str, Score] = {}

    # ---- making the site ---------------------------------------------------------------------

    def _thumbnail(self, pdf: Path) -> bytes:
        stat = pdf.stat()
        key = (pdf, stat.st_size, stat.st_mtime_ns)
        if key not in self._thumbnails:
            self._thumbnails[key] = thumbnail(pdf)
        return self._thumbnails[key]

    def _score(self, leaflet: object, quoted: list) -> Score:
        key = repr((leaflet.doc.data, [other.doc.data for other in quoted]))  # type: ignore[attr-defined]
        if key not in self._scores:
            self._scores[key] = score(leaflet, quoted)  # type: ignore[arg-type]
        return self._scores[key]

    def render(self) -> tuple[dict[str, Files], list[Problem]]:
        """Each chosen brand's site (every brand's, if none was chosen) from the files as they are
        now, or why it cannot be made. Only the chosen brands are read: another's mistake does not
        stop them."""
        from jinja2 import TemplateError, TemplateSyntaxError

        from ..model.project import load_project
        from ..render.html import environment
        try:
            project = load_project(self.root, self.content, self.brands)
            env = environment(self.root / "templates")
            chosen = sorted(project.brands)
            today = self.today or dt.date.today()
            return {slug: site_files(project, project.brands[slug], email_pdfs(self.out_dir, slug), today, env,
                                     self._thumbnail, self._score) for slug in chosen}, []
        except ContentError as exc:
            return {}, [Problem(p.file, p.line, str(p)) for p in exc.problems]
        except TemplateSyntaxError as exc:
            shown = f"templates/{exc.name}" if exc.name else (exc.filename or "template")
            return {}, [Problem(shown, exc.lineno, f"{shown}:{exc.lineno}: {exc.message}")]
        except TemplateError as exc:
            return {}, [Problem("templates", 0, f"templates: {type(exc).__name__}: {exc}")]
        except LeafletError as exc:  # a chosen brand's folder removed while serving, say
            return {}, [Problem("", 0, str(exc))]
        except Exception as exc:
            return {}, [Problem("", 0, f"internal error: {type(exc).__name__}: {exc}")]

    async def refresh(self, build_pdfs: bool) -> None:
        sites, problems = await asyncio.to_thread(self.render)
        old = self.state
        changed = {f"{brand}/{path}" for brand in {*sites, *old.sites}
                   for path in {*sites.get(brand, {}), *old.sites.get(brand, {})}
                   if sites.get(brand, {}).get(path) != old.sites.get(brand, {}).get(path)}
        self.state = State(old.version + 1, old.sites if problems else sites, problems, changed)
        if problems:
            self.log(f"{len(problems)} problem(s); the preview shows them:\n" + "\n".join(p.text for p in problems))
        else:
            self.log(f"updated {len(changed)} file(s) of the preview")
        assert self.condition is not None
        async with self.condition:
            self.condition.notify_all()
        if build_pdfs and self.build_pdfs and not problems:
            self.start_pdfs()

    # ---- PDFs in the background --------------------------------------------------------------

    def start_pdfs(self) -> None:
        """Start the ordinary build in another process, stopping one that is still running."""
        if self.pdf_task is not None and not self.pdf_task.done():
            self.pdf_task.cancel()
        self.pdf_task = asyncio.create_task(self._build_pdfs())

    async def _build_pdfs(self) -> None:
        args = [sys.executable, str(self.root / "build.py"), "--content", str(self.content), "--out",
                str(self.out_dir), "--jobs", "1", *(f"--brand={b}" for b in self.brands)]
        if self.today:
            args.append(f"--today={self.today.isoformat()}")
        process = await asyncio.create_subprocess_exec(*args, stdin=asyncio.subprocess.DEVNULL,
                                                       stdout=asyncio.subprocess.DEVNULL,
                                                       stderr=asyncio.subprocess.PIPE)
        try:
            _, err = await process.communicate()
        except asyncio.CancelledError:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            await process.wait()
            raise
        if process.returncode == 0:
            self.log("PDFs rebuilt")
            await self.refresh(build_pdfs=False)
        else:
            self.log("the PDFs could not be rebuilt:\n" + err.decode("utf-8", "replace").strip())

    # ---- watching ----------------------------------------------------------------------------

    async def watch(self, stop: asyncio.Event) -> None:
        from watchfiles import awatch
        folders = [self.content, *(self.root / name for name in WATCHED)]
        async for changes in awatch(*folders, stop_event=stop, debounce=400, step=30):
            shown = sorted({Path(path).name for _, path in changes})
            self.log(f"changed: {', '.join(shown)}")
            await self.refresh(build_pdfs=True)

    # ---- serving -----------------------------------------------------------------------------

    def app(self) -> Starlette:
        from starlette.applications import Starlette
        from starlette.routing import Route
        return Starlette(routes=[Route(EVENTS, self._events), Route(SCRIPT, self._static),
                                 Route(STYLE, self._static), Route("/{path:path}", self._serve)],
                         lifespan=self._lifespan)

    async def _static(self, request: Request) -> Response:
        from starlette.responses import Response
        if request.url.path == SCRIPT:
            return Response(RELOAD_JS, media_type="text/javascript", headers=NO_STORE)
        return Response(PAGE_CSS, media_type="text/css", headers=NO_STORE)

    @contextlib.asynccontextmanager
    async def _lifespan(self, _: Starlette) -> AsyncIterator[None]:
        """Watch the files while the server runs; stop the watcher and a PDF build with it."""
        self.condition = asyncio.Condition()
        stop = asyncio.Event()
        await self.refresh(build_pdfs=True)
        watcher = asyncio.create_task(self.watch(stop))
        yield
        stop.set()
        if self.pdf_task is not None:
            self.pdf_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.pdf_task
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher

    async def _events(self, request: Request) -> Response | _Counted:
        """Server-sent events for one open page: "reload" once a version changes what it shows. At
        most `max_streams` at once (the rest get 503), each for at most `stream_seconds`."""
        from starlette.responses import PlainTextResponse, StreamingResponse
        asked = event_query(request.scope["query_string"].decode("ascii"))
        if asked is None:
            return PlainTextResponse("the events address takes v (a number), problems (0 or 1) and path (from /)\n",
                                     status_code=400)
        if self.streams >= self.max_streams:
            return PlainTextResponse("too many open preview pages; close some and reload\n", status_code=503,
                                     headers={"Retry-After": "10"})
        self.streams += 1
        stream = StreamingResponse(self._stream(request, *asked), media_type="text/event-stream", headers=NO_STORE)
        return _Counted(stream, self._stream_ended)

    def _stream_ended(self) -> None:
        self.streams -= 1

    async def _stream(self, request: Request, version: int, page: str, shown_problems: bool) -> AsyncIterator[str]:
        assert self.condition is not None
        loop = asyncio.get_running_loop()
        ends = loop.time() + self.stream_seconds
        yield "retry: 1000\n\n"
        while loop.time() < ends:
            async with self.condition:
                if self.state.version == version:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.condition.wait(),
                                               max(0.0, min(self.keepalive, ends - loop.time())))
            state = self.state
            if state.version == version:
                yield ": keep-alive\n\n"
            elif self._affects(page, state, shown_problems, state.version - version > 1):
                yield "data: reload\n\n"
                return
            else:
                version, shown_problems = state.version, bool(state.problems)
            if await request.is_disconnected():
                return

    async def _serve(self, request: Request) -> Response:
        """A file of the site as it is now, or the page of problems while there are any."""
        from starlette.responses import HTMLResponse, RedirectResponse, Response
        path = request.url.path  # a plain path from /: preview_guard.py refused any other
        state = self.state
        brand, _, rest = path.lstrip("/").partition("/")
        if not brand:
            if len(state.sites) == 1 and not state.problems:
                return RedirectResponse(f"/{next(iter(state.sites))}/")
            return HTMLResponse(self._page("Preview", self._brand_list(state), state.version, False))
        if brand in state.sites and not rest and not path.endswith("/"):
            return RedirectResponse(f"/{brand}/")
        key = rest + "index.html" if rest.endswith("/") or not rest else rest
        files = state.sites.get(brand, {})
        if key not in files and f"{key}/index.html" in files:
            return RedirectResponse(f"/{brand}/{key}/")
        if state.problems and (key.endswith(".html") or key not in files):
            return HTMLResponse(self._page("Problem in the content", self._problems(state), state.version, True))
        if key not in files:
            return HTMLResponse(self._page("Not found", Markup("<p>There is no such page in the preview.</p>"),
                                           state.version, False), status_code=404)
        source = files[key]
        data = self._read(source) if isinstance(source, Path) else source
        if data is None:
            return Response("this file is not in the content or output folder, or is a link\n", status_code=403,
                            media_type="text/plain")
        media = mimetypes.guess_type(key)[0] or "application/octet-stream"
        if key.endswith(".html"):
            data = data.replace(b"</body>", (RELOAD_TAG % (SCRIPT, state.version, 0)).encode() + b"</body>", 1)
        return Response(data, media_type=media, headers=NO_STORE)

    def _read(self, path: Path) -> bytes | None:
        """The bytes of a file the site copies (a PDF, a font, a logo), if it is a regular file
        inside the content or output folder reached through no symlink; None otherwise."""
        for root in (self.content, self.out_dir):
            if not path.is_relative_to(root):
                continue
            place = root
            for part in path.relative_to(root).parts:
                place = place / part
                if part in ("", ".", "..") or place.is_symlink():
                    return None
            try:
                descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                return None
            with os.fdopen(descriptor, "rb") as file:
                return file.read() if os.fstat(file.fileno()).st_mode & 0o170000 == 0o100000 else None
        return None

    @staticmethod
    def _affects(page: str, state: State, had_problems: bool, missed: bool) -> bool:
        """Whether the page at `page` must reload for this version."""
        if missed or state.problems or had_problems:
            return True
        brand, _, rest = page.lstrip("/").partition("/")
        key = rest + "index.html" if rest.endswith("/") or not rest else rest
        return not brand or f"{brand}/{key}" in state.changed or not state.sites.get(brand)

    def _brand_list(self, state: State) -> Markup:
        items = Markup("").join(Markup('<li><a href="/{0}/">{0}</a></li>').format(b) for b in sorted(state.sites))
        return Markup("<p>Choose a brand:</p><ul>{}</ul>").format(items)

    def _problems(self, state: State) -> Markup:
        items = Markup("").join(
            Markup('<li><code class="where">{}:{}</code><br>{}</li>').format(p.file, p.line, p.text)
            for p in state.problems)
        return Markup("<p>The preview will come back as soon as the file is saved without problems:</p>"
                      "<ul class=\"problems\">{}</ul>").format(items)

    @staticmethod
    def _page(title: str, body: Markup, version: int, problems: bool) -> str:
        return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
                f'<link rel="stylesheet" href="{STYLE}"></head><body><main><h1>{escape(title)}</h1>{body}</main>'
                + RELOAD_TAG % (SCRIPT, version, problems) + "</body></html>")


class _Counted:
    """An ASGI response that calls `ended` when it is over, however it ends (a client that goes
    away before the first byte included), so the count of open event streams stays true."""

    def __init__(self, response: Callable, ended: Callable[[], None]) -> None:
        self.response, self.ended = response, ended

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        try:
            await self.response(scope, receive, send)
        finally:
            self.ended()
