"""PDF furniture removal: what is removed (right/wrong), paragraphs, hyphens, alignment F1.

Run `python benchmarks/pdf_furniture.py` from the repository root. Four tables:

1. For every real PDF under tests/data/real/pdf with a hand-made reference (set "dev": the
   rules were tuned on it; "held-out": never tuned on, measured only) and the SCO 2006 PDFs
   (tests/data/formats/pdf, laid out like UN documents; set "made", their reference is the
   text they were made from): the pieces removed, how many of them the reference lists as
   furniture (right) or not (wrong), the furniture left in (missed), furniture precision and
   recall; paragraph F1 (a paragraph counts when its text is the reference's exactly) with
   the furniture removed and kept; line-end hyphens judged right (joined or kept as the
   reference writes the word) of those the reference decides.
2. The same counts added up per set and language.
3. Alignment F1 (strict and lax, `workbench.align.evaluate`) of en-es, en-ru and en-zh read
   from the SCO PDFs, against the hand alignment of benchmarks/data/sco-2006 (made by
   reading), with the furniture removed (footnotes after the body, or dropped) and kept. A
   segment counts as the gold one only when its text is the same (spaces aside), so a
   header spliced into a sentence costs the links of that sentence.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.align import align_segments  # noqa: E402
from workbench.align.evaluate import Link, links_of, read_links, score  # noqa: E402
from workbench.core.segmentation import segment_paragraphs, split_paragraphs  # noqa: E402
from workbench.formats.hyphens import LINE_END_HYPHENS, first_word, last_word  # noqa: E402
from workbench.formats.pdf import read_pdf, read_pdf_pages  # noqa: E402
from workbench.formats.srx import load_rules  # noqa: E402

REAL = ROOT / "tests" / "data" / "real" / "pdf"
MADE = ROOT / "tests" / "data" / "formats" / "pdf"
GOLD = ROOT / "benchmarks" / "data" / "sco-2006"
TEXTS = ROOT / "resources" / "texts" / "sco-2006"
sys.path.insert(0, str(MADE))
from make_pdfs import HEADER_DATE, JOB, SYMBOL  # noqa: E402
from make_pdfs import NOTES as NOTE_TEXTS  # noqa: E402

NOTES = {
    lang: [f"{n} {text}" for n, (_, text) in enumerate(notes, 1)]
    for lang, notes in NOTE_TEXTS.items()
}
# (name, language, set): "held-out" documents were never looked at while tuning the rules.
REAL_DOCS = [
    ("council-5419-16-en-p1-6", "en", "dev"),
    ("unfccc-adp-2015-8-en-p1-4", "en", "dev"),
    ("un-a-l632-en-1971", "en", "dev"),
    ("un-a-res-78-27-en", "en", "dev"),
    ("un-a-res-79-34-en", "en", "held-out"),
    ("un-a-res-79-297-en", "en", "held-out"),
]
SCO_LANGS = ["en", "es", "ru", "zh"]


def _norm(text: str) -> str:
    return " ".join(text.split())


def furniture_counts(
    removed: Iterable[tuple[int, str]], expected: Iterable[tuple[int, str]]
) -> tuple[int, int, int]:
    """(right, wrong, missed): removed pieces the reference lists, does not list, and left in.

    An expected piece on page 0 may be on any page.
    """
    want = Counter((page, _norm(text)) for page, text in expected)
    got = Counter((page, _norm(text)) for page, text in removed)
    exact = got & want
    right = sum(exact.values())
    anywhere = Counter(
        text for (page, text), n in (want - exact).items() if page == 0 for _ in range(n)
    )
    rest = Counter(text for (_, text), n in (got - exact).items() for _ in range(n))
    right += sum((rest & anywhere).values())
    return right, sum(got.values()) - right, sum(want.values()) - right


def paragraphs_found(found: list[str], reference: list[str]) -> int:
    """How many reference paragraphs come out exactly (as a multiset: order aside)."""
    return sum((Counter(map(_norm, found)) & Counter(map(_norm, reference))).values())


def read_tsv(path: Path) -> list[tuple[int, str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        page, _, text = line.partition("\t")
        rows.append((int(page), text))
    return rows


@dataclass
class Counts:
    """What one document (or a set of them) scored."""

    removed: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    found: int = 0
    reference: int = 0
    matched: int = 0
    kept_found: int = 0
    kept_matched: int = 0
    hyphens: int = 0
    hyphens_right: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def _f1(matched: int, found: int, reference: int) -> str:
    return _ratio(2 * matched, found + reference)


def hyphen_cases(pdf: Path, reference: str) -> list[tuple[str, str, bool]]:
    """(left, right, joined) for each line-end hyphen whose word the reference writes one
    way: joined ("develop-" + "ment" -> "development") or kept ("anti-" + "personnel")."""
    words = set(reference.split())
    bare = {w.strip('.,;:()\u201c\u201d"') for w in words}
    cases = []
    for page in read_pdf_pages(pdf):
        for line, following in itertools.pairwise(page.lines):
            text = line.text.rstrip()
            if not (text[-1:] in LINE_END_HYPHENS and text[-2:-1].isalpha()):
                continue
            left, right = last_word(text), first_word(following.text)
            if not (left and right):
                continue
            if left + right in bare:
                cases.append((left, right, True))
            elif f"{left}-{right}" in bare:
                cases.append((left, right, False))
    return cases


def hyphens_right(cases: list[tuple[str, str, bool]], output: str) -> int:
    bare = {w.strip('.,;:()\u201c\u201d"') for w in output.split()}
    return sum(
        (left + right in bare) if joined else (f"{left}-{right}" in bare)
        for left, right, joined in cases
    )


def document_counts(pdf: Path, lang: str, reference: list[str], expected) -> Counts:
    cleaned = read_pdf(pdf, lang)
    kept = read_pdf(pdf, lang, remove_furniture=False)
    right, wrong, missed = furniture_counts(((r.page, r.text) for r in cleaned.removed), expected)
    found = cleaned.all_paragraphs()
    cases = hyphen_cases(pdf, " ".join(reference))
    return Counts(
        removed=len(cleaned.removed),
        right=right,
        wrong=wrong,
        missed=missed,
        found=len(found),
        reference=len(reference),
        matched=paragraphs_found(found, reference),
        kept_found=len(kept.paragraphs),
        kept_matched=paragraphs_found(kept.paragraphs, reference),
        hyphens=len(cases),
        hyphens_right=hyphens_right(cases, " ".join(found)),
    )


HEADER = (
    f"{'':<28} {'set':<8} {'la':<3} {'removed':>7} {'right':>5} {'wrong':>5} {'missed':>6}"
    f" {'P':>6} {'R':>6} {'para F1':>7} {'kept F1':>7} {'para':>7} {'hyphens':>7}"
)


def row(name: str, group: str, lang: str, c: Counts) -> str:
    return (
        f"{name:<28} {group:<8} {lang:<3} {c.removed:>7} {c.right:>5} {c.wrong:>5} {c.missed:>6}"
        f" {_ratio(c.right, c.right + c.wrong):>6} {_ratio(c.right, c.right + c.missed):>6}"
        f" {_f1(c.matched, c.found, c.reference):>7}"
        f" {_f1(c.kept_matched, c.kept_found, c.reference):>7}"
        f" {f'{c.matched}/{c.reference}':>7} {f'{c.hyphens_right}/{c.hyphens}':>7}"
    )


def documents_table() -> None:
    print("Furniture removed and paragraphs read (reference by hand / the source text)\n")
    print(HEADER.replace(" " * 28, f"{'document':<28}", 1))
    totals: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for name, lang, group in REAL_DOCS:
        reference = (REAL / f"{name}.paragraphs.txt").read_text("utf-8").splitlines()
        notes = REAL / f"{name}.footnotes.txt"
        if notes.exists():
            reference += notes.read_text("utf-8").splitlines()
        expected = read_tsv(REAL / f"{name}.furniture.tsv")
        counts = document_counts(REAL / f"{name}.pdf", lang, reference, expected)
        totals[group, lang].add(counts)
        print(row(name, group, lang, counts))
    for lang in SCO_LANGS:
        source = [_norm(p) for p in split_paragraphs((TEXTS / f"{lang}.txt").read_text("utf-8"))]
        source += NOTES[lang]
        pdf = MADE / f"sco-2006-{lang}.pdf"
        counts = document_counts(pdf, lang, source, sco_furniture(pdf, lang))
        totals["made", lang].add(counts)
        print(row(f"sco-2006-{lang}.pdf", "made", lang, counts))
    print("\nAdded up per set and language\n")
    print(HEADER.replace(" " * 28, f"{'total':<28}", 1))
    for (group, lang), counts in sorted(totals.items()):
        print(row("", group, lang, counts))


def sco_furniture(pdf: Path, lang: str) -> list[tuple[int, str]]:
    """What make_pdfs.py printed as furniture: header, footer and the two note marks."""
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)
    rows: list[tuple[int, str]] = [(0, "1"), (0, "2")]
    for page in range(1, pages + 1):
        rows += [(page, SYMBOL), (page, HEADER_DATE[lang]), (page, JOB[lang])]
        rows.append((page, f"{page}/{pages}"))
    return rows


def _gold_segments(lang: str) -> list[str]:
    lines = (GOLD / f"{lang}.txt").read_text("utf-8").splitlines()
    return [_norm(line) for line in lines if line.strip()]


def _segments(lang: str, mode: str) -> tuple[list[str], list[int]]:
    pdf = MADE / f"sco-2006-{lang}.pdf"
    cleaned = read_pdf(pdf, lang, remove_furniture=mode != "kept")
    paragraphs = cleaned.all_paragraphs("drop" if mode == "dropped" else "end")
    segmented = [p for p in segment_paragraphs(paragraphs, lang, load_rules(lang)) if p]
    flat: list[str] = []
    starts: list[int] = []
    for paragraph in segmented:
        starts.append(len(flat))
        flat.extend(_norm(s) for s in paragraph)
    return flat, starts


def _to_gold(segments: list[str], gold: list[str]) -> list[int]:
    """Gold index of each segment with the same text (in order), or a fresh number."""
    mapped: list[int] = []
    cursor = 0
    for n, text in enumerate(segments):
        try:
            at = gold.index(text, cursor)
        except ValueError:
            mapped.append(100_000 + n)
            continue
        mapped.append(at)
        cursor = at + 1
    return mapped


def alignment_table() -> None:
    print("\nAlignment F1 of the SCO 2006 PDFs against the hand alignment (strict / lax)\n")
    print(f"{'pair':<7} {'furniture removed':>18} {'+ notes dropped':>16} {'kept':>14}")
    gold_en = _gold_segments("en")
    for lang in ("es", "ru", "zh"):
        gold_links: list[Link] = read_links(GOLD / f"en-{lang}.align")
        gold_tgt = _gold_segments(lang)
        cells = []
        for mode in ("removed", "dropped", "kept"):
            src, src_starts = _segments("en", mode)
            tgt, tgt_starts = _segments(lang, mode)
            beads = align_segments(
                src, tgt, "en", lang, source_paragraphs=src_starts, target_paragraphs=tgt_starts
            )
            src_map, tgt_map = _to_gold(src, gold_en), _to_gold(tgt, gold_tgt)
            test = [
                (tuple(src_map[i] for i in s), tuple(tgt_map[i] for i in t))
                for s, t in links_of(beads)
            ]
            result = score(gold_links, test)
            cells.append(f"{result.strict_f1:.3f} / {result.lax_f1:.3f}")
        print(f"en-{lang:<4} {cells[0]:>18} {cells[1]:>16} {cells[2]:>14}")


def main() -> int:
    documents_table()
    alignment_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
