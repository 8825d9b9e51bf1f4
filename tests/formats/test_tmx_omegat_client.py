"""OmegaT 3.6 fills tagged segments from our `--for-omegat` TMX and writes the same TMX itself.

The XLIFF here is a client's file with the codes CAT tools write (`g`, `x`, `bx`/`ex`,
`bpt`/`ept` with markup, `ph`, `it`, `mrk`). OmegaT translates it from a memory in `tm/auto/`:
a TU matches only when its text, tags as OmegaT names them, is OmegaT's segment.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.formats.test_real_clients import OMEGAT_JAR, needs
from tests.formats.test_xliff_clients import PROJECT
from workbench.core.inline import Code, CodeKind, codes, join, runs, visible
from workbench.formats.tmx_omegat import omegat_unit, omegat_units
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import TranslationUnit, Variant
from workbench.formats.tmx_writer import write_tmx
from workbench.formats.xliff_reader import read_xliff

SOURCES = [
    'Press <bpt id="1">&lt;i&gt;</bpt>Save<ept id="1">&lt;/i&gt;</ept> now.',
    'A <g id="5">bold</g> and <x id="7"/> gap.',
    'Value <ph id="3">%s</ph> here <it id="4" pos="open">&lt;u&gt;</it>open.',
    'Begin <bx id="8"/>in<ex id="9"/> end <ph id="10">&lt;br/&gt;</ph> fin.',
    'Num <ph id="1">{0}</ph> and <mrk mtype="term">word</mrk> done.',
    'Two <bpt id="1">&lt;b&gt;</bpt>one<ept id="1">&lt;/b&gt;</ept> '
    '<bpt id="2">&lt;a href="x"&gt;</bpt>two<ept id="2">&lt;/a&gt;</ept>.',
]
# The Spanish of each, its words and the order of its codes changed (tags can move).
WORDS = {
    "Press": "Pulse",
    "Save": "Guardar",
    "now.": "ya.",
    "A": "Una",
    "bold": "negrita",
    "and": "y",
    "gap.": "hueco.",
    "Value": "Valor",
    "here": "aquí",
    "open.": "abierto.",
    "Begin": "Inicio",
    "in": "dentro",
    "end": "fin",
    "fin.": "final.",
    "Num": "Núm",
    "word": "palabra",
    "done.": "hecho.",
    "Two": "Dos",
    "one": "uno",
    "two": "dos",
}


def _xliff(path: Path) -> None:
    body = "".join(
        f'<trans-unit id="{n}"><source>{s}</source><target>{s}</target></trans-unit>\n'
        for n, s in enumerate(SOURCES, start=1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
        '<file original="doc" source-language="en-US" target-language="es-ES" '
        f'datatype="plaintext"><body>\n{body}</body></file></xliff>\n',
        "utf-8",
    )


def _translate(text: str) -> str:
    out: list[str | Code] = []
    for run in runs(text):
        if isinstance(run, str):
            out.append(" ".join(WORDS.get(w, w) for w in run.split(" ")))
        else:
            out.append(run)
    return join(out)


def _project(root: Path) -> list[tuple[str, str]]:
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (root / sub).mkdir(parents=True)
    (root / "omegat.project").write_text(PROJECT, "utf-8")
    _xliff(root / "source" / "doc.xlf")
    _, units = read_xliff(root / "source" / "doc.xlf")
    pairs = [(u.segments[0].source, _translate(u.segments[0].source)) for u in units]
    # The second translation puts the gap before the bold word: its codes change order.
    opening, closing, gap = codes(pairs[1][0])
    pairs[1] = (pairs[1][0], join(["Un hueco ", gap, " y ", opening, "negrita", closing, "."]))
    return pairs


def _run(root: Path, home: Path, *mode: str) -> None:
    java = needs("java")
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT is not installed ({OMEGAT_JAR} missing; Debian package omegat)")
    command = [java, "-Djava.awt.headless=true", f"-Duser.home={home}", "-jar", str(OMEGAT_JAR)]
    result = subprocess.run(
        [*command, str(root), *mode, f"--config-dir={home / 'cfg'}"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


def _memory(path: Path, pairs: list[tuple[str, str]], *, for_omegat: bool) -> None:
    units = [TranslationUnit((Variant("en", (s,)), Variant("es", (t,)))) for s, t in pairs]
    write_tmx(
        path,
        omegat_units(units, "en") if for_omegat else units,
        srclang="en",
        langs=["en", "es"],
        lang_codes={"en": "en-US", "es": "es-ES"},
        creation_tool="OmegaT" if for_omegat else "workbench",
    )


def _as_omegat_shows(text: str) -> str:
    """A text whose codes hold OmegaT shortcuts, as the plain string OmegaT displays."""
    return "".join(run if isinstance(run, str) else run.native for run in runs(text))


def test_our_shortcuts_are_the_ones_omegat_gives_the_segments(tmp_path: Path) -> None:
    root = tmp_path / "project"
    pairs = _project(root)
    pseudo = tmp_path / "pseudo.tmx"
    _run(
        root,
        tmp_path / "home",
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={pseudo}",
        "--pseudotranslatetype=equal",
    )
    omegat = {v.text for unit in TmxReader(pseudo) for v in unit.variants if v.lang == "en"}
    ours = {
        _as_omegat_shows(
            omegat_unit(TranslationUnit((Variant("en", (s,)),)), "en").variants[0].text
        )
        for s, _ in pairs
    }
    assert ours == omegat


def test_omegat_fills_every_tagged_segment_from_our_tmx_and_restores_the_codes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    pairs = _project(root)
    _memory(root / "tm" / "auto" / "ours.tmx", pairs, for_omegat=True)
    _run(root, tmp_path / "home", "--mode=console-translate")
    _, units = read_xliff(root / "target" / "doc.xlf")
    for unit, (source, translation) in zip(units, pairs, strict=True):
        target = unit.segments[0].target or ""
        assert visible(target) == visible(translation)
        # The client's own codes, markup and all, where the translation put them.
        assert codes(target) == codes(translation)
        assert sorted(map(str, codes(target))) == sorted(map(str, codes(source)))


def test_a_tmx_with_our_plain_markup_fills_no_tagged_segment(tmp_path: Path) -> None:
    """Why `--for-omegat` exists: OmegaT drops another tool's tags and never matches exactly."""
    root = tmp_path / "project"
    pairs = _project(root)
    _memory(root / "tm" / "auto" / "ours.tmx", pairs, for_omegat=False)
    _run(root, tmp_path / "home", "--mode=console-translate")
    _, units = read_xliff(root / "target" / "doc.xlf")
    assert all(visible(u.segments[0].target or "") == visible(u.segments[0].source) for u in units)


def test_our_tmx_is_the_tmx_omegat_writes_for_the_same_translations(tmp_path: Path) -> None:
    root = tmp_path / "project"
    pairs = _project(root)
    ours = tmp_path / "ours.tmx"
    _memory(ours, pairs, for_omegat=True)
    shutil.copy(ours, root / "tm" / "auto" / "ours.tmx")
    _run(root, tmp_path / "home", "--mode=console-translate")
    written = root / "project-level2.tmx"  # OmegaT's own memory of the project, tags as elements

    def texts(path: Path) -> set[tuple[str, str]]:
        found = set()
        for unit in TmxReader(path):
            by_lang = {v.lang: _as_omegat_shows(v.text) for v in unit.variants}
            found.add((by_lang["en"], by_lang["es"]))
        return found

    assert texts(written) == texts(ours)
    omegat_codes = [
        (c.kind, c.native)
        for unit in TmxReader(written)
        for v in unit.variants
        for c in codes(v.text)
    ]
    assert (CodeKind.OPENING, "<i0>") in omegat_codes


def test_an_xliff_we_wrote_gets_the_same_shortcuts_from_omegat(tmp_path: Path) -> None:
    """Our own XLIFF export writes `g`, `x`, `bx`/`ex` and `mrk` as themselves, so OmegaT
    names its tags as it names the client's file's, and one `--for-omegat` TMX fits both."""
    from workbench.formats.xliff_writer import BilingualUnit, write_xliff

    root = tmp_path / "project"
    pairs = _project(root)
    ours = root / "source" / "doc.xlf"
    write_xliff(
        ours, [BilingualUnit(str(n), s, s) for n, (s, _) in enumerate(pairs)], "en-US", "es-ES"
    )
    pseudo = tmp_path / "pseudo.tmx"
    _run(
        root,
        tmp_path / "home",
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={pseudo}",
        "--pseudotranslatetype=equal",
    )
    omegat = {v.text for unit in TmxReader(pseudo) for v in unit.variants if v.lang == "en"}
    shortcuts = {
        _as_omegat_shows(
            omegat_unit(TranslationUnit((Variant("en", (s,)),)), "en").variants[0].text
        )
        for s, _ in pairs
    }
    assert shortcuts == omegat
