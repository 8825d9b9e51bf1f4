"""Terminology drift over an aligned text: deprecated, missing, inconsistent, untranslated.

Every segment is matched once per language (matches are cached by segment index); each bead
then compares the concepts of its source side with the terms of its target side
(`workbench.terms.bead_check`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from workbench.core.alignment import ParallelText
from workbench.core.collector import collector_paused
from workbench.terms.bead_check import LanguageCheck
from workbench.terms.findings import Finding, FindingKind, Severity
from workbench.terms.glossary import Glossary
from workbench.terms.matching import TermMatcher
from workbench.terms.segment_matches import Progress, SegmentMatches, Ticker

__all__ = ["Finding", "FindingKind", "Progress", "Severity", "check_drift"]


def check_drift(
    text: ParallelText,
    glossary: Glossary,
    langs: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    origin: Mapping[str, str] | None = None,
) -> list[Finding]:
    """All findings for the target languages `langs` (default: every aligned language).

    `progress(done, total)` counts matched segments and checked beads; `cancelled()` is
    polled as often, and a True answer raises CancelledError. `origin` maps concept ids to
    the name of the glossary they come from (each finding names it).
    """
    with collector_paused():
        return _check_drift(text, glossary, langs, progress, cancelled, origin)


def _check_drift(
    text: ParallelText,
    glossary: Glossary,
    langs: Iterable[str] | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    origin: Mapping[str, str] | None,
) -> list[Finding]:
    wanted = [lang for lang in (langs if langs is not None else text.alignments)]
    wanted = [lang for lang in wanted if lang in text.alignments]
    pivot = text.pivot_document
    total = len(pivot) + sum(
        len(text.alignments[lang].target) + len(text.alignments[lang]) for lang in wanted
    )
    ticker = Ticker(total, progress, cancelled)
    source_matches = SegmentMatches(TermMatcher(glossary, text.pivot), pivot, ticker)
    findings: list[Finding] = []
    for lang in wanted:
        alignment = text.alignments[lang]
        checker = LanguageCheck(
            glossary, alignment, source_matches, text.pivot, lang, ticker, origin
        )
        findings.extend(checker.beads(ticker))
        findings.extend(checker.document_findings())
    if progress is not None:
        progress(total, total)
    return findings
