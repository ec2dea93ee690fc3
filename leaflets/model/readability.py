"""Reading level of what a patient reads: Flesch reading ease, Flesch-Kincaid grade and SMOG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import textstat

from ..errors import Problem
from ..sources import languages
from ..sources.i18n import language_name
from ..sources.yamlsource import FieldPath
from .leaflets import Leaflet
from .models import ReadingLevel
from .text import plain_blocks, read_fields, sentences

SKIPPED = {("at_a_glance", "name")}  # a name, not a sentence
MIN_WORDS = 6


@dataclass(frozen=True)
class Sentence:
    path: FieldPath
    text: str
    words: int
    grade: float


@dataclass(frozen=True)
class Score:
    leaflet: Leaflet
    words: int
    sentences: list[Sentence]
    reading_ease: float
    grade: float
    smog: float

    def misses(self, target: ReadingLevel) -> list[str]:
        """What is over target, in words."""
        missed = []
        if self.grade > target.max_grade:
            missed.append(f"Flesch-Kincaid grade {self.grade:.1f} is above {target.max_grade:g}")
        if self.reading_ease < target.min_reading_ease:
            missed.append(f"reading ease {self.reading_ease:.1f} is below {target.min_reading_ease:g}")
        return missed

    def hardest(self, count: int = 3) -> list[Sentence]:
        """Highest grade first, among real sentences: a one-word list item scores high on any
        formula but is not what makes a leaflet hard."""
        candidates = [s for s in self.sentences if s.words >= MIN_WORDS] or self.sentences
        return sorted(candidates, key=lambda s: (-s.grade, -s.words))[:count]

    def longest(self, count: int = 3) -> list[Sentence]:
        return sorted(self.sentences, key=lambda s: (-s.words, -s.grade))[:count]


def score(leaflet: Leaflet, quoted: Sequence[Leaflet] = ()) -> Score:
    """Scores for the whole leaflet, and for each sentence so the hardest can be named.

    `quoted` are the therapy leaflets whose at-a-glance text an overview prints in its table.
    """
    found = []
    fields = list(read_fields(leaflet.doc.data))
    fields += [(path, text) for other in quoted
               for path, text in read_fields({"at_a_glance": other.doc.data.get("at_a_glance", {})})]
    for path, markdown in fields:
        if path in SKIPPED:
            continue
        for block in plain_blocks(markdown):
            for text in sentences(block):
                found.append(Sentence(path, text, textstat.lexicon_count(text),
                                      textstat.flesch_kincaid_grade(text)))
    whole = " ".join(s.text for s in found)
    if not found:
        return Score(leaflet, 0, [], 0.0, 0.0, 0.0)
    return Score(leaflet, textstat.lexicon_count(whole), found, textstat.flesch_reading_ease(whole),
                 textstat.flesch_kincaid_grade(whole), textstat.smog_index(whole))


def table(scores: list[Score], target: ReadingLevel) -> list[str]:
    """The reading-level table that `check` prints."""
    lines = [f"{'leaflet':<18} {'words':>6} {'sentences':>9} {'ease':>6} {'grade':>6} {'SMOG':>6}  target "
             f"(grade <= {target.max_grade:g}, ease >= {target.min_reading_ease:g})"]
    for s in scores:
        verdict = "over" if s.misses(target) else "ok"
        lines.append(f"{s.leaflet.slug:<18} {s.words:>6} {len(s.sentences):>9} {s.reading_ease:>6.1f} "
                     f"{s.grade:>6.1f} {s.smog:>6.1f}  {verdict}")
    return lines


def sentence_lines(scores: list[Score]) -> list[str]:
    """The longest and hardest sentences of each leaflet, with where they are."""
    lines = []
    for s in scores:
        lines.append(f"{s.leaflet.slug}: longest and hardest sentences")
        for label, picked in (("longest", s.longest()), ("hardest", s.hardest())):
            for sentence in picked:
                pos = s.leaflet.doc.position(sentence.path)
                lines.append(f"  {label}: {s.leaflet.doc.display}:{pos.line}: {sentence.words} words, "
                             f"grade {sentence.grade:.1f}: {sentence.text}")
    return lines


def reading_problems(scores: list[Score], target: ReadingLevel) -> list[Problem]:
    """One problem per leaflet over target, at its hardest sentence."""
    problems = []
    for s in scores:
        if not s.sentences:
            problems.append(s.leaflet.doc.problem((), f"{s.leaflet.slug} has no text to measure",
                                                  "write the leaflet's text in its fields"))
            continue
        missed = s.misses(target)
        if missed:
            worst = s.hardest(1)[0]
            problems.append(s.leaflet.doc.problem(
                worst.path, f"{s.leaflet.slug} is too hard to read: {'; '.join(missed)}",
                f"simplify its hardest sentences, starting with this one: \"{worst.text}\""))
    return problems


def has_formula(root: Path, language: str) -> bool:
    """Whether `language` has a readability formula made for it (its language.yaml names one)."""
    found = languages.load(root).found
    return language in found and found[language].data.readability is not None


def translation_line(leaflet: Leaflet, root: Path) -> str:
    """One line of `check` for a translation: the formula its language.yaml names (one made for that
    language, as textstat implements it), or plainly none rather than an English formula."""
    language = leaflet.language
    found = languages.load(root).found
    formula = found[language].data.readability if language in found else None
    label = f"{leaflet.slug} ({language})"
    if formula is None:
        return f"{label:<18} no readability formula for {language_name(language, root)}"
    text = " ".join(s for _, markdown in read_fields(leaflet.doc.data) for block in plain_blocks(markdown)
                    for s in sentences(block))
    textstat.set_lang(formula.textstat_language)
    try:
        value = getattr(textstat, formula.function)(text)
    finally:
        textstat.set_lang("en")
    return f"{label:<18} {formula.name} {value:.1f}"
