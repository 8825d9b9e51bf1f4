"""Helpers shared by the subcommands: output files, terminal progress."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from workbench.core import langtags
from workbench.core.atomic import write_text_atomic
from workbench.core.errors import LanguageTagError, UsageError
from workbench.formats.furniture import ReadingOptions, Removed


def emit(text: str, output: str | Path | None) -> None:
    """Write `text` atomically to `output`, or to stdout when no output is named or it is '-'."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(output, text)


class TerminalProgress:
    """A progress callback that draws a bar on stderr when it is a terminal, else stays quiet."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def print_removed(path: str | Path, removed: list[Removed], stream: TextIO | None = None) -> None:
    """List what a reader took out of a document (page furniture), one line each, on stderr."""
    out = stream if stream is not None else sys.stderr
    if not removed:
        out.write(f"{path}: nothing removed\n")
        return
    out.write(f"{path}: {len(removed)} pieces removed\n")
    for item in removed:
        out.write(f"  page {item.page:>4}  {item.reason:<20} {item.text}\n")


def print_warnings(path: str | Path, warnings: list[str]) -> None:
    """Print what a reader warned of (scripts it ignored...), one line each, on stderr."""
    for warning in warnings:
        print(f"warning: {path}: {warning}", file=sys.stderr)


def add_reading_flags(
    parser: argparse.ArgumentParser, what: str = "each PDF", show_help: str = ""
) -> None:
    """The flags that say how PDF, ODT and RTF documents are read, and what they removed."""
    parser.add_argument(
        "--show-removed",
        action="store_true",
        help=show_help
        or f"list on standard error what was taken out of {what} (running headers, "
        "footers, page numbers, footnote marks), page by page",
    )
    parser.add_argument(
        "--keep-furniture",
        action="store_true",
        help="keep a PDF's headers, footers and page numbers (footnotes stay in place too)",
    )
    parser.add_argument(
        "--drop-footnotes",
        action="store_true",
        help="leave the footnotes of PDF, ODT and RTF documents out instead of adding them "
        "after the body",
    )


def reading_options(args: argparse.Namespace) -> ReadingOptions:
    """The `ReadingOptions` the flags of `add_reading_flags` ask for."""
    return ReadingOptions(keep_furniture=args.keep_furniture, drop_footnotes=args.drop_footnotes)


def language(value: str) -> str:
    """An argparse type: a BCP 47 tag (registered), as given; never a path (exit 2 if not)."""
    try:
        langtags.parse(value)
    except LanguageTagError as exc:
        raise argparse.ArgumentTypeError(exc.problem) from None
    return value


def languages(value: str | None, option: str) -> list[str] | None:
    """`es,ru,zh` -> ["es", "ru", "zh"], each a BCP 47 tag; None stays None (UsageError)."""
    if value is None:
        return None
    langs = [part.strip() for part in value.split(",") if part.strip()]
    if not langs:
        raise UsageError(f"{option} needs at least one language, e.g. {option} es,ru")
    for lang in langs:
        try:
            langtags.parse(lang, source=option)
        except LanguageTagError as exc:
            raise UsageError(exc.problem) from None
    return langs


def add_allow_outside(parser: argparse.ArgumentParser) -> None:
    """The explicit option to read documents a project's manifest names outside its folder."""
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="read documents, rules and glossary the manifest names outside the project folder",
    )
