"""Where the bundled data is: segmentation rules, glossaries, standards, icons, the sample project.

This is the one module that knows it. It lives outside `core` because core reads no files;
callers ask it for a folder or a file and read that themselves.

In a source checkout the data are the checkout's own top-level folders (`resources/`,
`alignments/`, `tmx/`, `workbench.toml`: the repository is itself the sample project). In an
installed wheel they are the package data `workbench/bundled/`, which pyproject.toml maps onto
the same folders, found through `importlib.resources`. The installed files are never written:
the first time the sample project is opened it is copied into the user's data folder
(`$XDG_DATA_HOME/workbench`, `~/.local/share/workbench` by default) and that copy is opened.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import tomllib
from importlib import resources
from pathlib import Path

SAMPLE_MANIFEST = "workbench.toml"
# The package that holds the data in a wheel (pyproject.toml: package-dir).
DATA_PACKAGE_DIR = "bundled"


class BundledDataError(RuntimeError):
    """The installation lacks its bundled data (a broken or unusual install)."""


def _checkout_root() -> Path | None:
    # A source checkout (editable install, or PYTHONPATH) keeps the data beside the package.
    root = Path(__file__).resolve().parent.parent
    if (root / SAMPLE_MANIFEST).is_file() and (root / "resources" / "segmentation").is_dir():
        return root
    return None


def data_root() -> Path:
    """The folder holding `resources/`, `alignments/`, `tmx/` and the sample manifest."""
    checkout = _checkout_root()
    if checkout is not None:
        return checkout
    installed = resources.files("workbench").joinpath(DATA_PACKAGE_DIR)
    # pip and pipx install wheels as plain files, which is what the readers need.
    if not isinstance(installed, Path) or not (installed / SAMPLE_MANIFEST).is_file():
        raise BundledDataError(
            f"the bundled data is missing from this installation ({installed}); "
            "reinstall workbench from a wheel or a source checkout"
        )
    return installed


def resource_path(*parts: str) -> Path:
    """A file or folder under the bundled `resources/` (may not exist)."""
    return data_root().joinpath("resources", *parts)


def segmentation_rules_dir() -> Path:
    """The bundled SRX rules and word lists, one `<lang>.srx` per language."""
    return resource_path("segmentation")


def tmx_dtd() -> Path:
    """The TMX 1.4 DTD."""
    return resource_path("standards", "tmx14.dtd")


def icon_path() -> Path:
    """The application icon (SVG)."""
    return resource_path("icons", "workbench.svg")


def user_data_dir() -> Path:
    """Where this user's workbench data lives (the sample copy, installed desktop files).

    XDG on Linux and other Unixes, `%LOCALAPPDATA%` on Windows, Application Support on macOS.
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or ""
        if not os.path.isabs(base):  # the spec: a relative value is to be ignored
            base = str(Path.home() / ".local" / "share")
    return Path(base) / "workbench"


def sample_project() -> Path:
    """The user's copy of the sample project, made from the bundled one on first use.

    An existing copy is kept as it is (it holds the user's edits). The copy is built in a
    temporary folder beside its place and renamed, so an interrupted copy leaves nothing
    that looks like a project.
    """
    source = data_root()
    manifest = tomllib.loads((source / SAMPLE_MANIFEST).read_text(encoding="utf-8"))
    name = str(manifest["project"]["name"])
    target = user_data_dir() / "sample" / name
    if (target / SAMPLE_MANIFEST).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        for relative in _sample_files(manifest):
            origin = source / relative
            if origin.is_dir():
                shutil.copytree(origin, staging / relative)
            else:
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, staging / relative)
        shutil.copyfile(source / SAMPLE_MANIFEST, staging / SAMPLE_MANIFEST)
        try:
            staging.rename(target)
        except OSError:
            if not (target / SAMPLE_MANIFEST).is_file():  # not another process's copy
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _sample_files(manifest: dict[str, object]) -> list[str]:
    """The sample's files and folders, relative to its root, as its manifest names them."""
    documents = manifest.get("documents", {})
    paths = manifest.get("paths", {})
    assert isinstance(documents, dict) and isinstance(paths, dict)
    files = [str(p) for p in documents.values()]
    files += [str(paths[key]) for key in ("alignments", "tmx", "glossary") if key in paths]
    return files
