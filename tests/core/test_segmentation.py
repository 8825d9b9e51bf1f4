"""Segmenter behaviour: the whitespace-only invariant, line blocks, rule loading and overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.core.segmentation import (
    segment_paragraph,
    segment_paragraphs,
    segment_text,
    split_paragraphs,
)
from workbench.formats.srx import load_rules, read_srx
from workbench.resources import segmentation_rules_dir

ALPHABET = st.sampled_from(
    [*"abcXYZ .!?…。！？;:,\"'“”«»()¿¡—-\n\t12 5АбвГ中文。「」‖", "Mr.", "U.S.", "т. е.", "\u00a0"]
)
TEXT = st.lists(ALPHABET, max_size=60).map("".join)


def squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=150, deadline=None)
@given(text=TEXT, lang=st.sampled_from(["en", "es", "ru", "zh", "xx"]))
def test_segments_joined_equal_the_paragraph_but_for_whitespace(text: str, lang: str) -> None:
    segments = segment_paragraph(text, lang, load_rules(lang))
    assert squeeze("".join(segments)) == squeeze(text)


@settings(max_examples=100, deadline=None)
@given(text=TEXT, lang=st.sampled_from(["en", "zh"]))
def test_segments_are_stripped_single_line_and_not_empty(text: str, lang: str) -> None:
    for segment in segment_paragraph(text, lang, load_rules(lang)):
        assert segment and segment == segment.strip()
        assert "\n" not in segment and "\t" not in segment


def test_whitespace_inside_a_segment_is_collapsed_but_no_break_space_kept() -> None:
    assert segment_paragraph("Pay  15\u00a0000\tdollars\nnow.", "en", load_rules("en")) == [
        "Pay 15\u00a0000 dollars now."
    ]


def test_a_single_line_without_final_punctuation_is_one_segment() -> None:
    assert segment_paragraph("Chapter 1. The Beginning", "en", load_rules("en")) == [
        "Chapter 1. The Beginning"
    ]


def test_a_long_line_without_final_punctuation_is_still_split() -> None:
    text = "He left. Then " + " ".join(["word"] * 20)
    assert len(segment_paragraph(text, "en", load_rules("en"))) == 2


def test_a_block_of_short_title_lines_gives_one_segment_per_line() -> None:
    text = "UNITED NATIONS\nGeneral Assembly\nSixtieth session"
    assert segment_paragraph(text, "en", load_rules("en")) == [
        "UNITED NATIONS",
        "General Assembly",
        "Sixtieth session",
    ]


def test_hard_wrapped_prose_is_joined_into_sentences() -> None:
    text = (
        "The heads of state believe that ICT opens up huge potentials for human\n"
        "development and their enjoyment of rights. Information is the most\n"
        "valuable wealth of a country."
    )
    assert segment_paragraph(text, "en", load_rules("en")) == [
        "The heads of state believe that ICT opens up huge potentials for human development "
        "and their enjoyment of rights.",
        "Information is the most valuable wealth of a country.",
    ]


def test_a_block_of_short_lines_with_final_punctuation_keeps_its_lines() -> None:
    text = "General Assembly\nSixtieth session\nAgenda item 88."
    assert segment_paragraph(text, "en", load_rules("en")) == [
        "General Assembly",
        "Sixtieth session",
        "Agenda item 88.",
    ]


def test_a_heading_line_above_a_one_line_body_stays_apart() -> None:
    text = "INTRODUCTION\nThe purpose of this report is short."
    assert segment_paragraph(text, "en", load_rules("en")) == [
        "INTRODUCTION",
        "The purpose of this report is short.",
    ]


def test_wrapped_chinese_is_joined_without_a_space() -> None:
    text = (
        "信息通信技术渗透到人类活动的各个领域，形成了全球信息系统，对国家安全的\n政治产生直接影响。"
    )
    assert segment_paragraph(text, "zh", load_rules("zh")) == [text.replace("\n", "")]


def test_list_lines_are_segments_of_their_own() -> None:
    text = "The Council decides:\n(a) to extend the mandate;\n(b) to request a report."
    assert segment_paragraph(text, "en", load_rules("en")) == [
        "The Council decides:",
        "(a) to extend the mandate;",
        "(b) to request a report.",
    ]


def test_segment_text_splits_paragraphs_on_blank_lines() -> None:
    text = "Title\n\n  \nFirst. Second.\r\n\r\nThird."
    assert segment_text(text, "en", load_rules("en")) == [
        ["Title"],
        ["First.", "Second."],
        ["Third."],
    ]


def test_split_paragraphs_keeps_line_breaks_inside_a_paragraph() -> None:
    assert split_paragraphs("a\nb\n\n\nc\f d") == ["a\nb", "c", " d"]


def test_text_written_one_paragraph_per_line_gives_one_paragraph_per_line() -> None:
    first = "The heads of state met in Shanghai. " * 4
    second = "They made a statement on information security. " * 3
    text = f"Statement\n\n{first.strip()}\n{second.strip()}\n"
    assert split_paragraphs(text) == ["Statement", first.strip(), second.strip()]


def test_chinese_written_one_paragraph_per_line_counts_wide_characters_double() -> None:
    lines = [
        "　　" + "元首们认为信息通信技术为人类发展创造了巨大潜力。" * 3,
        "　　同时元首们表示关切。",
    ]
    assert split_paragraphs("\n".join(lines)) == lines


def test_segment_paragraphs_drops_empty_paragraphs() -> None:
    assert segment_paragraphs(["One.", "  \n ", "Two."], "en", load_rules("en")) == [
        ["One."],
        ["Two."],
    ]


def test_unknown_language_gets_the_default_rules() -> None:
    rules = load_rules("tr-TR")
    assert rules.origin.endswith("default.srx")
    assert segment_paragraph("Merhaba. İyi misin? Evet!", "tr-TR", rules) == [
        "Merhaba.",
        "İyi misin?",
        "Evet!",
    ]


def test_region_subtag_falls_back_to_the_language_file() -> None:
    assert load_rules("en-GB").origin.endswith("en.srx")
    assert load_rules("zh_CN").origin.endswith("zh.srx")


def test_bundled_rules_are_cached() -> None:
    assert load_rules("ru") is load_rules("ru")


def test_every_bundled_rule_file_parses_and_names_its_word_lists() -> None:
    for path in segmentation_rules_dir().glob("*.srx"):
        document = read_srx(path)
        assert document.cascade
        assert document.rules_for("xx")  # the Default rules map every language
        for _name, words in document.word_lists:
            assert all(word and word == word.strip() for word in words)


def _user_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(segmentation_rules_dir() / "en.srx", folder / "en.srx")
    for path in segmentation_rules_dir().glob("en_*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_users_rule_folder_overrides_the_bundled_rules(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path)
    text = "We met Capt. Nemo. He was late."
    assert segment_paragraph(text, "en", load_rules("en")) == ["We met Capt. Nemo.", "He was late."]
    (folder / "en_prefixes.txt").write_text("Mr\n", encoding="utf-8")
    rules = load_rules("en", folder)
    assert rules.origin == str(folder / "en.srx")
    assert segment_paragraph(text, "en", rules) == ["We met Capt.", "Nemo.", "He was late."]


def test_a_users_folder_without_the_language_falls_back_to_bundled(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path)
    assert load_rules("ru", folder).origin.endswith("ru.srx")
    assert load_rules("ru", folder).origin != str(folder / "ru.srx")


def test_a_missing_rules_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_rules("en", tmp_path / "nope")


def test_a_bad_regular_expression_names_the_file_and_line(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path)
    srx = folder / "en.srx"
    srx.write_text(
        srx.read_text(encoding="utf-8").replace(r"(?:\p{Lu}\.){2,}", "(?:[", 1), encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"en\.srx:\d+: bad regular expression"):
        load_rules("en", folder)


def test_a_missing_word_list_is_a_format_error(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path)
    (folder / "en_starters.txt").unlink()
    with pytest.raises(FormatError, match=r"en_starters\.txt: word list"):
        load_rules("en", folder)


def test_malformed_srx_names_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "en.srx").write_text("<srx>\n<body>\n</srx>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"en\.srx:3"):
        load_rules("en", folder)


def test_a_file_that_is_not_srx_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "en.srx").write_text("<rules/>", encoding="utf-8")
    with pytest.raises(FormatError, match=r"not an SRX 2\.0 file"):
        load_rules("en", folder)


def test_srx_with_entities_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "en.srx").write_text(
        '<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<srx xmlns="http://www.lisa.org/srx20">&x;</srx>',
        encoding="utf-8",
    )
    with pytest.raises(UnsafeInputError):
        load_rules("en", folder)


def test_a_language_map_without_a_match_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    text = (segmentation_rules_dir() / "zh.srx").read_text(encoding="utf-8")
    text = text.replace('languagepattern=".*"', 'languagepattern="ZH.*"')
    (folder / "default.srx").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="no <languagemap>"):
        load_rules("fr", folder)


def test_first_matching_rule_decides(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "default.srx").write_text(
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>'
        '<languagerules><languagerule languagerulename="R">'
        '<rule break="no"><beforebreak>b\\.</beforebreak><afterbreak>\\s</afterbreak></rule>'
        '<rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>'
        "</languagerule></languagerules><maprules>"
        '<languagemap languagepattern=".*" languagerulename="R"/></maprules></body></srx>',
        encoding="utf-8",
    )
    rules = load_rules("xx", folder)
    assert segment_paragraph("a. b. c. d.", "xx", rules) == ["a.", "b. c.", "d."]


def test_an_empty_word_list_matches_nothing(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path)
    (folder / "en_prefixes.txt").write_text("# nothing\n", encoding="utf-8")
    rules = load_rules("en", folder)
    assert segment_paragraph("We met Dr. Who. He was late.", "en", rules) == [
        "We met Dr.",
        "Who.",
        "He was late.",
    ]
