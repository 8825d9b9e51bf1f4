"""One batch task: a document set segmented, aligned, checked and exported, in memory.

`process_set` runs on a worker (a pool process or a Dask worker). It reads the set's documents,
writes every output into a private temporary folder, and returns the files' bytes with the
set's statistics; the client writes them into `DIR/<id>/`. A set that cannot be done comes back
as a failure with its reason; it never raises (except KeyboardInterrupt).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.batch.languages import is_known_language
from workbench.batch.manifest import DocumentSet
from workbench.core.alignment import Alignment, ParallelText
from workbench.core.document import Document
from workbench.core.errors import WorkbenchError
from workbench.formats.furniture import ReadingOptions
from workbench.terms.drift import Finding, FindingKind
from workbench.terms.glossary import Glossary

if TYPE_CHECKING:
    from workbench.project.project import ReadingReport

STEPS = ("align", "check", "export")
RECORD = "set.json"
FINDINGS = "findings.json"
MULTILINGUAL_TMX = "all.tmx"
REMOVED = "removed.tsv"


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """What every task of one batch shares: the steps, the glossary, the TMX settings.

    `creationdate` is fixed once per batch so that every engine writes the same bytes.
    """

    steps: frozenset[str]
    creationdate: str
    glossary: Glossary | None = None
    glossary_sha256: str = ""
    lang_codes: tuple[tuple[str, str], ...] = ()
    #: Sentence embeddings when aligning: True, False, or None (when the extra is installed).
    embeddings: bool | None = None
    #: How PDF, ODT and RTF documents are read; `show_removed` writes each set's removed.tsv.
    reading: ReadingOptions = field(default_factory=ReadingOptions)
    show_removed: bool = False

    @property
    def reading_record(self) -> dict[str, object]:
        """The reading options as the set record keeps them (a re-run compares them)."""
        return {
            "keep_furniture": self.reading.keep_furniture,
            "footnotes": self.reading.footnotes,
            "show_removed": self.show_removed,
        }


@dataclass(frozen=True, slots=True)
class Rendering:
    """How often one term (or free rendering) of a concept occurs in one language of a set.

    `status` is the glossary status of the term (`preferred`, `admitted`, `deprecated`,
    `superseded`), or `unlisted` (a rendering not in the glossary, found where the concept's
    term was missing), `untranslated` (the pivot's term left as is) or `missing` (no rendering).
    """

    concept: str
    lang: str
    text: str
    status: str
    count: int


@dataclass(frozen=True, slots=True)
class SetStats:
    """The numbers of one finished set that the summary adds up."""

    segments: Mapping[str, int] = field(default_factory=dict)
    beads: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    findings: tuple[tuple[str, str, str, int], ...] = ()
    renderings: tuple[Rendering, ...] = ()

    @property
    def total_segments(self) -> int:
        """Segments over all languages of the set."""
        return sum(self.segments.values())

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "segments": dict(self.segments),
            "beads": {lang: dict(kinds) for lang, kinds in self.beads.items()},
            "findings": [list(item) for item in self.findings],
            "renderings": [[r.concept, r.lang, r.text, r.status, r.count] for r in self.renderings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SetStats:
        """Rebuild from `to_dict` output; raises ValueError/TypeError/KeyError when malformed."""
        segments = data["segments"]
        beads = data["beads"]
        findings = data["findings"]
        renderings = data["renderings"]
        if not (
            isinstance(segments, dict)
            and isinstance(beads, dict)
            and isinstance(findings, list)
            and isinstance(renderings, list)
        ):
            raise ValueError("malformed statistics")
        return cls(
            {str(k): int(v) for k, v in segments.items()},
            {str(k): {str(b): int(n) for b, n in v.items()} for k, v in beads.items()},
            tuple((str(a), str(b), str(c), int(d)) for a, b, c, d in findings),
            tuple(
                Rendering(str(a), str(b), str(c), str(d), int(e)) for a, b, c, d, e in renderings
            ),
        )


@dataclass(frozen=True, slots=True)
class SetOutput:
    """What a task returns: the output files (name, bytes) or the reason it failed."""

    set_id: str
    files: tuple[tuple[str, bytes], ...] = ()
    stats: SetStats = field(default_factory=SetStats)
    error: str = ""
    stage: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the set was done."""
        return not self.error


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def input_fingerprint(path: str) -> dict[str, object]:
    """Size and modification time of an input file (what a re-run compares)."""
    info = os.stat(path)
    return {"path": path, "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def process_set(doc_set: DocumentSet, config: BatchConfig) -> SetOutput:
    """Segment, align, check and export one set; failures come back with reason and stage."""
    started = time.perf_counter()
    stage = "read"
    try:
        for lang in doc_set.langs:
            if not is_known_language(lang):
                raise WorkbenchError(
                    f"unknown language {lang!r} (expected an ISO 639-1 code such as en, es, "
                    "ru, zh, optionally with a region: pt-BR)"
                )
        stage = "segment"
        documents, reports = _segment(doc_set, config.reading)
        text = ParallelText(doc_set.pivot, documents)
        findings: list[Finding] = []
        if "align" in config.steps:
            stage = "align"
            from workbench.align import align_text, glossary_lexicons

            lexicons = None
            if config.glossary is not None:
                lexicons = glossary_lexicons(config.glossary, doc_set.pivot, text.target_langs)
            aligned = align_text(text, lexicons=lexicons, embeddings=config.embeddings)
            text = ParallelText(doc_set.pivot, documents, aligned)
        if "check" in config.steps and config.glossary is not None and text.alignments:
            stage = "check"
            from workbench.terms.drift import check_drift

            findings = check_drift(text, config.glossary)
        stage = "write"
        with tempfile.TemporaryDirectory(prefix="workbench-batch-", dir=_scratch()) as tmp:
            folder = Path(tmp)
            _write_outputs(folder, text, findings, config)
            if config.show_removed:
                _write_removed(folder / REMOVED, reports)
            files = tuple((path.name, path.read_bytes()) for path in sorted(folder.iterdir()))
        stats = _stats(text, findings, config.glossary if "check" in config.steps else None)
        warnings = [f"{lang}: {w}" for lang, report in reports.items() for w in report.warnings]
        record = _record(doc_set, config, files, stats, warnings)
        files = (*files, (RECORD, record))
    except WorkbenchError as exc:
        return _failure(doc_set, str(exc), stage, started)
    except (OSError, UnicodeError, MemoryError, RecursionError) as exc:
        return _failure(doc_set, f"{type(exc).__name__}: {exc}", stage, started)
    except Exception as exc:  # one broken set must never stop the batch
        return _failure(doc_set, f"internal error {type(exc).__name__}: {exc}", stage, started)
    return SetOutput(doc_set.id, files, stats, seconds=time.perf_counter() - started)


def _scratch() -> str | None:
    # The writers fsync every file; on tmpfs that costs nothing, and these files are
    # scratch copies (the client writes the set folder).
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _failure(doc_set: DocumentSet, reason: str, stage: str, started: float) -> SetOutput:
    return SetOutput(doc_set.id, error=reason, stage=stage, seconds=time.perf_counter() - started)


def _segment(
    doc_set: DocumentSet, reading: ReadingOptions
) -> tuple[dict[str, Document], dict[str, ReadingReport]]:
    from workbench.project.project import read_segmented

    read = {
        lang: read_segmented(Path(path), lang, None, doc_set.encoding(lang), reading)
        for lang, path in doc_set.documents
    }
    return {lang: d for lang, (d, _) in read.items()}, {lang: r for lang, (_, r) in read.items()}


def _write_removed(path: Path, reports: Mapping[str, ReadingReport]) -> None:
    """What reading took out of each document: language, page, reason, text (tab-separated)."""
    rows = ["lang\tpage\treason\ttext"]
    for lang, report in reports.items():
        rows += [
            f"{lang}\t{r.page}\t{r.reason}\t{' '.join(r.text.split())}" for r in report.removed
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _write_outputs(
    folder: Path, text: ParallelText, findings: Sequence[Finding], config: BatchConfig
) -> None:
    from workbench.core.atomic import AtomicBatch
    from workbench.project.layout import write_text_files

    with AtomicBatch() as batch:
        write_text_files(text, folder, batch)
    if "check" in config.steps and config.glossary is not None and text.alignments:
        from workbench.terms.report import to_json

        (folder / FINDINGS).write_text(to_json(findings), encoding="utf-8")
    if "export" in config.steps and text.alignments:
        from workbench.project.exchange import export_tmx

        codes = dict(config.lang_codes) or None
        pattern = folder / "{pivot}-{lang}.tmx"
        export_tmx(text, pattern, pairs=True, lang_codes=codes, creationdate=config.creationdate)
        if len(text.alignments) > 1:
            export_tmx(
                text, folder / MULTILINGUAL_TMX, lang_codes=codes, creationdate=config.creationdate
            )


def _stats(text: ParallelText, findings: Sequence[Finding], glossary: Glossary | None) -> SetStats:
    segments = {lang: len(doc) for lang, doc in text.documents.items()}
    beads = {lang: _bead_kinds(alignment) for lang, alignment in text.alignments.items()}
    tally = Counter((f.lang, f.kind.value, f.concept) for f in findings)
    counted = tuple((lang, kind, concept, n) for (lang, kind, concept), n in sorted(tally.items()))
    renderings = _renderings(text, findings, glossary) if glossary is not None else ()
    return SetStats(segments, beads, counted, renderings)


def _bead_kinds(alignment: Alignment) -> dict[str, int]:
    return dict(sorted(Counter(b.kind for b in alignment.beads).items()))


def _renderings(
    text: ParallelText, findings: Sequence[Finding], glossary: Glossary
) -> tuple[Rendering, ...]:
    """Glossary terms found per language, plus the free renderings the findings located."""
    from workbench.terms.matching import TermMatcher

    tally: Counter[tuple[str, str, str, str]] = Counter()
    for lang, document in text.documents.items():
        if lang != text.pivot and lang not in text.alignments:
            continue
        matcher = TermMatcher(glossary, lang)
        if not len(matcher):
            continue
        for segment in document.texts:
            for match in matcher.find(segment):
                tally[(match.concept_id, lang, match.term.text, match.status.value)] += 1
    for finding in findings:
        if finding.kind is FindingKind.MISSING:
            status = "unlisted" if finding.found else "missing"
            tally[(finding.concept, finding.lang, finding.found, status)] += 1
        elif finding.kind is FindingKind.UNTRANSLATED:
            tally[(finding.concept, finding.lang, finding.found, "untranslated")] += 1
    return tuple(Rendering(*key, count) for key, count in sorted(tally.items()))


def _record(
    doc_set: DocumentSet,
    config: BatchConfig,
    files: Sequence[tuple[str, bytes]],
    stats: SetStats,
    warnings: Sequence[str] = (),
) -> bytes:
    import json

    from workbench.core.version import __version__

    record = {
        "format": "workbench-batch-set/1",
        "workbench": __version__,
        "set": doc_set.to_dict(),
        "steps": sorted(config.steps),
        "glossary_sha256": config.glossary_sha256 if "check" in config.steps else "",
        "inputs": {lang: input_fingerprint(path) for lang, path in doc_set.documents},
        "files": {name: {"size": len(data), "sha256": sha256(data)} for name, data in files},
        "stats": stats.to_dict(),
        "reading": config.reading_record,
        "warnings": list(warnings),
    }
    return (json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
