"""Finish a print-shop PDF after WeasyPrint (its `pdf/x-4` variant): PDF/X-4 for a CMYK press.

One deterministic pass with pikepdf:
- every colour becomes CMYK: the brand's own CMYK values where it gives them, greys and near-blacks on
  black ink alone, any other colour converted through the output profile (leaflets/render/printcolour.py);
  images and gradients too (leaflets/render/printshading.py). A colour this cannot convert (a CSS lab()
  colour, a mesh gradient, an inline RGB picture) is refused with a RenderError, never passed to the press;
- the output intent is GTS_PDFX with that CMYK profile (FOGRA39, coated offset paper);
- links are dropped (a press has no use for them, and PDF/X allows no annotations on the page);
- with crop marks, the media box grows past the bleed and marks 5 mm long are drawn there, starting
  1 mm outside the bleed, so no mark can show on the trimmed sheet.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zlib
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator
from PIL import Image

from ..errors import RenderError
from .printcolour import CONDITION, CONDITION_TEXT, DESCRIPTION, REGISTRY, Cmyk, convert
from .printshading import ADVICE, Mapper, convert_shading, rgb

MM = 72 / 25.4
MARK_GAP = 1 * MM       # from the bleed edge to where a crop mark starts
MARK_LENGTH = 5 * MM    # a crop mark's length
MARK_WIDTH = 0.25       # points: a hairline
PRINTABLE_SPACES = (Name.DeviceCMYK, Name.DeviceGray, Name.Pattern)


def for_print(data: bytes, profile: bytes, brand_cmyk: dict[tuple[int, int, int], Cmyk],
              crop_marks: bool) -> bytes:
    """The PDF/X-4 print file. `brand_cmyk` gives the brand's own CMYK for some sRGB colours."""
    cache: dict[tuple[int, int, int], Cmyk] = dict(brand_cmyk)

    def to_cmyk(rgb: tuple[int, int, int]) -> Cmyk:
        if rgb not in cache:
            cache[rgb] = convert(rgb, profile)
        return cache[rgb]

    with pikepdf.open(io.BytesIO(data)) as pdf:
        done: set[tuple[int, int]] = set()
        for page in pdf.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
            _convert_group(page.obj)
            _convert_stream(pdf, page.obj, page.obj, to_cmyk, done)
            if crop_marks:
                _add_crop_marks(pdf, page)
        _convert_unreached(pdf, to_cmyk)
        pdf.Root.OutputIntents = Array([_output_intent(pdf, profile)])
        _fix_document_id(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.6")
        return out.getvalue()


def _fix_document_id(pdf: pikepdf.Pdf) -> None:
    """WeasyPrint gives PDF/X a random XMP DocumentID and file ID; derive both from the content instead
    (qpdf's deterministic ID, made when the file is saved)."""
    metadata = pdf.Root.Metadata
    xmp = metadata.read_bytes()
    blank = re.sub(rb"xmp\.did:[0-9a-f-]+", b"xmp.did:", xmp)
    digest = hashlib.sha256(blank + b"".join(p.Contents.read_bytes() if isinstance(p.Contents, pikepdf.Stream)
                                            else b"".join(c.read_bytes() for c in p.Contents) for p in pdf.pages))
    document_id = uuid.UUID(bytes=digest.digest()[:16], version=5)
    metadata.write(re.sub(rb"xmp\.did:[0-9a-f-]+", f"xmp.did:{document_id}".encode(), xmp))
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]


def _convert_stream(pdf: pikepdf.Pdf, holder: pikepdf.Object, stream_owner: pikepdf.Object,
                    to_cmyk: Mapper, done: set) -> None:
    """Rewrite `rg`/`RG` as `k`/`K` in a page's or form's content, then everything its resources use."""
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for given in pikepdf.parse_content_stream(stream_owner):
        operator = str(given.operator)
        if operator in ("rg", "RG") and len(given.operands) == 3:
            cmyk = to_cmyk(rgb(given.operands))
            ink = Operator("k" if operator == "rg" else "K")
            instructions.append(pikepdf.ContentStreamInstruction(list(cmyk), ink))
            continue
        if operator in ("cs", "CS"):
            _check_space(given.operands[0], holder.get("/Resources"))
        elif isinstance(given, pikepdf.ContentStreamInlineImage):
            _check_inline_image(given)
        instructions.append(given)
    content = pikepdf.unparse_content_stream(instructions)
    if isinstance(stream_owner, pikepdf.Stream):
        stream_owner.write(content)
    else:
        holder.Contents = pdf.make_stream(content)
    _convert_resources(pdf, holder.get("/Resources"), to_cmyk, done)


def _convert_resources(pdf: pikepdf.Pdf, resources: pikepdf.Object | None, to_cmyk: Mapper, done: set) -> None:
    if not isinstance(resources, Dictionary):
        return
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.objgen in done:
            continue
        done.add(xobject.objgen)
        if xobject.get("/Subtype") == Name.Form:
            _convert_group(xobject)
            _convert_stream(pdf, xobject, xobject, to_cmyk, done)
        elif xobject.get("/Subtype") == Name.Image and isinstance(xobject, pikepdf.Stream):
            _convert_image(xobject, to_cmyk)
    for pattern in resources.get("/Pattern", Dictionary()).values():
        if pattern.objgen in done:
            continue
        done.add(pattern.objgen)
        if int(pattern.get("/PatternType", 0)) == 1:
            _convert_stream(pdf, pattern, pattern, to_cmyk, done)
        elif "/Shading" in pattern:
            convert_shading(pattern.Shading, to_cmyk)
    for shading in resources.get("/Shading", Dictionary()).values():
        convert_shading(shading, to_cmyk)
    for state in resources.get("/ExtGState", Dictionary()).values():
        mask = state.get("/SMask")
        if isinstance(mask, Dictionary) and "/G" in mask and mask.G.objgen not in done:
            done.add(mask.G.objgen)
            _convert_group(mask.G)
            _convert_stream(pdf, mask.G, mask.G, to_cmyk, done)


def _convert_unreached(pdf: pikepdf.Pdf, to_cmyk: Mapper) -> None:
    """Every shading and picture in the file, whether the pages' resources reached it or not (an unused
    resource, a font's own drawing): a press or preflight reads them all. Converting again changes nothing."""
    for obj in pdf.objects:
        if isinstance(obj, Dictionary | pikepdf.Stream) and "/ShadingType" in obj:
            convert_shading(obj, to_cmyk)
        elif isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Image:
            _convert_image(obj, to_cmyk)


def _convert_group(owner: pikepdf.Object) -> None:
    group = owner.get("/Group")
    if isinstance(group, Dictionary) and group.get("/CS") == Name.DeviceRGB:
        group.CS = Name.DeviceCMYK


def _check_space(space: Any, resources: pikepdf.Object | None) -> None:
    """Refuse a colour space a CMYK press cannot print as it stands (WeasyPrint writes `/lab-d50 cs` for
    a CSS lab() colour and an ICC-based space for @color-profile)."""
    spaces = (resources or Dictionary()).get("/ColorSpace", Dictionary())
    named = spaces.get(space, space) if isinstance(space, Name) else space
    if isinstance(named, Array) and len(named) == 1:
        named = named[0]
    if named not in PRINTABLE_SPACES:
        raise RenderError(f"the print profile cannot convert colours in the colour space {space} to CMYK: "
                          f"{ADVICE}")


def _check_inline_image(image: pikepdf.ContentStreamInlineImage) -> None:
    space = image.iimage.obj.get("/CS", image.iimage.obj.get("/ColorSpace", Name.DeviceGray))
    if space not in (Name.G, Name.CMYK, *PRINTABLE_SPACES) and not image.iimage.obj.get("/IM", False):
        raise RenderError(f"the print profile cannot convert an inline picture in {space} to CMYK: {ADVICE}")


def _convert_image(image: pikepdf.Stream, to_cmyk: Mapper) -> None:
    """A colour picture (a PNG or JPEG logo) in CMYK, through the same conversion as the vector colours;
    a grey or CMYK one, or a mask, stays as it is."""
    if image.get("/ImageMask", False) or image.get("/ColorSpace") in (Name.DeviceGray, Name.DeviceCMYK):
        return
    try:
        picture = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
    except (NotImplementedError, pikepdf.PdfError, ValueError) as exc:
        raise RenderError(f"the print profile cannot convert a picture in {image.get('/ColorSpace')} to "
                          f"CMYK ({exc}): save it as an RGB or greyscale PNG or JPEG") from exc
    data = picture.tobytes()
    pixels = [to_cmyk((data[i], data[i + 1], data[i + 2])) for i in range(0, len(data), 3)]
    cmyk = Image.new("CMYK", picture.size)
    cmyk.putdata([tuple(round(c * 255) for c in value) for value in pixels])
    image.write(zlib.compress(cmyk.tobytes(), 9), filter=Name.FlateDecode)
    image.ColorSpace = Name.DeviceCMYK
    image.BitsPerComponent = 8
    for key in ("/DecodeParms", "/Decode"):
        if key in image:
            del image[key]


def _output_intent(pdf: pikepdf.Pdf, profile: bytes) -> pikepdf.Dictionary:
    icc = pdf.make_stream(profile)
    icc.N = 4
    return pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=CONDITION,
        OutputCondition=CONDITION_TEXT, RegistryName=REGISTRY, Info=DESCRIPTION, DestOutputProfile=icc))


def _add_crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Grow the media box past the bleed box and draw the marks there, in registration colour."""
    trim = [float(v) for v in page.obj.TrimBox]
    bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)]
    page.obj.BleedBox = Array(bleed)
    grow = MARK_GAP + MARK_LENGTH
    page.obj.MediaBox = Array([bleed[0] - grow, bleed[1] - grow, bleed[2] + grow, bleed[3] + grow])
    left, bottom, right, top = trim
    strokes = []
    for x, y, outward_x, outward_y in ((left, bottom, -1, -1), (right, bottom, 1, -1),
                                       (left, top, -1, 1), (right, top, 1, 1)):
        start_x = (bleed[0] if outward_x < 0 else bleed[2]) + outward_x * MARK_GAP
        start_y = (bleed[1] if outward_y < 0 else bleed[3]) + outward_y * MARK_GAP
        strokes.append(f"{start_x:.3f} {y:.3f} m {start_x + outward_x * MARK_LENGTH:.3f} {y:.3f} l S")
        strokes.append(f"{x:.3f} {start_y:.3f} m {x:.3f} {start_y + outward_y * MARK_LENGTH:.3f} l S")
    marks = "Q q 1 1 1 1 K " + f"{MARK_WIDTH} w 0 J [] 0 d " + " ".join(strokes) + " Q\n"
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)  # the marks start from a clean state
    page.contents_add(pdf.make_stream(marks.encode()), prepend=False)
