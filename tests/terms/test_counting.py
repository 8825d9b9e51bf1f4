"""Count-aware `missing`, deprecated-for-a-concept notes and less noise (issue 17)."""

from __future__ import annotations

from tests.terms.factories import A, D, P, concept, parallel
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.terms.drift import Finding, FindingKind, Severity, check_drift
from workbench.terms.glossary import Glossary

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("ru", "информационная безопасность", P),
            ("zh", "信息安全", P),
        ),
        concept(
            "intl-infosec",
            ("en", "international information security", P),
            ("es", "seguridad internacional de la información", P),
        ),
        concept(
            "ict",
            ("en", "information communication technology", P),
            ("en", "ICT", A),
            ("es", "tecnologías de la información y las comunicaciones", P),
            ("es", "TIC", A),
            ("zh", "信息通信技术", P),
        ),
        concept(
            "sco",
            ("en", "Shanghai Cooperation Organisation", P),
            ("en", "SCO", A),
            ("ru", "Шанхайская организация сотрудничества", P),
            ("ru", "ШОС", A),
        ),
        concept(
            "monitoring",
            ("en", "monitoring", P),
            ("es", "seguimiento", P),
        ),
        concept(
            "surveillance",
            ("en", "surveillance", P),
            ("es", "vigilancia", P),
            ("es", "monitoreo", D),
        ),
        concept(
            "charter",
            ("en", "Charter of the United Nations", P),
            ("ru", "Устав Организации Объединённых Наций", P),
            ("ru", "Устав ООН", A),
        ),
    ]
)


def missing(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind is FindingKind.MISSING]


def test_a_concept_named_twice_and_rendered_once_is_missing_with_counts() -> None:
    text = parallel(
        ["Information security matters, and information security costs."],
        {"es": ["La seguridad de la información importa y cuesta."]},
    )
    (finding,) = missing(check_drift(text, GLOSSARY))
    assert (finding.concept, finding.source_count, finding.target_count) == ("infosec", 2, 1)
    assert finding.severity is Severity.INFO  # lower than a plain absence


def test_the_unmatched_source_mention_is_the_one_without_a_counterpart_by_position() -> None:
    text = parallel(
        ["Information security matters, and information security costs."],
        {"es": ["Importa mucho, y la seguridad de la información cuesta."]},
    )
    (finding,) = missing(check_drift(text, GLOSSARY))
    (span,) = finding.source_spans
    # The target's one rendering stands late, so the first source mention is the one left.
    assert span == (0, len("Information security"))


def test_a_plain_absence_is_a_warning_with_a_target_count_of_zero() -> None:
    text = parallel(["Information security matters."], {"es": ["Importa."]})
    (finding,) = missing(check_drift(text, GLOSSARY))
    assert (finding.severity, finding.source_count, finding.target_count) == (
        Severity.WARNING,
        1,
        0,
    )


def test_more_mentions_in_the_target_is_not_drift() -> None:
    text = parallel(
        ["Information security matters."],
        {"es": ["La seguridad de la información importa: seguridad de la información."]},
    )
    assert check_drift(text, GLOSSARY) == []


def test_a_merged_bead_counts_mentions_over_all_its_segments() -> None:
    en = Document.from_segments("en", ["Information security.", "Again information security."])
    es = Document.from_segments("es", ["Seguridad de la información, otra vez."])
    alignment = Alignment(en, es, [bead([0, 1], [0])])
    findings = check_drift(ParallelText("en", {"en": en, "es": es}, {"es": alignment}), GLOSSARY)
    (finding,) = missing(findings)
    assert (finding.source_count, finding.target_count) == (2, 1)
    assert finding.source_text[slice(*finding.source_spans[0])] == "information security"


def test_full_form_with_its_abbreviation_in_brackets_counts_once() -> None:
    text = parallel(
        ["Information communication technology (ICT) helps."],
        {
            "es": ["Las tecnologías de la información y las comunicaciones ayudan."],
            "zh": ["信息通信技术（ICT）有帮助。"],
        },
    )
    assert check_drift(text, GLOSSARY) == []


def test_abbreviation_then_full_form_in_brackets_counts_once() -> None:
    text = parallel(
        ["ICT (information communication technology) helps."],
        {"es": ["Las TIC ayudan."]},
    )
    assert check_drift(text, GLOSSARY) == []


def test_a_full_form_and_a_later_abbreviation_are_two_mentions() -> None:
    text = parallel(
        ["Information communication technology helps; ICT is cheap."],
        {"es": ["Las TIC ayudan y son baratas."]},
    )
    (finding,) = missing(check_drift(text, GLOSSARY))
    assert (finding.source_count, finding.target_count) == (2, 1)


def test_a_nested_term_counts_once_as_the_longer_term() -> None:
    text = parallel(
        ["International information security matters."],
        {"es": ["La seguridad internacional de la información importa."]},
    )
    assert check_drift(text, GLOSSARY) == []


def test_anaphora_is_not_a_mention_on_either_side() -> None:
    text = parallel(
        ["The SCO met. The Organisation agreed."],
        {"ru": ["ШОС собралась. Организация согласилась."]},
    )
    assert check_drift(text, GLOSSARY) == []
    only_target = parallel(
        ["The Organisation agreed and the SCO met."],
        {"ru": ["ШОС согласилась, Организация собралась."]},
    )
    assert check_drift(only_target, GLOSSARY) == []


def test_deprecated_term_where_the_source_names_another_concept_is_a_note() -> None:
    # `monitoreo` is deprecated for surveillance; here it renders "monitoring".
    text = parallel(["Monitoring of the results."], {"es": ["El monitoreo de los resultados."]})
    findings = check_drift(text, GLOSSARY)
    deprecated = [f for f in findings if f.kind is FindingKind.DEPRECATED]
    assert [(f.concept, f.severity) for f in deprecated] == [("surveillance", Severity.INFO)]
    assert "does not name" in deprecated[0].message
    assert deprecated[0].is_note
    assert not any(f.severity is Severity.ERROR for f in findings)


def test_deprecated_term_where_the_source_names_its_concept_is_an_error() -> None:
    text = parallel(["Surveillance of the border."], {"es": ["El monitoreo de la frontera."]})
    (finding,) = check_drift(text, GLOSSARY)
    assert (finding.kind, finding.severity) == (FindingKind.DEPRECATED, Severity.ERROR)
    assert (finding.source_count, finding.is_note) == (1, False)


def test_a_deprecated_use_is_not_also_an_inconsistency() -> None:
    text = parallel(
        ["Surveillance.", "Surveillance again."],
        {"es": ["Vigilancia.", "Monitoreo otra vez."]},
    )
    assert [f.kind for f in check_drift(text, GLOSSARY)] == [FindingKind.DEPRECATED]


def test_an_admitted_short_form_is_not_a_second_rendering() -> None:
    text = parallel(
        ["The Charter of the United Nations.", "The Charter of the United Nations again."],
        {"ru": ["Устав Организации Объединённых Наций.", "Снова Устав ООН."]},
    )
    assert check_drift(text, GLOSSARY) == []


def test_one_target_term_rendering_two_source_concepts_is_inconsistent() -> None:
    text = parallel(
        ["Surveillance of the border.", "Monitoring of the results."],
        {"es": ["La vigilancia de la frontera.", "La vigilancia de los resultados."]},
    )
    findings = check_drift(text, GLOSSARY)
    shared = [f for f in findings if f.kind is FindingKind.INCONSISTENT]
    assert len(shared) == 1
    assert shared[0].found == "vigilancia"
    assert dict(shared[0].counts) == {"surveillance": 1, "monitoring": 1}
    assert shared[0].target_ids == ("2:1",)
    (gap,) = missing(findings)
    assert (gap.concept, gap.found) == ("monitoring", "vigilancia")
