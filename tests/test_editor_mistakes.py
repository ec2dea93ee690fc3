"""Ordinary editing mistakes are reported at the line of the mistake, quoting what was typed, with
the fix; none silently changes what a patient reads."""

from __future__ import annotations

import logging
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, edit, problems, run_build

from leaflets.model.project import load_project

BRAND = "brands/testclinic/_brand.yml"

TYPED_AS_SOMETHING_ELSE = [
    pytest.param(BRAND, '    phone: "01632 960 111"', "    phone: 0161234567",
                 f"{BRAND}:6:12: meta.contact.phone: '0161234567' is read as the number 29702519, not as text "
                 '(put it in quotes: "0161234567")', id="phone-with-leading-zero-read-as-octal"),
    pytest.param(BRAND, '    phone: "01632 960 111"', "    phone: +441632960111",
                 f"{BRAND}:6:12: meta.contact.phone: '+441632960111' is read as the number 441632960111, not as "
                 'text (put it in quotes: "+441632960111")', id="phone-with-leading-plus"),
    pytest.param(BRAND, 'phone: "01632 960 222"', "phone: 1632960222",
                 f"{BRAND}:14:36: meta.services.unit.phone: '1632960222' is read as the number 1632960222, not "
                 'as text (put it in quotes: "1632960222")', id="service-phone-as-number"),
    pytest.param("alpha.yaml", 'version: "1.0"', "version: 1.10",
                 "alpha.yaml:5:12: document.version: '1.10' is read as the number 1.1, not as text "
                 '(put it in quotes: "1.10")', id="version-1.10-read-as-1.1"),
    pytest.param("alpha.yaml", "  author: Test author", "  author: 2026-01-15",
                 "alpha.yaml:8:11: document.author: '2026-01-15' is a date in YAML, not text "
                 '(put it in quotes: "2026-01-15")', id="date-where-text-is-expected"),
    pytest.param("alpha.yaml", "  main_risks: None known.", "  main_risks: True",
                 "alpha.yaml:18:15: at_a_glance.main_risks: 'True' is a true/false value in YAML, not text "
                 '(put it in quotes: "True")', id="boolean-where-text-is-expected"),
    pytest.param("alpha.yaml", "  main_risks: None known.", "  main_risks: ~",
                 "alpha.yaml:18:15: at_a_glance.main_risks: '~' is read as empty, not as text "
                 '(put it in quotes: "~")', id="null-where-text-is-expected"),
    pytest.param(BRAND, "  primary: navy", "  primary: #204060",
                 f"{BRAND}:24:11: color.primary: '#204060' is a YAML comment, so this field is empty "
                 '(put it in quotes: "#204060")', id="colour-without-quotes-is-a-comment"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), TYPED_AS_SOMETHING_ELSE)
def test_a_value_yaml_reads_as_something_else_is_refused_quoting_what_was_typed(
        content: Path, file: str, old: str, new: str, expected: str) -> None:
    edit(content / file, old, new)
    assert problems(content) == [f"{content}/{expected}"]


ONE_LINE = [
    pytest.param('    full: "Test Clinic\\nMS Service"',
                 "meta.name.full: 'Test Clinic\\nMS Service' has a line break in it; this field must be one line "
                 "(write it on one line after the colon, without | or >)", id="quoted-line-break"),
    pytest.param("    full: |\n      Test Clinic\n      MS Service",
                 "meta.name.full: 'Test Clinic\\nMS Service' has a line break in it; this field must be one line "
                 "(write it on one line after the colon, without | or >)", id="block-with-two-lines"),
    pytest.param('    full: "Test\\tClinic"',
                 "meta.name.full: 'Test\\tClinic' has a tab in it; this field must be one line "
                 "(write it on one line after the colon, without | or >)", id="tab"),
    pytest.param('    full: "Test\\aClinic"',
                 "meta.name.full: 'Test\\x07Clinic' contains the control character U+0007, which cannot be printed "
                 "(delete it and type the text again)", id="control-character"),
]


@pytest.mark.parametrize(("new", "expected"), ONE_LINE)
def test_a_name_must_be_one_line_of_printable_text(content: Path, new: str, expected: str) -> None:
    edit(content / BRAND, "    full: Test Clinic MS Service", new)
    assert problems(content) == [f"{content}/{BRAND}:4:11: {expected}"]


def test_a_line_break_in_the_clinic_name_stops_the_email_command_with_a_message(content: Path,
                                                                               tmp_path: Path) -> None:
    edit(content / BRAND, "    full: Test Clinic MS Service", '    full: "Test Clinic\\nMS Service"')
    result = run_build("email", "alpha", "--content", content, "--eml-dir", tmp_path / "eml")
    assert result.code == 1
    assert result.err.splitlines()[0].startswith(f"{content}/{BRAND}:4:11: meta.name.full: 'Test Clinic\\nMS")
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert not (tmp_path / "eml").exists()


WARD = "what_it_is: It is given on Ward #5 by drip"
WARD_MESSAGE = ("alpha.yaml:20:33: what_it_is: the words after ' #' are a YAML comment and are left out: "
                "'#5 by drip'; this prints as 'It is given on Ward' "
                '(put the whole text in quotes: "It is given on Ward #5 by drip")')


def test_words_after_space_hash_fail_check_naming_the_lost_words(content: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", WARD)
    result = run_build("--content", content, "check")
    assert result.code == 1
    assert result.err.splitlines()[-2:] == [f"{content}/{WARD_MESSAGE}", "1 problem found; nothing was written."]


def test_words_after_space_hash_are_a_warning_when_building(content: Path, tmp_path: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", WARD)
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--standard-print")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == f"warning: {content}/{WARD_MESSAGE}"


def test_a_comment_set_apart_after_a_value_is_only_a_warning(content: Path) -> None:
    edit(content / BRAND, "    hours: Monday to Friday, 9am to 5pm", "    hours: Monday to Friday  # weekdays only")
    result = run_build("--content", content, "check")
    assert result.code == 0, result.err
    assert (f"warning: {content}/{BRAND}:11:30: meta.contact.hours: '# weekdays only' is a comment: it is not "
            'printed (if it should be printed, put the whole text in quotes: "Monday to Friday # weekdays only")'
            ) in result.err.splitlines()


def test_a_comment_on_its_own_line_is_not_flagged(content: Path) -> None:
    edit(content / "alpha.yaml", "intro: This is a test leaflet.", "# Ward #5 is in the new wing\nintro: Hello.")
    project = load_project(ROOT, content)
    assert (project.lost_text, project.warnings) == ([], [])


def test_a_windows_1252_file_is_reported_at_the_bad_byte_naming_the_character(content: Path) -> None:
    text = (content / "alpha.yaml").read_text(encoding="utf-8")
    text = text.replace("what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy isn\u2019t a test.")
    (content / "alpha.yaml").write_bytes(text.encode("cp1252"))
    assert problems(content) == [
        f"{content}/alpha.yaml:20:30: (file): byte 0x92 is not UTF-8 text; it is probably '\u2019' (U+2019) saved "
        "as Windows-1252 (save the file as UTF-8: in Notepad, File > Save as > Encoding: UTF-8)"]


SYNTAX = [
    pytest.param('version: "1.0"', 'version: "1.0',
                 "alpha.yaml:5:12: (file): the quote \" that starts this text is not closed "
                 '(end the text with " on the same line)', id="unclosed-double-quote"),
    pytest.param("  title: Alpha therapy", "  title: 'Alpha therapy",
                 "alpha.yaml:4:10: (file): the quote ' that starts this text is not closed "
                 "(end the text with ' on the same line)", id="unclosed-single-quote"),
    pytest.param("  keywords: [test]", "  keywords: [test",
                 "alpha.yaml:10:13: (file): the bracket [ opened here is not closed (close it with ] on the same line)",
                 id="unclosed-bracket"),
    pytest.param("  author: Test author", "    author: Test author",
                 "alpha.yaml:8:5: (file): this line is indented more than the line above "
                 "(line 'author:' up with the field above it, or remove the spaces)", id="indented-too-far"),
    pytest.param("  author: Test author", " author: Test author",
                 "alpha.yaml:8:2: (file): the indentation of this line does not line up with the lines above "
                 "(indent it by the same number of spaces as the other fields in its group)", id="indented-too-little"),
    pytest.param("  author: Test author", "\tauthor: Test author",
                 "alpha.yaml:8:1: (file): a tab is used to indent this line (YAML needs spaces: replace the tab with "
                 "spaces)", id="tab-for-indentation"),
    pytest.param("intro: This is a test leaflet.", "intro: Note: this is a test leaflet.",
                 "alpha.yaml:19:12: (file): a colon followed by a space in text that is not in quotes "
                 '(put the whole text in quotes: "Note: this is a test leaflet.")', id="colon-in-text"),
]


@pytest.mark.parametrize(("old", "new", "expected"), SYNTAX)
def test_a_yaml_syntax_mistake_is_reported_at_its_line_in_plain_words(content: Path, old: str, new: str,
                                                                     expected: str) -> None:
    edit(content / "alpha.yaml", old, new)
    assert problems(content) == [f"{content}/{expected}"]


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims this size (its pixels are not needed to refuse it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" + b"\0\0\0" * width)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


LOGO_HINT = "(save the logo as a plain, self-contained SVG, PNG or JPEG)"


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(_png(2, 2)[:60], "'logo.png' cannot be drawn: it is damaged or cut short "
                 "(broken PNG file (chunk b''))", id="cut-short"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "'logo.png' cannot be drawn: it is damaged or cut short "
                 "(cannot identify image file 'logo.png')", id="damaged"),
    pytest.param(_png(6000, 5000), "'logo.png' has 30,000,000 pixels, too many to draw (make it at most "
                 "25 million pixels, for example 2000 x 1000)", id="huge"),
    pytest.param(_png(20000, 20000), "'logo.png' has 400,000,000 pixels, too many to draw (make it at most "
                 "25 million pixels, for example 2000 x 1000)", id="decompression-bomb"),
])
def test_a_logo_that_cannot_be_drawn_is_caught_by_check_with_the_reason(content: Path, data: bytes,
                                                                       message: str) -> None:
    (content / "brands/testclinic/logo.png").write_bytes(data)
    edit(content / BRAND, "path: logo.svg", "path: logo.png")
    assert problems(content) == [f"{content}/{BRAND}:17:11: logo.medium.path: {message} {LOGO_HINT}"]


def test_a_good_png_logo_passes(content: Path) -> None:
    (content / "brands/testclinic/logo.png").write_bytes(_png(40, 20))
    edit(content / BRAND, "path: logo.svg", "path: logo.png")
    assert load_project(ROOT, content).brands["testclinic"].logo.name == "logo.png"


@pytest.mark.weasyprint_warnings
def test_an_image_weasyprint_cannot_load_fails_with_a_reason(tmp_path: Path,
                                                             weasyprint_warnings: list[logging.LogRecord]) -> None:
    from leaflets.errors import RenderError
    from leaflets.render.pdf import render_pdf
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(RenderError) as caught:
        render_pdf('<html lang="en"><img src="broken.png" alt="">', tmp_path, [], "", (tmp_path,))
    assert str(caught.value) == (f"Failed to load image at '{(tmp_path / 'broken.png').as_uri()}': no reason was "
                                 "given; the file may be damaged")
    assert [(r.levelname, r.getMessage().rstrip()) for r in weasyprint_warnings] == [
        ("ERROR", f"Failed to load image at '{(tmp_path / 'broken.png').as_uri()}':")]


def _second_clinic(content: Path, broken: bool) -> None:
    shutil.copytree(content / "brands/testclinic", content / "brands/other")
    if broken:
        edit(content / "brands/other/_brand.yml", "path: logo.svg", "path: missing.svg")


def test_brand_option_checks_and_builds_only_that_brand(content: Path, tmp_path: Path) -> None:
    _second_clinic(content, broken=True)
    assert run_build("--content", content, "check", "--brand", "testclinic").code == 0
    everything = run_build("--content", content, "check")
    assert everything.code == 1 and "brands/other/_brand.yml:17:11: logo.medium.path" in everything.err
    out = tmp_path / "out"
    result = run_build("--content", content, "--out", out, "--brand", "testclinic", "--leaflet", "alpha",
                       "--standard-print")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.rglob("*.pdf")) == ["alpha-email-a4.pdf"]


def test_leaflet_option_checks_only_that_leaflet_and_what_it_needs(content: Path) -> None:
    (content / "beta.yaml").write_text("type: therapy\ndocument:\n  id: [\n", encoding="utf-8")
    assert run_build("--content", content, "check", "--leaflet", "alpha").code == 0
    assert run_build("--content", content, "check", "--leaflet", "TEST-ALPHA").code == 0
    edit(content / "alpha.yaml", "  title: Alpha therapy", "  title: 12")
    overview = run_build("--content", content, "check", "--leaflet", "overview")
    assert overview.code == 1
    assert f"{content}/alpha.yaml:4:10: document.title: '12' is read as the number 12" in overview.err
    assert "beta.yaml" not in overview.err


def test_an_unknown_leaflet_is_still_a_usage_error(content: Path) -> None:
    result = run_build("--content", content, "check", "--leaflet", "gamma")
    assert result.code == 2
    assert result.err.strip() == "error: unknown leaflet 'gamma' (choose from: alpha, overview)"
