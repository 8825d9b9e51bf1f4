"""The package's public API: `__all__` lists exactly the public names it re-exports."""

from __future__ import annotations

import workbench


def test_all_names_exist() -> None:
    missing = [name for name in workbench.__all__ if not hasattr(workbench, name)]
    assert missing == []


def test_every_public_reexport_is_listed() -> None:
    public = {
        name
        for name, value in vars(workbench).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("workbench.")
    }
    assert public <= set(workbench.__all__)


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import packages_distributions, version

    # The distribution is alignment-workbench (pyproject.toml); an older checkout's install
    # may still call itself workbench: whichever ships the package must say this version.
    names = set(packages_distributions()["workbench"])
    assert names and {version(name) for name in names} == {workbench.__version__}
