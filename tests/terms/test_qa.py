"""Project QA rules: forbidden patterns, numbers and dates, identical/blank targets,
traditional characters, switches and exceptions; several glossaries by priority."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.terms.factories import D, P, concept, parallel
from workbench.core.errors import FormatError
from workbench.project.qa_rules import read_qa_rules, write_qa_rules
from workbench.terms.drift import Finding, FindingKind, check_drift
from workbench.terms.glossaries import NamedGlossary, merge_glossaries
from workbench.terms.glossary import Glossary
from workbench.terms.numbers import compare, quantities
from workbench.terms.qa import FindingException, ForbiddenRule, QaRules, is_simplified_chinese

EMPTY = Glossary([])


def kinds(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.lang, f.kind.value) for f in findings]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Shanghai, 15 June 2006: resolution 60/45, 1.5 per cent, 1,000 people", "en"),
        ("Shanghái, 15 de junio de 2006: resolución 60/45, 1,5 %, 1.000 personas", "es"),
        ("Шанхай, 15 июня 2006 года: резолюция 60/45, 1,5 %, 1 000 человек", "ru"),
        ("上海，2006年6月15日：第60/45号决议，1.5%，1,000人", "zh"),
    ],
)
def test_numbers_and_dates_normalise_alike_in_every_language(text: str, lang: str) -> None:
    assert quantities(text, lang) == {
        "d:06-15": 1,
        "n:2006": 1,
        "n:60": 1,
        "n:45": 1,
        "n:1.5": 1,
        "n:1000": 1,
    }


def test_chinese_numerals_with_a_unit_or_a_zero_are_numbers() -> None:
    assert quantities("第六十届会议，二〇〇六年，统一一些", "zh") == {"n:60": 1, "n:2006": 1}


def test_an_english_ordinal_is_not_compared() -> None:
    assert compare("the 60th session", "en", "sexagésimo período", "es") == ({}, {})


def test_a_changed_number_is_a_number_finding() -> None:
    text = parallel(["Limit warming to 1.5 °C."], {"es": ["Limitar el calentamiento a 2 °C."]})
    (finding,) = check_drift(text, EMPTY)
    assert (finding.kind, finding.found) == (FindingKind.NUMBER, "2")
    assert "1.5" in finding.message


def test_a_changed_date_is_a_date_finding() -> None:
    text = parallel(["Adopted on 3 March 2024."], {"ru": ["Принято 3 мая 2024 года."]})
    assert kinds(check_drift(text, EMPTY)) == [("ru", "date")]


def test_a_date_in_each_languages_form_is_no_finding() -> None:
    text = parallel(
        ["Shanghai, 15 June 2006."],
        {
            "es": ["Shanghái, 15 de junio de 2006."],
            "ru": ["Шанхай, 15 июня 2006 г."],
            "zh": ["2006年6月15日于上海。"],
        },
    )
    assert check_drift(text, EMPTY) == []


def test_more_numbers_in_the_target_is_no_finding() -> None:
    text = parallel(["In June."], {"zh": ["2006年6月。"]})
    assert check_drift(text, EMPTY) == []


def test_forbidden_string_and_regex_per_language() -> None:
    rules = QaRules(
        (
            ForbiddenRule("accent", r"\bclimatico\b", "es", is_regex=True, message="accent"),
            ForbiddenRule("tm", "™"),
        )
    )
    text = parallel(
        ["Climate change™.", "Climate change."],
        {"es": ["Cambio climatico™.", "Cambio climático."], "ru": ["Изменение климата™."] * 2},
    )
    found = [
        (f.lang, f.kind.value, f.concept, f.found) for f in check_drift(text, EMPTY, rules=rules)
    ]
    assert found == [
        ("es", "forbidden", "accent", "climatico"),
        ("es", "forbidden", "tm", "™"),
        ("ru", "forbidden", "tm", "™"),
        ("ru", "forbidden", "tm", "™"),
    ]


def test_a_target_left_in_the_source_language_is_identical() -> None:
    text = parallel(
        ["The Forum will report on its progress.", "Departamento de Asia y Pacífico"],
        {
            "zh": ["The Forum will report on its progress.", "亚太司"],
            "es": ["El Foro informará.", "Departamento de Asia y Pacífico"],
        },
    )
    # A source line already in the target language (a Spanish heading) may stay as it is.
    assert kinds(check_drift(text, EMPTY)) == [("zh", "identical")]


def test_a_lone_name_left_as_is_is_not_identical() -> None:
    text = parallel(["UNESCO"], {"es": ["UNESCO"]})
    assert check_drift(text, EMPTY) == []


def test_a_blank_target_segment_is_empty_but_a_one_to_zero_bead_is_not() -> None:
    from workbench.core.alignment import Alignment, ParallelText, bead
    from workbench.core.document import Document

    en = Document.from_segments("en", ["First sentence.", "Second sentence."])
    es = Document.from_segments("es", ["…"])
    alignment = Alignment(en, es, [bead([0], [0]), bead([1], [])])
    findings = check_drift(ParallelText("en", {"en": en, "es": es}, {"es": alignment}), EMPTY)
    assert [(f.kind.value, f.row) for f in findings] == [("empty", 0)]


def test_traditional_characters_in_simplified_chinese() -> None:
    text = parallel(["Developing countries need finance."], {"zh": ["發展中國家需要资金。"]})
    (finding,) = check_drift(text, EMPTY)
    assert (finding.kind, finding.found) == (FindingKind.TRADITIONAL, "發國")
    assert [finding.target_text[a:b] for a, b in finding.target_spans] == ["發", "國"]


def test_traditional_text_is_not_checked_for_traditional_characters() -> None:
    assert not is_simplified_chinese("zh-Hant") and not is_simplified_chinese("zh-TW")
    assert is_simplified_chinese("zh") and is_simplified_chinese("zh-CN")
    text = parallel(["Developing countries."], {"zh-Hant": ["發展中國家。"]})
    assert check_drift(text, EMPTY) == []


@pytest.mark.parametrize(
    "kind", [FindingKind.NUMBER, FindingKind.TRADITIONAL, FindingKind.IDENTICAL]
)
def test_every_kind_can_be_switched_off(kind: FindingKind) -> None:
    text = parallel(
        ["Report 2023 on progress today.", "Report 2023 on progress today."],
        {"zh": ["2022年報告。", "Report 2023 on progress today."]},
    )
    on = {f.kind for f in check_drift(text, EMPTY)}
    assert kind in on
    off = {f.kind for f in check_drift(text, EMPTY, rules=QaRules(disabled=frozenset({kind})))}
    assert off == on - {kind}


def test_glossary_kinds_can_be_switched_off_too() -> None:
    glossary = Glossary([concept("x", ("en", "security", P), ("es", "seguridad", P))])
    text = parallel(["Security."], {"es": ["Nada."]})
    assert kinds(check_drift(text, glossary)) == [("es", "missing")]
    rules = QaRules(disabled=frozenset({FindingKind.MISSING}))
    assert check_drift(text, glossary, rules=rules) == []


def test_a_pattern_exception_drops_matching_findings_only() -> None:
    text = parallel(
        ["Limit to 1.5 °C.", "Reach 2030."], {"es": ["Limitar a 2 °C.", "Llegar a 2031."]}
    )
    rules = QaRules(exceptions=(FindingException(r"°C", kind="number", reason="rounded"),))
    findings = check_drift(text, EMPTY, rules=rules)
    assert [(f.kind.value, f.row) for f in findings] == [("number", 1)]


def test_rules_round_trip_through_their_file(tmp_path: Path) -> None:
    rules = QaRules(
        (ForbiddenRule("a", "x+", "es", True, True, "no"),),
        (FindingException("^UN", "missing", "sco", "ru", "ok"),),
        frozenset({FindingKind.IDENTICAL}),
    )
    path = tmp_path / "qa-rules.json"
    write_qa_rules(path, rules)
    assert read_qa_rules(path) == rules


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "broken JSON"),
        ('{"forbidden": [{"id": "a", "pattern": "(", "regex": true}]}', "bad QA rule"),
        ('{"disabled": ["nonsense"]}', "bad QA rule"),
        ('{"forbidden": {}}', "bad QA rule"),
        ("[]", "expected a JSON object"),
    ],
)
def test_a_bad_rules_file_names_the_file_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "qa-rules.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=problem) as caught:
        read_qa_rules(path)
    assert str(path) in str(caught.value)


# -- several glossaries ------------------------------------------------------------------------


def test_findings_name_their_glossary_and_the_higher_glossary_decides() -> None:
    project = Glossary(
        [
            concept(
                "infosec",
                ("en", "information security", P),
                ("es", "seguridad de la información", P),
            )
        ]
    )
    client = Glossary(
        [
            concept(
                "client-infosec",
                ("en", "information security", P),
                ("es", "seguridad informática", P),
            ),
            concept(
                "wmd",
                ("en", "weapons of mass destruction", P),
                ("es", "armas de destrucción masiva", P),
                ("es", "armas masivas", D),
            ),
        ]
    )
    merged, origin = merge_glossaries(
        [NamedGlossary("project", project), NamedGlossary("client", client)]
    )
    # client-infosec names "information security", which the project glossary decides.
    assert origin == {"infosec": "project", "wmd": "client"}
    assert [c.id for c in merged.concepts] == ["infosec", "wmd"]
    text = parallel(
        ["Information security and weapons of mass destruction."],
        {"es": ["Seguridad informática y armas masivas."]},
    )
    findings = check_drift(
        text, [NamedGlossary("project", project), NamedGlossary("client", client)]
    )
    assert sorted((f.kind.value, f.concept, f.glossary) for f in findings) == [
        ("deprecated", "wmd", "client"),
        ("missing", "infosec", "project"),
    ]


def test_a_concept_id_in_two_glossaries_comes_from_the_first() -> None:
    first = Glossary([concept("x", ("en", "alpha", P))])
    second = Glossary([concept("x", ("en", "beta", P)), concept("y", ("en", "gamma", P))])
    merged, origin = merge_glossaries([NamedGlossary("a", first), NamedGlossary("b", second)])
    assert [(c.id, c.terms[0].text) for c in merged.concepts] == [("x", "alpha"), ("y", "gamma")]
    assert origin == {"x": "a", "y": "b"}


def test_rules_json_on_disk_is_readable_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    write_qa_rules(path, QaRules(disabled=frozenset({FindingKind.EMPTY})))
    assert json.loads(path.read_text(encoding="utf-8"))["disabled"] == ["empty"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("for 2 billion people in March 2026", "en"),
        ("para 2.000 millones de personas en marzo de 2026", "es"),
        ("для 2 миллиардов человек в марте 2026 года", "ru"),
        ("2026年3月惠及20亿人", "zh"),
    ],
)
def test_scale_words_and_month_dates_normalise_alike(text: str, lang: str) -> None:
    assert quantities(text, lang) == {"n:2000000000": 1, "d:03": 1, "n:2026": 1}


def test_a_changed_month_without_a_day_is_a_date_finding() -> None:
    text = parallel(["Next in March 2026."], {"ru": ["Далее в мае 2026 года."]})
    assert kinds(check_drift(text, EMPTY)) == [("ru", "date")]
