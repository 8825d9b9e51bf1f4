"""Scoring sentence alignments against gold: strict and lax precision, recall and F1.

The convention is Vecalign's and Bertalign's: precision runs over every output link (null links
included); recall drops links with an empty side from both gold and output and swaps the roles.
Counts are summed over all documents before dividing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.alignment import Bead
from workbench.core.errors import FormatError, InputError

Link = tuple[tuple[int, ...], tuple[int, ...]]

_LINK = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]\s*(?::\s*([0-9.eE+-]+))?\s*$")


@dataclass(frozen=True, slots=True)
class Counts:
    """True and false positive counts for one direction (precision or recall)."""

    strict_tp: int = 0
    strict_fp: int = 0
    lax_tp: int = 0
    lax_fp: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_tp + other.strict_tp,
            self.strict_fp + other.strict_fp,
            self.lax_tp + other.lax_tp,
            self.lax_fp + other.lax_fp,
        )


@dataclass(frozen=True, slots=True)
class Scores:
    """Strict and lax precision, recall and F1 (each in [0, 1])."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float

    def format(self) -> str:
        """Two lines a person can read."""
        return (
            f"strict  P={self.strict_precision:.3f}  R={self.strict_recall:.3f}"
            f"  F1={self.strict_f1:.3f}\n"
            f"lax     P={self.lax_precision:.3f}  R={self.lax_recall:.3f}"
            f"  F1={self.lax_f1:.3f}\n"
        )


def _ratio(tp: int, fp: int) -> float:
    return tp / (tp + fp) if tp + fp else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _count(gold: Sequence[Link], test: Sequence[Link]) -> Counts:
    """Each test link against the gold links: exact match (strict) or overlap on both sides."""
    exact = set(gold)
    by_source: dict[int, list[int]] = {}
    for number, (src, _tgt) in enumerate(gold):
        for i in src:
            by_source.setdefault(i, []).append(number)
    strict_tp = strict_fp = lax_tp = lax_fp = 0
    for src, tgt in test:
        if not src and not tgt:
            continue
        if (src, tgt) in exact:
            strict_tp += 1
            lax_tp += 1
            continue
        strict_fp += 1
        targets = set(tgt)
        overlapping = any(
            targets.intersection(gold[number][1]) for i in src for number in by_source.get(i, ())
        )
        if overlapping:
            lax_tp += 1
        else:
            lax_fp += 1
    return Counts(strict_tp, strict_fp, lax_tp, lax_fp)


def counts(gold: Sequence[Link], test: Sequence[Link]) -> tuple[Counts, Counts]:
    """(precision counts, recall counts) of one document."""
    precision = _count(gold, test)
    gold_full = [link for link in gold if link[0] and link[1]]
    test_full = [link for link in test if link[0] and link[1]]
    recall = _count(test_full, gold_full)
    return precision, recall


def scores_from_counts(precision: Counts, recall: Counts) -> Scores:
    """Scores from summed counts."""
    sp = _ratio(precision.strict_tp, precision.strict_fp)
    sr = _ratio(recall.strict_tp, recall.strict_fp)
    lp = _ratio(precision.lax_tp, precision.lax_fp)
    lr = _ratio(recall.lax_tp, recall.lax_fp)
    return Scores(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr))


def score(gold: Sequence[Link], test: Sequence[Link]) -> Scores:
    """Strict and lax P/R/F1 of one test alignment against its gold."""
    return score_multiple([(gold, test)])


def score_multiple(pairs: Iterable[tuple[Sequence[Link], Sequence[Link]]]) -> Scores:
    """Scores over several documents, counts summed before dividing."""
    total_p = Counts()
    total_r = Counts()
    for gold, test in pairs:
        p, r = counts(list(gold), list(test))
        total_p += p
        total_r += r
    return scores_from_counts(total_p, total_r)


def parse_links(text: str, path: str | Path | None = None) -> list[Link]:
    """Links from `[0]:[0, 1]` lines (an optional `:0.83` confidence is ignored)."""
    return [link for link, _confidence in parse_scored_links(text, path)]


def parse_scored_links(
    text: str, path: str | Path | None = None
) -> list[tuple[Link, float | None]]:
    """Links from `[0]:[0, 1]` lines with their `:0.83` confidence (None where absent)."""
    links: list[tuple[Link, float | None]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINK.match(line)
        if match is None:
            raise FormatError(
                f"expected a link like [0]:[0, 1], got {line.strip()[:60]!r}", path, number
            )
        src = tuple(int(x) for x in match.group(1).replace(",", " ").split())
        tgt = tuple(int(x) for x in match.group(2).replace(",", " ").split())
        confidence = None
        if match.group(3) is not None:
            try:
                confidence = float(match.group(3))
            except ValueError:
                raise FormatError(
                    f"expected a confidence after the link, got {match.group(3)!r}", path, number
                ) from None
            if not 0.0 <= confidence <= 1.0:
                raise FormatError(f"a confidence lies in [0, 1], got {confidence}", path, number)
        links.append(((src, tgt), confidence))
    return links


def parse_ladder(text: str, path: str | Path | None = None) -> list[Link]:
    """Links from a ladder: rungs `i j`; consecutive rungs bound one bead."""
    rungs: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        try:
            i, j = int(parts[0]), int(parts[1])
        except (ValueError, IndexError):
            raise FormatError(
                f"expected a rung 'i j', got {line.strip()[:60]!r}", path, number
            ) from None
        if rungs and (i < rungs[-1][0] or j < rungs[-1][1]):
            raise FormatError("ladder rungs must not go back", path, number)
        rungs.append((i, j))
    links: list[Link] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(rungs):
        if i1 > i0 or j1 > j0:
            links.append((tuple(range(i0, i1)), tuple(range(j0, j1))))
    return links


def read_links(path: str | Path) -> list[Link]:
    """Read a link file (`[0]:[0]`) or a ladder file (`0 0`), told apart by the first line."""
    return [link for link, _confidence in read_scored_links(path)]


def read_scored_links(path: str | Path) -> list[tuple[Link, float | None]]:
    """Like read_links, with each link's confidence where the file gives one."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("no such file", file) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise FormatError("the file holds no links", file)
    if first.lstrip().startswith("["):
        return parse_scored_links(text, file)
    return [(link, None) for link in parse_ladder(text, file)]


def links_of(beads: Iterable[Bead]) -> list[Link]:
    """The links of a list of beads."""
    return [(b.source, b.target) for b in beads]


def format_link(link: Link, confidence: float | None = None) -> str:
    """One link as Vecalign writes it: `[0]:[0, 1]`, optionally followed by `:0.83`."""
    src = ", ".join(str(i) for i in link[0])
    tgt = ", ".join(str(j) for j in link[1])
    text = f"[{src}]:[{tgt}]"
    if confidence is not None:
        text += f":{confidence:.2f}"
    return text


def merge_within_groups(
    links: Sequence[Link], source_group: Sequence[str], target_group: Sequence[str]
) -> list[Link]:
    """Merge consecutive links whose segments all fall inside one group (a Bible verse)."""
    merged: list[Link] = []
    last_group: str | None = None
    for src, tgt in links:
        groups = {source_group[i] for i in src} | {target_group[j] for j in tgt}
        group = next(iter(groups)) if len(groups) == 1 else None
        if group is not None and group == last_group and merged:
            prev_src, prev_tgt = merged[-1]
            merged[-1] = (prev_src + src, prev_tgt + tgt)
        else:
            merged.append((src, tgt))
        last_group = group
    return merged


#: Reliability bins: equal width over [0, 1] (the last one closed).
RELIABILITY_BINS = 10


@dataclass(frozen=True, slots=True)
class ReliabilityRow:
    """One confidence bin: its bounds, how many beads fell in it, their mean confidence and
    the share of them that were exactly right."""

    low: float
    high: float
    beads: int
    confidence: float
    correct: float


@dataclass(frozen=True, slots=True)
class Reliability:
    """Confidence bins against the share correct, and the expected calibration error."""

    rows: tuple[ReliabilityRow, ...]
    ece: float
    beads: int

    def share_correct_at(self, threshold: float, judged: Sequence[tuple[float, bool]]) -> float:
        """The share exactly right among `judged` beads with confidence >= `threshold`."""
        above = [ok for c, ok in judged if c >= threshold]
        return sum(above) / len(above) if above else 1.0

    def format(self) -> str:
        """A table a person can read, then the ECE."""
        lines = ["confidence    beads  mean conf  exactly right"]
        for row in self.rows:
            if row.beads:
                lines.append(
                    f"[{row.low:.1f}, {row.high:.1f}{']' if row.high >= 1 else ')'}"
                    f"  {row.beads:7d}  {row.confidence:9.3f}  {row.correct:13.3f}"
                )
        lines.append(f"ECE {self.ece:.3f} over {self.beads} beads")
        return "\n".join(lines) + "\n"


def reliability(judged: Sequence[tuple[float, bool]], bins: int = RELIABILITY_BINS) -> Reliability:
    """Reliability table and expected calibration error of (confidence, exactly right) pairs.

    ECE = sum over bins of (beads in bin / all beads) * |share correct - mean confidence|.
    """
    rows: list[ReliabilityRow] = []
    ece = 0.0
    total = len(judged)
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in judged if low <= c < high or (b == bins - 1 and c >= high)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            correct = sum(ok for _, ok in inside) / len(inside)
            ece += len(inside) / total * abs(correct - conf)
        else:
            conf = correct = 0.0
        rows.append(ReliabilityRow(low, high, len(inside), conf, correct))
    return Reliability(tuple(rows), ece, total)


def judge_links(
    gold: Sequence[Link], scored: Iterable[tuple[Link, float | None]]
) -> list[tuple[float, bool]]:
    """(confidence, exactly a gold link) for every test link that has a confidence."""
    exact = set(gold)
    return [(c, link in exact) for link, c in scored if c is not None]


def judge(gold: Sequence[Link], beads: Iterable[Bead]) -> list[tuple[float, bool]]:
    """(confidence, exactly a gold link) for every bead."""
    exact = set(gold)
    return [(b.confidence, (b.source, b.target) in exact) for b in beads]
