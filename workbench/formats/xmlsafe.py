"""The one hardened XML parser factory: no entities resolved, no network, no DTD loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from workbench.core.errors import FormatError, UnsafeInputError


def line_of(element: etree._Element) -> int | None:
    """The source line of `element`, when lxml knows it."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def safe_parser(*, collect_ids: bool = True) -> etree.XMLParser:
    """An lxml parser that refuses to resolve entities, load DTDs or touch the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        collect_ids=collect_ids,
    )


def declares_entities(tree: etree._ElementTree) -> bool:
    """Whether the document's DOCTYPE declares entities (its internal subset)."""
    # A DOCTYPE naming an external DTD (TMX files carry one) is harmless since it is never
    # loaded; declared entities are refused outright (XXE, billion laughs).
    dtd = tree.docinfo.internalDTD
    return dtd is not None and any(True for _ in dtd.iterentities())  # type: ignore[attr-defined]


def _reject_doctype_entities(tree: etree._ElementTree, path: str | Path) -> None:
    if declares_entities(tree):
        raise UnsafeInputError("the file declares entities; refused for safety", path)


def parse_xml(source: str | Path | bytes, path: str | Path | None = None) -> etree._ElementTree:
    """Parse a file path or bytes with the safe parser; errors name the file and line."""
    label = path if path is not None else (source if isinstance(source, str | Path) else "<bytes>")
    try:
        if isinstance(source, bytes):
            root = etree.fromstring(source, safe_parser())
            tree = root.getroottree()
        else:
            tree = etree.parse(str(source), safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        message = str(exc.msg) if exc.msg else str(exc)
        if "entity" in message.lower():
            raise UnsafeInputError(f"refused entity: {message}", label, line) from None
        raise FormatError(f"malformed XML: {message}", label, line) from None
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc}", label) from None
    _reject_doctype_entities(tree, label)
    _reject_entity_references(tree, label)
    return tree


def _reject_entity_references(tree: etree._ElementTree, path: str | Path) -> None:
    for node in tree.iter():
        if isinstance(node, etree._Entity):
            line = line_of(node)
            raise UnsafeInputError(f"unresolved entity reference {node.text}", path, line)


def iterparse_safe(
    source: str | Path | IO[bytes], tag: str | tuple[str, ...] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """Stream (event, element) pairs on "end" of `tag`, refusing DTDs and entities."""
    label = source if isinstance(source, str | Path) else getattr(source, "name", "<stream>")
    context = etree.iterparse(
        source if not isinstance(source, Path) else str(source),
        events=("start", "end"),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        checked = False
        for event, element in context:
            if not checked:
                _reject_doctype_entities(element.getroottree(), label)
                checked = True
            yield event, element
    except etree.XMLSyntaxError as exc:
        # iterparse raises with libxml2's last message ("no element found", line 0); the
        # first entry of the error log is the real cause, with its line.
        entries = list(context.error_log.filter_from_errors())
        first = entries[0] if entries else None
        message = first.message if first is not None else (str(exc.msg) or str(exc))
        line = (first.line if first is not None else exc.lineno) or None
        if "entity" in message.lower():
            raise UnsafeInputError(f"refused entity: {message}", label, line) from None
        raise FormatError(f"malformed XML: {message}", label, line) from None
