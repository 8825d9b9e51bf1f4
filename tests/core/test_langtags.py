"""The one BCP 47 tag parser: case normalisation, registry checks, never a path, RFC 4647."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core import langtags
from workbench.core.errors import InputError, LanguageTagError


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("en", "en"),
        ("EN-gb", "en-GB"),
        ("zh-TW", "zh-TW"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("pt_BR", "pt-BR"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("de-CH-1901", "de-CH-1901"),
        ("x-klingon", "x-klingon"),
        ("iw", "iw"),
    ],
)
def test_parse_normalises_case_only(text: str, tag: str) -> None:
    assert langtags.normalize(text) == tag


def test_regional_variants_stay_distinct() -> None:
    tags = {langtags.normalize(t) for t in ["zh-TW", "zh-Hant", "zh", "es-419", "es-ES", "en-GB"]}
    assert len(tags) == 6


def test_parse_gives_the_parts() -> None:
    parsed = langtags.parse("zh-Hant-TW")
    assert (parsed.language, parsed.script, parsed.region) == ("zh", "Hant", "TW")
    assert parsed.subtags == ("zh", "Hant", "TW")


@pytest.mark.parametrize(
    "text",
    [
        "../../../../home/user/notes",
        "..",
        "/etc/passwd",
        "en/../../x",
        "en\\..\\x",
        "C:",
        "c:evil",
        "en\0",
        "en.txt",
        "",
        " ",
        "en us",
        "en--us",
        "-en",
        "ünï",
        "a" * 100,
    ],
)
def test_paths_and_junk_are_refused(text: str) -> None:
    with pytest.raises(LanguageTagError):
        langtags.parse(text)


def test_error_names_value_source_file_and_line() -> None:
    with pytest.raises(LanguageTagError) as caught:
        langtags.parse("../x", source="xml:lang", path="in.tmx", line=7)
    message = str(caught.value)
    assert "in.tmx:7" in message and "'../x'" in message and "xml:lang" in message
    assert isinstance(caught.value, InputError)


def test_unregistered_language_refused_unless_asked() -> None:
    with pytest.raises(LanguageTagError, match="registered"):
        langtags.parse("zz")
    assert langtags.parse("zz", registered=False).tag == "zz"


@given(st.text(max_size=80))
def test_any_accepted_tag_is_a_safe_file_name(text: str) -> None:
    try:
        tag = langtags.normalize(text, registered=False)
    except LanguageTagError:
        return
    assert tag and len(tag) <= langtags.MAX_LENGTH
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in tag)
    assert langtags.normalize(tag, registered=False) == tag


# --- RFC 4647 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language_range", "tag", "basic", "extended"),
    [
        ("*", "en-GB", True, True),
        ("en", "en-GB", True, True),
        ("en", "EN", True, True),
        ("zh", "zhx", False, False),
        ("de-DE", "de-Latn-DE", False, True),
        ("de-DE", "de-DE-x-goethe", True, True),
        ("de-*-DE", "de-Latn-DE-1996", None, True),
        ("de-DE", "de-x-DE", False, False),
        ("de-DE", "de", False, False),
        ("*-CH", "de-CH", None, True),
    ],
)
def test_matches_follows_rfc_4647(
    language_range: str, tag: str, basic: bool | None, extended: bool
) -> None:
    if basic is None:  # a wildcard after the first subtag is not a basic range
        with pytest.raises(LanguageTagError):
            langtags.matches(language_range, tag, extended=False)
    else:
        assert langtags.matches(language_range, tag, extended=False) is basic
    assert langtags.matches(language_range, tag) is extended


def test_filter_keeps_order_of_tags() -> None:
    assert langtags.filter_tags(["zh", "es"], ["en", "zh-TW", "es-419", "zh"]) == [
        "zh-TW",
        "es-419",
        "zh",
    ]


def test_lookup_cuts_back_the_range() -> None:
    available = ["zh-Hant", "zh", "en", "DE"]
    assert langtags.lookup("zh-Hant-CN-x-private1-private2", available) == "zh-Hant"
    assert langtags.lookup("zh-Hans-CN", available) == "zh"
    assert langtags.lookup(["fr-CA", "de-CH"], available) == "DE"
    assert langtags.lookup(["fr", "*"], available, default="en") == "en"
    assert langtags.lookup("fr", available) is None


def test_bad_range_is_refused() -> None:
    with pytest.raises(LanguageTagError):
        langtags.matches("../x", "en")
