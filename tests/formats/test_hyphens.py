"""Line-end hyphens: soft breaks joined, real compounds kept, per language."""

from __future__ import annotations

from workbench.formats.hyphens import HyphenJudge, first_word, last_word


def test_a_compound_written_with_its_hyphen_elsewhere_keeps_it() -> None:
    # "co-operation" is written so inside a line: the break "co-" + "operation" keeps it,
    # although "cooperation" is the commoner English word.
    judge = HyphenJudge("en", ["in co-operation with the United Nations", "and"])
    assert judge.joins("co", "operation") is False
    assert HyphenJudge("en", []).joins("co", "operation") is True


def test_a_word_written_whole_elsewhere_is_joined() -> None:
    judge = HyphenJudge("en", ["the zorblax device works", "and then"])
    assert judge.joins("zor", "blax") is True


def test_an_english_soft_break_is_joined_by_word_frequency() -> None:
    assert HyphenJudge("en", []).joins("infor", "mation") is True


def test_a_spanish_compound_of_two_words_is_kept() -> None:
    assert HyphenJudge("es", []).joins("franco", "alemán") is False


def test_a_russian_compound_of_two_words_is_kept() -> None:
    assert HyphenJudge("ru", []).joins("военно", "политических") is False


def test_a_russian_soft_break_is_joined() -> None:
    assert HyphenJudge("ru", []).joins("руководствовать", "ся") is True


def test_a_break_before_a_capital_keeps_the_hyphen() -> None:
    assert HyphenJudge("en", []).joins("Franco", "German") is False


def test_words_around_the_break() -> None:
    assert last_word("of the infor-") == "infor"
    assert first_word("mation, and") == "mation"
