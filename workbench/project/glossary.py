"""A project's glossary files: load by what the file holds, save as TBX v3, TBX v2 or CSV.

XML is told by its root: TBX v3 (`tbx`), TBX v2 (`martif`), TBX-Min (`TBX`), MultiTerm XML
(`mtf`); anything else XML is refused as "not TBX". Text is our glossary CSV when its header
has our columns (`concept_id,...`), else a two-language OmegaT TSV or Weblate/memoQ CSV, whose
languages the caller gives (`langs`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.atomic import write_text_atomic
from workbench.core.errors import FormatError
from workbench.formats.glossary_csv import REQUIRED, parse_glossary_csv, write_glossary_csv
from workbench.formats.glossary_tab import decode_text, parse_glossary_tab
from workbench.formats.glossary_xml import is_multiterm, is_tbx_min, read_multiterm, read_tbx_min
from workbench.formats.tbx import parse_tree, write_tbx
from workbench.formats.xmlsafe import parse_xml
from workbench.project.manifest import MANIFEST
from workbench.project.paths import is_inside, outside_write_refused
from workbench.terms.glossary import Glossary

if TYPE_CHECKING:
    from workbench.project.project import Project

SAVE_FORMATS = ("tbx", "tbx2", "csv")


def load_glossary(
    path: str | Path,
    *,
    langs: tuple[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Glossary:
    """Read a glossary file of any kind above; what was skipped goes to `warnings`."""
    file = Path(path)
    if not file.exists():
        raise FormatError("no such glossary file", file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc}", file) from None
    if _looks_like_xml(data):
        root = parse_xml(data, str(file)).getroot()
        if is_multiterm(root):
            return read_multiterm(root, str(file), warnings)
        if is_tbx_min(root):
            return read_tbx_min(root, str(file), warnings)
        return parse_tree(root, str(file), warnings)
    text = decode_text(data, file)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if all(name in [c.strip().lower() for c in first.split(",")] for name in REQUIRED):
        return parse_glossary_csv(text, file)
    separator = "," if file.suffix.lower() == ".csv" else "\t"
    return parse_glossary_tab(text, file, separator, langs, warnings)


def _looks_like_xml(data: bytes) -> bool:
    """True when the bytes start (after a BOM and spaces) with `<`, in UTF-8 or UTF-16."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:64].decode(encoding, "ignore").lstrip().startswith("<")
    return data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


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


DEFAULT_GLOSSARY = Path("glossary.tbx")


def glossary_target(project: Project) -> Path | None:
    """Where the project's glossary is saved: a file outside the project only when the
    project is trusted (`allow_outside`), else a ProjectError naming the manifest's value."""
    path = project.glossary_path
    if path is not None and not project.allow_outside and not is_inside(project.root, path):
        raise outside_write_refused(project.root, path, f"{MANIFEST} [paths] glossary =")
    return path


def save_project_glossary(project: Project, glossary: Glossary) -> Path:
    """Write the project's glossary to its file; a project without one gets `glossary.tbx`
    (named in the manifest, which is rewritten atomically). Returns the file written."""
    if project.manifest.glossary is None:
        project.manifest = replace(project.manifest, glossary=DEFAULT_GLOSSARY)
        write_text_atomic(project.root / MANIFEST, project.manifest.to_toml())
    path = glossary_target(project)
    assert path is not None
    save_glossary(path, glossary, format_for(path))
    return path


def format_for(path: str | Path) -> str:
    """The save format a glossary file's name asks for: `csv`, `tbx2` or `tbx` (v3)."""
    suffix = Path(path).suffix.lower()
    return "csv" if suffix in (".csv", ".tsv", ".txt") else "tbx2" if suffix == ".tbx2" else "tbx"
