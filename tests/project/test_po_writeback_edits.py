"""A real catalogue is written back after its entries were segmented or merged differently."""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import polib
import pytest

from tests.project.test_real_po import keys, live
from workbench.cli import main
from workbench.core.document import Document
from workbench.core.edits import apply_edit, merge_next, merge_segments, split_segment
from workbench.formats.po import parse_catalog, plural_forms, read_po_text
from workbench.formats.po_catalog import entry_paragraphs
from workbench.project.exchange import export_po, origin_catalogs
from workbench.project.project import Project

NAUTILUS = (
    Path(__file__).resolve().parents[1] / "data" / "real" / "po" / "okapi-Test_nautilus.af.po"
)
TWO_SENTENCES = "Color for the default folder background. Only used if background_set is true."
GETTEXT = shutil.which("msgfmt") is not None and shutil.which("msgmerge") is not None


@pytest.fixture
def project(tmp_path: Path) -> Project:
    folder = tmp_path / "p"
    assert main(["import", "po", str(NAUTILUS), "--into", str(folder), "--lang", "af"]) == 0
    return Project.open(folder)


def export(project: Project, tmp_path: Path) -> tuple[Path, list[str]]:
    warnings: list[str] = []
    (written,) = export_po(
        project.text,
        tmp_path / "out" / "af.po",
        origins=origin_catalogs(project.root, ["af"]),
        warnings=warnings,
    )
    return written, warnings


def entry(path: Path, msgid: str) -> polib.POEntry:
    return next(e for e in live(path) if e.msgid == msgid)


def obsolete(path: Path) -> list[str]:
    return [e.msgid for e in polib.pofile(str(path)) if e.obsolete]


def first_segment(project: Project, msgid: str) -> int:
    document = project.text.documents["en"]
    return document.texts.index(msgid)


def bead_of(project: Project, index: int) -> int:
    beads = project.text.alignments["af"].beads
    return next(n for n, b in enumerate(beads) if index in b.source)


def check_with_gettext(written: Path, tmp_path: Path) -> None:
    if not GETTEXT:
        return
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(written)], check=False)
    assert done.returncode == 0
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "-o", str(merged), str(written), str(NAUTILUS)], check=True)
    assert keys(merged) == keys(NAUTILUS)


def test_a_pivot_entry_split_into_sentences_is_written_back(project, tmp_path: Path) -> None:
    original = entry(NAUTILUS, TWO_SENTENCES).msgstr
    index = first_segment(project, TWO_SENTENCES)
    at = TWO_SENTENCES.index(" Only") + 1
    apply_edit(project.text, split_segment(project.text, "en", index, at))
    assert project.text.documents["en"].texts[index + 1] == "Only used if background_set is true."
    written, warnings = export(project, tmp_path)
    assert warnings == []
    assert keys(written) == keys(NAUTILUS)
    assert [e.flags for e in live(written)] == [e.flags for e in live(NAUTILUS)]
    assert entry(written, TWO_SENTENCES).msgstr == original
    assert obsolete(written) == obsolete(NAUTILUS)
    check_with_gettext(written, tmp_path)


def test_split_then_merged_again_is_the_catalogue_unchanged(project, tmp_path: Path) -> None:
    index = first_segment(project, TWO_SENTENCES)
    at = TWO_SENTENCES.index(" Only") + 1
    apply_edit(project.text, split_segment(project.text, "en", index, at))
    apply_edit(project.text, merge_segments(project.text, "en", index))
    written, warnings = export(project, tmp_path)
    assert warnings == []
    assert [(e.msgid, e.msgstr, e.flags) for e in live(written)] == [
        (e.msgid, e.msgstr, e.flags) for e in live(NAUTILUS)
    ]


def test_a_bead_joining_two_entries_gives_the_first_both_translations(
    project, tmp_path: Path
) -> None:
    entries = live(NAUTILUS)
    first, second = next(
        (a, b)
        for a, b in pairwise(entries[100:])
        if all(e.msgstr and not e.msgid_plural and "fuzzy" not in e.flags for e in (a, b))
    )
    index = first_segment(project, first.msgid)
    assert project.text.documents["en"].texts[index + 1] == second.msgid
    apply_edit(project.text, merge_next(project.text, "af", bead_of(project, index)))
    written, warnings = export(project, tmp_path)
    assert len(warnings) == 1 and f":{second.linenum}:" in warnings[0]
    joined, kept = entry(written, first.msgid), entry(written, second.msgid)
    assert joined.msgstr == f"{first.msgstr} {second.msgstr}"
    assert kept.msgstr == second.msgstr
    assert "fuzzy" in joined.flags and "fuzzy" in kept.flags
    assert keys(written) == keys(NAUTILUS)
    check_with_gettext(written, tmp_path)


def test_a_plural_entry_with_a_form_split_keeps_its_forms_fuzzy(project, tmp_path: Path) -> None:
    plural = next(e for e in live(NAUTILUS) if e.msgid_plural and e.msgstr_plural.get(0))
    index = first_segment(project, plural.msgid)
    apply_edit(project.text, split_segment(project.text, "en", index, 2))
    written, warnings = export(project, tmp_path)
    assert len(warnings) == 1 and "plural entry" in warnings[0]
    after = entry(written, plural.msgid)
    assert after.msgstr_plural == plural.msgstr_plural
    assert "fuzzy" in after.flags
    others = [e for e in live(written) if e.msgid != plural.msgid]
    assert all(
        e.msgstr_plural == o.msgstr_plural
        for e, o in zip(others, [e for e in live(NAUTILUS) if e.msgid != plural.msgid], strict=True)
    )


def test_entries_are_found_by_msgid_when_a_paragraph_is_gone() -> None:
    catalog = parse_catalog(read_po_text(NAUTILUS), NAUTILUS)
    entries = [e for e in catalog if not e.obsolete and e.msgid]
    paragraphs = [[s for s, _ in plural_forms(e)] for e in entries]
    twice = [n for n, e in enumerate(entries) if e.msgid == "%s (%s)"]
    assert len(twice) == 2  # the same msgid twice: the k-th takes the k-th paragraph
    gone = 5
    document = Document("en", paragraphs[:gone] + paragraphs[gone + 1 :], "x")
    places = entry_paragraphs(entries, document)
    assert places[gone] is None
    assert places[:gone] == list(range(gone))
    assert places[gone + 1 :] == list(range(gone, len(entries) - 1))
    assert places[twice[0]] is not None and places[twice[0]] < places[twice[1]]  # type: ignore[operator]
