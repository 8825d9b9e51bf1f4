"""Strict and lax precision/recall/F1 against hand-computed values; link and ladder readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.align.evaluate import (
    format_link,
    merge_within_groups,
    parse_ladder,
    parse_links,
    read_links,
    score,
    score_multiple,
)
from workbench.core.errors import FormatError, InputError

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]


def test_perfect_output_scores_one() -> None:
    result = score(GOLD, GOLD)
    assert result.strict_f1 == pytest.approx(1.0)
    assert result.lax_f1 == pytest.approx(1.0)


def test_hand_computed_example() -> None:
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2,)), ((), (3,))]
    result = score(GOLD, test)
    # Precision over all 6 output links: exact = [0]:[0] and [3]:[] -> 2/6.
    assert result.strict_precision == pytest.approx(2 / 6)
    # Lax: [1]:[1] and [4]:[2] overlap gold on both sides; [2]:[], []:[3] do not -> 4/6.
    assert result.lax_precision == pytest.approx(4 / 6)
    # Recall over the 3 gold links with two sides, against output links with two sides
    # ([0]:[0], [1]:[1], [4]:[2]): exact only [0]:[0] -> 1/3; lax all three overlap -> 3/3.
    assert result.strict_recall == pytest.approx(1 / 3)
    assert result.lax_recall == pytest.approx(1.0)
    p, r = 2 / 6, 1 / 3
    assert result.strict_f1 == pytest.approx(2 * p * r / (p + r))


def test_counts_are_summed_before_dividing() -> None:
    one = ([((0,), (0,))], [((0,), (0,))])
    two = ([((0,), (0,)), ((1,), (1,)), ((2,), (2,))], [((0, 1, 2), (0, 1, 2))])
    result = score_multiple([one, two])
    assert result.strict_precision == pytest.approx(1 / 2)
    assert result.strict_recall == pytest.approx(1 / 4)


def test_link_parsing_and_formatting_round_trip() -> None:
    text = "[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[]:[2]:0.25\n"
    links = parse_links(text)
    assert links == [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,))]
    assert [format_link(link) for link in links] == ["[0]:[0]", "[1, 2]:[1]", "[3]:[]", "[]:[2]"]
    assert format_link(((1,), (2,)), 0.834) == "[1]:[2]:0.83"


def test_ladder_becomes_links() -> None:
    assert parse_ladder("0 0\n1 1\n3 2\n3 3\n4 3\n") == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((), (2,)),
        ((3,), ()),
    ]


def test_read_links_tells_the_formats_apart(tmp_path: Path) -> None:
    links = tmp_path / "a.align"
    links.write_text("[0]:[0]\n", encoding="utf-8")
    ladder = tmp_path / "a.ladder"
    ladder.write_text("0 0\n1 1\n", encoding="utf-8")
    assert read_links(links) == read_links(ladder) == [((0,), (0,))]


def test_bad_input_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\n0 -> 1\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.align:2"):
        read_links(bad)
    with pytest.raises(InputError, match="no such file"):
        read_links(tmp_path / "missing.align")


def test_merge_within_verses() -> None:
    links = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    src_verse = ["v1", "v2", "v3"]
    tgt_verse = ["v1", "v2", "v2", "v3"]
    assert merge_within_groups(links, src_verse, tgt_verse) == [
        ((0,), (0,)),
        ((1,), (1, 2)),
        ((2,), (3,)),
    ]


def test_reliability_bins_and_ece_by_hand() -> None:
    from workbench.align.evaluate import reliability

    judged = [(0.95, True), (0.95, False), (0.15, False), (0.15, False)]
    table = reliability(judged)
    # Bin [0.9, 1.0]: mean 0.95, half right -> gap 0.45; bin [0.1, 0.2): mean 0.15, none right.
    assert table.ece == pytest.approx(0.5 * 0.45 + 0.5 * 0.15)
    top = table.rows[-1]
    assert (top.beads, top.correct) == (2, 0.5)
    assert "ECE 0.300" in table.format()


def test_judge_marks_exact_links_only() -> None:
    from workbench.align.evaluate import judge
    from workbench.core.alignment import Bead

    gold = [((0,), (0,)), ((1, 2), (1,))]
    beads = [Bead((0,), (0,), confidence=0.9), Bead((1,), (1,), confidence=0.8), Bead((2,), ())]
    assert [ok for _c, ok in judge(gold, beads)] == [True, False, False]
