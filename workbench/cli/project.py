"""`workbench project new|info`: make a project from texts, describe a project."""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from workbench.cli._common import TerminalProgress, add_allow_outside, language
from workbench.core import langtags
from workbench.core.errors import LanguageTagError, UsageError
from workbench.project.project import Project


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `project new` and `project info`."""
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
    new.add_argument(
        "--show-removed",
        action="store_true",
        help="list on standard error what was taken out of each PDF (running headers, "
        "footers, page numbers, footnote marks)",
    )
    new.add_argument("--name", help="the project's short name [the folder's name]")
    new.add_argument("--title", default="", help="a title for people")
    new.add_argument("--glossary", type=Path, help="a TBX or CSV glossary for the project")
    new.add_argument("--encoding", help="the texts' encoding when not UTF-8/UTF-16 with BOM")
    new.add_argument("--no-align", action="store_true", help="segment only; align later")
    from workbench.cli.align import add_embedding_flags

    add_embedding_flags(new)
    new.set_defaults(handler=run_new)

    info = actions.add_parser("info", help="describe a project (default: the bundled one)")
    info.add_argument("dir", nargs="?", type=Path, help="the project folder")
    add_allow_outside(info)
    info.set_defaults(handler=run_info)


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
    if args.show_removed:
        from workbench.cli._common import print_removed
        from workbench.formats.plaintext import PDF_SUFFIXES, read_document

        for lang, path in documents.items():
            if path.suffix.lower() in PDF_SUFFIXES:
                print_removed(path, read_document(path, args.encoding, lang=lang).removed)
    project = Project.create(
        args.dir,
        args.pivot,
        documents,
        args.name,
        title=args.title,
        glossary=args.glossary,
        encoding=args.encoding,
        save=False,
    )
    if args.embeddings is not None:
        # Kept in the manifest ([align] embeddings): the GUI and later commands follow it.
        project.manifest = dataclasses.replace(project.manifest, embeddings=args.embeddings)
    if not args.no_align:
        from workbench.project.align import align_missing

        align_missing(project, progress=TerminalProgress("aligning"))
    project.save()  # each file written once, aligned or not
    print(describe(project), end="")
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
