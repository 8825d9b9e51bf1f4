"""Our TMX and PO files in the tools translators use: translate-toolkit, xmllint, msgfmt, OmegaT.

A test skips (with its reason shown by `-ra`) only when the tool is truly not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from tests.formats.exchange_data import parallel_texts, sample_text
from workbench.core.alignment import ParallelText
from workbench.core.langs import join_segments
from workbench.formats.export import groups, import_tmx
from workbench.project.exchange import export_po, export_tmx

DTD = Path(__file__).resolve().parents[2] / "resources" / "standards" / "tmx14.dtd"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
CODES = {"en": "en-US", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN"}
TOKENIZERS = {
    "es": "LuceneSpanishTokenizer",
    "ru": "LuceneRussianTokenizer",
    "zh": "LuceneSmartChineseTokenizer",
}

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
SPANISH_LETTERS = re.compile(r"[áéíóúñüÁÉÍÓÚÑ¿¡]")

# Sentences OmegaT segments exactly as we do (one sentence each, no abbreviations).
OMEGAT_TEXT = {
    "en": [
        "The member states signed the charter in June.",
        "The council will meet again next year.",
        "Cooperation on energy remains a priority.",
    ],
    "es": [
        "Los estados miembros firmaron la carta en junio.",
        "El consejo se reunirá de nuevo el próximo año.",
        "La cooperación en energía sigue siendo una prioridad.",
    ],
    "ru": [
        "Государства-члены подписали хартию в июне.",
        "Совет соберется снова в следующем году.",
        "Сотрудничество в области энергетики остается приоритетом.",
    ],
    "zh": ["成员国于六月签署了宪章。", "理事会将于明年再次开会。", "能源合作仍然是优先事项。"],
}


def needs(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (Debian package; .ci/run installs it)")
    return found


# --- translate-toolkit ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_translate_toolkit_reads_the_four_language_tmx(tmp_path: Path, lang: str) -> None:
    tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit not installed")
    text = sample_text()
    (path,) = export_tmx(text, tmp_path / "all.tmx")
    store = tmx.tmxfile(path.read_bytes(), sourcelanguage="en-US", targetlanguage=CODES[lang])
    expected = _expected_pairs(text, lang, multilingual=True)
    assert [(u.source, u.target) for u in store.units] == expected


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_translate_toolkit_reads_the_pair_tmx(tmp_path: Path, lang: str) -> None:
    tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit not installed")
    text = sample_text()
    (path,) = export_tmx(text, tmp_path, [lang], pairs=True)
    store = tmx.tmxfile(path.read_bytes(), sourcelanguage="en-US", targetlanguage=CODES[lang])
    assert [(u.source, u.target) for u in store.units] == _expected_pairs(text, lang, False)


def _expected_pairs(text: ParallelText, lang: str, multilingual: bool) -> list[tuple[str, str]]:
    langs = ["es", "ru", "zh"] if multilingual else [lang]
    pivot, target = text.documents["en"].texts, text.documents[lang].texts
    pairs = []
    for group in groups(text, langs):
        if any(not part.segments for part in group.parts.values()):
            continue
        source = join_segments("en", pivot[group.start : group.stop])
        pairs.append((source, join_segments(lang, [target[j] for j in group.parts[lang].segments])))
    return pairs


def test_translate_toolkit_reads_the_po_with_contexts_and_fuzzy(tmp_path: Path) -> None:
    po = pytest.importorskip("translate.storage.po", reason="translate-toolkit not installed")
    (path,) = export_po(sample_text(), tmp_path, ["es"])
    store = po.pofile(path.read_bytes())
    units = [u for u in store.units if not u.isheader()]
    assert [u.getcontext() for u in units] == ["1:1", "1:2", "2:1", "2:2"]
    assert [u.isfuzzy() for u in units] == [False, False, True, False]
    assert units[0].target == "El Consejo se reunió en Shanghái."


def test_po2tmx_output_of_our_po_imports_back(tmp_path: Path) -> None:
    po2tmx = needs("po2tmx")
    (po_file,) = export_po(sample_text(), tmp_path, ["es"])
    out = tmp_path / "po2tmx.tmx"
    result = subprocess.run(
        [po2tmx, "-l", "es-ES", str(po_file), str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    text = import_tmx(out)
    # po2tmx drops fuzzy entries: the unconfirmed bead is not in its TMX.
    assert text.documents["en"].texts == [
        "The Council met in Shanghai.",
        "It adopted the Charter & the rules.",
        "The meeting closed.",
    ]
    assert text.documents["es"].texts[2] == "La reunión se clausuró."


# --- xmllint and msgfmt -----------------------------------------------------------------------


def test_xmllint_validates_every_tmx_against_the_dtd(tmp_path: Path) -> None:
    xmllint = needs("xmllint")
    paths = export_tmx(sample_text(), tmp_path / "all.tmx")
    paths += export_tmx(sample_text(), tmp_path / "pairs", pairs=True)
    result = subprocess.run(
        [xmllint, "--noout", "--dtdvalid", str(DTD), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@settings(max_examples=15, deadline=None)
@given(parallel_texts())
def test_xmllint_validates_random_texts(text: ParallelText) -> None:
    xmllint = needs("xmllint")
    with tempfile.TemporaryDirectory() as folder:
        paths = export_tmx(text, Path(folder) / "all.tmx")
        paths += export_tmx(text, Path(folder), pairs=True)
        result = subprocess.run(
            [xmllint, "--noout", "--dtdvalid", str(DTD), *map(str, paths)],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stderr


def test_msgfmt_check_accepts_every_po(tmp_path: Path) -> None:
    msgfmt = needs("msgfmt")
    text = sample_text()
    paths = export_po(text, tmp_path)
    for path in paths:
        result = subprocess.run(
            [msgfmt, "--check", "--statistics", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{path.name}: {result.stderr}"
        assert "translated message" in result.stderr


# --- OmegaT -------------------------------------------------------------------------------------


def _omegat_project(folder: Path, lang: str, tmx_file: Path) -> Path:
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(
        f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en-US</source_lang>
        <target_lang>{CODES[lang]}</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.{TOKENIZERS[lang]}</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
""",
        "utf-8",
    )
    shutil.copy(tmx_file, folder / "tm" / "auto" / tmx_file.name)
    (folder / "source" / "doc.txt").write_text("\n\n".join(OMEGAT_TEXT["en"]) + "\n", "utf-8")
    return folder


def _omegat_translate(project: Path, home: Path) -> list[str]:
    java = needs("java")
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT is not installed ({OMEGAT_JAR} missing; Debian package omegat)")
    result = subprocess.run(
        [
            java,
            "-Djava.awt.headless=true",
            f"-Duser.home={home}",
            "-jar",
            str(OMEGAT_JAR),
            str(project),
            "--mode=console-translate",
            f"--config-dir={home / 'cfg'}",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    output = project / "target" / "doc.txt"
    assert result.returncode == 0 and output.is_file(), result.stdout[-2000:] + result.stderr
    return [line for line in output.read_text("utf-8").splitlines() if line.strip()]


def _omegat_text() -> ParallelText:
    from tests.formats.exchange_data import one_to_one_text

    return one_to_one_text(OMEGAT_TEXT)


def _assert_script(lang: str, lines: list[str]) -> None:
    assert lines == OMEGAT_TEXT[lang]  # every sentence replaced by our translation
    for line in lines:
        if lang == "ru":
            assert CYRILLIC.search(line) and not HAN.search(line)
        elif lang == "zh":
            assert HAN.search(line) and not CYRILLIC.search(line)
        else:
            assert not CYRILLIC.search(line) and not HAN.search(line)
    if lang == "es":
        assert any(SPANISH_LETTERS.search(line) for line in lines)


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_omegat_fills_a_target_document_from_the_four_language_tmx(
    tmp_path: Path, lang: str
) -> None:
    (tmx_file,) = export_tmx(_omegat_text(), tmp_path / "all.tmx")
    project = _omegat_project(tmp_path / "project", lang, tmx_file)
    _assert_script(lang, _omegat_translate(project, tmp_path / "home"))


def test_omegat_project_memory_imports_back(tmp_path: Path) -> None:
    (tmx_file,) = export_tmx(_omegat_text(), tmp_path / "all.tmx")
    project = _omegat_project(tmp_path / "project", "ru", tmx_file)
    _omegat_translate(project, tmp_path / "home")
    # OmegaT writes what it translated as its own TMX (DOCTYPE, comments, en-US/ru-RU codes).
    memory = project / "project-omegat.tmx"
    text = import_tmx(memory)
    pairs = set(zip(text.documents["en"].texts, text.documents["ru"].texts, strict=True))
    assert pairs == set(zip(OMEGAT_TEXT["en"], OMEGAT_TEXT["ru"], strict=True))  # its own order


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_omegat_fills_a_target_document_from_the_pair_tmx(tmp_path: Path, lang: str) -> None:
    (tmx_file,) = export_tmx(_omegat_text(), tmp_path, [lang], pairs=True)
    project = _omegat_project(tmp_path / "project", lang, tmx_file)
    _assert_script(lang, _omegat_translate(project, tmp_path / "home"))
