"""The bundled SCO 2006 project: reviewed alignments, and TMX exports made from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.align.evaluate import read_links
from workbench.project.exchange import export_tmx
from workbench.project.project import Project

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "sco-2006"
DATE = "20261129T120000Z"


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.open(ROOT)


def test_every_pair_is_stored_and_every_bead_confirmed(project: Project) -> None:
    assert set(project.text.alignments) == {"es", "ru", "zh"}
    for alignment in project.text.alignments.values():
        assert alignment.beads and all(b.is_confirmed for b in alignment.beads)


@pytest.mark.parametrize("lang", ["es", "ru", "zh"])
def test_reviewed_alignment_equals_the_independent_hand_alignment(
    project: Project, lang: str
) -> None:
    # benchmarks/data/sco-2006 was aligned by hand by another reader, on the same segments.
    for code in ("en", lang):
        lines = (GOLD / f"{code}.txt").read_text(encoding="utf-8").split("\n")
        assert [line for line in lines if line.strip()] == project.text.documents[code].texts
    beads = [(b.source, b.target) for b in project.text.alignments[lang].beads]
    assert beads == read_links(GOLD / f"en-{lang}.align")


@pytest.mark.parametrize(
    "name, pairs",
    [("sco-2006.tmx", False), ("sco-2006-en-es.tmx", True), ("sco-2006-en-zh.tmx", True)],
)
def test_tmx_folder_holds_the_current_exports(
    project: Project, tmp_path: Path, name: str, pairs: bool
) -> None:
    fresh = export_tmx(project.text, tmp_path / "sco-2006.tmx", pairs=pairs, creationdate=DATE)
    made = {p.name: p.read_bytes() for p in fresh}
    assert (ROOT / "tmx" / name).read_bytes() == made[name]
    dtd = etree.DTD(str(ROOT / "resources" / "standards" / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(ROOT / "tmx" / name)))
