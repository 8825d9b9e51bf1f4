"""Manifest reading: sets resolved against the manifest's folder; errors name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.batch.languages import is_known_language
from workbench.batch.manifest import read_manifest
from workbench.core.errors import FormatError


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "manifest.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line(set_id: str = "a", pivot: str = "en", **documents: str) -> str:
    docs = documents or {"en": "t/en.txt", "es": "t/es.txt"}
    return json.dumps({"id": set_id, "pivot": pivot, "documents": docs})


def test_paths_are_relative_to_the_manifest_and_the_pivot_comes_first(tmp_path: Path) -> None:
    path = write(tmp_path, line("a", "es", en="x/en.txt", es="x/es.txt", ru="/abs/ru.txt"))
    (doc_set,) = read_manifest(path)
    assert doc_set.pivot == "es"
    assert doc_set.langs == ["es", "en", "ru"]
    assert dict(doc_set.documents)["en"] == str((tmp_path / "x/en.txt").absolute())
    assert dict(doc_set.documents)["ru"] == "/abs/ru.txt"
    assert doc_set.line == 1


def test_blank_lines_are_skipped_and_lines_counted(tmp_path: Path) -> None:
    path = write(tmp_path, line("a"), "", "   ", line("b"))
    sets = read_manifest(path)
    assert [(s.id, s.line) for s in sets] == [("a", 1), ("b", 4)]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ('{"id": "a", "pivot": "en",', "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (line("../escape"), "file name"),
        (line("summary.json"), "file name"),
        (line("a", "fr"), "'pivot' 'fr'"),
        (json.dumps({"id": "a", "pivot": "en", "documents": {"en": "x"}}), "at least two"),
        (json.dumps({"id": "a", "pivot": "en", "documents": {"en": "x", "es": 3}}), "file path"),
        (json.dumps({"id": "a", "pivot": "en", "documents": {}, "extra": 1}), "unknown key"),
        (line("a", "en", en="x", es="y", **{"en-es": "z"}), "same output file"),
        (line("a", "en", en="x", es="y", ES="z"), "same output file"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, bad: str, problem: str) -> None:
    path = write(tmp_path, line("ok"), bad)
    with pytest.raises(FormatError, match=problem) as info:
        read_manifest(path)
    assert info.value.path == str(path)
    assert info.value.line == 2


def test_duplicate_ids_are_an_error_even_in_another_case(tmp_path: Path) -> None:
    path = write(tmp_path, line("Set-1"), line("set-1"))
    with pytest.raises(FormatError, match="already used on line 1") as info:
        read_manifest(path)
    assert info.value.line == 2


def test_an_empty_or_missing_or_non_utf8_manifest_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no document sets"):
        read_manifest(write(tmp_path, ""))
    with pytest.raises(FormatError, match="not found"):
        read_manifest(tmp_path / "nothing.jsonl")
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(line("a").encode() + b"\n" + b'{"id": "\xe9"}\n')
    with pytest.raises(FormatError, match="not UTF-8") as info:
        read_manifest(bad)
    assert info.value.line == 2


_ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
_langs = st.lists(st.sampled_from(["en", "es", "ru", "zh", "fr", "de"]), min_size=2, unique=True)


@given(st.dictionaries(_ids, _langs, min_size=1, max_size=5))
def test_written_sets_read_back_in_order(sets: dict[str, list[str]]) -> None:
    unique = {}
    for set_id, langs in sets.items():
        unique.setdefault(set_id.casefold(), (set_id, langs))
    lines = [
        json.dumps({"id": i, "pivot": langs[-1], "documents": {g: f"{i}/{g}.txt" for g in langs}})
        for i, langs in unique.values()
    ]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        read = read_manifest(write(Path(tmp), *lines))
    assert [s.id for s in read] == [i for i, _ in unique.values()]
    assert [s.langs for s in read] == [[g[-1], *g[:-1]] for _, g in unique.values()]


@pytest.mark.parametrize("code", ["en", "zh-Hans", "pt-BR", "sr-Latn-RS", "es-419", "EN_us"])
def test_known_languages(code: str) -> None:
    assert is_known_language(code)


@pytest.mark.parametrize("code", ["qq", "xx", "eng", "e", "en-", "english", "", "en us"])
def test_unknown_languages(code: str) -> None:
    assert not is_known_language(code)


def test_a_document_may_name_its_encoding(tmp_path: Path) -> None:
    entry = {"path": "t/es.txt", "encoding": "latin-1"}
    text = json.dumps({"id": "a", "pivot": "en", "documents": {"en": "t/en.txt", "es": entry}})
    (doc_set,) = read_manifest(write(tmp_path, text))
    assert dict(doc_set.documents)["es"] == str((tmp_path / "t/es.txt").absolute())
    assert doc_set.encoding("es") == "latin-1"
    assert doc_set.encoding("en") is None
    assert doc_set.to_dict()["encodings"] == {"es": "latin-1"}


def test_the_default_encoding_applies_where_a_document_names_none(tmp_path: Path) -> None:
    entry = {"path": "t/es.txt", "encoding": "utf-8"}
    text = json.dumps({"id": "a", "pivot": "en", "documents": {"en": "t/en.txt", "es": entry}})
    (doc_set,) = read_manifest(write(tmp_path, text), encoding="cp1252")
    assert (doc_set.encoding("en"), doc_set.encoding("es")) == ("cp1252", "utf-8")


def test_a_set_without_encodings_records_as_before(tmp_path: Path) -> None:
    (doc_set,) = read_manifest(write(tmp_path, line("a")))
    assert set(doc_set.to_dict()) == {"id", "pivot", "documents"}


@pytest.mark.parametrize(
    "entry", [{"path": "es.txt", "codec": "x"}, {"path": "es.txt", "encoding": 5}, {}]
)
def test_a_bad_document_object_names_file_and_line(tmp_path: Path, entry: object) -> None:
    text = json.dumps({"id": "a", "pivot": "en", "documents": {"en": "en.txt", "es": entry}})
    with pytest.raises(FormatError) as info:
        read_manifest(write(tmp_path, text))
    assert "manifest.jsonl" in str(info.value) and ":1" in str(info.value)
