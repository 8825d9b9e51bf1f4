"""One set's task, run in this process: its files, its statistics, its failures."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from tests.batch.conftest import Corpus
from workbench.batch.manifest import DocumentSet
from workbench.batch.runner import RECORD, SetOutput, SetStats, process_set, sha256
from workbench.formats import xces
from workbench.formats.xmlsafe import parse_xml

TMX_DTD = Path(__file__).resolve().parents[2] / "resources/standards/tmx14.dtd"


@pytest.fixture(scope="module")
def first(corpus: Corpus) -> tuple[DocumentSet, SetOutput]:
    doc_set = corpus.sets[1]  # its texts hold the deprecated Spanish term
    return doc_set, process_set(doc_set, corpus.config)


def test_a_good_set_gives_documents_alignments_tmx_findings_and_record(
    first: tuple[DocumentSet, SetOutput],
) -> None:
    _, output = first
    assert output.ok, output.error
    names = [name for name, _ in output.files]
    assert names == [
        "all.tmx",
        "en-es.tmx",
        "en-es.xml",
        "en-ru.tmx",
        "en-ru.xml",
        "en.xml",
        "es.xml",
        "findings.json",
        "ru.xml",
        RECORD,
    ]


def test_the_xces_files_read_back_into_the_counted_beads(
    first: tuple[DocumentSet, SetOutput], tmp_path: Path
) -> None:
    _, output = first
    for name, data in output.files:
        (tmp_path / name).write_bytes(data)
    pivot, pivot_ids = xces.read_document(tmp_path / "en.xml")
    assert output.stats.segments["en"] == len(pivot)
    for lang in ("es", "ru"):
        target, target_ids = xces.read_document(tmp_path / f"{lang}.xml")
        alignment = xces.read_alignment(
            tmp_path / f"en-{lang}.xml", pivot, target, pivot_ids, target_ids
        )
        kinds: dict[str, int] = {}
        for bead in alignment.beads:
            kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
        assert dict(output.stats.beads[lang]) == kinds


def test_every_tmx_is_valid_against_the_dtd(first: tuple[DocumentSet, SetOutput]) -> None:
    _, output = first
    dtd = etree.DTD(str(TMX_DTD))
    tmx = [(name, data) for name, data in output.files if name.endswith(".tmx")]
    assert len(tmx) == 3
    for name, data in tmx:
        assert dtd.validate(parse_xml(data, name)), (name, dtd.error_log)
    langs = {
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
        for tuv in parse_xml(dict(tmx)["all.tmx"]).iter("tuv")
    }
    assert langs == {"en-US", "es-ES", "ru-RU"}


def test_findings_and_renderings_report_the_deprecated_spanish_term(
    first: tuple[DocumentSet, SetOutput],
) -> None:
    _, output = first
    findings = json.loads(dict(output.files)["findings.json"])
    deprecated = [f for f in findings if f["kind"] == "deprecated"]
    assert deprecated and all(f["lang"] == "es" for f in deprecated)
    assert ("es", "deprecated", "infosec", len(deprecated)) in output.stats.findings
    renderings = {(r.lang, r.text, r.status): r.count for r in output.stats.renderings}
    assert renderings[("es", "seguridad informática", "deprecated")] == len(deprecated)
    assert renderings[("en", "information security", "preferred")] >= 1


def test_the_record_lists_every_file_with_its_hash_and_the_stats(
    first: tuple[DocumentSet, SetOutput],
) -> None:
    doc_set, output = first
    files = dict(output.files)
    record = json.loads(files.pop(RECORD))
    assert record["set"] == doc_set.to_dict()
    assert record["files"] == {n: {"size": len(d), "sha256": sha256(d)} for n, d in files.items()}
    assert SetStats.from_dict(record["stats"]) == output.stats


def test_the_same_set_gives_the_same_bytes_twice(
    first: tuple[DocumentSet, SetOutput], corpus: Corpus
) -> None:
    doc_set, output = first
    assert process_set(doc_set, corpus.config).files == output.files


def test_align_only_writes_documents_and_xces(corpus: Corpus) -> None:
    config = replace(corpus.config, steps=frozenset({"align"}))
    output = process_set(corpus.sets[0], config)
    names = {name for name, _ in output.files}
    assert names == {"en.xml", "es.xml", "ru.xml", "en-es.xml", "en-ru.xml", RECORD}
    assert output.stats.renderings == ()


@pytest.mark.parametrize(
    ("set_id", "stage", "problem"),
    [
        ("bad-encoding", "segment", "es.txt:1: not valid UTF-8"),
        ("unreadable", "segment", "es.txt: file not found"),
        ("empty-document", "segment", "es.txt: the document holds no text"),
        ("unknown-language", "read", "unknown language 'qq'"),
    ],
)
def test_a_poisoned_set_fails_with_its_reason(
    corpus: Corpus, set_id: str, stage: str, problem: str
) -> None:
    doc_set = next(s for s in corpus.sets if s.id == set_id)
    output = process_set(doc_set, corpus.config)
    assert not output.ok
    assert output.files == ()
    assert output.stage == stage
    assert problem in output.error


def test_a_document_in_a_named_encoding_is_read_in_it(corpus: Corpus, tmp_path: Path) -> None:
    en, es = tmp_path / "en.txt", tmp_path / "es.txt"
    en.write_text("The council met.\n", encoding="utf-8")
    es.write_text("El consejo se reunió.\n", encoding="latin-1")
    docs = (("en", str(en)), ("es", str(es)))
    failed = process_set(DocumentSet("latin", "en", docs), corpus.config)
    assert not failed.ok and "--encoding latin-1" in failed.error
    done = process_set(DocumentSet("latin", "en", docs, 1, (("es", "latin-1"),)), corpus.config)
    assert done.ok, done.error
    assert "reunió" in dict(done.files)["es.xml"].decode("utf-8")
