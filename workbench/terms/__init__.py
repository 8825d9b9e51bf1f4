"""Glossary model, per-language term matching and terminology drift findings.

Reading and writing glossary files is in `workbench.terms.files` (it needs the formats).
"""

from __future__ import annotations

from workbench.terms.dismissals import Dismissal, Dismissals
from workbench.terms.drift import Finding, FindingKind, Severity, check_drift
from workbench.terms.glossary import Concept, Glossary, GlossaryChange, Term, TermStatus
from workbench.terms.matching import Match, TermMatcher, analyzer_for
from workbench.terms.suggest import Suggestion, Suggestions, suggest_for_term, suggest_renderings

__all__ = [
    "Concept",
    "Dismissal",
    "Dismissals",
    "Finding",
    "FindingKind",
    "Glossary",
    "GlossaryChange",
    "Match",
    "Severity",
    "Suggestion",
    "Suggestions",
    "Term",
    "TermMatcher",
    "TermStatus",
    "analyzer_for",
    "check_drift",
    "suggest_for_term",
    "suggest_renderings",
]
