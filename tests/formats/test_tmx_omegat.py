"""Inline codes as OmegaT tag shortcuts (`formats.tmx_omegat`), without OmegaT itself."""

from __future__ import annotations

from pathlib import Path

from workbench.core.inline import Code, CodeKind, codes, join
from workbench.formats.tmx_omegat import omegat_unit
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import TranslationUnit, Variant
from workbench.formats.tmx_writer import write_tmx

ON = Code(CodeKind.OPENING, "1", "<b>", "bpt")
OFF = Code(CodeKind.CLOSING, "1", "</b>", "ept")
VAR = Code(CodeKind.STANDALONE, "2", "{0}", "ph")
GAP = Code(CodeKind.STANDALONE, "3", "", "x")


def _unit(source: str, target: str) -> TranslationUnit:
    return TranslationUnit((Variant("en", (source,)), Variant("es", (target,))))


def _natives(text: str) -> list[str]:
    return [code.native for code in codes(text)]


def test_codes_are_numbered_in_source_order_with_pairs_sharing_a_number() -> None:
    unit = omegat_unit(_unit(join(["Press ", ON, "Save", OFF, VAR, GAP]), "x"), "en")
    assert _natives(unit.variants[0].text) == ["<b0>", "</b0>", "<f1/>", "<x2/>"]


def test_a_target_code_takes_the_shortcut_of_the_same_source_code() -> None:
    unit = omegat_unit(_unit(join([ON, "a", OFF, " ", VAR]), join([VAR, " ", ON, "b", OFF])), "en")
    assert _natives(unit.variants[1].text) == ["<f1/>", "<b0>", "</b0>"]


def test_a_unit_without_codes_is_left_as_it_is() -> None:
    unit = _unit("Plain.", "Llano.")
    assert omegat_unit(unit, "en") is unit


def test_the_shortcuts_are_written_as_tmx_element_content(tmp_path: Path) -> None:
    path = tmp_path / "o.tmx"
    unit = omegat_unit(
        _unit(join(["Press ", ON, "Save", OFF]), join(["Pulse ", ON, "G", OFF])), "en"
    )
    write_tmx(path, [unit], srclang="en", langs=["en", "es"], creation_tool="OmegaT")
    data = path.read_text("utf-8")
    assert 'creationtool="OmegaT"' in data
    assert '<bpt i="1">&lt;b0&gt;</bpt>Save<ept i="1">&lt;/b0&gt;</ept>' in data
    (back,) = TmxReader(path)
    assert _natives(back.variants[1].text) == ["<b0>", "</b0>"]
