"""`workbench batch`: align, check and export many document sets locally or on a Dask cluster."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

from workbench.cli._common import TerminalProgress, add_reading_flags, reading_options
from workbench.core.errors import FormatError, UsageError

# A Dask address: scheme://host:port (tcp, tls, ws, wss, inproc, ucx) or host:port.
_SCHEDULER = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?[\w.\-\[\]:]+:\d{1,5}$")

EXIT_INTERRUPTED = 130


def parse_steps(text: str, has_glossary: bool, explicit: bool) -> frozenset[str]:
    """The steps to run; `check` needs a glossary, `check` and `export` need `align`."""
    from workbench.batch.runner import STEPS

    steps = {s.strip() for s in text.split(",") if s.strip()}
    unknown = sorted(steps - set(STEPS))
    if unknown:
        raise UsageError(f"unknown step(s) {', '.join(unknown)}; choose from {', '.join(STEPS)}")
    if steps & {"check", "export"} and "align" not in steps:
        raise UsageError("the check and export steps need the align step (--steps align,...)")
    if "check" in steps and not has_glossary:
        if explicit:
            raise UsageError("the check step needs a glossary: --glossary FILE")
        steps.discard("check")
    return frozenset(steps)


def run(args: argparse.Namespace) -> int:
    """Run the batch, print the summary and write summary.json and summary.html."""
    from workbench.batch.corpus import SetStatus, run_batch
    from workbench.batch.engines import make_engine
    from workbench.batch.manifest import read_manifest
    from workbench.batch.runner import BatchConfig
    from workbench.batch.summary import build_summary, render_text, write_summary

    steps = parse_steps(
        args.steps or "align,check,export", args.glossary is not None, args.steps is not None
    )
    if args.scheduler is not None and not _SCHEDULER.match(args.scheduler):
        raise UsageError(
            f"--scheduler {args.scheduler!r} is not a scheduler address; "
            "expected e.g. tcp://host:8786"
        )
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out} is a file; name a folder for the batch's outputs")
    rejected: list[FormatError] = []
    sets = read_manifest(args.manifest, None if args.strict else rejected, args.encoding)
    for problem in rejected:
        print(f"workbench batch: skipped: {problem}", file=sys.stderr)
    glossary = None
    digest = ""
    if args.glossary is not None and "check" in steps:
        from workbench.project.glossary import load_glossary

        glossary = load_glossary(args.glossary)
        digest = hashlib.sha256(Path(args.glossary).read_bytes()).hexdigest()
    config = BatchConfig(
        steps=steps,
        creationdate=time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()),
        glossary=glossary,
        glossary_sha256=digest,
        embeddings=args.embeddings,
        reading=reading_options(args),
        show_removed=args.show_removed,
    )
    if args.connect_timeout <= 0:
        raise UsageError(f"--connect-timeout {args.connect_timeout:g} must be above 0 seconds")
    engine = make_engine(args.jobs, args.scheduler, args.connect_timeout)
    try:
        result = run_batch(sets, args.out, config, engine, TerminalProgress("sets"))
    finally:
        engine.close()
    summary = build_summary(result)
    sys.stdout.write(render_text(summary))  # shown even when the disk is too full for the files
    sys.stdout.flush()
    json_path, html_path = write_summary(args.out, summary)
    sys.stdout.write(f"Summary: {json_path}, {html_path}\n")
    sys.stdout.flush()
    if result.interrupted:
        return EXIT_INTERRUPTED
    if rejected:
        print(f"workbench batch: {len(rejected)} manifest line(s) skipped", file=sys.stderr)
    return 1 if result.count(SetStatus.FAILED) or rejected else 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `batch` subcommand."""
    parser = subparsers.add_parser(
        "batch",
        help="align, check and export many document sets (local cores or a Dask cluster)",
        description="Process a corpus of document sets listed in a JSON Lines manifest, one "
        'set a line: {"id": "sco-2006", "pivot": "en", "documents": {"en": "texts/en.txt", '
        '"es": "texts/es.txt"}} (paths relative to the manifest). Each set is segmented, '
        "aligned pivot-to-each, checked against the glossary and exported into OUT/<id>/ "
        "(segmented documents, XCES per pair, TMX per pair and all languages, findings.json). "
        "Sets whose outputs are complete are skipped, so a re-run continues an interrupted "
        "batch; failed sets are reported and do not stop the others. Writes OUT/summary.json "
        "and OUT/summary.html. Exit status: 0 all sets done, 1 some failed, 130 interrupted.",
    )
    parser.add_argument("manifest", type=Path, metavar="MANIFEST", help="the JSON Lines manifest")
    from workbench.cli.align import add_embedding_flags

    add_embedding_flags(parser)
    parser.add_argument(
        "--out", "-o", type=Path, required=True, metavar="DIR", help="output folder"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes on this machine (default: all cores)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run on a Dask distributed cluster, e.g. tcp://host:8786 (needs the dask extra; "
        "workers must see the document paths)",
    )
    parser.add_argument(
        "--connect-timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for the --scheduler to answer before giving up [5]",
    )
    parser.add_argument(
        "--glossary",
        "-g",
        type=Path,
        default=None,
        metavar="FILE",
        help="glossary to check the terminology against (.tbx or .csv)",
    )
    parser.add_argument(
        "--encoding",
        metavar="E",
        help="the documents' encoding when not UTF-8 or UTF-16/32 with BOM (latin-1, "
        'cp1251...); a manifest entry {"path": ..., "encoding": ...} names its own',
    )
    parser.add_argument(
        "--steps",
        default=None,
        metavar="STEPS",
        help="comma-separated steps: align,check,export (default: all; check only with a "
        "glossary). Documents are always segmented.",
    )
    add_reading_flags(
        parser,
        show_help="write what was taken out of each set's documents (running headers, footers, "
        "page numbers, footnote marks) to OUT/<id>/removed.tsv",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse the whole manifest when a line is bad (default: report it, run the rest)",
    )
    parser.set_defaults(handler=run)
