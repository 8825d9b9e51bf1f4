"""XLSX report grouped by concept, and the report of concepts with no target equivalent."""

from __future__ import annotations

import io

import pytest

from tests.terms.factories import A, D, P, concept, parallel
from workbench.terms.coverage import no_equivalents, to_text
from workbench.terms.drift import Finding, check_drift
from workbench.terms.glossary import Glossary
from workbench.terms.report import render, render_bytes

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("es", "seguridad informática", D),
            ("ru", "безопасность информации", D),
        ),
        concept("ict", ("en", "ICT", P), ("es", "TIC", P), ("zh", "信息通信技术", A)),
    ]
)


@pytest.fixture
def findings() -> list[Finding]:
    text = parallel(
        ["Information security and ICT.", "ICT again."],
        {"es": ["La seguridad informática y las TIC.", "Otra vez."]},
    )
    return check_drift(text, GLOSSARY)


def _rows(data: bytes, sheet: str) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_xlsx_groups_findings_under_a_row_per_concept(findings: list[Finding]) -> None:
    from openpyxl import load_workbook

    data = render_bytes(findings, "xlsx", "Check", no_equivalents(GLOSSARY))
    rows = _rows(data, "Findings")
    assert rows[0][0] == "Check" and rows[1][:3] == ["lang", "kind", "severity"]
    groups = [r[0] for r in rows[2:] if r[1] in ("", None)]
    assert groups == ["ict (1)", "infosec (1)"]
    kinds = [r[1] for r in rows[2:] if r[1] not in ("", None)]
    assert kinds == ["missing", "deprecated"]
    sheet = load_workbook(io.BytesIO(data))["Findings"]
    assert sheet.row_dimensions[4].outline_level == 1  # a finding row folds under its concept
    assert sheet.row_dimensions[3].outline_level == 0


def test_xlsx_summary_counts_per_concept_and_kind(findings: list[Finding]) -> None:
    rows = _rows(render_bytes(findings, "xlsx"), "Summary")
    header = rows[0]
    by_concept = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_concept["infosec"]["deprecated"] == 1 and by_concept["infosec"]["total"] == 1
    assert by_concept["ict"]["missing"] == 1


def test_concepts_with_no_approved_equivalent_per_language() -> None:
    gaps = no_equivalents(GLOSSARY)
    assert [(g.concept, g.lang, g.other_terms) for g in gaps] == [
        ("infosec", "ru", ("безопасность информации (deprecated)",)),
        ("infosec", "zh", ()),
        ("ict", "ru", ()),
    ]
    assert gaps[0].source_terms == ("information security",)
    assert no_equivalents(GLOSSARY, ["es"]) == []
    assert to_text(gaps).splitlines()[1] == (
        "infosec\tru\tinformation security\tбезопасность информации (deprecated)"
    )


def test_the_gaps_sheet_lists_them(findings: list[Finding]) -> None:
    rows = _rows(render_bytes(findings, "xlsx", gaps=no_equivalents(GLOSSARY)), "No equivalent")
    assert rows[0] == ["concept", "lang", "source terms", "unapproved terms"]
    assert [r[:2] for r in rows[1:]] == [["infosec", "ru"], ["infosec", "zh"], ["ict", "ru"]]


def test_text_formats_render_as_utf8_bytes_too(findings: list[Finding]) -> None:
    assert render_bytes(findings, "json") == render(findings, "json").encode("utf-8")
    with pytest.raises(ValueError, match="binary"):
        render(findings, "xlsx")


def test_a_target_that_looks_like_a_formula_stays_text() -> None:
    text = parallel(["ICT."], {"es": ['=HYPERLINK("http://x")']})
    data = render_bytes(check_drift(text, GLOSSARY), "xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data))["Findings"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)
