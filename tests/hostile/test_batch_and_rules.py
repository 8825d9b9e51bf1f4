"""Batches, SRX rules and evaluate at the boundary (issue 12.4, 12.9)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.hostile.sandbox import run_cli, snapshot
from workbench.batch.manifest import read_manifest
from workbench.core.errors import FormatError, InputError
from workbench.formats.srx import load_rules, read_srx

SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="no"/>
<body><languagerules><languagerule languagerulename="x">
<rule break="no"><beforebreak>\\bDr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
{extra}</languagerule></languagerules>
<maprules><languagemap languagepattern="{pattern}" languagerulename="x"/></maprules>
</body></srx>
"""


def _set(set_id: str, docs: dict[str, str]) -> str:
    return json.dumps({"id": set_id, "pivot": "en", "documents": docs})


def test_srx_languagepattern_that_is_no_regex_is_named(tmp_path: Path) -> None:
    path = tmp_path / "en.srx"
    path.write_text(SRX.format(pattern="(", extra=""), "utf-8")
    with pytest.raises(FormatError, match="languagepattern") as caught:
        read_srx(path)
    assert caught.value.line == 7


def test_srx_word_list_that_is_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "abbr.txt").mkdir()
    rule = '<rule break="no"><beforebreak>\\L&lt;abbr&gt;\\.</beforebreak></rule>\n'
    path = tmp_path / "en.srx"
    path.write_text(SRX.format(pattern="en.*", extra=rule), "utf-8")
    with pytest.raises(FormatError, match="is a folder"):
        read_srx(path)


@pytest.mark.parametrize("lang", ["../outside", "../../etc/x", "/tmp/x"])
def test_rules_language_that_is_a_path_reads_nothing_outside(tmp_path: Path, lang: str) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (tmp_path / "outside.srx").write_text(SRX.format(pattern=".*", extra=""), "utf-8")
    with pytest.raises(InputError, match="looks like a path"):
        load_rules(lang, rules)


@pytest.mark.parametrize("lang", ["../x", "/tmp/x", "en/../../x"])
def test_segment_lang_that_is_a_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    text = tmp_path / "t.txt"
    text.write_text("One. Two.\n")
    with pytest.raises(SystemExit) as caught:
        run_cli(["segment", str(text), "--lang", lang], capsys)
    assert caught.value.code == 2


def test_one_bad_manifest_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        _set("a", {"en": "a.txt", "es": "b.txt"}),
        "{not json",
        _set("b", {"en": "a.txt", "../../x": "b.txt"}),
        "[" * 5000 + "]" * 5000,
        _set("c", {"en": "a.txt", "es": "b.txt"}),
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    rejected: list[FormatError] = []
    sets = read_manifest(path, rejected)
    assert [s.id for s in sets] == ["a", "c"]
    assert [e.line for e in rejected] == [2, 3, 4]
    assert "looks like a path" in str(rejected[1])
    with pytest.raises(FormatError) as caught:
        read_manifest(path)
    assert caught.value.line == 2


def _corpus(root: Path, bad_line: bool) -> Path:
    for lang, text in (("en", "One sentence. Two sentences."), ("es", "Una frase. Dos frases.")):
        (root / f"{lang}.txt").write_text(text + "\n", "utf-8")
    lines = [_set("good", {"en": "en.txt", "es": "es.txt"})]
    if bad_line:
        lines.append("{oops")
    path = root / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_batch_runs_the_good_sets_and_reports_the_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = _corpus(tmp_path, bad_line=True)
    out = tmp_path / "out"
    code, err = run_cli(["batch", str(manifest), "--out", str(out), "--jobs", "1"], capsys)
    assert code == 1 and "m.jsonl:2" in err
    assert (out / "summary.json").is_file() and (out / "good").is_dir()


def test_batch_strict_refuses_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = _corpus(tmp_path, bad_line=True)
    before = snapshot(tmp_path)
    argv = ["batch", str(manifest), "--out", str(tmp_path / "out"), "--strict"]
    code, err = run_cli(argv, capsys)
    assert code == 1 and "m.jsonl:2" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("address", ["zzz", "http://x", "tcp://host", "a b:1"])
def test_batch_scheduler_that_is_no_address_fails_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    manifest = _corpus(tmp_path, bad_line=False)
    argv = ["batch", str(manifest), "--out", str(tmp_path / "out"), "--scheduler", address]
    code, err = run_cli(argv, capsys)
    assert code == 2 and "--scheduler" in err


def test_batch_out_at_an_existing_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = _corpus(tmp_path, bad_line=False)
    (tmp_path / "out").write_text("mine")
    before = snapshot(tmp_path)
    code, err = run_cli(["batch", str(manifest), "--out", str(tmp_path / "out")], capsys)
    assert code == 2 and "is a file" in err
    assert snapshot(tmp_path) == before


def test_evaluate_with_an_odd_number_of_files_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n", "utf-8")
    code, err = run_cli(["evaluate", str(gold), str(gold), str(gold)], capsys)
    assert code == 2 and "pairs" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_batch_scheduler_where_nothing_listens_fails_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    manifest = _corpus(tmp_path, bad_line=False)
    address = f"tcp://127.0.0.1:{_free_port()}"
    before = snapshot(tmp_path)
    argv = ["batch", str(manifest), "--out", str(tmp_path / "out"), "--scheduler", address]
    code, err = run_cli(argv, capsys)
    assert code == 1 and address in err and "nothing listens" in err
    assert snapshot(tmp_path) == before


def test_batch_scheduler_that_never_answers_gives_up_after_the_connect_timeout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A listener that takes the connection and says nothing (a wrong service, a stuck host)."""
    pytest.importorskip("distributed")
    manifest = _corpus(tmp_path, bad_line=False)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        before = snapshot(tmp_path)
        argv = ["batch", str(manifest), "--out", str(tmp_path / "out"), "--scheduler", address,
                "--connect-timeout", "0.5"]  # fmt: skip
        code, err = run_cli(argv, capsys)
    assert code == 1 and address in err and "--connect-timeout" in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("value", ["0", "-3"])
def test_batch_connect_timeout_must_be_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    manifest = _corpus(tmp_path, bad_line=False)
    argv = ["batch", str(manifest), "--out", str(tmp_path / "out"), "--scheduler",
            "tcp://127.0.0.1:8786", "--connect-timeout", value]  # fmt: skip
    code, err = run_cli(argv, capsys)
    assert code == 2 and "--connect-timeout" in err
