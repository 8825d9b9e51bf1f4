"""TBX v3 and v2: round trips, validity (RELAX NG + Schematron), broken and hostile files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.terms.factories import BUNDLED_GLOSSARY, DATA, P, concept, glossaries
from workbench.core.errors import FormatError, UnsafeInputError
from workbench.formats.tbx import parse_tbx, read_tbx, tbx_bytes, tbx_version, write_tbx
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus

STANDARDS = DATA / "standards"
RNG = STANDARDS / "TBXcoreStructV03.rng"
SCH = STANDARDS / "TBX-Basic_DCA.sch"
EXAMPLE = STANDARDS / "TBX-Basic_Example_Astronomy_DCA_VALID.tbx"
SAXON = Path("/usr/share/java/Saxon-HE.jar")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_v3_round_trip_loses_nothing(glossary: Glossary) -> None:
    data = tbx_bytes(glossary, 3)
    assert parse_tbx(data) == glossary
    assert tbx_bytes(parse_tbx(data), 3) == data


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_v2_round_trip_loses_nothing(glossary: Glossary) -> None:
    assert parse_tbx(tbx_bytes(glossary, 2)) == glossary


def test_version_is_told_by_the_root(tmp_path: Path) -> None:
    glossary = read_tbx(BUNDLED_GLOSSARY)
    write_tbx(tmp_path / "v2.tbx", glossary, 2)
    assert tbx_version(tmp_path / "v2.tbx") == 2
    assert tbx_version(BUNDLED_GLOSSARY) == 3


def test_reads_the_tbx_basic_example() -> None:
    glossary = read_tbx(EXAMPLE)
    first = glossary.concept("c1")
    assert first.subject_field == "General"
    assert first.definition.startswith("A group of stars formed together")
    assert [(t.text, t.lang, t.status, t.part_of_speech) for t in first.terms][:2] == [
        ("open cluster", "en", TermStatus.PREFERRED, "noun"),
        ("galactic cluster", "en", TermStatus.SUPERSEDED, "noun"),
    ]


def test_reads_v2_ntig_and_term_groups() -> None:
    data = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>old</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry id="e1"><descrip type="subjectField">law</descrip>
<langSet xml:lang="en"><ntig><termGrp><term>UN Charter</term>
<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp>
<note>short</note></ntig></langSet>
<langSet xml:lang="ru"><tig><term>Устав ООН</term></tig></langSet></termEntry>
</body></text></martif>""".encode()
    glossary = parse_tbx(data)
    assert glossary.description == "old"
    entry = glossary.concept("e1")
    assert entry.terms == (
        Term("UN Charter", "en", TermStatus.ADMITTED, note="short"),
        Term("Устав ООН", "ru", TermStatus.PREFERRED),
    )


def test_empty_glossary_writes_a_valid_file() -> None:
    assert parse_tbx(tbx_bytes(Glossary(), 3)) == Glossary()


def test_concept_without_term_is_refused() -> None:
    with pytest.raises(FormatError, match="has no term"):
        tbx_bytes(Glossary([Concept("c1")]))


def test_part_of_speech_outside_the_picklist_is_refused_for_v3() -> None:
    glossary = Glossary([Concept("c1", terms=(Term("x", "en", part_of_speech="n."),))])
    with pytest.raises(FormatError, match="part of speech"):
        tbx_bytes(glossary, 3)


def test_control_characters_are_refused_with_a_message() -> None:
    glossary = Glossary([concept("c1", ("en", "bad\x01term", P))])
    with pytest.raises(FormatError, match="cannot store"):
        tbx_bytes(glossary)


@pytest.mark.parametrize("version", [2, 3])
def test_ids_that_are_not_xml_names_are_made_valid_on_writing(version: int) -> None:
    glossary = Glossary([concept("1905", ("en", "x", P)), concept("c1905", ("en", "y", P))])
    glossary.add_concept(concept("2_76365", ("en", "z", P)))
    ids = [c.id for c in parse_tbx(tbx_bytes(glossary, version))]
    assert ids[1] == "c1905" and ids[0] != "c1905" and ids[0].startswith("c1905")
    assert ids[2] == "c2_76365"


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.tbx"
    path.write_bytes(b'<?xml version="1.0"?>\n<tbx>\n<text>\n</tbx>\n')
    with pytest.raises(FormatError) as error:
        read_tbx(path)
    assert error.value.path == str(path) and error.value.line == 4


def test_term_section_without_term_is_skipped_with_its_line() -> None:
    glossary = Glossary([concept("c1", ("en", "x", P), ("es", "y", P))])
    data = tbx_bytes(glossary).replace(b"<term>x</term>", b"")
    warnings: list[str] = []
    read = parse_tbx(data, "g.tbx", warnings)
    assert [t.text for t in read.concept("c1").terms] == ["y"]
    assert len(warnings) == 1 and warnings[0].startswith("g.tbx:") and "no <term>" in warnings[0]


def test_unknown_status_is_kept_as_a_note_with_a_warning() -> None:
    data = tbx_bytes(Glossary([concept("c1", ("en", "x", P))])).replace(
        b"preferredTerm-admn-sts", b"provisionalTerm-admn-sts"
    )
    warnings: list[str] = []
    term = parse_tbx(data, "g.tbx", warnings).concept("c1").terms[0]
    assert "administrativeStatus: provisionalTerm-admn-sts" in term.note
    assert term.status is TermStatus.ADMITTED and "unknown status" in warnings[0]


def test_wrong_root_is_refused() -> None:
    with pytest.raises(FormatError, match="not a TBX file"):
        parse_tbx(b"<tmx version='1.4'/>")


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="a">'
        '<langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    ).encode()
    with pytest.raises(UnsafeInputError):
        parse_tbx(data)


def test_billion_laughs_is_refused() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY l0 "lol">{lol}]>'
        '<tbx><text><body><conceptEntry id="a"><langSec xml:lang="en"><termSec>'
        "<term>&l9;</term></termSec></langSec></conceptEntry></body></text></tbx>"
    ).encode()
    with pytest.raises(UnsafeInputError):
        parse_tbx(data)


def test_translate_toolkit_reads_our_v2() -> None:
    tbx = pytest.importorskip("translate.storage.tbx", reason="translate-toolkit is not installed")
    glossary = read_tbx(BUNDLED_GLOSSARY)
    store = tbx.tbxfile(tbx_bytes(glossary, 2))
    sources = [unit.source for unit in store.units]
    assert sources[:3] == [
        "information security",
        "international information security",
        "information and communication technology",
    ]
    assert len(store.units) == len(glossary)


# -- validity with the real validators ---------------------------------------------------------


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (Debian package {tool}); cannot validate TBX")
    return found


def _jing(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_need("jing"), str(RNG), str(path)], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def schematron(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TBX-Basic Schematron compiled to XSLT with the ISO skeleton shipped in lxml."""
    java = _need("java")
    if not SAXON.exists():
        pytest.skip(f"{SAXON} is missing (Debian libsaxonhe-java); cannot run the Schematron")
    import lxml

    skeleton = Path(lxml.__file__).parent / "isoschematron/resources/xsl/iso-schematron-xslt1"
    folder = tmp_path_factory.mktemp("sch")
    # The XSLT 1 skeleton refuses queryBinding="xslt2"; the rules only need Saxon's XPath 2
    # functions (matches()), which the compiled stylesheet gets when it runs under Saxon.
    schema = folder / "tbx.sch"
    schema.write_text(
        SCH.read_text(encoding="utf-8-sig").replace('queryBinding="xslt2"', 'queryBinding="xslt"'),
        encoding="utf-8",
    )
    compiled = folder / "tbx.xsl"
    subprocess.run(
        [
            java,
            "-cp",
            str(SAXON),
            "net.sf.saxon.Transform",
            f"-s:{schema}",
            f"-xsl:{skeleton / 'iso_svrl_for_xslt1.xsl'}",
            f"-o:{compiled}",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return compiled


def _schematron_failures(compiled: Path, path: Path) -> int:
    result = subprocess.run(
        [
            _need("java"),
            "-cp",
            str(SAXON),
            "net.sf.saxon.Transform",
            f"-s:{path}",
            f"-xsl:{compiled}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.count("failed-assert")


@pytest.fixture(scope="module")
def rich_glossary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A glossary using every field the writer emits, plus the bundled one."""
    bundled = read_tbx(BUNDLED_GLOSSARY)
    extra = Concept(
        "rich.concept-1",
        "astronomy",
        "A group of stars.",
        "concept note",
        (
            Term("open cluster", "en", TermStatus.PREFERRED, "noun", "fullForm", "a note"),
            Term("OC", "en", TermStatus.ADMITTED, "noun", "abbreviation"),
            Term("galactic cluster", "en", TermStatus.SUPERSEDED, "noun", "variant"),
            Term("cúmulo abierto", "es", TermStatus.DEPRECATED, "other", "phrase"),
        ),
    )
    path = tmp_path_factory.mktemp("tbx") / "rich.tbx"
    write_tbx(path, Glossary([*bundled.concepts, extra], "en", "rich & <varied>"))
    return path


def test_v3_output_is_valid_against_the_core_structure(rich_glossary_file: Path) -> None:
    result = _jing(rich_glossary_file)
    assert result.returncode == 0, result.stdout + result.stderr


def test_jing_rejects_a_broken_file(tmp_path: Path, rich_glossary_file: Path) -> None:
    broken = tmp_path / "broken.tbx"
    broken.write_bytes(
        rich_glossary_file.read_bytes().replace(b"<term>", b"<trm>").replace(b"</term>", b"</trm>")
    )
    assert _jing(broken).returncode != 0


def test_v3_output_passes_the_tbx_basic_schematron(
    schematron: Path, rich_glossary_file: Path
) -> None:
    assert _schematron_failures(schematron, rich_glossary_file) == 0


def test_schematron_catches_a_bad_status(schematron: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(BUNDLED_GLOSSARY.read_bytes().replace(b"preferredTerm-admn-sts", b"preferred"))
    assert _schematron_failures(schematron, bad) > 0


def test_bundled_glossary_is_made_from_the_starter_csv() -> None:
    from workbench.formats.glossary_csv import read_glossary_csv

    starter = read_glossary_csv(BUNDLED_GLOSSARY.parent / "glossary-starter.csv")
    assert read_tbx(BUNDLED_GLOSSARY).concepts == starter.concepts


def test_reads_what_translate_toolkit_writes(tmp_path: Path) -> None:
    # Its files name a DTD in a DOCTYPE; the DTD is never loaded, and the file is read.
    tbx = pytest.importorskip("translate.storage.tbx", reason="translate-toolkit is not installed")
    store = tbx.tbxfile()
    unit = store.addsourceunit("information security")
    unit.target = "seguridad de la información"
    path = tmp_path / "tt.tbx"
    path.write_bytes(bytes(store))
    assert b"<!DOCTYPE martif" in path.read_bytes()
    (concept_,) = read_tbx(path).concepts
    assert [(t.lang, t.text) for t in concept_.terms] == [
        ("en", "information security"),
        (concept_.terms[1].lang, "seguridad de la información"),
    ]
