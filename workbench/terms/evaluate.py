"""Precision and recall of findings against a hand-made list of expected drift."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import FormatError
from workbench.terms.drift import Finding


@dataclass(frozen=True, slots=True)
class ExpectedDrift:
    """One drift instance a reader listed: language, kind, concept and a piece of the target.

    An empty `target` stands for a document-wide finding (an inconsistency across the text).
    """

    lang: str
    kind: str
    concept: str
    target: str


@dataclass(frozen=True, slots=True)
class Score:
    """How the findings compare with the expected list (notes are counted apart)."""

    true_positives: int
    false_positives: tuple[Finding, ...]
    missed: tuple[ExpectedDrift, ...]
    notes: tuple[Finding, ...] = ()
    pairs: tuple[tuple[ExpectedDrift, Finding], ...] = ()

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """Per kind: (true positives, false positives, missed)."""
        table: dict[str, list[int]] = {}
        for item, _ in self.pairs:
            table.setdefault(item.kind, [0, 0, 0])[0] += 1
        for finding in self.false_positives:
            table.setdefault(finding.kind.value, [0, 0, 0])[1] += 1
        for item in self.missed:
            table.setdefault(item.kind, [0, 0, 0])[2] += 1
        return {kind: (tp, fp, fn) for kind, (tp, fp, fn) in sorted(table.items())}

    @property
    def precision(self) -> float:
        """Share of findings that are expected (1.0 when there is no finding)."""
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of expected drift that was found (1.0 when nothing was expected)."""
        wanted = self.true_positives + len(self.missed)
        return self.true_positives / wanted if wanted else 1.0


def load_expected(path: str | Path) -> list[ExpectedDrift]:
    """Read a JSON file `{"drift": [{"lang", "kind", "concept", "target"}, ...]}`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [
            ExpectedDrift(d["lang"], d["kind"], d["concept"], d.get("target", ""))
            for d in data["drift"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FormatError(f"cannot read the expected drift: {exc}", path) from None


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


def _matches(expected: ExpectedDrift, finding: Finding) -> bool:
    if (expected.lang, expected.kind, expected.concept) != (
        finding.lang,
        finding.kind.value,
        finding.concept,
    ):
        return False
    if not expected.target:
        return not finding.source_ids  # document-wide findings name no source segment
    return _norm(expected.target) in _norm(finding.target_text)


def score(findings: Sequence[Finding], expected: Sequence[ExpectedDrift]) -> Score:
    """Pair each expected item with at most one finding (first fit, in order).

    Notes (a deprecated term where the source names another concept) claim no drift: they
    are neither true nor false positives, and are returned apart.
    """
    notes = tuple(f for f in findings if f.is_note)
    unused = [f for f in findings if not f.is_note]
    missed: list[ExpectedDrift] = []
    pairs: list[tuple[ExpectedDrift, Finding]] = []
    for item in expected:
        for index, finding in enumerate(unused):
            if _matches(item, finding):
                pairs.append((item, unused.pop(index)))
                break
        else:
            missed.append(item)
    return Score(len(pairs), tuple(unused), tuple(missed), notes, tuple(pairs))
