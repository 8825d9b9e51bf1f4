"""Mutated PDF and ODT files: read, or refused with a WorkbenchError, never another error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.pdf_factory import Text, write_pdf
from workbench.core.errors import WorkbenchError
from workbench.formats.odt import read_odt
from workbench.formats.pdf import read_pdf


def _small_pdf(folder: Path) -> bytes:
    runs = [Text(72, 700, "The first line of text."), Text(72, 688, "And its second line.")]
    return write_pdf(folder / "seed.pdf", [runs, runs]).read_bytes()


def _small_odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            "<office:body><office:text><text:p>One.</text:p><text:p>Two.</text:p>"
            "</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


mutations = st.lists(
    st.tuples(st.integers(min_value=0, max_value=10_000), st.integers(0, 255)),
    min_size=1,
    max_size=8,
)


def _mutated(seed: bytes, changes: list[tuple[int, int]]) -> bytes:
    data = bytearray(seed)
    for at, value in changes:
        data[at % len(data)] = value
    return bytes(data)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=mutations)
def test_a_mutated_pdf_reads_or_fails_cleanly(
    tmp_path: Path, changes: list[tuple[int, int]]
) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(_mutated(_small_pdf(tmp_path), changes))
    try:
        cleaned = read_pdf(path, "en")
    except WorkbenchError:
        return
    assert all(isinstance(p, str) for p in cleaned.paragraphs)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=mutations)
def test_a_mutated_odt_reads_or_fails_cleanly(
    tmp_path: Path, changes: list[tuple[int, int]]
) -> None:
    path = tmp_path / "mutated.odt"
    path.write_bytes(_mutated(_small_odt(), changes))
    try:
        cleaned = read_odt(path)
    except WorkbenchError:
        return
    assert all(isinstance(p, str) for p in cleaned.paragraphs)
