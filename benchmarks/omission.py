"""Calibrate the omission (1-0 / 0-1) cost on the development sets: a table per offset.

Run `python benchmarks/omission.py [--no-embeddings]` from the repository root. For each extra
cost of a 1-0/0-1 bead (`workbench.align.scoring.OMISSION_OFFSET`, in nats) it aligns the
development documents only (Text+Berg dev, the ten TransRead books, 1984, MAC-Dev when cached;
never the held-out splits) and prints strict F1 per set, how many gold omissions were found
exactly, how many omissions the aligner output and how many of them were right, and per
document whether strict F1 rose or fell against the offset in use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import align as bench  # noqa: E402

from workbench.align import scoring  # noqa: E402
from workbench.align.embeddings import embeddings_available  # noqa: E402
from workbench.align.evaluate import links_of, score, score_multiple  # noqa: E402

DEV = ("textberg de-fr", "transread", "1984", "MAC-Dev")
OFFSETS = (-1.0, -0.5, 0.0, 0.5, 1.0, 2.0)


def _null(link: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    return not link[0] or not link[1]


def main() -> None:
    """Print one table per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-embeddings", dest="embeddings", action="store_false")
    args = parser.parse_args()
    modes = [False] + ([True] if args.embeddings and embeddings_available() else [])
    sets = [g for g in bench.gold_sets() if g.name.startswith(DEV)]
    in_use = scoring.OMISSION_OFFSET
    for embedded in modes:
        print(f"\n## Omission cost, {'embeddings' if embedded else 'no embeddings'}\n")
        print(f"(offset in use: {in_use:+.1f}; nulls: gold found / output right of output)\n")
        print("| offset | " + " | ".join(g.name for g in sets) + " | documents up / down |")
        print("|---|" + "---|" * len(sets) + "---|")
        reference: dict[tuple[str, int], float] = {}
        rows: list[tuple[float, str, tuple[int, int]]] = []
        for offset in sorted(OFFSETS, key=lambda v: v != in_use):
            scoring.OMISSION_OFFSET = offset
            cells: list[str] = []
            per_doc: list[float] = []
            for gold in sets:
                pairs = []
                found = gold_nulls = out_nulls = right = 0
                for k, doc in enumerate(gold.documents):
                    beads = bench.ours(doc, gold.src_lang, gold.tgt_lang, embeddings=embedded)
                    test = links_of(beads)
                    pairs.append((doc.gold, test))
                    f1 = score(doc.gold, test).strict_f1
                    reference.setdefault((gold.name, k), f1)
                    per_doc.append(f1 - reference[(gold.name, k)])
                    gold_set = {(tuple(s), tuple(t)) for s, t in doc.gold}
                    test_set = {(tuple(s), tuple(t)) for s, t in test}
                    gold_null = {g for g in gold_set if _null(g)}
                    out_null = {t for t in test_set if _null(t)}
                    gold_nulls += len(gold_null)
                    found += len(gold_null & test_set)
                    out_nulls += len(out_null)
                    right += len(out_null & gold_set)
                strict = score_multiple(pairs).strict_f1
                cells.append(f"{strict:.3f} ({found}/{gold_nulls}, {right}/{out_nulls})")
            up = sum(1 for d in per_doc if d > 0.0005)
            down = sum(1 for d in per_doc if d < -0.0005)
            rows.append((offset, " | ".join(cells), (up, down)))
        scoring.OMISSION_OFFSET = in_use
        for offset, cells_text, (up, down) in sorted(rows):
            mark = " (in use)" if offset == in_use else ""
            print(f"| {offset:+.1f}{mark} | {cells_text} | {up} / {down} |", flush=True)


if __name__ == "__main__":
    main()
