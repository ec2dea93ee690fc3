"""Checked means checked (issue 20, part 1): a translation is checked only while the English it was
checked against and its own text are exactly as the check recorded; only `translations
record-check` records a check, and nothing in a PO file can."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from approving import approve
from click.testing import CliRunner, Result
from conftest import ROOT, edit, run_build
from translating import translate

from leaflets.cli import main
from leaflets.model.exchange import header
from leaflets.model.project import load_project
from leaflets.model.review import translation_reasons
from leaflets.model.translations import TranslatedField, TranslationFile, dump, glossary_sources, source_hash
from leaflets.sources.yamlsource import dotted

NOT_CHECKED = "the translation has not been checked by a qualified translator"


def cli(*args: str | Path) -> Result:
    """Run a command in this process, as `build.py ARGS` would."""
    return CliRunner().invoke(main, [str(a) for a in args], obj={})


def reasons(content: Path, language: str = "cy") -> list[str]:
    project = load_project(ROOT, content)
    return [r.text() for r in translation_reasons(project, project.translations[(language, "alpha")])]


def checked(content: Path) -> Path:
    """A Welsh translation of alpha, every field current, recorded as checked."""
    path = translate(content, "cy", "alpha")
    result = cli("translations", "record-check", "cy", "alpha", "--by", "A. Translator", "--on", "2026-02-01",
                 "--content", content)
    assert result.exit_code == 0, result.output
    return path


def export(content: Path, tmp_path: Path) -> Path:
    po = tmp_path / "alpha.cy.po"
    result = cli("translations", "export", "cy", "alpha", "--content", content, "--out", po)
    assert result.exit_code == 0, result.output
    return po


def test_recording_a_check_makes_an_up_to_date_translation_checked(content: Path) -> None:
    path = checked(content)
    assert reasons(content) == []
    record = yaml.safe_load(path.read_text(encoding="utf-8"))["check"]
    assert (record["by"], record["on"]) == ("A. Translator", "2026-02-01")


def test_a_translation_without_a_recorded_check_is_unchecked(content: Path) -> None:
    translate(content, "cy", "alpha")
    assert reasons(content) == [NOT_CHECKED]


def test_editing_a_checked_translation_by_hand_unchecks_it(content: Path) -> None:
    path = checked(content)
    edit(path, "Alpha therapy is a test. (cyf.)", "Alpha therapy is a changed test. (cyf.)")
    assert reasons(content) == [NOT_CHECKED]


def test_changing_the_english_unchecks_a_checked_translation(content: Path) -> None:
    checked(content)
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    assert NOT_CHECKED in reasons(content)


def test_clearing_a_fuzzy_flag_without_editing_then_importing_leaves_it_unchecked_and_release_refuses_it(
        content: Path, tmp_path: Path) -> None:
    approve(content)
    checked(content)
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    po = export(content, tmp_path)
    edit(po, "#, fuzzy\n", "")  # one click in a PO editor: "translation is up to date"
    result = cli("translations", "import", po, "cy", "alpha", "--content", content)
    assert result.exit_code == 0, result.output
    assert reasons(content) == [NOT_CHECKED]
    result = run_build("--content", content, "--out", tmp_path / "out", "--release", "--language", "cy",
                       "--leaflet", "alpha", "--today", "2026-06-01")
    assert result.code == 1
    assert NOT_CHECKED in result.err


def test_a_po_header_claiming_checked_changes_nothing(content: Path, tmp_path: Path) -> None:
    path = translate(content, "cy", "alpha")
    before = path.read_text(encoding="utf-8")
    po = export(content, tmp_path)
    edit(po, '"X-Leaflet: alpha\\n"\n', '"X-Leaflet: alpha\\n"\n"X-Translation-Status: checked\\n"\n'
         '"X-Checked-By: A. Translator\\n"\n"X-Checked-On: 2026-02-01\\n"\n')
    result = cli("translations", "import", po, "cy", "alpha", "--content", content)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before
    assert reasons(content) == [NOT_CHECKED]


def test_importing_the_same_text_keeps_a_checked_translation_checked(content: Path, tmp_path: Path) -> None:
    path = checked(content)
    before = path.read_text(encoding="utf-8")
    result = cli("translations", "import", export(content, tmp_path), "cy", "alpha", "--content", content)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before
    assert reasons(content) == []


def test_importing_a_changed_text_unchecks_a_checked_translation(content: Path, tmp_path: Path) -> None:
    checked(content)
    po = export(content, tmp_path)
    edit(po, 'msgstr "Alpha therapy is a test. (cyf.)"', 'msgstr "Alpha therapy is a better test. (cyf.)"')
    result = cli("translations", "import", po, "cy", "alpha", "--content", content)
    assert result.exit_code == 0, result.output
    assert "unchecked" in result.output
    assert reasons(content) == [NOT_CHECKED]


def test_a_check_cannot_be_recorded_while_a_field_is_out_of_date(content: Path) -> None:
    path = translate(content, "cy", "alpha")
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy is a new test.")
    before = path.read_text(encoding="utf-8")
    result = cli("translations", "record-check", "cy", "alpha", "--by", "A. Translator", "--content", content)
    assert result.exit_code == 1
    assert "alpha.yaml" in result.output and "fields.what_it_is.source: was translated from older English" \
        in result.output
    assert path.read_text(encoding="utf-8") == before


def test_a_file_s_own_old_style_status_cannot_mark_it_checked(content: Path) -> None:
    path = translate(content, "cy", "alpha")
    edit(path, "check: null\n", "status: checked\nchecked_by: A. Translator\nchecked_on: 2026-02-01\n")
    result = run_build("check", "--content", content)
    assert result.code == 1
    assert "record-check" in result.err


@pytest.mark.parametrize("language", ["cy", "pl", "ur"])
def test_the_sample_translations_are_unchecked(language: str) -> None:
    for name in ("glossary", "overview", "plasma-exchange"):
        path = ROOT / "content" / "translations" / language / f"{name}.yaml"
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["check"] is None


def test_a_glossary_translation_is_checked_by_the_same_command(content: Path) -> None:
    project = load_project(ROOT, content)
    assert project.glossary is not None
    sources = glossary_sources(project.glossary.model_dump(mode="json"))
    fields = {dotted(path): TranslatedField(source=source_hash(text), english=text, text=f"{text} (cyf.)")
              for path, text in sources.items()}
    path = content / "translations" / "cy" / "glossary.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(dump(TranslationFile(fields=fields), header("cy", "glossary.yaml")), encoding="utf-8")
    assert not load_project(ROOT, content).glossaries["cy"].checked
    result = cli("translations", "record-check", "cy", "glossary", "--by", "A. Translator", "--content", content)
    assert result.exit_code == 0, result.output
    assert load_project(ROOT, content).glossaries["cy"].checked
