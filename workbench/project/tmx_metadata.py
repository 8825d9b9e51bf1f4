"""A project's copy of what an imported TMX said beside its text: `origin/tmx.jsonl`.

The values and how an export puts them back are `workbench.formats.tmx_metadata`'s. The file
holds one JSON line per TU that has any (`{"props": [[type, value], ...], "notes": [...],
"tuv": {lang: props}, "tu": position}`), after a first line for the header's props and
notes; attributes are props named `@name`. The streamed import writes it as it reads TUs
(`MetadataWriter`), an import held in memory saves it whole (`save_metadata`), and both give
the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from workbench.core.errors import FormatError
from workbench.formats.tmx_metadata import (
    TmxMetadata,
    UnitMetadata,
    header_metadata,
    unit_metadata,
    with_metadata,
)
from workbench.formats.tmx_units import Props, TmxHeader, TranslationUnit

__all__ = [
    "METADATA_FILE",
    "ORIGIN_DIR",
    "MetadataWriter",
    "TmxMetadata",
    "UnitMetadata",
    "load_metadata",
    "metadata_lines",
    "with_metadata",
]

# A project's files that came from an import: PO catalogues `<lang>.po`, TMX metadata.
ORIGIN_DIR = "origin"
METADATA_FILE = Path(ORIGIN_DIR) / "tmx.jsonl"


def _header_line(props: Props, notes: Iterable[str]) -> str:
    record = {"props": [list(p) for p in props], "notes": list(notes)}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _unit_line(position: int, kept: UnitMetadata) -> str:
    record = {
        "props": [list(p) for p in kept.props],
        "notes": list(kept.notes),
        "tuv": {lang: [list(p) for p in props] for lang, props in kept.variants.items()},
        "tu": position,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def metadata_lines(metadata: TmxMetadata) -> list[str]:
    """The lines of `origin/tmx.jsonl` for `metadata`; none when it says nothing."""
    if metadata.is_empty:
        return []
    lines = [_header_line(metadata.header_props, metadata.header_notes)]
    lines.extend(
        _unit_line(position, metadata.units[position]) for position in sorted(metadata.units)
    )
    return lines


class MetadataWriter:
    """Writes `origin/tmx.jsonl` line by line as a streamed import reads TUs.

    The file is opened (by `open_file`) only when there is something to keep, so a memory
    with no metadata leaves none. `close` must be called once the TUs are read.
    """

    def __init__(self, open_file: Callable[[], IO[str]], header: TmxHeader | None) -> None:
        self.open_file = open_file
        self.header_props, self.header_notes = header_metadata(header)
        self.handle: IO[str] | None = None
        self.written = 0

    def _open(self) -> IO[str]:
        if self.handle is None:
            self.handle = self.open_file()
            self.handle.write(_header_line(self.header_props, self.header_notes))
        return self.handle

    def add(self, position: int, unit: TranslationUnit, langs: Iterable[str]) -> None:
        """Keep what TU number `position` (from 0) says beside its text, if anything."""
        kept = unit_metadata(unit, langs)
        if kept is not None:
            self._open().write(_unit_line(position, kept))
            self.written += 1

    def close(self) -> None:
        """Write the header's line if nothing else was, and close the file."""
        if self.handle is None and (self.header_props or self.header_notes):
            self._open()
        if self.handle is not None:
            self.handle.close()


def _props(value: object, path: Path, line: int) -> Props:
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value
    ):
        raise FormatError("expected a list of [type, value] props", path, line)
    return tuple((str(p[0]), str(p[1])) for p in value)


def load_metadata(path: Path) -> TmxMetadata | None:
    """The metadata file of a project, or None when it has none."""
    if not path.is_file():
        return None
    units: dict[int, UnitMetadata] = {}
    header_props: Props = ()
    header_notes: tuple[str, ...] = ()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FormatError(f"not JSON: {exc.msg}", path, number) from None
            if not isinstance(record, dict):
                raise FormatError("expected a JSON object", path, number)
            notes = tuple(str(n) for n in record.get("notes", []))
            props = _props(record.get("props", []), path, number)
            if number == 1:
                header_props, header_notes = props, notes
                continue
            position = record.get("tu")
            tuv = record.get("tuv", {})
            if not isinstance(position, int) or not isinstance(tuv, dict):
                raise FormatError(
                    "a TU record needs a number `tu` and a `tuv` object", path, number
                )
            variants = {str(k): _props(v, path, number) for k, v in tuv.items()}
            units[position] = UnitMetadata(props, notes, variants)
    return TmxMetadata(header_props, header_notes, units)
