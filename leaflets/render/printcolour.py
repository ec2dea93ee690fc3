"""Colour for print shops: the CMYK profile the print PDFs are made for, and each colour in CMYK.

The profile is made once, by setup.sh (`python3 -m leaflets.render.printcolour`), with ArgyllCMS's colprof
from Fogra's FOGRA39L characterisation data (offset on coated paper, ISO 12647-2), which Debian
ships in icc-profiles-free under the zlib licence. Its date is fixed, so every machine makes the same
bytes. A brand may give its own CMYK values (`defaults.leaflets.cmyk` in _brand.yml); every other
colour is converted through the profile, and greys print on black ink alone.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from .. import ROOT
from ..errors import RenderError

CHARACTERISATION = Path("/usr/share/color/icc/FOGRA39L.ti3")
PROFILE = ROOT / "build" / "icc" / "FOGRA39L-leaflets.icc"
CONDITION = "FOGRA39"  # the ICC registry's name for this printing condition
CONDITION_TEXT = "Offset printing, ISO 12647-2:2004/Amd 1, paper type 1 or 2 (coated), 115 g/m2"
REGISTRY = "http://www.color.org"
DESCRIPTION = "FOGRA39L coated, made by leaflets with ArgyllCMS from Fogra's FOGRA39L data"

Cmyk = tuple[float, float, float, float]  # each 0 to 1


def make_profile(target: Path = PROFILE) -> Path:
    """Make the CMYK profile from FOGRA39L.ti3 with colprof, with a fixed date; return its path."""
    colprof = shutil.which("colprof")
    if colprof is None or not CHARACTERISATION.is_file():
        raise RenderError("making the CMYK print profile needs ArgyllCMS (colprof) and "
                          f"{CHARACTERISATION} (Debian: apt-get install argyll icc-profiles-free)")
    with tempfile.TemporaryDirectory() as work:
        shutil.copy(CHARACTERISATION, Path(work) / "FOGRA39L.ti3")
        subprocess.run([colprof, "-qm", "-kr", "-l", "330", "-L", "95", "-D", DESCRIPTION,
                        "-C", "Made from FOGRA39L.ti3 (Fogra, zlib licence)", "-O", "profile.icc", "FOGRA39L"],
                       cwd=work, check=True, capture_output=True)
        data = bytearray((Path(work) / "profile.icc").read_bytes())
    data[24:36] = bytes([0x07, 0xD6, 0, 12, 0, 1, 0, 0, 0, 0, 0, 0])  # created 2006-12-01 00:00:00
    data[84:100] = bytes(16)  # no profile ID: it would hash the date colprof wrote
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    return target


def profile_bytes(path: Path = PROFILE) -> bytes:
    """The CMYK profile; a RenderError says how to make it when it is missing."""
    if not path.is_file():
        raise RenderError(f"the print profile needs the CMYK colour profile {path}: run setup.sh "
                          "(or python3 -m leaflets.render.printcolour) to make it")
    return path.read_bytes()


@lru_cache(maxsize=4)
def _transform(profile: bytes) -> ImageCms.ImageCmsTransform:
    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), cmyk, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def convert(rgb: tuple[int, int, int], profile: bytes) -> Cmyk:
    """sRGB (0-255) to CMYK: neutral greys on black ink alone, other colours through the profile."""
    red, green, blue = rgb
    if red == green == blue:
        return (0.0, 0.0, 0.0, round(1 - red / 255, 4))
    converted = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _transform(profile))
    if converted is None:  # only an in-place transform returns nothing
        raise ValueError("the colour transform gave no picture")
    cyan, magenta, yellow, black = (round(channel / 255, 4) for channel in converted.tobytes())
    return cyan, magenta, yellow, black


def brand_cmyk(palette: dict[str, str], colours: dict[str, str],
               given: dict[str, tuple[float, ...]]) -> dict[tuple[int, int, int], Cmyk]:
    """The brand's own CMYK values (percent, by palette name or colour role) keyed by their sRGB colour."""
    found = {}
    for name, percent in sorted(given.items()):
        colour = palette.get(name) or colours[name]
        found[hex_rgb(colour)] = tuple(round(v / 100, 4) for v in percent)
    return found  # type: ignore[return-value]


def hex_rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


if __name__ == "__main__":
    try:
        print(f"made {make_profile()}")
    except (RenderError, subprocess.CalledProcessError) as exc:
        sys.exit(f"could not make the CMYK print profile: {exc}")
