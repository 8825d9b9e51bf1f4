"""Term matching per language: inflection, variants, abbreviations, offsets, overlaps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.terms.factories import BUNDLED_GLOSSARY, A, D, P, concept
from workbench.formats.tbx import read_tbx
from workbench.terms.glossary import Glossary
from workbench.terms.matching import TermMatcher, script_of


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return read_tbx(BUNDLED_GLOSSARY)


def found(glossary: Glossary, lang: str, text: str) -> list[tuple[str, str, str]]:
    """(concept, term, surface) of every match."""
    return [(m.concept_id, m.term.text, m.text) for m in TermMatcher(glossary, lang).find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "по обеспечению информационной безопасности на основе",
        "Информационную безопасность нужно обеспечить",
        "об информационной безопасности",
        "ИНФОРМАЦИОННАЯ  БЕЗОПАСНОСТЬ",
    ],
)
def test_russian_inflected_forms_match(bundled: Glossary, text: str) -> None:
    assert [c for c, _, _ in found(bundled, "ru", text)] == ["infosec"]


def test_russian_yo_and_ye_are_the_same_letter() -> None:
    g = Glossary([concept("un", ("ru", "Устав Организации Объединённых Наций", P))])
    assert found(g, "ru", "нормы Устава Организации Объединенных Наций")[0][0] == "un"
    g2 = Glossary([concept("un", ("ru", "Устав Организации Объединенных Наций", P))])
    assert found(g2, "ru", "нормы Устава Организации Объединённых Наций")[0][0] == "un"


def test_russian_hyphenated_term_inflects(bundled: Glossary) -> None:
    result = found(bundled, "ru", "новейших информационно-коммуникационных технологий")
    assert result == [
        (
            "ict",
            "информационно-коммуникационные технологии",
            "информационно-коммуникационных технологий",
        )
    ]


def test_russian_word_order_matters(bundled: Glossary) -> None:
    assert found(bundled, "ru", "безопасность в информационной сфере") == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("las seguridades de la información", "seguridades de la información"),
        ("SEGURIDAD DE LA INFORMACIÓN", "SEGURIDAD DE LA INFORMACIÓN"),
        ("la seguridad de la informacion", "seguridad de la informacion"),
    ],
)
def test_spanish_plural_and_accent_variants_match(
    bundled: Glossary, text: str, surface: str
) -> None:
    assert found(bundled, "es", text) == [("infosec", "seguridad de la información", surface)]


def test_spanish_short_plural_matches_singular(bundled: Glossary) -> None:
    assert found(bundled, "es", "un arma de destrucción masiva")[0][0] == "wmd"


def test_spanish_function_words_are_not_skipped(bundled: Glossary) -> None:
    assert found(bundled, "es", "la seguridad en la esfera de la información") == []


def test_most_exact_term_wins_when_forms_collide(bundled: Glossary) -> None:
    # Preferred and deprecated differ only by number; Snowball stems them alike.
    preferred = TermMatcher(bundled, "es").find(
        "tecnologías de la información y las comunicaciones"
    )
    deprecated = TermMatcher(bundled, "es").find("tecnologías de la información y la comunicación")
    assert [m.term.status for m in preferred] == [P]
    assert [m.term.status for m in deprecated] == [D]


def test_english_plural_possessive_and_hyphen(bundled: Glossary) -> None:
    assert found(bundled, "en", "a weapon of mass destruction")[0][0] == "wmd"
    assert found(bundled, "en", "the SCO's member states") == [("sco", "SCO", "SCO's")]
    assert found(bundled, "en", "Information-Security matters")[0][0] == "infosec"
    assert found(bundled, "en", "non interference in internal affairs")[0][0] == "non-interference"


def test_abbreviations_match_whole_capital_words_only(bundled: Glossary) -> None:
    assert found(bundled, "en", "ICT and ICTs") == [("ict", "ICT", "ICT"), ("ict", "ICT", "ICTs")]
    assert found(bundled, "en", "the ict sector, VICTORY, strict") == []
    assert found(bundled, "ru", "в рамках ШОС и ИКТ-технологий") == [
        ("sco", "ШОС", "ШОС"),
        ("ict", "ИКТ", "ИКТ"),
    ]


def test_chinese_matches_inside_running_text(bundled: Glossary) -> None:
    assert found(bundled, "zh", "加大在信息安全领域的工作力度") == [
        ("infosec", "信息安全", "信息安全")
    ]


def test_chinese_traditional_form_matches_and_is_marked(bundled: Glossary) -> None:
    matches = TermMatcher(bundled, "zh").find("加強資訊安全")
    assert [(m.concept_id, m.term.status, m.text, m.variant) for m in matches] == [
        ("infosec", D, "資訊安全", "traditional")
    ]
    simplified = TermMatcher(bundled, "zh").find("信息安全")
    assert simplified[0].variant == ""


def test_longest_match_hides_the_term_inside_it(bundled: Glossary) -> None:
    assert [c for c, _, _ in found(bundled, "en", "on International Information Security")] == [
        "intl-infosec"
    ]
    assert [c for c, _, _ in found(bundled, "zh", "国际信息安全专家组")] == ["intl-infosec"]


def test_offsets_point_at_the_matched_text(bundled: Glossary) -> None:
    text = "Главы государств — членов ШОС по международной информационной безопасности."
    for m in TermMatcher(bundled, "ru").find(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in TermMatcher(bundled, "ru").find(text)] == [
        "ШОС",
        "международной информационной безопасности",
    ]


def test_statuses_filter_the_terms() -> None:
    # Two words no lexicon relates ("data" and "datum" are one lemma for lemminflect).
    g = Glossary([concept("x", ("en", "record", P), ("en", "entry", A))])
    only = TermMatcher(g, "en", statuses=[A])
    assert [m.term.text for m in only.find("record and entry")] == ["entry"]


def test_script_of_names_the_dominant_script() -> None:
    assert script_of("Информационная ICT") == "CYRILLIC"
    assert script_of("信息安全 ICT") == "Han"
    assert script_of("12 345") == ""


RUSSIAN_PHRASES = [
    ("информационная безопасность", "infosec"),
    ("международная информационная безопасность", "intl-infosec"),
    ("информационно-коммуникационные технологии", "ict"),
    ("региональная антитеррористическая структура", "rats"),
]


@pytest.mark.parametrize("case", ["nomn", "gent", "datv", "accs", "ablt", "loct"])
@pytest.mark.parametrize(("term", "concept_id"), RUSSIAN_PHRASES)
def test_every_russian_case_of_an_agreeing_phrase_matches(
    bundled: Glossary, term: str, concept_id: str, case: str
) -> None:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()

    def inflect(word: str) -> str:
        head, _, tail = word.rpartition("-")
        form = morph.parse(tail)[0].inflect({case})
        inflected = form.word if form is not None else tail
        return f"{head}-{inflected}" if head else inflected

    phrase = " ".join(inflect(w) for w in term.split())
    assert [c for c, _, _ in found(bundled, "ru", f"речь о {phrase} и прочем")] == [concept_id]


def test_soft_hyphen_inside_a_word_is_ignored(bundled: Glossary) -> None:
    text = "la segu\u00adridad de la infor\u00admación"
    matches = TermMatcher(bundled, "es").find(text)
    assert [(m.concept_id, m.text, m.exact) for m in matches] == [
        ("infosec", "segu\u00adridad de la infor\u00admación", True)
    ]


def test_find_all_equals_find_per_text_and_never_crosses_texts(bundled: Glossary) -> None:
    texts = ["We need information", "security now.", "", "Information security and ICT.", "SCO"]
    matcher = TermMatcher(bundled, "en")
    batch = matcher.find_all(texts)
    assert batch == [matcher.find(t) for t in texts]
    assert [[m.text for m in found] for found in batch] == [
        [],
        [],
        [],
        ["Information security", "ICT"],
        ["SCO"],
    ]
    assert texts[3][batch[3][1].start : batch[3][1].end] == "ICT"


def test_find_all_with_a_nul_inside_a_text_keeps_words_offsets_and_text(
    bundled: Glossary,
) -> None:
    # A NUL (the batch separator) inside a text is an ordinary non-word character there.
    texts = ["Information\x00security first.", "plain information security", "ICT\x00"]
    matcher = TermMatcher(bundled, "en")
    batch = matcher.find_all(texts)
    assert [[m.text for m in found] for found in batch] == [
        ["Information\x00security"],
        ["information security"],
        ["ICT"],
    ]
    for text, found in zip(texts, batch, strict=True):
        assert all(text[m.start : m.end] == m.text for m in found)
    assert matcher.find(texts[0]) == batch[0]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "New vaccines arrived.", "vaccine"),
        ("en", "The vaccination rate.", "vaccination"),
        ("es", "Llegaron vacunas.", "vaccine"),
        ("es", "La vacunación avanza.", "vaccination"),
    ],
)
def test_terms_sharing_a_stem_are_told_apart_by_their_lemmas(
    lang: str, text: str, expected: str
) -> None:
    # Snowball cuts "vaccine" and "vaccination" to one stem; the lemma decides.
    g = Glossary(
        [
            concept("vaccine", ("en", "vaccine", P), ("es", "vacuna", P)),
            concept("vaccination", ("en", "vaccination", P), ("es", "vacunación", P)),
        ]
    )
    assert [m.concept_id for m in TermMatcher(g, lang).find(text)] == [expected]


def test_a_shared_snowball_analyzer_stems_alike_from_several_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from workbench.terms.matching import SnowballAnalyzer

    words = [f"{stem}{end}" for stem in ("departament", "segur", "inform") for end in "oas"]
    words *= 2000
    alone = SnowballAnalyzer("es")
    expected = [alone._stem_keys(w) for w in words]
    shared = SnowballAnalyzer("es")
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(shared._stem_keys, words, chunksize=1)) == expected


@given(st.text(alphabet="ab Zé1_ \u00ad'’s.,\x00(–)\n\t信\u3000Ωж", max_size=40))
def test_splitting_at_spaces_gives_what_the_token_regex_gives(text: str) -> None:
    for lang in ("en", "ru"):
        matcher = TermMatcher(Glossary([]), lang)
        assert matcher.split(text) == matcher._splitter.split(text)
