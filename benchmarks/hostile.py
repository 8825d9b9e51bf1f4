"""Resource bounds on hostile inputs: peak memory and time of each reader, one process each.

Run: python3 benchmarks/hostile.py [--quick]. Each case runs in a fresh subprocess (so its peak
resident memory, ru_maxrss, is its own) and prints a table: case, input size, outcome, peak MB,
seconds. The test suite bounds the same cases (tests/hostile/test_resources.py); the numbers
are measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
case, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
outcome = "read"
try:
    if case.startswith("po"):
        from workbench.formats.po import import_po
        import_po(path)
    elif case.startswith("tmx"):
        from workbench.formats.export import import_tmx
        import_tmx(path, workers=int(sys.argv[3]) if len(sys.argv) > 3 else None)
    else:
        from workbench.formats.plaintext import read_paragraphs
        read_paragraphs(path)
except Exception as exc:
    outcome = type(exc).__name__
seconds = time.perf_counter() - start
# VmHWM is this program's own peak: ru_maxrss keeps the forked parent's across exec.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
except OSError:
    pass
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"outcome": outcome, "peak_mb": max(peak, children), "seconds": seconds}}))
"""


def make_cases(folder: Path, quick: bool) -> list[tuple[str, Path, list[str]]]:
    sys.path.insert(0, str(ROOT))
    from tests.hostile.crafted import deep_html, docx_bomb, docx_xml, paragraph, write_docx

    cases: list[tuple[str, Path, list[str]]] = []
    inflated = 256 if quick else 1536
    bomb = docx_bomb(folder / "bomb.docx", inflated << 20)
    cases.append((f"docx bomb (inflates to {inflated} MB)", bomb, []))
    big = write_docx(folder / "big.docx", docx_xml(paragraph("word " * 4_000_000)))
    cases.append(("docx 20 MB paragraph", big, []))
    sdt = "<w:sdt><w:sdtContent>" * 5000 + paragraph("deep") + "</w:sdtContent></w:sdt>" * 5000
    cases.append(("docx 5,000 nested w:sdt", write_docx(folder / "sdt.docx", docx_xml(sdt)), []))
    html = folder / "deep.html"
    html.write_text(deep_html(300), "utf-8")
    cases.append(("html 300 nested div", html, []))
    po = folder / "big.po"
    entry = "x" * (6 << 20)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        f'msgid "{entry}"\nmsgstr "{entry}"\n',
        "utf-8",
    )
    cases.append(("po 6 MB entry", po, []))
    tmx = folder / "tiny.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>Hi.</seg></tuv>'
        '<tuv xml:lang="es"><seg>Hola.</seg></tuv></tu></body></tmx>\n',
        "utf-8",
    )
    cases.append(("tmx 400 bytes, --jobs 1000", tmx, ["1000"]))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 256 MB zip bomb, not 1.5 GB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = make_cases(Path(tmp), args.quick)
        print(f"{'case':<32} {'input':>10} {'outcome':<18} {'peak MB':>8} {'s':>6}")
        for name, path, extra in cases:
            kind = "po" if path.suffix == ".po" else "tmx" if path.suffix == ".tmx" else "doc"
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-c", CHILD.format(root=str(ROOT)), kind, str(path), *extra],
                capture_output=True,
                text=True,
                check=True,
            )
            data = json.loads(result.stdout.strip().splitlines()[-1])
            wall = time.perf_counter() - started
            size = f"{path.stat().st_size / 1e6:.2f} MB"
            print(
                f"{name:<32} {size:>10} {data['outcome']:<18} {data['peak_mb']:>8.0f} {wall:>6.1f}"
            )


if __name__ == "__main__":
    main()
