"""`workbench batch` reads PDF, ODT and RTF documents like the others (furniture out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_a_set_of_pdf_odt_and_rtf_documents_is_segmented_and_aligned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = {
        "en": str(DATA / "pdf" / "sco-2006-en.pdf"),
        "ru": str(DATA / "odt" / "sco-2006-ru.odt"),
        "zh": str(DATA / "rtf" / "sco-2006-zh.rtf"),
    }
    manifest = tmp_path / "sets.jsonl"
    manifest.write_text(
        json.dumps({"id": "sco", "pivot": "en", "documents": documents}) + "\n", "utf-8"
    )
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "--out", str(out), "-j", "1"]) == 0
    assert "1 done" in capsys.readouterr().out
    english = (out / "sco" / "en.xml").read_text("utf-8")
    assert "Shanghai Cooperation Organisation" in english
    assert "A/61/1005" not in english and "06-41234" not in english
    assert (out / "sco" / "en-ru.tmx").is_file() and (out / "sco" / "en-zh.tmx").is_file()


def _one_pdf_set(tmp_path: Path) -> Path:
    documents = {
        "en": str(DATA / "pdf" / "sco-2006-en.pdf"),
        "es": str(DATA / "pdf" / "sco-2006-es.pdf"),
    }
    manifest = tmp_path / "sets.jsonl"
    manifest.write_text(
        json.dumps({"id": "sco", "pivot": "en", "documents": documents}) + "\n", "utf-8"
    )
    return manifest


def test_show_removed_writes_what_was_taken_out_of_each_document(tmp_path: Path) -> None:
    manifest, out = _one_pdf_set(tmp_path), tmp_path / "out"
    args = ["batch", str(manifest), "--out", str(out), "-j", "1", "--steps", "align"]
    assert main([*args, "--show-removed"]) == 0
    rows = (out / "sco" / "removed.tsv").read_text("utf-8").splitlines()
    assert rows[0] == "lang\tpage\treason\ttext"
    assert sum(row.startswith("en\t") for row in rows) == 10
    assert sum(row.startswith("es\t") for row in rows) == 10
    assert any("A/61/1005" in row for row in rows)


def test_drop_footnotes_leaves_them_out_and_a_rerun_with_other_options_redoes_the_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest, out = _one_pdf_set(tmp_path), tmp_path / "out"
    args = ["batch", str(manifest), "--out", str(out), "-j", "1", "--steps", "align"]
    assert main(args) == 0
    assert "resolution 60/45" in (out / "sco" / "en.xml").read_text("utf-8")
    capsys.readouterr()
    assert main([*args, "--drop-footnotes"]) == 0
    assert "1 done" in capsys.readouterr().out
    assert "resolution 60/45" not in (out / "sco" / "en.xml").read_text("utf-8")
    assert main([*args, "--drop-footnotes"]) == 0
    assert "1 already complete" in capsys.readouterr().out
