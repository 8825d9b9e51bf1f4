"""Drift findings on small aligned texts: one behaviour per test."""

from __future__ import annotations

import gc

import pytest

from tests.terms.factories import A, D, P, S, concept, parallel
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.core.errors import CancelledError
from workbench.terms.drift import Finding, FindingKind, Severity, check_drift
from workbench.terms.glossary import Glossary

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("es", "seguridad informática", D),
            ("es", "protección de la información", A),
            ("ru", "информационная безопасность", P),
            ("ru", "безопасность информации", D),
            ("zh", "信息安全", P),
            ("zh", "资讯安全", S),
        ),
        concept(
            "ict",
            ("en", "information and communication technology", P),
            ("en", "ICT", A),
            ("es", "tecnologías de la información y las comunicaciones", P),
            ("es", "TIC", A),
            ("ru", "ИКТ", A),
            ("zh", "信息通信技术", P),
        ),
    ]
)


def kinds(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.lang, f.kind.value, f.concept) for f in findings]


def test_correctly_inflected_terms_give_no_finding() -> None:
    text = parallel(
        ["Information security matters.", "We use ICT for information security."],
        {
            "es": [
                "Las seguridades de la información importan.",
                "Usamos las TIC para la seguridad de la información.",
            ],
            "ru": [
                "Информационную безопасность обеспечивают.",
                "ИКТ служат информационной безопасности.",
            ],
            "zh": ["信息安全很重要。", "我们利用信息通信技术保障信息安全。"],
        },
    )
    assert check_drift(text, GLOSSARY) == []


def test_deprecated_term_is_an_error_superseded_a_warning() -> None:
    text = parallel(
        ["Information security."], {"es": ["La seguridad informática."], "zh": ["资讯安全。"]}
    )
    findings = check_drift(text, GLOSSARY)
    assert [(f.lang, f.kind, f.severity, f.found) for f in findings] == [
        ("es", FindingKind.DEPRECATED, Severity.ERROR, "seguridad informática"),
        ("zh", FindingKind.DEPRECATED, Severity.WARNING, "资讯安全"),
    ]
    es = findings[0]
    assert es.expected == ("seguridad de la información", "protección de la información")
    assert es.target_text[slice(*es.target_spans[0])] == "seguridad informática"
    assert es.source_text[slice(*es.source_spans[0])] == "Information security"
    assert (es.source_ids, es.target_ids, es.row) == (("1:1",), ("1:1",), 0)


def test_missing_term_says_what_the_target_has_there() -> None:
    text = parallel(
        ["Threats to information security."],
        {
            "es": ["Amenazas a la seguridad en la esfera de la información."],
            "ru": ["Угрозы безопасности в информационной сфере."],
            "zh": ["信息领域安全面临的威胁。"],
        },
    )
    findings = [f for f in check_drift(text, GLOSSARY) if f.kind is FindingKind.MISSING]
    assert [(f.lang, f.found) for f in findings] == [
        ("es", "seguridad en la esfera de la información"),
        ("ru", "безопасности в информационной"),
        ("zh", "信息领域安全"),
    ]


def test_missing_term_with_nothing_to_locate_has_empty_found() -> None:
    findings = check_drift(parallel(["ICT helps."], {"es": ["Ayuda mucho."]}), GLOSSARY)
    assert [(f.kind, f.concept, f.found) for f in findings] == [(FindingKind.MISSING, "ict", "")]


def test_no_missing_finding_when_the_language_has_no_approved_term() -> None:
    text = parallel(["Information security."], {"fr": ["Sécurité de l'information."]})
    assert check_drift(text, GLOSSARY) == []


def test_a_one_to_zero_bead_is_not_a_missing_term() -> None:
    en = Document.from_segments("en", ["Information security.", "Hello."])
    es = Document.from_segments("es", ["Hola."])
    alignment = Alignment(en, es, [bead([0], []), bead([1], [0])])
    assert check_drift(ParallelText("en", {"en": en, "es": es}, {"es": alignment}), GLOSSARY) == []


def test_untranslated_source_term_in_another_script() -> None:
    text = parallel(
        ["ICT helps information security."], {"ru": ["ICT помогают информационной безопасности."]}
    )
    findings = check_drift(text, GLOSSARY)
    assert kinds(findings) == [("ru", "untranslated", "ict")]
    assert findings[0].found == "ICT" and findings[0].expected == ("ИКТ",)


def test_same_script_target_is_not_checked_for_untranslated_terms() -> None:
    text = parallel(["ICT helps."], {"es": ["ICT ayuda."]})
    assert kinds(check_drift(text, GLOSSARY)) == [("es", "missing", "ict")]


def test_concept_rendered_by_several_terms_across_the_document() -> None:
    text = parallel(
        ["Information security.", "Information security again.", "And information security."],
        {
            "es": [
                "Seguridad de la información.",
                "La seguridad de la información.",
                "Y la protección de la información.",
            ]
        },
    )
    wide = [f for f in check_drift(text, GLOSSARY) if f.kind is FindingKind.INCONSISTENT]
    assert len(wide) == 1
    assert wide[0].counts == (
        ("seguridad de la información", 2),
        ("protección de la información", 1),
    )
    assert wide[0].target_ids == ("3:1",) and wide[0].source_ids == ()


def test_abbreviation_next_to_full_form_is_not_inconsistent() -> None:
    text = parallel(
        ["ICT.", "Information and communication technology."],
        {"es": ["Las TIC.", "Las tecnologías de la información y las comunicaciones."]},
    )
    assert check_drift(text, GLOSSARY) == []


def test_one_source_sentence_with_two_translations() -> None:
    text = parallel(
        ["We protect information security.", "Other text.", "We protect information security."],
        {
            "es": [
                "Protegemos la seguridad de la información.",
                "Otro texto.",
                "Nosotros protegemos la seguridad de la información.",
            ]
        },
    )
    findings = check_drift(text, GLOSSARY)
    assert kinds(findings) == [("es", "inconsistent", "infosec")]
    assert findings[0].source_ids == ("1:1", "3:1")
    assert dict(findings[0].counts) == {
        "Protegemos la seguridad de la información.": 1,
        "Nosotros protegemos la seguridad de la información.": 1,
    }


def test_n_to_m_bead_offsets_are_in_the_joined_text() -> None:
    en = Document.from_segments("en", ["First.", "Then information security."])
    es = Document.from_segments("es", ["Primero y luego la seguridad informática."])
    alignment = Alignment(en, es, [bead([0, 1], [0])])
    finding = check_drift(ParallelText("en", {"en": en, "es": es}, {"es": alignment}), GLOSSARY)[0]
    assert finding.source_text == "First. Then information security."
    assert finding.source_text[slice(*finding.source_spans[0])] == "information security"
    assert finding.source_ids == ("1:1", "2:1")


def test_chinese_segments_join_without_space() -> None:
    en = Document.from_segments("en", ["Information security."])
    zh = Document.from_segments("zh", ["首先。", "资讯安全。"])
    alignment = Alignment(en, zh, [bead([0], [0, 1])])
    findings = check_drift(ParallelText("en", {"en": en, "zh": zh}, {"zh": alignment}), GLOSSARY)
    assert [(f.kind, f.found, f.target_text) for f in findings] == [
        (FindingKind.DEPRECATED, "资讯安全", "首先。资讯安全。")
    ]
    assert findings[0].target_text[slice(*findings[0].target_spans[0])] == "资讯安全"


def test_key_survives_realignment_and_differs_by_language() -> None:
    before = parallel(
        ["Hello.", "Information security."], {"es": ["Hola.", "La seguridad informática."]}
    )
    en = Document.from_segments("en", ["Hello.", "Information security."])
    es = Document.from_segments("es", ["Hola.", "La seguridad informática."])
    after = ParallelText(
        "en", {"en": en, "es": es}, {"es": Alignment(en, es, [bead([0, 1], [0, 1])])}
    )
    old, merged = check_drift(before, GLOSSARY)[0], check_drift(after, GLOSSARY)[0]
    # The key hashes the source segment holding the term, not the whole (now merged) bead.
    assert merged.source_text != old.source_text
    assert merged.key == old.key
    moved = parallel(
        ["Other.", "Hello.", "Information security."],
        {"es": ["Otro.", "Hola.", "La seguridad informática."]},
    )
    assert check_drift(moved, GLOSSARY)[0].key == old.key
    ru = parallel(["Information security."], {"ru": ["безопасность информации"]})
    assert check_drift(ru, GLOSSARY)[0].key != old.key


def test_langs_limit_the_check_and_progress_reaches_the_total() -> None:
    text = parallel(
        ["Information security."],
        {"es": ["Seguridad informática."], "ru": ["безопасность информации"]},
    )
    seen: list[tuple[int, int]] = []
    findings = check_drift(text, GLOSSARY, ["ru"], progress=lambda d, t: seen.append((d, t)))
    assert kinds(findings) == [("ru", "deprecated", "infosec")]
    assert seen[-1][0] == seen[-1][1] > 0


def test_cancel_stops_the_check() -> None:
    text = parallel(["Information security."] * 600, {"es": ["Seguridad."] * 600})
    with pytest.raises(CancelledError):
        check_drift(text, GLOSSARY, cancelled=lambda: True)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_state_is_restored_even_after_cancelling(enabled: bool) -> None:
    text = parallel(["Information security."] * 600, {"es": ["Seguridad."] * 600})
    seen: list[bool] = []

    def cancelled() -> bool:
        seen.append(gc.isenabled())
        return True

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(CancelledError):
            check_drift(text, GLOSSARY, cancelled=cancelled)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
    assert seen == [False]  # paused while the check ran


def test_finding_dict_has_the_documented_fields() -> None:
    finding = check_drift(parallel(["ICT."], {"es": ["Nada."]}), GLOSSARY)[0]
    record = finding.to_dict()
    for name in (
        "lang",
        "kind",
        "concept",
        "expected",
        "found",
        "source_text",
        "target_text",
        "source_ids",
        "target_ids",
        "severity",
        "row",
        "key",
    ):
        assert name in record
    assert record["expected"] == ["tecnologías de la información y las comunicaciones", "TIC"]


def test_inconsistency_names_the_rows_that_stray_from_the_glossary() -> None:
    text = parallel(
        ["Information security.", "Information security again.", "And information security."],
        {
            "es": [
                "Protección de la información.",
                "La protección de la información.",
                "La seguridad de la información.",
            ]
        },
    )
    (wide,) = [f for f in check_drift(text, GLOSSARY) if f.kind is FindingKind.INCONSISTENT]
    assert wide.counts == (
        ("seguridad de la información", 1),
        ("protección de la información", 2),
    )
    assert wide.target_ids == ("1:1", "2:1") and wide.row == 0
