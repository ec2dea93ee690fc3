"""Whatever YAML-like content arrives, the loader accepts it or reports the project's own
ContentError: never any other exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import FIXTURE_CONTENT, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaflets.errors import ContentError
from leaflets.model.project import load_project

KEYS = st.sampled_from(["type", "document", "id", "title", "version", "status", "published", "last_checked",
                        "next_review", "intro", "at_a_glance", "name", "what", "references", "key", "text",
                        "questions", "urgent", "signs", "diagram", "file", "terms", "forms", "meta", "color",
                        "palette", "primary", "logo", "medium", "path", "typography", "fonts", "files"]) | st.text(
    max_size=8)
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.dates().map(str)
           | st.text(max_size=40) | st.sampled_from(["[test-2020]", "therapy", "overview", "2026-02-30",
                                                     "../../etc/passwd", "file:///etc/passwd", "#zzz", "**x**"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=5), max_leaves=20)


def project_with(tmp: Path, name: str, text: str | bytes) -> Path:
    content = tmp / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(FIXTURE_CONTENT, content)
    target = content / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return content


def loads_or_content_error(content: Path) -> None:
    try:
        load_project(ROOT, content)
    except ContentError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=VALUES)
def test_any_leaflet_data_is_accepted_or_reported(tmp_path: Path, data: object) -> None:
    loads_or_content_error(project_with(tmp_path, "alpha.yaml", yaml.safe_dump(data, allow_unicode=True)))


@SETTINGS
@given(data=st.dictionaries(KEYS, VALUES, max_size=6))
def test_any_brand_data_is_accepted_or_reported(tmp_path: Path, data: object) -> None:
    loads_or_content_error(project_with(tmp_path, "brands/testclinic/_brand.yml",
                                        yaml.safe_dump(data, allow_unicode=True)))


@SETTINGS
@given(raw=st.binary(max_size=300) | st.text(max_size=300))
def test_any_bytes_are_accepted_or_reported(tmp_path: Path, raw: bytes | str) -> None:
    loads_or_content_error(project_with(tmp_path, "alpha.yaml", raw))
    loads_or_content_error(project_with(tmp_path, "glossary.yaml", raw))
