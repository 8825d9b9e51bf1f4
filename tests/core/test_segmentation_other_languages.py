"""Languages without a hand-made test set: generated Moses-list rules and the default rules."""

from __future__ import annotations

import pytest

from workbench.core.segmentation import segment_paragraph
from workbench.formats.srx import load_rules
from workbench.resources import segmentation_rules_dir

CASES = [
    (
        "de",
        "Das Treffen fand am 3. Oktober statt. Es dauerte zwei Tage.",
        ["Das Treffen fand am 3. Oktober statt.", "Es dauerte zwei Tage."],
    ),
    (
        "de",
        "Dr. Müller kam z. B. am Montag. Er blieb bis Mittwoch.",
        ["Dr. Müller kam z. B. am Montag.", "Er blieb bis Mittwoch."],
    ),
    (
        "fr",
        "M. Dupont est arrivé hier. Il est reparti ce matin.",
        ["M. Dupont est arrivé hier.", "Il est reparti ce matin."],
    ),
    (
        "fr",
        "« Êtes-vous prêt ? » demanda-t-il. Personne ne répondit.",
        ["« Êtes-vous prêt ? » demanda-t-il.", "Personne ne répondit."],
    ),
    (
        "it",
        "Il sig. Rossi è partito. La riunione è rinviata.",
        ["Il sig. Rossi è partito.", "La riunione è rinviata."],
    ),
    (
        "pt",
        "O Sr. Silva chegou ontem. Partiu hoje de manhã.",
        ["O Sr. Silva chegou ontem.", "Partiu hoje de manhã."],
    ),
    (
        "nl",
        "Dhr. Jansen was er niet. Mevr. de Vries wel.",
        ["Dhr. Jansen was er niet.", "Mevr. de Vries wel."],
    ),
    (
        "pl",
        "Spotkanie odbyło się 3. maja. Trwało dwa dni.",
        ["Spotkanie odbyło się 3. maja.", "Trwało dwa dni."],
    ),
    ("hi", "यह किताब है। वह कलम है।", ["यह किताब है।", "वह कलम है।"]),
    ("ar", "هل أنت مستعد؟ نعم، أنا مستعد.", ["هل أنت مستعد؟", "نعم، أنا مستعد."]),
    (
        "ja",
        "今日は晴れです。明日は雨でしょう！本当？",
        ["今日は晴れです。", "明日は雨でしょう！", "本当？"],
    ),
    ("ko", "안녕하세요. 반갑습니다!", ["안녕하세요.", "반갑습니다!"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_other_languages_get_sane_segments(lang: str, text: str, expected: list[str]) -> None:
    assert segment_paragraph(text, lang, load_rules(lang)) == expected


RULE_FILES = sorted(segmentation_rules_dir().glob("*.srx"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_bundled_rule_file_compiles(path: object) -> None:
    stem = getattr(path, "stem", "")
    lang = "xx" if stem == "default" else stem
    rules = load_rules(lang)
    assert rules.origin.endswith(f"{stem}.srx")
    assert any(rule.is_break for rule in rules.rules)


def test_semicolon_never_ends_a_sentence() -> None:
    for lang in ("en", "es", "ru", "zh", "de", "el", "xx"):
        assert (
            len(segment_paragraph("One part; Another part; A third part.", lang, load_rules(lang)))
            == 1
        )
