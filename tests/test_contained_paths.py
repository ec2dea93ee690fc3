"""Every path that comes from content, a brand or the archive stays in its folder (issue 19, part 1).

Each test tries one hostile input on a private copy of the small test project, with a secret file
outside the project that the input points at, and asserts that the input is refused (exit 1 or a
ContentError naming the file and field), and that the secret's words appear nowhere: not in a
message, not in the output. Most run in-process; the two acceptance checks run the command line.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, edit, run_build
from test_svg_assets import DIAGRAM

from leaflets.errors import ContentError
from leaflets.model.archive import releases
from leaflets.model.project import load_project
from leaflets.outputs.archive import archive
from leaflets.outputs.site import _assets
from leaflets.sources.contained import contained_problem, name_problem
from leaflets.sources.yamlsource import load_yaml

SECRET = "SECRET-d41d8cd98f00"  # the words of the file outside the project
BRAND = "brands/testclinic/_brand.yml"
FONT = "fonts/AtkinsonHyperlegible-Regular.ttf"
LINK_MESSAGE = ("(file): is a symbolic link; only files that are really in the content folder are read "
                "(replace the link with a copy of the file itself, or remove it)")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project that must never be read, echoed or published."""
    outside = tmp_path / "outside"
    outside.mkdir()
    path = outside / "secret.txt"
    path.write_text(f"{SECRET}: {SECRET}\n", encoding="utf-8")
    return path


def refused(content: Path, **options: object) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(ROOT, content, **options)  # type: ignore[arg-type]
    found = [str(problem) for problem in caught.value.problems]
    assert SECRET not in "\n".join(found)
    return found


def nothing_contains_the_secret(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_link_in_a_brands_fonts_folder_fails_check_naming_it(content: Path, secret: Path) -> None:
    (content / "brands/testclinic/fonts/LICENCE.txt").symlink_to(secret)
    checked = run_build("--content", content, "check", "--today", TODAY.isoformat())
    assert checked.code == 1
    assert f"{content}/brands/testclinic/fonts/LICENCE.txt:1:1: {LINK_MESSAGE}" in checked.err
    assert SECRET not in checked.out + checked.err


def test_the_build_refuses_the_link_before_writing_anything(content: Path, secret: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from leaflets.commands import build
    from leaflets.commands.options import Options
    from leaflets.outputs import unchanged
    monkeypatch.setattr(unchanged, "FOLDERS", ())  # the fingerprint of the project's own folders takes seconds
    (content / "brands/testclinic/fonts/LICENCE.txt").symlink_to(secret)
    out = tmp_path / "output"
    with pytest.raises(ContentError) as caught:
        build.build(Options(content_dir=content, out=out, today=TODAY))
    assert str(caught.value) == f"{content}/brands/testclinic/fonts/LICENCE.txt:1:1: {LINK_MESSAGE}"
    nothing_contains_the_secret(out)
    nothing_contains_the_secret(content)


def test_the_site_leaves_out_a_font_notice_that_became_a_link_after_loading(content: Path, secret: Path) -> None:
    project = load_project(ROOT, content)
    (content / "brands/testclinic/fonts/LICENCE.txt").symlink_to(secret)
    (content / "brands/testclinic/fonts/SOURCE.md").write_text("From the test fixtures.", encoding="utf-8")
    files: dict[str, bytes | Path] = {}
    _assets(project, project.brands["testclinic"], files)
    assert "assets/fonts/OFL.txt" in files and "assets/fonts/SOURCE.md" in files  # regular notices travel
    assert "assets/fonts/LICENCE.txt" not in files
    assert all(isinstance(file, bytes) or not file.is_symlink() for file in files.values())


@pytest.mark.parametrize("place", ["alpha.yaml", "glossary.yaml", BRAND, "diagrams/alpha.svg", "beta.yaml"])
def test_a_content_file_that_is_a_link_is_refused_without_being_read(content: Path, secret: Path,
                                                                      place: str) -> None:
    (content / place).unlink(missing_ok=True)
    (content / place).symlink_to(secret)
    assert refused(content) == [f"{content}/{place}:1:1: {LINK_MESSAGE}"]


def test_a_yaml_file_that_is_a_link_is_not_opened_even_when_asked_for_directly(tmp_path: Path,
                                                                                secret: Path) -> None:
    link = tmp_path / "alpha.yaml"
    link.symlink_to(secret)
    doc, found = load_yaml(link, "alpha.yaml")
    assert doc is None
    assert [str(p) for p in found] == [
        "alpha.yaml:1:1: (file): is a symbolic link (replace the link with a copy of the file itself)"]


def test_a_linked_folder_under_content_is_refused(content: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(content / "brands/testclinic/fonts", elsewhere)
    (content / "brands/testclinic/fonts").symlink_to(elsewhere, target_is_directory=True)
    assert refused(content) == [
        f"{content}/brands/testclinic/fonts:1:1: (folder): is a symbolic link; only files that are really in the "
        "content folder are read (replace the link with a copy of the folder itself, or remove it)"]


def test_a_link_in_another_brand_does_not_stop_the_brand_asked_for(content: Path, secret: Path) -> None:
    shutil.copytree(content / "brands/testclinic", content / "brands/other")
    (content / "brands/other/fonts/LICENCE.txt").symlink_to(secret)
    assert list(load_project(ROOT, content, brands=["testclinic"]).brands) == ["testclinic"]
    assert refused(content, brands=["other"]) == [f"{content}/brands/other/fonts/LICENCE.txt:1:1: {LINK_MESSAGE}"]


def test_an_archived_release_that_is_a_link_is_refused_without_being_read(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "release.json"
    outside.write_text(json.dumps({"version": "1.0", "released_on": SECRET, "approved_by": None,
                                   "fields": {"intro": [SECRET]}}), encoding="utf-8")
    (content / "archive/testclinic/alpha/en").mkdir(parents=True)
    (content / "archive/testclinic/alpha/en/1.0.json").symlink_to(outside)
    assert refused(content) == [f"{content}/archive/testclinic/alpha/en/1.0.json:1:1: {LINK_MESSAGE}"]
    with pytest.raises(ContentError) as caught:  # and the reader itself never follows it
        releases(content, "testclinic", "alpha", "en")
    assert str(caught.value) == (f"{content}/archive/testclinic/alpha/en/1.0.json:1:1: (file): is a symbolic link "
                                 "(restore the file from version control, or delete it and release this version "
                                 "again with --release)")


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    (BRAND, f"path: {FONT}", 'path: "fonts/a\\");}*{background:url(evil.example)}.ttf"',
     f"{BRAND}:29:17: typography.fonts[0].files[0].path: 'fonts/a\");}}*{{background:url(evil.example)}}.ttf' is "
     "not a plain file name (it has '\"' '(' ')' '*' ':')"),
    (BRAND, "path: logo.svg", 'path: "<img src=x onerror=alert(1)>.svg"',
     f"{BRAND}:17:11: logo.medium.path: '<img src=x onerror=alert(1)>.svg' is not a plain file name "
     "(it has ' ' '(' ')' '<' '=')"),
    ("alpha.yaml", "file: alpha.svg", "file: .alpha.svg",
     "alpha.yaml:53:9: diagram.file: '.alpha.svg' is not a plain file name (it starts with .)"),
])
def test_an_asset_name_that_could_carry_markup_is_refused_even_when_the_file_exists(
        content: Path, file: str, old: str, new: str, expected: str) -> None:
    (content / "alpha.yaml").write_text((content / "alpha.yaml").read_text(encoding="utf-8") + DIAGRAM,
                                        encoding="utf-8")
    edit(content / file, old, new)
    typed = new.split(": ", 1)[1].strip('"').replace('\\"', '"')
    folder = content / ("diagrams" if file == "alpha.yaml" else "brands/testclinic")
    shutil.copy(folder / (FONT if "ttf" in typed else "logo.svg" if file == BRAND else "alpha.svg"), folder / typed)
    assert f"{content}/{expected} (rename the file using only letters, digits, '.', '-' and '_', and give that " \
           "name)" in refused(content)


@pytest.mark.parametrize(("typed", "expected"), [
    ("/etc/passwd", "'/etc/passwd' is not a file in the brand folder"),
    ("C:/Windows/win.ini", "'C:/Windows/win.ini' is not a file in the brand folder"),
    ("fonts/../../../secret.txt", "'fonts/../../../secret.txt' goes out of the brand folder with '..'"),
    ("fonts\\..\\x.ttf", "'fonts\\..\\x.ttf' uses '\\'"),
])
def test_an_absolute_or_upward_name_is_refused_before_anything_is_looked_up(typed: str, expected: str) -> None:
    found = name_problem(typed, "the brand folder")
    assert found is not None and found[0] == expected


def test_a_name_reached_through_a_linked_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "fonts").symlink_to(secret.parent, target_is_directory=True)
    assert contained_problem(folder, folder / "fonts/secret.txt") == (
        "is reached through the symbolic link 'brand/fonts'", "replace the link with a copy of the file itself")


@pytest.mark.parametrize("version", ["../x", "../../../tmp/X", "/tmp/X", "1.0/../../x", "..", "1.0 beta",
                                     "x" * 21])
def test_a_version_that_is_not_a_short_token_fails_check_at_its_line(content: Path, version: str) -> None:
    edit(content / "alpha.yaml", 'version: "1.0"', f'version: "{version}"')
    assert (f"{content}/alpha.yaml:5:12: document.version: '{version}' is not a version number: use letters, "
            "digits, '.' and '-', starting with a letter or digit, at most 20 characters (for example 1.2 or "
            "2026-1)") in refused(content)


def test_release_refuses_a_version_that_slipped_past_check_and_writes_nothing(content: Path,
                                                                              tmp_path: Path) -> None:
    project = load_project(ROOT, content)
    leaflet = project.leaflets["alpha"]
    document = leaflet.model.document.model_copy(update={"version": "../../escaped"})
    object.__setattr__(leaflet.model, "document", document)  # as if the model had not been checked
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ContentError) as caught:
        archive(project, [(leaflet, project.brands["testclinic"])], dt.date(2026, 2, 1))
    assert "alpha.yaml:5:12: document.version: '../../escaped' is not a version number" in str(caught.value)
    assert sorted(tmp_path.rglob("*")) == before


def test_release_never_writes_through_a_linked_archive_folder(content: Path, tmp_path: Path) -> None:
    project = load_project(ROOT, content)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (content / "archive").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        archive(project, [(project.leaflets["alpha"], project.brands["testclinic"])], dt.date(2026, 2, 1))
    assert str(caught.value).startswith(f"{content}/archive:1:1: (folder): is a symbolic link, so --release would "
                                        "write outside content/archive/")
    assert list(elsewhere.iterdir()) == []


def test_release_writes_in_the_archive_folder(content: Path) -> None:
    project = load_project(ROOT, content)
    assert archive(project, [(project.leaflets["alpha"], project.brands["testclinic"])], dt.date(2026, 2, 1)) == [
        content / "archive/testclinic/alpha/en/1.0.json"]


@pytest.mark.parametrize(("made", "expected"), [
    ("alpha.yaml", "beta\"><script>.yaml:1:1: (file): 'beta\"><script>.yaml' is not a plain file name "
                   "(it has '\"' '<' '>')"),
    ("brands/testclinic", "brands/x{}y:1:1: (folder): 'x{}y' is not a plain folder name (it has '{' '}')"),
])
def test_a_leaflet_or_brand_whose_name_could_carry_markup_is_refused(content: Path, made: str,
                                                                    expected: str) -> None:
    source = content / made
    name = expected.split(":", 1)[0]
    (shutil.copytree if source.is_dir() else shutil.copy)(source, content / name)
    assert f"{content}/{expected} (rename it using only letters, digits, '.', '-' and '_')" in refused(content)


def test_the_builds_input_fingerprint_does_not_read_through_a_link(content: Path, secret: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from leaflets.outputs import unchanged
    from leaflets.outputs.unchanged import fingerprint
    monkeypatch.setattr(unchanged, "FOLDERS", ())  # only the content: the project's own folders take seconds
    (content / "brands/testclinic/fonts/LICENCE.txt").symlink_to(secret)
    before = fingerprint(ROOT, content, {})
    secret.write_text("a gigabyte of logs, or a device that never ends", encoding="utf-8")
    assert fingerprint(ROOT, content, {}) == before
