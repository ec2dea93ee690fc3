"""check measures reading level from the text a patient reads, and fails leaflets over target."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_LEAFLETS, edit, load_sample, run_build

from leaflets.model.models import ReadingLevel
from leaflets.model.project import load_project
from leaflets.model.readability import score

HARD = ("Immunomodulatory intravenous immunoglobulin administration necessitates comprehensive "
        "multidisciplinary haematological evaluation, considering thromboembolic, nephrological and "
        "anaphylactoid complications, particularly immunoglobulin-A-deficient individuals.")


def test_check_prints_the_reading_level_table(content: Path) -> None:
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["leaflet", "words", "sentences", "ease", "grade", "SMOG", "target", "(grade",
                                "<=", "8,", "ease", ">=", "60)"]
    assert lines[1].split()[0] == "alpha" and lines[1].split()[-1] == "ok"
    assert lines[2].split()[0] == "overview"
    assert any(line.startswith("  longest: ") for line in lines)
    assert any(line.startswith("  hardest: ") for line in lines)


def test_one_sentence_made_hard_enough_fails_check_naming_it(content: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", f"what_it_is: {HARD}")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1
    problem = next(line for line in result.err.splitlines() if "too hard to read" in line)
    assert problem.startswith(f"{content}/alpha.yaml:20:13: what_it_is: alpha is too hard to read: "
                              "Flesch-Kincaid grade ")
    assert problem.endswith(f'(simplify its hardest sentences, starting with this one: "{HARD}")')
    assert "alpha" in next(line for line in result.out.splitlines()[1:] if line.endswith("over"))


def test_the_targets_come_from_settings(content: Path) -> None:
    (content / "settings.yaml").write_text("reading_level:\n  max_grade: 1\n")
    result = run_build("--content", content, "check", "--today", "2026-06-01")
    assert result.code == 1
    assert "is above 1 (simplify" in result.err


def test_scores_ignore_references_and_document_control(content: Path) -> None:
    before = score(load_project(ROOT, content).leaflets["alpha"])
    edit(content / "alpha.yaml", "title: A test source", f"title: {HARD}")
    edit(content / "alpha.yaml", "  description: A test leaflet about alpha therapy.", f"  description: {HARD}")
    after = score(load_project(ROOT, content).leaflets["alpha"])
    assert (after.words, after.grade) == (before.words, before.grade)


@pytest.mark.sample
@pytest.mark.parametrize("leaflet", SAMPLE_LEAFLETS)
def test_the_shipped_leaflets_meet_the_default_target(leaflet: str) -> None:
    assert score(load_sample().leaflets[leaflet]).misses(ReadingLevel()) == []


def test_a_leaflet_with_no_text_to_measure_is_a_problem_not_a_crash(content: Path) -> None:
    from dataclasses import replace

    from leaflets.model.readability import reading_problems
    from leaflets.sources.yamlsource import YamlDocument
    leaflet = load_project(ROOT, content).leaflets["alpha"]
    empty = replace(leaflet, doc=YamlDocument(leaflet.doc.display, {"intro": "[test-2020]"}))
    result = score(empty)
    assert (result.words, result.sentences) == (0, [])
    assert [p.message for p in reading_problems([result], ReadingLevel())] == ["alpha has no text to measure"]


def test_a_reading_target_must_be_a_number(content: Path) -> None:
    (content / "settings.yaml").write_text("reading_level:\n  max_grade: '8'\n")
    result = run_build("--content", content, "check")
    assert result.code == 1
    assert result.err.splitlines()[0] == (f"{content}/settings.yaml:2:14: reading_level.max_grade: '8' is not a "
                                          "number (write it without quotes, for example 8)")
