"""Per-term matching control: exact, inflected, prefix, pattern; case sensitivity; storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terms.factories import P, concept, parallel
from workbench.core.errors import EditError, FormatError
from workbench.formats.glossary_csv import format_glossary_csv, read_glossary_csv
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.terms.drift import check_drift
from workbench.terms.glossary import (
    Concept,
    Glossary,
    MatchMode,
    Term,
    split_matching_note,
)
from workbench.terms.matching import TermMatcher


def found(term: Term, text: str) -> list[str]:
    glossary = Glossary([Concept("c", terms=(term,))])
    return [m.text for m in TermMatcher(glossary, term.lang).find(text)]


def test_an_inflected_term_finds_inflected_forms() -> None:
    assert found(Term("weapon", "en"), "Weapons and weapon.") == ["Weapons", "weapon"]


def test_an_exact_term_finds_only_the_words_as_written() -> None:
    term = Term("weapon", "en", match=MatchMode.EXACT)
    assert found(term, "Weapons and weapon, WEAPON.") == ["weapon", "WEAPON"]


def test_a_case_sensitive_term_keeps_its_capitals() -> None:
    term = Term("Apple", "en", case_sensitive=True)
    assert found(term, "Apple sells apples; Apples too; APPLE.") == ["Apple", "Apples"]
    exact = Term("Apple", "en", match=MatchMode.EXACT, case_sensitive=True)
    assert found(exact, "Apple, Apples, apple.") == ["Apple"]


def test_a_prefix_term_begins_text_words() -> None:
    term = Term("cyber attack", "en", match=MatchMode.PREFIX)
    assert found(term, "Cyberspace attacks, cyber attacks; a subcyber attack.") == [
        "Cyberspace attacks",
        "cyber attacks",
    ]


def test_a_pattern_term_is_a_regular_expression() -> None:
    term = Term("COVID-19", "en", match=MatchMode.PATTERN, pattern=r"COVID[- ]?19")
    assert found(term, "COVID 19, covid-19 and COVID19.") == ["COVID 19", "covid-19", "COVID19"]
    strict = Term(
        "COVID-19", "en", match=MatchMode.PATTERN, case_sensitive=True, pattern=r"COVID[- ]?19"
    )
    assert found(strict, "COVID 19, covid-19.") == ["COVID 19"]


def test_a_longer_word_term_wins_over_a_pattern_inside_it() -> None:
    glossary = Glossary(
        [
            concept("long", ("en", "information security policy", P)),
            Concept("short", terms=(Term("secur", "en", match=MatchMode.PREFIX),)),
        ]
    )
    matches = TermMatcher(glossary, "en").find("An information security policy; security.")
    assert [(m.concept_id, m.text) for m in matches] == [
        ("long", "information security policy"),
        ("short", "security"),
    ]


def test_a_bad_pattern_or_a_stray_one_is_refused() -> None:
    with pytest.raises(EditError, match="bad pattern"):
        Term("x", "en", match=MatchMode.PATTERN, pattern="(")
    with pytest.raises(EditError, match="needs match mode"):
        Term("x", "en", pattern="x+")


def test_match_modes_drive_the_drift_check() -> None:
    glossary = Glossary(
        [
            Concept(
                "who",
                terms=(
                    Term("WHO", "en", case_sensitive=True),
                    Term("OMS", "es", match=MatchMode.EXACT, case_sensitive=True),
                ),
            )
        ]
    )
    text = parallel(["WHO says who.", "Who knows."], {"es": ["La oms lo dice.", "Quién sabe."]})
    findings = check_drift(text, glossary)
    assert [(f.kind.value, f.row) for f in findings] == [("missing", 0)]


GLOSSARY = Glossary(
    [
        Concept(
            "c",
            terms=(
                Term("weapon", "en", note="A note.", match=MatchMode.EXACT, case_sensitive=True),
                Term("COVID-19", "en", match=MatchMode.PATTERN, pattern=r"COVID[- ;]?19"),
                Term("cyber", "en", match=MatchMode.PREFIX),
                Term("arma", "es"),
            ),
        )
    ]
)


@pytest.mark.parametrize("version", [2, 3])
def test_tbx_keeps_match_mode_and_case_in_a_note(tmp_path: Path, version: int) -> None:
    path = tmp_path / "g.tbx"
    write_tbx(path, GLOSSARY, version)
    xml = path.read_text(encoding="utf-8")
    assert "<note>workbench-match: exact; case-sensitive</note>" in xml
    assert "<note>A note.</note>" in xml
    assert read_tbx(path) == GLOSSARY


def test_csv_keeps_match_mode_and_case_in_the_note(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(format_glossary_csv(GLOSSARY), encoding="utf-8")
    assert read_glossary_csv(path) == GLOSSARY


def test_a_matching_note_with_an_unknown_mode_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "concept_id,subject_field,lang,term,status,note\n"
        "c,,en,x,preferred,workbench-match: fuzzy\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="fuzzy") as caught:
        read_glossary_csv(path)
    assert f"{path}:2" in str(caught.value)


def test_split_matching_note_keeps_the_users_lines() -> None:
    assert split_matching_note("Line one.\nworkbench-match: prefix\nLine two.") == (
        "Line one.\nLine two.",
        MatchMode.PREFIX,
        False,
        "",
    )


def test_an_unknown_mode_in_a_tbx_is_reported_and_not_used(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    write_tbx(path, GLOSSARY, 3)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "workbench-match: prefix", "workbench-match: fuzzy"
        ),
        encoding="utf-8",
    )
    warnings: list[str] = []
    read = read_tbx(path, warnings)
    cyber = next(t for t in read.concepts[0].terms if t.text == "cyber")
    assert cyber.match is MatchMode.INFLECTED
    assert "workbench-match: fuzzy" in cyber.note  # kept for the user to fix, not applied
    assert len(warnings) == 1
    assert str(path) in warnings[0] and "'fuzzy'" in warnings[0]
    assert "inflected, exact, prefix, pattern" in warnings[0]
