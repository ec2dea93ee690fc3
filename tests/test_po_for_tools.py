"""POs that tools accept (issue 20, part 3): every export and the template pass gettext's own
`msgfmt -c`; a fuzzy entry shows the English it was translated from; notes say what to keep."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, edit
from test_checked_translation import cli, export
from translating import translate

from leaflets.model.exchange import KEEP_NOTE, export_po
from leaflets.model.project import load_project

PROJECT = load_project(ROOT)


def msgfmt_check(po: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False)


def sample_exports() -> list[tuple[str, str]]:
    return sorted([*PROJECT.translations, *((language, "glossary") for language in PROJECT.glossaries)])


@pytest.mark.parametrize(("language", "leaflet"), sample_exports())
def test_msgfmt_check_passes_on_every_exported_sample_po(language: str, leaflet: str, tmp_path: Path) -> None:
    translation = PROJECT.glossaries[language] if leaflet == "glossary" else \
        PROJECT.translations[(language, leaflet)].translation
    po = tmp_path / f"{leaflet}.{language}.po"
    po.write_bytes(export_po(language, leaflet, translation.sources, translation, "1.0"))
    result = msgfmt_check(po)
    assert result.returncode == 0, result.stderr


def test_msgfmt_check_passes_on_the_message_template() -> None:
    result = msgfmt_check(ROOT / "locale" / "messages.pot")
    assert result.returncode == 0, result.stderr


def test_msgfmt_check_passes_on_an_export_with_a_fuzzy_entry(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    result = msgfmt_check(export(content, tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_fuzzy_entry_carries_the_english_it_was_translated_from(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    assert '#, fuzzy\n#| msgid "Alpha therapy is a test."\nmsgctxt "what_it_is"\n' in \
        export(content, tmp_path).read_text(encoding="utf-8")


def test_a_fuzzy_field_imported_still_fuzzy_keeps_its_previous_english(content: Path, tmp_path: Path) -> None:
    path = translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    result = cli("translations", "import", export(content, tmp_path), "cy", "alpha", "--content", content)
    assert result.exit_code == 0, result.output
    assert "    english: Alpha therapy is a test.\n" in path.read_text(encoding="utf-8")
    assert '#| msgid "Alpha therapy is a test."' in export(content, tmp_path).read_text(encoding="utf-8")


def test_every_message_tells_the_translator_to_keep_markdown_keys_and_list_markers(content: Path,
                                                                                  tmp_path: Path) -> None:
    translate(content, "cy", "alpha")
    text = export(content, tmp_path).read_text(encoding="utf-8")
    assert text.count("\nmsgctxt ") == text.count("Keep the Markdown") > 0
    assert "[key]" in KEEP_NOTE and "list marker" in KEEP_NOTE


def test_an_urgent_sign_is_noted_as_continuing_its_heading_s_sentence(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", "alpha")
    text = export(content, tmp_path).read_text(encoding="utf-8")
    entry = text[:text.index('msgctxt "urgent.tiers[1].signs[0]"')].rsplit("\n\n", 1)[1]
    notes = " ".join(line.removeprefix("#. ") for line in entry.splitlines() if line.startswith("#. "))
    assert "This urgent sign continues the sentence of its heading (urgent.tiers[1].heading)" in notes


def test_the_header_records_the_english_version(content: Path, tmp_path: Path) -> None:
    translate(content, "cy", "alpha")
    text = export(content, tmp_path).read_text(encoding="utf-8")
    version = load_project(ROOT, content).leaflets["alpha"].model.document.version
    assert f'"X-English-Version: {version}\\n"' in text
    assert f'"Project-Id-Version: leaflets alpha {version}\\n"' in text
