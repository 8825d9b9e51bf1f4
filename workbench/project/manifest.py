"""The project manifest `workbench.toml` and where a project folder is found."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from workbench.core.errors import FormatError, ProjectError
from workbench.core.langs import DEFAULT_LANG_CODES

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
        data = {
            "project": {"name": self.name, "title": self.title, "pivot": self.pivot},
            "documents": {lang: p.as_posix() for lang, p in self.documents.items()},
            "paths": paths,
            "export": {"lang_codes": dict(self.lang_codes)},
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
        project = _table(data, "project", path)
        documents = _table(data, "documents", path)
        paths = data.get("paths", {})
        export = data.get("export", {})
        name = project.get("name")
        pivot = project.get("pivot")
        if not isinstance(name, str) or not name:
            raise FormatError("[project] needs a name", path)
        if not isinstance(pivot, str) or pivot not in documents:
            raise FormatError(f"[project] pivot {pivot!r} must be one of the [documents]", path)
        if not all(isinstance(v, str) for v in documents.values()):
            raise FormatError("[documents] maps each language to a file path", path)
        codes = dict(DEFAULT_LANG_CODES)
        codes.update({k: str(v) for k, v in export.get("lang_codes", {}).items()})
        return cls(
            name=name,
            pivot=pivot,
            title=str(project.get("title", "")),
            documents={lang: Path(str(p)) for lang, p in documents.items()},
            alignments_dir=Path(str(paths.get("alignments", f"alignments/{name}"))),
            tmx_dir=Path(str(paths.get("tmx", "tmx"))),
            glossary=Path(str(paths["glossary"])) if paths.get("glossary") else None,
            segmentation=Path(str(paths["segmentation"])) if paths.get("segmentation") else None,
            lang_codes=codes,
        )


def _table(data: dict[str, object], key: str, path: Path) -> dict[str, object]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise FormatError(f"the manifest needs a [{key}] table", path)
    return value


def _toml_line(message: str) -> int | None:
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",")[0].rstrip(")")
        if digits.isdigit():
            return int(digits)
    return None


def bundled_project_root() -> Path:
    """The repository root, which is itself the bundled SCO 2006 project."""
    return Path(__file__).resolve().parents[2]


def find_project(start: str | Path | None = None) -> Path:
    """The project folder: `start` if given, else the current folder's, else the bundled one."""
    if start is not None:
        path = Path(start)
        if path.is_file() and path.name == MANIFEST:
            path = path.parent
        if not (path / MANIFEST).is_file():
            raise ProjectError(f"{path} is not a workbench project (no {MANIFEST})")
        return path
    for candidate in (Path.cwd(), bundled_project_root()):
        if (candidate / MANIFEST).is_file():
            return candidate
    raise ProjectError("no project given and no workbench.toml here")
