"""Glossary model, per-language term matching and terminology drift findings.

Terms reads no files: the TBX and CSV readers are in `workbench.formats`, a project's glossary
and dismissals files in `workbench.project`.
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
