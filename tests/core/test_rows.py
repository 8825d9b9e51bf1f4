"""The GUI's row layout: bead ranges per row, lookups, and the diff used to redraw edits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.factories import alignment_from_kinds, document, make_text
from workbench.core import edits
from workbench.core.alignment import Bead, ParallelText
from workbench.core.edits import apply_edit
from workbench.core.errors import EditError
from workbench.core.rows import RowLayout, compute_rows


class PivotRow(NamedTuple):
    """A row written plainly: pivot segment indices and, per language, its bead indices."""

    pivot: tuple[int, ...]
    beads: dict[str, tuple[int, ...]]


def plain_rows(layout: RowLayout) -> list[PivotRow]:
    """The layout's rows as PivotRows (languages without a bead in a row left out)."""
    return [
        PivotRow(
            tuple(range(row.pivot_start, row.pivot_stop)),
            {
                lang: tuple(range(*row.beads[k]))
                for k, lang in enumerate(layout.langs)
                if row.beads[k][1] > row.beads[k][0]
            },
        )
        for row in layout.rows
    ]


def test_rows_cover_every_bead_once_in_order() -> None:
    text = make_text()
    layout = compute_rows(text)
    assert layout.langs == ("es", "ru", "zh")
    for k, lang in enumerate(layout.langs):
        covered = [b for row in layout.rows for b in range(*row.beads[k])]
        assert covered == list(range(len(text.alignments[lang].beads)))
    assert [i for row in layout.rows for i in range(row.pivot_start, row.pivot_stop)] == list(
        range(len(text.pivot_document))
    )


def test_rows_follow_the_coarsest_pair_and_gap_rows_hold_target_only_beads() -> None:
    layout = compute_rows(make_text())
    assert [(r.pivot_start, r.pivot_stop) for r in layout.rows] == [
        (0, 2),
        (2, 3),
        (3, 5),
        (5, 6),
        (6, 6),
    ]
    gap = layout.rows[-1]
    assert gap.is_gap and layout.bead_range(4, "es") == (5, 6)
    assert layout.bead_range(4, "ru") == (5, 5)  # empty, placed after the last ru bead


def test_lookups_point_back_to_rows() -> None:
    layout = compute_rows(make_text())
    assert list(layout.row_of_pivot) == [0, 0, 1, 2, 2, 3]
    assert list(layout.rows_of_beads("ru", 3, 4)) == [2]
    assert list(layout.rows_of_beads("es", 0, 6)) == [0, 1, 2, 3, 4]


EDITS = st.sampled_from(["merge", "split", "up", "down", "empty", "confirm", "text"])


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.tuples(EDITS, st.sampled_from(["es", "ru", "zh"]), st.integers(0, 7)), max_size=6)
)
def test_diff_turns_the_old_layout_into_the_new(steps) -> None:
    text = make_text()
    for what, lang, row in steps:
        old = compute_rows(text)
        try:
            edit = _make(text, what, lang, row)
        except EditError:
            continue
        apply_edit(text, edit)
        new = compute_rows(text)
        diff = old.diff(new)
        assert diff.start <= diff.old_stop and diff.start <= diff.new_stop
        assert old.rows[: diff.start] == new.rows[: diff.start]
        assert len(old.rows) - diff.old_stop == len(new.rows) - diff.new_stop
        # The unchanged tail matches once indices are counted from the end.
        tail = len(new.rows) - diff.new_stop
        for k in range(1, tail + 1):
            a, b = old.rows[-k], new.rows[-k]
            assert old.pivot_count - a.pivot_start == new.pivot_count - b.pivot_start


def _make(text, what: str, lang: str, row: int) -> edits.Edit:
    if what == "merge":
        return edits.merge_next(text, lang, row)
    if what == "split":
        return edits.split_bead(text, lang, row)
    if what == "up":
        return edits.shift(text, lang, row, "target", "up")
    if what == "down":
        return edits.shift(text, lang, row, "source", "down")
    if what == "empty":
        return edits.insert_empty(text, lang, row)
    if what == "confirm":
        return edits.confirm_above(text, lang, row)
    return edits.split_segment(text, lang, row % 3, 2)


KINDS = st.sampled_from([(1, 1), (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (0, 2)])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12), st.lists(st.lists(KINDS, max_size=14), min_size=1, max_size=3))
def test_rows_equal_the_plain_reference_grouping(n: int, kind_lists) -> None:
    from workbench.core.document import Document

    en = Document.from_segments("en", [f"s{i}" for i in range(n)])
    langs = zip(["es", "ru", "zh"], kind_lists, strict=False)
    alignments = {lang: alignment_from_kinds(en, lang, kinds) for lang, kinds in langs}
    documents = {"en": en} | {lang: a.target for lang, a in alignments.items()}
    text = ParallelText("en", documents, alignments)
    layout = compute_rows(text)
    core = reference_rows(text)
    assert len(layout) == len(core)
    for mine, theirs in zip(layout.rows, core, strict=True):
        assert tuple(range(mine.pivot_start, mine.pivot_stop)) == theirs.pivot
        for k, lang in enumerate(layout.langs):
            assert tuple(range(*mine.beads[k])) == theirs.beads.get(lang, ())


# The grouping written plainly, bead by bead; compute_rows must agree with it everywhere.
def reference_rows(text: ParallelText, langs: Sequence[str] | None = None) -> list[PivotRow]:
    """The grouping written plainly, one bead at a time: the oracle for the numpy version."""
    chosen = [lang for lang in (langs or list(text.alignments)) if lang in text.alignments]
    n = len(text.pivot_document)
    if not chosen:
        return [PivotRow((i,), {}) for i in range(n)]
    bead_lists = {lang: text.alignments[lang].beads for lang in chosen}
    cuts = set(range(n))
    for beads in bead_lists.values():
        cuts &= {b.source[0] for b in beads if b.source}
    cuts.add(n)
    ordered = sorted(cuts)
    position = dict.fromkeys(chosen, 0)
    rows: list[PivotRow] = []
    for start, stop in zip(ordered, [*ordered[1:], None], strict=True):
        gap: dict[str, tuple[int, ...]] = {}
        body: dict[str, tuple[int, ...]] = {}
        for lang, beads in bead_lists.items():
            p = position[lang]
            leading = p
            while p < len(beads) and not beads[p].source:
                p += 1
            if p > leading:
                gap[lang] = tuple(range(leading, p))
            if stop is None:  # past the last pivot segment: only target-only beads remain
                position[lang] = p
                continue
            first = p
            while p < len(beads) and (not beads[p].source or beads[p].source[0] < stop):
                p += 1
            p = _give_back_trailing_target_only(beads, first, p)
            body[lang] = tuple(range(first, p))
            position[lang] = p
        if gap:
            rows.append(PivotRow((), gap))
        if stop is not None:
            rows.append(PivotRow(tuple(range(start, stop)), body))
    return rows


def _give_back_trailing_target_only(beads: Sequence[Bead], first: int, end: int) -> int:
    # Target-only beads just before the next row's first bead sit on the shared boundary:
    # they belong to the gap row there, not to the end of this row.
    while end > first and not beads[end - 1].source:
        end -= 1
    return end


def test_a_pair_with_bigger_beads_sets_the_rows() -> None:
    en = document("en", [4])
    es = alignment_from_kinds(en, "es", [(2, 1), (1, 1), (1, 1)])
    ru = alignment_from_kinds(en, "ru", [(1, 1), (1, 1), (2, 1)])
    text = ParallelText("en", {"en": en, "es": es.target, "ru": ru.target}, {"es": es, "ru": ru})
    rows = plain_rows(compute_rows(text))
    assert [r.pivot for r in rows] == [(0, 1), (2, 3)]
    assert rows[0].beads == {"es": (0,), "ru": (0, 1)}


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.lists(st.lists(KINDS, max_size=14), min_size=1, max_size=3))
def test_every_bead_lands_in_exactly_one_row_as_fine_as_the_pairs_allow(
    n: int, kind_lists: list[list[tuple[int, int]]]
) -> None:
    en = document("en", [n])
    langs = ["es", "ru", "zh"][: len(kind_lists)]
    alignments = {
        lang: alignment_from_kinds(en, lang, kinds)
        for lang, kinds in zip(langs, kind_lists, strict=False)
    }
    documents = {"en": en} | {lang: a.target for lang, a in alignments.items()}
    rows = plain_rows(compute_rows(ParallelText("en", documents, alignments)))
    assert [i for r in rows for i in r.pivot] == list(range(n))
    for lang, alignment in alignments.items():
        assert [b for r in rows for b in r.beads.get(lang, ())] == list(range(len(alignment)))
    for row in rows:
        for lang, bead_rows in row.beads.items():
            covered = [i for b in bead_rows for i in alignments[lang].beads[b].source]
            assert covered == [i for i in covered if i in row.pivot]
        # as fine as possible: no row could be cut at a boundary every pair has
        for cut in row.pivot[1:]:
            assert not all(
                any(b.source and b.source[0] == cut for b in a.beads) for a in alignments.values()
            )
