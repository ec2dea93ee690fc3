"""Print-shop output (`--profile print`): PDF/X-4 with a CMYK output intent, every colour in CMYK (a
brand's own values where it gives them), fonts embedded, 3 mm bleed, crop marks outside the bleed,
the same bytes from every build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pytest
from conftest import TODAY, problems, run_build

from leaflets.errors import RenderError
from leaflets.render.printcolour import profile_bytes

MM = 72 / 25.4
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def print_builds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Riverside's IVIG leaflet for a print shop, with crop marks, built twice in two processes."""
    outs = []
    for run in ("first", "second"):
        out = tmp_path_factory.mktemp(run)
        result = run_build("--out", out, "--brand", "riverside", "--leaflet", "ivig", "--profile", "print",
                           "--crop-marks", "--today", "2026-12-01")
        assert result.code == 0, result.err
        outs.append(out / "riverside" / "ivig-print-a4-crop-marks.pdf")
    return outs


def content_streams(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every page, form and tiling pattern whose content draws something."""
    found, seen = [], set()

    def visit(owner: pikepdf.Object, resources: pikepdf.Object | None) -> None:
        found.append(owner)
        for category in ("/XObject", "/Pattern"):
            for item in (resources or {}).get(category, {}).values():
                if item.objgen in seen:
                    continue
                seen.add(item.objgen)
                if item.get("/Subtype") == "/Form" or int(item.get("/PatternType", 0)) == 1:
                    visit(item, item.get("/Resources"))

    for page in pdf.pages:
        visit(page, page.get("/Resources"))
    return found


def test_two_print_builds_give_the_same_bytes(print_builds: list[Path]) -> None:
    first, second = (hashlib.sha256(p.read_bytes()).hexdigest() for p in print_builds)
    assert first == second


def test_the_print_pdf_is_pdf_x_4_with_a_cmyk_output_intent(print_builds: list[Path]) -> None:
    with pikepdf.open(print_builds[0]) as pdf:
        assert pdf.pdf_version >= "1.6"
        assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert pdf.docinfo.Trapped == "/False"
        assert "/ID" in pdf.trailer
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        header = profile.read_bytes()[:20]
        assert header[12:16] == b"prtr" and header[16:20] == b"CMYK"


def test_every_colour_in_the_print_pdf_is_cmyk(print_builds: list[Path]) -> None:
    with pikepdf.open(print_builds[0]) as pdf:
        operators = {str(i.operator) for owner in content_streams(pdf) for i in pikepdf.parse_content_stream(owner)}
        assert {"k", "K"} <= operators
        assert not operators & {"rg", "RG"}
        names = [repr(obj) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)]
        assert not [n for n in names if "/DeviceRGB" in n]


def test_fonts_are_embedded_in_the_print_pdf(print_builds: list[Path]) -> None:
    with pikepdf.open(print_builds[0]) as pdf:
        fonts = [obj for obj in pdf.objects
                 if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"]
        assert fonts
        assert all({"/FontFile", "/FontFile2", "/FontFile3"} & set(font.keys()) for font in fonts)


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    return {name: [float(v) for v in page.obj[name]] for name in ("/MediaBox", "/BleedBox", "/TrimBox")}


def test_trim_and_bleed_boxes_are_3_mm_apart_inside_a_larger_media_box(print_builds: list[Path]) -> None:
    with pikepdf.open(print_builds[0]) as pdf:
        for page in pdf.pages:
            box = boxes(page)
            trim, bleed, media = box["/TrimBox"], box["/BleedBox"], box["/MediaBox"]
            assert [b - t for b, t in zip(bleed, trim, strict=True)] == pytest.approx(
                [-3 * MM, -3 * MM, 3 * MM, 3 * MM], abs=0.01)
            assert media[0] < bleed[0] and media[1] < bleed[1] and media[2] > bleed[2] and media[3] > bleed[3]


def crop_mark_lines(page: pikepdf.Page) -> list[tuple[float, float, float, float]]:
    """The lines drawn in registration colour (all four inks): the crop marks."""
    lines, registration, start = [], False, (0.0, 0.0)
    for instruction in pikepdf.parse_content_stream(page):
        operator = str(instruction.operator)
        if operator not in ("K", "m", "l"):
            continue
        operands = [float(v) for v in instruction.operands]
        if operator == "K":
            registration = operands == [1, 1, 1, 1]
        elif operator == "m":
            start = (operands[0], operands[1])
        elif operator == "l" and registration:
            lines.append((*start, operands[0], operands[1]))
    return lines


def test_crop_marks_are_5_mm_long_and_outside_the_bleed(print_builds: list[Path]) -> None:
    with pikepdf.open(print_builds[0]) as pdf:
        for page in pdf.pages:
            box = boxes(page)
            left, bottom, right, top = box["/BleedBox"]
            lines = crop_mark_lines(page)
            assert len(lines) == 8
            for x0, y0, x1, y1 in lines:
                assert abs(x1 - x0) + abs(y1 - y0) == pytest.approx(5 * MM, abs=0.01)
                for x, y in ((x0, y0), (x1, y1)):
                    assert x < left or x > right or y < bottom or y > top
                    media = box["/MediaBox"]
                    assert media[0] - 0.01 <= x <= media[2] + 0.01 and media[1] - 0.01 <= y <= media[3] + 0.01


def test_crop_marks_are_drawn_only_when_asked(print_builds: list[Path], tmp_path: Path) -> None:
    result = run_build("--out", tmp_path, "--brand", "riverside", "--leaflet", "ivig", "--profile", "print",
                       "--today", "2026-12-01")
    assert result.code == 0, result.err
    with pikepdf.open(tmp_path / "riverside" / "ivig-print-a4.pdf") as plain, pikepdf.open(print_builds[0]) as marked:
        box = boxes(plain.pages[0])
        assert box["/MediaBox"] == box["/BleedBox"]
        assert crop_mark_lines(plain.pages[0]) == []
        assert len(crop_mark_lines(marked.pages[0])) == 8


def test_a_brands_own_cmyk_values_are_used_as_given(content: Path, tmp_path: Path) -> None:
    brand = content / "brands" / "testclinic" / "_brand.yml"
    brand.write_text(brand.read_text() + "defaults:\n  leaflets:\n    cmyk:\n      navy: [90, 60, 20, 35]\n")
    result = run_build("--content", content, "--out", tmp_path, "--profile", "print", "--leaflet", "alpha",
                       "--today", TODAY.isoformat())
    assert result.code == 0, result.err
    with pikepdf.open(tmp_path / "testclinic" / "alpha-print-a4.pdf") as pdf:
        fills = {tuple(round(float(v), 4) for v in i.operands) for owner in content_streams(pdf)
                 for i in pikepdf.parse_content_stream(owner) if str(i.operator) in ("k", "K")}
    assert (0.9, 0.6, 0.2, 0.35) in fills
    assert (0.0, 0.0, 0.0, 1.0) in fills  # the near-black text (#111111) in solid black ink alone


def test_cmyk_for_a_colour_the_brand_does_not_have_is_an_error(content: Path) -> None:
    brand = content / "brands" / "testclinic" / "_brand.yml"
    brand.write_text(brand.read_text() + "defaults:\n  leaflets:\n    cmyk:\n      teal: [90, 0, 30, 40]\n")
    (found,) = problems(content)
    assert "defaults.leaflets.cmyk.teal: 'teal' is not a colour of this brand" in found


def test_a_missing_print_profile_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"run setup\.sh"):
        profile_bytes(tmp_path / "missing.icc")


def test_a_picture_logo_is_converted_to_cmyk(content: Path, tmp_path: Path) -> None:
    from PIL import Image
    folder = content / "brands" / "testclinic"
    Image.new("RGB", (40, 40), (32, 64, 96)).save(folder / "logo.png")
    brand = folder / "_brand.yml"
    brand.write_text(brand.read_text().replace("path: logo.svg", "path: logo.png"))
    result = run_build("--content", content, "--out", tmp_path, "--profile", "print", "--leaflet", "alpha",
                       "--today", TODAY.isoformat())
    assert result.code == 0, result.err
    with pikepdf.open(tmp_path / "testclinic" / "alpha-print-a4.pdf") as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images and all(image.ColorSpace == "/DeviceCMYK" for image in images)
        picture = pikepdf.PdfImage(images[0]).as_pil_image()
    assert picture.mode == "CMYK" and picture.size == (40, 40)
