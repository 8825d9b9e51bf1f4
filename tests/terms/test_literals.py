"""The literal prefilter of forbidden-string rules never drops a text the rule matches."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from workbench.terms.literals import fold, required_literals

# Letters the regex engine folds in ways str.lower() does not (ſ/s, ı/i, İ, K, µ/μ, ς/σ, ẞ).
_ALPHABET = "abisSkKſıİµμσςΣßẞеЕёЁ \u212a"


def test_a_word_after_a_boundary_gives_its_literal() -> None:
    assert required_literals(re.compile(r"\bseguridad\s+informática\b", re.I)) == {"seguridad"}


def test_a_class_and_an_alternation_multiply_the_literals() -> None:
    literals = required_literals(re.compile(r"\bе(?:ё|е)\b", re.I))
    assert literals == {"её", "ее"}


def test_a_pattern_without_a_leading_literal_gives_none() -> None:
    assert required_literals(re.compile(r"[資訊]+")) is None
    assert required_literals(re.compile(r"\d+ km")) is None


def test_a_single_character_is_not_worth_a_prefilter() -> None:
    assert required_literals(re.compile(r"a\w+", re.I)) is None


def test_fold_keeps_offsets_and_folds_what_the_engine_folds() -> None:
    text = "ſtraße İstanbul ΣΑΣ \u212aelvin"
    assert len(fold(text)) == len(text)
    assert fold(text) == fold("straße istanbul σας kelvin")


@given(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=4),
    st.text(alphabet=_ALPHABET, max_size=30),
    st.booleans(),
)
def test_every_text_the_pattern_matches_holds_a_literal(
    word: str, text: str, boundary: bool
) -> None:
    pattern = re.compile((r"\b" if boundary else "") + re.escape(word) + r"\w*", re.I)
    literals = required_literals(pattern)
    if literals is not None and pattern.search(text):
        assert any(literal in fold(text) for literal in literals)
