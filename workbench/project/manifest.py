"""The project manifest `workbench.toml` and where a project folder is found."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from workbench.core import langtags
from workbench.core.errors import FormatError, LanguageTagError, ProjectError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.formats.furniture import ReadingOptions
from workbench.project.paths import check_name, inside

MANIFEST = "workbench.toml"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What `workbench.toml` says: paths are relative to the project root."""

    name: str
    pivot: str
    documents: Mapping[str, Path]
    title: str = ""
    alignments_dir: Path = Path("alignments")
    tmx_dir: Path = Path("tmx")
    glossary: Path | None = None
    segmentation: Path | None = None
    lang_codes: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LANG_CODES))
    #: `[align] embeddings`: True or False; None (absent) uses them when the extra is installed.
    embeddings: bool | None = None
    #: `[reading]`: how PDF, ODT and RTF documents are read (furniture, footnotes).
    reading: ReadingOptions = field(default_factory=ReadingOptions)

    def to_toml(self) -> str:
        """The manifest as TOML text."""
        paths: dict[str, str] = {
            "alignments": self.alignments_dir.as_posix(),
            "tmx": self.tmx_dir.as_posix(),
        }
        if self.glossary is not None:
            paths["glossary"] = self.glossary.as_posix()
        if self.segmentation is not None:
            paths["segmentation"] = self.segmentation.as_posix()
        data: dict[str, object] = {
            "project": {"name": self.name, "title": self.title, "pivot": self.pivot},
            "documents": {lang: p.as_posix() for lang, p in self.documents.items()},
            "paths": paths,
            "export": {"lang_codes": dict(self.lang_codes)},
        }
        if self.embeddings is not None:
            data["align"] = {"embeddings": self.embeddings}
        if self.reading != ReadingOptions():
            data["reading"] = {
                "keep_furniture": self.reading.keep_furniture,
                "footnotes": self.reading.footnotes,
            }
        return tomli_w.dumps(data)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """Parse a manifest file; errors name the file, line and problem."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ProjectError(
                f"{path.parent} is not a workbench project (no {MANIFEST})"
            ) from None
        except UnicodeDecodeError as exc:
            raise FormatError(f"not UTF-8 ({exc.reason})", path) from None
        except tomllib.TOMLDecodeError as exc:
            raise FormatError(f"invalid TOML: {exc}", path, _toml_line(str(exc))) from None
        except RecursionError:
            raise FormatError("invalid TOML: arrays or tables nested too deep", path) from None
        except IsADirectoryError:
            raise ProjectError(f"{path} is a folder, not a manifest") from None
        project = _table(data, "project", path)
        documents = _table(data, "documents", path)
        paths = _table(data, "paths", path, required=False)
        export = _table(data, "export", path, required=False)
        align = _table(data, "align", path, required=False)
        embeddings = align.get("embeddings")
        if embeddings is not None and not isinstance(embeddings, bool):
            raise FormatError(f"[align] embeddings = {embeddings!r}: expected true or false", path)
        reading = _reading(_table(data, "reading", path, required=False), path)
        name = project.get("name")
        pivot = project.get("pivot")
        if not isinstance(name, str) or not name:
            raise FormatError("[project] needs a name", path)
        try:
            check_name(name, "[project] name")
        except ProjectError as exc:
            raise FormatError(str(exc), path) from None
        for lang, source in documents.items():
            _check_lang(lang, "[documents]", path)
            if not isinstance(source, str) or not source:
                raise FormatError(
                    f"[documents] {lang} = {source!r}: expected a file path (a string)", path
                )
        if not isinstance(pivot, str) or pivot not in documents:
            raise FormatError(f"[project] pivot {pivot!r} must be one of the [documents]", path)
        for key, value in paths.items():
            if not isinstance(value, str):
                raise FormatError(f"[paths] {key} = {value!r}: expected a path (a string)", path)
        lang_codes = _table(export, "lang_codes", path, required=False, where="[export]")
        codes = dict(DEFAULT_LANG_CODES)
        for lang, code in lang_codes.items():
            if not isinstance(code, str):
                raise FormatError(
                    f"[export.lang_codes] {lang} = {code!r}: expected a language code", path
                )
            _check_lang(lang, "[export.lang_codes]", path)
            _check_lang(code, f"[export.lang_codes] {lang}", path)
            codes[lang] = code
        root = path.parent
        alignments = str(paths.get("alignments", f"alignments/{name}"))
        tmx = str(paths.get("tmx", "tmx"))
        try:  # the folders a project writes stay inside it
            inside(root, alignments, "[paths] alignments")
            inside(root, tmx, "[paths] tmx")
        except ProjectError as exc:
            raise FormatError(str(exc), path) from None
        return cls(
            name=name,
            pivot=pivot,
            title=str(project.get("title", "")),
            documents={lang: Path(str(p)) for lang, p in documents.items()},
            alignments_dir=Path(alignments),
            tmx_dir=Path(tmx),
            glossary=Path(str(paths["glossary"])) if paths.get("glossary") else None,
            segmentation=Path(str(paths["segmentation"])) if paths.get("segmentation") else None,
            lang_codes=codes,
            embeddings=embeddings,
            reading=reading,
        )


def _reading(table: dict[str, object], path: Path) -> ReadingOptions:
    keep = table.get("keep_furniture", False)
    if not isinstance(keep, bool):
        raise FormatError(f"[reading] keep_furniture = {keep!r}: expected true or false", path)
    footnotes = table.get("footnotes", "end")
    if footnotes not in ("end", "drop"):
        raise FormatError(f'[reading] footnotes = {footnotes!r}: expected "end" or "drop"', path)
    return ReadingOptions(keep_furniture=keep, drop_footnotes=footnotes == "drop")


def _check_lang(value: object, where: str, path: Path) -> None:
    if not isinstance(value, str):
        raise FormatError(f"{where}: {value!r} is not a language code", path)
    try:
        langtags.parse(value, source=where, registered=False)
    except LanguageTagError as exc:
        raise FormatError(exc.problem, path) from None


def _table(
    data: dict[str, object], key: str, path: Path, *, required: bool = True, where: str = ""
) -> dict[str, object]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        name = f"{where.strip('[]')}.{key}" if where else key
        if value is None:
            raise FormatError(f"the manifest needs a [{name}] table", path)
        raise FormatError(f"{name} = {value!r} must be a table ([{name}])", path)
    return value


def _toml_line(message: str) -> int | None:
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",")[0].rstrip(")")
        if digits.isdigit():
            return int(digits)
    return None


def find_project(start: str | Path | None = None) -> Path:
    """The project folder: `start` if given, else the nearest folder holding a manifest.

    Without `start` the search goes up from the current folder, as git looks for `.git`, so a
    command run inside `myproject/alignments/` acts on `myproject`.
    """
    if start is not None:
        path = Path(start)
        if path.is_file() and path.name == MANIFEST:
            path = path.parent
        if not (path / MANIFEST).is_file():
            raise ProjectError(f"{path} is not a workbench project (no {MANIFEST})")
        return path
    here = Path.cwd()
    for candidate in (here, *here.parents):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise ProjectError(
        f"not inside a workbench project (no {MANIFEST} here or in any parent folder): "
        "name the project folder, or make one with `workbench project new`"
    )
