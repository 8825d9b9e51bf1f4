"""XLIFF reading and writing, tested on files CAT tools wrote and on round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.core.errors import FormatError, UnsafeInputError
from workbench.core.inline import Code, CodeKind, code_count, codes, join, visible
from workbench.formats.xliff_reader import XliffReader, read_xliff
from workbench.formats.xliff_writer import BilingualUnit, write_xliff

REAL = Path(__file__).parents[1] / "data" / "real" / "xliff"
STANDARDS = Path(__file__).parents[2] / "resources" / "standards" / "xliff"
REAL_FILES = sorted(p for p in REAL.iterdir() if p.suffix in {".xlf", ".xliff", ".sdlxliff"})
# Two <file> elements with different language pairs: refused, see test below.
MIXED_PAIRS = {"matecat-file-with-emoji.xliff"}


def _schema(version: str) -> etree.XMLSchema:
    name = "xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff_core_2.0.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(STANDARDS / name), parser))


def _bilingual(path: Path) -> tuple[str, str, list[BilingualUnit]]:
    header, units = read_xliff(path)
    out = [
        BilingualUnit(f"{unit.id}-{seg.id}", seg.source, seg.target, seg.is_confirmed)
        for unit in units
        for seg in unit.segments
        if seg.target is not None and visible(seg.source).strip()
    ]
    return header.source_lang, header.target_lang or "und", out


def _write(tmp_path: Path, name: str, units: list[BilingualUnit], version: str) -> Path:
    out = tmp_path / name
    write_xliff(out, units, "en-US", "es-419", version=version)
    return out


@pytest.mark.parametrize("path", [p for p in REAL_FILES if p.name not in MIXED_PAIRS], ids=str)
def test_real_file_reads_with_sources_and_languages(path: Path) -> None:
    header, units = read_xliff(path)
    assert header.source_lang
    assert units
    assert all(seg.source is not None for unit in units for seg in unit.segments)


def test_a_file_mixing_language_pairs_is_refused_with_its_line() -> None:
    with pytest.raises(FormatError) as caught:
        read_xliff(REAL / "matecat-file-with-emoji.xliff")
    assert caught.value.line is not None
    assert "language pair" in str(caught.value)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize(
    "name", ["okapi-docxtest.docx.xlf", "matecat-calibre.docx.xliff", "RB-12-Test02.xlf"]
)
def test_real_tagged_file_keeps_every_code_through_export(
    tmp_path: Path, name: str, version: str
) -> None:
    source_lang, target_lang, units = _bilingual(REAL / name)
    codes_in = code_count([u.source for u in units]) + code_count([u.target for u in units])
    assert codes_in > 0
    out = tmp_path / f"out.{version}.xlf"
    write_xliff(out, units, source_lang, target_lang, version=version)
    _schema(version).assertValid(etree.parse(str(out)))
    _, back = read_xliff(out)
    segments = [seg for unit in back for seg in unit.segments]
    codes_out = code_count([s.source for s in segments]) + code_count(
        [s.target or "" for s in segments]
    )
    assert codes_out == codes_in
    assert [visible(s.source) for s in segments] == [visible(u.source) for u in units]


def test_sdlxliff_segments_come_from_seg_source_marks_with_their_conf() -> None:
    header, units = read_xliff(REAL / "TS09-12-Test01.xlf")
    assert header.flavour == "sdlxliff"
    translated = [
        seg for unit in units for seg in unit.segments if seg.state == "Translated" and seg.target
    ]
    assert translated
    assert visible(translated[0].source) == "Getting Started"
    assert visible(translated[0].target or "") == "Erste Schritte"
    assert not translated[0].is_confirmed  # "Translated" is not approved in Trados


def test_mqxliff_status_is_read_and_kept_as_a_prop() -> None:
    header, units = read_xliff(REAL / "MQ-12-Test01.xlf")
    assert header.flavour == "mqxliff"
    assert all(dict(unit.props).get("x-mq-status") for unit in units)
    assert units[0].segments[0].state == "NotStarted"


def test_xliff_20_placeholders_read_their_original_data() -> None:
    _, units = read_xliff(REAL / "matecat-sample-20.xlf")
    found = [code for unit in units for seg in unit.segments for code in codes(seg.source)]
    assert found
    assert any(code.native for code in found)


def test_xliff_20_state_reviewed_is_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "r.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        'trgLang="zh-TW"><file id="f"><unit id="u"><segment state="reviewed"><source>Hi'
        "</source><target>嗨</target></segment><segment><source>Bye</source></segment>"
        "</unit></file></xliff>",
        encoding="utf-8",
    )
    header, units = read_xliff(path)
    assert header.target_lang == "zh-TW"
    first, second = units[0].segments
    assert first.is_confirmed and first.target == "嗨"
    assert second.target is None and not second.is_confirmed


def test_entity_reference_is_refused_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "e.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
        'original="x" source-language="en" target-language="fr" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>Hello &leak; world</source></trans-unit></body></file>'
        "</xliff>",
        encoding="utf-8",
    )
    with pytest.raises((UnsafeInputError, FormatError)) as caught:
        read_xliff(path)
    assert str(path) in str(caught.value)


def test_declared_entities_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;">]>'
        '<xliff version="1.2"><file original="x" source-language="en" datatype="plaintext">'
        '<body><trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    with pytest.raises(UnsafeInputError):
        read_xliff(path)


def test_not_xliff_names_the_root(tmp_path: Path) -> None:
    path = tmp_path / "t.xlf"
    path.write_text("<tmx version='1.4'><body/></tmx>", encoding="utf-8")
    with pytest.raises(FormatError, match="root element is <tmx>"):
        read_xliff(path)


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "m.xlf"
    path.write_text(
        '<xliff version="1.2">\n<file original="x" source-language="en" datatype="p">\n'
        "<body><trans-unit id='1'><source>a</sourc></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as caught:
        read_xliff(path)
    assert caught.value.line == 3


def test_a_unit_without_source_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "n.xlf"
    path.write_text(
        '<xliff version="1.2"><file original="x" source-language="en" datatype="p"><body>\n'
        "<trans-unit id='7'><target>a</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="'7' has no <source>") as caught:
        read_xliff(path)
    assert caught.value.line == 2


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_written_file_is_valid_and_loads_in_translate_toolkit(tmp_path: Path, version: str) -> None:
    bold = [Code(CodeKind.OPENING, "1", "<b>", "bpt"), Code(CodeKind.CLOSING, "1", "</b>", "ept")]
    units = [
        BilingualUnit("1", join(["information ", bold[0], "security", bold[1]]), "seguridad", True),
        BilingualUnit("2", "Hello <world> & co", "Hola <mundo> & cía", False, 0.42),
    ]
    out = _write(tmp_path, "pair.xlf", units, version)
    _schema(version).assertValid(etree.parse(str(out)))
    if version == "1.2":
        from translate.storage import xliff as tt

        store = tt.xlifffile.parsefile(str(out))
    else:
        from translate.storage import xliff2 as tt2

        store = tt2.Xliff2File.parsefile(str(out))
    tt_units = [unit for unit in store.units if not unit.isheader()]
    assert [u.target for u in tt_units] == ["seguridad", "Hola <mundo> & cía"]
    assert "security" in str(tt_units[0].source)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_review_state_comes_from_the_bead(tmp_path: Path, version: str) -> None:
    units = [BilingualUnit("a", "One.", "Uno.", True), BilingualUnit("b", "Two.", "Dos.", False)]
    out = _write(tmp_path, "s.xlf", units, version)
    _, back = read_xliff(out)
    assert [unit.segments[0].is_confirmed for unit in back] == [True, False]


def test_unknown_version_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"choose 1\.2 or 2\.0"):
        write_xliff(tmp_path / "x.xlf", [BilingualUnit("1", "a", "b")], "en", "fr", version="3.0")


def test_a_control_character_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "c.xlf"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(FormatError, match="U\\+0007"):
        write_xliff(out, [BilingualUnit("1", "bell\x07", "x")], "en", "fr")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.xlf"]


_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Co", "Cc"), blacklist_characters="\ufffe\uffff"
    ),
    max_size=12,
)
_code = st.builds(
    Code,
    st.sampled_from(list(CodeKind)),
    st.from_regex(r"[a-z0-9]{1,3}", fullmatch=True),
    st.text(alphabet="<>/ab%s{}0 ", max_size=6),
)


@st.composite
def _tagged(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(_text, _code), max_size=6))
    return join(parts)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_tagged(), _tagged(), st.booleans()), min_size=1, max_size=5))
def test_round_trip_keeps_texts_codes_and_states(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, bool]]
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    units = [BilingualUnit(str(i), s, t, c) for i, (s, t, c) in enumerate(rows, start=1)]
    for version in ("1.2", "2.0"):
        out = folder / f"rt-{version}.xlf"
        write_xliff(out, units, "en", "ru", version=version)
        _, back = read_xliff(out)
        got = [(seg.source, seg.target or "", seg.is_confirmed) for u in back for seg in u.segments]
        want = [(u.source, u.target, u.is_confirmed) for u in units]
        assert [(visible(s), visible(t), c) for s, t, c in got] == [
            (visible(s), visible(t), c) for s, t, c in want
        ]
        assert [len(codes(s)) + len(codes(t)) for s, t, _ in got] == [
            len(codes(s)) + len(codes(t)) for s, t, _ in want
        ]


def test_reader_warns_about_unknown_inline_elements_and_keeps_their_text(tmp_path: Path) -> None:
    path = tmp_path / "u.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:o="urn:o">'
        '<file original="x" source-language="en" datatype="p"><body><trans-unit id="1">'
        "<source>a <o:b>bold</o:b> c</source></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    reader = XliffReader(path)
    units = list(reader)
    assert visible(units[0].segments[0].source) == "a bold c"
    assert reader.warnings and "<b>" in reader.warnings[0]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_nothing_to_write_is_an_error_and_leaves_no_file(tmp_path: Path, version: str) -> None:
    out = tmp_path / "empty.xlf"
    with pytest.raises(FormatError, match="nothing to write"):
        write_xliff(out, [], "en", "fr", version=version)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_layout_white_space_is_normalised_unless_preserved(tmp_path: Path) -> None:
    path = tmp_path / "w.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
        'original="x" source-language="en" target-language="de" datatype="p"><body>'
        '<trans-unit id="1"><source>\n   Two\n   lines <x id="1"/> here\n  </source>'
        "<target>\n Zwei  Zeilen\n</target></trans-unit>"
        '<trans-unit id="2" xml:space="preserve"><source>  kept  </source></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    _, units = read_xliff(path)
    first = units[0].segments[0]
    assert visible(first.source) == "Two lines here" and len(codes(first.source)) == 1
    assert first.target == "Zwei Zeilen"
    assert units[1].segments[0].source == "  kept  "
