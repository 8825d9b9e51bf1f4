"""Writing a reviewed XLIFF project back into the CAT tool's own file, tested on real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.core.alignment import Alignment, Bead, BeadStatus
from workbench.core.document import Document
from workbench.core.inline import code_count, codes, encode, visible
from workbench.formats.xliff_reader import NS_MQ, NS_SDL, XliffUnit, read_xliff
from workbench.project.xliff_exchange import import_xliff
from workbench.project.xliff_writeback import plan, write_back

ROOT = Path(__file__).parents[2]
REAL = ROOT / "tests" / "data" / "real" / "xliff"
STANDARDS = ROOT / "resources" / "standards" / "xliff"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# Files an import refuses (no target language, two language pairs): nothing to write back.
NOT_IMPORTED = {
    "PAS-10-Test01.xlf",
    "Xslt-Test01.xlf",
    "ndb-core-messages.de.xlf",
    "matecat-file-with-emoji.xliff",
}
FILES = sorted(
    p
    for p in REAL.iterdir()
    if p.suffix in {".xlf", ".xliff", ".sdlxliff"} and p.name not in NOT_IMPORTED
)
# The attributes a write-back may change on a unit: its review state.
STATE_ATTRIBUTES = {"approved", f"{{{NS_MQ}}}status"}


def _alignment(path: Path) -> Alignment:
    (alignment,) = import_xliff(path).text.alignments.values()
    return alignment


def _shape(element: etree._Element) -> tuple[object, ...]:
    """Everything of an element a CAT tool reads: tag, attributes, texts, children, in order."""
    return (
        element.tag,
        dict(element.attrib),
        element.text,
        element.tail,
        [_shape(child) for child in element],
    )


def _tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), _PARSER)


def _schema_errors(path: Path) -> set[str]:
    tree = _tree(path)
    version = tree.getroot().get("version", "")
    name = "xliff_core_2.0.xsd" if version.startswith("2") else "xliff-core-1.2-strict.xsd"
    schema = etree.XMLSchema(etree.parse(str(STANDARDS / name), _PARSER))
    schema.validate(tree)
    return {error.message for error in schema.error_log}


def _sources_as_targets(alignment: Alignment, status: BeadStatus) -> Alignment:
    """Every source segment translated by itself (with its codes), in one-to-one beads."""
    source = alignment.source
    target = Document(alignment.target.lang, source.paragraphs, alignment.target.name)
    beads = [Bead((i,), (i,), status, 1.0) for i in range(len(source))]
    return Alignment(source, target, beads)


def _translated_segments(units: list[XliffUnit]) -> list[tuple[str, str | None, bool]]:
    return [
        (segment.source, segment.target, segment.is_confirmed)
        for unit in units
        if unit.translate
        for segment in unit.segments
        if visible(segment.source).strip()
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_an_unchanged_project_writes_the_file_back_as_it_was(tmp_path: Path, path: Path) -> None:
    out = tmp_path / path.name
    result = write_back(out, _alignment(path), path)
    assert result.problem == ""
    assert result.changed_segments == 0
    assert _shape(_tree(out).getroot()) == _shape(_tree(path).getroot())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_target_written_back_keeps_units_attributes_and_codes(
    tmp_path: Path, path: Path
) -> None:
    alignment = _sources_as_targets(_alignment(path), BeadStatus.CONFIRMED)
    out = tmp_path / path.name
    result = write_back(out, alignment, path)
    assert result.problem == ""
    _, before = read_xliff(path)
    _, after = read_xliff(out)
    assert [u.id for u in after] == [u.id for u in before]
    for old, new in zip(before, after, strict=True):
        kept = {k: v for k, v in old.props if k not in {"x-approved", "x-mq-status", "x-state"}}
        assert {k: v for k, v in new.props if k in kept} == kept
        assert new.notes == old.notes
    segments = _translated_segments(after)
    assert segments and all(
        target == source and confirmed for source, target, confirmed in segments
    )
    targets = [target or "" for _, target, _ in segments]
    assert code_count(targets) == code_count([source for source, _, _ in segments])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_written_back_file_has_no_schema_error_the_original_lacks(
    tmp_path: Path, path: Path
) -> None:
    alignment = _sources_as_targets(_alignment(path), BeadStatus.AUTO)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    assert _schema_errors(out) <= _schema_errors(path)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_translate_toolkit_reads_every_written_back_target(tmp_path: Path, path: Path) -> None:
    pytest.importorskip("translate.storage.xliff")
    from translate.storage import xliff, xliff2

    alignment = _sources_as_targets(_alignment(path), BeadStatus.CONFIRMED)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    is_20 = _tree(path).getroot().get("version", "").startswith("2")
    kind = xliff2.Xliff2File if is_20 else xliff.xlifffile
    before = kind.parsefile(str(path))
    after = kind.parsefile(str(out))
    assert len(after.units) == len(before.units)
    assert sum(1 for u in after.units if u.target) >= sum(1 for u in before.units if u.target)


def test_sdlxliff_segments_get_trados_confirmation_levels(tmp_path: Path) -> None:
    path = REAL / "TS09-12-Test01.xlf"
    imported = _alignment(path)
    alignment = _sources_as_targets(imported, BeadStatus.AUTO)
    alignment.beads[0] = Bead((0,), (0,), BeadStatus.CONFIRMED, 1.0)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    confs = [seg.get("conf") for seg in _tree(out).iter(f"{{{NS_SDL}}}seg")]
    assert confs[0] == "ApprovedTranslation"
    assert set(confs[1:]) == {"Translated"}
    _, units = read_xliff(out)
    confirmed = [is_confirmed for _, _, is_confirmed in _translated_segments(units)]
    assert confirmed[0] and not any(confirmed[1:])


def test_sdlxliff_keeps_what_trados_wrote_beside_the_conf(tmp_path: Path) -> None:
    path = REAL / "TS09-12-Test01.xlf"
    alignment = _sources_as_targets(_alignment(path), BeadStatus.CONFIRMED)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    q = f"{{{NS_SDL}}}"
    before = {s.get("id"): s for s in _tree(path).iter(f"{q}seg")}
    for seg in _tree(out).iter(f"{q}seg"):
        old = before[seg.get("id")]
        assert {k: v for k, v in seg.attrib.items() if k != "conf"} == {
            k: v for k, v in old.attrib.items() if k != "conf"
        }
        assert [_shape(child) for child in seg] == [_shape(child) for child in old]


def test_mqxliff_status_follows_the_bead(tmp_path: Path) -> None:
    path = REAL / "MQ-12-Test01.xlf"
    alignment = _sources_as_targets(_alignment(path), BeadStatus.AUTO)
    alignment.beads[1] = Bead((1,), (1,), BeadStatus.CONFIRMED, 1.0)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    statuses = [u.get(f"{{{NS_MQ}}}status") for u in _tree(out).iter("{*}trans-unit")]
    assert statuses[0] == "PartiallyEdited"
    assert statuses[1] == "ManuallyConfirmed"


def test_xliff_20_state_follows_the_bead_and_drops_a_stale_substate(tmp_path: Path) -> None:
    path = REAL / "matecat-uber-v2.xliff"
    alignment = _sources_as_targets(_alignment(path), BeadStatus.AUTO)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    segments = list(_tree(out).iter("{*}segment"))
    assert {s.get("state") for s in segments} == {"translated"}
    assert all(s.get("subState") is None for s in segments)


def test_codes_are_written_as_the_files_own_elements(tmp_path: Path) -> None:
    path = REAL / "okapi-docxtest.docx.xlf"
    alignment = _sources_as_targets(_alignment(path), BeadStatus.AUTO)
    out = tmp_path / path.name
    write_back(out, alignment, path)
    for unit in _tree(out).iter("{*}trans-unit"):
        source, target = unit.find("{*}source"), unit.find("{*}target")
        if source is None or target is None:
            continue
        in_source = [(e.tag, dict(e.attrib)) for e in source.iter() if e is not source]
        in_target = [(e.tag, dict(e.attrib)) for e in target.iter() if e is not target]
        if visible("".join(source.itertext())).strip():
            assert in_target == in_source


def test_a_merged_bead_fills_its_first_segment_and_empties_the_next(tmp_path: Path) -> None:
    path = REAL / "matecat-piazza.sdlxliff"
    imported = _sources_as_targets(_alignment(path), BeadStatus.AUTO)
    texts = imported.target.texts
    beads = list(imported.beads)
    first, second = beads[0], beads[1]
    merged = Bead(first.source + second.source, first.target + second.target)
    alignment = Alignment(imported.source, imported.target, [merged, *beads[2:]])
    out = tmp_path / path.name
    result = write_back(out, alignment, path)
    assert result.merged_segments == 1
    _, units = read_xliff(out)
    segments = units[0].segments
    assert visible(segments[0].target or "") == visible(f"{texts[0]} {texts[1]}")
    assert visible(segments[1].target or "") == ""


def test_crossing_paired_codes_become_isolated_ones_and_stay_valid(tmp_path: Path) -> None:
    source = tmp_path / "crossing.xlf"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a.html" source-language="en" target-language="de" datatype="html">'
        '<body>\n<trans-unit id="1"><source>A <g id="1">bold</g> and <g id="2">italic</g>'
        " word</source></trans-unit>\n</body></file></xliff>\n",
        encoding="utf-8",
    )
    imported = _alignment(source)
    spans = codes(imported.source.texts[0])
    one_open, one_close, two_open, two_close = (encode(c) for c in spans)
    crossing = f"Ein {one_open}fettes {two_open}und{one_close} kursives{two_close} Wort"
    target = Document("de", [[crossing]], "crossing.xlf")
    alignment = Alignment(imported.source, target, [Bead((0,), (0,))])
    out = tmp_path / "out.xlf"
    write_back(out, alignment, source)
    assert _schema_errors(out) == set()
    _, units = read_xliff(out)
    written = units[0].segments[0].target or ""
    assert code_count([written]) == 4
    assert visible(written) == visible(crossing)


def test_an_edited_source_does_not_fit_the_file(tmp_path: Path) -> None:
    path = REAL / "SF-12-Test02.xlf"
    imported = _alignment(path)
    paragraphs = [list(p) for p in imported.source.paragraphs]
    paragraphs[3][0] = paragraphs[3][0] + " (edited)"
    source = Document(imported.source.lang, paragraphs, imported.source.name)
    alignment = Alignment(source, imported.target, list(imported.beads))
    result = plan(alignment, path)
    assert "no longer has the same source segments" in result.problem
    assert result.updates == {}
