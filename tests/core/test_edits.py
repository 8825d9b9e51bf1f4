"""Edits: each one's result, its undo and redo, and its refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.factories import beads_of, one_to_one, snapshot
from workbench.core import edits
from workbench.core.alignment import BeadStatus, ParallelText, bead
from workbench.core.edits import Edit
from workbench.core.errors import EditError, WorkbenchError
from workbench.core.history import History


def test_merge_next_joins_two_beads_and_undo_restores_them() -> None:
    text = one_to_one()
    before = snapshot(text)
    history = History(text)
    change = history.do(edits.merge_next(text, "es", 1))
    assert beads_of(text)[1] == ((1, 2), (1, 2))
    assert change.beads[0].start == 1 and change.beads[0].removed == 2
    assert change.beads[0].inserted == 1
    history.undo()
    assert snapshot(text) == before
    history.redo()
    assert beads_of(text)[1] == ((1, 2), (1, 2))


def test_merged_bead_is_confirmed() -> None:
    text = one_to_one()
    History(text).do(edits.merge_next(text, "es", 0))
    assert text.alignments["es"].beads[0].status is BeadStatus.CONFIRMED


def test_merge_of_last_bead_is_refused() -> None:
    text = one_to_one()
    with pytest.raises(EditError, match="last bead"):
        edits.merge_next(text, "es", len(text.alignments["es"]) - 1)


def test_split_bead_after_first_segments() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.merge_next(text, "es", 0))
    history.do(edits.split_bead(text, "es", 0, 1, 0))
    assert beads_of(text)[:2] == [((0,), ()), ((1,), (0, 1))]


def test_split_of_a_one_to_one_bead_with_nothing_to_split_is_refused() -> None:
    text = one_to_one()
    with pytest.raises(EditError, match="nothing to split"):
        edits.split_bead(text, "es", 0, 1, 1)


def test_shift_target_up_moves_first_target_segment_to_previous_bead() -> None:
    text = one_to_one()
    History(text).do(edits.shift(text, "es", 1, "target", "up"))
    assert beads_of(text)[:2] == [((0,), (0, 1)), ((1,), ())]


def test_shift_source_down_moves_last_source_segment_to_next_bead() -> None:
    text = one_to_one()
    History(text).do(edits.shift(text, "es", 0, "source", "down"))
    assert beads_of(text)[:2] == [((), (0,)), ((0, 1), (1,))]


def test_shift_that_empties_a_bead_removes_it() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.shift(text, "es", 1, "target", "up"))
    history.do(edits.shift(text, "es", 1, "source", "up"))
    assert beads_of(text)[0] == ((0, 1), (0, 1))
    assert len(text.alignments["es"]) == 5


def test_shift_up_from_first_bead_is_refused() -> None:
    with pytest.raises(EditError, match="above"):
        edits.shift(one_to_one(), "es", 0, "source", "up")


def test_insert_empty_target_gives_one_to_zero_then_zero_to_one() -> None:
    text = one_to_one()
    History(text).do(edits.insert_empty(text, "es", 2, "target"))
    assert beads_of(text)[2:4] == [((2,), ()), ((), (2,))]


def test_confirm_and_unconfirm() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.set_status(text, "es", [1, 3], BeadStatus.CONFIRMED))
    assert [b.is_confirmed for b in text.alignments["es"].beads] == [
        False,
        True,
        False,
        True,
        False,
        False,
    ]
    history.undo()
    assert not any(b.is_confirmed for b in text.alignments["es"].beads)


def test_confirm_above_confirms_every_earlier_bead() -> None:
    text = one_to_one()
    History(text).do(edits.confirm_above(text, "es", 2))
    assert [b.is_confirmed for b in text.alignments["es"].beads] == [True] * 3 + [False] * 3


def test_set_text_changes_only_that_segment() -> None:
    text = one_to_one()
    history = History(text)
    change = history.do(edits.set_text(text, "es", 1, "Nuevo texto."))
    assert text.documents["es"].segment(1).text == "Nuevo texto."
    assert change.documents == {"es"}
    history.undo()
    assert text.documents["es"].segment(1).text == "es 1.2."


def test_empty_segment_text_is_refused() -> None:
    with pytest.raises(EditError, match="empty"):
        edits.set_text(one_to_one(), "es", 0, "   ")


def test_split_segment_renumbers_ids_and_alignment() -> None:
    text = one_to_one()
    History(text).do(edits.split_segment(text, "es", 0, 2))
    doc = text.documents["es"]
    assert [s.id for s in doc.segments][:3] == ["1:1", "1:2", "1:3"]
    assert doc.segment(0).text == "es" and doc.segment(1).text == "1.1."
    assert beads_of(text)[:3] == [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))]


def test_split_pivot_segment_updates_every_alignment() -> None:
    text = one_to_one()
    History(text).do(edits.split_segment(text, "en", 2, 2))
    assert beads_of(text)[2:4] == [((2, 3), (2,)), ((4,), (3,))]


def test_merge_segments_across_beads_keeps_merged_segment_in_first_bead() -> None:
    text = one_to_one()
    history = History(text)
    before = snapshot(text)
    history.do(edits.merge_segments(text, "es", 0))
    assert text.documents["es"].segment(0).text == "es 1.1. es 1.2."
    assert beads_of(text)[:3] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    history.undo()
    assert snapshot(text) == before


def test_merge_segments_in_chinese_joins_without_space() -> None:
    text = one_to_one("zh")
    History(text).do(edits.merge_segments(text, "zh", 0))
    assert text.documents["zh"].segment(0).text == "zh 1.1.zh 1.2."


def test_merge_of_last_segment_of_a_paragraph_is_refused() -> None:
    with pytest.raises(EditError, match="last of its paragraph"):
        edits.merge_segments(one_to_one(), "es", 1)


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "merge",
                "split",
                "shift",
                "insert",
                "confirm",
                "above",
                "text",
                "segsplit",
                "segmerge",
            ]
        ),
        st.integers(0, 20),
        st.booleans(),
        st.booleans(),
    ),
    max_size=25,
)


def _make_edit(text: ParallelText, name: str, number: int, flag: bool, other: bool) -> Edit:
    row = number % len(text.alignments["es"])
    lang = "en" if other else "es"
    index = number % len(text.documents[lang])
    side: edits.Side = "source" if flag else "target"
    makers = {
        "merge": lambda: edits.merge_next(text, "es", row),
        "split": lambda: edits.split_bead(text, "es", row, 1, int(flag)),
        "shift": lambda: edits.shift(text, "es", row, side, "up" if other else "down"),
        "insert": lambda: edits.insert_empty(text, "es", row, side),
        "confirm": lambda: edits.set_status(text, "es", [row], BeadStatus.CONFIRMED),
        "above": lambda: edits.confirm_above(text, "es", row),
        "text": lambda: edits.set_text(text, lang, index, f"edited {number}"),
        "segsplit": lambda: edits.split_segment(text, lang, index, 2),
        "segmerge": lambda: edits.merge_segments(text, lang, index),
    }
    return makers[name]()


@settings(max_examples=150, deadline=None)
@given(OPERATIONS)
def test_any_edit_sequence_keeps_the_invariant_and_undoes_exactly(ops: list) -> None:
    text = one_to_one("es", (3, 2, 4))
    history = History(text)
    states = [snapshot(text)]
    for name, number, flag, other in ops:
        try:
            edit = _make_edit(text, name, number, flag, other)
        except WorkbenchError:
            continue
        history.do(edit)
        text.alignments["es"].check()
        states.append(snapshot(text))
    for expected in reversed(states[:-1]):
        history.undo()
        assert snapshot(text) == expected
    for expected in states[1:]:
        history.redo()
        assert snapshot(text) == expected


def test_replace_beads_must_cover_the_same_segments() -> None:
    text = one_to_one()
    with pytest.raises(WorkbenchError):
        edits.replace_beads(text, "es", 0, 2, [bead([0], [0])], "re-align")
    edit = edits.replace_beads(text, "es", 0, 2, [bead([0, 1], [0, 1])], "re-align")
    History(text).do(edit)
    assert beads_of(text)[0] == ((0, 1), (0, 1))


def test_edit_built_on_another_state_is_refused_and_changes_nothing() -> None:
    text = one_to_one()
    history = History(text)
    stale = edits.merge_next(text, "es", 0)
    history.do(edits.merge_next(text, "es", 0))
    before = snapshot(text)
    with pytest.raises(EditError, match="changed under the edit"):
        history.do(stale)
    assert snapshot(text) == before


def test_stale_segment_edit_leaves_document_and_alignments_untouched() -> None:
    text = one_to_one()
    history = History(text)
    stale = edits.split_segment(text, "es", 0, 2)
    history.do(edits.merge_next(text, "es", 0))
    before = snapshot(text)
    with pytest.raises(EditError, match="changed under the edit"):
        history.do(stale)
    assert snapshot(text) == before
