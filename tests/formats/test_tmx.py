"""TMX export and import: DTD validity, the TU mapping, props, codes, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.formats.exchange_data import EN, ES, RU, ZH, parallel_texts, sample_text
from workbench import __version__
from workbench.core.alignment import BeadStatus
from workbench.core.errors import FormatError, InputError
from workbench.core.inline import CodeKind, codes, visible
from workbench.formats.export import groups, import_tmx, project_units, read_tmx
from workbench.formats.tmx_reader import TmxReader, split_segments
from workbench.formats.tmx_units import XML_LANG, TranslationUnit, Variant
from workbench.formats.tmx_writer import INVALID_XML_CHARS, TmxStats, write_tmx
from workbench.project.exchange import export_tmx

DTD_PATH = Path(__file__).resolve().parents[2] / "resources" / "standards" / "tmx14.dtd"
DATE = "20260101T000000Z"


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    return etree.DTD(str(DTD_PATH))


def assert_valid(path: Path, dtd: etree.DTD) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def tus(tree: etree._ElementTree) -> list[dict[str, str]]:
    """Each TU as {xml:lang: seg text}."""
    return [
        {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")} for tu in tree.iter("tu")
    ]


def test_four_language_export_is_valid_against_the_dtd(tmp_path: Path, dtd: etree.DTD) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx", creationdate=DATE)
    tree = assert_valid(path, dtd)
    header = tree.find("header")
    assert tree.getroot().get("version") == "1.4"
    assert header is not None
    assert header.get("srclang") == "en-US"
    assert header.get("segtype") == "sentence"
    assert header.get("creationdate") == DATE


def test_per_pair_exports_are_valid_and_named_by_pair(tmp_path: Path, dtd: etree.DTD) -> None:
    paths = export_tmx(sample_text(), tmp_path, pairs=True, creationdate=DATE)
    assert [p.name for p in paths] == ["en-es.tmx", "en-ru.tmx", "en-zh.tmx"]
    for path in paths:
        assert_valid(path, dtd)


def test_pair_pattern_fills_lang_and_pivot(tmp_path: Path) -> None:
    paths = export_tmx(sample_text(), tmp_path / "sco-{pivot}-{lang}.tmx", ["ru"], pairs=True)
    assert paths == [tmp_path / "sco-en-ru.tmx"]
    assert paths[0].is_file()


def test_pair_file_name_gets_the_pair_before_its_suffix(tmp_path: Path) -> None:
    paths = export_tmx(sample_text(), tmp_path / "sco.tmx", ["es", "zh"], pairs=True)
    assert paths == [tmp_path / "sco-en-es.tmx", tmp_path / "sco-en-zh.tmx"]


def test_groups_widen_over_an_n_to_m_bead_in_any_pair() -> None:
    found = [(g.start, g.stop) for g in groups(sample_text())]
    # ru aligns en 0+1 with one sentence, so every language's TU covers en 0..1.
    assert found == [(0, 2), (2, 3), (3, 4)]


def test_four_language_tus_join_segments_and_drop_a_group_without_counterpart(
    tmp_path: Path,
) -> None:
    stats: list[TmxStats] = []
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx", stats=stats)
    units = tus(etree.parse(str(path)))
    assert units[0] == {
        "en-US": " ".join(EN[0]),
        "es-ES": " ".join(ES[0]),
        "ru-RU": RU[0][0],
        "zh-CN": "".join(ZH[0]),  # no space between Chinese segments
    }
    assert units[1]["es-ES"] == ES[1][0]  # the 0-1 bead after it is between groups
    # en [3] has no Chinese counterpart: left out of the four-language file.
    assert len(units) == 2
    assert stats[0].skipped_incomplete == 1


def test_pair_file_keeps_what_the_four_language_file_leaves_out(tmp_path: Path) -> None:
    paths = export_tmx(sample_text(), tmp_path, ["es", "ru"], pairs=True)
    es_units = tus(etree.parse(str(paths[0])))
    ru_units = tus(etree.parse(str(paths[1])))
    assert [u["en-US"] for u in es_units] == [*EN[0], *EN[1]]
    assert ru_units[-1] == {"en-US": EN[1][1], "ru-RU": RU[1][1]}


def test_props_carry_bead_type_status_and_confidence(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    first = next(etree.parse(str(path)).iter("tu"))
    ru = next(t for t in first.iter("tuv") if t.get(XML_LANG) == "ru-RU")
    props = {p.get("type"): p.text for p in ru.iter("prop")}
    assert props == {"x-bead": "2-1", "x-status": "confirmed", "x-confidence": "0.90"}


def test_pair_file_puts_props_on_the_tu_and_notes_unconfirmed(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path, ["es"], pairs=True)
    third = list(etree.parse(str(path)).iter("tu"))[2]
    props = {p.get("type"): p.text for p in third.findall("prop")}
    assert props == {"x-bead": "1-1", "x-status": "auto", "x-confidence": "0.60"}
    assert "es" in (third.findtext("note") or "")


def test_only_confirmed_leaves_out_groups_with_an_auto_bead(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "c.tmx", only_confirmed=True)
    assert len(tus(etree.parse(str(path)))) == 1


def test_language_codes_are_configurable(tmp_path: Path) -> None:
    (path,) = export_tmx(
        sample_text(), tmp_path / "c.tmx", ["es"], lang_codes={"en": "en-GB", "es": "es-MX"}
    )
    tree = etree.parse(str(path))
    assert tree.find("header").get("srclang") == "en-GB"  # type: ignore[union-attr]
    assert set(tus(tree)[0]) == {"en-GB", "es-MX"}


def test_two_languages_with_one_code_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="both ru in one file"):
        export_tmx(sample_text(), tmp_path / "c.tmx", lang_codes={"es": "ru-RU"})


def test_two_variants_of_one_language_are_refused_in_one_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"zh \(zh-Hans\) and tw \(zh-Hant\)"):
        write_tmx(
            tmp_path / "z.tmx",
            [unit(("en", "a"), ("zh", "b"), ("tw", "c"))],
            srclang="en",
            langs=["en", "zh", "tw"],
            lang_codes={"zh": "zh-Hans", "tw": "zh-Hant"},
        )


def unit(*pairs: tuple[str, str]) -> TranslationUnit:
    return TranslationUnit(tuple(Variant(lang, (text,)) for lang, text in pairs))


def test_empty_or_blank_side_is_never_written(tmp_path: Path, dtd: etree.DTD) -> None:
    stats = write_tmx(
        tmp_path / "e.tmx",
        [unit(("en", "Hello."), ("es", "  ")), unit(("en", "Yes."), ("es", "Sí."))],
        srclang="en",
        langs=["en", "es"],
    )
    assert (stats.units, stats.skipped_empty) == (1, 1)
    assert all(seg.text for seg in assert_valid(tmp_path / "e.tmx", dtd).iter("seg"))


def test_control_character_is_refused_with_the_unit_named(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match=r"TU 1.*es.*U\+0007"):
        write_tmx(
            tmp_path / "c.tmx",
            [unit(("en", "Bell"), ("es", "Ti\x07mbre"))],
            srclang="en",
            langs=["en", "es"],
        )
    assert not (tmp_path / "c.tmx").exists()  # nothing half-written is left behind


def test_control_character_can_be_replaced(tmp_path: Path, dtd: etree.DTD) -> None:
    stats = write_tmx(
        tmp_path / "c.tmx",
        [unit(("en", "Bell\x00"), ("es", "Ti\x07mbre"))],
        srclang="en",
        langs=["en", "es"],
        replace_invalid=True,
    )
    assert stats.replaced_chars == 2
    assert tus(assert_valid(tmp_path / "c.tmx", dtd))[0]["es-ES"] == "Ti\ufffdmbre"


def test_control_character_in_a_prop_type_is_refused_or_replaced(tmp_path: Path) -> None:
    bad = TranslationUnit((Variant("en", ("Hi.",), (("x-a\x01", "v"),)), Variant("es", ("Hola.",))))
    with pytest.raises(FormatError, match=r"prop type.*U\+0001"):
        write_tmx(tmp_path / "p.tmx", [bad], srclang="en", langs=["en", "es"])
    assert not (tmp_path / "p.tmx").exists()
    write_tmx(tmp_path / "p.tmx", [bad], srclang="en", langs=["en", "es"], replace_invalid=True)
    (read,) = list(TmxReader(tmp_path / "p.tmx"))
    assert read.variants[0].props == (("x-a\ufffd", "v"),)


def test_markup_characters_use_only_the_five_entities(tmp_path: Path) -> None:
    write_tmx(
        tmp_path / "m.tmx",
        [unit(("en", "a < b & \"c\" > 'd'"), ("es", "x\r\ny"))],
        srclang="en",
        langs=["en", "es"],
    )
    raw = (tmp_path / "m.tmx").read_text("utf-8")
    assert "&lt;" in raw and "&amp;" in raw
    (read,) = list(TmxReader(tmp_path / "m.tmx"))
    assert read.variants[0].text == "a < b & \"c\" > 'd'"
    assert read.variants[1].text == "x\r\ny"  # CR survives as &#13;


def test_progress_can_cancel_and_nothing_is_left(tmp_path: Path) -> None:
    from workbench.core.errors import CancelledError

    def progress(done: int, total: int) -> None:
        if done >= 1000:
            raise CancelledError("export cancelled")

    many = (unit(("en", f"Line {i}."), ("es", f"Línea {i}.")) for i in range(5000))
    with pytest.raises(CancelledError):
        write_tmx(tmp_path / "c.tmx", many, srclang="en", langs=["en", "es"], progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_long_segment_is_written_with_a_warning(tmp_path: Path) -> None:
    stats = write_tmx(
        tmp_path / "l.tmx",
        [unit(("en", "a" * 2001), ("es", "b"))],
        srclang="en",
        langs=["en", "es"],
    )
    assert stats.units == 1
    assert stats.long_segments == 1
    assert "2001 characters" in stats.warnings[0]


def test_seglengths_split_segments_back_or_keep_one_when_inconsistent() -> None:
    assert split_segments("en", "Ab. Cd.", "3 3") == ("Ab.", "Cd.")
    assert split_segments("zh", "你好。再见。", "3 3") == ("你好。", "再见。")
    assert split_segments("en", "Ab. Cd.", "3 4") == ("Ab. Cd.",)
    assert split_segments("en", "Ab.xCd.", "3 3") == ("Ab.xCd.",)
    assert split_segments("en", "Ab. Cd.", "three") == ("Ab. Cd.",)


def test_import_makes_one_bead_per_tu_with_status(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    text = import_tmx(path)
    assert list(text.documents) == ["en", "es", "ru", "zh"]
    assert text.documents["en"].paragraphs == (tuple(EN[0]), (EN[1][0],))
    es = text.alignments["es"].beads
    assert [(b.source, b.target) for b in es] == [((0, 1), (0, 1)), ((2,), (2,))]
    assert es[1].status is BeadStatus.AUTO
    assert es[1].confidence == pytest.approx(0.6)


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="*all*" datatype="plaintext"/>
<body>
<tu>
<tuv xml:lang="EN-GB"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg>
</tuv>
<tuv xml:lang="es-MX"><seg>Pulse <hi>Guardar</hi>.</seg></tuv></tu>
<tu><tuv lang="en"><seg>Only English.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg>Solo español.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Open.</seg></tuv><tuv xml:lang="es"><seg>Abrir.</seg></tuv></tu>
</body></tmx>
"""


def test_import_of_a_cat_tool_tmx_keeps_text_and_codes(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text(FOREIGN.replace('"EN-GB"', '"en"').replace('"es-MX"', '"es"'), "utf-8")
    warnings: list[str] = []
    text = import_tmx(path, warnings=warnings)
    english = text.documents["en"].texts
    assert [visible(t) for t in english] == ["Press Save.", "Only English.", "Open."]
    assert [(c.kind, c.native) for c in codes(english[0])] == [
        (CodeKind.OPENING, "<b>"),
        (CodeKind.CLOSING, "</b>"),
    ]
    spanish = text.documents["es"].texts
    assert [visible(t) for t in spanish] == ["Pulse Guardar.", "Abrir."]
    assert [c.element for c in codes(spanish[0])] == ["hi", "hi"]
    beads = text.alignments["es"].beads
    assert [(b.source, b.target, b.status) for b in beads] == [
        ((0,), (0,), BeadStatus.CONFIRMED),
        ((1,), (), BeadStatus.AUTO),  # no Spanish in that TU
        ((2,), (1,), BeadStatus.CONFIRMED),
    ]
    assert any("without a en text" in w for w in warnings)


def test_variants_are_languages_of_their_own_and_a_dropped_one_is_said(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text(FOREIGN, "utf-8")
    warnings: list[str] = []
    text = import_tmx(path, warnings=warnings)
    assert text.pivot == "en-GB" and list(text.documents) == ["en-GB", "es-MX"]
    assert text.lang_codes == {"en-GB": "en-GB", "es-MX": "es-MX"}
    assert any("language es is only in TUs without the pivot" in w for w in warnings)
    assert any("language en is only in TUs without the pivot" in w for w in warnings)


def test_import_can_limit_the_target_languages(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    text = import_tmx(path, langs=["zh"])
    assert list(text.documents) == ["en", "zh"]
    assert text.documents["zh"].texts == [*ZH[0], ZH[1][0]]


DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


@pytest.mark.parametrize(
    "name", ["omegat-3.6-zh-project-omegat.tmx", "omegat-3.6-zh-project-level2.tmx"]
)
def test_import_of_omegat_project_memories(name: str) -> None:
    # TMX 1.1 (`lang`, DOCTYPE tmx11.dtd) and 1.4 as OmegaT 3.6 writes them, with comments.
    text = import_tmx(DATA / name)
    pairs = dict(zip(text.documents["en"].texts, text.documents["zh"].texts, strict=True))
    assert pairs["The council will meet again next year."] == "理事会将于明年再次开会。"
    assert len(pairs) == 3
    assert all(b.is_confirmed for b in text.alignments["zh"].beads)


def test_import_with_an_absent_pivot_says_so(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    with pytest.raises(FormatError, match="no TU has a fr variant"):
        import_tmx(path, pivot="fr")


def test_project_units_pairs_mode_yields_each_pair_in_turn() -> None:
    units = list(project_units(sample_text(), ["es", "zh"], multilingual=False))
    langs = [tuple(v.lang for v in u.variants) for u in units]
    assert langs[:4] == [("en", "es")] * 4
    assert ("en",) in langs  # zh's 1-0 bead: no Chinese side, the writer will skip it


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parallel_texts())
def test_export_import_export_gives_the_same_bytes(text: object) -> None:
    import tempfile

    from workbench.core.alignment import ParallelText

    assert isinstance(text, ParallelText)
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "a.tmx", Path(folder) / "b.tmx"
        export_tmx(text, first, creationdate=DATE)
        try:
            again = import_tmx(first)
        except FormatError:
            # every group lacked some language: the file has no TU at all
            assert not list(TmxReader(first))
            return
        export_tmx(again, second, ["es", "ru", "zh"], creationdate=DATE)
        assert first.read_bytes() == second.read_bytes()


@settings(max_examples=40, deadline=None)
@given(parallel_texts(("es",)))
def test_pair_export_import_export_gives_the_same_bytes(text: object) -> None:
    import tempfile

    from workbench.core.alignment import ParallelText

    assert isinstance(text, ParallelText)
    with tempfile.TemporaryDirectory() as folder:
        (first,) = export_tmx(text, Path(folder) / "a", pairs=True, creationdate=DATE)
        if not list(TmxReader(first)):
            return
        (second,) = export_tmx(import_tmx(first), Path(folder) / "b", pairs=True, creationdate=DATE)
        assert first.read_bytes() == second.read_bytes()


# --- streamed import into a project -------------------------------------------------------


def project_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_same_project(tmx: Path, folder: Path) -> None:
    from workbench.project.project import Project
    from workbench.project.tmx_import import import_tmx_project

    text, metadata = read_tmx(tmx)
    Project.create_from_text(text, folder / "held", "p", tmx_metadata=metadata)
    import_tmx_project(tmx, folder / "streamed", name="p")
    assert project_files(folder / "streamed") == project_files(folder / "held")


REAL_TMX = sorted((Path(__file__).resolve().parents[1] / "data" / "real" / "tmx").glob("*.tmx"))
# ImportTest1K names a srclang none of its TUs has: both imports refuse it.
HELD_AND_STREAMED = [p for p in REAL_TMX if p.name != "lisa-ImportTest1K.tmx"]


@pytest.mark.parametrize("path", HELD_AND_STREAMED, ids=lambda p: p.name)
def test_held_import_of_a_real_memory_saves_what_the_streamed_import_writes(
    path: Path, tmp_path: Path
) -> None:
    assert_same_project(path, tmp_path)


LATE = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="es"><seg>Uno.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Two.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Three.</seg></tuv><tuv xml:lang="zh"><seg>三。</seg></tuv></tu>
</body></tmx>
"""


def test_streamed_import_writes_what_the_held_import_saves(tmp_path: Path) -> None:
    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    assert_same_project(path, tmp_path)


def test_streamed_import_backfills_a_language_seen_late(tmp_path: Path) -> None:
    from workbench.project.project import Project

    path = tmp_path / "late.tmx"
    path.write_text(LATE, "utf-8")
    assert_same_project(path, tmp_path)
    zh = Project.open(tmp_path / "streamed").text.alignments["zh"].beads
    assert [(b.source, b.target) for b in zh] == [((0,), ()), ((1,), ()), ((2,), (0,))]


TRICKY = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><prop type="x-seglengths">3 0 3</prop><seg>A&amp;B  &lt;C&gt;</seg></tuv>
<tuv xml:lang="es"><prop type="x-status">auto</prop><prop type="x-confidence">0.25</prop>
<seg>"Uno" y 'dos'&#13;	tres</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg> ]]&gt; </seg></tuv><tuv xml:lang="zh"><seg>三、“四”</seg></tuv></tu>
</body></tmx>
"""


def test_streamed_import_escapes_as_the_project_writers_do(tmp_path: Path) -> None:
    # Markup characters, quotes, CR and tab, lengths that would cut out an empty segment (the
    # text stays whole: a project holds no empty segment), and a file name that needs escaping
    # in the documents' name attribute: the text writer must match lxml byte for byte.
    path = tmp_path / 'a&b "c" <d>.tmx'
    path.write_text(TRICKY, "utf-8")
    assert_same_project(path, tmp_path)
    document = (tmp_path / "streamed" / "alignments" / "p" / "en.xml").read_text("utf-8")
    assert '<s id="1:1">A&amp;B  &lt;C&gt;</s>' in document
    from workbench.project.project import Project

    assert Project.open(tmp_path / "streamed").text.documents["en"].texts[0] == "A&B  <C>"


def test_streamed_import_of_a_broken_file_leaves_nothing(tmp_path: Path) -> None:
    from workbench.project.tmx_import import import_tmx_project

    (path,) = export_tmx(sample_text(), tmp_path / "all.tmx")
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'<tu tuid="2"')] + b"<tu><tuv>")
    with pytest.raises(FormatError):
        import_tmx_project(path, tmp_path / "project")
    assert not (tmp_path / "project").exists()


@settings(max_examples=25, deadline=None)
@given(parallel_texts())
def test_streamed_import_matches_for_random_texts(text: object) -> None:
    import tempfile

    from workbench.core.alignment import ParallelText

    assert isinstance(text, ParallelText)
    with tempfile.TemporaryDirectory() as folder:
        paths = export_tmx(text, Path(folder) / "pairs", pairs=True)
        for path in paths:
            if list(TmxReader(path)):
                assert_same_project(path, Path(folder) / path.stem)


# --- the string writer against lxml -------------------------------------------------------

# Text that stresses the escaper: markup, quotes, CR/LF/tab, `%` (the templates are
# `%`-format strings), NUL's neighbours, non-BMP and non-ASCII; never a character XML forbids.
_CHARS = st.one_of(
    st.sampled_from(list("&<>\"'\r\n\t%]x ")),
    st.characters(codec="utf-8").filter(lambda c: not INVALID_XML_CHARS.match(c)),
)
_TEXT = st.text(_CHARS, max_size=12)
_PROPS = st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple)


@st.composite
def _units(draw: st.DrawFn) -> list[TranslationUnit]:
    found = []
    for _ in range(draw(st.integers(1, 4))):
        variants = tuple(
            Variant(
                lang,
                tuple("x" + s for s in draw(st.lists(_TEXT, min_size=1, max_size=3))),
                draw(_PROPS),
            )
            for lang in ("en", "es", "zh")
        )
        notes = tuple(draw(st.lists(_TEXT, max_size=2)))
        tuid = draw(st.one_of(st.just(""), _TEXT.filter(bool)))
        found.append(TranslationUnit(variants, draw(_PROPS), notes, tuid))
    return found


def lxml_tmx(units: list[TranslationUnit], codes: dict[str, str], header: etree._Element) -> bytes:
    """What the writer must produce, with every TU built and serialised by lxml."""
    import io

    def child(parent: etree._Element, tag: str, tail: str, **attrs: str) -> etree._Element:
        element = etree.SubElement(parent, tag, attrs)
        element.tail = tail
        return element

    out = io.BytesIO()
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                xf.write("\n  ")
                for number, item in enumerate(units, 1):
                    tu = etree.Element("tu", tuid=item.tuid or str(number))
                    tu.text = tu.tail = "\n    "
                    for name, value in item.props:
                        child(tu, "prop", "\n    ", type=name).text = value
                    for note in item.notes:
                        child(tu, "note", "\n    ").text = note
                    for variant in item.variants:
                        tuv = child(tu, "tuv", "\n    ", **{XML_LANG: codes[variant.lang]})
                        tuv.text = "\n      "
                        props = variant.props
                        if len(variant.segments) > 1:
                            lengths = " ".join(str(len(s)) for s in variant.segments)
                            props += (("x-seglengths", lengths),)
                        for name, value in props:
                            child(tuv, "prop", "\n      ", type=name).text = value
                        child(tuv, "seg", "\n    ").text = variant.text
                    tu[-1].tail = tu.tail = "\n  "
                    xf.write(tu)
            xf.write("\n")
    return out.getvalue()


HEADER_ATTRIBUTES = {
    "creationtool": "workbench",
    "creationtoolversion": __version__,
    "segtype": "sentence",
    "o-tmf": "workbench",
    "adminlang": "en",
    "srclang": "en-US",
    "datatype": "plaintext",
    "creationdate": DATE,
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_units(), _TEXT.filter(lambda t: not any(c.isspace() for c in t)))
def test_string_writer_gives_the_bytes_lxml_gives(units: list[TranslationUnit], tag: str) -> None:
    import tempfile

    codes = {"en": "en-US", "es": f"es-{tag}", "zh": "zh-CN"}
    header_props = (("x-note", 'a & <b> "c" \r\n'),)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.tmx"
        write_tmx(
            path,
            units,
            srclang="en",
            langs=["en", "es", "zh"],
            lang_codes=codes,
            creationdate=DATE,
            header_props=header_props,
        )
        written = path.read_bytes()
    header = etree.Element("header")
    for name, value in HEADER_ATTRIBUTES.items():
        header.set(name, value)
    header.text = "\n    "
    prop = etree.SubElement(header, "prop", type=header_props[0][0])
    prop.text, prop.tail = header_props[0][1], "\n  "
    assert written == lxml_tmx(units, codes, header)
