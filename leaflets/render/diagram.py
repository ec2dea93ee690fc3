"""A diagram's labels placed over its drawing: HTML text, so the leaflet's own fonts draw them,
shaped, in any script (an SVG's text would be drawn letter by letter in a font from the computer).

Each label is absolutely positioned over the image at percentages of the SVG's viewBox, so it
stays on its place in the drawing at any width (A4, Letter, A5, large print, a phone), while its
type size is the page's (styles/leaflet.css, `.diagram-label`): 12 pt, 16 pt in large print.
A drawing is designed for labels 17 units high in 600 units of width, their size on A4."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.leaflets import Leaflet
from ..model.models import DiagramLabel, Therapy
from ..sources.assets import svg_view_box
from ..sources.yamlsource import dotted

DESIGN_SIZE = 17 / 600  # a label's type size for the drawing's width on A4 (12 pt at 88% of the text width)


@dataclass(frozen=True)
class PlacedLabel:
    label: DiagramLabel
    css: str  # the inline style that places it
    english: bool = False  # in a translation, a label not translated yet is printed (and marked) English

    @property
    def classes(self) -> str:
        wraps = ["wraps"] if self.label.width else []
        return " ".join(["diagram-label", f"anchor-{self.label.anchor}", *wraps, *self.label.style])


def placed_labels(leaflet: Leaflet) -> list[PlacedLabel]:
    """The leaflet's diagram labels with where each goes, in reading order; none without a diagram."""
    model = leaflet.model
    if not (isinstance(model, Therapy) and model.diagram and model.diagram.labels and leaflet.diagram):
        return []
    box = _box(leaflet.diagram)
    return [PlacedLabel(label, _css(label, box), _untranslated(leaflet, index))
            for index, label in enumerate(model.diagram.labels)]


def _untranslated(leaflet: Leaflet, index: int) -> bool:
    """Whether a translation prints this label's English: its words are not in the translation file."""
    translation = leaflet.translation
    if translation is None:
        return False
    return any(dotted(path) not in translation.model.fields
               for path in translation.sources if path[:3] == ("diagram", "labels", index))


def _box(path: Path) -> tuple[float, float, float, float]:
    """The viewBox (checked when the content was loaded: sources/assets.py, `shape_problem`)."""
    box = svg_view_box(path)
    if box is None:
        raise ValueError(f"'{path.name}' has no viewBox")
    return box


def _css(label: DiagramLabel, box: tuple[float, float, float, float]) -> str:
    """Inline CSS for the label's box. The side named by `anchor` and `vertical` is put at (x, y):
    `right` and `bottom` measure from the far edges, and a middle is put there by a translation.
    A width is given in ems, so the lines break where they were designed to on every paper and
    in large print, where the type is larger for the drawing than on A4."""
    x0, y0, width, height = box
    x, y = (label.x - x0) / width * 100, (label.y - y0) / height * 100
    rules: list[str] = []
    shift_x = shift_y = "0"
    if label.anchor == "end":
        rules.append(f"right: {100 - x:.3f}%")
    else:
        rules.append(f"left: {x:.3f}%")
    if label.width:
        ems = label.width / (width * DESIGN_SIZE)
        rules.append(f"width: {ems:.3f}em")
        if label.anchor == "middle":
            rules.append(f"margin-left: {-ems / 2:.3f}em")
    elif label.anchor == "middle":
        shift_x = "-50%"
    if label.vertical == "bottom":
        rules.append(f"bottom: {100 - y:.3f}%")
    else:
        rules.append(f"top: {y:.3f}%")
        shift_y = "-50%" if label.vertical == "middle" else "0"
    if (shift_x, shift_y) != ("0", "0"):
        rules.append(f"transform: translate({shift_x}, {shift_y})")
    return "; ".join(rules)
