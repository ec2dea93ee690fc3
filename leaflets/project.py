"""Load every content and brand file of a project, validate them all, and resolve brand assets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .models import LEAFLET_TYPES, Brand, LeafletBase, Overview, Therapy
from .validate import validate
from .yamlsource import YamlDocument, load_yaml

BRAND_FILE = "_brand.yml"
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str


@dataclass(frozen=True)
class ResolvedBrand:
    """A validated brand with every colour as hex and every file as an absolute path."""

    slug: str
    folder: Path
    model: Brand
    colours: dict[str, str]
    heading_colour: str | None
    logo: Path
    logo_alt: str
    fonts: tuple[FontFace, ...]

    @property
    def name(self) -> str:
        return self.model.meta.name.full


@dataclass(frozen=True)
class Leaflet:
    slug: str
    source: Path
    model: LeafletBase
    doc: YamlDocument


@dataclass(frozen=True)
class Project:
    root: Path
    content: Path
    brands: dict[str, ResolvedBrand]
    leaflets: dict[str, Leaflet]

    @property
    def asset_roots(self) -> tuple[Path, ...]:
        """The only folders a rendered document may read from."""
        return (self.content / "brands", self.root / "styles")


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_project(root: Path, content: Path | None = None) -> Project:
    """Read and validate everything under `content`; raise ContentError listing every problem."""
    root = root.resolve()
    content = (content or root / "content").resolve()
    problems: list[Problem] = []
    if not content.is_dir():
        raise ContentError([Problem(str(content), 1, 1, "(folder)", "content folder not found",
                                    "pass --content DIR or run from the project folder")])
    leaflets = _load_leaflets(root, content, problems)
    if not problems:
        _check_overviews(leaflets, problems)
    brands = _load_brands(root, content, problems)
    if problems:
        raise ContentError(problems)
    return Project(root, content, brands, leaflets)


def _load_leaflets(root: Path, content: Path, problems: list[Problem]) -> dict[str, Leaflet]:
    leaflets: dict[str, Leaflet] = {}
    files = sorted([*content.glob("*.yaml"), *content.glob("*.yml")])
    if not files:
        problems.append(Problem(display_path(content, root), 1, 1, "(folder)", "no leaflet files found",
                                "add a .yaml file per leaflet"))
    ids: dict[str, str] = {}
    for path in files:
        doc, found = load_yaml(path, display_path(path, root))
        problems.extend(found)
        if doc is None:
            continue
        kind = doc.data.get("type") if isinstance(doc.data, dict) else None
        model = LEAFLET_TYPES.get(kind) if isinstance(kind, str) else None
        if model is None:
            problems.append(doc.problem(("type",), f"'{kind}' is not a leaflet type" if kind else
                                        "is required but missing",
                                        f"use one of: {', '.join(LEAFLET_TYPES)}", of_key=not kind))
            continue
        leaflet, found = validate(doc, model)
        problems.extend(found)
        if leaflet is None:
            continue
        assert isinstance(leaflet, LeafletBase)
        if leaflet.document.id in ids:
            problems.append(doc.problem(("document", "id"), f"'{leaflet.document.id}' is already used by "
                                        f"{ids[leaflet.document.id]}", "give each leaflet its own id"))
        ids[leaflet.document.id] = doc.display
        problems.extend(_check_dates(doc, leaflet))
        leaflets[path.stem] = Leaflet(path.stem, path, leaflet, doc)
    return leaflets


def _check_dates(doc: YamlDocument, leaflet: LeafletBase) -> list[Problem]:
    d = leaflet.document
    if d.next_review <= d.published:
        return [doc.problem(("document", "next_review"), f"{d.next_review} is not after the published "
                            f"date {d.published}", "set the next review after publication")]
    return []


def _check_overviews(leaflets: dict[str, Leaflet], problems: list[Problem]) -> None:
    for leaflet in leaflets.values():
        if not isinstance(leaflet.model, Overview):
            continue
        doc = leaflet.doc
        therapies = [s for s, lf in leaflets.items() if isinstance(lf.model, Therapy)]
        for index, slug in enumerate(leaflet.model.therapies):
            if slug not in therapies:
                problems.append(doc.problem(("therapies", index), f"'{slug}' is not a therapy leaflet",
                                            f"use one of: {', '.join(therapies) or '(none found)'}"))


def _load_brands(root: Path, content: Path, problems: list[Problem]) -> dict[str, ResolvedBrand]:
    brands: dict[str, ResolvedBrand] = {}
    folder = content / "brands"
    folders = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    if not folders:
        problems.append(Problem(display_path(folder, root), 1, 1, "(folder)", "no brands found",
                                f"add a folder with a {BRAND_FILE} file per clinic"))
    for brand_dir in folders:
        path = brand_dir / BRAND_FILE
        doc, found = load_yaml(path, display_path(path, root))
        problems.extend(found)
        if doc is None:
            continue
        brand, found = validate(doc, Brand)
        problems.extend(found)
        if brand is None:
            continue
        assert isinstance(brand, Brand)
        resolved = _resolve_brand(brand_dir, doc, brand, problems)
        if resolved is not None:
            brands[brand_dir.name] = resolved
    return brands


def _resolve_brand(folder: Path, doc: YamlDocument, brand: Brand,
                   problems: list[Problem]) -> ResolvedBrand | None:
    before = len(problems)
    colours: dict[str, str] = {}
    palette = brand.color.palette
    for name, value in brand.color.model_dump(exclude={"palette"}).items():
        if value is None:
            continue
        if value.startswith("#"):
            colours[name] = value
        elif value in palette:
            colours[name] = palette[value]
        else:
            problems.append(doc.problem(("color", name), f"'{value}' is not in color.palette",
                                        f"use #rrggbb or one of: {', '.join(palette) or '(empty palette)'}"))
    logo_choice = brand.logo.large or brand.logo.medium or brand.logo.small
    logo_key = "large" if brand.logo.large else "medium" if brand.logo.medium else "small"
    logo = None
    if logo_choice is None:
        problems.append(doc.problem(("logo",), "needs a small, medium or large logo",
                                    "add 'medium: {path: logo.svg, alt: ...}'"))
    else:
        logo = _asset(folder, logo_choice.path, LOGO_SUFFIXES, doc, ("logo", logo_key, "path"), problems)
    fonts: list[FontFace] = []
    for i, family in enumerate(brand.typography.fonts):
        for j, file in enumerate(family.files):
            found = _asset(folder, file.path, FONT_SUFFIXES, doc,
                           ("typography", "fonts", i, "files", j, "path"), problems)
            if found:
                fonts.append(FontFace(family.family, found, file.weight, file.style))
    heading_colour = None
    headings = brand.typography.headings
    if headings is not None and headings.color is not None:
        heading_colour = headings.color if headings.color.startswith("#") else palette.get(headings.color)
        if heading_colour is None:
            problems.append(doc.problem(("typography", "headings", "color"), f"'{headings.color}' is not in "
                                        "color.palette", f"use #rrggbb or one of: {', '.join(palette)}"))
    declared = {f.family for f in brand.typography.fonts}
    for role in ("base", "headings"):
        style = getattr(brand.typography, role)
        if style is not None and style.family not in declared:
            problems.append(doc.problem(("typography", role), f"font '{style.family}' is not declared in "
                                        "typography.fonts", f"declared: {', '.join(sorted(declared))}"))
    if len(problems) > before or logo is None or logo_choice is None:
        return None
    return ResolvedBrand(folder.name, folder.resolve(), brand, colours, heading_colour, logo, logo_choice.alt, tuple(fonts))


def _asset(folder: Path, relative: str, suffixes: tuple[str, ...], doc: YamlDocument,
           loc: tuple, problems: list[Problem]) -> Path | None:
    """Resolve a file named in a brand file; it must exist inside the brand's own folder."""
    if "://" in relative or relative.startswith(("data:", "/", "\\")):
        problems.append(doc.problem(loc, f"'{relative}' is not a file in the brand folder",
                                    "copy the file into the brand folder and give its name, e.g. logo.svg"))
        return None
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        problems.append(doc.problem(loc, f"'{relative}' is outside the brand folder",
                                    "copy the file into the brand folder and give its name"))
        return None
    if not target.is_file():
        problems.append(doc.problem(loc, f"file '{relative}' not found" if not target.exists()
                                    else f"'{relative}' is not a file",
                                    f"put it in {Path(doc.display).parent}/ or fix the name"))
        return None
    if target.suffix.lower() not in suffixes:
        problems.append(doc.problem(loc, f"'{relative}' has an unsupported file type",
                                    f"use one of: {', '.join(suffixes)}"))
        return None
    return target
