"""The one place that knows a project folder: manifest, load/save, alignment of missing pairs,
exchange files, glossary and dismissals files, recovery copies, and the editing session."""

from __future__ import annotations

from workbench.project.align import align_project
from workbench.project.dismissals import load_dismissals, save_dismissals
from workbench.project.exchange import export_po, export_tmx, pair_path
from workbench.project.glossary import SAVE_FORMATS, load_glossary, save_glossary
from workbench.project.manifest import MANIFEST, Manifest, find_project
from workbench.project.project import Project, segment_file
from workbench.project.tmx_import import ImportSummary, import_tmx_project

__all__ = [
    "MANIFEST",
    "SAVE_FORMATS",
    "ImportSummary",
    "Manifest",
    "Project",
    "align_project",
    "export_po",
    "export_tmx",
    "find_project",
    "import_tmx_project",
    "load_dismissals",
    "load_glossary",
    "pair_path",
    "save_dismissals",
    "save_glossary",
    "segment_file",
]
