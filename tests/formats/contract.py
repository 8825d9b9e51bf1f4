"""What every format must pass, as translate-toolkit's storage tests: subclass `FormatContract`.

Formats that are only read (documents: plain text, docx, html, odt, rtf, pdf) subclass
`ReadOnlyContract` instead.

A subclass names its codec, a hypothesis strategy of values, and a few bad files; it then
gets: a byte-identical round trip (write, read, write again), bad input raising the format's
error with file and line, no entity expansion (XML formats), and memory bounded by the data
on a large file (peak RSS of a fresh process reading it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import FormatError, InputError
from workbench.formats.codecs import Codec, DocumentReader

ROOT = Path(__file__).resolve().parents[2]
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
"""
MEASURE = """
import json, resource, sys
from pathlib import Path
from {module} import {codec}
codec = {codec}()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
value = codec.read(Path(sys.argv[1]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"before": before, "after": after}}))
"""


class FormatContract:
    """The shared contract; a subclass sets the class attributes and inherits the tests."""

    codec: ClassVar[Codec[object]]
    values: ClassVar[st.SearchStrategy[object]]
    # (file content, the line the error must name); None: a whole-file problem
    bad_files: ClassVar[tuple[tuple[bytes, int | None], ...]] = ()
    is_xml: ClassVar[bool] = True
    # a file for the memory test: `large_head`, `large_unit(0)`, `large_unit(1)`... `large_tail`
    large_head: ClassVar[bytes] = b""
    large_tail: ClassVar[bytes] = b""
    # peak RSS growth allowed per byte of file while reading it into its value
    memory_per_byte: ClassVar[float] = 20.0

    def large_unit(self, number: int) -> bytes | None:
        """The `number`th repeated unit of a large file (None: no memory test)."""
        return None

    def path(self, tmp_path: Path, name: str = "file") -> Path:
        return tmp_path / f"{name}{self.codec.suffix}"

    # One test body run by every subclass (hypothesis calls that differing executors): each
    # subclass draws its own values, so nothing replays across formats.
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(data=st.data())
    def test_round_trip_is_byte_identical(self, tmp_path: Path, data: st.DataObject) -> None:
        value = data.draw(self.values)
        first, second = self.path(tmp_path, "first"), self.path(tmp_path, "second")
        self.codec.write(first, value)
        self.codec.write(second, self.codec.read(first))
        assert second.read_bytes() == first.read_bytes()

    def test_bad_input_names_the_file_and_line(self, tmp_path: Path) -> None:
        assert self.bad_files, "a format names at least one bad file"
        for number, (content, line) in enumerate(self.bad_files):
            path = self.path(tmp_path, f"bad{number}")
            path.write_bytes(content)
            with pytest.raises(InputError) as error:
                self.codec.read(path)
            assert error.value.path == str(path), content
            if line is not None:
                assert error.value.line == line, (content, error.value)

    def test_entities_are_never_expanded(self, tmp_path: Path) -> None:
        if not self.is_xml:
            pytest.skip("not an XML format")
        path = self.path(tmp_path, "laughs")
        path.write_bytes(BILLION_LAUGHS + b"<root>&lol3;</root>\n")
        with pytest.raises(FormatError) as error:
            self.codec.read(path)
        assert error.value.path == str(path)
        assert "lollollol" not in str(error.value)

    def test_memory_is_bounded_by_the_data(self, tmp_path: Path) -> None:
        if self.large_unit(0) is None:
            pytest.skip("no large file for this format")
        path = self.path(tmp_path, "large")
        with path.open("wb") as handle:
            handle.write(self.large_head)
            written, number = 0, 0
            while written < 8 << 20:  # about 8 MB
                unit = self.large_unit(number) or b""
                handle.write(unit)
                written += len(unit)
                number += 1
            handle.write(self.large_tail)
        size = path.stat().st_size
        codec = type(self.codec)
        script = MEASURE.format(module=codec.__module__, codec=codec.__name__)
        result = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rss = json.loads(result.stdout)
        grown = (rss["after"] - rss["before"]) * 1024  # ru_maxrss is in KiB on Linux
        assert grown < self.memory_per_byte * size, (grown, size)


# Paragraphs every document format can carry unchanged: words (accents and other scripts
# included) with single spaces, ending in a full stop.
_WORD = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo")), min_size=1, max_size=8)
PARAGRAPHS = st.lists(
    st.lists(_WORD, min_size=1, max_size=6).map(lambda words: " ".join(words) + "."),
    min_size=1,
    max_size=5,
)


class ReadOnlyContract:
    """What a format that is only read (a document a translator brings) must pass.

    A subclass names its reader, `make` (a test-side writer of the format, None when there
    is none: PDF), and bad files; it gets: paragraphs written by `make` read back unchanged,
    bad input raising the format's error with the file (and line), and no entity expansion
    where the format is XML (`laughs` wraps the billion laughs in the format's package).
    """

    reader: ClassVar[DocumentReader]
    bad_files: ClassVar[tuple[tuple[bytes, int | None], ...]] = ()

    def make(self, paragraphs: list[str]) -> bytes | None:
        """The file of `paragraphs` in this format (None: no writer here)."""
        return None

    def laughs(self, xml: bytes) -> bytes | None:
        """A file of this format whose XML is `xml` (None: not an XML format)."""
        return None

    def path(self, tmp_path: Path, name: str = "file") -> Path:
        return tmp_path / f"{name}{self.reader.suffix}"

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.differing_executors,
        ],
    )
    @given(data=st.data())
    def test_paragraphs_are_read_as_written(self, tmp_path: Path, data: st.DataObject) -> None:
        paragraphs = data.draw(PARAGRAPHS)
        content = self.make(paragraphs)
        if content is None:
            pytest.skip("no writer of this format in the tests")
        path = self.path(tmp_path, "doc")
        path.write_bytes(content)
        assert self.reader.read(path) == paragraphs

    def test_bad_input_names_the_file_and_line(self, tmp_path: Path) -> None:
        assert self.bad_files, "a format names at least one bad file"
        for number, (content, line) in enumerate(self.bad_files):
            path = self.path(tmp_path, f"bad{number}")
            path.write_bytes(content)
            with pytest.raises(InputError) as error:
                self.reader.read(path)
            assert error.value.path == str(path), content
            if line is not None:
                assert error.value.line == line, (content, error.value)

    def test_entities_are_never_expanded(self, tmp_path: Path) -> None:
        content = self.laughs(BILLION_LAUGHS + b"<root>&lol3;</root>\n")
        if content is None:
            pytest.skip("not an XML format")
        path = self.path(tmp_path, "laughs")
        path.write_bytes(content)
        with pytest.raises(FormatError) as error:
            self.reader.read(path)
        assert error.value.path == str(path)
        assert "lollollol" not in str(error.value)
