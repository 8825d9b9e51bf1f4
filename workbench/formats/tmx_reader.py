"""TMX reader: streaming, lxml, pieces parsed in this process or in worker processes.

The reader cuts the body after `</tu>` into pieces of whole TUs, ~64 KB each, and parses
each with lxml (the safe parser's settings) as `<body>piece</body>`: small trees that stay in
the CPU cache, no per-element events. A big file's pieces are parsed by worker processes
(`workbench.formats.workers.ordered_map`) and the TUs come back in file order; memory stays
bounded by the pieces in flight. Whatever the pieces cannot take (an encoding other than
UTF-8, namespaces, declared entities, a `</tu>` inside a comment or CDATA, broken XML) goes to
the streamed parser (`xmlsafe.iterparse_safe`, one `<tu>` at a time), which goes on after the
TUs already given and names any error with its file and line. It reads `xml:lang` (TMX 1.4)
or `lang` (TMX 1.1-1.3), maps language codes back to workbench languages, and keeps inline
codes (`<bpt>`, `<ept>`, `<it>`, `<ph>`, `<ut>`, `<hi>`) as code spans (`tmx_inline`).
"""

from __future__ import annotations

import gc
import os
import pickle
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from lxml import etree

from workbench.core import langtags
from workbench.core.collector import collector_paused
from workbench.core.errors import EncodingError, FormatError, InputError, LanguageTagError
from workbench.core.langs import language_key, segment_joiner
from workbench.formats.tmx_inline import seg_text as inline_seg_text
from workbench.formats.tmx_units import (
    SEGLENGTHS_PROP,
    XML_LANG,
    TmxHeader,
    TranslationUnit,
    Variant,
    attribute_props,
)
from workbench.formats.workers import WorkerError, available_cpus, ordered_map
from workbench.formats.xmlsafe import declares_entities, iterparse_safe, safe_parser

CHUNK_BYTES = 1 << 16  # the reader parses the body in pieces of about this size
MAX_CHUNK_BYTES = 1 << 24  # a piece with no `</tu>` in 16 MB goes to the streamed parser
PARALLEL_MIN_BYTES = 1 << 26  # files from 64 MB are read by worker processes
PARALLEL_PIECE_BYTES = 1 << 20  # bytes of whole TUs sent to a worker at once
MAX_WORKERS = 4
MAX_EXPLICIT_WORKERS = 64  # what --jobs may ask for at most
# Native-code elements whose content is markup of the original format, not translatable text.


class TmxReader:
    """Stream the TUs of a TMX file; `header` is set once the header has been read.

    `lang_codes` maps workbench languages to codes; a code found in the file maps back through
    it (case-insensitive), else to `langs.language_key` (`es-ES` -> "es", but `es-MX`, `zh-TW`
    stay themselves: variants are never merged). A TU with two variants of one language keeps
    the first and records a warning.

    `workers` processes parse the body in parallel with this one (the TUs still come out in
    file order, and memory stays bounded: a few MB of pieces in flight); `None` picks one per
    CPU beyond the first, up to `MAX_WORKERS`, for a file of `PARALLEL_MIN_BYTES` or more, and
    0 reads in this process alone.
    """

    def __init__(
        self,
        path: str | Path,
        lang_codes: Mapping[str, str] | None = None,
        *,
        workers: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.header: TmxHeader | None = None
        self.workers = workers
        self._codes = dict(lang_codes or {})
        self._back = {code.lower(): lang for lang, code in self._codes.items()}
        self._langs: dict[str, str] = {}
        # Second variants of one language: (TU number, line, language, code).
        self._duplicates: list[tuple[int, int | None, str, str]] = []
        # Why worker processes gave up, if they did (the streamed parser then read on).
        self.worker_problem: str | None = None

    @property
    def warnings(self) -> list[str]:
        """What was read but not kept, one message per case with file and line."""
        return [
            f"{self.path}:{line}: TU {number} has a second {lang} variant ({code}); kept the first"
            for number, line, lang, code in self._duplicates
        ]

    def lang_of(self, code: str, line: int | None = None) -> str:
        """The workbench language of a TMX language code (a BCP 47 tag, never a path)."""
        found = self._langs.get(code)
        if found is None:
            found = self._back.get(code.lower())
            if found is None:
                try:
                    tag = langtags.parse(code, source="xml:lang", registered=False)
                except LanguageTagError as exc:
                    raise FormatError(exc.problem, self.path, line) from None
                found = language_key(tag.tag)
                # A key the caller gave another code (`zh=zh-TW`) is taken: zh-CN keeps its tag.
                given = self._codes.get(found)
                if given is not None and given.lower() != tag.tag.lower():
                    found = tag.tag
            self._langs[code] = found
        return found

    def __iter__(self) -> Iterator[TranslationUnit]:
        try:
            yield from self._units()
        except FormatError as exc:
            problem = exc.problem
            if "utf-8" in problem.lower() or "encoding" in problem.lower():
                raise EncodingError(
                    f"not readable in its declared encoding ({problem}); TMX must be UTF-8 "
                    "or declare its encoding in the XML declaration",
                    self.path,
                    exc.line,
                ) from None
            raise

    def _open(self) -> IO[bytes]:
        try:
            return open(self.path, "rb")
        except FileNotFoundError:
            raise InputError("no such TMX file", self.path) from None
        except IsADirectoryError:
            raise InputError("is a folder, not a TMX file", self.path) from None
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", self.path) from None

    def _worker_count(self, stream: IO[bytes]) -> int:
        try:
            status = os.fstat(stream.fileno())
        except (OSError, ValueError):
            return 0
        if not stat.S_ISREG(status.st_mode):  # the workers read the file themselves
            return 0
        size = status.st_size
        if self.workers is not None:
            # Capped by the work: one worker per piece beyond the one this process reads, and
            # never more than MAX_EXPLICIT_WORKERS (`--jobs 1000` on a 400-byte file started
            # 1,000 processes for nothing: 24 s).
            pieces = -(-size // PARALLEL_PIECE_BYTES)
            return max(0, min(self.workers, pieces - 1, MAX_EXPLICIT_WORKERS))
        cpus = available_cpus()  # workers and this process, which parses too
        return min(cpus - 1, MAX_WORKERS) if size >= PARALLEL_MIN_BYTES else 0

    def _units(self) -> Iterator[TranslationUnit]:
        # The fast path cuts the body after `</tu>` into pieces parsed whole by lxml as
        # `<body>piece</body>` (~64 KB each: small trees stay in the CPU cache and need no
        # per-element events), in this process or in worker processes. A piece that does not
        # parse on its own (a `</tu>` inside a comment or CDATA, a namespace, an entity, a
        # truncated file), an encoding other than UTF-8 or a DTD subset raises `_Unchunkable`;
        # the streamed parser then goes on after the TUs already given, and reads exactly what
        # the fast path would, or names the error with its line.
        done = 0
        with self._open() as stream:
            try:
                for unit in self._chunked_units(stream):
                    done += 1
                    yield unit
                return
            except (_Unchunkable, FormatError):
                # A bad TU in a piece: the streamed parser names the first error of the file
                # (lxml's read-ahead may meet broken XML after it first), as a lone reader would.
                pass
            except WorkerError as exc:  # a worker died or could not start: slower, not wrong
                self.worker_problem = str(exc)
        yield from self._streamed_units(skip=done)

    def _chunked_units(self, stream: IO[bytes]) -> Iterator[TranslationUnit]:
        pending = b""
        match = None
        while match is None:
            block = stream.read(CHUNK_BYTES)
            pending += block
            match = _TU_START.search(pending)
            if not block or len(pending) > MAX_CHUNK_BYTES:
                break
        if match is None:
            raise _Unchunkable
        prolog, pending = pending[: match.start()], pending[match.start() :]
        self.header = _chunk_header(prolog)
        workers = self._worker_count(stream)
        line = prolog.count(b"\n")  # lines before the first piece
        count = 0
        if workers:
            spans = _Spans(stream, match.start(), PARALLEL_PIECE_BYTES)
            for batch in self._parallel_units(spans, workers, line):
                count += len(batch)
                yield from batch
            tail, line = spans.tail
        else:
            pieces = _Pieces(stream, pending, line, CHUNK_BYTES)
            for batch in self._local_units(pieces):
                count += len(batch)
                yield from batch
            tail, line = pieces.tail
        # What follows the last `</tu>` closes <body> and <tmx> (and may hold TUs that end
        # with `</tu >` or `<tu/>`).
        body = _parse_piece(b"<tmx><body>" + tail, _chunk_parser())[0]
        for tu in body:
            if tu.tag == "tu":
                count += 1
                yield self._unit(tu, count, line)

    def _local_units(self, pieces: _Pieces) -> Iterator[list[TranslationUnit]]:
        parser = _chunk_parser()
        count = 0
        for piece, line in pieces:
            for batch in self._piece_units(piece, line, parser, count):
                count += len(batch)
                yield batch

    def _piece_units(
        self,
        piece: bytes,
        line: int,
        parser: etree.XMLParser,
        number: int = 0,
        variant_type: type[tuple[Any, ...]] = Variant,
        unit_type: type[tuple[Any, ...]] = TranslationUnit,
    ) -> Iterator[list[TranslationUnit]]:
        """The TUs of a piece of whole TUs (the first is number `number` + 1), in lists of
        sub-pieces of about `CHUNK_BYTES`: small trees, and TUs that die young, stay in the
        CPU cache."""
        start = 0
        while start < len(piece):
            end = piece.rfind(b"</tu>", start, start + CHUNK_BYTES) + 5
            if end <= start + 5 or len(piece) - start <= CHUNK_BYTES:
                end = len(piece)
            part = piece[start:end]
            units: list[TranslationUnit] = []
            try:
                for tu in _parse_piece(b"<body>" + part + b"</body>", parser):
                    if tu.tag == "tu":
                        number += 1
                        units.append(self._unit(tu, number, line, variant_type, unit_type))
            except FormatError:
                # The TUs before the bad one, as the streamed parser gives them; that parser
                # then names the first error it meets (it may be a syntax error further on,
                # which its read-ahead finds before this TU).
                yield units
                raise _Unchunkable from None
            yield units
            line += part.count(b"\n")
            start = end

    def _parallel_units(
        self, spans: _Spans, workers: int, line: int
    ) -> Iterator[list[TranslationUnit]]:
        helper = TmxReader(self.path, self._codes, workers=0)
        parser = _chunk_parser()

        def help_here(offset: int, length: int, serve: Callable[[], None]) -> _PieceResult:
            # Parse a piece here while the workers are busy (see `ordered_map`), with the
            # cyclic collector paused as in the workers: these TUs wait to be taken.
            piece = spans.read(offset, length)
            helper._duplicates = []
            batches: list[Any] = []
            try:
                with collector_paused():
                    for batch in helper._piece_units(piece, 0, parser):
                        batches.append(batch)
                        serve()
            except (_Unchunkable, FormatError):
                return None
            return batches, helper._duplicates, piece.count(b"\n")

        results = ordered_map(
            _read_in_worker,
            spans,
            workers,
            _start_worker,
            (str(self.path), self._codes),
            preload=[__name__],
            local=help_here,
        )
        count = 0
        new = _new
        for made_here, result in results:
            if result is None:
                raise _Unchunkable
            parts, duplicates, newlines = result
            # Pieces number their TUs and lines from 0: here the counts before them are known.
            self._duplicates.extend(
                (count + n, None if at is None else at + line, lang, code)
                for n, at, lang, code in duplicates
            )
            line += newlines
            if made_here:
                for batch in parts:
                    count += len(batch)
                    yield batch
                continue
            for blob in parts:
                # Unpickled and rebuilt with the cyclic collector paused: it would scan these
                # thousands of new tuples again and again (a third of this process's time).
                with collector_paused():
                    batch = [
                        new(TranslationUnit, (tuple([new(Variant, v) for v in row[0]]), *row[1:]))
                        for row in pickle.loads(blob)
                    ]
                count += len(batch)
                yield batch
        spans.tail = (spans.read(spans.tail_offset, spans.end_of_file - spans.tail_offset), line)

    def _streamed_units(self, skip: int = 0) -> Iterator[TranslationUnit]:
        with self._open() as stream:
            # `{*}` also takes a namespaced TMX (go-tm writes xmlns="http://www.lisa.org/tmx14").
            events = iterparse_safe(stream, tag=("{*}tmx", "{*}header", "{*}tu"))
            count = 0
            doctype = True
            for event, element in events:
                if event == "start":
                    if count == 0 and self.header is None:
                        tree = element.getroottree()
                        root = tree.getroot()
                        if _strip_namespace(root.tag) != "tmx":
                            raise FormatError(
                                f"not a TMX file: the root is <{root.tag}>", self.path, 1
                            )
                        # Under a DOCTYPE libxml2 keeps an undefined `&name;` as an entity
                        # node (its DTD could define it) and the text after it would be lost.
                        doctype = tree.docinfo.internalDTD is not None
                    continue
                tag = element.tag
                if tag[0] == "{":
                    tag = _strip_namespaces(element)
                if tag == "tu":
                    count += 1
                    if doctype:
                        for node in element.iter(etree.Entity):
                            raise FormatError(
                                f"unresolved entity reference {node.text} (the file's DTD is "
                                "never loaded); refused, the text around it would be lost",
                                self.path,
                                _line(node),
                            )
                    if count > skip:
                        yield self._unit(element, count)
                    element.clear()
                    parent = element.getparent()
                    if parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
                elif tag == "header":
                    self.header = _read_header(element)
                elif tag == "tmx" and self.header is None:
                    raise FormatError("no <header> in the TMX file", self.path)
        if self.header is None:
            raise FormatError(f"not a TMX file: {self._root_problem()}", self.path, 1)

    def _root_problem(self) -> str:
        with self._open() as stream:
            for _, element in iterparse_safe(stream):
                if _strip_namespace(element.tag) != "tmx":
                    return f"the root is <{element.tag}>"
                return "no <header> in <tmx>"
        return "no XML element"

    def _unit(
        self,
        tu: etree._Element,
        number: int,
        offset: int = 0,
        variant_type: type[tuple[Any, ...]] = Variant,
        unit_type: type[tuple[Any, ...]] = TranslationUnit,
    ) -> TranslationUnit:
        # The hot loop of a 1M-TU import: one pass over the children, no helper calls for the
        # usual `<tuv><prop/>*<seg>text</seg></tuv>`. Worker processes build plain tuples
        # (`variant_type` = `unit_type` = tuple), which cross the pipe ~4x faster.
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        variants: dict[str, tuple[Any, ...]] = {}
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                code = child.get(XML_LANG) or child.get("lang")
                if not code:
                    raise FormatError(
                        f"TU {number}: <tuv> without xml:lang", self.path, _line(child, offset)
                    )
                lang = self._langs.get(code) or self.lang_of(code, _line(child, offset))
                if lang in variants:
                    self._duplicates.append((number, _line(child, offset), lang, code))
                    continue
                # xml:lang is one attribute; creation/change ids and dates are kept as props.
                vprops = attribute_props(child.items()) if len(child.attrib) > 1 else []
                text = ""
                lengths = None
                for item in child:
                    name = item.tag
                    if name == "prop":
                        kind = item.get("type", "")
                        if kind == SEGLENGTHS_PROP:
                            lengths = item.text
                        else:
                            vprops.append((kind, item.text or ""))
                    elif name == "seg":
                        text = (item.text or "") if len(item) == 0 else seg_text(item)
                segments = (text,) if lengths is None else split_segments(lang, text, lengths)
                variants[lang] = _new(variant_type, (lang, segments, tuple(vprops), code))
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if len(tu.attrib) > ("tuid" in tu.attrib):
            props[:0] = attribute_props(tu.items())
        return _new(  # type: ignore[return-value]
            unit_type,
            (tuple(variants.values()), tuple(props), tuple(notes), tu.get("tuid", ""), ""),
        )


# NamedTuple construction without its Python-level `__new__` (every field given): ~0.5 us less
# per tuple, five tuples per four-language TU read.
_new = tuple.__new__


def _strip_namespace(tag: object) -> str:
    """An element name without its namespace (`{ns}tu` -> `tu`)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _strip_namespaces(element: etree._Element) -> str:
    """Take the namespace off `element` and every element in it; its bare name."""
    for item in element.iter():
        if isinstance(item.tag, str) and item.tag[0] == "{":
            item.tag = item.tag.rpartition("}")[2]
    return str(element.tag)


def _line(element: etree._Element, offset: int = 0) -> int | None:
    line = element.sourceline
    return line + offset if isinstance(line, int) else None


class _Unchunkable(Exception):
    """The file is not one the chunked reader can take; the streamed reader will."""


_TU_START = re.compile(rb"<tu[\s/>]")


class _Pieces:
    """Iterate (piece, lines before it) over the body cut after `</tu>`; then `tail` is the rest.

    Reads the stream in sequence (the reading process alone parses what it reads); `_Spans`
    is the worker processes' version, which reads only around the cuts of a seekable file.

    A piece holds whole TUs, about `size` bytes; more than `MAX_CHUNK_BYTES` without a
    `</tu>` raises `_Unchunkable`.
    """

    def __init__(self, stream: IO[bytes], pending: bytes, line: int, size: int) -> None:
        self.stream = stream
        self.pending = pending
        self.line = line
        self.size = size
        self.tail: tuple[bytes, int] = (b"", line)

    def __iter__(self) -> Iterator[tuple[bytes, int]]:
        pending = self.pending
        line = self.line
        while True:
            block = self.stream.read(self.size)
            pending += block
            if len(pending) > MAX_CHUNK_BYTES:
                raise _Unchunkable
            if block and len(pending) < self.size:
                continue  # a short read: gather a piece's worth
            end = pending.rfind(b"</tu>") + 5
            if end >= 5:
                piece, pending = pending[:end], pending[end:]
                yield piece, line
                line += piece.count(b"\n")
            if not block:
                break
        self.tail = (pending, line)


class _Spans:
    """Iterate (offset, length) over the body of a file cut after `</tu>`, ~`size` bytes each.

    Only the bytes near each cut are read (`CHUNK_BYTES` before it, more if need be): the
    workers read their pieces themselves. `tail_offset` is where the rest starts once
    iterated. A span of `MAX_CHUNK_BYTES` without a `</tu>` raises `_Unchunkable`.
    """

    def __init__(self, stream: IO[bytes], start: int, size: int) -> None:
        self.stream = stream
        self.start = start
        self.size = size
        self.end_of_file = os.fstat(stream.fileno()).st_size
        self.tail_offset = start
        self.tail: tuple[bytes, int] = (b"", 0)  # set by the reader, who counts the lines

    def read(self, offset: int, length: int) -> bytes:
        """`length` bytes of the file from `offset`."""
        self.stream.seek(offset)
        return self.stream.read(length)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        start = self.start
        while start < self.end_of_file:
            limit = min(start + self.size, self.end_of_file)
            cut = self._last_end_tag(start, limit)
            if cut < 0 and limit < self.end_of_file:
                cut = self._first_end_tag(limit, min(start + MAX_CHUNK_BYTES, self.end_of_file))
                if cut < 0 and start + MAX_CHUNK_BYTES < self.end_of_file:
                    raise _Unchunkable
                if cut < 0:
                    cut = self._last_end_tag(start, self.end_of_file)
            if cut < 0:
                break
            yield start, cut - start
            start = cut
        self.tail_offset = start

    def _last_end_tag(self, start: int, limit: int) -> int:
        """The end of the last `</tu>` wholly in [start, limit), or -1."""
        high = limit
        while high > start:
            low = max(start, high - CHUNK_BYTES)
            # 4 bytes more: a `</tu>` that starts before `high` and ends by `limit`
            found = self.read(low, min(high + 4, limit) - low).rfind(b"</tu>")
            if found >= 0:
                return low + found + 5
            high = low
        return -1

    def _first_end_tag(self, start: int, limit: int) -> int:
        """The end of the first `</tu>` wholly in [start, limit), or -1."""
        low = start
        while low < limit:
            high = min(limit, low + CHUNK_BYTES)
            found = self.read(low, min(high + 4, limit) - low).find(b"</tu>")
            if found >= 0:
                return low + found + 5
            low = high
        return -1


def _chunk_parser() -> etree.XMLParser:
    return safe_parser(collect_ids=False)  # xml:ids are not looked up


def _parse_piece(data: bytes, parser: etree.XMLParser) -> etree._Element:
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise _Unchunkable from None


def _chunk_header(prolog: bytes) -> TmxHeader:
    """The header of a TMX whose text before the first `<tu` is `prolog`, if chunks can follow.

    The prolog must open exactly `<tmx><body>`, declare no namespace, no entity and no
    encoding but UTF-8 (the pieces are parsed without the XML declaration and DOCTYPE).
    """
    root = _parse_piece(prolog + b"</body></tmx>", _chunk_parser())
    tree = root.getroottree()
    encoding = (tree.docinfo.encoding or "UTF-8").upper().replace("_", "-")
    header = root.find("header")
    if (
        root.tag != "tmx"
        or root.nsmap
        or encoding not in ("UTF-8", "UTF8")
        or declares_entities(tree)
        or header is None
        or root[-1].tag != "body"
    ):
        raise _Unchunkable
    return _read_header(header)


# Worker processes of a parallel read: each holds a reader of the file (for its language
# mapping) and turns pieces into plain tuples, or None if a piece needs the streamed parser
# (which then also names any error, with the TU number and line).
_Duplicates = list[tuple[int, int | None, str, str]]
# A piece's TUs (pickled lists from a worker, lists of TranslationUnit made here), its second
# variants and its newlines; None if the streamed parser must take over.
_PieceResult = tuple[list[Any], _Duplicates, int] | None
_WORKER: TmxReader | None = None
_WORKER_FILE: IO[bytes] | None = None


def _start_worker(path: str, codes: dict[str, str]) -> None:
    global _WORKER, _WORKER_FILE
    _WORKER = TmxReader(path, codes, workers=0)
    _WORKER_FILE = open(path, "rb")  # noqa: SIM115 - read until the worker ends
    # A worker holds only acyclic tuples and lxml trees freed by reference counting; the cyclic
    # collector would only rescan the growing list of TUs (~20% of a worker's time).
    gc.disable()


def _read_in_worker(offset: int, length: int) -> _PieceResult:
    # The worker reads its piece from the file itself: sending 1 MB through a pipe and back
    # made the parsing that follows ~30% slower (cold caches after the copies).
    reader = _WORKER
    assert reader is not None and _WORKER_FILE is not None
    _WORKER_FILE.seek(offset)
    piece = _WORKER_FILE.read(length)
    reader._duplicates = []
    blobs = []
    try:
        rows: list[Any]
        for rows in reader._piece_units(piece, 0, _chunk_parser(), 0, tuple, tuple):
            # Props repeat from TU to TU ("x-status", "confirmed"): one object each, which
            # pickle writes once; that halves the bytes and triples the speed of unpickling.
            # Each sub-piece is pickled at once, so its TUs die young, in the CPU cache.
            shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}
            once = shared.setdefault
            plain = [
                (
                    tuple([(v[0], v[1], once(v[2], v[2]), v[3]) for v in row[0]]),
                    once(row[1], row[1]),
                    *row[2:],
                )
                for row in rows
            ]
            blobs.append(pickle.dumps(plain, pickle.HIGHEST_PROTOCOL))
    except (_Unchunkable, FormatError):
        return None
    return blobs, reader._duplicates, piece.count(b"\n")


def _read_header(header: etree._Element) -> TmxHeader:
    props = tuple((c.get("type", ""), c.text or "") for c in header if c.tag == "prop")
    notes = tuple(c.text or "" for c in header if c.tag == "note")
    attributes = {str(k): str(v) for k, v in header.attrib.items()}
    return TmxHeader(attributes, props, notes)


def seg_text(seg: etree._Element) -> str:
    """The text of a `<seg>`: its text with inline codes as code spans (`tmx_inline`)."""
    if len(seg) == 0:
        return seg.text or ""
    return inline_seg_text(seg)


def split_segments(lang: str, text: str, lengths: str | None) -> tuple[str, ...]:
    """Split a `<seg>` text back into segments by `x-seglengths`; one segment if it won't fit."""
    if not lengths:
        return (text,)
    try:
        sizes = [int(part) for part in lengths.split()]
    except ValueError:
        return (text,)
    joiner = segment_joiner(lang)
    if len(sizes) < 2 or min(sizes) < 0 or sum(sizes) + len(joiner) * (len(sizes) - 1) != len(text):
        return (text,)
    segments: list[str] = []
    position = 0
    for size in sizes:
        segments.append(text[position : position + size])
        position += size
        if position < len(text):
            if text[position : position + len(joiner)] != joiner:
                return (text,)
            position += len(joiner)
    if any(not segment.strip() for segment in segments):
        # A blank segment could be saved but never read back (a project holds none): keep
        # the text whole, as for lengths that do not fit.
        return (text,)
    return tuple(segments)
