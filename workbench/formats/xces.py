"""XCES cesAlign alignment files and the segmented documents they point to (as InterText/OPUS)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from workbench.core.alignment import Alignment, Bead, BeadStatus
from workbench.core.atomic import atomic_write
from workbench.core.document import Document
from workbench.core.errors import AlignmentError, FormatError
from workbench.formats.xmlsafe import line_of, parse_xml

# InterText writes status='man' for links a person confirmed and 'auto' for the aligner's.
_STATUS_WRITE = {BeadStatus.AUTO: "auto", BeadStatus.CONFIRMED: "man"}
_STATUS_READ = {
    "auto": BeadStatus.AUTO,
    "man": BeadStatus.CONFIRMED,
    "manual": BeadStatus.CONFIRMED,
    "confirmed": BeadStatus.CONFIRMED,
}


def write_document(path: str | Path, document: Document) -> None:
    """Write a segmented document: `<document lang><p id><s id>text</s></p></document>`."""
    with atomic_write(path, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        attributes = {"lang": document.lang}
        if document.name:
            attributes["name"] = document.name
        with xf.element("document", attributes):
            xf.write("\n")
            for p, paragraph in enumerate(document.paragraphs, start=1):
                with xf.element("p", id=str(p)):
                    for s, text in enumerate(paragraph, start=1):
                        xf.write("\n  ")
                        element = etree.Element("s", id=f"{p}:{s}")
                        element.text = _xml_text(text, document, f"{p}:{s}")
                        xf.write(element)
                    xf.write("\n")
                xf.write("\n")


# libxml2 refuses a text node over 10,000,000 characters unless huge trees are allowed, which
# the hardened parser never does: a longer segment would save but never load again.
MAX_SEGMENT_CHARS = 10_000_000


def _xml_text(text: str, document: Document, ident: str) -> str:
    # Errors name the document (its source file) and the segment, not the temporary file.
    where = f"{document.name or document.lang}, {document.lang} segment {ident}"
    if len(text) > MAX_SEGMENT_CHARS:
        raise FormatError(
            f"{where} is {len(text):,} characters, over the {MAX_SEGMENT_CHARS:,} a project "
            "file can be read back with; split the paragraph (blank lines) and try again"
        )
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n\r") or ord(c) in (0xFFFE, 0xFFFF)]
    if bad:
        raise FormatError(
            f"{where} ({text[:40]!r}) holds a character XML forbids (U+{ord(bad[0]):04X})"
        )
    return text


def read_document(path: str | Path, lang: str | None = None) -> tuple[Document, list[str]]:
    """Read a segmented document; returns it and the ids its segments had in the file."""
    tree = parse_xml(path)
    root = tree.getroot()
    doc_lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or lang
    if not doc_lang:
        raise FormatError("the document names no language (lang attribute)", path, line_of(root))
    paragraphs: list[list[str]] = []
    ids: list[str] = []
    for p in root.iter("p"):
        sentences = []
        for s in p.iter("s"):
            text = "".join(str(t) for t in s.itertext())
            sid = s.get("id")
            if sid is None:
                raise FormatError("<s> without an id", path, line_of(s))
            if not text.strip():
                raise FormatError(f"segment {sid} is empty", path, line_of(s))
            sentences.append(text)
            ids.append(sid)
        if sentences:
            paragraphs.append(sentences)
    # A document with no paragraph at all is one not translated yet (an XLIFF file fresh
    # from a CAT tool, all 1-0 beads); paragraphs without a segment are a broken file.
    if not paragraphs and (root.find(".//p") is not None or root.find(".//s") is not None):
        raise FormatError("the document holds no <p><s> segments", path, line_of(root))
    if len(set(ids)) != len(ids):
        raise FormatError("segment ids are not unique", path)
    return Document(doc_lang, paragraphs, root.get("name", "")), ids


def write_alignment(path: str | Path, alignment: Alignment, from_doc: str, to_doc: str) -> None:
    """Write an XCES cesAlign file; segments are referred to by their `p:s` ids."""
    source_ids = [s.id for s in alignment.source.segments]
    target_ids = [s.id for s in alignment.target.segments]
    with atomic_write(path, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("cesAlign", version="1.0"):
            xf.write("\n")
            with xf.element("linkGrp", targType="s", fromDoc=from_doc, toDoc=to_doc):
                xf.write("\n")
                for item in alignment.beads:
                    xtargets = (
                        " ".join(source_ids[i] for i in item.source)
                        + ";"
                        + " ".join(target_ids[j] for j in item.target)
                    )
                    link = etree.Element(
                        "link",
                        xtargets=xtargets,
                        type=item.kind,
                        status=_STATUS_WRITE[item.status],
                        certainty=f"{item.confidence:.4f}",
                    )
                    xf.write(link)
                    xf.write("\n")
            xf.write("\n")


def read_alignment(
    path: str | Path,
    source: Document,
    target: Document,
    source_ids: Sequence[str] | None = None,
    target_ids: Sequence[str] | None = None,
) -> Alignment:
    """Read an XCES (or InterText linkGrp-rooted) alignment of `source` with `target`.

    `source_ids`/`target_ids` are the ids the documents' segments had in their files
    (positional `p:s` ids when not given).
    """
    source_index = {sid: i for i, sid in enumerate(source_ids or [s.id for s in source.segments])}
    target_index = {sid: i for i, sid in enumerate(target_ids or [s.id for s in target.segments])}
    tree = parse_xml(path)
    root = tree.getroot()
    if root.tag not in ("cesAlign", "linkGrp"):
        raise FormatError(
            f"expected <cesAlign> or <linkGrp>, found <{root.tag}>", path, line_of(root)
        )
    beads: list[Bead] = []
    for link in root.iter("link"):
        line = line_of(link)
        xtargets = link.get("xtargets")
        if xtargets is None or xtargets.count(";") != 1:
            raise FormatError("a <link> needs xtargets='source ids;target ids'", path, line)
        src_text, tgt_text = xtargets.split(";")
        try:
            src = tuple(source_index[x] for x in src_text.split())
            tgt = tuple(target_index[x] for x in tgt_text.split())
        except KeyError as exc:
            raise FormatError(
                f"xtargets names segment {exc.args[0]} that the document lacks", path, line
            ) from None
        status_text = link.get("status", "auto")
        if status_text not in _STATUS_READ:
            raise FormatError(f"unknown link status {status_text!r} (auto or man)", path, line)
        try:
            confidence = float(link.get("certainty", "0") or 0)
        except ValueError:
            raise FormatError(
                f"certainty {link.get('certainty')!r} is not a number", path, line
            ) from None
        if not 0.0 <= confidence <= 1.0:
            raise FormatError(f"certainty {confidence} is outside 0..1", path, line)
        beads.append(Bead(src, tgt, _STATUS_READ[status_text], confidence))
    try:
        return Alignment(source, target, beads)
    except AlignmentError as exc:
        raise FormatError(str(exc), path) from None


def read_linked_alignment(path: str | Path) -> Alignment:
    """Read an XCES alignment with the two documents its `<linkGrp>` names (fromDoc, toDoc).

    The documents are looked for beside the alignment file (the names are relative to it).
    """
    root = parse_xml(path).getroot()
    group = root if root.tag == "linkGrp" else root.find("linkGrp")
    if root.tag not in ("cesAlign", "linkGrp"):
        raise FormatError(
            f"expected <cesAlign> or <linkGrp>, found <{root.tag}>", path, line_of(root)
        )
    if group is None:
        raise FormatError("the alignment has no <linkGrp>", path, line_of(root))
    names = [group.get("fromDoc") or "", group.get("toDoc") or ""]
    if not all(names):
        raise FormatError(
            "<linkGrp> needs fromDoc and toDoc: the files of the two documents",
            path,
            line_of(group),
        )
    folder = Path(path).parent
    read = []
    for name in names:
        document = folder / name
        if not document.is_file():
            raise FormatError(f"the document {name} it links is missing", path, line_of(group))
        read.append(read_document(document))
    (source, source_ids), (target, target_ids) = read
    return read_alignment(path, source, target, source_ids, target_ids)
