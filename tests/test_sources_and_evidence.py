"""Sources a reader can find, kept off the patient's page, and the reviewer's evidence pack."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from approving import approve
from conftest import ROOT, TODAY, edit, problems, run_build

from leaflets.model.citations import reference_html
from leaflets.model.project import load_project
from leaflets.render.html import render_html

REVIEW_DAY = "2026-06-01"


def html_for(content: Path) -> str:
    project = load_project(ROOT, content)
    return render_html(project, project.leaflets["alpha"], project.brands["testclinic"], TODAY)


def test_a_source_with_no_doi_pmid_pmcid_or_url_is_an_error(content: Path) -> None:
    edit(content / "alpha.yaml", "    doi: 10.1000/test.2020\n", "")
    assert problems(content) == [
        f"{content}/alpha.yaml:41:5: references[0]: reference 'test-2020' has no doi, pmid, pmcid or url "
        "(add one so a reader can find the source, or leave the source out)"]


def test_a_doi_is_checked_for_its_shape(content: Path) -> None:
    edit(content / "alpha.yaml", "doi: 10.1000/test.2020", "doi: 1000/test.2020")
    assert problems(content) == [
        f"{content}/alpha.yaml:48:10: references[0].doi: '1000/test.2020' is not a DOI (a DOI starts with 10. "
        "and a slash, for example 10.1212/wnl.58.1.143)"]


def test_sources_print_in_one_style_with_links_to_doi_and_pubmed() -> None:
    from leaflets.model.models import Reference
    ref = Reference(key="k", authors=["Keegan M", "Pineda AA"], et_al=True, title="Plasma exchange: predictors",
                    journal="Neurology", year=2002, volume="58", issue="1", pages="143-6",
                    doi="10.1212/wnl.58.1.143", pmid="11781423")
    assert str(reference_html(ref)) == (
        'Keegan M, Pineda AA, et al. Plasma exchange: predictors. Neurology. 2002;58(1):143-6. '
        'doi:<a href="https://doi.org/10.1212/wnl.58.1.143">10.1212/wnl.58.1.143</a>. '
        'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/11781423/">11781423</a>.')


def test_a_web_page_prints_its_publisher_title_and_address() -> None:
    from leaflets.model.models import Reference
    ref = Reference(key="k", publisher="MS Society UK", title="HSCT: what to expect",
                    url="https://www.mssociety.org.uk/hsct")
    assert str(reference_html(ref)) == ('MS Society UK. HSCT: what to expect. '
                                        '<a href="https://www.mssociety.org.uk/hsct">https://www.mssociety.org.uk/hsct</a>')


def test_the_patients_text_carries_no_citation_markers_by_default(content: Path) -> None:
    html = html_for(content)
    assert "It may help with <strong>tests</strong>.</p>" in html
    assert not re.search(r"\[\d+\]|\[test-2020\]", html)
    assert '<li id="ref-test-2020">Tester A. A test source. J Tests. 2020;1:1-2.' in html


def evidence_pack(content: Path) -> str:
    """The alpha leaflet's evidence pack for the test clinic, in English, as one line."""
    from leaflets.model.plan import plan
    from leaflets.outputs.evidence_pack import SignOff
    from leaflets.outputs.evidence_pack import render_html as render_pack
    project = load_project(ROOT, content)
    today = dt.date.fromisoformat(REVIEW_DAY)
    job = plan(project, ["testclinic"], ["alpha"], languages=["en"], large_print=False, today=today)[0]
    return " ".join(render_pack(project, job, today, [], SignOff("0" * 64)).split())


def test_the_evidence_pack_shows_each_sentence_beside_its_sources(content: Path) -> None:
    pack = evidence_pack(content)
    assert ('<td>How might it help?</td> <td lang="en-GB" dir="ltr">It may help with tests.</td> <td><ul><li>'
            '<a class="key" href="#source-test-2020">test-2020</a></li></ul></td>') in pack
    assert '<tr class="uncited"> <td>Introduction</td> <td lang="en-GB" dir="ltr">This is a test leaflet.</td>' in pack
    for part in ("Why this leaflet is marked as a draft", "it has not been approved", "Document control",
                 "Reading level", "Flesch-Kincaid grade", "Sign-off", "No released version is archived yet",
                 "01632 960 222"):
        assert part in pack


def release(content: Path, out: Path) -> None:
    result = run_build("--content", content, "--out", out, "--leaflet", "alpha", "--release", "--today", REVIEW_DAY,
                       "--standard-print")
    assert result.code == 0, result.err


def test_release_archives_the_text_of_each_version(content: Path, tmp_path: Path) -> None:
    approve(content)
    release(content, tmp_path / "out")
    archived = json.loads((content / "archive" / "testclinic" / "alpha" / "en" / "1.0.json").read_text())
    assert (archived["version"], archived["approved_by"], archived["released_on"]) == (
        "1.0", "Patient Information Group", REVIEW_DAY)
    assert archived["fields"]["benefits"] == ["It may help with tests."]
    assert archived["fields"]["brand testclinic: meta.contact.phone"] == ["01632 960 111"]


def test_a_changed_sentence_of_a_released_leaflet_shows_under_what_changed(content: Path, tmp_path: Path) -> None:
    approve(content)
    release(content, tmp_path / "out")
    edit(content / "alpha.yaml", "after: You go home.", "after: You stay for 1 hour, then go home.")
    pack = evidence_pack(content)
    assert "released on 2026-06-01 (approved by Patient Information Group): 1 sentence changed." in pack
    assert ("<td>what_happens.after</td> <td><del>You go home.</del></td> "
            "<td><ins>You stay for 1 hour, then go home.</ins></td>") in pack


def test_release_refuses_a_released_version_whose_text_changed(content: Path, tmp_path: Path) -> None:
    approve(content)
    release(content, tmp_path / "out")
    edit(content / "alpha.yaml", "after: You go home.", "after: You stay for 1 hour.")
    result = run_build("--content", content, "--out", tmp_path / "out", "--leaflet", "alpha", "--release",
                       "--today", REVIEW_DAY, "--standard-print")
    assert result.code == 1
    assert (f"{content}/alpha.yaml:25:10: what_happens.after: TEST-ALPHA (en) for testclinic version 1.0 was "
            "released on 2026-06-01 with other text: leaflet: what_happens.after (give it a new version number and "
            "have it approved, or restore the released text)") in result.err


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    doi: 10.1000/test.2020", "    pmid: PM123",
     "alpha.yaml:48:11: references[0].pmid: 'PM123' is not a PubMed id (digits only, for example 10589540)"),
    ("    doi: 10.1000/test.2020", '    pmcid: "PM3034395"',
     "alpha.yaml:48:12: references[0].pmcid: 'PM3034395' is not a PubMed Central id (PMC and digits, for example "
     "PMC3034395)"),
])
def test_a_pubmed_or_pmc_id_is_checked_for_its_shape(content: Path, old: str, new: str, expected: str) -> None:
    edit(content / "alpha.yaml", old, new)
    assert problems(content) == [f"{content}/{expected}"]


def test_the_citations_setting_takes_only_hidden_or_numbered(content: Path) -> None:
    (content / "settings.yaml").write_text("citations: inline\n")
    found = problems(content)
    assert len(found) == 1
    assert found[0].startswith(f"{content}/settings.yaml:1:12: citations: ")
    assert "'hidden'" in found[0] and "'numbered'" in found[0]
