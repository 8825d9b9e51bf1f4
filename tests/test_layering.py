"""The engine never imports Qt: everything but workbench.gui loads without PySide6."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import workbench
for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
    if info.name.startswith("workbench.gui") or info.name == "workbench.__main__":
        continue
    importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m.startswith("PySide6")))
"""


def test_everything_but_gui_imports_without_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
