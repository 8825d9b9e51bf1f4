"""Term status, part of speech and term type as vendors write them, mapped onto TBX-Basic.

Terminology tools write more than TBX-Basic's picklists: ISO 12620 statuses
(`standardizedTerm-admn-sts`, `legalTerm-admn-sts`, `regulatedTerm-admn-sts`), TBX-Min and
Weblate words (`obsolete`, `notRecommended`, `forbidden`), localised parts of speech (`nom`,
`Substantiv`), ISO 12620 term types (`entryTerm`, `initialism`). Each reader maps a value here:
a value with a TBX-Basic equivalent takes it, and any other value is kept, as
`category: value`, in the term's note, so reading never loses what the file said.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.terms.glossary import PARTS_OF_SPEECH, TERM_TYPES, TermStatus

# ISO 12620 / TBX administrativeStatus and normativeAuthorization values, TBX-Min's and
# Weblate's words, lower-cased and without the `-admn-sts` suffix. Standardized, legal,
# regulated and normative terms are the ones an authority prescribes: preferred.
_STATUSES = {
    "preferredterm": TermStatus.PREFERRED,
    "preferred": TermStatus.PREFERRED,
    "standardizedterm": TermStatus.PREFERRED,
    "standardized": TermStatus.PREFERRED,
    "legalterm": TermStatus.PREFERRED,
    "legal": TermStatus.PREFERRED,
    "regulatedterm": TermStatus.PREFERRED,
    "regulated": TermStatus.PREFERRED,
    "normativeterm": TermStatus.PREFERRED,
    "normative": TermStatus.PREFERRED,
    "approved": TermStatus.PREFERRED,
    "admittedterm": TermStatus.ADMITTED,
    "admitted": TermStatus.ADMITTED,
    "proposed": TermStatus.ADMITTED,
    "deprecatedterm": TermStatus.DEPRECATED,
    "deprecated": TermStatus.DEPRECATED,
    "notrecommended": TermStatus.DEPRECATED,
    "obsolete": TermStatus.DEPRECATED,
    "obsoleteterm": TermStatus.DEPRECATED,
    "forbidden": TermStatus.DEPRECATED,
    "forbiddenterm": TermStatus.DEPRECATED,
    "supersededterm": TermStatus.SUPERSEDED,
    "superseded": TermStatus.SUPERSEDED,
}

_PARTS_OF_SPEECH = {p.lower(): p for p in PARTS_OF_SPEECH} | {
    "n": "noun",
    "n.": "noun",
    "properNoun".lower(): "noun",
    "v": "verb",
    "v.": "verb",
    "adj": "adjective",
    "adj.": "adjective",
    "adv": "adverb",
    "adv.": "adverb",
}

_TERM_TYPES = {t.lower(): t for t in TERM_TYPES} | {
    "full form": "fullForm",
    "short form": "shortForm",
    "initialism": "acronym",
    "abbreviatedform": "abbreviation",
    "clippedterm": "shortForm",
    "phraseologicalunit": "phrase",
    "setphrase": "phrase",
    "synonymousphrase": "phrase",
}


@dataclass(frozen=True, slots=True)
class Mapped:
    """A value mapped onto the model: the field's value and what goes to the note (or "")."""

    value: str
    note: str = ""


def map_status(text: str) -> tuple[TermStatus | None, str]:
    """The status of a written value and a note for a value with no equivalent.

    An empty value gives (None, ""): the caller's default applies. An unknown one gives
    (None, "administrativeStatus: <value>").
    """
    value = text.strip()
    if not value:
        return None, ""
    key = value.lower().removesuffix("-admn-sts").replace(" ", "")
    status = _STATUSES.get(key)
    if status is None:
        return None, f"administrativeStatus: {value}"
    return status, ""


def map_part_of_speech(text: str) -> Mapped:
    """A part of speech onto the TBX-Basic picklist, or kept as a note."""
    value = text.strip()
    if not value:
        return Mapped("")
    found = _PARTS_OF_SPEECH.get(value.lower())
    return Mapped(found) if found else Mapped("", f"partOfSpeech: {value}")


def map_term_type(text: str) -> Mapped:
    """A term type onto the TBX-Basic picklist, or kept as a note."""
    value = text.strip()
    if not value:
        return Mapped("")
    found = _TERM_TYPES.get(value.lower())
    return Mapped(found) if found else Mapped("", f"termType: {value}")
