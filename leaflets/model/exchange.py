"""Hand a translation to an agency and take it back: gettext PO files, read and written by Babel.

Each translatable field is one message: its field name is the context (msgctxt), the English
it should be translated from is the msgid, the translation is the msgstr. A field whose English
changed since it was translated is exported as fuzzy (gettext's "look again"), with the English
it was translated from as `#| msgid` (when the file records it) and its hash as a comment; removing
the fuzzy flag on import says the translator has brought it up to date. Every export passes
`msgfmt -c`: a translation begins and ends with a line break exactly where its English does.
Whether a translation is checked never travels in a PO file: only `build.py translations
record-check` records a check (see translations.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from pydantic import ValidationError

from ..errors import Problem
from ..sources.i18n import language_name
from ..sources.yamlsource import FieldPath, dotted
from .po_syntax import checked_text
from .translations import TranslatedField, Translation, TranslationFile, check_state, dump, source_hash

SOURCE_NOTE = "source "  # an extracted comment: the hash of the English a fuzzy message was translated from
KEEP_NOTE = ("Keep the Markdown (**bold**, *italic*, [text](link)), every [key] in square brackets and "
             "each list marker (- or 1. at the start of a line) exactly as in the English.")
SIGN_NOTE = ("This urgent sign continues the sentence of its heading ({heading}): translate it so that "
             "the heading followed by the sign reads as one sentence.")
SIGN = re.compile(r"^urgent\.tiers\[(\d+)\]\.signs\[\d+\]$")
HEADER = "# {name} ({language}) translation of {english}: made and read by `build.py translations`.\n" \
         "# Each field records the English it was translated from, and the first 12 hex digits of its SHA-256.\n"


def header(language: str, english: str) -> str:
    return HEADER.format(name=language_name(language), language=language, english=english)


def notes(key: str) -> list[str]:
    """What a translator must keep, as `#.` comments a PO editor shows beside the message."""
    sign = SIGN.match(key)
    return [KEEP_NOTE, SIGN_NOTE.format(heading=f"urgent.tiers[{sign.group(1)}].heading")] if sign else [KEEP_NOTE]


def ends_as(english: str, text: str) -> str:
    """The translation beginning and ending with a line break where its English does (gettext's
    `msgfmt -c` refuses a message whose msgid and msgstr differ in that)."""
    if not text:
        return text
    return ("\n" if english.startswith("\n") else "") + text.strip("\n") + ("\n" if english.endswith("\n") else "")


def export_po(language: str, slug: str, sources: dict[FieldPath, str], translation: Translation | None,
              english_version: str = "") -> bytes:
    """A PO catalog of every field of one leaflet (or the glossary) for a translator."""
    model = translation.model if translation else TranslationFile()
    catalog = Catalog(locale=language.replace("-", "_"), project=f"leaflets {slug}", version=english_version or None,
                      fuzzy=False, revision_date=dt.datetime.now(dt.UTC),
                      header_comment=f"# {language_name(language)} translation of {slug}")
    extra = {"X-Leaflet": slug, **({"X-English-Version": english_version} if english_version else {})}
    for path, english in sources.items():
        key = dotted(path)
        entry = model.fields.get(key)
        # fuzzy when its English changed since: the hash of the English it was translated from
        was = entry.source if entry is not None and entry.source != source_hash(english) else None
        previous = entry.english if entry is not None and was and entry.english is not None \
            and source_hash(entry.english) == entry.source else None
        catalog.add(english, ends_as(english, entry.text) if entry else "", context=key,
                    flags=["fuzzy"] if was else [], previous_id=previous or (),
                    auto_comments=[*notes(key), *([SOURCE_NOTE + was] if was else [])])
    known = {dotted(p) for p in sources}
    for key, entry in model.fields.items():
        if key not in known:
            catalog.obsolete[(entry.text, key)] = Message(entry.text, entry.text, context=key,
                                                          auto_comments=[SOURCE_NOTE + entry.source])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, no_location=True, include_previous=True)
    lines = buffer.getvalue().decode("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith('"Generated-By'))
    lines[at + 1:at + 1] = [f'"{k}: {v}\\n"\n' for k, v in extra.items()]
    return "".join(lines).encode("utf-8")


def _first(text: str | tuple[str, ...] | list[str] | None) -> str:
    """A message's text: Babel gives plural forms as a sequence, and nothing as None."""
    if text is None or isinstance(text, str):
        return text or ""
    return text[0] if text else ""


def import_po(data: bytes, display: str) -> tuple[TranslationFile | None, list[Problem]]:
    """The translation a PO file carries; problems say what is wrong with it. Only a well-formed
    UTF-8 file is read (po_syntax.py)."""
    text, problems = checked_text(data, display)
    if text is None:
        return None, problems
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except Exception as exc:
        return None, [Problem(display, getattr(exc, "lineno", 1) or 1, 1, "(file)", f"is not a PO file Babel can read "
                              f"({exc})", "export it again with `build.py translations export`")]
    fields: dict[str, TranslatedField] = {}
    messages = [(m, False) for m in catalog if m.id] + [(m, True) for m in catalog.obsolete.values()]
    for message, obsolete in messages:
        if not message.context:
            problems.append(Problem(display, message.lineno or 1, 1, "(message)", f"'{message.id[:40]}' has no "
                                    "msgctxt naming its field", "keep the msgctxt lines the export wrote"))
            continue
        text = _first(message.string)
        if not text.strip():
            continue
        noted = [c[len(SOURCE_NOTE):] for c in message.auto_comments if c.startswith(SOURCE_NOTE)]
        current = not ((message.fuzzy or obsolete) and noted)
        source = source_hash(_first(message.id)) if current else noted[0]
        try:  # the English of a fuzzy field is kept from the file it came from (see `merged`)
            fields[message.context] = TranslatedField(source=source, english=_first(message.id) if current else None,
                                                      text=text if obsolete else ends_as(_first(message.id), text))
        except ValidationError as exc:
            problems.append(Problem(display, message.lineno or 1, 1, message.context,
                                    str(exc.errors()[0]["msg"]).removeprefix("Value error, "),
                                    "correct the msgstr in a PO editor"))
    return TranslationFile(fields=fields), problems


def message_lines(data: bytes) -> dict[str, int]:
    """Where each field's message starts in a PO file that import_po read without problems."""
    text, _ = checked_text(data, "")
    catalog = read_po(io.StringIO(text or ""))
    return {m.context: m.lineno for m in catalog if m.context and m.lineno}


def merged(before: TranslationFile | None, after: TranslationFile, sources: dict[FieldPath, str]) -> TranslationFile:
    """What import writes: the fields the PO file carries (a field still translated from older English
    keeps the English the file recorded for it), and the check record only while it still holds for
    them (an import that changes nothing keeps a translation checked; any change unchecks it)."""
    old = before.fields if before is not None else {}
    fields = {key: entry if entry.english is not None or key not in old or old[key].source != entry.source
              else entry.model_copy(update={"english": old[key].english}) for key, entry in after.fields.items()}
    after = after.model_copy(update={"fields": fields})
    kept = before.check if before is not None else None
    candidate = after.model_copy(update={"check": kept})
    return candidate if check_state(candidate, sources) == "checked" else after


def write_translation(model: TranslationFile, language: str, english: str) -> str:
    """The YAML text of a translation file, under a header naming its language and English file."""
    return dump(model, header(language, english))
