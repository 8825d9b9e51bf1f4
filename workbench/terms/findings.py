"""Findings: one terminology or QA problem of one target language, with a stable key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class FindingKind(StrEnum):
    """What is wrong: glossary kinds first, then the project QA rules' kinds."""

    DEPRECATED = "deprecated"
    MISSING = "missing"
    INCONSISTENT = "inconsistent"
    UNTRANSLATED = "untranslated"
    FORBIDDEN = "forbidden"
    NUMBER = "number"
    DATE = "date"
    IDENTICAL = "identical"
    EMPTY = "empty"
    TRADITIONAL = "traditional"

    @property
    def is_glossary_kind(self) -> bool:
        """True for the kinds that compare the text with a glossary."""
        return self in _GLOSSARY_KINDS


_GLOSSARY_KINDS = frozenset(
    {
        FindingKind.DEPRECATED,
        FindingKind.MISSING,
        FindingKind.INCONSISTENT,
        FindingKind.UNTRANSLATED,
    }
)


class Severity(StrEnum):
    """How much it matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One terminology problem in one target language.

    Texts are the joined segments of the bead (space-joined, no space for Chinese);
    `source_spans`/`target_spans` are character offsets of the terms in those texts.
    `row` is the bead row (None for a document-wide finding). `counts` lists
    (rendering, occurrences) for a document-wide inconsistency. For a `missing` finding
    `source_count`/`target_count` are the concept's occurrences on each side of the bead.
    `glossary` names the glossary the concept comes from ("" for a QA rule).
    """

    lang: str
    kind: FindingKind
    concept: str
    expected: tuple[str, ...]
    found: str
    source_text: str
    target_text: str
    source_ids: tuple[str, ...]
    target_ids: tuple[str, ...]
    severity: Severity
    row: int | None
    message: str = ""
    source_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()
    counts: tuple[tuple[str, int], ...] = field(default=())
    anchor: str = ""
    source_count: int = 0
    target_count: int = 0
    glossary: str = ""

    @property
    def is_note(self) -> bool:
        """A deprecated term where the source does not name its concept: a note, not drift."""
        return self.kind is FindingKind.DEPRECATED and self.source_count == 0

    @property
    def key(self) -> str:
        """A stable id that survives re-alignment: kind, concept, language, source text, found.

        The source text is that of the one segment holding the term (`anchor`), not the
        whole bead's, so merging or splitting beads around it keeps the key.
        """
        parts = (
            self.kind.value,
            self.concept,
            self.lang,
            norm(self.anchor or self.source_text),
            norm(self.found),
        )
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary (the `check-terms --format json` record)."""
        return {
            "key": self.key,
            "lang": self.lang,
            "kind": self.kind.value,
            "severity": self.severity.value,
            "concept": self.concept,
            "glossary": self.glossary,
            "expected": list(self.expected),
            "found": self.found,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "source_ids": list(self.source_ids),
            "target_ids": list(self.target_ids),
            "row": self.row,
            "message": self.message,
            "source_spans": [list(s) for s in self.source_spans],
            "target_spans": [list(s) for s in self.target_spans],
            "counts": {name: n for name, n in self.counts},
            "source_count": self.source_count,
            "target_count": self.target_count,
        }


def norm(text: str) -> str:
    """Whitespace runs as one space, case folded: texts compared as a reader would."""
    return " ".join(text.split()).casefold()
