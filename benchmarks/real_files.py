"""Real files from other tools (tests/data/real/): imported, exported, re-read by real clients.

Run from the repository root: `python benchmarks/real_files.py [--details]`. For each file it
runs the workbench CLI in this process (import, then export), then hands the export to the
clients FORMATS.md names: TMX to `xmllint --dtdvalid` and translate-toolkit's `tmxfile`, TBX
v3 to `jing` (TBXcoreStructV03.rng) and its v2 export to translate-toolkit's `tbxfile`, PO to
`msgfmt --check` and `msgmerge` against the original. It prints one row per format and, with
`--details`, the first error line of every file that failed a step.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.cli import main as cli_main  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
TMX_DTD = ROOT / "resources" / "standards" / "tmx14.dtd"
TBX_RNG = ROOT / "tests" / "data" / "standards" / "TBXcoreStructV03.rng"


# Catalogues whose header names no Language: the language of their project.
PO_LANGS = {
    "okapi-Test_nautilus.af.po": "af",
    "okapi-Test_DrupalRussianCP1251.po": "ru",
    "omegat-file-POFilter-be.po": "be",
}
# A two-column glossary does not say its languages; these are the ones its project used.
TEXT_GLOSSARY_LANGS = {"omegat-project_CN_JP-glossary.txt": "zh-CN,ja-JP"}


@dataclass
class Outcome:
    """What happened to one file: each step's success and the first problem met."""

    path: Path
    imported: bool = False
    exported: bool = False
    reread: bool = False
    problems: list[str] = field(default_factory=list)


def run_cli(args: Sequence[str]) -> tuple[int, str]:
    """Run the workbench CLI in this process; the exit code and its stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli_main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        except Exception as exc:  # a crash is a result here, not a reason to stop
            code, err = 99, io.StringIO(f"crash: {type(exc).__name__}: {exc}")
    return code, err.getvalue().strip()


def first_line(text: str) -> str:
    """The first non-empty line of a message, shortened for the table."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def tool(args: Sequence[str]) -> tuple[bool, str]:
    """Run a client program; success and its first error line."""
    if shutil.which(args[0]) is None:
        return False, f"{args[0]} is not installed"
    done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    return done.returncode == 0, first_line(done.stderr or done.stdout)


def tmx_clients(path: Path) -> tuple[bool, str]:
    """xmllint against the TMX 1.4 DTD, then translate-toolkit reads at least one unit."""
    ok, why = tool(["xmllint", "--noout", "--dtdvalid", str(TMX_DTD), str(path)])
    if not ok:
        return False, f"xmllint: {why}"
    from translate.storage import tmx

    try:
        units = [u for u in tmx.tmxfile(path.read_bytes()).units if u.source]
    except Exception as exc:
        return False, f"translate-toolkit: {exc}"
    return (True, "") if units else (False, "translate-toolkit: no unit")


def tbx_clients(path: Path, v2: Path) -> tuple[bool, str]:
    """jing against TBX core v3, then translate-toolkit reads the v2 export's terms."""
    ok, why = tool(["jing", str(TBX_RNG), str(path)])
    if not ok:
        return False, f"jing: {why}"
    from translate.storage import tbx

    try:
        units = [u for u in tbx.tbxfile(v2.read_bytes()).units if u.source]
    except Exception as exc:
        return False, f"translate-toolkit: {exc}"
    written = concept_count(v2)
    if len(units) != written:
        return False, f"translate-toolkit: {len(units)} terms of {written} concepts"
    return True, ""


def concept_count(path: Path) -> int:
    """Concepts (termEntry, conceptEntry, conceptGrp) in a glossary file, as lxml reads it."""
    from lxml import etree

    names = {"termEntry", "conceptEntry", "conceptGrp"}
    tree = etree.parse(str(path))
    return sum(
        1 for e in tree.iter() if isinstance(e.tag, str) and etree.QName(e).localname in names
    )


def measure_tmx(path: Path, work: Path) -> Outcome:
    """import tmx, export tmx --pairs, clients on every pair file."""
    out = Outcome(path)
    project = work / "p"
    code, err = run_cli(["import", "tmx", str(path), "--into", str(project)])
    if code != 0:
        out.problems.append(f"import: {first_line(err)}")
        return out
    out.imported = True
    pairs = work / "pairs"
    pairs.mkdir()
    code, err = run_cli(["export", "tmx", str(project), "--pairs", "-o", str(pairs)])
    files = sorted(pairs.glob("*.tmx"))
    if code != 0 or not files:
        out.problems.append(f"export: {first_line(err) or 'no file written'}")
        return out
    out.exported = True
    for file in files:
        ok, why = tmx_clients(file)
        if not ok:
            out.problems.append(f"client ({file.name}): {why}")
            return out
    before, after = tmx_langs([path]), tmx_langs(files)
    if before != after:
        out.problems.append(f"languages: file has {sorted(before)}, exports {sorted(after)}")
        return out
    out.reread = True
    return out


def tmx_langs(paths: Sequence[Path]) -> set[str]:
    """The language tags (lower-cased) of every tuv in the files, as lxml reads them."""
    from lxml import etree

    langs: set[str] = set()
    for path in paths:
        for element in etree.parse(str(path)).iter():
            if isinstance(element.tag, str) and etree.QName(element).localname == "tuv":
                code = element.get("{http://www.w3.org/XML/1998/namespace}lang") or element.get(
                    "lang", ""
                )
                langs.add(code.lower())
    return langs


def measure_glossary(path: Path, work: Path) -> Outcome:
    """glossary import (-> TBX v3), glossary export --format tbx2, clients on both."""
    out = Outcome(path)
    v3 = work / "out.tbx"
    langs = (
        []
        if path.suffix.lower() in (".tbx", ".xml")
        else ["--langs", TEXT_GLOSSARY_LANGS.get(path.name, "en,fr")]
    )
    code, err = run_cli(["glossary", "import", str(path), "-o", str(v3), *langs])
    if code != 0:
        out.problems.append(f"import: {first_line(err)}")
        return out
    out.imported = True
    v2 = work / "out-v2.tbx"
    code, err = run_cli(["glossary", "export", str(v3), "-o", str(v2), "--format", "tbx2"])
    if code != 0:
        out.problems.append(f"export: {first_line(err)}")
        return out
    out.exported = True
    ok, why = tbx_clients(v3, v2)
    if not ok:
        out.problems.append(f"client: {why}")
        return out
    if path.suffix.lower() in (".tbx", ".xml") and concept_count(path) != concept_count(v2):
        out.problems.append(
            f"concepts: file has {concept_count(path)}, the export {concept_count(v2)}"
        )
        return out
    out.reread = True
    return out


def measure_po(path: Path, work: Path) -> Outcome:
    """import po, export po, msgfmt --check on the export and msgmerge with the original."""
    out = Outcome(path)
    project = work / "p"
    lang = ["--lang", PO_LANGS[path.name]] if path.name in PO_LANGS else []
    code, err = run_cli(["import", "po", str(path), "--into", str(project), *lang])
    if code != 0:
        out.problems.append(f"import: {first_line(err)}")
        return out
    out.imported = True
    folder = work / "po"
    folder.mkdir()
    code, err = run_cli(["export", "po", str(project), "-o", str(folder)])
    files = sorted(folder.glob("*.po"))
    if code != 0 or not files:
        out.problems.append(f"export: {first_line(err) or 'no file written'}")
        return out
    out.exported = True
    # msgfmt --check where the original passes it; else what a build runs, plain msgfmt.
    strict, _ = tool(["msgfmt", "--check", "-o", "/dev/null", str(path)])
    check = ["msgfmt", "--check"] if strict else ["msgfmt"]
    for file in files:
        ok, why = tool([*check, "-o", "/dev/null", str(file)])
        if not ok:
            out.problems.append(f"msgfmt ({file.name}): {why}")
            return out
        ok, why = tool(["msgmerge", "-q", "-o", "/dev/null", str(file), str(path)])
        if not ok:
            out.problems.append(f"msgmerge ({file.name}): {why}")
            return out
    before, after = po_entries([path]), po_entries(files)
    if before != after:
        out.problems.append(f"entries: file has {len(before)}, exports {len(after)}")
        return out
    out.reread = True
    return out


def po_entries(paths: Sequence[Path]) -> set[tuple[str, str, str]]:
    """(msgctxt, msgid, msgid_plural) of every live entry with a translation, as polib reads."""
    from workbench.formats.po import parse_catalog, read_po_text

    keys: set[tuple[str, str, str]] = set()
    for path in paths:
        for entry in parse_catalog(read_po_text(path), path):
            if entry.obsolete or not entry.msgid:
                continue
            if entry.translated() or "fuzzy" in entry.flags:
                keys.add((entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""))
    return keys


FORMATS: dict[str, tuple[str, Callable[[Path, Path], Outcome]]] = {
    "TMX": ("tmx", measure_tmx),
    "TBX": ("tbx", measure_glossary),
    "PO": ("po", measure_po),
    "glossary (TSV/CSV/TBX-Min/MultiTerm)": ("glossary", measure_glossary),
}


def measure_all() -> dict[str, list[Outcome]]:
    """Every real file, by format."""
    results: dict[str, list[Outcome]] = {}
    for label, (folder, measure) in FORMATS.items():
        outcomes = []
        for path in sorted((REAL / folder).iterdir()):
            if path.name.startswith(("README", ".")):
                continue
            with tempfile.TemporaryDirectory() as tmp:
                outcomes.append(measure(path, Path(tmp)))
        results[label] = outcomes
    return results


def main() -> int:
    """Print the table (and the failures with --details)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every failure")
    args = parser.parse_args()
    results = measure_all()
    print("| format | real files | imported | exported | re-read by clients |")
    print("|---|--:|--:|--:|--:|")
    for label, outcomes in results.items():
        n = len(outcomes)
        imported = sum(o.imported for o in outcomes)
        exported = sum(o.exported for o in outcomes)
        reread = sum(o.reread for o in outcomes)
        print(f"| {label} | {n} | {imported} | {exported} | {reread} |")
    if args.details:
        print()
        for outcomes in results.values():
            for o in outcomes:
                if o.problems:
                    print(f"- {o.path.relative_to(REAL)}: {o.problems[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
