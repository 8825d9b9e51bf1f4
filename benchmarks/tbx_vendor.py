"""Reading a vendor-sized TBX v2: a file shaped like a Microsoft Terminology Collection export.

Run from the repository root: `python benchmarks/tbx_vendor.py [--entries 5783] [--runs 5]`.
The Microsoft file itself may not be copied (its terms of use), so this builds one of the same
shape: `termEntry id="2_76365"` (not an XML name), en-US and a target langSet, `ntig/termGrp`
with a `partOfSpeech` termNote ("Noun", capitalised) and a language-level definition. It prints
the best and median wall time of `read_tbx` and of writing the v3 file back.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.formats.tbx import read_tbx, tbx_bytes


def build(entries: int) -> bytes:
    """A TBX v2 file of `entries` concepts in en-US and es-ES."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<martif type="TBX" xml:lang="en-US">'
        "<martifHeader><fileDesc><sourceDesc><p>Microsoft Terminology Collection (shape)</p>"
        "</sourceDesc></fileDesc></martifHeader><text><body>"
    ]
    for i in range(entries):
        parts.append(
            f'<termEntry id="2_{76365 + i}"><langSet xml:lang="en-US"><descripGrp>'
            f'<descrip type="definition">The definition of concept {i}.</descrip></descripGrp>'
            f'<ntig><termGrp><term>term {i}</term><termNote type="partOfSpeech">Noun</termNote>'
            f'</termGrp></ntig></langSet><langSet xml:lang="es-ES"><ntig><termGrp>'
            f'<term>término {i}</term><termNote type="partOfSpeech">Noun</termNote></termGrp>'
            "</ntig></langSet></termEntry>"
        )
    parts.append("</body></text></martif>\n")
    return "".join(parts).encode("utf-8")


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5783)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "terms.tbx"
        path.write_bytes(build(args.entries))
        size = path.stat().st_size // 1024
        reads, writes = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            glossary = read_tbx(path)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            tbx_bytes(glossary, 3)
            writes.append(time.perf_counter() - start)
    assert len(glossary) == args.entries
    print(f"| step ({args.entries} entries, {size} KB) | best s | median s |")
    print("|---|--:|--:|")
    print(f"| read TBX v2 | {min(reads):.3f} | {statistics.median(reads):.3f} |")
    print(f"| write TBX v3 | {min(writes):.3f} | {statistics.median(writes):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
