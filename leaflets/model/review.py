"""Whether a leaflet may be handed to patients: approval, review dates, and what to warn about.

One function, `why_draft`, decides whether a leaflet, printed for a brand in its language, is a
draft and every reason why; its approval is that brand's, of exactly what it prints in that
language (`approval_reasons`: leaflets/model/approvals.py and printed.py). Each reason
gives both what the page's draft band says (translated into the leaflet's language) and the
file:line problem that `--release` and `email --send` refuse with; `draft_reasons` (the band, the
site, the manifest, the evidence pack) and `release_problems` (--release, email) only read it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Problem
from ..sources.i18n import N_, catalog_path, language_name, template_messages, untranslated
from ..sources.yamlsource import dotted
from .approvals import Approval
from .archive import released
from .brands import ResolvedBrand
from .files import GLOSSARY_FILE, display_path
from .leaflets import Leaflet
from .models import Overview, Therapy
from .printed import Part, fingerprint_of, placed, printed_parts
from .project import Project
from .services import untranslated_wordings
from .translations import Reason, Translation

Gettext = Callable[[str], str]

APPROVAL_HINT = ("once your patient-information group approves it, record it: python3 build.py approve {leaflet} "
                 "--brand {brand} --language {language} --by NAME --role ROLE")
REAPPROVAL_HINT = ("have it approved as it is now and record it: python3 build.py approve {leaflet} --brand {brand} "
                   "--language {language} --by NAME --role ROLE; or restore what was approved")
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
RELEASED_CHANGED = N_("its text has changed since version %(version)s was approved and released")
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


def _own(project: Project, leaflet: Leaflet, today: dt.date, brand: ResolvedBrand) -> list[DraftReason | PlacedReason]:
    """This brand's approval of the leaflet in its language, and the English's review date (a
    translation shares it)."""
    english = leaflet.original
    d, doc = english.model.document, english.doc
    found = approval_reasons(project, leaflet, brand, today)
    if d.next_review < today:
        due = d.next_review.isoformat()
        found.append(DraftReason(Reason(N_("its review date (%(date)s) has passed"), {"date": due}, doc,
                                        ("document", "next_review")),
                                 f"{d.id} was due for review on {due} and cannot be released", REVIEW_HINT))
    return found


def _named(keys: list[str]) -> str:
    return ", ".join(keys[:SHOWN_WORDS]) + (f" and {len(keys) - SHOWN_WORDS} more" if len(keys) > SHOWN_WORDS else "")


def _changed(before: dict[str, str], parts: dict[str, Part]) -> list[str]:
    """The parts whose text differs from `before` (by SHA-256): those printed now in print order,
    then those no longer printed."""
    return [key for key in dict.fromkeys([*parts, *before])
            if (parts[key].digest if key in parts else None) != before.get(key)]


def approval_reasons(project: Project, leaflet: Leaflet, brand: ResolvedBrand,
                     today: dt.date) -> list[DraftReason | PlacedReason]:
    """Whether this brand approved exactly what the leaflet prints for it in its language: its
    latest approval, unchanged since `build.py approve` wrote it, whose fingerprint is today's and
    whose date has come; and a released version whose text has changed since. Each reason names the
    parts that changed, at the first one's file and line."""
    d = leaflet.model.document
    what = f"{d.id} ({leaflet.language}) for {brand.slug}"
    parts = printed_parts(project, leaflet, brand)
    now = fingerprint_of({key: part.digest for key, part in parts.items()})
    changed_release = _release_reasons(project, leaflet, brand, parts, now)
    if changed_release:
        return changed_release
    approvals = project.approvals.get(brand.slug)
    latest = approvals.latest(leaflet.slug, leaflet.language) if approvals is not None else None
    hint = APPROVAL_HINT.format(leaflet=leaflet.slug, brand=brand.slug, language=leaflet.language)
    if approvals is None or latest is None:
        where = approvals.display if approvals is not None else brand.doc.display
        return [PlacedReason(N_("it has not been approved for this clinic in this language"), {},
                             Problem(where, 1, 1, "approvals", f"{what} has not been approved", hint))]
    index, entry = latest
    if not entry.sealed:
        return [PlacedReason(N_("its approval was changed by hand"), {},
                             approvals.problem(index, "seal", f"the approval of {what} is not as build.py approve "
                                               "wrote it (it was changed by hand), so it does not count", hint))]
    if entry.fingerprint != now:
        changed = _changed(dict(entry.parts), parts)
        place = (placed(parts[changed[0]], project.root).problem if changed and changed[0] in parts
                 else functools.partial(approvals.problem, index, "parts"))
        return [PlacedReason(N_("it has changed since it was approved: %(parts)s"), {"parts": _named(changed)},
                             place(f"{what} has changed since {entry.approved_by} ({entry.role}) approved it on "
                                   f"{entry.approved_on.isoformat()}: {_named(changed)}",
                                   REAPPROVAL_HINT.format(leaflet=leaflet.slug, brand=brand.slug,
                                                          language=leaflet.language)))]
    if entry.approved_on > today:
        on = entry.approved_on.isoformat()
        return [PlacedReason(N_("its approval date (%(date)s) is in the future"), {"date": on},
                             approvals.problem(index, "approved_on", f"{what} is approved from {on} and cannot be "
                                               "released before then", "check the approval date"))]
    return []


def _release_reasons(project: Project, leaflet: Leaflet, brand: ResolvedBrand, parts: dict[str, Part],
                     now: str) -> list[DraftReason | PlacedReason]:
    """A released version's text is the approved one: text that differs from it under the same
    version number is not, and needs a new version and approval (or the released text back)."""
    d = leaflet.model.document
    release = released(project.content, brand.slug, leaflet.slug, leaflet.language, d.version)
    if release is None or release.get("fingerprint") == now:
        return []
    changed = _changed(release.get("parts") or {}, parts)
    place = (placed(parts[changed[0]], project.root).problem if changed and changed[0] in parts
             else functools.partial(leaflet.doc.problem, ("document", "version")))
    return [PlacedReason(RELEASED_CHANGED, {"version": d.version},
                         place(f"{d.id} ({leaflet.language}) for {brand.slug} version {d.version} was released on "
                               f"{release.get('released_on')} with other text: {_named(changed)}", CHANGED_HINT))]


def current_approval(project: Project, leaflet: Leaflet, brand: ResolvedBrand, today: dt.date) -> Approval | None:
    """The brand's approval of exactly what this leaflet prints for it in its language, or None:
    what "About this leaflet" names."""
    approvals = project.approvals.get(brand.slug)
    latest = approvals.latest(leaflet.slug, leaflet.language) if approvals is not None else None
    return latest[1] if latest is not None and not approval_reasons(project, leaflet, brand, today) else None


def text_changes(project: Project, printed: list[tuple[Leaflet, ResolvedBrand]]) -> list[Problem]:
    """Each (leaflet in a language, brand) whose text differs from the released text of its
    version, at the part to change: what `check` refuses, while the page marks it a draft for the
    same reason."""
    found = []
    for leaflet, brand in printed:
        parts = printed_parts(project, leaflet, brand)
        now = fingerprint_of({key: part.digest for key, part in parts.items()})
        found += [reason.problem() for reason in _release_reasons(project, leaflet, brand, parts, now)]
    return found


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
              brand: ResolvedBrand) -> list[DraftReason | PlacedReason]:
    """Every reason this leaflet, printed for `brand` in its language, is not for patient use yet;
    empty when that brand approved exactly what it prints in that language and it is in date.

    Approval is per brand and language (approval_reasons): another clinic's approval, or the
    English's, never counts. A released version whose text has changed since is a reason
    (content/archive keeps the released text). An overview also counts as a draft while any
    therapy it quotes in its table is one for the brand, and a translated overview while its table
    quotes a therapy's unchecked translation. A translation shares its English's review date, and
    is a draft while it is unchecked, or any field is out of date or untranslated, while its
    catalog or glossary leaves words in English, or the brand leaves a name or hours it prints in
    English. An English leaflet is a draft while a translation its brand releases it with
    (`meta.release_with`) is missing or a draft.
    """
    reasons: list[DraftReason | PlacedReason] = list(_own(project, leaflet, today, brand))
    english = leaflet.original
    if isinstance(english.model, Overview):
        shown = [slug for slug in english.model.therapies if _own(project, project.leaflets[slug], today, brand)]
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


def draft_reasons(project: Project, leaflet: Leaflet, today: dt.date, gettext: Gettext = _same, *,
                  brand: ResolvedBrand) -> list[str]:
    """What the draft band says, in the language `gettext` translates into; empty for a leaflet
    patients may have."""
    # a leaflet's and its glossary's translation may say the same; so do a brand's fields
    return list(dict.fromkeys(reason.text(gettext) for reason in why_draft(project, leaflet, today, brand)))


def release_problems(project: Project, leaflets: list[Leaflet], today: dt.date, *,
                     brand: ResolvedBrand) -> list[Problem]:
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
