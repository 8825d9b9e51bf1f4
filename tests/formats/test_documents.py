"""Word and HTML documents in: paragraphs in reading order, headings and cells included."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workbench.core.errors import EncodingError, FormatError
from workbench.core.segmentation import segment_paragraphs
from workbench.formats.plaintext import read_paragraphs
from workbench.formats.srx import load_rules


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Statement of the Heads of State", level=1)
    document.add_paragraph("Shanghai, 15 June 2006")
    document.add_paragraph("")
    paragraph = document.add_paragraph("The heads of state met. ")
    paragraph.add_run("They made a statement.").bold = True
    lines = document.add_paragraph("UNITED NATIONS")
    lines.add_run().add_break()
    lines.add_run("General Assembly")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell one."
    table.cell(0, 1).text = "Cell two."
    document.add_paragraph("After the table.")
    document.save(str(path))
    return path


def test_docx_paragraphs_come_in_reading_order(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "doc.docx")
    assert read_paragraphs(path) == [
        "Statement of the Heads of State",
        "Shanghai, 15 June 2006",
        "The heads of state met. They made a statement.",
        "UNITED NATIONS\nGeneral Assembly",
        "Cell one.",
        "Cell two.",
        "After the table.",
    ]


def test_docx_line_breaks_make_line_segments(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "doc.docx")
    segments = segment_paragraphs(read_paragraphs(path), "en", load_rules("en"))
    assert segments[2] == ["The heads of state met.", "They made a statement."]
    assert segments[3] == ["UNITED NATIONS", "General Assembly"]


def test_a_broken_docx_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormatError, match=r"broken\.docx"):
        read_paragraphs(path)


HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Not a paragraph</title>
<style>p { color: red }</style><script>var x = "Hidden.";</script></head>
<body>
<h1>Заявление   глав
  государств</h1>
<div>Вступление <b>жирным</b>.<p>Первый абзац. Второе предложение.</p>хвост</div>
<ul><li>один</li><li>два<br>строки</li></ul>
<table><tr><td>ячейка 1</td><td>ячейка 2</td></tr></table>
<!-- comment -->
<pre>a
b

c</pre>
</body></html>
"""


def test_html_block_elements_become_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "doc.html"
    path.write_text(HTML, encoding="utf-8")
    assert read_paragraphs(path) == [
        "Заявление глав государств",
        "Вступление жирным.",
        "Первый абзац. Второе предложение.",
        "хвост",
        "один",
        "два\nстроки",
        "ячейка 1",
        "ячейка 2",
        "a\nb",
        "c",
    ]


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "doc.htm"
    path.write_bytes(
        '<html><head><meta charset="windows-1251"></head><body><p>Привет.</p></body></html>'.encode(
            "cp1251"
        )
    )
    assert read_paragraphs(path) == ["Привет."]


def test_html_without_declaration_must_be_utf8(tmp_path: Path) -> None:
    path = tmp_path / "doc.html"
    path.write_bytes("<p>Olé.</p>".encode("latin-1"))
    with pytest.raises(EncodingError, match="--encoding"):
        read_paragraphs(path)
    assert read_paragraphs(path, "latin-1") == ["Olé."]


def test_empty_html_has_no_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "doc.html"
    path.write_text("<html><head><title>t</title></head><body> </body></html>", encoding="utf-8")
    assert read_paragraphs(path) == []
