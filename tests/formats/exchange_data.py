"""Parallel texts and hypothesis strategies shared by the TMX, PO and hostile-input tests."""

from __future__ import annotations

from hypothesis import strategies as st

from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document

CONFIRMED = BeadStatus.CONFIRMED
AUTO = BeadStatus.AUTO

EN = [
    ["The Council met in Shanghai.", "It adopted the Charter & the rules."],
    ["Members agreed on <closer> cooperation.", "The meeting closed."],
]
ES = [
    ["El Consejo se reunió en Shanghái.", "Aprobó la Carta y el reglamento."],
    ["Los miembros acordaron una cooperación más estrecha.", "Nota del traductor."],
    ["La reunión se clausuró."],
]
RU = [
    ["Совет собрался в Шанхае и принял Хартию и правила."],
    ["Члены договорились о более тесном сотрудничестве.", "Заседание закрылось."],
]
ZH = [["理事会在上海举行会议。", "会议通过了宪章和规则。"], ["成员国同意更紧密的合作。"]]


def sample_text() -> ParallelText:
    """Four languages with 1-1, 2-1, 0-1 and 1-0 beads, confirmed and auto.

    Groups over es+ru+zh: en [0, 2) (ru 2-1), en [2] (es auto), en [3] (zh has no counterpart).
    """
    en, es, ru, zh = (Document(g, p) for g, p in (("en", EN), ("es", ES), ("ru", RU), ("zh", ZH)))
    alignments = {
        "es": Alignment(
            en,
            es,
            [
                Bead((0,), (0,), CONFIRMED, 1.0),
                Bead((1,), (1,), CONFIRMED, 0.97),
                Bead((2,), (2,), AUTO, 0.6),
                Bead((), (3,), AUTO, 0.2),
                Bead((3,), (4,), CONFIRMED, 1.0),
            ],
        ),
        "ru": Alignment(
            en,
            ru,
            [
                Bead((0, 1), (0,), CONFIRMED, 0.9),
                Bead((2,), (1,), CONFIRMED, 1.0),
                Bead((3,), (2,), CONFIRMED, 1.0),
            ],
        ),
        "zh": Alignment(
            en,
            zh,
            [
                Bead((0,), (0,), CONFIRMED, 1.0),
                Bead((1,), (1,), CONFIRMED, 1.0),
                Bead((2,), (2,), AUTO, 0.55),
                Bead((3,), (), AUTO, 0.1),
            ],
        ),
    }
    return ParallelText("en", {"en": en, "es": es, "ru": ru, "zh": zh}, alignments)


def one_to_one_text(pairs: dict[str, list[str]], pivot: str = "en") -> ParallelText:
    """Documents of equal length aligned 1-1 and confirmed; one segment per paragraph."""
    docs = {lang: Document.from_segments(lang, texts) for lang, texts in pairs.items()}
    n = len(docs[pivot])
    alignments = {
        lang: Alignment(docs[pivot], doc, [Bead((i,), (i,), CONFIRMED, 1.0) for i in range(n)])
        for lang, doc in docs.items()
        if lang != pivot
    }
    return ParallelText(pivot, docs, alignments)


# Segment texts: any printable text XML allows, not blank, no line breaks at either end
# (gettext refuses those), including markup characters, quotes and CJK.
_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from(list("&<>\"' \t\u00a0中文Жñ"))
segment_texts = st.text(_ALPHABET, min_size=1, max_size=12).filter(
    lambda t: t.strip() != "" and t == t.strip("\n\r")
)


@st.composite
def bead_layouts(draw: st.DrawFn, n_source: int) -> list[Bead]:
    """Random beads covering `n_source` pivot segments and some target segments, in order."""
    beads: list[Bead] = []
    i = j = 0
    while i < n_source:
        kind = draw(st.sampled_from(["1-1", "1-1", "2-1", "1-2", "1-0", "0-1", "2-2"]))
        a, b = (int(x) for x in kind.split("-"))
        a = min(a, n_source - i)
        if a == 0 and b == 0:
            continue
        status = draw(st.sampled_from([CONFIRMED, AUTO]))
        confidence = draw(st.integers(0, 100)) / 100
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), status, confidence))
        i += a
        j += b
    if draw(st.booleans()):
        beads.append(Bead((), (j,), AUTO, 0.0))
        j += 1
    return beads


@st.composite
def parallel_texts(draw: st.DrawFn, langs: tuple[str, ...] = ("es", "ru", "zh")) -> ParallelText:
    """A random pivot document and, per language, a random n:m alignment and its document."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    en = Document("en", [[draw(segment_texts) for _ in range(n)] for n in sizes])
    documents = {"en": en}
    alignments = {}
    for lang in langs:
        beads = draw(bead_layouts(len(en)))
        count = sum(len(b.target) for b in beads)
        texts = [draw(segment_texts) for _ in range(count)]
        cut = draw(st.integers(0, count))
        paragraphs = [p for p in (texts[:cut], texts[cut:]) if p]
        documents[lang] = Document(lang, paragraphs)
        alignments[lang] = Alignment(en, documents[lang], beads)
    return ParallelText("en", documents, alignments)
