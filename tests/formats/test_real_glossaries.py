"""Glossaries other tools wrote (tests/data/real/tbx, glossary): read, written, re-read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from workbench.cli import main
from workbench.core.errors import FormatError, UsageError
from workbench.formats.glossary_tab import parse_glossary_tab
from workbench.formats.tbx import tbx_bytes
from workbench.project.glossary import load_glossary
from workbench.terms.glossary import Glossary, TermStatus

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
RNG = Path(__file__).resolve().parents[1] / "data" / "standards" / "TBXcoreStructV03.rng"
TBX_FILES = sorted((REAL / "tbx").glob("*.tbx"))
XML_GLOSSARIES = [
    REAL / "glossary" / "tbxmin-min.tbx",
    REAL / "glossary" / "hsd-multiterm-Eigennamen.xml",
]


def load(name: str, warnings: list[str] | None = None, **kwargs: object) -> Glossary:
    return load_glossary(REAL / name, warnings=warnings, **kwargs)  # type: ignore[arg-type]


def concept_elements(data: bytes) -> int:
    names = {"termEntry", "conceptEntry", "conceptGrp"}
    root = etree.fromstring(data)
    return sum(
        1 for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in names
    )


@pytest.mark.parametrize("path", TBX_FILES, ids=lambda p: p.name)
def test_every_vendor_tbx_reads_and_keeps_every_concept_with_a_term(path: Path) -> None:
    glossary = load_glossary(path)
    assert len(glossary) == concept_elements(path.read_bytes())
    assert all(c.terms for c in glossary)


@pytest.mark.parametrize("path", [*TBX_FILES, *XML_GLOSSARIES], ids=lambda p: p.name)
def test_translate_toolkit_reads_every_concept_of_our_v2_export(path: Path) -> None:
    from translate.storage import tbx

    glossary = load_glossary(path)
    units = [u for u in tbx.tbxfile(tbx_bytes(glossary, 2)).units if u.source]
    assert len(units) == len(glossary)


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_jing_validates_the_v3_export_of_every_real_glossary(tmp_path: Path) -> None:
    written = []
    for path in [*TBX_FILES, *XML_GLOSSARIES]:
        out = tmp_path / f"{path.stem}.tbx"
        out.write_bytes(tbx_bytes(load_glossary(path), 3))
        written.append(str(out))
    done = subprocess.run(["jing", str(RNG), *written], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_empty_terms_are_skipped_with_warnings_naming_their_lines() -> None:
    warnings: list[str] = []
    glossary = load("tbx/okapi-sdl_tbx.tbx", warnings)
    assert [t.lang for t in glossary.concept("c7").terms] == ["en"]
    lines = (REAL / "tbx/okapi-sdl_tbx.tbx").read_text(encoding="utf-8").splitlines()
    empty = [w for w in warnings if "empty term" in w]
    assert len(empty) == sum(line.strip() == "<term/>" for line in lines) > 0
    for warning in empty:
        line = int(warning.split(":")[1])
        assert lines[line - 1].strip() == "<term/>"


def test_iso_12620_statuses_map_onto_tbx_basic() -> None:
    statuses = {t.text: t.status for c in load("tbx/okapi-oracle_TBX.tbx") for t in c.terms}
    raw = (REAL / "tbx/okapi-oracle_TBX.tbx").read_text(encoding="utf-8")
    assert "standardizedTerm-admn-sts" in raw
    assert TermStatus.PREFERRED in statuses.values()


def test_weblate_obsolete_is_deprecated() -> None:
    glossary = load("tbx/weblate-fr-extended-metadata.tbx")
    assert {t.status for t in glossary.concept("e001").terms} == {TermStatus.DEPRECATED}
    assert "Translation needed: Yes" in glossary.concept("e001").note


def test_a_part_of_speech_outside_the_picklist_is_kept_as_a_note() -> None:
    terms = [t for c in load("tbx/okapi-ibm_tbx.tbx") for t in c.terms]
    nom = [t for t in terms if "partOfSpeech: nom" in t.note]
    assert nom and all(t.part_of_speech == "" for t in nom)


def test_a_term_type_outside_the_picklist_is_kept_as_a_note() -> None:
    terms = [t for c in load("tbx/okapi-maryland.tbx") for t in c.terms]
    assert any("termType: entryTerm" in t.note for t in terms)


def test_go_tm_utf16_tbx_keeps_its_numeric_ids_until_written() -> None:
    glossary = load("tbx/go-tm-v2.0.tbx")
    assert [c.id for c in glossary] == ["1905"]
    assert {t.lang for t in glossary.concept("1905").terms} == {"en-US", "ja-JP"}
    assert b'id="c1905"' in tbx_bytes(glossary, 3)


def test_xml_that_is_not_a_glossary_is_refused() -> None:
    with pytest.raises(FormatError, match="not a TBX file"):
        load("tmx/lisa-ImportTest1A.tmx")


def test_tbx_min_terms_statuses_and_notes() -> None:
    glossary = load("glossary/tbxmin-min.tbx")
    assert [c.id for c in glossary] == ["C002", "c008", "C007"]
    hound = next(t for t in glossary.concept("C002").terms if t.text == "hound")
    assert hound.status is TermStatus.DEPRECATED and hound.part_of_speech == "noun"
    assert "usage: however bloodhound" in hound.note and "customer: SAP" in hound.note
    assert glossary.source_lang == "de"


def test_multiterm_xml_export_reads_every_concept_in_both_languages() -> None:
    glossary = load("glossary/hsd-multiterm-Eigennamen.xml")
    assert len(glossary) == 546
    assert glossary.langs == ["de", "en"]
    first = glossary.concepts[0]
    assert (
        first.id == "5"
        and first.terms[1].text == "German Federal Ministry of Education and Research"
    )


def test_omegat_tsv_with_a_comment_column() -> None:
    glossary = load("glossary/omegat-test.tab", langs=("en", "fr"))
    assert [(c.terms[0].text, c.terms[1].text, c.note) for c in glossary][2] == (
        "地球システム",
        "System Terre",
        "https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre",
    )
    assert {t.lang for c in glossary for t in c.terms} == {"en", "fr"}


def test_omegat_tsv_with_bom_and_only_a_magic_comment_is_empty() -> None:
    assert len(load("glossary/omegat-test-magiccomment-bom.tab", langs=("en", "fr"))) == 0


def test_omegat_utf16le_glossary() -> None:
    glossary = load("glossary/omegat-testUTF16LE.txt", langs=("en", "fr"))
    assert [(c.terms[0].text, c.terms[1].text, c.note) for c in glossary] == [
        ("UTF", "Unicode Transformation Format", "Comment #1"),
        ("LE", "Little Endian", "Comment #2"),
    ]


def test_omegat_csv_glossary_keeps_quoted_commas() -> None:
    glossary = load("glossary/omegat-test.csv", langs=("en", "fr"))
    assert [c.terms[0].text for c in glossary][3:5] == ["kde, qu", '"kde","q"']


def test_weblate_multivalue_csv_is_one_concept_per_context_with_synonyms() -> None:
    glossary = load("glossary/weblate-fr-multi.csv", langs=("en", "fr"))
    assert [
        (c.note, [t.text for t in c.terms if t.lang == "en"], len(c.terms)) for c in glossary
    ] == [
        ("context: 22298006", ["Myocardial infarction (disorder)"], 4),
        ("context: 271681002", ["Stomach ache (finding)"], 3),
    ]
    assert [t.text for t in glossary.concepts[0].terms if t.lang == "fr"] == [
        "Infarctus myocardique",
        "Infarctus du myocarde",
        "Infarctus cardiaque",
    ]


def test_weblate_csv_columns_are_found_by_their_header_names() -> None:
    text = (
        '"location","source","target","id","fuzzy","context","translator_comments",'
        '"developer_comments"\r\n'
        '"po/x.c:3","Save","Enregistrer","","False","menu","short","a verb"\r\n'
    )
    glossary = parse_glossary_tab(text, "x.csv", ",", ("en", "fr"))
    [concept] = glossary.concepts
    assert [(t.text, t.lang) for t in concept.terms] == [("Save", "en"), ("Enregistrer", "fr")]
    assert concept.note.split("\n") == ["context: menu", "short", "a verb"]


def test_weblate_three_column_csv_with_crlf_lines() -> None:
    warnings: list[str] = []
    glossary = load("glossary/weblate-en-3col.csv", warnings, langs=("en", "cs"))
    assert [(c.terms[0].text, c.terms[1].text) for c in glossary] == [
        ("test003_1", "q123"),
        ("test003_2", "q234"),
        ("test003_3", "qwe12"),
    ]
    assert warnings == []


def test_a_two_column_glossary_needs_its_languages() -> None:
    with pytest.raises(UsageError, match="--langs"):
        load("glossary/omegat-test.tab")


def test_glossary_import_prints_the_skipped_terms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["glossary", "import", str(REAL / "tbx/okapi-sdl_tbx.tbx"), "-o", str(tmp_path / "g.tbx")]
    )
    assert code == 0
    text = (REAL / "tbx/okapi-sdl_tbx.tbx").read_text(encoding="utf-8")
    assert capsys.readouterr().err.count("empty term skipped") == text.count("<term/>")


def test_check_terms_with_a_glossary_of_other_languages_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check-terms", "--glossary", str(REAL / "tbx/weblate-cs.tbx")])
    err = capsys.readouterr().err
    assert code == 1
    assert "none in the target language(s)" in err and "cs" in err
