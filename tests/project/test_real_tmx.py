"""TMX files other tools wrote (tests/data/real/tmx): imported, exported per pair, re-read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from workbench.cli import main
from workbench.project.project import Project

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "tmx"
DTD = Path(__file__).resolve().parents[2] / "resources" / "standards" / "tmx14.dtd"
# ImportTest1K's header names srclang en-us, which none of its TUs has: refused, as it should.
# ImportTest1J_many: en-GB is only in TUs without the header's es-ES pivot (a warning says so).
LEFT_OUT = ("lisa-ImportTest1K.tmx", "lisa-ImportTest1J_many.tmx")
TMX_FILES = sorted(p for p in REAL.glob("*.tmx") if p.name not in LEFT_OUT)


def tags(paths: list[Path]) -> set[str]:
    found = set()
    for path in paths:
        for element in etree.parse(str(path)).iter():
            if isinstance(element.tag, str) and etree.QName(element).localname == "tuv":
                code = element.get("{http://www.w3.org/XML/1998/namespace}lang")
                found.add((code or element.get("lang", "")).lower())
    return found


def import_export(path: Path, tmp_path: Path) -> tuple[Project, list[Path]]:
    project = tmp_path / "p"
    assert main(["import", "tmx", str(path), "--into", str(project)]) == 0
    out = tmp_path / "pairs"
    out.mkdir()
    assert main(["export", "tmx", str(project), "--pairs", "-o", str(out)]) == 0
    return Project.open(project), sorted(out.glob("*.tmx"))


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.name)
def test_real_tmx_imports_and_exports_with_the_tags_it_was_written_with(
    path: Path, tmp_path: Path
) -> None:
    _, files = import_export(path, tmp_path)
    assert tags(files) == tags([path])


@pytest.mark.skipif(shutil.which("xmllint") is None, reason="xmllint is not installed")
def test_every_export_of_a_real_tmx_is_valid_against_the_dtd(tmp_path: Path) -> None:
    written: list[str] = []
    for number, path in enumerate(TMX_FILES):
        _, files = import_export(path, tmp_path / str(number))
        written += [str(f) for f in files]
    done = subprocess.run(
        ["xmllint", "--noout", "--dtdvalid", str(DTD), *written], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[:2000]


def test_same_language_variant_memory_keeps_both_variants(tmp_path: Path) -> None:
    project, files = import_export(REAL / "lisa-ImportTest1D.tmx", tmp_path)
    assert project.text.pivot == "en" and list(project.text.documents) == ["en", "en-GB"]
    assert project.manifest.lang_codes["en"] == "en-US"
    assert len(files) == 1 and tags(files) == {"en-us", "en-gb"}


def test_header_srclang_is_the_default_pivot(tmp_path: Path) -> None:
    project, _ = import_export(REAL / "omegat-project_CN_JP.tmx", tmp_path)
    assert project.text.pivot == "zh" and project.manifest.lang_codes["zh"] == "zh-CN"
    assert "ja-JP" in project.text.documents


def test_every_regional_variant_is_a_document_of_its_own(tmp_path: Path) -> None:
    project, files = import_export(REAL / "omegat-test-multiple-tuv14.tmx", tmp_path)
    assert {"es", "es-AR", "es-BO", "fr", "fr-CA", "fr-FR"} <= set(project.text.documents)
    assert {"es-ar", "es-bo", "fr-ca"} <= tags(files)


def test_pivot_request_matches_the_variant_by_rfc_4647(tmp_path: Path) -> None:
    project = tmp_path / "p"
    args = ["import", "tmx", str(REAL / "lisa-ImportTest1D.tmx"), "--into", str(project)]
    assert main([*args, "--pivot", "en-us"]) == 0
    opened = Project.open(project)
    assert opened.text.pivot == "en" and opened.manifest.lang_codes["en"] == "en-US"


def test_namespaced_utf16_tmx_is_read(tmp_path: Path) -> None:
    project, files = import_export(REAL / "go-tm-v1.4.tmx", tmp_path)
    assert len(project.text.documents) >= 2 and files


def test_omegat_takes_the_argentinian_variant_from_a_pair_export(tmp_path: Path) -> None:
    from tests.formats.test_real_clients import _omegat_translate

    _, files = import_export(REAL / "omegat-test-multiple-tuv14.tmx", tmp_path)
    (memory,) = [f for f in files if f.name.endswith("-es-AR.tmx")]
    project = tmp_path / "omegat"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(
        OMEGAT_PROJECT.format(target="es-AR", tokenizer="LuceneSpanishTokenizer"), "utf-8"
    )
    shutil.copy(memory, project / "tm" / "auto" / memory.name)
    (project / "source" / "doc.txt").write_text("Hello World!\n", "utf-8")
    assert _omegat_translate(project, tmp_path / "home") == ["(es_AR) ¡Hola Mundo!"]


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en-US</source_lang>
        <target_lang>{target}</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.{tokenizer}</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def test_weblate_memory_keeps_its_german_pivot_and_both_targets(tmp_path: Path) -> None:
    project, files = import_export(REAL / "weblate-memory.tmx", tmp_path)
    assert project.text.pivot == "de-DE"
    assert sorted(project.text.lang_codes.values()) == ["cs-CZ", "de-DE", "en-US"]
    assert project.text.documents["cs-CZ"].segments[0].text == "Pokud je nainstalované logování"
    assert tags(files) == {"de-de", "en-us", "cs-cz"}
