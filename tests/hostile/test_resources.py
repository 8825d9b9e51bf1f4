"""Resource bounds (issue 12.5): sizes checked before inflating, workers capped by the work,
memory bounded. Each memory case runs in its own process, whose peak resident memory
(ru_maxrss) must stay under a bound; `benchmarks/hostile.py` prints the measured numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.crafted import docx_bomb
from workbench.formats.tmx_reader import TmxReader

ROOT = Path(__file__).resolve().parents[2]
# Python, lxml, polib and the workbench's modules alone take ~60-90 MB.
MEMORY_BOUND_MB = 300

CHILD = """
import json, resource, sys
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
outcome = "read"
try:
    if kind == "po":
        from workbench.formats.po import import_po
        import_po(path)
    else:
        from workbench.formats.plaintext import read_paragraphs
        read_paragraphs(path)
except Exception as exc:
    outcome = type(exc).__name__
# VmHWM is this program's own peak: ru_maxrss keeps the forked parent's across exec.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
except OSError:
    pass
print(json.dumps({"outcome": outcome, "peak_mb": peak}))
"""


def measure(kind: str, path: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def test_docx_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = docx_bomb(tmp_path / "bomb.docx", 256 << 20)
    assert path.stat().st_size < 1_000_000
    data = measure("doc", path)
    assert data["outcome"] == "FormatError"
    assert float(str(data["peak_mb"])) < MEMORY_BOUND_MB


def test_big_po_entry_is_read_in_bounded_memory(tmp_path: Path) -> None:
    entry = "x" * (6 << 20)
    path = tmp_path / "big.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
        f'msgid "{entry}"\nmsgstr "{entry}"\n',
        "utf-8",
    )
    data = measure("po", path)
    assert data["outcome"] == "read"
    assert float(str(data["peak_mb"])) < MEMORY_BOUND_MB


@pytest.mark.parametrize(("jobs", "size", "expected"), [(1000, 400, 0), (1000, 3 << 20, 2)])
def test_tmx_workers_are_capped_by_the_work(
    tmp_path: Path, jobs: int, size: int, expected: int
) -> None:
    path = tmp_path / "in.tmx"
    path.write_bytes(b" " * size)
    with open(path, "rb") as stream:
        assert TmxReader(path, workers=jobs)._worker_count(stream) == expected
