"""Glossary coverage: the concepts that have no approved term in a language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.terms.glossary import Glossary


@dataclass(frozen=True, slots=True)
class NoEquivalent:
    """A concept with no preferred or admitted term in `lang` (deprecated ones are listed)."""

    concept: str
    lang: str
    source_terms: tuple[str, ...]
    other_terms: tuple[str, ...] = ()


def no_equivalents(glossary: Glossary, langs: Iterable[str] | None = None) -> list[NoEquivalent]:
    """Per concept and language, in glossary order: the gaps a terminologist must fill.

    `langs` defaults to every language of the glossary but its source language.
    """
    wanted = list(langs) if langs is not None else glossary.langs
    wanted = [lang for lang in wanted if lang != glossary.source_lang]
    gaps: list[NoEquivalent] = []
    for concept in glossary.concepts:
        source = tuple(t.text for t in concept.approved_in(glossary.source_lang))
        for lang in wanted:
            if concept.approved_in(lang):
                continue
            others = tuple(f"{t.text} ({t.status.value})" for t in concept.terms_in(lang))
            gaps.append(NoEquivalent(concept.id, lang, source, others))
    return gaps


def to_text(gaps: Iterable[NoEquivalent]) -> str:
    """One line per gap, for a terminal or a TSV-minded reader."""
    lines = ["concept\tlang\tsource terms\tunapproved terms"]
    for gap in gaps:
        cells = (gap.concept, gap.lang, " | ".join(gap.source_terms), " | ".join(gap.other_terms))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
