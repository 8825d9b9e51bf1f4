"""The one place that knows a project folder: manifest, load/save, alignment of missing pairs,
exchange files, glossary and dismissals files, recovery copies, and the editing session."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.project.align import align_project
    from workbench.project.dismissals import load_dismissals, save_dismissals
    from workbench.project.exchange import export_po, export_tmx, pair_path
    from workbench.project.glossary import SAVE_FORMATS, load_glossary, save_glossary
    from workbench.project.manifest import MANIFEST, Manifest, find_project
    from workbench.project.project import Project, segment_file
    from workbench.project.tmx_import import ImportSummary, import_tmx_project

# Loaded on first use: `import workbench.project.manifest` need not load the aligner.
_LAZY = {
    "align_project": "workbench.project.align",
    "load_dismissals": "workbench.project.dismissals",
    "save_dismissals": "workbench.project.dismissals",
    "export_po": "workbench.project.exchange",
    "export_tmx": "workbench.project.exchange",
    "pair_path": "workbench.project.exchange",
    "SAVE_FORMATS": "workbench.project.glossary",
    "load_glossary": "workbench.project.glossary",
    "save_glossary": "workbench.project.glossary",
    "MANIFEST": "workbench.project.manifest",
    "Manifest": "workbench.project.manifest",
    "find_project": "workbench.project.manifest",
    "Project": "workbench.project.project",
    "segment_file": "workbench.project.project",
    "ImportSummary": "workbench.project.tmx_import",
    "import_tmx_project": "workbench.project.tmx_import",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench.project' has no attribute {name!r}")


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
