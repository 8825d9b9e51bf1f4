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
