"""The stored hostile corpus (`tests/data/hostile/`): its cases, and one reader per kind of file.

Each reader returns the whole text it read (every segment, term or unit), so a test can tell
a file read whole from one read in part; bad input raises an InputError.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile"
EN = "One sentence here. Another one.\n"
ES = "Una frase aquí. Otra más.\n"


@dataclass(frozen=True)
class Case:
    """One crafted file and what the workbench must do with it."""

    file: str
    attacks: str
    expect: str  # "refused" or "read"
    reason: str = ""
    line: int | None = None
    texts: tuple[str, ...] = ()
    names: str = ""

    @property
    def kind(self) -> str:
        return self.file.split("/", 1)[0]

    @property
    def path(self) -> Path:
        return CORPUS / self.file


def cases() -> list[Case]:
    """Every case of `cases.toml`, in file order."""
    data = tomllib.loads((CORPUS / "cases.toml").read_text("utf-8"))
    return [
        Case(
            file=item["file"],
            attacks=item["attacks"],
            expect=item["expect"],
            reason=item.get("reason", ""),
            line=item.get("line"),
            texts=tuple(item.get("texts", ())),
            names=item.get("names", ""),
        )
        for item in data["case"]
    ]


def stored_files() -> set[str]:
    """The corpus files on disk (relative names), without the README, the cases and builder."""
    return {
        str(path.relative_to(CORPUS))
        for path in CORPUS.rglob("*")
        if path.is_file() and path.parent != CORPUS
    }


def small_project(folder: Path) -> Path:
    """A two-language project made through the CLI, to hold a hostile manifest or XCES file."""
    from workbench.cli import main

    (folder / "en.txt").write_text(EN, "utf-8")
    (folder / "es.txt").write_text(ES, "utf-8")
    project = folder / "proj"
    code = main(
        ["project", "new", str(project), "--doc", f"en={folder / 'en.txt'}",
         "--doc", f"es={folder / 'es.txt'}", "--no-embeddings"]
    )  # fmt: skip
    assert code == 0
    return project


def plant(case: Case, project: Path) -> Path:
    """Put the case's file where it attacks the project; returns where it went."""
    if case.kind == "manifest":
        target = project / "workbench.toml"
    elif Path(case.file).name.startswith("doc-"):
        target = project / "alignments" / "proj" / "en.xml"
    else:
        target = project / "alignments" / "proj" / "en-es.xml"
    shutil.copyfile(case.path, target)
    return target


def _document_text(path: Path) -> str:
    from workbench.formats.plaintext import read_paragraphs

    return "\n".join(read_paragraphs(path))


def _tmx_text(path: Path) -> str:
    from workbench.formats.tmx_reader import TmxReader

    return "\n".join(
        variant.text for unit in TmxReader(path, workers=0) for variant in unit.variants
    )


def _po_text(path: Path) -> str:
    from workbench.formats.po import import_po

    text = import_po(path)
    return "\n".join(s.text for doc in text.documents.values() for s in doc.segments)


def _xliff_text(path: Path) -> str:
    from workbench.project.xliff_exchange import import_xliff

    text = import_xliff(path).text
    return "\n".join(s.text for doc in text.documents.values() for s in doc.segments)


def _glossary_text(path: Path) -> str:
    from workbench.project.glossary import load_glossary

    glossary = load_glossary(path)
    return "\n".join(term.text for concept in glossary.concepts for term in concept.terms)


def _srx_text(path: Path) -> str:
    from workbench.formats.srx import read_srx

    document = read_srx(path)
    return repr(document)


READERS: dict[str, Callable[[Path], str]] = {
    "text": _document_text,
    "docx": _document_text,
    "html": _document_text,
    "tmx": _tmx_text,
    "po": _po_text,
    "xliff": _xliff_text,
    "tbx": _glossary_text,
    "csv": _glossary_text,
    "srx": _srx_text,
}
