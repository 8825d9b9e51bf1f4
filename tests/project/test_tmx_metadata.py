"""TMX header and TU props, notes and attributes: kept by every import, written back by export."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.cli import main
from workbench.formats.export import read_tmx
from workbench.formats.tmx_units import ATTRIBUTE_PROPS
from workbench.project.exchange import export_tmx
from workbench.project.project import Project
from workbench.project.tmx_metadata import METADATA_FILE

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "tmx"
DTD = Path(__file__).resolve().parents[2] / "resources" / "standards" / "tmx14.dtd"

# The shape memoQ writes: header props, TU attributes and props, a TUV context prop.
MEMOQ = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="MemoQ" creationtoolversion="9.0" segtype="sentence" adminlang="en-us"
 srclang="en-us" o-tmf="MemoQTM" datatype="unknown">
  <prop type="defclient">Example client</prop>
  <note>Exported for review</note>
</header>
<body>
  <tu changedate="20141017T092614Z" creationdate="20141016T091130Z" creationid="CN_5"
      changeid="CN_6">
    <prop type="client">Example client</prop>
    <prop type="x-document">integrate.xml</prop>
    <note>checked twice</note>
    <tuv xml:lang="en-US" creationid="writer">
      <prop type="x-context-post">Paywalls ask for payment first.</prop>
      <seg>Integrate with the paywall</seg>
    </tuv>
    <tuv xml:lang="zh-TW"><seg>與付費牆整合</seg></tuv>
  </tu>
  <tu><tuv xml:lang="en-US"><seg>Plain unit</seg></tuv>
  <tuv xml:lang="zh-TW"><seg>普通</seg></tuv></tu>
</body>
</tmx>
"""


def round_trip(source: Path, tmp_path: Path) -> tuple[Path, list[Path]]:
    project = tmp_path / "p"
    assert main(["import", "tmx", str(source), "--into", str(project)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "tmx", str(project), "--pairs", "-o", str(out)]) == 0
    return project, sorted(out.glob("*.tmx"))


def test_memoq_metadata_survives_import_and_export(tmp_path: Path) -> None:
    source = tmp_path / "memoq.tmx"
    source.write_text(MEMOQ, encoding="utf-8")
    project, (written,) = round_trip(source, tmp_path)
    assert (project / METADATA_FILE).is_file()
    tree = etree.parse(str(written))
    assert etree.DTD(str(DTD)).validate(tree)
    header = tree.find("header")
    assert header is not None
    assert [(p.get("type"), p.text) for p in header.findall("prop")] == [
        ("defclient", "Example client")
    ]
    assert header.findall("note")[0].text == "Exported for review"
    first = tree.findall("body/tu")[0]
    assert first.get("creationid") == "CN_5" and first.get("changedate") == "20141017T092614Z"
    props = {p.get("type"): p.text for p in first.findall("prop")}
    assert props["client"] == "Example client" and props["x-document"] == "integrate.xml"
    assert "x-bead" in props  # ours beside theirs
    assert first.findall("note")[0].text == "checked twice"
    english = first.findall("tuv")[0]
    assert english.get("creationid") == "writer"
    assert english.find("prop").text == "Paywalls ask for payment first."  # type: ignore[union-attr]
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-US"
    second = tree.findall("body/tu")[1]
    assert second.get("creationid") is None and not second.findall("note")


def test_header_prop_and_note_of_a_real_file_are_written_back(tmp_path: Path) -> None:
    _, files = round_trip(REAL / "okapi-header_with_prop_and_note.tmx", tmp_path)
    header = etree.parse(str(files[0])).find("header")
    assert header is not None
    assert [(p.get("type"), p.text) for p in header.findall("prop")] == [("x", "prop")]
    assert header.findall("note")[0].text == "note"


def test_a_memory_without_metadata_leaves_no_file(tmp_path: Path) -> None:
    project, _ = round_trip(REAL / "lisa-ImportTest1A.tmx", tmp_path)
    assert not (project / METADATA_FILE).exists()


OURS = {"x-bead", "x-status", "x-confidence"}
WITH_METADATA = [
    "go-tm-v1.4.tmx",
    "lisa-ImportTest1L.tmx",
    "lisa-ImportTest2C.tmx",
    "okapi-tmxtest-attributes.tmx",
    "omegat-project_CN_JP.tmx",
]


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c) == name]


def tu_metadata(
    tu: etree._Element, pivot: str, langs: set[str] | None = None
) -> tuple[str, object]:
    """(pivot text, the TU's attributes, props and notes but the workbench's own, and those
    of its TUVs of `langs`)."""
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    tuvs = {(t.get(lang_attr) or t.get("lang", "")).lower(): t for t in _children(tu, "tuv")}
    seg = _children(tuvs[pivot.lower()], "seg")[0]
    attributes = {k: v for k, v in tu.attrib.items() if k in ATTRIBUTE_PROPS}
    props = [(p.get("type"), p.text or "") for p in _children(tu, "prop")]
    notes = [n.text for n in _children(tu, "note")]
    kept_props = [p for p in props if p[0] not in OURS]
    kept_notes = [n for n in notes if not (n or "").startswith("unconfirmed alignment: ")]
    variants = {
        lang: (
            {k: v for k, v in tuv.attrib.items() if k in ATTRIBUTE_PROPS},
            [
                (p.get("type"), p.text or "")
                for p in _children(tuv, "prop")
                if p.get("type") not in OURS
            ],
        )
        for lang, tuv in tuvs.items()
        if langs is None or lang in langs
    }
    return "".join(seg.itertext()), (attributes, kept_props, kept_notes, variants)


@pytest.mark.parametrize("name", WITH_METADATA)
def test_held_import_and_export_write_back_every_tu_s_metadata(name: str, tmp_path: Path) -> None:
    source = REAL / name
    text, metadata = read_tmx(source)
    assert metadata.units  # the file does carry TU metadata
    written = export_tmx(text, tmp_path, pairs=True, metadata=metadata)
    pivot = text.lang_codes[text.pivot]
    source_units = [
        tu
        for tu in etree.parse(str(source)).iter()
        if isinstance(tu.tag, str) and _local(tu) == "tu"
    ]
    compared = 0
    for path in written:
        tree = etree.parse(str(path))
        assert etree.DTD(str(DTD)).validate(tree), path
        target = next(lang for lang in tags_of(tree.getroot()) if lang != pivot.lower())
        expected = [
            tu_metadata(tu, pivot, {pivot.lower(), target})
            for tu in source_units
            if {pivot.lower(), target} <= tags_of(tu, filled=True)
        ]
        assert [tu_metadata(tu, pivot) for tu in tree.iter("tu")] == expected, path.name
        compared += len(expected)
    assert compared >= len(metadata.units)


def tags_of(element: etree._Element, filled: bool = False) -> set[str]:
    """The lower-cased tags of the TUVs under `element` (`filled`: with a non-blank seg)."""
    found = set()
    for tuv in element.iter():
        if isinstance(tuv.tag, str) and _local(tuv) == "tuv":
            if filled and not "".join(_children(tuv, "seg")[0].itertext()).strip():
                continue
            code = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang", "")
            found.add(code.lower())
    return found


def test_header_of_a_real_memory_is_written_back_by_the_held_export(tmp_path: Path) -> None:
    text, metadata = read_tmx(REAL / "okapi-header_with_prop_and_note.tmx")
    (written,) = export_tmx(text, tmp_path / "out.tmx", metadata=metadata)
    header = etree.parse(str(written)).find("header")
    assert header is not None
    assert [(p.get("type"), p.text) for p in header.findall("prop")] == [("x", "prop")]
    assert header.findall("note")[0].text == "note"


def test_held_import_saved_as_a_project_is_exported_with_its_metadata(tmp_path: Path) -> None:
    source = tmp_path / "memoq.tmx"
    source.write_text(MEMOQ, encoding="utf-8")
    text, metadata = read_tmx(source)
    Project.create_from_text(text, tmp_path / "p", "p", tmx_metadata=metadata)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", "tmx", str(tmp_path / "p"), "--pairs", "-o", str(out)]) == 0
    (written,) = sorted(out.glob("*.tmx"))
    first = etree.parse(str(written)).findall("body/tu")[0]
    assert first.get("creationid") == "CN_5" and first.findall("note")[0].text == "checked twice"
    tuv = first.findall("tuv")[1]
    assert tuv.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-TW"


TWO_TUS = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="MemoQ" creationtoolversion="9" segtype="sentence"
 adminlang="en-us" srclang="en-us" o-tmf="MemoQTM" datatype="unknown"/>
<body>
<tu creationid="first" creationdate="20200101T000000Z"><prop type="x-document">a.xml</prop>
<note>one</note><tuv xml:lang="en-US"><seg>One.</seg></tuv>
<tuv xml:lang="de-DE" changeid="anna"><seg>Eins.</seg></tuv></tu>
<tu creationid="second"><prop type="x-document">a.xml</prop><prop type="client">C</prop>
<note>two</note><tuv xml:lang="en-US"><seg>Two.</seg></tuv>
<tuv xml:lang="de-DE" changeid="ben"><prop type="x-origin">TM</prop><seg>Zwei.</seg></tuv></tu>
<tu creationid="third"><tuv xml:lang="en-US"><seg>Three.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Drei.</seg></tuv></tu>
</body></tmx>
"""


def test_a_tu_merged_into_another_keeps_both_tus_metadata(tmp_path: Path) -> None:
    from workbench.core.edits import apply_edit, merge_next

    source = tmp_path / "two.tmx"
    source.write_text(TWO_TUS, encoding="utf-8")
    text, metadata = read_tmx(source)
    apply_edit(text, merge_next(text, "de-DE", 0))  # TUs 1 and 2 become one bead
    (written,) = export_tmx(text, tmp_path / "out", pairs=True, metadata=metadata)
    first, third = etree.parse(str(written)).findall("body/tu")
    assert first.get("creationid") == "first"
    assert [(p.get("type"), p.text) for p in first.findall("prop")][:2] == [
        ("x-document", "a.xml"),
        ("client", "C"),
    ]
    assert [n.text for n in first.findall("note")][:2] == ["one", "two"]
    german = first.findall("tuv")[1]
    assert german.get("changeid") == "anna"
    props = [(p.get("type"), p.text) for p in german.findall("prop")]
    assert props[0] == ("x-origin", "TM")
    assert third.get("creationid") == "third"
    assert etree.DTD(str(DTD)).validate(etree.parse(str(written)))
