"""Suggestions for terminologists: how a concept is actually rendered in the aligned texts.

Two lists per target language: the glossary terms found in the beads whose source holds the
concept (`used`), and candidates mined from co-occurrence over beads (`candidates`): word
n-grams (character n-grams in Chinese) scored by the Dice coefficient between "the bead's
source holds the concept" and "the bead's target holds the n-gram". N-grams may not start or
end with a function word: one of the language's stop words (the `stop-words` package's
lists), or a token found in over a quarter of all beads and no likelier next to the concept
(function words found by frequency, for languages without a list). An n-gram is dropped
when a longer one holding it occurs in as many concept beads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from stop_words import StopWordError, get_stop_words

from workbench.core.alignment import ParallelText
from workbench.core.errors import EditError
from workbench.core.langs import word_joiner
from workbench.terms.glossary import Concept, Glossary, Term
from workbench.terms.matching import HAN_RE, TermMatcher

_MAX_WORDS = 6
_MAX_CHARS = 8
_FREQUENT = 0.25
_LIFT = 1.5


@dataclass(frozen=True, slots=True)
class Example:
    """One bead where a rendering occurs: row, texts, and the rendering's span in the target."""

    row: int
    source_text: str
    target_text: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rendering of the concept in one language, with how often and where it is used.

    `status` is the glossary status for a known term, "" for a mined candidate. `score` is,
    for a mined candidate, the Dice coefficient (1.0 = in the target exactly when the concept
    is in the source); for a glossary term, the share of the concept's beads that use it.
    """

    lang: str
    text: str
    count: int
    score: float
    status: str
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The renderings of one concept in one language."""

    lang: str
    concept: str
    beads: int
    used: tuple[Suggestion, ...]
    candidates: tuple[Suggestion, ...]


def suggest_renderings(
    text: ParallelText,
    glossary: Glossary,
    concept_id: str,
    langs: Iterable[str] | None = None,
    *,
    limit: int = 10,
    examples: int = 3,
) -> list[Suggestions]:
    """Renderings of concept `concept_id` in every aligned language (or `langs`)."""
    concept = glossary.concept(concept_id)
    if not concept.terms_in(text.pivot):
        raise EditError(f"concept {concept_id!r} has no {text.pivot} term to look for")
    # The whole glossary is matched so that a longer term of another concept hides this one
    # (`international information security` is not an occurrence of `information security`).
    source = TermMatcher(glossary, text.pivot)
    wanted = list(langs) if langs is not None else list(text.alignments)
    results: list[Suggestions] = []
    for lang in wanted:
        alignment = text.alignments.get(lang)
        if alignment is None:
            continue
        glue_s, glue_t = word_joiner(text.pivot), word_joiner(lang)
        target = TermMatcher(glossary, lang)
        analyzer = target.analyzer
        rows: list[int] = []
        texts: dict[int, tuple[str, str]] = {}
        grams_by_row: dict[int, dict[tuple[str, ...], tuple[int, int]]] = {}
        token_df: Counter[str] = Counter()
        token_co: Counter[str] = Counter()
        for row, bead in enumerate(alignment.beads):
            if not bead.target:
                continue
            target_text = glue_t.join(alignment.target_texts(row))
            tokens = [
                (m.start(), m.end(), min(analyzer.keys(m.group())))
                for m in analyzer.token_re.finditer(target_text)
            ]
            token_df.update({key for _, _, key in tokens})
            grams_by_row[row] = _grams(tokens)
            source_text = glue_s.join(alignment.source_texts(row))
            if bead.source and any(m.concept_id == concept_id for m in source.find(source_text)):
                rows.append(row)
                texts[row] = (source_text, target_text)
                token_co.update({key for _, _, key in tokens})
        total = len(grams_by_row)
        # Function words: in many beads, and no likelier next to the concept than elsewhere.
        frequent = {
            key
            for key, n in token_df.items()
            if total >= 8
            and n > _FREQUENT * total
            and token_co[key] / max(1, len(rows)) < _LIFT * n / total
        } | _stop_keys(lang, analyzer.keys)
        used = _used(concept, lang, target, rows, texts, examples)
        candidates = _mined(lang, rows, texts, grams_by_row, frequent, limit, examples)
        results.append(Suggestions(lang, concept_id, len(rows), used, candidates))
    return results


def suggest_for_term(
    text: ParallelText,
    term: str,
    base: Glossary | None = None,
    langs: Iterable[str] | None = None,
    *,
    limit: int = 10,
    examples: int = 3,
) -> list[Suggestions]:
    """Candidate renderings of a new source-language term that is not in the glossary yet.

    `base` (the project glossary) lets longer known terms hide the new one where they hold it.
    """
    base = base if base is not None else Glossary()
    concept = Concept("new-term", terms=(Term(term.strip(), text.pivot),))
    return suggest_renderings(
        text,
        Glossary([*base.concepts, concept], text.pivot),
        concept.id,
        langs,
        limit=limit,
        examples=examples,
    )


def _stop_keys(lang: str, keys: Callable[[str], frozenset[str]]) -> frozenset[str]:
    """The language's stop words as the matcher's token keys (empty for unknown languages)."""
    return frozenset(min(keys(word)) for word in _stop_words(lang) if keys(word))


@lru_cache(maxsize=32)
def _stop_words(lang: str) -> tuple[str, ...]:
    try:
        return tuple(get_stop_words(lang.split("-")[0].lower()))
    except StopWordError:
        return ()


def _grams(tokens: list[tuple[int, int, str]]) -> dict[tuple[str, ...], tuple[int, int]]:
    """Every n-gram of token keys with the span of its first occurrence."""
    grams: dict[tuple[str, ...], tuple[int, int]] = {}
    for i in range(len(tokens)):
        longest = _MAX_CHARS if HAN_RE.match(tokens[i][2]) else _MAX_WORDS
        for n in range(1, longest + 1):
            if i + n > len(tokens):
                break
            key = tuple(t[2] for t in tokens[i : i + n])
            grams.setdefault(key, (tokens[i][0], tokens[i + n - 1][1]))
    return grams


def _used(
    concept: Concept,
    lang: str,
    matcher: TermMatcher,
    rows: list[int],
    texts: dict[int, tuple[str, str]],
    examples: int,
) -> tuple[Suggestion, ...]:
    found: dict[str, list[Example]] = defaultdict(list)
    status: dict[str, str] = {}
    for row in rows:
        source_text, target_text = texts[row]
        for m in matcher.find(target_text):
            if m.concept_id != concept.id:
                continue
            found[m.term.text].append(Example(row, source_text, target_text, (m.start, m.end)))
            status[m.term.text] = m.status.value
    ranked = sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return tuple(
        Suggestion(
            lang,
            name,
            len(items),
            len({e.row for e in items}) / max(1, len(rows)),
            status[name],
            tuple(items[:examples]),
        )
        for name, items in ranked
    )


def _mined(
    lang: str,
    rows: list[int],
    texts: dict[int, tuple[str, str]],
    grams_by_row: dict[int, dict[tuple[str, ...], tuple[int, int]]],
    frequent: set[str],
    limit: int,
    examples: int,
) -> tuple[Suggestion, ...]:
    if not rows:
        return ()
    co: Counter[tuple[str, ...]] = Counter()
    for row in rows:
        co.update(
            g
            for g in grams_by_row[row]
            if g[0] not in frequent
            and g[-1] not in frequent
            and any(k.isalpha() for k in g)
            and not (len(g) == 1 and HAN_RE.match(g[0]))
        )
    df: Counter[tuple[str, ...]] = Counter()
    for grams in grams_by_row.values():
        df.update(g for g in grams if g in co)
    minimum = 2 if len(rows) >= 2 else 1
    kept = [g for g, n in co.items() if n >= minimum]
    # Drop an n-gram when a longer one that holds it occurs in as many concept beads.
    kept_set = set(kept)
    final = [
        g
        for g in kept
        if not any(len(h) > len(g) and co[h] == co[g] and _contains(h, g) for h in kept_set)
    ]
    scored = sorted(final, key=lambda g: (-(2 * co[g] / (len(rows) + df[g])), -len(g), g))[:limit]
    out: list[Suggestion] = []
    for gram in scored:
        found = [row for row in rows if gram in grams_by_row[row]]
        shown = [
            Example(row, texts[row][0], texts[row][1], grams_by_row[row][gram])
            for row in found[:examples]
        ]
        surfaces = Counter(texts[row][1][slice(*grams_by_row[row][gram])] for row in found)
        out.append(
            Suggestion(
                lang,
                surfaces.most_common(1)[0][0],
                co[gram],
                round(2 * co[gram] / (len(rows) + df[gram]), 3),
                "",
                tuple(shown),
            )
        )
    return tuple(out)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))
