"""Translations written by the tests: every field of a leaflet (or the glossary) made from its English
as it is now, unchecked unless a check is recorded as `translations record-check` would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT

from leaflets.model.exchange import header
from leaflets.model.project import load_project
from leaflets.model.translations import (
    TranslatedField,
    TranslationFile,
    dump,
    glossary_sources,
    leaflet_sources,
    recorded,
    source_hash,
)
from leaflets.sources.yamlsource import dotted


def marked(english: str) -> str:
    return english.rstrip("\n") + " (cyf.)"


def _write(content: Path, language: str, name: str, sources: dict, text: Callable[[str], str], status: str,
           checked_by: str, checked_on: str, title: str | None = None) -> Path:
    fields = {dotted(path): TranslatedField(source=source_hash(value), english=value, text=text(value))
              for path, value in sources.items()}
    if title is not None:
        fields["document.title"] = fields["document.title"].model_copy(update={"text": title})
    model = TranslationFile(fields=fields)
    if status == "checked":
        model = recorded(model, sources, checked_by, dt.date.fromisoformat(checked_on))
    path = content / "translations" / language / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(model, header(language, f"{name}.yaml")), encoding="utf-8")
    return path


def translate(content: Path, language: str, slug: str = "alpha", text: Callable[[str], str] = marked,
              status: str = "unchecked", checked_by: str = "", checked_on: str = "", root: Path = ROOT,
              title: str | None = None) -> Path:
    """A translation of every field of content/<slug>.yaml (with status 'checked': recorded as checked
    by `checked_by` on `checked_on`; with `title`: that title)."""
    english = load_project(root, content).leaflets[slug]
    return _write(content, language, slug, leaflet_sources(english.doc.data, {}), text, status, checked_by,
                  checked_on, title)


def translate_glossary(content: Path, language: str, status: str = "unchecked", root: Path = ROOT,
                       checked_by: str = "", checked_on: str = "") -> Path:
    """A translation of every glossary term, made from its English as it is now."""
    glossary = load_project(root, content).glossary
    assert glossary is not None
    return _write(content, language, "glossary", glossary_sources(glossary.model_dump(mode="json")), marked,
                  status, checked_by, checked_on)
