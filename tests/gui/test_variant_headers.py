"""The alignment table names each document by the exact tag it was read with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.gui.models.alignment_table import AlignmentTableModel
from workbench.project.project import Project
from workbench.project.tmx_import import import_tmx_project

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "tmx"


def test_variant_documents_show_their_exact_tags(qtmodeltester, tmp_path: Path) -> None:
    import_tmx_project(REAL / "omegat-test-multiple-tuv14.tmx", tmp_path / "p")
    model = AlignmentTableModel(Project.open(tmp_path / "p").text)
    qtmodeltester.check(model, force_py=True)
    horizontal = Qt.Orientation.Horizontal
    titles = [model.headerData(c, horizontal) for c in range(model.columnCount())]
    assert {"es-AR", "es-BO", "fr-CA", "fr-FR"} <= set(titles)
    assert "en-US" in titles  # the default code is titled by its tag too
    column = titles.index("en-US")
    tip = model.headerData(column, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.split(":")[0] == "en-US"
