"""OpenDocument text reader: real LibreOffice files, notes apart, hostile archives refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.formats.test_pdf import source_paragraphs
from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.formats import odt
from workbench.formats.odt import read_odt
from workbench.formats.plaintext import read_paragraphs

DATA = Path(__file__).resolve().parents[1] / "data" / "formats" / "odt"
CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
{body}
</office:text></office:body></office:document-content>"""


def write_odt(path: Path, body: str, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", CONTENT.format(body=body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_libreoffice_documents_give_the_source_paragraphs(lang: str) -> None:
    cleaned = read_odt(DATA / f"sco-2006-{lang}.odt")
    assert cleaned.paragraphs == source_paragraphs(lang)
    assert [note[:2] for note in cleaned.footnotes] == ["1 ", "2 "]


def test_notes_follow_the_body_or_are_dropped() -> None:
    path = DATA / "sco-2006-en.odt"
    body = read_odt(path).paragraphs
    assert read_paragraphs(path)[: len(body)] == body
    assert len(read_paragraphs(path)) == len(body) + 2
    assert read_paragraphs(path, footnotes="drop") == body


def test_spaces_tabs_breaks_lists_and_tables_are_read(tmp_path: Path) -> None:
    body = (
        "<text:h>Title</text:h>"
        '<text:p>one<text:s text:c="3"/>two<text:tab/>three<text:line-break/>four</text:p>'
        "<text:list><text:list-item><text:p>item</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>cell</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<text:p>said<text:note><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>The note.</text:p></text:note-body></text:note> here.</text:p>"
    )
    cleaned = read_odt(write_odt(tmp_path / "doc.odt", body))
    assert cleaned.paragraphs == ["Title", "one   two\tthree\nfour", "item", "cell", "said here."]
    assert cleaned.footnotes == ["1 The note."]


def test_a_bomb_that_declares_its_size_is_refused_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(odt, "MAX_CONTENT_BYTES", 10_000)
    path = write_odt(tmp_path / "big.odt", "<text:p>" + "x " * 20_000 + "</text:p>")
    with pytest.raises(UnsafeInputError, match="inflates to"):
        read_odt(path)


def test_a_member_compressed_beyond_reason_is_refused(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "bomb.odt", "<text:p>" + " " * 3_000_000 + "</text:p>")
    with pytest.raises(UnsafeInputError, match="zip bomb"):
        read_odt(path)


def test_entities_in_content_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "content.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<d xmlns="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&x;</d>',
        )
    with pytest.raises(UnsafeInputError):
        read_odt(path)


def test_a_password_protected_document_is_named(tmp_path: Path) -> None:
    manifest = b"<manifest:manifest><manifest:encryption-data/></manifest:manifest>"
    path = write_odt(
        tmp_path / "locked.odt", "<text:p>x</text:p>", extra={"META-INF/manifest.xml": manifest}
    )
    with pytest.raises(FormatError, match="password"):
        read_odt(path)


def test_not_a_zip_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.odt"
    path.write_bytes(b"plain text, not a zip")
    with pytest.raises(FormatError, match="not a readable OpenDocument"):
        read_odt(path)


def test_a_zip_without_content_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "x")
    with pytest.raises(FormatError, match=r"no content\.xml"):
        read_odt(path)


def test_malformed_content_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<a>\n<b></a>")
    with pytest.raises(FormatError, match="malformed XML") as caught:
        read_odt(path)
    assert caught.value.line == 2


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_odt(tmp_path / "nowhere.odt")
