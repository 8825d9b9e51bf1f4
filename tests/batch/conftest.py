"""Shared batch fixtures: one generated corpus with poisoned sets, run once on the local pool."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.batch.factories import add_set, write_corpus, write_glossary
from workbench.batch.corpus import BatchResult, run_batch
from workbench.batch.engines import LocalEngine
from workbench.batch.manifest import DocumentSet, read_manifest
from workbench.batch.runner import BatchConfig
from workbench.project.glossary import load_glossary

CREATIONDATE = "20260101T000000Z"
# Three languages keep the workers' start-up small (Chinese loads CC-CEDICT in each worker).
LANGS = ("en", "es", "ru")
GOOD_SETS = 4
POISONED = {
    "bad-encoding": {"en": b"The council met.\n", "es": b"El consejo se reuni\xf3.\n"},
    "unreadable": {"en": b"The council met.\n", "es": None},
    "empty-document": {"en": b"The council met.\n", "es": b"\n  \n"},
    "unknown-language": {"en": b"The council met.\n", "qq": b"Xyz.\n"},
}


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk: manifest, sets, glossary and the batch settings."""

    root: Path
    manifest: Path
    sets: list[DocumentSet]
    good: list[str]
    config: BatchConfig


def make_corpus(root: Path, count: int = GOOD_SETS, poisoned: bool = True) -> Corpus:
    """Write a corpus of `count` good sets (and the poisoned ones) under `root`."""
    manifest, good = write_corpus(root, count, LANGS, sentences=4)
    if poisoned:
        for set_id, files in POISONED.items():
            add_set(root, set_id, files)
    glossary = write_glossary(root)
    config = BatchConfig(
        steps=frozenset({"align", "check", "export"}),
        creationdate=CREATIONDATE,
        glossary=load_glossary(glossary),
        glossary_sha256="test-glossary",
    )
    return Corpus(root, manifest, read_manifest(manifest), good, config)


def run_local(corpus: Corpus, out: Path, jobs: int = 2, **kwargs: object) -> BatchResult:
    """Run the corpus on a local pool of `jobs` processes into `out`."""
    engine = LocalEngine(jobs)
    try:
        return run_batch(corpus.sets, out, corpus.config, engine, **kwargs)  # type: ignore[arg-type]
    finally:
        engine.close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The shared generated corpus (good and poisoned sets)."""
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def local_run(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchResult]:
    """The corpus processed once by a local pool of two processes (read-only for tests)."""
    out = tmp_path_factory.mktemp("local") / "out"
    return out, run_local(corpus, out)
