"""Hostile and broken input for TMX, PO, XCES and plain text: refused by name or read right.

(TBX and CSV glossary inputs are tested with the glossary formats.)
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import EncodingError, FormatError, InputError, UnsafeInputError
from workbench.formats import xces
from workbench.formats.export import import_tmx
from workbench.formats.po import import_po
from workbench.formats.tmx_reader import TmxReader

HEADER = (
    '<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" '
    'adminlang="en" srclang="en" datatype="plaintext"/>'
)
SECRET = "top-secret-marker-4711"


def tmx_text(body: str, doctype: str = "", declaration: str = '<?xml version="1.0"?>') -> str:
    return f'{declaration}\n{doctype}\n<tmx version="1.4">{HEADER}\n<body>\n{body}\n</body></tmx>\n'


def tu(en: str, es: str) -> str:
    return (
        f'<tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="es"><seg>{es}</seg></tuv></tu>'
    )


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, "utf-8")
    return path


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# --- TMX: entities and DTDs ------------------------------------------------------------------


def test_tmx_external_entity_is_refused(tmp_path: Path, secret: Path) -> None:
    doctype = f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    path = write(tmp_path / "xxe.tmx", tmx_text(tu("&xxe;", "x"), doctype))
    with pytest.raises(UnsafeInputError, match="entities") as caught:
        import_tmx(path)
    assert str(path) in str(caught.value)
    assert SECRET not in str(caught.value)


def test_tmx_billion_laughs_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    path = write(tmp_path / "lol.tmx", tmx_text(tu("&i;", "x"), f"<!DOCTYPE tmx [{entities}]>"))
    with pytest.raises(UnsafeInputError):
        import_tmx(path)


def test_tmx_parameter_entity_is_refused(tmp_path: Path, secret: Path) -> None:
    doctype = f'<!DOCTYPE tmx [<!ENTITY % ext SYSTEM "{secret.as_uri()}"> %ext;]>'
    path = write(tmp_path / "pe.tmx", tmx_text(tu("a", "b"), doctype))
    with pytest.raises(UnsafeInputError):
        import_tmx(path)


def test_tmx_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    # TMX files from CAT tools name their DTD; it must be ignored, not fetched. This one would
    # define &leak; and a default attribute if it were loaded.
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED"><!ATTLIST seg x CDATA "DEFAULTED">', "utf-8")
    doctype = f'<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">'
    path = write(tmp_path / "ok.tmx", tmx_text(tu("Hello.", "Hola."), doctype))
    assert import_tmx(path).documents["es"].texts == ["Hola."]
    leaky = write(tmp_path / "leak.tmx", tmx_text(tu("&leak;", "x"), doctype))
    with pytest.raises(FormatError, match="leak"):
        import_tmx(leaky)


def test_tmx_network_dtd_is_not_fetched(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx14.dtd">'  # TEST-NET: never answers
    path = write(tmp_path / "net.tmx", tmx_text(tu("Hello.", "Hola."), doctype))
    assert import_tmx(path).documents["en"].texts == ["Hello."]


# --- TMX: encodings, line ends, broken files -------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom", "utf-16-le-bom"])
def test_tmx_with_a_bom_or_in_utf16_is_read(tmp_path: Path, encoding: str) -> None:
    declaration = '<?xml version="1.0" encoding="UTF-16"?>' if "16" in encoding else ""
    text = tmx_text(tu("Cooperation.", "Cooperación ñ."), declaration=declaration or "")
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        bom = codecs.BOM_UTF16_BE if codec.endswith("be") else codecs.BOM_UTF16_LE
        data = bom + text.encode(codec)
    else:
        data = text.encode(encoding)
    path = tmp_path / "enc.tmx"
    path.write_bytes(data)
    assert import_tmx(path).documents["es"].texts == ["Cooperación ñ."]


def test_tmx_with_crlf_line_ends_is_read(tmp_path: Path) -> None:
    text = tmx_text(tu("One\ntwo.", "Uno\ndos.")).replace("\n", "\r\n")
    path = tmp_path / "crlf.tmx"
    path.write_bytes(text.encode("utf-8"))
    # XML normalises line ends: the segment holds a plain line feed.
    assert import_tmx(path).documents["es"].texts == ["Uno\ndos."]


def test_tmx_declared_latin1_is_read(tmp_path: Path) -> None:
    text = tmx_text(
        tu("Spain.", "España."), declaration='<?xml version="1.0" encoding="ISO-8859-1"?>'
    )
    path = write(tmp_path / "latin1.tmx", text, "latin-1")
    assert import_tmx(path).documents["es"].texts == ["España."]


def test_tmx_undeclared_latin1_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.tmx", tmx_text(tu("Spain.", "España.")), "latin-1")
    with pytest.raises(EncodingError, match="UTF-8") as caught:
        import_tmx(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 5


def test_tmx_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    body = (
        tu("One.", "Uno.") + "\n" + tu("Two.", "Dos.").replace("</seg></tuv></tu>", "</tuv></tu>")
    )
    path = write(tmp_path / "broken.tmx", tmx_text(body))
    with pytest.raises(FormatError, match="malformed XML") as caught:
        import_tmx(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 6


def test_tmx_truncated_file_names_file_and_line(tmp_path: Path) -> None:
    text = tmx_text(tu("One.", "Uno.") + "\n" + tu("Two.", "Dos."))
    path = write(tmp_path / "cut.tmx", text[: text.index("Dos")])
    with pytest.raises(FormatError) as caught:
        import_tmx(path)
    assert caught.value.line is not None and caught.value.line >= 5


def test_tmx_undefined_entity_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "nbsp.tmx", tmx_text(tu("a&nbsp;b", "x")))
    with pytest.raises(FormatError, match="nbsp") as caught:
        import_tmx(path)
    assert caught.value.line == 5


def test_tmx_forbidden_control_character_reference_is_malformed(tmp_path: Path) -> None:
    path = write(tmp_path / "ctrl.tmx", tmx_text(tu("Bell &#7;.", "x")))
    with pytest.raises(FormatError) as caught:
        import_tmx(path)
    assert caught.value.line == 5


def test_not_a_tmx_file_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "x.tmx", '<?xml version="1.0"?><xliff><file/></xliff>')
    with pytest.raises(FormatError, match="not a TMX file: the root is <xliff>"):
        list(TmxReader(path))


def test_tuv_without_language_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "x.tmx", tmx_text("<tu>\n<tuv><seg>a</seg></tuv></tu>"))
    with pytest.raises(FormatError, match="without xml:lang") as caught:
        import_tmx(path)
    assert caught.value.line == 6


def test_missing_tmx_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such TMX file"):
        import_tmx(tmp_path / "absent.tmx")
    with pytest.raises(InputError, match="is a folder"):
        import_tmx(tmp_path)


def test_huge_text_node_is_refused_not_loaded(tmp_path: Path) -> None:
    # lxml's huge_tree=False caps a text node at 10 MB: a bigger one is refused with a line.
    path = write(tmp_path / "huge.tmx", tmx_text(tu("a" * 11_000_000, "b")))
    with pytest.raises(FormatError) as caught:
        import_tmx(path)
    assert caught.value.line == 5


def test_empty_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.tmx", "")
    with pytest.raises(FormatError):
        import_tmx(path)


# --- PO ----------------------------------------------------------------------------------------

PO = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
    'msgctxt "1:1"\nmsgid "Spain"\nmsgstr "España"\n'
)


def test_po_with_bom_and_crlf_is_read(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + PO.format(charset="UTF-8").replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "bom.po"
    path.write_bytes(data)
    assert import_po(path).documents["es"].texts == ["España"]


def test_po_in_latin1_is_read_by_its_charset(tmp_path: Path) -> None:
    path = write(tmp_path / "l1.po", PO.format(charset="ISO-8859-1"), "latin-1")
    assert import_po(path).documents["es"].texts == ["España"]


def test_po_latin1_bytes_under_a_utf8_header_are_refused_with_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "l1.po", PO.format(charset="UTF-8"), "latin-1")
    with pytest.raises(EncodingError, match="UTF-8") as caught:
        import_po(path)
    assert caught.value.line == 8


def test_po_in_utf16_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.po", PO.format(charset="UTF-16"), "utf-16")
    with pytest.raises(EncodingError, match="UTF-16"):
        import_po(path)


def test_po_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    # polib alone would read this as "Abri" (it drops the last character before the newline).
    text = PO.format(charset="UTF-8") + '\nmsgid "Open"\nmsgstr "Abrir\n'
    path = write(tmp_path / "bad.po", text)
    with pytest.raises(FormatError, match="malformed PO") as caught:
        import_po(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 11


def test_po_without_language_asks_for_it(tmp_path: Path) -> None:
    path = write(tmp_path / "nolang.po", 'msgid "Spain"\nmsgstr "España"\n')
    with pytest.raises(FormatError, match="--lang"):
        import_po(path)
    assert import_po(path, lang="es").documents["es"].texts == ["España"]


def test_missing_po_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such PO file"):
        import_po(tmp_path / "absent.po")


# --- XCES (the project's stored documents and alignments) --------------------------------------

XCES_DOC = (
    '<?xml version="1.0"?>\n{doctype}\n'
    '<document lang="en"><p><s id="1:1">{text}</s></p></document>\n'
)


def test_xces_external_entity_is_refused(tmp_path: Path, secret: Path) -> None:
    doctype = f'<!DOCTYPE document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    path = write(tmp_path / "en.xml", XCES_DOC.format(doctype=doctype, text="&xxe;"))
    with pytest.raises(UnsafeInputError) as caught:
        xces.read_document(path)
    assert SECRET not in str(caught.value)


def test_xces_billion_laughs_is_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = write(tmp_path / "en.xml", XCES_DOC.format(doctype=doctype, text="&b;"))
    with pytest.raises(UnsafeInputError):
        xces.read_document(path)


def test_xces_utf16_with_bom_is_read(tmp_path: Path) -> None:
    text = XCES_DOC.format(doctype="", text="Cooperation.").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    path = write(tmp_path / "en.xml", text, "utf-16")
    document, ids = xces.read_document(path)
    assert (document.texts, ids) == (["Cooperation."], ["1:1"])


def test_xces_malformed_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "en.xml", XCES_DOC.format(doctype="", text="a").replace("</s>", ""))
    with pytest.raises(FormatError) as caught:
        xces.read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 3


# --- plain text (documents to align) -----------------------------------------------------------


def test_plain_text_boms_and_crlf_are_read(tmp_path: Path) -> None:
    plaintext = pytest.importorskip("workbench.formats.plaintext")
    for name, data in {
        "u8.txt": codecs.BOM_UTF8 + b"Uno.\r\nDos.",
        "u16.txt": "Uno.\r\nDos.".encode("utf-16"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert plaintext.read_text(path) == "Uno.\nDos."


def test_plain_text_latin1_is_refused_by_name_then_read_when_named(tmp_path: Path) -> None:
    plaintext = pytest.importorskip("workbench.formats.plaintext")
    path = write(tmp_path / "es.txt", "Primera línea.\nEspaña.\n", "latin-1")
    with pytest.raises(EncodingError, match="UTF-8") as caught:
        plaintext.read_text(path)
    assert caught.value.line == 1
    assert plaintext.read_text(path, "latin-1") == "Primera línea.\nEspaña.\n"


def test_plain_text_utf16_without_bom_is_named(tmp_path: Path) -> None:
    plaintext = pytest.importorskip("workbench.formats.plaintext")
    path = write(tmp_path / "x.txt", "Hello.", "utf-16-le")
    with pytest.raises(EncodingError, match="UTF-16"):
        plaintext.read_text(path)


# --- fuzzing: broken input fails with a named error, never anything else ------------------------


def _valid_tmx() -> bytes:
    body = "\n".join(tu(f"Sentence {i} &amp; more.", f"Frase {i} más.") for i in range(4))
    return tmx_text(body).encode("utf-8")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, 2000),
    junk=st.binary(max_size=12),
    where=st.integers(0, 2000),
)
def test_mutated_tmx_fails_only_with_input_errors(
    tmp_path: Path, cut: int, junk: bytes, where: int
) -> None:
    data = _valid_tmx()
    data = data[: max(cut, where)] if cut < len(data) // 2 else data
    data = data[:where] + junk + data[where:]
    path = tmp_path / "fuzz.tmx"
    path.write_bytes(data)
    try:
        text = import_tmx(path)
    except InputError as exc:
        assert exc.path == str(path)
    else:
        assert all(t.strip() for t in text.documents["en"].texts)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_random_po_fails_only_with_input_errors(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "fuzz.po"
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    try:
        import_po(path, lang="es")
    except InputError as exc:
        assert exc.path == str(path)
