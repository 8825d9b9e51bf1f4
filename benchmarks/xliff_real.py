"""Real XLIFF and tagged TMX files (tests/data/real/): read, inline codes kept, exported, re-read.

Run from the repository root: `python benchmarks/xliff_real.py`. For every XLIFF file under
`tests/data/real/xliff/` it reads the units, writes every unit that has a target as XLIFF 1.2
and 2.0, validates both against the OASIS schemas in `resources/standards/xliff/`, reads them
back with the workbench and with translate-toolkit (`xlifffile`, `Xliff2File`), and counts the
inline codes in (source + target) and out. Tagged TMX files (`tests/data/real/tmx/`) are read
with the TMX reader and written back with the TMX writer, codes counted the same way. One row
per file, then totals.

A second table writes each importable XLIFF file back into itself (`xliff_writeback`): once
from the project as imported (the tree must come back unchanged), once with every segment
translated by its own source (codes and all) and confirmed: units kept, segments filled, codes
written, schema errors the original did not have, translate-toolkit's unit count.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from workbench.cli import main as cli_main  # noqa: E402
from workbench.core.alignment import Alignment, Bead, BeadStatus  # noqa: E402
from workbench.core.document import Document  # noqa: E402
from workbench.core.errors import WorkbenchError  # noqa: E402
from workbench.core.inline import code_count, visible  # noqa: E402
from workbench.formats.tmx_inline import tmx_form  # noqa: E402
from workbench.formats.tmx_reader import TmxReader  # noqa: E402
from workbench.formats.xliff_reader import read_xliff  # noqa: E402
from workbench.formats.xliff_writer import BilingualUnit, write_xliff  # noqa: E402
from workbench.project.xliff_exchange import import_xliff  # noqa: E402
from workbench.project.xliff_writeback import write_back  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
SCHEMAS = ROOT / "resources" / "standards" / "xliff"


def _schema(version: str) -> etree.XMLSchema:
    name = "xliff-core-1.2-strict.xsd" if version == "1.2" else "xliff_core_2.0.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def _tt_count(path: Path, version: str) -> int:
    if version == "1.2":
        from translate.storage import xliff

        store = xliff.xlifffile.parsefile(str(path))
    else:
        from translate.storage import xliff2

        store = xliff2.Xliff2File.parsefile(str(path))
    return sum(1 for unit in store.units if not unit.isheader())


def xliff_row(path: Path, folder: Path) -> list[str]:
    """One file's row: flavour, units, segments with a target, codes in/out, valid, re-read."""
    try:
        header, units = read_xliff(path)
    except WorkbenchError as exc:
        return [path.name, "refused", "", "", "", "", "", "", str(exc).split(": ", 1)[-1][:50]]
    pairs = [
        BilingualUnit(f"{unit.id}-{seg.id}", seg.source, seg.target, seg.is_confirmed)
        for unit in units
        for seg in unit.segments
        if seg.target is not None and visible(seg.source).strip()
    ]
    if not pairs:
        return [
            path.name[:44],
            f"{header.flavour} {header.version}",
            str(len(units)),
            "0",
            "",
            "",
            "",
            "",
            "no unit has a target: nothing to export",
        ]
    codes_in = code_count([p.source for p in pairs]) + code_count([p.target for p in pairs])
    results: list[str] = []
    codes_out: list[int] = []
    for version in ("1.2", "2.0"):
        out = folder / f"{path.stem}.{version}.xlf"
        write_xliff(out, pairs, header.source_lang, header.target_lang or "und", version=version)
        valid = _schema(version).validate(etree.parse(str(out)))
        _, back = read_xliff(out)
        segments = [seg for unit in back for seg in unit.segments]
        codes_out.append(
            code_count([s.source for s in segments])
            + code_count([s.target or "" for s in segments])
        )
        reread = _tt_count(out, version) == len(pairs)
        results.append(f"{'valid' if valid else 'INVALID'}/{'yes' if reread else 'NO'}")
    return [
        path.name[:44],
        f"{header.flavour} {header.version}",
        str(len(units)),
        str(len(pairs)),
        str(codes_in),
        "/".join(str(c) for c in codes_out),
        results[0],
        results[1],
        "",
    ]


def tmx_row(path: Path, folder: Path) -> list[str] | None:
    """A tagged TMX file's row: codes read, through a project, codes written, DTD-valid."""
    units = list(TmxReader(path, {}))
    original = [tmx_form(s) for u in units for v in u.variants for s in v.segments]
    codes_in = code_count(original)
    if not codes_in:
        return None
    project = folder / f"{path.stem}-project"
    out = folder / f"{path.stem}-tm"
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        imported = cli_main(["import", "tmx", str(path), "--into", str(project)]) == 0
        exported = imported and (
            cli_main(["export", "tmx", str(project), "--pairs", "-o", str(out)]) == 0
        )
    if not exported:
        return [path.name[:44], "tmx", str(len(units)), "", str(codes_in), "", "", "", "no export"]
    dtd = etree.DTD(str(ROOT / "resources" / "standards" / "tmx14.dtd"))
    written: list[str] = []
    valid = True
    for item in sorted(out.iterdir()):
        valid = valid and dtd.validate(etree.parse(str(item)))
        written += [s for u in TmxReader(item, {}) for v in u.variants for s in v.segments]
    known = set(original)
    kept = sum(1 for text in written if text in known)
    return [
        path.name[:44],
        "tmx 1.4",
        str(len(units)),
        str(len(written)),
        str(codes_in),
        str(code_count(written)),
        f"{'valid' if valid else 'INVALID'} (dtd)",
        f"{kept}/{len(written)} as in",
        "pivot in every pair file" if len(list(out.iterdir())) > 1 else "",
    ]


def main() -> int:
    """Print the table."""
    heads = [
        "file",
        "kind",
        "units",
        "pairs",
        "codes in",
        "out 1.2/2.0",
        "1.2 xsd/tt",
        "2.0 xsd/tt",
        "note",
    ]
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in sorted((REAL / "xliff").iterdir()):
            if path.suffix in {".xlf", ".xliff", ".sdlxliff"}:
                rows.append(xliff_row(path, folder))
        for path in sorted((REAL / "tmx").iterdir()):
            if path.suffix == ".tmx":
                row = tmx_row(path, folder)
                if row is not None:
                    rows.append(row)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    print(" | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    xliff = [r for r in rows if r[1] != "tmx 1.4"]
    read = [r for r in xliff if r[4]]
    print(
        f"\n{len(xliff)} XLIFF files, {sum(r[1] != 'refused' for r in xliff)} read, "
        f"{len(read)} with targets exported; codes in {sum(int(r[4]) for r in read)}, "
        f"out (1.2) {sum(int(r[5].split('/')[0]) for r in read)}, "
        f"out (2.0) {sum(int(r[5].split('/')[1]) for r in read)}"
    )
    tmx = [r for r in rows if r[1] == "tmx 1.4"]
    print(
        f"{len(tmx)} tagged TMX files: codes in {sum(int(r[4]) for r in tmx)}, out "
        f"{sum(int(r[5]) for r in tmx if r[5])} (a pivot's codes count once per pair file)"
    )
    writeback_table()
    return 0


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _shape(element: etree._Element) -> tuple[object, ...]:
    children = [_shape(child) for child in element]
    return (element.tag, dict(element.attrib), element.text, element.tail, children)


def _errors(path: Path) -> set[str]:
    tree = etree.parse(str(path), _PARSER)
    version = "2.0" if tree.getroot().get("version", "").startswith("2") else "1.2"
    schema = _schema(version)
    schema.validate(tree)
    return {error.message for error in schema.error_log}


def _tt_units(path: Path) -> int:
    version = (
        "2.0" if etree.parse(str(path), _PARSER).getroot().get("version", "")[:1] == "2" else "1.2"
    )
    return _tt_count(path, version)


def writeback_row(path: Path, folder: Path) -> list[str] | None:
    """One file written back: units, unchanged tree, segments filled, codes, schema, tt."""
    try:
        (alignment,) = import_xliff(path).text.alignments.values()
    except WorkbenchError:
        return None
    same = folder / f"same-{path.name}"
    write_back(same, alignment, path)
    unchanged = _shape(etree.parse(str(same), _PARSER).getroot()) == _shape(
        etree.parse(str(path), _PARSER).getroot()
    )
    source = alignment.source
    target = Document(alignment.target.lang, source.paragraphs, alignment.target.name)
    beads = [Bead((i,), (i,), BeadStatus.CONFIRMED, 1.0) for i in range(len(source))]
    full = folder / f"full-{path.name}"
    result = write_back(full, Alignment(source, target, beads), path)
    _, before = read_xliff(path)
    _, after = read_xliff(full)
    filled = [
        s
        for u in after
        if u.translate
        for s in u.segments
        if visible(s.source).strip() and s.target == s.source and s.is_confirmed
    ]
    wanted = code_count(source.texts)
    written = code_count([s.target or "" for s in filled])
    new_errors = len(_errors(full) - _errors(path))
    return [
        path.name,
        f"{len(after)}/{len(before)}",
        "yes" if unchanged else "NO",
        f"{len(filled)}/{len(source)}",
        f"{wanted}/{written}",
        str(new_errors),
        f"{_tt_units(full)}/{_tt_units(path)}",
        result.problem[:40],
    ]


def writeback_table() -> None:
    """Print the write-back table (see the module docstring)."""
    heads = ["file", "units", "unchanged", "filled", "codes", "new xsd errors", "tt units", "note"]
    rows: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((REAL / "xliff").iterdir()):
            if path.suffix in {".xlf", ".xliff", ".sdlxliff"}:
                row = writeback_row(path, Path(tmp))
                if row is not None:
                    rows.append(row)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    print("\nWrite-back into the client's file (export xliff on a project from import xliff)\n")
    print(" | ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    segments = sum(int(r[3].split("/")[1]) for r in rows)
    filled = sum(int(r[3].split("/")[0]) for r in rows)
    codes_in = sum(int(r[4].split("/")[0]) for r in rows)
    codes_out = sum(int(r[4].split("/")[1]) for r in rows)
    print(
        f"\n{len(rows)} files written back: {sum(r[2] == 'yes' for r in rows)} unchanged when "
        f"nothing changed; {filled}/{segments} segments filled, codes {codes_in} -> {codes_out}, "
        f"{sum(int(r[5]) for r in rows)} new schema errors, "
        f"{sum(r[6].split('/')[0] == r[6].split('/')[1] for r in rows)} with translate-toolkit's "
        "unit count kept"
    )


if __name__ == "__main__":
    raise SystemExit(main())
