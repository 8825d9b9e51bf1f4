"""Glossary CSV in the shape of glossary-starter.csv: round trips and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.terms.factories import BUNDLED_GLOSSARY, glossaries
from workbench.core.errors import EncodingError, FormatError
from workbench.formats.glossary_csv import (
    REQUIRED,
    format_glossary_csv,
    parse_glossary_csv,
    read_glossary_csv,
    write_glossary_csv,
)
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus

STARTER = BUNDLED_GLOSSARY.parent / "glossary-starter.csv"


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_round_trip_loses_nothing(glossary: Glossary) -> None:
    text = format_glossary_csv(glossary)
    back = parse_glossary_csv(text)
    assert back.concepts == glossary.concepts
    assert format_glossary_csv(back) == text


def test_reads_the_starter_glossary() -> None:
    glossary = read_glossary_csv(STARTER)
    assert len(glossary) == 9
    ict = glossary.concept("ict")
    assert ict.subject_field == "information technology"
    assert [(t.lang, t.text, t.status.value) for t in ict.terms_in("es")] == [
        ("es", "tecnologías de la información y las comunicaciones", "preferred"),
        ("es", "TIC", "admitted"),
        ("es", "tecnologías de la información y la comunicación", "deprecated"),
    ]


def test_a_note_naming_a_term_type_sets_the_type() -> None:
    glossary = read_glossary_csv(STARTER)
    assert glossary.concept("ict").terms_in("en")[2] == Term(
        "ICT", "en", TermStatus.ADMITTED, term_type="abbreviation", note="abbreviation"
    )
    assert glossary.concept("sco").terms_in("zh")[1].term_type == "shortForm"


def test_starter_round_trip_keeps_its_shape(tmp_path: Path) -> None:
    glossary = read_glossary_csv(STARTER)
    write_glossary_csv(tmp_path / "out.csv", glossary)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",")[:6] == list(REQUIRED)
    assert read_glossary_csv(tmp_path / "out.csv") == glossary


def test_bom_and_crlf_are_accepted() -> None:
    text = (
        "\ufeffconcept_id,subject_field,lang,term,status,note\r\nc1,law,en,charter,preferred,\r\n"
    )
    assert parse_glossary_csv(text).concept("c1").terms == (Term("charter", "en"),)


def test_concept_without_terms_survives() -> None:
    glossary = Glossary([Concept("c1", "law", "a definition", "a note")])
    assert parse_glossary_csv(format_glossary_csv(glossary)) == glossary


def test_missing_column_is_reported_on_line_1() -> None:
    with pytest.raises(FormatError) as error:
        parse_glossary_csv("concept_id,lang,term\n", "g.csv")
    assert error.value.line == 1 and "subject_field" in str(error.value)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("c1,law,en,charter,obsolete,", "unknown term status"),
        ("c1,law,en,,preferred,", "both lang and term"),
        ("c1,law,en,charter", "expected 6 fields"),
        (",law,en,charter,preferred,", "empty concept_id"),
        ("c1,other,en,treaty,preferred,", "differs from an earlier row"),
    ],
)
def test_bad_rows_name_file_and_line(row: str, problem: str) -> None:
    text = (
        "concept_id,subject_field,lang,term,status,note\nc1,law,en,charter,preferred,\n"
        + row
        + "\n"
    )
    with pytest.raises(FormatError) as error:
        parse_glossary_csv(text, "g.csv")
    assert error.value.path == "g.csv" and error.value.line == 3
    assert problem in str(error.value)


def test_latin1_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "concept_id,subject_field,lang,term,status,note\nc1,x,es,información,preferred,\n".encode(
            "latin-1"
        )
    )
    with pytest.raises(EncodingError) as error:
        read_glossary_csv(path)
    assert error.value.line == 2 and "UTF-8" in str(error.value)
