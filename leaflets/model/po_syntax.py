"""A PO file's bytes checked before Babel reads them: Babel forgives what a translation must not.

Babel decodes by the charset the file declares (a UTF-8 file declaring Latin-1 becomes mojibake),
reads an unterminated quote as a string one letter short, and keeps the last of two messages with
the same msgctxt and msgid. Here the file must be UTF-8 (a byte-order mark is allowed) and say so,
every line must be a comment, a blank, or a keyword with a whole quoted string, no message may
appear twice, and no control character may hide in a line. Each problem names the line and the fix.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import Problem

BOM = b"\xef\xbb\xbf"
STRING = r'"(?:[^"\\]|\\.)*"'
LINE = re.compile(rf"^(?:(?P<keyword>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?(?P<string>{STRING})[ \t]*$")
CHARSET = re.compile(r'^"Content-Type:[^"]*charset=([^"\s\\;]+)', re.M | re.I)
UTF8 = ("utf-8", "utf8")
EXPORT_HINT = "export it again with `build.py translations export`, or fix the line in a PO editor"


def checked_text(data: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text (without a byte-order mark) if it is well formed; else the problems."""
    data = data.removeprefix(BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, [Problem(display, line, 1, "(file)", "is not UTF-8 text", "save it as UTF-8 in the PO editor")]
    problems = _charset(text, display)
    problems += _lines(text, display)
    return (None if problems else text), problems


def _charset(text: str, display: str) -> list[Problem]:
    found = CHARSET.search(text)
    if found is None or found.group(1).lower() in UTF8:
        return []
    line = text[:found.start()].count("\n") + 1
    return [Problem(display, line, 1, "Content-Type", f"declares charset {found.group(1)}, but only UTF-8 is read",
                    "save it as UTF-8 and set 'charset=UTF-8' in the header")]


def _lines(text: str, display: str) -> list[Problem]:
    """Syntax, control characters and duplicate messages, line by line."""
    problems = []
    seen: dict[tuple[bool, str, str], int] = {}
    entry: dict[str, str] = {}
    start, obsolete, last = 0, False, ""

    def close() -> None:
        if "msgid" in entry:
            key = (obsolete, entry.get("msgctxt", ""), entry["msgid"])
            if key in seen:
                problems.append(Problem(display, start, 1, "(message)",
                                        f"msgctxt {entry.get('msgctxt', '(none)')} appears twice (first at line "
                                        f"{seen[key]})", "keep one of the two messages and delete the other"))
            seen.setdefault(key, start)

    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        bad = [c for c in line if c != "\t" and unicodedata.category(c) == "Cc"]
        if bad:
            problems.append(Problem(display, number, 1, "(line)", f"has the control character U+{ord(bad[0]):04X}, "
                                    "which cannot be printed", "delete it and type the text again"))
            continue
        body = line.strip()
        dead = body.startswith("#~") and not body.startswith("#~|")  # an obsolete message's line
        if dead:
            body = body[2:].strip()
        elif body.startswith("#~|"):  # an obsolete message's previous msgid
            body = "#|" + body[3:]
        if not body or body.startswith("#"):
            if body.startswith("#|") and not LINE.match(body[2:].strip()):  # a previous msgid: not counted
                problems.append(_syntax(display, number))
            continue
        found = LINE.match(body)
        if found is None:
            problems.append(_syntax(display, number))
            continue
        keyword = found.group("keyword")
        if not keyword and not last:
            problems.append(_syntax(display, number))
            continue
        if keyword == "msgctxt" or (keyword == "msgid" and last != "msgctxt"):
            close()
            entry, start, obsolete = {}, number, dead
        if keyword:
            last = keyword
            entry[keyword] = entry.get(keyword, "")
        entry[last] = entry.get(last, "") + found.group("string")[1:-1]
    close()
    return problems


def _syntax(display: str, line: int) -> Problem:
    return Problem(display, line, 1, "(line)", "is not a PO line: a keyword (msgctxt, msgid, msgstr) and a quoted "
                   "string, a string continuing the one above, or a # comment (an unterminated quote?)", EXPORT_HINT)
