"""`workbench project new|info|align|confirm`: make, describe, align and confirm a project."""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from workbench.cli._common import (
    TerminalProgress,
    add_allow_outside,
    add_reading_flags,
    language,
    print_removed,
    print_warnings,
    reading_options,
)
from workbench.core import langtags
from workbench.core.errors import LanguageTagError, UsageError
from workbench.formats.plaintext import PDF_SUFFIXES
from workbench.project.project import Project


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `project new`, `info`, `align` and `confirm`."""
    parser = subparsers.add_parser("project", help="create a project or describe one")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    new = actions.add_parser("new", help="make a project folder from texts, segment and align")
    new.add_argument("dir", type=Path, help="the new project's folder")
    new.add_argument(
        "--pivot", default="en", type=language, help="the pivot (source) language [en]"
    )
    new.add_argument(
        "--doc",
        action="append",
        required=True,
        metavar="LANG=FILE",
        help="a document: language code and file (.txt, .docx, .html, .pdf, .odt, .rtf); "
        "repeat per language",
    )
    add_reading_flags(new)
    new.add_argument("--name", help="the project's short name [the folder's name]")
    new.add_argument("--title", default="", help="a title for people")
    new.add_argument("--glossary", type=Path, help="a TBX or CSV glossary for the project")
    new.add_argument("--encoding", help="the texts' encoding when not UTF-8/UTF-16 with BOM")
    new.add_argument(
        "--no-align",
        action="store_true",
        help="segment only; align later with `workbench project align`",
    )
    from workbench.cli.align import add_embedding_flags

    add_embedding_flags(new)
    new.set_defaults(handler=run_new)

    info = actions.add_parser("info", help="describe a project (default: the one around here)")
    info.add_argument("dir", nargs="?", type=Path, help="the project folder")
    add_allow_outside(info)
    info.set_defaults(handler=run_info)

    align = actions.add_parser(
        "align",
        help="align the pairs not aligned yet (after `project new --no-align`) and save",
    )
    align.add_argument("dir", nargs="?", type=Path, help="the project folder [the one around here]")
    align.add_argument("--langs", help="target languages, e.g. es,ru [every one not aligned yet]")
    align.add_argument(
        "--again",
        action="store_true",
        help="align the named pairs again even if they are aligned (their review is lost)",
    )
    align.set_defaults(handler=run_align)

    confirm = actions.add_parser(
        "confirm",
        help="confirm every bead whose confidence is at least CONFIDENCE, and save",
    )
    confirm.add_argument(
        "dir", nargs="?", type=Path, help="the project folder [the one around here]"
    )
    confirm.add_argument(
        "--above",
        type=_confidence,
        required=True,
        metavar="CONFIDENCE",
        help="the lowest confidence confirmed, 0 to 1 (e.g. 0.9)",
    )
    confirm.add_argument("--langs", help="target languages, e.g. es,ru [every aligned one]")
    confirm.set_defaults(handler=run_confirm)


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a confidence from 0 to 1")
    return number


def _langs(project: Project, value: str | None, default: list[str]) -> list[str]:
    if not value:
        return default
    langs = [lang.strip() for lang in value.split(",") if lang.strip()]
    unknown = [lang for lang in langs if lang not in project.text.target_langs]
    if unknown:
        raise UsageError(
            f"the project has no target language {', '.join(unknown)} "
            f"(it has {', '.join(project.text.target_langs)})"
        )
    return langs


def _parse_docs(pairs: list[str]) -> dict[str, Path]:
    documents: dict[str, Path] = {}
    for pair in pairs:
        lang, sep, path = pair.partition("=")
        if not sep or not lang or not path:
            raise UsageError(f"--doc {pair!r}: expected LANG=FILE, e.g. --doc es=texts/es.txt")
        try:
            langtags.parse(lang, source="--doc")
        except LanguageTagError as exc:
            raise UsageError(f"--doc {pair!r}: {exc.problem}") from None
        if lang in documents:
            raise UsageError(f"--doc {lang} is given twice")
        documents[lang] = Path(path)
    return documents


def run_new(args: argparse.Namespace) -> int:
    """Create, segment, align (unless --no-align) and save a project."""
    documents = _parse_docs(args.doc)
    project = Project.create(
        args.dir,
        args.pivot,
        documents,
        args.name,
        title=args.title,
        glossary=args.glossary,
        encoding=args.encoding,
        reading=reading_options(args),
        save=False,
    )
    for lang, report in project.reports.items():
        print_warnings(documents[lang], report.warnings)
        if args.show_removed and documents[lang].suffix.lower() in PDF_SUFFIXES:
            print_removed(documents[lang], report.removed)
    if args.embeddings is not None:
        # Kept in the manifest ([align] embeddings): the GUI and later commands follow it.
        project.manifest = dataclasses.replace(project.manifest, embeddings=args.embeddings)
    if not args.no_align:
        from workbench.project.align import align_missing

        align_missing(project, progress=TerminalProgress("aligning"))
    project.save()  # each file written once, aligned or not
    print(describe(project), end="")
    return 0


def run_align(args: argparse.Namespace) -> int:
    """Align the project's missing pairs (or the named ones) and save."""
    from workbench.project.align import align_project

    project = Project.open(args.dir)
    langs = _langs(project, args.langs, project.missing_alignments)
    if not args.again:
        done = [lang for lang in langs if lang in project.text.alignments]
        if done:
            raise UsageError(
                f"{', '.join(done)} already aligned; add --again to align them anew "
                "(their confirmations are lost)"
            )
    if langs:
        aligned = align_project(project, langs, progress=TerminalProgress("aligning"))
        project.text.alignments.update(aligned)
        project.save()
    else:
        print("every pair is aligned already")
    print(describe(project), end="")
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    """Confirm the beads at or above a confidence, pair by pair, and save."""
    from workbench.core.alignment import BeadStatus
    from workbench.core.edits import apply_edit, set_status

    project = Project.open(args.dir)
    text = project.text
    langs = _langs(project, args.langs, list(text.alignments))
    missing = [lang for lang in langs if lang not in text.alignments]
    if missing:
        raise UsageError(
            f"{', '.join(missing)} not aligned yet: run `workbench project align` first"
        )
    total = 0
    for lang in langs:
        beads = text.alignments[lang].beads
        rows = [
            row
            for row, item in enumerate(beads)
            if not item.is_confirmed and item.confidence >= args.above
        ]
        if rows:
            apply_edit(text, set_status(text, lang, rows, BeadStatus.CONFIRMED))
        confirmed = sum(b.is_confirmed for b in text.alignments[lang].beads)
        print(f"{text.pivot}-{lang}: confirmed {len(rows)} beads ({confirmed} of {len(beads)} now)")
        total += len(rows)
    if total:
        project.save()
    return 0


def run_info(args: argparse.Namespace) -> int:
    """Print a project's summary."""
    print(describe(Project.open(args.dir, allow_outside=args.allow_outside)), end="")
    return 0


def describe(project: Project) -> str:
    """A short human summary: documents, alignments, review progress."""
    text = project.text
    lines = [
        f"project    {project.name}",
        f"folder     {project.root}",
    ]
    if project.manifest.title:
        lines.append(f"title      {project.manifest.title}")
    lines.append(f"pivot      {text.pivot}")
    glossary = project.glossary_path
    lines.append(f"glossary   {glossary if glossary else '(none)'}")
    lines.append("documents")
    for lang, document in text.documents.items():
        source = project.manifest.documents.get(lang, "")
        lines.append(
            f"  {lang:<4} {len(document.paragraphs):>5} paragraphs {len(document):>6} segments"
            f"  {source}"
        )
    lines.append("alignments")
    for lang in text.target_langs:
        alignment = text.alignments.get(lang)
        if alignment is None:
            lines.append(f"  {text.pivot}-{lang}  not aligned yet")
            continue
        beads = alignment.beads
        confirmed = sum(b.is_confirmed for b in beads)
        kinds = Counter(b.kind for b in beads)
        mean = sum(b.confidence for b in beads) / len(beads) if beads else 0.0
        kind_text = " ".join(f"{k}:{n}" for k, n in sorted(kinds.items(), key=lambda x: -x[1]))
        lines.append(
            f"  {text.pivot}-{lang}  {len(beads):>5} beads, {confirmed} confirmed, "
            f"mean confidence {mean:.2f}  ({kind_text})"
        )
    return "\n".join(lines) + "\n"
