"""Reports: JSON fields, TSV columns, text summary, self-contained HTML with highlights."""

from __future__ import annotations

import json

import pytest

from tests.terms.factories import D, P, concept, parallel
from workbench.terms.drift import Finding, check_drift
from workbench.terms.glossary import Glossary
from workbench.terms.report import TSV_COLUMNS, render

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("es", "seguridad informática", D),
        )
    ]
)


@pytest.fixture
def findings() -> list[Finding]:
    text = parallel(
        ["Information security & more."], {"es": ["La «seguridad informática» & <más>."]}
    )
    return check_drift(text, GLOSSARY)


def test_json_is_a_list_with_the_documented_fields(findings: list[Finding]) -> None:
    records = json.loads(render(findings, "json"))
    assert [(r["lang"], r["kind"], r["concept"], r["found"]) for r in records] == [
        ("es", "deprecated", "infosec", "seguridad informática")
    ]
    assert records[0]["source_ids"] == ["1:1"] and records[0]["target_ids"] == ["1:1"]


def test_tsv_has_a_header_and_one_line_per_finding(findings: list[Finding]) -> None:
    lines = render(findings, "tsv").splitlines()
    assert lines[0].split("\t") == list(TSV_COLUMNS)
    assert len(lines) == 2 and len(lines[1].split("\t")) == len(TSV_COLUMNS)


def test_html_escapes_text_and_highlights_terms(findings: list[Finding]) -> None:
    page = render(findings, "html", "Check <1>")
    assert "<title>Check &lt;1&gt;</title>" in page
    assert '«<mark class="tgt">seguridad informática</mark>» &amp; &lt;más&gt;.' in page
    assert '<mark class="src">Information security</mark> &amp; more.' in page
    assert '<h2 id="infosec">infosec</h2>' in page


def test_text_report_summarises(findings: list[Finding]) -> None:
    report = render(findings, "text")
    assert "es error deprecated [infosec]" in report
    assert report.rstrip().endswith("1 findings: 1 deprecated")
    assert render([], "text") == "No terminology findings.\n"


def test_unknown_format_is_refused(findings: list[Finding]) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(findings, "xml")
