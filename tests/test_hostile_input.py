"""Content is untrusted: markup in any text field stays text, links and images cannot reach files
or the network, and odd files are refused with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, edit, run_build

from leaflets.errors import ContentError
from leaflets.model.project import load_project
from leaflets.render.html import render_html
from leaflets.sources.yamlsource import MAX_BYTES

ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"

FIELDS = [  # (file, text to replace, the same field holding the attack, kind of field)
    ("alpha.yaml", "title: Alpha therapy", 'title: "{a}"', "plain text (title)"),
    ("alpha.yaml", "  what: A test treatment.", '  what: "{a}"', "inline Markdown (at a glance)"),
    ("alpha.yaml", "what_it_is: Alpha therapy is a test.", 'what_it_is: "{a}"', "block Markdown"),
    ("alpha.yaml", "  - Is this a test?", '  - "{a}"', "list item (question)"),
    ("alpha.yaml", "signs: [a high temperature]", 'signs: ["{a}"]', "urgent sign"),
    ("alpha.yaml", "call: [unit], signs", 'call: [unit], advice: "{a}", signs', "urgent advice"),
    ("alpha.yaml", "    title: A test source", '    title: "{a}"', "reference title"),
    ("alpha.yaml", "    journal: J Tests", '    journal: "{a}"', "reference journal"),
    ("brands/testclinic/_brand.yml", "name: Test unit", 'name: "{a}"', "service name"),
    ("overview.yaml", "  - heading: Why compare?", '  - heading: "{a}"', "section heading"),
    ("glossary.yaml", "    definition: A made-up treatment used only in tests.", '    definition: "{a}"',
     "glossary definition"),
    ("brands/testclinic/_brand.yml", "      - 1 Test Street", '      - "{a}"', "clinic address"),
    ("brands/testclinic/_brand.yml", "    hours: Monday to Friday, 9am to 5pm", '    hours: "{a}"', "clinic hours"),
]


@pytest.mark.parametrize(("file", "old", "new", "kind"), FIELDS, ids=[f[3] for f in FIELDS])
def test_html_in_every_kind_of_text_field_is_shown_as_text(content: Path, file: str, old: str, new: str,
                                                           kind: str) -> None:
    edit(content / file, old, new.format(a=ATTACK))
    if file == "glossary.yaml":  # make the term appear, so its definition is printed
        edit(content / "alpha.yaml", "intro: This is a test leaflet.", "intro: This is about alpha therapy.")
    project = load_project(ROOT, content)
    leaflet = "overview" if file == "overview.yaml" else "alpha"
    html = render_html(project, project.leaflets[leaflet], project.brands["testclinic"], TODAY)
    assert "<script" not in html and "<img src=x" not in html
    assert ESCAPED in html


@pytest.mark.parametrize("target", ["file:///etc/passwd", "/etc/passwd", "../../../../etc/passwd",
                                    "data:text/html,<script>alert(1)</script>", "javascript:alert(1)"])
def test_a_link_to_anything_but_the_web_email_or_phone_is_refused(content: Path, target: str) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", f"what_it_is: \"See [this]({target}).\"")
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert f"what_it_is: link '{target[:15]}" in str(caught.value.problems[0])
    assert "is not allowed (use a full https:// address, or a mailto: or tel: link)" in str(caught.value.problems[0])


@pytest.mark.parametrize("kind", ["image", "link"])
def test_network_addresses_in_content_are_never_fetched(content: Path, tmp_path: Path,
                                                        web_server: tuple[str, list[str]], kind: str) -> None:
    base, requests = web_server
    markdown = f"![x]({base}/image.png)" if kind == "image" else f"[the site]({base}/page)"
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", f"what_it_is: \"See {markdown}.\"")
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--standard-print")
    if kind == "image":
        assert result.code == 1 and "images are not allowed in text" in result.err
    else:
        assert result.code == 0, result.err  # a web link is allowed: it is printed, never followed
    assert requests == []


def test_a_file_over_the_size_limit_is_refused_quickly(content: Path) -> None:
    (content / "alpha.yaml").write_text("intro: " + "x" * (MAX_BYTES + 1), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert time.perf_counter() - start < 5
    assert str(caught.value.problems[0]) == (
        f"{content}/alpha.yaml:1:1: (file): file is too large ({MAX_BYTES + 8} bytes) "
        f"(the limit is {MAX_BYTES} bytes)")


@pytest.mark.parametrize(("path", "expected"), [
    ("alpha.yaml", "alpha.yaml:1:1: (file): is not a file"),
    ("brands/testclinic/_brand.yml", "brands/testclinic/_brand.yml:1:1: (file): is not a file"),
    ("brands/testclinic/logo.svg", "brands/testclinic/_brand.yml:17:11: logo.medium.path: 'logo.svg' is not a "
                                   "file (put it in {content}/brands/testclinic/ or fix the name)"),
])
def test_a_directory_where_a_file_should_be_is_reported(content: Path, path: str, expected: str) -> None:
    target = content / path
    target.unlink()
    target.mkdir()
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content)
    assert f"{content}/{expected.format(content=content)}" in [str(p) for p in caught.value.problems]
