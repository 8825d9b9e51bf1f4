"""`workbench segment`: split a document into segments, one a line, paragraphs blank-separated."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli._common import (
    add_reading_flags,
    emit,
    language,
    print_removed,
    print_warnings,
    reading_options,
)
from workbench.core.segmentation import segment_paragraphs
from workbench.formats.plaintext import read_document
from workbench.formats.srx import load_rules


def format_segments(paragraphs: list[list[str]]) -> str:
    """One segment per line, an empty line between paragraphs, a final newline."""
    if not paragraphs:
        return ""
    return "\n\n".join("\n".join(segments) for segments in paragraphs) + "\n"


def run(args: argparse.Namespace) -> int:
    """Read, segment and print the document named on the command line."""
    rules = load_rules(args.lang, args.rules)
    reading = reading_options(args)
    document = read_document(
        args.file, args.encoding, lang=args.lang, keep_furniture=reading.keep_furniture
    )
    print_warnings(args.file, document.warnings)
    if args.show_removed:
        print_removed(args.file, document.removed)
    paragraphs = document.all_paragraphs(reading.footnotes)
    emit(format_segments(segment_paragraphs(paragraphs, args.lang, rules)), args.output)
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `segment` subcommand."""
    parser = subparsers.add_parser(
        "segment",
        help="split a document into sentences (one per line)",
        description="Split a document (.txt, .docx, .html, .pdf, .odt, .rtf) into paragraphs "
        "and sentence segments with the SRX rules for its language. Prints one segment per "
        "line and an empty line between paragraphs. PDF pages lose their running headers, "
        "footers and page numbers; footnotes (of PDF, ODT and RTF) follow the body as their "
        "own paragraphs.",
    )
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="the document (.txt, .docx, .html/.htm, .pdf, .odt/.fodt, .rtf)",
    )
    add_reading_flags(parser, "a PDF")
    parser.add_argument(
        "--lang",
        "-l",
        required=True,
        type=language,
        metavar="L",
        help="language code of the document: en, es, ru, zh, ... (other "
        "languages get the default rules)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="write to OUT instead of standard output",
    )
    parser.add_argument(
        "--encoding",
        metavar="E",
        default=None,
        help="encoding of a text file when it is neither UTF-8 nor has a "
        "byte-order mark (latin-1, cp1252, cp1251, gb18030...)",
    )
    parser.add_argument(
        "--rules",
        metavar="DIR",
        type=Path,
        default=None,
        help="folder of SRX rule files (<lang>.srx, default.srx and their word "
        "lists) that overrides the bundled rules",
    )
    parser.set_defaults(handler=run)
