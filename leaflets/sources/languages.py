"""What the project knows about a language, read from locale/<code>/language.yaml beside its catalog.

A language is data: its names, its direction, its scripts with the fonts that draw them, its
readability formula and the letters it needs beyond ASCII. Adding one is writing that file, the
catalog and the translations (README, 'Adding a language'); no Python changes. Babel still gives
dates and plurals; where the file declares something, the file wins.

A broken file is a problem of that language alone: `load` returns it apart, so the caller can
leave that language's PDFs out and build the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from ..errors import Problem
from .yamlsource import YamlDocument, load_yaml

LOCALE_DIR = "locale"
FILE = "language.yaml"
FONT_DIR = "fonts"
FONT_SUFFIXES = (".ttf", ".otf")
HINT = "see README, 'Adding a language', for the fields of language.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Names(_Strict):
    english: str = Field(min_length=1, max_length=60)
    own: str = Field(min_length=1, max_length=60)  # the language's name in itself: Cymraeg, Polski, اردو


class ScriptFont(_Strict):
    family: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9 ]+$")
    file: str = Field(min_length=1, max_length=200)  # under fonts/
    weight: int = Field(ge=100, le=900)

    @field_validator("file")
    @classmethod
    def _inside_fonts(cls, value: str) -> str:
        if value.startswith("/") or ".." in value.split("/") or "\\" in value:
            raise ValueError(f"'{value}' must be a path inside fonts/, such as noto/NotoSans-Regular.ttf")
        if not value.lower().endswith(FONT_SUFFIXES):
            raise ValueError(f"'{value}' is not a font file (.ttf or .otf)")
        return value


class Script(_Strict):
    """A script the language is written in; `fonts` draw it when the brand's fonts do not have it
    (none for Latin: the brand's own fonts must have every Latin letter, see font_coverage.py)."""

    name: str = Field(min_length=1, max_length=40)
    fonts: list[ScriptFont] = []


class Readability(_Strict):
    """A formula made for the language, as textstat implements it (`function`, with textstat's
    language set to `textstat_language`)."""

    name: str = Field(min_length=1, max_length=60)
    function: Literal["wiener_sachtextformel", "fernandez_huerta", "gulpease_index", "szigriszt_pazos",
                      "gutierrez_polini", "crawford", "osman", "flesch_reading_ease"]
    textstat_language: str = Field(pattern=r"^[a-z]{2}$")


class LanguageFile(_Strict):
    name: Names
    direction: Literal["ltr", "rtl"]
    scripts: list[Script] = Field(min_length=1)
    readability: Readability | None = None
    letters: str = Field(default="", max_length=400)  # beyond ASCII, upper and lower case

    @field_validator("letters")
    @classmethod
    def _letters(cls, value: str) -> str:
        odd = [c for c in value if c.isspace() or ord(c) < 0x80]
        if odd:
            raise ValueError(f"lists {', '.join(repr(c) for c in odd[:3])}: give only the letters beyond "
                             "ASCII (a to z are assumed), with no spaces")
        return value


@dataclass(frozen=True)
class Language:
    code: str
    data: LanguageFile

    @property
    def direction(self) -> str:
        return self.data.direction

    @property
    def fonts(self) -> tuple[ScriptFont, ...]:
        return tuple(font for script in self.data.scripts for font in script.fonts)

    @property
    def letters(self) -> frozenset[int]:
        return frozenset(map(ord, self.data.letters))


@dataclass(frozen=True)
class Languages:
    """Every language with a valid file, and the problems of each language whose file is not."""

    found: dict[str, Language]
    broken: dict[str, list[Problem]]


def path(root: Path, code: str) -> Path:
    return root / LOCALE_DIR / code / FILE


def load(root: Path) -> Languages:
    """Every locale/<code>/language.yaml under `root` (and English's), each checked on its own."""
    folder = root / LOCALE_DIR
    codes = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    stamps = tuple((code, _stamp(path(root, code))) for code in codes)
    return _load(root, stamps)


def _stamp(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _load(root: Path, stamps: tuple[tuple[str, float], ...]) -> Languages:
    found: dict[str, Language] = {}
    broken: dict[str, list[Problem]] = {}
    for code, _ in stamps:
        language, problems = _one(root, code)
        if language is not None:
            found[code] = language
        else:
            broken[code] = problems
    return Languages(found, broken)


def _one(root: Path, code: str) -> tuple[Language | None, list[Problem]]:
    file = path(root, code)
    display = file.relative_to(root).as_posix()
    if not file.is_file():
        return None, [Problem(display, 1, 1, "(file)", f"language '{code}' has no {FILE}",
                              f"add {display}: its names, direction, scripts and fonts ({HINT})")]
    doc, problems = load_yaml(file, display)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "must be a group of fields", HINT)]
    try:
        data = LanguageFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, [_problem(doc, err) for err in exc.errors(include_url=False)]
    problems = [doc.problem(("scripts", s, "fonts", f, "file"), f"font file 'fonts/{font.file}' not found",
                            "put the font file under fonts/ (with its licence and SOURCE.md) or correct the path")
                for s, script in enumerate(data.scripts) for f, font in enumerate(script.fonts)
                if not (root / FONT_DIR / font.file).is_file()]
    return (None, problems) if problems else (Language(code, data), [])


def _problem(doc: YamlDocument, err: ErrorDetails) -> Problem:
    loc = tuple(part for part in err["loc"] if isinstance(part, (str, int)))
    typed = err.get("input")
    if err["type"] == "extra_forbidden":
        return doc.problem(loc, "unknown field", f"remove it ({HINT})", of_key=True)
    if err["type"] == "missing":
        return doc.problem(loc, "is required but missing", f"add '{loc[-1]}:' ({HINT})", at=loc[:-1], of_key=True)
    if err["type"] == "literal_error":
        return doc.problem(loc, f"'{typed}' is not allowed", err["msg"].replace("Input should be", "use"))
    if err["type"] == "value_error":
        return doc.problem(loc, str(err["ctx"]["error"]))
    return doc.problem(loc, f"'{typed}' is wrong here: {err['msg']}", HINT)
