"""`build.py serve`: the web site, live, for the people who write the leaflets.

As mkdocs serve and sphinx-autobuild do it: watchfiles sees a saved file at once, the site is made
again in memory (the same `site_files` as the static build), and each open page whose file
changed is told to reload over server-sent events. A content problem replaces every page with the
problems, file and line, until it is fixed. The PDFs are rebuilt by the ordinary build in a
background process, and the site picks them up when it finishes. Only the preview adds a script.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import mimetypes
import socket
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..errors import ContentError
from ..model.readability import Score, score
from .site import Files, email_pdfs, site_files, thumbnail

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse

EVENTS = "/_preview/events"
WATCHED = ("templates", "styles")
KEEPALIVE_SECONDS = 15
RELOAD_SCRIPT = """<script>
(function () {
  var events = new EventSource("%s?v=%d&problems=%d&path=" + encodeURIComponent(location.pathname));
  events.onmessage = function () { events.close(); location.reload(); };
})();
</script>
"""


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
                 today: dt.date | None, log: Callable[[str], None]) -> None:
        self.root, self.content, self.out_dir, self.brands, self.today, self.log = \
            root, content, out_dir, brands, today, log
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
        """Every brand's site from the files as they are now, or why it cannot be made."""
        from jinja2 import TemplateError, TemplateSyntaxError

        from ..model.project import load_project
        from ..render.html import environment
        try:
            project = load_project(self.root, self.content)
            env = environment(self.root / "templates")
            chosen = [b for b in self.brands if b in project.brands] or sorted(project.brands)
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
        if build_pdfs and not problems:
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
        return Starlette(routes=[Route(EVENTS, self._events), Route("/{path:path}", self._serve)],
                         lifespan=self._lifespan)

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

    async def _events(self, request: Request) -> StreamingResponse:
        """Server-sent events for one open page: "reload" once a version changes what it shows."""
        from starlette.responses import StreamingResponse
        seen = int(request.query_params.get("v", "0") or 0)
        page = request.query_params.get("path", "/")
        showing_problems = request.query_params.get("problems") == "1"
        return StreamingResponse(self._stream(request, seen, page, showing_problems), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    async def _stream(self, request: Request, version: int, page: str, shown_problems: bool) -> AsyncIterator[str]:
        assert self.condition is not None
        while True:
            async with self.condition:
                if self.state.version == version:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.condition.wait(), KEEPALIVE_SECONDS)
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
        from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
        path = request.url.path
        state = self.state
        brand, _, rest = path.lstrip("/").partition("/")
        if not brand:
            if len(state.sites) == 1 and not state.problems:
                return RedirectResponse(f"/{next(iter(state.sites))}/")
            return HTMLResponse(self._page("Preview", self._brand_list(state), state.version, False))
        if brand in state.sites and not rest and not path.endswith("/"):
            return RedirectResponse(f"{path}/")
        key = rest + "index.html" if rest.endswith("/") or not rest else rest
        files = state.sites.get(brand, {})
        if key not in files and f"{key}/index.html" in files:
            return RedirectResponse(f"{path}/")
        if state.problems and (key.endswith(".html") or key not in files):
            return HTMLResponse(self._page("Problem in the content", self._problems(state), state.version, True))
        if key not in files:
            return HTMLResponse(self._page("Not found", Markup("<p>There is no such page in the preview.</p>"),
                                           state.version, False), status_code=404)
        source = files[key]
        if isinstance(source, Path):
            return FileResponse(source, headers={"Cache-Control": "no-store"})
        media = mimetypes.guess_type(key)[0] or "application/octet-stream"
        data = source
        if key.endswith(".html"):
            data = source.replace(b"</body>", (RELOAD_SCRIPT % (EVENTS, state.version, 0)).encode() + b"</body>", 1)
        return Response(data, media_type=media, headers={"Cache-Control": "no-store"})

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
        style = ("body{font-family:sans-serif;font-size:18px;line-height:1.5;max-width:46rem;margin:2rem auto;"
                 "padding:0 1rem;color:#1b1f23}h1{color:#9b1c1c}li{margin-bottom:1rem}"
                 "code{font-size:1rem;font-weight:bold}")
        return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
                f"<style>{style}</style></head><body><main><h1>{escape(title)}</h1>{body}</main>"
                + RELOAD_SCRIPT % (EVENTS, version, problems) + "</body></html>")


def serve(preview: Preview, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve the preview until interrupted. The socket is bound first, so a busy port is a clear error."""
    import uvicorn

    from ..errors import UsageError
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port") from exc
    sock.listen(128)
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    announce(f"Serving the preview at http://{shown}:{sock.getsockname()[1]}/ (Ctrl+C to stop)")
    config = uvicorn.Config(preview.app(), log_level="warning", timeout_graceful_shutdown=1, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
