"""Pivot rows: every bead of every pair in exactly one row, rows as fine as the pairs allow."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.factories import alignment_from_kinds, document
from workbench.core.alignment import ParallelText
from workbench.core.pivot import pivot_rows

KINDS = st.sampled_from([(1, 1), (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1)])


def test_rows_follow_the_coarsest_pair() -> None:
    en = document("en", [4])
    es = alignment_from_kinds(en, "es", [(2, 1), (1, 1), (1, 1)])
    ru = alignment_from_kinds(en, "ru", [(1, 1), (1, 1), (2, 1)])
    text = ParallelText("en", {"en": en, "es": es.target, "ru": ru.target}, {"es": es, "ru": ru})
    rows = pivot_rows(text)
    assert [r.pivot for r in rows] == [(0, 1), (2, 3)]
    assert rows[0].beads == {"es": (0,), "ru": (0, 1)}
    assert rows[1].targets(text, "es") == (1, 2)


def test_target_only_bead_on_a_shared_boundary_gets_its_own_row() -> None:
    en = document("en", [2])
    es = alignment_from_kinds(en, "es", [(1, 1), (0, 1), (1, 1)])
    ru = alignment_from_kinds(en, "ru", [(1, 1), (1, 1)])
    text = ParallelText("en", {"en": en, "es": es.target, "ru": ru.target}, {"es": es, "ru": ru})
    rows = pivot_rows(text)
    assert [r.pivot for r in rows] == [(0,), (), (1,)]
    assert rows[1].beads == {"es": (1,)}


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.lists(st.lists(KINDS, max_size=14), min_size=1, max_size=3))
def test_every_bead_lands_in_exactly_one_row_in_order(n: int, kind_lists: list) -> None:
    en = document("en", [n])
    langs = ["es", "ru", "zh"][: len(kind_lists)]
    alignments = {
        lang: alignment_from_kinds(en, lang, kinds)
        for lang, kinds in zip(langs, kind_lists, strict=False)
    }
    documents = {"en": en} | {lang: a.target for lang, a in alignments.items()}
    text = ParallelText("en", documents, alignments)
    rows = pivot_rows(text)
    assert [i for r in rows for i in r.pivot] == list(range(n))
    for lang, alignment in alignments.items():
        assert [b for r in rows for b in r.beads.get(lang, ())] == list(range(len(alignment)))
    for row in rows:
        for lang, bead_rows in row.beads.items():
            covered = [i for b in bead_rows for i in alignments[lang].beads[b].source]
            assert covered == [i for i in covered if i in row.pivot]
    # Rows are as fine as possible: no row could be cut at a boundary every pair has.
    for row in rows:
        for cut in row.pivot[1:]:
            assert not all(
                any(b.source and b.source[0] == cut for b in a.beads) for a in alignments.values()
            )
