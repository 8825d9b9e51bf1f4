"""Documents: positional ids, lookups, and bad construction."""

from __future__ import annotations

import pytest

from workbench.core.document import Document
from workbench.core.errors import EditError


def test_ids_are_paragraph_colon_sentence_from_one() -> None:
    doc = Document("en", [["A.", "B."], ["C."]])
    assert [s.id for s in doc.segments] == ["1:1", "1:2", "2:1"]
    assert [s.index for s in doc.segments] == [0, 1, 2]


def test_index_of_finds_the_flat_index() -> None:
    doc = Document("en", [["A.", "B."], ["C.", "D."]])
    assert doc.index_of("2:2") == 3
    assert doc.paragraph_starts == [0, 2]


@pytest.mark.parametrize("bad", ["3:1", "1:3", "0:1", "x", "1:0", "1"])
def test_index_of_rejects_unknown_ids(bad: str) -> None:
    doc = Document("en", [["A.", "B."], ["C."]])
    with pytest.raises(EditError):
        doc.index_of(bad)


def test_empty_paragraph_is_refused() -> None:
    with pytest.raises(EditError, match="paragraph 2"):
        Document("en", [["A."], []])


def test_locate_gives_paragraph_and_position() -> None:
    doc = Document("en", [["A.", "B."], ["C.", "D."]])
    assert doc.locate(3) == (1, 1)


def test_single_lookups_agree_with_the_full_segment_list() -> None:
    doc = Document("en", [["A.", "B."], ["C."], ["D.", "E.", "F."]])
    singles = [doc.segment(i) for i in range(len(doc))]  # before the list is built
    assert singles == doc.segments
    assert [doc.locate(i) for i in range(len(doc))] == [
        (0, 0),
        (0, 1),
        (1, 0),
        (2, 0),
        (2, 1),
        (2, 2),
    ]


@pytest.mark.parametrize("index", [-1, 3])
def test_segment_outside_the_document_is_refused(index: int) -> None:
    doc = Document("en", [["A.", "B."], ["C."]])
    with pytest.raises(EditError, match="no segment number"):
        doc.segment(index)
