"""Terminology drift and QA findings over an aligned text.

Every segment is matched once per language (matches are cached by segment index); each bead
then compares the concepts of its source side with the terms of its target side
(`workbench.terms.bead_check`), and the project's QA rules run over every bead
(`workbench.terms.qa`). Several glossaries are merged by priority (`workbench.terms.glossaries`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from workbench.core.alignment import ParallelText
from workbench.core.collector import collector_paused
from workbench.terms.bead_check import LanguageCheck
from workbench.terms.findings import Finding, FindingKind, Severity
from workbench.terms.glossaries import NamedGlossary, merge_glossaries
from workbench.terms.glossary import Glossary, for_documents
from workbench.terms.matching import TermMatcher
from workbench.terms.qa import QaRules, SourceCache, check_rules
from workbench.terms.segment_matches import Progress, SegmentMatches, Ticker

__all__ = ["Finding", "FindingKind", "Progress", "Severity", "check_drift"]

_GLOSSARY_KINDS = [k for k in FindingKind if k.is_glossary_kind]


def check_drift(
    text: ParallelText,
    glossary: Glossary | Sequence[NamedGlossary],
    langs: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    rules: QaRules | None = None,
    origin: Mapping[str, str] | None = None,
) -> list[Finding]:
    """All findings for the target languages `langs` (default: every aligned language).

    `glossary` is one glossary or several named ones, highest priority first (each finding
    names its glossary). `rules` are the project's QA rules (default: every kind on, no
    forbidden pattern). `progress(done, total)` counts matched segments and checked beads;
    `cancelled()` is polled as often, and a True answer raises CancelledError.
    """
    if isinstance(glossary, Glossary):
        merged, names = glossary, dict(origin or {})
    else:
        merged, names = merge_glossaries(glossary)
    with collector_paused():
        return _check_drift(text, merged, langs, progress, cancelled, rules or QaRules(), names)


def _check_drift(
    text: ParallelText,
    glossary: Glossary,
    langs: Iterable[str] | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    rules: QaRules,
    origin: Mapping[str, str],
) -> list[Finding]:
    wanted = [lang for lang in (langs if langs is not None else text.alignments)]
    wanted = [lang for lang in wanted if lang in text.alignments]
    # Glossary terms named by the documents they apply to (RFC 4647: a `zh` term checks a
    # `zh-TW` document, a `zh-CN` term does not).
    tags = {lang: text.lang_codes.get(lang, lang) for lang in text.documents}
    glossary, _ = for_documents(glossary, tags)
    pivot = text.pivot_document
    glossary_on = any(rules.is_enabled(k) for k in _GLOSSARY_KINDS) and len(glossary) > 0
    total = sum(len(text.alignments[lang]) for lang in wanted)
    if glossary_on:
        total += len(pivot) + sum(len(text.alignments[lang].target) for lang in wanted)
    ticker = Ticker(total, progress, cancelled)
    findings: list[Finding] = []
    source_cache = SourceCache()
    source_matches = (
        SegmentMatches(TermMatcher(glossary, text.pivot), pivot, ticker) if glossary_on else None
    )
    for lang in wanted:
        alignment = text.alignments[lang]
        if source_matches is not None:
            checker = LanguageCheck(
                glossary, alignment, source_matches, text.pivot, lang, ticker, origin
            )
            findings.extend(checker.beads(ticker))
            findings.extend(checker.document_findings())
        else:
            ticker.tick(len(alignment))
        findings.extend(check_rules(alignment, text.pivot, lang, rules, source_cache))
    if progress is not None:
        progress(total, total)
    if rules.disabled or rules.exceptions:
        findings = [f for f in findings if rules.keeps(f)]
    return findings
