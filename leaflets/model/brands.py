"""Brands: each clinic's _brand.yml, validated and resolved to hex colours, a logo and font files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, UsageError
from ..sources.assets import font_characters, image_problem
from ..sources.yamlsource import FieldPath, YamlDocument
from .brand_file import Brand, LogoImage
from .contrast import contrast_failures
from .files import display_path, find_asset
from .validate import load_model

BRAND_FILE = "_brand.yml"
COLOUR_DEFAULTS = {"secondary": "primary", "tertiary": "secondary", "light": "#f3f4f6",
                   "dark": "foreground", "danger": "#9b1c1c", "warning": "#fdf0f0"}
LOGO_SIZES = ("large", "medium", "small")  # the first the brand gives is printed
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str


@dataclass(frozen=True)
class ResolvedBrand:
    """A validated brand with every colour role as hex (optional roles filled in), and every file
    as an absolute path."""

    slug: str
    folder: Path
    model: Brand
    doc: YamlDocument
    colours: dict[str, str]
    logo: Path
    logo_alt: str
    fonts: tuple[FontFace, ...]
    characters: frozenset[int]

    @property
    def name(self) -> str:
        return self.model.meta.name.full


def load_brands(root: Path, content: Path, problems: list[Problem], names: Sequence[str] = ()
                ) -> tuple[dict[str, ResolvedBrand], list[YamlDocument]]:
    """The brands (only those named, if any are), and every brand file that could be read."""
    brands: dict[str, ResolvedBrand] = {}
    docs: list[YamlDocument] = []
    folder = content / "brands"
    folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if folder.is_dir() else []
    if not folders:
        problems.append(Problem(display_path(folder, root), 1, 1, "(folder)", "no brands found",
                                f"add a folder with a {BRAND_FILE} file per clinic"))
    unknown = [name for name in names if name not in {p.name for p in folders}]
    if unknown and folders:
        raise UsageError(f"unknown brand '{unknown[0]}' (choose from: {', '.join(p.name for p in folders)})")
    for brand_dir in (p for p in folders if not names or p.name in names):
        path = brand_dir / BRAND_FILE
        if not path.exists():
            problems.append(Problem(display_path(brand_dir, root), 1, 1, "(folder)", f"has no {BRAND_FILE}",
                                    f"add a {BRAND_FILE}, copied from another brand, or remove the folder"))
            continue
        doc, brand = load_model(path, display_path(path, root), Brand, problems)
        if doc is None:
            continue
        docs.append(doc)
        if brand is not None:
            resolved = resolve_brand(brand_dir, doc, brand, problems)
            if resolved is not None:
                brands[brand_dir.name] = resolved
    return brands, docs


def resolve_brand(folder: Path, doc: YamlDocument, brand: Brand,
                  problems: list[Problem]) -> ResolvedBrand | None:
    """The brand with its colours, logo and fonts resolved; None (with the problems) if any is wrong."""
    before = len(problems)
    colours = _colours(doc, brand, problems)
    logo = _logo(folder, doc, brand, problems)
    fonts, characters = _fonts(folder, doc, brand, problems)
    _check_font_roles(doc, brand, problems)
    if len(problems) > before or colours is None or logo is None or characters is None:
        return None
    path, size = logo
    return ResolvedBrand(folder.name, folder.resolve(), brand, doc, colours, path, size.alt, fonts, characters)


def _colours(doc: YamlDocument, brand: Brand, problems: list[Problem]) -> dict[str, str] | None:
    """Every colour role as hex, the optional ones filled in from the roles they default to; None if
    a colour is wrong. Each pair the layout puts on top of each other is checked for contrast."""
    before = len(problems)
    given = {name: _colour(doc, brand, value, ("color", name), problems)
             for name, value in brand.color.model_dump(exclude={"palette"}).items() if value is not None}
    headings = brand.typography.headings
    heading_colour = None
    if headings is not None and headings.color is not None:
        heading_colour = _colour(doc, brand, headings.color, ("typography", "headings", "color"), problems)
    colours = {k: v for k, v in given.items() if v is not None}
    for name in brand.defaults.leaflets.cmyk:
        if name not in brand.color.palette and name not in colours:
            problems.append(doc.problem(("defaults", "leaflets", "cmyk", name), f"'{name}' is not a colour "
                                        "of this brand", "use a name from color.palette or a colour role "
                                        f"such as primary (known: {', '.join([*brand.color.palette, *colours])})"))
    if len(problems) > before:
        return None
    for name, fallback in COLOUR_DEFAULTS.items():
        colours.setdefault(name, colours.get(fallback, fallback))
    colours["heading"] = heading_colour or colours["primary"]
    problems.extend(_contrast_problems(doc, set(given), colours, heading_colour is not None))
    return colours


def _colour(doc: YamlDocument, brand: Brand, value: str, loc: FieldPath, problems: list[Problem]) -> str | None:
    """A colour as #rrggbb: given directly or by its name in the palette."""
    palette = brand.color.palette
    if value.startswith("#"):
        return value
    if value in palette:
        return palette[value]
    problems.append(doc.problem(loc, f"'{value}' is not in color.palette",
                                f"use #rrggbb or one of: {', '.join(palette) or '(empty palette)'}"))
    return None


def _colour_source(role: str, given: set[str], heading_given: bool) -> FieldPath:
    """Where the brand file sets a colour role; a role left out follows the role it defaults to."""
    if role == "heading":
        return ("typography", "headings", "color") if heading_given else _colour_source("primary", given, False)
    if role in given or COLOUR_DEFAULTS.get(role, "#").startswith("#"):
        return ("color", role)
    return _colour_source(COLOUR_DEFAULTS[role], given, heading_given)


def _contrast_problems(doc: YamlDocument, given: set[str], colours: dict[str, str],
                       heading_given: bool) -> list[Problem]:
    return [doc.problem(_colour_source(pair.text if pair.text in colours else pair.background, given, heading_given),
                        f"{text} on {background} has a contrast of {value:.2f}:1, below the {pair.minimum:g}:1 "
                        f"that WCAG 2.2 AA asks for {pair.used_for}",
                        "choose a darker text colour or a lighter background")
            for pair, text, background, value in contrast_failures(colours)]


def _logo(folder: Path, doc: YamlDocument, brand: Brand, problems: list[Problem]) -> tuple[Path, LogoImage] | None:
    """The largest logo the brand gives: its file, and the size entry (which has its alt text)."""
    size = next((size for size in LOGO_SIZES if getattr(brand.logo, size)), None)
    if size is None:
        problems.append(doc.problem(("logo",), "needs a small, medium or large logo",
                                    "add 'medium: {path: logo.svg, alt: ...}'"))
        return None
    entry = getattr(brand.logo, size)
    loc = ("logo", size, "path")
    path = find_asset(folder, entry.path, LOGO_SUFFIXES, doc, loc, problems)
    if path is None:
        return None
    why = image_problem(path)
    if why:
        problems.append(doc.problem(loc, why, "save the logo as a plain, self-contained SVG, PNG or JPEG"))
        return None
    return path, entry


def _fonts(folder: Path, doc: YamlDocument, brand: Brand, problems: list[Problem]
           ) -> tuple[tuple[FontFace, ...], frozenset[int] | None]:
    """The brand's font files, and the characters all of them have (None if it has no usable font)."""
    fonts: list[FontFace] = []
    characters: frozenset[int] | None = None
    for i, family in enumerate(brand.typography.fonts):
        for j, file in enumerate(family.files):
            loc = ("typography", "fonts", i, "files", j, "path")
            found = find_asset(folder, file.path, FONT_SUFFIXES, doc, loc, problems)
            if found is None:
                continue
            chars = font_characters(found)
            if isinstance(chars, str):
                problems.append(doc.problem(loc, chars, "use a TrueType (.ttf) or OpenType (.otf) font file"))
                continue
            characters = chars if characters is None else characters & chars
            fonts.append(FontFace(family.family, found, file.weight, file.style))
    return tuple(fonts), characters


def _check_font_roles(doc: YamlDocument, brand: Brand, problems: list[Problem]) -> None:
    """The body and heading styles name font families the brand declares."""
    declared = {f.family for f in brand.typography.fonts}
    for role in ("base", "headings"):
        style = getattr(brand.typography, role)
        if style is not None and style.family not in declared:
            problems.append(doc.problem(("typography", role), f"font '{style.family}' is not declared in "
                                        "typography.fonts", f"declared: {', '.join(sorted(declared))}"))
