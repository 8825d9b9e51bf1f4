"""The concept-oriented glossary: concepts, terms with status, and reversible edits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from workbench.core.errors import EditError
from workbench.core.langtags import matches

#: TBX-Basic term types that name a short form of a concept (used next to the full form).
SHORT_TERM_TYPES = frozenset({"abbreviation", "acronym", "shortForm"})

#: The TBX-Basic picklists for partOfSpeech and termType.
PARTS_OF_SPEECH = ("adjective", "noun", "other", "verb", "adverb")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")

_ALL_CAPS = re.compile(r"^[^\W\d_]{2,}$")


class TermStatus(StrEnum):
    """Administrative status of a term (TBX administrativeStatus without the suffix)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"

    @property
    def is_approved(self) -> bool:
        """True for preferred and admitted terms: the ones a translation should use."""
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)

    @property
    def tbx_value(self) -> str:
        """The TBX picklist value, e.g. `preferredTerm-admn-sts`."""
        return f"{self.value}Term-admn-sts"

    @classmethod
    def parse(cls, value: str) -> TermStatus:
        """Accept `preferred`, `preferredTerm-admn-sts`, `preferredTerm` (any case)."""
        text = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
        for status in cls:
            if status.value == text:
                return status
        raise ValueError(f"unknown term status {value!r}")


class MatchMode(StrEnum):
    """How a term is found in running text (as memoQ and Phrase let a terminologist choose)."""

    INFLECTED = "inflected"  # every word may inflect (lemmas, stems)
    EXACT = "exact"  # the words as written (case aside, unless case-sensitive)
    PREFIX = "prefix"  # each word begins a text word: "cyber" finds "cybersecurity"
    PATTERN = "pattern"  # a regular expression (`pattern`, else the term text)


#: How a term's matching settings are kept in its TBX `note` (TBX-Basic has no termNote type
#: for them): one line of its own, e.g. `workbench-match: exact; case-sensitive`.
MATCH_NOTE_PREFIX = "workbench-match:"


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language, with how it is matched."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    part_of_speech: str = ""
    term_type: str = ""
    note: str = ""
    match: MatchMode = MatchMode.INFLECTED
    case_sensitive: bool = False
    pattern: str = ""

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise EditError("a term cannot be empty")
        if self.text != self.text.strip():
            raise EditError(f"term {self.text!r} has surrounding spaces")
        if not self.lang:
            raise EditError(f"term {self.text!r} has no language")
        if self.match is MatchMode.PATTERN:
            try:
                re.compile(self.pattern or self.text)
            except re.error as exc:
                raise EditError(f"term {self.text!r}: bad pattern: {exc}") from None
        elif self.pattern:
            raise EditError(f"term {self.text!r}: a pattern needs match mode 'pattern'")

    @property
    def has_default_matching(self) -> bool:
        """True for an inflected, case-insensitive term (nothing to store)."""
        return self.match is MatchMode.INFLECTED and not self.case_sensitive

    @property
    def matching_note(self) -> str:
        """The note line that stores the matching settings ("" for the default ones)."""
        if self.has_default_matching:
            return ""
        parts = [self.match.value]
        if self.case_sensitive:
            parts.append("case-sensitive")
        if self.pattern:
            parts.append(f"pattern={self.pattern}")
        return f"{MATCH_NOTE_PREFIX} {'; '.join(parts)}"

    @property
    def note_with_matching(self) -> str:
        """The note as a file stores it: the user's note, then the matching line if any."""
        return "\n".join(part for part in (self.note, self.matching_note) if part)

    @property
    def is_short_form(self) -> bool:
        """True for abbreviations, acronyms and short forms (by type or by all-capitals shape)."""
        return self.term_type in SHORT_TERM_TYPES or is_abbreviation(self.text)


def split_matching_note(note: str) -> tuple[str, MatchMode, bool, str]:
    """(the user's note, match mode, case-sensitive, pattern) from a stored note.

    ValueError for a matching line that names an unknown mode or setting.
    """
    mode, case_sensitive, pattern = MatchMode.INFLECTED, False, ""
    kept: list[str] = []
    for line in note.split("\n"):
        if not line.strip().startswith(MATCH_NOTE_PREFIX):
            kept.append(line)
            continue
        settings = line.strip()[len(MATCH_NOTE_PREFIX) :]
        for raw in settings.split(";"):
            item = raw.strip()
            if item.startswith("pattern="):
                # The pattern runs to the end of the line (it may hold a ";").
                pattern = settings[settings.index("pattern=") + len("pattern=") :].strip()
                break
            if item == "case-sensitive":
                case_sensitive = True
            elif item:
                mode = MatchMode(item)
    return "\n".join(kept).strip("\n"), mode, case_sensitive, pattern


def is_abbreviation(text: str) -> bool:
    """True when `text` is one word of two or more capital letters (ICT, ИКТ, OCS)."""
    return bool(_ALL_CAPS.match(text)) and text.isupper()


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept: id, subject field, definition, note and its terms in every language."""

    id: str
    subject_field: str = ""
    definition: str = ""
    note: str = ""
    terms: tuple[Term, ...] = ()

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.strip():
            raise EditError(f"invalid concept id {self.id!r}")

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """The terms of language `lang`, in glossary order."""
        return tuple(t for t in self.terms if t.lang == lang)

    def approved_in(self, lang: str) -> tuple[Term, ...]:
        """The preferred and admitted terms of `lang` (preferred first)."""
        terms = [t for t in self.terms if t.lang == lang and t.status.is_approved]
        return tuple(sorted(terms, key=lambda t: t.status is not TermStatus.PREFERRED))

    def preferred_in(self, lang: str) -> Term | None:
        """The first preferred term of `lang`, else the first admitted one, else None."""
        approved = self.approved_in(lang)
        return approved[0] if approved else None

    @property
    def langs(self) -> list[str]:
        """The languages that have at least one term, in first-seen order."""
        return list(dict.fromkeys(t.lang for t in self.terms))


@dataclass(frozen=True, slots=True)
class GlossaryChange:
    """What one edit did: the concept before and after, and its position in the glossary.

    `before` is None for an added concept, `after` None for a deleted one. Reverting a change
    restores `before` at `position`; re-applying restores `after`.
    """

    description: str
    position: int
    before: Concept | None
    after: Concept | None

    @property
    def concept_id(self) -> str:
        """The id the change is about (the new id when a concept was renamed)."""
        concept = self.after if self.after is not None else self.before
        assert concept is not None
        return concept.id


@dataclass(slots=True)
class Glossary:
    """An ordered collection of concepts with lookup and reversible edits."""

    concepts_: list[Concept] = field(default_factory=list)
    source_lang: str = "en"
    description: str = ""

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for concept in self.concepts_:
            if concept.id in seen:
                raise EditError(f"concept id {concept.id!r} is used twice")
            seen.add(concept.id)

    # -- reading ---------------------------------------------------------------------------

    @property
    def concepts(self) -> tuple[Concept, ...]:
        """All concepts in glossary order."""
        return tuple(self.concepts_)

    def __len__(self) -> int:
        return len(self.concepts_)

    def __iter__(self) -> Iterator[Concept]:
        return iter(list(self.concepts_))

    def __contains__(self, concept_id: object) -> bool:
        return any(c.id == concept_id for c in self.concepts_)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return (self.concepts_, self.source_lang, self.description) == (
            other.concepts_,
            other.source_lang,
            other.description,
        )

    def concept(self, concept_id: str) -> Concept:
        """The concept with id `concept_id`; EditError when there is none."""
        return self.concepts_[self.position(concept_id)]

    def position(self, concept_id: str) -> int:
        """The index of concept `concept_id` in glossary order."""
        for index, concept in enumerate(self.concepts_):
            if concept.id == concept_id:
                return index
        raise EditError(f"the glossary has no concept {concept_id!r}")

    @property
    def langs(self) -> list[str]:
        """Every language with a term, in first-seen order."""
        return list(dict.fromkeys(t.lang for c in self.concepts_ for t in c.terms))

    def lookup(self, text: str, lang: str) -> list[tuple[Concept, Term]]:
        """Concepts with a term equal to `text` in `lang` (case-insensitive, exact otherwise)."""
        key = text.strip().casefold()
        return [
            (c, t)
            for c in self.concepts_
            for t in c.terms
            if t.lang == lang and t.text.casefold() == key
        ]

    def term_pairs(self, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
        """(source term, target term) for every approved term pair of every concept: a lexicon."""
        pairs: list[tuple[str, str]] = []
        for concept in self.concepts_:
            for source in concept.approved_in(src_lang):
                for target in concept.approved_in(tgt_lang):
                    pairs.append((source.text, target.text))
        return pairs

    # -- edits -----------------------------------------------------------------------------

    def add_concept(self, concept: Concept, position: int | None = None) -> GlossaryChange:
        """Add `concept` (at the end unless `position` is given)."""
        if concept.id in self:
            raise EditError(f"the glossary already has a concept {concept.id!r}")
        where = len(self.concepts_) if position is None else max(0, min(position, len(self)))
        change = GlossaryChange(f"Add concept {concept.id}", where, None, concept)
        return self.apply(change)

    def edit_concept(
        self,
        concept_id: str,
        *,
        new_id: str | None = None,
        subject_field: str | None = None,
        definition: str | None = None,
        note: str | None = None,
    ) -> GlossaryChange:
        """Change the id, subject field, definition or note of a concept."""
        where = self.position(concept_id)
        before = self.concepts_[where]
        if new_id is not None and new_id != concept_id and new_id in self:
            raise EditError(f"the glossary already has a concept {new_id!r}")
        after = replace(
            before,
            id=before.id if new_id is None else new_id,
            subject_field=before.subject_field if subject_field is None else subject_field,
            definition=before.definition if definition is None else definition,
            note=before.note if note is None else note,
        )
        return self.apply(GlossaryChange(f"Edit concept {concept_id}", where, before, after))

    def delete_concept(self, concept_id: str) -> GlossaryChange:
        """Remove a concept and all its terms."""
        where = self.position(concept_id)
        before = self.concepts_[where]
        return self.apply(GlossaryChange(f"Delete concept {concept_id}", where, before, None))

    def add_term(self, concept_id: str, term: Term, index: int | None = None) -> GlossaryChange:
        """Add `term` to a concept (at the end of its terms unless `index` is given)."""
        where = self.position(concept_id)
        before = self.concepts_[where]
        terms = list(before.terms)
        terms.insert(len(terms) if index is None else index, term)
        after = replace(before, terms=tuple(terms))
        return self.apply(
            GlossaryChange(f"Add term {term.text!r} to {concept_id}", where, before, after)
        )

    def edit_term(self, concept_id: str, index: int, term: Term) -> GlossaryChange:
        """Replace term number `index` (in the concept's term order) with `term`."""
        where = self.position(concept_id)
        before = self.concepts_[where]
        terms = list(before.terms)
        _check_index(index, terms, concept_id)
        old = terms[index]
        terms[index] = term
        after = replace(before, terms=tuple(terms))
        return self.apply(
            GlossaryChange(f"Edit term {old.text!r} of {concept_id}", where, before, after)
        )

    def delete_term(self, concept_id: str, index: int) -> GlossaryChange:
        """Remove term number `index` of a concept."""
        where = self.position(concept_id)
        before = self.concepts_[where]
        terms = list(before.terms)
        _check_index(index, terms, concept_id)
        old = terms.pop(index)
        after = replace(before, terms=tuple(terms))
        return self.apply(
            GlossaryChange(f"Delete term {old.text!r} of {concept_id}", where, before, after)
        )

    def apply(self, change: GlossaryChange) -> GlossaryChange:
        """Put the glossary in the state after `change` (used by edits and by redo)."""
        self._swap(change.before, change.after, change.position)
        return change

    def revert(self, change: GlossaryChange) -> GlossaryChange:
        """Put the glossary back in the state before `change` (undo)."""
        self._swap(change.after, change.before, change.position)
        return change

    def _swap(self, old: Concept | None, new: Concept | None, position: int) -> None:
        if old is not None:
            where = self.position(old.id)
            if self.concepts_[where] != old:
                raise EditError(f"concept {old.id!r} changed since this edit was made")
            del self.concepts_[where]
        if new is not None:
            if new.id in self:
                raise EditError(f"the glossary already has a concept {new.id!r}")
            self.concepts_.insert(min(position, len(self.concepts_)), new)


def _check_index(index: int, terms: list[Term], concept_id: str) -> None:
    if not 0 <= index < len(terms):
        raise EditError(f"concept {concept_id!r} has no term number {index}")


def for_documents(glossary: Glossary, tags: Mapping[str, str]) -> tuple[Glossary, list[str]]:
    """The glossary with its terms named by the documents they apply to, and what was done.

    `tags` maps each document's language (a project key such as `zh` or `zh-TW`) to the tag
    it was written with (`zh-CN`, `zh-TW`). A term applies to a document when its language
    is the document's, or, as an RFC 4647 range, matches the document's tag (`zh` and `zh-TW`
    terms apply to a `zh-TW` document; a `zh-CN` term does not). A document with terms of
    its own language takes only those. The notes say which glossary language was applied to
    which document, and which glossary languages apply to none.
    """
    notes: list[str] = []
    have = glossary.langs
    plan: dict[str, list[str]] = {}  # glossary language -> document keys, where not the same
    for key, tag in tags.items():
        if key in have:
            continue
        found = [g for g in have if matches(g, tag) or matches(g, key)]
        if found:
            # The most specific range first: `zh-TW` before `zh`.
            best = max(found, key=lambda g: g.count("-"))
            plan.setdefault(best, []).append(key)
            notes.append(f"glossary {best} terms apply to the {key} document ({tag})")
    used = set(plan) | {g for g in have if g in tags}
    for lang in have:
        if lang not in used:
            notes.append(
                f"glossary language {lang} matches no document "
                f"({', '.join(f'{k} = {t}' for k, t in tags.items())}); its terms are not used"
            )
    if not plan:
        return glossary, notes
    concepts = []
    for concept in glossary.concepts:
        extra = tuple(
            replace(term, lang=key) for term in concept.terms for key in plan.get(term.lang, ())
        )
        concepts.append(replace(concept, terms=concept.terms + extra) if extra else concept)
    return Glossary(concepts, glossary.source_lang, glossary.description), notes


class GlossaryStep:
    """One glossary change as an undoable step of the project history (`core.history.Step`)."""

    def __init__(self, glossary: Glossary, change: GlossaryChange) -> None:
        self.glossary = glossary
        self.change = change
        self.description = change.description

    @classmethod
    def of(cls, glossary: Glossary, make: Callable[[Glossary], GlossaryChange]) -> GlossaryStep:
        """The step of the edit `make` makes on `glossary`, left unapplied for a history.

        `make` calls one edit method of the glossary (raising before anything changes when
        the edit is impossible); its change is reverted so that the history's `redo` applies
        it, and undo and redo mirror each other.
        """
        change = make(glossary)
        glossary.revert(change)
        return cls(glossary, change)

    @property
    def shown_concept(self) -> str | None:
        """The concept an editor shows after this step was applied or reverted (None: none)."""
        for concept in (self.change.after, self.change.before):
            if concept is not None and concept.id in self.glossary:
                return concept.id
        return None

    def redo(self) -> None:
        """Apply the change."""
        self.glossary.apply(self.change)

    def undo(self) -> None:
        """Revert the change."""
        self.glossary.revert(self.change)
