"""Fit the aligner's confidence calibration on development documents; check it on others.

Run `python benchmarks/calibrate.py [--embeddings]` from the repository root. It aligns the fit
documents (Text+Berg dev, MAC-Dev when cached, the first five TransRead books) with the
calibration switched off, fits the logistic map of `workbench/align/calibration.py` by Newton's
method, prints its coefficients (to paste there), then prints the reliability table and ECE of
the calibrated confidences on held-out documents (the other TransRead books, 1984, the SCO
statements, and the cached Text+Berg and MAC test splits).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import align as bench  # noqa: E402

from workbench.align import calibration  # noqa: E402
from workbench.align.evaluate import reliability  # noqa: E402

IDENTITY = calibration.Calibration(0.0, 1.0, 0.0, 0.0)


def split() -> tuple[
    list[tuple[bench.GoldSet, bench.Document]], list[tuple[bench.GoldSet, bench.Document]]
]:
    """(fit documents, held-out documents); the Bible is left out (its gold is per verse)."""
    fit, held = [], []
    for gold in bench.gold_sets():
        if gold.name.startswith("bible"):
            continue
        for k, doc in enumerate(gold.documents):
            dev = gold.name.startswith(("textberg de-fr", "MAC-Dev")) or (
                gold.name.startswith("transread") and k < 5
            )
            (fit if dev else held).append((gold, doc))
    return fit, held


def collect(
    docs: list[tuple[bench.GoldSet, bench.Document]], embeddings: bool
) -> list[tuple[float, int, int, bool]]:
    """(posterior or confidence, di, dj, exactly right) of every bead."""
    out = []
    for gold, doc in docs:
        beads = bench.ours(doc, gold.src_lang, gold.tgt_lang, embeddings=embeddings)
        exact = set(doc.gold)
        out.extend(
            (b.confidence, len(b.source), len(b.target), (b.source, b.target) in exact)
            for b in beads
        )
    return out


def fit(rows: list[tuple[float, int, int, bool]]) -> calibration.Calibration:
    """Logistic regression (Newton's method, a small ridge) of right/wrong on the features."""
    eps = 1e-6
    x = np.array(
        [
            [
                1.0,
                math.log(min(max(p, eps), 1 - eps) / (1 - min(max(p, eps), 1 - eps))),
                float((di, dj) != (1, 1)),
                float(di == 0 or dj == 0),
            ]
            for p, di, dj, _ok in rows
        ]
    )
    y = np.array([float(ok) for *_rest, ok in rows])
    w = np.array([0.0, 1.0, 0.0, 0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        prior = w - np.array([0.0, 1.0, 0.0, 0.0])  # ridge toward the identity map
        grad = x.T @ (p - y) + 1.0 * prior
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1.0 * np.eye(4)
        step = np.clip(np.linalg.solve(hess, grad), -1.0, 1.0)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return calibration.Calibration(*(round(float(v), 4) for v in w))


def main() -> None:
    """Fit, print the coefficients, print held-out reliability."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", action="store_true", help="fit the embeddings map")
    args = parser.parse_args()
    name = "EMBEDDED" if args.embeddings else "LEXICAL"
    fit_docs, held_docs = split()
    saved = calibration.LEXICAL, calibration.EMBEDDED
    calibration.LEXICAL = calibration.EMBEDDED = IDENTITY
    rows = collect(fit_docs, args.embeddings)
    calibration.LEXICAL, calibration.EMBEDDED = saved
    found = fit(rows)
    print(f"# Calibration fit ({name}) on {len(fit_docs)} documents, {len(rows)} beads\n")
    print(f"{name} = {found!r}\n")
    before = reliability([(p, ok) for p, _di, _dj, ok in rows])
    print(f"fit documents, uncalibrated ECE {before.ece:.3f}\n")
    setattr(calibration, name, found)
    held: list[tuple[float, int, int, bool]] = []
    print("| held-out set | documents | beads | ECE | beads >= 0.9 | exactly right |")
    print("|---|---|---|---|---|---|")
    for set_name in dict.fromkeys(g.name for g, _d in held_docs):
        docs = [(g, d) for g, d in held_docs if g.name == set_name]
        rows_set = collect(docs, args.embeddings)
        held.extend(rows_set)
        part = [(p, ok) for p, _di, _dj, ok in rows_set]
        top = [ok for p, ok in part if p >= 0.9]
        share = f"{sum(top) / len(top):.3f}" if top else "-"
        print(
            f"| {set_name} | {len(docs)} | {len(part)} | {reliability(part).ece:.3f} "
            f"| {len(top)} | {share} |",
            flush=True,
        )
    print()
    judged = [(p, ok) for p, _di, _dj, ok in held]
    table = reliability(judged)
    print(f"## Held-out ({len(held_docs)} documents, {len(held)} beads)\n")
    print(table.format())
    above = [ok for p, ok in judged if p >= 0.9]
    print(f"beads >= 0.9: {len(above)}, exactly right {sum(above) / max(len(above), 1):.3f}")


if __name__ == "__main__":
    main()
