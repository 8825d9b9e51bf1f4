"""Segmentation benchmark: boundary precision / recall / F1 per language, and speed.

Run `python benchmarks/segmentation.py` from the repository root. Systems compared on the
hand-written cases of tests/data/segmentation/ (`dev`: the set the rules were developed
against; `held-out`: written afterwards, one rule changed after its first run; `blind`:
written last and never used to change a rule):

- `workbench`: the bundled SRX rules with their abbreviation lists;
- `no-lists`: the same rules with every word list emptied (what the abbreviation data buys);
- `naive`: split after . ! ? 。 ！ ？ followed by whitespace (CJK marks: always).

A boundary is a segment end inside a paragraph, counted on the text without whitespace.

External check (not written by us): the English side of Orwell's *1984* from the Multext-East
corpus (hunalign's regression data, benchmarks/data/hunalign-1984-hu-en/en.sen, LGPL), 6,737
hand-checked sentences, tokens re-joined, then grouped into pseudo-paragraphs of six sentences.
Its convention differs from ours in places (it splits after a colon that introduces a quoted
line, and after a sentence broken off with a dash), which costs recall.
Speed: segments per second of `workbench` over all cases of a language, best of 5 runs.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.segmentation_cases import CASES_DIR, LANGS, boundaries, load_cases  # noqa: E402
from workbench.core.segmentation import SegmentationRules, segment_paragraph  # noqa: E402
from workbench.formats.srx import load_rules  # noqa: E402
from workbench.resources import segmentation_rules_dir  # noqa: E402

Segmenter = Callable[[str, str], list[str]]
_NAIVE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")


@dataclass(frozen=True, slots=True)
class Score:
    """Boundary counts of one system on one set of cases."""

    true_positive: int
    false_positive: int
    false_negative: int
    cases: int
    exact: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def naive(text: str, lang: str) -> list[str]:
    """The baseline: split after sentence punctuation, nothing else."""
    return [part.strip() for part in _NAIVE.split(text) if part.strip()]


def rules_without_lists() -> dict[str, SegmentationRules]:
    """The bundled rules with every word list emptied."""
    folder = Path(tempfile.mkdtemp(prefix="seg-nolists-"))
    try:
        for path in segmentation_rules_dir().glob("*.srx"):
            shutil.copy(path, folder / path.name)
        for path in segmentation_rules_dir().glob("*.txt"):
            (folder / path.name).write_text("# emptied\n", encoding="utf-8")
        return {lang: load_rules(lang, folder) for lang in LANGS}
    finally:
        shutil.rmtree(folder)


def score(segmenter: Segmenter, lang: str, folder: Path) -> Score:
    """Boundary counts of `segmenter` on the cases of `lang` in `folder`."""
    tp = fp = fn = exact = 0
    cases = load_cases(lang, folder)
    for case in cases:
        gold = boundaries(case.expected)
        found = boundaries(segmenter(case.text, lang))
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        exact += gold == found
    return Score(tp, fp, fn, len(cases), exact)


ORWELL = ROOT / "benchmarks" / "data" / "hunalign-1984-hu-en" / "en.sen"
GROUP = 6


def detokenize(line: str) -> str:
    """Undo the corpus tokenisation: no space before closing punctuation or after opening."""
    line = re.sub(r" ([.,;:!?)\]}%])", r"\1", line)
    line = re.sub(r"([(\[{$]) ", r"\1", line)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", line)


def score_external(segmenter: Segmenter) -> Score:
    """Boundary counts on the Orwell sentences, six to a pseudo-paragraph."""
    sentences = [
        detokenize(line.strip()) for line in ORWELL.read_text(encoding="utf-8").split("\n")
    ]
    sentences = [sentence for sentence in sentences if sentence]
    tp = fp = fn = exact = cases = 0
    for start in range(0, len(sentences) - GROUP + 1, GROUP):
        gold_segments = sentences[start : start + GROUP]
        gold = boundaries(gold_segments)
        found = boundaries(segmenter(" ".join(gold_segments), "en"))
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        exact += gold == found
        cases += 1
    return Score(tp, fp, fn, cases, exact)


def speed(lang: str) -> float:
    """Segments per second over every case of `lang`, best of five runs."""
    texts = [case.text for case in load_cases(lang)] * 5
    rules = load_rules(lang)
    best = float("inf")
    count = 0
    for _ in range(5):
        start = time.perf_counter()
        count = sum(len(segment_paragraph(text, lang, rules)) for text in texts)
        best = min(best, time.perf_counter() - start)
    return count / best


def main() -> None:
    """Print the accuracy table and the speed table."""
    stripped = rules_without_lists()
    systems: dict[str, Segmenter] = {
        "workbench": lambda text, lang: segment_paragraph(text, lang, load_rules(lang)),
        "no-lists": lambda text, lang: segment_paragraph(text, lang, stripped[lang]),
        "naive": naive,
    }
    sets = {"dev": CASES_DIR, "held-out": CASES_DIR / "heldout", "blind": CASES_DIR / "blind"}
    header = f"{'set':<9} {'lang':<4} {'system':<10} {'cases':>5} {'exact':>6} " + (
        f"{'gold':>5} {'P':>6} {'R':>6} {'F1':>6}"
    )
    print(header)
    print("-" * len(header))
    for set_name, folder in sets.items():
        for lang in LANGS:
            for name, segmenter in systems.items():
                s = score(segmenter, lang, folder)
                gold = s.true_positive + s.false_negative
                print(
                    f"{set_name:<9} {lang:<4} {name:<10} {s.cases:>5} {s.exact / s.cases:>6.1%} "
                    f"{gold:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
                )
        print()
    if ORWELL.is_file():
        for name in ("workbench", "naive"):
            s = score_external(systems[name])
            gold = s.true_positive + s.false_negative
            print(
                f"{'1984':<9} {'en':<4} {name:<10} {s.cases:>5} {s.exact / s.cases:>6.1%} "
                f"{gold:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            )
    else:
        print(f"(external check skipped: {ORWELL} is missing)")
    print()
    print(f"{'lang':<4} {'segments/s':>11}")
    for lang in LANGS:
        print(f"{lang:<4} {speed(lang):>11,.0f}")


if __name__ == "__main__":
    main()
