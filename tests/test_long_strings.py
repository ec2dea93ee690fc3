"""A long unbroken string, such as a pasted web address, wraps inside the page instead of
running off its edge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import edit, run_build
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage

ADDRESS = "https://www.example.org/patient-information/" + "multiple-sclerosis-treatments-" * 6 + "index.html"
WORD = "Plasmapheresisimmunoadsorption" * 3
EDGE = 8  # points: nothing may come nearer than this to the left or right edge of the page


def chars(item: object) -> Iterator[LTChar]:
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from chars(child)


def outside(pdf: Path) -> list[str]:
    """Characters drawn nearer than EDGE to a side of their page, or beyond it."""
    found = []
    for page in extract_pages(pdf):
        assert isinstance(page, LTPage)
        found += [c.get_text() for c in chars(page) if c.x0 < EDGE or c.x1 > page.width - EDGE]
    return found


def text(pdf: Path) -> str:
    return "".join(c.get_text() for page in extract_pages(pdf) for c in chars(page))


@pytest.fixture(scope="module")
def long_strings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from conftest import FIXTURE_CONTENT
    content = tmp_path_factory.mktemp("long") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", f"what_it_is: Read more at {ADDRESS}")
    edit(content / "alpha.yaml", "  what: A test treatment.", f"  what: A {WORD} treatment.")
    edit(content / "alpha.yaml", "signs: [a high temperature]", f"signs: [a {WORD}]")
    edit(content / "overview.yaml", "  - heading: Why compare?", f"  - heading: Why compare {WORD}?")
    out = content.parent / "out"
    result = run_build("--content", content, "--out", out, "--today", "2026-06-01")
    assert result.code == 0, result.err
    return out


@pytest.mark.parametrize("name", ["alpha-email-a4", "alpha-email-a4-large-print", "overview-email-a4",
                                  "overview-email-a4-large-print"])
def test_long_unbroken_strings_stay_inside_the_page(long_strings: Path, name: str) -> None:
    assert outside(long_strings / "testclinic" / f"{name}.pdf") == []


@pytest.mark.parametrize(("name", "expected"), [("alpha-email-a4", ADDRESS), ("alpha-email-a4", WORD),
                                                ("overview-email-a4", WORD)])
def test_a_wrapped_string_keeps_every_character(long_strings: Path, name: str, expected: str) -> None:
    assert expected in "".join(text(long_strings / "testclinic" / f"{name}.pdf").split())
