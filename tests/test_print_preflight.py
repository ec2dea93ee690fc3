"""Print files that preflight (`--profile print`): every colour operator, shading and image in CMYK or
grey, every shading's functions returning as many values as its colour space has, body text in black
ink alone (0/0/0/100), and what cannot be converted refused with a message.

The PDFs are read with tests/pdfcolour.py, which shares no code with the converter. Both sample brands'
IVIG leaflet is rendered once, in this process, and a small page of gradients and pictures such as a
brand's CSS could bring is put through the same conversion.
"""

from __future__ import annotations

import base64
import datetime as dt
import io

import pikepdf
import pytest
import weasyprint
from conftest import load_sample
from pdfcolour import Report, inspect
from PIL import Image, ImageCms

from leaflets.errors import RenderError
from leaflets.model.plan import plan
from leaflets.model.variants import variants_for
from leaflets.render.job import render_job
from leaflets.render.printcolour import convert, hex_rgb, lightness_and_chroma, profile_bytes
from leaflets.render.printshop import for_print

TODAY = dt.date(2026, 12, 4)
PRINT_OPTIONS = variants_for("print", "a4", False, False)[0].pdf_options


@pytest.fixture(scope="module")
def print_pdfs() -> dict[str, bytes]:
    """Each sample brand's IVIG leaflet in English, as the print profile makes it."""
    project = load_sample()
    jobs = plan(project, ["riverside", "northfield"], ["ivig"], profile="print", languages=["en"], today=TODAY)
    return {job.brand.slug: render_job(project, job, TODAY).data for job in jobs}


def picture(mode: str, colour: tuple[int, ...], kind: str = "PNG") -> str:
    """A 6 x 6 picture as a data: URL."""
    out = io.BytesIO()
    Image.new(mode, (6, 6), colour).save(out, kind)
    return f"data:image/{kind.lower()};base64,{base64.b64encode(out.getvalue()).decode()}"


GRADIENTS = f"""<style>@page {{ size: 100mm 120mm; margin: 5mm }} div {{ height: 8mm; margin: 1mm 0 }}</style>
<div style="background: linear-gradient(to right, #0b5563, #e6f2f1)"></div>
<div style="background: linear-gradient(#9b1c1c, 30%, #1b1f23 60%, #ffffff)"></div>
<div style="background: radial-gradient(circle, #5b2a6e, transparent)"></div>
<div style="background: repeating-linear-gradient(transparent 0, transparent 2mm, #999999 2mm, #999999 3mm)"></div>
<div style="background: repeating-radial-gradient(#a8432f 0, #f6eef8 2mm)"></div>
<img src="{picture('RGBA', (32, 64, 96, 128))}"> <img src="{picture('RGB', (200, 40, 40), 'JPEG')}">
<img src="{picture('L', (90,))}"> <img src="{picture('CMYK', (10, 20, 30, 40), 'JPEG')}">
<svg width="60" height="30"><defs><linearGradient id="g"><stop offset="0" stop-color="#0b5563"/>
<stop offset="1" stop-color="#fbeaea" stop-opacity="0.5"/></linearGradient><radialGradient id="r">
<stop offset="0" stop-color="#9b1c1c"/><stop offset="1" stop-color="#1f7a70"/></radialGradient></defs>
<rect width="30" height="30" fill="url(#g)"/><circle cx="45" cy="15" r="15" fill="url(#r)"/></svg>"""


@pytest.fixture(scope="module")
def gradient_pdf() -> bytes:
    """Gradients (CSS linear, radial, repeating, with colour hints and transparent stops; SVG linear with
    opacity and radial, as a logo may have) and pictures (RGB with transparency, JPEG, grey, CMYK), as
    WeasyPrint writes them for PDF/X-4, then converted."""
    data = weasyprint.HTML(string=GRADIENTS).write_pdf(**PRINT_OPTIONS)
    return for_print(data, profile_bytes(), {}, crop_marks=False)


def report(data: bytes) -> Report:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return inspect(pdf)


@pytest.mark.sample
def test_every_colour_operator_shading_and_image_of_the_print_pdfs_is_cmyk_or_grey(
        print_pdfs: dict[str, bytes]) -> None:
    for brand, data in print_pdfs.items():
        found = report(data)
        assert found.problems == [], brand
        assert found.operators["k"] and not found.operators["rg"]


def test_every_gradient_prints_as_a_cmyk_shading_whose_functions_return_four_values(gradient_pdf: bytes) -> None:
    found = report(gradient_pdf)
    assert found.problems == []
    assert found.shadings >= 7  # the seven gradients, and grey ones for the transparent stops' masks


def test_every_picture_prints_in_cmyk_or_grey(gradient_pdf: bytes) -> None:
    with pikepdf.open(io.BytesIO(gradient_pdf)) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        spaces = sorted(str(image.ColorSpace) for image in images)
    assert spaces == ["/DeviceCMYK"] * 3 + ["/DeviceGray"] * 2  # one grey is the RGBA picture's mask
    assert report(gradient_pdf).images == 5


@pytest.mark.sample
def test_the_write_lines_are_drawn_without_a_shading(print_pdfs: dict[str, bytes]) -> None:
    for data in print_pdfs.values():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert not [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/ShadingType" in obj]


@pytest.mark.sample
def test_body_text_prints_in_black_ink_alone(print_pdfs: dict[str, bytes]) -> None:
    for brand, data in print_pdfs.items():
        (colour, _), *_ = report(data).text_fills.most_common(1)
        assert colour == ("/DeviceCMYK", (0.0, 0.0, 0.0, 1.0)), brand


@pytest.mark.sample
def test_no_text_prints_in_four_colour_black(print_pdfs: dict[str, bytes]) -> None:
    for brand, data in print_pdfs.items():
        fills = [values for space, values in report(data).text_fills if space == "/DeviceCMYK"]
        assert fills
        assert [values for values in fills if values[3] >= 0.85 and any(values[:3])] == [], brand


def test_near_black_and_grey_colours_print_on_black_ink_alone() -> None:
    profile = profile_bytes()
    assert convert(hex_rgb("#1b1f23"), profile) == (0, 0, 0, 1)  # Riverside's ink: was 86/64/48/94
    assert convert(hex_rgb("#222222"), profile) == (0, 0, 0, 1)
    cyan, magenta, yellow, _ = convert(hex_rgb("#999999"), profile)
    assert cyan == magenta == yellow == 0


def test_a_dark_colour_with_a_hue_keeps_its_inks() -> None:
    navy = hex_rgb("#1d2b4f")
    assert lightness_and_chroma(navy)[1] > 20
    cyan, magenta, _, _ = convert(navy, profile_bytes())
    assert cyan > 0.5 and magenta > 0.3


def test_a_pale_tint_near_grey_keeps_its_inks() -> None:
    mist = hex_rgb("#e6f2f1")  # Riverside's light wash behind boxes
    assert lightness_and_chroma(mist)[1] < 6
    cyan, _, yellow, _ = convert(mist, profile_bytes())
    assert cyan > 0 and yellow > 0


def printed_lightness(cmyk: tuple[float, ...]) -> float:
    """CIELAB L* (relative to the paper) the print profile gives this CMYK, read through LittleCMS."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))
    to_lab = ImageCms.buildTransform(profile, ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    lab = ImageCms.applyTransform(Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk)), to_lab)
    assert lab is not None
    return lab.getchannel("L").tobytes()[0] * 100 / 255


@pytest.mark.parametrize("grey", ["#333333", "#595959", "#666666", "#999999"])
def test_a_grey_prints_as_light_as_on_screen_so_it_keeps_its_contrast(grey: str) -> None:
    lightness, _ = lightness_and_chroma(hex_rgb(grey))
    assert printed_lightness(convert(hex_rgb(grey), profile_bytes())) == pytest.approx(lightness, abs=1)


def test_a_lab_colour_is_refused_with_advice() -> None:
    page = '<html lang="en"><div style="height: 9mm; background: lab(40% 30 -20)"></div></html>'
    data = weasyprint.HTML(string=page).write_pdf(**PRINT_OPTIONS)
    with pytest.raises(RenderError, match=r"cannot convert colours in the colour space .*: give the brand's colours"):
        for_print(data, profile_bytes(), {}, crop_marks=False)


def one_shading_pdf(shading: pikepdf.Dictionary, drawn: bool = True) -> bytes:
    """A page that paints the shading, or (not `drawn`) holds it only in a Type 3 font's resources."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(100, 100))
    shadings = pikepdf.Dictionary(s0=pdf.make_indirect(shading))
    if drawn:
        page.obj.Resources = pikepdf.Dictionary(Shading=shadings)
    else:
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3,
                                  Resources=pikepdf.Dictionary(Shading=shadings))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F0=pdf.make_indirect(font)))
    page.obj.Contents = pdf.make_stream(b"/s0 sh" if drawn else b"")
    with pdf.open_metadata() as metadata:  # the converter rewrites WeasyPrint's XMP document ID
        metadata["dc:title"] = "one shading"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_gradient_the_converter_cannot_read_is_refused_with_advice() -> None:
    sampled = pikepdf.Dictionary(FunctionType=4, Domain=[0, 1], Range=[0, 1, 0, 1, 0, 1])
    data = one_shading_pdf(pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB,
                                              Coords=[0, 0, 100, 0], Function=sampled))
    with pytest.raises(RenderError, match=r"type 4 function .*: give the brand's colours"):
        for_print(data, profile_bytes(), {}, crop_marks=False)


def test_a_mislabelled_shading_is_converted_by_what_its_functions_return() -> None:
    function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0.6, 0.6, 0.6], C1=[1, 1, 1], N=1)
    data = one_shading_pdf(pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceCMYK,
                                              Coords=[0, 0, 100, 0], Function=function, Background=[0, 0, 0]))
    found = report(for_print(data, profile_bytes(), {}, crop_marks=False))
    assert found.shadings == 1 and found.problems == []


def test_a_shading_the_pages_do_not_draw_is_converted_too() -> None:
    function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0.1, 0.5, 0.3], C1=[1, 1, 1], N=1)
    data = one_shading_pdf(pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB,
                                              Coords=[0, 0, 100, 0], Function=function), drawn=False)
    found = report(for_print(data, profile_bytes(), {}, crop_marks=False))
    assert found.shadings == 1 and found.problems == []
