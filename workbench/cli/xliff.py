"""`workbench import xliff` and `workbench export xliff`: bilingual files from and for CAT tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.exchange import action_parsers, parse_langs
from workbench.core.errors import ProjectError, UsageError
from workbench.project.project import Project
from workbench.project.xliff_exchange import import_xliff, selected_langs
from workbench.project.xliff_writeback import export_with_origins, keep_origin, origin_files

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    """Add `import xliff` and `export xliff`."""
    imports = action_parsers(subparsers, "import", "make a project from a TMX or PO file")
    xliff_in = imports.add_parser(
        "xliff",
        help="make a project from an XLIFF file (1.0-1.2, 2.0; sdlxliff, mqxliff)",
        description="Read a bilingual XLIFF file from a CAT tool (OmegaT, Okapi, memoQ "
        "mqxliff, Trados sdlxliff, Phrase, XLIFF 2.0) into a new two-language project to "
        "review and check terminology: one paragraph per unit, one 1-1 bead per segment "
        "(confirmed where the tool says a person approved it, 1-0 where there is no "
        "translation yet). Inline codes are kept.",
    )
    xliff_in.add_argument("file", type=Path, help="the XLIFF file to read")
    xliff_in.add_argument(
        "--into", type=Path, help="the new project's folder [a folder named after the file]"
    )
    xliff_in.add_argument(
        "--pivot", help="the project's pivot: the file's source or target language [source]"
    )
    xliff_in.add_argument(
        "--target-lang", help="the target language when the file names none (BCP 47 tag)"
    )
    xliff_in.add_argument("--name", help="the project's name [the folder's name]")
    xliff_in.set_defaults(handler=run_import_xliff)

    exports = action_parsers(
        subparsers, "export", "write the alignments as TMX or PO (glossaries: glossary export)"
    )
    xliff_out = exports.add_parser(
        "xliff",
        help="one bilingual XLIFF file per aligned pair",
        description="Write each aligned pair as XLIFF 1.2 or 2.0 (valid against the OASIS "
        "schemas): one unit per bead with both sides, confirmed beads approved (1.2 "
        "approved=yes, signed-off; 2.0 reviewed), inline codes as XLIFF codes. 1-0 and 0-1 "
        "beads have no pair and are left out. A project made with `import xliff` is written "
        "back into a copy of the imported file instead (same name, in the output folder): "
        "targets and their states are filled in, everything else the CAT tool wrote (skeleton, "
        "sdl:seg-defs, mq: attributes, notes, tag definitions) is kept.",
    )
    xliff_out.add_argument(
        "project", nargs="?", type=Path, help="project folder [the one around here]"
    )
    xliff_out.add_argument(
        "-o", "--output", type=Path, help="the folder to write into [the project's xliff/]"
    )
    xliff_out.add_argument("--langs", help="target languages, e.g. es,ru,zh [every aligned one]")
    xliff_out.add_argument(
        "--xliff-version",
        choices=("1.2", "2.0"),
        help="write a new file of this version, even for a project made from an XLIFF file "
        "[1.2; a project made from an XLIFF file is written back into it]",
    )
    xliff_out.add_argument(
        "--only-confirmed", action="store_true", help="leave out beads not yet confirmed"
    )
    back = xliff_out.add_mutually_exclusive_group()
    back.add_argument(
        "--into",
        type=Path,
        metavar="ORIGINAL",
        help="write the translations into a copy of this XLIFF file (the CAT tool's own "
        "sdlxliff, mqxliff, XLIFF 1.2 or 2.0 the project was made from) [the imported one]",
    )
    back.add_argument(
        "--new-file",
        action="store_true",
        help="write a new bilingual file per pair even when the project came from an XLIFF file",
    )
    xliff_out.set_defaults(handler=run_export_xliff)


def run_import_xliff(args: argparse.Namespace) -> int:
    """Make a two-language project from an XLIFF file."""
    result = import_xliff(args.file, pivot=args.pivot, target_lang=args.target_lang)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    folder = args.into or Path(args.file.stem)
    text = result.text
    try:
        project = Project.create_from_text(text, folder, args.name)
        # The client's file itself, so `export xliff` can write the reviewed targets back
        # into it with everything the CAT tool needs around them.
        (lang,) = text.alignments
        keep_origin(project.root, lang, args.file)
    except OSError as exc:
        raise ProjectError(f"cannot write the project in {folder}: {exc}") from None
    counts = ", ".join(
        f"{lang} {len(text.documents[lang])}" for lang in [text.pivot, *text.alignments]
    )
    print(f"made project {project.name} in {project.root}: segments {counts}")
    return 0


def run_export_xliff(args: argparse.Namespace) -> int:
    """Write one XLIFF file per aligned pair, into the imported file where there is one."""
    project = Project.open(args.project)
    output = args.output or project.root / "xliff"
    text = project.text
    langs = parse_langs(args.langs)
    if args.new_file:
        origins = {}
    elif args.into is not None:
        chosen = selected_langs(text, langs)
        if len(chosen) != 1:
            raise UsageError(
                f"--into takes one pair; choose one of {', '.join(chosen)} with --langs"
            )
        if not args.into.is_file():
            raise UsageError(f"--into {args.into}: no such file")
        origins = {chosen[0]: args.into}
    else:
        origins = origin_files(project.root, list(text.alignments))
    warnings: list[str] = []
    written = export_with_origins(
        text,
        output,
        langs,
        origins,
        version=args.xliff_version,
        only_confirmed=args.only_confirmed,
        name=project.name,
        warnings=warnings,
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.into is not None and not any(back for _, _, back in written):
        raise UsageError(f"--into {args.into}: the alignment does not fit this file")
    for path, count, back in written:
        if back:
            print(f"wrote {path}: {count} segments filled or changed in the imported file")
        else:
            print(f"wrote {path}: {count} units (XLIFF {args.xliff_version or '1.2'})")
    return 0
