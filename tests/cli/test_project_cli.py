"""`workbench project new|info` from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.project.project import Project


def write_texts(folder: Path) -> dict[str, Path]:
    texts = {
        "en": "A Title\n\nThe first sentence is here. The second one follows.\n\nLast words.\n",
        "es": "Un título\n\nLa primera frase está aquí. La segunda la sigue.\n\n"
        "Últimas palabras.\n",
    }
    paths = {}
    for lang, text in texts.items():
        paths[lang] = folder / f"{lang}.txt"
        paths[lang].write_text(text, encoding="utf-8")
    return paths


def test_new_segments_aligns_and_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = write_texts(tmp_path)
    code = main(
        [
            "project",
            "new",
            str(tmp_path / "proj"),
            "--pivot",
            "en",
            "--doc",
            f"en={paths['en']}",
            "--doc",
            f"es={paths['es']}",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "4 segments" in out and "en-es" in out
    project = Project.open(tmp_path / "proj")
    assert [b.kind for b in project.text.alignments["es"].beads] == ["1-1"] * 4
    assert project.text.documents["es"].segment(1).text == "La primera frase está aquí."


def test_info_describes_the_bundled_project(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    assert main(["project", "info", str(root)]) == 0
    out = capsys.readouterr().out
    assert "sco-2006" in out
    for lang in ("en", "es", "ru", "zh"):
        assert f"  {lang} " in out


def test_doc_without_language_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["project", "new", str(tmp_path / "p"), "--doc", "en.txt"]) == 2
    assert "LANG=FILE" in capsys.readouterr().err


def test_missing_text_fails_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "project",
            "new",
            str(tmp_path / "p"),
            "--doc",
            f"en={tmp_path / 'absent.txt'}",
            "--no-align",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "absent.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_info_on_a_plain_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "info", str(tmp_path)]) == 1
    assert "not a workbench project" in capsys.readouterr().err


def test_new_writes_each_document_and_alignment_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.formats import xces

    written: list[str] = []
    write_document, write_alignment = xces.write_document, xces.write_alignment

    def document(path: Path, doc: object) -> None:
        written.append(f"document {doc.lang}")  # type: ignore[attr-defined]
        write_document(path, doc)  # type: ignore[arg-type]

    def alignment(path: Path, beads: object, *names: str) -> None:
        written.append(f"alignment {names[1]}")
        write_alignment(path, beads, *names)  # type: ignore[arg-type]

    monkeypatch.setattr(xces, "write_document", document)
    monkeypatch.setattr(xces, "write_alignment", alignment)
    paths = write_texts(tmp_path)
    args = ["project", "new", str(tmp_path / "p"), "--doc", f"en={paths['en']}"]
    assert main([*args, "--doc", f"es={paths['es']}"]) == 0
    assert sorted(written) == ["alignment es.xml", "document en", "document es"]
    assert set(Project.open(tmp_path / "p").text.alignments) == {"es"}


def test_new_reads_pdf_odt_and_rtf_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(__file__).resolve().parents[1] / "data" / "formats"
    code = main(
        [
            "project",
            "new",
            str(tmp_path / "proj"),
            "--doc",
            f"en={data / 'pdf' / 'sco-2006-en.pdf'}",
            "--doc",
            f"ru={data / 'odt' / 'sco-2006-ru.odt'}",
            "--doc",
            f"zh={data / 'rtf' / 'sco-2006-zh.rtf'}",
            "--no-align",
            "--show-removed",
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert "running header" in captured.err or "UN document symbol" in captured.err
    project = Project.open(tmp_path / "proj")
    english = " ".join(" ".join(p) for p in project.text.documents["en"].paragraphs)
    assert "A/61/1005" not in english
    assert "Shanghai Cooperation Organisation" in english
    # 14 paragraphs of body and 2 footnotes; the title's paragraphs are one segment each.
    assert len(project.text.documents["en"].paragraphs) == 16
    assert len(project.text.documents["ru"].paragraphs) == 14
    assert len(project.text.documents["zh"].paragraphs) == 14


def test_new_keeps_the_embeddings_choice_in_the_manifest(tmp_path: Path) -> None:
    paths = write_texts(tmp_path)
    args = ["project", "new", str(tmp_path / "proj"), "--doc", f"en={paths['en']}"]
    assert main([*args, "--doc", f"es={paths['es']}", "--no-embeddings"]) == 0
    assert Project.open(tmp_path / "proj").manifest.embeddings is False


def _sco_pdf_project(tmp_path: Path, *flags: str) -> int:
    data = Path(__file__).resolve().parents[1] / "data" / "formats"
    english = data / "pdf" / "sco-2006-en.pdf"
    spanish = data / "pdf" / "sco-2006-es.pdf"
    args = ["project", "new", str(tmp_path / "proj"), "--doc", f"en={english}"]
    return main([*args, "--doc", f"es={spanish}", "--no-align", *flags])


def _english_text(tmp_path: Path) -> str:
    document = Project.open(tmp_path / "proj").text.documents["en"]
    return " ".join(" ".join(p) for p in document.paragraphs)


def test_new_drops_footnotes_and_keeps_the_choice_in_the_manifest(tmp_path: Path) -> None:
    assert _sco_pdf_project(tmp_path, "--drop-footnotes") == 0
    project = Project.open(tmp_path / "proj")
    assert project.manifest.reading.drop_footnotes
    assert len(project.text.documents["en"].paragraphs) == 14
    assert "resolution 60/45" not in _english_text(tmp_path)


def test_new_keeps_the_furniture_when_asked(tmp_path: Path) -> None:
    assert _sco_pdf_project(tmp_path, "--keep-furniture") == 0
    assert "A/61/1005" in _english_text(tmp_path)
    assert Project.open(tmp_path / "proj").manifest.reading.keep_furniture


def test_new_by_default_removes_the_furniture_and_adds_footnotes_at_the_end(
    tmp_path: Path,
) -> None:
    assert _sco_pdf_project(tmp_path) == 0
    text = _english_text(tmp_path)
    assert "A/61/1005" not in text
    assert text.endswith("See General Assembly resolution 60/45 of 8 December 2005.")
    assert "[reading]" not in (tmp_path / "proj" / "workbench.toml").read_text("utf-8")


def test_new_shows_what_was_removed_from_each_pdf_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.formats import pdf

    reads: list[str] = []
    real = pdf.read_pdf_pages

    def counted(path, warnings=None):  # type: ignore[no-untyped-def]
        reads.append(Path(path).name)
        return real(path, warnings)

    monkeypatch.setattr(pdf, "read_pdf_pages", counted)
    assert _sco_pdf_project(tmp_path, "--show-removed") == 0
    err = capsys.readouterr().err
    assert "sco-2006-en.pdf: 10 pieces removed" in err
    assert "sco-2006-es.pdf: 10 pieces removed" in err
    assert sorted(reads) == ["sco-2006-en.pdf", "sco-2006-es.pdf"]
