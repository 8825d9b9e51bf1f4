"""Small builders for terms tests: glossaries, parallel texts, hypothesis strategies."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.terms.glossary import (
    PARTS_OF_SPEECH,
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
    TermStatus,
)

DATA = Path(__file__).resolve().parents[1] / "data"
BUNDLED_GLOSSARY = (
    Path(__file__).resolve().parents[2] / "resources/glossary/information-security.tbx"
)

P, A, D, S = (
    TermStatus.PREFERRED,
    TermStatus.ADMITTED,
    TermStatus.DEPRECATED,
    TermStatus.SUPERSEDED,
)


def concept(cid: str, *terms: tuple[str, str, TermStatus], **fields: str) -> Concept:
    """A concept from (lang, text, status) triples."""
    return Concept(
        cid, terms=tuple(Term(text, lang, status) for lang, text, status in terms), **fields
    )


def parallel(
    pivot: Sequence[str], targets: dict[str, Sequence[str]], pivot_lang: str = "en"
) -> ParallelText:
    """Documents of one segment per paragraph, aligned 1-1 in order (equal lengths)."""
    documents = {pivot_lang: Document.from_segments(pivot_lang, pivot)}
    alignments: dict[str, Alignment] = {}
    for lang, texts in targets.items():
        documents[lang] = Document.from_segments(lang, texts)
    for lang in targets:
        beads = [bead([i], [i]) for i in range(len(pivot))]
        alignments[lang] = Alignment(documents[pivot_lang], documents[lang], beads)
    return ParallelText(pivot_lang, documents, alignments)


def sco_text() -> ParallelText:
    """The bundled SCO 2006 texts, cut into sentences and aligned by hand (tests/data/terms)."""
    return aligned_text(DATA / "terms/sco-2006-aligned.json")


def aligned_text(path: Path) -> ParallelText:
    """A hand-aligned text of tests/data/terms: documents as paragraphs, beads per language."""
    data = json.loads(path.read_text(encoding="utf-8"))
    documents = {lang: Document(lang, paragraphs) for lang, paragraphs in data["documents"].items()}
    pivot = data["pivot"]
    alignments = {
        lang: Alignment(documents[pivot], documents[lang], [bead(s, t) for s, t in beads])
        for lang, beads in data["beads"].items()
    }
    return ParallelText(pivot, documents, alignments)


# -- hypothesis strategies for format round trips --------------------------------------------

_text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
            blacklist_characters="\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=20,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_optional = st.one_of(st.just(""), _text)
_ids = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,10}", fullmatch=True)
_langs = st.sampled_from(["en", "es", "ru", "zh", "zh-Hant", "pt-BR"])


@st.composite
def concepts(draw: st.DrawFn, cid: str) -> Concept:
    """A concept whose terms are grouped by language (as TBX and CSV keep them)."""
    langs = draw(st.lists(_langs, min_size=1, max_size=3, unique=True))
    terms: list[Term] = []
    for lang in langs:
        for _ in range(draw(st.integers(1, 3))):
            terms.append(
                Term(
                    draw(_text),
                    lang,
                    draw(st.sampled_from(list(TermStatus))),
                    draw(st.sampled_from(("", *PARTS_OF_SPEECH))),
                    draw(st.sampled_from(("", *TERM_TYPES))),
                    draw(_optional),
                )
            )
    return Concept(cid, draw(_optional), draw(_optional), draw(_optional), tuple(terms))


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    """Glossaries of up to four concepts with distinct XML-name ids."""
    ids = draw(st.lists(_ids, min_size=0, max_size=4, unique=True))
    return Glossary([draw(concepts(cid)) for cid in ids], "en", draw(_optional))
