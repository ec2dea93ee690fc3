"""The site's folder is untrusted ground: it may be a link to a web server's root, or hold files that
someone else put there. `site` never writes through a link, deletes only the files an earlier site
build recorded as its own, and a failure part way leaves the previous site whole."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from leaflets.commands.messages import run
from leaflets.model.project import load_project
from leaflets.outputs import site_folder
from leaflets.outputs.site import build_sites, write_site
from leaflets.outputs.site_folder import RECORD, SiteWriteError

SITE = {"index.html": b"<p>new index</p>", "leaflets/A/index.html": b"<p>A</p>", "assets/brand.css": b"p {}"}


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` (not following links): a file's bytes, a link's target, a folder."""
    found: dict[str, bytes | str] = {}
    for top, folders, names in os.walk(folder):
        for name in [*folders, *names]:
            entry = Path(top) / name
            key = entry.relative_to(folder).as_posix()
            found[key] = f"link to {os.readlink(entry)}" if entry.is_symlink() else \
                entry.read_bytes() if entry.is_file() else "folder"
    return found


def web_root(tmp_path: Path) -> Path:
    """A folder of someone else's files, as a web server's root would hold."""
    root = tmp_path / "www"
    (root / "leaflets" / "A").mkdir(parents=True)
    (root / "victim.html").write_bytes(b"not the site's")
    (root / "leaflets" / "A" / "index.html").write_bytes(b"someone's own page")
    return root


def refusal(capsys: pytest.CaptureFixture[str], action) -> str:
    """What the command line says when `action` fails; it must exit 1, without a traceback."""
    assert run(action, debug=False) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return err


def test_a_site_folder_that_is_a_link_to_a_web_root_is_refused_and_nothing_there_is_deleted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = web_root(tmp_path)
    before = snapshot(root)
    out = tmp_path / "output"
    (out / "site").mkdir(parents=True)
    (out / "site" / "testclinic").symlink_to(root)
    project = load_project(ROOT, ROOT / "tests" / "fixtures" / "content")
    err = refusal(capsys, lambda: build_sites(project, ["testclinic"], out, TODAY))
    assert f"refusing to write the web site through {out / 'site' / 'testclinic'}: it is a symbolic link" in err
    assert "the site was not written and nothing was deleted" in err
    assert snapshot(root) == before
    assert sorted(p.name for p in (out / "site").iterdir()) == ["testclinic"]


def test_a_site_parent_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    root = web_root(tmp_path)
    before = snapshot(root)
    out = tmp_path / "output"
    out.mkdir()
    (out / "site").symlink_to(root)
    with pytest.raises(SiteWriteError, match="site: it is a symbolic link"):
        write_site(SITE, out / "site" / "leaflets", out)
    assert snapshot(root) == before


def test_a_link_inside_the_old_site_is_refused_not_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = web_root(tmp_path)
    before = snapshot(root)
    site = tmp_path / "site"
    write_site(SITE, site)
    (site / "leaflets" / "A" / "index.html").unlink()
    (site / "leaflets" / "A").rmdir()
    (site / "leaflets" / "A").symlink_to(root / "leaflets" / "A")
    kept = snapshot(site)
    err = refusal(capsys, lambda: write_site(SITE, site))
    assert "it holds 1 entry that no earlier site build recorded as its own: leaflets/A;" in err
    assert snapshot(root) == before and snapshot(site) == kept


def test_files_the_last_build_did_not_record_are_named_and_kept(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    write_site(SITE, site)
    (site / "notes.txt").write_bytes(b"the web team's notes")
    (site / "leaflets" / "B").mkdir()
    (site / "leaflets" / "B" / "page.html").write_bytes(b"someone's page")
    kept = snapshot(site)
    err = refusal(capsys, lambda: write_site({"index.html": b"changed"}, site))
    assert "it holds 2 entries that no earlier site build recorded as its own: leaflets/B/page.html, notes.txt;" in err
    assert "the site was not written and nothing was deleted" in err
    assert snapshot(site) == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no new folder left beside it


def test_a_folder_without_a_record_is_replaced_only_if_it_holds_nothing_but_the_sites_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "leaflets" / "A").mkdir(parents=True)
    (site / "index.html").write_bytes(b"an older build's index")
    (site / "leaflets" / "A" / "index.html").write_bytes(b"<p>A</p>")
    assert write_site(SITE, site) == 2  # the new file, and the changed one; the unchanged A page is not counted
    (site / RECORD).unlink()
    (site / "victim.html").write_bytes(b"not the site's")
    with pytest.raises(SiteWriteError, match=f"that the site does not have \\(the folder has no {RECORD}"):
        write_site(SITE, site)
    assert (site / "victim.html").read_bytes() == b"not the site's"


def test_a_full_disk_leaves_the_previous_site_whole_and_names_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    write_site(SITE, site)
    before = snapshot(site)
    real = site_folder.write_file

    def full_disk(file: Path, data: bytes) -> None:
        if file.name == "index.html" and file.parent.name == "B":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        real(file, data)

    monkeypatch.setattr(site_folder, "write_file", full_disk)
    err = refusal(capsys, lambda: write_site({**SITE, "index.html": b"<p>newer</p>", "leaflets/B/index.html": b"B"},
                                             site))
    assert f"could not write {site / 'leaflets' / 'B' / 'index.html'}: No space left on device;" in err
    assert f"the web site {site} was left as it was" in err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_writing_a_site_again_deletes_its_own_old_files_and_nothing_else(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (tmp_path / "beside.html").write_bytes(b"next to the site")
    write_site(SITE, site)
    assert write_site({"index.html": b"<p>new index</p>", "leaflets/B/index.html": b"<p>B</p>"}, site) == 1
    assert snapshot(site) == {"index.html": b"<p>new index</p>", "leaflets": "folder", "leaflets/B": "folder",
                              "leaflets/B/index.html": b"<p>B</p>", RECORD: (site / RECORD).read_bytes()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beside.html", "site"]


def test_a_site_file_named_to_leave_the_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SiteWriteError, match="which would leave its folder"):
        write_site({"../outside.html": b"x"}, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_writing_the_same_site_again_changes_nothing_and_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(SITE, site)
    before = snapshot(site)
    assert write_site(SITE, site) == 0
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
