"""Batch manifests: JSON Lines, one document set per line, paths relative to the manifest."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.core import langtags
from workbench.core.errors import FormatError, LanguageTagError

# An id names the set's output folder, so it must be a plain, portable file name.
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
RESERVED_IDS = frozenset({"summary.json", "summary.html"})


@dataclass(frozen=True, slots=True)
class DocumentSet:
    """One document set: its id, pivot language and (language, path) pairs, pivot first.

    Paths are absolute as the manifest's reader resolved them; on a cluster they must name
    the same files on every worker. `encodings` holds (language, codec) for the documents
    read in a named encoding (the others are UTF-8, or UTF-16/32 with a BOM).
    """

    id: str
    pivot: str
    documents: tuple[tuple[str, str], ...]
    line: int = 0
    encodings: tuple[tuple[str, str], ...] = ()

    def encoding(self, lang: str) -> str | None:
        """The encoding `lang`'s document is read in, None for UTF-8/BOM detection."""
        return dict(self.encodings).get(lang)

    @property
    def langs(self) -> list[str]:
        """The languages of the set, pivot first."""
        return [lang for lang, _ in self.documents]

    @property
    def target_langs(self) -> list[str]:
        """Every language but the pivot."""
        return [lang for lang, _ in self.documents if lang != self.pivot]

    def to_dict(self) -> dict[str, object]:
        """The set as a JSON-ready dictionary (what its record stores)."""
        data: dict[str, object] = {
            "id": self.id,
            "pivot": self.pivot,
            "documents": dict(self.documents),
        }
        if self.encodings:
            data["encodings"] = dict(self.encodings)
        return data


def parse_line(
    text: str, base: Path, path: Path, line: int, encoding: str | None = None
) -> DocumentSet:
    """One manifest line as a DocumentSet; errors name the manifest file and line.

    A document is a path, or `{"path": ..., "encoding": ...}` for a text in another encoding
    than UTF-8; `encoding` is the default for the documents that name none.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON ({exc.msg}, column {exc.colno})", path, line) from None
    except RecursionError:
        raise FormatError("not valid JSON (nested too deep)", path, line) from None
    if not isinstance(data, dict):
        raise FormatError("each line must be a JSON object", path, line)
    unknown = sorted(set(data) - {"id", "pivot", "documents"})
    if unknown:
        raise FormatError(f"unknown key(s) {', '.join(map(repr, unknown))}", path, line)
    set_id = data.get("id")
    if not isinstance(set_id, str) or not _ID_RE.match(set_id) or set_id in RESERVED_IDS:
        raise FormatError(
            f"id {set_id!r} must be a file name of letters, digits, '.', '_' or '-' "
            "(starting with a letter or digit)",
            path,
            line,
        )
    documents = data.get("documents")
    if not isinstance(documents, dict) or len(documents) < 2:
        raise FormatError("'documents' must map at least two languages to file paths", path, line)
    encodings: dict[str, str] = {}
    for lang, file in list(documents.items()):
        if isinstance(file, dict):
            extra = sorted(set(file) - {"path", "encoding"})
            codec = file.get("encoding")
            if extra or not (codec is None or (isinstance(codec, str) and codec)):
                raise FormatError(
                    f'\'documents\' entry {lang!r}: an object holds "path" and "encoding" '
                    '(e.g. {"path": "es.txt", "encoding": "latin-1"})',
                    path,
                    line,
                )
            if codec:
                encodings[lang] = codec
            file = documents[lang] = file.get("path")
        elif encoding:
            encodings[lang] = encoding
        if not lang or not isinstance(file, str) or not file:
            raise FormatError(
                f"'documents' entry {lang!r} must be a language code with a file path", path, line
            )
        try:  # a language names output files: a BCP 47 tag, never a path
            langtags.parse(lang, source="'documents'", registered=False)
        except LanguageTagError as exc:
            raise FormatError(exc.problem, path, line) from None
    pivot = data.get("pivot")
    if not isinstance(pivot, str) or pivot not in documents:
        raise FormatError(
            f"'pivot' {pivot!r} must be one of the document languages ({', '.join(documents)})",
            path,
            line,
        )
    ordered = [pivot, *(lang for lang in documents if lang != pivot)]
    names = [lang.casefold() for lang in ordered]
    names += [f"{pivot}-{lang}".casefold() for lang in ordered[1:]]
    if len(set(names)) != len(names):
        raise FormatError(
            "two languages would write the same output file (e.g. 'es' and 'en-es' with pivot "
            "'en'; or the same code in two cases): rename one",
            path,
            line,
        )
    resolved = tuple((lang, str((base / documents[lang]).absolute())) for lang in ordered)
    named = tuple((lang, encodings[lang]) for lang in ordered if lang in encodings)
    return DocumentSet(set_id, pivot, resolved, line, named)


def read_manifest(
    path: str | Path,
    rejected: list[FormatError] | None = None,
    encoding: str | None = None,
) -> list[DocumentSet]:
    """Read a JSON Lines manifest; blank lines are skipped, ids must be unique.

    A bad line raises, unless `rejected` is given: then its error is added there and the
    other lines are read (one bad line of 200,000 need not stop a batch). `encoding` is the
    encoding of the documents whose entry names none.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise FormatError("manifest not found", file) from None
    except OSError as exc:
        raise FormatError(f"cannot read the manifest: {exc.strerror or exc}", file) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FormatError("the manifest is not UTF-8", file, line) from None
    base = file.absolute().parent
    sets: list[DocumentSet] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = parse_line(raw, base, file, number, encoding)
            # Folder names collide case-insensitively on Windows and macOS.
            key = item.id.casefold()
            if key in seen:
                raise FormatError(
                    f"id {item.id!r} is already used on line {seen[key]}", file, number
                )
        except FormatError as exc:
            if rejected is None:
                raise
            rejected.append(exc)
            continue
        seen[key] = number
        sets.append(item)
    if not sets:
        if rejected:
            raise FormatError(f"no line of the manifest is a valid document set: {rejected[0]}")
        raise FormatError("the manifest holds no document sets", file)
    return sets
