"""The content folder's fixed file names, how a message shows a path, and which files may be used
as an asset."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument

SETTINGS_FILE = "settings.yaml"
GLOSSARY_FILE = "glossary.yaml"
DIAGRAMS = "diagrams"


def display_path(path: Path, root: Path) -> str:
    """`path` as the user knows it: relative to the project folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def find_asset(folder: Path, relative: str, suffixes: tuple[str, ...], doc: YamlDocument,
               loc: FieldPath, problems: list[Problem]) -> Path | None:
    """Resolve a file named in a brand or leaflet file; it must exist inside `folder` itself, so a
    document cannot read anything else on the machine that builds it."""
    if "://" in relative or relative.startswith(("data:", "/", "\\")):
        problems.append(doc.problem(loc, f"'{relative}' is not a file in the {_folder_name(folder)}",
                                    f"copy the file into the {_folder_name(folder)} and give its name, "
                                    "e.g. logo.svg"))
        return None
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        problems.append(doc.problem(loc, f"'{relative}' is outside the {_folder_name(folder)}",
                                    f"copy the file into the {_folder_name(folder)} and give its name"))
        return None
    if not target.is_file():
        problems.append(doc.problem(loc, f"file '{relative}' not found" if not target.exists()
                                    else f"'{relative}' is not a file",
                                    f"put it in {_shown_folder(folder, doc)}/ or fix the name"))
        return None
    if target.suffix.lower() not in suffixes:
        problems.append(doc.problem(loc, f"'{relative}' has an unsupported file type",
                                    f"use one of: {', '.join(suffixes)}"))
        return None
    return target


def _shown_folder(folder: Path, doc: YamlDocument) -> Path:
    """The asset folder as the user sees it: beside the file that names the asset."""
    beside = Path(doc.display).parent
    return beside / DIAGRAMS if folder.name == DIAGRAMS else beside


def _folder_name(folder: Path) -> str:
    return "diagrams folder" if folder.name == DIAGRAMS else "brand folder"
