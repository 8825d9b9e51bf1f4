"""The embedding scorer: cache, span vectors, margin costs, and alignment with an embedder."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from workbench.align import align_segments
from workbench.align.embeddings import (
    MISSING,
    EmbeddingCache,
    EmbeddingTerm,
    SpanVectors,
    backgrounds,
    embeddings_available,
    resolve_embedder,
)
from workbench.core.alignment import check_beads
from workbench.core.errors import AlignmentError

DIM = 32


def _unit(seed: str) -> npt.NDArray[np.float32]:
    rng = np.random.default_rng(int(hashlib.sha1(seed.encode()).hexdigest()[:8], 16))
    v = rng.normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def _concept(number: int) -> str:
    """A three-letter concept tag (too short to be an anchor of the aligner)."""
    return "<" + "".join(chr(97 + (number // 26**k) % 26) for k in range(3)) + ">"


class MeaningEmbedder:
    """A fake model: a segment's vector is the normalised sum of those of the concept tags it
    holds (`<abc>`), so two 'languages' that share nothing else meet through them."""

    name = "fake-meaning"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += len(texts)
        rows = []
        for text in texts:
            v = sum((_unit(tag) for tag in re.findall(r"<[a-z]+>", text)), np.zeros(DIM))
            rows.append(v / max(float(np.linalg.norm(v)), 1e-9))
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIM)


def test_cache_embeds_each_text_once() -> None:
    model = MeaningEmbedder()
    cache = EmbeddingCache()
    first = cache.lookup(model, ["a <b>", "b <c>", "a <b>"])
    again = cache.lookup(model, ["b <c>", "a <b>"])
    assert model.calls == 2
    assert np.allclose(first[0], again[1]) and np.allclose(first[1], again[0])


def test_cache_folder_survives_a_new_cache(tmp_path: Path) -> None:
    model = MeaningEmbedder()
    EmbeddingCache(tmp_path).lookup(model, [f"x {_concept(5)}"])
    fresh = EmbeddingCache(tmp_path)
    vec = fresh.lookup(model, [f"x {_concept(5)}"])
    assert model.calls == 1
    assert np.allclose(vec[0], _unit(_concept(5)))
    assert not list(tmp_path.glob("*.tmp"))


def test_span_vectors_need_every_segment_embedded() -> None:
    vectors = np.stack([_unit("1"), _unit("2")])
    spans = SpanVectors(4, DIM, np.array([1, 2]), vectors)
    vec, ok = spans.span(np.array([3, 3, 2]), 2)
    assert ok.tolist() == [True, True, False]
    expected = (_unit("1") + _unit("2")) / np.linalg.norm(_unit("1") + _unit("2"))
    assert np.allclose(vec[0], expected, atol=1e-6)


def test_margin_cost_prefers_the_matching_pair_and_is_neutral_elsewhere() -> None:
    n = 8
    src = SpanVectors(n, DIM, np.arange(n), np.stack([_unit(str(k)) for k in range(n)]))
    tgt = SpanVectors(n + 2, DIM, np.arange(n), np.stack([_unit(str(k)) for k in range(n)]))
    bg_s, bg_t = backgrounds(src, tgt, np.arange(n))
    term = EmbeddingTerm(src, tgt, bg_s, bg_t)
    right = term.cost(np.array([4]), np.array([4]), 1, 1)
    wrong = term.cost(np.array([4]), np.array([6]), 1, 1)
    unseen = term.cost(np.array([4]), np.array([10]), 1, 1)  # target 9 was never embedded
    assert right[0] < 0 < wrong[0]
    assert unseen[0] == 0.0


Links = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _scrambled_pair() -> tuple[list[str], list[str], Links]:
    """Sentences of equal length and no shared words, one source sentence untranslated
    (a 1-0): lengths cannot tell where it is; only the concept tags (seen by the embedder) can."""
    source: list[str] = []
    target: list[str] = []
    gold: Links = []
    for k in range(60):
        source.append(f"aaaa bbbb cccc {_concept(k)}")
        if k == 30:
            gold.append(((len(source) - 1,), ()))
            continue
        target.append(f"zzzz yyyy xxxx {_concept(k)}")
        gold.append(((len(source) - 1,), (len(target) - 1,)))
    return source, target, gold


def test_embedder_finds_what_lengths_cannot() -> None:
    source, target, gold = _scrambled_pair()
    plain = {(b.source, b.target) for b in align_segments(source, target, "xx", "yy")}
    assert gold[30] not in plain  # the test means something only if lengths get it wrong
    model = MeaningEmbedder()
    beads = align_segments(source, target, "xx", "yy", embedder=model)
    check_beads(beads, len(source), len(target))
    found = {(b.source, b.target) for b in beads}
    assert gold[30] in found
    assert len(found & set(gold)) >= len(gold) - 1
    assert model.calls > 0


def test_confident_texts_are_not_embedded() -> None:
    from .helpers import build

    source, target, _gold = build([(1, 1)] * 20)
    model = MeaningEmbedder()
    beads = align_segments(source, target, "en", "fr", embedder=model)
    check_beads(beads, len(source), len(target))
    assert model.calls < len(source) + len(target)


def test_turned_off_means_no_embedder() -> None:
    assert resolve_embedder(False) is None


def test_forcing_embeddings_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import workbench.align.embeddings as module

    monkeypatch.setattr(module, "embeddings_available", lambda: False)
    with pytest.raises(AlignmentError, match="embeddings"):
        resolve_embedder(True)
    assert resolve_embedder(None) is None
    assert "pip install" in MISSING


needs_model = pytest.mark.skipif(not embeddings_available(), reason="the [embeddings] extra")


@needs_model
def test_bundled_model_puts_translations_closer_than_other_sentences() -> None:
    from workbench.align.embeddings import default_embedder

    model = default_embedder()
    vec = model.embed(["The dog is sleeping.", "Der Hund schläft.", "Die Börse fiel stark."])
    assert vec.shape[0] == 3
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-3)
    assert vec[0] @ vec[1] > vec[0] @ vec[2]


@needs_model
def test_bundled_model_aligns_a_small_text() -> None:
    source = [
        "It rained all night.",
        "In the morning the river had risen, and the bridge was closed.",
        "We stayed at home.",
    ]
    target = [
        "Es regnete die ganze Nacht.",
        "Am Morgen war der Fluss gestiegen.",
        "Die Brücke war gesperrt.",
        "Wir blieben zu Hause.",
    ]
    beads = align_segments(source, target, "en", "de", embeddings=True)
    check_beads(beads, len(source), len(target))
    assert {(b.source, b.target) for b in beads} >= {((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))}
