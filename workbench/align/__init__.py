"""The automatic sentence aligner: scoring, banded search, evaluation."""

from __future__ import annotations

from workbench.align.aligner import align_segments
from workbench.align.lexicon import Lexicon
from workbench.align.text import align_text, glossary_lexicons, realign_stretch

__all__ = [
    "Lexicon",
    "align_segments",
    "align_text",
    "glossary_lexicons",
    "realign_stretch",
]
