"""Each entry of the record as a FHIR R4B `Communication` claiming the UK Core profile, validated
by fhir.resources, with the checks of codes and systems the library leaves to us.

UK Core meant this profile for "educational material sent by a provider to an individual": the
patient is the recipient (by NHS number when one was given), the leaflet the payload's attachment
(its web page, title, language, size and SHA-1, base64 as FHIR's Attachment.hash is)."""

from __future__ import annotations

import base64
import re
from typing import Any

from ...errors import LeafletError
from .patients import nhs_number_valid
from .schema import Given

PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Communication"
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
STATUS = "completed"
# Communication.status's required value set (http://hl7.org/fhir/event-status), R4B
STATUSES = {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"}
# BCP 47: a language, then optionally a script and a region (en, cy, ur, zh-Hant, pt-BR, es-419)
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")
SHA1_HEX = re.compile(r"[0-9a-f]{40}")
CHANNELS = {"print": "given on paper", "email": "sent by email", "nhsmail": "sent by NHSmail",
            "notify": "sent by GOV.UK Notify as a link"}


def sha1_base64(sha1_hex: str) -> str:
    return base64.b64encode(bytes.fromhex(sha1_hex)).decode("ascii")


def communication(entry: Given) -> dict[str, Any]:
    """The entry as a Communication (a JSON object), validated; a stored value that would make it
    wrong (the record is shared and may be edited by hand) is an error naming the entry."""
    attachment: dict[str, Any] = {"contentType": "application/pdf", "language": entry.language,
                                  "title": entry.title, "size": entry.size}
    if SHA1_HEX.fullmatch(entry.sha1 or ""):
        attachment["hash"] = sha1_base64(entry.sha1)
    if entry.url:
        attachment["url"] = entry.url
    recipient = ({"identifier": {"system": NHS_NUMBER_SYSTEM, "value": entry.nhs_number}} if entry.nhs_number
                 else {"identifier": {"value": entry.patient}})
    resource: dict[str, Any] = {
        "resourceType": "Communication",
        "id": f"leaflet-given-{entry.id}",
        "meta": {"profile": [PROFILE]},
        "status": STATUS,
        "sent": entry.given_at.isoformat(timespec="seconds") + "Z",
        "recipient": [recipient],
        "payload": [{"contentAttachment": attachment}],
        "note": [{"text": f"{entry.leaflet_id} version {entry.version}, {CHANNELS.get(entry.channel, entry.channel)}"
                          f" by {entry.given_by}"}],
    }
    problems = [*_codes(resource), *_validated(resource)]
    if problems:
        raise LeafletError(f"entry {entry.id} of the record cannot be written as FHIR: {'; '.join(problems)}; "
                           "nothing was written")
    return resource


def _validated(resource: dict[str, Any]) -> list[str]:
    from fhir.resources.R4B.communication import Communication
    from pydantic import ValidationError
    try:
        Communication.model_validate(resource)
    except ValidationError as exc:
        return [f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in exc.errors()]
    return []


def _codes(resource: dict[str, Any]) -> list[str]:
    """What fhir.resources does not check: the status value, the language code, the systems and
    profile named, the NHS number's check digit and the hash's length."""
    found = []
    if resource["status"] not in STATUSES:
        found.append(f"status {resource['status']!r} is not an event status")
    if resource["meta"]["profile"] != [PROFILE]:
        found.append("the profile is not UK Core's Communication")
    for recipient in resource["recipient"]:
        identifier = recipient["identifier"]
        if identifier.get("system") == NHS_NUMBER_SYSTEM and not nhs_number_valid(identifier["value"]):
            found.append("the NHS number fails its check digit")
        if "system" in identifier and not identifier["system"].startswith("https://"):
            found.append("an identifier's system is not an https address")
    for payload in resource["payload"]:
        attachment = payload["contentAttachment"]
        if not BCP47.fullmatch(attachment["language"]):
            found.append(f"language {attachment['language']!r} is not a BCP 47 code")
        if len(base64.b64decode(attachment.get("hash", ""))) != 20:
            found.append("the PDF's SHA-1 is missing or not 20 bytes")
        if "url" in attachment and not attachment["url"].startswith("https://"):
            found.append("the leaflet's address is not an https address")
    return found
