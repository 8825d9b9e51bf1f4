"""workbench: a translation-and-alignment workbench (segment, align, review, check, export)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
