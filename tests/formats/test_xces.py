"""XCES alignments and segmented documents: round trips, InterText files, broken input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.alignment import Alignment, Bead, BeadStatus
from workbench.core.document import Document
from workbench.core.errors import FormatError, UnsafeInputError
from workbench.formats import xces

DATA = Path(__file__).resolve().parents[1] / "data" / "xces"

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() != "")


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    kinds = draw(
        st.lists(
            st.sampled_from([(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]),
            min_size=1,
            max_size=12,
        ).filter(lambda ks: any(k[0] for k in ks) and any(k[1] for k in ks))
    )
    n = sum(k[0] for k in kinds)
    m = sum(k[1] for k in kinds)
    source = Document("en", [[draw(TEXT) for _ in range(n)]])
    target = Document("zh", [[draw(TEXT)] for _ in range(m)])
    beads, i, j = [], 0, 0
    for a, b in kinds:
        status = draw(st.sampled_from(list(BeadStatus)))
        confidence = round(draw(st.floats(0, 1)), 4)
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), status, confidence))
        i, j = i + a, j + b
    return Alignment(source, target, beads)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(alignments())
def test_alignment_and_documents_round_trip(tmp_path: Path, alignment: Alignment) -> None:
    xces.write_document(tmp_path / "en.xml", alignment.source)
    xces.write_document(tmp_path / "zh.xml", alignment.target)
    xces.write_alignment(tmp_path / "en-zh.xml", alignment, "en.xml", "zh.xml")
    source, source_ids = xces.read_document(tmp_path / "en.xml")
    target, target_ids = xces.read_document(tmp_path / "zh.xml")
    assert source == alignment.source and target == alignment.target
    again = xces.read_alignment(tmp_path / "en-zh.xml", source, target, source_ids, target_ids)
    assert again.beads == alignment.beads


def test_intertext_file_reads_with_man_status_as_confirmed() -> None:
    path = DATA / "xces_intertext_example.cs-no.alignment.xml"
    links = re.findall(r"xtargets='([^;']*);([^']*)'", path.read_text(encoding="utf-8"))

    def doc(lang: str, ids: list[str]) -> Document:
        paragraphs: dict[str, list[str]] = {}
        for sid in ids:
            paragraphs.setdefault(sid.split(":")[0], []).append(f"{lang} {sid}")
        return Document(lang, list(paragraphs.values()))

    source_ids = [x for src, _ in links for x in src.split()]
    target_ids = [x for _, tgt in links for x in tgt.split()]
    alignment = xces.read_alignment(
        path, doc("cs", source_ids), doc("no", target_ids), source_ids, target_ids
    )
    assert len(alignment.beads) == len(links) == 112
    assert all(b.is_confirmed for b in alignment.beads)
    assert alignment.beads[13].kind == "2-1"
    assert alignment.beads[16].kind == "1-0"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_document_without_segments_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.xml", '<document lang="en"><p></p></document>')
    with pytest.raises(FormatError, match="no <p><s>"):
        xces.read_document(path)


def test_segment_without_id_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.xml", '<document lang="en">\n<p>\n<s>Hi.</s></p></document>')
    with pytest.raises(FormatError) as caught:
        xces.read_document(path)
    assert caught.value.line == 3


def test_link_with_bad_certainty_names_its_line(tmp_path: Path) -> None:
    source = Document("en", [["A."]])
    target = Document("es", [["A."]])
    path = _write(
        tmp_path,
        "a.xml",
        '<cesAlign version="1.0"><linkGrp>\n<link xtargets="1:1;1:1" certainty="high"/>'
        "</linkGrp></cesAlign>",
    )
    with pytest.raises(FormatError) as caught:
        xces.read_alignment(path, source, target)
    assert caught.value.line == 2 and "certainty" in caught.value.problem


def test_alignment_that_skips_a_segment_is_refused(tmp_path: Path) -> None:
    source = Document("en", [["A.", "B."]])
    target = Document("es", [["A.", "B."]])
    path = _write(
        tmp_path, "a.xml", '<cesAlign><linkGrp><link xtargets="1:1;1:1"/></linkGrp></cesAlign>'
    )
    with pytest.raises(FormatError, match="cover 1 of 2"):
        xces.read_alignment(path, source, target)


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "d.xml",
        '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<document lang="en"><p><s id="1:1">&x;</s></p></document>',
    )
    with pytest.raises(UnsafeInputError):
        xces.read_document(path)


def test_control_character_in_segment_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="U\\+0007"):
        xces.write_document(tmp_path / "d.xml", Document("en", [["bell \x07 here"]]))
    assert not (tmp_path / "d.xml").exists()


def test_document_with_no_paragraph_is_an_untranslated_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.xml", '<document lang="de" name="x.xlf"></document>')
    document, ids = xces.read_document(path)
    assert (document.lang, len(document), ids) == ("de", 0, [])
