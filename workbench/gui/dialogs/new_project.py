"""File > New project: a folder, a name, the pivot and one text per language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.formats.furniture import ReadingOptions
from workbench.formats.plaintext import DOCUMENT_SUFFIXES

# The file dialog's filter: every document format `read_paragraphs` reads.
DOCUMENT_FILTER = (
    "Documents (*.txt "
    + " ".join(f"*{suffix}" for suffix in sorted(DOCUMENT_SUFFIXES))
    + ");;All files (*)"
)


class NewProjectDialog(QDialog):
    """Collects what `Project.create` needs; the window aligns the texts after it opens."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        # Wide enough for full paths and the document column's header.
        self.setMinimumWidth(760)
        self.project_root: Path | None = None
        form = QFormLayout(self)
        self.folder = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_folder)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.folder, 1)
        layout.addWidget(browse)
        form.addRow("Project folder:", row)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the folder's name")
        form.addRow("Name:", self.name)
        self.pivot = QComboBox()
        self.pivot.setEditable(True)
        self.pivot.addItems(["en", "es", "ru", "zh"])
        form.addRow("Pivot language:", self.pivot)
        # A small fixed grid of (language, file) pairs; plain widgets suffice here.
        self.docs = QTableWidget(4, 2, self)
        self.docs.setHorizontalHeaderLabels(
            ["Language", "Document (.txt, .docx, .html, .pdf, .odt, .rtf)"]
        )
        self.docs.horizontalHeader().setStretchLastSection(True)
        for r, lang in enumerate(["en", "es", "ru", "zh"]):
            self.docs.setItem(r, 0, QTableWidgetItem(lang))
            self.docs.setItem(r, 1, QTableWidgetItem(""))
        self.docs.cellDoubleClicked.connect(self._browse_file)
        form.addRow("Texts (double-click to pick a file):", self.docs)
        # How PDF, ODT and RTF texts are read: the CLI's --keep-furniture, --drop-footnotes
        # and --show-removed.
        self.keep_furniture = QCheckBox("Keep page &headers, footers and page numbers (PDF)")
        self.drop_footnotes = QCheckBox("Leave &footnotes out (PDF, ODT, RTF)")
        self.show_removed = QCheckBox("&List what was taken out of each PDF")
        for label, box in zip(
            ("Reading the texts:", "", ""),
            (self.keep_furniture, self.drop_footnotes, self.show_removed),
            strict=True,
        ):
            form.addRow(label, box)
        self.glossary = QLineEdit()
        self.glossary.setPlaceholderText("optional: a TBX or CSV file; empty to start one (Ctrl+G)")
        pick = QPushButton("Browse…")
        pick.clicked.connect(self._browse_glossary)
        glossary_row = QWidget(self)
        glossary_layout = QHBoxLayout(glossary_row)
        glossary_layout.setContentsMargins(0, 0, 0, 0)
        glossary_layout.addWidget(self.glossary, 1)
        glossary_layout.addWidget(pick)
        form.addRow("&Glossary:", glossary_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.make_project)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse_glossary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Glossary", "", "Glossaries (*.tbx *.xml *.csv);;All files (*)"
        )
        if path:
            self.glossary.setText(path)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Project folder")
        if folder:
            self.folder.setText(folder)

    def _browse_file(self, row: int, column: int) -> None:
        if column != 1:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Text", "", DOCUMENT_FILTER)
        if path:
            self.docs.setItem(row, 1, QTableWidgetItem(path))

    def documents(self) -> dict[str, Path]:
        """Language -> file for every filled row."""
        docs: dict[str, Path] = {}
        for r in range(self.docs.rowCount()):
            lang_item, path_item = self.docs.item(r, 0), self.docs.item(r, 1)
            lang = lang_item.text().strip() if lang_item else ""
            path = path_item.text().strip() if path_item else ""
            if lang and path:
                docs[lang] = Path(path)
        return docs

    def reading(self) -> ReadingOptions:
        """How the dialog's boxes ask PDF, ODT and RTF texts to be read."""
        return ReadingOptions(
            keep_furniture=self.keep_furniture.isChecked(),
            drop_footnotes=self.drop_footnotes.isChecked(),
        )

    def _report(self, project) -> None:
        """Tell what reading the texts ignored (scripts) and, if asked, what it took out."""
        lines: list[str] = []
        for lang, report in project.reports.items():
            lines += [f"{lang}: warning: {warning}" for warning in report.warnings]
            if self.show_removed.isChecked() and report.removed:
                lines.append(f"{lang}: {len(report.removed)} pieces removed")
                lines += [f"  page {r.page}  {r.reason}: {r.text}" for r in report.removed]
        if lines:
            QMessageBox.information(self, "Reading the texts", "\n".join(lines))

    def make_project(self) -> None:
        """Make the project (segmenting the texts); errors are shown, the dialog stays."""
        from workbench.project.project import Project

        folder = self.folder.text().strip()
        if not folder:
            QMessageBox.warning(self, "New project", "Choose a folder for the project.")
            return
        docs = self.documents()
        pivot = self.pivot.currentText().strip()
        if pivot not in docs or len(docs) < 2:
            QMessageBox.warning(
                self, "New project", f"Give a text for the pivot ({pivot}) and at least one other."
            )
            return
        try:
            glossary = self.glossary.text().strip()
            if glossary and not Path(glossary).is_file():
                raise WorkbenchError(f"there is no glossary file {glossary}")
            project = Project.create(
                Path(folder),
                pivot,
                docs,
                self.name.text().strip() or None,
                glossary=glossary or None,
                reading=self.reading(),
            )
        except (WorkbenchError, OSError) as exc:
            QMessageBox.warning(self, "Could not make the project", f"{exc}")
            return
        self._report(project)
        self.project_root = project.root
        self.accept()
