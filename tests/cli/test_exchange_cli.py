"""`workbench export tmx|po` and `workbench import tmx|po` from the command line."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.formats.exchange_data import sample_text
from workbench.cli import main
from workbench.core.alignment import BeadStatus
from workbench.project.project import Project

DATE = "20260101T000000Z"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    Project.create_from_text(sample_text(), tmp_path / "proj", "sample")
    return tmp_path / "proj"


def test_export_tmx_writes_one_four_language_file(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.tmx"
    assert main(["export", "tmx", str(project), "-o", str(out), "--date", DATE]) == 0
    langs = {
        t.get("{http://www.w3.org/XML/1998/namespace}lang")
        for t in etree.parse(str(out)).iter("tuv")
    }
    assert langs == {"en-US", "es-ES", "ru-RU", "zh-CN"}
    assert "2 TUs (left out: 1 with a language lacking a counterpart)" in capsys.readouterr().out


def test_export_tmx_defaults_to_the_project_tmx_folder(project: Path) -> None:
    assert main(["export", "tmx", str(project), "--pairs", "--langs", "es,ru"]) == 0
    assert sorted(p.name for p in (project / "tmx").iterdir()) == [
        "sample-en-es.tmx",
        "sample-en-ru.tmx",
    ]


def test_export_tmx_pairs_pattern_and_codes(project: Path, tmp_path: Path) -> None:
    pattern = str(tmp_path / "out" / "tm-{lang}.tmx")
    args = ["export", "tmx", str(project), "--pairs", "-o", pattern, "--langs", "es"]
    code = main([*args, "--lang-codes", "en=en-GB,es=es-MX", "--only-confirmed"])
    assert code == 0
    tree = etree.parse(str(tmp_path / "out" / "tm-es.tmx"))
    assert tree.find("header").get("srclang") == "en-GB"  # type: ignore[union-attr]
    assert len(list(tree.iter("tu"))) == 3  # the auto bead is left out


def test_export_po_one_file_per_language(project: Path, tmp_path: Path) -> None:
    assert main(["export", "po", str(project), "-o", str(tmp_path / "po")]) == 0
    names = sorted(p.name for p in (tmp_path / "po").iterdir())
    assert names == ["en-es.po", "en-ru.po", "en-zh.po"]
    assert (
        polib.pofile(str(tmp_path / "po" / "en-ru.po")).metadata["Project-Id-Version"] == "sample"
    )


def test_import_tmx_makes_a_project_that_exports_the_same_bytes(
    project: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.tmx"
    assert main(["export", "tmx", str(project), "-o", str(first), "--date", DATE]) == 0
    assert main(["import", "tmx", str(first), "--into", str(tmp_path / "again")]) == 0
    reopened = Project.open(tmp_path / "again")
    assert reopened.text.target_langs == ["es", "ru", "zh"]
    second = tmp_path / "second.tmx"
    assert main(["export", "tmx", str(tmp_path / "again"), "-o", str(second), "--date", DATE]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_import_tmx_with_worker_processes_writes_the_same_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.formats import tmx_reader as tmx

    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 500)  # a piece per TU or two
    first = tmp_path / "first.tmx"
    assert main(["export", "tmx", str(project), "-o", str(first), "--date", DATE]) == 0
    made = {}
    for jobs in ("0", "2"):
        into = tmp_path / f"jobs{jobs}" / "imported"  # one name: the project is named after it
        assert main(["import", "tmx", str(first), "--into", str(into), "--jobs", jobs]) == 0
        made[jobs] = {
            str(p.relative_to(into)): p.read_bytes() for p in into.rglob("*") if p.is_file()
        }
    assert made["0"] == made["2"] and len(made["0"]) == 12  # manifest, 4 texts, 4 documents, 3 XCES


def test_import_po_makes_a_two_language_project(project: Path, tmp_path: Path) -> None:
    assert main(["export", "po", str(project), "-o", str(tmp_path / "po"), "--langs", "es"]) == 0
    target = tmp_path / "from-po"
    assert main(["import", "po", str(tmp_path / "po" / "en-es.po"), "--into", str(target)]) == 0
    text = Project.open(target).text
    assert list(text.documents) == ["en", "es"]
    statuses = [b.status for b in text.alignments["es"].beads]
    assert statuses.count(BeadStatus.AUTO) == 1


def test_import_into_an_existing_project_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.tmx"
    main(["export", "tmx", str(project), "-o", str(out)])
    assert main(["import", "tmx", str(out), "--into", str(project)]) == 1
    assert "already holds a project" in capsys.readouterr().err


def test_bad_lang_codes_are_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "tmx", str(project), "--lang-codes", "es"]) != 0
    assert "LANG=CODE" in capsys.readouterr().err


def test_unsafe_tmx_is_refused_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<tmx><header/><body><tu><tuv xml:lang='en'><seg>&x;</seg></tuv></tu></body></tmx>",
        "utf-8",
    )
    assert main(["import", "tmx", str(path), "--into", str(tmp_path / "p")]) == 1
    err = capsys.readouterr().err
    assert "refused for safety" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()
