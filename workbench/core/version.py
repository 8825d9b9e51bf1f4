"""The workbench's version (as in pyproject.toml), for file headers and `--version`."""

from __future__ import annotations

__version__ = "0.1.0"
