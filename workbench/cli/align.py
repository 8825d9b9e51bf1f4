"""The `align` and `evaluate` subcommands: align two texts, score alignments against gold."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from workbench.align import align_segments
from workbench.align.dictionaries import dictd_lexicon, dictd_pair, is_dictd
from workbench.align.embeddings import EmbeddingCache
from workbench.align.evaluate import (
    format_link,
    judge_links,
    read_links,
    read_scored_links,
    reliability,
    score_multiple,
)
from workbench.align.lexicon import Lexicon, merge_lexicons
from workbench.cli._common import TerminalProgress, emit, language
from workbench.core.alignment import Alignment, Bead
from workbench.core.cells import neutralise
from workbench.core.document import Document
from workbench.core.errors import InputError, UsageError

FORMATS = ("links", "xces", "tsv")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `align` and `evaluate`."""
    parser = subparsers.add_parser(
        "align",
        help="align the sentences of two texts",
        description="Align the segments of SRC with those of TGT (two-pass length + lexical "
        "aligner) and print one bead per line.",
    )
    parser.add_argument("source", metavar="SRC", help="source text file")
    parser.add_argument("target", metavar="TGT", help="target text file")
    parser.add_argument(
        "--src-lang", required=True, type=language, metavar="L1", help="source language code"
    )
    parser.add_argument(
        "--tgt-lang", required=True, type=language, metavar="L2", help="target language code"
    )
    parser.add_argument(
        "--encoding",
        metavar="E",
        help="the texts' encoding when not UTF-8 or UTF-16/32 with BOM (latin-1, cp1251...)",
    )
    parser.add_argument(
        "--presegmented",
        action="store_true",
        help="one segment per line; an empty line marks a paragraph break",
    )
    parser.add_argument(
        "--glossary",
        metavar="FILE",
        action="append",
        default=[],
        help="TBX or CSV glossary whose terms are used as a dictionary",
    )
    parser.add_argument(
        "--dictionary",
        metavar="FILE",
        action="append",
        default=[],
        help="user dictionary: one 'source<TAB>target' pair per line, or a dictd "
        "dictionary (FreeDict .index/.dict.dz, e.g. /usr/share/dictd/freedict-eng-spa.index)",
    )
    parser.add_argument(
        "--no-builtin-dictionary",
        action="store_true",
        help="do not use the bundled CC-CEDICT for zh-en",
    )
    add_embedding_flags(parser)
    parser.add_argument(
        "--embedding-cache",
        metavar="DIR",
        help="keep sentence embeddings in DIR (a file per segment text), so aligning the "
        "texts again, or an edited version of them, embeds only the segments not seen before",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="links",
        help="links: [0]:[0, 1]:0.83 lines (default); tsv: source, target, "
        "kind, confidence; xces: a cesAlign document",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    parser.set_defaults(handler=run_align)

    evaluate = subparsers.add_parser(
        "evaluate",
        help="score alignments against gold alignments",
        description="Strict and lax precision, recall and F1 of each TEST against its GOLD "
        "(link files like [0]:[0, 1], or ladder files); counts are summed over all pairs.",
    )
    evaluate.add_argument(
        "files", nargs="+", metavar="GOLD TEST", help="pairs of gold and test link files"
    )
    evaluate.set_defaults(handler=run_evaluate)


def add_embedding_flags(parser: argparse.ArgumentParser) -> None:
    """`--embeddings` / `--no-embeddings` (default: use them when the extra is installed)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--embeddings",
        dest="embeddings",
        action="store_const",
        const=True,
        default=None,
        help="re-score uncertain stretches with the bundled sentence-embedding model "
        "(needs the [embeddings] extra; the default when it is installed)",
    )
    group.add_argument(
        "--no-embeddings",
        dest="embeddings",
        action="store_const",
        const=False,
        help="align with lengths and words only",
    )


def read_segments(
    path: str | Path, lang: str, presegmented: bool, encoding: str | None = None
) -> list[list[str]]:
    """Paragraphs of segments of a text file (segmented unless it already is)."""
    from workbench.formats.plaintext import read_text

    text = read_text(path, encoding)
    if presegmented:
        paragraphs: list[list[str]] = [[]]
        for line in text.splitlines():
            line = line.rstrip("\r")
            if line.strip():
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
    else:
        from workbench.core.segmentation import segment_text
        from workbench.formats.srx import load_rules

        paragraphs = [p for p in segment_text(text, lang, load_rules(lang)) if p]
    if not paragraphs:
        raise InputError("the file holds no text to align", path)
    return paragraphs


def glossary_lexicon(path: str | Path, src_lang: str, tgt_lang: str) -> Lexicon:
    """The term pairs of a glossary (every source term with every target term of a concept)."""
    from workbench.core.langs import base_lang
    from workbench.project.glossary import load_glossary

    glossary = load_glossary(path)
    src, tgt = base_lang(src_lang), base_lang(tgt_lang)
    pairs: list[tuple[str, str]] = []
    for concept in glossary.concepts:
        sources = [t.text for t in concept.terms if base_lang(t.lang) == src]
        targets = [t.text for t in concept.terms if base_lang(t.lang) == tgt]
        pairs.extend((s, t) for s in sources for t in targets)
    return Lexicon.from_pairs(pairs, src_lang, tgt_lang)


def _starts(paragraphs: list[list[str]]) -> list[int]:
    starts: list[int] = []
    total = 0
    for paragraph in paragraphs:
        starts.append(total)
        total += len(paragraph)
    return starts


def _clean(text: str) -> str:
    return " ".join(text.split())


def format_beads(
    beads: list[Bead],
    source: Document,
    target: Document,
    fmt: str,
    names: tuple[str, str] = ("source", "target"),
) -> str:
    """The beads as text in one of FORMATS."""
    if fmt == "links":
        return "".join(format_link((b.source, b.target), b.confidence) + "\n" for b in beads)
    if fmt == "tsv":
        src, tgt = source.texts, target.texts
        lines = []
        for b in beads:
            left = " ".join(_clean(src[i]) for i in b.source)
            right = " ".join(_clean(tgt[j]) for j in b.target)
            # Spreadsheets open TSV files: no cell may start a formula (OWASP).
            lines.append(f"{neutralise(left)}\t{neutralise(right)}\t{b.kind}\t{b.confidence:.4f}\n")
        return "".join(lines)
    from workbench.formats.xces import write_alignment

    alignment = Alignment(source, target, beads)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "alignment.xml"
        write_alignment(path, alignment, names[0], names[1])
        return path.read_text(encoding="utf-8")


def run_align(args: argparse.Namespace) -> int:
    """Align SRC with TGT and write the beads."""
    src_paragraphs = read_segments(args.source, args.src_lang, args.presegmented, args.encoding)
    tgt_paragraphs = read_segments(args.target, args.tgt_lang, args.presegmented, args.encoding)
    lexicons: list[Lexicon | None] = []
    for path in args.glossary:
        lexicons.append(glossary_lexicon(path, args.src_lang, args.tgt_lang))
    for path in args.dictionary:
        if is_dictd(path):
            # FreeDict names say their direction (freedict-eng-spa); the lexicon is turned
            # to the pair being aligned when merged.
            src, tgt = dictd_pair(path) or (args.src_lang, args.tgt_lang)
            lexicons.append(dictd_lexicon(path, src, tgt))
        else:
            lexicons.append(Lexicon.from_file(path, args.src_lang, args.tgt_lang))
    lexicon = merge_lexicons(lexicons, args.src_lang, args.tgt_lang) if lexicons else None
    source = Document(args.src_lang, src_paragraphs, Path(args.source).name)
    target = Document(args.tgt_lang, tgt_paragraphs, Path(args.target).name)
    beads = align_segments(
        source.texts,
        target.texts,
        args.src_lang,
        args.tgt_lang,
        source_paragraphs=_starts(src_paragraphs),
        target_paragraphs=_starts(tgt_paragraphs),
        lexicon=lexicon,
        progress=TerminalProgress("aligning"),
        builtin_dictionaries=not args.no_builtin_dictionary,
        embeddings=args.embeddings,
        embedding_cache=EmbeddingCache(args.embedding_cache) if args.embedding_cache else None,
    )
    names = (Path(args.source).name, Path(args.target).name)
    emit(format_beads(beads, source, target, args.format, names), args.output)
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    """Print strict and lax precision, recall and F1 over all GOLD TEST pairs."""
    files: list[str] = args.files
    if len(files) % 2:
        raise UsageError("evaluate takes pairs of files: GOLD TEST [GOLD TEST ...]")
    pairs = []
    judged: list[tuple[float, bool]] = []
    for gold_path, test_path in zip(files[::2], files[1::2], strict=True):
        gold = read_links(gold_path)
        scored = read_scored_links(test_path)
        pairs.append((gold, [link for link, _c in scored]))
        judged.extend(judge_links(gold, scored))
    text = score_multiple(pairs).format()
    if judged:
        # Confidences in the test files (`[0]:[0]:0.83`): how often each band is exactly right.
        text += (
            "\nreliability (beads exactly matching a gold link)\n" + reliability(judged).format()
        )
    emit(text, None)
    return 0
