"""PO catalogues software teams keep (tests/data/real/po): imported, exported back, merged."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from workbench.cli import main
from workbench.core.alignment import Alignment, BeadStatus
from workbench.core.errors import FormatError
from workbench.formats.po import (
    import_po,
    live_entries,
    parse_catalog,
    portable_charset,
    read_po_text,
    set_charset,
)
from workbench.formats.po_catalog import write_into_catalog

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "po"
# Catalogues whose header names no Language: the language their project uses.
LANGS = {
    "okapi-Test_nautilus.af.po": "af",
    "okapi-Test_DrupalRussianCP1251.po": "ru",
    "omegat-file-POFilter-be.po": "be",
}
# okapi-msgctxt_notes.po has no `msgid ""` header entry: msgfmt refuses it, so do we.
# okapi-plurals.po translates nothing: a template, which a project (two texts) cannot hold.
LEFT_OUT = ("okapi-msgctxt_notes.po", "okapi-plurals.po")
CATALOGS = sorted(p for p in REAL.glob("*.po") if p.name not in LEFT_OUT)
GETTEXT = shutil.which("msgfmt") is not None and shutil.which("msgmerge") is not None


def live(path: Path) -> list[polib.POEntry]:
    """The live entries of a catalogue, read as the import reads it."""
    return live_entries(parse_catalog(read_po_text(path), path))


def keys(path: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(msgctxt, msgid, msgid_plural, references) of every live entry, in order."""
    return [
        (e.msgctxt or "", e.msgid, e.msgid_plural or "", tuple(f for f, _ in e.occurrences))
        for e in live(path)
    ]


def round_trip(path: Path, tmp_path: Path) -> Path:
    project = tmp_path / "p"
    lang = ["--lang", LANGS[path.name]] if path.name in LANGS else []
    assert main(["import", "po", str(path), "--into", str(project), *lang]) == 0
    out = tmp_path / "out"
    assert main(["export", "po", str(project), "-o", str(out)]) == 0
    (written,) = out.glob("*.po")
    return written


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_export_keeps_every_context_reference_and_plural_of_the_catalogue(
    path: Path, tmp_path: Path
) -> None:
    written = round_trip(path, tmp_path)
    assert keys(written) == keys(path)
    assert [e.flags for e in live(written)] == [e.flags for e in live(path)]


def reference(path: Path, tmp_path: Path) -> Path:
    """The catalogue as msgmerge's reference: in UTF-8 when gettext would refuse its charset.

    gettext 0.22 and later refuse a reference in a non-portable charset ("windows-1251") or
    one not in UTF-8 with non-ASCII text; 0.21 only warned. That is the original file's
    matter, not the export's: the export itself is checked as written.
    """
    catalog = parse_catalog(read_po_text(path), path)
    if (catalog.encoding or "utf-8").upper().replace("_", "-") in {"UTF-8", "ASCII", "US-ASCII"}:
        return path
    set_charset(catalog, "UTF-8")
    copy = tmp_path / f"reference-{path.name}"
    catalog.save(str(copy))
    return copy


@pytest.mark.parametrize(
    ("given", "portable"),
    [
        ("windows-1251", "CP1251"),
        ("CP1251", "CP1251"),
        ("ISO8859-1", "ISO-8859-1"),
        ("latin1", "ISO-8859-1"),
        ("utf8", "UTF-8"),
        ("SJIS", "SHIFT_JIS"),
        ("mac-roman", "UTF-8"),  # no portable name: the catalogue is written in UTF-8
        ("x-unknown", "UTF-8"),
    ],
)
def test_charsets_are_written_under_names_every_gettext_accepts(given: str, portable: str) -> None:
    assert portable_charset(given) == portable


@pytest.mark.parametrize(
    ("name", "charset"),
    [
        ("okapi-Test_DrupalRussianCP1251.po", "CP1251"),  # the file says windows-1251
        ("omegat-file-POFilter-fuzzyCtx-plural.po", "ISO-8859-1"),  # the file says ISO8859-1
    ],
)
def test_the_export_names_its_charset_portably_and_keeps_the_encoding(
    name: str, charset: str, tmp_path: Path
) -> None:
    written = round_trip(REAL / name, tmp_path)
    catalog = polib.pofile(str(written))
    assert f"charset={charset}" in catalog.metadata["Content-Type"]
    assert catalog.encoding == charset
    # The bytes are in that encoding: the translations read back as the original's.
    assert [e.msgstr for e in live(written)] == [e.msgstr for e in live(REAL / name)]


@pytest.mark.skipif(not GETTEXT, reason="gettext is not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_msgmerge_and_msgfmt_take_the_export_back(path: Path, tmp_path: Path) -> None:
    written = round_trip(path, tmp_path)
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)
    args = ["msgfmt", "--check"] if check.returncode == 0 else ["msgfmt"]
    done = subprocess.run([*args, "-o", "/dev/null", str(written)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    merged = tmp_path / "merged.po"
    done = subprocess.run(
        ["msgmerge", "-q", "-o", str(merged), str(written), str(reference(path, tmp_path))],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert keys(merged) == keys(path)


def test_plural_entries_import_every_form() -> None:
    text = import_po(REAL / "weblate-cs-plural.po")
    assert text.documents["cs"].texts == ["Ahoj světe!\n", "Ahoj světy!\n", "Ahoj světy!\n"]
    assert text.documents["en"].texts == ["Hello, world!\n", "Hello, worlds!\n", "Hello, worlds!\n"]


def test_nautilus_plurals_are_read_not_skipped() -> None:
    warnings: list[str] = []
    text = import_po(REAL / "okapi-Test_nautilus.af.po", lang="af", warnings=warnings)
    assert not any("plural" in w for w in warnings)
    plurals = sum(
        1 for e in polib.pofile(str(REAL / "okapi-Test_nautilus.af.po")) if e.msgid_plural
    )
    assert plurals == 59
    entries = sum(
        1
        for e in polib.pofile(str(REAL / "okapi-Test_nautilus.af.po"))
        if e.msgid and not e.obsolete
    )
    assert len(text.documents["en"].paragraphs) == entries


def test_a_bare_comment_as_drupal_writes_it_is_read() -> None:
    text = import_po(REAL / "okapi-Test_DrupalRussianCP1251.po", lang="ru")
    assert any("Русск" in t or "ы" in t for t in text.documents["ru"].texts)


def test_confirming_an_entry_takes_its_fuzzy_flag_off(tmp_path: Path) -> None:
    source = REAL / "omegat-file-POFilter-be.po"
    text = import_po(source, lang="be")
    alignment = text.alignments["be"]
    before = [e for e in polib.pofile(str(source)) if e.msgid and not e.obsolete]
    assert any("fuzzy" in e.flags and e.msgstr for e in before)
    confirmed = Alignment(
        alignment.source,
        alignment.target,
        [replace(b, status=BeadStatus.CONFIRMED) for b in alignment.beads],
    )
    out = tmp_path / "be.po"
    write_into_catalog(out, confirmed, source)
    after = [e for e in polib.pofile(str(out)) if e.msgid and not e.obsolete]
    assert not any("fuzzy" in e.flags for e in after if e.translated() or e.msgstr_plural)
    assert [e.flags for e in after] != [e.flags for e in before]
    assert "c-format" in {f for e in after for f in e.flags}


def test_unconfirmed_beads_export_as_fuzzy(tmp_path: Path) -> None:
    source = REAL / "weblate-cs-plural.po"
    text = import_po(source)
    alignment = text.alignments["cs"]
    auto = Alignment(
        alignment.source,
        alignment.target,
        [replace(b, status=BeadStatus.AUTO) for b in alignment.beads],
    )
    out = tmp_path / "cs.po"
    write_into_catalog(out, auto, source)
    (entry,) = [e for e in polib.pofile(str(out)) if e.msgid]
    assert "fuzzy" in entry.flags and entry.msgstr_plural[2] == "Ahoj světy!\n"


def test_a_catalogue_without_header_entry_is_refused() -> None:
    with pytest.raises(FormatError):
        import_po(REAL / "okapi-msgctxt_notes.po", lang="fr")


def test_a_catalogue_with_no_translation_is_refused_with_a_reason() -> None:
    with pytest.raises(FormatError, match="has a translation"):
        import_po(REAL / "okapi-plurals.po", lang="fr")
