"""File > New project: the file dialog offers every document format the readers take."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "formats"


def test_the_file_dialog_filter_offers_pdf_odt_and_rtf(qtbot, tmp_path: Path, monkeypatch) -> None:
    from workbench.gui.dialogs.new_project import NewProjectDialog

    asked: list[str] = []
    picks = iter([DATA / "pdf" / "sco-2006-en.pdf", DATA / "rtf" / "sco-2006-ru.rtf"])

    def pick(_parent, _caption, _folder, file_filter):
        asked.append(file_filter)
        return str(next(picks)), ""

    monkeypatch.setattr("workbench.gui.dialogs.new_project.QFileDialog.getOpenFileName", pick)
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.docs.cellDoubleClicked.emit(0, 1)
    dialog.docs.cellDoubleClicked.emit(2, 1)
    for pattern in ("*.pdf", "*.odt", "*.fodt", "*.rtf", "*.docx", "*.html", "*.txt"):
        assert pattern in asked[0]
    assert dialog.docs.item(0, 1).text().endswith("sco-2006-en.pdf")
    dialog.folder.setText(str(tmp_path / "proj"))
    dialog.make_project()
    assert (tmp_path / "proj" / "workbench.toml").is_file()


def _fill(dialog, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    dialog.docs.setItem(0, 1, QTableWidgetItem(str(DATA / "pdf" / "sco-2006-en.pdf")))
    dialog.docs.setItem(1, 1, QTableWidgetItem(str(DATA / "pdf" / "sco-2006-es.pdf")))
    dialog.folder.setText(str(tmp_path / "proj"))


def test_the_reading_boxes_reach_the_project(qtbot, tmp_path: Path, monkeypatch) -> None:
    from workbench.gui.dialogs.new_project import NewProjectDialog
    from workbench.project.project import Project

    shown: list[str] = []
    monkeypatch.setattr(
        "workbench.gui.dialogs.new_project.QMessageBox.information",
        lambda _parent, _title, text: shown.append(text),
    )
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, tmp_path)
    dialog.drop_footnotes.setChecked(True)
    dialog.show_removed.setChecked(True)
    dialog.make_project()
    project = Project.open(tmp_path / "proj")
    assert project.manifest.reading.drop_footnotes
    assert not project.manifest.reading.keep_furniture
    assert len(project.text.documents["en"].paragraphs) == 14
    assert len(shown) == 1
    assert "en: 10 pieces removed" in shown[0] and "es: 10 pieces removed" in shown[0]
    assert "A/61/1005" in shown[0]


def test_nothing_is_shown_when_no_list_is_asked_and_no_script_found(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from workbench.gui.dialogs.new_project import NewProjectDialog
    from workbench.project.project import Project

    shown: list[str] = []
    monkeypatch.setattr(
        "workbench.gui.dialogs.new_project.QMessageBox.information",
        lambda _parent, _title, text: shown.append(text),
    )
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, tmp_path)
    dialog.keep_furniture.setChecked(True)
    dialog.make_project()
    assert shown == []
    english = Project.open(tmp_path / "proj").text.documents["en"]
    assert "A/61/1005" in " ".join(" ".join(p) for p in english.paragraphs)
