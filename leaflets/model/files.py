"""The content folder's fixed file names, how a message shows a path, and which files may be used
as an asset (leaflets/sources/contained.py says what a contained file is)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import Problem
from ..sources import contained
from ..sources.yamlsource import FieldPath, YamlDocument

SETTINGS_FILE = "settings.yaml"
GLOSSARY_FILE = "glossary.yaml"
DIAGRAMS = "diagrams"
RENAME = "rename it using only letters, digits, '.', '-' and '_'"


def display_path(path: Path, root: Path) -> str:
    """`path` as the user knows it: relative to the project folder when it is inside it. A symbolic
    link is shown where it is, not where it points."""
    for where in (Path(os.path.abspath(path)), path.resolve()):
        try:
            return str(where.relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


def find_asset(folder: Path, relative: str, suffixes: tuple[str, ...], doc: YamlDocument,
               loc: FieldPath, problems: list[Problem]) -> Path | None:
    """Resolve a file named in a brand or leaflet file; it must be a regular file inside `folder`
    itself, reached without a symbolic link and named in plain characters, so a document can neither
    read anything else on the machine that builds it nor put markup into the CSS or HTML that names
    the file."""
    where = f"the {_folder_name(folder)}"
    named = contained.name_problem(relative, where)
    if named:
        problems.append(doc.problem(loc, *named))
        return None
    target = folder / relative
    why = contained.contained_problem(folder, target)
    quoted = contained.shown(relative)
    if why is not None and why[0] in (contained.NOT_FOUND, contained.NOT_A_FILE):
        problems.append(doc.problem(loc, f"file '{quoted}' not found" if why[0] == contained.NOT_FOUND
                                    else f"'{quoted}' is not a file",
                                    f"put it in {_shown_folder(folder, doc)}/ or fix the name"))
        return None
    if why is not None:
        message, fix = why
        problems.append(doc.problem(loc, f"'{quoted}' {message}",
                                    fix or f"copy the file into {where} and give its name"))
        return None
    if target.suffix.lower() not in suffixes:
        problems.append(doc.problem(loc, f"'{quoted}' has an unsupported file type",
                                    f"use one of: {', '.join(suffixes)}"))
        return None
    return target.resolve()


def files_beside(path: Path, folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The regular files with these suffixes in the folder of `path` (a brand's font licence and
    source notes), each plainly named and inside `folder`; a symbolic link or an odd name is left
    out, so nothing from outside the brand folder can be published with it."""
    here = path.parent
    if contained.link_on_the_way(folder, here) is not None or not here.resolve().is_relative_to(folder.resolve()):
        return []
    return sorted(file for file in here.iterdir() if file.suffix.lower() in suffixes
                  and not contained.name_problem(file.name) and not contained.contained_problem(folder, file))


def _shown_folder(folder: Path, doc: YamlDocument) -> Path:
    """The asset folder as the user sees it: beside the file that names the asset."""
    beside = Path(doc.display).parent
    return beside / DIAGRAMS if folder.name == DIAGRAMS else beside


def _folder_name(folder: Path) -> str:
    return "diagrams folder" if folder.name == DIAGRAMS else "brand folder"


def links_in_content(root: Path, content: Path, brands: Sequence[str] = ()) -> list[Problem]:
    """Every symbolic link in the content folder, as a problem: a link's target is not content, and a
    contributor could point one at any file on the machine that builds (a secret, /etc/passwd). With
    `brands` chosen, other brands' folders are not looked into, as they are not loaded."""
    brand_folder = content / "brands"
    skip = frozenset(p for p in brand_folder.iterdir() if p.name not in brands) \
        if brands and brand_folder.is_dir() and not brand_folder.is_symlink() else frozenset()
    return [Problem(display_path(link, root), 1, 1, "(folder)" if link.is_dir() else "(file)",
                    "is a symbolic link; only files that are really in the content folder are read",
                    f"replace the link with a copy of the {'folder' if link.is_dir() else 'file'} itself, or remove it")
            for link in contained.symlinks_under(content, skip)]


def odd_names(root: Path, content: Path, brands: Sequence[str] = ()) -> list[Problem]:
    """Leaflet files, brand folders and translation folders whose names are not plain: each name
    becomes part of an output path, a web address and the site's pages, where a quote or bracket
    could break out of the HTML or CSS."""
    def listed(folder: Path, dirs: bool) -> list[Path]:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir() == dirs
                      and (dirs or p.suffix in (".yaml", ".yml"))) if folder.is_dir() else []

    brand_folders = [p for p in listed(content / "brands", True) if not brands or p.name in brands]
    translations = listed(content / "translations", True)
    named = [*listed(content, False), *brand_folders, *translations,
             *(path for language in translations for path in listed(language, False))]
    found = []
    for path in named:
        why = contained.name_problem(path.name)
        if why and path.is_dir():
            found.append(Problem(display_path(path, root), 1, 1, "(folder)", why[0].replace("file", "folder"), RENAME))
        elif why:
            found.append(Problem(display_path(path, root), 1, 1, "(file)", why[0], RENAME))
    return found
