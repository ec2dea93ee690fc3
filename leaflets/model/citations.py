"""Citations by key in the text ([weinshenker-1999]), numbered in order of first use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from markupsafe import Markup

from ..errors import Problem
from ..sources.yamlsource import FieldPath, YamlDocument
from .models import LeafletBase, Reference

CITATION = re.compile(r"\[([a-z0-9][a-z0-9-]*(?:\s*,\s*[a-z0-9][a-z0-9-]*)*)\](?!\()")
BRACKETS = re.compile(r"\[([^\[\]]+)\](?!\()")  # anything in brackets that is not a link's text
LINK = re.compile(r"\[([^\[\]]*\[[^\]]*\][^\[\]]*)\]\(")  # a link whose text holds brackets
CITED = re.compile(r"(\s*)" + CITATION.pattern)  # with the space before it
UNCITED_FIELDS = {"document", "references", "type", "therapies"}
PLAIN_FIELDS = {"heading": "a heading", "alt": "alt text", "name": "a name"}  # shown without Markdown


def cited_keys(text: str) -> list[str]:
    """The keys cited in `text`, in order."""
    return [key.strip() for match in CITATION.finditer(text) for key in match.group(1).split(",")]


def _citing_fields(data: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if not (path == () and key in UNCITED_FIELDS):
                yield from _citing_fields(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _citing_fields(value, (*path, index))


def citation_problems(doc: YamlDocument, leaflet: LeafletBase) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): unknown keys and citations in the at-a-glance summary are errors;
    a reference that nothing cites is a warning."""
    known = {ref.key: ref for ref in leaflet.references}
    errors, used = [], set()
    for index, ref in enumerate(leaflet.references):
        if [r.key for r in leaflet.references].index(ref.key) != index:
            errors.append(doc.problem(("references", index, "key"), f"'{ref.key}' is listed twice",
                                      "give each reference its own key"))
    for path, text in _citing_fields(doc.data):
        errors.extend(_bracket_problems(doc, path, text, list(known)))
        for key in cited_keys(text):
            used.add(key)
            if path and path[-1] in PLAIN_FIELDS:
                errors.append(doc.problem(path, f"citation [{key}] in {PLAIN_FIELDS[path[-1]]}",
                                          "citations are shown only in the text; move it to a sentence"))
            elif path[:1] == ("at_a_glance",):
                errors.append(doc.problem(path, f"citation [{key}] in the at-a-glance summary",
                                          "the summary is also used in the overview's table; cite the "
                                          "source in the main text instead"))
            elif key not in known:
                errors.append(doc.problem(path, f"unknown citation key [{key}]",
                                          f"use one of the keys under references: {', '.join(known)}"))
    for index, ref in enumerate(leaflet.references):
        if not ref.findable:
            errors.append(doc.problem(("references", index), f"reference '{ref.key}' has no doi, pmid, pmcid or url",
                                      "add one so a reader can find the source, or leave the source out"))
    warnings = [doc.problem(("references", index, "key"), f"reference '{ref.key}' is never cited",
                            f"cite it in the text as [{ref.key}], or remove it")
                for index, ref in enumerate(leaflet.references) if ref.key not in used]
    return errors, warnings


def _bracket_problems(doc: YamlDocument, path: FieldPath, text: str, known: list[str]) -> list[Problem]:
    """Square brackets in the text are for citations only: a misspelt key is not left as text."""
    problems = []
    for match in LINK.finditer(text):
        problems.append(doc.problem(path, f"a citation inside the text of a link: '[{match.group(1)}]'",
                                    "put the citation after the link"))
    for match in BRACKETS.finditer(text):
        if CITATION.fullmatch(match.group(0)):
            continue
        keys = [k.strip().lower().replace("_", "-").replace(" ", "-") for k in match.group(1).split(",")]
        close = [difflib.get_close_matches(k, known, n=1, cutoff=0.6) for k in keys]
        hint = (f"did you mean [{', '.join(c[0] if c else k for c, k in zip(close, keys, strict=True))}]?" if any(close)
                else "square brackets are for citations of keys under references, such as [" +
                (known[0] if known else "source-2020") + "]")
        problems.append(doc.problem(path, f"'{match.group(0)}' is not a citation", hint))
    return problems


MAX_AUTHORS = 3  # then "et al", as many NHS source lists do; the full list is in the content file


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def reference_html(ref: Reference) -> Markup:
    """One source in the Vancouver style NHS and medical journals use, with DOI, PubMed and web links."""
    parts: list[Markup] = []
    if ref.authors:
        shown = ref.authors[:MAX_AUTHORS]
        names = ", ".join(shown) + (", et al" if ref.et_al or len(ref.authors) > len(shown) else "")
        parts.append(Markup("{} ").format(_sentence(names)))
    elif ref.publisher and not ref.journal:
        parts.append(Markup("{} ").format(_sentence(ref.publisher)))
    parts.append(Markup("{} ").format(_sentence(ref.title)))
    if ref.journal:
        where = ref.journal + "."
        if ref.year:
            where += f" {ref.year}"
            if ref.volume:
                where += f";{ref.volume}"
            if ref.issue:
                where += f"({ref.issue})"
            if ref.pages:
                where += f":{ref.pages}"
            where += "."
        parts.append(Markup("{} ").format(where))
    elif ref.year:
        parts.append(Markup("{}. ").format(ref.year))
    if ref.note:
        parts.append(Markup("({}). ").format(ref.note))
    links = []
    if ref.doi:
        links.append(Markup('doi:<a href="https://doi.org/{0}">{0}</a>').format(ref.doi))
    if ref.pmid:
        links.append(Markup('PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/{0}/">{0}</a>').format(ref.pmid))
    if ref.pmcid:
        links.append(Markup('PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/{0}/">{0}</a>').format(ref.pmcid))
    if ref.url:
        links.append(Markup('<a href="{0}">{0}</a>').format(ref.url))
    return Markup("").join(parts) + Markup(". ").join(links) + (Markup(".") if links and not ref.url else "")


class Citations:
    """Numbers references in the order the template first cites them; with `shown` off, the text
    carries no markers (screen readers would read each one aloud) and the list is alphabetical."""

    def __init__(self, references: list[Reference], shown: bool = True) -> None:
        self.references = {ref.key: ref for ref in references}
        self.numbers: dict[str, int] = {}
        self.shown = shown

    def number(self, key: str) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def link(self, html: str) -> Markup:
        """Replace each [key, key] in rendered HTML with its numbers in the reference list."""
        def replace(match: re.Match[str]) -> str:
            keys = [key.strip() for key in match.group(2).split(",")]
            if not all(key in self.references for key in keys):
                return match.group(0)
            if not self.shown:
                for key in keys:
                    self.number(key)
                return ""
            numbers = ", ".join(str(number) for number in sorted(self.number(key) for key in keys))
            # Plain text joined to the word before by a no-break space: a citation never starts a
            # line, and WeasyPrint 70 breaks lines early before inline elements (its issue #1614),
            # so the numbers are not wrapped in a link or span.
            space = "\u00a0" if match.group(1) else ""
            return f"{space}[{numbers}]"
        return Markup(CITED.sub(replace, html))

    def ordered(self) -> list[tuple[int, Reference]]:
        """Cited references by number, then any never cited, numbered after them; without markers in
        the text, in alphabetical order of how each is printed."""
        for key in self.references:
            self.number(key)
        by_number = sorted(((n, self.references[k]) for k, n in self.numbers.items()), key=lambda item: item[0])
        if self.shown:
            return by_number
        return sorted(by_number, key=lambda item: str(reference_html(item[1])).lower())
