"""Load a YAML file safely, keeping the line and column of every key and value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from .contained import LINK_HINT, NotContained, read_regular
from .yamlhints import find_mistake

FieldPath = tuple[str | int, ...]  # a place in a YAML file: keys and list indexes, e.g. ("sections", 2, "body")
MAX_BYTES = 1_000_000
MAX_DEPTH = 30
STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
BOOL_TAG = "tag:yaml.org,2002:bool"
UNRESOLVED = (TIMESTAMP_TAG, BOOL_TAG)
COMMENT_AFTER = re.compile(r"(\s+)#(.*)$")
# SafeLoader's guesses at a plain value's type, by its first character, without the UNRESOLVED ones
RESOLVERS = {first: [(tag, regexp) for tag, regexp in resolvers if tag not in UNRESOLVED]
             for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class Implicit(str):
    """Unquoted text that YAML elsewhere reads as a date or as true/false (`2026-01-15`, `true`).

    The loader keeps it as text so a date field can explain a bad date; a text field refuses it,
    because other YAML tools (and the editor's next reader) would not see text there.
    """

    kind: str

    def __new__(cls, value: str, kind: str = "") -> Implicit:
        made = super().__new__(cls, value)
        made.kind = kind
        return made


def implicit_kind(value: str) -> str | None:
    """What YAML 1.1 (PyYAML's SafeLoader) would read this unquoted text as, if not text."""
    for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers.get(value[:1], []):
        if regexp.match(value):
            if tag == TIMESTAMP_TAG:
                return "a date"
            if tag == BOOL_TAG and value.lower() in ("true", "false"):
                return "a true/false value"
    return None


class ContentLoader(yaml.SafeLoader):
    """SafeLoader without aliases, deep nesting, or YAML 1.1's guesses at dates and yes/no.

    Aliases let a tiny file expand into gigabytes; dates and booleans are left as text so the
    models can explain what is wrong with them (`2026-02-30`, `No`) instead of PyYAML crashing
    or silently turning a word into true/false.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.yaml_implicit_resolvers = RESOLVERS
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, f"aliases (*{event.anchor}) are not allowed",
                                              _mark(event))
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nesting deeper than {MAX_DEPTH} levels",
                                                  _mark(event))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_str(loader: ContentLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    kind = implicit_kind(value) if node.style is None else None
    return Implicit(value, kind) if kind else value


ContentLoader.add_constructor(STR_TAG, _construct_str)


def _mark(event: yaml.Event) -> yaml.error.Mark | None:
    """Where an event starts. This loader is PyYAML's pure-Python one, whose marks are all
    yaml.error.Mark (the C loader's are another class)."""
    return event.start_mark if isinstance(event.start_mark, yaml.error.Mark) else None


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data from one YAML file plus the positions of its keys and values."""

    display: str
    data: Any
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    value_positions: dict[FieldPath, Position] = field(default_factory=dict)
    typed: dict[FieldPath, str] = field(default_factory=dict)  # unquoted values, exactly as written
    comments: list[tuple[Problem, bool]] = field(default_factory=list)  # (lost text, plainly a comment)
    hidden: dict[FieldPath, str] = field(default_factory=dict)  # `key: #abc`: empty, the text is a comment

    def position(self, path: FieldPath, *, of_key: bool = False) -> Position:
        """Position of `path`, or of its nearest ancestor that exists in the file."""
        for end in range(len(path), -1, -1):
            sub = tuple(path[:end])
            table = self.key_positions if of_key else self.value_positions
            if sub in table:
                return table[sub]
            if sub in self.value_positions:
                return self.value_positions[sub]
        return Position(1, 1)

    def problem(self, path: FieldPath, message: str, hint: str = "", *, of_key: bool = False,
                at: FieldPath | None = None) -> Problem:
        """A problem with the field at `path`, placed at `at` (default: the field itself)."""
        pos = self.position(path if at is None else at, of_key=of_key)
        return Problem(self.display, pos.line, pos.column, dotted(path), message, hint)


def dotted(path: FieldPath) -> str:
    """`('document', 'title')` -> `document.title`; list indices as `[2]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def load_yaml(path: Path, display: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read `path` as plain YAML; return the document or the problems that stop it loading."""
    def fail(message: str, hint: str = "", line: int = 1, column: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display, line, column, "(file)", message, hint)]

    try:
        raw = read_regular(path, MAX_BYTES)  # never through a symbolic link: its target is not content
    except NotContained as exc:
        return fail(str(exc), LINK_HINT if "symbolic link" in str(exc) else "")
    if len(raw) > MAX_BYTES:
        return fail(f"file is too large ({path.lstat().st_size} bytes)", f"the limit is {MAX_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(display, raw, exc.start)]
    loader = None
    doc = YamlDocument(display, None)
    try:
        loader = ContentLoader(text)
        node = loader.get_single_node()
        if node is None:
            return fail("file is empty", "see the content field reference in README.md")
        problems: list[Problem] = []
        _walk(node, (), doc, problems, text.splitlines())
        if problems:
            return None, problems
        doc.data = loader.construct_document(node)
        return doc, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            where = next((p for p, pos in doc.value_positions.items() if (pos.line, pos.column) == (line, column)), ())
            return None, [Problem(display, line, column, dotted(where),
                                  message.replace("could not determine a constructor for the tag", "tag not allowed:"),
                                  "only plain YAML is allowed: remove the !tag")]
        if isinstance(exc, yaml.composer.ComposerError):
            hint = ("write the content out in full, without & and *" if message.startswith("aliases")
                    else "simplify the structure")
            return fail(message, hint, line, column)
        found = find_mistake(text, line)
        if found:
            return fail(found.message, found.hint, found.line, found.column)
        return fail(f"this is not valid YAML: {_plain(message)}",
                    "check the indentation, colons, quotes and brackets on this line and the one above", line, column)
    except yaml.reader.ReaderError as exc:
        before = text[:exc.position]
        return fail(f"character U+{exc.character:04X} cannot be used in YAML",
                    "remove it; most editors do not show it", before.count("\n") + 1,
                    len(before) - before.rfind("\n"))
    except yaml.YAMLError as exc:
        return fail(f"YAML error: {exc}", "check the file is plain YAML")
    finally:
        if loader is not None:
            loader.dispose()


def _encoding_problem(display: str, raw: bytes, start: int) -> Problem:
    """Where the first byte that is not UTF-8 is, and the character it probably was: files saved
    as Windows-1252 ("ANSI") hold curly quotes and accents as single bytes."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
    byte = raw[start:start + 1]
    try:
        char = byte.decode("cp1252")
        guess = f"; it is probably '{char}' (U+{ord(char):04X}) saved as Windows-1252"
    except UnicodeDecodeError:
        guess = ""
    return Problem(display, raw.count(b"\n", 0, start) + 1, column, "(file)",
                   f"byte 0x{byte.hex()} is not UTF-8 text{guess}",
                   "save the file as UTF-8: in Notepad, File > Save as > Encoding: UTF-8")


JARGON = {"<block end>": "the end of a group of fields", "<block mapping start>": "a new field",
          "<scalar>": "text", "<block sequence start>": "a list", "<flow mapping start>": "a {",
          "<flow sequence start>": "a ["}


def _plain(message: str) -> str:
    for word, plain in JARGON.items():
        message = message.replace(f"'{word}'", plain).replace(word, plain)
    return message


def _walk(node: yaml.Node, path: FieldPath, doc: YamlDocument, problems: list[Problem], lines: list[str]) -> None:
    doc.value_positions[path] = _pos(node.start_mark)
    if isinstance(node, yaml.ScalarNode) and node.style is None:
        doc.typed[path] = node.value
        _comment_after(node, path, doc, lines)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == STR_TAG):
                p = _pos(key_node.start_mark)
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(a list or group)"
                problems.append(Problem(doc.display, p.line, p.column, dotted(path), f"'{shown}' is not a field name",
                                        "field names are words such as title: or phone:"))
                continue
            key = key_node.value
            sub = (*path, key)
            if key in seen:
                p = _pos(key_node.start_mark)
                problems.append(Problem(doc.display, p.line, p.column, dotted(sub),
                                        "key appears twice", "remove one of them"))
            seen.add(key)
            doc.key_positions[sub] = _pos(key_node.start_mark)
            _walk(value_node, sub, doc, problems, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), doc, problems, lines)


def _comment_after(node: yaml.ScalarNode, path: FieldPath, doc: YamlDocument, lines: list[str]) -> None:
    """Text after ' #' on the line of an unquoted value is a YAML comment: it is not printed.

    It is plainly a comment when set apart by two or more spaces and begun with '# '; anything
    else ("Ward #5 by drip") is probably words the editor meant to print.
    """
    end = node.end_mark
    if end.line >= len(lines):
        return
    found = COMMENT_AFTER.match(lines[end.line][end.column:])
    if not found:
        return
    lost = "#" + found.group(2).rstrip()
    if not node.value:
        if found.group(2)[:1] not in ("", " "):
            doc.hidden[path] = lost
            column = end.column + len(found.group(1)) + 1
            doc.comments.append((Problem(doc.display, end.line + 1, column, dotted(path),
                                         f"'{lost}' is a YAML comment, so this field is empty",
                                         f'put it in quotes: "{lost}"'), False))
        return
    plainly = len(found.group(1)) >= 2 and (lost == "#" or lost.startswith("# "))
    column = end.column + len(found.group(1)) + 1
    whole = f"{node.value} {lost}"
    quoted = f'"{whole}"' if '"' not in whole else f"'{whole}'"
    if plainly:
        problem = Problem(doc.display, end.line + 1, column, dotted(path),
                          f"'{lost}' is a comment: it is not printed",
                          f"if it should be printed, put the whole text in quotes: {quoted}")
    else:
        problem = Problem(doc.display, end.line + 1, column, dotted(path),
                          f"the words after ' #' are a YAML comment and are left out: '{lost}'; "
                          f"this prints as '{node.value}'", f"put the whole text in quotes: {quoted}")
    doc.comments.append((problem, plainly))
