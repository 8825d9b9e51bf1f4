"""Where the bundled data is: segmentation rules, glossaries, standards, icons, the sample project.

This is the one module that knows it. It lives outside `core` because core reads no files;
callers ask it for a folder or a file and read that themselves.

In a source checkout the data are the checkout's own top-level folders (`resources/`,
`alignments/`, `tmx/`, `workbench.toml`: the repository is itself the sample project). In an
installed wheel they are the package data `workbench/bundled/`, which pyproject.toml maps onto
the same folders, found through `importlib.resources`. The installed files are never written:
the first time the sample project is opened it is copied into the user's data folder
(`$XDG_DATA_HOME/workbench`, `~/.local/share/workbench` by default) and that copy is opened;
a later release's sample replaces a copy the user never changed, never an edited one.
"""

from __future__ import annotations

import hashlib
import json
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


SAMPLE_STAMP = ".workbench-sample.json"


def sample_project() -> Path:
    """The user's copy of the sample project, made from the bundled one on first use.

    An existing copy is kept as it is when it holds the user's edits. A copy the user never
    changed is replaced when the installed sample changed (a newer release): the copy keeps a
    stamp with the sha256 of each file as copied, which tells the two apart. The copy is built
    in a temporary folder beside its place and renamed, so an interrupted copy leaves nothing
    that looks like a project, and a replaced copy is never half old, half new.
    """
    source = data_root()
    manifest = tomllib.loads((source / SAMPLE_MANIFEST).read_text(encoding="utf-8"))
    name = str(manifest["project"]["name"])
    target = user_data_dir() / "sample" / name
    files = [*_sample_files(manifest), SAMPLE_MANIFEST]
    if (target / SAMPLE_MANIFEST).is_file() and sample_copy_state(target) != "outdated":
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    retired: Path | None = None
    try:
        for relative in files:
            origin = source / relative
            if origin.is_dir():
                shutil.copytree(origin, staging / relative)
            else:
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(origin, staging / relative)
        (staging / SAMPLE_STAMP).write_text(
            json.dumps({"files": _digests(staging)}, indent=1, sort_keys=True), encoding="utf-8"
        )
        if (target / SAMPLE_MANIFEST).is_file():  # an unchanged copy of an older sample
            retired = Path(tempfile.mkdtemp(prefix=f".{name}-old-", dir=target.parent))
            target.rename(retired / name)
        try:
            staging.rename(target)
        except OSError:
            if not (target / SAMPLE_MANIFEST).is_file():  # not another process's copy
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    return target


def sample_copy_state(copy: Path) -> str:
    """`current`, `edited` (the user changed it: it is kept), or `outdated` (unchanged by the
    user, and the installed sample is different: `sample_project` replaces it).

    A copy without a stamp (made before stamps existed) counts as edited: nothing tells.
    """
    try:
        stamp = json.loads((copy / SAMPLE_STAMP).read_text(encoding="utf-8"))
        copied = dict(stamp["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return "edited"
    if _digests(copy) != copied:
        return "edited"
    return "current" if _installed_digests() == copied else "outdated"


def sample_update_note(copy: Path) -> str | None:
    """What to tell a user whose edited sample copy is older than the installed sample."""
    if sample_copy_state(copy) != "edited" or not (copy / SAMPLE_STAMP).is_file():
        return None
    try:
        copied = dict(json.loads((copy / SAMPLE_STAMP).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _installed_digests() == copied:
        return None
    return (
        f"the bundled sample changed in this version; your copy at {copy} holds your edits "
        "and is kept: move it away to get the new sample"
    )


def _installed_digests() -> dict[str, str]:
    source = data_root()
    manifest = tomllib.loads((source / SAMPLE_MANIFEST).read_text(encoding="utf-8"))
    return _digests(source, [*_sample_files(manifest), SAMPLE_MANIFEST])


def _digests(root: Path, names: list[str] | None = None) -> dict[str, str]:
    """sha256 of each file under `root` (or under the given names), by posix relative path."""
    tops = [root / name for name in names] if names is not None else [root]
    found: dict[str, str] = {}
    for top in tops:
        paths = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in paths:
            if path.is_file() and path.name != SAMPLE_STAMP:
                relative = path.relative_to(root).as_posix()
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _sample_files(manifest: dict[str, object]) -> list[str]:
    """The sample's files and folders, relative to its root, as its manifest names them."""
    documents = manifest.get("documents", {})
    paths = manifest.get("paths", {})
    assert isinstance(documents, dict) and isinstance(paths, dict)
    files = [str(p) for p in documents.values()]
    files += [str(paths[key]) for key in ("alignments", "tmx", "glossary") if key in paths]
    return files
