"""A translated leaflet knows the file it was loaded from (issue 17: a `:=` in a comprehension once
replaced it with the last field's place, such as ('questions', 5))."""

from __future__ import annotations

from conftest import ROOT

from leaflets.model.project import load_project


def test_a_translated_leaflet_s_source_is_its_translation_file():
    project = load_project(ROOT)
    assert project.translations
    for (language, slug), leaflet in project.translations.items():
        assert leaflet.source == ROOT / "content" / "translations" / language / f"{slug}.yaml"
