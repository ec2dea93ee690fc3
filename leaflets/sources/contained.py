"""Files a contributor brings (content, brand assets, the archive) are used only when they are regular
files inside their own folder, reached without a symbolic link, and named in plain characters.

Content comes from people outside the project (a pull request, a translation agency, another
clinic's designer). A symbolic link or `..` would let such a file make the build read, echo or
publish anything on the machine that builds it (a CI secret, /etc/passwd); a name with quotes or
brackets could break out of the CSS or HTML it is written into. Every reader goes through here.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

SAFE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")  # one part of a file name; no leading dot
NAME_HINT = "rename the file using only letters, digits, '.', '-' and '_', and give that name"
LINK_HINT = "replace the link with a copy of the file itself"
NOT_FOUND = "not found"
NOT_A_FILE = "is not a file"


class NotContained(Exception):
    """Why a file may not be read: the message says what it is, without anything read from it."""


def shown(typed: str) -> str:
    """What was typed, as a message quotes it: cut short if long."""
    return typed if len(typed) <= 80 else typed[:77] + "..."


def name_problem(typed: str, where: str = "the folder") -> tuple[str, str] | None:
    """Why `typed`, a file name given in a content or brand file, is not a plain name of a file in
    `where` (or a subfolder of it), and the fix; or None. Nothing is looked up on disk."""
    quoted = shown(typed)
    copy = f"copy the file into {where} and give its name"
    if "://" in typed or typed.startswith(("data:", "/", "\\", "~")) or re.match(r"^[A-Za-z]:", typed):
        return f"'{quoted}' is not a file in {where}", copy
    if "\\" in typed:
        return f"'{quoted}' uses '\\'", "write folders with '/', for example fonts/Regular.ttf"
    parts = PurePosixPath(typed).parts
    if ".." in parts:
        return f"'{quoted}' goes out of {where} with '..'", copy
    bad = sorted({char for part in parts for char in part if not re.fullmatch(r"[A-Za-z0-9._-]", char)})
    if bad or not parts or not all(SAFE_NAME.fullmatch(part) for part in parts):
        listed = " ".join(repr(char) for char in bad[:5])
        return f"'{quoted}' is not a plain file name ({f'it has {listed}' if bad else 'it starts with .'})", NAME_HINT
    return None


def link_on_the_way(folder: Path, path: Path) -> Path | None:
    """The first symbolic link from `folder` (itself included) down to `path`, or None."""
    current = folder
    if current.is_symlink():
        return current
    for part in path.relative_to(folder).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def contained_problem(folder: Path, path: Path) -> tuple[str, str] | None:
    """Why `path` is not a regular file inside `folder` reached without a symbolic link, and the fix
    when there is one beyond giving another name ("" otherwise); or None. `path` is `folder` joined
    with a name that `name_problem` accepted."""
    try:
        link = link_on_the_way(folder, path)
    except ValueError:
        return "is outside its folder", ""
    if link is not None:
        return ("is a symbolic link" if link == path else
                f"is reached through the symbolic link '{link.relative_to(folder.parent)}'"), LINK_HINT
    if not path.resolve().is_relative_to(folder.resolve()):
        return "is outside its folder", ""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return NOT_FOUND, ""
    except OSError as exc:
        return f"cannot be read ({exc.strerror})", ""
    return None if stat.S_ISREG(mode) else (NOT_A_FILE, "")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file that is not itself a symbolic link, at most `limit` + 1 of them
    (so the caller can say it is too large). Opened without following a link, so a link put in
    its place after it was checked is not followed either."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise NotContained(f"file {NOT_FOUND}") from exc
    except OSError as exc:
        if path.is_symlink():
            raise NotContained("is a symbolic link") from exc
        raise NotContained(f"cannot be read ({exc.strerror})") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotContained(NOT_A_FILE)
    with os.fdopen(fd, "rb") as file:
        return file.read(limit + 1)


def symlinks_under(folder: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Every symbolic link in `folder` and below (to a file or a folder), without following any;
    folders in `skip` are not looked into."""
    for top, dirs, files in os.walk(folder, followlinks=False):
        here = Path(top)
        for name in sorted([*dirs, *files]):
            if (here / name).is_symlink():
                yield here / name
        dirs[:] = sorted(name for name in dirs if here / name not in skip and not (here / name).is_symlink())
