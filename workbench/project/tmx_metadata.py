"""What an imported TMX said beside its text, kept in the project and written back on export.

A memory from a CAT tool carries metadata the alignment model has no place for: header props
and notes, and per TU its props (memoQ's `x-context-pre`/`x-context-post`, Trados' `x-` fields),
notes and attributes (`creationid`, `creationdate`, `changeid`, `changedate`...), and per TUV
the same. The import writes them, one JSON line per TU that has any, to `origin/tmx.jsonl`
(the first line is the header's); `export tmx` puts them back on the TU that starts at the
same pivot paragraph (TU n of the file is paragraph n of the imported pivot document). The
props the workbench writes itself (`x-bead`, `x-status`, `x-confidence`) and its own notes are
left out: the beads say those.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from workbench.core.errors import FormatError
from workbench.formats.export import PROP_BEAD, PROP_CONFIDENCE, PROP_STATUS
from workbench.formats.tmx_units import Props, TmxHeader, TranslationUnit, Variant

# A project's files that came from an import: PO catalogues `<lang>.po`, TMX metadata.
ORIGIN_DIR = "origin"
METADATA_FILE = Path(ORIGIN_DIR) / "tmx.jsonl"
_OURS = frozenset({PROP_BEAD, PROP_STATUS, PROP_CONFIDENCE})
_OUR_NOTE = "unconfirmed alignment: "


@dataclass(frozen=True, slots=True)
class UnitMetadata:
    """One TU's kept props (attributes as `@name` first), notes and per-language TUV props."""

    props: Props = ()
    notes: tuple[str, ...] = ()
    variants: Mapping[str, Props] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TmxMetadata:
    """The header's props and notes and the metadata of each TU, by its position (from 0)."""

    header_props: Props = ()
    header_notes: tuple[str, ...] = ()
    units: Mapping[int, UnitMetadata] = field(default_factory=dict)


def _kept(props: Props) -> Props:
    return tuple((name, value) for name, value in props if name not in _OURS)


def header_metadata(header: TmxHeader | None) -> dict[str, list[object]]:
    """The header line: its props and notes, unless the workbench wrote the file."""
    if header is None or header.attributes.get("creationtool") == "workbench":
        return {"props": [], "notes": []}
    return {"props": [list(p) for p in header.props], "notes": list(header.notes)}


def unit_metadata(unit: TranslationUnit, langs: Iterable[str]) -> dict[str, object] | None:
    """The JSON record of a TU (its variants of `langs`), or None when it has nothing to keep."""
    props = _kept(unit.props)
    notes = [n for n in unit.notes if not n.startswith(_OUR_NOTE)]
    wanted = set(langs)
    variants = {v.lang: _kept(v.props) for v in unit.variants if v.lang in wanted}
    variants = {lang: p for lang, p in variants.items() if p}
    if not props and not notes and not variants:
        return None
    return {
        "props": [list(p) for p in props],
        "notes": notes,
        "tuv": {lang: [list(p) for p in vprops] for lang, vprops in variants.items()},
    }


class MetadataWriter:
    """Writes `origin/tmx.jsonl` line by line as a streamed import reads TUs.

    The file is opened (by `open_file`) only when there is something to keep, so a memory
    with no metadata leaves none. `close` must be called once the TUs are read.
    """

    def __init__(self, open_file: Callable[[], IO[str]], header: TmxHeader | None) -> None:
        self.open_file = open_file
        self.header = header_metadata(header)
        self.handle: IO[str] | None = None
        self.written = 0

    def _write(self, record: Mapping[str, object]) -> None:
        if self.handle is None:
            self.handle = self.open_file()
            self.handle.write(json.dumps(self.header, ensure_ascii=False) + "\n")
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    def add(self, position: int, unit: TranslationUnit, langs: Iterable[str]) -> None:
        """Keep what TU number `position` (from 0) says beside its text, if anything."""
        record = unit_metadata(unit, langs)
        if record is not None:
            record["tu"] = position
            self._write(record)
            self.written += 1

    def close(self) -> None:
        """Write the header's line if nothing else was, and close the file."""
        if self.handle is None and (self.header["props"] or self.header["notes"]):
            self.handle = self.open_file()
            self.handle.write(json.dumps(self.header, ensure_ascii=False) + "\n")
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


def _position(unit: TranslationUnit) -> int | None:
    """The imported TU a unit starts with: `en 3:1` and `en 3:1+2` are TU 3 (position 2)."""
    _, _, ident = unit.origin.partition(" ")
    paragraph, _, rest = ident.partition(":")
    sentence = rest.partition("+")[0]
    if not paragraph.isdigit() or sentence != "1":
        return None
    return int(paragraph) - 1


def with_metadata(
    units: Iterable[TranslationUnit], metadata: TmxMetadata
) -> Iterator[TranslationUnit]:
    """The units with what their imported TU said put back (attributes first, then props)."""
    for unit in units:
        position = _position(unit)
        kept = metadata.units.get(position) if position is not None else None
        if kept is None:
            yield unit
            continue
        variants: Sequence[Variant] = [
            v._replace(props=_merged(kept.variants.get(v.lang, ()), v.props)) for v in unit.variants
        ]
        yield unit._replace(
            variants=tuple(variants),
            props=_merged(kept.props, unit.props),
            notes=(*kept.notes, *unit.notes),
        )


def _merged(kept: Props, ours: Props) -> Props:
    # `@` attribute props lead (the writer takes them from the front).
    attributes = tuple(p for p in kept if p[0].startswith("@"))
    return (*attributes, *(p for p in kept if not p[0].startswith("@")), *ours)
