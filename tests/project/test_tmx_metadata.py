"""TMX header and TU props, notes and attributes: kept by import tmx, written back by export."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from workbench.cli import main
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
