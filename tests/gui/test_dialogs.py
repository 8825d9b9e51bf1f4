"""Export and new-project dialogs, and the find bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import InputError
from workbench.gui.dialogs.export import ExportDialog, parse_lang_codes


def test_export_tmx_dialog_writes_the_file(window, tmp_path: Path) -> None:
    dialog = ExportDialog(window, "tmx")
    dialog.lang_boxes["zh"].setChecked(False)
    dialog.only_confirmed.setChecked(False)
    dialog.output.setText(str(tmp_path / "out.tmx"))
    paths = dialog.run_export()
    assert paths == [tmp_path / "out.tmx"]
    data = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert "<tmx" in data and "Tres." in data and "一。" not in data


def test_export_po_dialog_writes_one_file_per_language(window, tmp_path: Path) -> None:
    dialog = ExportDialog(window, "po")
    dialog.output.setText(str(tmp_path / "po"))
    paths = dialog.run_export()
    assert sorted(p.name for p in paths) == ["en-es.po", "en-ru.po", "en-zh.po"]
    assert 'msgstr "Cuatro."' in (tmp_path / "po" / "en-es.po").read_text(encoding="utf-8")


def test_export_dialog_refuses_bad_options(window) -> None:
    dialog = ExportDialog(window, "tmx")
    for box in dialog.lang_boxes.values():
        box.setChecked(False)
    with pytest.raises(InputError):
        dialog.options()
    assert parse_lang_codes("en=en-GB, es=es-MX") == {"en": "en-GB", "es": "es-MX"}
    with pytest.raises(InputError):
        parse_lang_codes("en")


def test_new_project_dialog_makes_a_project(qtbot, tmp_path: Path, monkeypatch) -> None:
    from workbench.gui.dialogs.new_project import NewProjectDialog

    warnings: list[str] = []
    monkeypatch.setattr(
        "workbench.gui.dialogs.new_project.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.make_project()
    assert warnings and "folder" in warnings[-1]
    for lang, body in {"en": "One. Two.\n", "es": "Uno. Dos.\n"}.items():
        (tmp_path / f"{lang}.txt").write_text(body, encoding="utf-8")
    dialog.folder.setText(str(tmp_path / "proj"))
    dialog.docs.item(0, 1).setText(str(tmp_path / "en.txt"))
    dialog.docs.item(1, 1).setText(str(tmp_path / "es.txt"))
    dialog.make_project()
    assert dialog.project_root == tmp_path / "proj"
    assert (tmp_path / "proj" / "workbench.toml").is_file()


def test_find_bar_finds_across_languages_and_filters(window) -> None:
    bar = window.find_bar
    bar.open()
    bar.edit.setText("четыре")
    assert bar.find_next()
    assert window.current_row() == 2 and window.current_lang() == "ru"
    bar.edit.setText("nothing like this")
    assert not bar.find_next()
    bar.unconfirmed.setChecked(True)
    assert window.proxy.rowCount() == window.model.rowCount()  # every row has an auto bead
    bar.low.setChecked(True)
    assert window.proxy.rowCount() == 2
    bar.close_bar()
