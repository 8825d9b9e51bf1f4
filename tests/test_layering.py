"""The house's arrows (STYLE.md section 1), read from every import of every module.

Faces (cli, gui, batch) -> project -> libraries (align, terms, formats) -> core. Formats may
use terms only to build the glossary model; no library imports project; core imports nothing
else of workbench; only gui imports PySide6. `workbench.resources` (where the bundled data is:
stdlib only, importing nothing of workbench) may be used by every layer but core. Imports are
read with `ast` wherever they stand: at the top, inside functions, under `if TYPE_CHECKING:`,
and `importlib.import_module("...")`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
CORE, LIBRARIES, PROJECT, FACES = (
    "core",
    {"align", "terms", "formats"},
    "project",
    {"cli", "gui", "batch"},
)
# What each package may import of workbench besides itself (None: anything).
ALLOWED: dict[str, set[str] | None] = {
    "core": set(),
    "align": {"core"},
    "terms": {"core"},
    "formats": {"core", "terms.glossary", "resources"},
    "project": {"core", "align", "terms", "formats", "resources"},
    "cli": {"core", "align", "terms", "formats", "project", "batch", "gui", "resources"},
    "batch": {"core", "align", "terms", "formats", "project", "resources"},
    "gui": {"core", "align", "terms", "formats", "project", "resources"},
    "": None,  # workbench/__init__.py and __main__.py: the public API and the entry point
}
QT_PREFIXES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


@dataclass(frozen=True, slots=True)
class Import:
    """One imported module name and where the import stands."""

    module: str
    line: int


def module_name(path: Path) -> str:
    """`workbench/formats/po.py` -> `workbench.formats.po` (a package's `__init__` -> itself)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> list[Import]:
    """Every module `source` imports, absolute, wherever the import statement stands."""
    found: list[Import] = []
    base = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join([*anchor, node.module] if node.module else anchor)
            else:
                target = node.module or ""
            found.append(Import(target, node.lineno))
            # `from workbench import terms` imports the package workbench.terms
            found.extend(Import(f"{target}.{alias.name}", node.lineno) for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(node.args[0].value, node.lineno))
    return found


def package_of(module: str) -> str:
    """The workbench package a module belongs to ("" for the root package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (PACKAGE / parts[1]).is_dir() else ""


def violations(module: str, imports: list[Import]) -> list[str]:
    """The imports of `module` that go against the arrows, as `module:line -> target` lines."""
    own = package_of(module)
    allowed = ALLOWED.get(own, set())
    problems = []
    for item in imports:
        where = f"{module}:{item.line} -> {item.module}"
        if item.module.startswith(QT_PREFIXES) and own != "gui":
            problems.append(f"{where} (only gui imports Qt)")
            continue
        if item.module != "workbench" and not item.module.startswith("workbench."):
            continue
        target = item.module.split(".")
        if len(target) == 1:
            if own:
                problems.append(f"{where} (the root package imports everything: use its parts)")
            continue
        if allowed is None or target[1] == own:
            continue
        dotted = ".".join(target[1:])
        if any(dotted == rule or dotted.startswith(rule + ".") for rule in allowed):
            continue
        problems.append(where)
    return problems


def all_modules() -> list[tuple[str, Path]]:
    """Every module of the workbench package."""
    return sorted((module_name(path), path) for path in PACKAGE.rglob("*.py"))


def test_every_package_of_the_house_is_known() -> None:
    packages = {package_of(name) for name, _ in all_modules()}
    assert packages <= set(ALLOWED), packages - set(ALLOWED)
    assert {CORE, PROJECT} | LIBRARIES | FACES <= packages


@pytest.mark.parametrize("module,path", all_modules(), ids=[m for m, _ in all_modules()])
def test_imports_follow_the_arrows(module: str, path: Path) -> None:
    found = imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
    assert violations(module, _drop_package_names(found)) == []


def _drop_package_names(found: list[Import]) -> list[Import]:
    # `from workbench.terms.glossary import Glossary` yields workbench.terms.glossary and
    # workbench.terms.glossary.Glossary; `from workbench.formats import xces` yields
    # workbench.formats and workbench.formats.xces. Keep the deepest name of each statement.
    names = {(i.module, i.line) for i in found}
    return [
        i
        for i in found
        if not any(
            other != i.module and other.startswith(i.module + ".") and line == i.line
            for other, line in names
        )
    ]


@pytest.mark.parametrize(
    "module,source,expected",
    [
        ("workbench.core.x", "from workbench.formats import xces", True),
        ("workbench.core.x", "def f():\n    from workbench.formats.xces import read\n", True),
        ("workbench.core.x", "if TYPE_CHECKING:\n    from workbench.project import P\n", True),
        (
            "workbench.terms.x",
            "import importlib\nimportlib.import_module('workbench.formats.tbx')",
            True,
        ),
        ("workbench.formats.x", "from workbench.terms.glossary import Glossary", False),
        ("workbench.formats.x", "from workbench.terms.drift import Finding", True),
        ("workbench.formats.x", "from workbench.project.manifest import Manifest", True),
        ("workbench.align.x", "from workbench.project import Project", True),
        ("workbench.align.x", "from ..core.alignment import Bead", False),
        ("workbench.align.x", "from ..terms import glossary", True),
        ("workbench.batch.x", "from PySide6.QtCore import QObject", True),
        ("workbench.gui.x", "from PySide6.QtCore import QObject", False),
        ("workbench.project.x", "from workbench.cli import main", True),
        ("workbench.project.x", "from workbench import Project", True),
        ("workbench.cli.x", "from workbench.project import Project", False),
    ],
)
def test_the_checker_finds_wrong_arrows(module: str, source: str, expected: bool) -> None:
    found = _drop_package_names(imports_of(source, module, False))
    assert bool(violations(module, found)) is expected


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
