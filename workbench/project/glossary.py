"""A project's glossary files: load and save by file type, CSV, TBX v3 or TBX v2 (by the root)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.errors import FormatError
from workbench.formats.glossary_csv import read_glossary_csv, write_glossary_csv
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.terms.glossary import Glossary

SAVE_FORMATS = ("tbx", "tbx2", "csv")


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary: `.csv` as CSV, anything else as TBX (v3 or v2 by its root element)."""
    file = Path(path)
    if not file.exists():
        raise FormatError("no such glossary file", file)
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        return read_glossary_csv(file)
    return read_tbx(file)


def save_glossary(path: str | Path, glossary: Glossary, fmt: str = "tbx") -> None:
    """Write a glossary as TBX v3 (`tbx`), TBX v2 (`tbx2`) or CSV (`csv`), atomically."""
    if fmt == "tbx":
        write_tbx(path, glossary, 3)
    elif fmt == "tbx2":
        write_tbx(path, glossary, 2)
    elif fmt == "csv":
        write_glossary_csv(path, glossary)
    else:
        raise ValueError(f"unknown glossary format {fmt!r}; use one of {', '.join(SAVE_FORMATS)}")
