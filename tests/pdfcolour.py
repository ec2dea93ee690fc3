"""Every colour a PDF paints with, read from the file itself as a print shop's preflight reads it.

`inspect` walks each page's content stream, and from it every form XObject (at each use, with the
caller's graphics state, as a viewer draws it), tiling pattern, soft-mask group and annotation
appearance stream; it checks every colour operator (rg/RG/k/K/g/G/cs/CS/sc/scn/SC/SCN), and notes the
fill colour every glyph is shown in. Every shading and image object in the file is checked as well,
reachable or not: a shading's colour space must have as many components as its function returns
(read through stitching functions), and every image must be CMYK, grey or a mask.

It shares no code with leaflets/render/printshop.py: it is the check, not the thing checked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

PRINTABLE = {"/DeviceCMYK": 4, "/DeviceGray": 1}
FILLING_RENDER_MODES = {0, 2, 4, 6}  # text render modes that fill the glyphs
SHOW_TEXT = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class State:
    fill_space: str = "/DeviceGray"
    fill: tuple[float, ...] = (0.0,)
    stroke_space: str = "/DeviceGray"
    stroke: tuple[float, ...] = (0.0,)
    render_mode: int = 0


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    text_fills: Counter = field(default_factory=Counter)  # (colour space, values) -> glyph bytes shown
    operators: Counter = field(default_factory=Counter)
    shadings: int = 0
    images: int = 0


def inspect(pdf: pikepdf.Pdf) -> Report:
    report = Report()
    for number, page in enumerate(pdf.pages, 1):
        resources = page.obj.get("/Resources", Dictionary())
        _check_group(page.obj, f"page {number}", report)
        _walk(page, resources, State(), f"page {number}", report, 0)
        for annotation in page.obj.get("/Annots", Array()):
            for appearance in _appearances(annotation.get("/AP", Dictionary())):
                _walk(appearance, appearance.get("/Resources", resources), State(),
                      f"page {number} annotation", report, 0)
    for obj in pdf.objects:
        if isinstance(obj, Dictionary | pikepdf.Stream) and "/ShadingType" in obj:
            report.shadings += 1
            _check_shading(obj, f"shading {obj.objgen}", report)
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            report.images += 1
            _check_image(obj, f"image {obj.objgen}", report)
    return report


def function_outputs(function: Any) -> int:
    """How many values a PDF function returns; -1 if its parts disagree or it cannot be read."""
    if isinstance(function, Array):
        return len(function) if all(function_outputs(part) == 1 for part in function) else -1
    kind = int(function.get("/FunctionType", -1))
    if kind == 2:
        sizes = {len(function.get("/C0", [0])), len(function.get("/C1", [1]))}
    elif kind == 3:
        sizes = {function_outputs(part) for part in function.Functions}
    elif kind in (0, 4):
        sizes = {len(function.Range) // 2}
    else:
        return -1
    return sizes.pop() if len(sizes) == 1 else -1


def _appearances(ap: Any) -> list[pikepdf.Stream]:
    found = []
    for value in ap.values():
        if isinstance(value, pikepdf.Stream):
            found.append(value)
        elif isinstance(value, Dictionary):
            found += [v for v in value.values() if isinstance(v, pikepdf.Stream)]
    return found


def _space(operand: Any, resources: Any) -> str:
    named = resources.get("/ColorSpace", Dictionary()).get(operand, operand)
    if isinstance(named, Array):
        return str(named[0]) if len(named) == 1 else f"[{named[0]} ...]"
    return str(named)


def _walk(owner: Any, resources: Any, state: State, where: str, report: Report, depth: int) -> None:
    if depth > 20:
        report.problems.append(f"{where}: forms nested more than 20 deep")
        return
    walk = _Content(resources, where, report, depth)
    stack: list[State] = []
    for instruction in pikepdf.parse_content_stream(owner):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            walk.inline_image(instruction)
            continue
        operator, operands = str(instruction.operator), list(instruction.operands)
        report.operators[operator] += 1
        if operator == "q":
            stack.append(state)
        elif operator == "Q" and stack:
            state = stack.pop()
        else:
            state = walk.step(operator, operands, state)


class _Content:
    """One content stream's colour operators, text and the forms, patterns and masks it draws."""

    def __init__(self, resources: Any, where: str, report: Report, depth: int) -> None:
        self.resources, self.where, self.report, self.depth = resources, where, report, depth

    def step(self, operator: str, operands: list, state: State) -> State:
        if operator in ("rg", "RG"):
            self.report.problems.append(f"{self.where}: an RGB colour {operator} {[float(v) for v in operands]}")
        elif operator in ("k", "K", "g", "G"):
            return self.device_colour(operator, tuple(float(v) for v in operands), state)
        elif operator in ("cs", "CS"):
            return self.colour_space(operator, operands[0], state)
        elif operator in ("sc", "scn", "SC", "SCN"):
            return self.colour(operator, operands, state)
        elif operator == "Tr":
            return replace(state, render_mode=int(operands[0]))
        elif operator in SHOW_TEXT and state.render_mode in FILLING_RENDER_MODES:
            shown = operands[-1]
            glyph_bytes = (sum(len(bytes(s)) for s in shown if isinstance(s, pikepdf.String))
                           if isinstance(shown, Array) else len(bytes(shown)))
            self.report.text_fills[(state.fill_space, state.fill)] += glyph_bytes
        elif operator == "gs":
            self.soft_mask(operands[0])
        elif operator == "Do":
            self.form(operands[0], state)
        return state

    def device_colour(self, operator: str, values: tuple[float, ...], state: State) -> State:
        space = "/DeviceCMYK" if operator in ("k", "K") else "/DeviceGray"
        if len(values) != PRINTABLE[space] or not all(0 <= v <= 1 for v in values):
            self.report.problems.append(f"{self.where}: {operator} with {values}")
        if operator.islower():
            return replace(state, fill_space=space, fill=values)
        return replace(state, stroke_space=space, stroke=values)

    def colour_space(self, operator: str, operand: Any, state: State) -> State:
        space = _space(operand, self.resources)
        if space not in (*PRINTABLE, "/Pattern"):
            self.report.problems.append(f"{self.where}: colours in the colour space {operand} ({space})")
        initial = (0.0,) * (PRINTABLE.get(space, 1) - 1) + (1.0 if space == "/DeviceCMYK" else 0.0,)
        if operator == "cs":
            return replace(state, fill_space=space, fill=initial)
        return replace(state, stroke_space=space, stroke=initial)

    def colour(self, operator: str, operands: list, state: State) -> State:
        space = state.fill_space if operator.islower() else state.stroke_space
        values: tuple
        if space == "/Pattern":
            pattern = self.resources.get("/Pattern", Dictionary()).get(operands[-1])
            if pattern is not None and int(pattern.get("/PatternType", 0)) == 1:
                _walk(pattern, pattern.get("/Resources", Dictionary()), State(), f"{self.where} pattern",
                      self.report, self.depth + 1)
            values = (str(operands[-1]),)
        else:
            values = tuple(float(v) for v in operands)
            if len(values) != PRINTABLE.get(space, -1):
                self.report.problems.append(f"{self.where}: {operator} with {len(values)} values in {space}")
        return replace(state, fill=values) if operator.islower() else replace(state, stroke=values)

    def inline_image(self, instruction: pikepdf.ContentStreamInlineImage) -> None:
        image = instruction.iimage.obj
        space = image.get("/CS", image.get("/ColorSpace"))
        if space not in ("/G", "/DeviceGray", "/CMYK", "/DeviceCMYK") and not image.get("/IM"):
            self.report.problems.append(f"{self.where}: an inline image in {space}")

    def soft_mask(self, name: Any) -> None:
        mask = self.resources.get("/ExtGState", Dictionary()).get(name, Dictionary()).get("/SMask")
        if isinstance(mask, Dictionary) and "/G" in mask:
            _check_group(mask.G, f"{self.where} soft mask", self.report)
            _walk(mask.G, mask.G.get("/Resources", self.resources), State(), f"{self.where} soft mask",
                  self.report, self.depth + 1)

    def form(self, name: Any, state: State) -> None:
        xobject = self.resources.get("/XObject", Dictionary()).get(name)
        if xobject is not None and xobject.get("/Subtype") == "/Form":
            where = f"{self.where} form {name}"
            _check_group(xobject, where, self.report)
            _walk(xobject, xobject.get("/Resources", self.resources), state, where, self.report, self.depth + 1)


def _check_group(owner: Any, where: str, report: Report) -> None:
    group = owner.get("/Group")
    if isinstance(group, Dictionary) and "/CS" in group and str(group.CS) not in PRINTABLE:
        report.problems.append(f"{where}: a transparency group in {group.CS}")


def _check_shading(shading: Any, where: str, report: Report) -> None:
    space = shading.get("/ColorSpace")
    components = PRINTABLE.get(str(space)) if isinstance(space, Name) else None
    if components is None:
        report.problems.append(f"{where}: a shading in {space}")
        return
    if "/Function" in shading:
        outputs = function_outputs(shading.Function)
        if outputs != components:
            report.problems.append(f"{where}: a {space} shading whose function returns {outputs} values")
    if "/Background" in shading and len(shading.Background) != components:
        report.problems.append(f"{where}: a {space} shading with a background of {len(shading.Background)} values")


def _check_image(image: Any, where: str, report: Report) -> None:
    if image.get("/ImageMask", False):
        return
    space = image.get("/ColorSpace")
    if str(space) not in PRINTABLE:
        report.problems.append(f"{where}: an image in {space}")
    if isinstance(image.get("/SMask"), pikepdf.Stream) and image.SMask.get("/ColorSpace") != "/DeviceGray":
        report.problems.append(f"{where}: an image whose soft mask is in {image.SMask.get('/ColorSpace')}")
