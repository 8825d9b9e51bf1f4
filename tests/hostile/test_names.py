"""Language codes read from files are BCP 47 tags, never paths (issue 12.1, reader side)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import FormatError
from workbench.formats.export import import_tmx
from workbench.formats.po import import_po

TMX = (
    '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" '
    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
    'datatype="plaintext"/>\n<body>\n<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv>\n'
    '<tuv xml:lang="{code}"><seg>Hola.</seg></tuv></tu>\n</body></tmx>\n'
)
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {code}\\n"\n\n'
    'msgid "Hello."\nmsgstr "{msgstr}"\n\nmsgid "Two."\nmsgstr "Dos."\n'
)
HOSTILE_CODES = [
    "../../../../home/user/notes",
    "/etc/passwd",
    "..",
    "es/../../x",
    "C:\\Windows\\x",
    "es&#0;",
    "es x",
]


@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_tmx_xml_lang_that_is_a_path_is_refused(tmp_path: Path, code: str) -> None:
    path = tmp_path / "in.tmx"
    path.write_text(TMX.format(code=code.replace("&", "&amp;")), "utf-8")
    with pytest.raises(FormatError, match="xml:lang") as caught:
        import_tmx(path)
    assert caught.value.line == 5 and caught.value.path == str(path)


@pytest.mark.parametrize("code", ["es-419", "zh-Hant-TW", "ES-mx", "x-klingon"])
def test_tmx_xml_lang_tags_are_read(tmp_path: Path, code: str) -> None:
    path = tmp_path / "in.tmx"
    path.write_text(TMX.format(code=code), "utf-8")
    assert len(import_tmx(path).documents) == 2


@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_po_language_header_that_is_a_path_is_refused(tmp_path: Path, code: str) -> None:
    path = tmp_path / "in.po"
    path.write_text(PO.format(code=code, msgstr="Hola."), "utf-8")
    with pytest.raises(FormatError, match="PO Language header") as caught:
        import_po(path)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    # A regional locale is a variant of its own (issue 13): pt_BR is pt-BR, never pt.
    ("code", "lang"),
    [("pt_BR", "pt-BR"), ("sr@latin", "sr"), ("de_DE.UTF-8", "de-DE")],
)
def test_po_language_header_posix_locales_are_read(tmp_path: Path, code: str, lang: str) -> None:
    path = tmp_path / "in.po"
    path.write_text(PO.format(code=code, msgstr="Hola."), "utf-8")
    assert import_po(path).target_langs == [lang]


def test_po_whitespace_msgstr_is_untranslated_and_said(tmp_path: Path) -> None:
    path = tmp_path / "in.po"
    path.write_text(PO.format(code="be", msgstr="  "), "utf-8")
    warnings: list[str] = []
    text = import_po(path, warnings=warnings)
    assert text.documents["be"].texts == ["Dos."]
    assert all(segment.strip() for segment in text.documents["be"].texts)
    assert warnings == [f"{path}:6: the msgstr is only white space; read as untranslated"]


@pytest.mark.parametrize("code", ["../../x", "/etc/passwd", "en us"])
def test_glossary_csv_lang_that_is_a_path_is_refused_with_its_line(
    tmp_path: Path, code: str
) -> None:
    from workbench.formats.glossary_csv import parse_glossary_csv

    text = f"concept_id,subject_field,lang,term,status,note\nc1,,en,term,,\nc1,,{code},x,,\n"
    with pytest.raises(FormatError, match="lang column") as caught:
        parse_glossary_csv(text, tmp_path / "g.csv")
    assert caught.value.line == 3
