"""Cutting a TMX body after `</tu>` into pieces of whole TUs, for the chunked reader.

`Pieces` reads a stream in sequence (the reading process parses them); `Spans` finds the cuts
of a seekable file by reading only around them (worker processes read their own pieces). Any
piece lxml cannot parse alone raises `Unchunkable`: the streamed parser then takes over.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

from workbench.formats.xmlsafe import safe_parser


class Unchunkable(Exception):
    """The file is not one the chunked reader can take; the streamed reader will."""


TU_START = re.compile(rb"<tu[\s/>]")


class Pieces:
    """Iterate (piece, lines before it) over the body cut after `</tu>`; then `tail` is the rest.

    Reads the stream in sequence (the reading process alone parses what it reads); `Spans`
    is the worker processes' version, which reads only around the cuts of a seekable file.

    A piece holds whole TUs, about `size` bytes; more than `max_size` without a `</tu>`
    raises `Unchunkable`.
    """

    def __init__(
        self, stream: IO[bytes], pending: bytes, line: int, size: int, max_size: int
    ) -> None:
        self.stream = stream
        self.max_size = max_size
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
            if len(pending) > self.max_size:
                raise Unchunkable
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


class Spans:
    """Iterate (offset, length) over the body of a file cut after `</tu>`, ~`size` bytes each.

    Only the bytes near each cut are read (`window` bytes before it, more if need be): the
    workers read their pieces themselves. `tail_offset` is where the rest starts once
    iterated. A span of `max_size` without a `</tu>` raises `Unchunkable`.
    """

    def __init__(
        self, stream: IO[bytes], start: int, size: int, window: int, max_size: int
    ) -> None:
        self.stream = stream
        self.window = window
        self.max_size = max_size
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
                cut = self._first_end_tag(limit, min(start + self.max_size, self.end_of_file))
                if cut < 0 and start + self.max_size < self.end_of_file:
                    raise Unchunkable
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
            low = max(start, high - self.window)
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
            high = min(limit, low + self.window)
            found = self.read(low, min(high + 4, limit) - low).find(b"</tu>")
            if found >= 0:
                return low + found + 5
            low = high
        return -1


def chunk_parser() -> etree.XMLParser:
    return safe_parser(collect_ids=False)  # xml:ids are not looked up


def parse_piece(data: bytes, parser: etree.XMLParser) -> etree._Element:
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise Unchunkable from None
