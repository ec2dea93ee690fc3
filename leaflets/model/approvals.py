"""Each brand's approvals: content/brands/<brand>/approvals.yaml, written only by `build.py approve`.

One entry per leaflet, language and version: who approved it (name and role), on which day, who
confirmed the urgent box's signs for the unit, and the fingerprint of exactly what was approved
with each part's own SHA-256 (leaflets/model/printed.py). An entry's `seal` is the SHA-256 of the
rest of it, so an entry changed by hand (a name, a date, a fingerprint) no longer counts: it is
caught, not trusted. It is not a signature (anyone can run the command); the file's history in
version control says who recorded what.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, Field

from ..errors import Problem
from ..sources.yamlsource import YamlDocument
from .brands import ResolvedBrand
from .field_types import IsoDate, Slug, Strict, Text
from .models import LanguageTag, Version
from .printed import fingerprint_of
from .validate import load_model

APPROVALS_FILE = "approvals.yaml"
HEADER = ("# Approvals of this clinic's leaflets, written by `python3 build.py approve` (see README,\n"
          "# 'Approval, review and drafts'). Do not edit it by hand: an entry changed by hand no longer counts.\n")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _sha256(value: str) -> str:
    if not SHA256.match(value):
        raise ValueError(f"'{value[:70]}' is not a SHA-256 (64 lowercase hexadecimal digits): this entry was "
                         "changed by hand; record the approval again with build.py approve")
    return value


Sha256 = Annotated[str, AfterValidator(_sha256)]


class Confirmation(Strict):
    """Who confirmed for the unit that each sign in the urgent box, and whom it sends them to, is
    right for its patients, and when; `signs` are the signs confirmed, by field (`urgent.tiers[0].signs[1]`),
    each as the approval's fingerprint has it."""

    by: Text
    on: IsoDate
    signs: list[Text] = Field(default_factory=list)


class Approval(Strict):
    leaflet: Slug
    language: LanguageTag
    version: Version
    approved_by: Text
    role: Text
    approved_on: IsoDate
    signs_confirmed: Confirmation | None = None
    fingerprint: Sha256
    seal: Sha256
    parts: dict[str, Sha256] = Field(min_length=1)

    @property
    def sealed(self) -> bool:
        """Whether the entry is as `build.py approve` wrote it."""
        return self.seal == seal_of(self) and self.fingerprint == fingerprint_of(dict(self.parts))


class ApprovalFile(Strict):
    approvals: list[Approval] = Field(default_factory=list)


def seal_of(approval: Approval) -> str:
    data = approval.model_dump(mode="json", exclude={"seal"})
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def approval(leaflet: str, language: str, version: str, by: str, role: str, on: dt.date,
             parts: dict[str, str], signs_confirmed: Confirmation | None = None) -> Approval:
    """A new entry, fingerprinted and sealed (a name that cannot be recorded is a ValidationError)."""
    unsealed = Approval(leaflet=leaflet, language=language, version=version, approved_by=by, role=role,
                        approved_on=on, signs_confirmed=signs_confirmed, fingerprint=fingerprint_of(parts),
                        seal="0" * 64, parts=dict(sorted(parts.items())))
    return unsealed.model_copy(update={"seal": seal_of(unsealed)})


@dataclass(frozen=True)
class BrandApprovals:
    """A brand's approvals file as read: where it is, its entries and their lines (no file: none)."""

    path: Path
    display: str
    file: ApprovalFile
    doc: YamlDocument | None = None

    def latest(self, leaflet: str, language: str) -> tuple[int, Approval] | None:
        """The entry for this leaflet and language written last (the newest version approved), with
        its index."""
        found = [(index, entry) for index, entry in enumerate(self.file.approvals)
                 if entry.leaflet == leaflet and entry.language == language]
        return found[-1] if found else None

    def problem(self, index: int | None, field: str, message: str, hint: str) -> Problem:
        if self.doc is None or index is None:
            return Problem(self.display, 1, 1, "(file)", message, hint)
        return self.doc.problem(("approvals", index, field), message, hint)

    def recorded(self, entry: Approval) -> str:
        """The file's text with `entry` in place of the one for its leaflet, language and version
        (or after the others), so an approval of a new version keeps the older ones below it."""
        kept = [old for old in self.file.approvals
                if (old.leaflet, old.language, old.version) != (entry.leaflet, entry.language, entry.version)]
        data = {"approvals": [old.model_dump(mode="json", exclude_none=True) for old in [*kept, entry]]}
        return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200)


def load_approvals(root: Path, brands: dict[str, ResolvedBrand], problems: list[Problem]
                   ) -> dict[str, BrandApprovals]:
    """Each brand's approvals; a file that cannot be read, or an entry that is not one the command
    writes, is a problem at its line. Two entries for one leaflet, language and version are too."""
    from .files import display_path
    found = {}
    for slug, brand in brands.items():
        path = brand.folder / APPROVALS_FILE
        display = display_path(path, root)
        if not path.exists():
            found[slug] = BrandApprovals(path, display, ApprovalFile())
            continue
        doc, model = load_model(path, display, ApprovalFile, problems)
        if doc is None or model is None:
            continue
        seen: set[tuple[str, str, str]] = set()
        for index, entry in enumerate(model.approvals):
            key = (entry.leaflet, entry.language, entry.version)
            if key in seen:
                problems.append(doc.problem(("approvals", index), f"{entry.leaflet} ({entry.language}) version "
                                            f"{entry.version} is approved twice in this file",
                                            "remove one of them, then record the approval again with "
                                            "build.py approve"))
            seen.add(key)
        found[slug] = BrandApprovals(path, display, model, doc)
    return found
