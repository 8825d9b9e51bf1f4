"""Export TMX, PO or XLIFF with the command line's options, run in a worker with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workbench.core.errors import InputError
from workbench.gui.workers import run_with_progress

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


def parse_lang_codes(text: str) -> dict[str, str]:
    """`en=en-GB,es=es-MX` as a dict; raises InputError on a malformed item."""
    codes: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        lang, sep, code = item.partition("=")
        if not sep or not lang.strip() or not code.strip():
            raise InputError(f"language code {item!r}: expected LANG=CODE, e.g. es=es-MX")
        codes[lang.strip()] = code.strip()
    return codes


TITLES = {"tmx": "Export TMX", "po": "Export PO", "xliff": "Export XLIFF"}


class ExportDialog(QDialog):
    """Options as in `workbench export tmx|po|xliff`: languages, pairs, only confirmed, codes."""

    def __init__(self, window: MainWindow, kind: str = "tmx") -> None:
        super().__init__(window)
        self.window_ = window
        self.kind = kind
        self.written: list[Path] = []
        self.warnings: list[str] = []  # what the export said (a catalogue no longer fits...)
        self.setWindowTitle(TITLES[kind])
        self.setMinimumWidth(640)  # room for a full output path and the language codes
        form = QFormLayout(self)
        text = window.text
        assert text is not None
        targets = [lang for lang in text.target_langs if lang in text.alignments]
        self.lang_boxes: dict[str, QCheckBox] = {}
        langs_row = QWidget(self)
        langs_layout = QHBoxLayout(langs_row)
        langs_layout.setContentsMargins(0, 0, 0, 0)
        for lang in targets:
            box = QCheckBox(text.tag(lang), langs_row)
            box.setChecked(True)
            self.lang_boxes[lang] = box
            langs_layout.addWidget(box)
        form.addRow("Languages:", langs_row)
        self.pairs = QCheckBox("One file per language pair (safest for memoQ, Trados, OmegaT)")
        if kind == "tmx":
            form.addRow("", self.pairs)
        self.for_omegat = QCheckBox(
            "Tags as OmegaT writes them (OmegaT then fills tagged segments)"
        )
        if kind == "tmx":
            form.addRow("", self.for_omegat)
        self.only_confirmed = QCheckBox("Only confirmed beads")
        form.addRow("", self.only_confirmed)
        project = window.project
        from workbench.project.xliff_writeback import origin_files

        self.origins = origin_files(project.root, targets) if project is not None else {}
        self.into_origin = QCheckBox(
            "Write into the imported file ("
            + (", ".join(p.name for p in self.origins.values()) or "none: new files")
            + ")"
        )
        self.into_origin.setChecked(bool(self.origins))
        self.into_origin.setEnabled(bool(self.origins))
        if kind == "xliff":
            form.addRow("", self.into_origin)
        codes = dict(project.manifest.lang_codes) if project is not None else {}
        self.codes = QLineEdit(",".join(f"{k}={v}" for k, v in codes.items()))
        self.codes.setToolTip("Language codes to write, e.g. en=en-GB,es=es-MX")
        if kind != "xliff":  # an XLIFF file is written with the tags it was read with
            form.addRow("Language codes:", self.codes)
        default = self._default_output()
        self.output = QLineEdit(str(default))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        out_row = QWidget(self)
        out_layout = QHBoxLayout(out_row)
        out_layout.setContentsMargins(0, 0, 0, 0)
        out_layout.addWidget(self.output, 1)
        out_layout.addWidget(browse)
        form.addRow("Output:", out_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _default_output(self) -> Path:
        project = self.window_.project
        base = project.root if project is not None else Path.cwd()
        name = project.name if project is not None else "export"
        if self.kind == "tmx":
            folder = project.tmx_dir if project is not None else base
            return folder / f"{name}.tmx"
        return base / ("xliff" if self.kind == "xliff" else "po")

    def _browse(self) -> None:
        if self.kind == "tmx" and not self.pairs.isChecked():
            path, _ = QFileDialog.getSaveFileName(
                self, "TMX file", self.output.text(), "TMX (*.tmx)"
            )
        else:
            path = QFileDialog.getExistingDirectory(self, "Output folder", self.output.text())
        if path:
            self.output.setText(path)

    def options(self) -> dict[str, object]:
        """The chosen options as keyword arguments of the export function."""
        langs = [lang for lang, box in self.lang_boxes.items() if box.isChecked()]
        if not langs:
            raise InputError("choose at least one language to export")
        options: dict[str, object] = {
            "langs": langs,
            "only_confirmed": self.only_confirmed.isChecked(),
            "lang_codes": parse_lang_codes(self.codes.text()),
        }
        if self.kind == "tmx":
            options["pairs"] = self.pairs.isChecked()
            options["for_omegat"] = self.for_omegat.isChecked()
        if self.kind == "xliff":
            del options["lang_codes"]
        return options

    def run_export(self, progress=None) -> list[Path]:
        """Export now (in the calling thread)."""
        text = self.window_.text
        assert text is not None
        options = self.options()
        out = self.output.text().strip()
        if not out:
            raise InputError("name an output file or folder")
        # What the project kept from an import goes back out, as `workbench export` does:
        # the memory's props, notes and attributes; each imported PO catalogue.
        project = self.window_.project
        if self.kind == "tmx":
            from workbench.project.exchange import export_tmx
            from workbench.project.tmx_metadata import METADATA_FILE, load_metadata

            metadata = load_metadata(project.root / METADATA_FILE) if project else None
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            return export_tmx(
                text,
                out,
                progress=progress,
                metadata=metadata,
                **options,  # type: ignore[arg-type]
            )
        if self.kind == "xliff":
            from workbench.project.xliff_writeback import export_with_origins

            origins = self.origins if self.into_origin.isChecked() else {}
            Path(out).mkdir(parents=True, exist_ok=True)
            written = export_with_origins(
                text,
                Path(out),
                origins=origins,
                name=project.name if project else "export",
                warnings=self.warnings,
                **options,  # type: ignore[arg-type]
            )
            return [path for path, _, _ in written]
        from workbench.project.exchange import export_po, origin_catalogs

        if not out.endswith(".po") and "{lang}" not in out:
            Path(out).mkdir(parents=True, exist_ok=True)
        origins = origin_catalogs(project.root, list(text.alignments)) if project else {}
        return export_po(
            text,
            out,
            origins=origins,
            warnings=self.warnings,
            **options,  # type: ignore[arg-type]
        )

    def start(self) -> None:
        """Validate, then export in a worker; the dialog closes when done."""
        try:
            self.options()
        except InputError as exc:
            QMessageBox.warning(self, "Cannot export", str(exc))
            return
        run_with_progress(
            self,
            "Exporting…",
            lambda progress, cancelled: self.run_export(progress),
            self._done,
            self._failed,
        )

    def _done(self, paths: list[Path]) -> None:
        self.written = list(paths)
        self.window_.report("wrote " + ", ".join(str(p) for p in paths))
        if self.warnings:
            QMessageBox.warning(self, "Exported with warnings", "\n\n".join(self.warnings))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        QMessageBox.warning(
            self,
            "Export failed",
            f"{error}\n\nNothing was half-written (files are replaced atomically). "
            "Fix the options and export again.",
        )
