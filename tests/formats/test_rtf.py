"""RTF reader: LibreOffice files, code pages, Unicode escapes, footnotes, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.formats.test_pdf import source_paragraphs
from workbench.core.errors import FormatError, UnsafeInputError
from workbench.formats import rtf
from workbench.formats.furniture import Cleaned
from workbench.formats.rtf import read_rtf

DATA = Path(__file__).resolve().parents[1] / "data" / "formats" / "rtf"


def parse(source: bytes, tmp_path: Path) -> Cleaned:
    path = tmp_path / "doc.rtf"
    path.write_bytes(source)
    return read_rtf(path)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_libreoffice_documents_give_the_source_paragraphs(lang: str) -> None:
    cleaned = read_rtf(DATA / f"sco-2006-{lang}.rtf")
    assert cleaned.paragraphs == source_paragraphs(lang)
    assert [note[:2] for note in cleaned.footnotes] == ["1 ", "2 "]


def test_hex_bytes_are_read_in_the_font_code_page(tmp_path: Path) -> None:
    source = (
        rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Arial;}{\f1\fcharset204 Arial;}}"
        rb"\f0 caf\'e9\par \f1 \'cf\'f0\'e8\'e2\'e5\'f2\par}"
    )
    assert parse(source, tmp_path).paragraphs == ["café", "Привет"]


def test_double_byte_code_pages_join_their_bytes(tmp_path: Path) -> None:
    source = rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\f0 \'d6\'d0\'ce\'c4\par}"
    assert parse(source, tmp_path).paragraphs == ["中文"]


def test_unicode_escapes_skip_their_fallback(tmp_path: Path) -> None:
    source = rb"{\rtf1\ansi\uc1\u1055?\u1088?\u1080 ?\par\uc2\u20013\'d6\'d0 x\par}"
    assert parse(source, tmp_path).paragraphs == ["При", "中 x"]


def test_headers_pictures_and_hidden_destinations_are_skipped(tmp_path: Path) -> None:
    source = (
        rb"{\rtf1\ansi{\header Running head}{\footer Page 3}{\pict\bin4 {}{}}"
        rb"{\*\generator Writer;}Body text.\par}"
    )
    assert parse(source, tmp_path).paragraphs == ["Body text."]


def test_footnotes_are_kept_apart_from_the_sentence(tmp_path: Path) -> None:
    source = (
        rb"{\rtf1\ansi The statement{\super\chftn}{\*\footnote\pard{\super\chftn} "
        rb"Adopted in 2006.} was adopted.\par}"
    )
    cleaned = parse(source, tmp_path)
    assert cleaned.paragraphs == ["The statement was adopted."]
    assert cleaned.footnotes == ["1 Adopted in 2006."]


def test_a_file_that_is_not_rtf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not an RTF file"):
        parse(b"just text", tmp_path)


def test_nesting_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeInputError, match="nested deeper"):
        parse(
            b"{\\rtf1 " + b"{" * (rtf.MAX_DEPTH + 5) + b"x" + b"}" * (rtf.MAX_DEPTH + 5), tmp_path
        )


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_after_the_header_read_or_fail_cleanly(tail: bytes) -> None:
    try:
        cleaned = rtf._parse(b"{\\rtf1 " + tail, "fuzz.rtf")
    except FormatError:
        return
    assert all(isinstance(p, str) for p in cleaned.paragraphs)


def test_a_character_past_the_bmp_is_read_from_its_surrogate_pair(tmp_path: Path) -> None:
    # U+20BB7 (𠮷) is written \u-10174?\u-8265? (D842 DFB7 as signed 16-bit numbers).
    cleaned = parse(b"{\\rtf1\\ansi\\uc1 \\u-10174?\\u-8265? ok\\par}", tmp_path)
    assert cleaned.paragraphs == ["\U00020bb7 ok"]


def test_a_lone_surrogate_half_becomes_the_replacement_character(tmp_path: Path) -> None:
    cleaned = parse(b"{\\rtf1\\ansi\\uc1 a\\u-10174?b\\par}", tmp_path)
    assert cleaned.paragraphs == ["a\ufffdb"]


def test_a_file_cut_short_inside_a_group_names_the_line_it_opened(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cut short") as error:
        parse(b"{\\rtf1\\ansi\nFirst.\\par\n{\\b Second", tmp_path)
    assert error.value.line == 3
