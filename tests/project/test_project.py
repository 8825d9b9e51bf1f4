"""Projects: manifest, save and reopen, broken files, interrupted saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.factories import one_to_one, snapshot
from workbench.core import atomic, edits
from workbench.core.errors import FormatError, ProjectError
from workbench.core.history import History
from workbench.project.manifest import MANIFEST, Manifest, find_project
from workbench.project.project import Project
from workbench.resources import data_root


def make_project(root: Path) -> Project:
    text = one_to_one("es")
    manifest = Manifest(
        name="demo",
        pivot="en",
        documents={"en": Path("texts/en.txt"), "es": Path("texts/es.txt")},
        alignments_dir=Path("alignments/demo"),
        glossary=Path("glossary.tbx"),
    )
    project = Project(root, manifest, text)
    project.save()
    return project


def test_save_then_open_gives_the_same_text(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    History(project.text).do(edits.merge_next(project.text, "es", 0))
    project.save()
    reopened = Project.open(tmp_path)
    assert snapshot(reopened.text) == snapshot(project.text)
    assert reopened.manifest == project.manifest
    assert reopened.glossary_path == tmp_path / "glossary.tbx"


def test_stored_files_are_where_the_manifest_says(tmp_path: Path) -> None:
    make_project(tmp_path)
    stored = sorted(p.name for p in (tmp_path / "alignments" / "demo").iterdir())
    assert stored == ["en-es.xml", "en.xml", "es.xml"]


def test_folder_without_manifest_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="not a workbench project"):
        Project.open(tmp_path)


def test_manifest_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    make_project(tmp_path)
    manifest = tmp_path / MANIFEST
    lines = manifest.read_text().splitlines()
    lines[2] = 'pivot = "en'
    manifest.write_text("\n".join(lines))
    with pytest.raises(FormatError) as caught:
        Project.open(tmp_path)
    assert caught.value.path == str(manifest)
    assert caught.value.line == 3


def test_manifest_pivot_without_document_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path)
    manifest = tmp_path / MANIFEST
    manifest.write_text(manifest.read_text().replace('pivot = "en"', 'pivot = "fr"'))
    with pytest.raises(FormatError, match="pivot"):
        Project.open(tmp_path)


def test_hand_broken_alignment_names_file_and_line(tmp_path: Path) -> None:
    make_project(tmp_path)
    path = tmp_path / "alignments" / "demo" / "en-es.xml"
    text = path.read_text().replace('xtargets="1:2;1:2"', 'xtargets="1:2;9:9"')
    path.write_text(text)
    with pytest.raises(FormatError) as caught:
        Project.open(tmp_path)
    assert caught.value.path == str(path)
    assert caught.value.line == 5
    assert "9:9" in str(caught.value)


def test_truncated_document_is_a_format_error(tmp_path: Path) -> None:
    make_project(tmp_path)
    path = tmp_path / "alignments" / "demo" / "es.xml"
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(FormatError, match="malformed XML"):
        Project.open(tmp_path)


def test_crash_during_save_leaves_the_old_files_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path)
    stored = tmp_path / "alignments" / "demo"
    before = {p.name: p.read_bytes() for p in stored.iterdir()}
    History(project.text).do(edits.merge_next(project.text, "es", 0))
    real_fsync = atomic.os.fsync
    calls = {"n": 0}

    def crash_on_third(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk vanished")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", crash_on_third)
    with pytest.raises(OSError, match="disk vanished"):
        project.save()
    after = {p.name: p.read_bytes() for p in stored.iterdir()}
    assert after == before  # nothing replaced, no temporary file left behind
    assert not Project.open(tmp_path).text.alignments["es"].beads[0].is_confirmed


def test_find_project_prefers_an_explicit_folder(tmp_path: Path) -> None:
    make_project(tmp_path)
    assert find_project(tmp_path) == tmp_path
    assert find_project(tmp_path / MANIFEST) == tmp_path


def test_bundled_project_manifest_reads() -> None:
    root = Path(__file__).resolve().parents[2]
    manifest = Manifest.read(root / MANIFEST)
    assert manifest.pivot == "en"
    assert set(manifest.documents) == {"en", "es", "ru", "zh"}
    for path in manifest.documents.values():
        assert (root / path).is_file()


def test_saved_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        make_project(tmp_path)
    finally:
        os.umask(umask)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "alignments" / "demo").iterdir()}
    assert set(modes.values()) == {0o644}
    assert (tmp_path / MANIFEST).stat().st_mode & 0o777 == 0o644


def test_saving_keeps_the_permissions_of_the_replaced_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    path = tmp_path / "alignments" / "demo" / "en-es.xml"
    path.chmod(0o640)
    project.save()
    assert path.stat().st_mode & 0o777 == 0o640


def test_bundled_project_is_byte_identical_after_open_and_save(tmp_path: Path) -> None:
    bundled = Project.open(data_root())
    copy = Project(tmp_path, bundled.manifest, bundled.text)
    copy.save()
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert Path(MANIFEST) in written and len(written) == 1 + 4 + 3  # manifest, documents, pairs
    for relative in written:
        original = data_root() / relative
        assert (tmp_path / relative).read_bytes() == original.read_bytes(), relative


def test_an_imported_text_is_saved_as_plain_texts_documents_and_pairs(tmp_path: Path) -> None:
    bundled = Project.open(data_root())
    made = Project.create_from_text(bundled.text, tmp_path / "copy", "copy")
    reopened = Project.open(made.root)
    assert reopened.text.alignments["zh"].beads == bundled.text.alignments["zh"].beads
    assert reopened.text.documents["ru"].paragraphs == bundled.text.documents["ru"].paragraphs
    assert sorted(str(p) for p in reopened.manifest.documents.values()) == [
        f"texts/{lang}.txt" for lang in ("en", "es", "ru", "zh")
    ]
    with pytest.raises(ProjectError):
        Project.create_from_text(bundled.text, tmp_path / "copy")


def test_the_reading_options_survive_the_manifest_round_trip(tmp_path: Path) -> None:
    from workbench.formats.furniture import ReadingOptions
    from workbench.project.manifest import Manifest

    reading = ReadingOptions(keep_furniture=True, drop_footnotes=True)
    manifest = Manifest("p", "en", {"en": Path("en.txt")}, reading=reading)
    path = tmp_path / "workbench.toml"
    path.write_text(manifest.to_toml(), "utf-8")
    assert Manifest.read(path).reading == reading


def test_a_bad_footnotes_value_in_the_manifest_names_the_table(tmp_path: Path) -> None:
    from workbench.core.errors import FormatError
    from workbench.project.manifest import Manifest

    path = tmp_path / "workbench.toml"
    path.write_text(
        '[project]\nname = "p"\npivot = "en"\n[documents]\nen = "en.txt"\n'
        '[reading]\nfootnotes = "middle"\n',
        "utf-8",
    )
    with pytest.raises(FormatError, match=r"\[reading\] footnotes"):
        Manifest.read(path)
