"""How a build reports its progress: a progress bar on a terminal, plain ordered lines elsewhere.

A build run by hand shows one bar (PDFs done of all, rate, time left); a build whose output goes to
a CI log or a scheduler's log file prints one line per PDF, in the order of the plan, each flushed
as it comes. Both print to stdout and end with the summary; warnings and errors go to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, Task
    from rich.text import Text


class Lines:
    """One line per event through `write`, in the order they come: '[3/48] rendered riverside/ivig-email-a4'."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self.write = write
        self.total = 0

    def start(self, total: int) -> None:
        self.total = total

    def step(self, number: int, outcome: str, label: str) -> None:
        self.write(f"[{number}/{self.total}] {outcome} {label}")

    def note(self, message: str) -> None:
        self.write(message)

    def summary(self, message: str) -> None:
        self.write(message)

    def close(self) -> None:
        pass


class Bar(Lines):
    """A rich progress bar on a terminal: done of all, PDFs a second, time spent and time left.
    Notes and failures print above the bar; the summary prints under it once it is finished."""

    def __init__(self, stream: TextIO, width: int | None = None, terminal: bool | None = None) -> None:
        from rich.console import Console  # only for a build that renders: a no-change build stays quick
        self.console = Console(file=stream, width=width, force_terminal=terminal, highlight=False, markup=False,
                               emoji=False)
        super().__init__(lambda line: self.console.print(line, soft_wrap=True))
        self.bar: Progress | None = None

    def start(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            """PDFs a second, over the last half minute."""

            def render(self, task: Task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f} PDFs/s" if speed else "- PDFs/s", style="progress.data.speed")

        super().start(total)
        self.close()
        self.bar = Progress(TextColumn("PDFs"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                            TextColumn("spent,"), TimeRemainingColumn(), TextColumn("left"),
                            console=self.console, transient=False)
        self.bar.add_task("PDFs", total=total)
        self.bar.start()

    def step(self, number: int, outcome: str, label: str) -> None:
        if self.bar is None:
            super().step(number, outcome, label)
            return
        if outcome == "failed":
            self.write(f"[{number}/{self.total}] {outcome} {label}")
        self.bar.update(self.bar.task_ids[0], completed=number)
        if number == self.total:  # what follows (the web site, the summary) prints under a finished bar
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def summary(self, message: str) -> None:
        self.close()
        super().summary(message)


def reporter(stream: TextIO | None = None) -> Lines:
    """A bar when `stream` (stdout) is a terminal that can draw one, else plain lines on it."""
    stream = stream or sys.stdout
    if stream.isatty() and os.environ.get("TERM") != "dumb":
        return Bar(stream)

    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()  # each line reaches a CI log or a scheduler's log file as it happens

    return Lines(write)
