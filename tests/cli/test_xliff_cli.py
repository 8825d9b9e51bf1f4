"""`workbench import xliff`, `export xliff`, and inline codes through a project to TMX and XLIFF."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.formats.exchange_data import sample_text
from workbench.cli import main
from workbench.core.alignment import Bead, BeadStatus
from workbench.core.inline import code_count, codes, plain, visible
from workbench.core.langs import join_segments
from workbench.formats.tmx_inline import tmx_form
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.xliff_reader import read_xliff
from workbench.project.project import Project

ROOT = Path(__file__).parents[2]
REAL = ROOT / "tests" / "data" / "real"
STANDARDS = ROOT / "resources" / "standards"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _xsd(version: str) -> etree.XMLSchema:
    name = "xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff_core_2.0.xsd"
    return etree.XMLSchema(etree.parse(str(STANDARDS / "xliff" / name), _PARSER))


def _codes_in_xliff(path: Path) -> int:
    _, units = read_xliff(path)
    segments = [seg for unit in units for seg in unit.segments]
    return code_count([s.source for s in segments]) + code_count([s.target or "" for s in segments])


def _project_codes(folder: Path) -> int:
    text = Project.open(folder).text
    return sum(code_count(doc.texts) for doc in text.documents.values())


def test_import_xliff_then_export_keeps_every_inline_code(tmp_path: Path) -> None:
    source = REAL / "xliff" / "okapi-docxtest.docx.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    codes_in = _project_codes(folder)
    assert codes_in > 100
    for version in ("1.2", "2.0"):
        out = tmp_path / f"out-{version}"
        args = ["export", "xliff", str(folder), "-o", str(out), "--xliff-version", version]
        assert main(args) == 0
        (written,) = sorted(out.iterdir())
        _xsd(version).assertValid(etree.parse(str(written), _PARSER))
        assert _codes_in_xliff(written) == codes_in


def test_codes_from_xliff_go_out_as_tmx_inline_elements(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    source = REAL / "xliff" / "okapi-docxtest.docx.xlf"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    out = tmp_path / "tm"
    assert main(["export", "tmx", str(folder), "--pairs", "-o", str(out)]) == 0
    (tmx,) = sorted(out.iterdir())
    dtd = etree.DTD(str(STANDARDS / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(tmx), _PARSER)), dtd.error_log
    units = list(TmxReader(tmx, {}))
    texts = [s for unit in units for v in unit.variants for s in v.segments]
    assert code_count(texts) == _project_codes(folder)
    from translate.storage import tmx as tt_tmx

    assert len(tt_tmx.tmxfile.parsefile(str(tmx)).units) == len(units)


@pytest.mark.parametrize(
    "name", ["lisa-ImportTest2A.tmx", "lisa-ImportTest2C.tmx", "omegat-test-level2.tmx"]
)
def test_a_tagged_tmx_keeps_its_codes_through_a_project(tmp_path: Path, name: str) -> None:
    source = REAL / "tmx" / name
    original = Counter(
        tmx_form(s) for u in TmxReader(source, {}) for v in u.variants for s in v.segments
    )
    assert code_count(list(original)) > 0
    folder = tmp_path / "proj"
    assert main(["import", "tmx", str(source), "--into", str(folder)]) == 0
    assert _project_codes(folder) > 0
    out = tmp_path / "tm"
    assert main(["export", "tmx", str(folder), "--pairs", "-o", str(out)]) == 0
    dtd = etree.DTD(str(STANDARDS / "tmx14.dtd"))
    exported: Counter[str] = Counter()
    for path in sorted(out.iterdir()):
        assert dtd.validate(etree.parse(str(path), _PARSER)), dtd.error_log
        exported.update(s for u in TmxReader(path, {}) for v in u.variants for s in v.segments)
    # Every exported segment, codes and all, is one the memory had: nothing glued or lost.
    # (Sets: with en-GB kept apart, the English source is in two pair files.)
    assert not set(exported) - set(original)
    assert code_count(list(exported.elements())) > 0


def test_import_xliff_reads_review_states_as_bead_status(tmp_path: Path) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"  # Swordfish: approved="yes" on 90 units
    _, units = read_xliff(source)
    approved = sum(
        seg.is_confirmed for unit in units for seg in unit.segments if visible(seg.source).strip()
    )
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    text = Project.open(folder).text
    (alignment,) = text.alignments.values()
    confirmed = sum(b.status is BeadStatus.CONFIRMED for b in alignment.beads)
    assert confirmed == approved > 0


def test_import_xliff_pivot_can_be_the_target_side(tmp_path: Path) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder), "--pivot", "es"]) == 0
    text = Project.open(folder).text
    assert text.pivot == "es"
    assert list(text.alignments) == ["en"]


def test_import_xliff_pivot_outside_the_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder), "--pivot", "de"]) == 2
    assert "--pivot de" in capsys.readouterr().err
    assert not folder.exists()


def test_import_xliff_keeps_regional_tags(tmp_path: Path) -> None:
    source = REAL / "xliff" / "matecat-size-restriction.xliff"  # en-us -> zh-hk
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    text = Project.open(folder).text
    assert text.pivot == "en-US"
    assert list(text.alignments) == ["zh-HK"]


def test_a_file_with_two_language_pairs_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    source = REAL / "xliff" / "matecat-file-with-emoji.xliff"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "language pair" in err and "Traceback" not in err
    assert not folder.exists()


def test_export_xliff_only_confirmed_and_langs(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    Project.create_from_text(sample_text(), folder, "sample")
    text = Project.open(folder).text
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out), "--langs", "es"]) == 0
    (path,) = sorted(out.iterdir())
    assert path.name == f"sample.{text.pivot}-es.xlf"
    _xsd("1.2").assertValid(etree.parse(str(path), _PARSER))
    paired = [b for b in text.alignments["es"].beads if b.source and b.target]
    _, units = read_xliff(path)
    assert len(units) == len(paired)
    confirmed = [b for b in paired if b.is_confirmed]
    out2 = tmp_path / "out2"
    args = ["export", "xliff", str(folder), "-o", str(out2), "--langs", "es", "--only-confirmed"]
    if not confirmed:
        assert main(args) == 1  # nothing to write
        return
    assert main(args) == 0
    _, units = read_xliff(next(out2.iterdir()))
    assert len(units) == len(confirmed)
    assert all(seg.is_confirmed for unit in units for seg in unit.segments)


def test_export_xliff_with_a_language_the_project_lacks_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    Project.create_from_text(sample_text(), folder, "sample")
    assert main(["export", "xliff", str(folder), "-o", str(tmp_path / "o"), "--langs", "fr"]) == 2
    assert "no aligned language matches fr" in capsys.readouterr().err


def test_po_export_gives_codes_as_the_plain_text_gettext_users_expect(tmp_path: Path) -> None:
    source = REAL / "xliff" / "ndb-core-messages.de.xlf"  # Angular: <x id=... equiv-text=...>
    folder = tmp_path / "proj"
    # Angular writes no target-language: the command says so, and takes --target-lang.
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 2
    assert not folder.exists()
    args = ["import", "xliff", str(source), "--into", str(folder), "--target-lang", "de"]
    assert main(args) == 0
    out = tmp_path / "po"
    assert main(["export", "po", str(folder), "-o", str(out)]) == 0
    (po_file,) = sorted(out.iterdir())
    text = po_file.read_text("utf-8")
    assert "\ue000" not in text and "\ue001" not in text
    assert "{{" in text  # interpolations written as Angular shows them (equiv-text)
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt is not installed (Debian package gettext)")
    result = subprocess.run(
        [msgfmt, "--check", "-o", os.devnull, str(po_file)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def _edit_target(folder: Path, index: int, text: str) -> None:
    """Change the index-th target segment of the project at `folder` and save it."""
    project = Project.open(folder)
    (alignment,) = project.text.alignments.values()
    paragraphs = [list(p) for p in alignment.target.paragraphs]
    position = 0
    for paragraph in paragraphs:
        if index < position + len(paragraph):
            paragraph[index - position] = text
            break
        position += len(paragraph)
    alignment.target.replace_paragraphs([tuple(p) for p in paragraphs])
    project.save()


def test_export_xliff_writes_an_imported_file_back_with_the_edited_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    _edit_target(folder, 3, "Texto revisado")
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out)]) == 0
    assert "1 segments filled or changed" in capsys.readouterr().out
    written = out / source.name
    _xsd("1.2").assertValid(etree.parse(str(written), _PARSER))
    _, before = read_xliff(source)
    _, after = read_xliff(written)
    changed = [
        (old.id, new.segments[0].target)
        for old, new in zip(before, after, strict=True)
        if old.segments != new.segments
    ]
    assert [target for _, target in changed] == ["Texto revisado"]
    assert [(u.id, u.props, u.notes) for u in after] == [(u.id, u.props, u.notes) for u in before]


def test_export_xliff_new_file_writes_a_new_bilingual_file(tmp_path: Path) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out), "--new-file"]) == 0
    (written,) = sorted(out.iterdir())
    assert written.name != source.name
    header, _ = read_xliff(written)
    assert written.name == f"proj.{header.source_lang}-{header.target_lang}.xlf"
    assert b'tool-id="workbench"' in written.read_bytes()


def test_export_xliff_with_an_edited_source_warns_and_writes_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = REAL / "xliff" / "SF-12-Test02.xlf"
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    project = Project.open(folder)
    paragraphs = [list(p) for p in project.text.documents[project.text.pivot].paragraphs]
    paragraphs[0][0] += " (edited)"
    project.text.documents[project.text.pivot].replace_paragraphs([tuple(p) for p in paragraphs])
    project.save()
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out)]) == 0
    assert "a new XLIFF file is written instead" in capsys.readouterr().err
    (written,) = sorted(out.iterdir())
    assert written.name != source.name


def test_export_xliff_into_a_file_that_does_not_fit_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    assert (
        main(["import", "xliff", str(REAL / "xliff" / "SF-12-Test02.xlf"), "--into", str(folder)])
        == 0
    )
    other = REAL / "xliff" / "omegatPack-test01.properties.xlf"
    args = ["export", "xliff", str(folder), "-o", str(tmp_path / "o"), "--into", str(other)]
    assert main(args) == 2
    assert "does not fit" in capsys.readouterr().err


def test_export_xliff_into_the_client_file_fills_an_empty_target(tmp_path: Path) -> None:
    source = REAL / "xliff" / "TS09-12-Test01.xlf"  # Trados: segment 2 not translated yet
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    (origin,) = (folder / "origin").rglob("*.xlf")
    assert origin.read_bytes() == source.read_bytes()
    _translate_second_segment(folder, "Einen Standort für Ihren Fotodrucker finden")
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out), "--into", str(source)]) == 0
    _, units = read_xliff(out / source.name)
    (segment,) = [s for u in units for s in u.segments if s.source.startswith("Finding a")]
    assert segment.target == "Einen Standort für Ihren Fotodrucker finden"
    assert segment.state == "Translated"


def _translate_second_segment(folder: Path, text: str) -> None:
    """Give the second source segment (a 1-0 bead) a new target segment after the first."""
    project = Project.open(folder)
    (alignment,) = project.text.alignments.values()
    assert alignment.beads[1].target == ()
    paragraphs = [list(p) for p in alignment.target.paragraphs]
    paragraphs.insert(1, [text])
    alignment.target.replace_paragraphs([tuple(p) for p in paragraphs])
    beads = [
        Bead(b.source, tuple(i + 1 if i >= 1 else i for i in b.target), b.status, b.confidence)
        for b in alignment.beads
    ]
    beads[1] = Bead((1,), (1,), BeadStatus.AUTO, 1.0)
    alignment.beads[:] = beads
    project.save()


def test_a_project_from_a_file_with_no_translation_yet_opens_and_writes_back(
    tmp_path: Path,
) -> None:
    source = REAL / "xliff" / "MQ-12-Test01.xlf"  # memoQ: every target empty, NotStarted
    folder = tmp_path / "proj"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    (alignment,) = Project.open(folder).text.alignments.values()
    assert len(alignment.target) == 0
    assert alignment.beads and all(not b.target for b in alignment.beads)
    out = tmp_path / "out"
    assert main(["export", "xliff", str(folder), "-o", str(out)]) == 0
    assert (out / source.name).read_bytes().count(b"<trans-unit") == 119


@pytest.mark.parametrize(
    ("kind", "name"),
    [("xliff", "xliff/okapi-docxtest.docx.xlf"), ("tmx", "tmx/omegat-test-level2.tmx")],
)
def test_imported_plain_texts_read_as_text_without_codes(
    tmp_path: Path, kind: str, name: str
) -> None:
    source = REAL / name
    folder = tmp_path / "proj"
    assert main(["import", kind, str(source), "--into", str(folder)]) == 0
    project = Project.open(folder)
    for lang, document in project.text.documents.items():
        written = (folder / "texts" / f"{lang}.txt").read_text(encoding="utf-8")
        assert "\ue000" not in written and "\ue001" not in written
        expected = [
            join_segments(lang, [plain(s) for s in paragraph]) for paragraph in document.paragraphs
        ]
        assert written.split("\n")[: len(expected)] == expected
    assert code_count(project.text.documents[project.text.pivot].texts) > 0


def test_export_tmx_for_omegat_writes_every_code_as_an_omegat_shortcut(tmp_path: Path) -> None:
    import re

    folder = tmp_path / "proj"
    source = REAL / "xliff" / "okapi-docxtest.docx.xlf"
    assert main(["import", "xliff", str(source), "--into", str(folder)]) == 0
    out = tmp_path / "omegat.tmx"
    assert main(["export", "tmx", str(folder), "-o", str(out), "--for-omegat"]) == 0
    header = etree.parse(str(out), _PARSER).getroot().find("header")
    assert header is not None and header.get("creationtool") == "OmegaT"
    shortcut = re.compile(r"</?[a-z]\d+/?>")
    found = [c.native for unit in TmxReader(out) for v in unit.variants for c in codes(v.text)]
    assert found and all(shortcut.fullmatch(native) for native in found)
