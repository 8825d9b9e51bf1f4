"""PO export and import through polib: contexts, fuzzy flags, comments, round trips."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import assume, given, settings

from tests.formats.exchange_data import EN, ES, one_to_one_text, parallel_texts, sample_text
from workbench.core.alignment import BeadStatus, ParallelText
from workbench.core.errors import FormatError, InputError
from workbench.formats.po import import_po
from workbench.project.exchange import export_po

DATE = "20260101T000000Z"


def entries(path: Path) -> list[polib.POEntry]:
    return list(polib.pofile(str(path)))


def test_one_file_per_target_language(tmp_path: Path) -> None:
    paths = export_po(sample_text(), tmp_path)
    assert [p.name for p in paths] == ["en-es.po", "en-ru.po", "en-zh.po"]
    catalog = polib.pofile(str(paths[1]))
    assert catalog.metadata["Language"] == "ru_RU"
    assert catalog.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_msgctxt_is_the_bead_id_so_repeated_sentences_stay_distinct(tmp_path: Path) -> None:
    text = one_to_one_text({"en": ["Yes.", "Yes."], "es": ["Sí.", "Claro."]})
    (path,) = export_po(text, tmp_path / "x.po")
    found = entries(path)
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in found] == [
        ("1:1", "Yes.", "Sí."),
        ("2:1", "Yes.", "Claro."),
    ]


def test_unconfirmed_beads_are_fuzzy_with_status_comment(tmp_path: Path) -> None:
    (path,) = export_po(sample_text(), tmp_path, ["es"])
    found = entries(path)
    assert [e.fuzzy for e in found] == [False, False, True, False]
    assert found[2].comment.splitlines()[0] == "bead 1-2, auto, confidence 0.20"
    assert found[2].occurrences == [("en:2", "1"), ("es:2", "1"), ("es:2", "2")]


def test_target_only_bead_is_folded_into_the_previous_entry(tmp_path: Path) -> None:
    (path,) = export_po(sample_text(), tmp_path, ["es"])
    third = entries(path)[2]
    assert third.msgid == EN[1][0]
    assert third.msgstr == f"{ES[1][0]} {ES[1][1]}"


def test_one_to_zero_bead_is_an_untranslated_entry(tmp_path: Path) -> None:
    (path,) = export_po(sample_text(), tmp_path, ["zh"])
    last = entries(path)[-1]
    assert (last.msgid, last.msgstr, last.fuzzy) == (EN[1][1], "", True)


def test_only_confirmed_leaves_out_fuzzy_entries(tmp_path: Path) -> None:
    (path,) = export_po(sample_text(), tmp_path, ["es"], only_confirmed=True)
    assert len(entries(path)) == 3


def test_a_single_po_name_for_several_languages_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        export_po(sample_text(), tmp_path / "all.po")


def test_control_character_is_refused_unless_replaced(tmp_path: Path) -> None:
    text = one_to_one_text({"en": ["Be\x07ll"], "es": ["Timbre"]})
    with pytest.raises(FormatError, match=r"U\+0007"):
        export_po(text, tmp_path / "x.po")
    (path,) = export_po(text, tmp_path / "x.po", replace_invalid=True)
    assert entries(path)[0].msgid == "Be\ufffdll"


def test_import_restores_segments_paragraphs_and_status(tmp_path: Path) -> None:
    original = sample_text()
    (path,) = export_po(original, tmp_path, ["es"])
    text = import_po(path)
    assert text.documents["en"] == original.documents["en"]
    assert text.documents["es"] == original.documents["es"]
    beads = text.alignments["es"].beads
    assert [(b.source, b.target) for b in beads] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2, 3)),
        ((3,), (4,)),
    ]
    assert beads[2].status is BeadStatus.AUTO
    assert beads[1].confidence == pytest.approx(0.97)


def test_import_of_a_plain_po_without_our_comments(tmp_path: Path) -> None:
    path = tmp_path / "plain.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Open"\nmsgstr "Открыть"\n\n#, fuzzy\nmsgid "Close"\nmsgstr "Закрыть"\n\n'
        'msgid "Save"\nmsgstr ""\n\n#~ msgid "Old"\n#~ msgstr "Старый"\n',
        "utf-8",
    )
    text = import_po(path)
    assert text.target_langs == ["ru"]
    assert text.documents["ru"].texts == ["Открыть", "Закрыть"]
    statuses = [b.status for b in text.alignments["ru"].beads]
    assert statuses == [BeadStatus.CONFIRMED, BeadStatus.AUTO, BeadStatus.AUTO]


@settings(max_examples=60, deadline=None)
@given(parallel_texts(("es",)))
def test_export_import_export_gives_the_same_bytes(text: ParallelText) -> None:
    # A catalogue with no translation at all is a template, which import refuses on purpose.
    assume(any(b.source and b.target for b in text.alignments["es"].beads))
    with tempfile.TemporaryDirectory() as folder:
        (first,) = export_po(text, Path(folder) / "a.po", creationdate=DATE)
        again = import_po(first)
        (second,) = export_po(again, Path(folder) / "b.po", creationdate=DATE)
        assert first.read_bytes() == second.read_bytes()


@settings(max_examples=30, deadline=None)
@given(parallel_texts(("zh",)))
def test_chinese_round_trip_joins_without_spaces(text: ParallelText) -> None:
    assume(any(b.source and b.target for b in text.alignments["zh"].beads))
    with tempfile.TemporaryDirectory() as folder:
        (first,) = export_po(text, Path(folder) / "a.po", creationdate=DATE)
        again = import_po(first)
        assert again.documents["zh"].texts == text.documents["zh"].texts
