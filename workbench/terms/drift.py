"""Terminology drift over an aligned text: deprecated, missing, inconsistent, untranslated.

Every segment is matched once per language (matches are cached by segment index); each bead
then compares the concepts of its source side with the terms of its target side.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.alignment import Alignment, ParallelText
from workbench.core.collector import collector_paused
from workbench.core.document import Document
from workbench.core.errors import CancelledError
from workbench.core.inline import visible
from workbench.core.langs import word_joiner
from workbench.terms.glossary import Glossary, TermStatus, for_documents
from workbench.terms.matching import HAN_RE, Match, TermMatcher, script_of

Progress = Callable[[int, int], None]
_SCRIPT_LETTERS = {
    "LATIN": re.compile("[A-Za-z\u00c0-\u024f]"),
    "CYRILLIC": re.compile("[\u0400-\u04ff]"),
    "GREEK": re.compile("[\u0370-\u03ff]"),
    "Han": HAN_RE,
}


class FindingKind(StrEnum):
    """What is wrong."""

    DEPRECATED = "deprecated"
    MISSING = "missing"
    INCONSISTENT = "inconsistent"
    UNTRANSLATED = "untranslated"


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
    (rendering, occurrences) for a document-wide inconsistency.
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
            _norm(self.anchor or self.source_text),
            _norm(self.found),
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
        }


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _SegmentMatches:
    """Matches of one matcher over one document, computed once per segment.

    Given a ticker, every segment is matched up front in a tight loop (the pivot and the
    targets, where every segment is needed); otherwise on first use (the untranslated check).
    """

    def __init__(
        self,
        matcher: TermMatcher,
        document: Document,
        ticker: _Ticker | None = None,
        texts: list[str] | None = None,
    ) -> None:
        self.matcher = matcher
        # Terms are matched in the visible text (inline codes out, a term split by a
        # formatting code reads whole) and findings' offsets point into it.
        self.texts = [visible(t) for t in (texts if texts is not None else document.texts)]
        self.ids = [s.id for s in document.segments]
        self._all: list[list[Match]] | None = None
        self._cache: dict[int, list[Match]] = {}
        if ticker is not None:
            found: list[list[Match]] = []
            for start in range(0, len(self.texts), 512):
                chunk = self.texts[start : start + 512]
                found.extend(matcher.find_all(chunk))
                ticker.tick(len(chunk))
            self._all = found

    @property
    def all(self) -> list[list[Match]]:
        """Matches of every segment (matching the rest now if they were not matched yet)."""
        if self._all is None:
            self._all = [self.of(i) for i in range(len(self.texts))]
        return self._all

    def of(self, index: int) -> list[Match]:
        if self._all is not None:
            return self._all[index]
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = self.matcher.find(self.texts[index])
        return found

    def bead(self, indices: Sequence[int], glue: str) -> tuple[str, list[Match]]:
        """The joined text of `indices` and their matches with offsets in that text."""
        if len(indices) == 1:
            index = indices[0]
            return self.texts[index], (
                self._all[index] if self._all is not None else self.of(index)
            )
        parts: list[str] = []
        matches: list[Match] = []
        offset = 0
        for index in indices:
            if parts:
                offset += len(glue)
            for m in self.of(index):
                matches.append(
                    Match(
                        m.concept_id,
                        m.term,
                        m.start + offset,
                        m.end + offset,
                        m.text,
                        m.exact,
                        m.variant,
                    )
                )
            parts.append(self.texts[index])
            offset += len(self.texts[index])
        return glue.join(parts), matches


@dataclass(slots=True)
class _Rendering:
    count: int = 0
    rows: list[int] = field(default_factory=list)


class _Ticker:
    """Counts work units, reports progress and honours cancellation every 512 units."""

    def __init__(
        self, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def tick(self, units: int = 1) -> None:
        before = self.done // 512
        self.done += units
        if self.done // 512 != before:
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)
            if self.cancelled is not None and self.cancelled():
                raise CancelledError("terminology check cancelled")


def check_drift(
    text: ParallelText,
    glossary: Glossary,
    langs: Iterable[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Finding]:
    """All findings for the target languages `langs` (default: every aligned language).

    `progress(done, total)` counts matched segments and checked beads; `cancelled()` is
    polled as often, and a True answer raises CancelledError.
    """
    with collector_paused():
        return _check_drift(text, glossary, langs, progress, cancelled)


def _check_drift(
    text: ParallelText,
    glossary: Glossary,
    langs: Iterable[str] | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> list[Finding]:
    wanted = [lang for lang in (langs if langs is not None else text.alignments)]
    wanted = [lang for lang in wanted if lang in text.alignments]
    # Glossary terms named by the documents they apply to (RFC 4647: a `zh` term checks a
    # `zh-TW` document, a `zh-CN` term does not).
    tags = {lang: text.lang_codes.get(lang, lang) for lang in text.documents}
    glossary, _ = for_documents(glossary, tags)
    pivot = text.pivot_document
    total = len(pivot) + sum(
        len(text.alignments[lang].target) + len(text.alignments[lang]) for lang in wanted
    )
    ticker = _Ticker(total, progress, cancelled)
    source_matches = _SegmentMatches(TermMatcher(glossary, text.pivot), pivot, ticker)
    findings: list[Finding] = []
    for lang in wanted:
        alignment = text.alignments[lang]
        checker = _LanguageCheck(glossary, alignment, source_matches, text.pivot, lang, ticker)
        findings.extend(checker.beads(ticker))
        findings.extend(checker.document_findings())
    if progress is not None:
        progress(total, total)
    return findings


class _LanguageCheck:
    """The per-bead and document-wide checks of one target language."""

    def __init__(
        self,
        glossary: Glossary,
        alignment: Alignment,
        source_matches: _SegmentMatches,
        pivot: str,
        lang: str,
        ticker: _Ticker,
    ) -> None:
        self.glossary = glossary
        self.alignment = alignment
        self.lang = lang
        self.pivot = pivot
        self.source = source_matches
        self.target = _SegmentMatches(TermMatcher(glossary, lang), alignment.target, ticker)
        self.foreign: _SegmentMatches | None = None
        pivot_script = script_of(" ".join(source_matches.texts[:200]))
        target_script = script_of(" ".join(self.target.texts[:200]))
        if pivot_script and target_script and pivot_script != target_script:
            # The pivot's terms, searched in the target: a source term left as is.
            self.foreign = _SegmentMatches(
                source_matches.matcher, alignment.target, texts=self.target.texts
            )
        # A quick test for letters of the pivot's script before looking for its terms.
        self.foreign_letters = _SCRIPT_LETTERS.get(pivot_script)
        self.source_glue = word_joiner(pivot)
        self.target_glue = word_joiner(lang)
        self.expected = {
            c.id: tuple(t.text for t in c.approved_in(lang)) for c in glossary.concepts
        }
        self.short_forms = {
            (c.id, t.text) for c in glossary.concepts for t in c.terms_in(lang) if t.is_short_form
        }
        self.renderings: dict[str, dict[str, _Rendering]] = defaultdict(dict)
        self.by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._paraphrase_cache: dict[str, list[tuple[list[frozenset[str]], int, int]]] = {}

    def beads(self, ticker: _Ticker) -> list[Finding]:
        """Findings of every bead, in row order."""
        out: list[Finding] = []
        source_all, target_all = self.source.all, self.target.all
        quiet_target = self.foreign is None
        for row, bead in enumerate(self.alignment.beads):
            if row % 512 == 511:
                ticker.tick(512)
            # The common case first: a 1-1 bead with no term on either side.
            if (
                len(bead.source) == 1
                and len(bead.target) == 1
                and not source_all[bead.source[0]]
                and not target_all[bead.target[0]]
                and quiet_target
            ):
                continue
            out.extend(self.bead(row))
        ticker.tick(len(self.alignment.beads) % 512)
        return out

    def bead(self, row: int) -> list[Finding]:
        """Findings of bead `row`."""
        bead = self.alignment.beads[row]
        source_text, source_matches = self.source.bead(bead.source, self.source_glue)
        target_text, target_matches = self.target.bead(bead.target, self.target_glue)
        check_foreign = (
            self.foreign is not None
            and bead.target
            and (self.foreign_letters is None or self.foreign_letters.search(target_text))
        )
        if not source_matches and not target_matches and not check_foreign:
            return []
        if bead.source and bead.target and source_matches:
            # Exact texts: a sentence repeated word for word, translated two ways.
            self.by_source[source_text.strip()].append((row, target_text.strip()))

        def finding(
            kind: FindingKind,
            concept: str,
            found: str,
            severity: Severity,
            message: str,
            src: Sequence[Match],
            tgt: Sequence[tuple[int, int]],
        ) -> Finding:
            if src:
                anchor = _segment_at(self.source.texts, bead.source, self.source_glue, src[0].start)
            elif tgt:
                anchor = _segment_at(self.target.texts, bead.target, self.target_glue, tgt[0][0])
            else:
                anchor = source_text
            return Finding(
                self.lang,
                kind,
                concept,
                self.expected.get(concept, ()),
                found,
                source_text,
                target_text,
                tuple(self.source.ids[i] for i in bead.source),
                tuple(self.target.ids[j] for j in bead.target),
                severity,
                row,
                message,
                tuple((m.start, m.end) for m in src),
                tuple(tgt),
                anchor=anchor,
            )

        out: list[Finding] = []
        in_target: set[str] = set()
        for m in target_matches:
            in_target.add(m.concept_id)
            if (m.concept_id, m.term.text) not in self.short_forms:
                self._rendered(m.concept_id, m.term.text, row)
            if not m.status.is_approved:
                severity = Severity.ERROR if m.status is TermStatus.DEPRECATED else Severity.WARNING
                src = [s for s in source_matches if s.concept_id == m.concept_id]
                out.append(
                    finding(
                        FindingKind.DEPRECATED,
                        m.concept_id,
                        m.text,
                        severity,
                        f"{m.status.value} term {m.term.text!r}",
                        src,
                        [(m.start, m.end)],
                    )
                )
        if check_foreign and self.foreign is not None:
            _, foreign = self.foreign.bead(bead.target, self.target_glue)
            for m in foreign:
                if not self.expected.get(m.concept_id) or _overlaps(m, target_matches):
                    continue
                in_target.add(m.concept_id)
                src = [s for s in source_matches if s.concept_id == m.concept_id]
                out.append(
                    finding(
                        FindingKind.UNTRANSLATED,
                        m.concept_id,
                        m.text,
                        Severity.ERROR,
                        f"source term {m.text!r} left untranslated",
                        src,
                        [(m.start, m.end)],
                    )
                )
        if bead.target:
            for concept in dict.fromkeys(m.concept_id for m in source_matches):
                if concept in in_target or not self.expected.get(concept):
                    continue
                src = [s for s in source_matches if s.concept_id == concept]
                located = self._locate(concept, target_text, target_matches)
                spans = [located] if located else []
                found = target_text[located[0] : located[1]] if located else ""
                if found:
                    self._rendered(concept, found, row)
                message = f"the target has {found!r} there" if found else "no term of the concept"
                out.append(
                    finding(
                        FindingKind.MISSING,
                        concept,
                        found,
                        Severity.WARNING,
                        message,
                        src,
                        spans,
                    )
                )
        return out

    def _rendered(self, concept: str, rendering: str, row: int) -> None:
        """Count one use of `rendering` for `concept` at bead `row`."""
        by_text = self.renderings[concept]
        entry = by_text.get(rendering)
        if entry is None:
            entry = by_text[rendering] = _Rendering()
        entry.count += 1
        entry.rows.append(row)

    def _locate(self, concept: str, text: str, matches: Sequence[Match]) -> tuple[int, int] | None:
        """The span of `text` that most likely renders `concept` in other words, if any.

        A window of at most 2n+2 tokens that holds, in any order and inflected, at least 60%
        (and two) of the content words of an approved n-word term. Content words are Han
        characters and words over three letters, so `de`/`la`/`в` cannot make a window.
        """
        analyzer = self.target.matcher.analyzer
        terms = self._paraphrase_words(concept)
        if not terms:
            return None
        keys_of = analyzer.keys
        # Which keys the text has, from its distinct words; offsets only if a term may fit.
        present: set[str] = set().union(*map(keys_of, set(analyzer.token_re.findall(text))))
        if all(sum(1 for keys in words if keys & present) < need for words, need, _ in terms):
            return None
        tokens = [(a, b, keys_of(w)) for a, b, w in self.target.matcher.tokens(text)]
        best: tuple[int, int, int] | None = None
        best_span: tuple[int, int] | None = None
        for words, need, width in terms:
            n = len(words)
            if sum(1 for keys in words if keys & present) < need:
                continue
            # Which of the term's content words each token could be.
            by_key: dict[str, list[int]] = {}
            for k, keys in enumerate(words):
                for key in keys:
                    by_key.setdefault(key, []).append(k)
            could = [sorted({k for key in tok[2] for k in by_key.get(key, ())}) for tok in tokens]
            for i, first in enumerate(could):
                if not first:
                    continue
                covered: set[int] = set()
                last = i
                for j in range(i, min(len(tokens), i + width)):
                    for k in could[j]:
                        if k not in covered:
                            covered.add(k)
                            last = j
                            break
                if len(covered) < need:
                    continue
                start, end = tokens[i][0], tokens[last][1]
                if any(start < m.end and m.start < end for m in matches):
                    continue
                score = (len(covered) * 100 // n, -(last - i), -i)
                if best is None or score > best:
                    best, best_span = score, (start, end)
        return best_span

    def _paraphrase_words(self, concept: str) -> list[tuple[list[frozenset[str]], int, int]]:
        """Per approved term: keys of its content words, how many must be seen, window size."""
        cached = self._paraphrase_cache.get(concept)
        if cached is None:
            analyzer = self.target.matcher.analyzer
            cached = []
            for term in self.expected.get(concept, ()):
                all_words = analyzer.token_re.findall(term)
                words = [analyzer.keys(w) for w in all_words if _is_content(w)]
                if len(words) >= 2:
                    cached.append(
                        (words, max(2, math.ceil(0.6 * len(words))), 2 * len(all_words) + 2)
                    )
            self._paraphrase_cache[concept] = cached
        return cached

    def document_findings(self) -> list[Finding]:
        """Document-wide: several renderings of one concept; one source with two translations."""
        out: list[Finding] = []
        for concept, renderings in self.renderings.items():
            if len(renderings) < 2:
                continue
            # The expected terms lead (then by use), so the rows named are the ones to fix.
            expected = self.expected.get(concept, ())
            ranked = sorted(
                renderings.items(),
                key=lambda kv: (kv[0] not in expected, -kv[1].count, kv[0]),
            )
            minority_rows = sorted({r for _, rend in ranked[1:] for r in rend.rows})
            counts = tuple((name, rend.count) for name, rend in ranked)
            out.append(self._document_finding(concept, counts, minority_rows))
        for _source, pairs in self.by_source.items():
            targets = list(dict.fromkeys(t for _, t in pairs))
            if len(targets) < 2:
                continue
            rows = [row for row, _ in pairs]
            first = rows[0]
            bead = self.alignment.beads[first]
            source_text, source_matches = self.source.bead(bead.source, self.source_glue)
            concept = source_matches[0].concept_id if source_matches else ""
            tally = Counter(t for _, t in pairs)
            out.append(
                Finding(
                    self.lang,
                    FindingKind.INCONSISTENT,
                    concept,
                    (),
                    " | ".join(targets),
                    source_text,
                    self.target.bead(bead.target, self.target_glue)[0],
                    tuple(self.source.ids[i] for r in rows for i in self.alignment.beads[r].source),
                    tuple(self.target.ids[j] for r in rows for j in self.alignment.beads[r].target),
                    Severity.WARNING,
                    first,
                    f"the same source sentence has {len(targets)} different translations",
                    tuple((m.start, m.end) for m in source_matches),
                    counts=tuple(tally.most_common()),
                )
            )
        return out

    def _document_finding(
        self, concept: str, counts: tuple[tuple[str, int], ...], rows: list[int]
    ) -> Finding:
        first = rows[0] if rows else None
        target_text = ""
        target_ids: list[str] = []
        for row in rows:
            target_ids.extend(self.target.ids[j] for j in self.alignment.beads[row].target)
        if first is not None:
            target_text = self.target.bead(self.alignment.beads[first].target, self.target_glue)[0]
        summary = ", ".join(f"{name} ({n})" for name, n in counts)
        return Finding(
            self.lang,
            FindingKind.INCONSISTENT,
            concept,
            self.expected.get(concept, ()),
            " | ".join(sorted(name for name, _ in counts)),
            "",
            target_text,
            (),
            tuple(target_ids),
            Severity.INFO,
            first,
            f"{len(counts)} renderings across the document: {summary}",
            counts=counts,
        )


def _segment_at(texts: Sequence[str], indices: Sequence[int], glue: str, offset: int) -> str:
    """The text of the segment of a joined bead text that holds character `offset`."""
    position = 0
    for index in indices:
        position += len(texts[index]) + len(glue)
        if offset < position:
            return texts[index]
    return texts[indices[-1]] if indices else ""


def _is_content(word: str) -> bool:
    return len(word) > 3 or bool(HAN_RE.match(word))


def _overlaps(match: Match, others: Sequence[Match]) -> bool:
    return any(match.start < o.end and o.start < match.end for o in others)
