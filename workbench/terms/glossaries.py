"""Several glossaries for one check, in priority order (the project's, a client's, a general one).

The first glossary has the highest priority. A lower glossary's concept is left out when a
higher glossary already has its id, or gives one of its terms (same text, same language) to
a concept of its own: the higher glossary decides what that term means.
Every concept remembers the glossary it came from, so each finding can name it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.terms.glossary import Concept, Glossary


@dataclass(frozen=True, slots=True)
class NamedGlossary:
    """A glossary and the name findings give it (a file name, "project", "client"...)."""

    name: str
    glossary: Glossary


def merge_glossaries(glossaries: Sequence[NamedGlossary]) -> tuple[Glossary, dict[str, str]]:
    """One glossary holding every glossary's concepts by priority, and concept id -> name."""
    concepts: list[Concept] = []
    origin: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()
    for named in glossaries:
        mine: set[tuple[str, str]] = set()
        for concept in named.glossary.concepts:
            if concept.id in origin:
                continue
            keys = {(t.lang, t.text.casefold()) for t in concept.terms}
            if keys & taken:
                continue
            mine |= keys
            concepts.append(concept)
            origin[concept.id] = named.name
        taken |= mine
    source = glossaries[0].glossary.source_lang if glossaries else "en"
    return Glossary(concepts, source), origin
