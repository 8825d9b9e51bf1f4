"""PDF reader: the SCO statement laid out like a UN document, and hostile or broken PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.formats.pdf_factory import (
    Text,
    write_flate_page,
    write_image_page,
    write_pdf,
    write_unmapped_font_page,
)
from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.core.segmentation import split_paragraphs
from workbench.formats import pdf
from workbench.formats.pdf import read_pdf
from workbench.formats.plaintext import read_paragraphs

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "formats" / "pdf"
TEXTS = ROOT / "resources" / "texts" / "sco-2006"
LANGS = ["en", "es", "ru", "zh"]


def source_paragraphs(lang: str) -> list[str]:
    """The text the PDF was made from, one line per paragraph."""
    text = (TEXTS / f"{lang}.txt").read_text("utf-8")
    return [" ".join(p.split()) for p in split_paragraphs(text)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_paragraphs_are_the_source_texts_paragraphs(lang: str) -> None:
    assert read_pdf(DATA / f"sco-2006-{lang}.pdf", lang).paragraphs == source_paragraphs(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_is_guessed_when_not_given(lang: str) -> None:
    assert read_pdf(DATA / f"sco-2006-{lang}.pdf").paragraphs == source_paragraphs(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_headers_footers_and_page_numbers_are_listed_as_removed(lang: str) -> None:
    cleaned = read_pdf(DATA / f"sco-2006-{lang}.pdf", lang)
    texts = {r.text for r in cleaned.removed}
    assert "A/61/1005–S/2006/472" in texts
    assert any(re.fullmatch(r"06-41234 \([ESRC]\)", t) for t in texts)
    assert any(re.fullmatch(r"\d/\d", t) for t in texts)
    body = " ".join(cleaned.paragraphs)
    assert "A/61/1005" not in body and "06-41234" not in body


@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_come_after_the_body_not_inside_a_sentence(lang: str) -> None:
    cleaned = read_pdf(DATA / f"sco-2006-{lang}.pdf", lang)
    assert len(cleaned.footnotes) == 2
    assert cleaned.footnotes[1].startswith("2")
    assert "60/45" in cleaned.footnotes[1]
    for note in cleaned.footnotes:
        opening = note.lstrip("0123456789 ")[:15]
        assert not any(opening in p for p in cleaned.paragraphs), note
    paragraphs = read_paragraphs(DATA / f"sco-2006-{lang}.pdf", lang=lang)
    assert paragraphs[-2:] == cleaned.footnotes
    assert read_paragraphs(DATA / f"sco-2006-{lang}.pdf", lang=lang, footnotes="drop") == (
        cleaned.paragraphs
    )


def test_keeping_the_furniture_keeps_the_header_in_the_text() -> None:
    kept = read_paragraphs(DATA / "sco-2006-en.pdf", lang="en", keep_furniture=True)
    assert any("A/61/1005" in p for p in kept)


def test_two_column_pages_are_read_column_by_column() -> None:
    # The Spanish and Russian versions are set in two columns: whole sentences come out.
    for lang in ("es", "ru"):
        assert read_pdf(DATA / f"sco-2006-{lang}.pdf", lang).paragraphs == source_paragraphs(lang)


def test_russian_line_end_hyphens_are_joined_or_kept() -> None:
    text = " ".join(read_pdf(DATA / "sco-2006-ru.pdf", "ru").paragraphs)
    assert "руководствоваться" in text  # printed "руководствовать-" / "ся"
    assert "военно-политических" in text
    assert "информационно-коммуникационных" in text


def test_chinese_has_no_spaces_between_characters_and_keeps_full_width_punctuation() -> None:
    text = "".join(read_pdf(DATA / "sco-2006-zh.pdf", "zh").paragraphs)
    assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", text)
    for mark in "，。：；（）《》":
        assert mark in text


def test_a_page_without_text_is_named(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="page 1 has no text layer"):
        read_pdf(write_image_page(tmp_path / "scan.pdf"))


def test_a_page_with_a_broken_font_encoding_is_named(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="page 1 has a garbled text layer"):
        read_pdf(write_unmapped_font_page(tmp_path / "cid.pdf"))


def test_an_encrypted_pdf_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", [[Text(72, 700, "Secret text.")]], password="pw")
    with pytest.raises(FormatError, match="encrypted with a password"):
        read_pdf(path)


def test_a_pdf_with_javascript_is_read_with_the_scripts_ignored(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "js.pdf", [[Text(72, 700, "Hello.")]], javascript="app.alert(1)")
    document = read_pdf(path, "en")
    assert document.paragraphs == ["Hello."]
    assert len(document.warnings) == 1
    assert "JavaScript" in document.warnings[0]
    assert "open action" in document.warnings[0]
    assert "never run" in document.warnings[0]


def test_the_warning_names_the_page_whose_script_was_ignored(tmp_path: Path) -> None:
    pages = [[Text(72, 700, "One.")], [Text(72, 700, "Two.")], [Text(72, 700, "Three.")]]
    path = write_pdf(tmp_path / "page-js.pdf", pages, page_script=2)
    document = read_pdf(path, "en")
    assert document.paragraphs == ["One. Two. Three."] or "Two." in " ".join(document.paragraphs)
    assert "page 2" in document.warnings[0]
    assert "page 1" not in document.warnings[0] and "page 3" not in document.warnings[0]


def test_a_pdf_without_scripts_has_no_warning(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plain.pdf", [[Text(72, 700, "Hello.")]])
    assert read_pdf(path, "en").warnings == []


def test_a_flate_bomb_is_refused_before_it_is_inflated_whole(tmp_path: Path) -> None:
    # 80 MB of content in a few kilobytes: past pypdf's per-stream limit.
    with pytest.raises(UnsafeInputError, match="decompression bomb"):
        read_pdf(write_flate_page(tmp_path / "bomb.pdf", 80_000_000))


def test_a_page_drawing_more_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGE_CONTENT", 100_000)
    with pytest.raises(UnsafeInputError, match="page 1 draws"):
        read_pdf(write_flate_page(tmp_path / "dense.pdf", 200_000))


def test_a_malformed_pdf_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(FormatError, match="not a readable PDF"):
        read_pdf(path)


def test_a_truncated_pdf_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes((DATA / "sco-2006-en.pdf").read_bytes()[:3000])
    with pytest.raises(FormatError):
        read_pdf(path)


def test_a_missing_pdf_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_pdf(tmp_path / "nowhere.pdf")


def test_text_placed_by_a_tool_reads_in_lines_and_paragraphs(tmp_path: Path) -> None:
    runs = [
        Text(72, 700, "The first paragraph is short."),
        Text(72, 660, "The second one follows after a gap."),
    ]
    path = write_pdf(tmp_path / "two.pdf", [runs])
    assert read_pdf(path, "en").paragraphs == [
        "The first paragraph is short.",
        "The second one follows after a gap.",
    ]


def _helvetica_width(text: str, size: float = 10.0) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    return sum(FONT_METRICS["Helvetica"][1][c] for c in text) * size / 1000


def test_a_word_split_in_two_runs_by_justification_gets_no_space(tmp_path: Path) -> None:
    # Word writes its spaces as glyphs and splits a word into runs ("takin" + "g") a little
    # apart; a real word space (a glyph, or a gap as wide as one) stays.
    first = "measures for takin"
    gap = 1.4  # points: under a fifth of the 10 pt size
    second = "g action now."
    after = 72 + _helvetica_width(first) + gap
    wide = after + _helvetica_width(second) + 4.0  # a word gap drawn without a glyph
    runs = [Text(72, 700, first), Text(after, 700, second), Text(wide, 700, "Then")]
    document = read_pdf(write_pdf(tmp_path / "split.pdf", [runs]), "en")
    assert document.paragraphs == ["measures for taking action now. Then"]


def test_a_footnote_separator_typed_as_underscores_is_not_text(tmp_path: Path) -> None:
    runs = [
        Text(72, 700, "The body of the page ends here with a sentence."),
        Text(72, 120, "__________________"),
        Text(80, 105, "1 A footnote.", size=8),
    ]
    document = read_pdf(write_pdf(tmp_path / "rule.pdf", [runs]), "en")
    assert document.paragraphs == ["The body of the page ends here with a sentence."]
    assert document.footnotes == ["1 A footnote."]


def _with_scanned_pages(tmp_path: Path, texts: list[str | None]) -> Path:
    """A PDF of text pages and scanned ones (None), in order."""
    from pypdf import PdfReader, PdfWriter

    scan = PdfReader(write_image_page(tmp_path / "one-scan.pdf")).pages[0]
    writer = PdfWriter()
    for n, text in enumerate(texts):
        if text is None:
            writer.add_page(scan)
        else:
            one = write_pdf(tmp_path / f"text-{n}.pdf", [[Text(72, 700, text)]])
            writer.add_page(PdfReader(one).pages[0])
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_a_scanned_page_among_text_pages_is_read_around_with_a_warning_naming_it(
    tmp_path: Path,
) -> None:
    path = _with_scanned_pages(tmp_path, ["First page text.", None, "Third page text."])
    document = read_pdf(path, "en")
    assert "First page text." in " ".join(document.paragraphs)
    assert "Third page text." in " ".join(document.paragraphs)
    assert len(document.warnings) == 1
    assert "page 2 has no text layer" in document.warnings[0]
    assert "missing" in document.warnings[0]


def test_a_pdf_mostly_of_scans_is_refused_naming_its_scanned_pages(tmp_path: Path) -> None:
    path = _with_scanned_pages(tmp_path, ["Only this page has text.", None, None])
    with pytest.raises(FormatError, match=r"page 2 has no text layer.*pages without text: 2, 3"):
        read_pdf(path, "en")
