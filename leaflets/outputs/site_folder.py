"""Write a brand's web site folder safely: never through a symbolic link, whole or not at all, and
deleting only files that an earlier site build recorded as its own.

The folder is often synced to, or mistaken for, a web server's root, which holds files the site
did not make. So the new site is written into a fresh folder beside the target and renamed into
place at the end: a failure part way (a full disk, an error) leaves the previous site whole and
says which file could not be written. Each site lists its files in `RECORD`; the folder it replaces
may hold only files listed there (for a folder written before the record existed: only files the
new site has too). Anything else, a symbolic link included, makes the build refuse, naming it, and
nothing is deleted: the user moves it away and builds again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import LeafletError

RECORD = ".leaflets-site.json"  # the site's own files, written last into the new folder
SHOWN = 5  # foreign files named in a refusal
CHUNK = 1 << 20
UNTOUCHED = "the site was not written and nothing was deleted"


class SiteWriteError(LeafletError):
    """The site could not be written safely; the previous one was left as it was."""


def check_folders(base: Path, target: Path) -> None:
    """Refuse if `target`, or any folder between `base` (trusted) and it, is a symbolic link or
    not a folder: writing through a link would replace files wherever it points."""
    current = base
    for part in target.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            raise SiteWriteError(
                f"refusing to write the web site through {current}: it is a symbolic link (to "
                f"{os.readlink(current)}); {UNTOUCHED}. Remove the link and build again: the site is written "
                "into a folder of its own, to copy or sync to the web server from there")
        if current.exists() and not current.is_dir():
            raise SiteWriteError(f"refusing to write the web site into {current}: it is a file, not a folder; "
                                 f"{UNTOUCHED}. Move the file away and build again")


def write_site_folder(files: Mapping[str, bytes | Path], target: Path, base: Path | None = None) -> int:
    """Replace the site in `target` with `files` (relative path: bytes, or a file to copy).
    Returns how many files are new or changed since the site it replaces."""
    base = target.parent if base is None else base
    check_folders(base, target)
    for path in files:
        _check_name(path)
    old = _old_site(target, set(files))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:
        raise _failed(target, target.parent, exc) from exc
    try:
        written = sum(_write(new, target, path, source, old) for path, source in sorted(files.items()))
        _write(new, target, RECORD, (json.dumps({"files": sorted(files)}, indent=1) + "\n").encode("utf-8"), None)
        os.chmod(new, 0o755)
        aside = _swap(new, target) if old is not None else None
        if old is None:
            _rename(new, target)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if aside is not None:
        _remove_own(aside, old or set())
    return written


def _check_name(path: str) -> None:
    parts = path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts) \
            or path == RECORD:
        raise SiteWriteError(f"the web site has a file named '{path}', which would leave its folder")


def _old_site(target: Path, new: set[str]) -> set[str] | None:
    """The files of the site in `target` that it may delete (None: there is no site yet); refuses
    if the folder holds anything else."""
    if not target.exists():
        return None
    recorded = _recorded(target)
    own = {RECORD} | (recorded if recorded is not None else new)
    found: set[str] = set()
    foreign: list[str] = []

    def fail(exc: OSError) -> None:
        raise _failed(target, Path(exc.filename or target), exc, "read")

    for top, folders, names in os.walk(target, onerror=fail):
        folder = Path(top)
        for name in [*folders, *names]:
            entry = folder / name
            path = entry.relative_to(target).as_posix()
            if entry.is_symlink() or not (entry.is_dir() or entry.is_file()):
                foreign.append(path)
            elif entry.is_file() and path in own:
                found.add(path)
            elif entry.is_file():
                foreign.append(path)
    if foreign:
        more = len(foreign) - SHOWN
        shown = ", ".join(sorted(foreign)[:SHOWN]) + (f" and {more} more" if more > 0 else "")
        why = "that no earlier site build recorded as its own" if recorded is not None else \
            f"that the site does not have (the folder has no {RECORD}, so it was not written by this version)"
        raise SiteWriteError(
            f"refusing to replace the web site {target}: it holds {len(foreign)} "
            f"{'entry' if len(foreign) == 1 else 'entries'} {why}: {shown}; {UNTOUCHED}. "
            "Move them out of the site's folder (it holds only what 'site' writes) and build again")
    return found


def _recorded(target: Path) -> set[str] | None:
    """The files the record in `target` lists, or None if there is no readable record."""
    record = target / RECORD
    if record.is_symlink() or not record.is_file():
        return None
    try:
        files = json.loads(record.read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return None
    return {name for name in files if isinstance(name, str)} if isinstance(files, list) else None


def _write(new: Path, target: Path, path: str, source: bytes | Path, old: set[str] | None) -> bool:
    """Put one file into the new folder; True if it differs from the old site's file. An unchanged
    file is linked to the old one (files are only ever replaced, never written in place), so a
    rebuild writes, and needs room for, only what changed."""
    file = new / path
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(target, target / path, exc) from exc
    try:
        data = source.read_bytes() if isinstance(source, Path) else source
    except OSError as exc:
        raise _failed(target, source if isinstance(source, Path) else target / path, exc, "read") from exc
    unchanged = old is not None and path in old and _same(target / path, data)
    try:
        if not (unchanged and _linked(target / path, file)):
            write_file(file, data)
    except OSError as exc:
        raise _failed(target, target / path, exc) from exc
    return not unchanged


def _linked(old: Path, file: Path) -> bool:
    try:
        os.link(old, file, follow_symlinks=False)
        return True
    except OSError:
        return False


def write_file(file: Path, data: bytes) -> None:
    """Create `file` (never an existing one, never through a link), whole and on disk."""
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(file, 0o644)


def _same(file: Path, data: bytes) -> bool:
    try:
        if file.stat().st_size != len(data):
            return False
        digest = hashlib.sha256()
        with file.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.digest() == hashlib.sha256(data).digest()
    except OSError:
        return False


def _rename(new: Path, target: Path) -> None:
    try:
        os.rename(new, target)
        _sync(target.parent)
    except OSError as exc:
        raise _failed(target, target, exc, "put in place") from exc


def _swap(new: Path, target: Path) -> Path:
    """Put `new` where `target` is; returns where the old site went (beside it, to be emptied)."""
    try:
        aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, aside)  # onto the empty folder just made: the name is ours alone
    except OSError as exc:
        raise _failed(target, target, exc, "move aside") from exc
    try:
        os.rename(new, target)
    except OSError as exc:
        os.rename(aside, target)
        raise _failed(target, target, exc, "put in place") from exc
    _sync(target.parent)
    return aside


def _remove_own(aside: Path, own: set[str]) -> None:
    """Delete the old site's own files (and the folders they leave empty), then the folder itself;
    anything that appeared in it since it was checked stays, and is named."""
    for top, folders, names in os.walk(aside, topdown=False):
        folder = Path(top)
        for name in names:
            entry = folder / name
            if entry.relative_to(aside).as_posix() in own and not entry.is_symlink():
                entry.unlink()
        for name in folders:
            entry = folder / name
            if not entry.is_symlink() and not any(entry.iterdir()):
                entry.rmdir()
    left = sorted(entry.relative_to(aside).as_posix() for entry in aside.rglob("*"))
    if left:
        raise SiteWriteError(f"the new web site is in place, but the old one's folder {aside} kept "
                             f"{', '.join(left[:SHOWN])}, which appeared while the site was written; nothing "
                             "of it was deleted: look at it, then remove the folder")
    aside.rmdir()


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _failed(target: Path, file: Path, exc: OSError, doing: str = "write") -> SiteWriteError:
    """A failure that names the file and the cause, and says the old site is still there."""
    return SiteWriteError(f"could not {doing} {file}: {exc.strerror or exc}; the web site {target} "
                          "was left as it was")
