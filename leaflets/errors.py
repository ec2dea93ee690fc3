"""Problems found in user input, and the exceptions that carry them to the command line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file, printed as file:line:column: field: message (hint)."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class LeafletError(Exception):
    """A user-facing failure: printed without a traceback, exits with `exit_code`."""

    exit_code = 1


class ContentError(LeafletError):
    """Content or brand files are wrong; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(LeafletError):
    """A document could not be rendered (for example, it asked for a forbidden resource)."""


class BrokenPromise(RenderError):
    """A PDF would break a promise of the page (the urgent box whole and first, numbers in order...);
    the message names the leaflet, brand, language and variant itself."""


class UsageError(LeafletError):
    """The command line asked for something that does not exist."""

    exit_code = 2
