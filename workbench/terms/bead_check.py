"""The glossary checks of one target language: per bead, then across the document.

Per bead: a deprecated term (an error where the source names its concept, a note where it
does not: the word in another sense), a source term left untranslated, and a concept the
source names more often than the target renders it (`missing`, with both counts).
Across the document: a concept rendered by several approved terms or paraphrases, a target
term that renders several concepts, and one source sentence translated two ways.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from workbench.core.alignment import Alignment
from workbench.core.langs import word_joiner
from workbench.terms.counting import is_bracketed_after, mentions, unmatched
from workbench.terms.findings import Finding, FindingKind, Severity
from workbench.terms.glossary import Glossary, Term, TermStatus, is_abbreviation
from workbench.terms.matching import HAN_RE, Match, TermMatcher, script_of
from workbench.terms.segment_matches import SegmentMatches, Ticker

_SCRIPT_LETTERS = {
    "LATIN": re.compile("[A-Za-z\u00c0-\u024f]"),
    "CYRILLIC": re.compile("[\u0400-\u04ff]"),
    "GREEK": re.compile("[\u0370-\u03ff]"),
    "Han": HAN_RE,
}
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class _Rendering:
    count: int = 0
    rows: list[int] = field(default_factory=list)


def is_short_rendering(term: Term) -> bool:
    """A short form used beside the full one: by type, or holding an abbreviation ("Устав ООН")."""
    return term.is_short_form or any(is_abbreviation(w) for w in _WORDS.findall(term.text))


class LanguageCheck:
    """The per-bead and document-wide glossary checks of one target language."""

    def __init__(
        self,
        glossary: Glossary,
        alignment: Alignment,
        source_matches: SegmentMatches,
        pivot: str,
        lang: str,
        ticker: Ticker,
        origin: Mapping[str, str] | None = None,
    ) -> None:
        self.glossary = glossary
        self.alignment = alignment
        self.lang = lang
        self.pivot = pivot
        self.origin = origin or {}
        self.source = source_matches
        self.target = SegmentMatches(TermMatcher(glossary, lang), alignment.target, ticker)
        self.foreign: SegmentMatches | None = None
        pivot_script = script_of(" ".join(source_matches.texts[:200]))
        target_script = script_of(" ".join(self.target.texts[:200]))
        if pivot_script and target_script and pivot_script != target_script:
            # The pivot's terms, searched in the target: a source term left as is.
            self.foreign = SegmentMatches(
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
            (c.id, t.text)
            for c in glossary.concepts
            for t in c.terms_in(lang)
            if is_short_rendering(t)
        }
        self.owners: dict[str, set[str]] = defaultdict(set)
        for c in glossary.concepts:
            for t in c.terms_in(lang):
                self.owners[t.text].add(c.id)
        self.renderings: dict[str, dict[str, _Rendering]] = defaultdict(dict)
        # Target term -> source concept it rendered -> rows (same target, different source).
        self.renders: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._paraphrase_cache: dict[str, list[tuple[list[frozenset[str]], int, int]]] = {}

    def beads(self, ticker: Ticker) -> list[Finding]:
        """Findings of every bead, in row order."""
        out: list[Finding] = []
        source_all, target_all = self.source.all, self.target.all
        # Target segments that may hold a pivot term left untranslated (letters of its script).
        letters = self.foreign_letters
        if self.foreign is None:
            foreign_rows: set[int] = set()
        elif letters is None:
            foreign_rows = set(range(len(self.target.texts)))
        else:
            foreign_rows = {j for j, t in enumerate(self.target.texts) if letters.search(t)}
        for row, bead in enumerate(self.alignment.beads):
            if row % 512 == 511:
                ticker.tick(512)
            # The common case first: a 1-1 bead with no term on either side.
            if (
                len(bead.source) == 1
                and len(bead.target) == 1
                and not source_all[bead.source[0]]
                and not target_all[bead.target[0]]
                and bead.target[0] not in foreign_rows
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
            counts: tuple[int, int] = (0, 0),
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
                source_count=counts[0],
                target_count=counts[1],
                glossary=self.origin.get(concept, ""),
            )

        named = mentions(source_matches, source_text)
        out: list[Finding] = []
        rendered: list[Match] = []
        for m in target_matches:
            if m.status.is_approved:
                if (m.concept_id, m.term.text) not in self.short_forms:
                    self._rendered(m.concept_id, m.term.text, row)
                if m.concept_id in named:
                    self.renders[m.term.text][m.concept_id].append(row)
                rendered.append(m)
                continue
            src = named.get(m.concept_id, [])
            if src:
                severity = Severity.ERROR if m.status is TermStatus.DEPRECATED else Severity.WARNING
                message = f"{m.status.value} term {m.term.text!r}"
            else:
                # A deprecated term is drift for its concept; here the source does not name
                # the concept, so the word may rightly render something else.
                severity = Severity.INFO
                message = (
                    f"{m.status.value} term {m.term.text!r} of {m.concept_id}, but the source "
                    "does not name that concept here (another sense?)"
                )
            rendered.append(m)
            out.append(
                finding(
                    FindingKind.DEPRECATED,
                    m.concept_id,
                    m.text,
                    severity,
                    message,
                    src,
                    [(m.start, m.end)],
                    (len(src), 1),
                )
            )
        if check_foreign and self.foreign is not None:
            _, foreign = self.foreign.bead(bead.target, self.target_glue)
            for m in foreign:
                if not self.expected.get(m.concept_id) or _overlaps(m, target_matches):
                    continue
                rendered.append(m)
                if any(
                    t.concept_id == m.concept_id and is_bracketed_after(t, m, target_text)
                    for t in target_matches
                ):
                    continue  # "信息通信技术（ICT）": the source's abbreviation beside the term
                src = named.get(m.concept_id, [])
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
        if bead.target and named:
            out.extend(
                self._missing(
                    row, named, rendered, len(source_text), target_text, target_matches, finding
                )
            )
        return out

    def _missing(
        self,
        row: int,
        named: dict[str, list[Match]],
        rendered: list[Match],
        source_len: int,
        target_text: str,
        target_matches: list[Match],
        finding: _FindingMaker,
    ) -> list[Finding]:
        """`missing` findings: concepts the source names more often than the target."""
        in_target = mentions(rendered, target_text)
        short: list[tuple[str, list[Match]]] = []
        for concept, src in named.items():
            if self.expected.get(concept) and len(in_target.get(concept, ())) < len(src):
                short.append((concept, src))
        if not short:
            return []
        # Approved target terms of concepts the source does not name: if one concept is
        # missing and one such term is there, that term renders the missing concept here.
        strays = [m for m in rendered if m.concept_id not in named and m.status.is_approved]
        out: list[Finding] = []
        for concept, src in short:
            tgt = in_target.get(concept, [])
            left = unmatched(src, source_len, tgt, len(target_text))
            stray = strays[0] if len(short) == 1 and len(strays) == 1 and not tgt else None
            if stray is not None:
                self.renders[stray.term.text][concept].append(row)
                span: tuple[int, int] | None = (stray.start, stray.end)
                found = stray.text
                message = f"the target has {found!r} there, a term of {stray.concept_id}"
            else:
                span = self._locate(concept, target_text, target_matches)
                found = target_text[span[0] : span[1]] if span else ""
                if found:
                    self._rendered(concept, found, row)
                message = f"the target has {found!r} there" if found else "no term of the concept"
            severity = Severity.WARNING
            if tgt:
                severity = Severity.INFO
                message = (
                    f"the source names the concept {len(src)} times, the target "
                    f"{len(tgt)}; " + message
                )
            out.append(
                finding(
                    FindingKind.MISSING,
                    concept,
                    found,
                    severity,
                    message,
                    left,
                    [span] if span else [],
                    (len(src), len(tgt)),
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
        """Document-wide: several renderings of one concept; one target term for several
        concepts; one source sentence with two translations."""
        out: list[Finding] = []
        for concept, renderings in self.renderings.items():
            if len(renderings) < 2:
                continue
            # The preferred term leads, then the other approved ones (then by use), so the
            # rows named are the ones to fix.
            expected = self.expected.get(concept, ())
            preferred = expected[:1]
            ranked = sorted(
                renderings.items(),
                key=lambda kv: (kv[0] not in preferred, kv[0] not in expected, -kv[1].count, kv[0]),
            )
            minority_rows = sorted({r for _, rend in ranked[1:] for r in rend.rows})
            counts = tuple((name, rend.count) for name, rend in ranked)
            summary = ", ".join(f"{name} ({n})" for name, n in counts)
            out.append(
                self._document_finding(
                    concept,
                    " | ".join(sorted(name for name, _ in counts)),
                    counts,
                    minority_rows,
                    f"{len(counts)} renderings across the document: {summary}",
                )
            )
        out.extend(self._shared_renderings())
        out.extend(self._two_translations())
        return out

    def _shared_renderings(self) -> list[Finding]:
        """One target term rendering several source concepts across the document."""
        out: list[Finding] = []
        for term, by_concept in self.renders.items():
            if len(by_concept) < 2:
                continue
            # The concepts the glossary gives the term lead: the other rows are the strays.
            owners = self.owners.get(term, set())
            ranked = sorted(
                by_concept.items(), key=lambda kv: (kv[0] not in owners, -len(kv[1]), kv[0])
            )
            counts = tuple((concept, len(rows)) for concept, rows in ranked)
            rows = sorted({r for _, rs in ranked[1:] for r in rs})
            summary = ", ".join(f"{c} ({n})" for c, n in counts)
            out.append(
                self._document_finding(
                    ranked[0][0],
                    term,
                    counts,
                    rows,
                    f"{term!r} renders {len(counts)} concepts: {summary}",
                    Severity.WARNING,
                )
            )
        return out

    def _two_translations(self) -> list[Finding]:
        """One source sentence (word for word) translated two ways."""
        out: list[Finding] = []
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
                    glossary=self.origin.get(concept, ""),
                )
            )
        return out

    def _document_finding(
        self,
        concept: str,
        found: str,
        counts: tuple[tuple[str, int], ...],
        rows: list[int],
        message: str,
        severity: Severity = Severity.INFO,
    ) -> Finding:
        first = rows[0] if rows else None
        target_text = ""
        target_ids: list[str] = []
        for row in rows:
            target_ids.extend(self.target.ids[j] for j in self.alignment.beads[row].target)
        if first is not None:
            target_text = self.target.bead(self.alignment.beads[first].target, self.target_glue)[0]
        return Finding(
            self.lang,
            FindingKind.INCONSISTENT,
            concept,
            self.expected.get(concept, ()),
            found,
            "",
            target_text,
            (),
            tuple(target_ids),
            severity,
            first,
            message,
            counts=counts,
            glossary=self.origin.get(concept, ""),
        )


class _FindingMaker(Protocol):
    """The signature of `bead`'s local finding builder (for type checking only)."""

    def __call__(
        self,
        kind: FindingKind,
        concept: str,
        found: str,
        severity: Severity,
        message: str,
        src: Sequence[Match],
        tgt: Sequence[tuple[int, int]],
        counts: tuple[int, int] = (0, 0),
    ) -> Finding: ...


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
