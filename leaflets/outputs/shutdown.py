"""Stop cleanly: SIGTERM and SIGINT end a build between PDFs, and workers die with the build.

A scheduler's SIGTERM, Ctrl-C or the OOM killer must not leave worker processes rendering for
minutes with the build's output still open (a caller waiting on that output would never finish),
nor a PDF without its manifest entry.
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

SIGNALS = (signal.SIGTERM, signal.SIGINT)
PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """The build was told to stop. A BaseException, like KeyboardInterrupt, so that no
    `except Exception` on the way up mistakes it for a failure and carries on."""

    written = 0  # PDFs written (and recorded) before stopping
    total = 0  # PDFs the build set out to render

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a process ended by it: 130 for Ctrl-C
        (SIGINT), 143 for SIGTERM."""
        return 128 + self.signum


class _Held:
    """How deep inside signals_held() the main thread is, and a signal that came meanwhile."""

    depth = 0
    pending: int | None = None


def _raise(signum: int, frame: object) -> None:
    if _Held.depth:
        _Held.pending = signum
        return
    raise Interrupted(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within this block, SIGTERM and SIGINT raise Interrupted in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _Held.depth, _Held.pending = 0, None
    previous = {signum: signal.signal(signum, _raise) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT until the block ends, so that a PDF and its manifest entry are
    written together; a signal that arrives meanwhile takes effect just after.

    (Blocking the signals in the kernel is not enough: Python runs its handler later than the
    signal arrives, and that can be inside the block.)"""
    _Held.depth += 1
    try:
        yield
    finally:
        _Held.depth -= 1
        if not _Held.depth and _Held.pending is not None:
            signum, _Held.pending = _Held.pending, None
            raise Interrupted(signum)


def worker_setup(parent: int) -> None:
    """Run first in each worker process: leave Ctrl-C (sent to the whole terminal's process
    group) to the build, die on SIGTERM, and die as soon as the build's process is gone, even if
    it was killed outright (SIGKILL, the OOM killer)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with suppress(OSError, AttributeError):  # Linux: the kernel kills this process when its parent dies
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    """Elsewhere than Linux, notice the build has gone by this process being re-parented."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
