"""The aligner's lengths and words ignore inline codes: a tagged text aligns as its plain text."""

from __future__ import annotations

from workbench.align.aligner import align_segments
from workbench.core.inline import Code, CodeKind, join

ON = Code(CodeKind.OPENING, "1", '<span style="font-weight:bold;color:#c00">', "bpt")
OFF = Code(CodeKind.CLOSING, "1", "</span>", "ept")

EN = [
    "The member states met in Shanghai.",
    "They discussed information security at length, with many delegations present.",
    "A statement was adopted.",
    "It calls for cooperation.",
]
ES = [
    "Los Estados miembros se reunieron en Shanghái.",
    "Debatieron largamente sobre la seguridad de la información, con muchas delegaciones.",
    "Se aprobó una declaración.",
    "Pide cooperación.",
]


def _tag(text: str) -> str:
    words = text.split(" ")
    return join([" ".join(words[:2]) + " ", ON, " ".join(words[2:]), OFF])


def test_a_tagged_text_aligns_as_its_plain_text() -> None:
    plain = align_segments(EN, ES, "en", "es")
    # Heavy markup on the short English sentences only: if codes counted as text, their
    # lengths would no longer fit the Spanish and the beads would move.
    tagged_en = [_tag(t) if len(t) < 40 else t for t in EN]
    tagged = align_segments(tagged_en, ES, "en", "es")
    assert [(b.source, b.target) for b in tagged] == [(b.source, b.target) for b in plain]
    assert [round(b.confidence, 6) for b in tagged] == [round(b.confidence, 6) for b in plain]
