"""Our XLIFF in OmegaT 3.6: it reads the file as a source document and fills it from our TMX."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from tests.formats.test_real_clients import _omegat_translate
from workbench.core.inline import Code, CodeKind, join
from workbench.formats.tmx_units import TranslationUnit, Variant
from workbench.formats.tmx_writer import write_tmx
from workbench.formats.xliff_reader import NS_12
from workbench.formats.xliff_writer import BilingualUnit, write_xliff

BOLD = [Code(CodeKind.OPENING, "1", "<b>", "bpt"), Code(CodeKind.CLOSING, "1", "</b>", "ept")]
ROWS = [
    ("The weather is fine today.", "Hoy hace buen tiempo."),
    (
        join(["Press ", BOLD[0], "Save", BOLD[1], " now."]),
        join(["Pulse ", BOLD[0], "Guardar", BOLD[1], " ahora."]),
    ),
]
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir>
<tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>
<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>en-US</source_lang><target_lang>es-ES</target_lang>
<source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</target_tok>
<sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags></project></omegat>
"""


def test_omegat_translates_our_xliff_from_our_tmx_and_keeps_its_codes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, "utf-8")
    # The XLIFF to translate: targets still the source text, as a CAT tool would receive it.
    units = [BilingualUnit(str(i), s, s) for i, (s, _) in enumerate(ROWS, start=1)]
    write_xliff(project / "source" / "doc.xlf", units, "en-US", "es-ES", version="1.2")
    memory = [TranslationUnit((Variant("en", (ROWS[0][0],)), Variant("es", (ROWS[0][1],))))]
    write_tmx(
        tmp_path / "tm.tmx",
        memory,
        srclang="en",
        langs=["en", "es"],
        lang_codes={"en": "en-US", "es": "es-ES"},
    )
    shutil.copy(tmp_path / "tm.tmx", project / "tm" / "auto" / "tm.tmx")
    _omegat_translate_file(project, tmp_path / "home")
    stats = (project / "omegat" / "project_stats.txt").read_text("utf-8")
    assert "doc.xlf" in stats  # OmegaT's XLIFF filter took the file as a source document
    tree = etree.parse(str(project / "target" / "doc.xlf"))
    targets = tree.findall(f".//{{{NS_12}}}target")
    assert len(targets) == 2
    assert "".join(targets[0].itertext()) == "Hoy hace buen tiempo."
    # The tagged unit is untranslated: OmegaT writes it back with our codes intact.
    assert [child.tag.split("}")[-1] for child in targets[1]] == ["bpt", "ept"]
    assert [child.text for child in targets[1]] == ["<b>", "</b>"]


def _omegat_translate_file(project: Path, home: Path) -> None:
    # The shared helper asserts on target/doc.txt; give it one so it checks the run itself.
    (project / "source" / "doc.txt").write_text("The weather is fine today.\n", "utf-8")
    lines = _omegat_translate(project, home)
    assert lines == ["Hoy hace buen tiempo."]
