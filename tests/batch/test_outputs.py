"""Set folders: written whole, trusted on a re-run only when complete and unchanged."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.batch.conftest import Corpus, make_corpus
from workbench.batch.manifest import DocumentSet
from workbench.batch.outputs import complete_stats, remove_staging, staging_dirs, write_set
from workbench.batch.runner import RECORD, SetOutput, process_set


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, DocumentSet, SetOutput]:
    corpus = make_corpus(tmp_path_factory.mktemp("outputs"), count=1, poisoned=False)
    doc_set = corpus.sets[0]
    return corpus, doc_set, process_set(doc_set, corpus.config)


def test_a_written_set_is_complete_with_its_stats(
    small: tuple[Corpus, DocumentSet, SetOutput], tmp_path: Path
) -> None:
    corpus, doc_set, output = small
    folder = write_set(tmp_path, output)
    assert folder == tmp_path / doc_set.id
    assert complete_stats(tmp_path, doc_set, corpus.config) == output.stats
    assert staging_dirs(tmp_path) == []


def test_rewriting_replaces_the_folder_whole(
    small: tuple[Corpus, DocumentSet, SetOutput], tmp_path: Path
) -> None:
    corpus, doc_set, output = small
    folder = write_set(tmp_path, output)
    (folder / "stray.txt").write_text("old", encoding="utf-8")
    write_set(tmp_path, output)
    assert not (folder / "stray.txt").exists()
    assert complete_stats(tmp_path, doc_set, corpus.config) == output.stats
    assert staging_dirs(tmp_path) == []


@pytest.mark.parametrize("damage", ["truncate", "delete", "record", "bad-record"])
def test_a_damaged_folder_is_not_complete(
    small: tuple[Corpus, DocumentSet, SetOutput], tmp_path: Path, damage: str
) -> None:
    corpus, doc_set, output = small
    folder = write_set(tmp_path, output)
    target = folder / "en-es.tmx"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:-10])
    elif damage == "delete":
        target.unlink()
    elif damage == "record":
        (folder / RECORD).unlink()
    else:
        (folder / RECORD).write_text("{not json", encoding="utf-8")
    assert complete_stats(tmp_path, doc_set, corpus.config) is None


def test_other_steps_or_glossary_or_changed_inputs_are_not_complete(
    small: tuple[Corpus, DocumentSet, SetOutput], tmp_path: Path
) -> None:
    corpus, doc_set, output = small
    write_set(tmp_path, output)
    config = corpus.config
    assert complete_stats(tmp_path, doc_set, replace(config, steps=frozenset({"align"}))) is None
    assert complete_stats(tmp_path, doc_set, replace(config, glossary_sha256="other")) is None
    moved = replace(doc_set, pivot="es")
    assert complete_stats(tmp_path, moved, config) is None
    source = Path(dict(doc_set.documents)["es"])
    info = source.stat()
    try:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
        assert complete_stats(tmp_path, doc_set, config) is None
    finally:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert complete_stats(tmp_path, doc_set, config) == output.stats


def test_a_foreign_folder_in_the_way_is_never_replaced(
    small: tuple[Corpus, DocumentSet, SetOutput], tmp_path: Path
) -> None:
    _, doc_set, output = small
    (tmp_path / doc_set.id).mkdir()
    (tmp_path / doc_set.id / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not a batch output folder"):
        write_set(tmp_path, output)
    assert (tmp_path / doc_set.id / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert staging_dirs(tmp_path) == []


def test_leftover_staging_folders_are_removed(tmp_path: Path) -> None:
    (tmp_path / ".staging-a-1").mkdir()
    (tmp_path / ".staging-a-1" / "en.xml").write_text("<half", encoding="utf-8")
    (tmp_path / ".replaced-b-2").mkdir()
    (tmp_path / "kept").mkdir()
    assert len(staging_dirs(tmp_path)) == 2
    remove_staging(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
