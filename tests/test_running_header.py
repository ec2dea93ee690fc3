"""The running header on page 2 onwards never prints the clinic's name over the leaflet's title:
the header uses the brand's short name in a box of its own, and `check` warns when that name is
too wide for it (leaflets/model/running_header.py).

One small project, rendered in-process once for the module: the fixture clinic with a 60-character
full name and a short name, and a second clinic whose short name is its 60-character full name
(the worst case). About 6 s for the 6 PDFs.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY, edit
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage, LTTextLine
from translating import translate

from leaflets.commands.problems import problems
from leaflets.model.plan import plan
from leaflets.model.project import Project, load_project
from leaflets.model.running_header import HEADER_PT, NAME_SHARE, TITLE_SHARE
from leaflets.render.job import render_job
from leaflets.sources.font_metrics import text_width_mm

FULL = "The Royal Borough of Testington Multiple Sclerosis Clinic ABC"[:60]
SHORT = "Testington MS Clinic"
TITLE = "Alpha therapy with a long title that goes on for most of the line"
URDU_TITLE = "الفا تھراپی کے بارے میں ایک بہت لمبا عنوان جو پوری سطر پر چلتا ہے"
VARIANTS = {"standard": {"large_print": False}, "large print": {"large_print": True},
            "A5": {"large_print": False, "paper": "a5"}}
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    content = tmp_path_factory.mktemp("header") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    brand = content / "brands" / "testclinic" / "_brand.yml"
    edit(brand, "    full: Test Clinic MS Service", f"    full: {FULL}")
    edit(brand, "    short: Test Clinic", f"    short: {SHORT}")
    shutil.copytree(content / "brands" / "testclinic", content / "brands" / "longname")
    edit(content / "brands" / "longname" / "_brand.yml", f"    short: {SHORT}", f"    short: {FULL}")
    edit(content / "alpha.yaml", "  title: Alpha therapy", f"  title: {TITLE}")
    translate(content, "ur", "alpha", text=lambda english: URDU_TITLE if english == TITLE else english)
    return load_project(ROOT, content)


_rendered: dict[tuple, bytes] = {}  # the module's PDFs, each made once (the project is module-scoped too)


def pdf(project: Project, brand: str, language: str = "en", **variant: Any) -> bytes:
    """Alpha for this brand, language and variant, rendered in-process."""
    key = (brand, language, tuple(sorted(variant.items())))
    if key not in _rendered:
        [job] = plan(project, (brand,), ("alpha",), languages=[language], today=TODAY, **variant)
        _rendered[key] = render_job(project, job, TODAY).data
    return _rendered[key]


def header(data: bytes) -> list[tuple[float, float, str]]:
    """The runs of text in page 2's header line, left to right, as x0, x1 (pt) and text: its
    characters (pdfminer) split wherever 2 mm or more of the line is blank."""
    page: LTPage = next(extract_pages(io.BytesIO(data), page_numbers=[1]))
    chars: list[LTChar] = []
    top = 18 if page.width < 500 else 22  # the top margin: A5's, or A4's (standard and large print)

    def walk(item: object) -> None:
        if isinstance(item, LTTextLine):
            if item.y0 > page.height - top * PT_PER_MM and "DRAFT" not in item.get_text():  # the band is above
                chars.extend(char for char in item if isinstance(char, LTChar))
        elif isinstance(item, Iterable):
            for child in item:
                walk(child)

    walk(page)
    runs: list[tuple[float, float, str]] = []
    for char in sorted(chars, key=lambda char: char.x0):
        if runs and char.x0 - runs[-1][1] < 2 * PT_PER_MM:
            x0, x1, text = runs[-1]
            runs[-1] = (x0, max(x1, char.x1), text + char.get_text())
        else:
            runs.append((char.x0, char.x1, char.get_text()))
    return runs


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_60_character_clinic_name_never_overprints_the_title(project: Project, variant: str) -> None:
    runs = header(pdf(project, "longname", **VARIANTS[variant]))
    if variant == "standard":  # the title, a blank of 2 mm or more, then the name: no run holds both
        assert [text[:17] for _, _, text in runs] == ["Alpha therapy wit", "The Royal Borough"], runs
    else:  # the title alone, across the line
        assert [text[:17] for _, _, text in runs] == ["Alpha therapy wit"], runs


def test_the_header_has_the_short_name_and_page_1_the_full_name(project: Project) -> None:
    data = pdf(project, "testclinic", large_print=False)
    assert [text for _, _, text in header(data)][1] == SHORT
    page_1 = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=data, capture_output=True, check=True).stdout
    assert FULL in " ".join(page_1.decode().split())


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_right_to_left_header_leaves_the_gap_between_title_and_name_blank(project: Project, variant: str,
                                                                        tmp_path: Path) -> None:
    """Read from the page as printed (Poppler's rendering): a right-to-left title too long for its box
    is clipped, so the text layer runs past the box; the ink must not."""
    data = pdf(project, "longname", "ur", **VARIANTS[variant])
    (tmp_path / "ur.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "72", "-singlefile", str(tmp_path / "ur.pdf"),
                    str(tmp_path / "p")], check=True)
    ink = _ink_columns(tmp_path / "p.ppm", bottom_pt=round((18 if variant == "A5" else 22) * PT_PER_MM))
    if variant == "standard":
        text_left, text_width = 20 * PT_PER_MM, 170 * PT_PER_MM
        gap = range(round(text_left + text_width * NAME_SHARE / 100) + 1,
                    round(text_left + text_width * (100 - TITLE_SHARE) / 100))
        assert ink & set(gap) == set()
        assert any(x < gap.start for x in ink) and any(x >= gap.stop for x in ink)
    else:  # the title alone: the name is not in the header at all
        assert ink and not any("Royal" in text for _, _, text in header(data))


def _ink_columns(ppm: Path, bottom_pt: int) -> set[int]:
    """The x of each column of the top margin (72 dpi: 1 px = 1 pt) with a pixel of the header's
    dark blue text: not the draft band's red, nor its white letters."""
    _, dims, _, pixels = ppm.read_bytes().split(b"\n", 3)
    width = int(dims.split()[0])
    return {x for y in range(bottom_pt) for x in range(width) if pixels[3 * (y * width + x)] < 128}


def test_check_warns_when_the_short_name_cannot_fit_beside_the_title(project: Project) -> None:
    found = problems(project, plan(project, leaflets=("alpha",)), TODAY, "check")
    assert not found.refused
    [warning] = [w for w in found.warnings if w.field == "meta.name.short"]
    assert warning.file.endswith("brands/longname/_brand.yml")
    assert warning.message.startswith(f"'{FULL}' is about ")
    assert "estimated from the font's character widths" in warning.message
    assert warning.hint.startswith("give a short name of about ")


def test_check_says_nothing_when_only_large_print_is_built(project: Project) -> None:
    found = problems(project, plan(project, leaflets=("alpha",), large_print=True), TODAY, "check")
    assert [w for w in found.warnings if w.field == "meta.name.short"] == []


def test_the_estimate_is_within_3_per_cent_of_the_printed_width(project: Project) -> None:
    face = project.brands["testclinic"].fonts[0].path
    [_, (x0, x1, text)] = header(pdf(project, "testclinic", large_print=False))
    assert text == SHORT
    assert text_width_mm(face, SHORT, HEADER_PT) * PT_PER_MM == pytest.approx(x1 - x0, rel=0.03)
