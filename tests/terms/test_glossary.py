"""The glossary model: lookup, lexicon pairs and reversible edits."""

from __future__ import annotations

import copy

import pytest

from tests.terms.factories import A, D, P, S, concept
from workbench.core.errors import EditError
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus


@pytest.fixture
def glossary() -> Glossary:
    return Glossary(
        [
            concept(
                "infosec",
                ("en", "information security", P),
                ("es", "seguridad de la información", P),
                ("es", "seguridad informática", D),
            ),
            concept(
                "ict",
                ("en", "ICT", A),
                ("en", "information and communication technology", P),
                ("es", "TIC", A),
                ("ru", "ИКТ", A),
            ),
        ]
    )


def test_status_parses_tbx_and_plain_values() -> None:
    assert TermStatus.parse("deprecatedTerm-admn-sts") is D
    assert TermStatus.parse(" Superseded ") is S
    assert TermStatus.parse("admittedTerm") is A
    with pytest.raises(ValueError):
        TermStatus.parse("obsolete")


def test_preferred_terms_come_first_among_approved(glossary: Glossary) -> None:
    ict = glossary.concept("ict")
    assert [t.text for t in ict.approved_in("en")] == [
        "information and communication technology",
        "ICT",
    ]
    assert glossary.concept("infosec").preferred_in("es") == Term(
        "seguridad de la información", "es"
    )


def test_term_pairs_join_approved_terms_only(glossary: Glossary) -> None:
    assert glossary.term_pairs("en", "es") == [
        ("information security", "seguridad de la información"),
        ("information and communication technology", "TIC"),
        ("ICT", "TIC"),
    ]
    assert glossary.term_pairs("en", "fr") == []


def test_lookup_ignores_case(glossary: Glossary) -> None:
    found = glossary.lookup("Seguridad Informática", "es")
    assert [(c.id, t.status) for c, t in found] == [("infosec", D)]


def test_empty_or_padded_terms_are_refused() -> None:
    with pytest.raises(EditError):
        Term("  ", "en")
    with pytest.raises(EditError):
        Term(" ICT", "en")


def test_duplicate_concept_ids_are_refused(glossary: Glossary) -> None:
    with pytest.raises(EditError):
        glossary.add_concept(Concept("ict"))


def _each_edit(g: Glossary) -> list[object]:
    return [
        lambda: g.add_concept(Concept("wmd", "security"), position=1),
        lambda: g.edit_concept("ict", new_id="ict2", definition="Technology for information"),
        lambda: g.delete_concept("infosec"),
        lambda: g.add_term("ict", Term("TIC", "pt"), index=0),
        lambda: g.edit_term("infosec", 2, Term("seguridad informática", "es", S)),
        lambda: g.delete_term("ict", 0),
    ]


@pytest.mark.parametrize("number", range(6))
def test_every_edit_reverts_and_reapplies(glossary: Glossary, number: int) -> None:
    original = copy.deepcopy(glossary)
    change = _each_edit(glossary)[number]()  # type: ignore[operator]
    after = copy.deepcopy(glossary)
    assert glossary != original
    glossary.revert(change)
    assert glossary == original
    glossary.apply(change)
    assert glossary == after


def test_edit_reports_old_and_new_concept(glossary: Glossary) -> None:
    change = glossary.edit_term("infosec", 2, Term("seguridad informática", "es", S))
    assert change.before is not None and change.after is not None
    assert change.before.terms[2].status is D
    assert change.after.terms[2].status is S
    assert change.position == 0 and change.concept_id == "infosec"


def test_rename_to_an_existing_id_is_refused(glossary: Glossary) -> None:
    with pytest.raises(EditError):
        glossary.edit_concept("ict", new_id="infosec")


def test_term_index_out_of_range_is_refused(glossary: Glossary) -> None:
    with pytest.raises(EditError):
        glossary.delete_term("ict", 9)


def test_short_forms_are_known_by_type_or_shape() -> None:
    assert Term("ICT", "en").is_short_form
    assert Term("上合组织", "zh", term_type="shortForm").is_short_form
    assert not Term("Ict", "en").is_short_form
