"""Shadings (CSS gradients) in a print-shop PDF: each one's colour space and function outputs in CMYK.

WeasyPrint 70 labels a gradient's shading with a PDF/X document's default colour space, DeviceCMYK, but
fills its functions with sRGB values (its images.py turns every colour stop into sRGB), so a press, Poppler
and Ghostscript drop it and a preflight rejects the file. The label cannot be trusted: the number of values
the functions return says what they hold. Three (sRGB) are converted, stop by stop, with the same colours
as the rest of the page (colours between stops are then mixed in CMYK); one (grey) or four (CMYK) that match
the label stay; anything else is refused with a message, never passed on to the press.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pikepdf
from pikepdf import Array, Name

from ..errors import RenderError
from .printcolour import Cmyk

Mapper = Callable[[tuple[int, int, int]], Cmyk]
COMPONENTS = {Name.DeviceGray: 1, Name.DeviceRGB: 3, Name.DeviceCMYK: 4}
WITH_FUNCTIONS = (1, 2, 3)  # function-based, axial (linear-gradient), radial (radial-gradient)
ADVICE = "give the brand's colours in hex or rgb() and use plain linear or radial gradients"


def convert_shading(shading: pikepdf.Object, to_cmyk: Mapper) -> None:
    """Make the shading DeviceCMYK with four-value functions, or leave a grey or CMYK one that is
    already consistent; raise RenderError for one this cannot convert. Converting twice changes nothing."""
    kind = int(shading.get("/ShadingType", 0))
    space = shading.get("/ColorSpace")
    label = COMPONENTS.get(space) if isinstance(space, Name) else None
    if kind not in WITH_FUNCTIONS or "/Function" not in shading:
        if label in (1, 4):
            return
        raise RenderError(f"the print profile cannot convert a type {kind} shading (a mesh gradient) in "
                          f"{_name(space)} to CMYK: {ADVICE}")
    outputs = function_outputs(shading.Function)
    if label == outputs and label in (1, 4):
        return
    if outputs != 3 or label not in (3, 4):
        raise RenderError(f"the print profile cannot convert a gradient in {_name(space)} whose colours "
                          f"have {outputs} values to CMYK: {ADVICE}")
    _convert_function(shading.Function, to_cmyk)
    if "/Background" in shading and len(shading.Background) == 3:
        shading.Background = Array(list(to_cmyk(rgb(shading.Background))))
    shading.ColorSpace = Name.DeviceCMYK


def function_outputs(function: pikepdf.Object) -> int:
    """How many values a PDF function returns (through stitching); RenderError if its parts disagree."""
    if isinstance(function, Array):
        if all(function_outputs(part) == 1 for part in function):
            return len(function)
        raise RenderError(f"the print profile cannot read a gradient made of several functions: {ADVICE}")
    kind = int(function.get("/FunctionType", -1))
    if kind == 2:
        sizes = {len(function.get(key, Array([0]))) for key in ("/C0", "/C1")}
    elif kind == 3:
        sizes = {function_outputs(part) for part in function.Functions}
    elif kind in (0, 4) and "/Range" in function:
        sizes = {len(function.Range) // 2}
    else:
        raise RenderError(f"the print profile cannot read a gradient with a type {kind} function: {ADVICE}")
    if len(sizes) != 1:
        raise RenderError(f"the print profile cannot read a gradient whose colours have {sorted(sizes)} "
                          f"values at once: {ADVICE}")
    return sizes.pop()


def _convert_function(function: pikepdf.Object, to_cmyk: Mapper) -> None:
    kind = int(function.get("/FunctionType", -1))
    if kind == 2:
        for key in ("/C0", "/C1"):
            function[key] = Array(list(to_cmyk(rgb(function[key]))))
    elif kind == 3:
        for part in function.Functions:
            _convert_function(part, to_cmyk)
    else:
        raise RenderError(f"the print profile cannot convert a gradient with a type {kind} function "
                          f"(a sampled or PostScript one) to CMYK: {ADVICE}")


def rgb(operands: Iterable[Any]) -> tuple[int, int, int]:
    """Three PDF numbers (0 to 1) as 0-255 channels."""
    red, green, blue = (max(0, min(255, round(float(v) * 255))) for v in operands)
    return red, green, blue


def _name(space: pikepdf.Object | None) -> str:
    if isinstance(space, Name):
        return str(space)[1:]
    if isinstance(space, Array) and len(space) and isinstance(space[0], Name):
        return str(space[0])[1:]
    return "an unknown colour space"

