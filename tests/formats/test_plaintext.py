"""Plain-text input: strict decoding, byte-order marks, newline normalising, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from workbench.core.errors import EncodingError, FormatError, InputError
from workbench.core.segmentation import split_paragraphs
from workbench.formats.plaintext import read_paragraphs, read_text

# Control characters XML forbids (and page breaks, read as line breaks) are tested apart.
TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\ufeff\ufffe\uffff\f\v"
        + "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n"),
    ),
    max_size=200,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_files_read_back_exactly(tmp_path: Path, text: str, codec: str) -> None:
    # UTF-16's little-endian BOM followed by U+0000 is the bytes of UTF-32's BOM (FF FE 00 00):
    # a reader can only take it as UTF-32, as Python's codecs and every BOM sniffer do.
    assume(not (codec == "utf-16" and text.startswith("\x00")))
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(codec))
    if codec == "utf-8" and "\x00" in text:
        with pytest.raises(EncodingError):
            read_text(path)
    else:
        assert read_text(path) == text


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.text("ab é\u4e2d", max_size=8), max_size=6),
    newline=st.sampled_from(["\r\n", "\r", "\n"]),
)
def test_every_newline_convention_becomes_lf(
    tmp_path: Path, lines: list[str], newline: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(newline.join(lines).encode("utf-8"))
    assert read_text(path) == "\n".join(lines)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbfHola.")
    assert read_text(path) == "Hola."


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("Привет.\r\n\r\n你好。".encode("utf-16"))
    assert read_paragraphs(path) == ["Привет.", "你好。"]


def test_latin1_without_naming_it_is_an_error_with_file_line_and_advice(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("first line\nsecond\nOlé, señor.\n".encode("latin-1"))
    with pytest.raises(EncodingError) as caught:
        read_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3:")
    assert "--encoding latin-1" in message
    assert caught.value.line == 3


def test_a_named_encoding_is_used(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Привет, мир.".encode("cp1251"))
    assert read_text(path, "cp1251") == "Привет, мир."


def test_bytes_invalid_in_the_named_encoding_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"ok\n\xff\xfe\xfd")
    with pytest.raises(EncodingError, match="not valid utf-8"):
        read_text(path, "utf-8")


def test_an_unknown_encoding_name_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"ok")
    with pytest.raises(EncodingError, match="unknown encoding 'klingon'"):
        read_text(path, "klingon")


def test_utf16_without_bom_is_diagnosed(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("Hello.".encode("utf-16-le"))
    with pytest.raises(EncodingError, match="utf-16-le"):
        read_text(path)


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "none.txt")


def test_a_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_paragraphs(tmp_path)


def test_paragraphs_are_cut_on_blank_lines_and_keep_inner_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Title\r\nSubtitle\r\n\r\n   \r\nBody one.\r\nBody two.\r\n", encoding="utf-8")
    assert read_paragraphs(path) == ["Title\nSubtitle", "Body one.\nBody two."]


def test_an_empty_file_has_no_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\n\n  \n")
    assert read_paragraphs(path) == []


def test_binary_office_formats_are_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 binary")
    with pytest.raises(FormatError, match=r"\.doc files are not supported; save"):
        read_paragraphs(path)


PARAGRAPH = st.lists(
    st.text("ab .\u4e2d\u00e9", min_size=1, max_size=10).filter(str.strip), min_size=1, max_size=3
).map("\n".join)


@settings(max_examples=60)
@given(paragraphs=st.lists(PARAGRAPH, max_size=5), gap=st.sampled_from(["\n\n", "\n \n\n"]))
def test_paragraphs_joined_by_blank_lines_split_back(paragraphs: list[str], gap: str) -> None:
    cleaned = ["\n".join(line.strip() for line in p.split("\n")) for p in paragraphs]
    cleaned = [p for p in cleaned if p.strip()]
    result = split_paragraphs(gap.join(cleaned))
    assert ["\n".join(line.strip() for line in p.split("\n")) for p in result] == cleaned
