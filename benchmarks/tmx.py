"""Benchmark TMX exchange: stream a 1M-TU four-language TMX out and back in; print a table.

    python benchmarks/tmx.py                      # 1,000,000 TUs, project phases at 100,000
    python benchmarks/tmx.py --units 200000 --project-units 50000

Phases, each in a fresh process so its peak RSS is its own:

- source: only the generator of TUs that `write` consumes (its share of the write time);
- write:  `write_tmx` from a generator of four-language TUs (the streaming writer);
- read:   `TmxReader` over that file, each TU built and dropped (the streaming reader, with
  its default worker processes: one per CPU, up to 4);
- read1:  the same in this process alone (`workers=0`);
- export: `export_tmx` of a ParallelText (1-1 beads) - the path the CLI and GUI use;
- import: `import_tmx` of that export into a ParallelText (holds the whole text in memory);
- project: `import_tmx_project` of the 1M-TU file into a new project folder, streamed (what
  `workbench import tmx` does), with the reader's default worker processes;
- project1: the same in this process alone (`workers=0`, `workbench import tmx --jobs 0`).

"base MiB" is the process's RSS before the timed work (Python, lxml, the input ParallelText).
"peak MiB" is the peak of the whole process tree (the phase's process, the forkserver and the
worker processes), their RSS summed (so pages they share count once per process: an upper
bound), sampled every 0.1 s.
TU/s is given per wall-clock second and per CPU second of all those processes: on a shared
machine the CPU figure is the one that does not depend on the neighbours' load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document
from workbench.formats.export import import_tmx
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import TranslationUnit, Variant
from workbench.formats.tmx_writer import write_tmx
from workbench.project.exchange import export_tmx
from workbench.project.tmx_import import import_tmx_project

LANGS = ("en", "es", "ru", "zh")
DATE = "20260101T000000Z"
_SENTENCES = {
    "en": "the member states agreed to strengthen cooperation on energy security trade & "
    "transport within <the> organisation and its regional structures",
    "es": "los estados miembros acordaron reforzar la cooperación en energía seguridad "
    "comercio y transporte dentro de la organización española",
    "ru": "государства члены договорились укрепить сотрудничество в области энергетики "
    "безопасности торговли и транспорта в рамках организации",
}
WORDS = {
    **{lang: text.split(" ") for lang, text in _SENTENCES.items()},
    "zh": list("成员国同意加强能源安全贸易和运输领域的合作以及组织内部区域机构"),
}
POOL_SIZE = 2003


def sentence_pool(lang: str) -> list[str]:
    """Deterministic sentences of 6-18 words (characters for zh)."""
    words = WORDS[lang]
    joiner = "" if lang == "zh" else " "
    end = "。" if lang == "zh" else "."
    pool = []
    state = 12345
    for _ in range(POOL_SIZE):
        state = (state * 1103515245 + 12345) % 2**31
        count = 6 + state % 13
        picked = [words[(state >> k) % len(words)] for k in range(count)]
        text = joiner.join(picked)
        pool.append(text[0].upper() + text[1:] + end)
    return pool


def units(count: int) -> Iterator[TranslationUnit]:
    """Four-language TUs with per-language props, as `project_units` makes them."""
    pools = {lang: sentence_pool(lang) for lang in LANGS}
    props = (("x-bead", "1-1"), ("x-status", "confirmed"), ("x-confidence", "0.97"))
    for i in range(count):
        k = (i * 7919) % POOL_SIZE
        yield TranslationUnit(
            (
                Variant("en", (f"{pools['en'][k]} ({i})",)),
                *(Variant(lang, (f"{pools[lang][k]} ({i})",), props) for lang in LANGS[1:]),
            )
        )


def parallel_text(count: int) -> ParallelText:
    """A ParallelText of `count` segments per language, aligned 1-1 and confirmed."""
    pools = {lang: sentence_pool(lang) for lang in LANGS}
    texts = {
        lang: [f"{pools[lang][(i * 7919) % POOL_SIZE]} ({i})" for i in range(count)]
        for lang in LANGS
    }
    docs = {lang: Document(lang, [texts[lang]]) for lang in LANGS}
    beads = [Bead((i,), (i,), BeadStatus.CONFIRMED, 1.0) for i in range(count)]
    alignments = {lang: Alignment(docs["en"], docs[lang], beads) for lang in LANGS[1:]}
    return ParallelText("en", docs, alignments)


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    """This process's resident memory now, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_mib()


class TreeMonitor:
    """Sample this process and its descendants: peak summed RSS, and their CPU seconds."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0.0
        self.cpu: dict[int, float] = {}  # descendants' CPU seconds, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._ticks = os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> TreeMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        pids = descendants(os.getpid())
        total = 0.0
        for pid in [os.getpid(), *pids]:
            try:
                total += rss_of(pid)
                if pid != os.getpid():
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    self.cpu[pid] = (int(fields[11]) + int(fields[12])) / self._ticks
            except (OSError, IndexError, ValueError):
                continue  # the process ended between two reads
        self.peak = max(self.peak, total)

    @property
    def children_cpu(self) -> float:
        return sum(self.cpu.values())


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(children)
            todo.extend(children)
    return found


def rss_of(pid: int) -> float:
    """The resident set size of a process, in MiB (/proc/PID/statm: cheap to read)."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20


PAGE = os.sysconf("SC_PAGE_SIZE")


def run_work(phase: str, count: int, folder: Path, text: ParallelText | None) -> int:
    """The timed work of a phase; the number of TUs it handled."""
    stream_file = folder / "stream.tmx"
    project_file = folder / "project.tmx"
    if phase == "source":
        return sum(1 for _ in units(count))
    if phase == "write":
        return write_tmx(
            stream_file, units(count), srclang="en", langs=LANGS, creationdate=DATE
        ).units
    if phase in ("read", "read1"):
        return sum(1 for _ in TmxReader(stream_file, workers=0 if phase == "read1" else None))
    if phase == "export":
        assert text is not None
        export_tmx(text, project_file, creationdate=DATE)
        return count
    if phase == "import":
        return len(import_tmx(project_file).pivot_document)
    if phase in ("project", "project1"):
        target = folder / phase
        workers = 0 if phase == "project1" else None
        return import_tmx_project(stream_file, target, workers=workers).segments["en"]
    raise SystemExit(f"unknown phase {phase}")


def run_phase(phase: str, count: int, folder: Path) -> dict[str, float]:
    """Run one phase here and return its measurements."""
    text = parallel_text(count) if phase == "export" else None
    base = rss_mib()
    with TreeMonitor() as tree:
        start = time.perf_counter()
        cpu_start = time.process_time()
        done = run_work(phase, count, folder, text)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    stream_file = folder / "stream.tmx"
    project_file = folder / "project.tmx"
    output = project_file if phase in ("export", "import") else stream_file
    size = output.stat().st_size if phase != "source" else 0
    return {
        "units": done,
        "seconds": seconds,
        "cpu": cpu + tree.children_cpu,
        "main_cpu": cpu,
        "peak": max(tree.peak, peak_mib()),
        "main_peak": peak_mib(),
        "base": base,
        "bytes": size,
    }


def main() -> int:
    """Run every phase in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000, help="TUs streamed [1,000,000]")
    parser.add_argument(
        "--project-units", type=int, default=100_000, help="TUs for export/import [100,000]"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.count, args.folder)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="tmx-bench-") as folder:
        for phase, count in (
            ("source", args.units),
            ("write", args.units),
            ("read", args.units),
            ("export", args.project_units),
            ("import", args.project_units),
            ("read1", args.units),
            ("project", args.units),
            ("project1", args.units),
        ):
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--phase",
                    phase,
                    "--count",
                    str(count),
                    "--folder",
                    folder,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append((phase, json.loads(result.stdout)))
    print(
        f"{'phase':<7} {'TUs':>10} {'wall s':>7} {'CPU s':>7} {'TU/s wall':>10} "
        f"{'TU/s CPU':>9} {'peak MiB':>9} {'base MiB':>9} {'file MiB':>9} {'main CPU s':>10}"
    )
    for phase, row in rows:
        wall = row["units"] / row["seconds"] if row["seconds"] else 0.0
        cpu = row["units"] / row["cpu"] if row["cpu"] else 0.0
        print(
            f"{phase:<7} {int(row['units']):>10,} {row['seconds']:>7.1f} {row['cpu']:>7.1f} "
            f"{wall:>10,.0f} {cpu:>9,.0f} {row['peak']:>9.0f} {row['base']:>9.0f} "
            f"{row['bytes'] / 2**20:>9.0f} {row['main_cpu']:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
