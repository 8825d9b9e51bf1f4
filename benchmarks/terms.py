"""Terminology check speed: N beads x 3 target languages against a 1,000-concept glossary.

Texts are generated from the vocabulary of the bundled SCO 2006 texts (so the Russian words
go through pymorphy3, the Spanish and English through Snowball, the Chinese through opencc),
with a glossary term in about every third sentence, some of them deprecated. The glossary is
the bundled one plus generated concepts whose terms are made of the same vocabulary's
content words (so running text holds chance matches and near misses too).
First it prints the checker's precision and recall on the bundled SCO 2006 texts against
the drift listed by reading them (tests/data/terms/sco-2006-expected-drift.json), with the
hand alignment of the tests and with the bundled project's own alignment (its stored XCES
files, else the aligner's output).

Speed (every check on: the glossary kinds and the QA rules, with a forbidden string and a
regex per language, numbers in a fifth of the sentences and dates in a tenth): the texts
are generated once for the largest size; every size checks the first N beads
of that same text, so the sizes differ in length only. Each run is a fresh process (cold
lemma/stem caches, the Russian dictionary loaded inside the timed call), timed around
`check_drift` alone, wall and CPU. The table gives the median and the slowest of the runs and
the cost per bead check; equal us/check across sizes means cost linear in text size.
Run: python benchmarks/terms.py [--sizes 50000,100000] [--runs 3] [--head-share 0.2]
     [--no-speed] [--no-accuracy] [--without-qa]
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.core.alignment import Alignment, ParallelText, bead  # noqa: E402
from workbench.core.document import Document  # noqa: E402
from workbench.formats.tbx import read_tbx  # noqa: E402
from workbench.terms.drift import check_drift  # noqa: E402
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus  # noqa: E402

LANGS = ("en", "es", "ru", "zh")
TEXTS = ROOT / "resources/texts/sco-2006"


def vocabulary(lang: str) -> list[str]:
    text = (TEXTS / f"{lang}.txt").read_text(encoding="utf-8")
    if lang == "zh":
        return re.findall(r"[\u4e00-\u9fff]", text)
    return re.findall(r"[^\W\d_]+", text)


def content_words(lang: str, words: list[str]) -> list[str]:
    """Words a term is made of: no function words (short words, the commonest characters)."""
    if lang == "zh":
        common = {c for c, _ in Counter(words).most_common(60)}
        return sorted(set(words) - common)
    return sorted({w for w in words if len(w) > 3})


def make_glossary(
    words: dict[str, list[str]], concepts: int, rng: random.Random, head_share: float
) -> Glossary:
    base = read_tbx(ROOT / "resources/glossary/information-security.tbx")
    made = list(base.concepts)
    words = {lang: content_words(lang, w) for lang, w in words.items()}
    # A term's first word comes from a share of the content words (a domain's head words);
    # head_share=1 lets every content word begin some term (the densest case).
    heads = {lang: rng.sample(w, max(1, int(len(w) * head_share))) for lang, w in words.items()}
    for number in range(concepts - len(made)):
        terms = []
        for lang in LANGS:
            size = rng.randint(2, 4)
            glue = "" if lang == "zh" else " "
            text = glue.join(
                [rng.choice(heads[lang]), *(rng.choice(words[lang]) for _ in range(size - 1))]
            )
            terms.append(Term(text, lang, TermStatus.PREFERRED))
            if rng.random() < 0.2:
                alt = glue.join(
                    [rng.choice(heads[lang]), *(rng.choice(words[lang]) for _ in range(size - 1))]
                )
                terms.append(Term(alt, lang, TermStatus.DEPRECATED))
        made.append(Concept(f"gen{number}", "generated", terms=tuple(terms)))
    return Glossary(made)


def make_segments(
    glossary: Glossary, words: dict[str, list[str]], beads: int, rng: random.Random
) -> dict[str, list[str]]:
    """`beads` generated sentences per language, bead i made of sentence i of each."""
    # Filler words that are one-word terms themselves (ICT, ШОС) would stand for terms whose
    # translation was dropped in every bead; leave them to the inserted terms.
    single = {t.text for c in glossary.concepts for t in c.terms if " " not in t.text}
    words = {lang: [w for w in w_list if w not in single] for lang, w_list in words.items()}
    segments: dict[str, list[str]] = {lang: [] for lang in LANGS}
    concepts = glossary.concepts
    for _ in range(beads):
        chosen = rng.choice(concepts) if rng.random() < 0.33 else None
        # Every fifth sentence has a number (1 in 20 of them changed in one target), so the
        # number check does real work; every tenth a date.
        number = f"{rng.randint(1, 999)}.{rng.randint(1, 9)}" if rng.random() < 0.2 else ""
        day = rng.randint(1, 28) if rng.random() < 0.1 else 0
        changed = rng.choice(LANGS[1:]) if number and rng.random() < 0.05 else ""
        for lang in LANGS:
            glue = "" if lang == "zh" else " "
            length = 40 if lang == "zh" else 18
            parts = [rng.choice(words[lang]) for _ in range(length)]
            if chosen is not None and chosen.terms_in(lang):
                term = rng.choice(chosen.terms_in(lang)).text
                parts.insert(rng.randrange(len(parts)), term)
            if number:
                shown = number if lang != changed else number + "1"
                parts.insert(rng.randrange(len(parts)), _LOCAL_NUMBER[lang](shown))
            if day:
                parts.insert(rng.randrange(len(parts)), _LOCAL_DATE[lang](day))
            segments[lang].append(glue.join(parts) + ("。" if lang == "zh" else "."))
    return segments


_LOCAL_NUMBER = {
    "en": lambda n: n,
    "es": lambda n: n.replace(".", ","),
    "ru": lambda n: n.replace(".", ","),
    "zh": lambda n: n,
}
_LOCAL_DATE = {
    "en": lambda d: f"{d} June 2006",
    "es": lambda d: f"{d} de junio de 2006",
    "ru": lambda d: f"{d} июня 2006 года",
    "zh": lambda d: f"2006年6月{d}日",
}
# The QA rules of the timed runs: a forbidden string and a regex per target language.
RULES = {
    "forbidden": [
        {"id": "es-word", "lang": "es", "pattern": "mediante"},
        {"id": "es-regex", "lang": "es", "pattern": r"\bseguridad\s+informática\b", "regex": True},
        {"id": "ru-word", "lang": "ru", "pattern": "безопасности информации"},
        {"id": "ru-regex", "lang": "ru", "pattern": r"\bе(?:ё|е)\b", "regex": True},
        {"id": "zh-word", "lang": "zh", "pattern": "资讯"},
        {"id": "zh-regex", "lang": "zh", "pattern": "[資訊]+", "regex": True},
    ]
}


def make_text(segments: dict[str, list[str]], beads: int) -> ParallelText:
    """The first `beads` beads of `segments` as an aligned text (10 sentences a paragraph)."""
    documents = {
        lang: Document(lang, [segs[i : min(i + 10, beads)] for i in range(0, beads, 10)])
        for lang, segs in segments.items()
    }
    alignments = {
        lang: Alignment(documents["en"], documents[lang], [bead([i], [i]) for i in range(beads)])
        for lang in LANGS[1:]
    }
    return ParallelText("en", documents, alignments)


def _test_texts() -> list[tuple[str, ParallelText, Glossary, object, Path]]:
    """(label, text, glossary, QA rules, drift list) of every text read for drift."""
    sys.path.insert(0, str(ROOT))
    from tests.terms.factories import aligned_text, sco_text
    from workbench.formats.glossary_csv import read_glossary_csv
    from workbench.project.qa_rules import read_qa_rules
    from workbench.terms.qa import QaRules

    glossary = read_tbx(ROOT / "resources/glossary/information-security.tbx")
    sco_expected = ROOT / "tests/data/terms/sco-2006-expected-drift.json"
    texts: list[tuple[str, ParallelText, Glossary, object, Path]] = [
        ("sco-2006 (hand alignment)", sco_text(), glossary, QaRules(), sco_expected)
    ]
    try:
        from workbench.project.project import Project

        project = Project.open(ROOT)
        label = "sco-2006 (bundled project)"
        if project.missing_alignments:
            from workbench.align import align_text

            project.text.alignments.update(align_text(project.text))
            label = "sco-2006 (project, aligner output)"
        texts.append((label, project.text, glossary, QaRules(), sco_expected))
    except Exception as exc:  # the project or aligner may be broken; the hand row still counts
        print(f"(bundled project skipped: {exc})")
    for folder in sorted((ROOT / "tests/data/terms").iterdir()):
        if not (folder / "aligned.json").is_file():
            continue
        rules_file = folder / "qa-rules.json"
        rules = read_qa_rules(rules_file) if rules_file.is_file() else QaRules()
        texts.append(
            (
                folder.name,
                aligned_text(folder / "aligned.json"),
                read_glossary_csv(folder / "glossary.csv"),
                rules,
                folder / "expected-drift.json",
            )
        )
    return texts


def accuracy() -> None:
    """Precision and recall per text and per kind, against drift lists written by reading."""
    from workbench.terms.evaluate import load_expected, score

    print("Drift found against the drift listed by reading (notes set apart: they claim no drift)")
    header = (
        f"{'text':<30} {'kind':<13} {'listed':>6} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'precision':>9} {'recall':>7}"
    )
    print(header)
    totals = [0, 0, 0]
    for label, text, glossary, rules, drift_list in _test_texts():
        expected = load_expected(drift_list)
        findings = check_drift(text, glossary, rules=rules)  # type: ignore[arg-type]
        result = score(findings, expected)
        rows = [
            *result.by_kind().items(),
            ("all", (result.true_positives, len(result.false_positives), len(result.missed))),
        ]
        for kind, (tp, fp, fn) in rows:
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            print(
                f"{label:<30} {kind:<13} {tp + fn:>6} {tp:>4} {fp:>4} {fn:>4} "
                f"{precision:>9.3f} {recall:>7.3f}"
            )
        totals = [
            totals[0] + result.true_positives,
            totals[1] + len(result.false_positives),
            totals[2] + len(result.missed),
        ]
        if result.notes:
            print(f"{'':<30} notes: {len(result.notes)} (deprecated term, concept not in source)")
        for finding in result.false_positives:
            print(
                f"   false alarm: {finding.lang} {finding.kind.value} {finding.concept} "
                f"{finding.found!r} in {finding.target_text[:60]!r}"
            )
        for item in result.missed:
            print(f"   missed: {item.lang} {item.kind} {item.concept} {item.target[:60]!r}")
    tp, fp, fn = totals
    print(
        f"{'all texts':<30} {'all':<13} {tp + fn:>6} {tp:>4} {fp:>4} {fn:>4} "
        f"{tp / (tp + fp) if tp + fp else 1.0:>9.3f} {tp / (tp + fn) if tp + fn else 1.0:>7.3f}"
    )
    print()


def timed_run(data: Path, beads: int, without_qa: bool = False) -> None:
    """One measurement, in this (fresh) process: print wall s, CPU s, findings as JSON."""
    with data.open("rb") as handle:
        glossary, segments = pickle.load(handle)
    from workbench.terms.qa import QaRules

    text = make_text(segments, beads)
    rules = QaRules.from_dict(RULES)
    if without_qa:
        from workbench.terms.findings import FindingKind

        rules = QaRules(disabled=frozenset(k for k in FindingKind if not k.is_glossary_kind))
    start, cpu = time.perf_counter(), time.process_time()
    findings = check_drift(text, glossary, rules=rules)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"wall": elapsed, "cpu": cpu, "findings": len(findings)}))


def speed(args: argparse.Namespace) -> None:
    """Generate once, then time each size in fresh processes; print the table."""
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(2006)
    words = {lang: vocabulary(lang) for lang in LANGS}
    glossary = make_glossary(words, args.concepts, rng, args.head_share)
    segments = make_segments(glossary, words, max(sizes), rng)
    terms = sum(len(c.terms) for c in glossary.concepts)
    print(
        f"glossary: {len(glossary)} concepts, {terms} terms; head share {args.head_share}; "
        f"{args.runs} fresh-process runs per size, median (max)"
    )
    print(
        f"{'beads':>8} {'targets':>7} {'bead checks':>11} {'findings':>9} {'wall s':>14} "
        f"{'cpu s':>14} {'beads/s':>8} {'us/check':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.pickle"
        with data.open("wb") as handle:
            pickle.dump((glossary, segments), handle)
        for size in sizes:
            runs = []
            for _ in range(args.runs):
                out = subprocess.run(
                    [sys.executable, __file__, "--timed-run", str(data), str(size)]
                    + (["--without-qa"] if args.without_qa else []),
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                runs.append(json.loads(out.splitlines()[-1]))
            wall = [r["wall"] for r in runs]
            cpu = [r["cpu"] for r in runs]
            findings = {r["findings"] for r in runs}
            checks = size * 3
            cpu_mid = statistics.median(cpu)
            print(
                f"{size:>8} {3:>7} {checks:>11} {'/'.join(map(str, sorted(findings))):>9} "
                f"{statistics.median(wall):>6.2f} ({max(wall):>5.2f}) "
                f"{cpu_mid:>6.2f} ({max(cpu):>5.2f}) "
                f"{size / cpu_mid:>8.0f} {cpu_mid / checks * 1e6:>8.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,100000", help="bead counts [50000,100000]")
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs per size [3]")
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument(
        "--head-share",
        type=float,
        default=0.2,
        help="share of content words that may begin a term [0.2]; 1 = densest case",
    )
    parser.add_argument("--no-speed", action="store_true", help="accuracy table only")
    parser.add_argument("--no-accuracy", action="store_true", help="speed table only")
    parser.add_argument(
        "--without-qa", action="store_true", help="time the glossary kinds only (QA rules off)"
    )
    parser.add_argument("--timed-run", nargs=2, metavar=("DATA", "BEADS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_run:
        timed_run(Path(args.timed_run[0]), int(args.timed_run[1]), args.without_qa)
        return
    if not args.no_accuracy:
        accuracy()
    if not args.no_speed:
        speed(args)


if __name__ == "__main__":
    main()
