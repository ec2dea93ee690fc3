"""The release gate covers the words a translated PDF takes from outside its own file: the template
words of the language's message catalog, and the glossary's words to know (issue 20, part 5)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from conftest import ROOT, run_build
from translating import translate, translate_glossary

from leaflets.cli import main
from leaflets.model.project import load_project
from leaflets.model.review import PDF_LAYOUT, TEMPLATES, draft_reasons, language_reasons, release_problems
from leaflets.sources.i18n import translations

TODAY = dt.date(2026, 6, 1)
CATALOG = "locale/cy/LC_MESSAGES/messages.po"


def project_with_catalog(tmp_path: Path, content: Path, change: dict[str, str]):
    """A project at tmp_path (templates and catalogs copied from this one, its fonts linked) whose
    Welsh catalog has each of `change`'s texts replaced."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "locale", root / "locale")
    catalog = root / CATALOG
    text = catalog.read_text(encoding="utf-8")
    for old, new in change.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    catalog.write_text(text, encoding="utf-8")
    return load_project(root, content)


def test_a_catalog_with_untranslated_headings_keeps_it_a_draft(content: Path, tmp_path: Path) -> None:
    translate(content, "cy")
    translate_glossary(content, "cy")
    project = project_with_catalog(tmp_path, content, {
        'msgid "Words to know"\nmsgstr "Geiriau i\'w gwybod"': 'msgid "Words to know"\nmsgstr ""',
        'msgid "Sources"\nmsgstr "Ffynonellau"': 'msgid "Sources"\nmsgstr ""',
        'msgid "Main risks"\n': '#, fuzzy\nmsgid "Main risks"\n'})
    [reason] = language_reasons(project, project.translations[("cy", "alpha")])
    assert reason.text().startswith("the message catalog leaves 3 of the leaflet's words in English: ")
    for heading in ('"Words to know"', '"Sources"', '"Main risks"'):
        assert heading in reason.text()
    problem = reason.problem()
    assert (problem.file, problem.field) == (CATALOG, "msgstr")
    lines = (project.root / CATALOG).read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1] == 'msgid "Main risks"'  # the first of them in the catalog
    assert problem.message.startswith("the Welsh message catalog leaves 3 words of TEST-ALPHA in English: ")


def test_a_missing_msgid_is_untranslated_too(content: Path, tmp_path: Path) -> None:
    translate(content, "cy")
    translate_glossary(content, "cy")
    project = project_with_catalog(tmp_path, content, {'msgid "Sources"\nmsgstr "Ffynonellau"\n': ""})
    [reason] = language_reasons(project, project.translations[("cy", "alpha")])
    assert reason.text() == "the message catalog leaves 1 of the leaflet's words in English: \"Sources\""
    assert reason.problem().line == 1


def test_the_draft_band_gives_the_catalog_reason_in_the_leaflet_s_language(content: Path, tmp_path: Path) -> None:
    translate(content, "cy")
    translate_glossary(content, "cy")
    project = project_with_catalog(tmp_path, content, {'msgid "Sources"\nmsgstr "Ffynonellau"':
                                                       'msgid "Sources"\nmsgstr ""'})
    band = draft_reasons(project, project.translations[("cy", "alpha")], TODAY,
                         translations(project.root, "cy").gettext, brand=project.brands["testclinic"])
    assert "mae'r catalog negeseuon yn gadael 1 o eiriau'r daflen yn Saesneg: \"Sources\"" in band


def test_release_refuses_words_to_know_with_no_translation_of_the_glossary(content: Path, tmp_path: Path) -> None:
    translate(content, "cy")
    result = run_build("--content", content, "--out", tmp_path / "out", "--release", "--language", "cy",
                       "--today", TODAY.isoformat())
    assert result.code == 1
    assert ("translations/cy/glossary.yaml:1:1: (file): TEST-ALPHA shows 1 words to know (alpha therapy) with no "
            "Welsh translation") in result.err, result.err
    assert not (tmp_path / "out").exists()


def test_a_translated_glossary_and_a_complete_catalog_add_no_reason(content: Path) -> None:
    translate(content, "cy")
    translate_glossary(content, "cy")
    project = load_project(ROOT, content)
    assert language_reasons(project, project.translations[("cy", "alpha")]) == []
    refused = release_problems(project, [project.translations[("cy", "alpha")]], TODAY,
                               brand=project.brands["testclinic"])
    assert all("message catalog" not in str(problem) for problem in refused)


def test_the_gate_reads_the_templates_the_pdf_is_made_with() -> None:
    from leaflets.render import html
    assert (TEMPLATES, PDF_LAYOUT) == (html.TEMPLATES, html.PDF_LAYOUT)


@pytest.mark.sample
def test_the_sample_catalogs_and_glossaries_leave_no_sample_word_in_english() -> None:
    project = load_project(ROOT)
    for leaflet in project.translations.values():
        assert language_reasons(project, leaflet) == [], leaflet.source


def test_a_new_language_s_catalog_made_from_the_template_keeps_its_leaflets_drafts(content: Path,
                                                                                   tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "locale", root / "locale")
    with (ROOT / "locale" / "messages.pot").open("rb") as handle:
        catalog = read_po(handle, locale="ro")
    (root / "locale" / "ro" / "LC_MESSAGES").mkdir(parents=True)
    (root / "locale" / "ro" / "language.yaml").write_text(
        "name: {english: Romanian, own: Română}\ndirection: ltr\nscripts: [{name: Latin}]\n", encoding="utf-8")
    with (root / "locale" / "ro" / "LC_MESSAGES" / "messages.po").open("wb") as handle:
        write_po(handle, catalog)
    translate(content, "ro", root=root)
    translate_glossary(content, "ro", root=root)
    project = load_project(root, content)
    [reason] = language_reasons(project, project.translations[("ro", "alpha")])
    assert reason.text().startswith("the message catalog leaves ")
    assert str(reason.problem()).startswith("locale/ro/LC_MESSAGES/messages.po:")
    assert "the Romanian message catalog leaves" in str(reason.problem())


def test_translations_status_lists_the_catalog_and_glossary_reasons_too(content: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    translate(content, "cy")
    project = project_with_catalog(tmp_path, content, {'msgid "Sources"\nmsgstr "Ffynonellau"':
                                                       'msgid "Sources"\nmsgstr ""'})
    monkeypatch.setattr("leaflets.commands.translations.ROOT", project.root)
    result = CliRunner().invoke(main, ["translations", "status", "--content", str(content)], obj={})
    assert result.exit_code == 0, result.output
    assert "cy alpha: unchecked, 3 reasons it is a draft" in result.output
    assert f"{CATALOG}:" in result.output and "glossary.yaml:1:1:" in result.output
