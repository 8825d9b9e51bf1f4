"""Suite-wide setup: the user data folder (the sample copy, desktop files) is a temporary one."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Point XDG_DATA_HOME (inherited by subprocesses) at a folder removed after the run."""
    folder = tempfile.mkdtemp(prefix="workbench-test-data-")
    previous = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = folder

    def restore() -> None:
        if previous is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = previous
        shutil.rmtree(folder, ignore_errors=True)

    config.add_cleanup(restore)
