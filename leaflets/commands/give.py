"""`build.py give LEAFLET --patient REF --channel C --by INITIALS`: give a patient the exact PDF
the build made and the manifest records, only when the leaflet may be released (the decision
--release makes) and its version is not withdrawn, and record it; print the line for the consent
form. Nothing about the patient is written anywhere but the record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import ROOT
from ..errors import ContentError, LeafletError, UsageError

if TYPE_CHECKING:
    from ..model.plan import Job
    from ..model.project import Project
    from ..outputs.register.pdf import BuiltPdf
    from ..outputs.register.schema import Given

# How a leaflet reaches the patient (leaflets/outputs/delivery/): print (handed over on paper:
# recorded only), email (the clinic's SMTP, LEAFLETS_SMTP_*), nhsmail (NHSmail's STARTTLS profile,
# [secure] outside nhs.net) or notify (GOV.UK Notify: a link, the patient confirms their address).
# Named here so the command line need not import the senders.
CHANNELS = ("print", "email", "nhsmail", "notify")


@dataclass(frozen=True)
class Giving:
    """The command line of `give`, as given."""

    leaflet: str
    brand: str | None
    language: str
    large_print: bool
    profile: str
    paper: str | None
    patient: str
    channel: str
    by: str
    to: str | None
    content_dir: Path | None
    out: Path | None
    database: str | None


def give(giving: Giving) -> None:
    from ..model.project import load_project
    from ..model.review import release_problems
    from ..outputs.delivery import Parcel, check, deliver, settings_from_environment
    from ..outputs.register.database import opened
    from ..outputs.register.patients import initials, patient
    from ..outputs.register.pdf import built_pdf
    from ..outputs.register.record import now, withdrawal
    who, by = patient(giving.patient), initials(giving.by)
    if giving.channel == "print" and giving.to:
        raise UsageError("--to is for a leaflet sent by email; one given on paper goes to no address")
    settings = settings_from_environment(giving.channel)  # before anything is looked up or recorded
    today = dt.date.today()
    project = load_project(ROOT, giving.content_dir, (giving.brand,) if giving.brand else (), (giving.leaflet,))
    job = _job(project, giving, today)
    doc = job.leaflet.model.document
    problems = release_problems(project, list(job.documents), today, brand=job.brand)
    if problems:  # exactly what --release refuses
        raise ContentError(problems)
    out = (giving.out or ROOT / "output").resolve()
    with opened(giving.database) as session:
        withdrawn = withdrawal(session, job.leaflet.slug, doc.version)
        if withdrawn is not None:
            raise LeafletError(f"{doc.id} version {doc.version} was withdrawn on {withdrawn.withdrawn_at:%Y-%m-%d} "
                               f"({withdrawn.reason}) and may not be given; give it a new version, have it "
                               "approved and build it")
        pdf = built_pdf(out, job)
        parcel = Parcel(job.leaflet, job.brand, pdf.data, to=giving.to, large_print=job.variant.large_print)
        check(giving.channel, parcel, settings)
        delivered = deliver(giving.channel, parcel, settings)
        at = now()
        session.add(_entry(job, pdf, who.reference, who.nhs_number, giving.channel, by,
                           delivered.notification_id, at))
    click.echo(consent_line(job, at.replace(tzinfo=dt.UTC).astimezone().date()))  # the clinic's day


def consent_line(job: Job, given_on: dt.date) -> str:
    """What the consent form says of the leaflet: its id, title, version, review date (the one its
    footer prints, next_review) and the day given (this computer's, where the record keeps UTC); a
    translation or large print says so after the title."""
    from ..sources.i18n import SOURCE, language_name, long_date
    doc, english = job.leaflet.model.document, job.leaflet.original.model.document
    kind = [language_name(job.leaflet.language)] if job.leaflet.language != SOURCE else []
    kind += ["large print"] if job.variant.large_print else []
    title = english.title + (f" ({', '.join(kind)})" if kind else "")
    return (f"Leaflet {doc.id}, {title}, version {doc.version}, reviewed {long_date(doc.next_review, SOURCE)}, "
            f"given {long_date(given_on, SOURCE)}")


def _job(project: Project, giving: Giving, today: dt.date) -> Job:
    """The one PDF asked for: this leaflet in this language (never the bilingual one), for one brand,
    in this format."""
    from ..model.plan import plan
    brands = (giving.brand,) if giving.brand else tuple(project.brands)
    if len(brands) != 1:
        raise UsageError(f"choose one --brand (from: {', '.join(sorted(project.brands))})")
    jobs = plan(project, brands, (giving.leaflet,), giving.profile, giving.paper, giving.large_print,
                languages=(giving.language,), today=today)
    found = [job for job in jobs if not job.parts and job.variant.large_print == giving.large_print]
    if not found:
        raise LeafletError(f"{giving.leaflet} has no {giving.language} translation to give")
    return found[0]


def _entry(job: Job, pdf: BuiltPdf, reference: str, nhs_number: str | None, channel: str, by: str,
           notification: str | None, at: dt.datetime) -> Given:
    from ..outputs.register.schema import Given
    doc = job.leaflet.model.document
    url = job.brand.model.defaults.leaflets.leaflet_url(doc.id, job.leaflet.slug)
    return Given(given_at=at, leaflet_id=doc.id, leaflet=job.leaflet.slug, title=doc.title, version=doc.version,
                 review_date=doc.next_review, brand=job.brand.slug, language=job.leaflet.language,
                 profile=job.variant.profile, paper=job.variant.paper, large_print=job.variant.large_print,
                 pdf=pdf.path, url=url, sha256=pdf.sha256, sha1=pdf.sha1, size=pdf.size, channel=channel,
                 given_by=by, patient=reference, nhs_number=nhs_number, notification_id=notification)
