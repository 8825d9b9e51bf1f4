"""The GUI's export writes back what the project kept from an import, as `workbench export` does."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.project.test_real_po import keys
from tests.project.test_tmx_metadata import MEMOQ
from workbench.cli import main
from workbench.gui.dialogs.export import ExportDialog
from workbench.project.tmx_import import import_tmx_project

REAL_PO = Path(__file__).resolve().parents[1] / "data" / "real" / "po"


def test_tmx_export_dialog_writes_the_memory_s_metadata_back(window, tmp_path: Path) -> None:
    source = tmp_path / "memoq.tmx"
    source.write_text(MEMOQ, encoding="utf-8")
    import_tmx_project(source, tmp_path / "p")
    window.open_project(tmp_path / "p", ask_recover=False, synchronous=True)
    dialog = ExportDialog(window, "tmx")
    dialog.pairs.setChecked(True)
    dialog.output.setText(str(tmp_path / "out" / "m-{lang}.tmx"))
    (written,) = dialog.run_export()
    tree = etree.parse(str(written))
    assert [p.text for p in tree.findall("header/prop")] == ["Example client"]
    first = tree.findall("body/tu")[0]
    assert first.get("creationid") == "CN_5"
    assert first.findall("note")[0].text == "checked twice"
    assert {p.get("type") for p in first.findall("prop")} >= {"client", "x-document", "x-bead"}
    dialog.deleteLater()


def test_po_export_dialog_writes_into_the_imported_catalogue(window, tmp_path: Path) -> None:
    source = REAL_PO / "weblate-cs-plural.po"
    assert main(["import", "po", str(source), "--into", str(tmp_path / "p")]) == 0
    window.open_project(tmp_path / "p", ask_recover=False, synchronous=True)
    dialog = ExportDialog(window, "po")
    dialog.output.setText(str(tmp_path / "out"))
    (written,) = dialog.run_export()
    assert dialog.warnings == []
    assert keys(written) == keys(source)
    dialog.deleteLater()


REAL_XLIFF = Path(__file__).resolve().parents[1] / "data" / "real" / "xliff"


def test_xliff_export_dialog_writes_into_the_imported_file(window, tmp_path: Path) -> None:
    from workbench.formats.xliff_reader import read_xliff

    source = REAL_XLIFF / "SF-12-Test02.xlf"
    assert main(["import", "xliff", str(source), "--into", str(tmp_path / "p")]) == 0
    window.open_project(tmp_path / "p", ask_recover=False, synchronous=True)
    dialog = ExportDialog(window, "xliff")
    assert dialog.windowTitle() == "Export XLIFF"
    assert dialog.into_origin.isChecked() and dialog.into_origin.isEnabled()
    dialog.output.setText(str(tmp_path / "out"))
    (written,) = dialog.run_export()
    assert written.name == source.name
    assert [u.id for u in read_xliff(written)[1]] == [u.id for u in read_xliff(source)[1]]
    dialog.into_origin.setChecked(False)
    dialog.output.setText(str(tmp_path / "new"))
    (fresh,) = dialog.run_export()
    assert fresh.name != source.name
    dialog.deleteLater()


def test_tmx_export_dialog_for_omegat_writes_omegat_shortcuts(window, tmp_path: Path) -> None:
    source = REAL_XLIFF / "okapi-docxtest.docx.xlf"
    assert main(["import", "xliff", str(source), "--into", str(tmp_path / "p")]) == 0
    window.open_project(tmp_path / "p", ask_recover=False, synchronous=True)
    dialog = ExportDialog(window, "tmx")
    dialog.for_omegat.setChecked(True)
    dialog.output.setText(str(tmp_path / "o.tmx"))
    (written,) = dialog.run_export()
    data = written.read_text("utf-8")
    assert 'creationtool="OmegaT"' in data and "&lt;g0&gt;" in data
    dialog.deleteLater()
