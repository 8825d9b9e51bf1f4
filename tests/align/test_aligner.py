"""The aligner on constructed texts: coverage, bead types, confidence, progress, cancel."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align import Lexicon, align_segments
from workbench.core.alignment import BeadStatus, check_beads
from workbench.core.errors import CancelledError

from .helpers import build

ONES = [(1, 1)] * 6


@pytest.mark.parametrize("kind", [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)])
def test_each_bead_type_is_found(kind: tuple[int, int]) -> None:
    source, target, gold = build([*ONES, kind, *ONES])
    beads = align_segments(source, target, "en", "fr")
    check_beads(beads, len(source), len(target))
    found = {(b.source, b.target) for b in beads}
    assert gold[len(ONES)] in found


def test_beads_cover_everything_in_order_and_are_auto() -> None:
    source, target, gold = build([(1, 1), (2, 1), (1, 1), (0, 1), (1, 2), (1, 1), (1, 0)] * 8)
    beads = align_segments(source, target, "en", "fr")
    check_beads(beads, len(source), len(target))
    assert all(b.status is BeadStatus.AUTO for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)
    right = len({(b.source, b.target) for b in beads} & set(gold))
    assert right >= 0.9 * len(gold)


def test_confidence_is_lower_where_the_texts_disagree() -> None:
    source, target, _gold = build([(1, 1)] * 12)
    # Replace one target sentence with an unrelated one of very different length.
    target[6] = "Xylo."
    beads = align_segments(source, target, "en", "fr")
    doubtful = [b for b in beads if 6 in b.target]
    others = [b for b in beads if 6 not in b.target and b.source and b.target]
    assert doubtful[0].confidence < min(b.confidence for b in others)


def test_chinese_lengths_and_numbers_align_with_english() -> None:
    source = [
        "The meeting opened on 15 June 2006 in Shanghai.",
        "Six heads of state attended it.",
        "They adopted a statement on information security.",
        "The next summit will be held in 2007.",
    ]
    target = [
        "会议于2006年6月15日在上海开幕。",
        "六国元首出席了会议。",
        "他们通过了一项关于信息安全的声明。",
        "下次峰会将于2007年举行。",
    ]
    beads = align_segments(source, target, "en", "zh")
    assert [(b.source, b.target) for b in beads] == [((i,), (i,)) for i in range(4)]


def test_a_lexicon_is_accepted_in_either_direction() -> None:
    lexicon = Lexicon.from_pairs([("fleuve", "river")], "fr", "en")
    assert lexicon.oriented("en", "fr") is not None
    source, target, gold = build([(1, 1)] * 5)
    beads = align_segments(source, target, "en", "fr", lexicon=lexicon)
    assert [(b.source, b.target) for b in beads] == gold


def test_empty_sides_give_null_beads() -> None:
    assert [(b.source, b.target) for b in align_segments(["A.", "B."], [], "en", "fr")] == [
        ((0,), ()),
        ((1,), ()),
    ]
    assert [(b.source, b.target) for b in align_segments([], ["A."], "en", "fr")] == [((), (0,))]
    assert align_segments([], [], "en", "fr") == []


def test_progress_is_reported_up_to_the_total() -> None:
    source, target, _gold = build([(1, 1)] * 8)
    calls: list[tuple[int, int]] = []
    align_segments(source, target, "en", "fr", progress=lambda d, t: calls.append((d, t)))
    assert calls
    assert calls[-1][0] == calls[-1][1]
    assert all(d <= t for d, t in calls)


def test_cancel_raises() -> None:
    source, target, _gold = build([(1, 1)] * 8)
    with pytest.raises(CancelledError):
        align_segments(source, target, "en", "fr", cancel=lambda: True)


def test_paragraph_starts_are_respected() -> None:
    # Two paragraphs on each side; the length model alone would pull the first target
    # sentence of paragraph two into the last bead of paragraph one.
    source, target, gold = build([(1, 1)] * 6)
    beads = align_segments(
        source, target, "en", "fr", source_paragraphs=[0, 3], target_paragraphs=[0, 3]
    )
    assert [(b.source, b.target) for b in beads] == gold


def test_progress_never_goes_back() -> None:
    source, target, _gold = build([(1, 1)] * 40)
    # A big insertion makes the first band too narrow, so a pass is re-run wider.
    target[10:10] = [f"Inserted sentence number {k} with words." for k in range(60)]
    calls: list[int] = []
    align_segments(source, target, "en", "fr", progress=lambda d, t: calls.append(d))
    assert calls == sorted(calls)


def test_a_number_repeated_far_away_is_not_an_anchor() -> None:
    source, target, gold = build([(1, 1)] * 60)
    # "Chapter 7" near the start of the source, "Libro 7" three pages later in the target.
    source[2] = "Chapter 7 begins here."
    target[50] = target[50].rstrip(".") + " libro 7."
    target[2] = "Empieza aqui."
    beads = align_segments(source, target, "en", "fr")
    assert [(b.source, b.target) for b in beads] == gold


_WORDS = ["abc", "Hello", "世界", "123", "?", "", "Шанхай", "x y z", "。", "2006年"]
_segment = st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    source=st.lists(_segment, max_size=6),
    target=st.lists(_segment, max_size=6),
    langs=st.sampled_from([("en", "fr"), ("en", "zh"), ("ru", "en"), ("xx", "yy")]),
)
def test_any_small_input_gives_a_valid_alignment(
    source: list[str], target: list[str], langs: tuple[str, str]
) -> None:
    beads = align_segments(
        source, target, *langs, source_paragraphs=[0, 2], builtin_dictionaries=False
    )
    check_beads(beads, len(source), len(target))


@pytest.mark.parametrize(("n", "m"), [(1, 40), (40, 1), (2, 300), (3, 1)])
def test_very_unequal_lengths(n: int, m: int) -> None:
    source = [f"Sentence {k} here." for k in range(n)]
    target = [f"Phrase {k} ici." for k in range(m)]
    check_beads(align_segments(source, target, "en", "fr"), n, m)


@pytest.mark.parametrize("kind", [(1, 4), (4, 1), (2, 3), (3, 2)])
def test_wide_shapes_are_found_where_the_text_splits_widely(kind: tuple[int, int]) -> None:
    # 1-3 beads tell the aligner that this translation splits sentences widely.
    split = [(1, 3), (3, 1)] * 2
    source, target, gold = build([*ONES, *split, *ONES, kind, *ONES, *split, *ONES])
    beads = align_segments(source, target, "en", "fr")
    check_beads(beads, len(source), len(target))
    found = {(b.source, b.target) for b in beads}
    assert gold[len(ONES) + len(split) + len(ONES)] in found


def test_wide_shapes_stay_off_where_the_text_never_splits_widely() -> None:
    from workbench.align.aligner import _moves_for
    from workbench.align.search import MOVES, WIDE_MOVES

    ones = [(k, k, 0) for k in range(1, 50)]
    assert _moves_for(ones) == MOVES
    wide = [(k, k, WIDE_MOVES.index((1, 3))) for k in range(5)] + ones
    assert _moves_for(wide) == WIDE_MOVES
