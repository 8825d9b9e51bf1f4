"""`workbench export tmx|po` and `workbench import tmx|po`: exchange with CAT tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli._common import TerminalProgress, add_allow_outside, language, languages
from workbench.core import langtags
from workbench.core.alignment import ParallelText
from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import LanguageTagError, ProjectError, UsageError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.formats.po import import_po
from workbench.formats.tmx_writer import TmxStats
from workbench.project.exchange import export_po, export_tmx, origin_catalogs
from workbench.project.project import Project
from workbench.project.tmx_import import import_tmx_project
from workbench.project.tmx_metadata import METADATA_FILE, ORIGIN_DIR, load_metadata

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def action_parsers(subparsers: Subparsers, command: str, help_text: str) -> Subparsers:
    """The format sub-parsers of `export` or `import`, created on first use.

    Another module adding a format (e.g. `export tbx`) calls this to share the command.
    """
    parser = subparsers.choices.get(command)
    if parser is None:
        parser = subparsers.add_parser(command, help=help_text, description=help_text)
        actions = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
        parser.set_defaults(_format_actions=actions)
        return actions
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: Subparsers = action
            return found
    raise RuntimeError(f"the {command} command has no format sub-parsers")


def register(subparsers: Subparsers) -> None:
    """Add `export tmx`, `export po`, `import tmx` and `import po`."""
    exports = action_parsers(
        subparsers, "export", "write the alignments as TMX or PO (glossaries: glossary export)"
    )
    tmx = exports.add_parser(
        "tmx",
        help="a TMX 1.4 translation memory for CAT tools",
        description="Write the project's alignments as TMX 1.4: one four-language file (a TU "
        "per group of pivot segments aligned as a unit in every pair; groups where a "
        "language has no counterpart are left out) or, with --pairs, one file per pair "
        "(the safe default for memoQ, Trados and OmegaT).",
    )
    _project_arguments(tmx)
    tmx.add_argument(
        "-o",
        "--output",
        help="the TMX file; with --pairs a folder (files <pivot>-<lang>.tmx), a file name "
        "(x.tmx gives x-en-es.tmx, ...) or a pattern with {lang} (and {pivot}), e.g. "
        "'out/sco-{pivot}-{lang}.tmx' "
        "[the project's tmx/ folder: <name>.tmx or <name>-<pivot>-<lang>.tmx]",
    )
    tmx.add_argument("--pairs", action="store_true", help="one file per language pair")
    tmx.add_argument(
        "--for-omegat",
        action="store_true",
        help="write inline tags as OmegaT's tag shortcuts (<b0>, </b0>, <x1/>) under "
        'creationtool="OmegaT", as Okapi does for OmegaT: OmegaT then fills tagged segments '
        "from the memory (otherwise it drops the tags of another tool's TMX and never "
        "matches a tagged segment exactly)",
    )
    tmx.set_defaults(handler=run_export_tmx)

    po = exports.add_parser(
        "po",
        help="one gettext PO file per target language",
        description="Write one PO file per target language: msgctxt = bead id, fuzzy = not "
        "confirmed, comments with segment ids, bead type, status and confidence.",
    )
    _project_arguments(po)
    po.add_argument(
        "-o",
        "--output",
        required=True,
        help="a folder (files <pivot>-<lang>.po), a pattern with {lang}, or one .po file "
        "when a single language is exported",
    )
    po.set_defaults(handler=run_export_po)

    imports = action_parsers(subparsers, "import", "make a project from a TMX or PO file")
    tmx_in = imports.add_parser(
        "tmx",
        help="make a project from a TMX translation memory",
        description="Read a TMX into a new project, streaming (memory stays bounded for "
        "any number of TUs): one paragraph per TU, one bead per TU and language (confirmed "
        "unless the file's x-status says auto; 1-0 auto where a TU lacks the language).",
    )
    _import_arguments(tmx_in)
    tmx_in.add_argument("--langs", help="target languages to read, e.g. es,ru [all found]")
    tmx_in.add_argument("--lang-codes", help="codes used in the file, e.g. zh=zh-TW")
    tmx_in.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes that parse the file beside this one, which parses too; 0 = none [one "
        "per CPU beyond the first, up to 4, for files of 64 MB or more]",
    )
    tmx_in.set_defaults(handler=run_import_tmx)

    po_in = imports.add_parser(
        "po",
        help="make a project from a PO file",
        description="Read a PO file into a new two-language project (msgid = pivot, msgstr "
        "= target; fuzzy entries become unconfirmed beads).",
    )
    _import_arguments(po_in)
    po_in.add_argument(
        "--lang", type=language, help="the target language [the PO header's Language]"
    )
    po_in.set_defaults(handler=run_import_po)


def _project_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project", nargs="?", type=Path, help="project folder [the one around the current folder]"
    )
    add_allow_outside(parser)
    parser.add_argument("--langs", help="target languages, e.g. es,ru,zh [every aligned one]")
    parser.add_argument(
        "--only-confirmed", action="store_true", help="leave out beads not yet confirmed"
    )
    parser.add_argument(
        "--lang-codes",
        help="codes to write, e.g. en=en-GB,es=es-MX [the project's, else "
        + ",".join(f"{k}={v}" for k, v in DEFAULT_LANG_CODES.items())
        + "]",
    )
    parser.add_argument(
        "--date", help="creation date to write, YYYYMMDDThhmmssZ (reproducible files) [now]"
    )
    parser.add_argument(
        "--replace-invalid",
        action="store_true",
        help="replace characters XML forbids (control characters) by U+FFFD instead of failing",
    )


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the file to read")
    parser.add_argument(
        "--into", type=Path, help="the new project's folder [a folder named after the file]"
    )
    parser.add_argument(
        "--pivot",
        type=language,
        help="the pivot (source) language [TMX: the header's srclang; PO: en]",
    )
    parser.add_argument("--name", help="the project's name [the folder's name]")


def parse_langs(value: str | None) -> list[str] | None:
    """`es,ru,zh` -> ["es", "ru", "zh"] (BCP 47 tags); None stays None."""
    return languages(value, "--langs")


def parse_lang_codes(value: str | None, base: Mapping[str, str]) -> dict[str, str]:
    """`en=en-GB,es=es-MX` over `base` -> a full mapping."""
    codes = dict(base)
    for part in (value or "").split(","):
        if not part.strip():
            continue
        lang, sep, code = part.partition("=")
        if not sep or not lang.strip() or not code.strip():
            raise UsageError(f"--lang-codes {part!r}: expected LANG=CODE, e.g. es=es-MX")
        for item, what in ((lang.strip(), "--lang-codes language"), (code.strip(), "--lang-codes")):
            try:
                langtags.parse(item, source=what, registered=False)
            except LanguageTagError as exc:
                raise UsageError(exc.problem) from None
        codes[lang.strip()] = code.strip()
    return codes


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import datetime

    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        raise UsageError(f"--date {value!r}: expected YYYYMMDDThhmmssZ") from None
    return value


def run_export_tmx(args: argparse.Namespace) -> int:
    """Export the project's alignments as TMX."""
    project = Project.open(args.project, allow_outside=args.allow_outside)
    output = args.output
    if output is None:
        suffix = f"-{project.text.pivot}-{{lang}}.tmx" if args.pairs else ".tmx"
        output = project.tmx_dir / f"{project.name}{suffix}"
    stats: list[TmxStats] = []
    export_tmx(
        project.text,
        output,
        parse_langs(args.langs),
        pairs=args.pairs,
        only_confirmed=args.only_confirmed,
        lang_codes=parse_lang_codes(args.lang_codes, project.manifest.lang_codes),
        progress=TerminalProgress("export tmx"),
        creationdate=_check_date(args.date),
        replace_invalid=args.replace_invalid,
        stats=stats,
        metadata=load_metadata(project.root / METADATA_FILE),
        for_omegat=args.for_omegat,
    )
    for item in stats:
        print(describe_stats(item))
        for warning in item.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def describe_stats(stats: TmxStats) -> str:
    """One line saying what a TMX export wrote and left out."""
    left = []
    if stats.skipped_incomplete:
        left.append(f"{stats.skipped_incomplete} with a language lacking a counterpart")
    if stats.skipped_empty:
        left.append(f"{stats.skipped_empty} with an empty side")
    line = f"wrote {stats.path}: {stats.units} TUs"
    if left:
        line += " (left out: " + ", ".join(left) + ")"
    if stats.replaced_chars:
        line += f"; {stats.replaced_chars} invalid characters replaced by U+FFFD"
    if stats.long_segments:
        line += f"; {stats.long_segments} segments over 2,000 characters"
    return line


def run_export_po(args: argparse.Namespace) -> int:
    """Export the project's alignments as PO files."""
    project = Project.open(args.project, allow_outside=args.allow_outside)
    warnings: list[str] = []
    paths = export_po(
        project.text,
        args.output,
        parse_langs(args.langs),
        only_confirmed=args.only_confirmed,
        lang_codes=parse_lang_codes(args.lang_codes, project.manifest.lang_codes),
        project=project.name,
        creationdate=_check_date(args.date),
        replace_invalid=args.replace_invalid,
        origins=origin_catalogs(project.root, list(project.text.alignments)),
        warnings=warnings,
    )
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in paths:
        print(f"wrote {path}")
    return 0


def run_import_tmx(args: argparse.Namespace) -> int:
    """Make a project from a TMX file, streaming it (bounded memory, however many TUs)."""
    warnings: list[str] = []
    folder = args.into or Path(args.file.stem)
    try:
        summary = import_tmx_project(
            args.file,
            folder,
            args.pivot,
            name=args.name,
            langs=parse_langs(args.langs),
            lang_codes=parse_lang_codes(args.lang_codes, {}),
            warnings=warnings,
            progress=TerminalProgress("import tmx"),
            workers=args.jobs,
        )
    except OSError as exc:
        raise ProjectError(f"cannot write the project in {folder}: {exc}") from None
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = ", ".join(f"{lang} {n}" for lang, n in summary.segments.items())
    print(f"made project {summary.name} in {summary.root}: segments {counts}")
    return 0


def run_import_po(args: argparse.Namespace) -> int:
    """Make a project from a PO file."""
    warnings: list[str] = []
    text = import_po(args.file, args.pivot or "en", lang=args.lang, warnings=warnings)
    code = _save_imported(args, text, warnings)
    # The catalogue itself, so `export po` writes the translations back into it (its
    # contexts, references, flags and plural forms) for msgmerge and the software's build.
    (target,) = text.alignments
    folder = args.into or Path(args.file.stem)
    write_bytes_atomic(folder / ORIGIN_DIR / f"{target}.po", args.file.read_bytes())
    return code


def _save_imported(args: argparse.Namespace, text: ParallelText, warnings: Sequence[str]) -> int:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    folder = args.into or Path(args.file.stem)
    try:
        project = Project.create_from_text(text, folder, args.name)
    except OSError as exc:
        raise ProjectError(f"cannot write the project in {folder}: {exc}") from None
    counts = ", ".join(
        f"{lang} {len(text.documents[lang])}" for lang in [text.pivot, *text.alignments]
    )
    print(f"made project {project.name} in {project.root}: segments {counts}")
    return 0
