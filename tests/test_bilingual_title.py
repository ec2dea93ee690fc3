"""The Welsh-English PDF is titled in both languages, and its first page says, in Welsh and in
English, on which page the English starts (issue 20, part 8)."""

from __future__ import annotations

import io
import re
import shutil

import pikepdf
import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY
from translating import translate

from leaflets.model.plan import plan
from leaflets.model.project import load_project
from leaflets.render.job import prepare, render_input
from leaflets.render.promises import page_texts

WELSH_TITLE = "Therapi alffa"
STARTS = re.compile(r"Mae'r fersiwn Saesneg yn dechrau ar dudalen (\d+)\s+The English version starts on page (\d+)")


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """alpha's Welsh-English PDF (email, large print, so the Welsh part runs over several pages)."""
    content = tmp_path_factory.mktemp("bilingual") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    translate(content, "cy", title=WELSH_TITLE)
    project = load_project(ROOT, content, ("testclinic",), ("alpha",))
    job = next(job for job in plan(project, languages=("cy",), large_print=True, today=TODAY)
               if job.parts and job.variant.profile == "email")
    return render_input(prepare(project, job), ROOT).data


def test_the_bilingual_pdf_s_title_is_the_welsh_then_the_english(bilingual: bytes) -> None:
    with pikepdf.open(io.BytesIO(bilingual)) as pdf:
        assert str(pdf.docinfo["/Title"]).endswith(f"{WELSH_TITLE} / Alpha therapy")


def test_page_one_shows_both_titles(bilingual: bytes) -> None:
    first = page_texts(bilingual)[0]
    assert WELSH_TITLE in first and "Alpha therapy" in first
    assert first.index(WELSH_TITLE) < first.index("Alpha therapy")


def test_page_one_says_in_welsh_and_english_on_which_page_the_english_starts(bilingual: bytes) -> None:
    pages = page_texts(bilingual)
    found = STARTS.search(pages[0])
    assert found is not None, pages[0]
    welsh, english = int(found.group(1)), int(found.group(2))
    assert welsh == english > 1
    assert "Information for patients" in pages[english - 1]
    assert not any("Information for patients" in page for page in pages[:english - 1])
