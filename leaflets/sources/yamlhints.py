"""Find the line an editor got wrong when YAML cannot be read, and say what is wrong in plain words.

PyYAML reports where it gave up, in its own terms ("expected <block end>, but found '<scalar>'"),
often many lines after the mistake. These checks look, line by line up to that point, for the
mistakes people make by hand: a tab, a line indented too far or not lined up, a quote or bracket
left open, and a colon inside text that is not in quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEY = re.compile(r"^((?:- +)*)([A-Za-z0-9_][A-Za-z0-9_ .-]*?):(?: +|$)")
BLOCK_SCALAR = re.compile(r"^[|>][0-9+-]*\s*(#.*)?$")
TRAILING_COMMENT = re.compile(r"\s+#.*$")
LIST_DASHES = re.compile(r"^(?:- +)*")


@dataclass(frozen=True)
class Hint:
    line: int
    column: int
    message: str
    hint: str


def _closing_quote(text: str, quote: str) -> int | None:
    """Index just past the quote that closes `text` (which starts with `quote`), or None."""
    index = 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _open_brackets(text: str) -> int | None:
    """Index of the first bracket left open on this line, or None if every one is closed."""
    stack: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _closing_quote(text[index:], char)
            if end is None:
                return stack[0] if stack else None
            index += end
            continue
        if char == "#" and index > 0 and text[index - 1] in " \t":
            break
        if char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
        index += 1
    return stack[0] if stack else None


def find_mistake(text: str, stop_line: int) -> Hint | None:
    """The first hand-made mistake on lines 1..`stop_line` (1-based), or None."""
    levels: list[int] = [0]  # the columns where keys of the open groups start
    block_indent: int | None = None  # inside a | or > block: the indent of the key that opened it
    last_key_column: int | None = None
    last_had_value = False
    for number, line in enumerate(text.splitlines()[:stop_line], 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped.strip() or stripped.startswith("#"):
            continue
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        if stripped.startswith("\t"):
            return Hint(number, indent + 1, "a tab is used to indent this line",
                        "YAML needs spaces: replace the tab with spaces")
        match = KEY.match(stripped)
        dashes = match.group(1) if match else _list_dashes(stripped)
        column = indent + len(dashes)
        if match:
            if last_had_value and last_key_column is not None and column > last_key_column and not dashes:
                return Hint(number, indent + 1, "this line is indented more than the line above",
                            f"line '{match.group(2)}:' up with the field above it, or remove the spaces")
            if indent not in levels and column not in levels and indent < levels[-1]:
                return Hint(number, indent + 1, "the indentation of this line does not line up with the lines "
                            "above", "indent it by the same number of spaces as the other fields in its group")
            levels = [level for level in levels if level < column] + [column]
            value = stripped[match.end():]
            value_column = indent + match.end() + 1
            last_key_column = column
        else:
            value = stripped[len(dashes):]
            value_column = column + 1
            if dashes:
                levels = [level for level in levels if level < column] + [column]
        hint = _value_mistake(number, value, value_column)
        if hint:
            return hint
        last_had_value = bool(value.strip()) and not BLOCK_SCALAR.match(value)
        if BLOCK_SCALAR.match(value):
            block_indent = indent
    return None


def _value_mistake(number: int, value: str, column: int) -> Hint | None:
    """An unclosed quote or bracket, or a colon in unquoted text, in the value part of a line."""
    if not value:
        return None
    if value[0] in "\"'":
        if _closing_quote(value, value[0]) is None:
            return Hint(number, column, f"the quote {value[0]} that starts this text is not closed",
                        f"end the text with {value[0]} on the same line")
        return None
    if value[0] in "[{":
        open_at = _open_brackets(value)
        if open_at is not None:
            closing = "]" if value[open_at] == "[" else "}"
            return Hint(number, column + open_at, f"the bracket {value[open_at]} opened here is not closed",
                        f"close it with {closing} on the same line")
        return None
    if value[0] in "|>&*!":
        return None
    plain = TRAILING_COMMENT.sub("", value)
    colon = re.search(r":(?: |$)", plain)
    if colon:
        return Hint(number, column + colon.start(), "a colon followed by a space in text that is not in quotes",
                    f'put the whole text in quotes: "{plain}"' if '"' not in plain
                    else f"put the whole text in quotes: '{plain}'")
    return None


def _list_dashes(line: str) -> str:
    """The `- ` list markers a line starts with ('' if none)."""
    found = LIST_DASHES.match(line)
    return found.group(0) if found else ""
