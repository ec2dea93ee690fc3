"""`given --fhir`: each entry as a FHIR R4B Communication claiming UK Core's profile, which
fhir.resources parses, with the codes it does not check checked by us."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from fhir.resources.R4B.communication import Communication
from recording import PAGES, cli, give
from sqlalchemy import update

from leaflets.outputs.register.database import opened
from leaflets.outputs.register.schema import Given

PDF = Path("output/testclinic/alpha-email-a4.pdf")


def exported(record_db: str, target: Path) -> list[Communication]:
    result = cli("given", "--fhir", target, "--database", record_db)
    assert result.exit_code == 0, result.output
    return [Communication.model_validate_json(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_each_entry_parses_as_a_communication_whose_hash_is_the_base64_sha1_of_the_pdf(
        built_approved: Path, record_db: str, tmp_path: Path) -> None:
    give(built_approved, record_db, patient="943 476 5919")
    give(built_approved, record_db, patient="RX-1")
    sha1 = hashlib.sha1((built_approved / PDF).read_bytes()).digest()
    resources = exported(record_db, tmp_path / "given.ndjson")
    assert len(resources) == 2
    for line in (tmp_path / "given.ndjson").read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["payload"][0]["contentAttachment"]["hash"] == base64.b64encode(sha1).decode("ascii")
    for resource in resources:
        attachment = resource.payload[0].contentAttachment
        assert attachment.hash == sha1  # fhir.resources decodes base64Binary
        assert (attachment.contentType, attachment.language, attachment.title) == ("application/pdf", "en",
                                                                                  "Alpha therapy")
        assert attachment.size == (built_approved / PDF).stat().st_size
        assert attachment.url == f"{PAGES}TEST-ALPHA"
        assert resource.status == "completed" and resource.sent is not None
        assert resource.meta.profile == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Communication"]


def test_the_recipient_is_named_by_nhs_number_when_one_was_given(built_approved: Path, record_db: str,
                                                                 tmp_path: Path) -> None:
    give(built_approved, record_db, patient="943 476 5919")
    give(built_approved, record_db, patient="RX-1")
    nhs, local = (resource.recipient[0].identifier for resource in exported(record_db, tmp_path / "given.ndjson"))
    assert (nhs.system, nhs.value) == ("https://fhir.nhs.uk/Id/nhs-number", "9434765919")
    assert (local.system, local.value) == (None, "RX-1")


def test_a_stored_language_that_is_not_a_bcp47_code_stops_the_export(built_approved: Path, record_db: str,
                                                                      tmp_path: Path) -> None:
    give(built_approved, record_db)
    with opened(record_db) as session:
        session.execute(update(Given).values(language="English"))
    result = cli("given", "--fhir", tmp_path / "given.ndjson", "--database", record_db)
    assert result.exit_code == 1
    assert "language 'English' is not a BCP 47 code" in result.output and "nothing was written" in result.output
    assert not (tmp_path / "given.ndjson").exists()


def test_each_line_is_one_json_resource(built_approved: Path, record_db: str, tmp_path: Path) -> None:
    give(built_approved, record_db)
    cli("given", "--fhir", tmp_path / "given.ndjson", "--database", record_db)
    [line] = (tmp_path / "given.ndjson").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["resourceType"] == "Communication"
