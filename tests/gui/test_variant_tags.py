"""The window names every document by its exact tag: es-ES beside es-419, zh-CN beside zh-TW."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from tests.gui.driving import show_and_focus
from workbench.gui.dialogs.export import ExportDialog
from workbench.project.tmx_import import import_tmx_project

TAGS = ("en-US", "es-ES", "es-419", "zh-CN", "zh-TW")
ROWS = [
    (
        "The Council met.",
        "El Consejo se reunió.",
        "El Consejo sesionó.",
        "理事会开会。",
        "理事會開會。",
    ),
    (
        "It adopted a report.",
        "Aprobó un informe.",
        "Aprobó un reporte.",
        "通过了报告。",
        "通過了報告。",
    ),
]


def _tmx(path: Path) -> Path:
    units = "".join(
        "<tu>"
        + "".join(
            f'<tuv xml:lang="{tag}"><seg>{text}</seg></tuv>'
            for tag, text in zip(TAGS, row, strict=True)
        )
        + "</tu>"
        for row in ROWS
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en-US" srclang="en-US" '
        f'datatype="plaintext"/><body>{units}</body></tmx>\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def variant_window(window, tmp_path: Path):
    """The main window over a project holding es-ES, es-419, zh-CN and zh-TW documents."""
    import_tmx_project(_tmx(tmp_path / "variants.tmx"), tmp_path / "p")
    window.open_project(tmp_path / "p", ask_recover=False, synchronous=True)
    return window


def _lang_of(window, tag: str) -> str:
    return next(lang for lang in window.model.langs if window.text.tag(lang) == tag)


def test_column_titles_are_the_exact_tags(variant_window, qtmodeltester) -> None:
    model = variant_window.model
    qtmodeltester.check(model, force_py=True)
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == list(TAGS)
    tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.split(":")[0] == "es-419"


def test_go_menu_and_columns_menu_name_the_variants(variant_window) -> None:
    bar = variant_window.menuBar()
    go = next(a.menu() for a in bar.actions() if a.text() == "&Go")
    pairs = [a.text() for a in go.actions() if a.isVisible() and a.text().startswith("Pair")]
    assert pairs == ["Pair en-US → es-ES", "Pair en-US → es-419", "Pair en-US → zh-CN"]
    view = next(a.menu() for a in bar.actions() if a.text() == "&View")
    columns = next(a.menu() for a in view.actions() if a.text() == "&Columns")
    columns.aboutToShow.emit()
    assert [a.text() for a in columns.actions()] == list(TAGS)


def test_history_and_status_bar_name_the_variant_edited(qtbot, variant_window) -> None:
    window = variant_window
    show_and_focus(qtbot, window)
    window.move_to_row(0, _lang_of(window, "zh-TW"))
    assert window.pair_label.text().startswith("Pair en-US → zh-TW")
    window.actions_by_name["merge"].trigger()
    assert window.controller.stack.undoText() == "Merge beads 1-2 (zh-TW)"
    window.undo()
    assert window.controller.stack.redoText() == "Merge beads 1-2 (zh-TW)"
    window.move_to_row(0, _lang_of(window, "zh-CN"))
    window.actions_by_name["unconfirm"].trigger()
    assert window.controller.stack.undoText().endswith("(zh-CN)")


def test_export_dialog_offers_each_variant_by_its_tag(variant_window) -> None:
    dialog = ExportDialog(variant_window, "tmx")
    assert [box.text() for box in dialog.lang_boxes.values()] == list(TAGS[1:])
    assert all(isinstance(box, QCheckBox) for box in dialog.lang_boxes.values())
    dialog.deleteLater()


def test_findings_language_filter_names_the_variants(variant_window) -> None:
    panel = variant_window.terminology.panel
    shown = [panel.lang.itemText(i) for i in range(1, panel.lang.count())]
    assert shown == list(TAGS[1:])
    assert [panel.lang.itemData(i) for i in range(1, panel.lang.count())] == list(
        variant_window.model.langs[1:]
    )
