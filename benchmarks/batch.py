"""Batch throughput: sets/s and segments/s for 1 and 2 local workers and a Dask LocalCluster.

Each set is a copy of the bundled SCO 2006 text in four languages (en pivot; es, ru, zh) checked
against the bundled information-security glossary, or with `--synthetic` a tiny generated set.
Prints a table and, from the median per-set task time, an estimate for a 100k-set corpus on a
32-worker cluster.

    python benchmarks/batch.py [--sets 16] [--synthetic] [--no-dask]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.batch.factories import write_corpus  # noqa: E402
from workbench.batch.corpus import BatchResult, SetStatus, run_batch  # noqa: E402
from workbench.batch.engines import DaskEngine, Engine, LocalEngine  # noqa: E402
from workbench.batch.manifest import read_manifest  # noqa: E402
from workbench.batch.runner import BatchConfig  # noqa: E402
from workbench.project.glossary import load_glossary  # noqa: E402

SCO = REPO / "resources/texts/sco-2006"
GLOSSARY = REPO / "resources/glossary/information-security.tbx"
LANGS = ("en", "es", "ru", "zh")


def sco_corpus(root: Path, count: int) -> Path:
    """`count` sets, each a copy of the SCO 2006 texts, and their manifest."""
    lines = []
    for index in range(count):
        set_id = f"sco-{index:04d}"
        folder = root / "texts" / set_id
        folder.mkdir(parents=True)
        for lang in LANGS:
            shutil.copyfile(SCO / f"{lang}.txt", folder / f"{lang}.txt")
        documents = {lang: f"texts/{set_id}/{lang}.txt" for lang in LANGS}
        lines.append(json.dumps({"id": set_id, "pivot": "en", "documents": documents}))
    manifest = root / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def measure(
    name: str, engine: Engine, manifest: Path, config: BatchConfig, out: Path
) -> dict[str, object]:
    """Run the batch once into a fresh folder and return its numbers."""
    sets = read_manifest(manifest)
    try:
        result: BatchResult = run_batch(sets, out, config, engine)
    finally:
        engine.close()
    done = [r for r in result.results if r.status is SetStatus.DONE]
    if len(done) != len(sets):
        raise SystemExit(f"{name}: only {len(done)} of {len(sets)} sets done: {result.failed}")
    segments = sum(r.stats.total_segments for r in done)
    costs = sorted(r.seconds for r in done)
    return {
        "engine": name,
        "workers": engine.workers,
        "sets": len(done),
        "segments": segments,
        "wall": result.wall_seconds,
        "sets_per_s": len(done) / result.wall_seconds,
        "segments_per_s": segments / result.wall_seconds,
        "median_task": statistics.median(costs),
        "max_task": costs[-1],
    }


def main() -> int:
    """Run the benchmark and print the table and the estimate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=16, help="document sets (default 16)")
    parser.add_argument("--synthetic", action="store_true", help="tiny generated sets")
    parser.add_argument("--no-dask", action="store_true", help="skip the LocalCluster run")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="workbench-batch-bench-") as tmp:
        root = Path(tmp)
        if args.synthetic:
            manifest, _ = write_corpus(root, args.sets)
            glossary_path = root / "glossary.csv"
            from tests.batch.factories import write_glossary

            write_glossary(root)
        else:
            manifest = sco_corpus(root, args.sets)
            glossary_path = GLOSSARY
        config = BatchConfig(
            steps=frozenset({"align", "check", "export"}),
            creationdate="20260101T000000Z",
            glossary=load_glossary(glossary_path),
            glossary_sha256="benchmark",
        )
        rows = [
            measure("local pool", LocalEngine(1), manifest, config, root / "out-1"),
            measure("local pool", LocalEngine(2), manifest, config, root / "out-2"),
        ]
        if not args.no_dask:
            try:
                from distributed import LocalCluster
            except ImportError:
                print("(distributed not installed: no LocalCluster row)")
            else:
                with LocalCluster(
                    n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
                ) as cluster:
                    engine = DaskEngine(cluster.scheduler_address)
                    rows.append(measure("Dask LocalCluster", engine, manifest, config, root / "d"))
    per_set = int(str(rows[0]["segments"])) // int(str(rows[0]["sets"]))
    kind = "synthetic sets" if args.synthetic else "copies of SCO 2006 (en+es+ru+zh)"
    kind += f", {per_set} segments per set"
    print(
        f"Batch throughput, {args.sets} sets of {kind}; cores: {os.cpu_count()}; "
        f"load average before: {load:.2f}"
    )
    print(
        f"{'engine':<18} {'workers':>7} {'sets':>5} {'wall s':>7} {'sets/s':>7} "
        f"{'segments/s':>10} {'median task s':>13} {'max task s':>10}"
    )
    for row in rows:
        print(
            f"{row['engine']:<18} {row['workers']:>7} {row['sets']:>5} {row['wall']:>7.2f} "
            f"{row['sets_per_s']:>7.2f} {row['segments_per_s']:>10.1f} "
            f"{row['median_task']:>13.3f} {row['max_task']:>10.2f}"
        )
    # One worker on its own core is the cleanest per-set cost; a cluster gives each worker one.
    cost = float(str(rows[0]["median_task"]))
    corpus, workers = 100_000, 32
    hours = corpus * cost / workers / 3600
    print(
        f"Estimate: {corpus:,} such sets on {workers} workers at {cost:.3f} s per set "
        f"(median task time, 1 local worker) = {corpus * cost / workers:,.0f} s "
        f"= {hours:.2f} h of compute, "
        "plus start-up (~3 s per worker) and the client writing outputs."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
