"""Render prepared PDFs in worker processes that keep WeasyPrint (and its caches) loaded between
PDFs, replaced every so often so that memory stays flat."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError
from ..render.job import RenderInput, render_input
from ..render.pdf import RenderedPdf
from .shutdown import worker_setup

RECYCLE_AFTER = 50  # PDFs a worker renders (on average) before a fresh one replaces it: WeasyPrint workers grow


def _render_one(given: RenderInput, root: Path) -> RenderedPdf | RenderError:
    try:
        return render_input(given, root)
    except RenderError as exc:
        return exc


def _render_pair(pair: tuple[RenderInput, Path]) -> RenderedPdf | RenderError:
    return _render_one(*pair)


@dataclass
class Pending:
    """A PDF being rendered: `get` waits for it; `ready` says whether it is done (None: not started)."""

    get: Callable[[], RenderedPdf | RenderError]
    ready: Callable[[], bool] | None


class Renderer:
    """Renders PDFs in `workers` processes, each keeping WeasyPrint loaded between PDFs, or in this
    one. After RECYCLE_AFTER PDFs a worker, the pool is retired (it finishes what it was given, then
    its workers exit) and a fresh pool takes the next PDFs, so memory stays flat.

    Pools are made here, in the main thread, rather than by multiprocessing's maxtasksperchild:
    that forks replacement workers from the pool's own handler thread, and a worker's parent-death
    signal (see shutdown.worker_setup) fires when the *thread* that forked it ends. The handler
    thread ends first when a pool is stopped, killing a replacement worker that may hold the pool's
    queue lock, and the pool then waits for that lock for ever. On the way out, every worker of
    every pool is stopped at once."""

    def __init__(self, root: Path, workers: int) -> None:
        self.root, self.workers = root, workers
        self.pool: multiprocessing.pool.Pool | None = None
        self.given = 0  # PDFs given to the current pool
        self.waiting: list[multiprocessing.pool.AsyncResult] = []  # the current pool's, not yet back
        self.retired: list[tuple[multiprocessing.pool.Pool, list[multiprocessing.pool.AsyncResult]]] = []
        self.pools = 0  # pools made so far

    def _new_pool(self) -> multiprocessing.pool.Pool:
        self.pools += 1
        return multiprocessing.Pool(self.workers, initializer=worker_setup, initargs=(os.getpid(),))

    def __enter__(self) -> Renderer:
        if self.workers > 1:
            self.pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in [*(pool for pool, _ in self.retired), *([self.pool] if self.pool else [])]:
            pool.terminate()  # SIGTERM to every worker, then wait for them to go
            pool.join()

    def submit(self, given: RenderInput) -> Pending:
        if self.pool is None:
            return Pending(lambda: _render_one(given, self.root), None)
        if self.given >= RECYCLE_AFTER * self.workers:
            self.pool.close()  # no more PDFs for it; its workers leave once the last comes back
            self.retired.append((self.pool, self.waiting))
            self.pool, self.waiting, self.given = self._new_pool(), [], 0
        self._join_retired()
        handle = self.pool.apply_async(_render_pair, ((given, self.root),))
        self.waiting = [*(h for h in self.waiting if not h.ready()), handle]
        self.given += 1
        return Pending(handle.get, handle.ready)

    def _join_retired(self) -> None:
        """Wait for the workers of retired pools whose PDFs are all back (they are leaving)."""
        busy = []
        for pool, handles in self.retired:
            if all(handle.ready() for handle in handles):
                pool.join()
            else:
                busy.append((pool, handles))
        self.retired = busy
