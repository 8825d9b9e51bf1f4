"""Number reading on formats the checker was not written against: what holds, and the limits.

The reader is a heuristic per language (decimal point for en/zh, decimal comma and grouping
by space, no-break space or dot for es/ru, Chinese numerals with a unit or a zero). The
limit tests pin down what it does where a text breaks its language's convention, so a
change in that behaviour is seen and documented.
"""

from __future__ import annotations

import pytest

from workbench.terms.numbers import compare, quantities


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("1,000.5 t", "en"),
        ("1.000,5 t", "es"),
        ("1 000,5 t", "ru"),
        ("1\u00a0000,5 t", "ru"),  # no-break space, as Word writes it
        ("1\u202f000,5 t", "ru"),  # narrow no-break space (the SI / French style)
        ("1000,5 t", "es"),
        ("1000.5 t", "zh"),
    ],
)
def test_one_thousand_and_a_half_reads_alike_in_every_convention(text: str, lang: str) -> None:
    assert quantities(text, lang) == {"n:1000.5": 1}


@pytest.mark.parametrize(
    ("text", "value"),
    [("一百人", 100), ("三千五百", 3500), ("两万", 20000), ("第一百", 100), ("十五", 15)],
)
def test_chinese_numerals_with_a_unit_are_read(text: str, value: int) -> None:
    assert quantities(text, "zh") == {f"n:{value}": 1}


def test_a_chinese_number_with_a_scale_word_is_multiplied() -> None:
    assert quantities("1.5万", "zh") == {"n:15000": 1}


@pytest.mark.parametrize("text", ["в 2-х сторонах", "2-х сторон", "со 2-м чтением"])
def test_a_russian_number_with_a_case_ending_is_the_number(text: str) -> None:
    assert quantities(text, "ru") == {"n:2": 1}


def test_grouped_millions_match_across_conventions() -> None:
    assert compare("12,345,678 people", "en", "12.345.678 personas", "es") == ({}, {})
    assert compare("12,345,678 people", "en", "12 345 678 человек", "ru") == ({}, {})


def test_a_lone_chinese_one_is_a_word_not_a_number() -> None:
    # 一 alone is mostly part of a word (一些, 统一): not read, so never a false number.
    assert quantities("一些国家统一行动", "zh") == {}


# -- limits: a text that breaks its language's convention ---------------------------------


def test_limit_an_english_dot_with_three_decimals_is_a_decimal_point() -> None:
    # "1.000" in an English text (a continental habit) reads as 1, not 1000: a number
    # finding against "1.000" / "1 000" in the target, never a silent match.
    assert quantities("1.000 tonnes", "en") == {"n:1": 1}
    assert compare("1.000 tonnes", "en", "1 000 тонн", "ru")[0] == {"n:1": 1}


def test_limit_an_english_decimal_comma_reads_as_two_numbers() -> None:
    assert quantities("1,5 tonnes", "en") == {"n:1": 1, "n:5": 1}


def test_limit_a_spelled_out_number_is_not_compared() -> None:
    # "two" / "dos" / "два" are words: a spelled-out number changed in the target is missed.
    assert quantities("two countries", "en") == {}
    assert quantities("два государства", "ru") == {}
