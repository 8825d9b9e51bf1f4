"""Suggestions: renderings used in the texts and candidates mined over beads."""

from __future__ import annotations

from tests.terms.factories import D, P, concept, parallel
from workbench.terms.glossary import Glossary
from workbench.terms.suggest import suggest_for_term, suggest_renderings

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("es", "seguridad informática", D),
        )
    ]
)

EN = [
    "Information security is vital.",
    "We need information security now.",
    "The weather is fine.",
    "Our information security plan.",
    "Cats sleep a lot.",
    "Dogs bark at night.",
    "Trade grows every year.",
    "Rivers flow to the sea.",
    "Information security for all.",
    "The market opened late.",
]
ES = [
    "La seguridad informática es vital.",
    "Necesitamos la protección de datos ahora.",
    "Hace buen tiempo.",
    "Nuestro plan de protección de datos.",
    "Los gatos duermen mucho.",
    "Los perros ladran de noche.",
    "El comercio crece cada año.",
    "Los ríos van al mar.",
    "Protección de datos para todos.",
    "El mercado abrió tarde.",
]


def test_used_terms_are_counted_with_status_and_examples() -> None:
    result = suggest_renderings(parallel(EN, {"es": ES}), GLOSSARY, "infosec")[0]
    assert result.beads == 4
    assert [(s.text, s.count, s.status) for s in result.used] == [
        ("seguridad informática", 1, "deprecated")
    ]
    example = result.used[0].examples[0]
    assert example.target_text[slice(*example.span)] == "seguridad informática"


def test_cooccurring_rendering_is_the_top_candidate() -> None:
    result = suggest_renderings(parallel(EN, {"es": ES}), GLOSSARY, "infosec")[0]
    top = result.candidates[0]
    assert top.text.lower() == "protección de datos"
    assert top.count == 3 and top.score > 0.8


def test_new_term_gets_candidates_too() -> None:
    result = suggest_for_term(parallel(EN, {"es": ES}), "information security", None, ["es"])[0]
    assert result.concept == "new-term" and result.beads == 4
    assert result.candidates[0].text.lower() == "protección de datos"


def test_candidates_neither_start_nor_end_with_a_stop_word() -> None:
    # "que" and "como" come only with the concept here: by co-occurrence alone they would be
    # candidates; the language's stop-word list keeps them out.
    concept_rows = {0, 1, 3, 8}
    es = [f"Como dijo, que {s}" if i in concept_rows else s for i, s in enumerate(ES)]
    result = suggest_renderings(parallel(EN, {"es": es}), GLOSSARY, "infosec")[0]
    assert result.candidates
    for candidate in result.candidates:
        words = candidate.text.lower().split()
        assert words[0] not in {"que", "como"} and words[-1] not in {"que", "como", "de"}
