"""Hostile PDF, ODT and RTF documents: refused with a clear one-line error, never half read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.formats.pdf_factory import Text, write_flate_page, write_pdf
from tests.hostile.sandbox import run_cli
from workbench.core.errors import FormatError, UnsafeInputError
from workbench.formats import odt
from workbench.formats.plaintext import read_paragraphs

_ODT_HEAD = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
)
_ODT_TAIL = "</office:text></office:body></office:document-content>"


def write_odt(path: Path, content: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def test_odt_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    body = _ODT_HEAD + "<text:p>x</text:p>" + " " * (odt.MAX_CONTENT_BYTES + 1024) + _ODT_TAIL
    path = write_odt(tmp_path / "bomb.odt", body)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(UnsafeInputError, match="refused"):
        read_paragraphs(path)


def test_odt_nested_past_the_parser_limit_is_refused_not_cut(tmp_path: Path) -> None:
    deep = "<text:span>" * 300 + "lost?" + "</text:span>" * 300
    content = _ODT_HEAD + f"<text:p>{deep}</text:p><text:p>after</text:p>" + _ODT_TAIL
    with pytest.raises(FormatError):
        read_paragraphs(write_odt(tmp_path / "deep.odt", content))


def test_odt_declared_entity_is_refused(tmp_path: Path) -> None:
    content = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        + _ODT_HEAD
        + "<text:p>&b;</text:p>"
        + _ODT_TAIL
    )
    with pytest.raises(UnsafeInputError):
        read_paragraphs(write_odt(tmp_path / "laughs.odt", content))


def test_rtf_nested_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.rtf"
    path.write_bytes(b"{\\rtf1 " + b"{" * 10_000 + b"x" + b"}" * 10_000 + b"}")
    with pytest.raises(UnsafeInputError, match="nested deeper"):
        read_paragraphs(path)


@pytest.mark.parametrize("kind", ["bomb", "encrypted", "garbage"])
def test_hostile_pdfs_stop_the_cli_with_one_line(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.pdf"
    if kind == "bomb":
        write_flate_page(path, 80_000_000)
    elif kind == "encrypted":
        write_pdf(path, [[Text(72, 700, "Hello.")]], password="secret")
    else:
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    code, err = run_cli(["segment", str(path), "--lang", "en"], capsys)
    assert code == 1
    assert str(path) in err


def test_a_pdf_with_scripts_is_read_and_the_cli_warns_that_they_were_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_pdf(
        tmp_path / "js.pdf", [[Text(72, 700, "Hello there.")]], javascript="app.launchURL('x')"
    )
    out = tmp_path / "segments.txt"
    code, err = run_cli(["segment", str(path), "--lang", "en", "-o", str(out)], capsys)
    assert code == 0
    assert out.read_text("utf-8") == "Hello there.\n"
    assert "warning:" in err and "JavaScript" in err and "never run" in err


def test_hostile_odt_stops_project_new_without_writing_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = write_odt(
        tmp_path / "bomb.odt", _ODT_HEAD + " " * (odt.MAX_CONTENT_BYTES + 1) + _ODT_TAIL
    )
    english = tmp_path / "en.txt"
    english.write_text("One sentence.\n", "utf-8")
    code, err = run_cli(
        ["project", "new", str(tmp_path / "proj"), "--doc", f"en={english}", "--doc", f"es={bomb}"],
        capsys,
    )
    assert code == 1 and "bomb.odt" in err
    assert not (tmp_path / "proj" / "workbench.toml").exists()
