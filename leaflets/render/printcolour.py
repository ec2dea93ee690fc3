"""Colour for print shops: the CMYK profile the print PDFs are made for, and each colour in CMYK.

The profile is made once, by setup.sh (`python3 -m leaflets.render.printcolour`), with ArgyllCMS's colprof
from Fogra's FOGRA39L characterisation data (offset on coated paper, ISO 12647-2), which Debian
ships in icc-profiles-free under the zlib licence. Its date is fixed, so every machine makes the same
bytes. A brand may give its own CMYK values (`defaults.leaflets.cmyk` in _brand.yml); every other
colour is converted through the profile, except that greys and near-blacks print on black ink alone.

Black ink alone: every grey, and every colour dark enough for text (CIELAB L* at most TEXT_LIGHTNESS)
within NEUTRAL_CHROMA of grey (CIELAB chroma). Such a dark near-grey has no hue a reader can see in
text, yet through the profile a near-black like #1b1f23 becomes four-colour "rich" black (about 290%
ink): small text in four inks blurs when the plates are a hair out of register, so print shops ask for
text in black ink only. It gets the black-ink tint the profile says prints at the same lightness, so a
grey keeps its contrast with the paper (#595959, 7:1 on white, would print at about 4:1 as a naive 65%
black, as press dot gain is in the profile); any colour as dark as solid black ink or darker prints as
0/0/0/100, solid and unscreened, which is as dark as black ink alone goes. A pale tint as near to grey
(a brand's #e6f2f1 wash is 4.2 from grey) keeps its inks: over a box's area its hue shows.
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
NEUTRAL_CHROMA = 6.0  # CIELAB chroma: #1b1f23 is 3.4 from grey, a navy like #1d2b4f is 25
TEXT_LIGHTNESS = 50.0  # CIELAB L*: this dark or darker is about 4.5:1 or more on white, a text colour


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
    """sRGB (0-255) to CMYK: greys and dark near-greys on black ink alone at the same lightness, other
    colours through the profile."""
    lightness, chroma = lightness_and_chroma(rgb)
    red, green, blue = rgb
    if red == green == blue or (chroma <= NEUTRAL_CHROMA and lightness <= TEXT_LIGHTNESS):
        return (0.0, 0.0, 0.0, black_for_lightness(lightness, profile))
    converted = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), _transform(profile))
    if converted is None:  # only an in-place transform returns nothing
        raise ValueError("the colour transform gave no picture")
    cyan, magenta, yellow, black = (round(channel / 255, 4) for channel in converted.tobytes())
    return cyan, magenta, yellow, black


def lightness_and_chroma(rgb: tuple[int, int, int]) -> tuple[float, float]:
    """CIELAB L* and chroma of an sRGB colour (D65 white, the sRGB standard's formulas)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    red, green, blue = (linear(channel) for channel in rgb)
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883
    a, b = 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
    return 116 * f(y) - 16, (a * a + b * b) ** 0.5


def black_for_lightness(lightness: float, profile: bytes) -> float:
    """The black-ink tint (0 to 1) that prints at this L* on the profile's paper; 1 for anything as
    dark as solid black or darker."""
    ramp = printed_black_lightness(profile)
    for step in range(1, len(ramp)):
        if ramp[step] <= lightness:
            lighter, darker = ramp[step - 1], ramp[step]
            between = (lighter - lightness) / (lighter - darker) if lighter > darker else 1.0
            return round((step - 1 + between) / (len(ramp) - 1), 4)
    return 1.0


@lru_cache(maxsize=4)
def printed_black_lightness(profile: bytes) -> tuple[float, ...]:
    """L* (relative to the paper) of black ink from 0% to 100% in 255 steps, as the profile prints it."""
    cmyk = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    to_lab = ImageCms.buildTransform(cmyk, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lab = ImageCms.applyTransform(ramp, to_lab)
    if lab is None:
        raise ValueError("the colour transform gave no picture")
    lightness = [value * 100 / 255 for value in lab.getchannel("L").tobytes()]
    return tuple(min(lightness[:k + 1]) for k in range(256))  # never lighter as ink is added


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
