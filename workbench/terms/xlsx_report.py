"""Findings as an XLSX workbook (openpyxl): grouped by concept, a summary, glossary gaps.

Sheet "Findings" has one header row per concept (its id, glossary and expected terms) and
its findings below it, outlined so a reader can fold each concept; "Summary" counts findings
per concept and kind; "No equivalent" lists the glossary's concepts with no approved term
in a language. The workbook is returned as bytes: the caller writes the file.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from workbench.terms.coverage import NoEquivalent
from workbench.terms.findings import Finding, FindingKind

COLUMNS = (
    "lang",
    "kind",
    "severity",
    "expected",
    "found",
    "source",
    "target",
    "source ids",
    "target ids",
    "message",
    "glossary",
    "key",
)
_WIDTHS = (6, 13, 9, 30, 30, 60, 60, 12, 12, 40, 12, 18)


def to_xlsx(
    findings: Sequence[Finding],
    title: str = "Terminology check",
    gaps: Sequence[NoEquivalent] = (),
) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Findings"
    bold = Font(bold=True)
    group_fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = bold
    sheet.freeze_panes = "A3"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[_letter(index)].width = width
    by_concept: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_concept[finding.concept or "(no concept)"].append(finding)
    wrap = Alignment(wrap_text=True, vertical="top")
    for concept in sorted(by_concept):
        items = by_concept[concept]
        expected = next((f.expected for f in items if f.expected), ())
        glossary = next((f.glossary for f in items if f.glossary), "")
        label = f"{concept} ({len(items)})"
        sheet.append([label, "", "", " | ".join(expected), "", "", "", "", "", "", glossary])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
            cell.fill = group_fill
        for f in items:
            found = f.message if f.kind is FindingKind.INCONSISTENT else f.found
            sheet.append(
                [
                    f.lang,
                    f.kind.value,
                    f.severity.value,
                    " | ".join(f.expected),
                    found,
                    f.source_text,
                    f.target_text,
                    " ".join(f.source_ids),
                    " ".join(f.target_ids),
                    f.message,
                    f.glossary,
                    f.key,
                ]
            )
            row = sheet.max_row
            sheet.row_dimensions[row].outline_level = 1
            for cell in sheet[row]:
                cell.alignment = wrap
    sheet.auto_filter.ref = f"A2:{_letter(len(COLUMNS))}{max(2, sheet.max_row)}"

    summary = book.create_sheet("Summary")
    kinds = [k.value for k in FindingKind]
    summary.append(["concept", *kinds, "total"])
    for cell in summary[1]:
        cell.font = bold
    for concept in sorted(by_concept):
        counts = Counter(f.kind.value for f in by_concept[concept])
        summary.append([concept, *(counts.get(k, 0) for k in kinds), len(by_concept[concept])])

    missing = book.create_sheet("No equivalent")
    missing.append(["concept", "lang", "source terms", "unapproved terms"])
    for cell in missing[1]:
        cell.font = bold
    for gap in gaps:
        missing.append(
            [gap.concept, gap.lang, " | ".join(gap.source_terms), " | ".join(gap.other_terms)]
        )
    for each in (sheet, summary, missing):
        _as_text(each)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_text(sheet: Any) -> None:
    """Every string cell stays a string: openpyxl would store `=...` as a formula that runs
    when the workbook opens (formula injection); the value is shown as written instead."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))
