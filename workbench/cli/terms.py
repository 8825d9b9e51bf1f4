"""`workbench check-terms` and `workbench glossary import|export|suggest`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli._common import TerminalProgress, add_allow_outside, emit, languages
from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import ProjectError, UsageError
from workbench.project.dismissals import load_dismissals, save_dismissals
from workbench.project.glossary import SAVE_FORMATS, load_glossary, save_glossary
from workbench.project.qa_rules import default_rules_path, read_qa_rules
from workbench.terms.coverage import no_equivalents
from workbench.terms.coverage import to_text as gaps_text
from workbench.terms.dismissals import Dismissals
from workbench.terms.drift import Finding, check_drift
from workbench.terms.findings import FindingKind
from workbench.terms.glossaries import NamedGlossary, merge_glossaries
from workbench.terms.glossary import Glossary, for_documents
from workbench.terms.qa import QaRules
from workbench.terms.report import BINARY_FORMATS, FORMATS, render, render_bytes
from workbench.terms.suggest import (
    Suggestion,
    Suggestions,
    suggest_for_term,
    suggest_renderings,
)

if TYPE_CHECKING:
    from workbench.project.project import Project

KINDS = tuple(k.value for k in FindingKind)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check-terms` and `glossary`."""
    check = subparsers.add_parser(
        "check-terms",
        help="check terminology drift in a project against its glossary",
        description="Exit 0 when there is no finding, 1 when there are findings.",
    )
    check.add_argument(
        "project", nargs="?", type=Path, help="project folder [the one around the current folder]"
    )
    check.add_argument("--lang", help="target languages, comma-separated [all aligned]")
    add_allow_outside(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="report format [text]")
    check.add_argument("-o", "--output", help="write the report here [stdout]")
    check.add_argument(
        "--glossary",
        type=Path,
        action="append",
        help="glossary file (TBX or CSV), repeatable, highest priority first [the project's]",
    )
    check.add_argument(
        "--also-glossary",
        type=Path,
        action="append",
        default=[],
        help="a lower-priority glossary after those (a client's, a general one); repeatable",
    )
    check.add_argument(
        "--rules", type=Path, help="QA-rules file (JSON) [the project's qa-rules.json, if any]"
    )
    check.add_argument(
        "--off", default="", help=f"kinds switched off, comma-separated ({', '.join(KINDS)})"
    )
    check.add_argument(
        "--dismissals", type=Path, help="dismissals file [the project's dismissals.json]"
    )
    check.add_argument("--all", action="store_true", help="include dismissed findings")
    check.add_argument("--dismiss", metavar="KEY", help="dismiss the finding with this key")
    check.add_argument("--undismiss", metavar="KEY", help="take back a dismissal")
    check.add_argument("--reason", default="", help="why the finding is dismissed")
    check.set_defaults(handler=run_check)

    glossary = subparsers.add_parser("glossary", help="import, export or mine a glossary")
    actions = glossary.add_subparsers(dest="action", metavar="ACTION", required=True)
    gaps = actions.add_parser(
        "gaps", help="the glossary's concepts with no approved term in a target language"
    )
    gaps.add_argument("file", type=Path, help="the glossary (TBX or CSV)")
    gaps.add_argument("--lang", help="target languages, comma-separated [all but the source]")
    gaps.add_argument("--format", choices=("text", "json", "xlsx"), default="text", help="[text]")
    gaps.add_argument("-o", "--output", help="write here [stdout]")
    gaps.set_defaults(handler=run_gaps)
    imp = actions.add_parser("import", help="CSV, TBX v2 or TBX v3 in, TBX v3 out")
    imp.add_argument("file", type=Path, help="the glossary to import")
    imp.add_argument("-o", "--output", help="the TBX v3 file to write [stdout]")
    imp.add_argument(
        "--langs",
        help="source,target languages of a two-column OmegaT TSV or Weblate/memoQ CSV, e.g. en,es",
    )
    imp.set_defaults(handler=run_import)

    exp = actions.add_parser("export", help="write a glossary as TBX v3, TBX v2 or CSV")
    exp.add_argument("file", type=Path, help="the glossary to export (TBX or CSV)")
    exp.add_argument("-o", "--output", required=True, help="the file to write")
    exp.add_argument(
        "--format",
        choices=SAVE_FORMATS,
        default=None,
        help="output format [from OUT's extension: .tbx -> tbx (v3), .csv -> csv]",
    )
    exp.add_argument("--langs", help="source,target languages of a two-column TSV/CSV glossary")
    exp.set_defaults(handler=run_export)

    sug = actions.add_parser(
        "suggest", help="renderings of a concept (or a new term) actually used in the texts"
    )
    sug.add_argument(
        "project", nargs="?", type=Path, help="project folder [the one around the current folder]"
    )
    what = sug.add_mutually_exclusive_group(required=True)
    what.add_argument("--concept", help="the concept id")
    what.add_argument("--term", help="a source-language term not in the glossary yet")
    sug.add_argument("--lang", help="target languages, comma-separated [all aligned]")
    add_allow_outside(sug)
    sug.add_argument("--glossary", type=Path, help="glossary file [the project's]")
    sug.add_argument("--limit", type=int, default=10, help="candidates per language [10]")
    sug.add_argument("--format", choices=("text", "json"), default="text", help="[text]")
    sug.add_argument("-o", "--output", help="write here [stdout]")
    sug.set_defaults(handler=run_suggest)


def _langs(value: str | None) -> list[str] | None:
    return languages(value, "--lang") if value else None


def _open(
    project_dir: Path | None, langs: list[str] | None, allow_outside: bool = False
) -> Project:
    """Open the project and align, in memory, the wanted languages it has not aligned yet."""
    from workbench.project.project import Project

    project = Project.open(project_dir, allow_outside=allow_outside)
    wanted = langs if langs is not None else project.text.target_langs
    unknown = [
        lang for lang in wanted if lang not in project.text.documents or lang == project.text.pivot
    ]
    if unknown:
        raise UsageError(f"the project has no target language {', '.join(unknown)}")
    from workbench.project.align import align_missing

    align_missing(project, wanted, progress=TerminalProgress("aligning"))
    return project


def _glossary(explicit: Path | None, project: Project) -> Glossary:
    path = explicit if explicit is not None else project.glossary_file()
    if path is None:
        raise UsageError(f"project {project.name} has no glossary; give one with --glossary")
    return load_glossary(path)


def _glossaries(args: argparse.Namespace, project: Project) -> list[NamedGlossary]:
    """The glossaries of a check by priority, each named after its file."""
    paths: list[Path] = list(args.glossary or [])
    if not paths:
        if project.glossary_path is None and not args.also_glossary:
            raise ProjectError(f"project {project.name} has no glossary; give one with --glossary")
        if project.glossary_path is not None:
            paths.append(project.glossary_path)
    paths.extend(args.also_glossary)
    return [NamedGlossary(path.stem, load_glossary(path)) for path in paths]


def _rules(args: argparse.Namespace, project: Project) -> QaRules:
    path = args.rules if args.rules is not None else default_rules_path(project.root)
    rules = read_qa_rules(path) if args.rules is not None or path.is_file() else QaRules()
    off: set[FindingKind] = set()
    for name in (n.strip() for n in args.off.split(",")):
        if not name:
            continue
        if name not in KINDS:
            raise UsageError(f"--off: unknown kind {name!r}; use {', '.join(KINDS)}")
        off.add(FindingKind(name))
    return replace(rules, disabled=rules.disabled | off) if off else rules


def _emit_report(data: bytes | str, fmt: str, output: str | None) -> None:
    if fmt in BINARY_FORMATS:
        if output is None or output == "-":
            raise UsageError(f"--format {fmt} needs -o FILE")
        assert isinstance(data, bytes)
        write_bytes_atomic(output, data)
    else:
        emit(data if isinstance(data, str) else data.decode("utf-8"), output)


def run_check(args: argparse.Namespace) -> int:
    """Check terminology; exit 1 when there are findings left after dismissals."""
    langs = _langs(args.lang)
    project = _open(args.project, langs, args.allow_outside)
    glossaries = _glossaries(args, project)
    tags = {lang: project.text.lang_codes.get(lang, lang) for lang in project.text.documents}
    narrowed: list[NamedGlossary] = []
    for named in glossaries:
        glossary, notes = for_documents(named.glossary, tags)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        narrowed.append(NamedGlossary(named.name, glossary))
    glossaries = narrowed
    merged = merge_glossaries(glossaries)[0]
    _check_coverage(merged, langs if langs is not None else project.text.target_langs)
    rules = _rules(args, project)
    dismissals_path = args.dismissals if args.dismissals is not None else project.dismissals_path
    dismissals = load_dismissals(dismissals_path)
    findings = check_drift(
        project.text, glossaries, langs, TerminalProgress("checking terms"), rules=rules
    )
    if args.dismiss or args.undismiss:
        return _edit_dismissals(args, findings, dismissals, dismissals_path)
    shown = findings if args.all else dismissals.active(findings)
    reasons = {d.key: d.reason for d in dismissals} if args.all else None
    title = f"Terminology check: {project.name}"
    if args.format in BINARY_FORMATS:
        merged = merge_glossaries(glossaries)[0]
        gaps = no_equivalents(merged, langs or project.text.target_langs)
        _emit_report(render_bytes(shown, args.format, title, gaps), args.format, args.output)
    else:
        emit(render(shown, args.format, title, reasons), args.output)
    return 1 if shown else 0


def run_gaps(args: argparse.Namespace) -> int:
    """List concepts with no approved term per language; exit 1 when there are some."""
    glossary = load_glossary(args.file)
    gaps = no_equivalents(glossary, _langs(args.lang))
    if args.format == "xlsx":
        _emit_report(
            render_bytes([], "xlsx", f"Glossary gaps: {args.file.name}", gaps), "xlsx", args.output
        )
    elif args.format == "json":
        records = [
            {
                "concept": g.concept,
                "lang": g.lang,
                "source_terms": list(g.source_terms),
                "unapproved_terms": list(g.other_terms),
            }
            for g in gaps
        ]
        emit(json.dumps(records, ensure_ascii=False, indent=1) + "\n", args.output)
    else:
        emit(gaps_text(gaps), args.output)
    return 1 if gaps else 0


def _check_coverage(glossary: Glossary, targets: list[str]) -> None:
    """Refuse a check whose glossary has no term in any of the target languages.

    The glossary is already named by document (`for_documents`: a `zh` term covers `zh-CN`
    and `zh-TW` documents, a `zh-CN` term only `zh-CN`).
    """
    have = glossary.langs
    if not any(t in have for t in targets):
        raise ProjectError(
            f"the glossary has terms in {', '.join(have) or 'no language'} but none in the "
            f"target language(s) {', '.join(targets)}: nothing can be checked"
        )


def _edit_dismissals(
    args: argparse.Namespace, findings: list[Finding], dismissals: Dismissals, path: Path
) -> int:
    if args.undismiss:
        if dismissals.undismiss(args.undismiss) is None:
            raise UsageError(f"no dismissed finding has key {args.undismiss}")
        save_dismissals(dismissals, path)
        print(f"dismissal {args.undismiss} taken back")
        return 0
    match = [f for f in findings if f.key == args.dismiss]
    if not match:
        raise UsageError(f"no current finding has key {args.dismiss} (the report shows each key)")
    if not args.reason.strip():
        raise UsageError("--dismiss needs --reason")
    dismissals.dismiss(match[0], args.reason)
    save_dismissals(dismissals, path)
    print(f"dismissed {args.dismiss}: {args.reason.strip()}")
    return 0


def _pair(value: str | None) -> tuple[str, str] | None:
    langs = _langs(value)
    if langs is None:
        return None
    if len(langs) != 2:
        raise UsageError(f"--langs takes two languages, source,target (not {value!r})")
    return langs[0], langs[1]


def _load_told(path: Path, langs: str | None) -> Glossary:
    """Load a glossary, printing to stderr what the reader skipped or kept as notes."""
    warnings: list[str] = []
    glossary = load_glossary(path, langs=_pair(langs), warnings=warnings)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return glossary


def run_import(args: argparse.Namespace) -> int:
    """Read CSV/TSV/TBX v2/TBX v3/TBX-Min/MultiTerm XML, write TBX v3."""
    glossary = _load_told(args.file, args.langs)
    if not glossary.description:
        glossary.description = f"Imported from {args.file.name}"
    if args.output is None or str(args.output) == "-":
        from workbench.formats.tbx import tbx_bytes

        emit(tbx_bytes(glossary, 3).decode("utf-8"), None)
    else:
        save_glossary(args.output, glossary, "tbx")
        print(f"{args.output}: {len(glossary)} concepts", flush=True)
    return 0


EXTENSION_FORMATS = {".tbx": "tbx", ".csv": "csv"}


def export_format(output: str | Path, named: str | None) -> str:
    """The format to write: the one named, else the one OUT's extension says."""
    if named is not None:
        return named
    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSION_FORMATS:
        raise UsageError(
            f"cannot tell the format from {Path(output).name!r}: name the file .tbx or .csv, "
            f"or pass --format {'|'.join(SAVE_FORMATS)}"
        )
    return EXTENSION_FORMATS[suffix]


def run_export(args: argparse.Namespace) -> int:
    """Write a glossary in another format."""
    fmt = export_format(args.output, args.format)
    glossary = _load_told(args.file, args.langs)
    save_glossary(args.output, glossary, fmt)
    print(f"{args.output}: {len(glossary)} concepts ({fmt})")
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    """Print the renderings of a concept or a new term in each target language."""
    langs = _langs(args.lang)
    project = _open(args.project, langs, args.allow_outside)
    glossary = _glossary(args.glossary, project)
    if args.concept:
        found = suggest_renderings(project.text, glossary, args.concept, langs, limit=args.limit)
        label = f"concept {args.concept}"
    else:
        found = suggest_for_term(project.text, args.term, glossary, langs, limit=args.limit)
        label = f"term {args.term!r}"
    if args.format == "json":
        emit(
            json.dumps([_suggestions_dict(s) for s in found], ensure_ascii=False, indent=1) + "\n",
            args.output,
        )
    else:
        emit(_suggestions_text(found, label), args.output)
    return 0


def _suggestions_dict(s: Suggestions) -> dict[str, object]:
    def item(x: Suggestion) -> dict[str, object]:
        return {
            "text": x.text,
            "count": x.count,
            "score": x.score,
            "status": x.status,
            "examples": [
                {
                    "bead": e.row + 1,
                    "source": e.source_text,
                    "target": e.target_text,
                    "span": list(e.span),
                }
                for e in x.examples
            ],
        }

    return {
        "lang": s.lang,
        "concept": s.concept,
        "beads": s.beads,
        "used": [item(x) for x in s.used],
        "candidates": [item(x) for x in s.candidates],
    }


def _suggestions_text(found: list[Suggestions], label: str) -> str:
    lines: list[str] = []
    for s in found:
        lines.append(f"{s.lang}: {label} occurs in the source of {s.beads} beads")
        if s.used:
            lines.append("  glossary terms used:")
            for x in s.used:
                lines.append(f"    {x.count:4d}  {x.text}  ({x.status})")
        if s.candidates:
            lines.append("  candidates (beads, Dice):")
            for x in s.candidates:
                example = ""
                if x.examples:
                    e = x.examples[0]
                    example = f"   e.g. bead {e.row + 1}: …{_context(e.target_text, e.span)}…"
                lines.append(f"    {x.count:4d}  {x.score:.2f}  {x.text}{example}")
        lines.append("")
    return "\n".join(lines)


def _context(text: str, span: tuple[int, int], width: int = 30) -> str:
    start, end = span
    return " ".join(text[max(0, start - width) : min(len(text), end + width)].split())
