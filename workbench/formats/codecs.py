"""One shape for every format: a codec reads a file into a value and writes a value to a file.

`Codec` is the contract (`tests/formats/contract.py` holds what every codec must pass: a
byte-identical round trip, bad input named with file and line, no entity expansion, memory
bounded by the data); the codecs here adapt each format module's reader and writer to it. A
new format adds its codec here and one test class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

from workbench.core.alignment import Alignment
from workbench.core.document import Document
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.formats import glossary_csv, po, tbx, xces
from workbench.formats.plaintext import read_paragraphs
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import TranslationUnit
from workbench.formats.tmx_writer import write_tmx
from workbench.terms.glossary import Glossary

T = TypeVar("T")
FIXED_DATE = "20260101T000000Z"  # reproducible files: the writers' creation date


class Codec(Protocol[T]):
    """Reads a file into a value of the format and writes such a value back (atomically)."""

    name: ClassVar[str]
    suffix: ClassVar[str]

    def read(self, path: Path) -> T:
        """The file's value; bad input raises a FormatError naming the file and line."""
        ...

    def write(self, path: Path, value: T) -> None:
        """Write `value` to `path`, all or nothing."""
        ...


class TmxCodec:
    """TMX 1.4: a sequence of translation units in the languages given."""

    name: ClassVar[str] = "tmx"
    suffix: ClassVar[str] = ".tmx"

    def __init__(
        self,
        langs: Sequence[str] = ("en", "es", "zh"),
        lang_codes: Mapping[str, str] | None = None,
        creationdate: str = FIXED_DATE,
    ) -> None:
        self.langs = tuple(langs)
        self.codes = dict(DEFAULT_LANG_CODES) | dict(lang_codes or {})
        self.creationdate = creationdate

    def read(self, path: Path) -> list[TranslationUnit]:
        """Every TU of the file, in order."""
        return list(TmxReader(path, self.codes))

    def write(self, path: Path, value: Sequence[TranslationUnit]) -> None:
        """Write the TUs (each holding every language)."""
        write_tmx(
            path,
            value,
            srclang=self.langs[0],
            langs=self.langs,
            lang_codes=self.codes,
            creationdate=self.creationdate,
        )


class PoCodec:
    """A PO file: one alignment of the pivot with one target language."""

    name: ClassVar[str] = "po"
    suffix: ClassVar[str] = ".po"

    def __init__(self, pivot: str = "en", creationdate: str = FIXED_DATE) -> None:
        self.pivot = pivot
        self.creationdate = creationdate

    def read(self, path: Path) -> Alignment:
        """The alignment the file holds."""
        text = po.import_po(path, self.pivot)
        (alignment,) = text.alignments.values()
        return alignment

    def write(self, path: Path, value: Alignment) -> None:
        """Write the alignment, one entry a bead."""
        po.write_po(path, value, creationdate=self.creationdate)


class XcesDocumentCodec:
    """A segmented document as the project stores it (`<p>` and `<s id>`)."""

    name: ClassVar[str] = "xces-document"
    suffix: ClassVar[str] = ".xml"

    def read(self, path: Path) -> Document:
        """The document."""
        return xces.read_document(path)[0]

    def write(self, path: Path, value: Document) -> None:
        """Write the document."""
        xces.write_document(path, value)


class XcesAlignmentCodec:
    """An XCES alignment (`cesAlign`) with its two documents beside it, as a project has them.

    The documents are written next to the alignment as `<lang>.xml` (a project's layout) and
    named in the link group's fromDoc and toDoc, which reading follows.
    """

    name: ClassVar[str] = "xces-alignment"
    suffix: ClassVar[str] = ".xml"

    def read(self, path: Path) -> Alignment:
        """The alignment with its two documents."""
        return xces.read_linked_alignment(path)

    def write(self, path: Path, value: Alignment) -> None:
        """Write both documents, then the alignment that links them."""
        names = []
        for document in (value.source, value.target):
            name = f"{document.lang}.xml"
            xces.write_document(path.parent / name, document)
            names.append(name)
        xces.write_alignment(path, value, names[0], names[1])


class DocumentReader:
    """A document a translator brings (plain text, docx, html, pdf, odt, rtf): read-only.

    The value is the document's paragraphs (footnotes after the body), as a project makes
    its documents from them; there is no writer (`tests/formats/contract.py` has a
    read-only contract for these).
    """

    name: ClassVar[str] = "document"

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def read(self, path: Path) -> list[str]:
        """The paragraphs; bad input raises a FormatError naming the file (and line)."""
        return read_paragraphs(path)


class TbxCodec:
    """A TBX glossary (written as TBX v3, TBX-Basic DCA; v2 read too)."""

    name: ClassVar[str] = "tbx"
    suffix: ClassVar[str] = ".tbx"

    def read(self, path: Path) -> Glossary:
        """The glossary."""
        return tbx.read_tbx(path)

    def write(self, path: Path, value: Glossary) -> None:
        """Write the glossary as TBX v3."""
        tbx.write_tbx(path, value, 3)


class GlossaryCsvCodec:
    """A glossary as CSV, one term a row."""

    name: ClassVar[str] = "glossary-csv"
    suffix: ClassVar[str] = ".csv"

    def read(self, path: Path) -> Glossary:
        """The glossary."""
        return glossary_csv.read_glossary_csv(path)

    def write(self, path: Path, value: Glossary) -> None:
        """Write the glossary."""
        glossary_csv.write_glossary_csv(path, value)


if TYPE_CHECKING:  # every codec has the contract's shape (mypy checks these lines)
    _tmx: Codec[list[TranslationUnit]] = TmxCodec()
    _po: Codec[Alignment] = PoCodec()
    _document: Codec[Document] = XcesDocumentCodec()
    _alignment: Codec[Alignment] = XcesAlignmentCodec()
    _tbx: Codec[Glossary] = TbxCodec()
    _csv: Codec[Glossary] = GlossaryCsvCodec()
