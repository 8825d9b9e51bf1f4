"""Every term of the bundled glossary is found in plural and case forms a lexicon generates.

The forms come from lexicons, not from the matcher: lemminflect's inflections (English),
simplemma's Spanish form -> lemma table read backwards, pymorphy3's paradigms (Russian),
OpenCC's simplified -> traditional conversion (Chinese). The words that inflect are those of
the head phrase: up to the first preposition (en, es), up to the first noun (ru).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pytest

from tests.terms.factories import BUNDLED_GLOSSARY, P, concept
from workbench.formats.tbx import read_tbx
from workbench.terms.glossary import Glossary, is_abbreviation
from workbench.terms.matching import TermMatcher

GLOSSARY = read_tbx(BUNDLED_GLOSSARY)
_EN_PREPOSITIONS = {"of", "in", "on", "for", "to"}
_ES_PREPOSITIONS = {"de", "en", "sobre", "a", "para", "con", "por"}
_ES_SKIP = {"no", "y", "la", "las", "el", "los"}


def _terms(lang: str) -> list[tuple[str, str]]:
    return [
        (c.id, t.text)
        for c in GLOSSARY.concepts
        for t in c.terms_in(lang)
        if not is_abbreviation(t.text)
    ]


def _recase(form: str, like: str) -> str:
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


# -- English: lemminflect ---------------------------------------------------------------------


def _en_flip(word: str) -> str:
    import lemminflect

    lemmas = lemminflect.getAllLemmas(word.lower()).get("NOUN", ())
    lemma = lemmas[0] if lemmas else word.lower()
    if lemma != word.lower():
        return _recase(lemma, word)  # plural -> singular
    plural = lemminflect.getInflection(lemma, tag="NNS")
    return _recase(plural[0], word) if plural else word


def english_forms(term: str) -> Iterator[str]:
    """The term with its head noun's number flipped, and with a possessive 's."""
    words = term.split(" ")
    head = len(words) - 1
    for i, word in enumerate(words):
        if word.lower() in _EN_PREPOSITIONS:
            head = i - 1
            break
    parts = words[head].split("-")
    parts[-1] = _en_flip(parts[-1])
    flipped = [*words[:head], "-".join(parts), *words[head + 1 :]]
    yield " ".join(flipped)
    yield term + "'s"


# -- Spanish: simplemma's table, read backwards ----------------------------------------------


@lru_cache(maxsize=1)
def _es_forms_by_lemma() -> dict[str, list[str]]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    wanted = {w.lower() for _, t in _terms("es") for w in re.findall(r"[^\W\d_]+", t)}
    table = DefaultDictionaryFactory().get_dictionary("es")
    by_lemma: dict[str, list[str]] = {}
    for form, lemma in table.items():
        lemma_text = lemma.decode() if isinstance(lemma, bytes) else str(lemma)
        if lemma_text in wanted or form in wanted:
            by_lemma.setdefault(lemma_text, []).append(form)
            by_lemma.setdefault("=" + form, []).append(lemma_text)
    return by_lemma


def _es_flip(word: str) -> str:
    lower = word.lower()
    table = _es_forms_by_lemma()
    plurals = [
        f
        for f in table.get(lower, [])
        if f != lower and f.endswith("s") and (lower[-1] not in "aeo" or f[-2] == lower[-1])
    ]
    if plurals:
        return _recase(min(plurals, key=len), word)
    lemmas = [lemma for lemma in table.get("=" + lower, []) if lemma != lower]
    return _recase(lemmas[0], word) if lemmas and lower.endswith("s") else word


def spanish_forms(term: str) -> Iterator[str]:
    """The term with the number of its head phrase (before the first preposition) flipped."""
    words = term.split(" ")
    out: list[str] = []
    inflecting = True
    for word in words:
        if word.lower() in _ES_PREPOSITIONS:
            inflecting = False
        out.append(_es_flip(word) if inflecting and word.lower() not in _ES_SKIP else word)
    yield " ".join(out)


# -- Russian: pymorphy3 paradigms -------------------------------------------------------------

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def russian_forms(term: str) -> Iterator[str]:
    """The term in every case and number, its head phrase (up to the first noun) agreeing."""
    import pymorphy3

    morph = _morph()
    words = term.split(" ")
    parses: list[pymorphy3.analyzer.Parse | None] = []
    head_end = 0
    for i, word in enumerate(words):
        if is_abbreviation(word) or word == "и":
            parses.append(None)
            continue
        parse = next((p for p in morph.parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")), None)
        parses.append(parse)
        head_end = i
        if parse is not None and parse.tag.POS == "NOUN":
            break
    head = parses[head_end]
    singular = head.inflect({"sing", "nomn"}) if head is not None else None
    gender = singular.tag.gender if singular is not None else None
    for number in ("sing", "plur"):
        for case in _CASES:
            out = list(words)
            for i in range(head_end + 1):
                parse = parses[i]
                if parse is None:
                    continue
                wanted = {number, case}
                if number == "sing" and gender and parse.tag.POS != "NOUN":
                    wanted.add(gender)  # an adjective agrees with its noun's gender
                inflected = parse.inflect(wanted)
                if inflected is None:
                    break
                out[i] = _recase(inflected.word, words[i])
            else:
                yield " ".join(out)


@lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# -- the tests ---------------------------------------------------------------------------------


def _found(glossary: Glossary, lang: str, text: str, form: str) -> list[tuple[str, str]]:
    matches = TermMatcher(glossary, lang).find(text)
    return [(m.concept_id, m.text) for m in matches if m.text == form]


@pytest.mark.parametrize(
    ("lang", "cid", "term"),
    [(lang, cid, term) for lang in ("en", "es", "ru") for cid, term in _terms(lang)],
)
def test_every_generated_form_of_every_term_is_found(lang: str, cid: str, term: str) -> None:
    make = {"en": english_forms, "es": spanish_forms, "ru": russian_forms}[lang]
    forms = sorted(set(make(term)))
    assert forms, f"the lexicon gave no form of {term!r}"
    for form in forms:
        found = TermMatcher(GLOSSARY, lang).find(f"Texto: {form}, y más.")
        spans = [(m.concept_id, m.text) for m in found]
        assert (cid, form) in spans, f"{form!r} (a form of {term!r}) not matched: {spans}"


def test_the_lexicons_give_real_inflections() -> None:
    # The generators are the test's ground truth: check they inflect at all.
    assert "weapon of mass destruction" in set(english_forms("weapons of mass destruction"))
    assert "Declaraciones Universales de Derechos Humanos" in set(
        spanish_forms("Declaración Universal de Derechos Humanos")
    )
    assert "информационной безопасностью" in set(russian_forms("информационная безопасность"))


@pytest.mark.parametrize(("cid", "term"), _terms("zh"))
def test_every_chinese_term_is_found_in_traditional_characters(cid: str, term: str) -> None:
    import opencc

    traditional = opencc.OpenCC("s2t").convert(term)
    (match,) = TermMatcher(GLOSSARY, "zh").find(f"关于{traditional}的声明")
    assert (match.concept_id, match.text) == (cid, traditional)
    if traditional != term:
        assert match.variant == "traditional"


@pytest.mark.parametrize(
    ("lang", "term", "text", "form"),
    [
        ("en", "greenhouse gas", "Greenhouse gases rose.", "Greenhouse gases"),
        ("en", "analysis", "Two analyses differ.", "analyses"),
        ("en", "man-made disaster", "Man-made disasters grow.", "Man-made disasters"),
        ("es", "arma", "Las armas callan.", "armas"),
        (
            "es",
            "gas de efecto invernadero",
            "Los gases de efecto invernadero.",
            "gases de efecto invernadero",
        ),
    ],
)
def test_plurals_snowball_cuts_differently_are_found(
    lang: str, term: str, text: str, form: str
) -> None:
    glossary = Glossary([concept("c", (lang, term, P))])
    assert _found(glossary, lang, text, form) == [("c", form)]
