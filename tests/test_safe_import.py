"""Import that cannot hurt (issue 20, part 2): a PO file is read only if it is well-formed UTF-8,
the whole project is checked with its text in place before anything is written, and a file that
fails leaves the previous translation byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit
from test_checked_translation import cli, export
from translating import translate

from leaflets.model.po_syntax import checked_text

WHAT_IT_IS = 'msgstr "Alpha therapy is a test. (cyf.)"'


@pytest.fixture
def exported(content: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A Welsh translation of alpha, its bytes, and a PO file exported from it."""
    path = translate(content, "cy", "alpha")
    return path, export(content, tmp_path), path.read_bytes()


def imported(content: Path, po: Path) -> tuple[int, str]:
    result = cli("translations", "import", po, "cy", "alpha", "--content", content)
    return result.exit_code, result.output


def test_a_po_whose_text_fails_validation_leaves_the_translation_byte_for_byte(
        content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    edit(po, WHAT_IT_IS, 'msgstr "Alpha therapy is a test [no-such-source]."')
    line = po.read_text(encoding="utf-8").split("\n").index('msgid "Alpha therapy is a test."') + 1
    code, output = imported(content, po)
    assert code == 1
    assert f"{po}:{line}:1: what_it_is: unknown citation key [no-such-source]" in output
    assert "nothing was written" in output
    assert path.read_bytes() == before


def test_a_po_declaring_latin_1_is_refused_and_nothing_is_written(
        content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    edit(po, "charset=utf-8", "charset=ISO-8859-1")
    edit(po, WHAT_IT_IS, 'msgstr "Mae\'n ôl. (cyf.)"')
    code, output = imported(content, po)
    assert code == 1
    assert "declares charset ISO-8859-1, but only UTF-8 is read" in output
    assert path.read_bytes() == before


def test_an_unterminated_quote_is_a_syntax_error_naming_its_line(
        content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    edit(po, WHAT_IT_IS, 'msgstr "Alpha therapy is a test. (cyf.)')
    line = po.read_text(encoding="utf-8").split("\n").index('msgstr "Alpha therapy is a test. (cyf.)') + 1
    code, output = imported(content, po)
    assert code == 1
    assert f"{po}:{line}:1: (line): is not a PO line" in output
    assert path.read_bytes() == before


def test_a_control_character_is_reported_plainly_at_its_line(content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    edit(po, WHAT_IT_IS, 'msgstr "Alpha therapy\x07 is a test. (cyf.)"')
    code, output = imported(content, po)
    assert code == 1
    assert "has the control character U+0007, which cannot be printed (delete it and type the text again)" in output
    assert "Traceback" not in output and "pydantic" not in output
    assert path.read_bytes() == before


def test_an_escaped_control_character_is_reported_at_its_message(
        content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    edit(po, WHAT_IT_IS, 'msgstr "Alpha therapy\\a is a test. (cyf.)"')
    code, output = imported(content, po)
    assert code == 1
    assert "what_it_is: " in output and "U+0007" in output
    assert "Traceback" not in output and "pydantic" not in output
    assert path.read_bytes() == before


def test_a_message_given_twice_is_reported_with_both_lines(content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgctxt "what_it_is"\nmsgid "Alpha therapy is a test."\nmsgstr "Other."\n',
                  encoding="utf-8")
    code, output = imported(content, po)
    assert code == 1
    assert 'msgctxt what_it_is appears twice (first at line' in output
    assert path.read_bytes() == before


def test_a_po_file_that_is_not_utf_8_is_refused(content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    po.write_bytes(po.read_bytes().replace(b"(cyf.)", "(cyf. ô)".encode("latin-1"), 1))
    code, output = imported(content, po)
    assert code == 1
    assert "is not UTF-8 text" in output
    assert path.read_bytes() == before


def test_a_utf_8_byte_order_mark_is_accepted(content: Path, exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    po.write_bytes(b"\xef\xbb\xbf" + po.read_bytes())
    code, output = imported(content, po)
    assert code == 0, output
    assert path.read_bytes() == before


def test_a_well_formed_po_passes_the_syntax_check() -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#~| msgid "w"\n#~ msgctxt "a"\n' \
           '#~ msgid "x"\n' \
           '#~ msgstr "y"\n\n#, fuzzy\n#| msgid "old"\nmsgctxt "a"\nmsgid ""\n"x\\n"\n"y"\nmsgstr "z \\"q\\""\n'
    assert checked_text(text.encode("utf-8"), "x.po") == (text, [])


def test_a_po_saved_with_windows_line_endings_imports_unchanged(content: Path,
                                                                exported: tuple[Path, Path, bytes]) -> None:
    path, po, before = exported
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    code, output = imported(content, po)
    assert code == 0, output
    assert path.read_bytes() == before
