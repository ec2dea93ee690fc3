"""Whether a leaflet may be handed to patients: approval, review dates, and what to warn about.

One function, `why_draft`, decides whether a leaflet is a draft and every reason why. Each reason
gives both what the page's draft band says (translated into the leaflet's language) and the
file:line problem that `--release` and `email --send` refuse with; `draft_reasons` (the band, the
site, the manifest, the evidence pack) and `release_problems` (--release, email) only read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Problem
from ..sources.i18n import N_, catalog_path, language_name, template_messages, untranslated
from ..sources.yamlsource import FieldPath, dotted
from .archive import released
from .brands import ResolvedBrand
from .evidence import claims, field_texts
from .files import GLOSSARY_FILE, display_path
from .leaflets import Leaflet
from .models import Overview, Therapy
from .project import Project
from .services import untranslated_wordings
from .translations import Reason, Translation

Gettext = Callable[[str], str]

APPROVAL_HINT = "set status: approved, approved_by and approved_on once your patient-information group approves it"
REVIEW_HINT = "review it, then update last_checked and next_review"
CHANGED_HINT = "give it a new version number and have it approved, or restore the released text"
# the templates leaflets/render/html.py lays a leaflet's PDF out with: its type's, which extends the layout
TEMPLATES = {Therapy: "therapy.html.j2", Overview: "overview.html.j2"}
PDF_LAYOUT = "base.html.j2"
SHOWN_WORDS = 3  # untranslated template words a reason quotes
CATALOG_HINT = ("translate them in the catalog (a fuzzy entry counts as untranslated until its translation is "
                "checked and the flag taken off); after a template change, bring the catalog up to date with "
                "pybabel update (see README, 'Adding a language')")
BRAND_HINT = ("give it by language beside the English, for example {field}: {{en: \"...\", {language}: \"...\"}}; "
              "see README, 'Adding a clinic'")
GLOSSARY_HINT = "export the glossary for a translator (python3 build.py translations export {language} glossary)"
QUOTES = N_("its table quotes leaflets that are not for patient use (%(names)s)")
TRANSLATION_HINT = ("have a qualified translator bring the translation up to date with the English and check it, "
                    "then record it: build.py translations record-check LANGUAGE LEAFLET --by NAME")


def _same(message: str) -> str:
    return message


@dataclass(frozen=True)
class DraftReason:
    """One reason a leaflet is not for patient use: what its draft band says, and what a refusal
    says (in English, with the hint), both at the file and field to change."""

    why: Reason
    refusal: str
    hint: str

    def text(self, gettext: Gettext = _same) -> str:
        return self.why.text(gettext)

    def problem(self) -> Problem:
        return self.why.doc.problem(self.why.path, self.refusal, self.hint)


@dataclass(frozen=True)
class PlacedReason:
    """A reason whose place is not a field of the leaflet's files (a message catalog, a glossary
    translation that does not exist): what the draft band says, and the refusal at that place."""

    message: str
    values: dict[str, str]
    place: Problem

    def text(self, gettext: Gettext = _same) -> str:
        return gettext(self.message) % self.values

    def problem(self) -> Problem:
        return self.place


def _own(project: Project, leaflet: Leaflet, today: dt.date) -> list[DraftReason]:
    """The English leaflet's approval, review dates and released text (a translation shares them)."""
    english = leaflet.original
    d, doc = english.model.document, english.doc
    found = []
    if d.status != "approved":
        found.append(DraftReason(Reason(N_("it has not been approved"), {}, doc, ("document", "status")),
                                 f"{d.id} is a draft and cannot be released", APPROVAL_HINT))
    elif d.approved_on and d.approved_on > today:
        on = d.approved_on.isoformat()
        found.append(DraftReason(Reason(N_("its approval date (%(date)s) is in the future"), {"date": on}, doc,
                                        ("document", "approved_on")),
                                 f"{d.id} is approved from {on} and cannot be released before then",
                                 "check the approval date"))
    if d.next_review < today:
        due = d.next_review.isoformat()
        found.append(DraftReason(Reason(N_("its review date (%(date)s) has passed"), {"date": due}, doc,
                                        ("document", "next_review")),
                                 f"{d.id} was due for review on {due} and cannot be released", REVIEW_HINT))
    return found + _changed_since_release(project, english)


def _changed_since_release(project: Project, english: Leaflet) -> list[DraftReason]:
    """The text differs from the archived text of the version it carries: that version was
    approved and released with other words, so these words are not the approved ones. Placed at
    the first field that changed (or the version, when only a field was taken out), naming the rest."""
    d = english.model.document
    release = released(project.content, english.slug, d.version)
    if release is None:
        return []
    before, now = release.get("fields") or {}, field_texts(english)
    changed = [name for name in dict.fromkeys([*now, *before]) if now.get(name) != before.get(name)]
    if not changed:
        return []
    paths: dict[str, FieldPath] = {dotted(claim.path): claim.path for claim in claims(english)}
    path = next((paths[name] for name in changed if name in paths), ("document", "version"))
    others = [name for name in changed if name != dotted(path)]
    named = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    also = f", and in {named}" if others else ""
    return [DraftReason(
        Reason(N_("its text has changed since version %(version)s was approved and released"),
               {"version": d.version}, english.doc, path),
        f"{d.id} version {d.version} was released on {release.get('released_on')} with other text here{also}",
        CHANGED_HINT)]


def text_changes(project: Project, leaflets: list[Leaflet]) -> list[Problem]:
    """Each leaflet whose words differ from the released text of its version, at the field to
    change: what `check` refuses, while the page marks it a draft for the same reason."""
    english = {leaflet.original.slug: leaflet.original for leaflet in leaflets}
    return [reason.problem() for leaflet in english.values() for reason in _changed_since_release(project, leaflet)]


def translation_reasons(project: Project, leaflet: Leaflet) -> list[Reason]:
    """Why a translation is not for patient use: its own file's reasons, and its glossary's for the
    terms it shows."""
    if leaflet.translation is None or leaflet.english is None:
        return []
    english = leaflet.english
    d = english.model.document
    reasons = leaflet.translation.reasons(english.doc.data, d.version, d.last_checked)
    glossary = project.glossaries.get(leaflet.language)
    terms = project.words_to_know(english)
    if glossary is not None and project.glossary is not None and terms:
        shown = {project.glossary.terms.index(term) for term in terms}
        data = project.glossary.model_dump(mode="json")
        reasons += glossary.reasons(data, d.version, d.last_checked, lambda path: path[1] in shown)
    return reasons


def language_reasons(project: Project, leaflet: Leaflet) -> list[PlacedReason]:
    """What a translated leaflet would print in English besides its own fields: the words of its
    templates that the language's message catalog leaves untranslated, and its words to know when
    the glossary has no translation in the language."""
    if leaflet.english is None:
        return []
    found = []
    language, english = leaflet.language, leaflet.english
    name, d = language_name(language), english.model.document
    left = untranslated(project.root, language,
                        template_messages(project.root, (PDF_LAYOUT, TEMPLATES[type(english.model)])))
    if left.messages:
        words = ", ".join(f'"{word}"' for word in left.messages[:SHOWN_WORDS])
        words += f" and {len(left.messages) - SHOWN_WORDS} more" if len(left.messages) > SHOWN_WORDS else ""
        catalog = catalog_path(project.root, language)
        found.append(PlacedReason(
            N_("the message catalog leaves %(count)s of the leaflet's words in English: %(words)s"),
            {"count": str(len(left.messages)), "words": words},
            Problem(display_path(catalog, project.root), left.line, 1, "msgstr",
                    f"the {name} message catalog leaves {len(left.messages)} words of {d.id} in English: {words}",
                    CATALOG_HINT)))
    terms = project.words_to_know(english) if project.glossary is not None else []
    if terms and language not in project.glossaries:
        shown = ", ".join(term.term for term in terms[:SHOWN_WORDS])
        more = f" and {len(terms) - SHOWN_WORDS} more" if len(terms) > SHOWN_WORDS else ""
        place = project.content / "translations" / language / GLOSSARY_FILE
        found.append(PlacedReason(
            N_("its words to know are in English: the glossary has no translation in this language"), {},
            Problem(display_path(place, project.root), 1, 1, "(file)",
                    f"{d.id} shows {len(terms)} words to know ({shown}{more}) with no {name} translation",
                    GLOSSARY_HINT.format(language=language))))
    return found


def _quoted_unchecked(project: Project, leaflet: Leaflet) -> list[Translation]:
    """The therapies' translations a translated overview's table quotes cells of (leaflets/model/table.py)
    that no qualified translator has checked."""
    if leaflet.translation is None or not isinstance(leaflet.original.model, Overview):
        return []
    found = []
    for slug in leaflet.original.model.therapies:
        therapy = project.translations.get((leaflet.language, slug))
        own = therapy.translation if therapy is not None else None
        if own is not None and not own.checked and any(key.startswith(f"table.{slug}.")
                                                      for key in leaflet.translation.elsewhere):
            found.append(own)
    return found


def brand_reasons(leaflet: Leaflet, brand: ResolvedBrand | None) -> list[DraftReason]:
    """A translated leaflet prints the brand's contact hours and its services' names and hours in
    its language: each the brand file gives only in other languages is a reason, at that field. The
    draft band says it once, naming the file and the fields."""
    if brand is None or leaflet.english is None:
        return []
    language, doc = leaflet.language, brand.doc
    paths = untranslated_wordings(leaflet.model, brand.model.meta, language)
    fields = ", ".join(dotted(path) for path in paths[:SHOWN_WORDS])
    fields += f" and {len(paths) - SHOWN_WORDS} more" if len(paths) > SHOWN_WORDS else ""
    name = language_name(language)
    why = N_("%(file)s gives %(count)s of the names and hours this leaflet prints in English only: %(fields)s")
    values = {"file": doc.display, "count": str(len(paths)), "fields": fields}
    return [DraftReason(Reason(why, values, doc, path),
                        f"has no {name} text ({language}), so {name} leaflets print it in English",
                        BRAND_HINT.format(field=path[-1], language=language))
            for path in paths]


def waiting_for(project: Project, leaflet: Leaflet, brand: ResolvedBrand | None) -> list[PlacedReason]:
    """An English leaflet waits for each language its brand lists in `meta.release_with`: while that
    language's translation is missing, or is a draft for a reason of the translation's own (unchecked,
    out of date, words left in English), the English is a draft too, so no patient gets the English
    before the translation is ready."""
    if brand is None or leaflet.english is not None:
        return []
    found = []
    d = leaflet.model.document
    for index, language in enumerate(brand.model.meta.release_with):
        name = language_name(language)
        translated = project.translations.get((language, leaflet.slug))
        place = project.content / "translations" / language / f"{leaflet.slug}.yaml"
        values = {"language": name, "file": display_path(place, project.root)}
        if translated is None:
            found.append(PlacedReason(
                N_("there is no %(language)s translation: %(file)s"), values,
                brand.doc.problem(("meta", "release_with", index),
                                  f"{d.id} has no {name} translation ({values['file']}), which this brand "
                                  "releases the English with", TRANSLATION_HINT)))
        elif (translation_reasons(project, translated) or language_reasons(project, translated)
              or brand_reasons(translated, brand)):
            found.append(PlacedReason(
                N_("the %(language)s translation is not checked: %(file)s"), values,
                brand.doc.problem(("meta", "release_with", index),
                                  f"{d.id}'s {name} translation ({values['file']}) is not checked and current, "
                                  "and this brand releases the English with it", TRANSLATION_HINT)))
    return found


def why_draft(project: Project, leaflet: Leaflet, today: dt.date,
              brand: ResolvedBrand | None = None) -> list[DraftReason | PlacedReason]:
    """Every reason this leaflet is not for patient use yet; empty when it is approved and in date.

    A released version whose text has changed since is one (content/archive keeps the released
    text). An overview also counts as a draft while any therapy it quotes in its table is one, and
    a translated overview while its table quotes a therapy's unchecked translation. A
    translation is a draft for its English's reasons (so also when its English changed under a
    released version), while it is unchecked, or any field is out of date or untranslated, and
    while its catalog or glossary leaves words in English, or `brand` (the clinic it is printed
    for) leaves a name or hours it prints in English. An English leaflet is a draft while a
    translation its brand releases it with (`meta.release_with`) is missing or a draft.
    """
    reasons: list[DraftReason | PlacedReason] = list(_own(project, leaflet, today))
    english = leaflet.original
    if isinstance(english.model, Overview):
        shown = [slug for slug in english.model.therapies if _own(project, project.leaflets[slug], today)]
        if shown:
            names = ", ".join(shown)
            reasons.append(DraftReason(
                Reason(QUOTES, {"names": names}, english.doc, ("therapies",)),
                f"{english.model.document.id} quotes leaflets that cannot be released ({names})",
                "approve and release those first"))
        unchecked = [own for own in _quoted_unchecked(project, leaflet) if own.slug not in shown]
        if unchecked:
            names = ", ".join(own.slug for own in unchecked)
            reasons.append(DraftReason(
                Reason(QUOTES, {"names": names}, unchecked[0].doc, ("check",)),
                f"{english.model.document.id} ({leaflet.language}) quotes translations no qualified translator "
                f"has checked ({names})", TRANSLATION_HINT))
    reasons += [DraftReason(reason, reason.text(), TRANSLATION_HINT)
                for reason in translation_reasons(project, leaflet)]
    return (reasons + language_reasons(project, leaflet) + brand_reasons(leaflet, brand)
            + waiting_for(project, leaflet, brand))


def draft_reasons(project: Project, leaflet: Leaflet, today: dt.date, gettext: Gettext = _same,
                  brand: ResolvedBrand | None = None) -> list[str]:
    """What the draft band says, in the language `gettext` translates into; empty for a leaflet
    patients may have."""
    # a leaflet's and its glossary's translation may say the same; so do a brand's fields
    return list(dict.fromkeys(reason.text(gettext) for reason in why_draft(project, leaflet, today, brand)))


def release_problems(project: Project, leaflets: list[Leaflet], today: dt.date,
                     brand: ResolvedBrand | None = None) -> list[Problem]:
    """One problem per reason a leaflet may not be released, at the file and field to change."""
    return [reason.problem() for leaflet in leaflets for reason in why_draft(project, leaflet, today, brand)]


def brand_problems(project: Project, leaflet: Leaflet, brand: ResolvedBrand) -> list[Problem]:
    """The reasons this brand adds to a leaflet's own: the brand's fields it would print in English,
    and the translations its English waits for, each at the brand file's field. `check` warns of
    them and `--release` refuses them (with the leaflet's other reasons)."""
    return ([reason.problem() for reason in brand_reasons(leaflet, brand)]
            + [reason.problem() for reason in waiting_for(project, leaflet, brand)])


def review_warnings(leaflets: list[Leaflet], today: dt.date, days: int) -> list[Problem]:
    """Leaflets whose review is overdue or falls due within `days`."""
    warnings = []
    for leaflet in leaflets:
        due = leaflet.model.document.next_review
        left = (due - today).days
        if left < 0:
            message = f"review was due on {due.isoformat()}, {-left} days ago; the leaflet is marked as a draft"
        elif left <= days:
            message = f"review is due on {due.isoformat()}, in {left} days"
        else:
            continue
        warnings.append(leaflet.doc.problem(("document", "next_review"), message, REVIEW_HINT))
    return warnings
