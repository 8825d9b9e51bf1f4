"""Confidence calibration: the aligner's bead posteriors mapped to the chance of being right.

Posteriors among the paths of one band overclaim (beads at 0.95-0.99 were right 87% of the
time on Text+Berg). A logistic map of the posterior's log-odds and the bead's shape, fit by
`benchmarks/calibrate.py` on development documents (Text+Berg dev, MAC-Dev, five TransRead
books) and checked there on documents it never saw, turns them into probabilities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Calibration:
    """p = sigmoid(bias + slope * logit(posterior) + other * [not 1-1] + null * [1-0 / 0-1])."""

    bias: float
    slope: float
    other: float
    null: float

    def __call__(self, posterior: float, di: int, dj: int) -> float:
        """The calibrated confidence of a bead of shape (di, dj) with this posterior."""
        p = min(max(posterior, _EPS), 1.0 - _EPS)
        z = self.bias + self.slope * math.log(p / (1.0 - p))
        if (di, dj) != (1, 1):
            z += self.other
        if di == 0 or dj == 0:
            z += self.null
        if z < 0:
            return math.exp(z) / (1.0 + math.exp(z))
        return 1.0 / (1.0 + math.exp(-z))


_EPS = 1e-6
#: Fit by benchmarks/calibrate.py (lengths and words only).
LEXICAL = Calibration(bias=-0.1214, slope=0.6822, other=-0.171, null=-1.4427)
#: Fit by benchmarks/calibrate.py (with sentence embeddings).
EMBEDDED = Calibration(bias=0.3186, slope=0.5305, other=-0.3956, null=-1.9059)
