"""`workbench segment`: output shape, options and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.resources import segmentation_rules_dir

ROOT = Path(__file__).resolve().parents[2]


def test_prints_one_segment_per_line_and_a_blank_line_between_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Title\n\nMr. Smith came. He sat down.\n", encoding="utf-8")
    assert main(["segment", str(path), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "Title\n\nMr. Smith came.\nHe sat down.\n"


def test_writes_to_the_output_file(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("你好。再见！", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["segment", str(source), "--lang", "zh", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "你好。\n再见！\n"


def test_encoding_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("Así es. ¿Vienes?".encode("latin-1"))
    assert main(["segment", str(path), "--lang", "es"]) == 1
    assert "--encoding latin-1" in capsys.readouterr().err
    assert main(["segment", str(path), "--lang", "es", "--encoding", "latin-1"]) == 0
    assert capsys.readouterr().out == "Así es.\n¿Vienes?\n"


def test_rules_option_overrides_the_bundled_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    srx = (segmentation_rules_dir() / "default.srx").read_text(encoding="utf-8")
    (rules / "default.srx").write_text(
        srx.replace("<beforebreak>[.!?", "<beforebreak>[!?"), encoding="utf-8"
    )
    path = tmp_path / "doc.txt"
    path.write_text("Um. Dois!  Três.", encoding="utf-8")
    assert main(["segment", str(path), "--lang", "tr", "--rules", str(rules)]) == 0
    assert capsys.readouterr().out == "Um. Dois!\nTrês.\n"


def test_missing_file_is_an_error_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "segment", str(tmp_path / "none.txt"), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "file not found" in result.stderr and "Traceback" not in result.stderr


def test_language_is_required() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "segment", "x.txt"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_segments_the_bundled_russian_text(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "resources" / "texts" / "sco-2006" / "ru.txt"
    assert main(["segment", str(path), "--lang", "ru"]) == 0
    paragraphs = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert paragraphs[1] == "Шанхай, 15 июня 2006 года"
    text = path.read_text(encoding="utf-8")
    assert "".join("".join(paragraphs).split()) == "".join(text.split())


PDF_DATA = ROOT / "tests" / "data" / "formats" / "pdf"


def test_a_pdf_is_segmented_without_its_page_furniture(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["segment", str(PDF_DATA / "sco-2006-en.pdf"), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "The Shanghai Cooperation Organisation\n" in captured.out
    assert "A/61/1005" not in captured.out
    assert "06-41234" not in captured.out
    assert captured.out.rstrip().endswith("8 December 2005.")


def test_show_removed_lists_the_furniture_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    path = PDF_DATA / "sco-2006-ru.pdf"
    assert main(["segment", str(path), "--lang", "ru", "--show-removed"]) == 0
    captured = capsys.readouterr()
    assert "pieces removed" in captured.err
    assert "UN document symbol" in captured.err and "A/61/1005" in captured.err
    assert "page number" in captured.err and "2/2" in captured.err
    assert "A/61/1005" not in captured.out


def test_drop_footnotes_and_keep_furniture(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(PDF_DATA / "sco-2006-en.pdf")
    assert main(["segment", path, "--lang", "en", "--drop-footnotes"]) == 0
    assert "8 December 2005." not in capsys.readouterr().out
    assert main(["segment", path, "--lang", "en", "--keep-furniture"]) == 0
    assert "A/61/1005" in capsys.readouterr().out


def test_an_encrypted_pdf_is_an_error_without_traceback(tmp_path: Path) -> None:
    from tests.formats.pdf_factory import Text, write_pdf

    path = write_pdf(tmp_path / "locked.pdf", [[Text(72, 700, "Secret.")]], password="pw")
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "segment", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "encrypted with a password" in result.stderr
    assert "Traceback" not in result.stderr
